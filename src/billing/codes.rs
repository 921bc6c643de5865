//! **CPT suggestion** (DOMAIN.md, "Billing"): from a session's kind, who attended, the
//! identified patient and their diagnosis, the psychotherapy minutes and the setting, which
//! lines go on that patient's superbill, each with its reason in plain words. The numbers
//! (time bands, places of service) are tables; each rule has a name and a reason the
//! therapist reads, and the case table below walks every edge.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::model::{CodedLine, SessionKind, Setting};

/// A named billing rule and the reason it exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable code.
    pub code: &'static str,
    /// Why, for the therapist.
    pub reason: &'static str,
}

/// The rules, as the therapist reads them in the billing panel.
pub const RULES: &[Rule] = &[
    UNDER_16,
    CONJOINT_UNDER_26,
    ONE_CONJOINT_PER_DAY,
    NO_90785_WITH_CONJOINT,
    PATIENT_ABSENT,
    NO_DIAGNOSIS,
    Z_CODE_PRIMARY,
    MEDICATION_IS_PRESCRIBERS,
    CATEGORY_III_OFF,
    CATEGORY_III_IN_PERSON_ONLY,
    CATEGORY_III_UNDER_AN_HOUR,
    NOT_HELD,
];

/// Under 16 minutes is not psychotherapy.
pub const UNDER_16: Rule = Rule {
    code: "under_16_minutes",
    reason: "Psychotherapy codes start at 16 minutes; a shorter session is not billable as psychotherapy.",
};
/// A conjoint session needs 26 minutes.
pub const CONJOINT_UNDER_26: Rule = Rule {
    code: "conjoint_under_26_minutes",
    reason: "90846 and 90847 need at least 26 minutes of psychotherapy.",
};
/// At most one 90846/90847 per patient per day.
pub const ONE_CONJOINT_PER_DAY: Rule = Rule {
    code: "one_conjoint_per_day",
    reason: "Payers allow at most one 90846 or 90847 per patient per date of service.",
};
/// Interactive complexity is never added to a conjoint code.
pub const NO_90785_WITH_CONJOINT: Rule = Rule {
    code: "no_90785_with_conjoint",
    reason: "90785 (interactive complexity) may not be reported with 90846 or 90847.",
};
/// The identified patient was not in the room.
pub const PATIENT_ABSENT: Rule = Rule {
    code: "patient_absent",
    reason: "Without the identified patient present, a conjoint session is 90846, which many plans do not cover; a diagnostic evaluation needs the patient.",
};
/// Nobody with a diagnosis: receipts only.
pub const NO_DIAGNOSIS: Rule = Rule {
    code: "no_diagnosis",
    reason: "A superbill asks the insurer to pay for treating a diagnosed condition; without a diagnosis the client gets a receipt instead.",
};
/// A Z code as the primary diagnosis.
pub const Z_CODE_PRIMARY: Rule = Rule {
    code: "z_code_primary",
    reason: "Z codes (relationship distress and the like) describe circumstances, not disorders; many payers deny a claim whose primary diagnosis is one.",
};
/// The ketamine is billed by the prescriber.
pub const MEDICATION_IS_PRESCRIBERS: Rule = Rule {
    code: "medication_is_prescribers",
    reason: "The ketamine, its administration and the medical consult are the prescriber's to bill; only the psychotherapy goes on this superbill.",
};
/// 0820T is off in Settings.
pub const CATEGORY_III_OFF: Rule = Rule {
    code: "0820t_off",
    reason: "0820T (in-person monitoring during psychedelic medication therapy) is off in Settings › Fees; few payers reimburse it.",
};
/// 0820T is for in-person monitoring only.
pub const CATEGORY_III_IN_PERSON_ONLY: Rule = Rule {
    code: "0820t_in_person_only",
    reason: "0820T's descriptor is continuous in-person monitoring: never for a session at home or by video.",
};
/// 0820T counts hours, by the midpoint rule.
pub const CATEGORY_III_UNDER_AN_HOUR: Rule = Rule {
    code: "0820t_under_31_minutes",
    reason: "0820T is reported per hour; an hour counts once more than half of it (31 minutes) has passed.",
};
/// Only a session that took place is billed.
pub const NOT_HELD: Rule = Rule {
    code: "not_held",
    reason:
        "Only a session that took place is billed to insurance; a cancellation or no-show is not.",
};

/// Individual psychotherapy codes by whole minutes (from, to inclusive).
pub const INDIVIDUAL_BANDS: &[(u32, u32, &str)] = &[
    (16, 37, "90832"),
    (38, 52, "90834"),
    (53, u32::MAX, "90837"),
];

/// Minimum minutes of a conjoint session (90846/90847).
pub const CONJOINT_MINIMUM: u32 = 26;

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
    /// Minutes from start to end (monitoring continues through pauses).
    pub elapsed_minutes: u32,
    /// It took place (completed).
    pub held: bool,
    /// Interactive complexity was present.
    pub interactive_complexity: bool,
}

/// A rule that shaped the suggestion, with its particulars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Finding {
    /// The rule's code.
    pub rule: &'static str,
    /// What it means here, in plain words.
    pub text: String,
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

/// Suggests the lines of each visit (in date order) for `patient`; `offer_0820t` is the
/// practice's choice. Later visits on a day that already has a conjoint code get none.
pub fn suggest(visits: &[Visit<'_>], patient: &Patient<'_>, offer_0820t: bool) -> Vec<Suggestion> {
    let mut conjoint_days = BTreeSet::new();
    visits
        .iter()
        .map(|visit| suggest_one(visit, patient, offer_0820t, &mut conjoint_days))
        .collect()
}

fn finding(rule: Rule, text: String) -> Finding {
    Finding {
        rule: rule.code,
        text,
    }
}

fn place(setting: Setting) -> (&'static str, Option<&'static str>, &'static str) {
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

fn individual_code(minutes: u32) -> Option<(&'static str, u32, u32)> {
    INDIVIDUAL_BANDS
        .iter()
        .find(|(from, to, _)| (*from..=*to).contains(&minutes))
        .map(|(from, to, code)| (*code, *from, *to))
}

fn band_words(from: u32, to: u32) -> String {
    if to == u32::MAX {
        format!("{from} or more")
    } else {
        format!("{from}–{to}")
    }
}

fn suggest_one(
    visit: &Visit<'_>,
    patient: &Patient<'_>,
    offer_0820t: bool,
    conjoint_days: &mut BTreeSet<NaiveDate>,
) -> Suggestion {
    let mut lines = Vec::new();
    let mut findings = Vec::new();
    let name = patient.name;
    let minutes = visit.minutes;
    let (_, _, where_words) = place(visit.setting);
    let done = |lines, findings| Suggestion {
        session_id: visit.session_id.to_owned(),
        lines,
        findings,
    };

    if !visit.held {
        findings.push(finding(NOT_HELD, NOT_HELD.reason.to_owned()));
        return done(lines, findings);
    }
    let Some(primary) = patient.diagnoses.first().copied() else {
        findings.push(finding(
            NO_DIAGNOSIS,
            format!("{name} has no diagnosis on this date: a receipt, not a superbill."),
        ));
        return done(lines, findings);
    };
    let dx = format!("{name} ({primary})");
    if crate::icd10::is_z_code(primary) {
        findings.push(finding(
            Z_CODE_PRIMARY,
            format!("{primary} is {name}'s primary diagnosis: many payers deny a Z code as the primary. Mark a disorder primary if one applies."),
        ));
    }
    let present = visit.present.contains(&patient.id);
    let others_present = visit.present.iter().any(|p| *p != patient.id);
    let conjoint = !visit.individual && others_present;

    let main = if matches!(
        visit.kind,
        SessionKind::JointIntake | SessionKind::IndividualAssessment
    ) {
        if !present {
            findings.push(finding(
                PATIENT_ABSENT,
                format!(
                    "{name} was not present: a diagnostic evaluation (90791) needs the patient."
                ),
            ));
            None
        } else if minutes < 16 {
            findings.push(finding(
                UNDER_16,
                format!("{minutes} minutes: under 16, not billable."),
            ));
            None
        } else {
            let what = if visit.kind == SessionKind::JointIntake {
                "joint intake"
            } else {
                "individual assessment"
            };
            Some(line(
                "90791",
                visit,
                1,
                format!("90791: diagnostic evaluation of {dx} at the {what}, {minutes} minutes, {where_words}"),
            ))
        }
    } else if conjoint {
        let code = if present { "90847" } else { "90846" };
        if minutes < CONJOINT_MINIMUM {
            findings.push(finding(
                CONJOINT_UNDER_26,
                format!("{minutes} minutes: under 26, so no {code}."),
            ));
            None
        } else if conjoint_days.contains(&visit.date) {
            findings.push(finding(
                ONE_CONJOINT_PER_DAY,
                format!(
                    "{name} already has a conjoint code on {}: this session adds no second one.",
                    visit.date
                ),
            ));
            None
        } else {
            conjoint_days.insert(visit.date);
            let reason = if present {
                format!("90847: conjoint session, {dx} present, {minutes} minutes, {where_words}")
            } else {
                findings.push(finding(
                    PATIENT_ABSENT,
                    format!("{name} was not present: 90846 instead of 90847, and many plans do not cover 90846."),
                ));
                format!("90846: conjoint session without {dx}, {minutes} minutes, {where_words}")
            };
            Some(line(code, visit, 1, reason))
        }
    } else if !present {
        findings.push(finding(
            PATIENT_ABSENT,
            format!("{name} was not present at this session."),
        ));
        None
    } else if let Some((code, from, to)) = individual_code(minutes) {
        Some(line(
            code,
            visit,
            1,
            format!(
                "{code}: individual psychotherapy with {dx}, {minutes} minutes ({}), {where_words}",
                band_words(from, to)
            ),
        ))
    } else {
        findings.push(finding(
            UNDER_16,
            format!("{minutes} minutes: under 16, not billable."),
        ));
        None
    };

    let main_code = main.as_ref().map(|l| l.code.clone());
    lines.extend(main);

    if visit.interactive_complexity {
        match main_code.as_deref() {
            Some(code) if COMPLEXITY_HOSTS.contains(&code) => lines.push(line(
                "90785",
                visit,
                1,
                format!("90785: interactive complexity, added to {code}"),
            )),
            Some(code) => findings.push(finding(
                NO_90785_WITH_CONJOINT,
                format!("Interactive complexity was noted, but 90785 is never added to {code}."),
            )),
            None => {}
        }
    }

    if matches!(
        visit.kind,
        SessionKind::Dosing | SessionKind::AugmentedTherapy
    ) {
        findings.push(finding(
            MEDICATION_IS_PRESCRIBERS,
            "Nothing for the ketamine, its administration or the prescriber's consult: those are the prescriber's to bill.".to_owned(),
        ));
    }
    if visit.kind == SessionKind::Dosing && main_code.is_some() {
        if !offer_0820t {
            findings.push(finding(
                CATEGORY_III_OFF,
                CATEGORY_III_OFF.reason.to_owned(),
            ));
        } else if visit.setting != Setting::Office {
            findings.push(finding(
                CATEGORY_III_IN_PERSON_ONLY,
                format!("No 0820T: this dosing was {where_words}, not in person."),
            ));
        } else {
            let hours = monitoring_hours(visit.elapsed_minutes);
            if hours == 0 {
                findings.push(finding(
                    CATEGORY_III_UNDER_AN_HOUR,
                    format!(
                        "No 0820T: {} minutes of monitoring, not over half an hour.",
                        visit.elapsed_minutes
                    ),
                ));
            } else {
                lines.push(line(
                    "0820T",
                    visit,
                    hours,
                    format!(
                        "0820T ×{hours}: continuous in-person monitoring during the dosing, {} h {:02} min",
                        visit.elapsed_minutes / 60,
                        visit.elapsed_minutes % 60
                    ),
                ));
            }
        }
    }
    done(lines, findings)
}

/// Hours of monitoring by the midpoint rule: an hour counts once more than 30 of its minutes
/// have passed.
pub fn monitoring_hours(minutes: u32) -> u32 {
    minutes / 60 + u32::from(minutes % 60 > 30)
}

#[cfg(test)]
mod tests;
