//! Sessions and what happens in them. The clock is a list of events (never changed); a dosing
//! starts only when every safety gate holds or with the therapist's written reason; a signed
//! note is locked here and by the database's triggers; a correction is a dated addendum.

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::{audit, enum_text, first_problem, new_id, not_found, text_enum};
use crate::error::{Error, Result};
use crate::model::{
    Addendum, AdverseEvent, CalledOff, ClockEvent, DischargeCheck, Dose, GateOverride, Note,
    Reflection, Session, SessionStatus, Vitals,
};
use crate::rules;
use crate::vault::Vault;

mod care;
mod clock_events;
mod reflections;
mod schedule;
mod signed_notes;
mod views;

pub use care::{
    add_adverse_event, add_discharge_check, add_dose, add_vitals, adverse_events, discharge_checks,
    doses, vitals,
};
pub(crate) use care::{
    impossible_vitals, write_adverse_event, write_discharge, write_dose, write_vitals,
};
use care::{read_adverse_events, read_discharges, read_doses, read_vitals, with_id};
use clock_events::gate_checks_in;
pub use clock_events::{clock_events, gate_checks, record_clock};
pub(crate) use clock_events::{read_clock, read_clocks, write_clock_event};
use reflections::read_reflections;
pub(crate) use reflections::write_reflection;
pub use reflections::{reflections_on, save_reflection};
pub use schedule::{call_off, reschedule};
pub use signed_notes::{add_addendum, addenda, note, save_note, sign_note, MAX_TEXT};
use signed_notes::{names, read_addenda};
pub(crate) use signed_notes::{read_note, write_addendum, write_note};
pub use views::{
    booking_warnings, next_step, session_view, unit_timeline, Attendee, SessionView, Timeline,
    TimelineEntry, VitalsDue, VitalsRow,
};

/// An instant as stored: RFC 3339, UTC, to the millisecond (clock events in one second keep
/// their order).
pub(crate) fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A session's booked time as stored: whole seconds.
fn booked(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) fn parse_instant(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
        })
}

fn instant_at(r: &Row<'_>, i: usize) -> rusqlite::Result<DateTime<Utc>> {
    parse_instant(&r.get::<_, String>(i)?)
}

// ---------------------------------------------------------------------------------------------
// Sessions

const SESSION_COLUMNS: &str = "id, unit_id, person_id, kind, scheduled_at, planned_minutes, \
    setting, status, mode, supporters, transport, override_reason, override_failed, override_at, \
    override_reviewed_at, called_off_reason, called_off_by, called_off_at, called_off_fee_cents, fee_waived";

fn session_from(r: &Row<'_>) -> rusqlite::Result<Session> {
    let reason: Option<String> = r.get(11)?;
    let gate_override = match reason {
        Some(reason) => Some(GateOverride {
            reason,
            failed: serde_json::from_str(&r.get::<_, String>(12)?).unwrap_or_default(),
            at: instant_at(r, 13)?,
            followed_up_at: r
                .get::<_, Option<String>>(14)?
                .map(|t| parse_instant(&t))
                .transpose()?,
        }),
        None => None,
    };
    let called_off = match r.get::<_, Option<String>>(15)? {
        Some(reason) => Some(CalledOff {
            reason,
            by: text_enum(r.get(16)?)?,
            at: instant_at(r, 17)?,
            fee: r.get::<_, Option<i64>>(18)?.map(crate::billing::Cents),
            fee_waived: r.get(19)?,
        }),
        None => None,
    };
    Ok(Session {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        person_id: r.get(2)?,
        kind: text_enum(r.get(3)?)?,
        scheduled_at: instant_at(r, 4)?,
        planned_minutes: r.get(5)?,
        setting: text_enum(r.get(6)?)?,
        status: text_enum(r.get(7)?)?,
        mode: r.get::<_, Option<String>>(8)?.map(text_enum).transpose()?,
        attendees: Vec::new(),
        dosing_partners: Vec::new(),
        supporters: r.get(9)?,
        transport: r.get(10)?,
        gate_override,
        called_off,
    })
}

/// Sessions matching `condition` (SQL over the sessions table), by time, with their attendees.
pub(crate) fn read_sessions(
    conn: &Connection,
    condition: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Session>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SESSION_COLUMNS} FROM sessions WHERE {condition} ORDER BY scheduled_at, id"
    ))?;
    let mut sessions: Vec<Session> = stmt
        .query_map(args, session_from)?
        .collect::<rusqlite::Result<_>>()?;
    // Everyone who attended, for all of them in one query (a chart has hundreds of sessions).
    let mut who = conn.prepare_cached(&format!(
        "SELECT session_id, person_id, doses FROM session_attendees \
         WHERE session_id IN (SELECT id FROM sessions WHERE {condition}) ORDER BY session_id, position"
    ))?;
    let mut attending: HashMap<String, Vec<(String, bool)>> = HashMap::new();
    for row in who.query_map(args, |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, bool>(2)?,
        ))
    })? {
        let (session, person, doses) = row?;
        attending.entry(session).or_default().push((person, doses));
    }
    for s in &mut sessions {
        for (person, doses) in attending.remove(&s.id).unwrap_or_default() {
            if doses {
                s.dosing_partners.push(person.clone());
            }
            s.attendees.push(person);
        }
    }
    Ok(sessions)
}

pub(crate) fn read_session(conn: &Connection, id: &str) -> Result<Session> {
    read_sessions(conn, "id = ?1", &[&id])?
        .pop()
        .ok_or_else(|| not_found("session", id))
}

/// One session.
///
/// # Errors
/// [`Error::Invalid`] when there is no such session.
pub fn session(vault: &Vault, id: &str) -> Result<Session> {
    read_session(vault.conn(), id)
}

/// A unit's sessions, by time.
pub fn sessions_of_unit(vault: &Vault, unit_id: &str) -> Result<Vec<Session>> {
    read_sessions(vault.conn(), "unit_id = ?1", &[&unit_id])
}

/// Sessions booked from `from` (inclusive) to `to` (exclusive), by time.
pub fn sessions_between(
    vault: &Vault,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Session>> {
    read_sessions(
        vault.conn(),
        "scheduled_at >= ?1 AND scheduled_at < ?2",
        &[&booked(from), &booked(to)],
    )
}

/// Who may attend: the unit's partners, or the one person.
pub(crate) fn members(conn: &Connection, s: &Session) -> Result<Vec<String>> {
    if let Some(unit) = &s.unit_id {
        let mut stmt = conn.prepare_cached(
            "SELECT person_id FROM memberships WHERE unit_id = ?1 ORDER BY position",
        )?;
        let ids: Vec<String> = stmt
            .query_map([unit], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if ids.is_empty() {
            return Err(not_found("relationship", unit));
        }
        Ok(ids)
    } else if let Some(person) = &s.person_id {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM persons WHERE id = ?1)",
            [person],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(not_found("person", person));
        }
        Ok(vec![person.clone()])
    } else {
        Ok(Vec::new())
    }
}

pub(crate) fn note_is_signed(conn: &Connection, session_id: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT signed_at IS NOT NULL FROM notes WHERE session_id = ?1",
            [session_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

fn refuse_if_signed(conn: &Connection, session_id: &str) -> Result<()> {
    if note_is_signed(conn, session_id)? {
        return Err(Error::invalid(
            "session",
            "This session's note is signed, so its record is closed. Add a dated addendum to the note instead.",
        ));
    }
    Ok(())
}

pub(crate) fn write_session(tx: &Connection, s: &Session) -> Result<()> {
    let (reason, failed, at, followed_up) = match &s.gate_override {
        Some(o) => (
            Some(o.reason.as_str()),
            Some(serde_json::to_string(&o.failed).unwrap_or_default()),
            Some(instant(o.at)),
            o.followed_up_at.map(instant),
        ),
        None => (None, None, None, None),
    };
    tx.execute(
        "INSERT INTO sessions (id, unit_id, person_id, kind, scheduled_at, planned_minutes, setting, \
         status, mode, supporters, transport, override_reason, override_failed, override_at, \
         override_reviewed_at, called_off_reason, called_off_by, called_off_at, \
         called_off_fee_cents, fee_waived) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19, ?20) \
         ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, person_id = excluded.person_id, \
         kind = excluded.kind, scheduled_at = excluded.scheduled_at, \
         planned_minutes = excluded.planned_minutes, setting = excluded.setting, \
         status = excluded.status, mode = excluded.mode, supporters = excluded.supporters, \
         transport = excluded.transport, override_reason = excluded.override_reason, \
         override_failed = excluded.override_failed, override_at = excluded.override_at, \
         override_reviewed_at = excluded.override_reviewed_at, \
         called_off_reason = excluded.called_off_reason, called_off_by = excluded.called_off_by, \
         called_off_at = excluded.called_off_at, \
         called_off_fee_cents = excluded.called_off_fee_cents, fee_waived = excluded.fee_waived",
        params![
            s.id,
            s.unit_id,
            s.person_id,
            enum_text(&s.kind),
            booked(s.scheduled_at),
            s.planned_minutes,
            enum_text(&s.setting),
            enum_text(&s.status),
            s.mode.as_ref().map(enum_text),
            s.supporters,
            s.transport,
            reason,
            failed,
            at,
            followed_up,
            s.called_off.as_ref().map(|c| c.reason.as_str()),
            s.called_off.as_ref().map(|c| enum_text(&c.by)),
            s.called_off.as_ref().map(|c| instant(c.at)),
            s.called_off.as_ref().and_then(|c| c.fee).map(|c| c.0),
            s.called_off.as_ref().is_some_and(|c| c.fee_waived),
        ],
    )?;
    tx.execute(
        "DELETE FROM session_attendees WHERE session_id = ?1",
        [&s.id],
    )?;
    for (position, person) in s.attendees.iter().enumerate() {
        tx.execute(
            "INSERT INTO session_attendees (session_id, person_id, position, doses) VALUES (?1, ?2, ?3, ?4)",
            params![s.id, person, position as i64, s.dosing_partners.contains(person)],
        )?;
    }
    Ok(())
}

/// Books a session (`id` empty) or changes one. Its status follows its clock: a new session is
/// scheduled; it can be cancelled or marked a no-show before it starts. A session whose note is
/// signed is closed.
///
/// # Errors
/// [`Error::Invalid`] with the first problem of [`rules::sessions::session_problems`].
#[tracing::instrument(skip_all, err)]
pub fn save_session(vault: &mut Vault, session: &Session) -> Result<Session> {
    let mut s = session.clone();
    s.supporters = s.supporters.trim().to_owned();
    s.transport = s.transport.trim().to_owned();
    let tx = vault.conn_mut().transaction()?;
    let before = if s.id.is_empty() {
        s.id = new_id();
        s.status = SessionStatus::Scheduled;
        s.gate_override = None;
        s.called_off = None;
        None
    } else {
        let before = read_session(&tx, &s.id)?;
        refuse_if_signed(&tx, &s.id)?;
        // The clock decides these; the override is written only by starting.
        let started =
            before.status == SessionStatus::InProgress || before.status == SessionStatus::Completed;
        if started
            || matches!(
                s.status,
                SessionStatus::InProgress | SessionStatus::Completed
            )
        {
            s.status = before.status;
        }
        s.gate_override.clone_from(&before.gate_override);
        // Calling off has its own door, which asks why; booking it again forgets the reason.
        let calling_off = matches!(s.status, SessionStatus::Cancelled | SessionStatus::NoShow);
        if calling_off && before.status == SessionStatus::Scheduled {
            return Err(Error::invalid(
                "status",
                "Cancel the session or record a no-show from the session's screen, which asks why.",
            ));
        }
        s.called_off = if calling_off {
            before.called_off.clone()
        } else {
            None
        };
        Some(before)
    };
    first_problem(rules::sessions::session_problems(&s, &members(&tx, &s)?))?;
    write_session(&tx, &s)?;
    audit::append(
        &tx,
        if before.is_some() {
            "session.updated"
        } else {
            "session.booked"
        },
        &format!("session:{}", s.id),
        "kind,scheduled_at,setting,attendees,status,mode",
    )?;
    tx.commit()?;
    Ok(s)
}

/// Reads a whole table of per-session records for the open document.
pub(crate) fn all_for_export(conn: &Connection) -> Result<SessionRecords> {
    let sessions = read_sessions(conn, "1 = 1", &[])?;
    let mut r = SessionRecords::default();
    for s in &sessions {
        r.clock_events.extend(read_clock(conn, &s.id)?);
        r.doses.extend(read_doses(conn, &s.id)?);
        r.vitals.extend(read_vitals(conn, &s.id)?);
        r.adverse_events.extend(read_adverse_events(conn, &s.id)?);
        r.discharge_checks.extend(read_discharges(conn, &s.id)?);
        r.notes.extend(read_note(conn, &s.id)?);
        r.addenda.extend(read_addenda(conn, &s.id)?);
    }
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT person_id FROM reflections ORDER BY person_id")?;
    let persons: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for p in persons {
        r.reflections
            .extend(read_reflections(conn, "person_id = ?1", &p)?);
    }
    r.sessions = sessions;
    Ok(r)
}

/// Records that the therapist followed up a dosing started over a failed safety gate; the
/// dashboard lists it until then. The override itself is kept as it was.
///
/// # Errors
/// [`Error::Invalid`] for a session without an override, or one already followed up.
#[tracing::instrument(skip(vault), err)]
pub fn record_override_follow_up(
    vault: &mut Vault,
    session_id: &str,
    now: DateTime<Utc>,
) -> Result<Session> {
    let tx = vault.conn_mut().transaction()?;
    let s = read_session(&tx, session_id)?;
    if s.gate_override.is_none() {
        return Err(Error::invalid(
            "override_reviewed_at",
            "This session did not start over a failed safety gate.",
        ));
    }
    let changed = tx.execute(
        "UPDATE sessions SET override_reviewed_at = ?2 WHERE id = ?1 AND override_reviewed_at IS NULL",
        params![session_id, instant(now)],
    )?;
    if changed == 0 {
        return Err(Error::invalid(
            "override_reviewed_at",
            "The follow-up of this override is already recorded.",
        ));
    }
    audit::append(
        &tx,
        "session.override_followed_up",
        &format!("session:{session_id}"),
        "",
    )?;
    tx.commit()?;
    read_session(vault.conn(), session_id)
}

/// Every session and what happened in it, as the open document holds them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionRecords {
    /// Sessions.
    pub sessions: Vec<Session>,
    /// Clock events.
    pub clock_events: Vec<ClockEvent>,
    /// Doses.
    pub doses: Vec<Dose>,
    /// Vitals.
    pub vitals: Vec<Vitals>,
    /// Adverse events.
    pub adverse_events: Vec<AdverseEvent>,
    /// Discharge checks.
    pub discharge_checks: Vec<DischargeCheck>,
    /// Notes.
    pub notes: Vec<Note>,
    /// Addenda.
    pub addenda: Vec<Addendum>,
    /// Reflections.
    pub reflections: Vec<Reflection>,
}

/// A session in the Sessions list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ListedSession {
    /// The session.
    pub session: Session,
    /// The unit's or person's name.
    pub title: String,
    /// Whether its note is signed.
    pub signed: bool,
}

/// Sessions booked from `from` to `to`, by time, with their titles.
pub fn list_between(
    vault: &Vault,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ListedSession>> {
    let conn = vault.conn();
    sessions_between(vault, from, to)?
        .into_iter()
        .map(|session| {
            let title: String = conn.query_row(
                &format!(
                    "SELECT COALESCE((SELECT name FROM units WHERE id = ?1), \
                     (SELECT {} FROM persons p WHERE p.id = ?2), '')",
                    super::clients::DISPLAY_NAME
                ),
                params![session.unit_id, session.person_id],
                |r| r.get(0),
            )?;
            Ok(ListedSession {
                signed: note_is_signed(conn, &session.id)?,
                title,
                session,
            })
        })
        .collect()
}
