// Amounts are written as dollars_cents (4_399_99 is $4,399.99), which reads better here than
// clippy's grouping by thousands.
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::NaiveDate;
use rstest::rstest;

use super::*;
use crate::model::{CodeFee, KindFee, PackagePart};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a test date")
}

/// The $400 rule, just under, at and over, with and without the next session booked.
#[rstest]
#[case::well_under(4_000_00, 3_000_00, None, Overage::Within)]
#[case::just_under(4_000_00, 4_399_99, None, Overage::Within)]
#[case::at(4_000_00, 4_400_00, None, Overage::Exceeds { over: Cents(400_00) })]
#[case::over(4_000_00, 4_400_01, None, Overage::Exceeds { over: Cents(400_01) })]
#[case::next_just_under(4_000_00, 4_000_00, Some(399_99), Overage::Within)]
#[case::next_at(4_000_00, 4_000_00, Some(400_00), Overage::NextWouldExceed { on: day("2026-12-10"), after: Cents(4_400_00) })]
#[case::next_over(4_000_00, 3_900_00, Some(950_00), Overage::NextWouldExceed { on: day("2026-12-10"), after: Cents(4_850_00) })]
#[case::already_over_with_next(4_000_00, 4_500_00, Some(250_00), Overage::Exceeds { over: Cents(500_00) })]
fn the_dispute_threshold_is_400_dollars_or_more(
    #[case] estimated: i64,
    #[case] charged: i64,
    #[case] next: Option<i64>,
    #[case] expected: Overage,
) {
    let next = next.map(|c| (day("2026-12-10"), Cents(c)));
    assert_eq!(
        overage(Cents(estimated), Cents(charged), next),
        expected,
        "45 CFR 149.620: a bill $400 or more over the estimate may be disputed, not $399.99"
    );
}

fn schedule() -> FeeSchedule {
    FeeSchedule {
        codes: [("90791", 300), ("90847", 250), ("90837", 240)]
            .iter()
            .map(|(code, d)| CodeFee {
                code: (*code).into(),
                amount: Cents::dollars(*d),
            })
            .collect(),
        kinds: vec![KindFee {
            kind: SessionKind::Dosing,
            amount: Cents::dollars(1000),
        }],
        offer_0820t: false,
        missed: Default::default(),
    }
}

fn three_dosings() -> Package {
    Package {
        id: "k3".into(),
        name: "3 dosing sessions".into(),
        kind: SessionKind::Dosing,
        sessions: 3,
        price: Cents::dollars(2850),
        psychotherapy_share: Some(Cents::dollars(600)),
        parts: vec![
            PackagePart {
                name: "Ketamine and its administration (IM)".into(),
                amount: Cents::dollars(200),
            },
            PackagePart {
                name: "Prescriber's medical monitoring".into(),
                amount: Cents::dollars(150),
            },
        ],
    }
}

#[test]
fn a_couples_arc_with_a_package_adds_up_to_the_books_prices() {
    let lines = price(&schedule(), &arc_plan(2, 3), Some(&three_dosings()));
    let total: Cents = lines.iter().map(|l| l.amount).sum();
    // Intake 300, two assessments 600, feedback 250, preparation 250, the package 2,850 and
    // three integrations 750: what the books charge for the same arc.
    assert_eq!(total, Cents::dollars(5000), "{lines:#?}");
    let medicine = lines
        .iter()
        .find(|l| l.service.starts_with("Ketamine"))
        .expect("the package's medicine is a line of its own");
    assert_eq!(
        (medicine.code.as_deref(), medicine.quantity, medicine.amount),
        (None, 3, Cents::dollars(600)),
        "the medicine has no CPT code and is charged per session of the package"
    );
    let intake = &lines[0];
    assert_eq!(
        (intake.service.as_str(), intake.code.as_deref()),
        ("Joint intake", Some("90791")),
        "the intake is a diagnostic evaluation"
    );
    for l in &lines {
        assert_eq!(
            l.amount.0,
            l.each.0 * i64::from(l.quantity),
            "{}: each times quantity is the amount, to the cent",
            l.service
        );
    }
}

#[test]
fn dosings_beyond_the_package_are_priced_by_the_fee_schedule() {
    let lines = price(&schedule(), &arc_plan(2, 4), Some(&three_dosings()));
    let extra = lines
        .iter()
        .find(|l| l.service == "Dosing session")
        .expect("a fourth dosing outside the package");
    assert_eq!(
        (extra.quantity, extra.amount),
        (1, Cents::dollars(1000)),
        "the kind fee prices a dosing the package does not hold"
    );
}

#[rstest]
#[case::nothing_held(&[], 6)]
#[case::intake_held(&[SessionKind::JointIntake], 5)]
#[case::both_assessments(&[SessionKind::JointIntake, SessionKind::IndividualAssessment, SessionKind::IndividualAssessment], 4)]
#[case::more_than_planned(&[SessionKind::Integration; 5], 5)]
fn what_was_held_leaves_the_plan(#[case] held: &[SessionKind], #[case] kinds_left: usize) {
    let left = remaining(&arc_plan(2, 2), held);
    assert_eq!(
        left.len(),
        kinds_left,
        "a kind whose sessions were all held is no longer expected: {left:?}"
    );
    assert!(left.iter().all(|p| p.count > 0), "no line of zero sessions");
}

fn estimate(from: &str, until: &str) -> Estimate {
    Estimate {
        provider: PracticeProfile {
            provider_name: "Dana Whitfield".into(),
            npi: "1234567893".into(),
            ein: "86-1234567".into(),
            address_line1: "1 Main St".into(),
            ..PracticeProfile::default()
        },
        unit_id: None,
        for_name: "Alex Rivera".into(),
        persons: vec![],
        diagnoses: vec![],
        from: day(from),
        until: day(until),
        lines: price(&schedule(), &arc_plan(1, 1), None),
        total: Cents::ZERO,
    }
}

#[rstest]
#[case::three_months("2026-03-01", "2026-05-31", None)]
#[case::last_day_of_twelve_months("2026-03-01", "2027-02-28", None)]
#[case::twelve_months_and_a_day("2026-03-01", "2027-03-01", Some("at most 12 months"))]
#[case::backwards("2026-03-01", "2026-02-01", Some("before it starts"))]
fn an_estimate_covers_at_most_twelve_months(
    #[case] from: &str,
    #[case] until: &str,
    #[case] refused: Option<&str>,
) {
    let found = problem(&estimate(from, until));
    match refused {
        None => assert_eq!(found, None, "{from} to {until} is within 12 months"),
        Some(words) => assert!(
            found.as_deref().is_some_and(|m| m.contains(words)),
            "{from} to {until}: {found:?} should say {words}"
        ),
    }
}

#[test]
fn an_estimate_names_its_provider() {
    let mut e = estimate("2026-03-01", "2026-05-31");
    e.provider.npi.clear();
    e.provider.ein = " ".into();
    let found = problem(&e).expect("no NPI, no tax id: refused");
    assert!(
        found.contains("the NPI, the tax id (EIN)"),
        "every missing detail is named: {found}"
    );
}
