//! A client's own record (the right of access, 45 CFR 164.524): their details, diagnoses,
//! every session they attended with its date and codes, the signed notes, their reflections
//! and measures. In joint work it holds their information only: other partners appear as
//! "partner", never by name, and their parts of a note are left out.

use chrono::NaiveDate;
use serde::Serialize;

use super::redact::redact;
use super::session::{line, measure_line, us, Line};
use crate::model::{
    Addendum, CodedLine, Diagnosis, Measure, Note, Person, PracticeProfile, Reflection, Session,
};
use crate::rules::notes;
use crate::zone::Zone;

/// One session in the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordSession {
    /// "11/14/2026 at 10:00 AM · Dosing session · with partner".
    pub heading: String,
    /// Mode, setting, status and codes.
    pub facts: Vec<Line>,
    /// The signed note's fields: the shared ones and theirs.
    pub note: Vec<Line>,
    /// Addenda to the signed note, dated.
    pub addenda: Vec<Line>,
    /// Their reflections on this dosing.
    pub reflections: Vec<Line>,
}

/// Everything the record prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientRecord {
    /// The practice.
    pub provider: PracticeProfile,
    /// When it was prepared (the practice's day).
    pub issued_on: NaiveDate,
    /// Whose record.
    pub name: String,
    /// Their details.
    pub details: Vec<Line>,
    /// Their diagnoses.
    pub diagnoses: Vec<String>,
    /// Each session, oldest first.
    pub sessions: Vec<RecordSession>,
    /// Each measure, oldest first.
    pub measures: Vec<String>,
}

/// One session as loaded.
pub struct SessionInput {
    /// The session.
    pub session: Session,
    /// Its note, if any (only a signed one is printed).
    pub note: Option<Note>,
    /// Its addenda.
    pub addenda: Vec<Addendum>,
    /// Its billed codes.
    pub codes: Vec<CodedLine>,
    /// Their reflections on it (for a dosing).
    pub reflections: Vec<Reflection>,
}

/// What the store loaded for one person.
pub struct RecordInput<'a> {
    /// The person.
    pub person: &'a Person,
    /// Everyone they share a relationship with: names to keep out.
    pub others: &'a [Person],
    /// Their diagnoses.
    pub diagnoses: &'a [Diagnosis],
    /// Every session they attended.
    pub sessions: &'a [SessionInput],
    /// Their measures.
    pub measures: &'a [Measure],
    /// The practice's zone.
    pub zone: Zone,
}

/// The record of `input.person`.
pub fn build(
    input: &RecordInput<'_>,
    provider: &PracticeProfile,
    issued_on: NaiveDate,
) -> ClientRecord {
    let p = input.person;
    let hidden: Vec<&str> = input
        .others
        .iter()
        .flat_map(|o| [o.legal_name.as_str(), o.preferred_name.as_str()])
        .collect();
    let details = [
        ("Legal name", p.legal_name.clone()),
        ("Preferred name", p.preferred_name.clone()),
        ("Pronouns", p.pronouns.clone()),
        ("Date of birth", p.date_of_birth.map(us).unwrap_or_default()),
        ("Address", p.address.clone()),
        ("Phone", p.phone.clone()),
        ("Email", p.email.clone()),
        ("State", p.state_of_residence.clone()),
        ("Emergency contact", p.emergency_contact.clone()),
        ("Insurance", p.insurance_payer.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| line(k, redact(&v, &hidden)))
    .collect();
    ClientRecord {
        provider: provider.clone(),
        issued_on,
        name: p.legal_name.clone(),
        details,
        diagnoses: input
            .diagnoses
            .iter()
            .map(|d| {
                let name = crate::icd10::lookup(&d.code).map_or("", |c| c.description);
                let primary = if d.primary { ", primary" } else { "" };
                format!("{} {name} (since {}{primary})", d.code, us(d.diagnosed_on))
            })
            .collect(),
        sessions: input
            .sessions
            .iter()
            .map(|s| record_session(input, s, &hidden))
            .collect(),
        measures: input.measures.iter().filter_map(measure_line).collect(),
    }
}

fn record_session(input: &RecordInput<'_>, s: &SessionInput, hidden: &[&str]) -> RecordSession {
    let session = &s.session;
    let at = input.zone.local(session.scheduled_at);
    let with = match session.attendees.len() {
        0 | 1 => String::new(),
        2 => " · with partner".to_owned(),
        n => format!(" · with {} partners", n - 1),
    };
    let mut facts = Vec::new();
    if let Some(mode) = session.mode {
        facts.push(line("Dosing mode", mode.label()));
    }
    facts.push(line("Setting", session.setting.label()));
    let codes: Vec<String> = s
        .codes
        .iter()
        .map(|c| {
            let mods = if c.modifiers.is_empty() {
                String::new()
            } else {
                format!("-{}", c.modifiers.join("-"))
            };
            format!("{}{mods} × {}", c.code, c.units)
        })
        .collect();
    if !codes.is_empty() {
        facts.push(line("Codes", codes.join(", ")));
    }
    let signed = s.note.as_ref().filter(|n| n.signed_at.is_some());
    let note = signed.map_or_else(Vec::new, |n| {
        note_lines(session, n, &input.person.id, hidden)
    });
    RecordSession {
        heading: format!(
            "{} at {} · {}{with}",
            us(at.date()),
            at.format("%-I:%M %p"),
            session.kind.label()
        ),
        facts,
        note,
        addenda: s
            .addenda
            .iter()
            .filter(|_| signed.is_some())
            .map(|a| {
                line(
                    format!("Addendum {}", us(input.zone.date_of(a.written_at))),
                    redact(&a.text, hidden),
                )
            })
            .collect(),
        reflections: s
            .reflections
            .iter()
            .filter(|r| r.person_id == input.person.id)
            .flat_map(|r| {
                [
                    ("What emerged", &r.emerged),
                    ("Emotions", &r.emotions),
                    ("In the body", &r.body),
                    ("Commitments", &r.commitments),
                    ("Questions", &r.questions),
                ]
            })
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(k, t)| line(k, redact(t, hidden)))
            .collect(),
    }
}

/// The shared fields and the person's own per-partner fields; no other partner's.
fn note_lines(session: &Session, note: &Note, person: &str, hidden: &[&str]) -> Vec<Line> {
    notes::template(session.kind, session.mode)
        .iter()
        .filter_map(|f| {
            let key = notes::key(f, f.per_partner.then_some(person));
            let text = note.fields.get(&key)?.trim();
            (!text.is_empty()).then(|| line(f.label, redact(text, hidden)))
        })
        .collect()
}
