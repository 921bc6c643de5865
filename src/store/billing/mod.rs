//! Billing as stored: the fee schedule, packages and purchases, payments, the therapist's
//! changes to a session's codes, and issued superbills. What sessions cost and how they are
//! coded is derived on reading (see [`books`]), so a corrected timer or diagnosis is reflected
//! everywhere except in superbills already issued, which never change.

mod books;
mod estimates;
mod payments;
mod superbills;

use rusqlite::{params, Connection, OptionalExtension};

use super::{audit, enum_text, new_id, not_found, text_enum};
use crate::billing::Cents;
use crate::error::{Error, Result};
use crate::model::{
    BillingChoice, CodeFee, FeeSchedule, KindFee, MissedFees, Package, PackagePart, PackagePurchase,
};
use crate::vault::Vault;

pub(crate) use books::missed_fee_in;
pub use books::{ledger, missed_fee, session_billing, Balance, Ledger, LedgerRow, SessionBilling};

use crate::billing::rules::{Finding, Severity};
pub(crate) use estimates::{all_estimates, standings, write_estimate};
pub use estimates::{
    draft_estimate, estimate, estimates_of, issue_estimate, EstimateRequest, Standing,
    DEFAULT_WEEKS,
};
pub use payments::{payments, record_payment};
pub(crate) use payments::{read_payments, write_payment};
pub(crate) use superbills::{all_issued, write_issued};
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
    let (offer_0820t, missed) = conn.query_row(
        "SELECT offer_0820t, late_cancel_cents, no_show_cents, notice_hours FROM settings WHERE id = 1",
        [],
        |r| {
            Ok((
                r.get(0)?,
                MissedFees {
                    late_cancel: r.get::<_, Option<i64>>(1)?.map(Cents),
                    no_show: r.get::<_, Option<i64>>(2)?.map(Cents),
                    notice_hours: r.get(3)?,
                },
            ))
        },
    )?;
    Ok(FeeSchedule {
        codes,
        kinds,
        offer_0820t,
        missed,
    })
}

/// Replaces the fee schedule as it is (the checks are the caller's).
pub(crate) fn write_schedule(conn: &Connection, schedule: &FeeSchedule) -> Result<()> {
    conn.execute("DELETE FROM code_fees", [])?;
    conn.execute("DELETE FROM kind_fees", [])?;
    for fee in &schedule.codes {
        conn.execute(
            "INSERT INTO code_fees (code, cents) VALUES (?1, ?2)",
            params![fee.code.trim().to_ascii_uppercase(), fee.amount.0],
        )?;
    }
    for fee in &schedule.kinds {
        conn.execute(
            "INSERT INTO kind_fees (kind, cents) VALUES (?1, ?2)",
            params![enum_text(&fee.kind), fee.amount.0],
        )?;
    }
    conn.execute(
        "UPDATE settings SET offer_0820t = ?1, late_cancel_cents = ?2, no_show_cents = ?3, \
         notice_hours = ?4 WHERE id = 1",
        params![
            schedule.offer_0820t,
            schedule.missed.late_cancel.map(|c| c.0),
            schedule.missed.no_show.map(|c| c.0),
            schedule.missed.notice_hours,
        ],
    )?;
    Ok(())
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
    if let Some((field, problem)) = crate::billing::fees::schedule_problem(schedule) {
        return Err(Error::invalid(field, problem));
    }
    let tx = vault.conn_mut().transaction()?;
    write_schedule(&tx, schedule)?;
    audit::append(&tx, "fees.updated", "fees", "")?;
    let saved = read_schedule(&tx)?;
    tx.commit()?;
    Ok(saved)
}

pub(crate) fn read_packages(conn: &Connection) -> Result<Vec<Package>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, kind, sessions, cents, psychotherapy_cents FROM packages ORDER BY kind, sessions, id",
    )?;
    let mut packages: Vec<Package> = stmt
        .query_map([], |r| {
            Ok(Package {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: text_enum(r.get(2)?)?,
                sessions: r.get(3)?,
                price: Cents(r.get(4)?),
                psychotherapy_share: r.get::<_, Option<i64>>(5)?.map(Cents),
                parts: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut parts = conn.prepare_cached(
        "SELECT package_id, name, cents FROM package_parts ORDER BY package_id, position",
    )?;
    for row in parts.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            PackagePart {
                name: r.get(1)?,
                amount: Cents(r.get(2)?),
            },
        ))
    })? {
        let (id, part) = row?;
        if let Some(p) = packages.iter_mut().find(|p| p.id == id) {
            p.parts.push(part);
        }
    }
    Ok(packages)
}

/// Writes a package and its parts as they are (the checks are the caller's).
pub(crate) fn write_package(conn: &Connection, package: &Package) -> Result<()> {
    conn.execute(
        "INSERT INTO packages (id, name, kind, sessions, cents, psychotherapy_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (id) DO UPDATE SET name = ?2, kind = ?3, sessions = ?4, cents = ?5, psychotherapy_cents = ?6",
        params![
            package.id,
            package.name.trim(),
            enum_text(&package.kind),
            package.sessions,
            package.price.0,
            package.psychotherapy_share.map(|c| c.0)
        ],
    )?;
    conn.execute(
        "DELETE FROM package_parts WHERE package_id = ?1",
        [&package.id],
    )?;
    for (i, part) in package.parts.iter().enumerate() {
        conn.execute(
            "INSERT INTO package_parts (package_id, position, name, cents) VALUES (?1, ?2, ?3, ?4)",
            params![
                package.id,
                i64::try_from(i).unwrap_or(i64::MAX),
                part.name.trim(),
                part.amount.0
            ],
        )?;
    }
    Ok(())
}

/// The packages on offer.
pub fn packages(vault: &Vault) -> Result<Vec<Package>> {
    read_packages(vault.conn())
}

/// Adds a package, or changes one no one has bought yet.
///
/// # Errors
/// [`Error::Invalid`] for an empty name, a size outside 1–100, a negative price, a
/// psychotherapy share larger than a session's share of the price or parts that do not add
/// up to it, or a change to a package already bought (its shares are on sessions and
/// receipts).
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
    if let Some(problem) = crate::billing::fees::package_problem(package) {
        return Err(Error::invalid("psychotherapy_share", problem));
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
    let saved = Package {
        id,
        name: package.name.trim().to_owned(),
        parts: package
            .parts
            .iter()
            .map(|p| PackagePart {
                name: p.name.trim().to_owned(),
                amount: p.amount,
            })
            .collect(),
        ..package.clone()
    };
    write_package(&tx, &saved)?;
    audit::append(&tx, "package.saved", &format!("package:{}", saved.id), "")?;
    tx.commit()?;
    Ok(saved)
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

const CHOICE_COLUMNS: &str =
    "session_id, identified_patient, interactive_complexity, lines, why, acknowledged";

fn json<T: serde::de::DeserializeOwned>(
    i: usize,
    text: Option<String>,
) -> rusqlite::Result<Option<T>> {
    text.map(|t| serde_json::from_str(&t))
        .transpose()
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
        })
}

fn choice_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<BillingChoice> {
    Ok(BillingChoice {
        session_id: r.get(0)?,
        identified_patient: r.get(1)?,
        interactive_complexity: r.get(2)?,
        lines: json(3, r.get(3)?)?,
        why: r.get(4)?,
        acknowledged: json(5, r.get(5)?)?.unwrap_or_default(),
    })
}

pub(crate) fn read_choice(conn: &Connection, session_id: &str) -> Result<Option<BillingChoice>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CHOICE_COLUMNS} FROM session_billing WHERE session_id = ?1"
    ))?;
    Ok(stmt.query_row([session_id], choice_of).optional()?)
}

/// Every session's billing choice, by session.
pub(crate) fn read_choices(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, BillingChoice>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {CHOICE_COLUMNS} FROM session_billing"))?;
    let choices = stmt
        .query_map([], choice_of)?
        .map(|c| c.map(|c| (c.session_id.clone(), c)))
        .collect::<rusqlite::Result<_>>()?;
    Ok(choices)
}

fn check_choice_shape(conn: &Connection, choice: &BillingChoice) -> Result<()> {
    let session = crate::store::sessions::read_session(conn, &choice.session_id)?;
    if let Some(ip) = &choice.identified_patient {
        let members = crate::store::sessions::members(conn, &session)?;
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
    Ok(())
}

/// Writes a session's billing choice as it is (the checks are the caller's).
pub(crate) fn write_choice(conn: &Connection, choice: &BillingChoice) -> Result<()> {
    let lines = choice
        .lines
        .as_ref()
        .map(|lines| {
            let normal: Vec<_> = lines
                .iter()
                .map(|l| crate::model::CodedLine {
                    code: l.code.trim().to_ascii_uppercase(),
                    ..l.clone()
                })
                .collect();
            serde_json::to_string(&normal)
        })
        .transpose()
        .map_err(|e| Error::invalid("lines", e.to_string()))?;
    let acknowledged = serde_json::to_string(&choice.acknowledged)
        .map_err(|e| Error::invalid("acknowledged", e.to_string()))?;
    conn.execute(
        "INSERT INTO session_billing (session_id, identified_patient, interactive_complexity, lines, why, acknowledged) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (session_id) DO UPDATE SET \
         identified_patient = ?2, interactive_complexity = ?3, lines = ?4, why = ?5, acknowledged = ?6",
        params![choice.session_id, choice.identified_patient, choice.interactive_complexity, lines, choice.why.trim(), acknowledged],
    )?;
    Ok(())
}

/// Her own codes pass the same rules as the suggestion: a coding rule refuses them, and a
/// payer's habit needs her acknowledgement once.
fn rules_hold(conn: &Connection, choice: &BillingChoice) -> Result<()> {
    if choice.lines.is_none() {
        return Ok(());
    }
    let billing = books::session_billing_in(conn, &choice.session_id)?;
    let said = |found: &[&Finding]| {
        found
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !billing.refused.is_empty() {
        let refused: Vec<&Finding> = billing.refused.iter().collect();
        return Err(Error::invalid(
            "lines",
            format!(
                "These codes cannot be billed: {} Nothing was changed.",
                said(&refused)
            ),
        ));
    }
    let unacknowledged: Vec<&Finding> = billing
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warn && !choice.acknowledged.contains(&f.rule))
        .collect();
    if !unacknowledged.is_empty() {
        return Err(Error::invalid(
            "acknowledged",
            format!(
                "{} Acknowledge {} to keep these codes.",
                said(&unacknowledged),
                if unacknowledged.len() == 1 {
                    "this warning"
                } else {
                    "these warnings"
                }
            ),
        ));
    }
    Ok(())
}

/// The session's billing panel as it would be with `choice`, without keeping it: what the
/// rules refuse and what they warn of, before she saves.
///
/// # Errors
/// [`Error::Invalid`] as [`save_billing_choice`] for a choice of the wrong shape.
#[tracing::instrument(skip_all, err)]
pub fn preview_billing_choice(vault: &Vault, choice: &BillingChoice) -> Result<SessionBilling> {
    // Rolled back when dropped: nothing of the preview is kept.
    let tx = vault.conn().unchecked_transaction()?;
    check_choice_shape(&tx, choice)?;
    write_choice(&tx, choice)?;
    books::session_billing_in(&tx, &choice.session_id)
}

/// Keeps the therapist's change to a session's billing: whose superbill it goes on,
/// interactive complexity, or her own codes (with why), once they pass the billing rules.
///
/// # Errors
/// [`Error::Invalid`] for an unknown session, an identified patient who is not among the
/// session's people, her own codes without a reason, a line without a code or units, codes
/// a coding rule refuses (with its sentence), or a payer's warning not acknowledged.
#[tracing::instrument(skip_all, err)]
pub fn save_billing_choice(vault: &mut Vault, choice: &BillingChoice) -> Result<BillingChoice> {
    let tx = vault.conn_mut().transaction()?;
    check_choice_shape(&tx, choice)?;
    write_choice(&tx, choice)?;
    rules_hold(&tx, choice)?;
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
