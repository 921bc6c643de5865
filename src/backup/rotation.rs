//! Which automatic backups to keep: the newest of each of the last N days, weeks and months
//! (the scheme of borg and restic's `keep-daily/weekly/monthly`). Pure, so it is tested as a
//! table of cases; the caller deletes only files it wrote itself.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many backups to keep per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Policy {
    /// The newest backup of each of this many most recent days that have one (at least 1).
    pub daily: u32,
    /// … of weeks (ISO weeks).
    pub weekly: u32,
    /// … of calendar months.
    pub monthly: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

/// The period a backup falls in: (year, day / week / month number).
type PeriodOf = fn(&DateTime<Utc>) -> (i32, u32);

/// The indices (into `taken`) of the backups to keep. The newest backup is always kept.
pub fn keep(taken: &[DateTime<Utc>], policy: Policy) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    order.sort_by(|&a, &b| taken[b].cmp(&taken[a]));
    let mut kept = BTreeSet::new();
    if let Some(&newest) = order.first() {
        kept.insert(newest);
    }
    let periods: [(u32, PeriodOf); 3] = [
        (policy.daily, |t| (t.year(), t.ordinal())),
        (policy.weekly, |t| {
            let w = t.iso_week();
            (w.year(), w.week())
        }),
        (policy.monthly, |t| (t.year(), t.month())),
    ];
    for (count, period_of) in periods {
        let mut last = None;
        let mut seen = 0;
        for &i in &order {
            if seen >= count {
                break;
            }
            let period = period_of(&taken[i]);
            if last != Some(period) {
                // Newest first, so the first one met in a period is that period's newest.
                kept.insert(i);
                last = Some(period);
                seen += 1;
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    /// One backup a day at noon for `days` days ending on 2026-11-25 (a Wednesday).
    fn daily(days: i64) -> Vec<DateTime<Utc>> {
        (0..days)
            .map(|i| at(2026, 11, 25, 12) - Duration::days(i))
            .collect()
    }

    fn policy(daily: u32, weekly: u32, monthly: u32) -> Policy {
        Policy {
            daily,
            weekly,
            monthly,
        }
    }

    #[rstest::rstest]
    #[case::nothing_to_keep(vec![], policy(7, 4, 12), vec![])]
    #[case::single_backup_always_kept(daily(1), policy(1, 0, 0), vec![0])]
    #[case::ten_days_keep_seven(daily(10), policy(7, 0, 0), (0..7).collect())]
    #[case::same_day_keeps_the_newest(
        vec![at(2026, 11, 25, 9), at(2026, 11, 25, 17), at(2026, 11, 24, 9)],
        policy(7, 0, 0),
        vec![1, 2]
    )]
    #[case::weekly_reaches_past_the_daily(
        daily(30),
        policy(7, 4, 0),
        // 0..6 are the last 7 days (Nov 19-25); the weeks' newest are Nov 25 (0, this week),
        // Nov 22 (3, Sunday of the week before), Nov 15 (10) and Nov 8 (17).
        vec![0, 1, 2, 3, 4, 5, 6, 10, 17]
    )]
    #[case::monthly_over_two_years(
        daily(730),
        policy(1, 0, 12),
        // Today, and the last day of each of the 11 months before (newest in each month).
        vec![0, 25, 56, 86, 117, 148, 178, 209, 239, 270, 298, 329]
    )]
    fn keeps_the_newest_per_period(
        #[case] taken: Vec<DateTime<Utc>>,
        #[case] policy: Policy,
        #[case] expected: Vec<usize>,
    ) {
        let kept: Vec<usize> = keep(&taken, policy).into_iter().collect();
        assert_eq!(kept, expected, "kept the wrong backups");
    }

    #[test]
    fn order_of_the_input_does_not_matter() {
        let mut taken = daily(40);
        let expected: BTreeSet<DateTime<Utc>> = keep(&taken, Policy::default())
            .into_iter()
            .map(|i| taken[i])
            .collect();
        taken.reverse();
        let shuffled: BTreeSet<DateTime<Utc>> = keep(&taken, Policy::default())
            .into_iter()
            .map(|i| taken[i])
            .collect();
        assert_eq!(
            expected, shuffled,
            "the same backups are kept whatever the order"
        );
    }
}
