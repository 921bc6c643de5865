//! Billing through the core's API and the command line: suggestions from held sessions, the
//! therapist's change kept with the session, packages and payments to the cent, superbills
//! numbered and frozen (also in the database), refused with the missing fields named, and the
//! PDFs read back with `pdftotext` and rendered with `pdftoppm`.

mod common;

use std::path::Path;
use std::process::Command;

use attune::billing::Cents;
use attune::files::Existing;
use attune::model::{
    Application, BillingChoice, CalledOff, CancelledBy, ClockEventKind, CodeFee, CodedLine,
    Diagnosis, FeeSchedule, KindFee, MissedFees, Package, PackagePurchase, Partner, Payment,
    PaymentMethod, Person, PracticeProfile, Session, SessionKind, SessionStatus, Setting,
    Structure, Unit, UnitStatus,
};
use attune::store::{billing, clients, practice, sessions};
use attune::typed::Large;
use attune::vault::Vault;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

const TODAY: &str = "2026-11-25";

struct Couple {
    unit: Unit,
    zoe: Person,
    thor: Person,
}

/// A practice with fees, and a couple: Zoë (F43.23 primary, Z63.0) and Þórunn (F41.1, or
/// nothing when `both` is false).
fn couple(vault: &mut Vault, both: bool) -> Couple {
    practice::save_profile(vault, &practice_profile()).unwrap();
    billing::save_fee_schedule(
        vault,
        &FeeSchedule {
            codes: vec![
                CodeFee {
                    code: "90791".into(),
                    amount: Cents::dollars(300),
                },
                CodeFee {
                    code: "90834".into(),
                    amount: Cents::dollars(180),
                },
                CodeFee {
                    code: "90847".into(),
                    amount: Cents::dollars(250),
                },
            ],
            kinds: vec![KindFee {
                kind: SessionKind::Dosing,
                amount: Cents::dollars(1000),
            }],
            offer_0820t: false,
            missed: Default::default(),
        },
    )
    .unwrap();
    let mut zoe = person("Zoë Ñúñez");
    zoe.address = "12 Calle Ñandú, Tucson, AZ 85701".into();
    zoe.insurance_payer = "Aetna".into();
    zoe.insurance_member_id = "W123456789".into();
    let zoe = clients::save_person(vault, &zoe, d(TODAY)).unwrap();
    let thor = clients::save_person(vault, &person("Þórunn Magnúsdóttir"), d(TODAY)).unwrap();
    let dx = |vault: &mut Vault, p: &Person, code: &str, primary: bool| {
        clients::add_diagnosis(
            vault,
            &Diagnosis {
                id: String::new(),
                person_id: p.id.clone(),
                code: code.into(),
                diagnosed_on: d("2026-03-01"),
                primary,
            },
        )
        .unwrap();
    };
    dx(vault, &zoe, "F43.23", true);
    dx(vault, &zoe, "Z63.0", false);
    if both {
        dx(vault, &thor, "F41.1", true);
    }
    let unit = clients::save_unit(
        vault,
        &Unit {
            id: String::new(),
            name: "Ñúñez–Magnúsdóttir".into(),
            structure: Structure::Couple,
            status: UnitStatus::Active,
            start_date: Some(d("2026-03-01")),
            goals: String::new(),
            partners: [&zoe, &thor]
                .iter()
                .map(|p| Partner {
                    person_id: p.id.clone(),
                    attachment_notes: String::new(),
                })
                .collect(),
        },
    )
    .unwrap();
    Couple { unit, zoe, thor }
}

/// Books and holds a joint session of `minutes` at `start` with `present`.
fn held(
    vault: &mut Vault,
    unit: &Unit,
    kind: SessionKind,
    start: &str,
    minutes: i64,
    present: &[&Person],
) -> Session {
    let s = sessions::save_session(
        vault,
        &Session {
            id: String::new(),
            unit_id: Some(unit.id.clone()),
            person_id: None,
            kind,
            scheduled_at: t(start),
            planned_minutes: 60,
            setting: Setting::Office,
            attendees: present.iter().map(|p| p.id.clone()).collect(),
            status: SessionStatus::Scheduled,
            mode: None,
            dosing_partners: Vec::new(),
            supporters: String::new(),
            transport: String::new(),
            gate_override: None,
            called_off: None,
        },
    )
    .unwrap();
    sessions::record_clock(vault, &s.id, ClockEventKind::Start, None, t(start), None).unwrap();
    sessions::record_clock(
        vault,
        &s.id,
        ClockEventKind::End,
        None,
        t(start) + Duration::minutes(minutes),
        None,
    )
    .unwrap();
    sessions::session(vault, &s.id).unwrap()
}

fn pay(
    vault: &mut Vault,
    who: &Person,
    dollars: i64,
    applied: Vec<Application>,
) -> attune::Result<Payment> {
    billing::record_payment(
        vault,
        &Payment {
            id: String::new(),
            person_id: who.id.clone(),
            received_on: d("2026-03-20"),
            amount: Cents::dollars(dollars),
            method: PaymentMethod::HsaFsa,
            note: String::new(),
            applied,
        },
        Large::Ask,
    )
}

#[test]
fn a_couples_superbill_has_one_90847_line_per_date_and_only_the_patients_diagnoses() {
    let (_tmp, _dir, mut vault) = new_vault();
    let c = couple(&mut vault, true);
    // 17:00 UTC is 10:00 in Phoenix (the computer's zone in CI is UTC; the default zone).
    held(
        &mut vault,
        &c.unit,
        SessionKind::JointIntake,
        "2026-03-02T17:00:00Z",
        80,
        &[&c.zoe, &c.thor],
    );
    held(
        &mut vault,
        &c.unit,
        SessionKind::CouplesSession,
        "2026-03-09T17:00:00Z",
        94,
        &[&c.zoe, &c.thor],
    );
    // Two sessions on one day: one line, both charges.
    held(
        &mut vault,
        &c.unit,
        SessionKind::CouplesSession,
        "2026-03-16T16:00:00Z",
        50,
        &[&c.zoe, &c.thor],
    );
    held(
        &mut vault,
        &c.unit,
        SessionKind::CouplesSession,
        "2026-03-16T20:00:00Z",
        45,
        &[&c.zoe, &c.thor],
    );
    let bill =
        billing::preview_superbill(&vault, &c.zoe.id, d("2026-03-01"), d("2026-03-31")).unwrap();
    let lines: Vec<(String, &str, &str, i64)> = bill
        .lines
        .iter()
        .map(|l| {
            (
                l.date.to_string(),
                l.code.as_str(),
                l.pointers.as_str(),
                l.fee.0,
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("2026-03-02".into(), "90791", "AB", 30_000),
            ("2026-03-09".into(), "90847", "AB", 25_000),
            ("2026-03-16".into(), "90847", "AB", 50_000),
        ]
    );
    assert_eq!(
        bill.lines[1].reason,
        "90847: conjoint session, Zoë Ñúñez (F43.23) present, 94 minutes, in the office"
    );
    let codes: Vec<&str> = bill.diagnoses.iter().map(|x| x.code.as_str()).collect();
    assert_eq!(codes, ["F43.23", "Z63.0"], "never Þórunn's F41.1");
    // Þórunn has a diagnosis, but every session went on Zoë's superbill (the first partner
    // present with one): a session is billed once.
    let refused = billing::preview_superbill(&vault, &c.thor.id, d("2026-03-01"), d("2026-03-31"))
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "This superbill cannot be issued yet: it needs a session with a CPT code in these dates. Nothing was issued."
    );
}

#[test]
fn the_therapists_change_is_kept_with_the_session_and_moves_it_between_superbills() {
    let (_tmp, _dir, mut vault) = new_vault();
    let c = couple(&mut vault, true);
    let s = held(
        &mut vault,
        &c.unit,
        SessionKind::CouplesSession,
        "2026-03-09T17:00:00Z",
        50,
        &[&c.zoe, &c.thor],
    );
    let panel = billing::session_billing(&vault, &s.id).unwrap();
    assert_eq!(panel.identified_patient.as_deref(), Some(c.zoe.id.as_str()));
    assert_eq!(panel.lines[0].code, "90847");
    assert_eq!(panel.charge.amount, Cents::dollars(250));

    // Her own codes need a reason.
    let mine = CodedLine {
        code: "90834".into(),
        modifiers: vec![],
        place_of_service: "11".into(),
        units: 1,
        reason: String::new(),
    };
    let mut choice = BillingChoice {
        session_id: s.id.clone(),
        identified_patient: Some(c.thor.id.clone()),
        interactive_complexity: false,
        lines: Some(vec![mine]),
        why: String::new(),
        acknowledged: vec![],
    };
    let refused = billing::save_billing_choice(&mut vault, &choice).unwrap_err();
    assert!(
        refused
            .to_string()
            .starts_with("Say why you changed the codes"),
        "{refused}"
    );
    choice.why = "Zoë left after ten minutes; individual work with Þórunn".into();
    billing::save_billing_choice(&mut vault, &choice).unwrap();

    let panel = billing::session_billing(&vault, &s.id).unwrap();
    assert_eq!(panel.identified_patient_name, "Þórunn Magnúsdóttir");
    assert_eq!(
        panel.lines[0].reason,
        "90834: chosen by the therapist (Zoë left after ten minutes; individual work with Þórunn)"
    );
    assert_eq!(
        panel.suggestion.lines[0].code, "90847",
        "the suggestion is still shown beside her choice"
    );
    let thor_bill =
        billing::preview_superbill(&vault, &c.thor.id, d("2026-03-01"), d("2026-03-31")).unwrap();
    assert_eq!(thor_bill.lines.len(), 1);
    assert_eq!(
        (thor_bill.lines[0].code.as_str(), thor_bill.lines[0].fee),
        ("90834", Cents::dollars(180))
    );
    assert_eq!(
        thor_bill
            .diagnoses
            .iter()
            .map(|x| x.code.as_str())
            .collect::<Vec<_>>(),
        ["F41.1"]
    );
    assert!(
        billing::preview_superbill(&vault, &c.zoe.id, d("2026-03-01"), d("2026-03-31")).is_err()
    );

    // Someone outside the session cannot be its identified patient.
    let stranger = clients::save_person(&mut vault, &person("Eli Brooks"), d(TODAY)).unwrap();
    choice.identified_patient = Some(stranger.id);
    assert!(billing::save_billing_choice(&mut vault, &choice).is_err());
}

#[test]
fn nobody_with_a_diagnosis_gets_receipts_and_the_app_says_why() {
    let (_tmp, _dir, mut vault) = new_vault();
    let c = couple(&mut vault, false);
    // Remove Zoë's diagnoses from the picture by using a unit of two without any.
    let a = clients::save_person(&mut vault, &person("Priya Raman"), d(TODAY)).unwrap();
    let b = clients::save_person(&mut vault, &person("Eli Brooks"), d(TODAY)).unwrap();
    let unit = clients::save_unit(
        &mut vault,
        &Unit {
            id: String::new(),
            name: "Raman–Brooks".into(),
            partners: [&a, &b]
                .iter()
                .map(|p| Partner {
                    person_id: p.id.clone(),
                    attachment_notes: String::new(),
                })
                .collect(),
            ..c.unit.clone()
        },
    )
    .unwrap();
    let s = held(
        &mut vault,
        &unit,
        SessionKind::CouplesSession,
        "2026-03-09T17:00:00Z",
        50,
        &[&a, &b],
    );
    let panel = billing::session_billing(&vault, &s.id).unwrap();
    assert!(panel.lines.is_empty());
    assert_eq!(
        panel.suggestion.findings.last().unwrap().text,
        "Nobody in Raman–Brooks has a diagnosis: receipts, not superbills."
    );
    assert_eq!(
        panel.charge.amount,
        Cents::dollars(250),
        "the session is still charged (by its code's fee)"
    );
    let receipt = billing::receipt(&vault, &a.id, d("2026-03-01"), d("2026-03-31")).unwrap();
    assert_eq!(receipt.lines.len(), 1);
    assert_eq!(
        receipt.lines[0].description,
        "Couples session, Raman–Brooks"
    );
    assert!(receipt
        .why_not_a_superbill
        .starts_with("Priya Raman has no diagnosis, so this is a receipt"));
}

#[test]
fn a_superbill_is_refused_naming_what_a_payer_would_reject() {
    let (_tmp, _dir, mut vault) = new_vault();
    let c = couple(&mut vault, false);
    held(
        &mut vault,
        &c.unit,
        SessionKind::CouplesSession,
        "2026-03-09T17:00:00Z",
        50,
        &[&c.zoe, &c.thor],
    );
    practice::save_profile(
        &mut vault,
        &PracticeProfile {
            npi: String::new(),
            ein: String::new(),
            ..practice_profile()
        },
    )
    .unwrap();
    let mut zoe = c.zoe.clone();
    zoe.date_of_birth = None;
    clients::save_person(&mut vault, &zoe, d(TODAY)).unwrap();
    let refused = billing::issue_superbill(
        &mut vault,
        &c.zoe.id,
        d("2026-03-01"),
        d("2026-03-31"),
        t("2026-04-01T17:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "This superbill cannot be issued yet: it needs the NPI, the tax id (EIN) and Zoë Ñúñez's date of birth. Nothing was issued."
    );
    assert!(billing::superbills(&vault).unwrap().is_empty());
    let backwards = billing::preview_superbill(&vault, &c.zoe.id, d("2026-03-31"), d("2026-03-01"))
        .unwrap_err();
    assert_eq!(
        backwards.to_string(),
        "The range ends (2026-03-01) before it starts (2026-03-31)."
    );
}

#[test]
fn issued_superbills_are_numbered_frozen_and_corrected_by_a_new_one() {
    let (_tmp, dir, mut vault) = new_vault();
    let c = couple(&mut vault, false);
    let s = held(
        &mut vault,
        &c.unit,
        SessionKind::CouplesSession,
        "2026-03-09T17:00:00Z",
        50,
        &[&c.zoe, &c.thor],
    );
    let (from, to) = (d("2026-03-01"), d("2026-03-31"));
    let first =
        billing::issue_superbill(&mut vault, &c.zoe.id, from, to, t("2026-04-01T17:00:00Z"))
            .unwrap();
    assert_eq!(
        (first.number, first.replaces, first.superbill.balance),
        (1, None, Cents::dollars(250))
    );
    // Nothing changed: the same superbill, not a new number.
    let again =
        billing::issue_superbill(&mut vault, &c.zoe.id, from, to, t("2026-04-02T17:00:00Z"))
            .unwrap();
    assert_eq!((again.number, again.issued_at), (1, first.issued_at));
    // A payment changes what it would say: a correction, numbered next, naming the first.
    pay(&mut vault, &c.zoe, 250, vec![]).unwrap();
    let second =
        billing::issue_superbill(&mut vault, &c.zoe.id, from, to, t("2026-04-03T17:00:00Z"))
            .unwrap();
    assert_eq!(
        (second.number, second.replaces, second.superbill.balance),
        (2, Some(1), Cents::ZERO)
    );
    // The first still says what it said.
    assert_eq!(
        billing::superbill(&vault, 1).unwrap().superbill.balance,
        Cents::dollars(250)
    );
    let listed = billing::superbills(&vault).unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|x| (x.number, x.replaces, x.replaced_by))
            .collect::<Vec<_>>(),
        [(2, Some(1), None), (1, None, Some(2))]
    );
    // A later timer correction or a deleted session cannot reach an issued superbill, even in
    // the database itself.
    drop(vault);
    let raw = open_raw(&dir, PASSPHRASE);
    let change = raw
        .execute("UPDATE superbills SET content = '{}' WHERE number = 1", [])
        .unwrap_err();
    assert!(
        change
            .to_string()
            .contains("an issued superbill cannot change"),
        "{change}"
    );
    let remove = raw
        .execute("DELETE FROM superbills WHERE number = 1", [])
        .unwrap_err();
    assert!(remove.to_string().contains("cannot be removed"), "{remove}");
    let _ = s;
}

#[test]
fn packages_share_their_price_to_the_cent_and_payments_go_oldest_first() {
    let (_tmp, _dir, mut vault) = new_vault();
    let c = couple(&mut vault, false);
    let three = billing::save_package(
        &mut vault,
        &Package {
            id: String::new(),
            name: "3 dosing sessions".into(),
            kind: SessionKind::Dosing,
            sessions: 3,
            price: Cents::dollars(1000),
            psychotherapy_share: None,
            parts: vec![],
        },
    )
    .unwrap();
    billing::buy_package(
        &mut vault,
        &PackagePurchase {
            id: String::new(),
            package_id: three.id.clone(),
            unit_id: Some(c.unit.id.clone()),
            person_id: None,
            bought_on: d("2026-03-01"),
        },
    )
    .unwrap();
    // Once bought, a package's price is on sessions: it cannot change.
    let refused = billing::save_package(
        &mut vault,
        &Package {
            price: Cents::dollars(900),
            ..three.clone()
        },
    )
    .unwrap_err();
    assert!(
        refused.to_string().contains("add a new package instead"),
        "{refused}"
    );

    let couples = held(
        &mut vault,
        &c.unit,
        SessionKind::CouplesSession,
        "2026-03-02T17:00:00Z",
        50,
        &[&c.zoe, &c.thor],
    );
    let dosing = held(
        &mut vault,
        &c.unit,
        SessionKind::FeedbackAndGoals,
        "2026-03-05T17:00:00Z",
        50,
        &[&c.zoe, &c.thor],
    );
    let ledger = billing::ledger(&vault).unwrap();
    let charges: Vec<i64> = ledger.rows.iter().map(|r| r.charge.amount.0).collect();
    assert_eq!(charges, [25_000, 25_000]);

    // $300 pays the older session in full and $50 of the next; $1,000 more leaves a credit.
    let p = pay(&mut vault, &c.zoe, 300, vec![]).unwrap();
    assert_eq!(
        p.applied,
        [
            Application {
                session_id: couples.id.clone(),
                amount: Cents::dollars(250)
            },
            Application {
                session_id: dosing.id.clone(),
                amount: Cents::dollars(50)
            },
        ]
    );
    // More than a session owes cannot be applied to it.
    let over = pay(
        &mut vault,
        &c.thor,
        500,
        vec![Application {
            session_id: dosing.id.clone(),
            amount: Cents::dollars(500),
        }],
    )
    .unwrap_err();
    assert!(over.to_string().contains("it owes $200.00"), "{over}");
    pay(&mut vault, &c.thor, 1000, vec![]).unwrap();
    let ledger = billing::ledger(&vault).unwrap();
    let unit = ledger.balances.iter().find(|b| b.is_unit).unwrap();
    assert_eq!(
        (unit.charged, unit.paid, unit.balance),
        (Cents::dollars(500), Cents::dollars(500), Cents::ZERO)
    );
    let thor = ledger.balances.iter().find(|b| b.id == c.thor.id).unwrap();
    assert_eq!(
        (thor.credit, thor.balance),
        (Cents::dollars(800), Cents::dollars(-800))
    );
    assert!(
        pay(&mut vault, &c.zoe, 0, vec![]).is_err(),
        "a payment of nothing is refused"
    );
}

#[test]
fn a_payment_above_fifty_thousand_dollars_is_recorded_only_once_she_confirms_it() {
    let (_tmp, _dir, mut vault) = new_vault();
    let c = couple(&mut vault, true);
    // Two zeros too many on a $99,999.99 check: the slip the bound is there to catch.
    let slip = Payment {
        id: String::new(),
        person_id: c.zoe.id.clone(),
        received_on: d("2026-03-20"),
        amount: Cents::dollars(9_999_999),
        method: PaymentMethod::Check,
        note: String::new(),
        applied: vec![],
    };
    let asked = billing::record_payment(&mut vault, &slip, Large::Ask)
        .expect_err("a payment above $50,000 is not recorded unasked");
    assert_eq!(
        asked.code(),
        attune::ErrorCode::Confirm,
        "the window asks her to confirm rather than refusing outright"
    );
    assert_eq!(
        asked.to_string(),
        "$9,999,999.00 is more than $50,000.00 for one payment. Check the amount; if it is right, confirm it to record it.",
        "the sentence shows the amount as she will see it on her books"
    );
    assert!(
        billing::payments(&vault).unwrap().is_empty(),
        "nothing is recorded while the question is open"
    );
    let at_bound = Payment {
        amount: Cents::dollars(50_000),
        ..slip.clone()
    };
    billing::record_payment(&mut vault, &at_bound, Large::Ask)
        .expect("$50,000.00 itself needs no confirmation");
    let saved = billing::record_payment(&mut vault, &slip, Large::Confirmed)
        .expect("once confirmed, the amount is hers to record");
    assert_eq!(
        saved.amount,
        Cents::dollars(9_999_999),
        "recorded as typed, once confirmed"
    );
    assert_eq!(
        billing::payments(&vault).unwrap().len(),
        2,
        "the payment at the bound and the confirmed one"
    );
}

#[test]
fn a_package_pays_for_the_dosings_it_covers() {
    let (_tmp, _dir, mut vault) = new_vault();
    attune::demo::populate(&mut vault, d(TODAY)).unwrap();
    let ledger = billing::ledger(&vault).unwrap();
    let package_rows: Vec<i64> = ledger
        .rows
        .iter()
        .filter(|r| matches!(&r.charge.source, attune::billing::fees::ChargeSource::Package { name } if name == "3 dosing sessions"))
        .map(|r| r.charge.amount.0)
        .collect();
    assert_eq!(package_rows, [95_000, 95_000]);
    let unit = ledger
        .balances
        .iter()
        .find(|b| b.is_unit && b.name == "Rivera–Chen")
        .unwrap();
    assert_eq!(
        (unit.charged, unit.balance),
        (Cents::dollars(3575), Cents::dollars(325)),
        "the sessions held, and the $75 fee of the session they cancelled that morning, unpaid"
    );
}

/// Writes a PDF made in the test under `dir` (never over a file) and returns its path.
fn written(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    attune::pdf::write_pdf(&path, bytes, Existing::Refuse).unwrap();
    path
}

/// Renders page 1 to `png` (without extension) at `dpi`, checking pdftoppm says nothing.
fn pdftoppm(pdf: &Path, png: &Path, dpi: u32) {
    let out = Command::new("pdftoppm")
        .args([
            "-png",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
            "-r",
            &dpi.to_string(),
        ])
        .arg(pdf)
        .arg(png)
        .output()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "pdftoppm: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_pdf_holds_every_required_field_and_line_as_real_text() {
    let (tmp, _dir, mut vault) = new_vault();
    let c = couple(&mut vault, true);
    for (day, minutes) in [(2, 50), (9, 94), (16, 26), (23, 60)] {
        held(
            &mut vault,
            &c.unit,
            SessionKind::CouplesSession,
            &format!("2026-03-{day:02}T17:00:00Z"),
            minutes,
            &[&c.zoe, &c.thor],
        );
    }
    pay(&mut vault, &c.zoe, 600, vec![]).unwrap();
    let issued = billing::issue_superbill(
        &mut vault,
        &c.zoe.id,
        d("2026-03-01"),
        d("2026-03-31"),
        t("2026-04-01T17:00:00Z"),
    )
    .unwrap();
    let pdf = written(
        tmp.path(),
        "superbill.pdf",
        &attune::pdf::superbill_pdf(&issued, None).unwrap(),
    );
    let text = pdftotext(&pdf);
    for needle in [
        "Superbill",
        "No. 1",
        "Dana Whitfield, PhD, LMFT",
        "1558598797",
        "86-1234567",
        "LMFT-14021 (AZ)",
        "101YM0800X",
        "2200 E Camelback Rd, Suite 210",
        "Phoenix, AZ 85016",
        "602-555-0142",
        "Zoë Ñúñez",
        "02/28/1990",
        "12 Calle Ñandú, Tucson, AZ 85701",
        "Aetna",
        "W123456789",
        "F43.23",
        "Adjustment disorder with mixed anxiety and depressed mood",
        "Z63.0",
        "Total charges",
        "$1,000.00",
        "Amount paid",
        "$600.00",
        "Balance due",
        "$400.00",
        "Signature of Dana Whitfield",
    ] {
        assert!(
            text.contains(needle),
            "{needle:?} is not in the PDF's text:\n{text}"
        );
    }
    assert!(
        !text.contains("F41.1"),
        "another partner's diagnosis must never print"
    );
    for day in ["03/02/2026", "03/09/2026", "03/16/2026", "03/23/2026"] {
        let line = text
            .lines()
            .find(|l| l.contains(day))
            .unwrap_or_else(|| panic!("no line for {day}:\n{text}"));
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            &words[..6],
            [day, "11", "90847", "AB", "1", "$250.00"],
            "{line}"
        );
    }
    pdftoppm(&pdf, &tmp.path().join("page"), 50);
    assert!(tmp.path().join("page.png").metadata().unwrap().len() > 10_000);

    // A correction says so on paper; and Þórunn's name prints right on her receipt.
    pay(&mut vault, &c.thor, 100, vec![]).unwrap();
    let second = billing::issue_superbill(
        &mut vault,
        &c.zoe.id,
        d("2026-03-01"),
        d("2026-03-31"),
        t("2026-04-02T17:00:00Z"),
    )
    .unwrap();
    let corrected = written(
        tmp.path(),
        "corrected.pdf",
        &attune::pdf::superbill_pdf(&second, None).unwrap(),
    );
    assert!(pdftotext(&corrected).contains("Corrects and replaces No. 1"));
    let receipt = billing::receipt(&vault, &c.thor.id, d("2026-03-01"), d("2026-03-31")).unwrap();
    let receipt_pdf = written(
        tmp.path(),
        "receipt.pdf",
        &attune::pdf::receipt_pdf(&receipt, None).unwrap(),
    );
    let text = pdftotext(&receipt_pdf);
    assert!(
        text.contains("Þórunn Magnúsdóttir")
            && text.contains("Couples session, Ñúñez–Magnúsdóttir"),
        "{text}"
    );
    assert!(!text.contains("90847"), "a receipt has no codes");
    // Never over an existing file.
    assert!(attune::pdf::write_pdf(&receipt_pdf, b"%PDF", Existing::Refuse).is_err());
}

#[test]
fn a_long_superbill_flows_onto_a_second_page_with_its_header() {
    let (tmp, _dir, mut vault) = new_vault();
    let c = couple(&mut vault, false);
    let mut day = d("2026-03-02");
    for _ in 0..40 {
        held(
            &mut vault,
            &c.unit,
            SessionKind::CouplesSession,
            &format!("{day}T17:00:00Z"),
            50,
            &[&c.zoe, &c.thor],
        );
        day += Duration::days(3);
    }
    let issued = billing::issue_superbill(
        &mut vault,
        &c.zoe.id,
        d("2026-03-01"),
        day,
        t("2026-06-01T17:00:00Z"),
    )
    .unwrap();
    let pdf = written(
        tmp.path(),
        "long.pdf",
        &attune::pdf::superbill_pdf(&issued, None).unwrap(),
    );
    let text = pdftotext(&pdf);
    assert_eq!(issued.superbill.lines.len(), 40);
    assert!(text.contains("Page 2"), "{text}");
    assert_eq!(text.matches("90847").count(), issued.superbill.lines.len());
    assert_eq!(
        text.matches("DX POINTER").count(),
        2,
        "the table's header repeats on page 2:\n{text}"
    );
}

/// The demo couple's superbill from the command line, as PDF and as JSON, its page 1 saved as
/// a picture for review; and the month's batch.
#[test]
fn the_command_line_writes_the_demo_couples_superbill_and_a_months_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let attune = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_attune"))
            .arg("--vault")
            .arg(&dir)
            .args(args)
            .env("ATTUNE_PASSPHRASE", PASSPHRASE)
            .output()
            .unwrap()
    };
    assert!(attune(&["demo"]).status.success());
    let vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    let alex = clients::persons(&vault)
        .unwrap()
        .into_iter()
        .find(|p| p.legal_name == "Alexandra Rivera")
        .unwrap();
    drop(vault);
    let today = attune::demo::today(Utc::now());
    let from = (today - Duration::days(60)).to_string();
    let to = today.to_string();

    let json = attune(&[
        "superbill",
        "--person",
        &alex.id,
        "--from",
        &from,
        "--to",
        &to,
        "--format",
        "json",
    ]);
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let codes: Vec<&str> = value["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["90791", "90791", "90847", "90847", "90847", "90847", "90847", "90847"]
    );
    let first = &value["lines"][2];
    for key in [
        "code",
        "modifiers",
        "place_of_service",
        "units",
        "fee",
        "paid",
        "pointers",
        "reason",
    ] {
        assert!(!first[key].is_null(), "{key} missing from {first}");
    }

    let pdf = tmp.path().join("alex.pdf");
    let out = attune(&[
        "superbill",
        "--person",
        &alex.id,
        "--from",
        &from,
        "--to",
        &to,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The two dosings of the demo's package carry its $600 psychotherapy share each, not the
    // $950 that includes the ketamine and the prescriber's monitoring.
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with("Superbill No. 1: 8 line(s), $2,800.00 charged, $2,550.00 paid."),
        "{said}"
    );
    let text = pdftotext(&pdf);
    assert!(
        text.contains("Alexandra Rivera")
            && text.contains("XAZ902114557")
            && text.contains("Blue Cross Blue Shield of Arizona")
    );
    let shots = repo().join("test-output");
    std::fs::create_dir_all(&shots).unwrap();
    pdftoppm(&pdf, &shots.join("superbill-demo-couple-page1"), 100);

    // The same file again is refused; a bad date is explained.
    let again = attune(&[
        "superbill",
        "--person",
        &alex.id,
        "--from",
        &from,
        "--to",
        &to,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        !again.status.success()
            && String::from_utf8_lossy(&again.stderr).contains("already exists")
    );
    let bad = attune(&[
        "superbill",
        "--person",
        &alex.id,
        "--from",
        "2026-02-30",
        "--to",
        &to,
        "--format",
        "json",
    ]);
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains(
            "The first date 2026-02-30 is not a day on the calendar: February 2026 has 28 days."
        ),
        "the command line reads dates with the core's parser, naming the field: {}",
        String::from_utf8_lossy(&bad.stderr)
    );
    assert_eq!(
        bad.status.code(),
        Some(2),
        "a date that does not exist is a usage error"
    );

    // The month of the dyadic dosing: Alex's superbill (re-issued unchanged if it is the
    // same range) and receipts for Jordan, who has no diagnosis.
    let month = (today - Duration::days(10)).format("%Y-%m").to_string();
    let batch_dir = tmp.path().join("batch");
    let batch = attune(&[
        "superbills",
        "--month",
        &month,
        "--out",
        batch_dir.to_str().unwrap(),
    ]);
    assert!(
        batch.status.success(),
        "{}",
        String::from_utf8_lossy(&batch.stderr)
    );
    let mut files: Vec<String> = std::fs::read_dir(&batch_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("superbill-0002-") && f.ends_with("-Alexandra-Rivera.pdf")),
        "{files:?}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("-Jordan-Chen.pdf") && f.starts_with("receipt-")),
        "{files:?}"
    );
    let bad_month = attune(&[
        "superbills",
        "--month",
        "2026-13",
        "--out",
        batch_dir.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&bad_month.stderr).contains("is not a month"));
}

#[test]
fn the_practice_logo_prints_at_the_top_and_a_file_that_is_not_an_image_is_refused() {
    let (tmp, _dir, mut vault) = new_vault();
    let c = couple(&mut vault, false);
    held(
        &mut vault,
        &c.unit,
        SessionKind::CouplesSession,
        "2026-03-09T17:00:00Z",
        50,
        &[&c.zoe, &c.thor],
    );
    let png = std::fs::read(repo().join("src-tauri/icons/128x128.png")).unwrap();
    practice::save_logo(&mut vault, Some(&png)).unwrap();
    let refused = practice::save_logo(&mut vault, Some(b"GIF89a not really")).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "This file is not a PNG or JPEG image Attune can print. Choose another."
    );
    assert_eq!(
        practice::logo(&vault).unwrap().as_deref(),
        Some(&png[..]),
        "the saved logo is kept"
    );

    let issued = billing::issue_superbill(
        &mut vault,
        &c.zoe.id,
        d("2026-03-01"),
        d("2026-03-31"),
        t("2026-04-01T17:00:00Z"),
    )
    .unwrap();
    let pdf = tmp.path().join("with-logo.pdf");
    let logo = practice::logo(&vault).unwrap();
    attune::pdf::write_pdf(
        &pdf,
        &attune::pdf::superbill_pdf(&issued, logo.as_deref()).unwrap(),
        Existing::Refuse,
    )
    .unwrap();
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .expect("pdfimages (poppler-utils) is installed");
    let list = String::from_utf8(out.stdout).unwrap();
    let images: Vec<&str> = list
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .collect();
    assert_eq!(images.len(), 1, "{list}");
    assert!(
        images[0].split_whitespace().nth(3) == Some("128")
            && images[0].split_whitespace().nth(4) == Some("128"),
        "{list}"
    );
    assert!(
        pdftotext(&pdf).contains("Dana Whitfield, PhD, LMFT"),
        "the name still prints beside the logo"
    );
    pdftoppm(&pdf, &tmp.path().join("logo-page"), 50);

    practice::save_logo(&mut vault, None).unwrap();
    assert!(practice::logo(&vault).unwrap().is_none());
}

/// Books and holds an individual session of `minutes` for `who`.
fn held_alone(vault: &mut Vault, who: &Person, start: &str, minutes: i64) -> Session {
    let s = sessions::save_session(
        vault,
        &Session {
            id: String::new(),
            unit_id: None,
            person_id: Some(who.id.clone()),
            kind: SessionKind::Integration,
            scheduled_at: t(start),
            planned_minutes: 60,
            setting: Setting::Office,
            attendees: vec![who.id.clone()],
            status: SessionStatus::Scheduled,
            mode: None,
            dosing_partners: Vec::new(),
            supporters: String::new(),
            transport: String::new(),
            gate_override: None,
            called_off: None,
        },
    )
    .unwrap();
    let end = t(start) + Duration::minutes(minutes);
    sessions::record_clock(vault, &s.id, ClockEventKind::Start, None, t(start), None).unwrap();
    sessions::record_clock(vault, &s.id, ClockEventKind::End, None, end, None).unwrap();
    sessions::session(vault, &s.id).unwrap()
}

#[test]
fn the_command_lines_json_carries_every_warning_and_why_a_session_has_no_line() {
    let (tmp, dir, mut vault) = new_vault();
    let c = couple(&mut vault, false);
    let both = [&c.zoe, &c.thor];
    let unit = &c.unit;
    held(
        &mut vault,
        unit,
        SessionKind::CouplesSession,
        "2026-03-02T17:00:00Z",
        25,
        &both,
    );
    held(
        &mut vault,
        unit,
        SessionKind::CouplesSession,
        "2026-03-09T17:00:00Z",
        50,
        &[&c.thor],
    );
    held(
        &mut vault,
        unit,
        SessionKind::CouplesSession,
        "2026-03-16T16:00:00Z",
        50,
        &both,
    );
    held(
        &mut vault,
        unit,
        SessionKind::CouplesSession,
        "2026-03-16T20:00:00Z",
        45,
        &both,
    );
    let eli = clients::save_person(&mut vault, &person("Eli Brooks"), d(TODAY)).unwrap();
    clients::add_diagnosis(
        &mut vault,
        &Diagnosis {
            id: String::new(),
            person_id: eli.id.clone(),
            code: "Z63.0".into(),
            diagnosed_on: d("2026-03-01"),
            primary: true,
        },
    )
    .unwrap();
    held_alone(&mut vault, &eli, "2026-03-04T17:00:00Z", 50);
    vault.lock().unwrap();

    let json_of = |who: &str| -> serde_json::Value {
        let out = Command::new(env!("CARGO_BIN_EXE_attune"))
            .arg("--vault")
            .arg(&dir)
            .args(["superbill", "--person", who, "--from", "2026-03-01"])
            .args(["--to", "2026-03-31", "--format", "json"])
            .env("ATTUNE_PASSPHRASE", PASSPHRASE)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let said = |bill: &serde_json::Value| -> Vec<(String, String, bool)> {
        bill["warnings"]
            .as_array()
            .expect("a superbill carries its warnings")
            .iter()
            .map(|w| {
                let s = |k: &str| w[k].as_str().unwrap().to_owned();
                (s("date"), s("rule"), w["billed"].as_bool().unwrap())
            })
            .collect()
    };
    let zoe = json_of(&c.zoe.id);
    assert_eq!(
        said(&zoe),
        [
            (
                "2026-03-02".into(),
                "conjoint_under_26_minutes".into(),
                false
            ),
            ("2026-03-09".into(), "patient_absent".into(), true),
            ("2026-03-16".into(), "second_session_that_day".into(), false),
        ],
        "the 25-minute session, the partner-only one and the second that day are each explained"
    );
    let absent = &zoe["lines"][0];
    assert_eq!(absent["code"], "90846");
    assert_eq!(
        absent["warnings"][0]["text"],
        "90846: Zoë Ñúñez was not present, and many plans do not cover 90846.",
        "the warning travels on its line too"
    );
    assert!(
        zoe["warnings"][0]["text"]
            .as_str()
            .unwrap()
            .contains("25 minutes: under 26, so no 90847"),
        "{}",
        zoe["warnings"][0]
    );
    let eli_bill = json_of(&eli.id);
    assert_eq!(
        said(&eli_bill),
        [("2026-03-04".into(), "z_code_primary".into(), true)],
        "a Z code as the primary diagnosis is a warning on the line"
    );

    // The month's batch prints each client's warnings.
    let out = Command::new(env!("CARGO_BIN_EXE_attune"))
        .arg("--vault")
        .arg(&dir)
        .args(["superbills", "--month", "2026-03", "--out"])
        .arg(tmp.path().join("batch"))
        .env("ATTUNE_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&out.stdout);
    for words in [
        "2026-03-02 no line [conjoint_under_26_minutes]: 25 minutes: under 26, so no 90847.",
        "2026-03-09 warning [patient_absent]",
        "2026-03-16 no line [second_session_that_day]",
        "2026-03-04 warning [z_code_primary]",
    ] {
        assert!(
            printed.contains(words),
            "the batch report says {words:?}:\n{printed}"
        );
    }
    // The PDF itself stays clean.
    let pdfs: Vec<_> = std::fs::read_dir(tmp.path().join("batch"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("superbill")
        })
        .collect();
    assert_eq!(pdfs.len(), 2, "Zoë's and Eli's superbills");
    for pdf in pdfs {
        let text = pdftotext(&pdf);
        assert!(
            !text.contains("many plans do not cover") && !text.contains("many payers deny"),
            "warnings are for her, not printed on the superbill"
        );
    }
}

#[test]
fn her_own_codes_pass_the_same_rules_refused_with_the_reason_or_acknowledged() {
    let (_tmp, _dir, mut vault) = new_vault();
    let c = couple(&mut vault, true);
    let both = [&c.zoe, &c.thor];
    let s = held(
        &mut vault,
        &c.unit,
        SessionKind::CouplesSession,
        "2026-03-09T17:00:00Z",
        50,
        &both,
    );
    let line = |code: &str| CodedLine {
        code: code.into(),
        modifiers: vec![],
        place_of_service: "11".into(),
        units: 1,
        reason: String::new(),
    };
    let mut choice = BillingChoice {
        session_id: s.id.clone(),
        identified_patient: None,
        interactive_complexity: false,
        lines: Some(vec![line("90847"), line("90785")]),
        why: "Interpreter present".into(),
        acknowledged: vec![],
    };
    let refused = billing::save_billing_choice(&mut vault, &choice).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "These codes cannot be billed: 90785 (interactive complexity) may not be reported with 90847. Nothing was changed.",
        "a coding rule refuses with its sentence"
    );
    assert!(
        billing::session_billing(&vault, &s.id)
            .unwrap()
            .choice
            .is_none(),
        "a refused choice is not kept"
    );
    let preview = billing::preview_billing_choice(&vault, &choice).unwrap();
    assert_eq!(
        preview
            .refused
            .iter()
            .map(|f| f.rule.as_str())
            .collect::<Vec<_>>(),
        ["no_90785_with_conjoint"],
        "the preview names the rule before she saves"
    );
    assert!(
        billing::session_billing(&vault, &s.id)
            .unwrap()
            .choice
            .is_none(),
        "a preview keeps nothing"
    );

    // 20 minutes of individual work is 90832, not 90834.
    let short = held_alone(&mut vault, &c.thor, "2026-03-10T17:00:00Z", 20);
    let wrong = BillingChoice {
        session_id: short.id.clone(),
        lines: Some(vec![line("90834")]),
        ..choice.clone()
    };
    let refused = billing::save_billing_choice(&mut vault, &wrong).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("20 minutes of psychotherapy is 90832, not 90834."),
        "{refused}"
    );

    // Zoë as the identified patient of a session she missed: 90846 is a payer's habit, kept
    // once she acknowledges it.
    let missed = held(
        &mut vault,
        &c.unit,
        SessionKind::CouplesSession,
        "2026-03-11T17:00:00Z",
        50,
        &[&c.thor],
    );
    choice = BillingChoice {
        session_id: missed.id.clone(),
        identified_patient: Some(c.zoe.id.clone()),
        lines: Some(vec![line("90846")]),
        why: "Þórunn came alone; the work was for Zoë's treatment".into(),
        ..choice
    };
    let asked = billing::save_billing_choice(&mut vault, &choice).unwrap_err();
    assert!(
        asked
            .to_string()
            .ends_with("Acknowledge this warning to keep these codes."),
        "{asked}"
    );
    choice.acknowledged = vec!["patient_absent".into()];
    let kept = billing::save_billing_choice(&mut vault, &choice).unwrap();
    assert_eq!(
        kept.acknowledged,
        ["patient_absent"],
        "the acknowledgement is kept with the session"
    );
    let panel = billing::session_billing(&vault, &missed.id).unwrap();
    assert_eq!(panel.lines[0].code, "90846");
    assert!(
        panel.findings.iter().any(|f| f.rule == "patient_absent"),
        "the warning stays visible after it was acknowledged"
    );
}

#[test]
fn a_package_puts_only_its_psychotherapy_share_on_the_superbill_and_all_of_it_on_the_receipt() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let mut vault = Vault::create(&dir, &secret(PASSPHRASE)).unwrap();
    attune::demo::populate(&mut vault, d(TODAY)).unwrap();
    let alex = clients::persons(&vault)
        .unwrap()
        .into_iter()
        .find(|p| p.legal_name == "Alexandra Rivera")
        .unwrap();
    let (from, to) = (d("2026-10-01"), d(TODAY));
    let issued =
        billing::issue_superbill(&mut vault, &alex.id, from, to, t("2026-11-25T20:00:00Z"))
            .unwrap();
    let dosing_fees: Vec<i64> = issued
        .superbill
        .lines
        .iter()
        .filter(|l| l.reason.contains("165 minutes") || l.reason.contains("170 minutes"))
        .map(|l| l.fee.0)
        .collect();
    assert_eq!(
        dosing_fees,
        [60_000, 60_000],
        "the $600 psychotherapy share, not the $950 session"
    );
    let pdf = written(
        tmp.path(),
        "alex.pdf",
        &attune::pdf::superbill_pdf(&issued, None).unwrap(),
    );
    let text = pdftotext(&pdf);
    assert!(text.contains("$600.00"), "the share is printed:\n{text}");
    assert!(
        !text.contains("$950.00"),
        "the medicine is never on the superbill"
    );
    assert!(
        !text.contains("Ketamine"),
        "nor are the prescriber's parts named on it"
    );

    let receipt = billing::receipt(&vault, &alex.id, from, to).unwrap();
    let pdf = written(
        tmp.path(),
        "receipt.pdf",
        &attune::pdf::receipt_pdf(&receipt, None).unwrap(),
    );
    let text = pdftotext(&pdf);
    for words in [
        "$950.00",
        "Psychotherapy",
        "$600.00",
        "Ketamine and its administration (IM)",
        "$200.00",
        "Prescriber's medical monitoring",
        "$150.00",
    ] {
        assert!(text.contains(words), "the receipt shows {words:?}:\n{text}");
    }

    // The Fees and packages screen refuses a share larger than the price.
    let too_big = Package {
        id: String::new(),
        name: "2 dosing sessions".into(),
        kind: SessionKind::Dosing,
        sessions: 2,
        price: Cents::dollars(1800),
        psychotherapy_share: Some(Cents::dollars(1000)),
        parts: vec![],
    };
    let refused = billing::save_package(&mut vault, &too_big).unwrap_err();
    assert!(
        refused.to_string().contains("The psychotherapy share ($1,000.00) is larger than a session's share of the price ($900.00)"),
        "{refused}"
    );
}

/// Books a joint session at `start` for both partners, not held.
fn booked(vault: &mut Vault, c: &Couple, start: &str) -> Session {
    sessions::save_session(
        vault,
        &Session {
            id: String::new(),
            unit_id: Some(c.unit.id.clone()),
            person_id: None,
            kind: SessionKind::CouplesSession,
            scheduled_at: t(start),
            planned_minutes: 60,
            setting: Setting::Office,
            attendees: vec![c.zoe.id.clone(), c.thor.id.clone()],
            status: SessionStatus::Scheduled,
            mode: None,
            dosing_partners: Vec::new(),
            supporters: String::new(),
            transport: String::new(),
            gate_override: None,
            called_off: None,
        },
    )
    .unwrap()
}

fn told(reason: &str, by: CancelledBy, at: &str, waived: bool) -> CalledOff {
    CalledOff {
        reason: reason.into(),
        by,
        at: t(at),
        fee: None,
        fee_waived: waived,
    }
}

#[test]
fn a_late_cancellation_is_charged_the_fee_kept_when_it_was_called_off_and_never_billed() {
    let (_tmp, _dir, mut vault) = new_vault();
    let c = couple(&mut vault, true);
    let mut schedule = billing::fee_schedule(&vault).unwrap();
    schedule.missed = MissedFees {
        late_cancel: Some(Cents::dollars(75)),
        no_show: Some(Cents::dollars(100)),
        notice_hours: 24,
    };
    billing::save_fee_schedule(&mut vault, &schedule).unwrap();
    let late = booked(&mut vault, &c, "2026-03-10T17:00:00Z");
    let early = booked(&mut vault, &c, "2026-03-12T17:00:00Z");
    let hers = booked(&mut vault, &c, "2026-03-13T17:00:00Z");
    let waived = booked(&mut vault, &c, "2026-03-16T17:00:00Z");
    let missed = booked(&mut vault, &c, "2026-03-17T17:00:00Z");

    let preview = billing::missed_fee(
        &vault,
        &late.id,
        SessionStatus::Cancelled,
        CancelledBy::Client,
        t("2026-03-10T12:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        preview.fee,
        Some(Cents::dollars(75)),
        "the dialog shows the fee before she confirms: {}",
        preview.why
    );

    let refused = sessions::call_off(
        &mut vault,
        &late.id,
        SessionStatus::Cancelled,
        &told("  ", CancelledBy::Client, "2026-03-10T12:00:00Z", false),
        t("2026-03-10T12:05:00Z"),
    );
    assert!(
        matches!(&refused, Err(attune::Error::Invalid { message, .. }) if message.contains("Say why")),
        "a cancellation without a reason is refused: {refused:?}"
    );
    assert_eq!(
        sessions::session(&vault, &late.id).unwrap().status,
        SessionStatus::Scheduled,
        "and the session stays booked"
    );
    let future = sessions::call_off(
        &mut vault,
        &late.id,
        SessionStatus::Cancelled,
        &told("Flu", CancelledBy::Client, "2026-03-11T12:00:00Z", false),
        t("2026-03-10T12:05:00Z"),
    );
    assert!(future.is_err(), "she cannot have been told after now");

    let now = t("2026-03-20T12:00:00Z");
    let call = |vault: &mut Vault, s: &Session, status, off: CalledOff| {
        sessions::call_off(vault, &s.id, status, &off, now).unwrap()
    };
    let late = call(
        &mut vault,
        &late,
        SessionStatus::Cancelled,
        told("Flu", CancelledBy::Client, "2026-03-10T12:00:00Z", false),
    );
    assert_eq!(
        late.called_off.as_ref().and_then(|c| c.fee),
        Some(Cents::dollars(75)),
        "five hours' notice of twenty-four: the fee is kept with the session"
    );
    call(
        &mut vault,
        &early,
        SessionStatus::Cancelled,
        told("Travel", CancelledBy::Client, "2026-03-09T17:00:00Z", false),
    );
    call(
        &mut vault,
        &hers,
        SessionStatus::Cancelled,
        told(
            "I am ill",
            CancelledBy::Therapist,
            "2026-03-13T16:00:00Z",
            false,
        ),
    );
    call(
        &mut vault,
        &waived,
        SessionStatus::Cancelled,
        told(
            "Car accident",
            CancelledBy::Client,
            "2026-03-16T16:00:00Z",
            true,
        ),
    );
    call(
        &mut vault,
        &missed,
        SessionStatus::NoShow,
        told("", CancelledBy::Client, "2026-03-17T17:30:00Z", false),
    );
    let again = sessions::call_off(
        &mut vault,
        &late.id,
        SessionStatus::NoShow,
        &told("", CancelledBy::Client, "2026-03-10T17:30:00Z", false),
        now,
    );
    assert!(again.is_err(), "a session is called off once");

    // Changing the schedule afterwards never rewrites what was charged.
    schedule.missed.late_cancel = Some(Cents::dollars(150));
    billing::save_fee_schedule(&mut vault, &schedule).unwrap();

    let ledger = billing::ledger(&vault).unwrap();
    let charged: Vec<(String, i64, String)> = ledger
        .rows
        .iter()
        .map(|r| {
            (
                r.session_id.clone(),
                r.charge.amount.0,
                format!("{:?}", r.charge.source),
            )
        })
        .collect();
    assert_eq!(
        charged,
        [
            (missed.id.clone(), 10_000, "Missed { name: \"No-show fee\" }".to_owned()),
            (late.id.clone(), 7_500, "Missed { name: \"Late-cancellation fee\" }".to_owned()),
        ],
        "only the late cancellation and the no-show are charged (not one with notice, hers, or a waived one), at the fee kept"
    );
    let balance = ledger.balances.iter().find(|b| b.id == c.unit.id).unwrap();
    assert_eq!(
        balance.balance,
        Cents::dollars(175),
        "both fees are owed by the couple"
    );

    pay(&mut vault, &c.zoe, 75, Vec::new()).unwrap();
    let receipt = billing::receipt(&vault, &c.zoe.id, d("2026-03-01"), d("2026-03-31")).unwrap();
    let lines: Vec<(&str, i64, i64)> = receipt
        .lines
        .iter()
        .map(|l| (l.description.as_str(), l.fee.0, l.paid.0))
        .collect();
    assert_eq!(
        lines,
        [
            (
                "Late-cancellation fee: couples session, Ñúñez–Magnúsdóttir",
                7_500,
                7_500
            ),
            (
                "No-show fee: couples session, Ñúñez–Magnúsdóttir",
                10_000,
                0
            ),
        ],
        "the receipt names each fee, and the payment went to the oldest"
    );
    held(
        &mut vault,
        &c.unit,
        SessionKind::CouplesSession,
        "2026-03-18T17:00:00Z",
        50,
        &[&c.zoe, &c.thor],
    );
    let superbill =
        billing::preview_superbill(&vault, &c.zoe.id, d("2026-03-01"), d("2026-03-31")).unwrap();
    let on_superbill: Vec<(NaiveDate, i64)> =
        superbill.lines.iter().map(|l| (l.date, l.fee.0)).collect();
    assert_eq!(
        on_superbill,
        [(d("2026-03-18"), 25_000)],
        "only the session held reaches the superbill: insurance never pays a missed fee"
    );
}
