//! **CPT suggestion** (DOMAIN.md, "Billing"): from a session's kind, who attended, the
//! identified patient and their diagnosis, the psychotherapy minutes and the setting, which
//! lines go on that patient's superbill, each with its reason in plain words. The numbers
//! (time bands, places of service) are tables and [`main_code`] is the one place that turns
//! what happened into a psychotherapy code, for suggestion, pricing and checking alike. Every
//! line, suggested or hers, then passes [`check`](super::check::check); [`code_day`] does
//! both for one patient's sessions of one date.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::check::{check, is_conjoint};
use super::rules::{
    Finding, Rule, Severity, CATEGORY_III_HOURS, CATEGORY_III_IN_PERSON_ONLY, CATEGORY_III_OFF,
    CHOICE_SET_ASIDE, CONJOINT_UNDER_26, MEDICATION_IS_PRESCRIBERS, NEEDS_PATIENT, NOT_HELD,
    NO_90785_WITH_CONJOINT, NO_DIAGNOSIS, SAME_MINUTES, SECOND_SESSION, UNDER_16,
};
use crate::model::{CodedLine, SessionKind, Setting};

pub use super::rules::RULES;

/// Individual psychotherapy codes by whole minutes (from, to inclusive).
pub const INDIVIDUAL_BANDS: &[(u32, u32, &str)] = &[
    (16, 37, "90832"),
    (38, 52, "90834"),
    (53, u32::MAX, "90837"),
];

/// Minimum minutes of a conjoint session (90846/90847).
pub const CONJOINT_MINIMUM: u32 = 26;

/// Minimum minutes of a diagnostic evaluation.
pub const EVALUATION_MINIMUM: u32 = 16;

/// Place of service and telehealth modifier per setting.
pub const PLACES: &[(Setting, &str, Option<&str>, &str)] = &[
    (Setting::Office, "11", None, "in the office"),
    (
        Setting::TelehealthHome,
        "10",
        Some("95"),
        "by video, at home",
    ),
    (
        Setting::TelehealthElsewhere,
        "02",
        Some("95"),
        "by video, away from home",
    ),
    (
        Setting::HomeVirtualMonitoring,
        "10",
        Some("95"),
        "at home, monitored by video",
    ),
];

/// Codes interactive complexity may be added to.
pub const COMPLEXITY_HOSTS: &[&str] = &["90791", "90832", "90834", "90837"];

/// The patient whose superbill the lines are for.
#[derive(Debug, Clone)]
pub struct Patient<'a> {
    /// Person id.
    pub id: &'a str,
    /// The name to say in reasons.
    pub name: &'a str,
    /// Their ICD-10 codes on the date of service, primary first.
    pub diagnoses: Vec<&'a str>,
}

/// One session as billing sees it.
#[derive(Debug, Clone)]
pub struct Visit<'a> {
    /// Which session.
    pub session_id: &'a str,
    /// What kind.
    pub kind: SessionKind,
    /// Where.
    pub setting: Setting,
    /// Date of service, in the practice's time zone.
    pub date: NaiveDate,
    /// A session booked for one person, not for a relationship.
    pub individual: bool,
    /// Who was present.
    pub present: Vec<&'a str>,
    /// Psychotherapy minutes from the timer (pauses excluded).
    pub minutes: u32,
    /// Minutes of monitoring: from the start to the last partner's discharge, or to the end
    /// without one (monitoring continues through pauses).
    pub monitored_minutes: u32,
    /// Psychotherapy minutes after the last discharge, outside the monitored span.
    pub after_monitoring_minutes: u32,
    /// It took place (completed).
    pub held: bool,
    /// Interactive complexity was present.
    pub interactive_complexity: bool,
    /// Her own codes in place of the suggestion.
    pub chosen: Option<&'a [CodedLine]>,
}

impl Visit<'_> {
    /// The identified patient was in the room.
    pub fn patient_present(&self, patient: &Patient<'_>) -> bool {
        self.present.contains(&patient.id)
    }

    /// A conjoint session: booked for a relationship, with someone besides the patient.
    pub fn conjoint(&self, patient: &Patient<'_>) -> bool {
        !self.individual && self.present.iter().any(|p| *p != patient.id)
    }
}

/// What billing suggests for one session and one patient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Suggestion {
    /// Which session.
    pub session_id: String,
    /// The lines, main code first; empty when nothing is billable.
    pub lines: Vec<CodedLine>,
    /// Rules that removed, flagged or explained something.
    pub findings: Vec<Finding>,
}

/// A session coded: the suggestion, and the lines that are billed (hers when they pass the
/// coding rules, else the suggestion) with every rule's word on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coded {
    /// What the rules suggest.
    pub suggestion: Suggestion,
    /// The lines billed.
    pub lines: Vec<CodedLine>,
    /// Warnings and notes on the lines billed, and why a line is missing.
    pub findings: Vec<Finding>,
    /// The coding rules her own codes break (then the suggestion is billed).
    pub refused: Vec<Finding>,
}

/// What happened, as the psychotherapy codes see it.
#[derive(Debug, Clone, Copy)]
pub struct Service {
    /// A diagnostic evaluation (joint intake or individual assessment).
    pub evaluation: bool,
    /// Someone besides the patient was there, in a session booked for the relationship.
    pub conjoint: bool,
    /// The identified patient was there.
    pub patient_present: bool,
    /// Psychotherapy minutes that may be billed as psychotherapy.
    pub minutes: u32,
}

/// The one psychotherapy code for `service`, or the rule that leaves it without one.
pub fn main_code(service: Service) -> Result<&'static str, Rule> {
    let m = service.minutes;
    if service.evaluation {
        return match (service.patient_present, m >= EVALUATION_MINIMUM) {
            (false, _) => Err(NEEDS_PATIENT),
            (true, false) => Err(UNDER_16),
            (true, true) => Ok("90791"),
        };
    }
    if service.conjoint {
        return match (m >= CONJOINT_MINIMUM, service.patient_present) {
            (false, _) => Err(CONJOINT_UNDER_26),
            (true, true) => Ok("90847"),
            (true, false) => Ok("90846"),
        };
    }
    if !service.patient_present {
        return Err(NEEDS_PATIENT);
    }
    individual_code(m).map(|(code, ..)| code).ok_or(UNDER_16)
}

/// Why `service` has no psychotherapy code under `rule`, of `name`, in words.
pub fn why_no_code(rule: Rule, service: Service, name: &str) -> String {
    let m = service.minutes;
    match rule.code {
        "needs_patient" if service.evaluation => {
            format!("{name} was not present: a diagnostic evaluation (90791) needs the patient.")
        }
        "needs_patient" => format!("{name} was not present at this session."),
        "conjoint_under_26_minutes" => {
            let code = if service.patient_present {
                "90847"
            } else {
                "90846"
            };
            format!("{m} minutes: under 26, so no {code}.")
        }
        _ => format!("{m} minutes: under 16, not billable."),
    }
}

/// The suggestion's own psychotherapy code for `visit`, priced by what happened rather than
/// by who can claim it (a second session that day, a relationship without a diagnosis).
pub fn nominal_code(visit_kind: SessionKind, present: usize, minutes: u32) -> Option<&'static str> {
    if matches!(
        visit_kind,
        SessionKind::JointIntake | SessionKind::IndividualAssessment
    ) {
        return Some("90791");
    }
    let service = |conjoint| Service {
        evaluation: false,
        conjoint,
        patient_present: true,
        minutes,
    };
    main_code(service(present >= 2))
        .or_else(|_| main_code(service(false)))
        .ok()
}

/// The individual psychotherapy code of `minutes`, with its band.
pub fn individual_code(minutes: u32) -> Option<(&'static str, u32, u32)> {
    INDIVIDUAL_BANDS
        .iter()
        .find(|(from, to, _)| (*from..=*to).contains(&minutes))
        .map(|(from, to, code)| (*code, *from, *to))
}

/// Place of service, telehealth modifier and words for a setting.
pub fn place(setting: Setting) -> (&'static str, Option<&'static str>, &'static str) {
    PLACES
        .iter()
        .find(|(s, ..)| *s == setting)
        .map_or(("11", None, "in the office"), |(_, pos, m, words)| {
            (pos, *m, words)
        })
}

fn line(code: &str, visit: &Visit<'_>, units: u32, reason: String) -> CodedLine {
    let (pos, modifier, _) = place(visit.setting);
    CodedLine {
        code: code.to_owned(),
        modifiers: modifier.map(str::to_owned).into_iter().collect(),
        place_of_service: pos.to_owned(),
        units,
        reason,
    }
}

fn band_words(code: &str) -> String {
    match INDIVIDUAL_BANDS.iter().find(|(.., c)| *c == code) {
        Some((from, u32::MAX, _)) => format!(" ({from} or more)"),
        Some((from, to, _)) => format!(" ({from}–{to})"),
        None => String::new(),
    }
}

/// Codes each of one patient's sessions, in order of time: the suggestion, her own codes
/// where they pass every coding rule, and every rule's word on the lines billed. A date's
/// first conjoint code takes the date: later sessions that date get none.
pub fn code_day(visits: &[Visit<'_>], patient: &Patient<'_>, offer_0820t: bool) -> Vec<Coded> {
    let mut conjoint_dates = std::collections::BTreeSet::new();
    visits
        .iter()
        .map(|visit| {
            let taken = conjoint_dates.contains(&visit.date);
            let coded = code_visit(visit, patient, offer_0820t, taken);
            if coded.lines.iter().any(|l| is_conjoint(&l.code)) {
                conjoint_dates.insert(visit.date);
            }
            coded
        })
        .collect()
}

fn code_visit(
    visit: &Visit<'_>,
    patient: &Patient<'_>,
    offer_0820t: bool,
    conjoint_taken: bool,
) -> Coded {
    let suggestion = suggest_one(visit, patient, offer_0820t, conjoint_taken);
    let checked = |lines: &[CodedLine]| check(visit, patient, offer_0820t, lines, conjoint_taken);
    let notes = |findings: &[Finding]| -> Vec<Finding> {
        findings
            .iter()
            .filter(|f| f.severity == Severity::Note)
            .cloned()
            .collect()
    };
    if let Some(mine) = visit.chosen {
        let found = checked(mine);
        let (refused, warnings): (Vec<Finding>, Vec<Finding>) = found
            .into_iter()
            .partition(|f| f.severity == Severity::Refuse);
        if refused.is_empty() {
            let mut findings = warnings;
            findings.extend(notes(&suggestion.findings));
            return Coded {
                lines: mine.to_vec(),
                findings,
                refused,
                suggestion,
            };
        }
        let set_aside = refused.iter().map(|f| f.text.as_str()).collect::<Vec<_>>();
        let mut findings = vec![CHOICE_SET_ASIDE.says(format!(
            "Your codes are set aside for the suggestion: {}",
            set_aside.join(" ")
        ))];
        findings.extend(suggestion.findings.iter().cloned());
        findings.extend(checked(&suggestion.lines));
        return Coded {
            lines: suggestion.lines.clone(),
            findings: dedup(findings),
            refused,
            suggestion,
        };
    }
    let mut findings = suggestion.findings.clone();
    findings.extend(checked(&suggestion.lines));
    Coded {
        lines: suggestion.lines.clone(),
        findings: dedup(findings),
        refused: Vec::new(),
        suggestion,
    }
}

fn dedup(mut findings: Vec<Finding>) -> Vec<Finding> {
    let mut seen = std::collections::BTreeSet::new();
    findings.retain(|f| seen.insert((f.rule.clone(), f.text.clone())));
    findings
}

/// 0820T's hours for this visit, or why there are none (the practice's choice, the setting,
/// the patient's presence, the midpoint rule).
fn monitoring(visit: &Visit<'_>, patient: &Patient<'_>, offer_0820t: bool) -> Result<u32, Finding> {
    let (_, _, where_words) = place(visit.setting);
    if !offer_0820t {
        return Err(CATEGORY_III_OFF.says(CATEGORY_III_OFF.reason));
    }
    if visit.setting != Setting::Office {
        return Err(CATEGORY_III_IN_PERSON_ONLY.says(format!(
            "No 0820T: this dosing was {where_words}, not in person."
        )));
    }
    if !visit.patient_present(patient) {
        return Err(NEEDS_PATIENT.says(format!(
            "No 0820T: {} was not there to be monitored.",
            patient.name
        )));
    }
    match monitoring_hours(visit.monitored_minutes) {
        0 => Err(CATEGORY_III_HOURS.says(format!(
            "No 0820T: {} minutes of monitoring, not over half an hour.",
            visit.monitored_minutes
        ))),
        hours => Ok(hours),
    }
}

/// What the rules suggest for one visit, with the reason for each line and for each line
/// left out.
pub fn suggest_one(
    visit: &Visit<'_>,
    patient: &Patient<'_>,
    offer_0820t: bool,
    conjoint_taken: bool,
) -> Suggestion {
    let mut lines = Vec::new();
    let mut findings = Vec::new();
    let name = patient.name;
    let done = |lines, findings| Suggestion {
        session_id: visit.session_id.to_owned(),
        lines,
        findings,
    };
    if !visit.held {
        return done(lines, vec![NOT_HELD.says(NOT_HELD.reason)]);
    }
    let Some(primary) = patient.diagnoses.first().copied() else {
        let text = format!("{name} has no diagnosis on this date: a receipt, not a superbill.");
        return done(lines, vec![NO_DIAGNOSIS.says(text)]);
    };
    let dosing = visit.kind == SessionKind::Dosing;
    let hours = if dosing {
        monitoring(visit, patient, offer_0820t).map_err(|f| findings.push(f))
    } else {
        Err(())
    };
    let minutes = match hours {
        Ok(_) => visit.after_monitoring_minutes,
        Err(()) => visit.minutes,
    };
    let service = Service {
        evaluation: matches!(
            visit.kind,
            SessionKind::JointIntake | SessionKind::IndividualAssessment
        ),
        conjoint: visit.conjoint(patient),
        patient_present: visit.patient_present(patient),
        minutes,
    };
    match main_code(service) {
        Ok(code) if is_conjoint(code) && conjoint_taken => {
            findings.push(SECOND_SESSION.says(format!(
                "{name} already has a conjoint code on {}: this session adds none, and its fee is added to that date's line.",
                visit.date
            )));
        }
        Ok(code) => {
            let reason = main_reason(code, visit, patient, primary, minutes, hours.is_ok());
            lines.push(line(code, visit, 1, reason));
        }
        Err(rule) if hours.is_ok() => findings.push(SAME_MINUTES.says(format!(
            "The psychotherapy during the {} monitored minutes is part of 0820T; after discharge: {}",
            visit.monitored_minutes,
            why_no_code(rule, service, name)
        ))),
        Err(rule) => findings.push(rule.says(why_no_code(rule, service, name))),
    }
    add_ons(visit, &mut lines, &mut findings);
    if let Ok(hours) = hours {
        lines.push(line("0820T", visit, hours, format!(
            "0820T ×{hours}: continuous in-person monitoring during the dosing, {} h {:02} min, the psychotherapy in it included",
            visit.monitored_minutes / 60, visit.monitored_minutes % 60
        )));
    }
    if dosing || visit.kind == SessionKind::AugmentedTherapy {
        findings.push(MEDICATION_IS_PRESCRIBERS.says("Nothing for the ketamine, its administration or the prescriber's consult: those are the prescriber's to bill."));
    }
    done(lines, findings)
}

fn main_reason(
    code: &str,
    visit: &Visit<'_>,
    patient: &Patient<'_>,
    primary: &str,
    minutes: u32,
    after_monitoring: bool,
) -> String {
    let (_, _, where_words) = place(visit.setting);
    let dx = format!("{} ({primary})", patient.name);
    let after = if after_monitoring {
        " after discharge"
    } else {
        ""
    };
    let what = match code {
        "90791" if visit.kind == SessionKind::JointIntake => {
            format!("diagnostic evaluation of {dx} at the joint intake")
        }
        "90791" => format!("diagnostic evaluation of {dx} at the individual assessment"),
        "90847" => format!("conjoint session, {dx} present"),
        "90846" => format!("conjoint session without {dx}"),
        _ => format!("individual psychotherapy with {dx}"),
    };
    format!(
        "{code}: {what}, {minutes} minutes{}{after}, {where_words}",
        band_words(code)
    )
}

/// Interactive complexity, added to a code that takes it.
fn add_ons(visit: &Visit<'_>, lines: &mut Vec<CodedLine>, findings: &mut Vec<Finding>) {
    if !visit.interactive_complexity {
        return;
    }
    match lines.first().map(|l| l.code.clone()) {
        Some(code) if COMPLEXITY_HOSTS.contains(&code.as_str()) => lines.push(line(
            "90785",
            visit,
            1,
            format!("90785: interactive complexity, added to {code}"),
        )),
        Some(code) => findings.push(NO_90785_WITH_CONJOINT.says(format!(
            "Interactive complexity was noted, but 90785 is never added to {code}."
        ))),
        None => {}
    }
}

/// Hours of monitoring by the midpoint rule: an hour counts once more than 30 of its minutes
/// have passed.
pub fn monitoring_hours(minutes: u32) -> u32 {
    minutes / 60 + u32::from(minutes % 60 > 30)
}

#[cfg(test)]
mod tests;
