//! Billing commands: fees and packages, payments, a session's codes, superbills and receipts.
//! Each takes the arguments, calls the core, and maps the error; PDFs go to the file she
//! chose in the system's save dialog (which already asked before replacing one).

use std::path::Path;

use attune::billing::superbill::Superbill;
use attune::files::Existing;
use attune::model::{
    BillingChoice, FeeSchedule, IssuedSuperbill, Package, PackagePurchase, Payment,
};
use attune::pdf;
use attune::store::billing::{self, Ledger, SessionBilling, SuperbillSummary};
use attune::store::practice;
use attune::typed::Large;
use attune::ErrorReport;
use chrono::{NaiveDate, Utc};
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ErrorReport>;

#[tauri::command]
pub fn fee_schedule(state: State<'_, AppState>) -> Reply<FeeSchedule> {
    state.with_vault(|v| billing::fee_schedule(v))
}

#[tauri::command]
pub fn save_fee_schedule(state: State<'_, AppState>, schedule: FeeSchedule) -> Reply<FeeSchedule> {
    state.with_vault(|v| billing::save_fee_schedule(v, &schedule))
}

#[tauri::command]
pub fn packages(state: State<'_, AppState>) -> Reply<Vec<Package>> {
    state.with_vault(|v| billing::packages(v))
}

#[tauri::command]
pub fn save_package(state: State<'_, AppState>, package: Package) -> Reply<Package> {
    state.with_vault(|v| billing::save_package(v, &package))
}

#[tauri::command]
pub fn purchases(state: State<'_, AppState>) -> Reply<Vec<PackagePurchase>> {
    state.with_vault(|v| billing::purchases(v))
}

#[tauri::command]
pub fn buy_package(
    state: State<'_, AppState>,
    purchase: PackagePurchase,
) -> Reply<PackagePurchase> {
    state.with_vault(|v| billing::buy_package(v, &purchase))
}

#[tauri::command]
pub fn ledger(state: State<'_, AppState>) -> Reply<Ledger> {
    state.with_vault(|v| billing::ledger(v))
}

#[tauri::command]
pub fn payments(state: State<'_, AppState>) -> Reply<Vec<Payment>> {
    state.with_vault(|v| billing::payments(v))
}

#[tauri::command]
pub fn record_payment(
    state: State<'_, AppState>,
    payment: Payment,
    confirmed: bool,
) -> Reply<Payment> {
    let large = if confirmed {
        Large::Confirmed
    } else {
        Large::Ask
    };
    state.with_vault(|v| billing::record_payment(v, &payment, large))
}

#[tauri::command]
pub fn session_billing(state: State<'_, AppState>, id: String) -> Reply<SessionBilling> {
    state.with_vault(|v| billing::session_billing(v, &id))
}

#[tauri::command]
pub fn save_billing_choice(
    state: State<'_, AppState>,
    choice: BillingChoice,
) -> Reply<SessionBilling> {
    state.with_vault(|v| {
        billing::save_billing_choice(v, &choice)?;
        billing::session_billing(v, &choice.session_id)
    })
}

#[tauri::command]
pub fn preview_billing_choice(
    state: State<'_, AppState>,
    choice: BillingChoice,
) -> Reply<SessionBilling> {
    state.with_vault(|v| billing::preview_billing_choice(v, &choice))
}

#[tauri::command]
pub fn preview_superbill(
    state: State<'_, AppState>,
    person_id: String,
    from: NaiveDate,
    to: NaiveDate,
) -> Reply<Superbill> {
    state.with_vault(|v| billing::preview_superbill(v, &person_id, from, to))
}

/// Issues the superbill and writes its PDF to `file`.
#[tauri::command(async)]
pub fn issue_superbill(
    state: State<'_, AppState>,
    person_id: String,
    from: NaiveDate,
    to: NaiveDate,
    file: String,
) -> Reply<IssuedSuperbill> {
    state.with_vault(|v| {
        let issued = billing::issue_superbill(v, &person_id, from, to, Utc::now())?;
        pdf::write_pdf(
            Path::new(&file),
            &pdf::superbill_pdf(&issued, practice::logo(v)?.as_deref())?,
            Existing::Replace,
        )?;
        Ok(issued)
    })
}

#[tauri::command]
pub fn superbills(state: State<'_, AppState>) -> Reply<Vec<SuperbillSummary>> {
    state.with_vault(|v| billing::superbills(v))
}

/// Writes an issued superbill's PDF again (the same number and content) to `file`.
#[tauri::command(async)]
pub fn save_superbill_pdf(state: State<'_, AppState>, number: u32, file: String) -> Reply<()> {
    state.with_vault(|v| {
        let issued = billing::superbill(v, number)?;
        pdf::write_pdf(
            Path::new(&file),
            &pdf::superbill_pdf(&issued, practice::logo(v)?.as_deref())?,
            Existing::Replace,
        )
    })
}

/// Writes a receipt for `person_id` to `file`.
#[tauri::command(async)]
pub fn save_receipt_pdf(
    state: State<'_, AppState>,
    person_id: String,
    from: NaiveDate,
    to: NaiveDate,
    file: String,
) -> Reply<()> {
    state.with_vault(|v| {
        let receipt = billing::receipt(v, &person_id, from, to)?;
        pdf::write_pdf(
            Path::new(&file),
            &pdf::receipt_pdf(&receipt, practice::logo(v)?.as_deref())?,
            Existing::Replace,
        )
    })
}

/// Sets the logo from an image file she chose (or removes it when `file` is `None`).
#[tauri::command(async)]
pub fn set_practice_logo(state: State<'_, AppState>, file: Option<String>) -> Reply<bool> {
    state.with_vault(|v| practice::save_logo_file(v, file.as_deref().map(Path::new)))
}

/// Whether a logo is set.
#[tauri::command]
pub fn has_practice_logo(state: State<'_, AppState>) -> Reply<bool> {
    state.with_vault(|v| Ok(practice::logo(v)?.is_some()))
}
