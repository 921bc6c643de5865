//! One Tauri command per core function: take the arguments, call the core, map the error.

use attune::model::{FieldProblem, PracticeProfile, Settings, VaultStatus};
use attune::store::practice;
use attune::vault::passphrase::{self, PassphraseAssessment};
use attune::vault::{self, SecretString, Vault};
use attune::ErrorReport;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorReport>;

#[tauri::command]
pub fn vault_status(state: State<'_, AppState>) -> VaultStatus {
    state.peek(|open| vault::status(&state.dir, open, &state.keyring))
}

#[tauri::command]
pub fn assess_passphrase(passphrase: String) -> PassphraseAssessment {
    passphrase::assess(&SecretString::from(passphrase))
}

#[tauri::command(async)]
pub fn create_vault(state: State<'_, AppState>, passphrase: String) -> Reply<()> {
    state.open(Vault::create(&state.dir, &SecretString::from(passphrase))?)
}

#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, passphrase: String) -> Reply<()> {
    state.open(Vault::unlock(&state.dir, &SecretString::from(passphrase))?)
}

#[tauri::command(async)]
pub fn unlock_remembered(state: State<'_, AppState>) -> Reply<bool> {
    match Vault::unlock_remembered(&state.dir, &state.keyring)? {
        Some(vault) => state.open(vault).map(|()| true),
        None => Ok(false),
    }
}

#[tauri::command]
pub fn lock(state: State<'_, AppState>) -> Reply<()> {
    state.lock()
}

#[tauri::command]
pub fn note_activity(state: State<'_, AppState>) {
    state.touch();
}

#[tauri::command]
pub fn set_remembered(state: State<'_, AppState>, remember: bool) -> Reply<()> {
    let keyring = state.keyring;
    state.with_vault(|v| {
        if remember {
            v.remember(&keyring)
        } else {
            v.forget(&keyring)
        }
    })
}

#[tauri::command(async)]
pub fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    replacement: String,
) -> Reply<()> {
    state.with_vault(|v| {
        v.change_passphrase(
            &SecretString::from(current),
            &SecretString::from(replacement),
        )
    })
}

#[tauri::command]
pub fn practice_profile(state: State<'_, AppState>) -> Reply<PracticeProfile> {
    state.with_vault(|v| practice::profile(v))
}

#[tauri::command]
pub fn check_practice_profile(profile: PracticeProfile) -> Vec<FieldProblem> {
    attune::rules::practice::profile_problems(&profile)
}

#[tauri::command]
pub fn save_practice_profile(
    state: State<'_, AppState>,
    profile: PracticeProfile,
) -> Reply<PracticeProfile> {
    state.with_vault(|v| practice::save_profile(v, &profile))
}

#[tauri::command]
pub fn settings(state: State<'_, AppState>) -> Reply<Settings> {
    state.with_vault(|v| practice::settings(v))
}

#[tauri::command]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> Reply<()> {
    state.with_vault(|v| practice::save_settings(v, &settings))?;
    state.set_idle_limit(settings.auto_lock_minutes);
    Ok(())
}
