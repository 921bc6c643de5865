//! Good Faith Estimates: drafted from the arc and the practice's prices, issued numbered and
//! frozen, printed with every field the No Surprises Act asks for (read back with
//! `pdftotext`), refused in words, and watched by the dashboard's $400 rule.

mod common;

use attune::model::Person;
use attune::store::billing::{self, EstimateRequest};
use attune::store::Owner;
use attune::store::{clients, dashboard};
use attune::vault::Vault;
use chrono::{Days, NaiveDate, Utc};
use common::*;

struct Demo {
    _tmp: tempfile::TempDir,
    dir: std::path::PathBuf,
    vault: Vault,
    today: NaiveDate,
    jordan: Person,
    unit: String,
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
    let unit = clients::units_of(&vault, &alex.id).unwrap().remove(0).id;
    Demo {
        _tmp: tmp,
        dir,
        vault,
        today,
        jordan,
        unit,
    }
}

fn estimate_items(vault: &Vault) -> Vec<String> {
    dashboard::dashboard(vault, Utc::now())
        .unwrap()
        .attention
        .into_iter()
        .filter(|g| g.concern.code == "estimate_exceeded")
        .flat_map(|g| g.items.into_iter().map(|i| i.message))
        .collect()
}

#[test]
fn the_demo_couple_had_an_estimate_before_care_and_is_within_it() {
    let d = demo();
    let issued = billing::estimates_of(&d.vault, &Owner::Unit(d.unit.clone())).unwrap();
    assert_eq!(issued.len(), 1, "one estimate, given before the intake");
    let e = &issued[0].estimate;
    assert_eq!(issued[0].number, 1, "estimates are numbered from 1");
    assert!(
        issued[0].issued_on < e.from,
        "issued before the care it covers began"
    );
    assert_eq!(
        e.total,
        attune::billing::Cents::dollars(5000),
        "the arc with the package of three dosings, as the demo's fees price it: {e:#?}"
    );
    assert!(
        estimate_items(&d.vault).is_empty(),
        "what they have been charged is within $400 of the estimate"
    );
}

#[test]
fn the_estimate_pdf_holds_every_required_field() {
    let d = demo();
    let (dir, unit) = (d.dir.clone(), d.unit.clone());
    let profile = attune::store::practice::profile(&d.vault).unwrap();
    d.vault.lock().unwrap();
    let out = d._tmp.path().join("estimate.pdf");
    let said = cli_ok(
        &dir,
        &[
            "estimate",
            "--unit",
            &unit,
            "--dosings",
            "3",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        said.contains("Good Faith Estimate No. 2"),
        "a new estimate after the demo's No. 1: {said}"
    );
    let text = pdftotext(&out);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (what, needle) in [
        ("title", "Good Faith Estimate"),
        ("number", "No. 2"),
        ("provider", profile.provider_name.as_str()),
        ("NPI", profile.npi.as_str()),
        ("tax id", profile.ein.as_str()),
        ("address", profile.address_line1.as_str()),
        ("a partner", "Alexandra Rivera"),
        ("the other partner", "Jordan Chen"),
        ("period", "Period of care"),
        ("the dosing's code", "90847"),
        (
            "the medicine, without a code",
            "Ketamine and its administration",
        ),
        ("total", "Total estimated charges"),
        ("right to an estimate", "right to receive a"),
        (
            "the $400 dispute right",
            "at least $400 more than your Good Faith Estimate",
        ),
        ("not a contract", "not a contract"),
    ] {
        assert!(
            flat.contains(needle),
            "the estimate shows the {what} ({needle}):\n{text}"
        );
    }
}

#[test]
fn an_estimate_is_refused_in_words_and_leaves_no_file_and_no_number() {
    let d = demo();
    let (dir, unit, today) = (d.dir.clone(), d.unit.clone(), d.today);
    d.vault.lock().unwrap();
    let out = d._tmp.path().join("too-long.pdf");
    let until = today.checked_add_days(Days::new(400)).unwrap().to_string();
    let run = cli(
        &dir,
        &[
            "estimate",
            "--unit",
            &unit,
            "--until",
            &until,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let said = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "a refusal: {said}");
    assert!(said.contains("at most 12 months"), "says why: {said}");
    assert!(!out.exists(), "no file for a refused estimate");
    let run = cli(&dir, &["estimate", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2), "whom it is for is required");
    let vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    let numbers = billing::estimates_of(&vault, &Owner::Unit(unit)).unwrap();
    assert_eq!(numbers.len(), 1, "no number was used by the refusals");
}

#[test]
fn an_issued_estimate_never_changes() {
    let d = demo();
    let conn = open_raw(&d.dir, PASSPHRASE);
    for sql in [
        "UPDATE estimates SET total_cents = 1",
        "DELETE FROM estimates",
    ] {
        let refused = conn.execute(sql, []);
        assert!(refused.is_err(), "{sql}: the vault itself refuses it");
    }
    drop(d);
}

#[test]
fn issuing_the_same_estimate_twice_keeps_its_number() {
    let mut d = demo();
    let request = EstimateRequest {
        for_whom: Owner::Person(d.jordan.id.clone()),
        from: Some(d.today),
        until: None,
        package_id: None,
        dosings: Some(1),
    };
    let now = Utc::now();
    let draft = billing::draft_estimate(&d.vault, &request, now).unwrap();
    let first = billing::issue_estimate(&mut d.vault, &draft, now, |_| Ok(())).unwrap();
    let again = billing::issue_estimate(&mut d.vault, &draft, now, |_| Ok(())).unwrap();
    assert_eq!(
        first.number, again.number,
        "nothing changed: the same estimate"
    );
    let failed = billing::issue_estimate(&mut d.vault, &draft, now, |_| {
        Err(attune::Error::invalid("file", "the disk is full"))
    });
    assert!(
        failed.is_err(),
        "a file that cannot be written fails the issue"
    );
    let mut changed = draft.clone();
    changed.until = changed.until.pred_opt().unwrap();
    let failed = billing::issue_estimate(&mut d.vault, &changed, now, |_| {
        Err(attune::Error::invalid("file", "the disk is full"))
    });
    assert!(failed.is_err());
    let listed = billing::estimates_of(&d.vault, &Owner::Person(d.jordan.id.clone())).unwrap();
    assert_eq!(listed.len(), 1, "a failed delivery records no new estimate");
}

#[test]
fn the_dashboard_warns_when_charges_pass_the_estimate_by_400_dollars() {
    let mut d = demo();
    // An estimate from before the intake that left out the dosings: what has been charged
    // since is far more than $400 over it.
    let from = d.today.checked_sub_days(Days::new(40)).unwrap();
    let request = EstimateRequest {
        for_whom: Owner::Unit(d.unit.clone()),
        from: Some(from),
        until: None,
        package_id: None,
        dosings: Some(0),
    };
    let now = Utc::now();
    let draft = billing::draft_estimate(&d.vault, &request, now).unwrap();
    let issued = billing::issue_estimate(&mut d.vault, &draft, now, |_| Ok(())).unwrap();
    let items = estimate_items(&d.vault);
    assert_eq!(items.len(), 1, "one item for the couple: {items:?}");
    assert!(
        items[0].contains("Rivera") && items[0].contains(&format!("No. {}", issued.number)),
        "the item names them and the estimate: {items:?}"
    );
    assert!(
        items[0].contains("may dispute"),
        "it says what the $400 means for them: {items:?}"
    );
}
