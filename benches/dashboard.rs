//! The dashboard's attention list on a generated ten-year practice (400 persons, 25,000
//! sessions, see `attune::demo::scale`), against a baseline measured in the same run: reading
//! one person by id, the cheapest query there is. The budget is 20 ms for the whole
//! list.
//!
//! `cargo bench --bench dashboard`

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;

use attune::demo::scale;
use attune::store::{clients, dashboard};
use attune::vault::Vault;
use common::{secret, PASSPHRASE};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(&tmp.path().join("vault"), &secret(PASSPHRASE)).unwrap();
    let now = "2026-11-25T19:00:00Z".parse().unwrap();
    let started = std::time::Instant::now();
    let seeded = scale::ten_year_practice(&mut vault, now).unwrap();
    eprintln!(
        "generated {} sessions in {:.1} s",
        seeded.sessions,
        started.elapsed().as_secs_f64()
    );
    let clock = dashboard::Clock::of(&vault, now).unwrap();
    let items: Vec<String> = dashboard::attention_list(&vault, &clock)
        .unwrap()
        .into_iter()
        .flat_map(|g| g.items)
        .map(|i| format!("{}: {}", i.concern, i.message))
        .collect();
    assert_eq!(items.len(), seeded.expected.len(), "{items:#?}");

    let mut group = c.benchmark_group("dashboard");
    group.bench_function("baseline: one person by id", |b| {
        b.iter(|| clients::person(&vault, "person-200").unwrap())
    });
    group.bench_function("attention list (every query)", |b| {
        b.iter(|| dashboard::attention_list(&vault, &clock).unwrap())
    });
    for code in dashboard::attention_codes() {
        group.bench_function(format!("query: {code}"), |b| {
            b.iter(|| dashboard::attention_of(&vault, &clock, code).unwrap())
        });
    }
    group.bench_function("whole dashboard (agenda, attention, backups)", |b| {
        b.iter(|| dashboard::dashboard(&vault, now).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
