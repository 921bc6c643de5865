//! What the screens show: the session screen and a unit's program arc.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use super::*;
use crate::error::Result;
use crate::model::{
    Addendum, AdverseEvent, ClockEvent, DischargeCheck, Dose, Note, Reflection, Session,
    SessionKind, SessionStatus, Vitals,
};
use crate::rules::{agenda, clock, gates, notes, vitals};
use crate::store::{clients, practice};
use crate::vault::Vault;
use crate::zone::Zone;

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
    let licensed = licensed_states(vault, &settings)?;
    let warnings = agenda::warnings(&sessions, &persons, &clearances, &licensed, now, &|t| {
        zone.date_of(t)
    });
    // Each kind of record read once for the whole unit, then handed to its session.
    let of_unit = "IN (SELECT id FROM sessions WHERE unit_id = ?1)";
    let mut clocks: HashMap<String, Vec<ClockEvent>> = HashMap::new();
    for e in read_clocks(conn, &format!("session_id {of_unit}"), unit_id)? {
        clocks.entry(e.session_id.clone()).or_default().push(e);
    }
    let mut reflections: HashMap<String, Vec<Reflection>> = HashMap::new();
    for r in read_reflections(conn, &format!("dosing_session_id {of_unit}"), unit_id)? {
        reflections
            .entry(r.dosing_session_id.clone())
            .or_default()
            .push(r);
    }
    let signed = signed_notes(conn, unit_id)?;
    let entries = sessions
        .iter()
        .map(|s| TimelineEntry {
            therapy_minutes: clock::state(clocks.get(&s.id).map_or(&[][..], Vec::as_slice), now)
                .therapy_minutes(),
            signed: signed.contains(&s.id),
            reflections: reflections.remove(&s.id).unwrap_or_default(),
            session: s.clone(),
        })
        .collect();
    Ok(Timeline {
        next: next_step(&sessions),
        entries,
        warnings,
    })
}

/// The sessions of a unit whose notes are signed, from the sessions' own copy of the signing
/// time (kept by triggers, migration 0007): reading the notes themselves read a 2 KB row per
/// session, a third of the pages a chart of ten years decrypted.
fn signed_notes(
    conn: &rusqlite::Connection,
    unit_id: &str,
) -> Result<std::collections::HashSet<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM sessions WHERE unit_id = ?1 AND note_signed_at IS NOT NULL",
    )?;
    let ids = stmt
        .query_map([unit_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The states she is licensed in: the profile's and those in Settings.
fn licensed_states(vault: &Vault, settings: &crate::model::Settings) -> Result<Vec<String>> {
    let mut licensed = settings.licensed_states.clone();
    let profile_state = practice::profile(vault)?.license_state;
    if !profile_state.is_empty() {
        licensed.push(profile_state);
    }
    Ok(licensed)
}

/// What the agenda would warn about a session before it is booked: a remote session for a
/// client where she holds no license, a dosing after a partner's clearance ends. A session
/// booked after the fact (to record it) is checked as well.
pub fn booking_warnings(
    vault: &Vault,
    session: &Session,
    now: DateTime<Utc>,
) -> Result<Vec<agenda::Warning>> {
    let now = now.min(session.scheduled_at);
    let conn = vault.conn();
    let settings = practice::settings(vault)?;
    let zone = Zone::of(&settings);
    let mut persons = HashMap::new();
    let mut clearances = HashMap::new();
    for id in &session.attendees {
        persons.insert(id.clone(), clients::person(vault, id)?);
        clearances.insert(id.clone(), clients::read_clearances(conn, id)?);
    }
    let local = |t| zone.date_of(t);
    let one = std::slice::from_ref(session);
    let mut out = agenda::unlicensed_state(
        one,
        &persons,
        &licensed_states(vault, &settings)?,
        now,
        &local,
    );
    out.extend(agenda::clearance_before_dosing(
        one,
        &persons,
        &clearances,
        now,
        &local,
    ));
    out.extend(second_dosing_without_integration(conn, session, &local)?);
    out.extend(
        crate::store::calendar::clashes_with(vault, session)?
            .into_iter()
            .map(|c| agenda::Warning {
                rule: "no_double_booking",
                message: c.message,
                session_id: c.session_id,
            }),
    );
    Ok(out)
}

/// The "integration between dosings" warnings this dosing would add to its relationship's
/// program (the program's own are on its chart already).
fn second_dosing_without_integration(
    conn: &rusqlite::Connection,
    session: &Session,
    local: &dyn Fn(DateTime<Utc>) -> chrono::NaiveDate,
) -> Result<Vec<agenda::Warning>> {
    let Some(unit) = session.unit_id.as_deref() else {
        return Ok(Vec::new());
    };
    if session.kind != crate::model::SessionKind::Dosing {
        return Ok(Vec::new());
    }
    let mut program: Vec<Session> = super::read_sessions(conn, "unit_id = ?1", &[&unit])?
        .into_iter()
        .filter(|s| s.id != session.id)
        .collect();
    let already = agenda::integration_between_dosings(&program, local);
    program.push(session.clone());
    Ok(agenda::integration_between_dosings(&program, local)
        .into_iter()
        .filter(|w| !already.contains(w))
        .collect())
}
