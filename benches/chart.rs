//! Opening a relationship's chart: every call the chart screen makes (the chart, the program
//! arc's timeline, measures, estimates, the treatment plan, each partner's releases, the
//! recipients, settings), timed together, on the ten-year practice (125 sessions a couple), the
//! whole decade (200 a couple, with their notes, addenda and reflections), and the decade with
//! one couple grown to 300 sessions (the goal's size: 100 more held sessions, with their clocks
//! and notes). The cost per session must stay flat between the sizes; the baseline, measured in
//! the same run, is reading one person by id. Median and p95 of 60 openings each.
//!
//! `cargo bench --bench chart` (or `make bench`).

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;

use std::time::{Duration, Instant};

use attune::demo::scale;
use attune::store::measures as history;
use attune::store::{billing, clients, plans, practice, releases, sessions, Owner};
use attune::vault::Vault;
use chrono::{DateTime, Utc};
use common::new_vault;

const OPENINGS: usize = 60;
const UNIT: &str = "unit-000";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn timed(mut f: impl FnMut()) -> (Duration, Duration) {
    f();
    let mut times: Vec<Duration> = (0..OPENINGS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.95))
}

/// Every call of the chart screen for `UNIT`.
fn open_chart(vault: &Vault, now: DateTime<Utc>) -> usize {
    let today = practice::today(vault, now).unwrap();
    let chart = clients::unit_chart(vault, UNIT, today).unwrap();
    let timeline = sessions::unit_timeline(vault, UNIT, now).unwrap();
    history::unit_histories(vault, UNIT).unwrap();
    let owner = Owner::Unit(UNIT.into());
    billing::estimates_of(vault, &owner).unwrap();
    plans::plan_chart(vault, &owner, today).unwrap();
    for partner in &chart.unit.partners {
        releases::person_releases(vault, &partner.person_id, today).unwrap();
    }
    releases::recipients(vault).unwrap();
    practice::settings(vault).unwrap();
    timeline.entries.len()
}

fn main() {
    let now: DateTime<Utc> = "2026-11-25T19:00:00Z".parse().unwrap();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| opening a couple's chart (every call) | sessions | median | p95 | per session (median) |");
    println!("|---|---|---|---|---|");
    let mut per_session = Vec::new();
    for (name, size) in [
        ("ten-year practice", Size::TenYears),
        ("whole decade", Size::Decade),
        ("whole decade, a couple of 300", Size::ThreeHundred),
    ] {
        let (_tmp, _dir, mut vault) = new_vault();
        if size == Size::TenYears {
            scale::ten_year_practice(&mut vault, now).unwrap();
        } else {
            scale::whole_decade(&mut vault, now).unwrap();
        }
        if size == Size::ThreeHundred {
            grow_to_300(&mut vault);
        }
        let sessions = open_chart(&vault, now);
        if size == Size::ThreeHundred {
            assert_eq!(sessions, 300, "the couple has the goal's 300 sessions");
        }
        let (median, p95) = timed(|| {
            open_chart(&vault, now);
        });
        let (base, _) = timed(|| {
            clients::person(&vault, "person-000").unwrap();
        });
        per_session.push(ms(median) / sessions as f64);
        println!(
            "| {name} | {sessions} | {:.2} ms ({:.0}× one person by id) | {:.2} ms | {:.1} µs |",
            ms(median),
            median.as_secs_f64() / base.as_secs_f64(),
            ms(p95),
            per_session.last().unwrap() * 1000.0
        );
    }
    println!(
        "per-session cost against the ten-year practice: whole decade {:.2}×, a couple of 300 {:.2}× (flat is 1.0×); goal: < 10 ms at 300 sessions",
        per_session[1] / per_session[0],
        per_session[2] / per_session[0]
    );
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Size {
    TenYears,
    Decade,
    ThreeHundred,
}

/// Gives `UNIT` 100 more held sessions: 300 in all.
fn grow_to_300(vault: &mut Vault) {
    scale::grow_couple(vault, UNIT, 100).unwrap();
}
