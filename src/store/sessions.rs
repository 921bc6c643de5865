//! Sessions and what happens in them. The clock is a list of events (never changed); a dosing
//! starts only when every safety gate holds or with the therapist's written reason; a signed
//! note is locked here and by the database's triggers; a correction is a dated addendum.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::{audit, clients, enum_text, first_problem, new_id, not_found, practice, text_enum};
use crate::error::{Error, Result};
use crate::model::{
    Addendum, AdverseEvent, ClockEvent, ClockEventKind, DischargeCheck, Dose, GateOverride, Note,
    Reflection, Session, SessionKind, SessionStatus, Vitals,
};
use crate::rules::{self, agenda, clock, gates, notes, vitals};
use crate::vault::Vault;
use crate::zone::Zone;

/// The longest text a note field, an addendum or a reflection may hold.
pub const MAX_TEXT: usize = 100_000;

/// An instant as stored: RFC 3339, UTC, to the millisecond (clock events in one second keep
/// their order).
pub(crate) fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A session's booked time as stored: whole seconds.
fn booked(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn parse_instant(text: &str) -> rusqlite::Result<DateTime<Utc>> {
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
    setting, status, mode, supporters, transport, override_reason, override_failed, override_at";

fn session_from(r: &Row<'_>) -> rusqlite::Result<Session> {
    let reason: Option<String> = r.get(11)?;
    let gate_override = match reason {
        Some(reason) => Some(GateOverride {
            reason,
            failed: serde_json::from_str(&r.get::<_, String>(12)?).unwrap_or_default(),
            at: instant_at(r, 13)?,
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
    })
}

/// Sessions matching `condition` (SQL over the sessions table), by time, with their attendees.
fn read_sessions(
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
    let mut who = conn.prepare_cached(
        "SELECT person_id, doses FROM session_attendees WHERE session_id = ?1 ORDER BY position",
    )?;
    for s in &mut sessions {
        for row in who.query_map([&s.id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?))
        })? {
            let (person, doses) = row?;
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
fn members(conn: &Connection, s: &Session) -> Result<Vec<String>> {
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
    let (reason, failed, at) = match &s.gate_override {
        Some(o) => (
            Some(o.reason.as_str()),
            Some(serde_json::to_string(&o.failed).unwrap_or_default()),
            Some(instant(o.at)),
        ),
        None => (None, None, None),
    };
    tx.execute(
        "INSERT INTO sessions (id, unit_id, person_id, kind, scheduled_at, planned_minutes, setting, \
         status, mode, supporters, transport, override_reason, override_failed, override_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) \
         ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, person_id = excluded.person_id, \
         kind = excluded.kind, scheduled_at = excluded.scheduled_at, \
         planned_minutes = excluded.planned_minutes, setting = excluded.setting, \
         status = excluded.status, mode = excluded.mode, supporters = excluded.supporters, \
         transport = excluded.transport, override_reason = excluded.override_reason, \
         override_failed = excluded.override_failed, override_at = excluded.override_at",
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

// ---------------------------------------------------------------------------------------------
// The clock and the gates

pub(crate) fn read_clock(conn: &Connection, session_id: &str) -> Result<Vec<ClockEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, kind, person_id, at FROM clock_events WHERE session_id = ?1 ORDER BY at, rowid",
    )?;
    let events = stmt
        .query_map([session_id], |r| {
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

fn gate_checks_in(
    conn: &Connection,
    s: &Session,
    today: chrono::NaiveDate,
) -> Result<Vec<gates::GateCheck>> {
    struct Records {
        name: String,
        screenings: Vec<crate::model::Screening>,
        clearances: Vec<crate::model::Clearance>,
        consents: Vec<crate::model::Consent>,
    }
    let mut records = Vec::new();
    for pid in &s.dosing_partners {
        let name: String = conn.query_row(
            "SELECT CASE WHEN trim(preferred_name) <> '' THEN preferred_name ELSE legal_name END \
             FROM persons WHERE id = ?1",
            [pid],
            |r| r.get(0),
        )?;
        records.push(Records {
            name,
            screenings: clients::read_screenings(conn, pid)?,
            clearances: clients::read_clearances(conn, pid)?,
            consents: clients::read_consents(conn, pid)?,
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
            })
            .collect(),
        dv_screens: &dv_screens,
        history: &history,
        today,
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

// ---------------------------------------------------------------------------------------------
// Doses, vitals, adverse events, discharge

fn require_attendee(conn: &Connection, session_id: &str, person_id: &str) -> Result<Session> {
    let s = read_session(conn, session_id)?;
    refuse_if_signed(conn, session_id)?;
    if !s.attendees.iter().any(|a| a == person_id) {
        return Err(Error::invalid(
            "person_id",
            "That person does not attend this session.",
        ));
    }
    Ok(s)
}

fn with_id(id: &str) -> String {
    if id.is_empty() {
        new_id()
    } else {
        id.to_owned()
    }
}

pub(crate) fn write_dose(tx: &Connection, d: &Dose) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO doses (id, session_id, person_id, medication, milligrams, route, lot, given_at, given_where) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            d.id, d.session_id, d.person_id, d.medication, d.milligrams, enum_text(&d.route), d.lot,
            instant(d.given_at), enum_text(&d.given_where)
        ],
    )?;
    Ok(())
}

/// Records a partner's dose.
///
/// # Errors
/// [`Error::Invalid`] for someone who does not dose in the session, or an impossible amount.
#[tracing::instrument(skip_all, err)]
pub fn add_dose(vault: &mut Vault, dose: &Dose) -> Result<Dose> {
    let mut d = dose.clone();
    d.id = with_id(&d.id);
    d.medication = d.medication.trim().to_owned();
    if d.medication.is_empty() {
        return Err(Error::invalid("medication", "Name the medication."));
    }
    if !(d.milligrams.is_finite() && d.milligrams > 0.0 && d.milligrams <= 2000.0) {
        return Err(Error::invalid(
            "milligrams",
            "A dose is more than 0 and at most 2000 mg.",
        ));
    }
    let tx = vault.conn_mut().transaction()?;
    let s = require_attendee(&tx, &d.session_id, &d.person_id)?;
    if !s.dosing_partners.contains(&d.person_id) {
        return Err(Error::invalid(
            "person_id",
            "This partner does not dose in this session.",
        ));
    }
    write_dose(&tx, &d)?;
    audit::append(
        &tx,
        "dose.recorded",
        &format!("session:{}", d.session_id),
        "person_id,milligrams,route,lot,given_at",
    )?;
    tx.commit()?;
    Ok(d)
}

fn read_doses(conn: &Connection, session_id: &str) -> Result<Vec<Dose>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, person_id, medication, milligrams, route, lot, given_at, given_where \
         FROM doses WHERE session_id = ?1 ORDER BY given_at, id",
    )?;
    let rows = stmt
        .query_map([session_id], |r| {
            Ok(Dose {
                id: r.get(0)?,
                session_id: r.get(1)?,
                person_id: r.get(2)?,
                medication: r.get(3)?,
                milligrams: r.get(4)?,
                route: text_enum(r.get(5)?)?,
                lot: r.get(6)?,
                given_at: instant_at(r, 7)?,
                given_where: text_enum(r.get(8)?)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn write_vitals(tx: &Connection, v: &Vitals) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO vitals (id, session_id, person_id, taken_at, systolic, diastolic, heart_rate, spo2, resp_rate, temperature_c) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            v.id, v.session_id, v.person_id, instant(v.taken_at), v.systolic, v.diastolic, v.heart_rate,
            v.spo2, v.resp_rate, v.temperature_c
        ],
    )?;
    Ok(())
}

/// The first reading outside what a body can show (a typing slip), as a sentence.
pub(crate) fn impossible_vitals(v: &Vitals) -> Option<(&'static str, &'static str)> {
    if !(40..=300).contains(&v.systolic) {
        Some(("systolic", "Systolic pressure is between 40 and 300."))
    } else if !(20..=200).contains(&v.diastolic) || v.diastolic >= v.systolic {
        Some((
            "diastolic",
            "Diastolic pressure is between 20 and 200, and below the systolic.",
        ))
    } else if !(20..=250).contains(&v.heart_rate) {
        Some(("heart_rate", "Heart rate is between 20 and 250."))
    } else if !(50..=100).contains(&v.spo2) {
        Some(("spo2", "Oxygen saturation is a percentage from 50 to 100."))
    } else if v.resp_rate.is_some_and(|r| !(4..=60).contains(&r)) {
        Some(("resp_rate", "Respiratory rate is between 4 and 60."))
    } else if v.temperature_c.is_some_and(|t| !(30.0..=44.0).contains(&t)) {
        Some(("temperature_c", "Temperature is between 30 and 44 °C."))
    } else {
        None
    }
}

/// Records a reading of a partner's vital signs.
///
/// # Errors
/// [`Error::Invalid`] for a reading no body shows, or someone not attending.
#[tracing::instrument(skip_all, err)]
pub fn add_vitals(vault: &mut Vault, reading: &Vitals) -> Result<Vitals> {
    let mut v = reading.clone();
    v.id = with_id(&v.id);
    if let Some((field, message)) = impossible_vitals(&v) {
        return Err(Error::invalid(field, message));
    }
    let tx = vault.conn_mut().transaction()?;
    require_attendee(&tx, &v.session_id, &v.person_id)?;
    write_vitals(&tx, &v)?;
    audit::append(
        &tx,
        "vitals.recorded",
        &format!("session:{}", v.session_id),
        "person_id,taken_at",
    )?;
    tx.commit()?;
    Ok(v)
}

fn read_vitals(conn: &Connection, session_id: &str) -> Result<Vec<Vitals>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, person_id, taken_at, systolic, diastolic, heart_rate, spo2, resp_rate, temperature_c \
         FROM vitals WHERE session_id = ?1 ORDER BY taken_at, id",
    )?;
    let rows = stmt
        .query_map([session_id], |r| {
            Ok(Vitals {
                id: r.get(0)?,
                session_id: r.get(1)?,
                person_id: r.get(2)?,
                taken_at: instant_at(r, 3)?,
                systolic: r.get(4)?,
                diastolic: r.get(5)?,
                heart_rate: r.get(6)?,
                spo2: r.get(7)?,
                resp_rate: r.get(8)?,
                temperature_c: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn write_adverse_event(tx: &Connection, a: &AdverseEvent) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO adverse_events (id, session_id, person_id, at, what, action) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![a.id, a.session_id, a.person_id, instant(a.at), a.what, a.action],
    )?;
    Ok(())
}

/// Records an adverse event and what was done.
///
/// # Errors
/// [`Error::Invalid`] without a description, or for someone not attending.
#[tracing::instrument(skip_all, err)]
pub fn add_adverse_event(vault: &mut Vault, event: &AdverseEvent) -> Result<AdverseEvent> {
    let mut a = event.clone();
    a.id = with_id(&a.id);
    a.what = a.what.trim().to_owned();
    if a.what.is_empty() {
        return Err(Error::invalid("what", "Say what happened."));
    }
    let tx = vault.conn_mut().transaction()?;
    require_attendee(&tx, &a.session_id, &a.person_id)?;
    write_adverse_event(&tx, &a)?;
    audit::append(
        &tx,
        "adverse_event.recorded",
        &format!("session:{}", a.session_id),
        "person_id,at,what,action",
    )?;
    tx.commit()?;
    Ok(a)
}

fn read_adverse_events(conn: &Connection, session_id: &str) -> Result<Vec<AdverseEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, person_id, at, what, action FROM adverse_events WHERE session_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt
        .query_map([session_id], |r| {
            Ok(AdverseEvent {
                id: r.get(0)?,
                session_id: r.get(1)?,
                person_id: r.get(2)?,
                at: instant_at(r, 3)?,
                what: r.get(4)?,
                action: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn write_discharge(tx: &Connection, d: &DischargeCheck) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO discharge_checks (id, session_id, person_id, at, oriented, steady, escort_present, escort) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![d.id, d.session_id, d.person_id, instant(d.at), d.oriented, d.steady, d.escort_present, d.escort],
    )?;
    Ok(())
}

/// Records a partner's discharge check.
///
/// # Errors
/// [`Error::Invalid`] for someone not attending.
#[tracing::instrument(skip_all, err)]
pub fn add_discharge_check(vault: &mut Vault, check: &DischargeCheck) -> Result<DischargeCheck> {
    let mut d = check.clone();
    d.id = with_id(&d.id);
    d.escort = d.escort.trim().to_owned();
    let tx = vault.conn_mut().transaction()?;
    require_attendee(&tx, &d.session_id, &d.person_id)?;
    write_discharge(&tx, &d)?;
    audit::append(
        &tx,
        "discharge.checked",
        &format!("session:{}", d.session_id),
        "person_id,oriented,steady,escort_present",
    )?;
    tx.commit()?;
    Ok(d)
}

fn read_discharges(conn: &Connection, session_id: &str) -> Result<Vec<DischargeCheck>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, person_id, at, oriented, steady, escort_present, escort \
         FROM discharge_checks WHERE session_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt
        .query_map([session_id], |r| {
            Ok(DischargeCheck {
                id: r.get(0)?,
                session_id: r.get(1)?,
                person_id: r.get(2)?,
                at: instant_at(r, 3)?,
                oriented: r.get(4)?,
                steady: r.get(5)?,
                escort_present: r.get(6)?,
                escort: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

// ---------------------------------------------------------------------------------------------
// Notes and addenda

pub(crate) fn read_note(conn: &Connection, session_id: &str) -> Result<Option<Note>> {
    Ok(conn
        .query_row(
            "SELECT session_id, fields, updated_at, signed_at FROM notes WHERE session_id = ?1",
            [session_id],
            |r| {
                Ok(Note {
                    session_id: r.get(0)?,
                    fields: serde_json::from_str(&r.get::<_, String>(1)?).unwrap_or_default(),
                    updated_at: instant_at(r, 2)?,
                    signed_at: r
                        .get::<_, Option<String>>(3)?
                        .map(|t| parse_instant(&t))
                        .transpose()?,
                })
            },
        )
        .optional()?)
}

/// A session's note, if one was begun.
pub fn note(vault: &Vault, session_id: &str) -> Result<Option<Note>> {
    read_note(vault.conn(), session_id)
}

pub(crate) fn write_note(tx: &Connection, n: &Note) -> Result<()> {
    tx.execute(
        "INSERT INTO notes (session_id, fields, updated_at, signed_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (session_id) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at, \
         signed_at = excluded.signed_at",
        params![
            n.session_id,
            serde_json::to_string(&n.fields).unwrap_or_default(),
            instant(n.updated_at),
            n.signed_at.map(instant)
        ],
    )?;
    Ok(())
}

/// How often autosave writes an audit entry for the same note.
const NOTE_AUDIT_EVERY_SECONDS: i64 = 60;

/// Saves the note's fields as typed (autosave calls this every moment she pauses). Each save is
/// durable before it returns; the audit log gets one "edited" entry per minute of typing.
///
/// # Errors
/// [`Error::Invalid`] when the note is signed (write an addendum), or for a field the session's
/// template does not have.
#[tracing::instrument(skip(vault, fields), err)]
pub fn save_note(
    vault: &mut Vault,
    session_id: &str,
    fields: &BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Note> {
    let tx = vault.conn_mut().transaction()?;
    let s = read_session(&tx, session_id)?;
    if note_is_signed(&tx, session_id)? {
        return Err(Error::invalid(
            "note",
            "This note is signed and can no longer change. Add a dated addendum instead.",
        ));
    }
    let allowed = notes::keys(&s);
    if let Some(unknown) = fields.keys().find(|k| !allowed.contains(k)) {
        return Err(Error::invalid(
            "note",
            format!("This note has no field \"{unknown}\"."),
        ));
    }
    if fields.values().any(|t| t.len() > MAX_TEXT) {
        return Err(Error::invalid(
            "note",
            "A field of a note holds at most 100,000 characters.",
        ));
    }
    let note = Note {
        session_id: session_id.to_owned(),
        fields: fields.clone(),
        updated_at: now,
        signed_at: None,
    };
    write_note(&tx, &note)?;
    let audited: Option<String> = tx.query_row(
        "SELECT audited_at FROM notes WHERE session_id = ?1",
        [session_id],
        |r| r.get(0),
    )?;
    let due = audited
        .and_then(|t| parse_instant(&t).ok())
        .is_none_or(|t| (now - t).num_seconds() >= NOTE_AUDIT_EVERY_SECONDS);
    if due {
        audit::append(
            &tx,
            "note.edited",
            &format!("session:{session_id}"),
            "fields",
        )?;
        tx.execute(
            "UPDATE notes SET audited_at = ?1 WHERE session_id = ?2",
            params![instant(now), session_id],
        )?;
    }
    tx.commit()?;
    Ok(note)
}

/// The names to show for partners.
fn names(conn: &Connection, ids: &[String]) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for id in ids {
        let name: Option<String> = conn
            .query_row(
                "SELECT CASE WHEN trim(preferred_name) <> '' THEN preferred_name ELSE legal_name END \
                 FROM persons WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        out.insert(id.clone(), name.unwrap_or_else(|| "?".to_owned()));
    }
    Ok(out)
}

/// Signs the note: from now on it never changes. The session must have ended (or been called
/// off), and every required field be filled.
///
/// # Errors
/// [`Error::Invalid`] naming the missing fields, or when the session is still on.
#[tracing::instrument(skip(vault), err)]
pub fn sign_note(vault: &mut Vault, session_id: &str, now: DateTime<Utc>) -> Result<Note> {
    let tx = vault.conn_mut().transaction()?;
    let s = read_session(&tx, session_id)?;
    if matches!(
        s.status,
        SessionStatus::Scheduled | SessionStatus::InProgress
    ) {
        return Err(Error::invalid(
            "note",
            "End the session before signing its note.",
        ));
    }
    let Some(mut note) = read_note(&tx, session_id)? else {
        return Err(Error::invalid("note", "Write the note before signing it."));
    };
    if note.signed_at.is_some() {
        return Err(Error::invalid("note", "This note is already signed."));
    }
    let who = names(&tx, &s.attendees)?;
    let missing = notes::missing(&s, &note.fields, &|p| {
        who.get(p).cloned().unwrap_or_default()
    });
    if !missing.is_empty() {
        return Err(Error::invalid(
            "note",
            format!("Fill in before signing: {}.", missing.join(", ")),
        ));
    }
    note.signed_at = Some(now);
    write_note(&tx, &note)?;
    audit::append(
        &tx,
        "note.signed",
        &format!("session:{session_id}"),
        "signed_at",
    )?;
    tx.commit()?;
    Ok(note)
}

pub(crate) fn write_addendum(tx: &Connection, a: &Addendum) -> Result<()> {
    tx.execute(
        "INSERT INTO addenda (id, session_id, written_at, text) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING",
        params![a.id, a.session_id, instant(a.written_at), a.text],
    )?;
    Ok(())
}

/// Adds a dated addendum to a signed note.
///
/// # Errors
/// [`Error::Invalid`] when the note is not signed (edit it instead) or the text is empty.
#[tracing::instrument(skip(vault, text), err)]
pub fn add_addendum(
    vault: &mut Vault,
    session_id: &str,
    text: &str,
    now: DateTime<Utc>,
) -> Result<Addendum> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid("text", "Write the addendum."));
    }
    if text.len() > MAX_TEXT {
        return Err(Error::invalid(
            "text",
            "An addendum holds at most 100,000 characters.",
        ));
    }
    let tx = vault.conn_mut().transaction()?;
    if !note_is_signed(&tx, session_id)? {
        return Err(Error::invalid(
            "text",
            "The note is not signed yet: change it directly.",
        ));
    }
    let a = Addendum {
        id: new_id(),
        session_id: session_id.to_owned(),
        written_at: now,
        text: text.to_owned(),
    };
    write_addendum(&tx, &a)?;
    audit::append(
        &tx,
        "note.addendum",
        &format!("session:{session_id}"),
        "text",
    )?;
    tx.commit()?;
    Ok(a)
}

fn read_addenda(conn: &Connection, session_id: &str) -> Result<Vec<Addendum>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, written_at, text FROM addenda WHERE session_id = ?1 ORDER BY written_at, id",
    )?;
    let rows = stmt
        .query_map([session_id], |r| {
            Ok(Addendum {
                id: r.get(0)?,
                session_id: r.get(1)?,
                written_at: instant_at(r, 2)?,
                text: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A note's addenda, oldest first.
pub fn addenda(vault: &Vault, session_id: &str) -> Result<Vec<Addendum>> {
    read_addenda(vault.conn(), session_id)
}

// ---------------------------------------------------------------------------------------------
// Integration reflections

pub(crate) fn write_reflection(tx: &Connection, r: &Reflection) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO reflections (id, person_id, dosing_session_id, integration_session_id, written_on, \
         emerged, emotions, body, commitments, questions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            r.id, r.person_id, r.dosing_session_id, r.integration_session_id, r.written_on.to_string(),
            r.emerged, r.emotions, r.body, r.commitments, r.questions
        ],
    )?;
    Ok(())
}

/// Saves a partner's reflection on a dosing (new when `id` is empty).
///
/// # Errors
/// [`Error::Invalid`] when the session is not a dosing the partner attended, or all is empty.
#[tracing::instrument(skip_all, err)]
pub fn save_reflection(vault: &mut Vault, reflection: &Reflection) -> Result<Reflection> {
    let mut r = reflection.clone();
    r.id = with_id(&r.id);
    let texts = [
        &r.emerged,
        &r.emotions,
        &r.body,
        &r.commitments,
        &r.questions,
    ];
    if texts.iter().all(|t| t.trim().is_empty()) {
        return Err(Error::invalid(
            "emerged",
            "Write at least one part of the reflection.",
        ));
    }
    if texts.iter().any(|t| t.len() > MAX_TEXT) {
        return Err(Error::invalid(
            "emerged",
            "A part of a reflection holds at most 100,000 characters.",
        ));
    }
    let tx = vault.conn_mut().transaction()?;
    let dosing = read_session(&tx, &r.dosing_session_id)?;
    if !matches!(
        dosing.kind,
        SessionKind::Dosing | SessionKind::AugmentedTherapy
    ) {
        return Err(Error::invalid(
            "dosing_session_id",
            "A reflection integrates a dosing session.",
        ));
    }
    if !dosing.attendees.contains(&r.person_id) {
        return Err(Error::invalid(
            "person_id",
            "That person did not attend this dosing.",
        ));
    }
    if let Some(i) = &r.integration_session_id {
        read_session(&tx, i)?;
    }
    write_reflection(&tx, &r)?;
    audit::append(
        &tx,
        "reflection.saved",
        &format!("person:{}", r.person_id),
        "dosing_session_id,written_on",
    )?;
    tx.commit()?;
    Ok(r)
}

fn read_reflections(conn: &Connection, condition: &str, arg: &str) -> Result<Vec<Reflection>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, person_id, dosing_session_id, integration_session_id, written_on, emerged, emotions, body, \
         commitments, questions FROM reflections WHERE {condition} ORDER BY written_on, id"
    ))?;
    let rows = stmt
        .query_map([arg], |r| {
            Ok(Reflection {
                id: r.get(0)?,
                person_id: r.get(1)?,
                dosing_session_id: r.get(2)?,
                integration_session_id: r.get(3)?,
                written_on: r
                    .get::<_, String>(4)?
                    .parse()
                    .map_err(|e: chrono::ParseError| {
                        rusqlite::Error::FromSqlConversionFailure(
                            4,
                            rusqlite::types::Type::Text,
                            e.into(),
                        )
                    })?,
                emerged: r.get(5)?,
                emotions: r.get(6)?,
                body: r.get(7)?,
                commitments: r.get(8)?,
                questions: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The reflections on one dosing.
pub fn reflections_on(vault: &Vault, dosing_session_id: &str) -> Result<Vec<Reflection>> {
    read_reflections(vault.conn(), "dosing_session_id = ?1", dosing_session_id)
}

// ---------------------------------------------------------------------------------------------
// What the screens show

/// A reading with its flags.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct VitalsRow {
    /// The reading.
    pub reading: Vitals,
    /// What is outside the ranges.
    pub flags: Vec<vitals::VitalFlag>,
}

/// When a partner's next vitals reading is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VitalsDue {
    /// Whose.
    pub person_id: String,
    /// When.
    pub due_at: DateTime<Utc>,
}

/// A partner as the session screen names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Attendee {
    /// The person's id.
    pub id: String,
    /// The name to show.
    pub name: String,
    /// Whether they take the medicine.
    pub doses: bool,
    /// Their state of residence (for their time zone).
    pub state: String,
}

/// Everything the session screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SessionView {
    /// The session.
    pub session: Session,
    /// The unit's name, or the person's.
    pub title: String,
    /// Who attends, in order.
    pub attendees: Vec<Attendee>,
    /// The clock now.
    pub clock: clock::ClockState,
    /// Its events, with the marks.
    pub events: Vec<ClockEvent>,
    /// Doses given.
    pub doses: Vec<Dose>,
    /// Vitals with their flags.
    pub vitals: Vec<VitalsRow>,
    /// When each dosing partner's next reading is due (while the session runs).
    pub vitals_due: Vec<VitalsDue>,
    /// Adverse events.
    pub adverse_events: Vec<AdverseEvent>,
    /// Discharge checks.
    pub discharges: Vec<DischargeCheck>,
    /// The note's template.
    pub template: Vec<notes::NoteField>,
    /// The note, if begun.
    pub note: Option<Note>,
    /// Required fields still empty.
    pub missing: Vec<String>,
    /// Addenda to the signed note.
    pub addenda: Vec<Addendum>,
    /// The safety gates (sessions where someone doses).
    pub gates: Vec<gates::GateCheck>,
    /// The reflections on this dosing.
    pub reflections: Vec<Reflection>,
}

/// The session screen as of `now`.
pub fn session_view(vault: &Vault, session_id: &str, now: DateTime<Utc>) -> Result<SessionView> {
    let conn = vault.conn();
    let settings = practice::settings(vault)?;
    let zone = Zone::of(&settings);
    let s = read_session(conn, session_id)?;
    let who = names(conn, &s.attendees)?;
    let mut attendees = Vec::new();
    for id in &s.attendees {
        let state: String = conn
            .query_row(
                "SELECT state_of_residence FROM persons WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default();
        attendees.push(Attendee {
            id: id.clone(),
            name: who.get(id).cloned().unwrap_or_default(),
            doses: s.dosing_partners.contains(id),
            state,
        });
    }
    let title = match (&s.unit_id, &s.person_id) {
        (Some(unit), _) => clients::unit(vault, unit)?.name,
        (None, Some(person)) => clients::person(vault, person)?.display_name().to_owned(),
        (None, None) => String::new(),
    };
    let events = read_clock(conn, session_id)?;
    let clock = clock::state(&events, now);
    let readings = read_vitals(conn, session_id)?;
    let vitals_due = match (clock.phase, clock.started_at) {
        (clock::Phase::Running | clock::Phase::Paused, Some(started)) => s
            .dosing_partners
            .iter()
            .map(|p| VitalsDue {
                person_id: p.clone(),
                due_at: vitals::next_due(
                    started,
                    readings
                        .iter()
                        .filter(|v| &v.person_id == p)
                        .map(|v| v.taken_at)
                        .max(),
                    &settings.vitals,
                ),
            })
            .collect(),
        _ => Vec::new(),
    };
    let note = read_note(conn, session_id)?;
    let missing = notes::missing(
        &s,
        &note.as_ref().map(|n| n.fields.clone()).unwrap_or_default(),
        &|p| who.get(p).cloned().unwrap_or_default(),
    );
    let gates = if s.dosing_partners.is_empty() || s.status != SessionStatus::Scheduled {
        Vec::new()
    } else {
        gate_checks_in(conn, &s, zone.date_of(now))?
    };
    Ok(SessionView {
        title,
        attendees,
        clock,
        events,
        doses: read_doses(conn, session_id)?,
        vitals: readings
            .into_iter()
            .map(|reading| VitalsRow {
                flags: vitals::flags(&reading, &settings.vitals),
                reading,
            })
            .collect(),
        vitals_due,
        adverse_events: read_adverse_events(conn, session_id)?,
        discharges: read_discharges(conn, session_id)?,
        template: notes::template(s.kind, s.mode).to_vec(),
        note,
        missing,
        addenda: read_addenda(conn, session_id)?,
        gates,
        reflections: read_reflections(conn, "dosing_session_id = ?1", session_id)?,
        session: s,
    })
}

/// One session on a unit's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TimelineEntry {
    /// The session.
    pub session: Session,
    /// Psychotherapy minutes from its clock (0 before it starts).
    pub therapy_minutes: u32,
    /// Whether its note is signed.
    pub signed: bool,
    /// For a dosing: the reflections written on it.
    pub reflections: Vec<Reflection>,
}

/// A unit's arc: its sessions in order, what comes next, and the agenda's warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Timeline {
    /// Sessions, by time.
    pub entries: Vec<TimelineEntry>,
    /// The next step of the program arc, if one is due.
    pub next: Option<SessionKind>,
    /// What needs fixing.
    pub warnings: Vec<agenda::Warning>,
}

/// The step of the arc that comes next, from the sessions held or booked.
pub fn next_step(sessions: &[Session]) -> Option<SessionKind> {
    use SessionKind as K;
    let live: Vec<&Session> = sessions
        .iter()
        .filter(|s| !matches!(s.status, SessionStatus::Cancelled | SessionStatus::NoShow))
        .collect();
    let has = |k: K| live.iter().any(|s| s.kind == k);
    let last_dosing = live
        .iter()
        .filter(|s| s.kind == K::Dosing)
        .map(|s| s.scheduled_at)
        .max();
    let integrated = last_dosing.is_none_or(|d| {
        live.iter()
            .any(|s| s.kind == K::Integration && s.scheduled_at > d)
    });
    [
        K::JointIntake,
        K::IndividualAssessment,
        K::FeedbackAndGoals,
        K::Preparation,
        K::Dosing,
    ]
    .into_iter()
    .find(|k| !has(*k))
    .or((!integrated).then_some(K::Integration))
}

/// A unit's timeline as of `now`.
pub fn unit_timeline(vault: &Vault, unit_id: &str, now: DateTime<Utc>) -> Result<Timeline> {
    let conn = vault.conn();
    let settings = practice::settings(vault)?;
    let zone = Zone::of(&settings);
    let unit = clients::unit(vault, unit_id)?;
    let sessions = read_sessions(conn, "unit_id = ?1", &[&unit_id])?;
    let mut persons = HashMap::new();
    let mut clearances = HashMap::new();
    for p in &unit.partners {
        persons.insert(p.person_id.clone(), clients::person(vault, &p.person_id)?);
        clearances.insert(
            p.person_id.clone(),
            clients::read_clearances(conn, &p.person_id)?,
        );
    }
    let mut licensed = settings.licensed_states.clone();
    let profile_state = practice::profile(vault)?.license_state;
    if !profile_state.is_empty() {
        licensed.push(profile_state);
    }
    let warnings = agenda::warnings(&sessions, &persons, &clearances, &licensed, now, &|t| {
        zone.date_of(t)
    });
    let mut entries = Vec::new();
    for s in &sessions {
        entries.push(TimelineEntry {
            therapy_minutes: clock::state(&read_clock(conn, &s.id)?, now).therapy_minutes(),
            signed: note_is_signed(conn, &s.id)?,
            reflections: read_reflections(conn, "dosing_session_id = ?1", &s.id)?,
            session: s.clone(),
        });
    }
    Ok(Timeline {
        next: next_step(&sessions),
        entries,
        warnings,
    })
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

/// A session's doses.
pub fn doses(vault: &Vault, session_id: &str) -> Result<Vec<Dose>> {
    read_doses(vault.conn(), session_id)
}

/// A session's vitals readings.
pub fn vitals(vault: &Vault, session_id: &str) -> Result<Vec<Vitals>> {
    read_vitals(vault.conn(), session_id)
}

/// A session's adverse events.
pub fn adverse_events(vault: &Vault, session_id: &str) -> Result<Vec<AdverseEvent>> {
    read_adverse_events(vault.conn(), session_id)
}

/// A session's discharge checks.
pub fn discharge_checks(vault: &Vault, session_id: &str) -> Result<Vec<DischargeCheck>> {
    read_discharges(vault.conn(), session_id)
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
                "SELECT COALESCE((SELECT name FROM units WHERE id = ?1), \
                 (SELECT CASE WHEN trim(preferred_name) <> '' THEN preferred_name ELSE legal_name END \
                  FROM persons WHERE id = ?2), '')",
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
