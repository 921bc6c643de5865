//! Good Faith Estimates: those issued to a relationship or person, a draft to look over, and an
//! issued one written to the file she chose in the save dialog.

use std::path::Path;

use attune::billing::estimate::Estimate;
use attune::files::Existing;
use attune::model::IssuedEstimate;
use attune::store::billing::{self, EstimateRequest};
use attune::store::Owner;
use attune::ErrorReport;
use chrono::Utc;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorReport>;

#[tauri::command]
pub fn estimates_of(state: State<'_, AppState>, for_whom: Owner) -> Reply<Vec<IssuedEstimate>> {
    state.with_vault(|v| billing::estimates_of(v, &for_whom))
}

/// What an estimate would say today, with the sentence refusing it if it could not be issued.
#[tauri::command]
pub fn draft_estimate(
    state: State<'_, AppState>,
    request: EstimateRequest,
) -> Reply<(Estimate, Option<String>)> {
    state.with_vault(|v| {
        let draft = billing::draft_estimate(v, &request, Utc::now())?;
        let refused = attune::billing::estimate::problem(&draft);
        Ok((draft, refused))
    })
}

/// Issues the estimate `request` drafts and writes its PDF to `file`.
#[tauri::command(async)]
pub fn issue_estimate(
    state: State<'_, AppState>,
    request: EstimateRequest,
    file: String,
) -> Reply<IssuedEstimate> {
    state.with_vault(|v| {
        let now = Utc::now();
        let draft = billing::draft_estimate(v, &request, now)?;
        billing::issue_estimate(v, &draft, now, |bytes| {
            attune::pdf::write_pdf(Path::new(&file), bytes, Existing::Replace)
        })
    })
}
