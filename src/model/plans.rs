//! Treatment plans: for a relationship (or one person, where individual work is planned), the
//! presenting problems, goals with measurable objectives (linked to measures where they can
//! be), interventions, frequency and review date. Signed, a plan is locked like a note; a
//! revision is a new version, signed in its turn.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Instrument;

/// A way of working the plan names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InterventionKind {
    /// Emotionally focused therapy: enactments between partners.
    EftEnactments,
    /// EMDR-based resourcing.
    EmdrResourcing,
    /// Somatic grounding.
    SomaticGrounding,
    /// Psychoeducation (the cycle, ketamine, integration).
    Psychoeducation,
    /// Ketamine-assisted dosing sessions in the modes the detail names.
    KapDosing,
    /// Anything else, named in the detail.
    Other,
}

impl InterventionKind {
    /// Its name in the therapist's words.
    pub fn label(self) -> &'static str {
        match self {
            InterventionKind::EftEnactments => "EFT enactments",
            InterventionKind::EmdrResourcing => "EMDR-based resourcing",
            InterventionKind::SomaticGrounding => "Somatic grounding",
            InterventionKind::Psychoeducation => "Psychoeducation",
            InterventionKind::KapDosing => "KAP dosing sessions",
            InterventionKind::Other => "Other",
        }
    }
}

/// An intervention as planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    /// Which.
    pub kind: InterventionKind,
    /// How, for whom ("dyadic psychedelic, then psycholytic").
    #[serde(default)]
    pub detail: String,
}

/// How a score is compared with an objective's threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// Strictly above (the CSI-16's 51.5 cut-off: above it, not distressed).
    Above,
    /// Strictly below (a PHQ-9 below 10).
    Below,
}

/// The measure an objective is met by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The questionnaire.
    pub instrument: Instrument,
    /// Its scale's code; `None`: its first (total) scale.
    #[serde(default)]
    pub scale: Option<String>,
    /// Above or below.
    pub comparison: Comparison,
    /// The threshold.
    pub threshold: f64,
    /// Whose latest score must meet it; empty: every partner's.
    #[serde(default)]
    pub persons: Vec<String>,
}

/// A measurable objective of a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// In her words ("CSI-16 above 51.5 for both partners").
    pub text: String,
    /// The measure that shows it is met, where there is one.
    #[serde(default)]
    pub target: Option<Target>,
}

/// A goal and its objectives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The goal.
    pub text: String,
    /// How she will know it is reached.
    #[serde(default)]
    pub objectives: Vec<Objective>,
}

/// One version of a treatment plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreatmentPlan {
    /// Stable id (empty for a new one).
    pub id: String,
    /// The relationship it is for…
    #[serde(default)]
    pub unit_id: Option<String>,
    /// …or the one person.
    #[serde(default)]
    pub person_id: Option<String>,
    /// 1 for the first plan, then one more for each revision.
    pub version: u32,
    /// The day it was written.
    pub written_on: NaiveDate,
    /// Presenting problems.
    pub problems: Vec<String>,
    /// Goals with their objectives.
    pub goals: Vec<Goal>,
    /// Interventions.
    pub interventions: Vec<Intervention>,
    /// How often they meet, and the dosings planned.
    #[serde(default)]
    pub frequency: String,
    /// When it is to be reviewed.
    pub review_on: NaiveDate,
    /// When she signed it; from then on it never changes.
    #[serde(default)]
    pub signed_at: Option<DateTime<Utc>>,
}
