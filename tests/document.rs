//! The open JSON format: the schema is generated and fresh, the round trip is exact, and a
//! corpus of bad documents each gets a sentence naming its place and leaves the vault as it was.

mod common;

use attune::document::{self, Document};
use attune::files::Existing;
use attune::model::{
    AdverseEvent, Clearance, ClearanceSetting, ClockEventKind, Consent, ConsentKind, Diagnosis,
    DischargeCheck, Dose, DosingMode, DvResult, DvScreen, GivenWhere, Partner, Person, Reflection,
    Route, Screening, Session, SessionKind, SessionStatus, Setting, Structure, Unit, UnitStatus,
    Vitals,
};
use attune::store::{clients, sessions};
use attune::typed::Large;
use attune::vault::Vault;
use attune::Error;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::*;
use serde_json::{json, Value};

fn today() -> NaiveDate {
    "2026-11-25".parse().unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> chrono::DateTime<chrono::Utc> {
    s.parse().unwrap()
}

fn person_born(name: &str, born: &str) -> Person {
    Person {
        pronouns: "they/them".to_owned(),
        date_of_birth: Some(d(born)),
        address: "12 Saguaro Way, Tucson".to_owned(),
        phone: "520-555-0100".to_owned(),
        insurance_payer: "Aetna".to_owned(),
        insurance_member_id: "W123".to_owned(),
        ..person(name)
    }
}

/// A vault with a triad, a couple sharing a partner with it, and per-person records.
fn populated() -> (tempfile::TempDir, Vault) {
    let (tmp, _dir, mut vault) = new_vault();
    let mut p = |name: &str, born: &str| {
        clients::save_person(&mut vault, &person_born(name, born), today()).unwrap()
    };
    let (zoe, sam, rui, ash) = (
        p("Zoë Ñúñez", "1987-03-14"),
        p("Sam Okafor", "1990-02-28"),
        p("Þórunn Rui", "1979-12-01"),
        p("Ash Lee", "1995-07-07"),
    );
    let unit = |name: &str, structure, partners: &[&Person]| Unit {
        id: String::new(),
        name: name.to_owned(),
        structure,
        status: UnitStatus::Active,
        start_date: Some(d("2026-09-01")),
        goals: "Repair after a rupture; more honest check-ins".to_owned(),
        partners: partners
            .iter()
            .map(|p| Partner {
                person_id: p.id.clone(),
                attachment_notes: "anxious-preoccupied".into(),
            })
            .collect(),
    };
    let triad = clients::save_unit(
        &mut vault,
        &unit("Ñúñez–Okafor–Rui", Structure::Triad, &[&zoe, &sam, &rui]),
    )
    .unwrap();
    clients::save_unit(
        &mut vault,
        &unit("Ñúñez–Lee", Structure::Couple, &[&zoe, &ash]),
    )
    .unwrap();
    clients::add_diagnosis(
        &mut vault,
        &Diagnosis {
            id: String::new(),
            person_id: sam.id.clone(),
            code: "F43.23".into(),
            diagnosed_on: d("2026-09-10"),
            primary: true,
        },
    )
    .unwrap();
    clients::add_diagnosis(
        &mut vault,
        &Diagnosis {
            id: String::new(),
            person_id: sam.id.clone(),
            code: "Z63.0".into(),
            diagnosed_on: d("2026-09-10"),
            primary: false,
        },
    )
    .unwrap();
    clients::add_screening(
        &mut vault,
        &Screening {
            id: String::new(),
            person_id: zoe.id.clone(),
            taken_on: d("2026-09-12"),
            present: vec!["uncontrolled_hypertension".into()],
            notes: "recheck BP".into(),
        },
    )
    .unwrap();
    clients::add_clearance(
        &mut vault,
        &Clearance {
            id: String::new(),
            person_id: sam.id.clone(),
            prescriber: "Dr. Imani Okafor".into(),
            organisation: "Desert Bloom".into(),
            cleared_on: d("2025-10-01"),
            valid_until: d("2026-09-30"),
            setting: ClearanceSetting::AtHomeLozenges,
        },
    )
    .unwrap();
    clients::add_consent(
        &mut vault,
        &Consent {
            id: String::new(),
            person_id: rui.id.clone(),
            kind: ConsentKind::ReleaseOfInformation,
            signed_on: d("2026-09-02"),
            expires_on: Some(d("2027-09-01")),
            release_to: "Dr. Lin, prescriber".into(),
        },
    )
    .unwrap();
    clients::add_dv_screen(
        &mut vault,
        &DvScreen {
            id: String::new(),
            unit_id: triad.id.clone(),
            screened_on: d("2026-09-03"),
            result: DvResult::NoConcern,
        },
    )
    .unwrap();
    arc(&mut vault, &triad, &[&zoe, &sam, &rui]);
    books(&mut vault, &triad, &sam);
    paperwork(&mut vault, &triad, &zoe);
    (tmp, vault)
}

/// The triad's Good Faith Estimate and signed treatment plan, and a draft plan of Zoë's own.
fn paperwork(vault: &mut Vault, triad: &Unit, zoe: &Person) {
    use attune::model::{Goal, Intervention, InterventionKind, Objective, TreatmentPlan};
    use attune::store::{billing, plans, Owner};
    let request = billing::EstimateRequest {
        for_whom: Owner::Unit(triad.id.clone()),
        from: Some(d("2026-09-01")),
        until: None,
        package_id: None,
        dosings: Some(2),
    };
    let now = t("2026-08-31T22:00:00Z");
    let draft = billing::draft_estimate(vault, &request, now).unwrap();
    billing::issue_estimate(vault, &draft, now, |_| Ok(())).unwrap();
    let plan = |unit: Option<&str>, person: Option<&str>| TreatmentPlan {
        id: String::new(),
        unit_id: unit.map(str::to_owned),
        person_id: person.map(str::to_owned),
        version: 1,
        written_on: d("2026-09-15"),
        problems: vec!["Ruptured trust between the three of them.".into()],
        goals: vec![Goal {
            text: "Repair".into(),
            objectives: vec![Objective {
                text: "Weekly honest check-ins, by their own account.".into(),
                target: None,
            }],
        }],
        interventions: vec![Intervention {
            kind: InterventionKind::EftEnactments,
            detail: String::new(),
        }],
        frequency: "Weekly".into(),
        review_on: d("2026-12-15"),
        signed_at: None,
    };
    let saved = plans::save_plan(vault, &plan(Some(&triad.id), None)).unwrap();
    plans::sign_plan(vault, &saved.id, t("2026-09-15T20:00:00Z")).unwrap();
    plans::save_plan(vault, &plan(None, Some(&zoe.id))).unwrap();
}

/// The triad's books: fees, a package with its psychotherapy split bought by the triad, a
/// payment applied, her choice on a session, and Sam's superbill issued.
fn books(vault: &mut Vault, triad: &Unit, sam: &Person) {
    use attune::billing::Cents;
    use attune::model::{
        Application, CodeFee, FeeSchedule, Package, PackagePart, PackagePurchase, Payment,
        PaymentMethod,
    };
    use attune::store::{billing, practice};
    practice::save_profile(vault, &practice_profile()).unwrap();
    billing::save_fee_schedule(
        vault,
        &FeeSchedule {
            codes: vec![CodeFee {
                code: "90847".into(),
                amount: Cents::dollars(250),
            }],
            kinds: vec![],
            offer_0820t: true,
            missed: Default::default(),
        },
    )
    .unwrap();
    let package = billing::save_package(
        vault,
        &Package {
            id: String::new(),
            name: "3 dosing sessions".into(),
            kind: SessionKind::Dosing,
            sessions: 3,
            price: Cents::dollars(2850),
            psychotherapy_share: Some(Cents::dollars(600)),
            parts: vec![PackagePart {
                name: "Ketamine and its administration".into(),
                amount: Cents::dollars(350),
            }],
        },
    )
    .unwrap();
    billing::buy_package(
        vault,
        &PackagePurchase {
            id: String::new(),
            package_id: package.id,
            unit_id: Some(triad.id.clone()),
            person_id: None,
            bought_on: d("2026-09-01"),
        },
    )
    .unwrap();
    let held = sessions::sessions_of_unit(vault, &triad.id)
        .unwrap()
        .into_iter()
        .find(|s| s.status == SessionStatus::Completed)
        .unwrap();
    billing::record_payment(
        vault,
        &Payment {
            id: String::new(),
            person_id: sam.id.clone(),
            received_on: d("2026-10-01"),
            amount: Cents::dollars(300),
            method: PaymentMethod::HsaFsa,
            note: "HSA card".into(),
            applied: vec![Application {
                session_id: held.id.clone(),
                amount: Cents::dollars(200),
            }],
        },
        Large::Ask,
    )
    .unwrap();
    billing::issue_superbill(
        vault,
        &sam.id,
        d("2026-09-01"),
        d("2026-11-30"),
        "2026-11-25T18:00:00Z".parse().unwrap(),
    )
    .unwrap();
}

/// A preparation and a psycholytic dosing of the triad, held on the clock, with a dose, vitals,
/// an adverse event, a discharge check, a signed note with an addendum, an open note, and a
/// reflection per partner.
fn arc(vault: &mut Vault, triad: &Unit, partners: &[&Person]) {
    let ids: Vec<String> = partners.iter().map(|p| p.id.clone()).collect();
    let at = |s: &str| -> DateTime<Utc> { s.parse().unwrap() };
    let book = |vault: &mut Vault, kind, when: &str| {
        let dosing = kind == SessionKind::Dosing;
        sessions::save_session(
            vault,
            &Session {
                id: String::new(),
                unit_id: Some(triad.id.clone()),
                person_id: None,
                kind,
                scheduled_at: at(when),
                planned_minutes: if dosing { 180 } else { 60 },
                setting: Setting::Office,
                attendees: ids.clone(),
                status: SessionStatus::Scheduled,
                mode: dosing.then_some(DosingMode::DyadicPsycholytic),
                dosing_partners: if dosing { ids.clone() } else { vec![] },
                supporters: String::new(),
                transport: "Rui's sister".into(),
                gate_override: None,
                called_off: None,
            },
        )
        .unwrap()
    };
    let prep = book(vault, SessionKind::Preparation, "2026-10-20T17:00:00Z");
    let dosing = book(vault, SessionKind::Dosing, "2026-10-27T17:00:00Z");
    book(vault, SessionKind::Integration, "2026-12-02T17:00:00Z");
    let start = at("2026-10-27T17:00:00Z");
    for (s, reason) in [
        (&prep, None),
        (
            &dosing,
            Some("Clearances renewed by phone; paperwork follows."),
        ),
    ] {
        sessions::record_clock(
            vault,
            &s.id,
            ClockEventKind::Start,
            None,
            s.scheduled_at,
            reason,
        )
        .unwrap();
    }
    sessions::record_clock(
        vault,
        &prep.id,
        ClockEventKind::End,
        None,
        at("2026-10-20T18:00:00Z"),
        None,
    )
    .unwrap();
    sessions::save_note(
        vault,
        &prep.id,
        &[("intentions".to_owned(), "Still drafting".to_owned())].into(),
        start,
    )
    .unwrap();
    sessions::record_clock(
        vault,
        &dosing.id,
        ClockEventKind::DoseGiven,
        Some(&ids[0]),
        start + Duration::minutes(5),
        None,
    )
    .unwrap();
    sessions::record_clock(
        vault,
        &dosing.id,
        ClockEventKind::Pause,
        None,
        start + Duration::minutes(60),
        None,
    )
    .unwrap();
    sessions::record_clock(
        vault,
        &dosing.id,
        ClockEventKind::Resume,
        None,
        start + Duration::minutes(70),
        None,
    )
    .unwrap();
    sessions::add_dose(
        vault,
        &Dose {
            id: String::new(),
            session_id: dosing.id.clone(),
            person_id: ids[0].clone(),
            medication: "ketamine".into(),
            milligrams: 62.5,
            route: Route::Im,
            lot: "K-2291".into(),
            given_at: start + Duration::minutes(5),
            given_where: GivenWhere::Office,
        },
    )
    .unwrap();
    sessions::add_vitals(
        vault,
        &Vitals {
            id: String::new(),
            session_id: dosing.id.clone(),
            person_id: ids[1].clone(),
            taken_at: start + Duration::minutes(40),
            systolic: 142,
            diastolic: 91,
            heart_rate: 96,
            spo2: 97,
            resp_rate: Some(16),
            temperature_c: Some(36.8),
        },
    )
    .unwrap();
    sessions::add_adverse_event(
        vault,
        &AdverseEvent {
            id: String::new(),
            session_id: dosing.id.clone(),
            person_id: ids[2].clone(),
            at: start + Duration::minutes(30),
            what: "Nausea".into(),
            action: "Ondansetron, eyeshade off, sips of water".into(),
        },
    )
    .unwrap();
    sessions::add_discharge_check(
        vault,
        &DischargeCheck {
            id: String::new(),
            session_id: dosing.id.clone(),
            person_id: ids[2].clone(),
            at: start + Duration::minutes(175),
            oriented: true,
            steady: true,
            escort_present: true,
            escort: "Rui's sister".into(),
        },
    )
    .unwrap();
    sessions::record_clock(
        vault,
        &dosing.id,
        ClockEventKind::End,
        None,
        start + Duration::minutes(180),
        None,
    )
    .unwrap();
    let view = sessions::session_view(vault, &dosing.id, start).unwrap();
    let mut fields = std::collections::BTreeMap::new();
    for f in &view.template {
        if f.per_partner {
            for p in &ids {
                fields.insert(
                    format!("{}@{p}", f.id),
                    format!("{} — Þórunn's words", f.label),
                );
            }
        } else {
            fields.insert(f.id.to_owned(), format!("{} written", f.label));
        }
    }
    sessions::save_note(vault, &dosing.id, &fields, start + Duration::minutes(190)).unwrap();
    sessions::sign_note(vault, &dosing.id, start + Duration::minutes(200)).unwrap();
    sessions::add_addendum(
        vault,
        &dosing.id,
        "Lot corrected to K-2291.",
        start + Duration::days(1),
    )
    .unwrap();
    for p in &ids {
        sessions::save_reflection(
            vault,
            &Reflection {
                id: String::new(),
                person_id: p.clone(),
                dosing_session_id: dosing.id.clone(),
                integration_session_id: None,
                written_on: d("2026-10-29"),
                emerged: "Being seen".into(),
                emotions: "Grief, then warmth".into(),
                body: "Chest open".into(),
                commitments: "Weekly check-ins".into(),
                questions: "What do we owe each other?".into(),
            },
        )
        .unwrap();
    }
}

/// The document without its time stamp: what "exact" compares.
fn content(doc: &Document) -> Document {
    Document {
        exported_at: String::new(),
        ..doc.clone()
    }
}

#[test]
fn the_committed_json_schema_is_fresh() {
    let path = repo().join(document::SCHEMA_PATH);
    let fresh = document::json_schema();
    if std::env::var_os("ATTUNE_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run ATTUNE_BLESS=1 cargo test --test document",
        path.display()
    );
    assert!(
        fresh.contains("\"persons\""),
        "the schema describes the document"
    );
}

#[test]
fn a_triad_and_a_shared_partner_round_trip_exactly() {
    let (_tmp, vault) = populated();
    let exported = document::export(&vault).unwrap();
    assert_eq!(exported.units.len(), 2);
    assert_eq!(
        exported.units.iter().map(|u| u.partners.len()).max(),
        Some(3)
    );
    let text = document::to_json(&exported);
    assert!(
        text.contains("Þórunn"),
        "JSON keeps the letters as they are"
    );

    let (_tmp2, _dir2, mut fresh) = new_vault();
    let report = document::import(
        &mut fresh,
        &document::parse(text.as_bytes()).unwrap(),
        today(),
    )
    .unwrap();
    assert_eq!(
        (report.added, report.updated),
        (6, 0),
        "4 persons and 2 units"
    );
    assert_eq!(
        content(&document::export(&fresh).unwrap()),
        content(&exported),
        "the round trip is exact"
    );

    // Importing again merges by id: nothing is duplicated.
    let again = document::import(&mut fresh, &exported, today()).unwrap();
    assert_eq!((again.added, again.updated), (0, 6));
    assert_eq!(
        content(&document::export(&fresh).unwrap()),
        content(&exported)
    );
    assert!(fresh.check().unwrap().is_healthy());
    let found = attune::store::search::search(&fresh, "zoe", 10).unwrap();
    assert_eq!(
        found.len(),
        3,
        "the search index is rebuilt for imported records: {found:?}"
    );
}

/// A bad document: how it is made from the good one, and the start of the expected message.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    expected: &'static str,
}

fn mutate(good: &Value, f: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v = good.clone();
    f(&mut v);
    serde_json::to_vec(&v).unwrap()
}

/// Bad books: each a part of the document's billing that a payer, an auditor or the
/// arithmetic would refuse.
fn billing_corpus(good: &Value) -> Vec<Case> {
    let m = |f: &dyn Fn(&mut Value)| mutate(good, f);
    vec![
        Case {
            name: "a payment applied to a session that does not exist",
            bytes: m(&|v| v["billing"]["payments"][0]["applied"][0]["session_id"] = json!("no-such-session")),
            expected: "billing.payments[0].applied[0].session_id: names no session (\"no-such-session\")",
        },
        Case {
            name: "a payment applied beyond its amount",
            bytes: m(&|v| v["billing"]["payments"][0]["applied"][0]["amount"] = json!(90_000)),
            expected: "billing.payments[0].applied: applies $900.00, more than the payment of $300.00.",
        },
        Case {
            name: "a superbill whose lines were altered",
            bytes: m(&|v| v["billing"]["superbills"][0]["superbill"]["lines"][0]["fee"] = json!(95_000)),
            expected: "billing.superbills[0].superbill: No. 1: its lines do not add up to its totals",
        },
        Case {
            name: "a superbill altered consistently",
            bytes: m(&|v| {
                let bill = &mut v["billing"]["superbills"][0]["superbill"];
                bill["lines"][0]["code"] = json!("90837");
            }),
            expected: "billing.superbills[0]: No. 1 differs from superbill No. 1 in the vault",
        },
        Case {
            name: "a negative fee",
            bytes: m(&|v| v["billing"]["fees"]["codes"][0]["amount"] = json!(-100)),
            expected: "billing.fees.codes: A fee cannot be negative.",
        },
        Case {
            name: "a share larger than its package",
            bytes: m(&|v| v["billing"]["packages"][0]["psychotherapy_share"] = json!(100_000)),
            expected: "billing.packages[0].psychotherapy_share: The psychotherapy share ($1,000.00) is larger",
        },
        Case {
            name: "a purchase of no package",
            bytes: m(&|v| v["billing"]["purchases"][0]["package_id"] = json!("nope")),
            expected: "billing.purchases[0].package_id: names no package",
        },
        Case {
            name: "a logo that is not an image",
            bytes: m(&|v| v["logo"] = json!("aGVsbG8=")),
            expected: "logo: ",
        },
        Case {
            name: "a recovery key that is a secret",
            bytes: m(&|v| v["backups"]["recovery_recipient"] = json!("AGE-SECRET-KEY-1XYZ")),
            expected: "backups.recovery_recipient: is not an age public key",
        },
    ]
}

fn corpus(good: &Value) -> Vec<Case> {
    let text = serde_json::to_vec(good).unwrap();
    let p0 = good["persons"][0]["id"].as_str().unwrap().to_owned();
    let mut nested = String::new();
    for _ in 0..2000 {
        nested.push('[');
    }
    let m = |f: &dyn Fn(&mut Value)| mutate(good, f);
    vec![
        Case {
            name: "truncated",
            bytes: text[..text.len() / 2].to_vec(),
            expected: "document: ends too early",
        },
        Case {
            name: "empty",
            bytes: Vec::new(),
            expected: "document: ends too early",
        },
        Case {
            name: "not JSON",
            bytes: b"hello, world".to_vec(),
            expected: "document: is not valid JSON",
        },
        Case {
            name: "invalid UTF-8",
            bytes: [&text[..40], &[0xff, 0xfe][..], &text[40..]].concat(),
            expected: "document: is not UTF-8 text",
        },
        Case {
            name: "deep nesting",
            bytes: nested.into_bytes(),
            expected: "document:",
        },
        Case {
            name: "a list, not an object",
            bytes: b"[1, 2]".to_vec(),
            expected: "format:",
        },
        Case {
            name: "null",
            bytes: b"null".to_vec(),
            expected: "format:",
        },
        Case {
            name: "another format",
            bytes: m(&|v| v["format"] = json!("simplepractice")),
            expected: "format: this is not an Attune export",
        },
        Case {
            name: "unknown version",
            bytes: m(&|v| v["version"] = json!(8)),
            expected: "version: version 8 is not one this Attune reads",
        },
        Case {
            name: "version missing",
            bytes: m(&|v| {
                v.as_object_mut().unwrap().remove("version");
            }),
            expected: "version: is missing",
        },
        Case {
            name: "version as text",
            bytes: m(&|v| v["version"] = json!("1")),
            expected: "version: is missing or not a number",
        },
        Case {
            name: "persons not a list",
            bytes: m(&|v| v["persons"] = json!({})),
            expected: "persons: invalid type",
        },
        Case {
            name: "name is a number",
            bytes: m(&|v| v["persons"][1]["legal_name"] = json!(42)),
            expected: "persons[1].legal_name: invalid type",
        },
        Case {
            name: "name missing",
            bytes: m(&|v| {
                v["persons"][2]
                    .as_object_mut()
                    .unwrap()
                    .remove("legal_name");
            }),
            expected: "persons[2]: missing field `legal_name`",
        },
        Case {
            name: "unknown field",
            bytes: m(&|v| v["persons"][0]["ssn"] = json!("123-45-6789")),
            expected: "persons[0].ssn: unknown field `ssn`",
        },
        Case {
            name: "impossible date",
            bytes: m(&|v| v["persons"][3]["date_of_birth"] = json!("1990-02-30")),
            expected: "persons[3].date_of_birth: \"1990-02-30\" is not a date",
        },
        Case {
            name: "words for a date",
            bytes: m(&|v| v["persons"][0]["date_of_birth"] = json!("yesterday")),
            expected: "persons[0].date_of_birth: \"yesterday\" is not a date",
        },
        Case {
            name: "born in the future",
            bytes: m(&|v| v["persons"][0]["date_of_birth"] = json!("2030-01-01")),
            expected: "persons[0].date_of_birth: A date of birth of 2030-01-01 is in the future.",
        },
        Case {
            name: "not a state",
            bytes: m(&|v| v["persons"][0]["state_of_residence"] = json!("XX")),
            expected: "persons[0].state_of_residence:",
        },
        Case {
            name: "duplicate person ids",
            bytes: m(&|v| v["persons"][2]["id"] = v["persons"][0]["id"].clone()),
            expected: "persons[2].id: ",
        },
        Case {
            name: "empty id",
            bytes: m(&|v| v["persons"][1]["id"] = json!("")),
            expected: "persons[1].id: is empty",
        },
        Case {
            name: "unit of one",
            bytes: m(&|v| {
                v["units"][1]["partners"]
                    .as_array_mut()
                    .unwrap()
                    .truncate(1);
            }),
            expected: "units[1].partners: A relationship needs at least two partners.",
        },
        Case {
            name: "dangling partner",
            bytes: m(&|v| v["units"][1]["partners"][2]["person_id"] = json!("nobody")),
            expected: "units[1].partners[2].person_id: no person has the id \"nobody\"",
        },
        Case {
            name: "unknown structure",
            bytes: m(&|v| v["units"][0]["structure"] = json!("throuple")),
            expected: "units[0].structure: unknown variant `throuple`",
        },
        Case {
            name: "status missing",
            bytes: m(&|v| {
                v["units"][0].as_object_mut().unwrap().remove("status");
            }),
            expected: "units[0]: missing field `status`",
        },
        Case {
            name: "code not in the table",
            bytes: m(&|v| v["diagnoses"][0]["code"] = json!("J45.909")),
            expected: "diagnoses[0].code: \"J45.909\" is not a billable ICD-10-CM code",
        },
        Case {
            name: "heading code",
            bytes: m(&|v| v["diagnoses"][0]["code"] = json!("F43")),
            expected: "diagnoses[0].code: \"F43\" is not a billable",
        },
        Case {
            name: "diagnosis of nobody",
            bytes: m(&|v| v["diagnoses"][1]["person_id"] = json!("ghost")),
            expected: "diagnoses[1].person_id: no person has the id \"ghost\"",
        },
        Case {
            name: "two primaries",
            bytes: m(&|v| v["diagnoses"][1]["primary"] = json!(true)),
            expected: "diagnoses[1].primary: this person already has a primary diagnosis",
        },
        Case {
            name: "unknown exclusion",
            bytes: m(&|v| v["screenings"][0]["present"] = json!(["sad"])),
            expected: "screenings[0].present[0]: \"sad\" is not a screening question.",
        },
        Case {
            name: "clearance ends before it starts",
            bytes: m(&|v| v["clearances"][0]["valid_until"] = json!("2020-01-01")),
            expected: "clearances[0].valid_until: 2020-01-01 is before",
        },
        Case {
            name: "unknown setting",
            bytes: m(&|v| v["clearances"][0]["setting"] = json!("nasal_spray")),
            expected: "clearances[0].setting: unknown variant",
        },
        Case {
            name: "release to nobody",
            bytes: m(&|v| v["consents"][0]["release_to"] = json!("")),
            expected: "consents[0].release_to: a release of information must name",
        },
        Case {
            name: "unknown consent",
            bytes: m(&|v| v["consents"][0]["kind"] = json!("photography")),
            expected: "consents[0].kind: unknown variant",
        },
        Case {
            name: "dv screen of no unit",
            bytes: m(&|v| v["dv_screens"][0]["unit_id"] = json!("nowhere")),
            expected: "dv_screens[0].unit_id: no relationship has the id \"nowhere\"",
        },
        Case {
            name: "10 MB of goals",
            bytes: m(&|v| v["units"][0]["goals"] = json!("x".repeat(10 << 20))),
            expected: "units[0].goals: is 10485760 characters long",
        },
        Case {
            name: "nested where text belongs",
            bytes: m(&|v| v["units"][0]["goals"] = json!([[[["deep"]]]])),
            expected: "units[0].goals: invalid type",
        },
        Case {
            name: "bad NPI",
            bytes: m(&|v| v["practice"]["npi"] = json!("1234567890")),
            expected: "practice.npi:",
        },
        Case {
            name: "auto-lock of zero",
            bytes: m(&|v| v["settings"]["auto_lock_minutes"] = json!(0)),
            expected: "settings.auto_lock_minutes: Auto-lock can be set from 1 to 240 minutes.",
        },
        Case {
            name: "a time zone that does not exist",
            bytes: m(&|v| v["settings"]["time_zone"] = json!("America/Atlantis")),
            expected: "settings.time_zone: \"America/Atlantis\" is not a time zone name",
        },
        Case {
            name: "vitals never due",
            bytes: m(&|v| v["settings"]["vitals"]["every_minutes"] = json!(0)),
            expected: "settings.vitals.every_minutes: Vitals can be due every 1 to 120 minutes.",
        },
        Case {
            name: "negative minutes",
            bytes: m(&|v| v["settings"]["auto_lock_minutes"] = json!(-5)),
            expected: "settings.auto_lock_minutes: invalid value",
        },
        Case {
            name: "a stranger attends a session",
            bytes: m(&|v| v["sessions"][0]["attendees"][0] = json!("someone-else")),
            expected: "sessions[0].attendees: Only the relationship's partners can attend its sessions.",
        },
        Case {
            name: "a solo dosing where all dose",
            bytes: m(&|v| v["sessions"][1]["mode"] = json!("solo")),
            expected: "sessions[1].dosing_partners: In a solo session exactly one partner doses",
        },
        Case {
            name: "a signed session lengthened",
            bytes: m(&|v| v["sessions"][1]["planned_minutes"] = json!(240)),
            expected: "sessions[1]: differs from this session in the vault, whose note is signed",
        },
        Case {
            name: "a held session with a reason for calling it off",
            bytes: m(&|v| {
                v["sessions"][0]["called_off"] = json!({"reason": "Flu", "by": "client", "at": "2026-10-20T16:00:00Z"})
            }),
            expected: "sessions[0].called_off: Only a cancelled or missed session has a reason for being called off.",
        },
        Case {
            name: "who called it off, unknown",
            bytes: m(&|v| {
                v["sessions"][0]["called_off"] = json!({"reason": "Flu", "by": "the dog", "at": "2026-10-20T16:00:00Z"})
            }),
            expected: "sessions[0].called_off.by: unknown variant",
        },
        Case {
            name: "a session on 30 February",
            bytes: m(&|v| v["sessions"][0]["scheduled_at"] = json!("2026-02-30T17:00:00Z")),
            expected: "sessions[0].scheduled_at:",
        },
        Case {
            name: "a clock event moved",
            bytes: m(&|v| v["clock_events"][0]["at"] = json!("2026-10-20T16:00:00Z")),
            expected: "clock_events[0]: differs from the clock event with this id in the vault; clock events never change.",
        },
        Case {
            name: "a signed note rewritten",
            bytes: m(&|v| v["notes"][1]["fields"]["dialogue"] = json!("rewritten later")),
            expected: "notes[1]: belongs to a session whose note is signed in this vault",
        },
        Case {
            name: "a note field the template lacks",
            bytes: m(&|v| v["notes"][0]["fields"]["favourite_colour"] = json!("teal")),
            expected: "notes[0].fields.favourite_colour: is not a field of that session's note.",
        },
        Case {
            name: "oxygen saturation of 120",
            bytes: m(&|v| v["vitals"][0]["spo2"] = json!(120)),
            expected: "vitals[0].spo2: Oxygen saturation is a percentage from 50 to 100.",
        },
        Case {
            name: "a dose for a session nowhere",
            bytes: m(&|v| v["doses"][0]["session_id"] = json!("no-such-session")),
            expected: "doses[0].session_id: no session has the id \"no-such-session\"",
        },
        Case {
            name: "an addendum to an unsigned note",
            bytes: m(&|v| {
                let prep = v["sessions"][0]["id"].clone();
                v["addenda"][0]["session_id"] = prep;
            }),
            expected: "addenda[0].session_id: an addendum belongs to a signed note",
        },
        Case {
            name: "a reflection on a preparation",
            bytes: m(&|v| {
                let prep = v["sessions"][0]["id"].clone();
                v["reflections"][0]["dosing_session_id"] = prep;
            }),
            expected: "reflections[0].dosing_session_id: is not a dosing session.",
        },
        Case {
            name: "a mark that names nobody",
            bytes: m(&|v| {
                let mark = v["clock_events"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .find(|e| e["kind"] == json!("dose_given"))
                    .unwrap();
                mark["person_id"] = json!(null);
                mark["id"] = json!("a-new-mark");
            }),
            expected: "clock_events[",
        },
        Case {
            name: "same person, another id",
            bytes: m(&|v| {
                v["persons"]
                    .as_array_mut()
                    .unwrap()
                    .retain(|p| p["id"] != json!(p0.clone()));
                v["persons"].as_array_mut().unwrap().push(json!({"id": "a-new-id", "legal_name": "Sam Okafor", "date_of_birth": "1990-02-28"}));
            }),
            expected:
                "persons[3]: Sam Okafor (born 1990-02-28) is already in this vault under another id",
        },
    ]
}

/// Bad releases and disclosures: each refused with its place, the vault unchanged.
fn collaboration_corpus(good: &Value) -> Vec<Case> {
    let p0 = good["persons"][0]["id"].as_str().unwrap().to_owned();
    let with = |release: Value, disclosure: Option<Value>| {
        mutate(good, |v: &mut Value| {
            v["collaboration"] = json!({
                "recipients": [{"id": "rx", "name": "Dr. Imani Adeyemi", "role": "prescriber", "state": "AZ"}],
                "releases": [release.clone()],
                "disclosures": disclosure.clone().into_iter().collect::<Vec<_>>(),
            });
        })
    };
    let release = |until: &str, person: &str| {
        json!({"id": "rel", "person_id": person, "recipient_id": "rx", "covers": ["session_reports"],
               "valid_from": "2026-01-01", "valid_until": until})
    };
    vec![
        Case {
            name: "a release that ends before it starts",
            bytes: with(release("2025-06-30", &p0), None),
            expected: "collaboration.releases[0].valid_until: A release cannot end (2025-06-30) before it starts",
        },
        Case {
            name: "a release for nobody",
            bytes: with(release("2026-12-31", "nobody"), None),
            expected: "collaboration.releases[0].person_id: no person has the id",
        },
        Case {
            name: "a disclosure under a release that does not exist",
            bytes: with(
                release("2026-12-31", &p0),
                Some(json!({"id": "d1", "person_id": p0, "recipient_id": "rx", "release_id": "elsewhere",
                            "disclosed_at": "2026-06-01T10:00:00Z", "what": "Session report"})),
            ),
            expected: "collaboration.disclosures[0].release_id: no release has the id",
        },
    ]
}

/// Altered estimates and signed plans, and plans for no one: each refused with its place.
fn paperwork_corpus(good: &Value) -> Vec<Case> {
    let edit = |f: &dyn Fn(&mut Value)| mutate(good, |v: &mut Value| f(&mut v["paperwork"]));
    let cents = |v: &Value| v.as_i64().unwrap();
    vec![
        Case {
            name: "an issued estimate altered, still adding up",
            bytes: edit(&|p| {
                let e = &mut p["estimates"][0]["estimate"];
                e["lines"][0]["amount"] = json!(cents(&e["lines"][0]["amount"]) + 100);
                e["total"] = json!(cents(&e["total"]) + 100);
            }),
            expected: "paperwork.estimates[0]: No. 1 differs from estimate No. 1 in the vault",
        },
        Case {
            name: "an estimate whose lines do not add up",
            bytes: edit(&|p| {
                let e = &mut p["estimates"][0]["estimate"];
                e["total"] = json!(cents(&e["total"]) + 1);
            }),
            expected: "paperwork.estimates[0].estimate: No. 1: its lines do not add up",
        },
        Case {
            name: "a signed treatment plan altered",
            bytes: edit(&|p| p["treatment_plans"][0]["problems"][0] = json!("Changed afterwards.")),
            expected: "paperwork.treatment_plans[0]: differs from the signed version in the vault",
        },
        Case {
            name: "a treatment plan for nobody",
            bytes: edit(&|p| p["treatment_plans"][0]["unit_id"] = json!("nobody")),
            expected:
                "paperwork.treatment_plans[0].unit_id: must name one relationship or one person",
        },
        Case {
            name: "a second version 1 of a plan",
            bytes: edit(&|p| {
                let mut again = p["treatment_plans"][0].clone();
                again["id"] = json!("another");
                p["treatment_plans"].as_array_mut().unwrap().push(again);
            }),
            expected: "paperwork.treatment_plans[2].version: 1 is not a new version",
        },
    ]
}

#[test]
fn every_bad_document_is_refused_with_its_place_and_the_vault_is_unchanged() {
    let (_tmp, mut vault) = populated();
    let good: Value = serde_json::to_value(document::export(&vault).unwrap()).unwrap();
    // The import target already holds the same records (so dangling ids are really dangling
    // only when they are nowhere): import into the vault itself, which merges by id.
    let before = content(&document::export(&vault).unwrap());
    let audit_before = vault.check().unwrap().audit.entries;
    let mut cases = corpus(&good);
    cases.extend(billing_corpus(&good));
    cases.extend(collaboration_corpus(&good));
    cases.extend(paperwork_corpus(&good));
    assert!(
        cases.len() >= 44,
        "the corpus has {} documents",
        cases.len()
    );
    let mut wrong: Vec<String> = Vec::new();
    for case in cases {
        let result = document::parse(&case.bytes)
            .and_then(|doc| document::import(&mut vault, &doc, today()));
        match result {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "document", "{}", case.name);
                if !message.starts_with(case.expected) {
                    wrong.push(format!(
                        "{}: got {message:?}, expected it to start with {:?}",
                        case.name, case.expected
                    ));
                }
                assert!(
                    message.len() < 400,
                    "{}: the message stays readable ({} chars)",
                    case.name,
                    message.len()
                );
            }
            other => panic!("{}: expected a refusal, got {other:?}", case.name),
        }
        assert_eq!(
            content(&document::export(&vault).unwrap()),
            before,
            "{}: the vault changed",
            case.name
        );
        assert_eq!(
            vault.check().unwrap().audit.entries,
            audit_before,
            "{}: the audit log grew",
            case.name
        );
    }
    assert!(
        wrong.is_empty(),
        "{} documents were refused with another message:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn export_and_import_through_files_as_the_app_menu_does() {
    let (_tmp, vault) = populated();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("practice.json");
    std::fs::write(&path, b"an older export").unwrap();

    // The save dialog asked before replacing; the command line refuses instead.
    let refused = document::export_to_file(&vault, &path, Existing::Refuse).unwrap_err();
    assert!(refused.to_string().contains("already exists"), "{refused}");
    assert_eq!(std::fs::read(&path).unwrap(), b"an older export");
    document::export_to_file(&vault, &path, Existing::Replace).unwrap();

    let (_tmp2, _dir2, mut fresh) = new_vault();
    let report = document::import_file(&mut fresh, &path, today()).unwrap();
    assert_eq!((report.added, report.updated), (6, 0));
    assert_eq!(
        content(&document::export(&fresh).unwrap()),
        content(&document::export(&vault).unwrap())
    );

    // A file too large is refused from its size, before it is read into memory.
    let huge = out.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(document::MAX_BYTES as u64 + 1)
        .unwrap();
    let before = content(&document::export(&fresh).unwrap());
    let err = document::import_file(&mut fresh, &huge, today()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("document: is 64 MB; Attune reads documents of up to 64 MB"),
        "{err}"
    );
    let missing = document::import_file(&mut fresh, &out.path().join("nope.json"), today());
    assert!(missing
        .unwrap_err()
        .to_string()
        .starts_with("Attune could not read the document"),);
    assert_eq!(content(&document::export(&fresh).unwrap()), before);
}

/// Every figure of the books, as the ledger and the superbill list read them.
fn books_of(vault: &Vault) -> (Vec<String>, Vec<String>, Vec<u32>) {
    let ledger = attune::store::billing::ledger(vault).unwrap();
    let balances = ledger
        .balances
        .iter()
        .map(|b| {
            format!(
                "{} {} {} {} {}",
                b.name, b.charged, b.paid, b.credit, b.balance
            )
        })
        .collect();
    let unpaid = ledger
        .rows
        .iter()
        .filter(|r| r.balance.is_positive())
        .map(|r| format!("{} {} {} {}", r.date, r.who, r.codes, r.balance))
        .collect();
    let numbers = attune::store::billing::superbills(vault)
        .unwrap()
        .iter()
        .map(|s| s.number)
        .collect();
    (balances, unpaid, numbers)
}

#[test]
fn the_demo_practice_round_trips_byte_for_byte_with_its_books() {
    let (_tmp, _dir, mut vault) = new_vault();
    attune::demo::populate(&mut vault, today()).unwrap();
    let alex = clients::persons(&vault)
        .unwrap()
        .into_iter()
        .find(|p| p.legal_name == "Alexandra Rivera")
        .unwrap();
    let at: DateTime<Utc> = "2026-11-25T18:00:00Z".parse().unwrap();
    let issue = |vault: &mut Vault, from: &str| {
        attune::store::billing::issue_superbill(vault, &alex.id, d(from), today(), at).unwrap()
    };
    assert_eq!(issue(&mut vault, "2026-10-01").number, 1);
    assert_eq!(issue(&mut vault, "2026-11-01").number, 2);
    let first = document::to_json(&document::export(&vault).unwrap());
    let doc = document::parse(first.as_bytes()).unwrap();
    assert!(
        !doc.billing.payments.is_empty()
            && doc.logo.is_some()
            && doc.billing.packages[0].psychotherapy_share.is_some(),
        "the document carries the books, the logo and the packages' split"
    );

    let (_tmp2, _dir2, mut fresh) = new_vault();
    document::import(&mut fresh, &doc, today()).unwrap();
    let second = document::to_json(&document::export(&fresh).unwrap());
    let without_stamp = |text: &str| -> Value {
        let mut v: Value = serde_json::from_str(text).unwrap();
        v["exported_at"] = Value::Null;
        v
    };
    assert_eq!(
        without_stamp(&first),
        without_stamp(&second),
        "export, import, export: the same document apart from exported_at"
    );
    let strip = |text: &str| {
        text.lines()
            .filter(|l| !l.contains("\"exported_at\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        strip(&first),
        strip(&second),
        "byte for byte, apart from exported_at"
    );
    assert_eq!(
        books_of(&fresh),
        books_of(&vault),
        "every balance, every unpaid session and every superbill number read the same"
    );
    assert!(
        !books_of(&fresh).1.is_empty(),
        "the demo has an unpaid session, so the comparison could fail"
    );

    // Numbering continues after the highest imported: never a number a payer already holds.
    let next =
        attune::store::billing::issue_superbill(&mut fresh, &alex.id, d("2026-09-01"), today(), at)
            .unwrap();
    assert_eq!(
        next.number, 3,
        "the next superbill after an import is numbered after No. 2"
    );
    assert!(fresh.check().unwrap().is_healthy());
}

#[test]
fn the_ten_year_practice_round_trips_with_the_same_books() {
    let (_tmp, _dir, mut vault) = new_vault();
    let now: DateTime<Utc> = "2026-11-25T19:00:00Z".parse().unwrap();
    let seeded = attune::demo::scale::ten_year_practice(&mut vault, now).unwrap();
    let first = document::to_json(&document::export(&vault).unwrap());
    let doc = document::parse(first.as_bytes()).unwrap();
    assert!(
        doc.sessions.len() >= seeded.sessions && !doc.billing.payments.is_empty(),
        "the whole decade is in the document: {} sessions, {} payments",
        doc.sessions.len(),
        doc.billing.payments.len()
    );
    let (_tmp2, _dir2, mut fresh) = new_vault();
    let started = std::time::Instant::now();
    document::import(&mut fresh, &doc, today()).unwrap();
    eprintln!(
        "imported {} sessions in {:.1} s (debug build)",
        doc.sessions.len(),
        started.elapsed().as_secs_f64()
    );
    let second = document::to_json(&document::export(&fresh).unwrap());
    let strip = |text: &str| {
        text.lines()
            .filter(|l| !l.contains("\"exported_at\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        strip(&first) == strip(&second),
        "export, import, export of ten years: the same bytes apart from exported_at"
    );
    assert_eq!(
        books_of(&fresh),
        books_of(&vault),
        "every balance, every unpaid session and every superbill number read the same"
    );
}
