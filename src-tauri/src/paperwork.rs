//! Good Faith Estimates (those issued, a draft to look over, an issued one written to the file
//! she chose in the save dialog) and treatment plans (the chart's view, drafts, signing,
//! revision, the PDF).

use std::path::Path;

use attune::billing::estimate::Estimate;
use attune::files::Existing;
use attune::model::{IssuedEstimate, TreatmentPlan};
use attune::store::billing::{self, EstimateRequest};
use attune::store::plans::{self, PlanChart};
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

/// A relationship's or person's plan as the chart shows it today.
#[tauri::command]
pub fn plan_chart(state: State<'_, AppState>, owner: Owner) -> Reply<PlanChart> {
    state.with_vault(|v| {
        let today = attune::store::practice::today(v, Utc::now())?;
        plans::plan_chart(v, &owner, today)
    })
}

/// Saves a draft (a new one when its id is empty).
#[tauri::command]
pub fn save_plan(state: State<'_, AppState>, plan: TreatmentPlan) -> Reply<TreatmentPlan> {
    state.with_vault(|v| plans::save_plan(v, &plan))
}

/// Signs a draft; it is locked from then on.
#[tauri::command]
pub fn sign_plan(state: State<'_, AppState>, id: String) -> Reply<TreatmentPlan> {
    state.with_vault(|v| plans::sign_plan(v, &id, Utc::now()))
}

/// Starts the next version of a signed plan.
#[tauri::command]
pub fn revise_plan(state: State<'_, AppState>, id: String) -> Reply<TreatmentPlan> {
    state.with_vault(|v| {
        let today = attune::store::practice::today(v, Utc::now())?;
        plans::revise_plan(v, &id, today)
    })
}

/// Writes the current plan's PDF to `file`; its version.
#[tauri::command(async)]
pub fn save_plan_pdf(state: State<'_, AppState>, owner: Owner, file: String) -> Reply<u32> {
    state.with_vault(|v| {
        let today = attune::store::practice::today(v, Utc::now())?;
        let (version, bytes) = plans::current_plan_pdf(v, &owner, today)?;
        attune::pdf::write_pdf(Path::new(&file), &bytes, Existing::Replace)?;
        Ok(version)
    })
}
