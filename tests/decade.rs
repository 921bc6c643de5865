//! The whole decade the benchmarks run on (`demo::scale::whole_decade`): its size is what the
//! benches claim, its records are sound (the vault checks, the dashboard lists exactly the
//! seeded cases, as on the smaller practice), and search finds her words in notes, addenda
//! and reflections.

mod common;

use attune::demo::scale;
use attune::store::{dashboard, search};
use chrono::{DateTime, Utc};
use common::*;

#[test]
fn the_whole_decade_is_the_size_the_benches_claim_and_sound() {
    let (_tmp, dir, mut vault) = new_vault();
    let now: DateTime<Utc> = "2026-11-25T19:00:00Z".parse().unwrap();
    let started = std::time::Instant::now();
    let seeded = scale::whole_decade(&mut vault, now).unwrap();
    eprintln!(
        "whole decade generated in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let raw = open_raw(&dir, PASSPHRASE);
    let count = |sql: &str| -> i64 { raw.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert!(
        seeded.sessions >= scale::WHOLE_SESSIONS,
        "{}",
        seeded.sessions
    );
    let texts = count("SELECT count(*) FROM notes WHERE fields <> '{}'")
        + count("SELECT count(*) FROM addenda")
        + count("SELECT count(*) FROM reflections");
    assert!(
        (55_000..65_000).contains(&texts),
        "about 60,000 notes, addenda and reflections: {texts}"
    );
    let note_bytes =
        count("SELECT CAST(avg(length(fields)) AS INTEGER) FROM notes WHERE fields <> '{}'");
    assert!(
        (1_800..2_600).contains(&note_bytes),
        "notes of about 2 KB: {note_bytes}"
    );
    assert!(
        count("SELECT count(*) FROM measures") >= 32_000,
        "a quarterly measure history"
    );
    raw.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let mb = std::fs::metadata(dir.join("vault.db")).unwrap().len() >> 20;
    assert!((150..400).contains(&mb), "a vault of some 250 MB: {mb} MB");
    eprintln!("{texts} texts, {note_bytes} bytes a note, {mb} MB");

    let listed: Vec<(&str, String)> = dashboard::dashboard(&vault, now)
        .unwrap()
        .attention
        .into_iter()
        .flat_map(|g| g.items)
        .map(|i| (i.concern, i.message))
        .collect();
    for (concern, words) in &seeded.expected {
        assert!(
            listed
                .iter()
                .any(|(c, m)| c == concern && m.contains(words.as_str())),
            "the history hides no seeded case: {concern} {words:?} in {listed:#?}"
        );
    }
    assert_eq!(
        listed.len(),
        seeded.expected.len(),
        "ten years of signed, paid, integrated history add no item: {listed:#?}"
    );

    for (words, kind) in [
        ("somatic ground", "session"),
        ("lighthouse", "session"),
        ("Þórunn", "person"),
    ] {
        let hits = search::search(&vault, words, 20).unwrap();
        assert!(
            hits.iter().any(|h| h.kind == kind),
            "{words:?} finds a {kind} in the index: {hits:?}"
        );
    }
    assert!(
        vault.check().unwrap().is_healthy(),
        "the vault checks sound"
    );
}
