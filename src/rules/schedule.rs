//! Her schedule's rules: when two sessions clash, and when the integration after a dosing is
//! proposed. Pure functions over loaded sessions; each rule has a name, a reason and a case table.
//!
//! She practises alone, so any two sessions that overlap clash (she cannot be in both). The
//! sentence says more when the same person is booked in both, in two different relationships.
//! A dosing keeps her until its observation time after the dose has passed, even when its
//! planned length is shorter: the dose is planned at the session's start.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use serde::Serialize;
use ts_rs::TS;

use crate::model::{ScheduleSettings, Session, SessionKind, SessionStatus};
use crate::zone::Zone;

/// How long after the dose she stays with the clients, unless Settings say otherwise.
pub const OBSERVATION_MINUTES: u32 = 120;

/// The rules, for the screen that explains them.
pub const RULES: &[(&str, &str)] = &[
    (
        "no_double_booking",
        "She sees one session at a time: a session may not overlap another (ends that touch do not overlap).",
    ),
    (
        "observation_after_dose",
        "A dosing keeps her until the observation time after the dose has passed (2 hours unless Settings say otherwise).",
    ),
    (
        "integration_proposed",
        "After a dosing, an integration session is proposed one day later at the same time of day, or two; on a day she does not work, the next day she does.",
    ),
];

/// Why two sessions clash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Clash {
    /// The session already booked.
    pub session_id: String,
    /// The people booked in both (in different relationships); empty when only her time clashes.
    pub people: Vec<String>,
}

/// When a session holds her: from its start to its planned end, or for a dosing to the end of
/// its observation time if that is later.
pub fn busy(s: &Session, observation_minutes: u32) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = s.scheduled_at;
    let mut end = start + Duration::minutes(i64::from(s.planned_minutes));
    if s.kind == SessionKind::Dosing {
        end = end.max(start + Duration::minutes(i64::from(observation_minutes)));
    }
    (start, end)
}

fn counts(s: &Session) -> bool {
    matches!(
        s.status,
        SessionStatus::Scheduled | SessionStatus::InProgress | SessionStatus::Completed
    )
}

/// The sessions among `booked` that `candidate` would overlap (itself, and cancelled or missed
/// sessions, never).
pub fn clashes(candidate: &Session, booked: &[Session], observation_minutes: u32) -> Vec<Clash> {
    let (start, end) = busy(candidate, observation_minutes);
    booked
        .iter()
        .filter(|other| other.id != candidate.id && counts(other))
        .filter(|other| {
            let (other_start, other_end) = busy(other, observation_minutes);
            start < other_end && other_start < end
        })
        .map(|other| Clash {
            session_id: other.id.clone(),
            people: if other.unit_id == candidate.unit_id && other.person_id == candidate.person_id
            {
                Vec::new()
            } else {
                candidate
                    .attendees
                    .iter()
                    .filter(|p| other.attendees.contains(p))
                    .cloned()
                    .collect()
            },
        })
        .collect()
}

/// The integration proposed after a dosing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Proposal {
    /// When, at the dosing's time of day in the practice's zone.
    pub at: DateTime<Utc>,
    /// Its day, in the practice's zone.
    pub day: NaiveDate,
    /// Days after the dosing's day.
    #[ts(type = "number")]
    pub days_after: i64,
    /// Later than the two days the protocol asks (no working day came sooner): say so.
    pub late: bool,
    /// Its planned length, from Settings.
    pub minutes: u32,
}

/// The integration to propose after `dosing`: one day later at the same local time, else two,
/// else the next day she works (then marked late). The local time is kept across a clock change.
pub fn propose_integration(dosing: &Session, zone: Zone, schedule: &ScheduleSettings) -> Proposal {
    let works_on = |day: Weekday| schedule.works_on(day);
    let local = zone.local(dosing.scheduled_at);
    let first = (1..=14)
        .map(|days| (days, local.date() + Duration::days(days)))
        .find(|(_, day)| works_on(day.weekday()))
        .unwrap_or((1, local.date() + Duration::days(1)));
    let (days_after, day) = first;
    Proposal {
        at: zone.instant(day.and_time(local.time())),
        day,
        days_after,
        late: days_after > super::agenda::INTEGRATION_WITHIN_DAYS,
        minutes: schedule.integration_minutes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Setting;

    fn session(
        id: &str,
        unit: &str,
        kind: SessionKind,
        at: &str,
        minutes: u32,
        people: &[&str],
    ) -> Session {
        Session {
            id: id.into(),
            unit_id: Some(unit.into()),
            person_id: None,
            kind,
            scheduled_at: at.parse().unwrap(),
            planned_minutes: minutes,
            setting: Setting::Office,
            attendees: people.iter().map(|p| (*p).to_owned()).collect(),
            status: SessionStatus::Scheduled,
            mode: None,
            dosing_partners: Vec::new(),
            supporters: String::new(),
            transport: String::new(),
            gate_override: None,
            called_off: None,
        }
    }

    /// A session already booked at 16:00: kind, relationship, minutes, attendees.
    type Booked<'a> = (SessionKind, &'a str, u32, &'a [&'a str]);
    /// The one being booked: relationship, kind, start, minutes, attendees.
    type Candidate<'a> = (&'a str, SessionKind, &'a str, u32, &'a [&'a str]);

    /// Overlaps: (case, the booked session, the candidate, clashes?, people named).
    #[test]
    fn overlaps() {
        use SessionKind::{CouplesSession as C, Dosing as D, Integration as I};
        let booked_at = "2026-12-07T16:00:00Z";
        #[rustfmt::skip]
        let cases: &[(&str, Booked<'_>, Candidate<'_>, bool, &[&str])] = &[
            ("ends touching: 16:00–16:50, then 16:50", (C, "u1", 50, &["a", "b"]), ("u2", C, "2026-12-07T16:50:00Z", 50, &["c", "d"]), false, &[]),
            ("starts touching: 15:10–16:00, then 16:00", (C, "u1", 50, &["a", "b"]), ("u2", C, "2026-12-07T15:10:00Z", 50, &["c", "d"]), false, &[]),
            ("one minute over", (C, "u1", 50, &["a", "b"]), ("u2", C, "2026-12-07T16:49:00Z", 50, &["c", "d"]), true, &[]),
            ("inside it", (C, "u1", 90, &["a", "b"]), ("u2", C, "2026-12-07T16:30:00Z", 20, &["c", "d"]), true, &[]),
            ("around it", (C, "u1", 30, &["a", "b"]), ("u2", C, "2026-12-07T15:30:00Z", 120, &["c", "d"]), true, &[]),
            ("a 90-minute dosing still holds her until 18:00 (observation)", (D, "u1", 90, &["a", "b"]), ("u2", C, "2026-12-07T17:45:00Z", 50, &["c", "d"]), true, &[]),
            ("after the dosing's observation, free", (D, "u1", 90, &["a", "b"]), ("u2", C, "2026-12-07T18:00:00Z", 50, &["c", "d"]), false, &[]),
            ("a 180-minute dosing ends after its observation", (D, "u1", 180, &["a", "b"]), ("u2", C, "2026-12-07T18:30:00Z", 50, &["c", "d"]), true, &[]),
            ("a person in two relationships at once", (C, "u1", 50, &["a", "b"]), ("u2", I, "2026-12-07T16:20:00Z", 50, &["b", "c"]), true, &["b"]),
            ("the same relationship twice at the same hour", (C, "u1", 50, &["a", "b"]), ("u1", C, "2026-12-07T16:00:00Z", 50, &["a", "b"]), true, &[]),
        ];
        for (
            case,
            (kind, unit, minutes, people),
            (c_unit, c_kind, c_at, c_minutes, c_people),
            clash,
            named,
        ) in cases
        {
            let booked = session("booked", unit, *kind, booked_at, *minutes, people);
            let candidate = session("new", c_unit, *c_kind, c_at, *c_minutes, c_people);
            let found = clashes(
                &candidate,
                std::slice::from_ref(&booked),
                OBSERVATION_MINUTES,
            );
            assert_eq!(!found.is_empty(), *clash, "{case}: clash or not");
            if let Some(c) = found.first() {
                assert_eq!(
                    c.people,
                    named.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>(),
                    "{case}: who is booked twice"
                );
            }
        }
    }

    /// A session never clashes with itself (moving it), nor with one cancelled or missed.
    #[test]
    fn itself_and_cancelled_sessions_never_clash() {
        let at = "2026-12-07T16:00:00Z";
        let booked = session("s1", "u1", SessionKind::CouplesSession, at, 50, &["a"]);
        assert!(
            clashes(&booked, std::slice::from_ref(&booked), OBSERVATION_MINUTES).is_empty(),
            "moving a session within its own hour"
        );
        for status in [SessionStatus::Cancelled, SessionStatus::NoShow] {
            let gone = Session {
                status,
                ..session("s2", "u2", SessionKind::CouplesSession, at, 50, &["c"])
            };
            assert!(
                clashes(&booked, &[gone], OBSERVATION_MINUTES).is_empty(),
                "{status:?} frees the hour"
            );
        }
    }

    /// The proposal: (case, dosing's local start, zone, proposed local day and time, days after, late).
    #[test]
    fn integration_proposals() {
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str, i64, bool)] = &[
            ("a Tuesday dosing: Wednesday, same hour", "2026-12-08T10:00:00", "America/Phoenix", "2026-12-09T10:00:00", 1, false),
            ("a Thursday dosing: Friday", "2026-12-10T10:00:00", "America/Phoenix", "2026-12-11T10:00:00", 1, false),
            ("a Friday dosing: not the weekend, Monday, and late", "2026-12-11T10:00:00", "America/Phoenix", "2026-12-14T10:00:00", 3, true),
            ("a Saturday dosing: Monday, within two days", "2026-12-12T10:00:00", "America/Phoenix", "2026-12-14T10:00:00", 2, false),
            ("across the spring clock change: still 10:00 local", "2026-03-06T10:00:00", "America/New_York", "2026-03-09T10:00:00", 3, true),
            ("across the autumn clock change: still 10:00 local", "2026-10-31T10:00:00", "America/New_York", "2026-11-02T10:00:00", 2, false),
            ("late evening dosing in Auckland", "2026-12-08T19:30:00", "Pacific/Auckland", "2026-12-09T19:30:00", 1, false),
        ];
        for (case, local_start, tz, expected, days, late) in cases {
            proposed(
                case,
                local_start,
                tz,
                &ScheduleSettings::default(),
                expected,
                *days,
                *late,
            );
        }
    }

    /// (case, working days, the dosing's local start, the proposal, days after, late).
    type WeekCase<'a> = (
        &'a str,
        &'a [crate::model::Weekday],
        &'a str,
        &'a str,
        i64,
        bool,
    );

    /// Her working week and the integration's length come from Settings: (case, working days,
    /// the dosing's local start, the proposal, days after, late).
    #[test]
    fn the_proposal_follows_her_working_week() {
        use crate::model::Weekday::{Friday, Monday, Saturday, Thursday, Tuesday};
        #[rustfmt::skip]
        let cases: &[WeekCase<'_>] = &[
            ("she works Saturdays: a Friday dosing, Saturday", &[Monday, Tuesday, Thursday, Friday, Saturday], "2026-12-11T10:00:00", "2026-12-12T10:00:00", 1, false),
            ("she never works Wednesdays: a Tuesday dosing, Thursday", &[Monday, Tuesday, Thursday, Friday], "2026-12-08T10:00:00", "2026-12-10T10:00:00", 2, false),
            ("Mondays only: a Tuesday dosing waits six days, late", &[Monday], "2026-12-08T10:00:00", "2026-12-14T10:00:00", 6, true),
        ];
        for (case, days, local_start, expected, after, late) in cases {
            let schedule = ScheduleSettings {
                working_days: days.to_vec(),
                integration_minutes: 90,
                ..ScheduleSettings::default()
            };
            let p = proposed(
                case,
                local_start,
                "America/Phoenix",
                &schedule,
                expected,
                *after,
                *late,
            );
            assert_eq!(p.minutes, 90, "{case}: the integration's length is hers");
        }
    }

    fn proposed(
        case: &str,
        local_start: &str,
        tz: &str,
        schedule: &ScheduleSettings,
        expected: &str,
        days: i64,
        late: bool,
    ) -> Proposal {
        {
            let zone = Zone::Named(tz.parse().unwrap());
            let start = zone.instant(local_start.parse().unwrap());
            let dosing = session(
                "d",
                "u1",
                SessionKind::Dosing,
                &start.to_rfc3339(),
                120,
                &["a", "b"],
            );
            let p = propose_integration(&dosing, zone, schedule);
            assert_eq!(
                zone.local(p.at).to_string(),
                expected.replace('T', " "),
                "{case}: the proposed local time"
            );
            assert_eq!(
                (p.days_after, p.late),
                (days, late),
                "{case}: days after, and whether it is late"
            );
            p
        }
    }
}
