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
}

#[cfg(test)]
mod tests {
    use super::*;

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
