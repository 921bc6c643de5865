//! Treatment plans: the demo's signed plan and its progress against the latest measures, the
//! review-due item, locking once signed (in the store and in the vault itself), revision as a
//! new version, refusals in words, and the printed plan read back with `pdftotext`.

mod common;

use attune::model::TreatmentPlan;
use attune::rules::plans::Review;
use attune::store::plans::{plan_chart, plans_of, revise_plan, save_plan, sign_plan};
use attune::store::{clients, dashboard, Owner};
use attune::vault::Vault;
use chrono::{NaiveDate, Utc};
use common::*;

struct Demo {
    tmp: tempfile::TempDir,
    dir: std::path::PathBuf,
    vault: Vault,
    today: NaiveDate,
    owner: Owner,
}

fn demo() -> Demo {
    let (tmp, dir, mut vault) = new_vault();
    let today = attune::demo::today(Utc::now());
    attune::demo::populate(&mut vault, today).unwrap();
    let alex = clients::persons(&vault)
        .unwrap()
        .into_iter()
        .find(|p| p.legal_name == "Alexandra Rivera")
        .unwrap();
    let unit = clients::units_of(&vault, &alex.id).unwrap().remove(0);
    Demo {
        tmp,
        dir,
        vault,
        today,
        owner: Owner::Unit(unit.id),
    }
}

fn review_items(vault: &Vault) -> Vec<String> {
    dashboard::dashboard(vault, Utc::now())
        .unwrap()
        .attention
        .into_iter()
        .filter(|g| g.concern.code == "plan_review_due")
        .flat_map(|g| g.items.into_iter().map(|i| i.message))
        .collect()
}

#[test]
fn the_chart_shows_the_signed_plan_and_its_progress() {
    let d = demo();
    let chart = plan_chart(&d.vault, &d.owner, d.today).unwrap();
    let current = chart.current.expect("the demo plan is signed");
    assert_eq!(current.version, 1);
    assert!(chart.draft.is_none(), "no draft is open");
    let met: Vec<(Option<&str>, bool)> = chart
        .progress
        .iter()
        .map(|p| (p.target.as_deref(), p.met))
        .collect();
    assert_eq!(
        met,
        [
            (Some("CSI-16 above 51.5"), true),
            (None, false),
            (Some("PHQ-9 below 10"), true),
            (Some("GAD-7 below 5"), false),
        ],
        "by the latest scores (CSI-16 60 and 61, PHQ-9 6, GAD-7 6)"
    );
    assert_eq!(
        chart.progress[0].persons.len(),
        2,
        "a target without names is every partner's"
    );
    assert_eq!(
        chart.review,
        Some(Review::Soon { days: 10 }),
        "the demo's review is ten days away"
    );
    let items = review_items(&d.vault);
    assert!(
        items.len() == 1 && items[0].contains("Rivera") && items[0].contains("version 1"),
        "the dashboard lists the review: {items:?}"
    );
}

#[test]
fn a_signed_plan_is_locked_and_a_revision_is_a_new_version() {
    let mut d = demo();
    let v1 = plan_chart(&d.vault, &d.owner, d.today)
        .unwrap()
        .current
        .unwrap();
    let mut edited = v1.clone();
    edited.problems.push("Something added later".into());
    let refused = save_plan(&mut d.vault, &edited).unwrap_err();
    assert!(
        refused.to_string().contains("locked"),
        "a signed plan is not edited: {refused}"
    );
    let conn = open_raw(&d.dir, PASSPHRASE);
    for sql in [
        "UPDATE treatment_plans SET review_on = '2030-01-01'",
        "DELETE FROM treatment_plans",
    ] {
        assert!(
            conn.execute(sql, []).is_err(),
            "{sql}: the vault itself refuses it"
        );
    }
    drop(conn);

    let draft = revise_plan(&mut d.vault, &v1.id, d.today).unwrap();
    assert_eq!(
        (draft.version, draft.signed_at),
        (2, None),
        "the next version, a draft"
    );
    let again = revise_plan(&mut d.vault, &v1.id, d.today).unwrap_err();
    assert!(
        again.to_string().contains("draft"),
        "one draft at a time: {again}"
    );
    let mut draft = draft;
    draft
        .problems
        .push("Jordan's sleep since the second dosing.".into());
    let draft = save_plan(&mut d.vault, &draft).unwrap();
    sign_plan(&mut d.vault, &draft.id, Utc::now()).unwrap();

    let versions = plans_of(&d.vault, &d.owner).unwrap();
    assert_eq!(versions.len(), 2, "both versions are kept");
    assert_eq!(versions[0], v1, "version 1 is exactly as signed");
    let chart = plan_chart(&d.vault, &d.owner, d.today).unwrap();
    assert_eq!(
        chart.current.map(|c| c.version),
        Some(2),
        "the chart shows the revision"
    );
    assert!(
        review_items(&d.vault).is_empty(),
        "the revision's review is three months away: nothing due"
    );
}

#[test]
fn an_incomplete_plan_cannot_be_signed_and_stays_a_draft() {
    let mut d = demo();
    let v1 = plan_chart(&d.vault, &d.owner, d.today)
        .unwrap()
        .current
        .unwrap();
    let mut draft: TreatmentPlan = revise_plan(&mut d.vault, &v1.id, d.today).unwrap();
    draft.goals[0].objectives.clear();
    let draft = save_plan(&mut d.vault, &draft).unwrap();
    let refused = sign_plan(&mut d.vault, &draft.id, Utc::now()).unwrap_err();
    assert!(
        refused.to_string().contains("needs a measurable objective"),
        "says what is missing: {refused}"
    );
    let chart = plan_chart(&d.vault, &d.owner, d.today).unwrap();
    assert_eq!(
        chart.current.map(|c| c.version),
        Some(1),
        "version 1 is still current"
    );
    assert_eq!(
        chart.draft.map(|c| c.signed_at),
        Some(None),
        "the draft is still a draft"
    );
}

#[test]
fn the_printed_plan_holds_every_part() {
    let d = demo();
    let unit = d.owner.id().to_owned();
    let dir = d.dir.clone();
    d.vault.lock().unwrap();
    let out = d.tmp.path().join("plan.pdf");
    let said = cli_ok(
        &dir,
        &["plan", "--unit", &unit, "--out", out.to_str().unwrap()],
    );
    assert!(said.contains("version 1"), "{said}");
    let flat = pdftotext(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for (what, needle) in [
        ("title", "Treatment plan"),
        ("both partners", "Alexandra Rivera"),
        ("a problem", "pursue–withdraw cycle"),
        ("a goal", "Interrupt the pursue–withdraw cycle"),
        (
            "a linked objective",
            "Measured by CSI-16 above 51.5 (both partners)",
        ),
        (
            "one partner's objective",
            "Measured by PHQ-9 below 10 (Alexandra Rivera)",
        ),
        ("an intervention", "EFT enactments"),
        ("the dosing mode", "dyadic psychedelic"),
        ("the review date", "Review by"),
        ("the signature", "Signed electronically by"),
    ] {
        assert!(
            flat.contains(needle),
            "the plan shows {what} ({needle}):\n{flat}"
        );
    }
    let none = d.tmp.path().join("none.pdf");
    let alone = cli(
        &dir,
        &["plan", "--person", &unit, "--out", none.to_str().unwrap()],
    );
    assert_eq!(
        alone.status.code(),
        Some(1),
        "an id that is no person is refused"
    );
    assert!(!none.exists(), "and leaves no file");
}
