//! Measures and the dashboard: the questionnaires' tables, recording one, a person's or a
//! relationship's history for the plots, CSV export, and the morning's dashboard. Each command
//! calls the core and maps the error.

use std::path::Path;

use attune::files::Existing;
use attune::measures::{self, Spec};
use attune::model::{Measure, Session};
use attune::store::dashboard::{self, Dashboard};
use attune::store::measures::{self as history, History};
use attune::store::{practice, sessions};
use attune::ErrorReport;
use chrono::Utc;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorReport>;

/// Every instrument's items, answers and bands (they never change while the app runs).
#[tauri::command]
pub fn instruments() -> Vec<Spec> {
    measures::INSTRUMENTS.to_vec()
}

#[tauri::command]
pub fn record_measure(state: State<'_, AppState>, measure: Measure) -> Reply<Measure> {
    // The practice's today, the day the dashboard and the form show.
    state.with_vault(|v| {
        let today = practice::today(v, Utc::now())?;
        history::record_measure(v, &measure, today)
    })
}

#[tauri::command]
pub fn mark_measure_in_error(
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> Reply<Measure> {
    state.with_vault(|v| history::mark_entered_in_error(v, &id, &reason))
}

#[tauri::command]
pub fn measure_history(state: State<'_, AppState>, person_id: String) -> Reply<History> {
    state.with_vault(|v| history::history(v, &person_id, None))
}

#[tauri::command]
pub fn unit_measures(state: State<'_, AppState>, unit_id: String) -> Reply<Vec<History>> {
    state.with_vault(|v| history::unit_histories(v, &unit_id))
}

/// Writes a person's measure history as CSV to the file she chose in the save dialog.
#[tauri::command(async)]
pub fn save_measures_csv(state: State<'_, AppState>, person_id: String, file: String) -> Reply<()> {
    state.with_vault(|v| history::save_csv(v, &person_id, Path::new(&file), Existing::Replace))
}

#[tauri::command]
pub fn dashboard(state: State<'_, AppState>) -> Reply<Dashboard> {
    state.with_vault(|v| dashboard::dashboard(v, Utc::now()))
}

#[tauri::command]
pub fn record_override_follow_up(state: State<'_, AppState>, session_id: String) -> Reply<Session> {
    state.with_vault(|v| sessions::record_override_follow_up(v, &session_id, Utc::now()))
}
