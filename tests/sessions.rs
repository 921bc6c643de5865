//! Sessions through the core's API: the clock across a restart and a two-hour gap, the safety
//! gates and their override, doses and vitals, a signed note that refuses edits (in the store
//! and in the database), dated addenda, reflections, and the unit's timeline.

mod common;

use std::collections::BTreeMap;

use attune::model::{
    Clearance, ClearanceSetting, ClockEventKind, Consent, ConsentKind, Dose, DosingMode, DvResult,
    DvScreen, GivenWhere, Partner, Person, Reflection, Route, Screening, Session, SessionKind,
    SessionStatus, Setting, Structure, Unit, UnitStatus, Vitals,
};
use attune::rules::clock::Phase;
use attune::store::{clients, sessions};
use attune::vault::Vault;
use attune::Error;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::*;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-11-25";

/// A triad with every safety record in place, a DV screen, and a completed preparation.
struct Triad {
    unit: Unit,
    partners: Vec<Person>,
}

fn triad(vault: &mut Vault, records: bool) -> Triad {
    let partners: Vec<Person> = ["Zoë Ñúñez", "Sam Okafor", "Rui Tan"]
        .iter()
        .map(|n| clients::save_person(vault, &person(n), d(TODAY)).unwrap())
        .collect();
    let unit = clients::save_unit(
        vault,
        &Unit {
            id: String::new(),
            name: "Ñúñez–Okafor–Tan".to_owned(),
            structure: Structure::Triad,
            status: UnitStatus::Active,
            start_date: Some(d("2026-09-01")),
            goals: "Make room for three".to_owned(),
            partners: partners
                .iter()
                .map(|p| Partner {
                    person_id: p.id.clone(),
                    attachment_notes: String::new(),
                })
                .collect(),
        },
    )
    .unwrap();
    if records {
        for p in &partners {
            clients::add_screening(
                vault,
                &Screening {
                    id: String::new(),
                    person_id: p.id.clone(),
                    taken_on: d("2026-10-01"),
                    present: vec![],
                    notes: String::new(),
                },
            )
            .unwrap();
            clients::add_clearance(
                vault,
                &Clearance {
                    id: String::new(),
                    person_id: p.id.clone(),
                    prescriber: "Dr. Imani Okafor".to_owned(),
                    organisation: String::new(),
                    cleared_on: d("2026-10-01"),
                    valid_until: d("2027-04-01"),
                    setting: ClearanceSetting::InOfficeIm,
                },
            )
            .unwrap();
            clients::add_consent(
                vault,
                &Consent {
                    id: String::new(),
                    person_id: p.id.clone(),
                    kind: ConsentKind::KapInformedConsent,
                    signed_on: d("2026-10-01"),
                    expires_on: None,
                    release_to: String::new(),
                },
            )
            .unwrap();
        }
        clients::add_dv_screen(
            vault,
            &DvScreen {
                id: String::new(),
                unit_id: unit.id.clone(),
                screened_on: d("2026-10-01"),
                result: DvResult::NoConcern,
            },
        )
        .unwrap();
    }
    Triad { unit, partners }
}

fn book(vault: &mut Vault, tr: &Triad, kind: SessionKind, at: &str) -> Session {
    let ids: Vec<String> = tr.partners.iter().map(|p| p.id.clone()).collect();
    let dosing = kind == SessionKind::Dosing;
    sessions::save_session(
        vault,
        &Session {
            id: String::new(),
            unit_id: Some(tr.unit.id.clone()),
            person_id: None,
            kind,
            scheduled_at: t(at),
            planned_minutes: if dosing { 180 } else { 60 },
            setting: Setting::Office,
            attendees: ids.clone(),
            status: SessionStatus::Scheduled,
            mode: dosing.then_some(DosingMode::DyadicPsycholytic),
            dosing_partners: if dosing { ids } else { vec![] },
            supporters: String::new(),
            transport: if dosing {
                "Rui's sister drives them home".to_owned()
            } else {
                String::new()
            },
            gate_override: None,
            called_off: None,
        },
    )
    .unwrap()
}

/// Books and completes a session, with the clock.
fn hold(vault: &mut Vault, tr: &Triad, kind: SessionKind, at: &str) -> Session {
    let s = book(vault, tr, kind, at);
    sessions::record_clock(vault, &s.id, ClockEventKind::Start, None, t(at), None).unwrap();
    sessions::record_clock(
        vault,
        &s.id,
        ClockEventKind::End,
        None,
        t(at) + Duration::minutes(55),
        None,
    )
    .unwrap();
    s
}

fn invalid_message(e: Error) -> String {
    match e {
        Error::Invalid { message, .. } => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn the_clock_survives_a_restart_and_a_two_hour_gap() {
    let (_tmp, dir, mut vault) = new_vault();
    let tr = triad(&mut vault, true);
    let s = book(
        &mut vault,
        &tr,
        SessionKind::CouplesSession,
        "2026-11-25T17:00:00Z",
    );
    let clock = |vault: &mut Vault, kind, at: &str| {
        sessions::record_clock(vault, &s.id, kind, None, t(at), None).unwrap();
    };
    clock(&mut vault, ClockEventKind::Start, "2026-11-25T17:00:00Z");
    clock(&mut vault, ClockEventKind::Pause, "2026-11-25T17:30:00Z");
    clock(&mut vault, ClockEventKind::Resume, "2026-11-25T17:40:00Z");

    // The app is closed (or crashes) and opened again: nothing but the events carries over.
    vault.lock().unwrap();
    let mut vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();

    // Two hours later (the laptop slept): the clock ran on, without the 10-minute pause.
    let view = sessions::session_view(&vault, &s.id, t("2026-11-25T19:40:00Z")).unwrap();
    assert_eq!(view.clock.phase, Phase::Running);
    assert_eq!(view.clock.elapsed_seconds, 160 * 60);
    assert_eq!(view.clock.therapy_minutes(), 150);
    assert_eq!(view.session.status, SessionStatus::InProgress);

    // Out of turn is refused in words; the events stay as they were.
    let err = sessions::record_clock(
        &mut vault,
        &s.id,
        ClockEventKind::Resume,
        None,
        t("2026-11-25T19:41:00Z"),
        None,
    )
    .unwrap_err();
    assert_eq!(invalid_message(err), "The session is running, not paused.");

    clock(&mut vault, ClockEventKind::End, "2026-11-25T19:44:30Z");
    let view = sessions::session_view(&vault, &s.id, t("2026-11-26T09:00:00Z")).unwrap();
    assert_eq!(view.clock.phase, Phase::Ended);
    assert_eq!(
        view.clock.therapy_minutes(),
        154,
        "164.5 minutes less the 10-minute pause, whole minutes"
    );
    assert_eq!(view.session.status, SessionStatus::Completed);

    // Clock events are facts: the database refuses to change them.
    let conn = open_raw(&dir, PASSPHRASE);
    drop(vault);
    let changed = conn.execute(
        "UPDATE clock_events SET at = '2026-11-25T18:00:00.000Z'",
        [],
    );
    assert!(changed.is_err(), "a clock event was changed in place");
}

#[test]
fn a_dosing_starts_only_when_every_gate_holds_or_with_a_written_reason() {
    let (_tmp, _dir, mut vault) = new_vault();
    let tr = triad(&mut vault, true);
    // No preparation yet: that gate fails.
    let dosing = book(&mut vault, &tr, SessionKind::Dosing, "2026-11-25T17:00:00Z");
    let gates = sessions::gate_checks(&vault, &dosing.id, d(TODAY)).unwrap();
    let failing: Vec<&str> = gates.iter().filter(|g| !g.holds).map(|g| g.code).collect();
    assert_eq!(failing, ["preparation_first"]);

    let err = sessions::record_clock(
        &mut vault,
        &dosing.id,
        ClockEventKind::Start,
        None,
        t("2026-11-25T17:00:00Z"),
        None,
    )
    .unwrap_err();
    let message = invalid_message(err);
    assert!(
        message.starts_with(
            "Not every safety gate holds. No preparation session has been completed yet."
        ),
        "{message}"
    );
    assert_eq!(
        sessions::session(&vault, &dosing.id).unwrap().status,
        SessionStatus::Scheduled,
        "a refused start changes nothing"
    );
    assert!(sessions::clock_events(&vault, &dosing.id)
        .unwrap()
        .is_empty());

    // A blank reason is no reason.
    assert!(sessions::record_clock(
        &mut vault,
        &dosing.id,
        ClockEventKind::Start,
        None,
        t("2026-11-25T17:00:00Z"),
        Some("  ")
    )
    .is_err());

    let reason = "Preparation was held by the referring therapist on 2026-11-18; notes on file.";
    sessions::record_clock(
        &mut vault,
        &dosing.id,
        ClockEventKind::Start,
        None,
        t("2026-11-25T17:00:00Z"),
        Some(reason),
    )
    .unwrap();
    let started = sessions::session(&vault, &dosing.id).unwrap();
    let o = started.gate_override.clone().expect("the override is kept");
    assert_eq!(o.reason, reason);
    assert_eq!(o.failed.len(), 1);
    assert!(o.failed[0].contains("preparation"), "{:?}", o.failed);

    // Saving the session again cannot remove or forge the override.
    let mut edited = started.clone();
    edited.gate_override = None;
    edited.status = SessionStatus::Scheduled;
    let saved = sessions::save_session(&mut vault, &edited).unwrap();
    assert!(saved.gate_override.is_some());
    assert_eq!(saved.status, SessionStatus::InProgress);
}

#[test]
fn a_dosing_with_a_partner_lacking_records_names_them() {
    let (_tmp, _dir, mut vault) = new_vault();
    let tr = triad(&mut vault, false);
    hold(
        &mut vault,
        &tr,
        SessionKind::Preparation,
        "2026-11-18T17:00:00Z",
    );
    let dosing = book(&mut vault, &tr, SessionKind::Dosing, "2026-11-25T17:00:00Z");
    let gates = sessions::gate_checks(&vault, &dosing.id, d(TODAY)).unwrap();
    let screening = gates.iter().find(|g| g.code == "screening_clear").unwrap();
    assert!(!screening.holds);
    assert!(
        screening
            .detail
            .contains("Zoë Ñúñez has no screening on file."),
        "{}",
        screening.detail
    );
    let dv = gates.iter().find(|g| g.code == "no_active_dv").unwrap();
    assert!(!dv.holds);
}

#[test]
fn doses_vitals_and_marks_belong_to_partners_who_attend() {
    let (_tmp, _dir, mut vault) = new_vault();
    let tr = triad(&mut vault, true);
    hold(
        &mut vault,
        &tr,
        SessionKind::Preparation,
        "2026-11-18T17:00:00Z",
    );
    let dosing = book(&mut vault, &tr, SessionKind::Dosing, "2026-11-25T17:00:00Z");
    let start = t("2026-11-25T17:00:00Z");
    sessions::record_clock(
        &mut vault,
        &dosing.id,
        ClockEventKind::Start,
        None,
        start,
        None,
    )
    .unwrap();
    let zoe = &tr.partners[0].id;
    let dose = |person: &str| Dose {
        id: String::new(),
        session_id: dosing.id.clone(),
        person_id: person.to_owned(),
        medication: "ketamine".to_owned(),
        milligrams: 60.0,
        route: Route::Im,
        lot: "K-2291".to_owned(),
        given_at: start + Duration::minutes(5),
        given_where: GivenWhere::Office,
    };
    sessions::add_dose(&mut vault, &dose(zoe)).unwrap();
    let outsider = clients::save_person(&mut vault, &person("Ash Lee"), d(TODAY)).unwrap();
    assert!(sessions::add_dose(&mut vault, &dose(&outsider.id)).is_err());
    let mut silly = dose(zoe);
    silly.milligrams = -3.0;
    assert_eq!(
        invalid_message(sessions::add_dose(&mut vault, &silly).unwrap_err()),
        "A dose is more than 0 and at most 2000 mg."
    );

    sessions::record_clock(
        &mut vault,
        &dosing.id,
        ClockEventKind::DoseGiven,
        Some(zoe),
        start + Duration::minutes(5),
        None,
    )
    .unwrap();
    sessions::record_clock(
        &mut vault,
        &dosing.id,
        ClockEventKind::Onset,
        Some(zoe),
        start + Duration::minutes(8),
        None,
    )
    .unwrap();
    let again = sessions::record_clock(
        &mut vault,
        &dosing.id,
        ClockEventKind::Onset,
        Some(zoe),
        start + Duration::minutes(9),
        None,
    );
    assert_eq!(
        invalid_message(again.unwrap_err()),
        "That mark is already recorded for this partner."
    );

    let reading = |sys, at| Vitals {
        id: String::new(),
        session_id: dosing.id.clone(),
        person_id: zoe.clone(),
        taken_at: at,
        systolic: sys,
        diastolic: 85,
        heart_rate: 88,
        spo2: 97,
        resp_rate: None,
        temperature_c: None,
    };
    sessions::add_vitals(&mut vault, &reading(128, start + Duration::minutes(15))).unwrap();
    sessions::add_vitals(&mut vault, &reading(171, start + Duration::minutes(40))).unwrap();
    let mut typo = reading(12, start + Duration::minutes(41));
    typo.diastolic = 8;
    assert!(
        sessions::add_vitals(&mut vault, &typo).is_err(),
        "12/8 is a slip of the keyboard"
    );

    let view = sessions::session_view(&vault, &dosing.id, start + Duration::minutes(50)).unwrap();
    assert_eq!(view.doses.len(), 1);
    assert_eq!(view.vitals.len(), 2);
    assert!(view.vitals[0].flags.is_empty());
    assert_eq!(
        view.vitals[1].flags[0].message,
        "Blood pressure 171/85 is above 160/100."
    );
    let due = view
        .vitals_due
        .iter()
        .find(|v| &v.person_id == zoe)
        .unwrap();
    assert_eq!(
        due.due_at,
        start + Duration::minutes(55),
        "15 minutes after the last reading"
    );
    let sam = view
        .vitals_due
        .iter()
        .find(|v| v.person_id == tr.partners[1].id)
        .unwrap();
    assert_eq!(
        sam.due_at,
        start + Duration::minutes(15),
        "no reading yet: due 15 minutes after the start"
    );
    assert_eq!(view.events.len(), 3, "start and two marks");
}

#[test]
fn a_signed_note_refuses_edits_and_takes_dated_addenda() {
    let (_tmp, dir, mut vault) = new_vault();
    let tr = triad(&mut vault, true);
    hold(
        &mut vault,
        &tr,
        SessionKind::Preparation,
        "2026-11-18T17:00:00Z",
    );
    let dosing = book(&mut vault, &tr, SessionKind::Dosing, "2026-11-25T17:00:00Z");
    let start = t("2026-11-25T17:00:00Z");
    sessions::record_clock(
        &mut vault,
        &dosing.id,
        ClockEventKind::Start,
        None,
        start,
        None,
    )
    .unwrap();

    let mut fields = BTreeMap::new();
    fields.insert(
        "intention".to_owned(),
        "To hear each other without defending.".to_owned(),
    );
    fields.insert(
        format!("partner_process@{}", tr.partners[1].id),
        "Sam softened".to_owned(),
    );
    sessions::save_note(
        &mut vault,
        &dosing.id,
        &fields,
        start + Duration::minutes(30),
    )
    .unwrap();

    let mut unknown = fields.clone();
    unknown.insert("diagnosis_of_neighbour".to_owned(), "x".to_owned());
    assert!(sessions::save_note(&mut vault, &dosing.id, &unknown, start).is_err());

    // Still running: cannot sign.
    let err =
        sessions::sign_note(&mut vault, &dosing.id, start + Duration::minutes(200)).unwrap_err();
    assert_eq!(
        invalid_message(err),
        "End the session before signing its note."
    );
    sessions::record_clock(
        &mut vault,
        &dosing.id,
        ClockEventKind::End,
        None,
        start + Duration::minutes(180),
        None,
    )
    .unwrap();

    // Missing fields are named, partners by name.
    let err =
        sessions::sign_note(&mut vault, &dosing.id, start + Duration::minutes(200)).unwrap_err();
    let message = invalid_message(err);
    assert!(
        message.starts_with(
            "Fill in before signing: Dialogue, Enactments, Process (Zoë Ñúñez), Process (Rui Tan),"
        ),
        "{message}"
    );
    assert!(!message.contains("Process (Sam Okafor)"), "{message}");

    let view = sessions::session_view(&vault, &dosing.id, start).unwrap();
    for f in &view.template {
        if f.per_partner {
            for p in &tr.partners {
                fields
                    .entry(format!("{}@{}", f.id, p.id))
                    .or_insert_with(|| format!("{} wrote", p.legal_name));
            }
        } else {
            fields
                .entry(f.id.to_owned())
                .or_insert_with(|| format!("{} written", f.label));
        }
    }
    sessions::save_note(
        &mut vault,
        &dosing.id,
        &fields,
        start + Duration::minutes(190),
    )
    .unwrap();
    let signed_at = start + Duration::minutes(200);
    let signed = sessions::sign_note(&mut vault, &dosing.id, signed_at).unwrap();
    assert_eq!(signed.signed_at, Some(signed_at));

    // The core refuses every change to it, and to its session's record.
    let err = sessions::save_note(
        &mut vault,
        &dosing.id,
        &fields,
        signed_at + Duration::minutes(1),
    )
    .unwrap_err();
    assert_eq!(
        invalid_message(err),
        "This note is signed and can no longer change. Add a dated addendum instead."
    );
    let vitals = Vitals {
        id: String::new(),
        session_id: dosing.id.clone(),
        person_id: tr.partners[0].id.clone(),
        taken_at: signed_at,
        systolic: 120,
        diastolic: 80,
        heart_rate: 70,
        spo2: 98,
        resp_rate: None,
        temperature_c: None,
    };
    assert!(sessions::add_vitals(&mut vault, &vitals).is_err());
    assert!(sessions::save_session(&mut vault, &dosing).is_err());

    // A dated addendum is the way to correct it.
    let addendum_at = signed_at + Duration::days(1);
    let a = sessions::add_addendum(
        &mut vault,
        &dosing.id,
        "Correction: the lot number was K-2291.",
        addendum_at,
    )
    .unwrap();
    assert_eq!(a.written_at, addendum_at);
    assert_eq!(sessions::addenda(&vault, &dosing.id).unwrap(), vec![a]);
    let note = sessions::note(&vault, &dosing.id).unwrap().unwrap();
    assert_eq!(note.fields, fields, "the signed text is as it was");

    // Even code that forgets to check cannot change it: the database refuses.
    drop(vault);
    let conn = open_raw(&dir, PASSPHRASE);
    assert!(conn.execute("UPDATE notes SET fields = '{}'", []).is_err());
    assert!(conn.execute("DELETE FROM notes", []).is_err());
    assert!(conn
        .execute("UPDATE addenda SET text = 'rewritten'", [])
        .is_err());
}

#[test]
fn reflections_and_the_timeline_follow_the_arc() {
    let (_tmp, _dir, mut vault) = new_vault();
    let tr = triad(&mut vault, true);
    let now = t("2026-11-25T12:00:00Z");
    let timeline = sessions::unit_timeline(&vault, &tr.unit.id, now).unwrap();
    assert_eq!(timeline.next, Some(SessionKind::JointIntake));

    for (kind, at) in [
        (SessionKind::JointIntake, "2026-10-01T17:00:00Z"),
        (SessionKind::IndividualAssessment, "2026-10-08T17:00:00Z"),
        (SessionKind::FeedbackAndGoals, "2026-10-15T17:00:00Z"),
        (SessionKind::Preparation, "2026-10-22T17:00:00Z"),
    ] {
        hold(&mut vault, &tr, kind, at);
    }
    let dosing = hold(&mut vault, &tr, SessionKind::Dosing, "2026-11-01T17:00:00Z");
    let timeline = sessions::unit_timeline(&vault, &tr.unit.id, now).unwrap();
    assert_eq!(timeline.next, Some(SessionKind::Integration));
    let w: Vec<&str> = timeline.warnings.iter().map(|w| w.rule).collect();
    assert_eq!(w, ["integration_within_two_days"]);

    let integration = hold(
        &mut vault,
        &tr,
        SessionKind::Integration,
        "2026-11-02T17:00:00Z",
    );
    for p in &tr.partners {
        sessions::save_reflection(
            &mut vault,
            &Reflection {
                id: String::new(),
                person_id: p.id.clone(),
                dosing_session_id: dosing.id.clone(),
                integration_session_id: Some(integration.id.clone()),
                written_on: d("2026-11-02"),
                emerged: format!("{} felt held", p.legal_name),
                emotions: "relief".to_owned(),
                body: String::new(),
                commitments: "A weekly check-in".to_owned(),
                questions: String::new(),
            },
        )
        .unwrap();
    }
    let empty = Reflection {
        id: String::new(),
        person_id: tr.partners[0].id.clone(),
        dosing_session_id: dosing.id.clone(),
        integration_session_id: None,
        written_on: d("2026-11-02"),
        emerged: " ".to_owned(),
        emotions: String::new(),
        body: String::new(),
        commitments: String::new(),
        questions: String::new(),
    };
    assert!(sessions::save_reflection(&mut vault, &empty).is_err());
    let mut on_intake = empty.clone();
    on_intake.emerged = "x".to_owned();
    on_intake.dosing_session_id = integration.id.clone();
    assert!(
        sessions::save_reflection(&mut vault, &on_intake).is_err(),
        "a reflection integrates a dosing"
    );

    let timeline = sessions::unit_timeline(&vault, &tr.unit.id, now).unwrap();
    assert_eq!(
        timeline.next, None,
        "the arc is complete until another dosing is booked"
    );
    assert!(timeline.warnings.is_empty(), "{:?}", timeline.warnings);
    let entry = timeline
        .entries
        .iter()
        .find(|e| e.session.id == dosing.id)
        .unwrap();
    assert_eq!(
        entry.reflections.len(),
        3,
        "one per partner, beside their dosing"
    );
    assert_eq!(entry.therapy_minutes, 55);
    assert_eq!(timeline.entries.len(), 6);
}

#[test]
fn booking_warns_of_a_remote_session_where_she_holds_no_license() {
    let (_tmp, _dir, mut vault) = new_vault();
    let tr = triad(&mut vault, true);
    let mut wi = tr.partners[0].clone();
    wi.state_of_residence = "WI".to_owned();
    clients::save_person(&mut vault, &wi, d(TODAY)).unwrap();
    let mut profile = attune::store::practice::profile(&vault).unwrap();
    profile.license_state = "AZ".to_owned();
    attune::store::practice::save_profile(&mut vault, &profile).unwrap();
    let mut s = Session {
        id: String::new(),
        unit_id: Some(tr.unit.id.clone()),
        person_id: None,
        kind: SessionKind::CouplesSession,
        scheduled_at: t("2026-12-01T17:00:00Z"),
        planned_minutes: 60,
        setting: Setting::TelehealthHome,
        attendees: vec![wi.id.clone()],
        status: SessionStatus::Scheduled,
        mode: None,
        dosing_partners: vec![],
        supporters: String::new(),
        transport: String::new(),
        gate_override: None,
        called_off: None,
    };
    let now = t("2026-11-25T17:00:00Z");
    let warnings = sessions::booking_warnings(&vault, &s, now).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0]
            .message
            .starts_with("Zoë Ñúñez lives in WI, where you hold no license"),
        "{}",
        warnings[0].message
    );

    s.setting = Setting::Office;
    assert!(
        sessions::booking_warnings(&vault, &s, now)
            .unwrap()
            .is_empty(),
        "in the office, her license is the office's"
    );
    s.setting = Setting::TelehealthHome;
    let settings = attune::store::practice::settings(&vault).unwrap();
    attune::store::practice::save_settings(
        &mut vault,
        &attune::model::Settings {
            licensed_states: vec!["WI".to_owned()],
            ..settings
        },
    )
    .unwrap();
    assert!(
        sessions::booking_warnings(&vault, &s, now)
            .unwrap()
            .is_empty(),
        "licensed in WI too"
    );
}

#[test]
fn notes_and_reflections_are_found_by_search() {
    let (_tmp, _dir, mut vault) = new_vault();
    let tr = triad(&mut vault, true);
    let s = book(
        &mut vault,
        &tr,
        SessionKind::CouplesSession,
        "2026-11-25T17:00:00Z",
    );
    let mut fields = BTreeMap::new();
    fields.insert(
        "presentation".to_owned(),
        "Sam named the fear of being “the spare”; Zoë answered with a café memory.".to_owned(),
    );
    sessions::save_note(&mut vault, &s.id, &fields, t("2026-11-25T17:30:00Z")).unwrap();
    let hits = attune::store::search::search(&vault, "spare", 10).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].kind, "session");
    assert_eq!(hits[0].id, s.id);
    assert_eq!(hits[0].label, "Ñúñez–Okafor–Tan, session of 2026-11-25");
    // An evening session in Phoenix is on the Phoenix day, not the UTC one.
    let settings = attune::store::practice::settings(&vault).unwrap();
    attune::store::practice::save_settings(
        &mut vault,
        &attune::model::Settings {
            time_zone: "America/Phoenix".to_owned(),
            ..settings
        },
    )
    .unwrap();
    let mut evening = s.clone();
    evening.scheduled_at = t("2026-11-26T02:00:00Z");
    sessions::save_session(&mut vault, &evening).unwrap();
    assert_eq!(
        attune::store::search::search(&vault, "spare", 10).unwrap()[0].label,
        "Ñúñez–Okafor–Tan, session of 2026-11-25"
    );
    assert_eq!(
        attune::store::search::search(&vault, "cafe", 10)
            .unwrap()
            .len(),
        1,
        "diacritics folded"
    );

    // The text as it is now: a rewritten note is no longer found by its old words.
    fields.insert("presentation".to_owned(), "Quiet, tired.".to_owned());
    sessions::save_note(&mut vault, &s.id, &fields, t("2026-11-25T17:31:00Z")).unwrap();
    assert!(attune::store::search::search(&vault, "spare", 10)
        .unwrap()
        .is_empty());

    hold(
        &mut vault,
        &tr,
        SessionKind::Preparation,
        "2026-11-18T17:00:00Z",
    );
    let dosing = hold(&mut vault, &tr, SessionKind::Dosing, "2026-11-20T17:00:00Z");
    sessions::save_reflection(
        &mut vault,
        &Reflection {
            id: String::new(),
            person_id: tr.partners[2].id.clone(),
            dosing_session_id: dosing.id.clone(),
            integration_session_id: None,
            written_on: d("2026-11-21"),
            emerged: "A lighthouse, and the three of us inside it".to_owned(),
            emotions: String::new(),
            body: String::new(),
            commitments: String::new(),
            questions: String::new(),
        },
    )
    .unwrap();
    let hits = attune::store::search::search(&vault, "lighthouse", 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        [dosing.id.as_str()]
    );
}

#[test]
fn a_session_called_off_keeps_no_clock_and_a_started_one_cannot_be_called_off() {
    let (_tmp, _dir, mut vault) = new_vault();
    let tr = triad(&mut vault, true);
    let mut s = book(
        &mut vault,
        &tr,
        SessionKind::CouplesSession,
        "2026-11-25T17:00:00Z",
    );
    s.status = SessionStatus::NoShow;
    let refused = sessions::save_session(&mut vault, &s).unwrap_err();
    assert!(
        invalid_message(refused).contains("which asks why"),
        "calling off goes through its own door, which asks why"
    );
    let told = attune::model::CalledOff {
        reason: String::new(),
        by: attune::model::CancelledBy::Client,
        at: t("2026-11-25T17:20:00Z"),
        fee: None,
        fee_waived: false,
    };
    let s = sessions::call_off(
        &mut vault,
        &s.id,
        SessionStatus::NoShow,
        &told,
        t("2026-11-25T17:30:00Z"),
    )
    .unwrap();
    assert_eq!(s.status, SessionStatus::NoShow);
    assert_eq!(
        s.called_off.as_ref().map(|c| c.reason.as_str()),
        Some("Nobody came"),
        "a no-show needs no words from her; it says what happened"
    );
    let err = sessions::record_clock(
        &mut vault,
        &s.id,
        ClockEventKind::Start,
        None,
        t("2026-11-25T17:05:00Z"),
        None,
    )
    .unwrap_err();
    assert_eq!(
        invalid_message(err),
        "This session was called off; book it again to hold it."
    );

    let mut held = book(
        &mut vault,
        &tr,
        SessionKind::CouplesSession,
        "2026-11-26T17:00:00Z",
    );
    sessions::record_clock(
        &mut vault,
        &held.id,
        ClockEventKind::Start,
        None,
        t("2026-11-26T17:00:00Z"),
        None,
    )
    .unwrap();
    let flu = attune::model::CalledOff {
        reason: "Flu".into(),
        ..told
    };
    let late = sessions::call_off(
        &mut vault,
        &held.id,
        SessionStatus::Cancelled,
        &flu,
        t("2026-11-26T17:10:00Z"),
    )
    .unwrap_err();
    assert!(
        invalid_message(late).contains("not begun"),
        "a session whose clock runs cannot be called off"
    );
    held.status = SessionStatus::Cancelled;
    let saved = sessions::save_session(&mut vault, &held).unwrap();
    assert_eq!(
        saved.status,
        SessionStatus::InProgress,
        "the clock decides once it has started"
    );
}
