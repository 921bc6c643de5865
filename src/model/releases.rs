//! Releases of information: who outside the practice may receive what about one person, until
//! when; the recipients she works with; and the accounting of what was disclosed to whom.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a recipient is to her clients' care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecipientRole {
    /// The prescriber (in person or by telehealth) who oversees the ketamine.
    Prescriber,
    /// A client's own therapist, or another clinician she collaborates with.
    CollaboratingTherapist,
    /// Anyone else a client authorises.
    Other,
}

impl RecipientRole {
    /// How the role reads on a page.
    pub fn label(self) -> &'static str {
        match self {
            RecipientRole::Prescriber => "Prescriber",
            RecipientRole::CollaboratingTherapist => "Collaborating therapist",
            RecipientRole::Other => "Other",
        }
    }
}

/// Someone outside the practice who may receive records: one entry, reused across clients.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Stable id (a UUID).
    pub id: String,
    /// Their name ("Dr. Maya Okafor").
    pub name: String,
    /// Prescriber, collaborating therapist or other.
    pub role: Option<RecipientRole>,
    /// Their practice or organisation.
    #[serde(default)]
    pub organisation: String,
    /// The state they practise in (two letters).
    #[serde(default)]
    pub state: String,
    /// How to reach them (fax, secure email, address).
    #[serde(default)]
    pub contact: String,
}

/// A kind of information a release covers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Covered {
    /// Session reports: dosing facts, vitals, the note's clinical fields.
    SessionReports,
    /// Diagnoses.
    Diagnoses,
    /// Measures (scores over time).
    Measures,
    /// The treatment plan.
    TreatmentPlan,
}

impl Covered {
    /// How the kind reads in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Covered::SessionReports => "session reports",
            Covered::Diagnoses => "diagnoses",
            Covered::Measures => "measures",
            Covered::TreatmentPlan => "the treatment plan",
        }
    }
}

/// One person's authorisation to release named kinds of information to one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// Stable id (a UUID).
    pub id: String,
    /// Whose information.
    pub person_id: String,
    /// To whom.
    pub recipient_id: String,
    /// What it covers.
    pub covers: Vec<Covered>,
    /// For what purpose ("coordination of ketamine care").
    #[serde(default)]
    pub purpose: String,
    /// Signed and in force from.
    pub valid_from: NaiveDate,
    /// In force through this day.
    pub valid_until: NaiveDate,
    /// When the client revoked it, if they did; kept, never deleted.
    #[serde(default)]
    pub revoked_on: Option<NaiveDate>,
}

/// Where a release stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseState {
    /// Not in force yet.
    NotYet,
    /// In force.
    Current,
    /// In force, ending within 30 days.
    Expiring,
    /// Past its last day.
    Expired,
    /// Revoked by the client.
    Revoked,
}

/// One disclosure: what went to whom, when, under which release (45 CFR 164.528).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// Stable id (a UUID).
    pub id: String,
    /// Whose information.
    pub person_id: String,
    /// To whom.
    pub recipient_id: String,
    /// The release it was made under.
    pub release_id: String,
    /// When.
    pub disclosed_at: DateTime<Utc>,
    /// What went ("Session report: dosing of 11/02/2026").
    pub what: String,
    /// Why (the release's purpose).
    #[serde(default)]
    pub purpose: String,
    /// The session it reported on, if any.
    #[serde(default)]
    pub session_id: Option<String>,
}
