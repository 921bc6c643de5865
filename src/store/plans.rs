//! Treatment plans as stored: a relationship's (or person's) versions, the draft she edits,
//! signing (after which a version never changes), revision as a new version, and the chart's
//! view of the current plan against the latest measures.

use chrono::{DateTime, Months, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::sessions::instant;
use super::{audit, clients, measures, new_id, not_found, Owner};
use crate::error::{Error, Result};
use crate::model::TreatmentPlan;
use crate::rules::plans::{progress, review, sign_problem, ObjectiveProgress, Review, Score};
use crate::vault::Vault;

/// A revision's first review date, from the day it is written.
const REVISION_REVIEW_MONTHS: u32 = 3;

fn damaged(detail: String) -> Error {
    Error::VaultCorrupt {
        path: std::path::PathBuf::new(),
        detail,
    }
}

fn read_plans(
    conn: &Connection,
    condition: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<TreatmentPlan>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, content FROM treatment_plans WHERE {condition} ORDER BY unit_id IS NULL, coalesce(unit_id, person_id), version"
    ))?;
    let rows: Vec<(String, String)> = stmt
        .query_map(args, |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, content)| {
            serde_json::from_str(&content).map_err(|e| damaged(format!("treatment plan {id}: {e}")))
        })
        .collect()
}

/// Every version of every plan: relationships' first, then individuals', each by version.
pub(crate) fn all_plans(conn: &Connection) -> Result<Vec<TreatmentPlan>> {
    read_plans(conn, "1", &[])
}

/// Every version of the plan of `owner`, oldest first.
///
/// # Errors
/// Only if the vault cannot be read.
pub fn plans_of(vault: &Vault, owner: &Owner) -> Result<Vec<TreatmentPlan>> {
    read_plans(
        vault.conn(),
        "coalesce(unit_id, person_id) = ?1",
        &[&owner.id()],
    )
}

fn read_plan(conn: &Connection, id: &str) -> Result<TreatmentPlan> {
    read_plans(conn, "id = ?1", &[&id])?
        .pop()
        .ok_or_else(|| not_found("treatment plan", id))
}

/// Writes a version as it is (a signed one the vault holds is left as it is: the caller has
/// checked it is the same).
pub(crate) fn write_plan(conn: &Connection, plan: &TreatmentPlan) -> Result<()> {
    let signed: Option<Option<String>> = conn
        .query_row(
            "SELECT signed_at FROM treatment_plans WHERE id = ?1",
            [&plan.id],
            |r| r.get(0),
        )
        .optional()?;
    if matches!(signed, Some(Some(_))) {
        return Ok(());
    }
    let content = serde_json::to_string(plan).map_err(|e| Error::invalid("plan", e.to_string()))?;
    conn.execute(
        "INSERT INTO treatment_plans (id, unit_id, person_id, version, review_on, signed_at, content) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO UPDATE SET \
         version = excluded.version, review_on = excluded.review_on, signed_at = excluded.signed_at, \
         content = excluded.content",
        params![plan.id, plan.unit_id, plan.person_id, plan.version, plan.review_on, plan.signed_at.map(instant), content],
    )?;
    Ok(())
}

fn owner_of(plan: &TreatmentPlan) -> Result<Owner> {
    match (&plan.unit_id, &plan.person_id) {
        (Some(u), None) => Ok(Owner::Unit(u.clone())),
        (None, Some(p)) => Ok(Owner::Person(p.clone())),
        _ => Err(Error::invalid(
            "unit_id",
            "A plan is for one relationship or for one person.",
        )),
    }
}

/// Saves a draft: a new one (the next version) when `id` is empty, else the draft as edited.
///
/// # Errors
/// [`Error::Invalid`] for a signed version (locked), a second draft, or someone not here.
pub fn save_plan(vault: &mut Vault, plan: &TreatmentPlan) -> Result<TreatmentPlan> {
    let owner = owner_of(plan)?;
    match &owner {
        Owner::Unit(id) => drop(clients::unit(vault, id)?),
        Owner::Person(id) => drop(clients::person(vault, id)?),
    }
    let versions = plans_of(vault, &owner)?;
    let mut plan = plan.clone();
    plan.signed_at = None;
    if plan.id.is_empty() {
        if let Some(draft) = versions.iter().find(|v| v.signed_at.is_none()) {
            return Err(Error::invalid(
                "plan",
                format!(
                    "Version {} is a draft still: finish and sign it first.",
                    draft.version
                ),
            ));
        }
        plan.id = new_id();
        plan.version = versions.last().map_or(1, |v| v.version + 1);
    } else {
        let stored = versions
            .iter()
            .find(|v| v.id == plan.id)
            .ok_or_else(|| not_found("treatment plan", &plan.id))?;
        if stored.signed_at.is_some() {
            return Err(Error::invalid(
                "plan",
                "A signed plan is locked: revise it as a new version.",
            ));
        }
        plan.version = stored.version;
    }
    let tx = vault.conn_mut().transaction()?;
    write_plan(&tx, &plan)?;
    audit::append(&tx, "plan.saved", &format!("plan:{}", plan.id), "draft")?;
    tx.commit()?;
    Ok(plan)
}

/// Signs a draft: from now on it never changes.
///
/// # Errors
/// [`Error::Invalid`] naming what is missing, or for a version signed already.
pub fn sign_plan(vault: &mut Vault, id: &str, now: DateTime<Utc>) -> Result<TreatmentPlan> {
    let tx = vault.conn_mut().transaction()?;
    let mut plan = read_plan(&tx, id)?;
    if let Some((field, message)) = sign_problem(&plan) {
        return Err(Error::invalid(field, message));
    }
    plan.signed_at = Some(now);
    write_plan(&tx, &plan)?;
    audit::append(&tx, "plan.signed", &format!("plan:{id}"), "signed_at")?;
    tx.commit()?;
    Ok(plan)
}

/// Starts the next version from a signed one, written `today`, to be edited and signed.
///
/// # Errors
/// [`Error::Invalid`] when a draft exists already, or the version is not signed.
pub fn revise_plan(vault: &mut Vault, id: &str, today: NaiveDate) -> Result<TreatmentPlan> {
    let signed = read_plan(vault.conn(), id)?;
    if signed.signed_at.is_none() {
        return Err(Error::invalid(
            "plan",
            "This version is a draft: edit it as it is.",
        ));
    }
    let next = TreatmentPlan {
        id: String::new(),
        written_on: today,
        review_on: today
            .checked_add_months(Months::new(REVISION_REVIEW_MONTHS))
            .unwrap_or(today),
        signed_at: None,
        ..signed
    };
    save_plan(vault, &next)
}

/// The chart's view of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanChart {
    /// The latest signed version.
    pub current: Option<TreatmentPlan>,
    /// The draft being written, if any.
    pub draft: Option<TreatmentPlan>,
    /// The current version's objectives against the latest scores.
    pub progress: Vec<ObjectiveProgress>,
    /// When the current version's review is due.
    pub review: Option<Review>,
    /// The people it is for (id, name), for choosing whom a target names.
    pub persons: Vec<(String, String)>,
}

/// The plan of `owner` as the chart shows it on `today`.
///
/// # Errors
/// [`Error::Invalid`] for someone not in the vault.
pub fn plan_chart(vault: &Vault, owner: &Owner, today: NaiveDate) -> Result<PlanChart> {
    let (unit, persons) = match owner {
        Owner::Unit(id) => {
            let unit = clients::unit(vault, id)?;
            let mut persons = Vec::new();
            for p in &unit.partners {
                persons.push((
                    p.person_id.clone(),
                    clients::person(vault, &p.person_id)?.legal_name,
                ));
            }
            (Some(unit.id), persons)
        }
        Owner::Person(id) => (
            None,
            vec![(id.clone(), clients::person(vault, id)?.legal_name)],
        ),
    };
    let versions = plans_of(vault, owner)?;
    let current = versions
        .iter()
        .rev()
        .find(|v| v.signed_at.is_some())
        .cloned();
    let draft = versions.iter().find(|v| v.signed_at.is_none()).cloned();
    let mut scores = Vec::new();
    for (id, _) in &persons {
        scores.extend(latest_scores(vault, id, unit.as_deref())?);
    }
    Ok(PlanChart {
        progress: current
            .as_ref()
            .map(|c| progress(c, &persons, &scores))
            .unwrap_or_default(),
        review: current.as_ref().map(|c| review(c.review_on, today)),
        current,
        draft,
        persons,
    })
}

/// Every scale score of a person's measures (in error ones left out); relational ones only
/// about `unit`.
fn latest_scores(vault: &Vault, person_id: &str, unit: Option<&str>) -> Result<Vec<Score>> {
    let mut scores = Vec::new();
    for m in measures::measures_of(vault, person_id)? {
        if m.entered_in_error.is_some() || (m.unit_id.is_some() && m.unit_id.as_deref() != unit) {
            continue;
        }
        let Ok(scored) = crate::measures::score(m.instrument, &m.answers) else {
            continue;
        };
        scores.extend(scored.scales.into_iter().map(|s| Score {
            person_id: person_id.to_owned(),
            instrument: m.instrument,
            scale: s.scale.to_owned(),
            value: s.value,
            on: m.given_on,
        }));
    }
    Ok(scores)
}

/// The current (latest signed) plan of `owner` as a PDF, and its version.
///
/// # Errors
/// [`Error::Invalid`] when no version has been signed yet.
pub fn current_plan_pdf(vault: &Vault, owner: &Owner, today: NaiveDate) -> Result<(u32, Vec<u8>)> {
    let chart = plan_chart(vault, owner, today)?;
    let for_name = match owner {
        Owner::Unit(id) => clients::unit(vault, id)?.name,
        Owner::Person(id) => clients::person(vault, id)?.legal_name,
    };
    let Some(plan) = chart.current else {
        return Err(Error::invalid(
            "plan",
            format!("{for_name} has no signed treatment plan yet: sign the draft first."),
        ));
    };
    let zone = crate::zone::Zone::of(&super::practice::settings(vault)?);
    let print = crate::pdf::PlanPrint {
        plan: &plan,
        for_name: &for_name,
        persons: &chart.persons,
        provider: &super::practice::profile(vault)?,
        signed_on: plan.signed_at.map(|at| zone.date_of(at)),
    };
    let logo = super::practice::logo(vault)?;
    Ok((plan.version, crate::pdf::plan_pdf(&print, logo.as_deref())?))
}
