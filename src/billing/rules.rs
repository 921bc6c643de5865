//! The billing rules as data: each has a stable code, a reason the therapist reads, and a
//! kind that says what breaking it does. A coding rule refuses a line (a payer or auditor
//! would reject it); a payer's habit keeps the line with a warning she acknowledges once; a
//! note explains why a line is not there. The case tables in `codes/tests.rs` and
//! `check/tests.rs` walk every rule.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What breaking a rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A coding rule: the line is refused.
    Refuse,
    /// A payer's habit: the line stays, with a warning she acknowledges once.
    Warn,
    /// Why something is or is not on the superbill; nothing to decide.
    Note,
}

/// A named billing rule and the reason it exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable code.
    pub code: &'static str,
    /// What breaking it does.
    pub severity: Severity,
    /// Why, for the therapist.
    pub reason: &'static str,
}

const fn rule(code: &'static str, severity: Severity, reason: &'static str) -> Rule {
    Rule {
        code,
        severity,
        reason,
    }
}

use Severity::{Note, Refuse, Warn};

/// Under 16 minutes is not psychotherapy.
pub const UNDER_16: Rule = rule(
    "under_16_minutes",
    Refuse,
    "Psychotherapy codes start at 16 minutes; a shorter session is not billable as psychotherapy.",
);
/// An individual psychotherapy code must match its time band.
pub const TIME_BAND: Rule = rule("time_band", Refuse, "90832 is 16–37 minutes of psychotherapy, 90834 38–52 and 90837 53 or more; a code outside its band is a coding error.");
/// A conjoint session needs 26 minutes.
pub const CONJOINT_UNDER_26: Rule = rule(
    "conjoint_under_26_minutes",
    Refuse,
    "90846 and 90847 need at least 26 minutes of psychotherapy.",
);
/// A conjoint code needs someone besides the patient, and 90847/90846 who is there.
pub const CONJOINT_WHO: Rule = rule("conjoint_who", Refuse, "90847 is a family or couples session with the identified patient present, 90846 one without them; both need another partner in the room.");
/// At most one 90846/90847 per patient per day.
pub const ONE_CONJOINT_PER_DAY: Rule = rule(
    "one_conjoint_per_day",
    Refuse,
    "Payers allow at most one 90846 or 90847 per patient per date of service.",
);
/// One psychotherapy service per session.
pub const ONE_PSYCHOTHERAPY_CODE: Rule = rule("one_psychotherapy_code", Refuse, "A session is one psychotherapy service: one of 90791, 90832, 90834, 90837, 90846 or 90847, with add-ons beside it.");
/// A second session on a day already billed.
pub const SECOND_SESSION: Rule = rule("second_session_that_day", Warn, "A second session on a date of service adds no second conjoint code; its fee is added to that date's line, which some payers question.");
/// Interactive complexity is never added to a conjoint code.
pub const NO_90785_WITH_CONJOINT: Rule = rule(
    "no_90785_with_conjoint",
    Refuse,
    "90785 (interactive complexity) may not be reported with 90846 or 90847.",
);
/// Interactive complexity is an add-on code.
pub const ADD_ON_NEEDS_HOST: Rule = rule("90785_needs_host", Refuse, "90785 is an add-on: it is reported only with 90791, 90832, 90834 or 90837 on the same session.");
/// The identified patient must be there for a code that treats them.
pub const NEEDS_PATIENT: Rule = rule("needs_patient", Refuse, "A diagnostic evaluation and individual psychotherapy need the identified patient in the session.");
/// 90846: the identified patient was not in the room.
pub const PATIENT_ABSENT: Rule = rule("patient_absent", Warn, "Without the identified patient present, a conjoint session is 90846, which many plans do not cover.");
/// Nobody with a diagnosis: receipts only.
pub const NO_DIAGNOSIS: Rule = rule("no_diagnosis", Refuse, "A superbill asks the insurer to pay for treating a diagnosed condition; without a diagnosis the client gets a receipt instead.");
/// A Z code as the primary diagnosis.
pub const Z_CODE_PRIMARY: Rule = rule("z_code_primary", Warn, "Z codes (relationship distress and the like) describe circumstances, not disorders; many payers deny a claim whose primary diagnosis is one.");
/// The ketamine is billed by the prescriber.
pub const MEDICATION_IS_PRESCRIBERS: Rule = rule("medication_is_prescribers", Note, "The ketamine, its administration and the medical consult are the prescriber's to bill; only the psychotherapy goes on this superbill.");
/// The place of service must be the session's.
pub const PLACE_OF_SERVICE: Rule = rule("place_of_service", Refuse, "The place of service and the telehealth modifier follow where the session happened: 11 in the office, 10 or 02 with modifier 95 by video.");
/// 0820T is off in Settings.
pub const CATEGORY_III_OFF: Rule = rule("0820t_off", Refuse, "0820T (in-person monitoring during psychedelic medication therapy) is off in Settings › Fees; few payers reimburse it.");
/// 0820T is for in-person monitoring of a dosing only.
pub const CATEGORY_III_IN_PERSON_ONLY: Rule = rule("0820t_in_person_only", Refuse, "0820T–0822T are continuous in-person monitoring during a dosing: never for another kind of session, at home or by video.");
/// 0820T counts hours, by the midpoint rule.
pub const CATEGORY_III_HOURS: Rule = rule("0820t_hours", Refuse, "0820T is reported per hour of monitoring; an hour counts once more than half of it (31 minutes) has passed.");
/// 0820T and psychotherapy never for the same minutes.
pub const SAME_MINUTES: Rule = rule("0820t_same_minutes", Refuse, "0820T includes the psychotherapy during the monitored hours; only psychotherapy after discharge may be billed on its own, by its own time rule.");
/// Only a session that took place is billed.
pub const NOT_HELD: Rule = rule(
    "not_held",
    Refuse,
    "Only a session that took place is billed to insurance; a cancellation or no-show is not.",
);
/// A late cancellation costs the schedule's fee.
pub const LATE_CANCEL_FEE: Rule = rule("late_cancel_fee", Note, "A client who cancels with less notice than your fee schedule asks is charged its late-cancellation fee; a cancellation with notice, or by you, never is. It is on statements and receipts only: insurance never pays for a session that was not held.");
/// A no-show costs the schedule's fee, unless a package pays for the session.
pub const NO_SHOW_FEE: Rule = rule("no_show_fee", Note, "A session nobody came to is charged your schedule's no-show fee, unless a package pays for it: then it uses its place in the package, with no fee on top.");
/// A code Attune has no rules for.
pub const UNKNOWN_CODE: Rule = rule("unknown_code", Warn, "Attune checks the psychotherapy, interactive complexity and psychedelic monitoring codes; it has no rules for this one, so check it with the payer.");
/// Her codes broke a coding rule since she chose them.
pub const CHOICE_SET_ASIDE: Rule = rule("choice_set_aside", Note, "Codes you chose that no longer pass the coding rules (a corrected timer, diagnosis or another session that day) are set aside for the suggestion until you choose again.");

/// The rules, as the therapist reads them in the billing panel.
pub const RULES: &[Rule] = &[
    UNDER_16,
    TIME_BAND,
    CONJOINT_UNDER_26,
    CONJOINT_WHO,
    ONE_CONJOINT_PER_DAY,
    ONE_PSYCHOTHERAPY_CODE,
    SECOND_SESSION,
    NO_90785_WITH_CONJOINT,
    ADD_ON_NEEDS_HOST,
    NEEDS_PATIENT,
    PATIENT_ABSENT,
    NO_DIAGNOSIS,
    Z_CODE_PRIMARY,
    MEDICATION_IS_PRESCRIBERS,
    PLACE_OF_SERVICE,
    CATEGORY_III_OFF,
    CATEGORY_III_IN_PERSON_ONLY,
    CATEGORY_III_HOURS,
    SAME_MINUTES,
    NOT_HELD,
    LATE_CANCEL_FEE,
    NO_SHOW_FEE,
    UNKNOWN_CODE,
    CHOICE_SET_ASIDE,
];

/// A rule that shaped a session's lines, with its particulars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The rule's code.
    pub rule: String,
    /// What breaking it does.
    pub severity: Severity,
    /// What it means here, in plain words.
    pub text: String,
}

impl Rule {
    /// This rule, said of one session.
    pub fn says(self, text: impl Into<String>) -> Finding {
        Finding {
            rule: self.code.to_owned(),
            severity: self.severity,
            text: text.into(),
        }
    }
}

/// The rule with `code`, if there is one.
pub fn by_code(code: &str) -> Option<Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_distinct_code_and_a_reason() {
        let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), RULES.len(), "two rules share a code");
        for r in RULES {
            assert!(
                r.reason.ends_with('.') && r.reason.len() > 40,
                "{}: the reason is a sentence the therapist can read",
                r.code
            );
            assert_eq!(by_code(r.code), Some(*r), "each rule is found by its code");
        }
    }
}
