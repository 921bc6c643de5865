//! A Good Faith Estimate (No Surprises Act, 45 CFR 149.610; DOMAIN.md, "Billing facts"): what a
//! self-pay client can expect to be charged for the care planned, before it starts. The
//! expected sessions come from the program arc (less what has been held) and are priced the
//! way the books will price them: a package's sessions at its parts, the rest by the fee
//! schedule. And the $400 rule: a bill that much over the estimate may be disputed.

use chrono::{Months, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codes::nominal_code;
use super::fees::charge;
use super::Cents;
use crate::model::{FeeSchedule, Package, PracticeProfile, SessionKind};

/// An estimate covers at most this many months of care.
pub const MAX_MONTHS: u32 = 12;
/// A bill this much over the estimate, or more, may be disputed.
pub const DISPUTE_OVER: Cents = Cents::dollars(400);

/// The notices every estimate prints, in the words of the federal template.
pub const NOTICES: [(&str, &str); 4] = [
    (
        "Your right to a Good Faith Estimate",
        "You have the right to receive a \u{201c}Good Faith Estimate\u{201d} explaining how much your care will cost. Under the law, health care providers need to give patients who don\u{2019}t have insurance or who are not using insurance an estimate of the bill for items and services, at least 1 business day before a service scheduled 3 or more business days ahead, and on request.",
    ),
    (
        "Your right to dispute a bill",
        "If you receive a bill that is at least $400 more than your Good Faith Estimate, you can dispute the bill. Start the dispute within 120 calendar days of the date on the original bill.",
    ),
    (
        "Not a contract",
        "This Good Faith Estimate is an estimate, not a contract: it shows the costs of items and services reasonably expected for your care, based on what is known today, and does not require you to obtain the services listed. Actual charges may differ.",
    ),
    (
        "Questions",
        "Keep a copy of this Good Faith Estimate. For questions or more information about your right to a Good Faith Estimate, visit www.cms.gov/nosurprises or call 1-800-985-3059.",
    ),
];

/// Sessions of one kind the plan expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    /// The kind.
    pub kind: SessionKind,
    /// How many.
    pub count: u32,
    /// Their usual length, which decides the code.
    pub minutes: u32,
    /// How many people take part (two or more: a conjoint code).
    pub present: usize,
}

/// The program arc's sessions (DOMAIN.md, "The program arc") for `partners` people (one: an
/// individual client) with `dosings` dosings, each followed by an integration.
pub fn arc_plan(partners: usize, dosings: u32) -> Vec<Planned> {
    let all = partners.max(1);
    let planned = |kind, count, minutes, present| Planned {
        kind,
        count,
        minutes,
        present,
    };
    let mut plan = Vec::new();
    if all >= 2 {
        plan.push(planned(SessionKind::JointIntake, 1, 90, all));
    }
    plan.extend([
        planned(SessionKind::IndividualAssessment, all as u32, 60, 1),
        planned(SessionKind::FeedbackAndGoals, 1, 60, all),
        planned(SessionKind::Preparation, 1, 60, all),
        planned(SessionKind::Dosing, dosings, 180, all),
        planned(SessionKind::Integration, dosings, 60, all),
    ]);
    plan
}

/// What is left of `plan` once the sessions in `held` (one kind per session) took place.
pub fn remaining(plan: &[Planned], held: &[SessionKind]) -> Vec<Planned> {
    plan.iter()
        .map(|p| {
            let done = held.iter().filter(|k| **k == p.kind).count() as u32;
            Planned {
                count: p.count.saturating_sub(done),
                ..*p
            }
        })
        .filter(|p| p.count > 0)
        .collect()
}

/// One expected service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EstimateLine {
    /// What it is ("Joint intake").
    pub service: String,
    /// Its CPT code, where there is one (the medicine has none).
    #[serde(default)]
    pub code: Option<String>,
    /// How many.
    pub quantity: u32,
    /// The expected charge of each.
    pub each: Cents,
    /// Of all of them.
    pub amount: Cents,
    /// Where the price comes from ("part of the package …").
    #[serde(default)]
    pub detail: String,
}

/// A person the estimate is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EstimatePerson {
    /// Person id.
    pub person_id: String,
    /// Legal name.
    pub legal_name: String,
    /// Date of birth.
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
}

/// A Good Faith Estimate's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// The provider and practice (name, NPI, tax id, address).
    pub provider: PracticeProfile,
    /// The relationship it is for, if it is a relationship's.
    #[serde(default)]
    pub unit_id: Option<String>,
    /// The relationship's name, or the person's.
    pub for_name: String,
    /// Everyone whose care it estimates.
    pub persons: Vec<EstimatePerson>,
    /// Diagnosis codes where known ("F43.23 Adjustment disorder …").
    #[serde(default)]
    pub diagnoses: Vec<String>,
    /// First day of the care it covers.
    pub from: NaiveDate,
    /// Last day (at most 12 months on).
    pub until: NaiveDate,
    /// The expected services.
    pub lines: Vec<EstimateLine>,
    /// Their sum.
    pub total: Cents,
}

/// Prices the `plan`: a package's sessions at the package's parts (as many as it holds), the
/// others as the books would price a session of that kind and length.
pub fn price(
    schedule: &FeeSchedule,
    plan: &[Planned],
    package: Option<&Package>,
) -> Vec<EstimateLine> {
    let mut lines = Vec::new();
    for p in plan {
        let code = nominal_code(p.kind, p.present, p.minutes);
        let mut count = p.count;
        if let Some(package) = package.filter(|k| k.kind == p.kind) {
            let n = count.min(package.sessions);
            lines.extend(package_lines(package, n, code));
            count -= n;
        }
        if count == 0 {
            continue;
        }
        let each = charge(schedule, p.kind, &[], code, None).amount;
        lines.push(EstimateLine {
            service: p.kind.label().to_owned(),
            code: code.map(str::to_owned),
            quantity: count,
            each,
            amount: Cents(each.0 * i64::from(count)),
            detail: format!("{} minutes each", p.minutes),
        });
    }
    lines
}

/// `n` of a package's sessions: the psychotherapy share under its code, then each named part.
fn package_lines(package: &Package, n: u32, code: Option<&str>) -> Vec<EstimateLine> {
    let shares: Cents = package
        .price
        .split(package.sessions)
        .into_iter()
        .take(n as usize)
        .sum();
    let parts_each: Cents = package.parts.iter().map(|p| p.amount).sum();
    let psychotherapy = shares - Cents(parts_each.0 * i64::from(n));
    let detail = format!(
        "part of the package \u{201c}{}\u{201d} ({} for {} sessions)",
        package.name, package.price, package.sessions
    );
    let line = |service: String, code: Option<&str>, amount: Cents| EstimateLine {
        service,
        code: code.map(str::to_owned),
        quantity: n,
        each: Cents(amount.0 / i64::from(n.max(1))),
        amount,
        detail: detail.clone(),
    };
    let mut lines = vec![line(
        format!("{} (psychotherapy)", SessionKind::Dosing.label()),
        code,
        psychotherapy,
    )];
    if package.kind != SessionKind::Dosing {
        lines[0].service = format!("{} (psychotherapy)", package.kind.label());
    }
    for part in &package.parts {
        lines.push(line(
            part.name.clone(),
            None,
            Cents(part.amount.0 * i64::from(n)),
        ));
    }
    lines
}

/// Why this estimate cannot be issued, in her words; `None` when it can.
pub fn problem(estimate: &Estimate) -> Option<String> {
    let p = &estimate.provider;
    let missing: Vec<&str> = [
        ("the provider's name", &p.provider_name),
        ("the NPI", &p.npi),
        ("the tax id (EIN)", &p.ein),
        ("the practice's address", &p.address_line1),
    ]
    .into_iter()
    .filter(|(_, v)| v.trim().is_empty())
    .map(|(what, _)| what)
    .collect();
    if !missing.is_empty() {
        return Some(format!(
            "A Good Faith Estimate names the provider: add {} in Settings › Practice.",
            missing.join(", ")
        ));
    }
    if estimate.until < estimate.from {
        return Some(format!(
            "The estimate's period ends ({}) before it starts ({}).",
            estimate.until, estimate.from
        ));
    }
    if estimate.from.checked_add_months(Months::new(MAX_MONTHS)) <= Some(estimate.until) {
        return Some(format!(
            "A Good Faith Estimate covers at most {MAX_MONTHS} months of care: end it before {}.",
            estimate
                .from
                .checked_add_months(Months::new(MAX_MONTHS))
                .unwrap_or(estimate.until)
        ));
    }
    if estimate.lines.is_empty() {
        return Some("There is no care left to estimate: every session of the plan has been held. Choose more dosings or a package.".to_owned());
    }
    None
}

/// Where the charges stand against an estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overage {
    /// Less than $400 over it (or under it), the next session included.
    Within,
    /// The next session booked would bring the charges $400 or more over it.
    NextWouldExceed {
        /// That session's day.
        on: NaiveDate,
        /// The charges with it.
        after: Cents,
    },
    /// The charges are $400 or more over it: the client may dispute the bill.
    Exceeds {
        /// By how much.
        over: Cents,
    },
}

/// The $400 rule: `charged` so far in the estimate's period against `estimated`, and the next
/// session booked in it, if any.
pub fn overage(estimated: Cents, charged: Cents, next: Option<(NaiveDate, Cents)>) -> Overage {
    if charged - estimated >= DISPUTE_OVER {
        return Overage::Exceeds {
            over: charged - estimated,
        };
    }
    match next {
        Some((on, fee)) if charged + fee - estimated >= DISPUTE_OVER => Overage::NextWouldExceed {
            on,
            after: charged + fee,
        },
        _ => Overage::Within,
    }
}

#[cfg(test)]
mod tests;
