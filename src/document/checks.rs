//! What a document must hold before any of it is written: every reference resolves, every
//! record passes the rules it would pass if typed in, and signed records are whole.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::measures;
use crate::model::{Addendum, ClockEvent, Measure, Session};
use crate::rules::clients::{person_problems, unit_problems};
use crate::store::measures as store_measures;
use crate::store::{clients, sessions};
use crate::vault::Vault;
use crate::{icd10, rules};

use super::{at, billing, Document, MAX_TEXT};

/// Every check the database would make, and more, before anything is written, so that an
/// error names its place in the document.
pub(super) fn check(doc: &Document, vault: &Vault, today: NaiveDate) -> Result<()> {
    if let Some(p) = rules::practice::profile_problems(&doc.practice)
        .into_iter()
        .next()
    {
        return Err(at(&format!("practice.{}", p.field), p.message));
    }
    if let Some(p) = rules::practice::settings_problems(&doc.settings)
        .into_iter()
        .next()
    {
        return Err(at(&format!("settings.{}", p.field), p.message));
    }
    let person_ids = check_persons(doc, vault, today)?;
    let vault_persons = clients::persons(vault)?;
    let known_person =
        |id: &str| person_ids.contains(id) || vault_persons.iter().any(|p| p.id == id);
    let unit_ids = unique_ids("units", doc.units.iter().map(|u| u.id.as_str()))?;
    let vault_units: HashSet<String> = clients::units(vault)?.into_iter().map(|u| u.id).collect();
    for (i, u) in doc.units.iter().enumerate() {
        let here = format!("units[{i}]");
        long_text(&here, &[("name", &u.name), ("goals", &u.goals)])?;
        if let Some(problem) = unit_problems(u).into_iter().next() {
            return Err(at(&format!("{here}.{}", problem.field), problem.message));
        }
        for (j, partner) in u.partners.iter().enumerate() {
            long_text(
                &format!("{here}.partners[{j}]"),
                &[("attachment_notes", &partner.attachment_notes)],
            )?;
            if !known_person(&partner.person_id) {
                return Err(at(
                    &format!("{here}.partners[{j}].person_id"),
                    format!(
                        "no person has the id \"{}\", in the document or the vault.",
                        partner.person_id
                    ),
                ));
            }
        }
    }
    check_person_records(doc, &known_person)?;
    unique_ids("dv_screens", doc.dv_screens.iter().map(|s| s.id.as_str()))?;
    for (i, s) in doc.dv_screens.iter().enumerate() {
        if !unit_ids.contains(s.unit_id.as_str()) && !vault_units.contains(&s.unit_id) {
            return Err(at(
                &format!("dv_screens[{i}].unit_id"),
                format!(
                    "no relationship has the id \"{}\", in the document or the vault.",
                    s.unit_id
                ),
            ));
        }
    }
    check_sessions(doc, vault, &known_person, &vault_units, today)?;
    billing::check(doc, vault)?;
    super::collaboration::check(doc, vault)?;
    super::paperwork::check(doc, vault)
}

/// Each person: their fields hold and they are nobody else under another id.
fn check_persons<'d>(
    doc: &'d Document,
    vault: &Vault,
    today: NaiveDate,
) -> Result<HashSet<&'d str>> {
    let person_ids = unique_ids("persons", doc.persons.iter().map(|p| p.id.as_str()))?;
    let vault_persons = clients::persons(vault)?;
    for (i, p) in doc.persons.iter().enumerate() {
        let here = format!("persons[{i}]");
        long_text(
            &here,
            &[
                ("legal_name", &p.legal_name),
                ("preferred_name", &p.preferred_name),
                ("address", &p.address),
                ("emergency_contact", &p.emergency_contact),
                ("email", &p.email),
                ("phone", &p.phone),
                ("pronouns", &p.pronouns),
                ("insurance_payer", &p.insurance_payer),
                ("insurance_member_id", &p.insurance_member_id),
                ("state_of_residence", &p.state_of_residence),
            ],
        )?;
        if let Some(problem) = person_problems(p, today).into_iter().next() {
            return Err(at(&format!("{here}.{}", problem.field), problem.message));
        }
        if p.state_of_residence != p.state_of_residence.trim().to_ascii_uppercase() {
            return Err(at(
                &format!("{here}.state_of_residence"),
                "must be two capital letters.",
            ));
        }
        if let Some(twin) = vault_persons.iter().find(|v| {
            v.id != p.id
                && v.legal_name.eq_ignore_ascii_case(p.legal_name.trim())
                && v.date_of_birth == p.date_of_birth
        }) {
            return Err(at(
                &here,
                format!(
                    "{} (born {}) is already in this vault under another id ({}); importing would make a second record of the same person. Use the vault's id in the document to update that person instead.",
                    p.legal_name,
                    p.date_of_birth.map_or("on an unknown date".to_owned(), |d| d.to_string()),
                    twin.id
                ),
            ));
        }
    }
    Ok(person_ids)
}

/// Diagnoses, screenings, clearances and consents: each of a person of the document or the
/// vault.
fn check_person_records(doc: &Document, known_person: &dyn Fn(&str) -> bool) -> Result<()> {
    unique_ids("diagnoses", doc.diagnoses.iter().map(|d| d.id.as_str()))?;
    let mut primaries: HashMap<&str, usize> = HashMap::new();
    for (i, d) in doc.diagnoses.iter().enumerate() {
        person_ref(
            known_person,
            format!("diagnoses[{i}].person_id"),
            &d.person_id,
        )?;
        match icd10::lookup(&d.code) {
            Some(c) if c.billable && c.code == d.code => {}
            _ => {
                return Err(at(
                    &format!("diagnoses[{i}].code"),
                    format!(
                        "\"{}\" is not a billable ICD-10-CM code of the shipped table.",
                        d.code
                    ),
                ))
            }
        }
        if d.primary {
            if let Some(first) = primaries.insert(&d.person_id, i) {
                return Err(at(
                    &format!("diagnoses[{i}].primary"),
                    format!("this person already has a primary diagnosis (diagnoses[{first}])."),
                ));
            }
        }
    }
    unique_ids("screenings", doc.screenings.iter().map(|s| s.id.as_str()))?;
    for (i, s) in doc.screenings.iter().enumerate() {
        person_ref(
            known_person,
            format!("screenings[{i}].person_id"),
            &s.person_id,
        )?;
        long_text(&format!("screenings[{i}]"), &[("notes", &s.notes)])?;
        for (j, code) in s.present.iter().enumerate() {
            if rules::safety::exclusion(code).is_none() {
                return Err(at(
                    &format!("screenings[{i}].present[{j}]"),
                    format!("\"{code}\" is not a screening question."),
                ));
            }
        }
    }
    check_clearances_and_consents(doc, known_person)
}

/// Clearances and consents: each of a person of the document or the vault.
fn check_clearances_and_consents(
    doc: &Document,
    known_person: &dyn Fn(&str) -> bool,
) -> Result<()> {
    unique_ids("clearances", doc.clearances.iter().map(|c| c.id.as_str()))?;
    for (i, c) in doc.clearances.iter().enumerate() {
        person_ref(
            known_person,
            format!("clearances[{i}].person_id"),
            &c.person_id,
        )?;
        long_text(
            &format!("clearances[{i}]"),
            &[
                ("prescriber", &c.prescriber),
                ("organisation", &c.organisation),
            ],
        )?;
        if c.prescriber.trim().is_empty() {
            return Err(at(
                &format!("clearances[{i}].prescriber"),
                "names no prescriber.",
            ));
        }
        if c.valid_until < c.cleared_on {
            return Err(at(
                &format!("clearances[{i}].valid_until"),
                format!(
                    "{} is before the clearance's date, {}.",
                    c.valid_until, c.cleared_on
                ),
            ));
        }
    }
    unique_ids("consents", doc.consents.iter().map(|c| c.id.as_str()))?;
    for (i, c) in doc.consents.iter().enumerate() {
        person_ref(
            known_person,
            format!("consents[{i}].person_id"),
            &c.person_id,
        )?;
        long_text(&format!("consents[{i}]"), &[("release_to", &c.release_to)])?;
        if c.kind == crate::model::ConsentKind::ReleaseOfInformation
            && c.release_to.trim().is_empty()
        {
            return Err(at(
                &format!("consents[{i}].release_to"),
                "a release of information must name who it releases to.",
            ));
        }
        if c.expires_on.is_some_and(|e| e < c.signed_on) {
            return Err(at(
                &format!("consents[{i}].expires_on"),
                "is before the consent was signed.",
            ));
        }
    }
    Ok(())
}

/// A reference to a person who is in the document or the vault.
fn person_ref(known_person: &dyn Fn(&str) -> bool, path: String, id: &str) -> Result<()> {
    if known_person(id) {
        Ok(())
    } else {
        Err(at(
            &path,
            format!("no person has the id \"{id}\", in the document or the vault."),
        ))
    }
}

/// The checks of the session records and the measures given in them: references, the rule of
/// who doses, the note's fields, scoring, and nothing that would change a record the vault has
/// closed (a signed note's session, a clock event, an addendum, a client's answers).
/// What the checks of the sessions' records share: the document, the vault, and the sessions
/// of both.
struct SessionScope<'a> {
    doc: &'a Document,
    vault: &'a Vault,
    known_person: &'a dyn Fn(&str) -> bool,
    vault_units: &'a HashSet<String>,
    today: NaiveDate,
    doc_sessions: HashMap<&'a str, &'a Session>,
}

impl SessionScope<'_> {
    fn vault_session(&self, id: &str) -> Result<Option<Session>> {
        match sessions::read_session(self.vault.conn(), id) {
            Ok(s) => Ok(Some(s)),
            Err(Error::Invalid { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn signed_here(&self, id: &str) -> Result<bool> {
        sessions::note_is_signed(self.vault.conn(), id)
    }

    fn session_of(&self, path: String, id: &str) -> Result<Session> {
        if let Some(s) = self.doc_sessions.get(id) {
            return Ok((*s).clone());
        }
        self.vault_session(id)?.ok_or_else(|| {
            at(
                &path,
                format!("no session has the id \"{id}\", in the document or the vault."),
            )
        })
    }

    /// A record of a session whose note is signed in the vault must be the vault's own,
    /// unchanged.
    fn closed(&self, path: &str, session_id: &str, same_as_vault: bool) -> Result<()> {
        if self.signed_here(session_id)? && !same_as_vault {
            return Err(at(
                path,
                "belongs to a session whose note is signed in this vault; a signed record cannot change.",
            ));
        }
        Ok(())
    }

    fn attending(&self, path: String, s: &Session, person: &str) -> Result<()> {
        if s.attendees.iter().any(|a| a == person) {
            Ok(())
        } else {
            Err(at(
                &path,
                format!("\"{person}\" does not attend that session."),
            ))
        }
    }
}

fn check_sessions(
    doc: &Document,
    vault: &Vault,
    known_person: &dyn Fn(&str) -> bool,
    vault_units: &HashSet<String>,
    today: NaiveDate,
) -> Result<()> {
    unique_ids("sessions", doc.sessions.iter().map(|s| s.id.as_str()))?;
    let scope = SessionScope {
        doc,
        vault,
        known_person,
        vault_units,
        today,
        doc_sessions: doc.sessions.iter().map(|s| (s.id.as_str(), s)).collect(),
    };
    for check in [
        check_session_rows as fn(&SessionScope<'_>) -> Result<()>,
        check_clock_events,
        check_doses,
        check_vitals,
        check_adverse_events,
        check_discharge_checks,
        check_notes,
        check_addenda,
        check_reflections,
        check_measures,
    ] {
        check(&scope)?;
    }
    Ok(())
}

/// Each session: its people exist, its rules hold, a signed one is unchanged.
fn check_session_rows(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    let known_person = c.known_person;
    let vault_units = c.vault_units;
    for (i, s) in doc.sessions.iter().enumerate() {
        let here = format!("sessions[{i}]");
        long_text(
            &here,
            &[("supporters", &s.supporters), ("transport", &s.transport)],
        )?;
        let members: Vec<String> = match (&s.unit_id, &s.person_id) {
            (Some(u), _) => {
                if let Some(unit) = doc.units.iter().find(|x| &x.id == u) {
                    unit.partners.iter().map(|p| p.person_id.clone()).collect()
                } else if vault_units.contains(u) {
                    clients::unit(vault, u)?
                        .partners
                        .into_iter()
                        .map(|p| p.person_id)
                        .collect()
                } else {
                    return Err(at(
                        &format!("{here}.unit_id"),
                        format!(
                            "no relationship has the id \"{u}\", in the document or the vault."
                        ),
                    ));
                }
            }
            (None, Some(p)) if known_person(p) => vec![p.clone()],
            (None, Some(p)) => {
                return Err(at(
                    &format!("{here}.person_id"),
                    format!("no person has the id \"{p}\", in the document or the vault."),
                ))
            }
            (None, None) => Vec::new(),
        };
        if let Some(problem) = rules::sessions::session_problems(s, &members)
            .into_iter()
            .next()
        {
            return Err(at(&format!("{here}.{}", problem.field), problem.message));
        }
        if c.signed_here(&s.id)? && c.vault_session(&s.id)?.as_ref() != Some(s) {
            return Err(at(
                &here,
                "differs from this session in the vault, whose note is signed; a signed record cannot change.",
            ));
        }
    }
    Ok(())
}

/// Clock events: marks are a partner's, and none changes.
fn check_clock_events(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let conn = c.vault.conn();
    unique_ids(
        "clock_events",
        doc.clock_events.iter().map(|e| e.id.as_str()),
    )?;
    let vault_events: HashMap<String, ClockEvent> = doc
        .clock_events
        .iter()
        .map(|e| sessions::read_clock(conn, &e.session_id))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .map(|e| (e.id.clone(), e))
        .collect();
    for (i, e) in doc.clock_events.iter().enumerate() {
        let here = format!("clock_events[{i}]");
        let s = c.session_of(format!("{here}.session_id"), &e.session_id)?;
        match (e.kind.is_mark(), &e.person_id) {
            (true, Some(p)) => c.attending(format!("{here}.person_id"), &s, p)?,
            (true, None) => {
                return Err(at(
                    &format!("{here}.person_id"),
                    "a mark must say whose it is.",
                ))
            }
            (false, Some(_)) => {
                return Err(at(
                    &format!("{here}.person_id"),
                    "only a mark belongs to a partner.",
                ))
            }
            (false, None) => {}
        }
        match vault_events.get(&e.id) {
            Some(v) if v != e => {
                return Err(at(&here, "differs from the clock event with this id in the vault; clock events never change."))
            }
            Some(_) => {}
            None => c.closed(&here, &e.session_id, false)?,
        }
    }
    Ok(())
}

/// Doses: each of a session and a partner who attends it.
fn check_doses(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    unique_ids("doses", doc.doses.iter().map(|d| d.id.as_str()))?;
    for (i, d) in doc.doses.iter().enumerate() {
        let here = format!("doses[{i}]");
        long_text(&here, &[("medication", &d.medication), ("lot", &d.lot)])?;
        let s = c.session_of(format!("{here}.session_id"), &d.session_id)?;
        if !s.dosing_partners.contains(&d.person_id) {
            return Err(at(
                &format!("{here}.person_id"),
                "does not dose in that session.",
            ));
        }
        if d.medication.trim().is_empty() {
            return Err(at(&format!("{here}.medication"), "names no medication."));
        }
        if !(d.milligrams.is_finite() && d.milligrams > 0.0 && d.milligrams <= 2000.0) {
            return Err(at(
                &format!("{here}.milligrams"),
                "must be more than 0 and at most 2000.",
            ));
        }
        let same = sessions::doses(vault, &d.session_id)?
            .iter()
            .any(|v| v == d);
        c.closed(&here, &d.session_id, same)?;
    }
    Ok(())
}

/// Vitals: each of a session and a partner who attends it.
fn check_vitals(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    unique_ids("vitals", doc.vitals.iter().map(|v| v.id.as_str()))?;
    for (i, v) in doc.vitals.iter().enumerate() {
        let here = format!("vitals[{i}]");
        let s = c.session_of(format!("{here}.session_id"), &v.session_id)?;
        c.attending(format!("{here}.person_id"), &s, &v.person_id)?;
        if let Some((field, message)) = sessions::impossible_vitals(v) {
            return Err(at(&format!("{here}.{field}"), message));
        }
        let same = sessions::vitals(vault, &v.session_id)?
            .iter()
            .any(|x| x == v);
        c.closed(&here, &v.session_id, same)?;
    }
    Ok(())
}

/// Adverse events: each of a session and a partner who attends it.
fn check_adverse_events(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    unique_ids(
        "adverse_events",
        doc.adverse_events.iter().map(|a| a.id.as_str()),
    )?;
    for (i, a) in doc.adverse_events.iter().enumerate() {
        let here = format!("adverse_events[{i}]");
        long_text(&here, &[("what", &a.what), ("action", &a.action)])?;
        let s = c.session_of(format!("{here}.session_id"), &a.session_id)?;
        c.attending(format!("{here}.person_id"), &s, &a.person_id)?;
        if a.what.trim().is_empty() {
            return Err(at(
                &format!("{here}.what"),
                "says nothing of what happened.",
            ));
        }
        let same = sessions::adverse_events(vault, &a.session_id)?
            .iter()
            .any(|x| x == a);
        c.closed(&here, &a.session_id, same)?;
    }
    Ok(())
}

/// Discharge checks: each of a session and a partner who attends it.
fn check_discharge_checks(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    unique_ids(
        "discharge_checks",
        doc.discharge_checks.iter().map(|d| d.id.as_str()),
    )?;
    for (i, d) in doc.discharge_checks.iter().enumerate() {
        let here = format!("discharge_checks[{i}]");
        long_text(&here, &[("escort", &d.escort)])?;
        let s = c.session_of(format!("{here}.session_id"), &d.session_id)?;
        c.attending(format!("{here}.person_id"), &s, &d.person_id)?;
        let same = sessions::discharge_checks(vault, &d.session_id)?
            .iter()
            .any(|x| x == d);
        c.closed(&here, &d.session_id, same)?;
    }
    Ok(())
}

/// Notes: a signed note is never changed.
fn check_notes(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let conn = c.vault.conn();
    unique_ids("notes", doc.notes.iter().map(|n| n.session_id.as_str()))?;
    for (i, n) in doc.notes.iter().enumerate() {
        let here = format!("notes[{i}]");
        let s = c.session_of(format!("{here}.session_id"), &n.session_id)?;
        let allowed = rules::notes::keys(&s);
        for (key, text) in &n.fields {
            if !allowed.contains(key) {
                return Err(at(
                    &format!("{here}.fields.{key}"),
                    "is not a field of that session's note.",
                ));
            }
            long_text(&format!("{here}.fields"), &[(key.as_str(), text.as_str())])?;
        }
        let same = sessions::read_note(conn, &n.session_id)?.as_ref() == Some(n);
        c.closed(&here, &n.session_id, same)?;
    }
    Ok(())
}

/// Addenda: dated corrections, never changed.
fn check_addenda(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    unique_ids("addenda", doc.addenda.iter().map(|a| a.id.as_str()))?;
    let vault_addenda: HashMap<String, Addendum> = doc
        .addenda
        .iter()
        .map(|a| sessions::addenda(vault, &a.session_id))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .map(|a| (a.id.clone(), a))
        .collect();
    for (i, a) in doc.addenda.iter().enumerate() {
        let here = format!("addenda[{i}]");
        long_text(&here, &[("text", &a.text)])?;
        let signed_in_doc = doc
            .notes
            .iter()
            .any(|n| n.session_id == a.session_id && n.signed_at.is_some());
        if !signed_in_doc && !c.signed_here(&a.session_id)? {
            return Err(at(
                &format!("{here}.session_id"),
                "an addendum belongs to a signed note, and that note is not signed.",
            ));
        }
        if a.text.trim().is_empty() {
            return Err(at(&format!("{here}.text"), "is empty."));
        }
        if vault_addenda.get(&a.id).is_some_and(|v| v != a) {
            return Err(at(
                &here,
                "differs from the addendum with this id in the vault; addenda never change.",
            ));
        }
    }
    Ok(())
}

/// Reflections: each of a partner of its dosing.
fn check_reflections(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    unique_ids("reflections", doc.reflections.iter().map(|r| r.id.as_str()))?;
    for (i, r) in doc.reflections.iter().enumerate() {
        let here = format!("reflections[{i}]");
        long_text(
            &here,
            &[
                ("emerged", &r.emerged),
                ("emotions", &r.emotions),
                ("body", &r.body),
                ("commitments", &r.commitments),
                ("questions", &r.questions),
            ],
        )?;
        let s = c.session_of(format!("{here}.dosing_session_id"), &r.dosing_session_id)?;
        if !matches!(
            s.kind,
            crate::model::SessionKind::Dosing | crate::model::SessionKind::AugmentedTherapy
        ) {
            return Err(at(
                &format!("{here}.dosing_session_id"),
                "is not a dosing session.",
            ));
        }
        c.attending(format!("{here}.person_id"), &s, &r.person_id)?;
        if let Some(id) = &r.integration_session_id {
            c.session_of(format!("{here}.integration_session_id"), id)?;
        }
    }
    Ok(())
}

/// Measures: what a client answered never changes.
fn check_measures(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    let conn = c.vault.conn();
    let today = c.today;
    let known_person = c.known_person;
    let vault_units = c.vault_units;
    unique_ids("measures", doc.measures.iter().map(|m| m.id.as_str()))?;
    for (i, m) in doc.measures.iter().enumerate() {
        let here = format!("measures[{i}]");
        if !known_person(&m.person_id) {
            return Err(at(
                &format!("{here}.person_id"),
                format!("no person has the id \"{}\".", m.person_id),
            ));
        }
        measures::validate(m).map_err(|e| at(&here, e))?;
        if m.given_on > today {
            return Err(at(&format!("{here}.given_on"), "is after today."));
        }
        if let Some(u) = &m.unit_id {
            let partners: Vec<String> = match doc.units.iter().find(|x| &x.id == u) {
                Some(unit) => unit.partners.iter().map(|p| p.person_id.clone()).collect(),
                None if vault_units.contains(u) => clients::unit(vault, u)?
                    .partners
                    .into_iter()
                    .map(|p| p.person_id)
                    .collect(),
                None => {
                    return Err(at(
                        &format!("{here}.unit_id"),
                        format!("no relationship has the id \"{u}\"."),
                    ))
                }
            };
            if !partners.contains(&m.person_id) {
                return Err(at(
                    &format!("{here}.unit_id"),
                    "the person who answered is not a partner in that relationship.",
                ));
            }
        }
        if let Some(id) = &m.session_id {
            let s = c.session_of(format!("{here}.session_id"), id)?;
            if s.person_id.as_deref() != Some(m.person_id.as_str()) {
                c.attending(format!("{here}.person_id"), &s, &m.person_id)?;
            }
        }
        // Looked up one by one: the vault's whole history (ten years of quarterly measures) was
        // most of an import's time.
        if let Some(v) = store_measures::by_id(conn, &m.id)? {
            let same_answers = Measure {
                entered_in_error: v.entered_in_error.clone(),
                ..m.clone()
            } == v;
            if !same_answers
                || (v.entered_in_error.is_some() && m.entered_in_error != v.entered_in_error)
            {
                return Err(at(
                    &here,
                    "differs from the measure with this id in the vault; what a client answered never changes (mark it entered in error instead).",
                ));
            }
        }
    }
    Ok(())
}

pub(super) fn unique_ids<'a>(
    list: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashSet<&'a str>> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            return Err(at(
                &format!("{list}[{i}].id"),
                "is empty; every record needs an id.",
            ));
        }
        if id.len() > 100 {
            return Err(at(
                &format!("{list}[{i}].id"),
                "is longer than 100 characters.",
            ));
        }
        if let Some(first) = seen.insert(id, i) {
            return Err(at(
                &format!("{list}[{i}].id"),
                format!("\"{id}\" is used twice (also {list}[{first}])."),
            ));
        }
    }
    Ok(seen.into_keys().collect())
}

pub(super) fn long_text(here: &str, fields: &[(&str, &str)]) -> Result<()> {
    for (name, text) in fields {
        let chars = text.chars().count();
        if chars > MAX_TEXT {
            return Err(at(
                &format!("{here}.{name}"),
                format!(
                    "is {chars} characters long; Attune keeps at most {MAX_TEXT} in one field."
                ),
            ));
        }
    }
    Ok(())
}
