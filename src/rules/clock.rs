//! A session's clock, derived from its timestamped events alone, so it survives a crash, a
//! restart and a sleeping laptop: elapsed time runs from the start to the end (or now), and
//! psychotherapy time is that minus the pauses.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::model::{ClockEvent, ClockEventKind};

/// Where the clock is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Not started.
    NotStarted,
    /// Running.
    Running,
    /// In a pause.
    Paused,
    /// Ended.
    Ended,
}

/// The clock as of a moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClockState {
    /// Where it is.
    pub phase: Phase,
    /// When it started.
    pub started_at: Option<DateTime<Utc>>,
    /// When it ended.
    pub ended_at: Option<DateTime<Utc>>,
    /// When the current pause began, while paused.
    pub paused_since: Option<DateTime<Utc>>,
    /// Seconds from the start to the end, or to now.
    #[ts(type = "number")]
    pub elapsed_seconds: i64,
    /// Seconds in pauses.
    #[ts(type = "number")]
    pub paused_seconds: i64,
    /// Psychotherapy seconds: elapsed minus paused.
    #[ts(type = "number")]
    pub therapy_seconds: i64,
}

impl ClockState {
    /// Whole psychotherapy minutes, as billing counts them.
    pub fn therapy_minutes(&self) -> u32 {
        u32::try_from(self.therapy_seconds / 60).unwrap_or(u32::MAX)
    }
}

/// The clock of `events` (in any order) as of `now`.
pub fn state(events: &[ClockEvent], now: DateTime<Utc>) -> ClockState {
    let mut sorted: Vec<&ClockEvent> = events.iter().filter(|e| !e.kind.is_mark()).collect();
    sorted.sort_by_key(|e| e.at);
    let mut phase = Phase::NotStarted;
    let (mut started_at, mut ended_at, mut paused_since) = (None, None, None);
    let mut paused_seconds = 0;
    for e in sorted {
        match (phase, e.kind) {
            (Phase::NotStarted, ClockEventKind::Start) => {
                phase = Phase::Running;
                started_at = Some(e.at);
            }
            (Phase::Running, ClockEventKind::Pause) => {
                phase = Phase::Paused;
                paused_since = Some(e.at);
            }
            (Phase::Paused, ClockEventKind::Resume) => {
                phase = Phase::Running;
                paused_seconds += seconds_between(paused_since.take(), e.at);
            }
            (Phase::Running | Phase::Paused, ClockEventKind::End) => {
                paused_seconds += seconds_between(paused_since.take(), e.at);
                phase = Phase::Ended;
                ended_at = Some(e.at);
            }
            // The store refuses events out of turn; one that got here anyway changes nothing.
            _ => {}
        }
    }
    let until = ended_at.unwrap_or(now);
    let elapsed_seconds = seconds_between(started_at, until);
    if phase == Phase::Paused {
        paused_seconds += seconds_between(paused_since, now);
    }
    let paused_seconds = paused_seconds.min(elapsed_seconds);
    ClockState {
        phase,
        started_at,
        ended_at,
        paused_since,
        elapsed_seconds,
        paused_seconds,
        therapy_seconds: elapsed_seconds - paused_seconds,
    }
}

/// A dosing's monitored span and the psychotherapy after it (DOMAIN.md, 0820T).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Monitoring {
    /// From the start to the last partner's discharge, or to the end (or now) without one;
    /// monitoring goes on through pauses.
    pub monitored_seconds: i64,
    /// Psychotherapy seconds after the last discharge, pauses excluded.
    pub after_seconds: i64,
}

impl Monitoring {
    /// Whole minutes monitored.
    pub fn monitored_minutes(&self) -> u32 {
        u32::try_from(self.monitored_seconds / 60).unwrap_or(u32::MAX)
    }

    /// Whole minutes of psychotherapy after the last discharge.
    pub fn after_minutes(&self) -> u32 {
        u32::try_from(self.after_seconds / 60).unwrap_or(u32::MAX)
    }
}

/// The monitored span of `events` as of `now`: the session's clock split at the last
/// discharge mark (a mark before the start or after the end counts at that edge).
pub fn monitoring(events: &[ClockEvent], now: DateTime<Utc>) -> Monitoring {
    let whole = state(events, now);
    let Some(start) = whole.started_at else {
        return Monitoring::default();
    };
    let until = whole.ended_at.unwrap_or(now).max(start);
    let discharged = events
        .iter()
        .filter(|e| e.kind == ClockEventKind::Discharge)
        .map(|e| e.at)
        .max()
        .map(|at| at.clamp(start, until));
    let Some(discharged) = discharged else {
        return Monitoring {
            monitored_seconds: whole.elapsed_seconds,
            after_seconds: 0,
        };
    };
    let before: Vec<ClockEvent> = events
        .iter()
        .filter(|e| e.at <= discharged)
        .cloned()
        .collect();
    let until_discharge = state(&before, discharged);
    Monitoring {
        monitored_seconds: seconds_between(Some(start), discharged),
        after_seconds: (whole.therapy_seconds - until_discharge.therapy_seconds).max(0),
    }
}

fn seconds_between(from: Option<DateTime<Utc>>, to: DateTime<Utc>) -> i64 {
    from.map_or(0, |f| (to - f).num_seconds().max(0))
}

/// Whether `kind` (for `person`, when a mark) may be recorded next; if not, why, in words.
pub fn refusal(
    events: &[ClockEvent],
    kind: ClockEventKind,
    person: Option<&str>,
    now: DateTime<Utc>,
) -> Option<String> {
    let phase = state(events, now).phase;
    let said = |s: &str| Some(s.to_owned());
    if kind.is_mark() {
        if person.is_none() {
            return said("Say whose mark it is.");
        }
        if phase == Phase::NotStarted {
            return said("Start the session before marking it.");
        }
        let again = kind != ClockEventKind::DoseGiven
            && events
                .iter()
                .any(|e| e.kind == kind && e.person_id.as_deref() == person);
        return again.then(|| "That mark is already recorded for this partner.".to_owned());
    }
    match (phase, kind) {
        (Phase::NotStarted, ClockEventKind::Start)
        | (Phase::Running, ClockEventKind::Pause)
        | (Phase::Paused, ClockEventKind::Resume)
        | (Phase::Running | Phase::Paused, ClockEventKind::End) => None,
        (Phase::Ended, _) => said("The session has ended."),
        (Phase::NotStarted, _) => said("The session has not started yet."),
        (_, ClockEventKind::Start) => said("The session has already started."),
        (Phase::Running, _) => said("The session is running, not paused."),
        (Phase::Paused, _) => said("The session is paused: resume it first."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn at(hm: &str) -> DateTime<Utc> {
        format!("2026-11-25T{hm}:00Z").parse().unwrap()
    }

    fn events(list: &[(&str, ClockEventKind)]) -> Vec<ClockEvent> {
        list.iter()
            .enumerate()
            .map(|(i, (hm, kind))| ClockEvent {
                id: i.to_string(),
                session_id: "s".to_owned(),
                kind: *kind,
                person_id: None,
                at: at(hm),
            })
            .collect()
    }

    use ClockEventKind::{End, Pause, Resume, Start};

    #[rstest]
    #[case::not_started(&[], "10:30", Phase::NotStarted, 0, 0)]
    #[case::running(&[("10:00", Start)], "10:30", Phase::Running, 30, 30)]
    #[case::paused_now(&[("10:00", Start), ("10:20", Pause)], "10:30", Phase::Paused, 30, 20)]
    #[case::resumed(&[("10:00", Start), ("10:20", Pause), ("10:25", Resume)], "10:45", Phase::Running, 45, 40)]
    #[case::ended(&[("10:00", Start), ("11:34", End)], "15:00", Phase::Ended, 94, 94)]
    #[case::ended_while_paused(&[("10:00", Start), ("10:50", Pause), ("11:00", End)], "12:00", Phase::Ended, 60, 50)]
    #[case::out_of_order_input(&[("10:25", Resume), ("10:00", Start), ("10:20", Pause)], "10:45", Phase::Running, 45, 40)]
    #[case::sleeping_laptop_counts(&[("10:00", Start)], "12:00", Phase::Running, 120, 120)]
    #[case::duplicate_start_ignored(&[("10:00", Start), ("10:10", Start)], "10:30", Phase::Running, 30, 30)]
    fn clock_cases(
        #[case] list: &[(&str, ClockEventKind)],
        #[case] now: &str,
        #[case] phase: Phase,
        #[case] elapsed_min: i64,
        #[case] therapy_min: i64,
    ) {
        let s = state(&events(list), at(now));
        assert_eq!(s.phase, phase);
        assert_eq!(s.elapsed_seconds, elapsed_min * 60);
        assert_eq!(s.therapy_seconds, therapy_min * 60);
    }

    #[rstest]
    #[case::start_fresh(&[], Start, true)]
    #[case::pause_before_start(&[], Pause, false)]
    #[case::start_twice(&[("10:00", Start)], Start, false)]
    #[case::pause_running(&[("10:00", Start)], Pause, true)]
    #[case::resume_running(&[("10:00", Start)], Resume, false)]
    #[case::pause_paused(&[("10:00", Start), ("10:05", Pause)], Pause, false)]
    #[case::resume_paused(&[("10:00", Start), ("10:05", Pause)], Resume, true)]
    #[case::end_paused(&[("10:00", Start), ("10:05", Pause)], End, true)]
    #[case::end_ended(&[("10:00", Start), ("10:05", End)], End, false)]
    fn transitions(
        #[case] list: &[(&str, ClockEventKind)],
        #[case] next: ClockEventKind,
        #[case] allowed: bool,
    ) {
        assert_eq!(
            refusal(&events(list), next, None, at("11:00")).is_none(),
            allowed
        );
    }

    #[rstest]
    #[case::no_discharge(&[("10:00", Start), ("12:45", End)], None, 165, 0)]
    #[case::discharged_then_talk(&[("10:00", Start), ("13:00", End)], Some("12:30"), 150, 30)]
    #[case::pause_after_discharge(&[("10:00", Start), ("12:40", Pause), ("12:50", Resume), ("13:00", End)], Some("12:30"), 150, 20)]
    #[case::discharge_after_end_is_the_end(&[("10:00", Start), ("11:30", End)], Some("11:45"), 90, 0)]
    #[case::not_started(&[], Some("10:00"), 0, 0)]
    fn monitoring_cases(
        #[case] list: &[(&str, ClockEventKind)],
        #[case] discharge: Option<&str>,
        #[case] monitored_min: i64,
        #[case] after_min: i64,
    ) {
        let mut all = events(list);
        all.extend(discharge.map(|hm| ClockEvent {
            id: "d".to_owned(),
            session_id: "s".to_owned(),
            kind: ClockEventKind::Discharge,
            person_id: Some("a".to_owned()),
            at: at(hm),
        }));
        let m = monitoring(&all, at("15:00"));
        assert_eq!(
            (m.monitored_seconds, m.after_seconds),
            (monitored_min * 60, after_min * 60),
            "monitoring runs to the last discharge; psychotherapy after it is its own"
        );
    }

    #[test]
    fn marks_need_a_started_session_a_person_and_come_once_except_doses() {
        let started = events(&[("10:00", Start)]);
        let now = at("10:30");
        assert!(refusal(&[], ClockEventKind::Onset, Some("a"), now).is_some());
        assert!(refusal(&started, ClockEventKind::Onset, None, now).is_some());
        assert!(refusal(&started, ClockEventKind::Onset, Some("a"), now).is_none());
        let mut marked = started.clone();
        for kind in [ClockEventKind::Onset, ClockEventKind::DoseGiven] {
            marked.push(ClockEvent {
                id: "m".to_owned(),
                session_id: "s".to_owned(),
                kind,
                person_id: Some("a".to_owned()),
                at: at("10:10"),
            });
        }
        assert!(refusal(&marked, ClockEventKind::Onset, Some("a"), now).is_some());
        assert!(refusal(&marked, ClockEventKind::Onset, Some("b"), now).is_none());
        assert!(
            refusal(&marked, ClockEventKind::DoseGiven, Some("a"), now).is_none(),
            "a second dose (a booster) can be given"
        );
    }
}
