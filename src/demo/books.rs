//! The demo practice's books: a fee schedule, the three dosing packages, Rivera–Chen's
//! purchase of three dosings, and their payments (one session left unpaid, one dosing
//! prepaid as a credit), so Alex's superbill has 90791 and 90847 lines; and the Good Faith
//! Estimate they had before care began.

use chrono::NaiveDate;

use super::ago;
use crate::billing::Cents;
use crate::error::Result;
use crate::model::{
    Application, CodeFee, FeeSchedule, KindFee, Package, PackagePart, PackagePurchase, Payment,
    PaymentMethod, Person, SessionKind, Unit,
};
use crate::store::{billing, sessions};
use crate::vault::Vault;

/// The demo's fees, in dollars.
const CODE_FEES: &[(&str, i64)] = &[
    ("90791", 300),
    ("90832", 140),
    ("90834", 180),
    ("90837", 240),
    ("90846", 220),
    ("90847", 250),
    ("90785", 30),
    ("0820T", 150),
];

/// Each dosing package's psychotherapy share per session, in dollars.
const PSYCHOTHERAPY_SHARE: i64 = 600;

/// The demo practice's logo (the app's own mark).
const LOGO: &[u8] = include_bytes!("../../assets/demo-logo.png");

pub(super) fn books(
    vault: &mut Vault,
    today: NaiveDate,
    unit: &Unit,
    alex: &Person,
    jordan: &Person,
) -> Result<()> {
    crate::store::practice::save_logo(vault, Some(LOGO))?;
    billing::save_fee_schedule(
        vault,
        &FeeSchedule {
            codes: CODE_FEES
                .iter()
                .map(|(code, d)| CodeFee {
                    code: (*code).into(),
                    amount: Cents::dollars(*d),
                })
                .collect(),
            kinds: vec![KindFee {
                kind: SessionKind::Dosing,
                amount: Cents::dollars(1000),
            }],
            offer_0820t: false,
            missed: crate::model::MissedFees {
                late_cancel: Some(Cents::dollars(75)),
                no_show: Some(Cents::dollars(100)),
                notice_hours: 24,
            },
        },
    )?;
    let mut three = None;
    // Per session: the psychotherapy (hers to bill), the ketamine with its administration and
    // the prescriber's monitoring (the prescriber's, on receipts only).
    for (name, n, dollars, [ketamine, monitoring]) in [
        ("1 dosing session", 1, 1000, [250, 150]),
        ("3 dosing sessions", 3, 2850, [200, 150]),
        ("6 dosing sessions", 6, 5400, [180, 120]),
    ] {
        let p = billing::save_package(
            vault,
            &Package {
                id: String::new(),
                name: name.into(),
                kind: SessionKind::Dosing,
                sessions: n,
                price: Cents::dollars(dollars),
                psychotherapy_share: Some(Cents::dollars(PSYCHOTHERAPY_SHARE)),
                parts: vec![
                    PackagePart {
                        name: "Ketamine and its administration (IM)".into(),
                        amount: Cents::dollars(ketamine),
                    },
                    PackagePart {
                        name: "Prescriber's medical monitoring".into(),
                        amount: Cents::dollars(monitoring),
                    },
                ],
            },
        )?;
        if n == 3 {
            three = Some(p.id);
        }
    }
    billing::buy_package(
        vault,
        &PackagePurchase {
            id: String::new(),
            package_id: three.clone().unwrap_or_default(),
            unit_id: Some(unit.id.clone()),
            person_id: None,
            bought_on: ago(today, 22),
        },
    )?;
    let pay = |vault: &mut Vault,
               who: &Person,
               days: u64,
               dollars: i64,
               method,
               note: &str,
               applied: Vec<Application>| {
        billing::record_payment(
            vault,
            &Payment {
                id: String::new(),
                person_id: who.id.clone(),
                received_on: ago(today, days),
                amount: Cents::dollars(dollars),
                method,
                note: note.into(),
                applied,
            },
            crate::typed::Large::Ask,
        )
    };
    pay(
        vault,
        alex,
        38,
        300,
        PaymentMethod::Card,
        "Visa ending 4242",
        vec![],
    )?;
    pay(
        vault,
        alex,
        34,
        300,
        PaymentMethod::HsaFsa,
        "HSA card",
        vec![],
    )?;
    pay(
        vault,
        jordan,
        30,
        250,
        PaymentMethod::Card,
        "Mastercard ending 0077",
        vec![],
    )?;
    pay(
        vault,
        alex,
        26,
        250,
        PaymentMethod::HsaFsa,
        "HSA card",
        vec![],
    )?;
    // The package is paid up front: its share goes to the two dosings held, and the third
    // dosing's share stays a credit.
    let dosings: Vec<Application> = sessions::sessions_of_unit(vault, &unit.id)?
        .into_iter()
        .filter(|s| s.kind == SessionKind::Dosing)
        .map(|s| Application {
            session_id: s.id,
            amount: Cents::dollars(950),
        })
        .collect();
    pay(
        vault,
        jordan,
        22,
        2850,
        PaymentMethod::Check,
        "Check 1043",
        dosings,
    )?;
    pay(
        vault,
        alex,
        20,
        250,
        PaymentMethod::HsaFsa,
        "HSA card",
        vec![],
    )?;
    good_faith_estimate(vault, today, unit, three)
}

/// The estimate she gave Rivera–Chen the evening before their intake: the whole arc, with the
/// package of three dosings they chose.
fn good_faith_estimate(
    vault: &mut Vault,
    today: NaiveDate,
    unit: &Unit,
    package: Option<String>,
) -> Result<()> {
    let zone = crate::zone::Zone::of(&crate::store::practice::settings(vault)?);
    let from = ago(today, 40);
    let issued_at = zone.start_of(ago(today, 41)) + chrono::Duration::hours(17);
    let request = billing::EstimateRequest {
        for_whom: crate::store::Owner::Unit(unit.id.clone()),
        from: Some(from),
        until: None,
        package_id: package,
        dosings: None,
    };
    let draft = billing::draft_estimate(vault, &request, issued_at)?;
    billing::issue_estimate(vault, &draft, issued_at, |_| Ok(()))?;
    Ok(())
}
