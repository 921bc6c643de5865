//! Measures: standard questionnaires a client fills in, item by item, dated, and linked to a
//! session when given in one. The answers are kept as the client gave them; every score is
//! derived from them by [`crate::measures`], so a corrected scoring rule rescores the past.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A questionnaire Attune knows how to score.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    /// Patient Health Questionnaire, 9 items (depression).
    Phq9,
    /// Generalized Anxiety Disorder scale, 7 items.
    Gad7,
    /// Couples Satisfaction Index, 16 items (about one relationship).
    Csi16,
    /// Experiences in Close Relationships – Relationship Structures (about one relationship).
    EcrRs,
}

/// One completed questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Stable id (a UUID).
    pub id: String,
    /// Who answered.
    pub person_id: String,
    /// The relationship it is about (the CSI-16 and the ECR-RS); none for the others.
    #[serde(default)]
    pub unit_id: Option<String>,
    /// Which questionnaire.
    pub instrument: Instrument,
    /// The day it was answered.
    pub given_on: NaiveDate,
    /// The session it was given in, if any.
    #[serde(default)]
    pub session_id: Option<String>,
    /// Per item, in order, the position of the answer chosen among the item's printed answers
    /// (0 is the first). `None` only in a form still being filled in: a measure is never saved
    /// with an item missing.
    pub answers: Vec<Option<u8>>,
    /// Set when it was entered in error, with why: kept for the record, left out of plots,
    /// scores and alerts.
    #[serde(default)]
    pub entered_in_error: Option<String>,
}
