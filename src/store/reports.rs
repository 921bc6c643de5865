//! Issuing documents that leave the practice: load what they hold, let `rules` decide who they
//! may name and `report` what they say, then print and record the disclosure together.

use chrono::{DateTime, Duration, Utc};

use super::releases::{disclose, read_recipients, read_releases};
use super::{clients, measures, new_id, not_found, practice, sessions};
use crate::error::{Error, Result};
use crate::model::{Covered, Disclosure, Session};
use crate::report::session::{self as report, Facts, SessionReport};
use crate::rules::releases::report_scope;
use crate::vault::Vault;
use crate::zone::Zone;

/// What she asks for: a session's report to one recipient, naming these partners (none: every
/// partner a release covers).
#[derive(Debug, Clone, Default)]
pub struct ReportRequest {
    /// The session.
    pub session_id: String,
    /// The recipient.
    pub recipient_id: String,
    /// The partners it must name; empty: every covered one.
    pub persons: Vec<String>,
}

/// A report ready to print, and the disclosures issuing it records.
#[derive(Debug, Clone)]
pub struct PreparedReport {
    /// What it says.
    pub report: SessionReport,
    /// One per person it names.
    pub disclosures: Vec<Disclosure>,
}

/// The report `request` asks for, as it would be issued `now`; nothing is recorded.
///
/// # Errors
/// [`Error::Invalid`] (field `release`) with a sentence naming who is not covered, and why;
/// [`Error::Invalid`] for a session or recipient that does not exist, or a session not held.
pub fn prepare_session_report(
    vault: &Vault,
    request: &ReportRequest,
    now: DateTime<Utc>,
) -> Result<PreparedReport> {
    let conn = vault.conn();
    let session = sessions::session(vault, &request.session_id)?;
    if session.status != crate::model::SessionStatus::Completed {
        return Err(Error::invalid(
            "session",
            "A session report is for a session that has been held and ended.",
        ));
    }
    let recipient = read_recipients(conn)?
        .into_iter()
        .find(|r| r.id == request.recipient_id)
        .ok_or_else(|| not_found("recipient", &request.recipient_id))?;
    let settings = practice::settings(vault)?;
    let zone = Zone::of(&settings);
    let today = zone.date_of(now);
    let persons = session
        .attendees
        .iter()
        .map(|id| clients::person(vault, id))
        .collect::<Result<Vec<_>>>()?;
    let named: Vec<(&str, &str)> = persons
        .iter()
        .map(|p| (p.id.as_str(), p.legal_name.as_str()))
        .collect();
    let releases = read_releases(conn, None)?;
    let scope = report_scope(
        &named,
        &request.persons,
        &releases,
        (&recipient.id, &recipient.name),
        today,
    )
    .map_err(|m| Error::invalid("release", m))?;
    let covered: Vec<String> = scope.iter().map(|c| c.person_id.clone()).collect();
    let mut measured = Vec::new();
    let mut diagnosed = Vec::new();
    for c in &scope {
        let covers = |kind| {
            releases
                .iter()
                .any(|r| r.id == c.release_id && r.covers.contains(&kind))
        };
        if covers(Covered::Measures) {
            measured.extend(measures::measures_of(vault, &c.person_id)?);
        }
        if covers(Covered::Diagnoses) {
            diagnosed.extend(clients::diagnoses(vault, &c.person_id)?);
        }
    }
    let loaded = Loaded::of(vault, &session)?;
    let facts = Facts {
        session: &session,
        persons: &persons,
        doses: &loaded.doses,
        vitals: &loaded.vitals,
        adverse_events: &loaded.adverse_events,
        discharges: &loaded.discharges,
        note: loaded.note.as_ref(),
        others: &loaded.others,
        measures: &measured,
        diagnoses: &diagnosed,
        ranges: &settings.vitals,
        zone,
    };
    let report = report::build(
        &facts,
        &covered,
        &recipient,
        &practice::profile(vault)?,
        today,
    );
    let disclosures = disclosures_for(&scope, &releases, &session, recipient.id, zone, now);
    Ok(PreparedReport {
        report,
        disclosures,
    })
}

/// One disclosure per person the report names, under that person's release.
fn disclosures_for(
    scope: &[crate::rules::releases::Covering],
    releases: &[crate::model::Release],
    session: &Session,
    recipient_id: String,
    zone: Zone,
    now: DateTime<Utc>,
) -> Vec<Disclosure> {
    let what = format!(
        "Session report: {} of {}",
        session.kind.label(),
        zone.date_of(session.scheduled_at).format("%m/%d/%Y")
    );
    scope
        .iter()
        .map(|c| Disclosure {
            id: new_id(),
            person_id: c.person_id.clone(),
            recipient_id: recipient_id.clone(),
            release_id: c.release_id.clone(),
            disclosed_at: now,
            what: what.clone(),
            purpose: releases
                .iter()
                .find(|r| r.id == c.release_id)
                .map(|r| r.purpose.clone())
                .unwrap_or_default(),
            session_id: Some(session.id.clone()),
        })
        .collect()
}

struct Loaded {
    doses: Vec<crate::model::Dose>,
    vitals: Vec<crate::model::Vitals>,
    adverse_events: Vec<crate::model::AdverseEvent>,
    discharges: Vec<crate::model::DischargeCheck>,
    note: Option<crate::model::Note>,
    others: Vec<Session>,
}

impl Loaded {
    fn of(vault: &Vault, session: &Session) -> Result<Loaded> {
        let others = match &session.unit_id {
            Some(unit) => sessions::sessions_of_unit(vault, unit)?,
            None => sessions::sessions_between(
                vault,
                session.scheduled_at - Duration::days(1),
                session.scheduled_at + Duration::days(4),
            )?
            .into_iter()
            .filter(|s| s.person_id == session.person_id)
            .collect(),
        };
        Ok(Loaded {
            doses: sessions::doses(vault, &session.id)?,
            vitals: sessions::vitals(vault, &session.id)?,
            adverse_events: sessions::adverse_events(vault, &session.id)?,
            discharges: sessions::discharge_checks(vault, &session.id)?,
            note: sessions::note(vault, &session.id)?,
            others,
        })
    }
}

/// Issues the report: prints it, hands the PDF to `deliver` (which writes her file) and
/// records one disclosure per person it names, all or nothing.
///
/// # Errors
/// As [`prepare_session_report`]; and whatever `deliver` reports, with nothing recorded.
pub fn issue_session_report(
    vault: &mut Vault,
    request: &ReportRequest,
    now: DateTime<Utc>,
    deliver: impl FnOnce(&[u8]) -> Result<()>,
) -> Result<PreparedReport> {
    let prepared = prepare_session_report(vault, request, now)?;
    let logo = practice::logo(vault)?;
    let pdf = crate::pdf::session_report_pdf(&prepared.report, logo.as_deref())?;
    disclose(vault, &prepared.disclosures, || deliver(&pdf))?;
    Ok(prepared)
}

/// A client's own record as of `now`: every session they attended, their signed notes (the
/// shared fields and their own), reflections and measures; nothing of another partner's.
///
/// # Errors
/// [`Error::Invalid`] for a person who is not in the vault.
pub fn client_record(
    vault: &Vault,
    person_id: &str,
    now: DateTime<Utc>,
) -> Result<crate::report::record::ClientRecord> {
    use crate::report::record::{build, RecordInput, SessionInput};
    let conn = vault.conn();
    let person = clients::person(vault, person_id)?;
    let mut others = Vec::new();
    for unit in clients::units_of(vault, person_id)? {
        for partner in unit.partners.iter().filter(|p| p.person_id != person_id) {
            others.push(clients::person(vault, &partner.person_id)?);
        }
    }
    let attended = sessions::read_sessions(
        conn,
        "person_id = ?1 OR unit_id IN (SELECT unit_id FROM memberships WHERE person_id = ?1)",
        &[&person_id],
    )?
    .into_iter()
    .filter(|s| {
        s.attendees.iter().any(|a| a == person_id) || s.person_id.as_deref() == Some(person_id)
    })
    .filter(|s| s.status == crate::model::SessionStatus::Completed);
    let mut inputs = Vec::new();
    for session in attended {
        // A session the books do not bill (no fee for its kind) has no codes to show.
        let codes = super::billing::session_billing(vault, &session.id)
            .map(|b| b.lines)
            .unwrap_or_default();
        inputs.push(SessionInput {
            note: sessions::note(vault, &session.id)?,
            addenda: sessions::addenda(vault, &session.id)?,
            reflections: sessions::reflections_on(vault, &session.id)?,
            codes,
            session,
        });
    }
    let settings = practice::settings(vault)?;
    let zone = Zone::of(&settings);
    let input = RecordInput {
        person: &person,
        others: &others,
        diagnoses: &clients::diagnoses(vault, person_id)?,
        sessions: &inputs,
        measures: &measures::measures_of(vault, person_id)?,
        zone,
    };
    Ok(build(&input, &practice::profile(vault)?, zone.date_of(now)))
}
