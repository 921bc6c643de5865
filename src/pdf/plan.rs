//! A treatment plan as signed: whom it is for, problems, goals with their measurable
//! objectives, interventions, frequency, review date and the signature.

use chrono::NaiveDate;

use super::flow::Flow;
use super::page::Tone;
use super::superbill::us_date;
use crate::error::Result;
use crate::model::{PracticeProfile, TreatmentPlan};
use crate::rules::plans::target_words;

/// What the printed plan needs beside the plan itself.
pub struct PlanPrint<'a> {
    /// The plan.
    pub plan: &'a TreatmentPlan,
    /// The relationship's or person's name.
    pub for_name: &'a str,
    /// The people it is for (id, legal name).
    pub persons: &'a [(String, String)],
    /// The provider who signs it.
    pub provider: &'a PracticeProfile,
    /// The day it was signed, in the practice's zone.
    pub signed_on: Option<NaiveDate>,
}

/// The PDF of a treatment plan.
///
/// # Errors
/// Only if the embedded font cannot be read (a damaged build), or the logo cannot be drawn.
pub fn plan_pdf(print: &PlanPrint<'_>, logo: Option<&[u8]>) -> Result<Vec<u8>> {
    let (plan, p) = (print.plan, print.provider);
    let state = match print.signed_on {
        Some(day) => format!("Version {} · Signed {}", plan.version, us_date(day)),
        None => format!("Version {} · Draft, not signed", plan.version),
    };
    let mut flow = Flow::with_letterhead(
        "Treatment plan",
        p,
        &format!(
            "License {} ({}) · NPI {}",
            p.license_number, p.license_state, p.npi
        ),
        &state,
        logo,
    )?;
    flow.heading(&format!("For {}", print.for_name));
    let names: Vec<&str> = print.persons.iter().map(|(_, n)| n.as_str()).collect();
    flow.labelled("Clients", &names.join("\n"));
    flow.labelled("Written", &us_date(plan.written_on));
    flow.labelled("Review by", &us_date(plan.review_on));
    flow.heading("Presenting problems");
    for (i, problem) in plan.problems.iter().enumerate() {
        flow.labelled(&format!("{}", i + 1), problem);
    }
    flow.heading("Goals and measurable objectives");
    for (i, goal) in plan.goals.iter().enumerate() {
        flow.labelled(&format!("Goal {}", i + 1), &goal.text);
        for (j, o) in goal.objectives.iter().enumerate() {
            let measured = o.target.as_ref().map_or(String::new(), |t| {
                let who = whom(print.persons, &t.persons);
                format!("\nMeasured by {} ({who})", target_words(t))
            });
            flow.labelled(
                &format!("Objective {}.{}", i + 1, j + 1),
                &format!("{}{measured}", o.text),
            );
        }
    }
    flow.heading("Interventions");
    for i in &plan.interventions {
        flow.labelled(i.kind.label(), &i.detail);
    }
    if !plan.frequency.is_empty() {
        flow.heading("Frequency");
        flow.paragraph(&plan.frequency, 10.0, Tone::Ink);
    }
    flow.heading("Signature");
    let provider = if p.credentials.is_empty() {
        p.provider_name.clone()
    } else {
        format!("{}, {}", p.provider_name, p.credentials)
    };
    let signed = match print.signed_on {
        Some(day) => format!("Signed electronically by {provider} on {}. This version is locked; a revision is a new version.", us_date(day)),
        None => "Draft: not signed, not yet in force.".to_owned(),
    };
    flow.paragraph(&signed, 10.0, Tone::Ink);
    Ok(flow.finish())
}

/// "both partners", or the names a target lists.
fn whom(persons: &[(String, String)], named: &[String]) -> String {
    if named.is_empty() {
        return match persons.len() {
            1 => persons[0].1.clone(),
            2 => "both partners".to_owned(),
            _ => "every partner".to_owned(),
        };
    }
    let names: Vec<&str> = persons
        .iter()
        .filter(|(id, _)| named.contains(id))
        .map(|(_, n)| n.as_str())
        .collect();
    names.join(" and ")
}
