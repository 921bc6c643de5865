//! Treatment plan rules: what a plan needs before she can sign it, how its measurable
//! objectives stand against the latest scores, and when its review is due. Pure functions
//! over loaded values; the store loads the plan and the scores.

use chrono::{Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::model::{Comparison, Instrument, InterventionKind, Target, TreatmentPlan};

/// A review is listed as due this many days ahead.
pub const REVIEW_SOON_DAYS: i64 = 14;
/// A plan is reviewed at least once a year.
pub const LONGEST_REVIEW_MONTHS: u32 = 12;

/// Why this plan cannot be signed yet (the field and her sentence); `None` when it can.
pub fn sign_problem(plan: &TreatmentPlan) -> Option<(&'static str, String)> {
    let problem = |field, text: &str| Some((field, text.to_owned()));
    if plan.unit_id.is_some() == plan.person_id.is_some() {
        return problem(
            "unit_id",
            "A plan is for one relationship or for one person.",
        );
    }
    if plan.signed_at.is_some() {
        return problem(
            "signed_at",
            "This plan is signed already; revise it as a new version.",
        );
    }
    if plan.problems.iter().all(|p| p.trim().is_empty()) {
        return problem("problems", "Name at least one presenting problem.");
    }
    if plan.goals.is_empty() || plan.goals.iter().any(|g| g.text.trim().is_empty()) {
        return problem("goals", "Give the plan at least one goal, each in words.");
    }
    if let Some(g) = plan
        .goals
        .iter()
        .find(|g| g.objectives.is_empty() || g.objectives.iter().any(|o| o.text.trim().is_empty()))
    {
        return Some((
            "objectives",
            format!(
                "The goal \u{201c}{}\u{201d} needs a measurable objective.",
                g.text.trim()
            ),
        ));
    }
    if let Some(t) = targets(plan).find(|t| !t.threshold.is_finite()) {
        return Some((
            "objectives",
            format!("The threshold {} is not a number.", t.threshold),
        ));
    }
    if plan.interventions.is_empty() {
        return problem("interventions", "Name at least one intervention.");
    }
    if plan
        .interventions
        .iter()
        .any(|i| i.kind == InterventionKind::Other && i.detail.trim().is_empty())
    {
        return problem("interventions", "Say what the other intervention is.");
    }
    review_problem(plan)
}

fn targets(plan: &TreatmentPlan) -> impl Iterator<Item = &Target> {
    plan.goals
        .iter()
        .flat_map(|g| &g.objectives)
        .filter_map(|o| o.target.as_ref())
}

fn review_problem(plan: &TreatmentPlan) -> Option<(&'static str, String)> {
    let latest = plan
        .written_on
        .checked_add_months(Months::new(LONGEST_REVIEW_MONTHS))
        .unwrap_or(plan.written_on);
    if plan.review_on <= plan.written_on {
        return Some((
            "review_on",
            format!(
                "The review date ({}) must come after the day the plan is written ({}).",
                plan.review_on, plan.written_on
            ),
        ));
    }
    if plan.review_on > latest {
        return Some((
            "review_on",
            format!("Review the plan within a year: on or before {latest}."),
        ));
    }
    None
}

/// When a plan's review is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Review {
    /// More than [`REVIEW_SOON_DAYS`] away.
    NotDue,
    /// Within [`REVIEW_SOON_DAYS`] (0: today).
    Soon {
        /// Days left.
        #[ts(type = "number")]
        days: i64,
    },
    /// Passed.
    Overdue {
        /// Days since.
        #[ts(type = "number")]
        days: i64,
    },
}

/// Where `review_on` stands on `today`.
pub fn review(review_on: NaiveDate, today: NaiveDate) -> Review {
    let days = (review_on - today).num_days();
    match days {
        d if d < 0 => Review::Overdue { days: -d },
        d if d <= REVIEW_SOON_DAYS => Review::Soon { days: d },
        _ => Review::NotDue,
    }
}

/// A person's latest score on one scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Whose.
    pub person_id: String,
    /// Which questionnaire.
    pub instrument: Instrument,
    /// Which of its scales.
    pub scale: String,
    /// The score.
    pub value: f64,
    /// The day it was given.
    pub on: NaiveDate,
}

/// One person against an objective's target.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PersonProgress {
    /// Their name.
    pub name: String,
    /// Their latest score, and when; `None`: not measured yet.
    pub latest: Option<(f64, NaiveDate)>,
    /// Whether it meets the target.
    pub met: bool,
}

/// An objective and how it stands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ObjectiveProgress {
    /// The objective, in her words.
    pub text: String,
    /// Its target in words ("CSI-16 above 51.5"); `None`: not linked to a measure.
    pub target: Option<String>,
    /// Each person the target names.
    pub persons: Vec<PersonProgress>,
    /// Every person named meets it (never for an objective without a target).
    pub met: bool,
}

/// The target in words: "CSI-16 above 51.5".
pub fn target_words(t: &Target) -> String {
    let spec = crate::measures::spec(t.instrument);
    let scale = t
        .scale
        .as_deref()
        .filter(|s| spec.scales.first().is_none_or(|first| first.code != *s))
        .map(|s| format!(" {s}"))
        .unwrap_or_default();
    let how = match t.comparison {
        Comparison::Above => "above",
        Comparison::Below => "below",
    };
    format!("{}{scale} {how} {}", spec.short, t.threshold)
}

/// Each objective of `plan` against the latest `scores` of the `partners` (id, name).
pub fn progress(
    plan: &TreatmentPlan,
    partners: &[(String, String)],
    scores: &[Score],
) -> Vec<ObjectiveProgress> {
    plan.goals
        .iter()
        .flat_map(|g| &g.objectives)
        .map(|o| match &o.target {
            None => ObjectiveProgress {
                text: o.text.clone(),
                target: None,
                persons: Vec::new(),
                met: false,
            },
            Some(t) => {
                let persons: Vec<PersonProgress> = partners
                    .iter()
                    .filter(|(id, _)| t.persons.is_empty() || t.persons.contains(id))
                    .map(|(id, name)| person_progress(t, id, name, scores))
                    .collect();
                ObjectiveProgress {
                    text: o.text.clone(),
                    target: Some(target_words(t)),
                    met: !persons.is_empty() && persons.iter().all(|p| p.met),
                    persons,
                }
            }
        })
        .collect()
}

fn person_progress(t: &Target, id: &str, name: &str, scores: &[Score]) -> PersonProgress {
    let first = crate::measures::spec(t.instrument)
        .scales
        .first()
        .map_or("", |s| s.code);
    let scale = t.scale.as_deref().unwrap_or(first);
    let latest = scores
        .iter()
        .filter(|s| s.person_id == id && s.instrument == t.instrument && s.scale == scale)
        .max_by_key(|s| s.on)
        .map(|s| (s.value, s.on));
    let met = latest.is_some_and(|(value, _)| match t.comparison {
        Comparison::Above => value > t.threshold,
        Comparison::Below => value < t.threshold,
    });
    PersonProgress {
        name: name.to_owned(),
        latest,
        met,
    }
}

#[cfg(test)]
mod tests;
