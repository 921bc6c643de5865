//! One Tauri command per core function: take the arguments, call the core, map the error.

use attune::about::About;
use attune::backup::automatic::{self, BackupSettings, BackupState};
use attune::backup::{self, RestoreReport};
use attune::document::{self, ImportReport};
use attune::files::Existing;
use attune::icd10;
use attune::model::{
    AdverseEvent, CalledOff, CancelledBy, Clearance, ClockEventKind, Consent, Diagnosis,
    DischargeCheck, Dose, DvScreen, FieldProblem, Note, Person, PracticeProfile, Reflection,
    Screening, Session, SessionStatus, Settings, Unit, VaultStatus, Vitals,
};
use attune::rules::safety::{self, Exclusion};
use attune::store::clients::{self, UnitChart};
use attune::store::practice;
use attune::store::search::{self, Hit};
use attune::store::sessions::{self, ListedSession, SessionView, Timeline};
use attune::typed;
use attune::vault::passphrase::{self, PassphraseAssessment};
use attune::vault::{self, SecretString, Vault};
use attune::ErrorReport;
use chrono::{NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use tauri::{AppHandle, Emitter, State};

use crate::state::AppState;

type Reply<T> = Result<T, ErrorReport>;

#[tauri::command]
pub fn vault_status(state: State<'_, AppState>) -> VaultStatus {
    state.report_stage("page asks the vault's status");
    let status = VaultStatus {
        recovered: state.recovered(),
        ..state.peek(|open| vault::status(&state.dir(), open, &state.keyring))
    };
    state.report_stage("status answered (keyring asked)");
    status
}

/// The page has painted its first screen. The start-up time goes to the log, and to standard
/// error when `ATTUNE_REPORT_START` is set (`make bench-window` reads it there).
#[tauri::command]
pub fn first_screen_shown(state: State<'_, AppState>) {
    state.report_stage("first screen shown");
}

#[tauri::command]
pub fn about(state: State<'_, AppState>) -> About {
    attune::about::about(&state.dir())
}

#[tauri::command]
pub fn read_date(field: String, text: String) -> Reply<Option<NaiveDate>> {
    Ok(typed::date(&field, &text)?)
}

#[tauri::command]
pub fn assess_passphrase(passphrase: String) -> PassphraseAssessment {
    passphrase::assess(&SecretString::from(passphrase))
}

#[tauri::command(async)]
pub fn create_vault(state: State<'_, AppState>, passphrase: String) -> Reply<()> {
    state.open(Vault::create(
        &state.dir(),
        &SecretString::from(passphrase),
    )?)
}

#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, passphrase: String) -> Reply<()> {
    state.open(Vault::unlock(
        &state.dir(),
        &SecretString::from(passphrase),
    )?)
}

#[tauri::command(async)]
pub fn unlock_remembered(state: State<'_, AppState>) -> Reply<bool> {
    match Vault::unlock_remembered(&state.dir(), &state.keyring)? {
        Some(vault) => state.open(vault).map(|()| true),
        None => Ok(false),
    }
}

/// Returns a warning when the automatic backup made on locking failed.
#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>) -> Reply<Option<String>> {
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

#[tauri::command]
pub fn backup_state(state: State<'_, AppState>) -> Reply<BackupState> {
    state.with_vault(|v| automatic::state(v, Utc::now()))
}

#[tauri::command]
pub fn save_backup_settings(
    state: State<'_, AppState>,
    settings: BackupSettings,
) -> Reply<BackupState> {
    state.with_vault(|v| {
        automatic::save_settings(v, &settings)?;
        automatic::state(v, Utc::now())
    })
}

/// The recovery key crosses to the window once, to be shown; it is stored nowhere.
#[tauri::command]
pub fn set_up_recovery_key(state: State<'_, AppState>) -> Reply<String> {
    state.with_vault(|v| Ok(automatic::set_up_recovery(v)?.expose().to_owned()))
}

#[derive(Clone, Serialize)]
struct Progress {
    done: u64,
    total: u64,
}

#[tauri::command(async)]
pub fn back_up_now(app: AppHandle, state: State<'_, AppState>) -> Reply<BackupState> {
    state.back_up_now(&mut |done, total| {
        let _ = app.emit("backup-progress", Progress { done, total });
    })
}

/// Replaces the vault with a backup; the vault that was there is kept beside it.
#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    file: String,
    key: String,
    passphrase: String,
) -> Reply<RestoreReport> {
    let unlocker = backup::unlocker_from_text(SecretString::from(key))?;
    let passphrase = SecretString::from(passphrase);
    passphrase::require_acceptable(&passphrase)?;
    let dir = state.dir();
    let replace = vault::exists(&dir);
    // The open vault is closed only once the backup has been read and checked, so a bad file
    // leaves her where she was.
    let restored = backup::restore_with(
        std::path::Path::new(&file),
        &unlocker,
        &dir,
        &passphrase,
        replace,
        || state.close().map(|_| ()),
    )?;
    let report = RestoreReport {
        backup_taken_at: restored.manifest.created_at.clone(),
        previous_dir: restored.previous.as_ref().map(|p| p.display().to_string()),
    };
    state.open(restored.vault)?;
    Ok(report)
}

/// Today in the practice's zone, whatever the computer's clock zone.
fn today(vault: &Vault) -> attune::Result<chrono::NaiveDate> {
    attune::store::practice::today(vault, chrono::Utc::now())
}

#[tauri::command]
pub fn persons(state: State<'_, AppState>) -> Reply<Vec<Person>> {
    state.with_vault(|v| clients::persons(v))
}

#[tauri::command]
pub fn units(state: State<'_, AppState>) -> Reply<Vec<Unit>> {
    state.with_vault(|v| clients::units(v))
}

#[tauri::command]
pub fn search_clients(state: State<'_, AppState>, text: String) -> Reply<Vec<Hit>> {
    state.with_vault(|v| search::search(v, &text, 30))
}

#[tauri::command]
pub fn save_person(state: State<'_, AppState>, person: Person) -> Reply<Person> {
    state.with_vault(|v| {
        let today = today(v)?;
        clients::save_person(v, &person, today)
    })
}

#[tauri::command]
pub fn save_unit(state: State<'_, AppState>, unit: Unit) -> Reply<Unit> {
    state.with_vault(|v| clients::save_unit(v, &unit))
}

#[tauri::command]
pub fn unit_chart(state: State<'_, AppState>, id: String) -> Reply<UnitChart> {
    state.with_vault(|v| clients::unit_chart(v, &id, today(v)?))
}

#[tauri::command]
pub fn find_codes(query: String) -> Vec<icd10::Code> {
    icd10::find(&query, 12).into_iter().cloned().collect()
}

#[tauri::command]
pub fn add_diagnosis(state: State<'_, AppState>, diagnosis: Diagnosis) -> Reply<Diagnosis> {
    state.with_vault(|v| clients::add_diagnosis(v, &diagnosis))
}

#[tauri::command]
pub fn exclusions() -> Vec<Exclusion> {
    safety::EXCLUSIONS.to_vec()
}

#[tauri::command]
pub fn add_screening(state: State<'_, AppState>, screening: Screening) -> Reply<Screening> {
    state.with_vault(|v| clients::add_screening(v, &screening))
}

#[tauri::command]
pub fn add_clearance(state: State<'_, AppState>, clearance: Clearance) -> Reply<Clearance> {
    state.with_vault(|v| clients::add_clearance(v, &clearance))
}

#[tauri::command]
pub fn add_consent(state: State<'_, AppState>, consent: Consent) -> Reply<Consent> {
    state.with_vault(|v| clients::add_consent(v, &consent))
}

#[tauri::command]
pub fn add_dv_screen(state: State<'_, AppState>, screen: DvScreen) -> Reply<DvScreen> {
    state.with_vault(|v| clients::add_dv_screen(v, &screen))
}

/// Writes the open document to a file she chose in the save dialog (which already asked
/// before replacing one).
#[tauri::command(async)]
pub fn export_document(state: State<'_, AppState>, file: String) -> Reply<()> {
    state.with_vault(|v| document::export_to_file(v, Path::new(&file), Existing::Replace))
}

#[tauri::command(async)]
pub fn import_document(state: State<'_, AppState>, file: String) -> Reply<ImportReport> {
    state.with_vault(|v| {
        let today = today(v)?;
        document::import_file(v, Path::new(&file), today)
    })
}

fn now() -> chrono::DateTime<Utc> {
    Utc::now()
}

#[tauri::command]
pub fn unit_timeline(state: State<'_, AppState>, unit_id: String) -> Reply<Timeline> {
    state.with_vault(|v| sessions::unit_timeline(v, &unit_id, now()))
}

/// Sessions from `from` to `to` (RFC 3339 instants: the screen's days in its zone).
#[tauri::command]
pub fn sessions_between(
    state: State<'_, AppState>,
    from: chrono::DateTime<Utc>,
    to: chrono::DateTime<Utc>,
) -> Reply<Vec<ListedSession>> {
    state.with_vault(|v| sessions::list_between(v, from, to))
}

/// What to warn about before booking this session.
#[tauri::command]
pub fn booking_warnings(
    state: State<'_, AppState>,
    session: Session,
) -> Reply<Vec<attune::rules::agenda::Warning>> {
    state.with_vault(|v| sessions::booking_warnings(v, &session, now()))
}

/// Moves a session that has not begun to a new start and length.
#[tauri::command]
pub fn reschedule_session(
    state: State<'_, AppState>,
    id: String,
    start: chrono::DateTime<Utc>,
    minutes: u32,
) -> Reply<Session> {
    state.with_vault(|v| sessions::reschedule(v, &id, start, minutes))
}

/// Calls off a session that has not begun: cancelled, or a no-show.
#[tauri::command]
pub fn call_off_session(
    state: State<'_, AppState>,
    id: String,
    status: SessionStatus,
    called_off: CalledOff,
) -> Reply<Session> {
    state.with_vault(|v| sessions::call_off(v, &id, status, &called_off, now()))
}

/// The fee calling a session off this way would bring, and why.
#[tauri::command]
pub fn missed_fee(
    state: State<'_, AppState>,
    id: String,
    status: SessionStatus,
    by: CancelledBy,
    told: chrono::DateTime<Utc>,
) -> Reply<attune::billing::fees::MissedFee> {
    state.with_vault(|v| attune::store::billing::missed_fee(v, &id, status, by, told))
}

/// Writes her calendar between two days as an `.ics` file chosen in the save dialog; how many
/// sessions it holds.
#[tauri::command(async)]
pub fn export_calendar(
    state: State<'_, AppState>,
    file: String,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    titles: attune::calendar::Titles,
) -> Reply<usize> {
    state.with_vault(|v| {
        attune::store::calendar::export_ics(v, from, to, titles, Path::new(&file), now())
    })
}

/// The integration to propose after a dosing, if none is booked yet.
#[tauri::command]
pub fn integration_proposal(
    state: State<'_, AppState>,
    dosing_id: String,
) -> Reply<Option<attune::rules::schedule::Proposal>> {
    state.with_vault(|v| attune::store::calendar::proposal_after(v, &dosing_id))
}

#[tauri::command]
pub fn save_session(state: State<'_, AppState>, session: Session) -> Reply<Session> {
    state.with_vault(|v| sessions::save_session(v, &session))
}

#[tauri::command]
pub fn session_view(state: State<'_, AppState>, id: String) -> Reply<SessionView> {
    state.with_vault(|v| sessions::session_view(v, &id, now()))
}

#[tauri::command]
pub fn record_clock(
    state: State<'_, AppState>,
    id: String,
    kind: ClockEventKind,
    person: Option<String>,
    override_reason: Option<String>,
) -> Reply<SessionView> {
    state.with_vault(|v| {
        let at = now();
        sessions::record_clock(
            v,
            &id,
            kind,
            person.as_deref(),
            at,
            override_reason.as_deref(),
        )?;
        sessions::session_view(v, &id, at)
    })
}

#[tauri::command]
pub fn add_dose(state: State<'_, AppState>, dose: Dose) -> Reply<SessionView> {
    state.with_vault(|v| {
        sessions::add_dose(v, &dose)?;
        sessions::session_view(v, &dose.session_id, now())
    })
}

#[tauri::command]
pub fn add_vitals(state: State<'_, AppState>, reading: Vitals) -> Reply<SessionView> {
    state.with_vault(|v| {
        sessions::add_vitals(v, &reading)?;
        sessions::session_view(v, &reading.session_id, now())
    })
}

#[tauri::command]
pub fn add_adverse_event(state: State<'_, AppState>, event: AdverseEvent) -> Reply<SessionView> {
    state.with_vault(|v| {
        sessions::add_adverse_event(v, &event)?;
        sessions::session_view(v, &event.session_id, now())
    })
}

#[tauri::command]
pub fn add_discharge_check(
    state: State<'_, AppState>,
    check: DischargeCheck,
) -> Reply<SessionView> {
    state.with_vault(|v| {
        sessions::add_discharge_check(v, &check)?;
        sessions::session_view(v, &check.session_id, now())
    })
}

/// Autosave: the note as typed so far.
#[tauri::command]
pub fn save_note(
    state: State<'_, AppState>,
    session_id: String,
    fields: BTreeMap<String, String>,
) -> Reply<Note> {
    state.with_vault(|v| sessions::save_note(v, &session_id, &fields, now()))
}

#[tauri::command]
pub fn sign_note(state: State<'_, AppState>, session_id: String) -> Reply<SessionView> {
    state.with_vault(|v| {
        let at = now();
        sessions::sign_note(v, &session_id, at)?;
        sessions::session_view(v, &session_id, at)
    })
}

#[tauri::command]
pub fn add_addendum(
    state: State<'_, AppState>,
    session_id: String,
    text: String,
) -> Reply<SessionView> {
    state.with_vault(|v| {
        let at = now();
        sessions::add_addendum(v, &session_id, &text, at)?;
        sessions::session_view(v, &session_id, at)
    })
}

#[tauri::command]
pub fn save_reflection(state: State<'_, AppState>, reflection: Reflection) -> Reply<Reflection> {
    state.with_vault(|v| sessions::save_reflection(v, &reflection))
}

/// Opens a new demo practice from a temporary folder; returns its passphrase, to show.
#[tauri::command(async)]
pub fn open_demo(state: State<'_, AppState>) -> Reply<String> {
    let demo = attune::demo::create_temporary(attune::demo::today(chrono::Utc::now()))?;
    let passphrase = vault::ExposeSecret::expose_secret(&demo.passphrase).to_owned();
    state.open_elsewhere(demo.dir, demo.vault)?;
    Ok(passphrase)
}
