//! Measures through the vault on the demo practice: recorded as answered and scored by the
//! core; refused with a sentence when incomplete, in the future, or about the wrong people; a
//! partner in two relationships with two attachment profiles; entered in error but kept; PHQ-9
//! item 9 on the chart and in the dosing gate; CSV; the open document's exact round trip; and
//! the database itself refusing to rewrite an answer.

mod common;

use attune::document;
use attune::files::Existing;
use attune::model::{
    Instrument, Measure, Person, Session, SessionKind, SessionStatus, Setting, Unit,
};
use attune::store::{clients, measures, sessions};
use attune::vault::Vault;
use chrono::{Duration, NaiveDate, Utc};
use common::*;

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

struct Demo {
    _tmp: tempfile::TempDir,
    dir: std::path::PathBuf,
    vault: Vault,
}

fn demo() -> Demo {
    let (tmp, dir, mut vault) = new_vault();
    attune::demo::populate(&mut vault, today()).unwrap();
    Demo {
        _tmp: tmp,
        dir,
        vault,
    }
}

fn person(vault: &Vault, name: &str) -> Person {
    clients::persons(vault)
        .unwrap()
        .into_iter()
        .find(|p| p.display_name() == name)
        .unwrap()
}

fn unit(vault: &Vault, name: &str) -> Unit {
    clients::units(vault)
        .unwrap()
        .into_iter()
        .find(|u| u.name == name)
        .unwrap()
}

fn phq9(who: &Person, days_ago: i64, item9: Option<u8>) -> Measure {
    Measure {
        id: String::new(),
        person_id: who.id.clone(),
        unit_id: None,
        instrument: Instrument::Phq9,
        given_on: today() - Duration::days(days_ago),
        session_id: None,
        answers: [vec![Some(1); 8], vec![item9]].concat(),
        entered_in_error: None,
    }
}

fn ecr(who: &Person, about: &Unit, rating: u8) -> Measure {
    Measure {
        id: String::new(),
        person_id: who.id.clone(),
        unit_id: Some(about.id.clone()),
        instrument: Instrument::EcrRs,
        given_on: today(),
        session_id: None,
        answers: vec![Some(rating - 1); 9],
        entered_in_error: None,
    }
}

#[test]
fn phq9_item9_is_an_alert_on_the_chart_and_fails_the_dosing_gate_until_a_later_phq9_clears_it() {
    let mut d = demo();
    let jordan = person(&d.vault, "Jordan Chen");
    let couple = unit(&d.vault, "Rivera–Chen");
    let dosing = sessions::save_session(
        &mut d.vault,
        &Session {
            id: String::new(),
            unit_id: Some(couple.id.clone()),
            person_id: None,
            kind: SessionKind::Dosing,
            scheduled_at: Utc::now() + Duration::days(3),
            planned_minutes: 180,
            setting: Setting::Office,
            attendees: couple
                .partners
                .iter()
                .map(|p| p.person_id.clone())
                .collect(),
            status: SessionStatus::Scheduled,
            mode: Some(attune::model::DosingMode::DyadicPsycholytic),
            dosing_partners: couple
                .partners
                .iter()
                .map(|p| p.person_id.clone())
                .collect(),
            supporters: String::new(),
            transport: "Jordan's sister drives".into(),
            gate_override: None,
            called_off: None,
        },
    )
    .unwrap();
    let screening = |vault: &Vault| {
        sessions::gate_checks(vault, &dosing.id, today())
            .unwrap()
            .into_iter()
            .find(|g| g.code == "screening_clear")
            .unwrap()
    };
    assert!(screening(&d.vault).holds, "{:?}", screening(&d.vault));

    let saved =
        measures::record_measure(&mut d.vault, &phq9(&jordan, 1, Some(1)), today()).unwrap();
    assert!(!saved.id.is_empty());
    let gate = screening(&d.vault);
    assert!(!gate.holds);
    assert!(
        gate.detail.contains("Jordan Chen's latest PHQ-9"),
        "{}",
        gate.detail
    );
    assert!(
        gate.detail.contains("\u{201c}Several days\u{201d}"),
        "{}",
        gate.detail
    );
    let chart = clients::unit_chart(&d.vault, &couple.id, today()).unwrap();
    let alerts = &chart.partners[1].alerts;
    assert_eq!(alerts[0].rule, "phq9_item9");
    assert!(alerts[0].blocking);
    let history = measures::history(&d.vault, &jordan.id, None).unwrap();
    assert!(history.alert.unwrap().starts_with("Jordan Chen answered"));

    // Today's PHQ-9 answers "Not at all": the alert and the gate clear.
    measures::record_measure(&mut d.vault, &phq9(&jordan, 0, Some(0)), today()).unwrap();
    assert!(screening(&d.vault).holds);
    assert!(measures::history(&d.vault, &jordan.id, None)
        .unwrap()
        .self_harm
        .is_none());
}

#[test]
fn what_cannot_be_a_measure_is_refused_with_a_sentence() {
    let mut d = demo();
    let alex = person(&d.vault, "Alex");
    let zoe = person(&d.vault, "Zoë Ñúñez");
    let rivera_chen = unit(&d.vault, "Rivera–Chen");
    let before = measures::measures_of(&d.vault, &alex.id).unwrap().len();
    let refusals: Vec<(Measure, &str)> = vec![
        (
            phq9(&alex, 0, None),
            "Item 9 of the PHQ-9 (\u{201c}Thoughts that you would be better off dead",
        ),
        (phq9(&alex, -1, Some(0)), "after today"),
        (
            Measure {
                instrument: Instrument::Csi16,
                answers: vec![Some(3); 16],
                ..phq9(&alex, 0, Some(0))
            },
            "The CSI-16 is about one relationship: choose which one.",
        ),
        (
            ecr(&zoe, &rivera_chen, 4),
            "Zoë Ñúñez is not a partner in that relationship.",
        ),
        (
            Measure {
                session_id: Some("no-such-session".into()),
                ..phq9(&alex, 0, Some(0))
            },
            "There is no session with the id no-such-session",
        ),
    ];
    for (m, expected) in refusals {
        let e = measures::record_measure(&mut d.vault, &m, today()).unwrap_err();
        assert!(
            e.to_string().contains(expected),
            "{e} (expected {expected:?})"
        );
    }
    assert_eq!(
        measures::measures_of(&d.vault, &alex.id).unwrap().len(),
        before,
        "nothing kept"
    );
}

#[test]
fn a_partner_in_two_relationships_has_two_attachment_profiles() {
    let mut d = demo();
    let sam = person(&d.vault, "Sam");
    let first = unit(&d.vault, "Ñúñez–Okafor");
    let second = unit(&d.vault, "Okafor–Brooks");
    measures::record_measure(&mut d.vault, &ecr(&sam, &second, 6), today()).unwrap();
    let history = measures::history(&d.vault, &sam.id, None).unwrap();
    let profiles: Vec<(Option<&str>, f64)> = history
        .series
        .iter()
        .filter(|s| s.instrument == Instrument::EcrRs)
        .map(|s| {
            (
                s.relationship.as_deref(),
                s.points.last().unwrap().scores[1].value,
            )
        })
        .collect();
    assert_eq!(profiles.len(), 2, "{profiles:?}");
    assert!(
        profiles.contains(&(Some("Okafor–Brooks"), 6.0)),
        "{profiles:?}"
    );
    // On one relationship's chart, only that relationship's profile.
    let partners = measures::unit_histories(&d.vault, &first.id).unwrap();
    let sams = partners.iter().find(|h| h.person_id == sam.id).unwrap();
    assert!(sams
        .series
        .iter()
        .filter(|s| s.unit_id.is_some())
        .all(|s| s.unit_id.as_deref() == Some(first.id.as_str())));
}

#[test]
fn entered_in_error_is_kept_with_its_reason_and_leaves_plots_and_alerts() {
    let mut d = demo();
    let alex = person(&d.vault, "Alex");
    let wrong = measures::record_measure(&mut d.vault, &phq9(&alex, 0, Some(3)), today()).unwrap();
    assert!(measures::history(&d.vault, &alex.id, None)
        .unwrap()
        .self_harm
        .is_some());
    let e = measures::mark_entered_in_error(&mut d.vault, &wrong.id, "  ").unwrap_err();
    assert!(e.to_string().contains("Say why"), "{e}");
    measures::mark_entered_in_error(&mut d.vault, &wrong.id, "Jordan's form, entered under Alex")
        .unwrap();
    let history = measures::history(&d.vault, &alex.id, None).unwrap();
    assert!(history.self_harm.is_none());
    assert!(!history
        .series
        .iter()
        .flat_map(|s| &s.points)
        .any(|p| p.measure_id == wrong.id));
    let kept = history.measures.iter().find(|m| m.id == wrong.id).unwrap();
    assert_eq!(
        kept.entered_in_error.as_deref(),
        Some("Jordan's form, entered under Alex")
    );
    let again = measures::mark_entered_in_error(&mut d.vault, &wrong.id, "twice").unwrap_err();
    assert!(again.to_string().contains("already marked"), "{again}");

    // The database refuses to rewrite or remove an answer, whatever the code does.
    drop(d.vault);
    let raw = open_raw(&d.dir, PASSPHRASE);
    let change = raw
        .execute("UPDATE measures SET answers = '[0,0,0,0,0,0,0,0,0]'", [])
        .unwrap_err();
    assert!(
        change.to_string().contains("answers cannot change"),
        "{change}"
    );
    let remove = raw.execute("DELETE FROM measures", []).unwrap_err();
    assert!(remove.to_string().contains("cannot be removed"), "{remove}");
}

#[test]
fn a_measure_history_exports_to_csv_with_every_item() {
    let d = demo();
    let alex = person(&d.vault, "Alex");
    let csv = measures::csv(&d.vault, &alex.id).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("date,measure,relationship,score,value,band,item_1,"),
        "{header}"
    );
    assert!(header.ends_with("item_16,entered_in_error"), "{header}");
    let rows: Vec<&str> = lines.collect();
    // Five batteries of PHQ-9, GAD-7, CSI-16 and ECR-RS (two scores): 25 rows.
    assert_eq!(rows.len(), 25, "{csv}");
    let intake_phq = rows.iter().find(|r| r.contains(",PHQ-9,")).unwrap();
    assert!(
        intake_phq.contains(",Depression,14,Moderate,"),
        "{intake_phq}"
    );
    assert!(rows.iter().any(|r| r.contains(",CSI-16,Rivera–Chen,Relationship satisfaction,38,Notable dissatisfaction (below 51.5),")), "{csv}");
    // Each row's items add up to its total (the PHQ-9 and GAD-7 sum theirs).
    for row in rows
        .iter()
        .filter(|r| r.contains(",PHQ-9,") || r.contains(",GAD-7,"))
    {
        let f: Vec<&str> = row.split(',').collect();
        let total: u32 = f[4].parse().unwrap();
        let sum: u32 = f[6..22]
            .iter()
            .filter(|x| !x.is_empty())
            .map(|x| x.parse::<u32>().unwrap())
            .sum();
        assert_eq!(sum, total, "{row}");
    }
    let file = d.dir.parent().unwrap().join("alex.csv");
    measures::save_csv(&d.vault, &alex.id, &file, Existing::Refuse).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), csv);
    let e = measures::save_csv(&d.vault, &alex.id, &file, Existing::Refuse).unwrap_err();
    assert!(e.to_string().contains("already exists"), "{e}");
}

#[test]
fn measures_travel_in_the_open_document_exactly_and_answers_never_change_on_import() {
    let mut d = demo();
    let exported = document::export(&d.vault).unwrap();
    assert_eq!(exported.version, document::VERSION);
    assert!(exported.measures.len() > 40, "{}", exported.measures.len());
    let (_tmp2, _dir2, mut fresh) = new_vault();
    document::import(&mut fresh, &exported, today()).unwrap();
    let again = document::export(&fresh).unwrap();
    assert_eq!(again.measures, exported.measures);

    // Marking one entered in error travels; changing an answer is refused, naming the place.
    let mut marked = exported.clone();
    marked.measures[0].entered_in_error = Some("Wrong date".into());
    document::import(&mut d.vault, &marked, today()).unwrap();
    assert_eq!(
        measures::measures_of(&d.vault, &marked.measures[0].person_id)
            .unwrap()
            .into_iter()
            .find(|m| m.id == marked.measures[0].id)
            .unwrap()
            .entered_in_error
            .as_deref(),
        Some("Wrong date")
    );
    // (Un-marking is a change too: the documents below start from the marked one.)
    let unmarked = document::import(&mut d.vault, &exported, today()).unwrap_err();
    assert!(
        unmarked.to_string().starts_with("measures[0]: differs"),
        "{unmarked}"
    );
    let mut changed = marked.clone();
    changed.measures[3].answers[0] = Some(if changed.measures[3].answers[0] == Some(0) {
        1
    } else {
        0
    });
    let before = document::export(&d.vault).unwrap().measures;
    let e = document::import(&mut d.vault, &changed, today()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("measures[3]: differs from the measure"),
        "{e}"
    );
    assert_eq!(
        document::export(&d.vault).unwrap().measures,
        before,
        "nothing changed"
    );
    // A measure with an item missing is refused on import too.
    let mut missing = marked;
    missing.measures[5].id = "new-measure".into();
    missing.measures[5].answers[2] = None;
    let e = document::import(&mut d.vault, &missing, today()).unwrap_err();
    assert!(
        e.to_string().starts_with("measures[5]: Item 3 of the"),
        "{e}"
    );
}
