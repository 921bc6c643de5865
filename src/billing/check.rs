//! **Checking lines**: the one rule path every line passes, suggested or chosen by her. Each
//! finding names its rule; a [`Severity::Refuse`] finding means a payer or auditor would
//! reject the line, a [`Severity::Warn`] one that a payer often does.

use super::codes::{
    individual_code, monitoring_hours, place, Patient, Visit, COMPLEXITY_HOSTS, CONJOINT_MINIMUM,
};
use super::rules::{
    Finding, Rule, ADD_ON_NEEDS_HOST, CATEGORY_III_HOURS, CATEGORY_III_IN_PERSON_ONLY,
    CATEGORY_III_OFF, CONJOINT_UNDER_26, CONJOINT_WHO, NEEDS_PATIENT, NOT_HELD,
    NO_90785_WITH_CONJOINT, NO_DIAGNOSIS, ONE_CONJOINT_PER_DAY, ONE_PSYCHOTHERAPY_CODE,
    PATIENT_ABSENT, PLACE_OF_SERVICE, SAME_MINUTES, TIME_BAND, UNDER_16, UNKNOWN_CODE,
    Z_CODE_PRIMARY,
};
use crate::model::{CodedLine, SessionKind, Setting};

/// The conjoint (family or couples psychotherapy) codes.
pub const CONJOINT_CODES: &[&str] = &["90846", "90847"];
/// The codes of a psychotherapy service; a session has at most one.
pub const PSYCHOTHERAPY_CODES: &[&str] = &["90791", "90832", "90834", "90837", "90846", "90847"];
/// Continuous in-person monitoring during psychedelic medication therapy.
pub const MONITORING_CODES: &[&str] = &["0820T", "0821T", "0822T"];

/// A conjoint code.
pub fn is_conjoint(code: &str) -> bool {
    CONJOINT_CODES.contains(&code)
}

/// What every rule says of `lines` billed for `visit` on `patient`'s superbill.
/// `conjoint_taken`: an earlier session of that date already has a conjoint code.
pub fn check(
    visit: &Visit<'_>,
    patient: &Patient<'_>,
    offer_0820t: bool,
    lines: &[CodedLine],
    conjoint_taken: bool,
) -> Vec<Finding> {
    if lines.is_empty() {
        return Vec::new();
    }
    if !visit.held {
        return vec![NOT_HELD.says(NOT_HELD.reason)];
    }
    let Some(primary) = patient.diagnoses.first() else {
        return vec![NO_DIAGNOSIS.says(format!(
            "{} has no diagnosis on this date: a superbill cannot claim the session.",
            patient.name
        ))];
    };
    let mut found = Vec::new();
    if crate::icd10::is_z_code(primary) {
        found.push(Z_CODE_PRIMARY.says(format!(
            "{primary} is {}'s primary diagnosis: many payers deny a Z code as the primary. Mark a disorder primary if one applies.",
            patient.name
        )));
    }
    let monitored = lines
        .iter()
        .any(|l| MONITORING_CODES.contains(&l.code.as_str()));
    for l in lines {
        found.extend(check_place(visit, l));
        let code = l.code.as_str();
        let finding = if PSYCHOTHERAPY_CODES.contains(&code) {
            check_psychotherapy(visit, patient, code, monitored)
        } else if code == "90785" {
            check_complexity(lines)
        } else if MONITORING_CODES.contains(&code) {
            check_monitoring(visit, patient, offer_0820t, l)
        } else {
            Some(UNKNOWN_CODE.says(format!(
                "Attune has no rules for {code}: check it with the payer."
            )))
        };
        found.extend(finding);
    }
    found.extend(check_one_service(visit, patient, lines, conjoint_taken));
    found
}

fn check_place(visit: &Visit<'_>, l: &CodedLine) -> Option<Finding> {
    let (pos, modifier, words) = place(visit.setting);
    let telehealth = l.modifiers.iter().any(|m| m == "95");
    (l.place_of_service != pos || telehealth != modifier.is_some()).then(|| {
        let wanted = modifier.map_or(String::new(), |m| format!(" with modifier {m}"));
        PLACE_OF_SERVICE.says(format!(
            "{}: the session was {words}, so its place of service is {pos}{wanted}.",
            l.code
        ))
    })
}

fn check_psychotherapy(
    visit: &Visit<'_>,
    patient: &Patient<'_>,
    code: &str,
    monitored: bool,
) -> Option<Finding> {
    let minutes = if monitored {
        visit.after_monitoring_minutes
    } else {
        visit.minutes
    };
    let present = visit.patient_present(patient);
    let refuse = |rule: Rule, text: String| {
        if monitored
            && matches!(
                rule.code,
                "time_band" | "under_16_minutes" | "conjoint_under_26_minutes"
            )
        {
            return Some(SAME_MINUTES.says(format!(
                "{code}: the psychotherapy during the {} monitored minutes is inside 0820T; only the {minutes} minutes after discharge could be billed on their own, and {text}",
                visit.monitored_minutes
            )));
        }
        Some(rule.says(format!("{code}: {text}")))
    };
    let name = patient.name;
    match code {
        "90791" if !present => refuse(
            NEEDS_PATIENT,
            format!("{name} was not present, and a diagnostic evaluation needs the patient."),
        ),
        "90791" if minutes < 16 => refuse(UNDER_16, format!("{minutes} minutes is under 16.")),
        "90791" => None,
        "90846" | "90847" if !visit.conjoint(patient) => refuse(
            CONJOINT_WHO,
            "a conjoint code needs another partner in a session of the relationship.".into(),
        ),
        "90847" if !present => refuse(
            CONJOINT_WHO,
            format!("{name} was not present: a conjoint session without the patient is 90846."),
        ),
        "90846" if present => refuse(
            CONJOINT_WHO,
            format!("{name} was present: a conjoint session with the patient is 90847."),
        ),
        "90846" | "90847" if minutes < CONJOINT_MINIMUM => {
            refuse(CONJOINT_UNDER_26, format!("{minutes} minutes is under 26."))
        }
        "90846" => Some(PATIENT_ABSENT.says(format!(
            "90846: {name} was not present, and many plans do not cover 90846."
        ))),
        "90847" => None,
        _ if !present => refuse(
            NEEDS_PATIENT,
            format!("{name} was not present, and individual psychotherapy needs the patient."),
        ),
        _ => match individual_code(minutes) {
            None => refuse(
                UNDER_16,
                format!("{minutes} minutes is under 16, not billable as psychotherapy."),
            ),
            Some((right, ..)) if right != code => refuse(
                TIME_BAND,
                format!("{minutes} minutes of psychotherapy is {right}, not {code}."),
            ),
            Some(_) => None,
        },
    }
}

fn check_complexity(lines: &[CodedLine]) -> Option<Finding> {
    let codes: Vec<&str> = lines.iter().map(|l| l.code.as_str()).collect();
    if let Some(conjoint) = codes.iter().find(|c| is_conjoint(c)) {
        return Some(NO_90785_WITH_CONJOINT.says(format!(
            "90785 (interactive complexity) may not be reported with {conjoint}."
        )));
    }
    (!codes.iter().any(|c| COMPLEXITY_HOSTS.contains(c))).then(|| {
        ADD_ON_NEEDS_HOST.says("90785 is an add-on: report it with 90791, 90832, 90834 or 90837.")
    })
}

fn check_monitoring(
    visit: &Visit<'_>,
    patient: &Patient<'_>,
    offer_0820t: bool,
    l: &CodedLine,
) -> Option<Finding> {
    let code = &l.code;
    let (_, _, words) = place(visit.setting);
    if visit.kind != SessionKind::Dosing || visit.setting != Setting::Office {
        return Some(CATEGORY_III_IN_PERSON_ONLY.says(format!(
            "{code} is in-person monitoring during a dosing; this session was a {} {words}.",
            crate::model::SessionKind::label(visit.kind).to_lowercase()
        )));
    }
    if !offer_0820t {
        return Some(CATEGORY_III_OFF.says(format!(
            "{code} is off in Settings › Fees; turn it on there if you bill it."
        )));
    }
    if !visit.patient_present(patient) {
        return Some(NEEDS_PATIENT.says(format!(
            "{code}: {} was not there to be monitored.",
            patient.name
        )));
    }
    let hours = monitoring_hours(visit.monitored_minutes);
    (l.units == 0 || l.units > hours).then(|| {
        CATEGORY_III_HOURS.says(format!(
            "{code} ×{}: {} minutes of monitoring are {hours} hour(s) by the midpoint rule.",
            l.units, visit.monitored_minutes
        ))
    })
}

fn check_one_service(
    visit: &Visit<'_>,
    patient: &Patient<'_>,
    lines: &[CodedLine],
    conjoint_taken: bool,
) -> Vec<Finding> {
    let mut found = Vec::new();
    let services: Vec<&str> = lines
        .iter()
        .map(|l| l.code.as_str())
        .filter(|c| PSYCHOTHERAPY_CODES.contains(c))
        .collect();
    let conjoint = services.iter().filter(|c| is_conjoint(c)).count();
    if conjoint > 1 || (conjoint == 1 && conjoint_taken) {
        found.push(ONE_CONJOINT_PER_DAY.says(format!(
            "{} already has a conjoint code on {}: at most one 90846 or 90847 per patient per date of service.",
            patient.name, visit.date
        )));
    } else if services.len() > 1 {
        found.push(ONE_PSYCHOTHERAPY_CODE.says(format!(
            "{} on one session: a session is one psychotherapy service.",
            services.join(" and ")
        )));
    }
    found
}
