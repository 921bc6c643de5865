//! Search over a practice of 400 persons and 200 relationship units (criterion). The baseline,
//! measured in the same run, is reading one person by id: search should cost a small multiple
//! of the cheapest query there is.
//!
//! `cargo bench --bench search`

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;

use attune::demo::scale::{FAMILY, GIVEN};
use attune::model::{Diagnosis, Partner, Person, Structure, Unit, UnitStatus};
use attune::store::{clients, search};
use attune::vault::Vault;
use common::{secret, PASSPHRASE};
use criterion::{criterion_group, criterion_main, Criterion};

fn practice(dir: &std::path::Path) -> (Vault, String) {
    let mut vault = Vault::create(dir, &secret(PASSPHRASE)).unwrap();
    let today = "2026-11-25".parse().unwrap();
    let mut ids = Vec::new();
    for i in 0..400 {
        let p = clients::save_person(
            &mut vault,
            &Person {
                id: String::new(),
                legal_name: format!(
                    "{} {}",
                    GIVEN[i % GIVEN.len()],
                    FAMILY[(i * 7 + i / 20) % FAMILY.len()]
                ),
                preferred_name: String::new(),
                pronouns: String::new(),
                date_of_birth: None,
                address: String::new(),
                phone: String::new(),
                email: String::new(),
                state_of_residence: "AZ".into(),
                emergency_contact: String::new(),
                insurance_payer: String::new(),
                insurance_member_id: String::new(),
            },
            today,
        )
        .unwrap();
        if i % 3 == 0 {
            let code = ["F43.23", "F41.1", "Z63.0", "F33.1"][i % 4];
            clients::add_diagnosis(
                &mut vault,
                &Diagnosis {
                    id: String::new(),
                    person_id: p.id.clone(),
                    code: code.into(),
                    diagnosed_on: today,
                    primary: true,
                },
            )
            .unwrap();
        }
        ids.push(p.id);
    }
    for u in 0..200 {
        let size = 2 + u % 4;
        let partners: Vec<Partner> = (0..size)
            .map(|k| Partner {
                person_id: ids[(u * 2 + k * 3) % ids.len()].clone(),
                attachment_notes: String::new(),
            })
            .collect();
        clients::save_unit(
            &mut vault,
            &Unit {
                id: String::new(),
                name: format!(
                    "{}–{}",
                    FAMILY[u % FAMILY.len()],
                    FAMILY[(u + 5) % FAMILY.len()]
                ),
                structure: [
                    Structure::Couple,
                    Structure::Triad,
                    Structure::Polycule,
                    Structure::Polycule,
                ][u % 4],
                status: UnitStatus::Active,
                start_date: None,
                goals: "Repair trust; clearer agreements; more play".into(),
                partners,
            },
        )
        .unwrap();
    }
    let one = ids[123].clone();
    (vault, one)
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, one) = practice(&tmp.path().join("vault"));
    let mut group = c.benchmark_group("search, 400 persons and 200 units");
    group.bench_function("baseline: read one person by id", |b| {
        b.iter(|| clients::person(&vault, &one).unwrap())
    });
    for query in ["zoe", "riv", "nunez okafor", "adjustment", "nobody"] {
        group.bench_function(format!("search {query:?}"), |b| {
            b.iter(|| search::search(&vault, query, 30).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
