//! What a session costs: its share of a package, else the fee for its kind of session, else
//! the fees of its codes. And how a session's charge spreads over its lines.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::Cents;
use crate::model::{
    CalledOff, CancelledBy, CodedLine, FeeSchedule, MissedFees, Package, PackagePart,
    PackagePurchase, Session, SessionKind, SessionStatus,
};

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
    /// The fee for a session called off too late, or missed.
    Missed {
        /// Its name on the statement ("Late-cancellation fee").
        name: String,
    },
}

/// A session's charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Charge {
    /// How much.
    pub amount: Cents,
    /// The psychotherapy in it: all that may appear on a superbill.
    pub billable: Cents,
    /// The rest, named (a package's medicine, monitoring, room): on receipts only.
    pub parts: Vec<PackagePart>,
    /// Why that much.
    pub source: ChargeSource,
}

impl Charge {
    /// No charge.
    pub fn none() -> Charge {
        Charge {
            amount: Cents::ZERO,
            billable: Cents::ZERO,
            parts: Vec::new(),
            source: ChargeSource::NoFee,
        }
    }

    /// A charge that is all psychotherapy.
    fn whole(amount: Cents, source: ChargeSource) -> Charge {
        Charge {
            amount,
            billable: amount,
            parts: Vec::new(),
            source,
        }
    }

    /// The part of `paid` that paid for the psychotherapy: a partial payment pays every part
    /// in proportion, so a superbill never claims more was paid for care than was.
    pub fn billable_paid(&self, paid: Cents) -> Cents {
        if self.amount.0 <= 0 || self.billable == self.amount {
            return paid.min(self.billable);
        }
        let share = i128::from(paid.0) * i128::from(self.billable.0) / i128::from(self.amount.0);
        Cents(i64::try_from(share).unwrap_or(0)).min(self.billable)
    }
}

/// A session's share of a package it is paid by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    /// Its share of the price.
    pub amount: Cents,
    /// The package's name.
    pub name: String,
    /// The psychotherapy in it.
    pub psychotherapy: Cents,
    /// The rest, named.
    pub parts: Vec<PackagePart>,
}

/// What is wrong with a fee schedule (the field and a sentence), if anything: a code that
/// is not five characters, a code or kind listed twice, a negative fee.
pub fn schedule_problem(schedule: &FeeSchedule) -> Option<(&'static str, String)> {
    let mut seen = BTreeSet::new();
    for fee in &schedule.codes {
        let code = fee.code.trim().to_ascii_uppercase();
        if code.len() != 5 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            let text = format!(
                "{:?} is not a CPT code (five characters, like 90847).",
                fee.code
            );
            return Some(("codes", text));
        }
        if !seen.insert(code.clone()) {
            return Some(("codes", format!("{code} is listed twice.")));
        }
    }
    let mut kinds = BTreeSet::new();
    if schedule.kinds.iter().any(|k| !kinds.insert(k.kind.label())) {
        return Some(("kinds", "A kind of session is listed twice.".into()));
    }
    let fees = schedule.codes.iter().map(|f| f.amount);
    if fees
        .chain(schedule.kinds.iter().map(|f| f.amount))
        .any(|a| a.0 < 0)
    {
        return Some(("codes", "A fee cannot be negative.".into()));
    }
    let missed = &schedule.missed;
    if [missed.late_cancel, missed.no_show]
        .into_iter()
        .flatten()
        .any(|a| a.0 < 0)
    {
        return Some(("missed", "A fee cannot be negative.".into()));
    }
    if missed.notice_hours > 168 {
        return Some((
            "missed.notice_hours",
            "The notice a cancellation needs can be up to 168 hours (a week).".into(),
        ));
    }
    None
}

/// Why a package cannot be sold as stated, in words; `None` when it can.
pub fn package_problem(package: &Package) -> Option<String> {
    let sessions = package.sessions.max(1);
    let each = package.price.split(sessions);
    let smallest = each.iter().copied().min().unwrap_or(Cents::ZERO);
    let parts: Cents = package.parts.iter().map(|p| p.amount).sum();
    if package.parts.iter().any(|p| p.name.trim().is_empty()) {
        return Some(
            "Name each part of the price (for example \"Ketamine and its administration\").".into(),
        );
    }
    if package.parts.iter().any(|p| p.amount.0 < 0) {
        return Some("A part of the price cannot be negative.".into());
    }
    let Some(share) = package.psychotherapy_share else {
        return (!package.parts.is_empty()).then(|| {
            "Say the psychotherapy share per session when the price has other parts.".into()
        });
    };
    if share.0 < 0 {
        return Some("The psychotherapy share cannot be negative.".into());
    }
    if share > smallest {
        return Some(format!(
            "The psychotherapy share ({share}) is larger than a session's share of the price ({smallest}): a superbill would claim more than she charged."
        ));
    }
    let whole = Cents((share + parts).0 * i64::from(sessions));
    if (share != smallest || !package.parts.is_empty()) && whole != package.price {
        return Some(format!(
            "The psychotherapy share ({share}) and the other parts ({parts}) make {} a session, {whole} for {sessions}; the price is {}. Name what the rest pays for so that they add up.",
            share + parts,
            package.price
        ));
    }
    None
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
/// Returns each covered session's share. `sessions` must be in booking order.
pub fn package_shares(
    purchases: &[PackagePurchase],
    packages: &[Package],
    sessions: &[Booked<'_>],
) -> BTreeMap<String, Share> {
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
            let psychotherapy = package.psychotherapy_share.unwrap_or(share).min(share);
            shares.insert(
                id.to_owned(),
                Share {
                    amount: share,
                    name: package.name.clone(),
                    psychotherapy,
                    parts: package.parts.clone(),
                },
            );
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

/// The charge of a session of `kind` coded `lines`, given its package share if any; a
/// session without lines is priced as its `nominal` code.
pub fn charge(
    schedule: &FeeSchedule,
    kind: SessionKind,
    lines: &[CodedLine],
    nominal: Option<&str>,
    package: Option<&Share>,
) -> Charge {
    if let Some(share) = package {
        return Charge {
            amount: share.amount,
            billable: share.psychotherapy,
            parts: share.parts.clone(),
            source: ChargeSource::Package {
                name: share.name.clone(),
            },
        };
    }
    if let Some(fee) = schedule.kinds.iter().find(|f| f.kind == kind) {
        return Charge::whole(fee.amount, ChargeSource::Kind);
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
        return Charge::none();
    }
    Charge::whole(priced.into_iter().sum(), ChargeSource::Codes)
}

/// Why a session called off costs what it does: the fee, its name and the rule, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MissedFee {
    /// The fee the schedule says; `None`: none applies.
    pub fee: Option<Cents>,
    /// Its name on the statement and receipt.
    pub name: String,
    /// Why it applies, or why not.
    pub why: String,
}

/// The fee for calling `session` off as `status`, by `by`, told at `told`: a late cancellation
/// by the client or a no-show costs the schedule's fee; a cancellation with notice, or by her,
/// never does; a missed session a package pays for uses its place in the package instead.
pub fn missed_fee(
    fees: &MissedFees,
    session: &Session,
    status: SessionStatus,
    by: CancelledBy,
    told: chrono::DateTime<chrono::Utc>,
    in_package: bool,
) -> MissedFee {
    let name = missed_fee_name(status);
    let fee = match status {
        SessionStatus::NoShow => fees.no_show,
        _ => fees.late_cancel,
    };
    let said = |fee: Option<Cents>, why: String| MissedFee {
        fee,
        name: name.to_owned(),
        why,
    };
    let notice = session.scheduled_at - told;
    let needed = chrono::Duration::hours(i64::from(fees.notice_hours));
    match (status, by, fee) {
        (SessionStatus::Cancelled | SessionStatus::NoShow, _, _) if in_package => said(None, "A package pays for this session: it uses its place in the package, with no fee on top.".into()),
        (SessionStatus::Cancelled, CancelledBy::Therapist, _) => said(None, "You called it off: no fee.".into()),
        (SessionStatus::Cancelled, CancelledBy::Client, Some(_)) if notice >= needed => said(None, format!("Cancelled {}; free with {} hours' notice: no fee.", spoken(notice), fees.notice_hours)),
        (SessionStatus::Cancelled | SessionStatus::NoShow, _, None) => said(None, format!("Your fee schedule has no {}.", name.to_lowercase())),
        (SessionStatus::Cancelled, CancelledBy::Client, Some(f)) => said(Some(f), format!("Cancelled {}; free only with {} hours' notice, so the {} of {f} applies.", spoken(notice), fees.notice_hours, name.to_lowercase())),
        (SessionStatus::NoShow, _, Some(f)) => said(Some(f), format!("Nobody came: the {} of {f} applies.", name.to_lowercase())),
        _ => said(None, "Only a cancelled or missed session has a fee for it.".into()),
    }
}

/// A missed fee's name on the statement and receipt.
fn missed_fee_name(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::NoShow => "No-show fee",
        _ => "Late-cancellation fee",
    }
}

/// "5 hours before the start", "2 days before the start", "after the start time".
fn spoken(notice: chrono::Duration) -> String {
    let minutes = notice.num_minutes();
    match minutes {
        ..=0 => "after the start time".to_owned(),
        1..=119 => format!("{minutes} minutes before the start"),
        120..=2879 => format!("{} hours before the start", minutes / 60),
        _ => format!("{} days before the start", minutes / 1440),
    }
}

/// The charge of a session called off, from the fee kept when it was: on her statement and
/// receipts only (nothing of it is psychotherapy, so no superbill ever shows it).
pub fn missed_charge(status: SessionStatus, called_off: Option<&CalledOff>) -> Charge {
    let Some(c) = called_off.filter(|c| !c.fee_waived) else {
        return Charge::none();
    };
    let Some(amount) = c.fee.filter(|f| f.is_positive()) else {
        return Charge::none();
    };
    let name = missed_fee_name(status);
    Charge {
        amount,
        billable: Cents::ZERO,
        parts: vec![PackagePart {
            name: name.to_owned(),
            amount,
        }],
        source: ChargeSource::Missed {
            name: name.to_owned(),
        },
    }
}

/// How a session's billable charge spreads over its lines: by each code's fee when the
/// charge came from code fees; otherwise all of it on the first line (the add-on codes are
/// included). The parts that are not psychotherapy are on no line.
pub fn line_fees(schedule: &FeeSchedule, charge: &Charge, lines: &[CodedLine]) -> Vec<Cents> {
    match charge.source {
        ChargeSource::Codes if !lines.is_empty() => lines
            .iter()
            .map(|l| {
                code_fee(schedule, &l.code).map_or(Cents::ZERO, |f| Cents(f.0 * i64::from(l.units)))
            })
            .collect(),
        _ => (0..lines.len())
            .map(|i| if i == 0 { charge.billable } else { Cents::ZERO })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::codes::nominal_code;
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
            psychotherapy_share: None,
            parts: vec![],
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
        let got: Vec<(&str, i64)> = shares
            .iter()
            .map(|(k, v)| (k.as_str(), v.amount.0))
            .collect();
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
            missed: Default::default(),
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
        let share = Share {
            amount: Cents::dollars(950),
            name: "3 dosing sessions".to_owned(),
            psychotherapy: Cents::dollars(950),
            parts: vec![],
        };
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

    fn split(dollars: i64, sessions: u32, share: Option<i64>, parts: &[i64]) -> Package {
        Package {
            psychotherapy_share: share.map(Cents::dollars),
            parts: parts
                .iter()
                .map(|&p| PackagePart {
                    name: format!("part {p}"),
                    amount: Cents::dollars(p),
                })
                .collect(),
            ..package("p", sessions, dollars)
        }
    }

    #[rstest::rstest]
    #[case::all_psychotherapy(split(2850, 3, None, &[]), None)]
    #[case::split_that_adds_up(split(2850, 3, Some(600), &[200, 150]), None)]
    #[case::whole_share_named(split(2850, 3, Some(950), &[]), None)]
    #[case::share_larger_than_the_price(split(2850, 3, Some(1000), &[]), Some("larger than a session's share"))]
    #[case::parts_short(split(2850, 3, Some(600), &[200]), Some("add up"))]
    #[case::rest_unnamed(split(2850, 3, Some(600), &[]), Some("add up"))]
    #[case::parts_without_a_share(split(2850, 3, None, &[200]), Some("psychotherapy share"))]
    fn a_package_split_must_add_up(#[case] package: Package, #[case] problem: Option<&str>) {
        let found = package_problem(&package);
        match problem {
            None => assert_eq!(found, None, "a split that adds up is accepted"),
            Some(words) => assert!(
                found.as_deref().is_some_and(|f| f.contains(words)),
                "refused with a sentence saying why: {found:?}"
            ),
        }
    }

    #[test]
    fn a_package_charge_bills_only_the_psychotherapy_and_pays_in_proportion() {
        let share = Share {
            amount: Cents::dollars(950),
            name: "3 dosing sessions".into(),
            psychotherapy: Cents::dollars(600),
            parts: vec![PackagePart {
                name: "Ketamine".into(),
                amount: Cents::dollars(350),
            }],
        };
        let c = charge(
            &schedule(),
            SessionKind::Dosing,
            &[line("90847", 1)],
            None,
            Some(&share),
        );
        assert_eq!(
            (c.amount, c.billable),
            (Cents::dollars(950), Cents::dollars(600))
        );
        assert_eq!(
            line_fees(&schedule(), &c, &[line("90847", 1)]),
            [Cents::dollars(600)],
            "the superbill line carries the psychotherapy share only"
        );
        assert_eq!(c.billable_paid(Cents::dollars(950)), Cents::dollars(600));
        assert_eq!(
            c.billable_paid(Cents::dollars(475)),
            Cents::dollars(300),
            "half paid is half of each part"
        );
    }

    fn booked_at(at: &str) -> Session {
        Session {
            id: "s".into(),
            unit_id: Some("u".into()),
            person_id: None,
            kind: SessionKind::CouplesSession,
            scheduled_at: at.parse().unwrap(),
            planned_minutes: 50,
            setting: crate::model::Setting::Office,
            attendees: vec!["a".into(), "b".into()],
            status: SessionStatus::Scheduled,
            mode: None,
            dosing_partners: vec![],
            supporters: String::new(),
            transport: String::new(),
            gate_override: None,
            called_off: None,
        }
    }

    /// (case, status, by, told, in a package, fee in dollars, words in the reason).
    type MissedCase<'a> = (
        &'a str,
        SessionStatus,
        CancelledBy,
        &'a str,
        bool,
        Option<i64>,
        &'a str,
    );

    /// Missed fees: (case, status, by, told, in a package, fee charged, words in the reason).
    /// The session starts 2026-12-09 at 17:00 UTC; the schedule asks 24 hours' notice, $75 for
    /// a late cancellation and $100 for a no-show.
    #[test]
    fn missed_fees() {
        use CancelledBy::{Client, Therapist};
        use SessionStatus::{Cancelled, NoShow};
        let fees = MissedFees {
            late_cancel: Some(Cents::dollars(75)),
            no_show: Some(Cents::dollars(100)),
            notice_hours: 24,
        };
        #[rustfmt::skip]
        let cases: &[MissedCase<'_>] = &[
            ("two days' notice is free", Cancelled, Client, "2026-12-07T17:00:00Z", false, None, "2 days before"),
            ("exactly 24 hours is enough", Cancelled, Client, "2026-12-08T17:00:00Z", false, None, "24 hours before"),
            ("a minute short of 24 hours is late", Cancelled, Client, "2026-12-08T17:01:00Z", false, Some(75), "23 hours before"),
            ("the same morning is late", Cancelled, Client, "2026-12-09T12:00:00Z", false, Some(75), "5 hours before"),
            ("she calls it off herself: never a fee", Cancelled, Therapist, "2026-12-09T16:00:00Z", false, None, "You called it off"),
            ("told after the start time is late", Cancelled, Client, "2026-12-09T17:30:00Z", false, Some(75), "after the start time"),
            ("nobody came", NoShow, Client, "2026-12-09T17:20:00Z", false, Some(100), "Nobody came"),
            ("a package pays: its place is used, no fee on top", NoShow, Client, "2026-12-09T17:20:00Z", true, None, "package"),
        ];
        for (case, status, by, told, in_package, fee, words) in cases {
            let session = booked_at("2026-12-09T17:00:00Z");
            let found = missed_fee(
                &fees,
                &session,
                *status,
                *by,
                told.parse().unwrap(),
                *in_package,
            );
            assert_eq!(
                found.fee,
                fee.map(Cents::dollars),
                "{case}: the fee the rule says"
            );
            assert!(
                found.why.contains(words),
                "{case}: the reason reads {:?}",
                found.why
            );
        }
        let none = MissedFees::default();
        let found = missed_fee(
            &none,
            &booked_at("2026-12-09T17:00:00Z"),
            Cancelled,
            Client,
            "2026-12-09T16:00:00Z".parse().unwrap(),
            false,
        );
        assert_eq!(
            found.fee, None,
            "a schedule without the fee never charges it"
        );
        assert!(
            found.why.contains("no late-cancellation fee"),
            "and says so: {}",
            found.why
        );
    }

    /// The charge comes from the fee kept when the session was called off; waived, nothing;
    /// none of it is psychotherapy, so no superbill can show it.
    #[test]
    fn a_missed_charge_is_the_kept_fee_and_never_billable() {
        let called_off = |fee: Option<i64>, waived: bool| CalledOff {
            reason: "Flu".into(),
            by: CancelledBy::Client,
            at: "2026-12-09T12:00:00Z".parse().unwrap(),
            fee: fee.map(Cents::dollars),
            fee_waived: waived,
        };
        let charged = missed_charge(SessionStatus::Cancelled, Some(&called_off(Some(75), false)));
        assert_eq!(
            charged.amount,
            Cents::dollars(75),
            "the kept fee is charged"
        );
        assert_eq!(
            charged.billable,
            Cents::ZERO,
            "nothing of a missed fee is psychotherapy"
        );
        assert_eq!(
            charged.source,
            ChargeSource::Missed {
                name: "Late-cancellation fee".into()
            },
            "named for the statement"
        );
        let waived = missed_charge(SessionStatus::Cancelled, Some(&called_off(Some(75), true)));
        assert_eq!(waived.amount, Cents::ZERO, "a waived fee is not charged");
        assert_eq!(
            missed_charge(SessionStatus::NoShow, Some(&called_off(None, false))).amount,
            Cents::ZERO,
            "no fee kept, no charge"
        );
        assert_eq!(
            missed_charge(SessionStatus::Cancelled, None).amount,
            Cents::ZERO,
            "a session called off before fees existed is never charged"
        );
    }
}
