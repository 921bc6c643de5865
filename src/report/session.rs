//! A session report for a prescriber or a collaborating therapist: the dosing facts, vitals,
//! events and the signed note's clinical fields of the partners a release covers, and nothing
//! of anyone else (not their name, not their data, not their name in the note's shared text).

use chrono::{NaiveDate, Utc};
use serde::Serialize;

use super::redact::redact;
use crate::measures;
use crate::model::{
    AdverseEvent, Diagnosis, DischargeCheck, Dose, Measure, Note, Person, PracticeProfile,
    Recipient, Session, SessionKind, SessionStatus, VitalRanges, Vitals,
};
use crate::rules::{notes, vitals};
use crate::zone::Zone;

/// A label and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The label.
    pub label: String,
    /// The text.
    pub text: String,
}

pub(crate) fn line(label: impl Into<String>, text: impl Into<String>) -> Line {
    Line {
        label: label.into(),
        text: text.into(),
    }
}

/// One covered partner's part of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Partner {
    /// Legal name.
    pub name: String,
    /// Date of birth, US style, or empty.
    pub date_of_birth: String,
    /// "10:05 AM: 56 mg ketamine, intramuscular, lot K2231".
    pub doses: Vec<String>,
    /// "10:35 AM: BP 128/82, HR 76, SpO2 98%" and its flags.
    pub vitals: Vec<String>,
    /// "11:10 AM: nausea. Ondansetron given."
    pub adverse_events: Vec<String>,
    /// "12:40 PM: oriented, steady, escort present (Sam)".
    pub discharge: Vec<String>,
    /// Diagnoses, when the release covers them.
    pub diagnoses: Vec<String>,
    /// The note's fields for this partner.
    pub fields: Vec<Line>,
    /// The latest score of each measure.
    pub measures: Vec<String>,
}

/// Everything a session report prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionReport {
    /// The practice.
    pub provider: PracticeProfile,
    /// To whom.
    pub recipient: Recipient,
    /// When it was issued (the practice's day).
    pub issued_on: NaiveDate,
    /// Session facts: kind, date, time, mode, setting, length.
    pub facts: Vec<Line>,
    /// The note's shared fields, with other partners' names taken out.
    pub shared: Vec<Line>,
    /// Whether integration followed within two days.
    pub integration: String,
    /// Whether the note is signed.
    pub signed: String,
    /// Each covered partner.
    pub partners: Vec<Partner>,
}

/// What the store loaded for one session.
pub struct Facts<'a> {
    /// The session.
    pub session: &'a Session,
    /// Its attendees.
    pub persons: &'a [Person],
    /// Doses given.
    pub doses: &'a [Dose],
    /// Vitals taken.
    pub vitals: &'a [Vitals],
    /// Adverse events.
    pub adverse_events: &'a [AdverseEvent],
    /// Discharge checks.
    pub discharges: &'a [DischargeCheck],
    /// The note.
    pub note: Option<&'a Note>,
    /// The unit's (or person's) other sessions.
    pub others: &'a [Session],
    /// The covered partners' measures.
    pub measures: &'a [Measure],
    /// The diagnoses of the partners whose release covers diagnoses.
    pub diagnoses: &'a [Diagnosis],
    /// Her vitals ranges.
    pub ranges: &'a VitalRanges,
    /// The practice's zone.
    pub zone: Zone,
}

pub(crate) fn us(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

impl Facts<'_> {
    fn time(&self, at: chrono::DateTime<Utc>) -> String {
        self.zone.local(at).format("%-I:%M %p").to_string()
    }

    fn day(&self) -> NaiveDate {
        self.zone.date_of(self.session.scheduled_at)
    }
}

/// The report of `facts` to `recipient`, naming only `covered` (person ids).
pub fn build(
    facts: &Facts<'_>,
    covered: &[String],
    recipient: &Recipient,
    provider: &PracticeProfile,
    issued_on: NaiveDate,
) -> SessionReport {
    let hidden: Vec<&str> = facts
        .persons
        .iter()
        .filter(|p| !covered.contains(&p.id))
        .flat_map(|p| [p.legal_name.as_str(), p.preferred_name.as_str()])
        .collect();
    let partners = facts
        .persons
        .iter()
        .filter(|p| covered.contains(&p.id))
        .map(|p| partner(facts, p, &hidden))
        .collect();
    SessionReport {
        provider: provider.clone(),
        recipient: recipient.clone(),
        issued_on,
        facts: session_facts(facts),
        shared: note_fields(facts, None, &hidden),
        integration: integration(facts),
        signed: match facts.note.and_then(|n| n.signed_at) {
            Some(at) => format!(
                "Signed {} at {}",
                us(facts.zone.date_of(at)),
                facts.time(at)
            ),
            None => "Not signed yet".to_owned(),
        },
        partners,
    }
}

fn session_facts(facts: &Facts<'_>) -> Vec<Line> {
    let s = facts.session;
    let mut out = vec![
        line("Session", s.kind.label()),
        line(
            "Date",
            format!("{} at {}", us(facts.day()), facts.time(s.scheduled_at)),
        ),
        line("Setting", s.setting.label()),
        line("Planned length", format!("{} minutes", s.planned_minutes)),
    ];
    if let Some(mode) = s.mode {
        out.insert(1, line("Dosing mode", mode.label()));
    }
    out
}

fn note_fields(facts: &Facts<'_>, person: Option<&str>, hidden: &[&str]) -> Vec<Line> {
    let Some(note) = facts.note else {
        return Vec::new();
    };
    notes::template(facts.session.kind, facts.session.mode)
        .iter()
        .filter(|f| f.per_partner == person.is_some())
        .filter_map(|f| {
            let text = note.fields.get(&notes::key(f, person))?.trim();
            (!text.is_empty()).then(|| line(f.label, redact(text, hidden)))
        })
        .collect()
}

fn partner(facts: &Facts<'_>, p: &Person, hidden: &[&str]) -> Partner {
    let mine = |id: &str| id == p.id;
    Partner {
        name: p.legal_name.clone(),
        date_of_birth: p.date_of_birth.map(us).unwrap_or_default(),
        doses: facts
            .doses
            .iter()
            .filter(|d| mine(&d.person_id))
            .map(|d| {
                let lot = if d.lot.is_empty() {
                    String::new()
                } else {
                    format!(", lot {}", d.lot)
                };
                format!(
                    "{}: {} mg {}, {}{lot}",
                    facts.time(d.given_at),
                    d.milligrams,
                    d.medication,
                    d.route.label()
                )
            })
            .collect(),
        vitals: facts
            .vitals
            .iter()
            .filter(|v| mine(&v.person_id))
            .map(|v| vitals_line(facts, v))
            .collect(),
        adverse_events: facts
            .adverse_events
            .iter()
            .filter(|e| mine(&e.person_id))
            .map(|e| format!("{}: {}. {}", facts.time(e.at), e.what, e.action))
            .collect(),
        discharge: facts
            .discharges
            .iter()
            .filter(|d| mine(&d.person_id))
            .map(|d| discharge_line(facts, d))
            .collect(),
        diagnoses: facts
            .diagnoses
            .iter()
            .filter(|d| mine(&d.person_id))
            .map(|d| {
                let name = crate::icd10::lookup(&d.code).map_or("", |c| c.description);
                let primary = if d.primary { " (primary)" } else { "" };
                format!("{} {name}{primary}", d.code)
            })
            .collect(),
        fields: note_fields(facts, Some(&p.id), hidden),
        measures: latest_measures(facts.measures, &p.id),
    }
}

fn vitals_line(facts: &Facts<'_>, v: &Vitals) -> String {
    let mut text = format!(
        "{}: BP {}/{}, HR {}, SpO2 {}%",
        facts.time(v.taken_at),
        v.systolic,
        v.diastolic,
        v.heart_rate,
        v.spo2
    );
    if let Some(rr) = v.resp_rate {
        text.push_str(&format!(", RR {rr}"));
    }
    if let Some(c) = v.temperature_c {
        text.push_str(&format!(", {:.1} °F", c * 9.0 / 5.0 + 32.0));
    }
    for flag in vitals::flags(v, facts.ranges) {
        text.push_str(&format!(" (flag: {})", flag.message));
    }
    text
}

fn discharge_line(facts: &Facts<'_>, d: &DischargeCheck) -> String {
    let yes_no = |ok: bool, yes: &str, no: &str| if ok { yes } else { no }.to_owned();
    let mut parts = vec![
        yes_no(d.oriented, "oriented", "not oriented"),
        yes_no(d.steady, "steady", "not steady"),
        yes_no(d.escort_present, "escort present", "no escort present"),
    ];
    if !d.escort.is_empty() {
        parts.push(format!("home with {}", d.escort));
    }
    format!("{}: {}", facts.time(d.at), parts.join(", "))
}

fn integration(facts: &Facts<'_>) -> String {
    if facts.session.kind != SessionKind::Dosing {
        return String::new();
    }
    let day = facts.day();
    let next = facts
        .others
        .iter()
        .filter(|s| s.kind == SessionKind::Integration)
        .filter(|s| !matches!(s.status, SessionStatus::Cancelled | SessionStatus::NoShow))
        .map(|s| (facts.zone.date_of(s.scheduled_at), s.status))
        .filter(|(d, _)| *d >= day)
        .min_by_key(|(d, _)| *d);
    match next {
        Some((d, status)) if (d - day).num_days() <= 2 => {
            let verb = if status == SessionStatus::Completed {
                "held"
            } else {
                "booked"
            };
            format!(
                "Integration {verb} on {} ({} after the dosing).",
                us(d),
                match (d - day).num_days() {
                    0 => "the same day".to_owned(),
                    1 => "1 day".to_owned(),
                    n => format!("{n} days"),
                }
            )
        }
        Some((d, _)) => format!("No integration within 2 days; the next is on {}.", us(d)),
        None => "No integration session within 2 days.".to_owned(),
    }
}

/// A score as printed: whole numbers bare, means to two decimals.
fn score_text(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

fn latest_measures(all: &[Measure], person_id: &str) -> Vec<String> {
    let mut latest: Vec<&Measure> = Vec::new();
    for m in all
        .iter()
        .filter(|m| m.person_id == person_id && m.entered_in_error.is_none())
    {
        match latest.iter_mut().find(|x| x.instrument == m.instrument) {
            Some(x) if x.given_on < m.given_on => *x = m,
            Some(_) => {}
            None => latest.push(m),
        }
    }
    latest.into_iter().filter_map(measure_line).collect()
}

/// "PHQ-9 on 12/03/2026: total 6 (Mild)", or nothing for a form that does not score.
pub(crate) fn measure_line(m: &Measure) -> Option<String> {
    let spec = measures::spec(m.instrument);
    let scored = measures::score(m.instrument, &m.answers).ok()?;
    let scales: Vec<String> = scored
        .scales
        .iter()
        .map(|s| {
            let value = score_text(s.value);
            match &s.band {
                Some(b) => format!("{} {value} ({})", s.scale, b.label),
                None => format!("{} {value}", s.scale),
            }
        })
        .collect();
    Some(format!(
        "{} on {}: {}",
        spec.short,
        us(m.given_on),
        scales.join(", ")
    ))
}
