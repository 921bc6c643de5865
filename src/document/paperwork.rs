//! The paperwork of care, in the document (version 6 on): every issued Good Faith Estimate and
//! every version of every treatment plan. An estimate or a signed plan the vault holds imports
//! unchanged or is refused, never altered.

use std::collections::HashSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::checks::{long_text, unique_ids};
use super::format::at;
use super::Document;
use crate::billing::Cents;
use crate::error::Result;
use crate::model::{IssuedEstimate, TreatmentPlan};
use crate::store::billing::{all_estimates, write_estimate};
use crate::store::plans::{all_plans, write_plan};
use crate::vault::Vault;

/// Issued estimates and treatment plans.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Paperwork {
    /// Every issued Good Faith Estimate, by number.
    #[serde(default)]
    pub estimates: Vec<IssuedEstimate>,
    /// Every version of every treatment plan, drafts included.
    #[serde(default)]
    pub treatment_plans: Vec<TreatmentPlan>,
}

pub(super) fn export(conn: &Connection) -> Result<Paperwork> {
    Ok(Paperwork {
        estimates: all_estimates(conn)?,
        treatment_plans: all_plans(conn)?,
    })
}

fn known(doc: &Document, conn: &Connection, table: &str, id: &str) -> Result<bool> {
    let in_doc = match table {
        "units" => doc.units.iter().any(|u| u.id == id),
        _ => doc.persons.iter().any(|p| p.id == id),
    };
    Ok(in_doc
        || conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [id],
            |r| r.get(0),
        )?)
}

/// An issued estimate must add up and name people there are; one the vault already holds must
/// be the same.
pub(super) fn check(doc: &Document, vault: &Vault) -> Result<()> {
    let conn = vault.conn();
    let in_vault = all_estimates(conn)?;
    let mut numbers = HashSet::new();
    for (i, issued) in doc.paperwork.estimates.iter().enumerate() {
        let here = format!("paperwork.estimates[{i}]");
        let e = &issued.estimate;
        if issued.number == 0 || !numbers.insert(issued.number) {
            return Err(at(
                &format!("{here}.number"),
                format!(
                    "{} is not a new estimate number (from 1, each once).",
                    issued.number
                ),
            ));
        }
        let sum: Cents = e.lines.iter().map(|l| l.amount).sum();
        if sum != e.total || e.persons.is_empty() {
            return Err(at(&format!("{here}.estimate"), format!("No. {}: its lines do not add up to its total, or it names nobody; an issued estimate is never altered.", issued.number)));
        }
        if let Some(same) = in_vault.iter().find(|v| v.number == issued.number) {
            if same.estimate != *e || same.issued_at != issued.issued_at {
                return Err(at(&here, format!("No. {} differs from estimate No. {} in the vault; an issued estimate is never changed.", issued.number, issued.number)));
            }
        }
        if let Some(unit) = &e.unit_id {
            if !known(doc, conn, "units", unit)? {
                return Err(at(
                    &format!("{here}.estimate.unit_id"),
                    "names no relationship of the document or the vault.",
                ));
            }
        }
        for (j, p) in e.persons.iter().enumerate() {
            if !known(doc, conn, "persons", &p.person_id)? {
                return Err(at(
                    &format!("{here}.estimate.persons[{j}].person_id"),
                    "names no person of the document or the vault.",
                ));
            }
        }
    }
    check_plans(doc, conn)
}

/// A plan names someone there is, has one version per number, and a signed version the vault
/// holds is the same.
fn check_plans(doc: &Document, conn: &Connection) -> Result<()> {
    let plans = &doc.paperwork.treatment_plans;
    unique_ids(
        "paperwork.treatment_plans",
        plans.iter().map(|p| p.id.as_str()),
    )?;
    let in_vault = all_plans(conn)?;
    let mut versions = HashSet::new();
    for (i, plan) in plans.iter().enumerate() {
        let here = format!("paperwork.treatment_plans[{i}]");
        let texts: Vec<(&str, &str)> = plan
            .problems
            .iter()
            .map(|t| ("problems", t.as_str()))
            .chain(plan.goals.iter().map(|g| ("goals", g.text.as_str())))
            .chain(std::iter::once(("frequency", plan.frequency.as_str())))
            .collect();
        long_text(&here, &texts)?;
        let owner = match (&plan.unit_id, &plan.person_id) {
            (Some(u), None) if known(doc, conn, "units", u)? => u,
            (None, Some(p)) if known(doc, conn, "persons", p)? => p,
            _ => {
                return Err(at(
                    &format!("{here}.unit_id"),
                    "must name one relationship or one person of the document or the vault.",
                ))
            }
        };
        if plan.version == 0 || !versions.insert((owner.clone(), plan.version)) {
            return Err(at(
                &format!("{here}.version"),
                format!(
                    "{} is not a new version of this plan (from 1, each once).",
                    plan.version
                ),
            ));
        }
        let stored = in_vault.iter().find(|v| v.id == plan.id);
        if stored.is_some_and(|v| v.signed_at.is_some() && v != plan) {
            return Err(at(
                &here,
                "differs from the signed version in the vault; a signed plan is never changed.",
            ));
        }
        if in_vault.iter().any(|v| {
            v.id != plan.id
                && v.version == plan.version
                && (v.unit_id.as_ref().or(v.person_id.as_ref()) == Some(owner))
        }) {
            return Err(at(
                &format!("{here}.version"),
                format!(
                    "the vault holds another version {} of this plan.",
                    plan.version
                ),
            ));
        }
    }
    Ok(())
}

pub(super) fn import(tx: &Connection, doc: &Document) -> Result<()> {
    for e in &doc.paperwork.estimates {
        write_estimate(tx, e)?;
    }
    for p in &doc.paperwork.treatment_plans {
        write_plan(tx, p)?;
    }
    Ok(())
}
