//! Attune's desktop window. All that matters lives in the `attune` core; this shell holds the
//! unlocked vault, exposes the core as commands, and locks the vault when the therapist is
//! away.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod billing;
mod commands;
mod instance;
mod measures;
mod menu;
mod paperwork;
mod releases;
mod state;

use std::process::ExitCode;
use std::time::Duration;

use tauri::{Emitter, Manager};

use crate::state::AppState;

/// How often the idle timer is looked at.
const IDLE_POLL: Duration = Duration::from_secs(5);
/// How often (in idle polls) the daily backup is looked at: once a minute.
const BACKUP_POLLS: u32 = 12;

/// Paints the window without WebKit's accelerated compositing, unless she (or her desktop) has
/// chosen otherwise by setting the variable (`0` keeps compositing). Compositing renders through
/// OpenGL, which without a GPU, or with some drivers, is Mesa's software renderer: measured
/// under Xvfb, the first screen took 1,244 ms with it and 397 ms without, and the web process
/// held 255 MiB against 135 MiB (README, "Measurements"). Attune's screens are forms, lists and
/// a calendar, with nothing that needs the GPU.
fn paint_without_compositing() {
    const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VARIABLE).is_none() {
        // The first line of main, before any other thread exists to read the environment; WebKit
        // reads this variable when the web view is made, and offers no other way to choose before
        // its first paint (its settings object exists only once the view does).
        #[allow(clippy::disallowed_methods)]
        std::env::set_var(VARIABLE, "1");
    }
}

fn main() -> ExitCode {
    paint_without_compositing();
    if let Err(e) = attune::process::forbid_core_dumps() {
        eprintln!("Attune could not turn core dumps off ({e}); going on.");
    }
    let dir = match attune::vault::default_dir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("Attune cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    // One window, one writer: a second launch hands over to the running window before it
    // touches the vault folder.
    let instance = match instance::claim() {
        Ok(instance::Launch::First(instance)) => Some(instance),
        Ok(instance::Launch::HandedOver) => return ExitCode::SUCCESS,
        Ok(instance::Launch::Alone) => None,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let on_exit = instance.clone();
    // Before anything opens the vault: finish or roll back what a killed restore or
    // passphrase change left, and tell her on the first screen.
    let recovered = attune::vault::recover(&dir).unwrap_or_else(|e| vec![e.to_string()]);
    // Tauri's generated context calls `process::exit` on its own start-up failures.
    #[allow(clippy::disallowed_methods)]
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(AppState::new(dir, recovered))
        .menu(menu::build)
        .on_menu_event(menu::forward)
        .on_page_load(|webview, load| {
            let stage = match load.event() {
                tauri::webview::PageLoadEvent::Started => "page load started",
                tauri::webview::PageLoadEvent::Finished => "page loaded",
            };
            webview.state::<AppState>().report_stage(stage);
        })
        .setup(move |app| {
            app.state::<AppState>().report_stage("window set up");
            if let Some(instance) = &instance {
                let handle = app.handle().clone();
                instance.answer_with(move || menu::focus_main(&handle));
            }
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                for poll in 1u32.. {
                    std::thread::sleep(IDLE_POLL);
                    let state = handle.state::<AppState>();
                    if state.lock_if_idle() {
                        let _ = handle.emit("vault-locked", "idle");
                    } else if poll % BACKUP_POLLS == 0 {
                        if let Err(e) = state.back_up_if_due() {
                            let _ = handle.emit("backup-failed", e.message);
                        }
                    }
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::vault_status,
            commands::assess_passphrase,
            commands::read_date,
            commands::about,
            releases::recipients,
            releases::save_recipient,
            releases::person_releases,
            releases::add_release,
            releases::revoke_release,
            releases::check_session_report,
            releases::issue_session_report,
            releases::save_client_record,
            paperwork::estimates_of,
            paperwork::draft_estimate,
            paperwork::issue_estimate,
            paperwork::plan_chart,
            paperwork::save_plan,
            paperwork::sign_plan,
            paperwork::revise_plan,
            paperwork::save_plan_pdf,
            commands::first_screen_shown,
            commands::create_vault,
            commands::unlock,
            commands::unlock_remembered,
            commands::lock,
            commands::note_activity,
            commands::set_remembered,
            commands::change_passphrase,
            commands::practice_profile,
            commands::check_practice_profile,
            commands::save_practice_profile,
            commands::settings,
            commands::save_settings,
            commands::backup_state,
            commands::save_backup_settings,
            commands::set_up_recovery_key,
            commands::back_up_now,
            commands::restore_backup,
            commands::persons,
            commands::units,
            commands::search_clients,
            commands::save_person,
            commands::save_unit,
            commands::unit_chart,
            commands::find_codes,
            commands::add_diagnosis,
            commands::exclusions,
            commands::add_screening,
            commands::add_clearance,
            commands::add_consent,
            commands::add_dv_screen,
            commands::export_document,
            commands::import_document,
            commands::unit_timeline,
            commands::sessions_between,
            commands::booking_warnings,
            commands::reschedule_session,
            commands::integration_proposal,
            commands::call_off_session,
            commands::missed_fee,
            commands::export_calendar,
            commands::save_session,
            commands::session_view,
            commands::record_clock,
            commands::add_dose,
            commands::add_vitals,
            commands::add_adverse_event,
            commands::add_discharge_check,
            commands::save_note,
            commands::sign_note,
            commands::add_addendum,
            commands::save_reflection,
            commands::open_demo,
            billing::fee_schedule,
            billing::save_fee_schedule,
            billing::packages,
            billing::save_package,
            billing::purchases,
            billing::buy_package,
            billing::ledger,
            billing::payments,
            billing::record_payment,
            billing::session_billing,
            billing::save_billing_choice,
            billing::preview_billing_choice,
            billing::preview_superbill,
            billing::issue_superbill,
            billing::superbills,
            billing::save_superbill_pdf,
            billing::save_receipt_pdf,
            billing::set_practice_logo,
            billing::has_practice_logo,
            measures::instruments,
            measures::record_measure,
            measures::mark_measure_in_error,
            measures::measure_history,
            measures::unit_measures,
            measures::save_measures_csv,
            measures::dashboard,
            measures::record_override_follow_up,
        ])
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(e) => {
            eprintln!("Attune cannot open its window: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = app.run_return(move |app, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(instance) = &on_exit {
                instance.release();
            }
            // Close the database cleanly (checkpointing its WAL, wiping the key) before the
            // process ends.
            let _ = app.state::<AppState>().lock();
        }
    });
    if code == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
