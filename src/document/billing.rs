//! The practice's books in the open document (version 4 on): fees and the 0820T choice,
//! packages with their split, purchases, payments and where they went, her per-session
//! billing choices, and every issued superbill with its number. Also the logo and where
//! automatic backups go (never a secret). Checked before anything is written; issued
//! superbills import unchanged or are refused, never altered.

use std::collections::HashSet;

use base64::Engine;
use rusqlite::Connection;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{at, unique_ids, Document};
use crate::billing::fees::{package_problem, schedule_problem};
use crate::billing::Cents;
use crate::error::Result;
use crate::model::{
    BillingChoice, FeeSchedule, IssuedSuperbill, Package, PackagePurchase, Payment,
};
use crate::store::billing as store;
use crate::vault::Vault;

/// The books as they travel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Books {
    /// The fee schedule and the 0820T choice.
    #[serde(default)]
    pub fees: FeeSchedule,
    /// The packages on offer.
    #[serde(default)]
    pub packages: Vec<Package>,
    /// Every package bought.
    #[serde(default)]
    pub purchases: Vec<PackagePurchase>,
    /// Every payment, with where it went.
    #[serde(default)]
    pub payments: Vec<Payment>,
    /// Her per-session billing choices.
    #[serde(default)]
    pub choices: Vec<BillingChoice>,
    /// Every issued superbill, by number.
    #[serde(default)]
    pub superbills: Vec<IssuedSuperbill>,
}

/// Where and how automatic backups go. The recovery key's public half only: its secret is
/// never stored, so never exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Backups {
    /// The folder, when she chose one.
    pub folder: Option<String>,
    /// Daily backups kept.
    pub keep_daily: u32,
    /// Weekly backups kept.
    pub keep_weekly: u32,
    /// Monthly backups kept.
    pub keep_monthly: u32,
    /// The recovery key's public half (`age1…`), when one was set up.
    pub recovery_recipient: Option<String>,
}

/// The books, the logo (base64) and the backup settings of the vault.
pub(super) fn export(vault: &Vault) -> Result<(Books, Option<String>, Backups)> {
    let conn = vault.conn();
    let mut choices: Vec<BillingChoice> = store::read_choices(conn)?.into_values().collect();
    choices.sort_by(|a, b| a.session_id.cmp(&b.session_id));
    let books = Books {
        fees: store::read_schedule(conn)?,
        packages: store::read_packages(conn)?,
        purchases: store::read_purchases(conn)?,
        payments: store::read_payments(conn)?,
        choices,
        superbills: store::all_issued(conn)?,
    };
    let logo = crate::store::practice::logo(vault)?
        .map(|bytes| base64::engine::general_purpose::STANDARD.encode(bytes));
    let backups = conn.query_row(
        "SELECT backup_dir, keep_daily, keep_weekly, keep_monthly, recovery_recipient FROM settings WHERE id = 1",
        [],
        |r| {
            Ok(Backups {
                folder: r.get(0)?,
                keep_daily: r.get(1)?,
                keep_weekly: r.get(2)?,
                keep_monthly: r.get(3)?,
                recovery_recipient: r.get(4)?,
            })
        },
    )?;
    Ok((books, logo, backups))
}

/// What the document's records name: ids in the document or already in the vault.
struct Known<'a> {
    doc: &'a Document,
    conn: &'a Connection,
}

impl Known<'_> {
    fn exists(&self, table: &str, id: &str) -> Result<bool> {
        let in_doc = match table {
            "persons" => self.doc.persons.iter().any(|p| p.id == id),
            "units" => self.doc.units.iter().any(|u| u.id == id),
            "sessions" => self.doc.sessions.iter().any(|s| s.id == id),
            "packages" => self.doc.billing.packages.iter().any(|p| p.id == id),
            _ => false,
        };
        Ok(in_doc
            || self.conn.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
                [id],
                |r| r.get(0),
            )?)
    }
}

/// Checks the books against themselves and the vault; every refusal names its place.
pub(super) fn check(doc: &Document, vault: &Vault) -> Result<()> {
    let known = Known {
        doc,
        conn: vault.conn(),
    };
    let books = &doc.billing;
    if let Some((field, problem)) = schedule_problem(&books.fees) {
        return Err(at(&format!("billing.fees.{field}"), problem));
    }
    check_packages(books, vault)?;
    for (i, p) in books.purchases.iter().enumerate() {
        let here = format!("billing.purchases[{i}]");
        if !known.exists("packages", &p.package_id)? {
            return Err(at(
                &format!("{here}.package_id"),
                format!("names no package (\"{}\").", p.package_id),
            ));
        }
        let owner = match (&p.unit_id, &p.person_id) {
            (Some(u), None) => known.exists("units", u)?,
            (None, Some(person)) => known.exists("persons", person)?,
            _ => false,
        };
        if !owner {
            return Err(at(
                &here,
                "is bought by one relationship or one person of the document.",
            ));
        }
    }
    unique_ids(
        "billing.purchases",
        books.purchases.iter().map(|p| p.id.as_str()),
    )?;
    check_payments(&known)?;
    for (i, c) in books.choices.iter().enumerate() {
        if !known.exists("sessions", &c.session_id)? {
            return Err(at(
                &format!("billing.choices[{i}].session_id"),
                format!("names no session (\"{}\").", c.session_id),
            ));
        }
    }
    check_superbills(&known)?;
    check_extras(doc)
}

fn check_packages(books: &Books, vault: &Vault) -> Result<()> {
    unique_ids(
        "billing.packages",
        books.packages.iter().map(|p| p.id.as_str()),
    )?;
    let in_vault = store::read_packages(vault.conn())?;
    for (i, p) in books.packages.iter().enumerate() {
        let here = format!("billing.packages[{i}]");
        if p.name.trim().is_empty() || !(1..=100).contains(&p.sessions) || p.price.0 < 0 {
            return Err(at(
                &here,
                "needs a name, 1 to 100 sessions and a price that is not negative.",
            ));
        }
        if let Some(problem) = package_problem(p) {
            return Err(at(&format!("{here}.psychotherapy_share"), problem));
        }
        let bought = vault.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM package_purchases WHERE package_id = ?1)",
            [&p.id],
            |r| r.get::<_, bool>(0),
        )?;
        if let Some(old) = in_vault.iter().find(|v| v.id == p.id) {
            if bought && old != p {
                return Err(at(&here, "differs from the package in the vault, which has been bought: its shares are on sessions already."));
            }
        }
    }
    Ok(())
}

fn check_payments(known: &Known<'_>) -> Result<()> {
    let payments = &known.doc.billing.payments;
    unique_ids("billing.payments", payments.iter().map(|p| p.id.as_str()))?;
    for (i, p) in payments.iter().enumerate() {
        let here = format!("billing.payments[{i}]");
        if !p.amount.is_positive() {
            return Err(at(
                &format!("{here}.amount"),
                format!("{} is not a payment: it must be above zero.", p.amount),
            ));
        }
        if !known.exists("persons", &p.person_id)? {
            return Err(at(
                &format!("{here}.person_id"),
                format!("names no person (\"{}\").", p.person_id),
            ));
        }
        let mut sessions = HashSet::new();
        for (j, a) in p.applied.iter().enumerate() {
            let there = format!("{here}.applied[{j}]");
            if !known.exists("sessions", &a.session_id)? {
                return Err(at(
                    &format!("{there}.session_id"),
                    format!(
                        "names no session (\"{}\"): the payment cannot be applied to it.",
                        a.session_id
                    ),
                ));
            }
            if !a.amount.is_positive() || !sessions.insert(&a.session_id) {
                return Err(at(
                    &there,
                    "applies nothing, or applies to the same session twice.",
                ));
            }
        }
        let applied: Cents = p.applied.iter().map(|a| a.amount).sum();
        if applied > p.amount {
            return Err(at(
                &format!("{here}.applied"),
                format!("applies {applied}, more than the payment of {}.", p.amount),
            ));
        }
    }
    Ok(())
}

/// An issued superbill must add up, and one the vault already holds must be the same.
fn check_superbills(known: &Known<'_>) -> Result<()> {
    let issued = &known.doc.billing.superbills;
    let in_vault = store::all_issued(known.conn)?;
    let mut numbers = HashSet::new();
    for (i, s) in issued.iter().enumerate() {
        let here = format!("billing.superbills[{i}]");
        let b = &s.superbill;
        if s.number == 0 || !numbers.insert(s.number) {
            return Err(at(
                &format!("{here}.number"),
                format!(
                    "{} is not a new superbill number (from 1, each once).",
                    s.number
                ),
            ));
        }
        let fees: Cents = b.lines.iter().map(|l| l.fee).sum();
        let paid: Cents = b.lines.iter().map(|l| l.paid).sum();
        if fees != b.total_fees || paid != b.total_paid || b.balance != fees - paid {
            return Err(at(&format!("{here}.superbill"), format!("No. {}: its lines do not add up to its totals; an issued superbill is never altered.", s.number)));
        }
        if let Some(same) = in_vault.iter().find(|v| v.number == s.number) {
            if same.superbill != s.superbill
                || same.issued_at != s.issued_at
                || same.replaces != s.replaces
            {
                return Err(at(&here, format!("No. {} differs from superbill No. {} in the vault; an issued superbill is never changed.", s.number, s.number)));
            }
        }
        if !known.exists("persons", &b.client.person_id)? {
            return Err(at(
                &format!("{here}.superbill.client.person_id"),
                "names no person of the document.",
            ));
        }
        if s.replaces.is_some_and(|r| r >= s.number) {
            return Err(at(
                &format!("{here}.replaces"),
                "must name an earlier superbill.",
            ));
        }
    }
    Ok(())
}

fn check_extras(doc: &Document) -> Result<()> {
    if let Some(logo) = &doc.logo {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(logo)
            .map_err(|_| at("logo", "is not base64 text."))?;
        crate::pdf::check_logo(&bytes).map_err(|e| at("logo", e))?;
    }
    if let Some(b) = &doc.backups {
        if !(1..=365).contains(&b.keep_daily) || b.keep_weekly > 520 || b.keep_monthly > 600 {
            return Err(at(
                "backups",
                "keeps 1–365 daily, up to 520 weekly and up to 600 monthly backups.",
            ));
        }
        if let Some(r) = &b.recovery_recipient {
            crate::backup::parse_recipient(r).map_err(|_| {
                at(
                    "backups.recovery_recipient",
                    "is not an age public key (age1…).",
                )
            })?;
        }
    }
    Ok(())
}

/// Writes the books: the document's fee schedule replaces the vault's; packages, purchases,
/// payments and choices merge by id; superbills the vault lacks are added under their
/// numbers, so the next one continues after the highest.
pub(super) fn import(tx: &Connection, doc: &Document) -> Result<()> {
    let books = &doc.billing;
    store::write_schedule(tx, &books.fees)?;
    for p in &books.packages {
        store::write_package(tx, p)?;
    }
    for p in &books.purchases {
        tx.execute(
            "INSERT OR REPLACE INTO package_purchases (id, package_id, unit_id, person_id, bought_on) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![p.id, p.package_id, p.unit_id, p.person_id, p.bought_on],
        )?;
    }
    for p in &books.payments {
        store::write_payment(tx, p)?;
    }
    for c in &books.choices {
        store::write_choice(tx, c)?;
    }
    let mut issued: Vec<&IssuedSuperbill> = books.superbills.iter().collect();
    issued.sort_by_key(|s| s.number);
    for s in issued {
        store::write_issued(tx, s)?;
    }
    if let Some(logo) = &doc.logo {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(logo)
            .map_err(|_| at("logo", "is not base64 text."))?;
        tx.execute("UPDATE practice SET logo = ?1 WHERE id = 1", [bytes])?;
    }
    if let Some(b) = &doc.backups {
        tx.execute(
            "UPDATE settings SET backup_dir = ?1, keep_daily = ?2, keep_weekly = ?3, keep_monthly = ?4, \
             recovery_recipient = coalesce(?5, recovery_recipient) WHERE id = 1",
            rusqlite::params![b.folder, b.keep_daily, b.keep_weekly, b.keep_monthly, b.recovery_recipient],
        )?;
    }
    Ok(())
}
