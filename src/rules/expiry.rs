//! When a clearance or a consent runs out, said one way everywhere: the chart, the gates and
//! the dashboard count the days left alike, so they never disagree by one.

use chrono::NaiveDate;

/// Days a record is still good for, counting today: one that holds until today has 1 day left,
/// one that held until yesterday has 0.
pub fn days_left(until: NaiveDate, today: NaiveDate) -> i64 {
    (until - today).num_days() + 1
}

/// "ends on 2026-12-01 (7 days left)", "ends today", or "expired on 2026-11-20".
pub fn ends(until: NaiveDate, today: NaiveDate) -> String {
    match days_left(until, today) {
        left if left <= 0 => format!("expired on {until}"),
        1 => "ends today".to_owned(),
        left => format!("ends on {until} ({left} days left)"),
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[rstest]
    #[case("2026-12-01", 7, "ends on 2026-12-01 (7 days left)")]
    #[case("2026-11-26", 2, "ends on 2026-11-26 (2 days left)")]
    #[case("2026-11-25", 1, "ends today")]
    #[case("2026-11-24", 0, "expired on 2026-11-24")]
    #[case("2026-10-01", -54, "expired on 2026-10-01")]
    fn counts_today_as_a_day_left(#[case] until: &str, #[case] left: i64, #[case] words: &str) {
        let today = d("2026-11-25");
        assert_eq!(
            days_left(d(until), today),
            left,
            "today counts: a clearance until today still holds today"
        );
        assert_eq!(
            ends(d(until), today),
            words,
            "the chart and the dashboard say it alike"
        );
    }
}
