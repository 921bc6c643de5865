//! One window for her vault: a second launch brings the running window to the front instead of
//! opening the vault beside it.
//!
//! The running window owns a well-known name on the session bus and answers `Raise` there. A
//! launch that finds the name taken asks its owner to come forward and, once it has answered,
//! ends. Tauri's single-instance plugin did the same, but failed the launch when the owner was
//! a window still closing (its name not yet released, its answer never coming): opening Attune
//! again right after closing it said "cannot open its window". Here a call left unanswered, or
//! answered "closing", is asked again until the closing window has gone and the name is free.

use std::time::{Duration, Instant};

use zbus::blocking::{connection, Connection};

const NAME: &str = "app.attune.desktop.Window";
const PATH: &str = "/app/attune/desktop/Window";
const INTERFACE: &str = "app.attune.desktop.Window";
/// How long one call to the running window waits for its answer.
const ANSWER_WITHIN: Duration = Duration::from_secs(2);
/// How long a launch keeps asking before it says the running window does not answer.
const GIVE_UP_AFTER: Duration = Duration::from_secs(12);
const ASK_AGAIN_AFTER: Duration = Duration::from_millis(100);

/// What a launch found.
pub enum Launch {
    /// No other window: this one holds the name until it closes.
    First(Instance),
    /// The running window came forward: this launch has nothing more to do.
    HandedOver,
    /// No session bus (a console session, a broken desktop): nothing to hand over to.
    Alone,
}

/// The name this window holds on the session bus.
#[derive(Clone)]
pub struct Instance(Connection);

/// The running window neither answered nor went away.
#[derive(Debug, thiserror::Error)]
#[error(
    "Attune is already open, but its window has not answered for {0} seconds. If it is stuck, \
     close it (or end it in the system monitor), then open Attune again."
)]
pub struct NotAnswering(u64);

/// Takes the window's name, or hands over to the window that holds it.
///
/// # Errors
/// [`NotAnswering`] when a window holds the name but neither answers nor closes.
pub fn claim() -> Result<Launch, NotAnswering> {
    let started = Instant::now();
    loop {
        match take_name() {
            Ok(connection) => return Ok(Launch::First(Instance(connection))),
            Err(zbus::Error::NameTaken) => {}
            Err(e) => {
                eprintln!("Attune found no session bus to share a window over ({e}); starting.");
                return Ok(Launch::Alone);
            }
        }
        match ask_to_raise() {
            Ok(()) => return Ok(Launch::HandedOver),
            Err(_) if started.elapsed() < GIVE_UP_AFTER => std::thread::sleep(ASK_AGAIN_AFTER),
            Err(_) => return Err(NotAnswering(GIVE_UP_AFTER.as_secs())),
        }
    }
}

fn take_name() -> zbus::Result<Connection> {
    connection::Builder::session()?
        .name(NAME)?
        .replace_existing_names(false)
        .allow_name_replacements(false)
        .build()
}

fn ask_to_raise() -> zbus::Result<()> {
    let connection = connection::Builder::session()?
        .method_timeout(ANSWER_WITHIN)
        .build()?;
    connection.call_method(Some(NAME), PATH, Some(INTERFACE), "Raise", &())?;
    Ok(())
}

impl Instance {
    /// Answers later launches with `raise`, which brings the window forward and says whether
    /// there was one (none: the window is closing, and the launch asks again).
    pub fn answer_with(&self, raise: impl Fn() -> bool + Send + Sync + 'static) {
        let served = self.0.object_server().at(PATH, Raise(Box::new(raise)));
        if let Err(e) = served {
            eprintln!("Attune cannot answer a second launch ({e}); it would wait, then refuse.");
        }
    }

    /// Gives the name up as the window closes, so that a launch meanwhile starts at once
    /// instead of asking a window that is going away.
    pub fn release(&self) {
        let _ = self.0.release_name(NAME);
    }
}

struct Raise(Box<dyn Fn() -> bool + Send + Sync>);

#[zbus::interface(name = "app.attune.desktop.Window")]
impl Raise {
    fn raise(&self) -> zbus::fdo::Result<()> {
        if (self.0)() {
            Ok(())
        } else {
            Err(zbus::fdo::Error::Failed("the window is closing".into()))
        }
    }
}
