//! `attune agenda`: the demo practice's sessions as JSON and as an iCalendar file, read back by an
//! independent parser (Python's `icalendar`), with initials only unless names are asked for, in
//! the practice's zone whatever the machine's.

mod common;

use std::path::Path;
use std::process::Command;

use chrono::{Duration, Utc};
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
