//! Importing a document: all or nothing, in one transaction, merging by id.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::measures as store_measures;
use crate::store::{audit, clients, practice, search, sessions};
use crate::vault::Vault;

use super::checks::check;
use super::{billing, parse, too_large, Document, MAX_BYTES};

/// Reads the document in `path` (refusing one too large before reading it) and imports it,
/// all or nothing.
///
/// # Errors
/// As [`parse`] and [`import`], or [`Error::Io`] when the file cannot be read; the vault is
/// then exactly as it was.
pub fn import_file(vault: &mut Vault, path: &Path, today: NaiveDate) -> Result<ImportReport> {
    let size = std::fs::metadata(path)
        .map_err(Error::file("read the document", path))?
        .len();
    if size > MAX_BYTES as u64 {
        return Err(too_large(size));
    }
    let bytes = std::fs::read(path).map_err(Error::file("read the document", path))?;
    import(vault, &parse(&bytes)?, today)
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
    // The checks and the writes are one transaction that holds the write lock from the start:
    // two imports at once cannot both find the same new person absent and both add them.
    vault.conn().execute_batch("BEGIN IMMEDIATE")?;
    match check(document, vault, today).and_then(|()| write(vault, document)) {
        Ok(report) => {
            vault.conn().execute_batch("COMMIT")?;
            Ok(report)
        }
        Err(e) => {
            // The refusal is what she needs to read; a failed rollback (SQLite may have rolled
            // back already) changes nothing more.
            let _ = vault.conn().execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn write(vault: &mut Vault, document: &Document) -> Result<ImportReport> {
    let tx = vault.conn_mut().savepoint()?;
    let report = import_clients(&tx, document)?;
    import_sessions(&tx, document)?;
    import_measures(&tx, document)?;
    billing::import(&tx, document)?;
    super::collaboration::import(&tx, document)?;
    super::paperwork::import(&tx, document)?;
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
            "added {}, updated {}; {} payments, {} superbills, {} estimates, {} releases, {} disclosures",
            report.added,
            report.updated,
            document.billing.payments.len(),
            document.billing.superbills.len(),
            document.paperwork.estimates.len(),
            document.collaboration.releases.len(),
            document.collaboration.disclosures.len()
        ),
    )?;
    tx.commit()?;
    Ok(report)
}

/// Persons and relationships merge by id; the per-person records of a person the document
/// names are the document's.
fn import_clients(tx: &rusqlite::Connection, document: &Document) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let existing_person = |tx: &rusqlite::Connection, id: &str| -> Result<bool> {
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
fn import_measures(tx: &rusqlite::Connection, document: &Document) -> Result<()> {
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

/// Writes the session records: the document's set replaces the vault's for the sessions it
/// names (clock events and addenda, which never change, are only added).
fn import_sessions(tx: &rusqlite::Connection, doc: &Document) -> Result<()> {
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
