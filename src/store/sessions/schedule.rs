//! Moving a booked session: a new time or length, before it has begun.

use chrono::{DateTime, Utc};

use super::{read_clock, read_session, refuse_if_signed, write_session};
use crate::error::{Error, Result};
use crate::model::{Session, SessionStatus};
use crate::store::{audit, first_problem};
use crate::vault::Vault;
use crate::{rules, store};

/// Moves a session that has not begun to `start`, lasting `minutes`. Its clock, notes and
/// everything else stay as they are; the audit log records the move.
///
/// # Errors
/// [`Error::Invalid`] when the session has begun (its times are what the clock recorded), was
/// cancelled or missed (book a new one), or the new length is impossible.
#[tracing::instrument(skip(vault), err)]
pub fn reschedule(
    vault: &mut Vault,
    id: &str,
    start: DateTime<Utc>,
    minutes: u32,
) -> Result<Session> {
    let tx = vault.conn_mut().transaction()?;
    let before = read_session(&tx, id)?;
    refuse_if_signed(&tx, id)?;
    let refuse = |why: &str| Err(Error::invalid("scheduled_at", why));
    if before.status != SessionStatus::Scheduled || !read_clock(&tx, id)?.is_empty() {
        return match before.status {
            SessionStatus::Cancelled | SessionStatus::NoShow => refuse(
                "This session was cancelled or missed, so it cannot move: book a new one instead.",
            ),
            _ => refuse(
                "This session has begun, so its time is what the clock recorded and cannot move.",
            ),
        };
    }
    let moved = Session {
        scheduled_at: start,
        planned_minutes: minutes,
        ..before.clone()
    };
    first_problem(rules::sessions::session_problems(
        &moved,
        &super::members(&tx, &moved)?,
    ))?;
    write_session(&tx, &moved)?;
    audit::append(
        &tx,
        "session.rescheduled",
        &format!("session:{id}"),
        &format!(
            "from {} ({} min) to {} ({} min)",
            store::sessions::instant(before.scheduled_at),
            before.planned_minutes,
            store::sessions::instant(start),
            minutes
        ),
    )?;
    tx.commit()?;
    Ok(moved)
}
