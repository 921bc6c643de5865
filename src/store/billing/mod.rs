//! Billing as stored: the fee schedule, packages and purchases, payments, the therapist's
//! changes to a session's codes, and issued superbills. What sessions cost and how they are
//! coded is derived on reading (see [`books`]), so a corrected timer or diagnosis is reflected
//! everywhere except in superbills already issued, which never change.

mod books;
mod payments;
mod superbills;

use rusqlite::{params, Connection};

use super::{audit, enum_text, new_id, not_found, text_enum};
use crate::billing::Cents;
use crate::error::{Error, Result};
use crate::model::{BillingChoice, CodeFee, FeeSchedule, KindFee, Package, PackagePurchase};
use crate::vault::Vault;

pub use books::{ledger, session_billing, Balance, Ledger, LedgerRow, SessionBilling};
pub use payments::{payments, record_payment};
pub use superbills::{
    issue_month, issue_superbill, preview_superbill, receipt, superbill, superbills, MonthBatch,
    Receipt, ReceiptLine, SuperbillSummary,
};

pub(crate) fn read_schedule(conn: &Connection) -> Result<FeeSchedule> {
    let mut codes = conn.prepare_cached("SELECT code, cents FROM code_fees ORDER BY code")?;
    let codes = codes
        .query_map([], |r| {
            Ok(CodeFee {
                code: r.get(0)?,
                amount: Cents(r.get(1)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut kinds = conn.prepare_cached("SELECT kind, cents FROM kind_fees ORDER BY kind")?;
    let kinds = kinds
        .query_map([], |r| {
            Ok(KindFee {
                kind: text_enum(r.get(0)?)?,
                amount: Cents(r.get(1)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let offer_0820t = conn.query_row("SELECT offer_0820t FROM settings WHERE id = 1", [], |r| {
        r.get(0)
    })?;
    Ok(FeeSchedule {
        codes,
        kinds,
        offer_0820t,
    })
}

/// The fee schedule.
pub fn fee_schedule(vault: &Vault) -> Result<FeeSchedule> {
    read_schedule(vault.conn())
}

/// Replaces the fee schedule.
///
/// # Errors
/// [`Error::Invalid`] for a code that is not five characters, a negative fee, or a code or
/// kind listed twice.
#[tracing::instrument(skip_all, err)]
pub fn save_fee_schedule(vault: &mut Vault, schedule: &FeeSchedule) -> Result<FeeSchedule> {
    let mut seen = std::collections::BTreeSet::new();
    for fee in &schedule.codes {
        let code = fee.code.trim().to_ascii_uppercase();
        if code.len() != 5 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::invalid(
                "codes",
                format!(
                    "{:?} is not a CPT code (five characters, like 90847).",
                    fee.code
                ),
            ));
        }
        if !seen.insert(code.clone()) {
            return Err(Error::invalid("codes", format!("{code} is listed twice.")));
        }
    }
    let mut kinds = std::collections::BTreeSet::new();
    if schedule
        .kinds
        .iter()
        .any(|k| !kinds.insert(enum_text(&k.kind)))
    {
        return Err(Error::invalid(
            "kinds",
            "A kind of session is listed twice.",
        ));
    }
    if schedule
        .codes
        .iter()
        .map(|f| f.amount)
        .chain(schedule.kinds.iter().map(|f| f.amount))
        .any(|a| a.0 < 0)
    {
        return Err(Error::invalid("codes", "A fee cannot be negative."));
    }
    let tx = vault.conn_mut().transaction()?;
    tx.execute("DELETE FROM code_fees", [])?;
    tx.execute("DELETE FROM kind_fees", [])?;
    for fee in &schedule.codes {
        tx.execute(
            "INSERT INTO code_fees (code, cents) VALUES (?1, ?2)",
            params![fee.code.trim().to_ascii_uppercase(), fee.amount.0],
        )?;
    }
    for fee in &schedule.kinds {
        tx.execute(
            "INSERT INTO kind_fees (kind, cents) VALUES (?1, ?2)",
            params![enum_text(&fee.kind), fee.amount.0],
        )?;
    }
    tx.execute(
        "UPDATE settings SET offer_0820t = ?1 WHERE id = 1",
        [schedule.offer_0820t],
    )?;
    audit::append(&tx, "fees.updated", "fees", "")?;
    let saved = read_schedule(&tx)?;
    tx.commit()?;
    Ok(saved)
}

pub(crate) fn read_packages(conn: &Connection) -> Result<Vec<Package>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, kind, sessions, cents FROM packages ORDER BY kind, sessions",
    )?;
    let packages = stmt
        .query_map([], |r| {
            Ok(Package {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: text_enum(r.get(2)?)?,
                sessions: r.get(3)?,
                price: Cents(r.get(4)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(packages)
}

/// The packages on offer.
pub fn packages(vault: &Vault) -> Result<Vec<Package>> {
    read_packages(vault.conn())
}

/// Adds a package, or changes one no one has bought yet.
///
/// # Errors
/// [`Error::Invalid`] for an empty name, a size outside 1–100, a negative price, or a change
/// to a package already bought (its shares are on sessions and receipts).
#[tracing::instrument(skip_all, err)]
pub fn save_package(vault: &mut Vault, package: &Package) -> Result<Package> {
    if package.name.trim().is_empty() {
        return Err(Error::invalid(
            "name",
            "Give the package a name (for example \"3 dosing sessions\").",
        ));
    }
    if !(1..=100).contains(&package.sessions) {
        return Err(Error::invalid(
            "sessions",
            "A package holds from 1 to 100 sessions.",
        ));
    }
    if package.price.0 < 0 {
        return Err(Error::invalid("price", "A price cannot be negative."));
    }
    let tx = vault.conn_mut().transaction()?;
    let id = if package.id.is_empty() {
        new_id()
    } else {
        package.id.clone()
    };
    let bought: i64 = tx.query_row(
        "SELECT count(*) FROM package_purchases WHERE package_id = ?1",
        [&id],
        |r| r.get(0),
    )?;
    if bought > 0 {
        return Err(Error::invalid(
            "price",
            "This package has been bought, so its price and size are on sessions already: add a new package instead.",
        ));
    }
    tx.execute(
        "INSERT INTO packages (id, name, kind, sessions, cents) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (id) DO UPDATE SET name = ?2, kind = ?3, sessions = ?4, cents = ?5",
        params![
            id,
            package.name.trim(),
            enum_text(&package.kind),
            package.sessions,
            package.price.0
        ],
    )?;
    audit::append(&tx, "package.saved", &format!("package:{id}"), "")?;
    tx.commit()?;
    Ok(Package {
        id,
        name: package.name.trim().to_owned(),
        ..package.clone()
    })
}

pub(crate) fn read_purchases(conn: &Connection) -> Result<Vec<PackagePurchase>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, package_id, unit_id, person_id, bought_on FROM package_purchases ORDER BY bought_on, id",
    )?;
    let purchases = stmt
        .query_map([], |r| {
            Ok(PackagePurchase {
                id: r.get(0)?,
                package_id: r.get(1)?,
                unit_id: r.get(2)?,
                person_id: r.get(3)?,
                bought_on: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(purchases)
}

/// Every package bought.
pub fn purchases(vault: &Vault) -> Result<Vec<PackagePurchase>> {
    read_purchases(vault.conn())
}

/// Records that a relationship or a person bought a package.
///
/// # Errors
/// [`Error::Invalid`] unless it names an existing package and exactly one of an existing
/// relationship or person.
#[tracing::instrument(skip_all, err)]
pub fn buy_package(vault: &mut Vault, purchase: &PackagePurchase) -> Result<PackagePurchase> {
    let tx = vault.conn_mut().transaction()?;
    let exists = |table: &str, id: &str| -> Result<bool> {
        Ok(tx.query_row(
            &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get::<_, i64>(0),
        )? > 0)
    };
    if !exists("packages", &purchase.package_id)? {
        return Err(not_found("package", &purchase.package_id));
    }
    match (&purchase.unit_id, &purchase.person_id) {
        (Some(unit), None) if exists("units", unit)? => {}
        (None, Some(person)) if exists("persons", person)? => {}
        _ => {
            return Err(Error::invalid(
                "unit_id",
                "A package is bought by one relationship or one person.",
            ))
        }
    }
    let saved = PackagePurchase {
        id: new_id(),
        ..purchase.clone()
    };
    tx.execute(
        "INSERT INTO package_purchases (id, package_id, unit_id, person_id, bought_on) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![saved.id, saved.package_id, saved.unit_id, saved.person_id, saved.bought_on],
    )?;
    audit::append(
        &tx,
        "package.bought",
        &format!("package:{}", saved.package_id),
        &saved.id,
    )?;
    tx.commit()?;
    Ok(saved)
}

pub(crate) fn read_choice(conn: &Connection, session_id: &str) -> Result<Option<BillingChoice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT identified_patient, interactive_complexity, lines, why FROM session_billing WHERE session_id = ?1",
    )?;
    let mut rows = stmt.query([session_id])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    let lines: Option<String> = r.get(2)?;
    Ok(Some(BillingChoice {
        session_id: session_id.to_owned(),
        identified_patient: r.get(0)?,
        interactive_complexity: r.get(1)?,
        lines: lines
            .map(|l| serde_json::from_str(&l))
            .transpose()
            .map_err(|e| Error::VaultCorrupt {
                path: std::path::PathBuf::new(),
                detail: format!("session billing: {e}"),
            })?,
        why: r.get(3)?,
    }))
}

/// Keeps the therapist's change to a session's billing: whose superbill it goes on,
/// interactive complexity, or her own codes (with why).
///
/// # Errors
/// [`Error::Invalid`] for an unknown session, an identified patient who is not among the
/// session's people, her own codes without a reason, or a line without a code or units.
#[tracing::instrument(skip_all, err)]
pub fn save_billing_choice(vault: &mut Vault, choice: &BillingChoice) -> Result<BillingChoice> {
    let tx = vault.conn_mut().transaction()?;
    let session = crate::store::sessions::read_session(&tx, &choice.session_id)?;
    if let Some(ip) = &choice.identified_patient {
        let members = crate::store::sessions::members(&tx, &session)?;
        if !members.contains(ip) {
            return Err(Error::invalid(
                "identified_patient",
                "The identified patient must be one of this session's partners.",
            ));
        }
    }
    if let Some(lines) = &choice.lines {
        if choice.why.trim().is_empty() {
            return Err(Error::invalid(
                "why",
                "Say why you changed the codes; it is kept with the session.",
            ));
        }
        if let Some(bad) = lines
            .iter()
            .find(|l| l.code.trim().len() != 5 || l.units == 0)
        {
            return Err(Error::invalid(
                "lines",
                format!(
                    "{:?} needs a five-character CPT code and at least one unit.",
                    bad.code
                ),
            ));
        }
    }
    let lines = choice
        .lines
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| Error::invalid("lines", e.to_string()))?;
    tx.execute(
        "INSERT INTO session_billing (session_id, identified_patient, interactive_complexity, lines, why) \
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (session_id) DO UPDATE SET \
         identified_patient = ?2, interactive_complexity = ?3, lines = ?4, why = ?5",
        params![choice.session_id, choice.identified_patient, choice.interactive_complexity, lines, choice.why.trim()],
    )?;
    audit::append(
        &tx,
        "billing.changed",
        &format!("session:{}", choice.session_id),
        "",
    )?;
    let saved = read_choice(&tx, &choice.session_id)?
        .ok_or_else(|| not_found("session", &choice.session_id))?;
    tx.commit()?;
    Ok(saved)
}
