//! Good Faith Estimates as stored: drafted from the program arc and the practice's prices,
//! issued (numbered, frozen, never changed), listed; and where the charges of each estimate's
//! period stand against it, for the $400 rule.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::books::Books;
use super::{read_packages, read_purchases, read_schedule};
use crate::billing::estimate::{
    arc_plan, overage, price, problem, remaining, Estimate, EstimatePerson, Overage,
};
use crate::billing::Cents;
use crate::error::{Error, Result};
use crate::model::{IssuedEstimate, Package, SessionKind, SessionStatus};
use crate::store::clients::{read_diagnoses, read_person};
use crate::store::practice::{read_profile, read_settings};
use crate::store::sessions::{instant, read_sessions};
use crate::store::{audit, clients, not_found, Owner};
use crate::vault::Vault;
use crate::zone::Zone;

/// Without a chosen end, an estimate covers this many weeks (the arc takes 8 to 10).
pub const DEFAULT_WEEKS: i64 = 12;

/// What she asks an estimate to cover; every choice has a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EstimateRequest {
    /// Whom.
    pub for_whom: Owner,
    /// First day of the care it covers (default: today).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day (default: [`DEFAULT_WEEKS`] on; at most 12 months).
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// The package planned (default: the last one they bought, if any).
    #[serde(default)]
    pub package_id: Option<String>,
    /// How many dosings (default: the package's sessions, else one).
    #[serde(default)]
    pub dosings: Option<u32>,
}

/// Who an estimate names, and the kinds of the sessions they have held before it starts.
struct Whom {
    unit_id: Option<String>,
    name: String,
    persons: Vec<EstimatePerson>,
    held: Vec<SessionKind>,
}

fn whom(vault: &Vault, for_whom: &Owner, before: DateTime<Utc>) -> Result<Whom> {
    let conn = vault.conn();
    let (unit_id, name, ids, condition) = match for_whom {
        Owner::Unit(id) => {
            let unit = clients::unit(vault, id)?;
            let ids: Vec<String> = unit.partners.iter().map(|p| p.person_id.clone()).collect();
            (Some(unit.id), unit.name, ids, "unit_id = ?1")
        }
        Owner::Person(id) => {
            let p = read_person(conn, id)?.ok_or_else(|| not_found("person", id))?;
            (None, p.legal_name, vec![p.id], "person_id = ?1")
        }
    };
    let owner = for_whom.id().to_owned();
    let held = read_sessions(
        conn,
        &format!("{condition} AND status IN ('completed', 'no_show') AND scheduled_at < ?2"),
        &[&owner, &instant(before)],
    )?
    .into_iter()
    // An assessment held with both partners in the room assessed each of them.
    .flat_map(|s| {
        let times = match s.kind {
            SessionKind::IndividualAssessment => s.attendees.len().max(1),
            _ => 1,
        };
        std::iter::repeat_n(s.kind, times)
    })
    .collect();
    let persons = ids
        .iter()
        .map(|id| {
            let p = read_person(conn, id)?.ok_or_else(|| not_found("person", id))?;
            Ok(EstimatePerson {
                person_id: p.id,
                legal_name: p.legal_name,
                date_of_birth: p.date_of_birth,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Whom {
        unit_id,
        name,
        persons,
        held,
    })
}

/// The package planned: the one asked for, else the last one bought for them.
fn planned_package(conn: &Connection, request: &EstimateRequest) -> Result<Option<Package>> {
    let packages = read_packages(conn)?;
    if let Some(id) = &request.package_id {
        return packages
            .into_iter()
            .find(|p| &p.id == id)
            .map(Some)
            .ok_or_else(|| not_found("package", id));
    }
    let bought = read_purchases(conn)?
        .into_iter()
        .filter(|b| match &request.for_whom {
            Owner::Unit(id) => b.unit_id.as_ref() == Some(id),
            Owner::Person(id) => b.person_id.as_ref() == Some(id),
        })
        .max_by_key(|b| b.bought_on);
    Ok(bought.and_then(|b| packages.into_iter().find(|p| p.id == b.package_id)))
}

/// The estimate `request` asks for, as it would be issued `now`; nothing is recorded.
///
/// # Errors
/// [`Error::Invalid`] for a relationship, person or package that is not in the vault.
pub fn draft_estimate(
    vault: &Vault,
    request: &EstimateRequest,
    now: DateTime<Utc>,
) -> Result<Estimate> {
    let conn = vault.conn();
    let zone = Zone::of(&read_settings(conn)?);
    let from = request.from.unwrap_or_else(|| zone.date_of(now));
    let until = request
        .until
        .unwrap_or(from + Duration::weeks(DEFAULT_WEEKS) - Duration::days(1));
    let who = whom(vault, &request.for_whom, zone.start_of(from))?;
    let package = planned_package(conn, request)?;
    let dosings = request
        .dosings
        .or(package.as_ref().map(|p| p.sessions))
        .unwrap_or(1);
    let plan = remaining(&arc_plan(who.persons.len(), dosings), &who.held);
    let lines = price(&read_schedule(conn)?, &plan, package.as_ref());
    let mut diagnoses = Vec::new();
    for p in &who.persons {
        for d in read_diagnoses(conn, &p.person_id)? {
            let described = crate::icd10::lookup(&d.code)
                .map_or(d.code.clone(), |c| format!("{} {}", c.code, c.description));
            if !diagnoses.contains(&described) {
                diagnoses.push(described);
            }
        }
    }
    Ok(Estimate {
        provider: read_profile(conn)?,
        unit_id: who.unit_id,
        for_name: who.name,
        persons: who.persons,
        diagnoses,
        from,
        until,
        total: lines.iter().map(|l| l.amount).sum(),
        lines,
    })
}

fn damaged(detail: String) -> Error {
    Error::VaultCorrupt {
        path: std::path::PathBuf::new(),
        detail,
    }
}

fn read_issued(conn: &Connection, zone: &Zone, number: u32) -> Result<IssuedEstimate> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT issued_at, content FROM estimates WHERE number = ?1",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (issued_at, content) = row.ok_or_else(|| not_found("estimate", &number.to_string()))?;
    let issued_at = DateTime::parse_from_rfc3339(&issued_at)
        .map_err(|e| damaged(e.to_string()))?
        .with_timezone(&Utc);
    Ok(IssuedEstimate {
        number,
        issued_at,
        issued_on: zone.date_of(issued_at),
        estimate: serde_json::from_str(&content)
            .map_err(|e| damaged(format!("estimate {number}: {e}")))?,
    })
}

fn numbers(conn: &Connection, condition: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<u32>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT number FROM estimates WHERE {condition} ORDER BY number"
    ))?;
    let numbers = stmt
        .query_map(args, |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(numbers)
}

/// Every issued estimate, by number.
pub(crate) fn all_estimates(conn: &Connection) -> Result<Vec<IssuedEstimate>> {
    let zone = Zone::of(&read_settings(conn)?);
    numbers(conn, "1", &[])?
        .into_iter()
        .map(|n| read_issued(conn, &zone, n))
        .collect()
}

/// The estimates issued to a relationship or person, oldest first.
///
/// # Errors
/// Only if the vault cannot be read.
pub fn estimates_of(vault: &Vault, for_whom: &Owner) -> Result<Vec<IssuedEstimate>> {
    let conn = vault.conn();
    let zone = Zone::of(&read_settings(conn)?);
    let (condition, id) = match for_whom {
        Owner::Unit(id) => ("unit_id = ?1", id),
        Owner::Person(id) => ("person_id = ?1", id),
    };
    numbers(conn, condition, &[id])?
        .into_iter()
        .map(|n| read_issued(conn, &zone, n))
        .collect()
}

/// Writes an issued estimate under its own number, unless that number is already there (the
/// caller has checked that it is the same estimate).
pub(crate) fn write_estimate(conn: &Connection, issued: &IssuedEstimate) -> Result<()> {
    let e = &issued.estimate;
    let content =
        serde_json::to_string(e).map_err(|err| Error::invalid("estimate", err.to_string()))?;
    let person = match &e.unit_id {
        Some(_) => None,
        None => e.persons.first().map(|p| p.person_id.clone()),
    };
    conn.execute(
        "INSERT INTO estimates (number, unit_id, person_id, from_date, until_date, issued_at, total_cents, content) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (number) DO NOTHING",
        params![issued.number, e.unit_id, person, e.from, e.until, instant(issued.issued_at), e.total.0, content],
    )?;
    Ok(())
}

/// Issues `estimate`: numbered after the last one and frozen, printed, and handed to
/// `deliver` (which writes her file) before it is recorded, all or nothing. If the last
/// estimate for the same people says exactly the same, that one is printed again.
///
/// # Errors
/// [`Error::Invalid`] with the sentence of [`problem`]; whatever `deliver` reports. Nothing is
/// recorded then.
pub fn issue_estimate(
    vault: &mut Vault,
    estimate: &Estimate,
    now: DateTime<Utc>,
    deliver: impl FnOnce(&[u8]) -> Result<()>,
) -> Result<IssuedEstimate> {
    if let Some(message) = problem(estimate) {
        return Err(Error::invalid("estimate", message));
    }
    let logo = crate::store::practice::logo(vault)?;
    let zone = Zone::of(&read_settings(vault.conn())?);
    let tx = vault.conn_mut().transaction()?;
    let owner = estimate
        .unit_id
        .clone()
        .or_else(|| estimate.persons.first().map(|p| p.person_id.clone()))
        .unwrap_or_default();
    let last = numbers(&tx, "coalesce(unit_id, person_id) = ?1", &[&owner])?
        .last()
        .map(|n| read_issued(&tx, &zone, *n))
        .transpose()?;
    let issued = match last.filter(|l| &l.estimate == estimate) {
        Some(same) => same,
        None => {
            let number: u32 = tx.query_row(
                "SELECT coalesce(max(number), 0) + 1 FROM estimates",
                [],
                |r| r.get(0),
            )?;
            let issued = IssuedEstimate {
                number,
                issued_at: now,
                issued_on: zone.date_of(now),
                estimate: estimate.clone(),
            };
            write_estimate(&tx, &issued)?;
            audit::append(&tx, "estimate.issued", &format!("estimate:{number}"), "")?;
            issued
        }
    };
    deliver(&crate::pdf::estimate_pdf(&issued, logo.as_deref())?)?;
    tx.commit()?;
    Ok(issued)
}

/// An issued estimate, by number.
///
/// # Errors
/// [`Error::Invalid`] when there is no such number.
pub fn estimate(vault: &Vault, number: u32) -> Result<IssuedEstimate> {
    let zone = Zone::of(&read_settings(vault.conn())?);
    read_issued(vault.conn(), &zone, number)
}

/// Where the charges of an estimate's period stand against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Standing {
    /// The estimate (the last one issued to them whose period holds today).
    pub estimate: IssuedEstimate,
    /// What has been charged for sessions held (or missed) in its period.
    pub charged: Cents,
    /// The next session booked in its period, and its charge.
    pub next: Option<(NaiveDate, Cents)>,
    /// The charges are $400 or more over it, or the next session would bring them there.
    pub warn: bool,
}

/// Where each current estimate stands on `today`.
pub(crate) fn standings(conn: &Connection, today: NaiveDate) -> Result<Vec<Standing>> {
    let zone = Zone::of(&read_settings(conn)?);
    let current = numbers(
        conn,
        "from_date <= ?1 AND until_date >= ?1 AND number = (SELECT max(n.number) FROM estimates n \
           WHERE coalesce(n.unit_id, n.person_id) = coalesce(estimates.unit_id, estimates.person_id))",
        &[&today],
    )?;
    let mut out = Vec::new();
    for number in current {
        let estimate = read_issued(conn, &zone, number)?;
        out.push(standing(conn, estimate, today)?);
    }
    Ok(out)
}

fn standing(conn: &Connection, issued: IssuedEstimate, today: NaiveDate) -> Result<Standing> {
    let e = &issued.estimate;
    let first = e.persons.first().map(|p| p.person_id.as_str());
    let books = Books::load(conn, first)?;
    let mut charged = Cents::ZERO;
    let mut next = None;
    for entry in &books.entries {
        let s = &entry.session;
        let theirs = match &e.unit_id {
            Some(unit) => s.unit_id.as_ref() == Some(unit),
            None => s.unit_id.is_none() && s.person_id.as_deref() == first,
        };
        if !theirs || entry.date < e.from || entry.date > e.until {
            continue;
        }
        match s.status {
            SessionStatus::Completed | SessionStatus::NoShow | SessionStatus::Cancelled => {
                charged += entry.charge.amount;
            }
            SessionStatus::Scheduled
                if entry.date >= today && next.is_none_or(|(on, _)| entry.date < on) =>
            {
                next = Some((entry.date, entry.charge.amount));
            }
            _ => {}
        }
    }
    let warn = overage(e.total, charged, next) != Overage::Within;
    Ok(Standing {
        estimate: issued,
        charged,
        next,
        warn,
    })
}
