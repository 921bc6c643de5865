//! The open format: the whole vault as one versioned JSON document, described by
//! `assets/attune-export.schema.json`. Export is exact; import is all or nothing, in one
//! transaction, and every error names the place in the document
//! (`persons[3].date_of_birth: "1990-02-30" is not a date`).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::files::{self, Existing};
use crate::measures;
use crate::model::{
    Addendum, AdverseEvent, Clearance, ClockEvent, Consent, Diagnosis, DischargeCheck, Dose,
    DvScreen, Measure, Note, Person, PracticeProfile, Reflection, Screening, Session, Settings,
    Unit, Vitals,
};
use crate::rules::clients::{person_problems, unit_problems};
use crate::store::measures as store_measures;
use crate::store::{audit, clients, practice, search, sessions};
use crate::vault::Vault;
use crate::{icd10, rules};

mod billing;
pub use billing::{Backups, Books};

/// The `format` of every document.
pub const FORMAT: &str = "attune-export";
/// The version this build writes. Versions 1 (clients only), 2 (no measures) and 3 (no
/// books, logo or backup settings) are still read.
pub const VERSION: u32 = 4;
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
}

/// The vault as a document.
pub fn export(vault: &Vault) -> Result<Document> {
    let persons = clients::persons(vault)?;
    let mut diagnoses = Vec::new();
    let mut screenings = Vec::new();
    let mut clearances = Vec::new();
    let mut consents = Vec::new();
    for p in &persons {
        diagnoses.extend(clients::diagnoses(vault, &p.id)?);
        screenings.extend(clients::screenings(vault, &p.id)?);
        clearances.extend(clients::clearances(vault, &p.id)?);
        consents.extend(clients::consents(vault, &p.id)?);
    }
    let units = clients::units(vault)?;
    let mut dv_screens = Vec::new();
    for u in &units {
        dv_screens.extend(clients::dv_screens(vault, &u.id)?);
    }
    let records = sessions::all_for_export(vault.conn())?;
    let (books, logo, backups) = billing::export(vault)?;
    Ok(Document {
        billing: books,
        logo,
        backups: Some(backups),
        sessions: records.sessions,
        clock_events: records.clock_events,
        doses: records.doses,
        vitals: records.vitals,
        adverse_events: records.adverse_events,
        discharge_checks: records.discharge_checks,
        notes: records.notes,
        addenda: records.addenda,
        reflections: records.reflections,
        measures: store_measures::all(vault.conn())?,
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        practice: practice::profile(vault)?,
        settings: practice::settings(vault)?,
        persons,
        units,
        diagnoses,
        screenings,
        clearances,
        consents,
        dv_screens,
    })
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

/// Writes the whole vault to `path` as a document. It is not encrypted: she chose to export,
/// and the caller tells her so.
///
/// # Errors
/// As [`files::write_durably`]; on failure `path` is as it was.
pub fn export_to_file(vault: &Vault, path: &Path, existing: Existing) -> Result<()> {
    let text = to_json(&export(vault)?);
    files::write_durably(path, existing, |mut out| {
        out.write_all(text.as_bytes())
            .map_err(Error::io("write the export"))?;
        Ok(out)
    })
}

/// Reads the document in `path` (refusing one too large before reading it) and imports it,
/// all or nothing.
///
/// # Errors
/// As [`parse`] and [`import`], or [`Error::Io`] when the file cannot be read; the vault is
/// then exactly as it was.
pub fn import_file(vault: &mut Vault, path: &Path, today: NaiveDate) -> Result<ImportReport> {
    let size = std::fs::metadata(path)
        .map_err(Error::io("read the document"))?
        .len();
    if size > MAX_BYTES as u64 {
        return Err(too_large(size));
    }
    let bytes = std::fs::read(path).map_err(Error::io("read the document"))?;
    import(vault, &parse(&bytes)?, today)
}

fn too_large(bytes: u64) -> Error {
    at(
        "document",
        format!(
            "is {} MB; Attune reads documents of up to {} MB.",
            bytes >> 20,
            MAX_BYTES >> 20
        ),
    )
}

fn at(path: &str, message: impl std::fmt::Display) -> Error {
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
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let what = if e.is_eof() {
            "ends too early: it was cut short"
        } else {
            "is not valid JSON"
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

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, ts_rs::TS)]
pub struct ImportReport {
    /// Persons and units added.
    #[ts(type = "number")]
    pub added: usize,
    /// Persons and units already in the vault (same id), updated from the document.
    #[ts(type = "number")]
    pub updated: usize,
}

/// Imports a document into the vault, all or nothing. Records with an id already in the vault
/// are updated from the document (merge by id); a person with a new id but the same name and
/// date of birth as one already here is refused, never silently duplicated.
///
/// # Errors
/// [`Error::Invalid`] naming the place in the document; the vault is then exactly as it was.
#[tracing::instrument(skip_all, err)]
pub fn import(vault: &mut Vault, document: &Document, today: NaiveDate) -> Result<ImportReport> {
    check(document, vault, today)?;
    let tx = vault.conn_mut().transaction()?;
    let report = import_clients(&tx, document)?;
    import_sessions(&tx, document)?;
    import_measures(&tx, document)?;
    billing::import(&tx, document)?;
    practice::write_profile(&tx, &document.practice.normalized())?;
    practice::write_settings(&tx, &document.settings)?;
    for p in &document.persons {
        search::index_person(&tx, &p.id)?;
    }
    for u in &document.units {
        search::index_unit(&tx, &u.id)?;
    }
    audit::append(
        &tx,
        "vault.imported",
        "vault",
        &format!(
            "added {}, updated {}; {} payments, {} superbills",
            report.added,
            report.updated,
            document.billing.payments.len(),
            document.billing.superbills.len()
        ),
    )?;
    tx.commit()?;
    Ok(report)
}

/// Persons and relationships merge by id; the per-person records of a person the document
/// names are the document's.
fn import_clients(tx: &rusqlite::Transaction<'_>, document: &Document) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let existing_person = |tx: &rusqlite::Transaction<'_>, id: &str| -> Result<bool> {
        Ok(tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM persons WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?)
    };
    for p in &document.persons {
        if existing_person(tx, &p.id)? {
            report.updated += 1;
        } else {
            report.added += 1;
        }
        clients::write_person(tx, p)?;
    }
    for u in &document.units {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM units WHERE id = ?1)",
            [&u.id],
            |r| r.get(0),
        )?;
        if exists {
            report.updated += 1;
        } else {
            report.added += 1;
        }
        clients::write_unit(tx, u)?;
    }
    // Per-person records: the document's set replaces the vault's for the persons it names.
    for p in &document.persons {
        for table in ["diagnoses", "screenings", "clearances", "consents"] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE person_id = ?1"),
                [&p.id],
            )?;
        }
    }
    for u in &document.units {
        tx.execute("DELETE FROM dv_screens WHERE unit_id = ?1", [&u.id])?;
    }
    for d in &document.diagnoses {
        clients::write_diagnosis(tx, d)?;
    }
    for s in &document.screenings {
        clients::write_screening(tx, s)?;
    }
    for c in &document.clearances {
        clients::write_clearance(tx, c)?;
    }
    for c in &document.consents {
        clients::write_consent(tx, c)?;
    }
    for s in &document.dv_screens {
        clients::write_dv_screen(tx, s)?;
    }
    Ok(report)
}

/// Measures are added, never rewritten; the only change allowed is "entered in error".
fn import_measures(tx: &rusqlite::Transaction<'_>, document: &Document) -> Result<()> {
    for m in &document.measures {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM measures WHERE id = ?1)",
            [&m.id],
            |r| r.get(0),
        )?;
        if !exists {
            store_measures::write_measure(tx, m)?;
        } else if let Some(reason) = &m.entered_in_error {
            // The check allowed only this: marking it entered in error.
            tx.execute(
                "UPDATE measures SET entered_in_error = ?2 WHERE id = ?1 AND entered_in_error IS NULL",
                rusqlite::params![m.id, reason],
            )?;
        }
    }
    Ok(())
}

/// Every check the database would make, and more, before anything is written, so that an
/// error names its place in the document.
fn check(doc: &Document, vault: &Vault, today: NaiveDate) -> Result<()> {
    if let Some(p) = rules::practice::profile_problems(&doc.practice)
        .into_iter()
        .next()
    {
        return Err(at(&format!("practice.{}", p.field), p.message));
    }
    if let Some(p) = rules::practice::settings_problems(&doc.settings)
        .into_iter()
        .next()
    {
        return Err(at(&format!("settings.{}", p.field), p.message));
    }
    let person_ids = check_persons(doc, vault, today)?;
    let vault_persons = clients::persons(vault)?;
    let known_person =
        |id: &str| person_ids.contains(id) || vault_persons.iter().any(|p| p.id == id);
    let unit_ids = unique_ids("units", doc.units.iter().map(|u| u.id.as_str()))?;
    let vault_units: HashSet<String> = clients::units(vault)?.into_iter().map(|u| u.id).collect();
    for (i, u) in doc.units.iter().enumerate() {
        let here = format!("units[{i}]");
        long_text(&here, &[("name", &u.name), ("goals", &u.goals)])?;
        if let Some(problem) = unit_problems(u).into_iter().next() {
            return Err(at(&format!("{here}.{}", problem.field), problem.message));
        }
        for (j, partner) in u.partners.iter().enumerate() {
            long_text(
                &format!("{here}.partners[{j}]"),
                &[("attachment_notes", &partner.attachment_notes)],
            )?;
            if !known_person(&partner.person_id) {
                return Err(at(
                    &format!("{here}.partners[{j}].person_id"),
                    format!(
                        "no person has the id \"{}\", in the document or the vault.",
                        partner.person_id
                    ),
                ));
            }
        }
    }
    check_person_records(doc, &known_person)?;
    unique_ids("dv_screens", doc.dv_screens.iter().map(|s| s.id.as_str()))?;
    for (i, s) in doc.dv_screens.iter().enumerate() {
        if !unit_ids.contains(s.unit_id.as_str()) && !vault_units.contains(&s.unit_id) {
            return Err(at(
                &format!("dv_screens[{i}].unit_id"),
                format!(
                    "no relationship has the id \"{}\", in the document or the vault.",
                    s.unit_id
                ),
            ));
        }
    }
    check_sessions(doc, vault, &known_person, &vault_units, today)?;
    billing::check(doc, vault)
}

/// Each person: their fields hold and they are nobody else under another id.
fn check_persons<'d>(
    doc: &'d Document,
    vault: &Vault,
    today: NaiveDate,
) -> Result<HashSet<&'d str>> {
    let person_ids = unique_ids("persons", doc.persons.iter().map(|p| p.id.as_str()))?;
    let vault_persons = clients::persons(vault)?;
    for (i, p) in doc.persons.iter().enumerate() {
        let here = format!("persons[{i}]");
        long_text(
            &here,
            &[
                ("legal_name", &p.legal_name),
                ("preferred_name", &p.preferred_name),
                ("address", &p.address),
                ("emergency_contact", &p.emergency_contact),
                ("email", &p.email),
                ("phone", &p.phone),
                ("pronouns", &p.pronouns),
                ("insurance_payer", &p.insurance_payer),
                ("insurance_member_id", &p.insurance_member_id),
                ("state_of_residence", &p.state_of_residence),
            ],
        )?;
        if let Some(problem) = person_problems(p, today).into_iter().next() {
            return Err(at(&format!("{here}.{}", problem.field), problem.message));
        }
        if p.state_of_residence != p.state_of_residence.trim().to_ascii_uppercase() {
            return Err(at(
                &format!("{here}.state_of_residence"),
                "must be two capital letters.",
            ));
        }
        if let Some(twin) = vault_persons.iter().find(|v| {
            v.id != p.id
                && v.legal_name.eq_ignore_ascii_case(p.legal_name.trim())
                && v.date_of_birth == p.date_of_birth
        }) {
            return Err(at(
                &here,
                format!(
                    "{} (born {}) is already in this vault under another id ({}); importing would make a second record of the same person. Use the vault's id in the document to update that person instead.",
                    p.legal_name,
                    p.date_of_birth.map_or("on an unknown date".to_owned(), |d| d.to_string()),
                    twin.id
                ),
            ));
        }
    }
    Ok(person_ids)
}

/// Diagnoses, screenings, clearances and consents: each of a person of the document or the
/// vault.
fn check_person_records(doc: &Document, known_person: &dyn Fn(&str) -> bool) -> Result<()> {
    unique_ids("diagnoses", doc.diagnoses.iter().map(|d| d.id.as_str()))?;
    let mut primaries: HashMap<&str, usize> = HashMap::new();
    for (i, d) in doc.diagnoses.iter().enumerate() {
        person_ref(
            known_person,
            format!("diagnoses[{i}].person_id"),
            &d.person_id,
        )?;
        match icd10::lookup(&d.code) {
            Some(c) if c.billable && c.code == d.code => {}
            _ => {
                return Err(at(
                    &format!("diagnoses[{i}].code"),
                    format!(
                        "\"{}\" is not a billable ICD-10-CM code of the shipped table.",
                        d.code
                    ),
                ))
            }
        }
        if d.primary {
            if let Some(first) = primaries.insert(&d.person_id, i) {
                return Err(at(
                    &format!("diagnoses[{i}].primary"),
                    format!("this person already has a primary diagnosis (diagnoses[{first}])."),
                ));
            }
        }
    }
    unique_ids("screenings", doc.screenings.iter().map(|s| s.id.as_str()))?;
    for (i, s) in doc.screenings.iter().enumerate() {
        person_ref(
            known_person,
            format!("screenings[{i}].person_id"),
            &s.person_id,
        )?;
        long_text(&format!("screenings[{i}]"), &[("notes", &s.notes)])?;
        for (j, code) in s.present.iter().enumerate() {
            if rules::safety::exclusion(code).is_none() {
                return Err(at(
                    &format!("screenings[{i}].present[{j}]"),
                    format!("\"{code}\" is not a screening question."),
                ));
            }
        }
    }
    check_clearances_and_consents(doc, known_person)
}

/// Clearances and consents: each of a person of the document or the vault.
fn check_clearances_and_consents(
    doc: &Document,
    known_person: &dyn Fn(&str) -> bool,
) -> Result<()> {
    unique_ids("clearances", doc.clearances.iter().map(|c| c.id.as_str()))?;
    for (i, c) in doc.clearances.iter().enumerate() {
        person_ref(
            known_person,
            format!("clearances[{i}].person_id"),
            &c.person_id,
        )?;
        long_text(
            &format!("clearances[{i}]"),
            &[
                ("prescriber", &c.prescriber),
                ("organisation", &c.organisation),
            ],
        )?;
        if c.prescriber.trim().is_empty() {
            return Err(at(
                &format!("clearances[{i}].prescriber"),
                "names no prescriber.",
            ));
        }
        if c.valid_until < c.cleared_on {
            return Err(at(
                &format!("clearances[{i}].valid_until"),
                format!(
                    "{} is before the clearance's date, {}.",
                    c.valid_until, c.cleared_on
                ),
            ));
        }
    }
    unique_ids("consents", doc.consents.iter().map(|c| c.id.as_str()))?;
    for (i, c) in doc.consents.iter().enumerate() {
        person_ref(
            known_person,
            format!("consents[{i}].person_id"),
            &c.person_id,
        )?;
        long_text(&format!("consents[{i}]"), &[("release_to", &c.release_to)])?;
        if c.kind == crate::model::ConsentKind::ReleaseOfInformation
            && c.release_to.trim().is_empty()
        {
            return Err(at(
                &format!("consents[{i}].release_to"),
                "a release of information must name who it releases to.",
            ));
        }
        if c.expires_on.is_some_and(|e| e < c.signed_on) {
            return Err(at(
                &format!("consents[{i}].expires_on"),
                "is before the consent was signed.",
            ));
        }
    }
    Ok(())
}

/// A reference to a person who is in the document or the vault.
fn person_ref(known_person: &dyn Fn(&str) -> bool, path: String, id: &str) -> Result<()> {
    if known_person(id) {
        Ok(())
    } else {
        Err(at(
            &path,
            format!("no person has the id \"{id}\", in the document or the vault."),
        ))
    }
}

/// The checks of the session records and the measures given in them: references, the rule of
/// who doses, the note's fields, scoring, and nothing that would change a record the vault has
/// closed (a signed note's session, a clock event, an addendum, a client's answers).
/// What the checks of the sessions' records share: the document, the vault, and the sessions
/// of both.
struct SessionScope<'a> {
    doc: &'a Document,
    vault: &'a Vault,
    known_person: &'a dyn Fn(&str) -> bool,
    vault_units: &'a HashSet<String>,
    today: NaiveDate,
    doc_sessions: HashMap<&'a str, &'a Session>,
}

impl SessionScope<'_> {
    fn vault_session(&self, id: &str) -> Result<Option<Session>> {
        match sessions::read_session(self.vault.conn(), id) {
            Ok(s) => Ok(Some(s)),
            Err(Error::Invalid { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn signed_here(&self, id: &str) -> Result<bool> {
        sessions::note_is_signed(self.vault.conn(), id)
    }

    fn session_of(&self, path: String, id: &str) -> Result<Session> {
        if let Some(s) = self.doc_sessions.get(id) {
            return Ok((*s).clone());
        }
        self.vault_session(id)?.ok_or_else(|| {
            at(
                &path,
                format!("no session has the id \"{id}\", in the document or the vault."),
            )
        })
    }

    /// A record of a session whose note is signed in the vault must be the vault's own,
    /// unchanged.
    fn closed(&self, path: &str, session_id: &str, same_as_vault: bool) -> Result<()> {
        if self.signed_here(session_id)? && !same_as_vault {
            return Err(at(
                path,
                "belongs to a session whose note is signed in this vault; a signed record cannot change.",
            ));
        }
        Ok(())
    }

    fn attending(&self, path: String, s: &Session, person: &str) -> Result<()> {
        if s.attendees.iter().any(|a| a == person) {
            Ok(())
        } else {
            Err(at(
                &path,
                format!("\"{person}\" does not attend that session."),
            ))
        }
    }
}

fn check_sessions(
    doc: &Document,
    vault: &Vault,
    known_person: &dyn Fn(&str) -> bool,
    vault_units: &HashSet<String>,
    today: NaiveDate,
) -> Result<()> {
    unique_ids("sessions", doc.sessions.iter().map(|s| s.id.as_str()))?;
    let scope = SessionScope {
        doc,
        vault,
        known_person,
        vault_units,
        today,
        doc_sessions: doc.sessions.iter().map(|s| (s.id.as_str(), s)).collect(),
    };
    for check in [
        check_session_rows as fn(&SessionScope<'_>) -> Result<()>,
        check_clock_events,
        check_doses,
        check_vitals,
        check_adverse_events,
        check_discharge_checks,
        check_notes,
        check_addenda,
        check_reflections,
        check_measures,
    ] {
        check(&scope)?;
    }
    Ok(())
}

/// Each session: its people exist, its rules hold, a signed one is unchanged.
fn check_session_rows(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    let known_person = c.known_person;
    let vault_units = c.vault_units;
    for (i, s) in doc.sessions.iter().enumerate() {
        let here = format!("sessions[{i}]");
        long_text(
            &here,
            &[("supporters", &s.supporters), ("transport", &s.transport)],
        )?;
        let members: Vec<String> = match (&s.unit_id, &s.person_id) {
            (Some(u), _) => {
                if let Some(unit) = doc.units.iter().find(|x| &x.id == u) {
                    unit.partners.iter().map(|p| p.person_id.clone()).collect()
                } else if vault_units.contains(u) {
                    clients::unit(vault, u)?
                        .partners
                        .into_iter()
                        .map(|p| p.person_id)
                        .collect()
                } else {
                    return Err(at(
                        &format!("{here}.unit_id"),
                        format!(
                            "no relationship has the id \"{u}\", in the document or the vault."
                        ),
                    ));
                }
            }
            (None, Some(p)) if known_person(p) => vec![p.clone()],
            (None, Some(p)) => {
                return Err(at(
                    &format!("{here}.person_id"),
                    format!("no person has the id \"{p}\", in the document or the vault."),
                ))
            }
            (None, None) => Vec::new(),
        };
        if let Some(problem) = rules::sessions::session_problems(s, &members)
            .into_iter()
            .next()
        {
            return Err(at(&format!("{here}.{}", problem.field), problem.message));
        }
        if c.signed_here(&s.id)? && c.vault_session(&s.id)?.as_ref() != Some(s) {
            return Err(at(
                &here,
                "differs from this session in the vault, whose note is signed; a signed record cannot change.",
            ));
        }
    }
    Ok(())
}

/// Clock events: marks are a partner's, and none changes.
fn check_clock_events(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let conn = c.vault.conn();
    unique_ids(
        "clock_events",
        doc.clock_events.iter().map(|e| e.id.as_str()),
    )?;
    let vault_events: HashMap<String, ClockEvent> = doc
        .clock_events
        .iter()
        .map(|e| sessions::read_clock(conn, &e.session_id))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .map(|e| (e.id.clone(), e))
        .collect();
    for (i, e) in doc.clock_events.iter().enumerate() {
        let here = format!("clock_events[{i}]");
        let s = c.session_of(format!("{here}.session_id"), &e.session_id)?;
        match (e.kind.is_mark(), &e.person_id) {
            (true, Some(p)) => c.attending(format!("{here}.person_id"), &s, p)?,
            (true, None) => {
                return Err(at(
                    &format!("{here}.person_id"),
                    "a mark must say whose it is.",
                ))
            }
            (false, Some(_)) => {
                return Err(at(
                    &format!("{here}.person_id"),
                    "only a mark belongs to a partner.",
                ))
            }
            (false, None) => {}
        }
        match vault_events.get(&e.id) {
            Some(v) if v != e => {
                return Err(at(&here, "differs from the clock event with this id in the vault; clock events never change."))
            }
            Some(_) => {}
            None => c.closed(&here, &e.session_id, false)?,
        }
    }
    Ok(())
}

/// Doses: each of a session and a partner who attends it.
fn check_doses(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    unique_ids("doses", doc.doses.iter().map(|d| d.id.as_str()))?;
    for (i, d) in doc.doses.iter().enumerate() {
        let here = format!("doses[{i}]");
        long_text(&here, &[("medication", &d.medication), ("lot", &d.lot)])?;
        let s = c.session_of(format!("{here}.session_id"), &d.session_id)?;
        if !s.dosing_partners.contains(&d.person_id) {
            return Err(at(
                &format!("{here}.person_id"),
                "does not dose in that session.",
            ));
        }
        if d.medication.trim().is_empty() {
            return Err(at(&format!("{here}.medication"), "names no medication."));
        }
        if !(d.milligrams.is_finite() && d.milligrams > 0.0 && d.milligrams <= 2000.0) {
            return Err(at(
                &format!("{here}.milligrams"),
                "must be more than 0 and at most 2000.",
            ));
        }
        let same = sessions::doses(vault, &d.session_id)?
            .iter()
            .any(|v| v == d);
        c.closed(&here, &d.session_id, same)?;
    }
    Ok(())
}

/// Vitals: each of a session and a partner who attends it.
fn check_vitals(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    unique_ids("vitals", doc.vitals.iter().map(|v| v.id.as_str()))?;
    for (i, v) in doc.vitals.iter().enumerate() {
        let here = format!("vitals[{i}]");
        let s = c.session_of(format!("{here}.session_id"), &v.session_id)?;
        c.attending(format!("{here}.person_id"), &s, &v.person_id)?;
        if let Some((field, message)) = sessions::impossible_vitals(v) {
            return Err(at(&format!("{here}.{field}"), message));
        }
        let same = sessions::vitals(vault, &v.session_id)?
            .iter()
            .any(|x| x == v);
        c.closed(&here, &v.session_id, same)?;
    }
    Ok(())
}

/// Adverse events: each of a session and a partner who attends it.
fn check_adverse_events(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    unique_ids(
        "adverse_events",
        doc.adverse_events.iter().map(|a| a.id.as_str()),
    )?;
    for (i, a) in doc.adverse_events.iter().enumerate() {
        let here = format!("adverse_events[{i}]");
        long_text(&here, &[("what", &a.what), ("action", &a.action)])?;
        let s = c.session_of(format!("{here}.session_id"), &a.session_id)?;
        c.attending(format!("{here}.person_id"), &s, &a.person_id)?;
        if a.what.trim().is_empty() {
            return Err(at(
                &format!("{here}.what"),
                "says nothing of what happened.",
            ));
        }
        let same = sessions::adverse_events(vault, &a.session_id)?
            .iter()
            .any(|x| x == a);
        c.closed(&here, &a.session_id, same)?;
    }
    Ok(())
}

/// Discharge checks: each of a session and a partner who attends it.
fn check_discharge_checks(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    unique_ids(
        "discharge_checks",
        doc.discharge_checks.iter().map(|d| d.id.as_str()),
    )?;
    for (i, d) in doc.discharge_checks.iter().enumerate() {
        let here = format!("discharge_checks[{i}]");
        long_text(&here, &[("escort", &d.escort)])?;
        let s = c.session_of(format!("{here}.session_id"), &d.session_id)?;
        c.attending(format!("{here}.person_id"), &s, &d.person_id)?;
        let same = sessions::discharge_checks(vault, &d.session_id)?
            .iter()
            .any(|x| x == d);
        c.closed(&here, &d.session_id, same)?;
    }
    Ok(())
}

/// Notes: a signed note is never changed.
fn check_notes(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let conn = c.vault.conn();
    unique_ids("notes", doc.notes.iter().map(|n| n.session_id.as_str()))?;
    for (i, n) in doc.notes.iter().enumerate() {
        let here = format!("notes[{i}]");
        let s = c.session_of(format!("{here}.session_id"), &n.session_id)?;
        let allowed = rules::notes::keys(&s);
        for (key, text) in &n.fields {
            if !allowed.contains(key) {
                return Err(at(
                    &format!("{here}.fields.{key}"),
                    "is not a field of that session's note.",
                ));
            }
            long_text(&format!("{here}.fields"), &[(key.as_str(), text.as_str())])?;
        }
        let same = sessions::read_note(conn, &n.session_id)?.as_ref() == Some(n);
        c.closed(&here, &n.session_id, same)?;
    }
    Ok(())
}

/// Addenda: dated corrections, never changed.
fn check_addenda(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    unique_ids("addenda", doc.addenda.iter().map(|a| a.id.as_str()))?;
    let vault_addenda: HashMap<String, Addendum> = doc
        .addenda
        .iter()
        .map(|a| sessions::addenda(vault, &a.session_id))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .map(|a| (a.id.clone(), a))
        .collect();
    for (i, a) in doc.addenda.iter().enumerate() {
        let here = format!("addenda[{i}]");
        long_text(&here, &[("text", &a.text)])?;
        let signed_in_doc = doc
            .notes
            .iter()
            .any(|n| n.session_id == a.session_id && n.signed_at.is_some());
        if !signed_in_doc && !c.signed_here(&a.session_id)? {
            return Err(at(
                &format!("{here}.session_id"),
                "an addendum belongs to a signed note, and that note is not signed.",
            ));
        }
        if a.text.trim().is_empty() {
            return Err(at(&format!("{here}.text"), "is empty."));
        }
        if vault_addenda.get(&a.id).is_some_and(|v| v != a) {
            return Err(at(
                &here,
                "differs from the addendum with this id in the vault; addenda never change.",
            ));
        }
    }
    Ok(())
}

/// Reflections: each of a partner of its dosing.
fn check_reflections(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    unique_ids("reflections", doc.reflections.iter().map(|r| r.id.as_str()))?;
    for (i, r) in doc.reflections.iter().enumerate() {
        let here = format!("reflections[{i}]");
        long_text(
            &here,
            &[
                ("emerged", &r.emerged),
                ("emotions", &r.emotions),
                ("body", &r.body),
                ("commitments", &r.commitments),
                ("questions", &r.questions),
            ],
        )?;
        let s = c.session_of(format!("{here}.dosing_session_id"), &r.dosing_session_id)?;
        if !matches!(
            s.kind,
            crate::model::SessionKind::Dosing | crate::model::SessionKind::AugmentedTherapy
        ) {
            return Err(at(
                &format!("{here}.dosing_session_id"),
                "is not a dosing session.",
            ));
        }
        c.attending(format!("{here}.person_id"), &s, &r.person_id)?;
        if let Some(id) = &r.integration_session_id {
            c.session_of(format!("{here}.integration_session_id"), id)?;
        }
    }
    Ok(())
}

/// Measures: what a client answered never changes.
fn check_measures(c: &SessionScope<'_>) -> Result<()> {
    let doc = c.doc;
    let vault = c.vault;
    let conn = c.vault.conn();
    let today = c.today;
    let known_person = c.known_person;
    let vault_units = c.vault_units;
    unique_ids("measures", doc.measures.iter().map(|m| m.id.as_str()))?;
    let vault_measures: HashMap<String, Measure> = store_measures::all(conn)?
        .into_iter()
        .map(|m| (m.id.clone(), m))
        .collect();
    for (i, m) in doc.measures.iter().enumerate() {
        let here = format!("measures[{i}]");
        if !known_person(&m.person_id) {
            return Err(at(
                &format!("{here}.person_id"),
                format!("no person has the id \"{}\".", m.person_id),
            ));
        }
        measures::validate(m).map_err(|e| at(&here, e))?;
        if m.given_on > today {
            return Err(at(&format!("{here}.given_on"), "is after today."));
        }
        if let Some(u) = &m.unit_id {
            let partners: Vec<String> = match doc.units.iter().find(|x| &x.id == u) {
                Some(unit) => unit.partners.iter().map(|p| p.person_id.clone()).collect(),
                None if vault_units.contains(u) => clients::unit(vault, u)?
                    .partners
                    .into_iter()
                    .map(|p| p.person_id)
                    .collect(),
                None => {
                    return Err(at(
                        &format!("{here}.unit_id"),
                        format!("no relationship has the id \"{u}\"."),
                    ))
                }
            };
            if !partners.contains(&m.person_id) {
                return Err(at(
                    &format!("{here}.unit_id"),
                    "the person who answered is not a partner in that relationship.",
                ));
            }
        }
        if let Some(id) = &m.session_id {
            let s = c.session_of(format!("{here}.session_id"), id)?;
            if s.person_id.as_deref() != Some(m.person_id.as_str()) {
                c.attending(format!("{here}.person_id"), &s, &m.person_id)?;
            }
        }
        if let Some(v) = vault_measures.get(&m.id) {
            let same_answers = Measure {
                entered_in_error: v.entered_in_error.clone(),
                ..m.clone()
            } == *v;
            if !same_answers
                || (v.entered_in_error.is_some() && m.entered_in_error != v.entered_in_error)
            {
                return Err(at(
                    &here,
                    "differs from the measure with this id in the vault; what a client answered never changes (mark it entered in error instead).",
                ));
            }
        }
    }
    Ok(())
}

/// Writes the session records: the document's set replaces the vault's for the sessions it
/// names (clock events and addenda, which never change, are only added).
fn import_sessions(tx: &rusqlite::Transaction<'_>, doc: &Document) -> Result<()> {
    for s in &doc.sessions {
        if sessions::note_is_signed(tx, &s.id)? {
            continue; // identical, as the check proved
        }
        sessions::write_session(tx, s)?;
        for table in ["doses", "vitals", "adverse_events", "discharge_checks"] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE session_id = ?1"),
                [&s.id],
            )?;
        }
    }
    for e in &doc.clock_events {
        sessions::write_clock_event(tx, e)?;
    }
    for d in &doc.doses {
        sessions::write_dose(tx, d)?;
    }
    for v in &doc.vitals {
        sessions::write_vitals(tx, v)?;
    }
    for a in &doc.adverse_events {
        sessions::write_adverse_event(tx, a)?;
    }
    for d in &doc.discharge_checks {
        sessions::write_discharge(tx, d)?;
    }
    for n in &doc.notes {
        if !sessions::note_is_signed(tx, &n.session_id)? {
            sessions::write_note(tx, n)?;
        }
    }
    for a in &doc.addenda {
        sessions::write_addendum(tx, a)?;
    }
    for r in &doc.reflections {
        sessions::write_reflection(tx, r)?;
    }
    for s in &doc.sessions {
        search::index_session(tx, &s.id)?;
    }
    Ok(())
}

fn unique_ids<'a>(list: &str, ids: impl Iterator<Item = &'a str>) -> Result<HashSet<&'a str>> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            return Err(at(
                &format!("{list}[{i}].id"),
                "is empty; every record needs an id.",
            ));
        }
        if id.len() > 100 {
            return Err(at(
                &format!("{list}[{i}].id"),
                "is longer than 100 characters.",
            ));
        }
        if let Some(first) = seen.insert(id, i) {
            return Err(at(
                &format!("{list}[{i}].id"),
                format!("\"{id}\" is used twice (also {list}[{first}])."),
            ));
        }
    }
    Ok(seen.into_keys().collect())
}

fn long_text(here: &str, fields: &[(&str, &str)]) -> Result<()> {
    for (name, text) in fields {
        let chars = text.chars().count();
        if chars > MAX_TEXT {
            return Err(at(
                &format!("{here}.{name}"),
                format!(
                    "is {chars} characters long; Attune keeps at most {MAX_TEXT} in one field."
                ),
            ));
        }
    }
    Ok(())
}
