//! Clients and their relationships: persons, relationship units of two or more partners, and
//! per person the diagnoses, screenings, medical clearances and consents that the safety gates
//! and superbills read.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A client.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Stable id (a UUID).
    pub id: String,
    /// Legal name, as a superbill prints it.
    pub legal_name: String,
    /// The name used in the room; empty: the legal name.
    #[serde(default)]
    pub preferred_name: String,
    /// Pronouns ("she/her", "they/them").
    #[serde(default)]
    pub pronouns: String,
    /// Date of birth.
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
    /// Postal address.
    #[serde(default)]
    pub address: String,
    /// Phone.
    #[serde(default)]
    pub phone: String,
    /// Email.
    #[serde(default)]
    pub email: String,
    /// State of residence (two letters): decides licensure for telehealth.
    #[serde(default)]
    pub state_of_residence: String,
    /// Who to call in an emergency, and how.
    #[serde(default)]
    pub emergency_contact: String,
    /// Insurance payer, for reimbursement (optional).
    #[serde(default)]
    pub insurance_payer: String,
    /// Insurance member id (optional).
    #[serde(default)]
    pub insurance_member_id: String,
}

impl Person {
    /// The name to show: the preferred name when there is one.
    pub fn display_name(&self) -> &str {
        if self.preferred_name.trim().is_empty() {
            &self.legal_name
        } else {
            &self.preferred_name
        }
    }
}

/// The shape of a relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Structure {
    /// Two partners.
    Couple,
    /// Three partners.
    Triad,
    /// Four or more, or a network of relationships.
    Polycule,
    /// Anything else.
    Other,
}

/// Where a unit is in its work with the practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitStatus {
    /// Before the program starts.
    Intake,
    /// In the program.
    Active,
    /// On hold.
    Paused,
    /// Finished.
    Closed,
}

/// A partner's place in a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// The person.
    pub person_id: String,
    /// Attachment-style notes for this partner in this relationship.
    #[serde(default)]
    pub attachment_notes: String,
}

/// A relationship unit: two or more partners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Stable id (a UUID).
    pub id: String,
    /// Its name ("Rivera–Chen").
    pub name: String,
    /// Couple, triad, polycule or other.
    pub structure: Structure,
    /// Intake, active, paused or closed.
    pub status: UnitStatus,
    /// When the work together started.
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    /// The goals they set.
    #[serde(default)]
    pub goals: String,
    /// The partners, in the order the chart shows them (two or more).
    pub partners: Vec<Partner>,
}

/// An ICD-10-CM diagnosis of one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnosis {
    /// Stable id.
    pub id: String,
    /// Whose.
    pub person_id: String,
    /// The ICD-10-CM code ("F43.23").
    pub code: String,
    /// When it was made.
    pub diagnosed_on: NaiveDate,
    /// The primary diagnosis is listed first on a superbill (one per person).
    pub primary: bool,
}

/// A dated screening: which exclusions (codes of [`crate::rules::safety::EXCLUSIONS`]) were
/// present when it was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    /// Stable id.
    pub id: String,
    /// Whose.
    pub person_id: String,
    /// When.
    pub taken_on: NaiveDate,
    /// Codes of the exclusions answered "yes"; empty: none.
    pub present: Vec<String>,
    /// The therapist's notes on it.
    #[serde(default)]
    pub notes: String,
}

/// Where the prescriber approved ketamine to be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClearanceSetting {
    /// Intramuscular, in the office.
    InOfficeIm,
    /// Lozenges, at home.
    AtHomeLozenges,
}

/// A prescriber's medical clearance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clearance {
    /// Stable id.
    pub id: String,
    /// Whose.
    pub person_id: String,
    /// The prescriber's name.
    pub prescriber: String,
    /// Their organisation.
    #[serde(default)]
    pub organisation: String,
    /// Date of the clearance.
    pub cleared_on: NaiveDate,
    /// Last day it is valid.
    pub valid_until: NaiveDate,
    /// The approved setting.
    pub setting: ClearanceSetting,
}

/// What a consent covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    /// Informed consent to ketamine-assisted psychotherapy.
    KapInformedConsent,
    /// Consent to telehealth sessions.
    Telehealth,
    /// Release of information to a named collaborating therapist or prescriber.
    ReleaseOfInformation,
}

/// A signed consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Stable id.
    pub id: String,
    /// Whose.
    pub person_id: String,
    /// What it covers.
    pub kind: ConsentKind,
    /// When it was signed.
    pub signed_on: NaiveDate,
    /// When it lapses, if it does.
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    /// For a release of information: to whom (name and role).
    #[serde(default)]
    pub release_to: String,
}

/// The outcome of a domestic-violence screen of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DvResult {
    /// Nothing of concern.
    NoConcern,
    /// A concern to follow.
    Concern,
    /// Active domestic violence: no dosing.
    Active,
}

/// A dated domestic-violence screen of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DvScreen {
    /// Stable id.
    pub id: String,
    /// Which unit.
    pub unit_id: String,
    /// When.
    pub screened_on: NaiveDate,
    /// What it found.
    pub result: DvResult,
}
