//! The demo practice holds what the issue asks for, and the command line makes it.

mod common;

use std::process::Command;

use attune::model::Structure;
use attune::model::{SessionKind, SessionStatus};
use attune::rules::safety;
use attune::store::{clients, sessions};
use attune::vault::Vault;
use common::*;

#[test]
fn the_demo_practice_is_believable_and_covers_the_hard_cases() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    let out = Command::new(env!("CARGO_BIN_EXE_attune"))
        .arg("--vault")
        .arg(&dir)
        .arg("demo")
        .env("ATTUNE_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = Command::new(env!("CARGO_BIN_EXE_attune"))
        .arg("--vault")
        .arg(&dir)
        .arg("demo")
        .env("ATTUNE_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(1),
        "a demo never overwrites a vault"
    );

    let vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    let today = attune::demo::today(chrono::Utc::now());
    let units = clients::units(&vault).unwrap();
    assert!(units
        .iter()
        .any(|u| u.structure == Structure::Triad && u.partners.len() == 3));
    let couples_with_one_diagnosed = units.iter().filter(|u| {
        u.structure == Structure::Couple
            && u.partners
                .iter()
                .filter(|p| !clients::diagnoses(&vault, &p.person_id).unwrap().is_empty())
                .count()
                == 1
    });
    assert!(
        couples_with_one_diagnosed.count() >= 1,
        "a couple where one partner has a diagnosis"
    );
    let persons = clients::persons(&vault).unwrap();
    assert!(
        persons
            .iter()
            .any(|p| clients::units_of(&vault, &p.id).unwrap().len() >= 2),
        "someone is a partner in two units"
    );
    let alerts: Vec<String> = persons
        .iter()
        .flat_map(|p| {
            safety::person_alerts(
                p.display_name(),
                &clients::screenings(&vault, &p.id).unwrap(),
                &clients::clearances(&vault, &p.id).unwrap(),
                &clients::consents(&vault, &p.id).unwrap(),
                today,
            )
        })
        .map(|a| a.message)
        .collect();
    assert!(
        alerts
            .iter()
            .any(|a| a.contains("medical clearance expired")),
        "{alerts:?}"
    );
    assert!(
        alerts
            .iter()
            .any(|a| a.contains("has not signed the KAP informed consent")),
        "{alerts:?}"
    );
    assert!(vault.check().unwrap().is_healthy());

    // A completed arc: two dosings in two modes, each integrated, every note signed.
    let couple = units.iter().find(|u| u.name == "Rivera–Chen").unwrap();
    let timeline = sessions::unit_timeline(&vault, &couple.id, chrono::Utc::now()).unwrap();
    let dosings: Vec<_> = timeline
        .entries
        .iter()
        .filter(|e| e.session.kind == SessionKind::Dosing)
        .collect();
    assert_eq!(dosings.len(), 2);
    assert_ne!(
        dosings[0].session.mode, dosings[1].session.mode,
        "two modes"
    );
    for d in &dosings {
        assert_eq!(d.reflections.len(), 2, "both partners reflected");
        assert!(d.therapy_minutes >= 160, "{} minutes", d.therapy_minutes);
        assert!(d.session.gate_override.is_none(), "the gates held");
    }
    assert_eq!(
        timeline
            .entries
            .iter()
            .filter(|e| e.session.kind == SessionKind::Integration)
            .count(),
        2
    );
    let (called_off, held): (Vec<_>, Vec<_>) = timeline
        .entries
        .iter()
        .partition(|e| e.session.status == SessionStatus::Cancelled);
    assert!(
        held.iter()
            .all(|e| e.signed && e.session.status == SessionStatus::Completed),
        "every other session of the arc was held and signed"
    );
    let reasons: Vec<Option<&str>> = called_off
        .iter()
        .map(|e| e.session.called_off.as_ref().map(|c| c.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [Some("Childcare fell through")],
        "one session was cancelled late, with its reason, so the demo shows a missed fee"
    );
    assert!(timeline.warnings.is_empty(), "{:?}", timeline.warnings);
}

/// The demo's measures show a course (Alex's depression easing, both partners' satisfaction
/// crossing the CSI-16 cut-off after the dosings), and its dashboard has things to say.
#[test]
fn the_demo_has_measures_around_its_dosings_and_a_dashboard_with_something_to_say() {
    use attune::model::Instrument;
    use attune::store::{dashboard, measures};
    let (_tmp, _dir, mut vault) = new_vault();
    let today = chrono::Utc::now().date_naive();
    attune::demo::populate(&mut vault, today).unwrap();
    let alex = clients::persons(&vault)
        .unwrap()
        .into_iter()
        .find(|p| p.display_name() == "Alex")
        .unwrap();
    let history = measures::history(&vault, &alex.id, None).unwrap();
    assert_eq!(history.dosings.len(), 2, "{:?}", history.dosings);
    let totals = |instrument: Instrument| -> Vec<f64> {
        history
            .series
            .iter()
            .find(|s| s.instrument == instrument)
            .unwrap()
            .points
            .iter()
            .map(|p| p.scores[0].value)
            .collect()
    };
    let phq = totals(Instrument::Phq9);
    assert_eq!(phq.first(), Some(&14.0));
    assert_eq!(phq.last(), Some(&6.0));
    assert!(phq.windows(2).all(|w| w[1] <= w[0]), "{phq:?}");
    let csi = totals(Instrument::Csi16);
    assert!(csi[0] < 51.5 && *csi.last().unwrap() > 51.5, "{csi:?}");
    // Measured before and after each dosing.
    let dates: Vec<_> = history.series[0]
        .points
        .iter()
        .map(|p| p.given_on)
        .collect();
    for dosing in &history.dosings {
        assert!(dates.iter().any(|d| d < dosing) && dates.iter().any(|d| d > dosing));
    }
    assert!(
        history.self_harm.is_none(),
        "the demo raises no self-harm alert"
    );

    let board = dashboard::dashboard(&vault, chrono::Utc::now()).unwrap();
    let kinds: Vec<&str> = board.attention.iter().map(|g| g.concern.code).collect();
    assert!(kinds.contains(&"clearance_expiring"), "{kinds:?}");
    assert!(kinds.contains(&"unpaid"), "{kinds:?}");
    assert!(kinds.contains(&"backup"), "never backed up: {kinds:?}");
    assert!(
        kinds.contains(&"superbill_not_issued"),
        "Alex's October: {kinds:?}"
    );
}
