//! Releases of information and session reports: the recipients list, a person's releases and
//! accounting of disclosures, and a report written to the file she chose in the save dialog.

use std::path::Path;

use attune::files::Existing;
use attune::model::{Recipient, Release};
use attune::store::releases::{self, PersonReleases};
use attune::store::reports::{self, ReportRequest};
use attune::ErrorReport;
use chrono::{NaiveDate, Utc};
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorReport>;

#[tauri::command]
pub fn recipients(state: State<'_, AppState>) -> Reply<Vec<Recipient>> {
    state.with_vault(|v| releases::recipients(v))
}

#[tauri::command]
pub fn save_recipient(state: State<'_, AppState>, recipient: Recipient) -> Reply<Recipient> {
    state.with_vault(|v| releases::save_recipient(v, &recipient))
}

#[tauri::command]
pub fn person_releases(state: State<'_, AppState>, person_id: String) -> Reply<PersonReleases> {
    state.with_vault(|v| {
        let today = attune::store::practice::today(v, Utc::now())?;
        releases::person_releases(v, &person_id, today)
    })
}

#[tauri::command]
pub fn add_release(state: State<'_, AppState>, release: Release) -> Reply<Release> {
    state.with_vault(|v| releases::add_release(v, &release))
}

#[tauri::command]
pub fn revoke_release(state: State<'_, AppState>, id: String, on: NaiveDate) -> Reply<Release> {
    state.with_vault(|v| releases::revoke_release(v, &id, on))
}

/// The window's report names every partner a release covers (the command line can name some).
fn every_covered(session_id: String, recipient_id: String) -> ReportRequest {
    ReportRequest {
        session_id,
        recipient_id,
        persons: Vec::new(),
    }
}

/// Who a session report to this recipient would name, or the sentence refusing it: asked
/// before the save dialog opens, so a refused report never asks for a file.
#[tauri::command]
pub fn check_session_report(
    state: State<'_, AppState>,
    session_id: String,
    recipient_id: String,
) -> Reply<Vec<String>> {
    let request = every_covered(session_id, recipient_id);
    state.with_vault(|v| {
        let prepared = reports::prepare_session_report(v, &request, Utc::now())?;
        Ok(prepared
            .report
            .partners
            .into_iter()
            .map(|p| p.name)
            .collect())
    })
}

/// Issues a session report to `file`; returns the names of the partners it names.
#[tauri::command(async)]
pub fn issue_session_report(
    state: State<'_, AppState>,
    session_id: String,
    recipient_id: String,
    file: String,
) -> Reply<Vec<String>> {
    let request = every_covered(session_id, recipient_id);
    state.with_vault(|v| {
        let issued = reports::issue_session_report(v, &request, Utc::now(), |bytes| {
            attune::pdf::write_pdf(Path::new(&file), bytes, Existing::Replace)
        })?;
        Ok(issued.report.partners.into_iter().map(|p| p.name).collect())
    })
}

/// Writes a client's own record (the right of access) to `file`; returns how many sessions it
/// holds.
#[tauri::command(async)]
pub fn save_client_record(
    state: State<'_, AppState>,
    person_id: String,
    file: String,
) -> Reply<usize> {
    state.with_vault(|v| {
        let record = reports::client_record(v, &person_id, Utc::now())?;
        let logo = attune::store::practice::logo(v)?;
        attune::pdf::write_pdf(
            Path::new(&file),
            &attune::pdf::record_pdf(&record, logo.as_deref())?,
            Existing::Replace,
        )?;
        Ok(record.sessions.len())
    })
}
