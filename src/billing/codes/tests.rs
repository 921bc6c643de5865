//! The billing case table: each scenario, the lines it must yield for Alex's superbill (as
//! `CODE@POS[+MODIFIER][xUNITS]`, one string per session) and the rules it must name.

use chrono::NaiveDate;
use rstest::rstest;

use super::{code_day, Coded, Patient, Visit};
use crate::model::{CodedLine, SessionKind as K, Setting as S};

const ALEX: &str = "alex";

#[derive(Clone)]
struct V {
    kind: K,
    setting: S,
    individual: bool,
    present: &'static [&'static str],
    minutes: u32,
    monitored: u32,
    after: u32,
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
        monitored: minutes,
        after: 0,
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
/// A dosing of `minutes` of psychotherapy, monitored for `monitored`, with `after` minutes
/// of psychotherapy after the last discharge.
fn dosing(setting: S, minutes: u32, monitored: u32) -> V {
    V {
        setting,
        monitored,
        ..v(K::Dosing, minutes)
    }
}
fn then(after: u32, visit: V) -> V {
    V {
        after,
        minutes: visit.minutes + after,
        ..visit
    }
}

const F: &[&str] = &["F43.23"];

/// Codes `visits` for Alex (each chosen as `chosen[i]`, when given) and returns each
/// session's lines as `CODE@POS[+MODIFIER][xUNITS]`, and the rules named, sorted.
fn code(
    visits: &[V],
    dx: &[&str],
    offer_0820t: bool,
    chosen: &[Option<Vec<CodedLine>>],
) -> Vec<Coded> {
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
            monitored_minutes: v.monitored,
            after_monitoring_minutes: v.after,
            held: v.held,
            interactive_complexity: v.complexity,
            chosen: chosen.get(i).and_then(|c| c.as_deref()),
        })
        .collect();
    let patient = Patient {
        id: ALEX,
        name: "Alex",
        diagnoses: dx.to_vec(),
    };
    code_day(&visits, &patient, offer_0820t)
}

fn shown(lines: &[CodedLine]) -> String {
    lines
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
}

fn lines_of(visits: &[V], dx: &[&str], offer_0820t: bool) -> (Vec<String>, Vec<String>) {
    let coded = code(visits, dx, offer_0820t, &[]);
    let lines = coded.iter().map(|c| shown(&c.lines)).collect();
    let mut rules: Vec<String> = coded
        .iter()
        .flat_map(|c| c.findings.iter().map(|f| f.rule.clone()))
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
#[case::joint_intake_alex_absent(vec![with(&["blair"], v(K::JointIntake, 80))], F, false, &[""], &["needs_patient"])]
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
#[case::two_conjoint_one_day(vec![couple(50), couple(50)], F, false, &["90847@11", ""], &["second_session_that_day"])]
#[case::two_conjoint_two_days(vec![couple(50), V { day: 2, ..couple(50) }], F, false, &["90847@11", "90847@11"], &[])]
#[case::individual_and_conjoint_one_day(vec![solo(45), couple(50)], F, false, &["90834@11", "90847@11"], &[])]
#[case::short_first_then_full(vec![couple(20), couple(50)], F, false, &["", "90847@11"], &["conjoint_under_26_minutes"])]
// Dosing: in the office or at home, 0820T on and off. With 0820T, the psychotherapy inside
// the monitored hours is part of it; only psychotherapy after discharge is billed on its own.
#[case::dosing_office_0820t_off(vec![dosing(S::Office, 150, 165)], F, false, &["90847@11"], &["0820t_off", "medication_is_prescribers"])]
#[case::dosing_office_0820t_on(vec![dosing(S::Office, 150, 165)], F, true, &["0820T@11x3"], &["0820t_same_minutes", "medication_is_prescribers"])]
#[case::dosing_office_0820t_midpoint_30(vec![dosing(S::Office, 120, 150)], F, true, &["0820T@11x2"], &["0820t_same_minutes", "medication_is_prescribers"])]
#[case::dosing_office_0820t_midpoint_31(vec![dosing(S::Office, 120, 151)], F, true, &["0820T@11x3"], &["0820t_same_minutes", "medication_is_prescribers"])]
#[case::dosing_office_under_31(vec![dosing(S::Office, 28, 30)], F, true, &["90847@11"], &["0820t_hours", "medication_is_prescribers"])]
#[case::dosing_90(vec![dosing(S::Office, 90, 90)], F, true, &["0820T@11"], &["0820t_same_minutes", "medication_is_prescribers"])]
#[case::dosing_90_then_30(vec![then(30, dosing(S::Office, 90, 90))], F, true, &["90847@11 0820T@11"], &["medication_is_prescribers"])]
#[case::dosing_90_then_20(vec![then(20, dosing(S::Office, 90, 90))], F, true, &["0820T@11"], &["0820t_same_minutes", "medication_is_prescribers"])]
#[case::dosing_165(vec![dosing(S::Office, 165, 165)], F, true, &["0820T@11x3"], &["0820t_same_minutes", "medication_is_prescribers"])]
#[case::dosing_165_then_26(vec![then(26, dosing(S::Office, 165, 165))], F, true, &["90847@11 0820T@11x3"], &["medication_is_prescribers"])]
#[case::dosing_165_then_25(vec![then(25, dosing(S::Office, 165, 165))], F, true, &["0820T@11x3"], &["0820t_same_minutes", "medication_is_prescribers"])]
#[case::dosing_180(vec![dosing(S::Office, 180, 180)], F, true, &["0820T@11x3"], &["0820t_same_minutes", "medication_is_prescribers"])]
#[case::dosing_180_then_45(vec![then(45, dosing(S::Office, 180, 180))], F, true, &["90847@11 0820T@11x3"], &["medication_is_prescribers"])]
#[case::dosing_180_0820t_off(vec![then(45, dosing(S::Office, 180, 180))], F, false, &["90847@11"], &["0820t_off", "medication_is_prescribers"])]
#[case::dosing_at_home_0820t_on(vec![dosing(S::HomeVirtualMonitoring, 150, 165)], F, true, &["90847@10+95"], &["0820t_in_person_only", "medication_is_prescribers"])]
#[case::dosing_at_home_0820t_off(vec![dosing(S::HomeVirtualMonitoring, 150, 165)], F, false, &["90847@10+95"], &["0820t_off", "medication_is_prescribers"])]
#[case::solo_dosing_of_alex(vec![V { individual: true, present: &[ALEX], ..dosing(S::Office, 120, 130) }], F, true, &["0820T@11x2"], &["0820t_same_minutes", "medication_is_prescribers"])]
#[case::solo_dosing_then_40(vec![then(40, V { individual: true, present: &[ALEX], ..dosing(S::Office, 120, 130) })], F, true, &["90834@11 0820T@11x2"], &["medication_is_prescribers"])]
#[case::dosing_alex_absent(vec![with(&["blair"], dosing(S::Office, 150, 165))], F, true, &["90846@11"], &["medication_is_prescribers", "needs_patient", "patient_absent"])]
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
    assert_eq!(lines, expected, "the lines follow the rules of DOMAIN.md");
    assert_eq!(found, rules, "each rule that shaped the lines is named");
    // One rule path: every suggested line passes the same check as her own codes.
    for coded in code(&visits, dx, offer_0820t, &[]) {
        let refused: Vec<_> = crate::billing::check::check(
            &Visit {
                session_id: "s",
                kind: visits[0].kind,
                setting: visits[0].setting,
                date: NaiveDate::from_ymd_opt(2026, 3, visits[0].day).unwrap(),
                individual: visits[0].individual,
                present: visits[0].present.to_vec(),
                minutes: visits[0].minutes,
                monitored_minutes: visits[0].monitored,
                after_monitoring_minutes: visits[0].after,
                held: visits[0].held,
                interactive_complexity: visits[0].complexity,
                chosen: None,
            },
            &Patient {
                id: ALEX,
                name: "Alex",
                diagnoses: dx.to_vec(),
            },
            offer_0820t,
            &coded.lines,
            false,
        )
        .into_iter()
        .filter(|f| f.severity == crate::billing::rules::Severity::Refuse)
        .collect();
        if visits.len() == 1 {
            assert!(
                refused.is_empty(),
                "a suggested line passes every coding rule: {refused:?}"
            );
        }
    }
}

#[test]
fn every_reason_names_the_code_the_patient_and_the_minutes() {
    let coded = code(&[couple(94)], F, false, &[]);
    assert_eq!(
        coded[0].lines[0].reason,
        "90847: conjoint session, Alex (F43.23) present, 94 minutes, in the office",
        "the reason says the code, whose diagnosis, the minutes and where"
    );
    let coded = code(&[then(40, dosing(S::Office, 165, 165))], F, true, &[]);
    assert!(
        coded[0].lines[0]
            .reason
            .contains("40 minutes after discharge"),
        "psychotherapy after discharge says so: {}",
        coded[0].lines[0].reason
    );
}

/// Her codes, written `CODE@POS[+MODIFIER][xUNITS]`.
fn mine(codes: &str) -> Option<Vec<CodedLine>> {
    let lines = codes
        .split_whitespace()
        .map(|c| {
            let (c, units) = c
                .split_once('x')
                .map_or((c, 1), |(c, u)| (c, u.parse().unwrap()));
            let (code, rest) = c.split_once('@').unwrap();
            let mut parts = rest.split('+');
            CodedLine {
                code: code.into(),
                place_of_service: parts.next().unwrap().into(),
                modifiers: parts.map(str::to_owned).collect(),
                units,
                reason: String::new(),
            }
        })
        .collect();
    Some(lines)
}

// Her own codes: what is billed, which coding rules refuse them (then the suggestion is
// billed) and which payer habits warn (kept, to be acknowledged).
#[rstest]
#[case::accepted(couple(50), F, false, "90847@11", "90847@11", &[], &[])]
#[case::complexity_with_90847(couple(50), F, false, "90847@11 90785@11", "90847@11", &["no_90785_with_conjoint"], &[])]
#[case::complexity_alone(couple(50), F, false, "90785@11", "90847@11", &["90785_needs_host"], &[])]
#[case::complexity_with_90834(solo(45), F, false, "90834@11 90785@11", "90834@11 90785@11", &[], &[])]
#[case::two_conjoint_codes(couple(50), F, false, "90847@11 90846@11", "90847@11", &["conjoint_who", "one_conjoint_per_day"], &[])]
#[case::two_services(couple(50), F, false, "90847@11 90834@11", "90847@11", &["one_psychotherapy_code"], &[])]
#[case::wrong_band(solo(20), F, false, "90834@11", "90832@11", &["time_band"], &[])]
#[case::under_16(solo(12), F, false, "90832@11", "", &["under_16_minutes"], &[])]
#[case::individual_code_in_a_couples_session(couple(50), F, false, "90834@11", "90834@11", &[], &[])]
#[case::conjoint_too_short(couple(20), F, false, "90847@11", "", &["conjoint_under_26_minutes"], &[])]
#[case::conjoint_alone(solo(50), F, false, "90847@11", "90834@11", &["conjoint_who"], &[])]
#[case::absent_but_90847(with(&["blair"], couple(50)), F, false, "90847@11", "90846@11", &["conjoint_who"], &["patient_absent"])]
#[case::absent_90846_warns(with(&["blair"], couple(50)), F, false, "90846@11", "90846@11", &[], &["patient_absent"])]
#[case::z_code_warns(couple(50), &["Z63.0"], false, "90847@11", "90847@11", &[], &["z_code_primary"])]
#[case::wrong_place(at(S::TelehealthHome, couple(50)), F, false, "90847@11", "90847@10+95", &["place_of_service"], &[])]
#[case::telehealth_right_place(at(S::TelehealthHome, couple(50)), F, false, "90847@10+95", "90847@10+95", &[], &[])]
#[case::monitoring_by_video(dosing(S::HomeVirtualMonitoring, 150, 165), F, true, "0820T@10+95x3", "90847@10+95", &["0820t_in_person_only"], &[])]
#[case::monitoring_of_a_couples_session(couple(120), F, true, "0820T@11x2", "90847@11", &["0820t_in_person_only"], &[])]
#[case::monitoring_off(dosing(S::Office, 150, 165), F, false, "0820T@11x3", "90847@11", &["0820t_off"], &[])]
#[case::monitoring_too_many_hours(dosing(S::Office, 165, 165), F, true, "0820T@11x4", "0820T@11x3", &["0820t_hours"], &[])]
#[case::monitoring_and_the_same_minutes(dosing(S::Office, 165, 165), F, true, "90847@11 0820T@11x3", "0820T@11x3", &["0820t_same_minutes"], &[])]
#[case::monitoring_then_psychotherapy(then(30, dosing(S::Office, 165, 165)), F, true, "90847@11 0820T@11x3", "90847@11 0820T@11x3", &[], &[])]
#[case::monitoring_and_a_long_band(then(30, dosing(S::Office, 165, 165)), F, true, "90837@11 0820T@11x3", "90847@11 0820T@11x3", &["0820t_same_minutes"], &[])]
#[case::no_diagnosis(couple(50), &[], false, "90847@11", "", &["no_diagnosis"], &[])]
#[case::not_held(V { held: false, ..couple(50) }, F, false, "90847@11", "", &["not_held"], &[])]
#[case::unknown_code(couple(50), F, false, "90853@11", "90853@11", &[], &["unknown_code"])]
fn chosen_cases(
    #[case] visit: V,
    #[case] dx: &[&str],
    #[case] offer_0820t: bool,
    #[case] chosen: &str,
    #[case] billed: &str,
    #[case] refused: &[&str],
    #[case] warned: &[&str],
) {
    let coded = &code(&[visit], dx, offer_0820t, &[mine(chosen)])[0];
    assert_eq!(
        shown(&coded.lines),
        billed,
        "refused codes give way to the suggestion"
    );
    let mut got: Vec<&str> = coded.refused.iter().map(|f| f.rule.as_str()).collect();
    got.sort_unstable();
    got.dedup();
    assert_eq!(got, refused, "each coding rule her codes break is named");
    let mut warnings: Vec<&str> = coded
        .findings
        .iter()
        .filter(|f| f.severity == crate::billing::rules::Severity::Warn)
        .map(|f| f.rule.as_str())
        .collect();
    warnings.sort_unstable();
    assert_eq!(
        warnings, warned,
        "a payer's habit is a warning, not a refusal"
    );
    if !refused.is_empty() {
        assert!(
            coded.findings.iter().any(|f| f.rule == "choice_set_aside"),
            "setting her codes aside is said, not silent"
        );
    }
}

#[test]
fn a_chosen_conjoint_code_counts_for_the_day() {
    // Her 90847 on the first session of a day takes the day's conjoint code, so a second
    // session that day gets none, and her 90847 on that second one is refused.
    let day = [couple(50), couple(50)];
    let coded = code(&day, F, false, &[mine("90847@11"), None]);
    assert_eq!(
        shown(&coded[1].lines),
        "",
        "one conjoint code per patient per date"
    );
    let coded = code(&day, F, false, &[None, mine("90847@11")]);
    assert_eq!(
        coded[1]
            .refused
            .iter()
            .map(|f| f.rule.as_str())
            .collect::<Vec<_>>(),
        ["one_conjoint_per_day"],
        "a second conjoint code that day is refused"
    );
}
