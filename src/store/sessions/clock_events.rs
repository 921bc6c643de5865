//! The clock of a session as events, and the safety gates checked when a dosing starts.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::*;
use crate::error::{Error, Result};
use crate::model::{ClockEvent, ClockEventKind, GateOverride, Session, SessionStatus};
use crate::rules::{clock, gates};
use crate::store::{audit, clients, enum_text, new_id, practice, text_enum};
use crate::vault::Vault;
use crate::zone::Zone;

pub(crate) fn read_clock(conn: &Connection, session_id: &str) -> Result<Vec<ClockEvent>> {
    read_clocks(conn, "session_id = ?1", session_id)
}

/// The clock events of every session `condition` picks (over `clock_events`, with one
/// argument), in order: one query for a whole chart rather than one per session.
pub(crate) fn read_clocks(
    conn: &Connection,
    condition: &str,
    arg: &str,
) -> Result<Vec<ClockEvent>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, session_id, kind, person_id, at FROM clock_events WHERE {condition} ORDER BY at, rowid"
    ))?;
    let events = stmt
        .query_map([arg], |r| {
            Ok(ClockEvent {
                id: r.get(0)?,
                session_id: r.get(1)?,
                kind: text_enum(r.get(2)?)?,
                person_id: r.get(3)?,
                at: instant_at(r, 4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(events)
}

/// A session's clock events, in order.
pub fn clock_events(vault: &Vault, session_id: &str) -> Result<Vec<ClockEvent>> {
    read_clock(vault.conn(), session_id)
}

pub(crate) fn write_clock_event(tx: &Connection, e: &ClockEvent) -> Result<()> {
    tx.execute(
        "INSERT INTO clock_events (id, session_id, kind, person_id, at) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (id) DO NOTHING",
        params![e.id, e.session_id, enum_text(&e.kind), e.person_id, instant(e.at)],
    )?;
    Ok(())
}

pub(super) fn gate_checks_in(
    conn: &Connection,
    s: &Session,
    today: chrono::NaiveDate,
) -> Result<Vec<gates::GateCheck>> {
    struct Records {
        name: String,
        screenings: Vec<crate::model::Screening>,
        clearances: Vec<crate::model::Clearance>,
        consents: Vec<crate::model::Consent>,
        measures: Vec<crate::model::Measure>,
    }
    let mut records = Vec::new();
    for pid in &s.dosing_partners {
        let name = clients::display_name_of(conn, pid)?
            .ok_or_else(|| crate::store::not_found("person", pid))?;
        records.push(Records {
            name,
            screenings: clients::read_screenings(conn, pid)?,
            clearances: clients::read_clearances(conn, pid)?,
            consents: clients::read_consents(conn, pid)?,
            measures: crate::store::measures::phq9_of(conn, pid)?,
        });
    }
    let dv_screens = match &s.unit_id {
        Some(unit) => clients::read_dv_screens(conn, unit)?,
        None => Vec::new(),
    };
    let history = match (&s.unit_id, &s.person_id) {
        (Some(unit), _) => read_sessions(conn, "unit_id = ?1", &[unit])?,
        (None, Some(person)) => read_sessions(conn, "person_id = ?1", &[person])?,
        (None, None) => Vec::new(),
    };
    Ok(gates::check(&gates::GateInput {
        session: s,
        dosers: records
            .iter()
            .map(|r| gates::Doser {
                name: &r.name,
                screenings: &r.screenings,
                clearances: &r.clearances,
                consents: &r.consents,
                measures: &r.measures,
            })
            .collect(),
        dv_screens: &dv_screens,
        history: &history,
        today,
        zone: Zone::of(&practice::read_settings(conn)?),
    }))
}

/// The safety gates of a session with dosing partners, as of `today` (none for others).
pub fn gate_checks(
    vault: &Vault,
    session_id: &str,
    today: chrono::NaiveDate,
) -> Result<Vec<gates::GateCheck>> {
    let s = session(vault, session_id)?;
    if s.dosing_partners.is_empty() {
        return Ok(Vec::new());
    }
    gate_checks_in(vault.conn(), &s, today)
}

/// Records a clock event at `now`: start, pause, resume, end, or a partner's mark. Starting a
/// session where someone doses checks the safety gates: if one does not hold, it starts only
/// with `override_reason`, which is kept with the session and shown on its note.
///
/// # Errors
/// [`Error::Invalid`] for an event out of turn, a mark for someone not attending (or a dose
/// mark for someone who does not dose), a closed record, or gates that do not hold and no
/// reason.
#[tracing::instrument(skip(vault, override_reason), err)]
pub fn record_clock(
    vault: &mut Vault,
    session_id: &str,
    kind: ClockEventKind,
    person: Option<&str>,
    now: DateTime<Utc>,
    override_reason: Option<&str>,
) -> Result<ClockEvent> {
    let zone = Zone::of(&practice::settings(vault)?);
    let tx = vault.conn_mut().transaction()?;
    let mut s = read_session(&tx, session_id)?;
    refuse_if_signed(&tx, session_id)?;
    if matches!(s.status, SessionStatus::Cancelled | SessionStatus::NoShow) {
        return Err(Error::invalid(
            "clock",
            "This session was called off; book it again to hold it.",
        ));
    }
    let events = read_clock(&tx, session_id)?;
    let person = if kind.is_mark() { person } else { None };
    if let Some(why) = clock::refusal(&events, kind, person, now) {
        return Err(Error::invalid("clock", why));
    }
    if let Some(p) = person {
        if !s.attendees.iter().any(|a| a == p) {
            return Err(Error::invalid(
                "person",
                "Only an attending partner can be marked.",
            ));
        }
        if kind == ClockEventKind::DoseGiven && !s.dosing_partners.iter().any(|a| a == p) {
            return Err(Error::invalid(
                "person",
                "This partner does not dose in this session.",
            ));
        }
    }
    let mut detail = enum_text(&kind);
    if kind == ClockEventKind::Start {
        if !s.dosing_partners.is_empty() {
            let failed: Vec<gates::GateCheck> = gate_checks_in(&tx, &s, zone.date_of(now))?
                .into_iter()
                .filter(|g| !g.holds)
                .collect();
            if !failed.is_empty() {
                let reason = override_reason.map(str::trim).unwrap_or_default();
                if reason.is_empty() {
                    let details: Vec<&str> = failed.iter().map(|g| g.detail.as_str()).collect();
                    return Err(Error::invalid(
                        "gates",
                        format!(
                            "Not every safety gate holds. {} To start anyway, write your reason; it is kept on the note.",
                            details.join(" ")
                        ),
                    ));
                }
                s.gate_override = Some(GateOverride {
                    reason: reason.to_owned(),
                    failed: failed
                        .iter()
                        .map(|g| format!("{} {}", g.name, g.detail))
                        .collect(),
                    at: now,
                    followed_up_at: None,
                });
                detail.push_str(",gate_override");
            }
        }
        s.status = SessionStatus::InProgress;
        write_session(&tx, &s)?;
    } else if kind == ClockEventKind::End {
        s.status = SessionStatus::Completed;
        write_session(&tx, &s)?;
    }
    let event = ClockEvent {
        id: new_id(),
        session_id: session_id.to_owned(),
        kind,
        person_id: person.map(str::to_owned),
        at: now,
    };
    write_clock_event(&tx, &event)?;
    audit::append(
        &tx,
        "session.clock",
        &format!("session:{session_id}"),
        &detail,
    )?;
    tx.commit()?;
    Ok(event)
}
