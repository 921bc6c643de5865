use chrono::NaiveDate;

use super::*;

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
}

fn provider() -> PracticeProfile {
    PracticeProfile {
        provider_name: "Dana Whitfield".into(),
        credentials: "LMFT".into(),
        npi: "1234567893".into(),
        ein: "12-3456789".into(),
        license_number: "LMFT 1234".into(),
        license_state: "AZ".into(),
        taxonomy_code: "101YM0800X".into(),
        address_line1: "1 Main St".into(),
        city: "Tucson".into(),
        state: "AZ".into(),
        postal_code: "85701".into(),
        ..PracticeProfile::default()
    }
}

fn person() -> Person {
    Person {
        id: "p".into(),
        legal_name: "Zoë Ñúñez".into(),
        date_of_birth: NaiveDate::from_ymd_opt(1988, 5, 2),
        ..Person::default()
    }
}

fn dx(code: &str, day: u32, primary: bool) -> Diagnosis {
    Diagnosis {
        id: code.into(),
        person_id: "p".into(),
        code: code.into(),
        diagnosed_on: d(day),
        primary,
    }
}

fn line(code: &str) -> CodedLine {
    CodedLine {
        code: code.into(),
        modifiers: vec![],
        place_of_service: "11".into(),
        units: 1,
        reason: format!("{code}: because"),
    }
}

fn billed(day: u32, codes: &[&str], fee: i64, paid: i64) -> BilledSession {
    let lines: Vec<CodedLine> = codes.iter().map(|c| line(c)).collect();
    let fees = (0..lines.len())
        .map(|i| {
            if i == 0 {
                Cents::dollars(fee)
            } else {
                Cents::ZERO
            }
        })
        .collect();
    BilledSession {
        session_id: format!("s{day}"),
        held: true,
        findings: Vec::new(),
        date: d(day),
        lines,
        fees,
        charge: Cents::dollars(fee),
        paid: Cents::dollars(paid),
    }
}

#[test]
fn refuses_naming_every_missing_field() {
    let mut p = provider();
    p.npi.clear();
    p.ein.clear();
    let mut client = person();
    client.date_of_birth = None;
    let missing = assemble(&p, &client, &[], &[billed(2, &[], 250, 0)], d(1), d(31)).unwrap_err();
    assert_eq!(
        missing,
        [
            "the NPI",
            "the tax id (EIN)",
            "Zoë Ñúñez's date of birth",
            "a diagnosis for Zoë Ñúñez",
            "a session with a CPT code in these dates"
        ]
    );
}

#[test]
fn a_diagnosis_made_after_the_range_does_not_count() {
    let missing = assemble(
        &provider(),
        &person(),
        &[dx("F43.23", 30, true)],
        &[billed(2, &["90847"], 250, 0)],
        d(1),
        d(10),
    )
    .unwrap_err();
    assert_eq!(missing, ["a diagnosis for Zoë Ñúñez"]);
}

#[test]
fn letters_primary_first_and_points_only_to_diagnoses_made_by_the_date() {
    let diagnoses = [
        dx("Z63.0", 1, false),
        dx("F43.23", 1, true),
        dx("F41.1", 10, false),
    ];
    let sessions = [
        billed(2, &["90847"], 250, 250),
        billed(12, &["90847"], 250, 0),
    ];
    let bill = assemble(&provider(), &person(), &diagnoses, &sessions, d(1), d(31)).unwrap();
    let letters: Vec<(&str, &str)> = bill
        .diagnoses
        .iter()
        .map(|l| (l.letter.as_str(), l.code.as_str()))
        .collect();
    assert_eq!(letters, [("A", "F43.23"), ("B", "Z63.0"), ("C", "F41.1")]);
    assert!(
        bill.diagnoses[0]
            .description
            .contains("Adjustment disorder"),
        "{:?}",
        bill.diagnoses[0]
    );
    let pointers: Vec<&str> = bill.lines.iter().map(|l| l.pointers.as_str()).collect();
    assert_eq!(pointers, ["AB", "ABC"]);
    assert_eq!(
        (bill.total_fees, bill.total_paid, bill.balance),
        (Cents(50_000), Cents(25_000), Cents(25_000))
    );
}

#[test]
fn one_line_per_date_of_service_with_a_second_session_folded_in() {
    let sessions = [
        billed(2, &["90847"], 250, 100),
        billed(2, &[], 200, 50),
        billed(3, &["90834", "90785"], 180, 0),
    ];
    let bill = assemble(
        &provider(),
        &person(),
        &[dx("F43.23", 1, true)],
        &sessions,
        d(1),
        d(31),
    )
    .unwrap();
    let got: Vec<(u32, &str, i64, i64)> = bill
        .lines
        .iter()
        .map(|l| {
            (
                chrono::Datelike::day(&l.date),
                l.code.as_str(),
                l.fee.0,
                l.paid.0,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (2, "90847", 45_000, 15_000),
            (3, "90834", 18_000, 0),
            (3, "90785", 0, 0)
        ]
    );
    assert!(bill.lines[0]
        .reason
        .ends_with("with a second session that day"));
}

#[test]
fn sessions_outside_the_range_are_left_out() {
    let sessions = [
        billed(2, &["90847"], 250, 0),
        billed(20, &["90847"], 250, 0),
    ];
    let bill = assemble(
        &provider(),
        &person(),
        &[dx("F43.23", 1, true)],
        &sessions,
        d(1),
        d(15),
    )
    .unwrap();
    assert_eq!(bill.lines.len(), 1);
    assert_eq!(bill.total_fees, Cents::dollars(250));
}

#[test]
fn a_no_show_is_explained_among_the_warnings_and_adds_nothing() {
    use crate::billing::rules::{NOT_HELD, PATIENT_ABSENT};
    let mut absent = billed(2, &["90846"], 220, 0);
    absent.findings = vec![PATIENT_ABSENT.says("90846: Zoë was not present.")];
    let mut no_show = billed(2, &[], 0, 0);
    no_show.held = false;
    no_show.session_id = "gone".into();
    no_show.findings = vec![NOT_HELD.says(NOT_HELD.reason)];
    let bill = assemble(
        &provider(),
        &person(),
        &[dx("F43.23", 1, true)],
        &[absent, no_show],
        d(1),
        d(31),
    )
    .unwrap();
    assert_eq!(
        bill.total_fees,
        Cents::dollars(220),
        "a no-show adds no fee"
    );
    assert!(
        !bill.lines[0].reason.contains("second session"),
        "a no-show is not a second session held that day"
    );
    assert_eq!(
        bill.lines[0].warnings.len(),
        1,
        "the line carries its own warning"
    );
    let said: Vec<(&str, &str, bool)> = bill
        .warnings
        .iter()
        .map(|w| (w.session_id.as_str(), w.rule.as_str(), w.billed))
        .collect();
    assert_eq!(
        said,
        [("s2", "patient_absent", true), ("gone", "not_held", false)],
        "every session in the dates is accounted for"
    );
}
