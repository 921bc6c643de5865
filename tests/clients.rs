//! Clients and relationship units of two or more partners: storage, audit, search.

mod common;

use attune::model::{
    Clearance, ClearanceSetting, Consent, ConsentKind, Diagnosis, Partner, Person, Screening,
    Structure, Unit, UnitStatus,
};
use attune::rules::safety::{self, ClearanceState, ScreeningState};
use attune::store::{audit, clients, search};
use attune::vault::Vault;
use attune::Error;
use chrono::NaiveDate;
use common::*;

fn today() -> NaiveDate {
    "2026-11-25".parse().unwrap()
}

fn unit(name: &str, structure: Structure, partners: &[&Person]) -> Unit {
    Unit {
        id: String::new(),
        name: name.to_owned(),
        structure,
        status: UnitStatus::Intake,
        start_date: Some("2026-10-01".parse().unwrap()),
        goals: "Rebuild trust after an opening".to_owned(),
        partners: partners
            .iter()
            .map(|p| Partner {
                person_id: p.id.clone(),
                attachment_notes: String::new(),
            })
            .collect(),
    }
}

fn add(vault: &mut Vault, name: &str) -> Person {
    // Typed in lower case: the store keeps state codes in capitals.
    let typed = Person {
        state_of_residence: "az".to_owned(),
        ..person(name)
    };
    clients::save_person(vault, &typed, today()).unwrap()
}

#[test]
fn a_triad_and_a_person_in_two_units() {
    let (_tmp, _dir, mut vault) = new_vault();
    let zoe = add(&mut vault, "Zoë Ñúñez");
    let sam = add(&mut vault, "Sam Okafor");
    let rui = add(&mut vault, "Rui Tanaka");
    let ash = add(&mut vault, "Ash Lindqvist");
    assert_eq!(zoe.state_of_residence, "AZ", "stored in capitals");
    let triad = clients::save_unit(
        &mut vault,
        &unit("Ñúñez–Okafor–Tanaka", Structure::Triad, &[&zoe, &sam, &rui]),
    )
    .unwrap();
    let couple = clients::save_unit(
        &mut vault,
        &unit("Ñúñez–Lindqvist", Structure::Couple, &[&zoe, &ash]),
    )
    .unwrap();

    let read = clients::unit(&vault, &triad.id).unwrap();
    assert_eq!(read, triad, "a unit reads back exactly, partners in order");
    assert_eq!(read.partners.len(), 3, "no two-partner limit");
    let zoes: Vec<String> = clients::units_of(&vault, &zoe.id)
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(zoes.len(), 2, "Zoë is a partner in both units");
    assert!(zoes.contains(&triad.id) && zoes.contains(&couple.id));

    // A polycule of five is just as ordinary.
    let more: Vec<Person> = ["Kit", "Noor", "Bea"]
        .iter()
        .map(|n| add(&mut vault, n))
        .collect();
    let five = unit(
        "The Lanterns",
        Structure::Polycule,
        &[&sam, &rui, &more[0], &more[1], &more[2]],
    );
    assert_eq!(
        clients::save_unit(&mut vault, &five)
            .unwrap()
            .partners
            .len(),
        5
    );
}

#[test]
fn a_unit_needs_two_different_partners_who_exist() {
    let (_tmp, _dir, mut vault) = new_vault();
    let zoe = add(&mut vault, "Zoë");
    let ghost = Person {
        id: "00000000-0000-0000-0000-000000000000".into(),
        ..person("Ghost")
    };
    for (name, u, field) in [
        ("alone", unit("Solo", Structure::Other, &[&zoe]), "partners"),
        (
            "twice",
            unit("Twice", Structure::Couple, &[&zoe, &zoe]),
            "partners",
        ),
        (
            "unknown partner",
            unit("Ghosted", Structure::Couple, &[&zoe, &ghost]),
            "partners",
        ),
        (
            "no name",
            unit(" ", Structure::Couple, &[&zoe, &ghost]),
            "name",
        ),
    ] {
        match clients::save_unit(&mut vault, &u) {
            Err(Error::Invalid { field: f, message }) => {
                assert_eq!(f, field, "{name}: {message}");
                assert!(message.ends_with('.'), "{name}: {message}");
            }
            other => panic!("{name}: expected a refusal, got {other:?}"),
        }
    }
    assert!(
        clients::units(&vault).unwrap().is_empty(),
        "nothing half-saved"
    );
}

#[test]
fn search_folds_diacritics_and_matches_prefixes() {
    let (_tmp, _dir, mut vault) = new_vault();
    let zoe = add(&mut vault, "Zoë Ñúñez");
    let sam = add(&mut vault, "Sam Rivera");
    let u = clients::save_unit(
        &mut vault,
        &unit("Rivera–Ñúñez", Structure::Couple, &[&zoe, &sam]),
    )
    .unwrap();
    clients::add_diagnosis(
        &mut vault,
        &Diagnosis {
            id: String::new(),
            person_id: sam.id.clone(),
            code: "f43.23".into(),
            diagnosed_on: today(),
            primary: true,
        },
    )
    .unwrap();

    fn hits(vault: &Vault, q: &str) -> Vec<(String, String)> {
        search::search(vault, q, 20)
            .unwrap()
            .into_iter()
            .map(|h| (h.kind, h.id))
            .collect()
    }
    let ids = |q: &str| hits(&vault, q);
    for query in ["zoe", "Zoë", "ZOE", "zo", "nunez", "Ñúñ"] {
        let found = ids(query);
        assert!(
            found.contains(&("person".into(), zoe.id.clone())),
            "{query:?} finds Zoë: {found:?}"
        );
        assert!(
            found.contains(&("unit".into(), u.id.clone())),
            "{query:?} finds her unit: {found:?}"
        );
    }
    let both = ids("riv sam");
    assert!(
        both.contains(&("person".into(), sam.id.clone())),
        "every word must match: {both:?}"
    );
    assert!(both.contains(&("unit".into(), u.id.clone())), "{both:?}");
    assert!(
        !both.contains(&("person".into(), zoe.id.clone())),
        "Zoë is not Sam Rivera: {both:?}"
    );
    assert!(
        ids("adjustment").contains(&("person".into(), sam.id.clone())),
        "diagnosis words are searchable"
    );
    assert!(
        ids("F43").contains(&("person".into(), sam.id.clone())),
        "diagnosis codes are searchable"
    );
    assert!(
        ids("trust").contains(&("unit".into(), u.id.clone())),
        "goals are searchable"
    );
    assert!(ids("nobody").is_empty());
    assert!(
        search::search(&vault, "\"*) OR (", 20).is_ok(),
        "FTS5 syntax in what she types is taken as words, never an error"
    );

    // Renaming updates the index in the same transaction.
    clients::save_person(
        &mut vault,
        &Person {
            legal_name: "Zoë Park".into(),
            ..zoe.clone()
        },
        today(),
    )
    .unwrap();
    assert!(!hits(&vault, "nunez").contains(&("person".into(), zoe.id.clone())));
    assert!(
        hits(&vault, "park").contains(&("unit".into(), u.id.clone())),
        "the unit's entry follows its partner's name"
    );
}

#[test]
fn diagnoses_come_from_the_table_with_one_primary() {
    let (_tmp, _dir, mut vault) = new_vault();
    let sam = add(&mut vault, "Sam");
    let dx = |code: &str, primary: bool| Diagnosis {
        id: String::new(),
        person_id: sam.id.clone(),
        code: code.into(),
        diagnosed_on: today(),
        primary,
    };
    assert!(matches!(
        clients::add_diagnosis(&mut vault, &dx("J45.909", true)),
        Err(Error::Invalid { .. })
    ));
    let heading = clients::add_diagnosis(&mut vault, &dx("F43", true)).unwrap_err();
    assert!(
        heading.to_string().contains("category heading"),
        "{heading}"
    );
    clients::add_diagnosis(&mut vault, &dx("F43.23", true)).unwrap();
    clients::add_diagnosis(&mut vault, &dx("Z63.0", true)).unwrap();
    let all = clients::diagnoses(&vault, &sam.id).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        (all[0].code.as_str(), all[0].primary),
        ("Z63.0", true),
        "the new primary is first"
    );
    assert!(!all[1].primary, "the earlier primary became secondary");
}

#[test]
fn screening_clearance_and_consent_drive_the_alerts() {
    let (_tmp, _dir, mut vault) = new_vault();
    let sam = add(&mut vault, "Sam");
    let name = sam.display_name().to_owned();
    let alerts = |vault: &Vault| {
        safety::person_alerts(
            &name,
            &clients::screenings(vault, &sam.id).unwrap(),
            &clients::clearances(vault, &sam.id).unwrap(),
            &clients::consents(vault, &sam.id).unwrap(),
            today(),
        )
        .into_iter()
        .map(|a| a.message)
        .collect::<Vec<_>>()
    };
    assert_eq!(alerts(&vault).len(), 3);
    assert!(alerts(&vault).contains(&"Sam has no medical clearance.".to_owned()));

    let bad = Screening {
        id: String::new(),
        person_id: sam.id.clone(),
        taken_on: today(),
        present: vec!["bad_mood".into()],
        notes: String::new(),
    };
    assert!(matches!(
        clients::add_screening(&mut vault, &bad),
        Err(Error::Invalid { .. })
    ));
    clients::add_screening(
        &mut vault,
        &Screening {
            present: vec![],
            ..bad
        },
    )
    .unwrap();
    assert!(matches!(
        safety::screening_state(&clients::screenings(&vault, &sam.id).unwrap()),
        ScreeningState::Clear { .. }
    ));

    let expired = Clearance {
        id: String::new(),
        person_id: sam.id.clone(),
        prescriber: "Dr. Imani Okafor".into(),
        organisation: "Desert Bloom Psychiatry".into(),
        cleared_on: "2025-11-01".parse().unwrap(),
        valid_until: "2026-10-31".parse().unwrap(),
        setting: ClearanceSetting::InOfficeIm,
    };
    clients::add_clearance(&mut vault, &expired).unwrap();
    assert!(alerts(&vault).contains(&"Sam's medical clearance expired on 2026-10-31.".to_owned()));
    let backwards = Clearance {
        valid_until: "2025-10-01".parse().unwrap(),
        ..expired.clone()
    };
    assert!(
        matches!(clients::add_clearance(&mut vault, &backwards), Err(Error::Invalid { ref field, .. }) if field == "valid_until")
    );
    clients::add_clearance(
        &mut vault,
        &Clearance {
            cleared_on: "2026-11-20".parse().unwrap(),
            valid_until: "2027-11-19".parse().unwrap(),
            ..expired
        },
    )
    .unwrap();
    assert!(matches!(
        safety::clearance_state(&clients::clearances(&vault, &sam.id).unwrap(), today()),
        ClearanceState::Current { .. }
    ));

    let roi = Consent {
        id: String::new(),
        person_id: sam.id.clone(),
        kind: ConsentKind::ReleaseOfInformation,
        signed_on: today(),
        expires_on: None,
        release_to: " ".into(),
    };
    assert!(
        matches!(clients::add_consent(&mut vault, &roi), Err(Error::Invalid { ref field, .. }) if field == "release_to")
    );
    clients::add_consent(
        &mut vault,
        &Consent {
            kind: ConsentKind::KapInformedConsent,
            release_to: String::new(),
            ..roi
        },
    )
    .unwrap();
    assert!(
        alerts(&vault).is_empty(),
        "screened, cleared and consented: {:?}",
        alerts(&vault)
    );
}

#[test]
fn the_audit_log_names_fields_never_values() {
    let (_tmp, _dir, mut vault) = new_vault();
    let zoe = add(&mut vault, "Zoë Canary-Surname");
    clients::save_person(
        &mut vault,
        &Person {
            phone: "602-555-0199".into(),
            ..zoe.clone()
        },
        today(),
    )
    .unwrap();
    let entries = audit::recent(&vault, 10).unwrap();
    let last = &entries[0];
    assert_eq!(last.action, "person.updated");
    assert_eq!(last.detail, "phone");
    for e in &entries {
        assert!(
            !e.detail.contains("Canary")
                && !e.subject.contains("Canary")
                && !e.detail.contains("555")
        );
    }
    assert!(vault.check().unwrap().audit.intact, "the chain holds");
}

#[test]
fn a_triad_chart_has_three_columns_with_their_alerts() {
    let (_tmp, _dir, mut vault) = new_vault();
    let (a, b, c) = (
        add(&mut vault, "Tora"),
        add(&mut vault, "Priya"),
        add(&mut vault, "Eli"),
    );
    let triad =
        clients::save_unit(&mut vault, &unit("Three", Structure::Triad, &[&a, &b, &c])).unwrap();
    clients::add_diagnosis(
        &mut vault,
        &Diagnosis {
            id: String::new(),
            person_id: b.id.clone(),
            code: "F41.1".into(),
            diagnosed_on: today(),
            primary: true,
        },
    )
    .unwrap();
    let chart = clients::unit_chart(&vault, &triad.id, today()).unwrap();
    let names: Vec<&str> = chart
        .partners
        .iter()
        .map(|p| p.person.legal_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Tora", "Priya", "Eli"],
        "columns in the unit's order"
    );
    assert_eq!(chart.partners[1].diagnoses[0].code, "F41.1");
    assert!(
        chart.partners[0].diagnoses.is_empty(),
        "a partner's diagnoses are theirs alone"
    );
    assert!(chart.partners[2]
        .alerts
        .iter()
        .any(|a| a.message == "Eli has no medical clearance."));
    assert_eq!(chart.dv_screen, None);
}
