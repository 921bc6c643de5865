//! Costs that must not grow with the vault: a note's autosave, an import of the demo practice's
//! document (once, adding every record, then five times again, merging by id), and a couple's
//! program timeline, each per item, in a vault of one year (4,000 sessions
//! with their notes) and of ten years (the whole decade, 40,000). The baseline is the same
//! operation in the one-year vault, measured in the same run; flat is 1.0×.
//!
//! `cargo bench --bench growth` (or `make bench`); `cargo test --benches` runs it once on small
//! vaults.

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;

use std::time::{Duration, Instant};

use attune::demo::scale;
use attune::document;
use attune::model::SessionKind;
use attune::rules::notes;
use attune::store::sessions;
use attune::vault::Vault;
use chrono::{DateTime, Utc};
use common::new_vault;

/// Median and 95th percentile.
fn summary(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    (at(0.5), at(0.95))
}

fn timed(runs: usize, mut f: impl FnMut(usize)) -> (Duration, Duration) {
    f(0);
    summary(
        (1..=runs)
            .map(|i| {
                let start = Instant::now();
                f(i);
                start.elapsed()
            })
            .collect(),
    )
}

/// A couples session booked for tomorrow, like the couple's last one (autosave's target), and
/// its note's first field.
fn new_session(vault: &mut Vault, now: DateTime<Utc>) -> (String, &'static str) {
    let mut session = sessions::sessions_of_unit(vault, "unit-000")
        .unwrap()
        .into_iter()
        .find(|s| s.kind == SessionKind::CouplesSession)
        .expect("the generated couple had a couples session");
    session.id = String::new();
    session.scheduled_at = now + chrono::Duration::days(1);
    let field = notes::template(session.kind, session.mode)[0].id;
    (sessions::save_session(vault, &session).unwrap().id, field)
}

/// Per-item medians and p95s, in µs: autosave, import per session, timeline per session.
struct Costs {
    save: (Duration, Duration),
    first_import: (Duration, Duration),
    import: (Duration, Duration),
    timeline: (Duration, Duration),
}

fn measure(vault: &mut Vault, doc: &document::Document, now: DateTime<Utc>) -> Costs {
    let (session, field) = new_session(vault, now);
    let save = timed(100, |i| {
        let fields = [(
            field.to_owned(),
            format!("{i}: to stay with the fear when it comes, and say so"),
        )]
        .into();
        sessions::save_note(vault, &session, &fields, now).unwrap();
    });
    let today = now.date_naive();
    let imported = doc.sessions.len().max(1) as u32;
    // The first import adds every record; the next ones find them all and merge.
    let started = Instant::now();
    document::import(vault, doc, today).unwrap();
    let first = started.elapsed() / imported;
    let (import_median, import_p95) = timed(5, |_| {
        document::import(vault, doc, today).unwrap();
    });
    let timeline_len = sessions::unit_timeline(vault, "unit-000", now)
        .unwrap()
        .entries
        .len()
        .max(1) as u32;
    let (timeline_median, timeline_p95) = timed(60, |_| {
        sessions::unit_timeline(vault, "unit-000", now).unwrap();
    });
    Costs {
        save,
        first_import: (first, first),
        import: (import_median / imported, import_p95 / imported),
        timeline: (timeline_median / timeline_len, timeline_p95 / timeline_len),
    }
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let now: DateTime<Utc> = "2026-11-25T19:00:00Z".parse().unwrap();
    // The document: the demo practice (its own people and ids).
    let doc = {
        let (_tmp, _dir, mut demo) = new_vault();
        attune::demo::populate(&mut demo, now.date_naive()).unwrap();
        document::export(&demo).unwrap()
    };
    let sizes: [(&str, usize); 2] = if quick {
        [("small", 400), ("larger", 1_200)]
    } else {
        [("one year", 4_000), ("ten years", 0)]
    };
    let mut costs = Vec::new();
    for (name, sessions) in sizes {
        let (_tmp, _dir, mut vault) = new_vault();
        let seeded = if sessions == 0 {
            scale::whole_decade(&mut vault, now).unwrap()
        } else {
            scale::with_prose(&mut vault, now, sessions).unwrap()
        };
        costs.push((name, seeded.sessions, measure(&mut vault, &doc, now)));
    }
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!("per item, median / p95 in µs; ratio of medians to the smaller vault (flat is 1.0x)");
    let base = &costs[0].2;
    for (name, sessions, c) in &costs {
        let row = |label: &str, (m, p): (Duration, Duration), (b, _): (Duration, Duration)| {
            format!(
                "{label} {:.0}/{:.0} ({:.2}x)",
                us(m),
                us(p),
                m.as_secs_f64() / b.as_secs_f64()
            )
        };
        println!(
            "{name:>10} ({sessions} sessions): {} | {} | {} | {}",
            row("note autosave", c.save, base.save),
            row(
                "first import per session",
                c.first_import,
                base.first_import
            ),
            row("import again per session", c.import, base.import),
            row("timeline per session", c.timeline, base.timeline),
        );
    }
}
