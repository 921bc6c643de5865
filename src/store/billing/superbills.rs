//! Superbills: previewed, issued (numbered, frozen, never changed), listed; receipts for
//! clients without a diagnosis; a month's batch.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::books::Books;
use crate::billing::fees::ChargeSource;
use crate::billing::superbill::{assemble, BilledSession, Superbill};
use crate::billing::Cents;
use crate::error::{Error, Result};
use crate::model::{IssuedSuperbill, PackagePart, PracticeProfile, SessionStatus};
use crate::store::practice::{read_profile, read_settings};
use crate::store::sessions::instant;
use crate::store::{audit, clients::read_person, not_found};
use crate::vault::Vault;
use crate::zone::Zone;

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if to < from {
        return Err(Error::invalid(
            "to",
            format!("The range ends ({to}) before it starts ({from})."),
        ));
    }
    Ok(())
}

fn assemble_in(
    conn: &Connection,
    books: &Books,
    person_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Superbill> {
    check_range(from, to)?;
    let person = read_person(conn, person_id)?.ok_or_else(|| not_found("person", person_id))?;
    let profile: PracticeProfile = read_profile(conn)?;
    let sessions: Vec<BilledSession> = books
        .entries
        .iter()
        .filter(|e| {
            matches!(
                e.session.status,
                SessionStatus::Completed | SessionStatus::NoShow
            ) && e.identified_patient.as_deref() == Some(person_id)
        })
        .map(|e| BilledSession {
            session_id: e.session.id.clone(),
            held: e.session.status == SessionStatus::Completed,
            date: e.date,
            findings: e.findings.clone(),
            lines: e.lines.clone(),
            fees: e.fees.clone(),
            charge: e.charge.billable,
            paid: e.charge.billable_paid(e.paid),
        })
        .collect();
    let diagnoses = books.diagnoses.get(person_id).cloned().unwrap_or_default();
    assemble(&profile, &person, &diagnoses, &sessions, from, to).map_err(|missing| {
        Error::invalid(
            "superbill",
            format!(
                "This superbill cannot be issued yet: it needs {}. Nothing was issued.",
                and_list(&missing)
            ),
        )
    })
}

/// The superbill `person_id` would get for these dates, without issuing it.
///
/// # Errors
/// [`Error::Invalid`] naming every missing field, or for a range that ends before it starts.
#[tracing::instrument(skip(vault), err)]
pub fn preview_superbill(
    vault: &Vault,
    person_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Superbill> {
    let books = Books::load(vault.conn(), Some(person_id))?;
    assemble_in(vault.conn(), &books, person_id, from, to)
}

fn read_issued(conn: &Connection, number: u32) -> Result<IssuedSuperbill> {
    let row: Option<(String, Option<u32>, String)> = conn
        .query_row(
            "SELECT issued_at, replaces, content FROM superbills WHERE number = ?1",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (issued_at, replaces, content) =
        row.ok_or_else(|| not_found("superbill", &number.to_string()))?;
    let damaged = |detail: String| Error::VaultCorrupt {
        path: std::path::PathBuf::new(),
        detail,
    };
    let issued_at = DateTime::parse_from_rfc3339(&issued_at)
        .map_err(|e| damaged(e.to_string()))?
        .with_timezone(&Utc);
    Ok(IssuedSuperbill {
        number,
        issued_at,
        issued_on: Zone::of(&read_settings(conn)?).date_of(issued_at),
        replaces,
        superbill: serde_json::from_str(&content)
            .map_err(|e| damaged(format!("superbill {number}: {e}")))?,
    })
}

/// Every issued superbill, by number.
pub(crate) fn all_issued(conn: &Connection) -> Result<Vec<IssuedSuperbill>> {
    let mut stmt = conn.prepare_cached("SELECT number FROM superbills ORDER BY number")?;
    let numbers: Vec<u32> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    numbers.into_iter().map(|n| read_issued(conn, n)).collect()
}

/// Writes an issued superbill under its own number, unless that number is already there
/// (the caller has checked that it is the same superbill).
pub(crate) fn write_issued(conn: &Connection, issued: &IssuedSuperbill) -> Result<()> {
    let bill = &issued.superbill;
    let content =
        serde_json::to_string(bill).map_err(|e| Error::invalid("superbill", e.to_string()))?;
    conn.execute(
        "INSERT INTO superbills (number, person_id, from_date, to_date, issued_at, replaces, content) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (number) DO NOTHING",
        params![issued.number, bill.client.person_id, bill.from, bill.to, instant(issued.issued_at), issued.replaces, content],
    )?;
    Ok(())
}

fn issue_in(vault: &mut Vault, bill: Superbill, now: DateTime<Utc>) -> Result<IssuedSuperbill> {
    let content =
        serde_json::to_string(&bill).map_err(|e| Error::invalid("superbill", e.to_string()))?;
    let tx = vault.conn_mut().transaction()?;
    let previous: Option<u32> = tx
        .query_row(
            "SELECT max(number) FROM superbills WHERE person_id = ?1 AND from_date = ?2 AND to_date = ?3",
            params![bill.client.person_id, bill.from, bill.to],
            |r| r.get(0),
        )?;
    if let Some(previous) = previous {
        let same = read_issued(&tx, previous)?;
        if same.superbill == bill {
            // Nothing changed since it was issued: the same superbill, not a new number.
            return Ok(same);
        }
    }
    let number: u32 = tx.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM superbills",
        [],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO superbills (number, person_id, from_date, to_date, issued_at, replaces, content) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![number, bill.client.person_id, bill.from, bill.to, instant(now), previous, content],
    )?;
    let detail = previous
        .map(|p| format!("replaces {p}"))
        .unwrap_or_default();
    audit::append(
        &tx,
        "superbill.issued",
        &format!("superbill:{number}"),
        &detail,
    )?;
    read_issued(&tx, number).and_then(|issued| {
        tx.commit()?;
        Ok(issued)
    })
}

/// Issues the superbill of `person_id` for these dates: numbered after the last one and
/// frozen. If the same person and dates were issued before and nothing has changed, that
/// one is returned; if something changed, the new one names it as the one it replaces.
///
/// # Errors
/// [`Error::Invalid`] naming every missing field; nothing is issued then.
#[tracing::instrument(skip(vault), err)]
pub fn issue_superbill(
    vault: &mut Vault,
    person_id: &str,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> Result<IssuedSuperbill> {
    let bill = preview_superbill(vault, person_id, from, to)?;
    issue_in(vault, bill, now)
}

/// An issued superbill, by number.
///
/// # Errors
/// [`Error::Invalid`] when there is no such number.
pub fn superbill(vault: &Vault, number: u32) -> Result<IssuedSuperbill> {
    read_issued(vault.conn(), number)
}

/// An issued superbill, as listed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SuperbillSummary {
    /// Its number.
    pub number: u32,
    /// Whose.
    pub person_id: String,
    /// Their legal name.
    pub legal_name: String,
    /// Dates covered.
    pub from: NaiveDate,
    /// Dates covered.
    pub to: NaiveDate,
    /// When issued.
    pub issued_at: DateTime<Utc>,
    /// The one it corrects.
    pub replaces: Option<u32>,
    /// A later one corrects it.
    pub replaced_by: Option<u32>,
    /// Its total.
    pub total: Cents,
}

/// Every issued superbill, newest first.
pub fn superbills(vault: &Vault) -> Result<Vec<SuperbillSummary>> {
    let conn = vault.conn();
    let mut stmt = conn.prepare_cached(
        "SELECT s.number, s.person_id, p.legal_name, s.from_date, s.to_date, s.issued_at, s.replaces, \
         (SELECT min(n.number) FROM superbills n WHERE n.replaces = s.number), \
         json_extract(s.content, '$.total_fees') \
         FROM superbills s JOIN persons p ON p.id = s.person_id ORDER BY s.number DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let issued: String = r.get(5)?;
            Ok(SuperbillSummary {
                number: r.get(0)?,
                person_id: r.get(1)?,
                legal_name: r.get(2)?,
                from: r.get(3)?,
                to: r.get(4)?,
                issued_at: DateTime::parse_from_rfc3339(&issued)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            5,
                            rusqlite::types::Type::Text,
                            e.into(),
                        )
                    })?,
                replaces: r.get(6)?,
                replaced_by: r.get(7)?,
                total: Cents(r.get(8)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A line of a receipt: a held session and its money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReceiptLine {
    /// Date.
    pub date: NaiveDate,
    /// What it was ("Couples session, Rivera–Chen").
    pub description: String,
    /// Charge.
    pub fee: Cents,
    /// Paid.
    pub paid: Cents,
    /// What the charge pays for, when it is more than psychotherapy (a package's medicine,
    /// monitoring, room), the psychotherapy first; empty when it is all psychotherapy.
    pub parts: Vec<PackagePart>,
}

/// A receipt for a client: what was held, charged and paid, without codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Receipt {
    /// The practice.
    pub provider: PracticeProfile,
    /// The client's legal name.
    pub client_name: String,
    /// Dates covered.
    pub from: NaiveDate,
    /// Dates covered.
    pub to: NaiveDate,
    /// Sessions.
    pub lines: Vec<ReceiptLine>,
    /// Sum of the fees.
    pub total_fees: Cents,
    /// Sum paid.
    pub total_paid: Cents,
    /// Why it is a receipt and not a superbill, when that is so.
    pub why_not_a_superbill: String,
}

fn receipt_in(
    conn: &Connection,
    books: &Books,
    person_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Receipt> {
    check_range(from, to)?;
    let person = read_person(conn, person_id)?.ok_or_else(|| not_found("person", person_id))?;
    let lines: Vec<ReceiptLine> = books
        .entries
        .iter()
        .filter(|e| e.charged() && (from..=to).contains(&e.date))
        .filter(|e| {
            e.session.person_id.as_deref() == Some(person_id)
                || e.session.attendees.iter().any(|a| a == person_id)
        })
        .map(|e| ReceiptLine {
            date: e.date,
            description: match &e.charge.source {
                ChargeSource::Missed { name } => format!(
                    "{name}: {}, {}",
                    crate::model::SessionKind::label(e.session.kind).to_lowercase(),
                    books.owner_name(&e.session)
                ),
                _ => format!(
                    "{}, {}",
                    crate::model::SessionKind::label(e.session.kind),
                    books.owner_name(&e.session)
                ),
            },
            fee: e.charge.amount,
            paid: e.paid,
            parts: receipt_parts(&e.charge),
        })
        .collect();
    let has_dx = books
        .diagnoses
        .get(person_id)
        .is_some_and(|d| d.iter().any(|d| d.diagnosed_on <= to));
    Ok(Receipt {
        provider: read_profile(conn)?,
        client_name: person.legal_name.clone(),
        from,
        to,
        total_fees: lines.iter().map(|l| l.fee).sum(),
        total_paid: lines.iter().map(|l| l.paid).sum(),
        lines,
        why_not_a_superbill: if has_dx {
            String::new()
        } else {
            format!(
                "{} has no diagnosis, so this is a receipt: insurers reimburse the treatment of a diagnosed condition, which a superbill shows.",
                person.display_name()
            )
        },
    })
}

/// The parts of a charge as a receipt names them: the psychotherapy, then the rest.
fn receipt_parts(charge: &crate::billing::fees::Charge) -> Vec<PackagePart> {
    // A missed fee is one line of its own; it has no psychotherapy to set beside it.
    if charge.parts.is_empty() || matches!(charge.source, ChargeSource::Missed { .. }) {
        return Vec::new();
    }
    let mut parts = vec![PackagePart {
        name: "Psychotherapy".to_owned(),
        amount: charge.billable,
    }];
    parts.extend(charge.parts.iter().cloned());
    parts
}

/// A receipt for `person_id`: every held session they attended in these dates, and the fee of
/// any they missed or cancelled late.
///
/// # Errors
/// [`Error::Invalid`] for an unknown person or a range that ends before it starts.
pub fn receipt(vault: &Vault, person_id: &str, from: NaiveDate, to: NaiveDate) -> Result<Receipt> {
    let books = Books::load(vault.conn(), Some(person_id))?;
    receipt_in(vault.conn(), &books, person_id, from, to)
}

/// What a month's batch produced.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MonthBatch {
    /// Superbills issued (or re-issued unchanged).
    pub superbills: Vec<IssuedSuperbill>,
    /// Receipts for clients without a diagnosis.
    pub receipts: Vec<Receipt>,
    /// Clients whose superbill was refused: name and why.
    pub refused: Vec<(String, String)>,
}

/// Issues the superbills of a month (`year`, `month`) for every client who had a billed
/// session in it, and receipts for those without a diagnosis.
///
/// # Errors
/// [`Error::Invalid`] for a month that does not exist.
#[tracing::instrument(skip(vault), err)]
pub fn issue_month(
    vault: &mut Vault,
    year: i32,
    month: u32,
    now: DateTime<Utc>,
) -> Result<MonthBatch> {
    let from = NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| Error::invalid("month", format!("{year}-{month:02} is not a month.")))?;
    let to = from
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(from);
    let books = Books::load(vault.conn(), None)?;
    let held: Vec<_> = books
        .entries
        .iter()
        .filter(|e| e.session.status == SessionStatus::Completed && (from..=to).contains(&e.date))
        .collect();
    let mut billed: Vec<String> = held
        .iter()
        .filter_map(|e| e.identified_patient.clone())
        .collect();
    billed.sort();
    billed.dedup();
    let mut attended: Vec<String> = held
        .iter()
        .flat_map(|e| {
            e.session
                .attendees
                .iter()
                .cloned()
                .chain(e.session.person_id.clone())
        })
        .filter(|p| {
            !books
                .diagnoses
                .get(p)
                .is_some_and(|d| d.iter().any(|d| d.diagnosed_on <= to))
        })
        .collect();
    attended.sort();
    attended.dedup();
    let mut batch = MonthBatch {
        superbills: Vec::new(),
        receipts: Vec::new(),
        refused: Vec::new(),
    };
    let mut bills = Vec::new();
    for person in &billed {
        match assemble_in(vault.conn(), &books, person, from, to) {
            Ok(bill) => bills.push(bill),
            Err(e) => batch.refused.push((
                books.names.get(person).cloned().unwrap_or_default(),
                e.to_string(),
            )),
        }
    }
    for person in &attended {
        batch
            .receipts
            .push(receipt_in(vault.conn(), &books, person, from, to)?);
    }
    for bill in bills {
        batch.superbills.push(issue_in(vault, bill, now)?);
    }
    Ok(batch)
}
