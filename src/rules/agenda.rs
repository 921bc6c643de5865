//! Agenda warnings over a unit's (or a person's) sessions: what the therapist should fix before
//! the day comes. Each rule has a code, a reason, and a case table; dates are calendar dates in
//! the practice's time zone, which the caller gives as `local_date`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::model::{Clearance, Person, Session, SessionKind, SessionStatus};

/// How many days after a dosing its integration is due.
pub const INTEGRATION_WITHIN_DAYS: i64 = 2;

/// A warning on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Warning {
    /// The rule's code.
    pub rule: &'static str,
    /// The sentence.
    pub message: String,
    /// The session it is about.
    pub session_id: String,
}

/// The rules, for the screen that explains them.
pub const RULES: &[(&str, &str)] = &[
    ("integration_within_two_days", "A dosing is followed by an integration session within 2 days, while what emerged is fresh."),
    ("integration_between_dosings", "Each dosing is integrated before the next one."),
    ("clearance_before_dosing", "A medical clearance must still be valid on the day of a dosing."),
    ("unlicensed_state", "For telehealth and at-home sessions, the therapist must hold a license in the state where the client lives."),
];

fn live(s: &Session) -> bool {
    !matches!(s.status, SessionStatus::Cancelled | SessionStatus::NoShow)
}

/// Every warning for these sessions.
pub fn warnings(
    sessions: &[Session],
    persons: &HashMap<String, Person>,
    clearances: &HashMap<String, Vec<Clearance>>,
    licensed_states: &[String],
    now: DateTime<Utc>,
    local_date: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Vec<Warning> {
    let mut out = integration_within_two_days(sessions, local_date);
    out.extend(integration_between_dosings(sessions, local_date));
    out.extend(clearance_before_dosing(
        sessions, persons, clearances, now, local_date,
    ));
    out.extend(unlicensed_state(
        sessions,
        persons,
        licensed_states,
        now,
        local_date,
    ));
    out
}

fn sorted(sessions: &[Session], kind: SessionKind) -> Vec<&Session> {
    let mut v: Vec<&Session> = sessions
        .iter()
        .filter(|s| s.kind == kind && live(s))
        .collect();
    v.sort_by_key(|s| s.scheduled_at);
    v
}

/// A dosing with no integration (held or booked) within two days after it.
pub fn integration_within_two_days(
    sessions: &[Session],
    local_date: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Vec<Warning> {
    let integrations = sorted(sessions, SessionKind::Integration);
    sorted(sessions, SessionKind::Dosing)
        .into_iter()
        .filter(|dosing| {
            let day = local_date(dosing.scheduled_at);
            !integrations.iter().any(|i| {
                let gap = (local_date(i.scheduled_at) - day).num_days();
                i.scheduled_at > dosing.scheduled_at && gap <= INTEGRATION_WITHIN_DAYS
            })
        })
        .map(|dosing| Warning {
            rule: "integration_within_two_days",
            message: format!(
                "The dosing of {} has no integration session within 2 days after it.",
                local_date(dosing.scheduled_at)
            ),
            session_id: dosing.id.clone(),
        })
        .collect()
}

/// Two dosings with no integration between them.
pub fn integration_between_dosings(
    sessions: &[Session],
    local_date: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Vec<Warning> {
    let integrations = sorted(sessions, SessionKind::Integration);
    sorted(sessions, SessionKind::Dosing)
        .windows(2)
        .filter(|pair| {
            !integrations.iter().any(|i| {
                i.scheduled_at > pair[0].scheduled_at && i.scheduled_at < pair[1].scheduled_at
            })
        })
        .map(|pair| Warning {
            rule: "integration_between_dosings",
            message: format!(
                "The dosing of {} follows the one of {} with no integration session between them.",
                local_date(pair[1].scheduled_at),
                local_date(pair[0].scheduled_at)
            ),
            session_id: pair[1].id.clone(),
        })
        .collect()
}

fn name(persons: &HashMap<String, Person>, id: &str) -> String {
    persons
        .get(id)
        .map_or_else(|| "A partner".to_owned(), |p| p.display_name().to_owned())
}

/// A booked dosing on a day when a dosing partner's clearance will have ended (or there is none).
pub fn clearance_before_dosing(
    sessions: &[Session],
    persons: &HashMap<String, Person>,
    clearances: &HashMap<String, Vec<Clearance>>,
    now: DateTime<Utc>,
    local_date: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Vec<Warning> {
    let mut out = Vec::new();
    for s in sessions.iter().filter(|s| {
        s.status == SessionStatus::Scheduled
            && s.scheduled_at >= now
            && !s.dosing_partners.is_empty()
    }) {
        let day = local_date(s.scheduled_at);
        for pid in &s.dosing_partners {
            let until = clearances.get(pid).and_then(|cs| {
                cs.iter()
                    .filter(|c| c.cleared_on <= day)
                    .map(|c| c.valid_until)
                    .max()
            });
            let message = match until {
                Some(until) if until >= day => continue,
                Some(until) => format!(
                    "{}'s medical clearance ends on {until}, before the dosing of {day}.",
                    name(persons, pid)
                ),
                None => format!(
                    "{} has no medical clearance for the dosing of {day}.",
                    name(persons, pid)
                ),
            };
            out.push(Warning {
                rule: "clearance_before_dosing",
                message,
                session_id: s.id.clone(),
            });
        }
    }
    out
}

/// A booked remote session for a client who lives where the therapist holds no license.
pub fn unlicensed_state(
    sessions: &[Session],
    persons: &HashMap<String, Person>,
    licensed_states: &[String],
    now: DateTime<Utc>,
    local_date: &dyn Fn(DateTime<Utc>) -> NaiveDate,
) -> Vec<Warning> {
    let licensed = |st: &str| {
        licensed_states
            .iter()
            .any(|l| l.eq_ignore_ascii_case(st.trim()))
    };
    let mut out = Vec::new();
    for s in sessions.iter().filter(|s| {
        s.status == SessionStatus::Scheduled && s.scheduled_at >= now && s.setting.is_remote()
    }) {
        for pid in &s.attendees {
            let Some(p) = persons.get(pid) else { continue };
            let state = p.state_of_residence.trim();
            let message = if state.is_empty() {
                format!(
                    "{}'s state of residence is not recorded: Attune cannot check your license for the remote session of {}.",
                    p.display_name(),
                    local_date(s.scheduled_at)
                )
            } else if !licensed(state) {
                format!(
                    "{} lives in {state}, where you hold no license, and the session of {} is remote.",
                    p.display_name(),
                    local_date(s.scheduled_at)
                )
            } else {
                continue;
            };
            out.push(Warning {
                rule: "unlicensed_state",
                message,
                session_id: s.id.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClearanceSetting, Setting};
    use rstest::rstest;

    fn at(s: &str) -> DateTime<Utc> {
        format!("{s}:00Z").parse().unwrap()
    }

    /// Arizona: UTC−7 all year.
    fn phoenix(t: DateTime<Utc>) -> NaiveDate {
        (t - chrono::Duration::hours(7)).date_naive()
    }

    fn s(id: &str, kind: SessionKind, when: &str) -> Session {
        Session {
            id: id.to_owned(),
            unit_id: Some("u".to_owned()),
            person_id: None,
            kind,
            scheduled_at: at(when),
            planned_minutes: 60,
            setting: Setting::Office,
            attendees: vec!["a".to_owned()],
            status: SessionStatus::Scheduled,
            mode: None,
            dosing_partners: if kind == SessionKind::Dosing {
                vec!["a".to_owned()]
            } else {
                vec![]
            },
            supporters: String::new(),
            transport: String::new(),
            gate_override: None,
            called_off: None,
        }
    }

    use SessionKind::{Dosing, Integration};

    #[rstest]
    #[case::integration_next_day(&[(Dosing, "2026-12-01T17:00"), (Integration, "2026-12-02T17:00")], 0)]
    #[case::integration_two_days_later(&[(Dosing, "2026-12-01T17:00"), (Integration, "2026-12-03T23:00")], 0)]
    #[case::three_days_is_late(&[(Dosing, "2026-12-01T17:00"), (Integration, "2026-12-04T17:00")], 1)]
    #[case::none_at_all(&[(Dosing, "2026-12-01T17:00")], 1)]
    #[case::before_does_not_count(&[(Integration, "2026-11-30T17:00"), (Dosing, "2026-12-01T17:00")], 1)]
    // 04:30 UTC on the 4th is still the 3rd in Phoenix: within two local days.
    #[case::local_day_not_utc(&[(Dosing, "2026-12-01T17:00"), (Integration, "2026-12-04T04:30")], 0)]
    fn within_two_days(#[case] list: &[(SessionKind, &str)], #[case] expected: usize) {
        let sessions: Vec<Session> = list
            .iter()
            .enumerate()
            .map(|(i, (k, w))| s(&i.to_string(), *k, w))
            .collect();
        assert_eq!(
            integration_within_two_days(&sessions, &phoenix).len(),
            expected
        );
    }

    #[rstest]
    #[case::integrated_between(&[(Dosing, "2026-12-01T17:00"), (Integration, "2026-12-02T17:00"), (Dosing, "2026-12-15T17:00")], 0)]
    #[case::back_to_back(&[(Dosing, "2026-12-01T17:00"), (Dosing, "2026-12-15T17:00"), (Integration, "2026-12-16T17:00")], 1)]
    #[case::one_dosing(&[(Dosing, "2026-12-01T17:00")], 0)]
    fn between_dosings(#[case] list: &[(SessionKind, &str)], #[case] expected: usize) {
        let sessions: Vec<Session> = list
            .iter()
            .enumerate()
            .map(|(i, (k, w))| s(&i.to_string(), *k, w))
            .collect();
        let found = integration_between_dosings(&sessions, &phoenix);
        assert_eq!(found.len(), expected);
        if expected == 1 {
            assert_eq!(
                found[0].session_id, "1",
                "the warning is on the second dosing"
            );
        }
    }

    #[test]
    fn cancelled_sessions_neither_warn_nor_excuse() {
        let mut dosing = s("d", Dosing, "2026-12-01T17:00");
        dosing.status = SessionStatus::Cancelled;
        assert!(integration_within_two_days(&[dosing], &phoenix).is_empty());
        let mut integration = s("i", Integration, "2026-12-02T17:00");
        integration.status = SessionStatus::Cancelled;
        let sessions = [s("d", Dosing, "2026-12-01T17:00"), integration];
        assert_eq!(integration_within_two_days(&sessions, &phoenix).len(), 1);
    }

    fn person(id: &str, name: &str, state: &str) -> (String, Person) {
        (
            id.to_owned(),
            Person {
                id: id.to_owned(),
                legal_name: name.to_owned(),
                preferred_name: String::new(),
                pronouns: String::new(),
                date_of_birth: None,
                address: String::new(),
                phone: String::new(),
                email: String::new(),
                state_of_residence: state.to_owned(),
                emergency_contact: String::new(),
                insurance_payer: String::new(),
                insurance_member_id: String::new(),
            },
        )
    }

    #[rstest]
    #[case::valid_through_the_day(Some("2026-12-01"), 0)]
    #[case::ends_the_day_before(Some("2026-11-30"), 1)]
    #[case::no_clearance(None, 1)]
    fn clearance_on_the_day(#[case] until: Option<&str>, #[case] expected: usize) {
        let persons: HashMap<_, _> = [person("a", "Sam", "AZ")].into();
        let clearances: HashMap<String, Vec<Clearance>> = until
            .map(|u| {
                (
                    "a".to_owned(),
                    vec![Clearance {
                        id: "c".to_owned(),
                        person_id: "a".to_owned(),
                        prescriber: "Dr. Okafor".to_owned(),
                        organisation: String::new(),
                        cleared_on: "2026-06-01".parse().unwrap(),
                        valid_until: u.parse().unwrap(),
                        setting: ClearanceSetting::InOfficeIm,
                    }],
                )
            })
            .into_iter()
            .collect();
        let sessions = [s("d", Dosing, "2026-12-01T17:00")];
        let found = clearance_before_dosing(
            &sessions,
            &persons,
            &clearances,
            at("2026-11-25T12:00"),
            &phoenix,
        );
        assert_eq!(found.len(), expected);
        if let Some(w) = found.first() {
            assert!(w.message.starts_with("Sam"), "{}", w.message);
        }
        let past = clearance_before_dosing(
            &sessions,
            &persons,
            &clearances,
            at("2026-12-02T12:00"),
            &phoenix,
        );
        assert!(past.is_empty(), "a dosing already past is not warned about");
    }

    #[rstest]
    #[case::licensed_home_state(Setting::TelehealthHome, "AZ", 0)]
    #[case::second_license(Setting::HomeVirtualMonitoring, "wi", 0)]
    #[case::unlicensed_telehealth(Setting::TelehealthElsewhere, "IL", 1)]
    #[case::unlicensed_but_in_office(Setting::Office, "IL", 0)]
    #[case::state_unknown(Setting::TelehealthHome, "", 1)]
    fn licensure(#[case] setting: Setting, #[case] state: &str, #[case] expected: usize) {
        let persons: HashMap<_, _> = [person("a", "Jordan", state)].into();
        let mut session = s("t", SessionKind::CouplesSession, "2026-12-01T17:00");
        session.setting = setting;
        let found = unlicensed_state(
            &[session],
            &persons,
            &["AZ".to_owned(), "WI".to_owned()],
            at("2026-11-25T12:00"),
            &phoenix,
        );
        assert_eq!(found.len(), expected, "{found:?}");
    }
}
