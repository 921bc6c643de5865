//! The open format: the whole vault as one versioned JSON document, described by
//! `assets/attune-export.schema.json`. Export is exact; import is all or nothing, in one
//! transaction, and every error names the place in the document
//! (`persons[3].date_of_birth: "1990-02-30" is not a date`).

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::files::{self, Existing};
use crate::store::measures as store_measures;
use crate::store::{clients, practice, sessions};
use crate::vault::Vault;

mod billing;
mod checks;
mod collaboration;
mod format;
mod import;
mod paperwork;
mod strict;

pub use billing::{Backups, Books};
use checks::unique_ids;
pub use collaboration::Collaboration;
use format::{at, too_large};
pub use format::{
    json_schema, parse, to_json, Document, FORMAT, MAX_BYTES, MAX_TEXT, SCHEMA_PATH, VERSION,
};
pub use import::{import, import_file, ImportReport};
pub use paperwork::Paperwork;

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
        collaboration: collaboration::export(vault.conn())?,
        paperwork: paperwork::export(vault.conn())?,
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
