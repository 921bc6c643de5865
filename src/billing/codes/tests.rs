//! The billing case table: each scenario, the lines it must yield for Alex's superbill (as
//! `CODE@POS[+MODIFIER][xUNITS]`, one string per session) and the rules it must name.

use chrono::NaiveDate;
use rstest::rstest;

use super::{suggest, Patient, Visit, RULES};
use crate::model::{SessionKind as K, Setting as S};

const ALEX: &str = "alex";

#[derive(Clone)]
struct V {
    kind: K,
    setting: S,
    individual: bool,
    present: &'static [&'static str],
    minutes: u32,
    elapsed: u32,
    day: u32,
    held: bool,
    complexity: bool,
}

/// A couples session in the office with Alex and Blair, on day 1.
fn v(kind: K, minutes: u32) -> V {
    V {
        kind,
        setting: S::Office,
        individual: false,
        present: &[ALEX, "blair"],
        minutes,
        elapsed: minutes,
        day: 1,
        held: true,
        complexity: false,
    }
}
fn couple(minutes: u32) -> V {
    v(K::CouplesSession, minutes)
}
fn solo(minutes: u32) -> V {
    V {
        individual: true,
        present: &[ALEX],
        ..v(K::Integration, minutes)
    }
}
fn at(setting: S, visit: V) -> V {
    V { setting, ..visit }
}
fn with(present: &'static [&'static str], visit: V) -> V {
    V { present, ..visit }
}
fn dosing(setting: S, minutes: u32, elapsed: u32) -> V {
    V {
        setting,
        elapsed,
        ..v(K::Dosing, minutes)
    }
}

const F: &[&str] = &["F43.23"];

fn lines_of(visits: &[V], dx: &[&str], offer_0820t: bool) -> (Vec<String>, Vec<&'static str>) {
    let visits: Vec<Visit<'_>> = visits
        .iter()
        .enumerate()
        .map(|(i, v)| Visit {
            session_id: ["s1", "s2", "s3"][i],
            kind: v.kind,
            setting: v.setting,
            date: NaiveDate::from_ymd_opt(2026, 3, v.day).unwrap(),
            individual: v.individual,
            present: v.present.to_vec(),
            minutes: v.minutes,
            elapsed_minutes: v.elapsed,
            held: v.held,
            interactive_complexity: v.complexity,
        })
        .collect();
    let patient = Patient {
        id: ALEX,
        name: "Alex",
        diagnoses: dx.to_vec(),
    };
    let suggestions = suggest(&visits, &patient, offer_0820t);
    let lines = suggestions
        .iter()
        .map(|s| {
            s.lines
                .iter()
                .map(|l| {
                    let mut t = format!("{}@{}", l.code, l.place_of_service);
                    for m in &l.modifiers {
                        t += &format!("+{m}");
                    }
                    if l.units != 1 {
                        t += &format!("x{}", l.units);
                    }
                    t
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut rules: Vec<&'static str> = suggestions
        .iter()
        .flat_map(|s| s.findings.iter().map(|f| f.rule))
        .collect();
    rules.sort_unstable();
    rules.dedup();
    (lines, rules)
}

#[rstest]
// Couples and triads, the identified patient present or not.
#[case::couple_50(vec![couple(50)], F, false, &["90847@11"], &[])]
#[case::couple_94(vec![couple(94)], F, false, &["90847@11"], &[])]
#[case::triad_all_present(vec![with(&[ALEX, "blair", "casey"], couple(60))], F, false, &["90847@11"], &[])]
#[case::triad_alex_and_one(vec![with(&[ALEX, "casey"], couple(60))], F, false, &["90847@11"], &[])]
#[case::patient_absent_couple(vec![with(&["blair"], couple(50))], F, false, &["90846@11"], &["patient_absent"])]
#[case::patient_absent_triad(vec![with(&["blair", "casey"], couple(50))], F, false, &["90846@11"], &["patient_absent"])]
#[case::only_alex_came_to_the_couples_session(vec![with(&[ALEX], couple(50))], F, false, &["90834@11"], &[])]
// No diagnosis, and a Z code as primary.
#[case::no_diagnosis(vec![couple(50)], &[], false, &[""], &["no_diagnosis"])]
#[case::z_code_primary(vec![couple(50)], &["Z63.0"], false, &["90847@11"], &["z_code_primary"])]
#[case::z_code_second(vec![couple(50)], &["F43.23", "Z63.0"], false, &["90847@11"], &[])]
// Individual psychotherapy at every threshold edge.
#[case::individual_15(vec![solo(15)], F, false, &[""], &["under_16_minutes"])]
#[case::individual_16(vec![solo(16)], F, false, &["90832@11"], &[])]
#[case::individual_37(vec![solo(37)], F, false, &["90832@11"], &[])]
#[case::individual_38(vec![solo(38)], F, false, &["90834@11"], &[])]
#[case::individual_52(vec![solo(52)], F, false, &["90834@11"], &[])]
#[case::individual_53(vec![solo(53)], F, false, &["90837@11"], &[])]
#[case::individual_120(vec![solo(120)], F, false, &["90837@11"], &[])]
#[case::individual_0(vec![solo(0)], F, false, &[""], &["under_16_minutes"])]
// Conjoint at the 25/26 edge.
#[case::conjoint_25(vec![couple(25)], F, false, &[""], &["conjoint_under_26_minutes"])]
#[case::conjoint_26(vec![couple(26)], F, false, &["90847@11"], &[])]
#[case::absent_25(vec![with(&["blair"], couple(25))], F, false, &[""], &["conjoint_under_26_minutes"])]
// Diagnostic evaluation.
#[case::joint_intake(vec![v(K::JointIntake, 80)], F, false, &["90791@11"], &[])]
#[case::joint_intake_alex_absent(vec![with(&["blair"], v(K::JointIntake, 80))], F, false, &[""], &["patient_absent"])]
#[case::assessment(vec![V { individual: true, present: &[ALEX], ..v(K::IndividualAssessment, 55) }], F, false, &["90791@11"], &[])]
#[case::assessment_10_minutes(vec![V { individual: true, present: &[ALEX], ..v(K::IndividualAssessment, 10) }], F, false, &[""], &["under_16_minutes"])]
// Interactive complexity.
#[case::complexity_individual(vec![V { complexity: true, ..solo(45) }], F, false, &["90834@11 90785@11"], &[])]
#[case::complexity_intake(vec![V { complexity: true, ..v(K::JointIntake, 60) }], F, false, &["90791@11 90785@11"], &[])]
#[case::complexity_never_with_90847(vec![V { complexity: true, ..couple(50) }], F, false, &["90847@11"], &["no_90785_with_conjoint"])]
#[case::complexity_never_with_90846(vec![V { complexity: true, ..with(&["blair"], couple(50)) }], F, false, &["90846@11"], &["no_90785_with_conjoint", "patient_absent"])]
// Telehealth.
#[case::telehealth_home(vec![at(S::TelehealthHome, couple(50))], F, false, &["90847@10+95"], &[])]
#[case::telehealth_elsewhere(vec![at(S::TelehealthElsewhere, couple(50))], F, false, &["90847@02+95"], &[])]
#[case::telehealth_individual(vec![at(S::TelehealthHome, solo(40))], F, false, &["90834@10+95"], &[])]
#[case::telehealth_complexity(vec![V { complexity: true, ..at(S::TelehealthElsewhere, solo(40)) }], F, false, &["90834@02+95 90785@02+95"], &[])]
// Two sessions on one day; on two days.
#[case::two_conjoint_one_day(vec![couple(50), couple(50)], F, false, &["90847@11", ""], &["one_conjoint_per_day"])]
#[case::two_conjoint_two_days(vec![couple(50), V { day: 2, ..couple(50) }], F, false, &["90847@11", "90847@11"], &[])]
#[case::individual_and_conjoint_one_day(vec![solo(45), couple(50)], F, false, &["90834@11", "90847@11"], &[])]
#[case::short_first_then_full(vec![couple(20), couple(50)], F, false, &["", "90847@11"], &["conjoint_under_26_minutes"])]
// Dosing: in the office or at home, 0820T on and off.
#[case::dosing_office_0820t_off(vec![dosing(S::Office, 150, 165)], F, false, &["90847@11"], &["0820t_off", "medication_is_prescribers"])]
#[case::dosing_office_0820t_on(vec![dosing(S::Office, 150, 165)], F, true, &["90847@11 0820T@11x3"], &["medication_is_prescribers"])]
#[case::dosing_office_0820t_midpoint_30(vec![dosing(S::Office, 120, 150)], F, true, &["90847@11 0820T@11x2"], &["medication_is_prescribers"])]
#[case::dosing_office_0820t_midpoint_31(vec![dosing(S::Office, 120, 151)], F, true, &["90847@11 0820T@11x3"], &["medication_is_prescribers"])]
#[case::dosing_office_under_31(vec![dosing(S::Office, 28, 30)], F, true, &["90847@11"], &["0820t_under_31_minutes", "medication_is_prescribers"])]
#[case::dosing_at_home_0820t_on(vec![dosing(S::HomeVirtualMonitoring, 150, 165)], F, true, &["90847@10+95"], &["0820t_in_person_only", "medication_is_prescribers"])]
#[case::dosing_at_home_0820t_off(vec![dosing(S::HomeVirtualMonitoring, 150, 165)], F, false, &["90847@10+95"], &["0820t_off", "medication_is_prescribers"])]
#[case::solo_dosing_of_alex(vec![V { individual: true, present: &[ALEX], ..dosing(S::Office, 120, 130) }], F, true, &["90837@11 0820T@11x2"], &["medication_is_prescribers"])]
#[case::dosing_alex_absent(vec![with(&["blair"], dosing(S::Office, 150, 165))], F, true, &["90846@11 0820T@11x3"], &["medication_is_prescribers", "patient_absent"])]
#[case::dosing_no_diagnosis(vec![dosing(S::Office, 150, 165)], &[], true, &[""], &["no_diagnosis"])]
// Augmented session: the psychotherapy as any conjoint session, never 0820T.
#[case::augmented(vec![v(K::AugmentedTherapy, 75)], F, true, &["90847@11"], &["medication_is_prescribers"])]
#[case::augmented_by_video(vec![at(S::TelehealthHome, v(K::AugmentedTherapy, 75))], F, false, &["90847@10+95"], &["medication_is_prescribers"])]
// Other kinds of the arc, billed as conjoint psychotherapy.
#[case::feedback(vec![v(K::FeedbackAndGoals, 60)], F, false, &["90847@11"], &[])]
#[case::preparation(vec![v(K::Preparation, 50)], F, false, &["90847@11"], &[])]
#[case::integration(vec![v(K::Integration, 50)], F, false, &["90847@11"], &[])]
// Not held.
#[case::no_show(vec![V { held: false, ..couple(50) }], F, false, &[""], &["not_held"])]
fn billing_cases(
    #[case] visits: Vec<V>,
    #[case] dx: &[&str],
    #[case] offer_0820t: bool,
    #[case] expected: &[&str],
    #[case] rules: &[&str],
) {
    let (lines, found) = lines_of(&visits, dx, offer_0820t);
    assert_eq!(lines, expected, "lines");
    assert_eq!(found, rules, "rules");
}

#[test]
fn every_reason_names_the_code_the_patient_and_the_minutes() {
    let (visits, dx) = (vec![couple(94)], F);
    let visits: Vec<Visit<'_>> = visits
        .iter()
        .map(|v| Visit {
            session_id: "s",
            kind: v.kind,
            setting: v.setting,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            individual: false,
            present: v.present.to_vec(),
            minutes: v.minutes,
            elapsed_minutes: v.elapsed,
            held: true,
            interactive_complexity: false,
        })
        .collect();
    let patient = Patient {
        id: ALEX,
        name: "Alex",
        diagnoses: dx.to_vec(),
    };
    let s = &suggest(&visits, &patient, false)[0];
    assert_eq!(
        s.lines[0].reason,
        "90847: conjoint session, Alex (F43.23) present, 94 minutes, in the office"
    );
}

#[test]
fn every_rule_has_a_distinct_code_and_a_reason() {
    let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), RULES.len());
    assert!(RULES
        .iter()
        .all(|r| r.reason.ends_with('.') && r.reason.len() > 40));
}
