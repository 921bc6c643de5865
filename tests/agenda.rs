//! `attune agenda`: the demo practice's sessions as JSON and as an iCalendar file, read back by an
//! independent parser (Python's `icalendar`), with initials only unless names are asked for, in
//! the practice's zone whatever the machine's.

mod common;

use std::path::Path;
use std::process::Command;

use chrono::{Datelike, Duration, Utc};
use common::{attune_bin, PASSPHRASE};
use serde_json::Value;

/// `attune agenda …` on the vault, with the machine's zone far from the practice's (Phoenix).
fn agenda(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(attune_bin())
        .arg("--vault")
        .arg(dir)
        .arg("agenda")
        .args(args)
        .env("ATTUNE_PASSPHRASE", PASSPHRASE)
        .env("TZ", "Pacific/Auckland")
        .output()
        .unwrap()
}

fn ok(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "agenda succeeds: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The events Python's icalendar library reads from `file`: (uid, summary, start in UTC).
fn parsed_by_icalendar(file: &Path) -> Vec<(String, String, String)> {
    let script = "import icalendar, json, sys\n\
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
        print(json.dumps([[str(e['UID']), str(e['SUMMARY']), e.decoded('DTSTART').strftime('%Y-%m-%dT%H:%M:%SZ')] for e in cal.walk('VEVENT')]))";
    // The Debian package's Python (make deps installs python3-icalendar there).
    let out = Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(script)
        .arg(file)
        .output()
        .expect("/usr/bin/python3 with python3-icalendar (make deps)");
    assert!(
        out.status.success(),
        "icalendar parses the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
    rows.into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect()
}

#[test]
fn her_calendar_as_ics_parses_elsewhere_and_names_nobody_by_default() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    common::cli_ok(&dir, &["demo"]);
    let today = Utc::now().date_naive();
    let from = (today - Duration::days(400)).to_string();
    let to = (today + Duration::days(400)).to_string();
    let range = ["--from", from.as_str(), "--to", to.as_str()];

    let entries: Vec<Value> = serde_json::from_str(&ok(agenda(&dir, &range))).unwrap();
    assert!(
        entries.len() >= 5,
        "the demo's sessions are listed: {}",
        entries.len()
    );
    for e in &entries {
        let start = e["start"].as_str().unwrap();
        assert!(
            start.ends_with("-07:00"),
            "times are in the practice's zone (Phoenix), not the machine's (Auckland): {start}"
        );
    }

    let names: Vec<String> = {
        let doc: Value = serde_json::from_str(&common::cli_ok(&dir, &["export"])).unwrap();
        doc["persons"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| [p["legal_name"].as_str(), p["preferred_name"].as_str()])
            .flatten()
            .flat_map(|n| n.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .filter(|w| w.chars().count() > 2)
            .collect()
    };
    for (titles, names_expected) in [(None, false), (Some("kind"), false), (Some("names"), true)] {
        let mut args = range.to_vec();
        args.extend(["--format", "ics"]);
        if let Some(t) = titles {
            args.extend(["--titles", t]);
        }
        let text = ok(agenda(&dir, &args));
        assert!(
            text.split_inclusive('\n').all(|l| l.ends_with("\r\n")),
            "every line ends with CRLF (RFC 5545)"
        );
        let file = tmp.path().join(format!("agenda-{titles:?}.ics"));
        std::fs::write(&file, &text).unwrap();
        let events = parsed_by_icalendar(&file);
        assert_eq!(
            events.len(),
            entries.len(),
            "one event per session ({titles:?})"
        );
        for ((uid, _, start), entry) in events.iter().zip(&entries) {
            assert_eq!(uid, &format!("{}@attune", entry["id"].as_str().unwrap()));
            let expected = chrono::DateTime::parse_from_rfc3339(entry["start"].as_str().unwrap())
                .unwrap()
                .with_timezone(&Utc)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            assert_eq!(start, &expected, "the same instant as the JSON's start");
        }
        let named = names.iter().any(|n| text.contains(n.as_str()));
        assert_eq!(
            named, names_expected,
            "a name in the file only when names are chosen ({titles:?})"
        );
    }
}

#[test]
fn an_impossible_range_is_refused_in_a_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    common::cli_ok(&dir, &["demo"]);
    let out = agenda(&dir, &["--from", "2026-12-10", "--to", "2026-12-01"]);
    assert!(
        !out.status.success(),
        "a first day after the last is refused"
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("The first day (2026-12-10) is after the last (2026-12-01)."),
        "the refusal says why: {said}"
    );
    let out = agenda(&dir, &["--from", "2026-02-30", "--to", "2026-03-01"]);
    assert!(!out.status.success(), "an impossible date is refused");
}

/// The demo practice, unlocked, as of now.
fn demo() -> (tempfile::TempDir, attune::vault::Vault) {
    let (tmp, _dir, mut vault) = common::new_vault();
    attune::demo::populate(&mut vault, Utc::now().date_naive()).unwrap();
    (tmp, vault)
}

/// `days` from today, at `hour`:00 UTC.
fn days_ahead_at(days: i64, hour: u32) -> chrono::DateTime<Utc> {
    (Utc::now() + Duration::days(days))
        .date_naive()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
        .and_utc()
}

/// Books a session like one of the demo's (same relationship, people, kind) at `at`.
fn book_like(
    vault: &mut attune::vault::Vault,
    like: &attune::model::Session,
    at: chrono::DateTime<Utc>,
) -> attune::model::Session {
    let draft = attune::model::Session {
        id: String::new(),
        scheduled_at: at,
        ..like.clone()
    };
    attune::store::sessions::save_session(vault, &draft).unwrap()
}

/// The demo's sessions of this past year and the next, not dosings (which have gates).
fn demo_sessions(vault: &attune::vault::Vault) -> Vec<attune::model::Session> {
    attune::store::sessions::sessions_between(
        vault,
        Utc::now() - Duration::days(400),
        Utc::now() + Duration::days(400),
    )
    .unwrap()
}

#[test]
fn a_session_moves_before_it_begins_and_a_clash_is_said_first() {
    use attune::store::{audit, calendar, sessions};
    let (_tmp, mut vault) = demo();
    let all = demo_sessions(&vault);
    let like = all
        .iter()
        .find(|s| {
            s.kind == attune::model::SessionKind::CouplesSession
                || s.kind == attune::model::SessionKind::Integration
        })
        .expect("the demo has a couples or integration session");
    let first = days_ahead_at(30, 16);
    let moving = &book_like(&mut vault, like, first);
    let other = &book_like(&mut vault, like, first + Duration::hours(3));

    // Onto the other's hour: the warning names it; touching its end does not clash.
    let onto = attune::model::Session {
        scheduled_at: other.scheduled_at,
        ..moving.clone()
    };
    let seen = calendar::clashes_with(&vault, &onto).unwrap();
    assert!(
        seen.iter()
            .any(|c| c.session_id == other.id && c.message.starts_with("It overlaps ")),
        "moving onto a booked hour warns, naming that session: {seen:?}"
    );
    let after_observation = other.scheduled_at
        + Duration::minutes(i64::from(other.planned_minutes).max(
            if other.kind == attune::model::SessionKind::Dosing {
                120
            } else {
                0
            },
        ));
    let touching = attune::model::Session {
        scheduled_at: after_observation,
        ..moving.clone()
    };
    assert!(
        calendar::clashes_with(&vault, &touching)
            .unwrap()
            .iter()
            .all(|c| c.session_id != other.id),
        "starting when the other ends (after any observation) is no clash"
    );

    // The move itself: time and length, recorded in the audit log.
    let to = moving.scheduled_at + Duration::days(1);
    let moved = sessions::reschedule(&mut vault, &moving.id, to, 75).unwrap();
    assert_eq!((moved.scheduled_at, moved.planned_minutes), (to, 75));
    let read = sessions::session(&vault, &moving.id).unwrap();
    assert_eq!(read, moved, "the vault holds the move");
    assert!(
        audit::recent(&vault, 5)
            .unwrap()
            .iter()
            .any(|e| e.action == "session.rescheduled"),
        "the move is in the audit log"
    );

    // Once begun, the clock decides: refused, nothing changed.
    sessions::record_clock(
        &mut vault,
        &moving.id,
        attune::model::ClockEventKind::Start,
        None,
        to,
        None,
    )
    .unwrap();
    let started = sessions::session(&vault, &moving.id).unwrap();
    let err = sessions::reschedule(&mut vault, &moving.id, to + Duration::hours(2), 50)
        .expect_err("a begun session cannot move");
    assert_eq!(
        err.to_string(),
        "This session has begun, so its time is what the clock recorded and cannot move.",
        "the refusal says why"
    );
    assert_eq!(
        sessions::session(&vault, &moving.id).unwrap(),
        started,
        "nothing changed"
    );
}

#[test]
fn the_same_person_booked_in_two_relationships_is_named() {
    use attune::store::{calendar, clients};
    let (_tmp, mut vault) = demo();
    let units = clients::units(&vault).unwrap();
    // Two relationships sharing a partner.
    let (first, second, shared) = units
        .iter()
        .flat_map(|a| units.iter().map(move |b| (a, b)))
        .filter(|(a, b)| a.id != b.id)
        .find_map(|(a, b)| {
            let shared = a
                .partners
                .iter()
                .find(|p| b.partners.iter().any(|q| q.person_id == p.person_id))?
                .person_id
                .clone();
            Some((a, b, shared))
        })
        .expect("the demo has a person in two relationships");
    // A couples session of the first, booked next month.
    let like = demo_sessions(&vault)
        .into_iter()
        .find(|s| s.kind != attune::model::SessionKind::Dosing && s.unit_id.is_some())
        .expect("the demo has a joint session");
    let at = days_ahead_at(30, 17);
    let session = book_like(
        &mut vault,
        &attune::model::Session {
            unit_id: Some(first.id.clone()),
            person_id: None,
            kind: attune::model::SessionKind::CouplesSession,
            mode: None,
            dosing_partners: Vec::new(),
            attendees: first.partners.iter().map(|p| p.person_id.clone()).collect(),
            ..like
        },
        at,
    );
    let draft = attune::model::Session {
        id: String::new(),
        unit_id: Some(second.id.clone()),
        attendees: second
            .partners
            .iter()
            .map(|p| p.person_id.clone())
            .collect(),
        ..session.clone()
    };
    let name = clients::person(&vault, &shared).unwrap().legal_name;
    let seen = calendar::clashes_with(&vault, &draft).unwrap();
    assert!(
        seen.iter().any(|c| c.session_id == session.id
            && c.message.contains(&format!("{name} would be booked twice"))),
        "the warning names who is booked twice: {seen:?}"
    );
}

#[test]
fn an_integration_is_proposed_after_a_dosing_until_one_is_booked() {
    use attune::model::SessionKind;
    use attune::store::calendar;
    let (_tmp, mut vault) = demo();
    let all = demo_sessions(&vault);
    let like = all
        .iter()
        .find(|s| s.kind == SessionKind::Dosing && s.unit_id.is_some())
        .expect("the demo has a couple's dosing");
    // A new dosing next month, with nothing after it.
    let at = days_ahead_at(40, 17);
    let dosing = book_like(&mut vault, like, at);
    let p = calendar::proposal_after(&vault, &dosing.id)
        .unwrap()
        .expect("a dosing with no integration after it gets a proposal");
    let zone = attune::zone::Zone::Named("America/Phoenix".parse().unwrap());
    assert_eq!(
        zone.local(p.at).time(),
        zone.local(dosing.scheduled_at).time(),
        "the same time of day"
    );
    assert_eq!(
        (p.day - zone.date_of(dosing.scheduled_at)).num_days(),
        p.days_after,
        "its day is the dosing's plus the days said"
    );
    assert!(
        (1..=3).contains(&p.days_after),
        "within the protocol, or the next working day"
    );
    // One click books it: then nothing more is proposed.
    let integration = attune::model::Session {
        id: String::new(),
        kind: SessionKind::Integration,
        scheduled_at: p.at,
        planned_minutes: 60,
        mode: None,
        dosing_partners: Vec::new(),
        ..dosing.clone()
    };
    attune::store::sessions::save_session(&mut vault, &integration).unwrap();
    assert_eq!(
        calendar::proposal_after(&vault, &dosing.id).unwrap(),
        None,
        "once an integration is booked after the dosing, none is proposed"
    );
    let other = all.iter().find(|s| s.kind != SessionKind::Dosing).unwrap();
    assert!(
        calendar::proposal_after(&vault, &other.id).is_err(),
        "only a dosing has an integration proposed"
    );
}

#[test]
fn booking_warns_of_a_clash_and_of_a_second_dosing_without_integration() {
    use attune::model::SessionKind;
    use attune::store::sessions;
    let (_tmp, vault) = demo();
    let all = demo_sessions(&vault);
    let dosing = all
        .iter()
        .find(|s| s.kind == SessionKind::Dosing && s.unit_id.is_some())
        .expect("the demo has a couple's dosing");
    let rules = |draft: &attune::model::Session| -> Vec<&'static str> {
        sessions::booking_warnings(&vault, draft, Utc::now())
            .unwrap()
            .into_iter()
            .map(|w| w.rule)
            .collect()
    };
    // The same couple's next dosing, twelve hours later: no integration can fit between.
    let second = attune::model::Session {
        id: String::new(),
        scheduled_at: dosing.scheduled_at + Duration::hours(12),
        ..dosing.clone()
    };
    let said = rules(&second);
    assert!(
        said.contains(&"integration_between_dosings"),
        "a second dosing with no integration between warns: {said:?}"
    );
    assert!(
        !said.contains(&"no_double_booking"),
        "twelve hours later is no clash: {said:?}"
    );
    // At the first dosing's own hour: a clash (and the same missing integration).
    let same_hour = attune::model::Session {
        id: String::new(),
        ..dosing.clone()
    };
    assert!(
        rules(&same_hour).contains(&"no_double_booking"),
        "booking over a session warns before saving"
    );
}

/// Her settings reach the rules through the store: a longer observation makes a session after
/// a dosing's planned end clash, none makes it free; a working week with Saturdays and a
/// 90-minute integration shape the proposal.
#[test]
fn her_schedule_settings_decide_clashes_and_proposals() {
    use attune::model::{SessionKind, Weekday};
    use attune::store::{calendar, practice};
    let (_tmp, mut vault) = demo();
    let all = demo_sessions(&vault);
    let like = all
        .iter()
        .find(|s| s.kind == SessionKind::Dosing && s.unit_id.is_some())
        .expect("the demo has a couple's dosing");
    // A 90-minute dosing next month at 17:00 UTC (10:00 in Phoenix), a Friday.
    let mut at = days_ahead_at(40, 17);
    while at.weekday() != chrono::Weekday::Fri {
        at += Duration::days(1);
    }
    let dosing = book_like(
        &mut vault,
        &attune::model::Session {
            planned_minutes: 90,
            ..like.clone()
        },
        at,
    );
    // Another session of theirs 150 minutes after the dosing starts.
    let after = attune::model::Session {
        id: String::new(),
        kind: SessionKind::CouplesSession,
        scheduled_at: at + Duration::minutes(150),
        planned_minutes: 50,
        mode: None,
        dosing_partners: Vec::new(),
        ..dosing.clone()
    };
    let set = |vault: &mut attune::vault::Vault, observation: u32, days: Vec<Weekday>| {
        let mut settings = practice::settings(vault).unwrap();
        settings.schedule.observation_minutes = observation;
        settings.schedule.working_days = days;
        settings.schedule.integration_minutes = 90;
        practice::save_settings(vault, &settings).unwrap();
    };
    let clashes = |vault: &attune::vault::Vault| calendar::clashes_with(vault, &after).unwrap();
    assert!(
        clashes(&vault).is_empty(),
        "two hours' observation (the default) ends before 150 minutes"
    );
    set(&mut vault, 180, vec![Weekday::Monday]);
    assert_eq!(
        clashes(&vault).len(),
        1,
        "three hours' observation holds her past 150 minutes"
    );
    let p = calendar::proposal_after(&vault, &dosing.id)
        .unwrap()
        .unwrap();
    assert_eq!(
        (p.days_after, p.late, p.minutes),
        (3, true, 90),
        "Mondays only: the Friday dosing's integration waits for Monday, late, 90 minutes"
    );
    set(&mut vault, 0, vec![Weekday::Friday, Weekday::Saturday]);
    let p = calendar::proposal_after(&vault, &dosing.id)
        .unwrap()
        .unwrap();
    assert_eq!(
        (p.days_after, p.late),
        (1, false),
        "she works Saturdays: the next day"
    );
}

/// The window's export writes the .ics file whole, where she chose, and an independent parser
/// reads every session of the range.
#[test]
fn the_calendar_is_written_to_the_file_she_chose() {
    use attune::calendar::Titles;
    let (tmp, vault) = demo();
    let file = tmp.path().join("her calendar.ics");
    let today = Utc::now().date_naive();
    let (from, to) = (today - Duration::days(60), today + Duration::days(60));
    let count =
        attune::store::calendar::export_ics(&vault, from, to, Titles::Initials, &file, Utc::now())
            .unwrap();
    let events = parsed_by_icalendar(&file);
    assert_eq!(
        events.len(),
        count,
        "the count she is told is the events in the file"
    );
    assert!(count >= 8, "the demo's arc is in range: {count}");
    assert!(
        events
            .iter()
            .all(|(_, summary, _)| !summary.contains("Rivera")),
        "initials only"
    );
    let refused = attune::store::calendar::export_ics(
        &vault,
        to,
        from,
        Titles::Initials,
        &tmp.path().join("none.ics"),
        Utc::now(),
    );
    assert!(
        refused.is_err(),
        "a range that ends before it starts is refused"
    );
    assert!(
        !tmp.path().join("none.ics").exists(),
        "and no file is left behind"
    );
}
