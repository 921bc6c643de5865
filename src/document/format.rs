//! The document's format: its types, its JSON Schema, and reading it with every error naming
//! its place.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{
    Addendum, AdverseEvent, Clearance, ClockEvent, Consent, Diagnosis, DischargeCheck, Dose,
    DvScreen, Measure, Note, Person, PracticeProfile, Reflection, Screening, Session, Settings,
    Unit, Vitals,
};

use super::{billing, collaboration, paperwork, strict};

/// The `format` of every document.
pub const FORMAT: &str = "attune-export";

/// The version this build writes. Versions 1 (clients only), 2 (no measures), 3 (no
/// books, logo or backup settings), 4 (no date style or temperature unit), 5 (no
/// estimates or treatment plans) and 6 (no working week, observation time, missed fees or
/// reasons for calling a session off) are still read.
pub const VERSION: u32 = 7;

/// Larger documents are refused before they are read.
pub const MAX_BYTES: usize = 64 << 20;

/// The longest text a field may hold (goals and notes are the long ones).
pub const MAX_TEXT: usize = 100_000;

/// The whole vault.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Attune export")]
pub struct Document {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version.
    pub version: u32,
    /// When it was written, RFC 3339 UTC.
    pub exported_at: String,
    /// The practice profile.
    pub practice: PracticeProfile,
    /// The vault's settings that travel.
    pub settings: Settings,
    /// Every person.
    pub persons: Vec<Person>,
    /// Every relationship unit.
    pub units: Vec<Unit>,
    /// Every diagnosis.
    pub diagnoses: Vec<Diagnosis>,
    /// Every screening.
    pub screenings: Vec<Screening>,
    /// Every medical clearance.
    pub clearances: Vec<Clearance>,
    /// Every consent.
    pub consents: Vec<Consent>,
    /// Every domestic-violence screen.
    pub dv_screens: Vec<DvScreen>,
    /// Every session (version 2 on).
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// Every session's clock events.
    #[serde(default)]
    pub clock_events: Vec<ClockEvent>,
    /// Every dose given.
    #[serde(default)]
    pub doses: Vec<Dose>,
    /// Every vitals reading.
    #[serde(default)]
    pub vitals: Vec<Vitals>,
    /// Every adverse event.
    #[serde(default)]
    pub adverse_events: Vec<AdverseEvent>,
    /// Every discharge check.
    #[serde(default)]
    pub discharge_checks: Vec<DischargeCheck>,
    /// Every session note.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Every addendum to a signed note.
    #[serde(default)]
    pub addenda: Vec<Addendum>,
    /// Every integration reflection.
    #[serde(default)]
    pub reflections: Vec<Reflection>,
    /// Every measure (version 3 on), with the answers as given; scores are derived.
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// The practice's books (version 4 on): fees, packages, purchases, payments, her billing
    /// choices and every issued superbill.
    #[serde(default)]
    pub billing: billing::Books,
    /// The practice's logo, PNG or JPEG as base64 (version 4 on).
    #[serde(default)]
    pub logo: Option<String>,
    /// Where and how automatic backups go (version 4 on); never a secret.
    #[serde(default)]
    pub backups: Option<billing::Backups>,
    /// Recipients, releases of information and the accounting of disclosures (version 5 on).
    #[serde(default)]
    pub collaboration: collaboration::Collaboration,
    /// Issued Good Faith Estimates and treatment plans (version 6 on).
    #[serde(default)]
    pub paperwork: paperwork::Paperwork,
}

/// Where the JSON Schema of the document lives, relative to the repository root.
pub const SCHEMA_PATH: &str = "assets/attune-export.schema.json";

/// The JSON Schema of [`Document`], generated from the types (so never out of step with
/// them); `tests/document.rs` fails when the committed copy is stale.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Document);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The document as pretty JSON text.
pub fn to_json(document: &Document) -> String {
    // A Document is plain data: serialising it cannot fail.
    serde_json::to_string_pretty(document).unwrap_or_default()
}

pub(super) fn too_large(bytes: u64) -> Error {
    at(
        "document",
        format!(
            "is {} MB; Attune reads documents of up to {} MB.",
            bytes >> 20,
            MAX_BYTES >> 20
        ),
    )
}

pub(super) fn at(path: &str, message: impl std::fmt::Display) -> Error {
    Error::invalid("document", format!("{path}: {message}"))
}

/// Reads a document, checking its shape: every error names where it is.
///
/// # Errors
/// [`Error::Invalid`] with a sentence that starts with the path in the document.
pub fn parse(bytes: &[u8]) -> Result<Document> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        at(
            "document",
            format!(
                "is not UTF-8 text (a bad byte at position {}).",
                e.valid_up_to()
            ),
        )
    })?;
    let value: serde_json::Value = serde_json::from_str::<strict::Strict>(text)
        .map(|s| s.0)
        .map_err(|e| {
            let what = match e.classify() {
                serde_json::error::Category::Eof => "ends too early: it was cut short".to_owned(),
                serde_json::error::Category::Data => strict::words(&e),
                _ => "is not valid JSON".to_owned(),
            };
            at(
                "document",
                format!("{what} (line {}, column {}).", e.line(), e.column()),
            )
        })?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        _ => {
            return Err(at(
                "format",
                format!("this is not an Attune export (expected \"{FORMAT}\")."),
            ))
        }
    }
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if (1..=u64::from(VERSION)).contains(&v) => {}
        Some(v) => {
            return Err(at(
                "version",
                format!("version {v} is not one this Attune reads (it reads versions 1 to {VERSION}); update Attune."),
            ))
        }
        None => return Err(at("version", "is missing or not a number.")),
    }
    let document: Document = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        let found = lookup(&value, &path);
        let inner = e.into_inner().to_string();
        let message = if looks_like_date_error(&inner) {
            format!(
                "{} is not a date (write it as YYYY-MM-DD, a day that exists).",
                show(found)
            )
        } else {
            format!("{inner}.")
        };
        at(if path == "." { "document" } else { &path }, message)
    })?;
    Ok(document)
}

fn looks_like_date_error(message: &str) -> bool {
    [
        "input is out of range",
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is not enough for unique date",
    ]
    .iter()
    .any(|m| message.contains(m))
}

fn show(value: Option<&serde_json::Value>) -> String {
    match value {
        Some(v) => {
            let text = v.to_string();
            if text.chars().count() > 60 {
                format!("{}…", text.chars().take(60).collect::<String>())
            } else {
                text
            }
        }
        None => "the value".to_owned(),
    }
}

/// The value at a serde_path_to_error path (`persons[3].date_of_birth`).
fn lookup<'v>(root: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    let mut here = root;
    for part in path.split('.') {
        let (key, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            here = here.get(key)?;
        }
        for index in indices.split(']').filter(|s| !s.is_empty()) {
            here = here.get(index.trim_start_matches('[').parse::<usize>().ok()?)?;
        }
    }
    Some(here)
}
