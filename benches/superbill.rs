//! Superbill PDFs (criterion): one superbill of 12 lines, and a batch of 100 of them. The
//! baseline, measured in the same run, is a receipt with no lines: the same page, fonts and
//! file, without a table, so the ratio is what the superbill's layout and lines cost.
//!
//! `cargo bench --bench superbill`

#[path = "../tests/common/mod.rs"]
#[allow(unused_imports)]
mod common;

use attune::billing::superbill::{Client, LetteredDiagnosis, Superbill, SuperbillLine};
use attune::billing::Cents;
use attune::model::IssuedSuperbill;
use attune::pdf;
use attune::store::billing::Receipt;
use chrono::{Duration, NaiveDate, Utc};
use common::practice_profile;
use criterion::{criterion_group, criterion_main, Criterion};

fn superbill(number: u32) -> IssuedSuperbill {
    let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let lines: Vec<SuperbillLine> = (0..12)
        .map(|i| SuperbillLine {
            date: from + Duration::days(7 * i),
            place_of_service: if i % 3 == 0 { "10".into() } else { "11".into() },
            code: if i == 0 {
                "90791".into()
            } else {
                "90847".into()
            },
            modifiers: if i % 3 == 0 {
                vec!["95".into()]
            } else {
                vec![]
            },
            pointers: "AB".into(),
            units: 1,
            fee: Cents::dollars(250),
            paid: Cents::dollars(if i < 10 { 250 } else { 0 }),
            reason: "90847: conjoint session, Zoë (F43.23) present, 55 minutes, in the office"
                .into(),
            warnings: vec![],
        })
        .collect();
    let total_fees: Cents = lines.iter().map(|l| l.fee).sum();
    let total_paid: Cents = lines.iter().map(|l| l.paid).sum();
    IssuedSuperbill {
        number,
        issued_at: Utc::now(),
        issued_on: from + Duration::days(90),
        replaces: None,
        superbill: Superbill {
            provider: practice_profile(),
            client: Client {
                person_id: format!("p{number}"),
                legal_name: format!("Zoë Ñúñez {number}"),
                date_of_birth: NaiveDate::from_ymd_opt(1991, 8, 23),
                address: "12 Calle Ñandú, Tucson, AZ 85701".into(),
                payer: "Aetna".into(),
                member_id: "W123456789".into(),
            },
            from,
            to: from + Duration::days(90),
            diagnoses: vec![
                LetteredDiagnosis {
                    letter: "A".into(),
                    code: "F43.23".into(),
                    description: "Adjustment disorder with mixed anxiety and depressed mood".into(),
                },
                LetteredDiagnosis {
                    letter: "B".into(),
                    code: "Z63.0".into(),
                    description: "Problems in relationship with spouse or partner".into(),
                },
            ],
            lines,
            total_fees,
            total_paid,
            balance: total_fees - total_paid,
            warnings: vec![],
        },
    }
}

fn bench(c: &mut Criterion) {
    let blank = Receipt {
        provider: practice_profile(),
        client_name: "Zoë Ñúñez".into(),
        from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        lines: Vec::new(),
        total_fees: Cents::ZERO,
        total_paid: Cents::ZERO,
        why_not_a_superbill: String::new(),
    };
    let one = superbill(1);
    let hundred: Vec<IssuedSuperbill> = (1..=100).map(superbill).collect();
    let mut group = c.benchmark_group("superbill_pdf");
    group.sample_size(20);
    group.bench_function("baseline: a page with no table", |b| {
        b.iter(|| pdf::receipt_pdf(&blank, None).unwrap())
    });
    group.bench_function("one superbill of 12 lines", |b| {
        b.iter(|| pdf::superbill_pdf(&one, None).unwrap())
    });
    group.sample_size(10);
    group.bench_function("a batch of 100 superbills", |b| {
        b.iter(|| {
            hundred
                .iter()
                .map(|s| pdf::superbill_pdf(s, None).unwrap().len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
