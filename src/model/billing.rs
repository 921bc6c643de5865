//! What billing keeps: the fee schedule, packages and their purchases, payments and how they
//! were applied, the therapist's changes to a session's codes, and issued superbills.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::SessionKind;
use crate::billing::Cents;

/// The practice's fee for one CPT code (per unit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeFee {
    /// The CPT code ("90847").
    pub code: String,
    /// The fee per unit.
    pub amount: Cents,
}

/// The practice's fee for a whole session of one kind (it takes precedence over code fees).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindFee {
    /// The kind of session.
    pub kind: SessionKind,
    /// The fee for the session.
    pub amount: Cents,
}

/// The fee schedule and the billing choices of the practice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeSchedule {
    /// Fees per CPT code.
    pub codes: Vec<CodeFee>,
    /// Fees per kind of session.
    pub kinds: Vec<KindFee>,
    /// Suggest 0820T for in-person monitoring of a dosing (off by default: a Category III
    /// code few payers reimburse).
    pub offer_0820t: bool,
    /// The fees for a late cancellation and a no-show (version 7 on).
    #[serde(default)]
    pub missed: MissedFees,
}

/// What a session called off too late, or missed, costs: on her statement and receipts,
/// never on a superbill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MissedFees {
    /// Charged when the client cancels with less notice than `notice_hours`; `None`: no fee.
    pub late_cancel: Option<Cents>,
    /// Charged when nobody comes; `None`: no fee.
    pub no_show: Option<Cents>,
    /// The notice a cancellation needs to be free (hours before the start).
    pub notice_hours: u32,
}

impl Default for MissedFees {
    fn default() -> Self {
        MissedFees {
            late_cancel: None,
            no_show: None,
            notice_hours: 24,
        }
    }
}

/// A package of sessions sold at one price ("3 dosing sessions for $2,850").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// Stable id (empty for a new one).
    pub id: String,
    /// Its name on receipts.
    pub name: String,
    /// Which kind of session it covers.
    pub kind: SessionKind,
    /// How many sessions.
    pub sessions: u32,
    /// The price of all of them.
    pub price: Cents,
    /// Per session, the psychotherapy share that may appear on a superbill; `None`: the
    /// whole share of the price is psychotherapy.
    #[serde(default)]
    pub psychotherapy_share: Option<Cents>,
    /// Per session, the named parts of the price that are not hers to bill (the medicine,
    /// the prescriber's monitoring, the room): on receipts, never on a superbill.
    #[serde(default)]
    pub parts: Vec<PackagePart>,
}

/// A part of a package's price that is not psychotherapy, per session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackagePart {
    /// What it pays for ("Ketamine and its administration").
    pub name: String,
    /// How much of each session's share.
    pub amount: Cents,
}

/// A package bought by a relationship or one person; it pays for their next sessions of its
/// kind from the day it was bought, its price shared equally among them (to the cent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackagePurchase {
    /// Stable id (empty for a new one).
    pub id: String,
    /// Which package.
    pub package_id: String,
    /// Bought for a relationship…
    #[serde(default)]
    pub unit_id: Option<String>,
    /// …or for one person.
    #[serde(default)]
    pub person_id: Option<String>,
    /// When.
    pub bought_on: NaiveDate,
}

/// How a payment was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Credit or debit card.
    Card,
    /// Cash.
    Cash,
    /// Check.
    Check,
    /// HSA or FSA card.
    HsaFsa,
}

/// Part of a payment applied to one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// Which session.
    pub session_id: String,
    /// How much of the payment.
    pub amount: Cents,
}

/// Money received from a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// Stable id (empty for a new one).
    pub id: String,
    /// Who paid.
    pub person_id: String,
    /// When it was received.
    pub received_on: NaiveDate,
    /// How much.
    pub amount: Cents,
    /// Card, cash, check or HSA/FSA.
    pub method: PaymentMethod,
    /// Check number, last digits of the card, anything worth keeping.
    #[serde(default)]
    pub note: String,
    /// Where it went. Left empty when recording, it is applied to the oldest unpaid sessions
    /// of the payer and their relationships; whatever is left is a credit.
    #[serde(default)]
    pub applied: Vec<Application>,
}

/// A line of codes on a session: a CPT code with its modifiers, place of service and units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodedLine {
    /// The CPT code.
    pub code: String,
    /// Modifiers ("95").
    #[serde(default)]
    pub modifiers: Vec<String>,
    /// Place of service ("11", "10", "02").
    pub place_of_service: String,
    /// Units (1 for the psychotherapy codes; hours for 0820T).
    pub units: u32,
    /// Why this code, in plain words.
    pub reason: String,
}

/// The therapist's change to what billing suggests for a session, kept with the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BillingChoice {
    /// Which session.
    pub session_id: String,
    /// Whose superbill a joint session goes on (one partner with a diagnosis); `None`: the
    /// first partner present with a diagnosis.
    #[serde(default)]
    pub identified_patient: Option<String>,
    /// Interactive complexity (90785) was present.
    #[serde(default)]
    pub interactive_complexity: bool,
    /// Her own codes in place of the suggestion; `None`: the suggestion.
    #[serde(default)]
    pub lines: Option<Vec<CodedLine>>,
    /// Why she changed it (required with her own codes).
    #[serde(default)]
    pub why: String,
    /// The payer-habit warnings on her own codes she has acknowledged (rule codes, such as
    /// `patient_absent`); a coding rule cannot be acknowledged, it refuses.
    #[serde(default)]
    pub acknowledged: Vec<String>,
}

/// A superbill as issued: its number and the exact content printed, never changed again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuedSuperbill {
    /// Sequential number, from 1.
    pub number: u32,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// The day it was issued, in the practice's time zone (as printed).
    pub issued_on: NaiveDate,
    /// The superbill this one corrects, if any.
    #[serde(default)]
    pub replaces: Option<u32>,
    /// What it says.
    pub superbill: crate::billing::superbill::Superbill,
}

/// A Good Faith Estimate as issued: its number and the exact content printed, never changed
/// again (a new estimate is issued when the plan changes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuedEstimate {
    /// Sequential number, from 1 (its own series, apart from superbills).
    pub number: u32,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// The day it was issued, in the practice's time zone (as printed).
    pub issued_on: NaiveDate,
    /// What it says.
    pub estimate: crate::billing::estimate::Estimate,
}
