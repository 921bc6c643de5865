//! The app's only global state: which vault folder, the unlocked vault (if any), and the idle
//! timer that locks it.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use attune::backup::automatic::{self, BackupState};
use attune::vault::keyring::OsKeyring;
use attune::vault::{IdleTimer, Vault};
use attune::{Error, ErrorReport};
use chrono::Utc;

/// Shared by every command.
pub struct AppState {
    /// The vault folder: the platform data folder's `attune/`, or a demo's temporary one.
    dir: Mutex<PathBuf>,
    /// The OS keyring for "remember on this device".
    pub keyring: OsKeyring,
    vault: Mutex<Option<Vault>>,
    idle: Mutex<IdleTimer>,
    /// When the process started, for the start-up time the first screen reports.
    started: Instant,
    /// What was finished or rolled back at start (an interrupted restore or passphrase change).
    recovered: Vec<String>,
}

fn guard<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A command that panicked cannot leave the vault handle half-changed; keep serving.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn new(dir: PathBuf, recovered: Vec<String>) -> Self {
        AppState {
            recovered,
            dir: Mutex::new(dir),
            keyring: OsKeyring,
            vault: Mutex::new(None),
            idle: Mutex::new(IdleTimer::new(Duration::from_secs(600), Instant::now())),
            started: Instant::now(),
        }
    }

    /// What was finished or rolled back at start, one sentence each.
    pub fn recovered(&self) -> Vec<String> {
        self.recovered.clone()
    }

    /// How long the window took to show its first screen (unlock or create).
    pub fn since_start(&self) -> Duration {
        self.started.elapsed()
    }

    /// Notes a stage of start-up with the time since start: in the log, and on standard error
    /// when `ATTUNE_REPORT_START` is set (`make bench-window` reads the stages there).
    pub fn report_stage(&self, stage: &str) {
        let ms = self.since_start().as_millis();
        tracing::info!(ms, stage, "start-up");
        if std::env::var_os("ATTUNE_REPORT_START").is_some() {
            eprintln!("attune-desktop: {stage} after {ms} ms");
        }
    }

    /// The vault folder in use.
    pub fn dir(&self) -> PathBuf {
        guard(&self.dir).clone()
    }

    /// Opens a vault from another folder (the demo practice) in place of the current one.
    pub fn open_elsewhere(&self, dir: PathBuf, vault: Vault) -> Result<(), ErrorReport> {
        self.lock()?;
        *guard(&self.dir) = dir;
        self.open(vault)
    }

    /// Runs `f` with the unlocked vault, or says it is locked.
    pub fn with_vault<T>(
        &self,
        f: impl FnOnce(&mut Vault) -> attune::Result<T>,
    ) -> Result<T, ErrorReport> {
        self.touch();
        let mut slot = guard(&self.vault);
        let vault = slot.as_mut().ok_or(Error::Locked)?;
        Ok(f(vault)?)
    }

    /// The unlocked vault, for read-only uses that must not fail when locked.
    pub fn peek<T>(&self, f: impl FnOnce(Option<&Vault>) -> T) -> T {
        f(guard(&self.vault).as_ref())
    }

    /// Keeps a freshly unlocked vault, and sets the idle limit from its settings.
    pub fn open(&self, vault: Vault) -> Result<(), ErrorReport> {
        let minutes = attune::store::practice::settings(&vault)?.auto_lock_minutes;
        self.set_idle_limit(minutes);
        self.touch();
        let previous = guard(&self.vault).replace(vault);
        if let Some(previous) = previous {
            previous.lock()?;
        }
        Ok(())
    }

    /// Makes the automatic backup (when one is set up), then locks the vault. A failed
    /// backup never keeps the vault open: its sentence is returned for the window to show.
    pub fn lock(&self) -> Result<Option<String>, ErrorReport> {
        Ok(self.close()?)
    }

    /// [`AppState::lock`] with the core's error, for use inside core calls.
    pub fn close(&self) -> attune::Result<Option<String>> {
        let Some(mut vault) = guard(&self.vault).take() else {
            return Ok(None);
        };
        let warning = automatic::run(&mut vault, Utc::now(), &mut |_, _| {})
            .err()
            .map(|e| format!("The vault is locked, but its automatic backup failed: {e}"));
        vault.lock()?;
        Ok(warning)
    }

    /// Makes the daily automatic backup if it is due; never counts as activity.
    pub fn back_up_if_due(&self) -> Result<(), ErrorReport> {
        let pending = {
            let mut slot = guard(&self.vault);
            match slot.as_mut() {
                Some(vault) if automatic::due(vault, Utc::now())? => {
                    automatic::prepare(vault, Utc::now(), &mut |_, _| {})?
                }
                _ => None,
            }
        };
        if let Some(pending) = pending {
            self.finish_backup(pending)?;
        }
        Ok(())
    }

    /// "Back up now": the vault is held while its pages are sealed, not while the file is put
    /// in place and the folder rotated.
    pub fn back_up_now(
        &self,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<BackupState, ErrorReport> {
        let pending = self.with_vault(|v| automatic::prepare_now(v, Utc::now(), progress))?;
        self.finish_backup(pending)?;
        self.with_vault(|v| automatic::state(v, Utc::now()))
    }

    fn finish_backup(&self, pending: automatic::Pending) -> Result<(), ErrorReport> {
        let written = pending.write()?;
        // Locked meanwhile: the file is written; the next unlock simply shows an older date.
        if let Some(vault) = guard(&self.vault).as_mut() {
            automatic::record_written(vault, &written)?;
        }
        Ok(())
    }

    /// The therapist did something.
    pub fn touch(&self) {
        guard(&self.idle).touch(Instant::now());
    }

    pub fn set_idle_limit(&self, minutes: u32) {
        guard(&self.idle).set_limit(Duration::from_secs(u64::from(minutes) * 60));
    }

    /// Locks the vault if it is unlocked and idle past its limit; true if it did.
    pub fn lock_if_idle(&self) -> bool {
        let expired = guard(&self.idle).expired(Instant::now());
        let unlocked = guard(&self.vault).is_some();
        if expired && unlocked {
            match self.lock() {
                Ok(Some(warning)) => tracing::warn!("{warning}"),
                Ok(None) => {}
                Err(e) => {
                    tracing::error!(code = ?e.code, "auto-lock failed to close the vault cleanly")
                }
            }
            return true;
        }
        false
    }
}
