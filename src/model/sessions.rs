//! Sessions of the program arc and what happens in them: the clock's events, doses, vitals,
//! adverse events, the discharge check, the note with its addenda, and integration reflections.
//! Instants are UTC; the screens show them in the practice's zone (and the client's).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of session, in the order of the program arc.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// The joint intake: history, intentions, readiness.
    JointIntake,
    /// One partner's individual assessment.
    IndividualAssessment,
    /// Relational feedback and goal setting.
    FeedbackAndGoals,
    /// Preparation: intentions, grounding, safety agreements.
    Preparation,
    /// A ketamine dosing session.
    Dosing,
    /// Integration after a dosing.
    Integration,
    /// A therapy session deepened by a micro dose at the start.
    AugmentedTherapy,
    /// An ordinary couples (conjoint) session.
    CouplesSession,
}

impl SessionKind {
    /// Its name in the therapist's words ("Dosing session").
    pub fn label(self) -> &'static str {
        match self {
            SessionKind::JointIntake => "Joint intake",
            SessionKind::IndividualAssessment => "Individual assessment",
            SessionKind::FeedbackAndGoals => "Feedback and goals",
            SessionKind::Preparation => "Preparation",
            SessionKind::Dosing => "Dosing session",
            SessionKind::Integration => "Integration",
            SessionKind::AugmentedTherapy => "Augmented therapy",
            SessionKind::CouplesSession => "Couples session",
        }
    }
}

/// Where the session happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// In the office.
    Office,
    /// Telehealth, the clients at home.
    TelehealthHome,
    /// Telehealth, the clients somewhere other than home.
    TelehealthElsewhere,
    /// At home with virtual monitoring (lozenges by mail).
    HomeVirtualMonitoring,
}

impl Setting {
    /// Its name on a page.
    pub fn label(self) -> &'static str {
        match self {
            Setting::Office => "In the office",
            Setting::TelehealthHome => "Telehealth, clients at home",
            Setting::TelehealthElsewhere => "Telehealth, clients away from home",
            Setting::HomeVirtualMonitoring => "At home, monitored by video",
        }
    }

    /// The therapist is not in the room: licensure follows the client's state.
    pub fn is_remote(self) -> bool {
        self != Setting::Office
    }
}

/// Where a session is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// Booked.
    Scheduled,
    /// Its clock has started.
    InProgress,
    /// Ended.
    Completed,
    /// Called off.
    Cancelled,
    /// Nobody came.
    NoShow,
}

/// How a dosing session is shaped, and so who takes the medicine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DosingMode {
    /// One partner doses; the others stay sober, support and witness.
    Solo,
    /// All attending partners dose, higher; inward journeys, sharing afterwards.
    DyadicPsychedelic,
    /// All attending partners dose, lower; dialogue and enactments in real time.
    DyadicPsycholytic,
    /// Some or all take a micro dose at the start of an ordinary session.
    Augmented,
}

impl DosingMode {
    /// Its name on a page.
    pub fn label(self) -> &'static str {
        match self {
            DosingMode::Solo => "Solo (one partner doses)",
            DosingMode::DyadicPsychedelic => "Dyadic psychedelic",
            DosingMode::DyadicPsycholytic => "Dyadic psycholytic",
            DosingMode::Augmented => "Ketamine-augmented",
        }
    }
}

/// A dosing session started although a safety gate did not hold: the therapist's reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GateOverride {
    /// Why she went ahead, in her words.
    pub reason: String,
    /// The gates that did not hold, as they read then.
    pub failed: Vec<String>,
    /// When.
    pub at: DateTime<Utc>,
    /// When she recorded the follow-up (the dashboard lists the override until then).
    #[serde(default)]
    pub followed_up_at: Option<DateTime<Utc>>,
}

/// A session of a relationship unit or of one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Stable id (a UUID).
    pub id: String,
    /// The unit, for a joint session.
    #[serde(default)]
    pub unit_id: Option<String>,
    /// The person, for an individual session (exactly one of unit and person).
    #[serde(default)]
    pub person_id: Option<String>,
    /// What kind.
    pub kind: SessionKind,
    /// When it is booked to start.
    pub scheduled_at: DateTime<Utc>,
    /// How long it is planned to last.
    pub planned_minutes: u32,
    /// Where.
    pub setting: Setting,
    /// Who attended (or is expected): person ids, any subset of the unit's partners.
    pub attendees: Vec<String>,
    /// Scheduled, in progress, completed, cancelled or no-show.
    pub status: SessionStatus,
    /// For a dosing or augmented session: the mode.
    #[serde(default)]
    pub mode: Option<DosingMode>,
    /// Who takes the medicine (person ids, among the attendees).
    #[serde(default)]
    pub dosing_partners: Vec<String>,
    /// The sober supporter(s), by name, when some do not dose.
    #[serde(default)]
    pub supporters: String,
    /// The driver or arranged transport home.
    #[serde(default)]
    pub transport: String,
    /// Set when a dosing started although a gate did not hold.
    #[serde(default)]
    pub gate_override: Option<GateOverride>,
    /// Why, when and by whom a cancelled or missed session was called off (version 7 on).
    #[serde(default)]
    pub called_off: Option<CalledOff>,
}

/// Who called a session off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CancelledBy {
    /// The client (a late-cancellation fee may apply).
    Client,
    /// The therapist (never a fee).
    Therapist,
}

/// A cancelled or missed session's reason, and what decides a fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalledOff {
    /// Why, in her words ("Flu", "Nobody came").
    pub reason: String,
    /// Who called it off.
    pub by: CancelledBy,
    /// When she was told: a cancellation told too close to the start is late.
    pub at: DateTime<Utc>,
    /// The fee the schedule said when it was called off (kept: a later change of the schedule
    /// does not rewrite what was charged); `None`: no fee applied.
    #[serde(default)]
    pub fee: Option<crate::billing::Cents>,
    /// She waived that fee.
    #[serde(default)]
    pub fee_waived: bool,
}

/// What a clock event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClockEventKind {
    /// The session begins.
    Start,
    /// A break begins (not psychotherapy time).
    Pause,
    /// The break ends.
    Resume,
    /// The session ends.
    End,
    /// A partner's dose was given.
    DoseGiven,
    /// A partner's onset of effects.
    Onset,
    /// A partner's peak.
    Peak,
    /// A partner is back to baseline.
    Baseline,
    /// A partner is discharged.
    Discharge,
}

impl ClockEventKind {
    /// A per-partner mark (rather than the session's own start, pause, resume or end).
    pub fn is_mark(self) -> bool {
        matches!(
            self,
            Self::DoseGiven | Self::Onset | Self::Peak | Self::Baseline | Self::Discharge
        )
    }
}

/// One timestamped event of a session's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClockEvent {
    /// Stable id.
    pub id: String,
    /// Which session.
    pub session_id: String,
    /// What happened.
    pub kind: ClockEventKind,
    /// For a mark: whose.
    #[serde(default)]
    pub person_id: Option<String>,
    /// When (UTC).
    pub at: DateTime<Utc>,
}

/// How a dose was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Intramuscular injection.
    Im,
    /// Sublingual lozenge or troche.
    SublingualLozenge,
    /// Intranasal.
    Intranasal,
    /// Another route.
    Other,
}

impl Route {
    /// Its name on a page.
    pub fn label(self) -> &'static str {
        match self {
            Route::Im => "intramuscular",
            Route::SublingualLozenge => "sublingual lozenge",
            Route::Intranasal => "intranasal",
            Route::Other => "other route",
        }
    }
}

/// Where a dose was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GivenWhere {
    /// In the office.
    Office,
    /// At home.
    Home,
}

/// One partner's dose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dose {
    /// Stable id.
    pub id: String,
    /// Which session.
    pub session_id: String,
    /// Who took it.
    pub person_id: String,
    /// The medicine ("ketamine").
    pub medication: String,
    /// Milligrams.
    pub milligrams: f64,
    /// How.
    pub route: Route,
    /// The lot number.
    #[serde(default)]
    pub lot: String,
    /// When it was given.
    pub given_at: DateTime<Utc>,
    /// Where.
    pub given_where: GivenWhere,
}

/// One reading of a partner's vital signs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vitals {
    /// Stable id.
    pub id: String,
    /// Which session.
    pub session_id: String,
    /// Whose.
    pub person_id: String,
    /// When.
    pub taken_at: DateTime<Utc>,
    /// Blood pressure, systolic (mmHg).
    pub systolic: u16,
    /// Blood pressure, diastolic (mmHg).
    pub diastolic: u16,
    /// Heart rate (beats per minute).
    pub heart_rate: u16,
    /// Oxygen saturation (%).
    pub spo2: u8,
    /// Respiratory rate (breaths per minute), if taken.
    #[serde(default)]
    pub resp_rate: Option<u16>,
    /// Temperature (°C), if taken.
    #[serde(default)]
    pub temperature_c: Option<f64>,
}

/// Something that went wrong for a partner, and what was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdverseEvent {
    /// Stable id.
    pub id: String,
    /// Which session.
    pub session_id: String,
    /// Whose.
    pub person_id: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What happened (nausea, raised blood pressure…).
    pub what: String,
    /// What was done.
    pub action: String,
}

/// The check before a partner goes home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DischargeCheck {
    /// Stable id.
    pub id: String,
    /// Which session.
    pub session_id: String,
    /// Who.
    pub person_id: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Oriented to time, place and person.
    pub oriented: bool,
    /// Steady on their feet.
    pub steady: bool,
    /// An escort or driver is present.
    pub escort_present: bool,
    /// Who takes them home.
    #[serde(default)]
    pub escort: String,
}

/// A session's note: the template's fields (per-partner ones keyed `field@person_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Which session.
    pub session_id: String,
    /// Field id → text.
    pub fields: BTreeMap<String, String>,
    /// Last saved.
    pub updated_at: DateTime<Utc>,
    /// When it was signed; a signed note never changes again.
    #[serde(default)]
    pub signed_at: Option<DateTime<Utc>>,
}

/// A dated correction or addition to a signed note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Addendum {
    /// Stable id.
    pub id: String,
    /// Which session's note.
    pub session_id: String,
    /// When it was written.
    pub written_at: DateTime<Utc>,
    /// The text.
    pub text: String,
}

/// One partner's reflection on a dosing session, written in integration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reflection {
    /// Stable id.
    pub id: String,
    /// Whose.
    pub person_id: String,
    /// The dosing session it integrates.
    pub dosing_session_id: String,
    /// The integration session it was written in, if any.
    #[serde(default)]
    pub integration_session_id: Option<String>,
    /// When.
    pub written_on: NaiveDate,
    /// What emerged.
    #[serde(default)]
    pub emerged: String,
    /// Emotions.
    #[serde(default)]
    pub emotions: String,
    /// In the body.
    #[serde(default)]
    pub body: String,
    /// Relational commitments and actions.
    #[serde(default)]
    pub commitments: String,
    /// Questions for next time.
    #[serde(default)]
    pub questions: String,
}
