//! Releases of information: where each stands on a day, and who a session report may name.
//!
//! Rule `release_covers`: a person's information goes to a recipient only under a release of
//! that person, to that recipient, in force on the day, covering that kind of information
//! (45 CFR 164.508). A partner without one is left out of a report entirely.

use chrono::NaiveDate;

use super::expiry;
use super::safety::EXPIRING_WITHIN_DAYS;
use crate::model::{Covered, Release, ReleaseState};

/// The rule's reason, as the therapist reads it beside a refusal.
pub const RELEASE_COVERS_REASON: &str = "Information about a client goes outside the practice \
     only under that client's own current release to that recipient, covering that kind of \
     information.";

/// Where `release` stands on `today`.
pub fn state(release: &Release, today: NaiveDate) -> ReleaseState {
    if release.revoked_on.is_some_and(|d| d <= today) {
        ReleaseState::Revoked
    } else if today < release.valid_from {
        ReleaseState::NotYet
    } else {
        match expiry::days_left(release.valid_until, today) {
            left if left <= 0 => ReleaseState::Expired,
            left if left <= EXPIRING_WITHIN_DAYS => ReleaseState::Expiring,
            _ => ReleaseState::Current,
        }
    }
}

/// The release under which `person_id`'s `kind` may go to `recipient_id` on `today`: of those
/// in force that cover it, the one that lasts longest.
pub fn covering<'a>(
    releases: &'a [Release],
    person_id: &str,
    recipient_id: &str,
    kind: Covered,
    today: NaiveDate,
) -> Option<&'a Release> {
    releases
        .iter()
        .filter(|r| r.person_id == person_id && r.recipient_id == recipient_id)
        .filter(|r| r.covers.contains(&kind))
        .filter(|r| {
            matches!(
                state(r, today),
                ReleaseState::Current | ReleaseState::Expiring
            )
        })
        .max_by_key(|r| r.valid_until)
}

/// Why `name`'s `kind` may not go to `recipient` on `today`, in one sentence.
pub fn why_not(
    releases: &[Release],
    (person_id, name): (&str, &str),
    (recipient_id, recipient): (&str, &str),
    kind: Covered,
    today: NaiveDate,
) -> String {
    let theirs: Vec<&Release> = releases
        .iter()
        .filter(|r| r.person_id == person_id && r.recipient_id == recipient_id)
        .collect();
    let latest = theirs.iter().max_by_key(|r| (r.valid_until, r.valid_from));
    let Some(latest) = latest else {
        return format!("{name} has no release of information to {recipient} on file.");
    };
    if !theirs.iter().any(|r| r.covers.contains(&kind)) {
        return format!(
            "{name}'s release to {recipient} does not cover {}.",
            kind.label()
        );
    }
    match state(latest, today) {
        ReleaseState::Revoked => format!(
            "{name} revoked the release to {recipient} on {}.",
            latest.revoked_on.unwrap_or(today)
        ),
        ReleaseState::NotYet => format!(
            "{name}'s release to {recipient} is not in force until {}.",
            latest.valid_from
        ),
        _ => format!(
            "{name}'s release to {recipient} expired on {}.",
            latest.valid_until
        ),
    }
}

/// Who a report to one recipient names, each with the release it goes under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Covering {
    /// The person's id.
    pub person_id: String,
    /// The release's id.
    pub release_id: String,
}

/// Who a session report to `recipient` may name: `asked` (every one of them must be covered),
/// or, when she names no one, every attendee who is covered. A sentence when no one may be
/// named, or when someone she named may not be.
pub fn report_scope(
    attendees: &[(&str, &str)],
    asked: &[String],
    releases: &[Release],
    recipient: (&str, &str),
    today: NaiveDate,
) -> Result<Vec<Covering>, String> {
    let kind = Covered::SessionReports;
    let mut named = Vec::new();
    for id in asked {
        let Some(&(id, name)) = attendees.iter().find(|(a, _)| a == id) else {
            return Err(format!(
                "The person with the id {id} did not attend this session."
            ));
        };
        named.push((id, name));
    }
    let explicit = !named.is_empty();
    if !explicit {
        named = attendees.to_vec();
    }
    let mut scope = Vec::new();
    let mut refused = Vec::new();
    for &(id, name) in &named {
        match covering(releases, id, recipient.0, kind, today) {
            Some(r) => scope.push(Covering {
                person_id: id.to_owned(),
                release_id: r.id.clone(),
            }),
            None => refused.push(why_not(releases, (id, name), recipient, kind, today)),
        }
    }
    if explicit && !refused.is_empty() {
        return Err(format!(
            "The report cannot name everyone asked for: {}",
            refused.join(" ")
        ));
    }
    if scope.is_empty() {
        return Err(format!(
            "No one in this session has a current release to {} covering session reports: {}",
            recipient.1,
            refused.join(" ")
        ));
    }
    Ok(scope)
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn release(person: &str, covers: &[Covered], until: &str, revoked: Option<&str>) -> Release {
        Release {
            id: format!("rel-{person}"),
            person_id: person.to_owned(),
            recipient_id: "dr".to_owned(),
            covers: covers.to_vec(),
            purpose: String::new(),
            valid_from: d("2026-01-01"),
            valid_until: d(until),
            revoked_on: revoked.map(d),
        }
    }

    #[rstest]
    #[case::current("2027-06-30", None, "2026-11-01", ReleaseState::Current)]
    #[case::thirty_days_left("2026-11-30", None, "2026-11-01", ReleaseState::Expiring)]
    #[case::last_day("2026-11-01", None, "2026-11-01", ReleaseState::Expiring)]
    #[case::day_after("2026-10-31", None, "2026-11-01", ReleaseState::Expired)]
    #[case::before_it_starts("2027-06-30", None, "2025-12-31", ReleaseState::NotYet)]
    #[case::revoked_today("2027-06-30", Some("2026-11-01"), "2026-11-01", ReleaseState::Revoked)]
    #[case::revoked_later("2027-06-30", Some("2026-12-01"), "2026-11-01", ReleaseState::Current)]
    fn a_release_stands(
        #[case] until: &str,
        #[case] revoked: Option<&str>,
        #[case] today: &str,
        #[case] expected: ReleaseState,
    ) {
        let r = release("a", &[Covered::SessionReports], until, revoked);
        assert_eq!(
            state(&r, d(today)),
            expected,
            "the chart, the report and the dashboard read a release's state alike"
        );
    }

    fn scope(asked: &[&str], releases: &[Release]) -> Result<Vec<String>, String> {
        let attendees = [("a", "Alex"), ("j", "Jordan")];
        let asked: Vec<String> = asked.iter().map(|s| (*s).to_owned()).collect();
        report_scope(
            &attendees,
            &asked,
            releases,
            ("dr", "Dr. Okafor"),
            d("2026-11-01"),
        )
        .map(|s| s.into_iter().map(|c| c.person_id).collect())
    }

    const SR: &[Covered] = &[Covered::SessionReports];

    #[rstest]
    #[case::both_covered(&[], vec![release("a", SR, "2027-01-01", None), release("j", SR, "2027-01-01", None)], Ok(vec!["a", "j"]))]
    #[case::one_left_out(&[], vec![release("a", SR, "2027-01-01", None), release("j", SR, "2026-10-01", None)], Ok(vec!["a"]))]
    #[case::named_and_covered(&["a"], vec![release("a", SR, "2027-01-01", None)], Ok(vec!["a"]))]
    #[case::named_without_release(&["a", "j"], vec![release("a", SR, "2027-01-01", None)], Err("The report cannot name everyone asked for: Jordan has no release of information to Dr. Okafor on file."))]
    #[case::expired(&["a"], vec![release("a", SR, "2026-10-01", None)], Err("The report cannot name everyone asked for: Alex's release to Dr. Okafor expired on 2026-10-01."))]
    #[case::revoked(&["a"], vec![release("a", SR, "2027-01-01", Some("2026-10-15"))], Err("The report cannot name everyone asked for: Alex revoked the release to Dr. Okafor on 2026-10-15."))]
    #[case::not_session_reports(&["a"], vec![release("a", &[Covered::Diagnoses], "2027-01-01", None)], Err("The report cannot name everyone asked for: Alex's release to Dr. Okafor does not cover session reports."))]
    #[case::no_one(&[], vec![], Err("No one in this session has a current release to Dr. Okafor covering session reports: Alex has no release of information to Dr. Okafor on file. Jordan has no release of information to Dr. Okafor on file."))]
    #[case::not_an_attendee(&["z"], vec![], Err("The person with the id z did not attend this session."))]
    fn who_a_report_names(
        #[case] asked: &[&str],
        #[case] releases: Vec<Release>,
        #[case] expected: Result<Vec<&str>, &str>,
    ) {
        let expected = expected
            .map(|v| v.into_iter().map(str::to_owned).collect())
            .map_err(str::to_owned);
        assert_eq!(
            scope(asked, &releases),
            expected,
            "a report names only partners covered today, and says who is not"
        );
    }

    #[test]
    fn another_recipients_release_covers_nothing_here() {
        let mut r = release("a", SR, "2027-01-01", None);
        r.recipient_id = "someone-else".to_owned();
        assert!(
            covering(&[r], "a", "dr", Covered::SessionReports, d("2026-11-01")).is_none(),
            "a release is to one named recipient only"
        );
    }
}
