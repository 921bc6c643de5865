use chrono::NaiveDate;
use rstest::rstest;

use super::*;
use crate::model::{Goal, Intervention, Objective};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a test date")
}

fn csi_both() -> Target {
    Target {
        instrument: Instrument::Csi16,
        scale: None,
        comparison: Comparison::Above,
        threshold: 51.5,
        persons: vec![],
    }
}

fn plan() -> TreatmentPlan {
    TreatmentPlan {
        id: String::new(),
        unit_id: Some("u".into()),
        person_id: None,
        version: 1,
        written_on: day("2026-11-01"),
        problems: vec!["Pursue–withdraw cycle in conflict".into()],
        goals: vec![Goal {
            text: "Interrupt the cycle".into(),
            objectives: vec![
                Objective {
                    text: "CSI-16 above 51.5 for both partners".into(),
                    target: Some(csi_both()),
                },
                Objective {
                    text: "Name the cycle aloud in three of four sessions".into(),
                    target: None,
                },
            ],
        }],
        interventions: vec![Intervention {
            kind: InterventionKind::EftEnactments,
            detail: String::new(),
        }],
        frequency: "Weekly".into(),
        review_on: day("2027-01-31"),
        signed_at: None,
    }
}

fn score(person: &str, value: f64, on: &str) -> Score {
    Score {
        person_id: person.into(),
        instrument: Instrument::Csi16,
        scale: "total".into(),
        value,
        on: day(on),
    }
}

const PARTNERS: &[(&str, &str)] = &[("a", "Alex"), ("j", "Jordan")];

fn partners() -> Vec<(String, String)> {
    PARTNERS
        .iter()
        .map(|(i, n)| ((*i).to_owned(), (*n).to_owned()))
        .collect()
}

/// The CSI-16's cut-off is 51.5: a total of 51 is distressed, 52 is not; both partners must
/// be above it, each by their latest score.
#[rstest]
#[case::both_above(&[("a", 52.0), ("j", 60.0)], true)]
#[case::one_at_51(&[("a", 51.0), ("j", 60.0)], false)]
#[case::exactly_the_threshold(&[("a", 51.5), ("j", 60.0)], false)]
#[case::one_not_measured(&[("a", 70.0)], false)]
#[case::nobody_measured(&[], false)]
fn an_objective_is_met_when_every_partner_named_meets_it(
    #[case] values: &[(&str, f64)],
    #[case] met: bool,
) {
    let scores: Vec<Score> = values
        .iter()
        .map(|(p, v)| score(p, *v, "2026-11-20"))
        .collect();
    let found = progress(&plan(), &partners(), &scores);
    assert_eq!(
        found[0].met, met,
        "{values:?}: above 51.5 for both, by the latest score"
    );
    assert!(
        !found[1].met && found[1].target.is_none(),
        "an objective without a measure is never marked met by the app"
    );
}

#[test]
fn the_latest_score_counts_not_the_best() {
    let scores = [
        score("a", 70.0, "2026-11-01"),
        score("a", 40.0, "2026-11-20"),
        score("j", 60.0, "2026-11-20"),
    ];
    let found = progress(&plan(), &partners(), &scores);
    assert_eq!(
        found[0].persons[0].latest,
        Some((40.0, day("2026-11-20"))),
        "Alex's latest total is 40, given on 11/20"
    );
    assert!(!found[0].met, "a relapse shows: no longer met");
}

#[test]
fn a_target_may_name_one_partner_and_a_lower_score_is_better() {
    let mut p = plan();
    p.goals[0].objectives[0].target = Some(Target {
        instrument: Instrument::Phq9,
        comparison: Comparison::Below,
        threshold: 10.0,
        persons: vec!["a".into()],
        scale: None,
    });
    let scores = [Score {
        instrument: Instrument::Phq9,
        ..score("a", 9.0, "2026-11-20")
    }];
    let found = progress(&p, &partners(), &scores);
    assert_eq!(found[0].persons.len(), 1, "only Alex is named");
    assert!(found[0].met, "a PHQ-9 of 9 is below 10");
    assert_eq!(found[0].target.as_deref(), Some("PHQ-9 below 10"));
}

#[rstest]
#[case::fifteen_days("2026-12-16", Review::NotDue)]
#[case::fourteen_days("2026-12-15", Review::Soon { days: 14 })]
#[case::today("2026-12-01", Review::Soon { days: 0 })]
#[case::yesterday("2026-11-30", Review::Overdue { days: 1 })]
fn a_review_is_listed_two_weeks_ahead(#[case] review_on: &str, #[case] expected: Review) {
    assert_eq!(
        review(day(review_on), day("2026-12-01")),
        expected,
        "due within {REVIEW_SOON_DAYS} days, overdue the day after"
    );
}

#[rstest]
#[case::complete(|_: &mut TreatmentPlan| {}, None)]
#[case::no_problem(|p: &mut TreatmentPlan| p.problems = vec![" ".into()], Some("problems"))]
#[case::no_goal(|p: &mut TreatmentPlan| p.goals.clear(), Some("goals"))]
#[case::goal_without_objective(|p: &mut TreatmentPlan| p.goals[0].objectives.clear(), Some("objectives"))]
#[case::no_intervention(|p: &mut TreatmentPlan| p.interventions.clear(), Some("interventions"))]
#[case::other_unnamed(|p: &mut TreatmentPlan| p.interventions[0].kind = InterventionKind::Other, Some("interventions"))]
#[case::review_before_writing(|p: &mut TreatmentPlan| p.review_on = day("2026-11-01"), Some("review_on"))]
#[case::review_after_a_year(|p: &mut TreatmentPlan| p.review_on = day("2027-11-02"), Some("review_on"))]
#[case::review_on_the_anniversary(|p: &mut TreatmentPlan| p.review_on = day("2027-11-01"), None)]
#[case::signed_already(|p: &mut TreatmentPlan| p.signed_at = Some(chrono::Utc::now()), Some("signed_at"))]
#[case::nobody(|p: &mut TreatmentPlan| p.unit_id = None, Some("unit_id"))]
#[case::nan_threshold(|p: &mut TreatmentPlan| {
    if let Some(t) = p.goals[0].objectives[0].target.as_mut() { t.threshold = f64::NAN }
}, Some("objectives"))]
fn a_plan_is_signed_only_when_complete(
    #[case] change: fn(&mut TreatmentPlan),
    #[case] field: Option<&str>,
) {
    let mut p = plan();
    change(&mut p);
    let found = sign_problem(&p);
    assert_eq!(
        found.as_ref().map(|(f, _)| *f),
        field,
        "which field keeps it from being signed: {found:?}"
    );
    if let Some((_, sentence)) = found {
        assert!(sentence.ends_with('.'), "a sentence for her: {sentence}");
    }
}
