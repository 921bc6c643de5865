//! Moving a booked session to a new time or length, or calling it off, before it has begun.

use chrono::{DateTime, Duration, Utc};

use super::{read_clock, read_session, refuse_if_signed, write_session};
use crate::error::{Error, Result};
use crate::model::{CalledOff, Session, SessionStatus};
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

/// Calls off a session that has not begun: cancelled (with her reason, who called it off and
/// when she was told) or missed (nobody came). The fee the schedule says now is kept with it
/// ([`crate::billing::fees::missed_fee`]), unless she waives it.
///
/// # Errors
/// [`Error::Invalid`] when the status is not cancelled or no-show, the session has begun or was
/// already called off, no reason is given for a cancellation, or she was told in the future.
#[tracing::instrument(skip(vault, called_off), err)]
pub fn call_off(
    vault: &mut Vault,
    id: &str,
    status: SessionStatus,
    called_off: &CalledOff,
    now: DateTime<Utc>,
) -> Result<Session> {
    let refuse = |field: &str, why: &str| Err(Error::invalid(field, why));
    if !matches!(status, SessionStatus::Cancelled | SessionStatus::NoShow) {
        return refuse(
            "status",
            "A session is called off as cancelled or as a no-show.",
        );
    }
    if called_off.at > now + Duration::minutes(1) {
        return refuse(
            "called_off.at",
            "When you were told is in the future; say when the client let you know.",
        );
    }
    let tx = vault.conn_mut().transaction()?;
    let before = read_session(&tx, id)?;
    refuse_if_signed(&tx, id)?;
    if before.status != SessionStatus::Scheduled || !read_clock(&tx, id)?.is_empty() {
        return refuse(
            "status",
            "Only a session that has not begun, and is not already called off, can be called off.",
        );
    }
    let reason = match called_off.reason.trim() {
        "" if status == SessionStatus::NoShow => "Nobody came".to_owned(),
        text => text.to_owned(),
    };
    let fee = store::billing::missed_fee_in(&tx, &before, status, called_off.by, called_off.at)?;
    let after = Session {
        status,
        called_off: Some(CalledOff {
            reason,
            fee: fee.fee,
            ..called_off.clone()
        }),
        ..before
    };
    first_problem(
        rules::sessions::called_off_problem(&after)
            .into_iter()
            .collect(),
    )?;
    write_session(&tx, &after)?;
    audit::append(
        &tx,
        if status == SessionStatus::Cancelled {
            "session.cancelled"
        } else {
            "session.no_show"
        },
        &format!("session:{id}"),
        "status,called_off",
    )?;
    tx.commit()?;
    Ok(after)
}
