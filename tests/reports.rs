//! Documents that leave the practice: releases of information, session reports to a
//! prescriber or collaborating therapist, and the accounting of disclosures. PDFs are read
//! back with `pdftotext`; the command line is run as she would run it.

mod common;

use std::path::{Path, PathBuf};

use attune::model::{Covered, Diagnosis, DosingMode, Person, Recipient, Release};
use attune::store::reports::{issue_session_report, ReportRequest};
use attune::store::{clients, releases, sessions};
use attune::vault::Vault;
use attune::Error;
use chrono::{NaiveDate, Utc};
use common::*;

struct Demo {
    tmp: tempfile::TempDir,
    dir: PathBuf,
    vault: Vault,
    today: NaiveDate,
    alex: Person,
    jordan: Person,
    dyadic: String,
}

fn demo() -> Demo {
    let (tmp, dir, mut vault) = new_vault();
    let today = attune::demo::today(Utc::now());
    attune::demo::populate(&mut vault, today).unwrap();
    let persons = clients::persons(&vault).unwrap();
    let find = |name: &str| {
        persons
            .iter()
            .find(|p| p.legal_name == name)
            .unwrap()
            .clone()
    };
    let (alex, jordan) = (find("Alexandra Rivera"), find("Jordan Chen"));
    let unit = clients::units_of(&vault, &alex.id).unwrap().remove(0);
    let dyadic = sessions::sessions_of_unit(&vault, &unit.id)
        .unwrap()
        .into_iter()
        .find(|s| s.mode == Some(DosingMode::DyadicPsychedelic))
        .expect("the demo couple had a dyadic dosing")
        .id;
    Demo {
        tmp,
        dir,
        vault,
        today,
        alex,
        jordan,
        dyadic,
    }
}

fn recipient(vault: &Vault, name: &str) -> Recipient {
    releases::recipients(vault)
        .unwrap()
        .into_iter()
        .find(|r| r.name == name)
        .unwrap()
}

const PRESCRIBER: &str = "Dr. Imani Adeyemi, MD";
const THERAPIST: &str = "Marisol Vega, LPC";
const TELEHEALTH: &str = "Dr. Ravi Menon, DO";

fn issue(d: &mut Demo, to: &str, persons: &[&Person], file: &Path) -> attune::Result<()> {
    let request = ReportRequest {
        session_id: d.dyadic.clone(),
        recipient_id: recipient(&d.vault, to).id,
        persons: persons.iter().map(|p| p.id.clone()).collect(),
    };
    issue_session_report(&mut d.vault, &request, Utc::now(), |bytes| {
        attune::pdf::write_pdf(file, bytes, attune::files::Existing::Refuse)
    })
    .map(|_| ())
}

fn disclosures(d: &Demo) -> (usize, usize) {
    (
        releases::disclosures_of(&d.vault, &d.alex.id)
            .unwrap()
            .len(),
        releases::disclosures_of(&d.vault, &d.jordan.id)
            .unwrap()
            .len(),
    )
}

#[test]
fn a_report_to_the_prescriber_names_only_the_partner_her_release_covers() {
    let mut d = demo();
    clients::add_diagnosis(
        &mut d.vault,
        &Diagnosis {
            id: String::new(),
            person_id: d.jordan.id.clone(),
            code: "F41.1".into(),
            diagnosed_on: d.today,
            primary: true,
        },
    )
    .unwrap();
    let file = d.tmp.path().join("report.pdf");
    issue(&mut d, PRESCRIBER, &[], &file).unwrap();
    let text = pdftotext(&file);
    for expected in [
        "Session report",
        "Dana Whitfield, PhD, LMFT",
        PRESCRIBER,
        "Camelback Ketamine Medicine",
        "Dyadic psychedelic",
        "Alexandra Rivera",
        "05/14/1986",
        "mg ketamine, intramuscular",
        "ECR-RS on ",
        "BP ",
        "Discharge",
        "F43.23",
        "Integration held on",
        "45 CFR 164.508",
    ] {
        assert!(
            text.contains(expected),
            "the report holds {expected:?}, a fact the prescriber needs:\n{text}"
        );
    }
    for absent in ["Jordan", "Chen", "11/02/1984", "F41.1"] {
        assert!(
            !text.contains(absent),
            "Jordan's release expired: nothing of his ({absent:?}) may be in the report:\n{text}"
        );
    }
    let alex = releases::disclosures_of(&d.vault, &d.alex.id).unwrap();
    assert_eq!(alex.len(), 1, "the disclosure is in Alex's accounting");
    assert!(alex[0]
        .what
        .starts_with("Session report: Dosing session of "));
    assert_eq!(
        releases::disclosures_of(&d.vault, &d.jordan.id)
            .unwrap()
            .len(),
        0,
        "nothing of Jordan's was disclosed, so his accounting is empty"
    );
}

#[test]
fn every_refused_report_leaves_no_file_and_no_disclosure() {
    let mut d = demo();
    let (alex, jordan) = (d.alex.clone(), d.jordan.clone());
    let menon = recipient(&d.vault, TELEHEALTH);
    releases::add_release(
        &mut d.vault,
        &Release {
            id: String::new(),
            person_id: alex.id.clone(),
            recipient_id: menon.id.clone(),
            covers: vec![Covered::Diagnoses],
            purpose: String::new(),
            valid_from: d.today,
            valid_until: d.today + chrono::Days::new(90),
            revoked_on: None,
        },
    )
    .unwrap();
    let cases: Vec<(&str, &str, Vec<&Person>, String)> = vec![
        (
            "expired",
            PRESCRIBER,
            vec![&jordan],
            format!("Jordan Chen's release to {PRESCRIBER} expired on "),
        ),
        (
            "names a partner without a release",
            THERAPIST,
            vec![&alex, &jordan],
            format!("Jordan Chen has no release of information to {THERAPIST} on file."),
        ),
        (
            "does not cover session reports",
            TELEHEALTH,
            vec![],
            format!("Alexandra Rivera's release to {TELEHEALTH} does not cover session reports."),
        ),
    ];
    for (name, to, persons, sentence) in cases {
        let file = d.tmp.path().join(format!("{name}.pdf"));
        match issue(&mut d, to, &persons, &file) {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "release", "{name}");
                assert!(
                    message.contains(&sentence),
                    "{name}: the refusal says who is not covered and why: {message}"
                );
            }
            other => panic!("{name}: expected a refusal, got {other:?}"),
        }
        assert!(!file.exists(), "{name}: a refused report writes no file");
        assert_eq!(disclosures(&d), (0, 0), "{name}: nothing was disclosed");
    }
    let prescribers = releases::releases_of(&d.vault, &alex.id).unwrap();
    let to_prescriber = prescribers
        .iter()
        .find(|r| r.recipient_id == recipient(&d.vault, PRESCRIBER).id)
        .unwrap();
    releases::revoke_release(&mut d.vault, &to_prescriber.id, d.today).unwrap();
    let file = d.tmp.path().join("revoked.pdf");
    let refused = issue(&mut d, PRESCRIBER, &[], &file).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("Alexandra Rivera revoked the release to Dr. Imani Adeyemi, MD on"),
        "a revoked release covers nothing from the day it is revoked: {refused}"
    );
    assert!(
        !file.exists() && disclosures(&d) == (0, 0),
        "revoked: nothing left behind"
    );
}

#[test]
fn a_report_that_cannot_be_written_is_not_recorded_as_disclosed() {
    let mut d = demo();
    let request = ReportRequest {
        session_id: d.dyadic.clone(),
        recipient_id: recipient(&d.vault, PRESCRIBER).id,
        persons: vec![],
    };
    let failed = issue_session_report(&mut d.vault, &request, Utc::now(), |_| {
        Err(Error::invalid("out", "The disk is full."))
    });
    assert!(failed.is_err(), "the writer's failure is reported");
    assert_eq!(
        disclosures(&d),
        (0, 0),
        "a report she never received was not disclosed"
    );
}

#[test]
fn the_command_line_lists_releases_and_issues_or_refuses_a_report() {
    let d = demo();
    let prescriber = recipient(&d.vault, PRESCRIBER).id;
    let (dir, dyadic, alex, jordan) = (
        d.dir.clone(),
        d.dyadic.clone(),
        d.alex.id.clone(),
        d.jordan.id.clone(),
    );
    d.vault.lock().unwrap();
    let text = cli_ok(&dir, &["releases", "--person", &jordan]);
    assert!(
        text.contains(PRESCRIBER) && text.contains("expired on"),
        "Jordan's release to the prescriber is listed as expired:\n{text}"
    );
    let refused_file = d.tmp.path().join("refused.pdf");
    let refused = cli(
        &dir,
        &[
            "report",
            "--session",
            &dyadic,
            "--recipient",
            &prescriber,
            "--person",
            &jordan,
            "--out",
            refused_file.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(1), "a refused report exits 1");
    assert!(
        String::from_utf8_lossy(&refused.stderr)
            .contains("Jordan Chen's release to Dr. Imani Adeyemi, MD expired on"),
        "the refusal names who is not covered: {}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(!refused_file.exists(), "no file for a refused report");
    let file = d.tmp.path().join("report.pdf");
    cli_ok(
        &dir,
        &[
            "report",
            "--session",
            &dyadic,
            "--recipient",
            &prescriber,
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        pdftotext(&file).contains("Alexandra Rivera"),
        "the report is written"
    );
    assert!(
        cli_ok(&dir, &["releases", "--person", &alex])
            .contains("Session report: Dosing session of"),
        "the disclosure appears in her accounting"
    );
}

#[test]
fn a_clients_own_record_holds_theirs_and_names_no_other_partner() {
    let d = demo();
    let (dir, jordan) = (d.dir.clone(), d.jordan.id.clone());
    d.vault.lock().unwrap();
    let file = d.tmp.path().join("record.pdf");
    cli_ok(
        &dir,
        &[
            "record",
            "--person",
            &jordan,
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let text = pdftotext(&file);
    for expected in [
        "Client record",
        "Jordan Chen",
        "11/02/1984",
        "Dosing session · with partner",
        "Dyadic psychedelic",
        "That I leave the room to protect her from me.",
        "CSI-16 on ",
        "45 CFR 164.524",
    ] {
        assert!(
            text.contains(expected),
            "his record holds {expected:?}, his own information:\n{text}"
        );
    }
    for absent in [
        "Alex",
        "Rivera",
        "F43.23",
        "Water, and the two of us floating",
    ] {
        assert!(
            !text.contains(absent),
            "nothing of Alex's ({absent:?}) is in Jordan's record:\n{text}"
        );
    }
    let again = cli(
        &dir,
        &[
            "record",
            "--person",
            &jordan,
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(
        again.status.code(),
        Some(1),
        "an existing file is never replaced"
    );
}

#[test]
fn the_dashboard_lists_a_release_that_has_lapsed_and_not_a_current_one() {
    let d = demo();
    let items: Vec<String> = attune::store::dashboard::dashboard(&d.vault, Utc::now())
        .unwrap()
        .attention
        .into_iter()
        .filter(|g| g.concern.code == "release_expiring")
        .flat_map(|g| g.items.into_iter().map(|i| i.message))
        .collect();
    assert!(
        items
            .iter()
            .any(|m| m.contains("Jordan") && m.contains(PRESCRIBER)),
        "Jordan's release to the prescriber ended three weeks ago: {items:?}"
    );
    assert!(
        !items
            .iter()
            .any(|m| m.contains("Alex") && m.contains(PRESCRIBER)),
        "Alex's runs most of a year more: {items:?}"
    );
}
