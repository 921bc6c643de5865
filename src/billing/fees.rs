//! What a session costs: its share of a package, else the fee for its kind of session, else
//! the fees of its codes. And how a session's charge spreads over its lines.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::Cents;
use crate::model::{CodedLine, FeeSchedule, Package, PackagePurchase, SessionKind, SessionStatus};

/// Where a session's charge comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum ChargeSource {
    /// Its share of a package.
    Package {
        /// The package's name.
        name: String,
    },
    /// The fee for its kind of session.
    Kind,
    /// The fees of its codes.
    Codes,
    /// No fee applies: the schedule has none for it.
    NoFee,
}

/// A session's charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Charge {
    /// How much.
    pub amount: Cents,
    /// Why that much.
    pub source: ChargeSource,
}

/// The facts of a session that packages look at.
#[derive(Debug, Clone)]
pub struct Booked<'a> {
    /// Which session.
    pub session_id: &'a str,
    /// The relationship, for a joint session.
    pub unit_id: Option<&'a str>,
    /// The person, for an individual session.
    pub person_id: Option<&'a str>,
    /// What kind.
    pub kind: SessionKind,
    /// Day booked, in the practice's zone.
    pub date: NaiveDate,
    /// Its status.
    pub status: SessionStatus,
}

/// Each purchase pays for the owner's next sessions of its kind from the day it was bought,
/// in booking order, skipping cancelled ones and those an earlier purchase already pays for.
/// Returns each covered session's share and the package's name. `sessions` must be in
/// booking order.
pub fn package_shares(
    purchases: &[PackagePurchase],
    packages: &[Package],
    sessions: &[Booked<'_>],
) -> BTreeMap<String, (Cents, String)> {
    let mut shares = BTreeMap::new();
    let mut ordered: Vec<&PackagePurchase> = purchases.iter().collect();
    ordered.sort_by(|a, b| (a.bought_on, &a.id).cmp(&(b.bought_on, &b.id)));
    let mut claimed = BTreeSet::new();
    for purchase in ordered {
        let Some(package) = packages.iter().find(|p| p.id == purchase.package_id) else {
            continue;
        };
        let covered: Vec<&str> = sessions
            .iter()
            .filter(|s| {
                s.kind == package.kind
                    && s.date >= purchase.bought_on
                    && !matches!(s.status, SessionStatus::Cancelled)
                    && s.unit_id == purchase.unit_id.as_deref()
                    && s.person_id == purchase.person_id.as_deref()
                    && !claimed.contains(s.session_id)
            })
            .take(package.sessions as usize)
            .map(|s| s.session_id)
            .collect();
        // The price is shared over the package's size, not over the sessions booked so far,
        // so a share never changes when the next session is booked.
        for (id, share) in covered
            .into_iter()
            .zip(package.price.split(package.sessions))
        {
            claimed.insert(id);
            shares.insert(id.to_owned(), (share, package.name.clone()));
        }
    }
    shares
}

fn code_fee(schedule: &FeeSchedule, code: &str) -> Option<Cents> {
    schedule
        .codes
        .iter()
        .find(|f| f.code == code)
        .map(|f| f.amount)
}

/// The code whose fee prices a session that carries no code of its own: a second conjoint
/// session on a day, or one where nobody has a diagnosis, is still a session she held. By
/// what happened, not by who can claim it: a diagnostic evaluation, a conjoint session when
/// two or more were present, else individual psychotherapy by its minutes.
pub fn nominal_code(kind: SessionKind, present: usize, minutes: u32) -> Option<&'static str> {
    use crate::billing::codes::{CONJOINT_MINIMUM, INDIVIDUAL_BANDS};
    match kind {
        SessionKind::JointIntake | SessionKind::IndividualAssessment => Some("90791"),
        _ if present >= 2 && minutes >= CONJOINT_MINIMUM => Some("90847"),
        _ => INDIVIDUAL_BANDS
            .iter()
            .find(|(from, to, _)| (*from..=*to).contains(&minutes))
            .map(|(.., code)| *code),
    }
}

/// The charge of a session of `kind` coded `lines`, given its package share if any; a
/// session without lines is priced as its `nominal` code.
pub fn charge(
    schedule: &FeeSchedule,
    kind: SessionKind,
    lines: &[CodedLine],
    nominal: Option<&str>,
    package: Option<&(Cents, String)>,
) -> Charge {
    if let Some((amount, name)) = package {
        return Charge {
            amount: *amount,
            source: ChargeSource::Package { name: name.clone() },
        };
    }
    if let Some(fee) = schedule.kinds.iter().find(|f| f.kind == kind) {
        return Charge {
            amount: fee.amount,
            source: ChargeSource::Kind,
        };
    }
    let priced: Vec<Cents> = if lines.is_empty() {
        nominal
            .and_then(|code| code_fee(schedule, code))
            .into_iter()
            .collect()
    } else {
        lines
            .iter()
            .filter_map(|l| {
                code_fee(schedule, &l.code).map(|fee| Cents(fee.0 * i64::from(l.units)))
            })
            .collect()
    };
    if priced.is_empty() {
        return Charge {
            amount: Cents::ZERO,
            source: ChargeSource::NoFee,
        };
    }
    Charge {
        amount: priced.into_iter().sum(),
        source: ChargeSource::Codes,
    }
}

/// How a session's charge spreads over its lines: by each code's fee when the charge came
/// from code fees; otherwise all of it on the first line (the add-on codes are included).
pub fn line_fees(schedule: &FeeSchedule, charge: &Charge, lines: &[CodedLine]) -> Vec<Cents> {
    match charge.source {
        ChargeSource::Codes if !lines.is_empty() => lines
            .iter()
            .map(|l| {
                code_fee(schedule, &l.code).map_or(Cents::ZERO, |f| Cents(f.0 * i64::from(l.units)))
            })
            .collect(),
        _ => (0..lines.len())
            .map(|i| if i == 0 { charge.amount } else { Cents::ZERO })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CodeFee, KindFee};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    fn booked(
        id: &'static str,
        kind: SessionKind,
        day: u32,
        status: SessionStatus,
    ) -> Booked<'static> {
        Booked {
            session_id: id,
            unit_id: Some("u"),
            person_id: None,
            kind,
            date: d(day),
            status,
        }
    }

    fn package(id: &str, sessions: u32, dollars: i64) -> Package {
        Package {
            id: id.into(),
            name: format!("{sessions} dosing sessions"),
            kind: SessionKind::Dosing,
            sessions,
            price: Cents::dollars(dollars),
        }
    }

    fn purchase(id: &str, package_id: &str, day: u32) -> PackagePurchase {
        PackagePurchase {
            id: id.into(),
            package_id: package_id.into(),
            unit_id: Some("u".into()),
            person_id: None,
            bought_on: d(day),
        }
    }

    #[test]
    fn a_package_shares_its_price_over_its_size_in_booking_order() {
        use SessionKind::{Dosing, Integration};
        use SessionStatus::{Cancelled, Completed, Scheduled};
        let sessions = [
            booked("before", Dosing, 1, Completed),
            booked("d1", Dosing, 3, Completed),
            booked("i1", Integration, 4, Completed),
            booked("gone", Dosing, 5, Cancelled),
            booked("d2", Dosing, 10, Scheduled),
        ];
        let shares = package_shares(
            &[purchase("p", "three", 2)],
            &[package("three", 3, 1000)],
            &sessions,
        );
        let got: Vec<(&str, i64)> = shares.iter().map(|(k, v)| (k.as_str(), v.0 .0)).collect();
        assert_eq!(got, [("d1", 33_334), ("d2", 33_333)]);
    }

    #[test]
    fn a_second_purchase_takes_the_sessions_after_the_first_ones() {
        use SessionStatus::Completed;
        let sessions: Vec<Booked<'static>> = ["a", "b", "c"]
            .iter()
            .zip(1..)
            .map(|(id, day)| booked(id, SessionKind::Dosing, day + 2, Completed))
            .collect();
        let shares = package_shares(
            &[purchase("p2", "one", 2), purchase("p1", "one", 1)],
            &[package("one", 1, 1000)],
            &sessions,
        );
        assert_eq!(shares.len(), 2);
        assert!(shares.contains_key("a") && shares.contains_key("b"));
    }

    fn line(code: &str, units: u32) -> CodedLine {
        CodedLine {
            code: code.into(),
            modifiers: vec![],
            place_of_service: "11".into(),
            units,
            reason: String::new(),
        }
    }

    fn schedule() -> FeeSchedule {
        FeeSchedule {
            codes: vec![
                CodeFee {
                    code: "90847".into(),
                    amount: Cents::dollars(250),
                },
                CodeFee {
                    code: "0820T".into(),
                    amount: Cents::dollars(150),
                },
            ],
            kinds: vec![KindFee {
                kind: SessionKind::Dosing,
                amount: Cents::dollars(1000),
            }],
            offer_0820t: true,
        }
    }

    #[test]
    fn a_session_without_a_code_is_priced_by_what_happened() {
        use SessionKind::{CouplesSession, IndividualAssessment, Integration};
        assert_eq!(nominal_code(IndividualAssessment, 1, 10), Some("90791"));
        assert_eq!(nominal_code(CouplesSession, 2, 26), Some("90847"));
        assert_eq!(nominal_code(CouplesSession, 2, 25), Some("90832"));
        assert_eq!(nominal_code(Integration, 1, 53), Some("90837"));
        assert_eq!(nominal_code(CouplesSession, 3, 10), None);
    }

    #[test]
    fn package_then_kind_then_codes_then_nothing() {
        let s = schedule();
        let lines = [line("90847", 1), line("0820T", 3)];
        let share = (Cents::dollars(950), "3 dosing sessions".to_owned());
        assert_eq!(
            charge(&s, SessionKind::Dosing, &lines, None, Some(&share)).amount,
            Cents::dollars(950)
        );
        let by_kind = charge(&s, SessionKind::Dosing, &lines, None, None);
        assert_eq!(
            (by_kind.amount, &by_kind.source),
            (Cents::dollars(1000), &ChargeSource::Kind)
        );
        assert_eq!(
            line_fees(&s, &by_kind, &lines),
            [Cents::dollars(1000), Cents::ZERO]
        );
        let by_codes = charge(&s, SessionKind::CouplesSession, &lines, None, None);
        assert_eq!(by_codes.amount, Cents::dollars(250 + 3 * 150));
        assert_eq!(
            line_fees(&s, &by_codes, &lines),
            [Cents::dollars(250), Cents::dollars(450)]
        );
        let none = charge(
            &s,
            SessionKind::CouplesSession,
            &[line("90834", 1)],
            None,
            None,
        );
        assert_eq!(
            (none.amount, none.source),
            (Cents::ZERO, ChargeSource::NoFee)
        );
        // A second conjoint session on a day has no line, but is priced as 90847.
        let nominal = nominal_code(SessionKind::CouplesSession, 2, 45);
        let uncoded = charge(&s, SessionKind::CouplesSession, &[], nominal, None);
        assert_eq!(uncoded.amount, Cents::dollars(250));
        assert!(line_fees(&s, &uncoded, &[]).is_empty());
    }
}
