//! The demo's signed treatment plan for Rivera–Chen, written at their feedback-and-goals
//! session, with objectives linked to the CSI-16, PHQ-9 and GAD-7 (two met by now, one not),
//! and its review due in ten days.

use chrono::{Duration, NaiveDate};

use super::{ago, ahead};
use crate::error::Result;
use crate::model::{
    Comparison, Goal, Instrument, Intervention, InterventionKind, Objective, Person, Target,
    TreatmentPlan, Unit,
};
use crate::store::plans;
use crate::vault::Vault;

fn target(
    instrument: Instrument,
    comparison: Comparison,
    threshold: f64,
    who: &[&Person],
) -> Target {
    Target {
        instrument,
        scale: None,
        comparison,
        threshold,
        persons: who.iter().map(|p| p.id.clone()).collect(),
    }
}

fn objective(text: &str, target: Option<Target>) -> Objective {
    Objective {
        text: text.into(),
        target,
    }
}

fn intervention(kind: InterventionKind, detail: &str) -> Intervention {
    Intervention {
        kind,
        detail: detail.into(),
    }
}

/// Writes and signs the plan.
pub(super) fn plan(vault: &mut Vault, today: NaiveDate, unit: &Unit, alex: &Person) -> Result<()> {
    let draft = TreatmentPlan {
        id: String::new(),
        unit_id: Some(unit.id.clone()),
        person_id: None,
        version: 1,
        written_on: ago(today, 30),
        problems: vec![
            "A pursue–withdraw cycle that escalates in conflicts about time together and work.".into(),
            "Emotional distance and low relationship satisfaction (CSI-16 of 38 and 45 at intake).".into(),
            "Alex's low mood and worry (PHQ-9 of 14, GAD-7 of 12 at intake).".into(),
        ],
        goals: vec![
            Goal {
                text: "Interrupt the pursue–withdraw cycle and rebuild closeness.".into(),
                objectives: vec![
                    objective(
                        "CSI-16 above 51.5 for both partners.",
                        Some(target(Instrument::Csi16, Comparison::Above, 51.5, &[])),
                    ),
                    objective("Each names the cycle and their part in it during a conflict in session, without escalating.", None),
                ],
            },
            Goal {
                text: "Ease Alex's depression and anxiety.".into(),
                objectives: vec![
                    objective(
                        "PHQ-9 below 10 for Alex.",
                        Some(target(Instrument::Phq9, Comparison::Below, 10.0, &[alex])),
                    ),
                    objective(
                        "GAD-7 below 5 for Alex.",
                        Some(target(Instrument::Gad7, Comparison::Below, 5.0, &[alex])),
                    ),
                ],
            },
        ],
        interventions: vec![
            intervention(InterventionKind::EftEnactments, "Weekly, on the cycle and its softening."),
            intervention(InterventionKind::EmdrResourcing, "For Alex: resource installation before the first dosing."),
            intervention(InterventionKind::SomaticGrounding, "Before and after each dosing."),
            intervention(InterventionKind::Psychoeducation, "The cycle; ketamine, set and setting; integration."),
            intervention(InterventionKind::KapDosing, "Three dosings: dyadic psychedelic, then dyadic psycholytic."),
        ],
        frequency: "Weekly joint sessions of 60 minutes; three dosings of 3 hours about ten days apart, each followed by an integration session within 2 days.".into(),
        review_on: ahead(today, 10),
        signed_at: None,
    };
    let saved = plans::save_plan(vault, &draft)?;
    let zone = crate::zone::Zone::of(&crate::store::practice::settings(vault)?);
    let signed = zone.start_of(draft.written_on) + Duration::hours(18);
    plans::sign_plan(vault, &saved.id, signed)?;
    Ok(())
}
