use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The provider and practice, as a superbill names them. Empty text means "not filled in".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PracticeProfile {
    /// The therapist's name as licensed ("Dana Whitfield").
    pub provider_name: String,
    /// Credentials after the name ("PhD, LMFT").
    pub credentials: String,
    /// Individual (type 1) National Provider Identifier: 10 digits.
    pub npi: String,
    /// Employer Identification Number, `NN-NNNNNNN`.
    pub ein: String,
    /// State license number.
    pub license_number: String,
    /// State that issued the license (two letters).
    pub license_state: String,
    /// Healthcare provider taxonomy code (LMFT: `101YM0800X`).
    pub taxonomy_code: String,
    /// Street address.
    pub address_line1: String,
    /// Suite, floor.
    pub address_line2: String,
    /// City.
    pub city: String,
    /// State (two letters).
    pub state: String,
    /// ZIP code.
    pub postal_code: String,
    /// Phone number.
    pub phone: String,
}

impl PracticeProfile {
    /// The same profile with surrounding blanks removed and codes upper-cased, as stored.
    pub fn normalized(&self) -> PracticeProfile {
        let t = |s: &str| s.trim().to_owned();
        let upper = |s: &str| s.trim().to_ascii_uppercase();
        PracticeProfile {
            provider_name: t(&self.provider_name),
            credentials: t(&self.credentials),
            npi: t(&self.npi),
            ein: t(&self.ein),
            license_number: t(&self.license_number),
            license_state: upper(&self.license_state),
            taxonomy_code: upper(&self.taxonomy_code),
            address_line1: t(&self.address_line1),
            address_line2: t(&self.address_line2),
            city: t(&self.city),
            state: upper(&self.state),
            postal_code: t(&self.postal_code),
            phone: t(&self.phone),
        }
    }
}

/// A problem with one field of a form, shown beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldProblem {
    /// The field's name in the model.
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
}

/// The vault's preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Lock the vault after this many minutes without activity (1 to 240).
    pub auto_lock_minutes: u32,
    /// The practice's time zone (an IANA name, "America/Phoenix"); empty: this computer's.
    #[serde(default)]
    pub time_zone: String,
    /// States she is licensed in besides the profile's (two letters each), for telehealth.
    #[serde(default)]
    pub licensed_states: Vec<String>,
    /// The vitals reminder and the ranges outside which a reading is flagged.
    #[serde(default)]
    pub vitals: VitalRanges,
    /// How dates are written on her screens (version 5 on).
    #[serde(default)]
    pub date_style: DateStyle,
    /// How temperatures are written (version 5 on).
    #[serde(default)]
    pub temperature: Temperature,
    /// Her working week, a dosing's observation and an integration's length (version 7 on).
    #[serde(default)]
    pub schedule: ScheduleSettings,
}

/// What her calendar assumes: the days she works, how long a dosing keeps her after the dose,
/// and how long the integration it proposes lasts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleSettings {
    /// The days she sees clients; an integration is proposed on one of them.
    pub working_days: Vec<Weekday>,
    /// How long after the dose she stays with the clients (0 to 480 minutes).
    pub observation_minutes: u32,
    /// The planned length of the integration the calendar proposes (15 to 240 minutes).
    pub integration_minutes: u32,
}

impl Default for ScheduleSettings {
    fn default() -> Self {
        ScheduleSettings {
            working_days: vec![
                Weekday::Monday,
                Weekday::Tuesday,
                Weekday::Wednesday,
                Weekday::Thursday,
                Weekday::Friday,
            ],
            observation_minutes: crate::rules::schedule::OBSERVATION_MINUTES,
            integration_minutes: 60,
        }
    }
}

impl ScheduleSettings {
    /// Whether she works on this day of the week.
    pub fn works_on(&self, day: chrono::Weekday) -> bool {
        self.working_days.iter().any(|d| d.chrono() == day)
    }
}

/// A day of the week, in words that read in the open document.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The same day as chrono names it.
    pub fn chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Monday => chrono::Weekday::Mon,
            Weekday::Tuesday => chrono::Weekday::Tue,
            Weekday::Wednesday => chrono::Weekday::Wed,
            Weekday::Thursday => chrono::Weekday::Thu,
            Weekday::Friday => chrono::Weekday::Fri,
            Weekday::Saturday => chrono::Weekday::Sat,
            Weekday::Sunday => chrono::Weekday::Sun,
        }
    }
}

/// How dates are written on her screens. Stored records and the open document always use
/// ISO 8601 (2026-10-25); this is only how they are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    /// 10/25/2026, as a US practice writes.
    #[default]
    Us,
    /// 2026-10-25.
    Iso,
    /// 25/10/2026.
    DayMonthYear,
}

/// The unit temperatures are shown and typed in; readings are kept in degrees Celsius
/// whatever she chooses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Temperature {
    /// Degrees Fahrenheit, as in the US.
    #[default]
    Fahrenheit,
    /// Degrees Celsius.
    Celsius,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            auto_lock_minutes: 10,
            time_zone: String::new(),
            licensed_states: Vec::new(),
            vitals: VitalRanges::default(),
            date_style: DateStyle::default(),
            temperature: Temperature::default(),
            schedule: ScheduleSettings::default(),
        }
    }
}

/// The vitals reminder and ranges, from Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VitalRanges {
    /// Minutes between readings during a dosing (1 to 120).
    pub every_minutes: u32,
    /// Highest acceptable systolic pressure (mmHg).
    pub systolic_max: u16,
    /// Highest acceptable diastolic pressure (mmHg).
    pub diastolic_max: u16,
    /// Lowest acceptable heart rate (bpm).
    pub heart_rate_min: u16,
    /// Highest acceptable heart rate (bpm).
    pub heart_rate_max: u16,
    /// Lowest acceptable oxygen saturation (%).
    pub spo2_min: u8,
}

impl Default for VitalRanges {
    fn default() -> Self {
        VitalRanges {
            every_minutes: 15,
            systolic_max: 160,
            diastolic_max: 100,
            heart_rate_min: 50,
            heart_rate_max: 120,
            spo2_min: 92,
        }
    }
}

/// What the first screen needs to know about the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VaultStatus {
    /// The vault folder.
    pub dir: String,
    /// Whether a vault exists there.
    pub exists: bool,
    /// Whether it is unlocked now.
    pub unlocked: bool,
    /// Whether its key is remembered on this device (false when unknown or no keyring).
    pub remembered: bool,
    /// What Attune finished or rolled back at start after an interrupted restore or passphrase
    /// change, one sentence each (shown once, on the first screen).
    pub recovered: Vec<String>,
}
