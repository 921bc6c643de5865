//! The dashboard on a generated ten-year practice (400 persons, 25,000 sessions): the attention
//! list is exactly the seeded cases, safety first; today and this week are days in the
//! practice's zone; an override leaves the list once its follow-up is recorded.

mod common;

use attune::demo::scale;
use attune::model::{Session, SessionKind, SessionStatus, Setting};
use attune::store::dashboard::{self, Go};
use attune::store::sessions;
use attune::vault::Vault;
use chrono::{DateTime, Utc};
use common::*;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// Wednesday 25 November 2026, 12:00 in Phoenix.
const NOW: &str = "2026-11-25T19:00:00Z";

fn practice() -> (tempfile::TempDir, Vault, scale::Seeded) {
    let (tmp, _dir, mut vault) = new_vault();
    let seeded = scale::ten_year_practice(&mut vault, t(NOW)).unwrap();
    (tmp, vault, seeded)
}

fn listed(vault: &Vault, now: &str) -> Vec<(&'static str, String)> {
    dashboard::dashboard(vault, t(now))
        .unwrap()
        .attention
        .into_iter()
        .flat_map(|g| g.items)
        .map(|i| (i.concern, i.message))
        .collect()
}

#[test]
fn the_attention_list_is_exactly_the_seeded_cases() {
    let (_tmp, mut vault, seeded) = practice();
    assert!(
        seeded.sessions >= scale::SESSIONS,
        "{} sessions",
        seeded.sessions
    );
    let items = listed(&vault, NOW);
    for (concern, words) in &seeded.expected {
        let hits: Vec<_> = items
            .iter()
            .filter(|(c, m)| c == concern && m.contains(words.as_str()))
            .collect();
        assert_eq!(hits.len(), 1, "{concern}: {words:?} in {items:#?}");
    }
    assert_eq!(items.len(), seeded.expected.len(), "{items:#?}");
    // Safety first, in the order of the rules' table.
    let order: Vec<&str> = items.iter().map(|(c, _)| *c).collect();
    assert_eq!(order[..2], ["self_harm", "open_override"]);
    let positions: Vec<usize> = order
        .iter()
        .map(|c| {
            attune::rules::attention::CONCERNS
                .iter()
                .position(|k| k.code == *c)
                .unwrap()
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] <= w[1]), "{order:?}");

    // The backup was taken now: nothing to say; eight days on, it is amber.
    let board = dashboard::dashboard(&vault, t(NOW)).unwrap();
    assert!(!board.backup.stale);
    assert!(
        !board.attention.iter().any(|g| g.concern.code == "backup"),
        "a current backup is no item"
    );
    let later = dashboard::dashboard(&vault, t("2026-12-03T19:00:00Z")).unwrap();
    let backup = later
        .attention
        .iter()
        .find(|g| g.concern.code == "backup")
        .unwrap();
    assert_eq!(backup.items[0].go, Go::Backups);
    assert!(
        backup.items[0].message.contains("8 days ago"),
        "{:?}",
        backup.items[0]
    );

    // Recording the override's follow-up takes it off the list.
    let group = board
        .attention
        .iter()
        .find(|g| g.concern.code == "open_override")
        .unwrap();
    let Go::Session { session_id } = &group.items[0].go else {
        panic!("an override goes to its session: {:?}", group.items[0].go)
    };
    let s = sessions::record_override_follow_up(&mut vault, session_id, t(NOW)).unwrap();
    assert_eq!(s.gate_override.unwrap().followed_up_at, Some(t(NOW)));
    assert!(!listed(&vault, NOW)
        .iter()
        .any(|(c, _)| *c == "open_override"));
    let again = sessions::record_override_follow_up(&mut vault, session_id, t(NOW)).unwrap_err();
    assert!(again.to_string().contains("already recorded"), "{again}");
}

#[test]
fn today_and_this_week_are_days_in_the_practice_zone() {
    let (_tmp, mut vault, _) = practice();
    let book = |vault: &mut Vault, at: &str| {
        sessions::save_session(
            vault,
            &Session {
                id: String::new(),
                unit_id: Some("unit-000".into()),
                person_id: None,
                kind: SessionKind::CouplesSession,
                scheduled_at: t(at),
                planned_minutes: 50,
                setting: Setting::Office,
                attendees: vec!["person-000".into(), "person-001".into()],
                status: SessionStatus::Scheduled,
                mode: None,
                dosing_partners: Vec::new(),
                supporters: String::new(),
                transport: String::new(),
                gate_override: None,
                called_off: None,
            },
        )
        .unwrap()
        .id
    };
    // 23:30 on Wednesday in Phoenix is Thursday in UTC; 23:30 on Tuesday is Wednesday in UTC.
    let late_today = book(&mut vault, "2026-11-26T06:30:00Z");
    let late_yesterday = book(&mut vault, "2026-11-25T06:30:00Z");
    let sunday = book(&mut vault, "2026-11-30T06:00:00Z"); // 23:00 Sunday 29th
    let next_monday = book(&mut vault, "2026-11-30T08:00:00Z"); // 01:00 Monday 30th
    let board = dashboard::dashboard(&vault, t(NOW)).unwrap();
    assert_eq!(board.today.to_string(), "2026-11-25");
    assert_eq!(board.week_from.to_string(), "2026-11-23");
    let ids = |list: &[attune::store::sessions::ListedSession]| -> Vec<String> {
        list.iter().map(|s| s.session.id.clone()).collect()
    };
    assert_eq!(
        ids(&board.today_sessions),
        std::slice::from_ref(&late_today)
    );
    let week = ids(&board.week_sessions);
    for id in [&late_today, &late_yesterday, &sunday] {
        assert!(week.contains(id), "{id} in this week");
    }
    assert!(!week.contains(&next_monday));
}
