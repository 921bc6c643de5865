//! The calendar's sessions, loaded for [`crate::calendar`].

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{clients, practice, sessions};
use crate::calendar::{self, Entry, Titles};
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::zone::Zone;

/// The sessions booked from the first day to the last (both included, days in the practice's
/// zone), titled as chosen.
///
/// # Errors
/// [`Error::Invalid`] when the first day is after the last.
pub fn entries_between(
    vault: &Vault,
    first: NaiveDate,
    last: NaiveDate,
    titles: Titles,
) -> Result<Vec<Entry>> {
    if first > last {
        return Err(Error::invalid(
            "from",
            format!("The first day ({first}) is after the last ({last})."),
        ));
    }
    let zone = Zone::of(&practice::settings(vault)?);
    let after_last = last.succ_opt().unwrap_or(last);
    let booked =
        sessions::sessions_between(vault, zone.start_of(first), zone.start_of(after_last))?;
    let persons: HashMap<_, _> = clients::persons(vault)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    Ok(calendar::entries(&booked, &persons, titles, zone))
}

/// Writes her calendar from the first day to the last as an iCalendar file she imports into
/// her own calendar (a save dialog has asked where, and whether to replace); how many sessions
/// it holds.
///
/// # Errors
/// As [`entries_between`]; [`Error::Io`] when the file cannot be written (nothing is left
/// half-written).
pub fn export_ics(
    vault: &Vault,
    first: NaiveDate,
    last: NaiveDate,
    titles: Titles,
    path: &std::path::Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize> {
    use std::io::Write;
    let entries = entries_between(vault, first, last, titles)?;
    let text = calendar::ics(&entries, now);
    crate::files::write_durably(path, crate::files::Existing::Replace, |mut out| {
        out.write_all(text.as_bytes())
            .map_err(Error::io("write the calendar"))?;
        Ok(out)
    })?;
    Ok(entries.len())
}

/// A session that a booking or a move would overlap, said for her.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ClashSeen {
    /// The session already booked.
    pub session_id: String,
    /// What the warning says.
    pub message: String,
}

/// The sessions `draft` (new or moved) would overlap: her own time, and anyone booked twice.
///
/// # Errors
/// Only reading the vault.
pub fn clashes_with(vault: &Vault, draft: &crate::model::Session) -> Result<Vec<ClashSeen>> {
    use crate::rules::schedule;
    let settings = practice::settings(vault)?;
    let zone = Zone::of(&settings);
    // A dosing's observation can reach past its planned end; a day either side is ample.
    let observation = settings.schedule.observation_minutes;
    let (start, end) = schedule::busy(draft, observation);
    let near = sessions::sessions_between(
        vault,
        start - chrono::Duration::days(1),
        end + chrono::Duration::days(1),
    )?;
    let persons: HashMap<_, _> = clients::persons(vault)?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let entries: HashMap<_, _> = calendar::entries(&near, &persons, Titles::Names, zone)
        .into_iter()
        .map(|e| (e.id.clone(), e))
        .collect();
    let time = |at: &str| at.get(11..16).unwrap_or(at).to_owned();
    Ok(schedule::clashes(draft, &near, observation)
        .into_iter()
        .filter_map(|c| {
            let e = entries.get(&c.session_id)?;
            let who: Vec<String> = c
                .people
                .iter()
                .filter_map(|p| persons.get(p).map(|p| p.legal_name.clone()))
                .collect();
            let mut message = format!(
                "It overlaps {} from {} to {} on {}.",
                e.title,
                time(&e.start),
                time(&e.end),
                e.start.get(..10).unwrap_or_default()
            );
            if !who.is_empty() {
                message.push_str(&format!(" {} would be booked twice.", who.join(" and ")));
            }
            Some(ClashSeen {
                session_id: c.session_id,
                message,
            })
        })
        .collect())
}

/// The integration to propose after the dosing `dosing_id`, unless one is already booked after
/// it (and before the relationship's next dosing).
///
/// # Errors
/// [`Error::Invalid`] when the session is not a dosing.
pub fn proposal_after(
    vault: &Vault,
    dosing_id: &str,
) -> Result<Option<crate::rules::schedule::Proposal>> {
    use crate::model::{SessionKind, SessionStatus};
    use crate::rules::schedule;
    let dosing = sessions::session(vault, dosing_id)?;
    if dosing.kind != SessionKind::Dosing {
        return Err(Error::invalid(
            "session",
            "An integration is proposed after a dosing session; this is another kind.",
        ));
    }
    if let Some(unit) = dosing.unit_id.as_deref() {
        let program = sessions::sessions_of_unit(vault, unit)?;
        let live = |s: &&crate::model::Session| {
            !matches!(s.status, SessionStatus::Cancelled | SessionStatus::NoShow)
        };
        let next_dosing = program
            .iter()
            .filter(live)
            .filter(|s| s.kind == SessionKind::Dosing && s.scheduled_at > dosing.scheduled_at)
            .map(|s| s.scheduled_at)
            .min();
        let integrated = program.iter().filter(live).any(|s| {
            s.kind == SessionKind::Integration
                && s.scheduled_at > dosing.scheduled_at
                && next_dosing.is_none_or(|next| s.scheduled_at < next)
        });
        if integrated {
            return Ok(None);
        }
    }
    let settings = practice::settings(vault)?;
    Ok(Some(schedule::propose_integration(
        &dosing,
        Zone::of(&settings),
        &settings.schedule,
    )))
}
