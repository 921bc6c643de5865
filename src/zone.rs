//! The practice's time zone: instants are stored in UTC and turned into calendar dates here,
//! in the zone set in Settings (or this computer's when none is set).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::model::Settings;

/// A time zone to read dates in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// A named zone ("America/Phoenix").
    Named(Tz),
    /// This computer's zone.
    Local,
}

impl Zone {
    /// The zone of these settings.
    pub fn of(settings: &Settings) -> Zone {
        settings
            .time_zone
            .parse::<Tz>()
            .map_or(Zone::Local, Zone::Named)
    }

    /// The calendar date of an instant in this zone.
    pub fn date_of(self, at: DateTime<Utc>) -> NaiveDate {
        match self {
            Zone::Named(tz) => at.with_timezone(&tz).date_naive(),
            Zone::Local => at.with_timezone(&chrono::Local).date_naive(),
        }
    }

    /// The wall-clock time of an instant in this zone.
    pub fn local(self, at: DateTime<Utc>) -> chrono::NaiveDateTime {
        match self {
            Zone::Named(tz) => at.with_timezone(&tz).naive_local(),
            Zone::Local => at.with_timezone(&chrono::Local).naive_local(),
        }
    }

    /// An instant as RFC 3339 with this zone's offset at that moment ("2026-12-07T09:00:00-07:00").
    pub fn offset_time(self, at: DateTime<Utc>) -> String {
        let format = |t: chrono::DateTime<chrono::FixedOffset>| {
            t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        };
        match self {
            Zone::Named(tz) => format(at.with_timezone(&tz).fixed_offset()),
            Zone::Local => format(at.with_timezone(&chrono::Local).fixed_offset()),
        }
    }

    /// The instant this wall-clock time happens in this zone: the earlier of two when the clocks
    /// go back, and an hour later when they skip it going forward.
    pub fn instant(self, local: chrono::NaiveDateTime) -> DateTime<Utc> {
        use chrono::TimeZone;
        fn at<T: TimeZone>(tz: &T, local: chrono::NaiveDateTime) -> DateTime<Utc> {
            [local, local + chrono::Duration::hours(1)]
                .into_iter()
                .find_map(|t| tz.from_local_datetime(&t).earliest())
                .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
        }
        match self {
            Zone::Named(tz) => at(&tz, local),
            Zone::Local => at(&chrono::Local, local),
        }
    }

    /// The instant a calendar day begins in this zone (where a clock change skips midnight,
    /// the first instant of the day that exists).
    pub fn start_of(self, day: NaiveDate) -> DateTime<Utc> {
        use chrono::TimeZone;
        fn first<T: TimeZone>(tz: &T, day: NaiveDate) -> DateTime<Utc> {
            (0..24)
                .find_map(|h| {
                    tz.from_local_datetime(&day.and_hms_opt(h, 0, 0)?)
                        .earliest()
                        .map(|t| t.with_timezone(&Utc))
                })
                .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN).and_utc())
        }
        match self {
            Zone::Named(tz) => first(&tz, day),
            Zone::Local => first(&chrono::Local, day),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_starts_at_local_midnight() {
        let phoenix = Zone::Named("America/Phoenix".parse().unwrap());
        let day: NaiveDate = "2026-11-26".parse().unwrap();
        assert_eq!(
            phoenix.start_of(day).to_rfc3339(),
            "2026-11-26T07:00:00+00:00"
        );
        // Santiago skips midnight when summer time starts (2026-09-06): the day starts at 01:00.
        let santiago = Zone::Named("America/Santiago".parse().unwrap());
        let start = santiago.start_of("2026-09-06".parse().unwrap());
        assert_eq!(
            santiago.date_of(start),
            "2026-09-06".parse::<NaiveDate>().unwrap()
        );
        assert_eq!(
            santiago.date_of(start - chrono::Duration::seconds(1)),
            "2026-09-05".parse::<NaiveDate>().unwrap()
        );
    }

    #[test]
    fn an_evening_in_phoenix_is_the_next_day_in_utc() {
        let settings = Settings {
            time_zone: "America/Phoenix".to_owned(),
            ..Settings::default()
        };
        let evening: DateTime<Utc> = "2026-11-26T03:30:00Z".parse().unwrap();
        assert_eq!(
            Zone::of(&settings).date_of(evening),
            "2026-11-25".parse().unwrap()
        );
        let chicago = Zone::Named("America/Chicago".parse().unwrap());
        // Chicago keeps daylight saving time; Phoenix does not: in July they differ by two hours.
        let july: DateTime<Utc> = "2026-07-01T04:30:00Z".parse().unwrap();
        assert_eq!(chicago.date_of(july), "2026-06-30".parse().unwrap());
        assert_eq!(
            Zone::of(&settings).date_of(july),
            "2026-06-30".parse().unwrap()
        );
    }
}
