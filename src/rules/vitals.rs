//! Vital signs during a dosing: readings outside the ranges set in Settings are flagged, and the
//! next reading is due every N minutes from the start of the session.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::model::{VitalRanges, Vitals};

/// A reading outside its range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VitalFlag {
    /// Which measurement.
    pub field: &'static str,
    /// The sentence.
    pub message: String,
}

/// The flags of one reading.
pub fn flags(v: &Vitals, r: &VitalRanges) -> Vec<VitalFlag> {
    let mut out = Vec::new();
    let mut flag = |field, message: String| out.push(VitalFlag { field, message });
    if v.systolic > r.systolic_max || v.diastolic > r.diastolic_max {
        flag(
            "blood_pressure",
            format!(
                "Blood pressure {}/{} is above {}/{}.",
                v.systolic, v.diastolic, r.systolic_max, r.diastolic_max
            ),
        );
    }
    if v.heart_rate < r.heart_rate_min {
        flag(
            "heart_rate",
            format!("Heart rate {} is below {}.", v.heart_rate, r.heart_rate_min),
        );
    } else if v.heart_rate > r.heart_rate_max {
        flag(
            "heart_rate",
            format!("Heart rate {} is above {}.", v.heart_rate, r.heart_rate_max),
        );
    }
    if v.spo2 < r.spo2_min {
        flag(
            "spo2",
            format!("Oxygen saturation {}% is below {}%.", v.spo2, r.spo2_min),
        );
    }
    out
}

/// When the next reading of a partner is due: `every_minutes` after their last one, or after
/// the start when there is none yet.
pub fn next_due(
    started_at: DateTime<Utc>,
    last_reading: Option<DateTime<Utc>>,
    r: &VitalRanges,
) -> DateTime<Utc> {
    last_reading.unwrap_or(started_at) + Duration::minutes(i64::from(r.every_minutes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn reading(sys: u16, dia: u16, hr: u16, spo2: u8) -> Vitals {
        Vitals {
            id: "v".to_owned(),
            session_id: "s".to_owned(),
            person_id: "a".to_owned(),
            taken_at: "2026-11-25T17:00:00Z".parse().unwrap(),
            systolic: sys,
            diastolic: dia,
            heart_rate: hr,
            spo2,
            resp_rate: None,
            temperature_c: None,
        }
    }

    #[rstest]
    #[case::normal(120, 80, 70, 98, &[])]
    #[case::systolic_at_limit(160, 80, 70, 98, &[])]
    #[case::systolic_over(161, 80, 70, 98, &["blood_pressure"])]
    #[case::diastolic_over(130, 101, 70, 98, &["blood_pressure"])]
    #[case::heart_rate_at_min(120, 80, 50, 98, &[])]
    #[case::heart_rate_low(120, 80, 49, 98, &["heart_rate"])]
    #[case::heart_rate_high(120, 80, 121, 98, &["heart_rate"])]
    #[case::spo2_at_min(120, 80, 70, 92, &[])]
    #[case::spo2_low(120, 80, 70, 91, &["spo2"])]
    #[case::several(170, 105, 130, 90, &["blood_pressure", "heart_rate", "spo2"])]
    fn flag_cases(
        #[case] sys: u16,
        #[case] dia: u16,
        #[case] hr: u16,
        #[case] spo2: u8,
        #[case] expected: &[&str],
    ) {
        let got: Vec<&str> = flags(&reading(sys, dia, hr, spo2), &VitalRanges::default())
            .iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn due_every_interval_from_the_last_reading_or_the_start() {
        let start: DateTime<Utc> = "2026-11-25T17:00:00Z".parse().unwrap();
        let r = VitalRanges::default();
        assert_eq!(next_due(start, None, &r), start + Duration::minutes(15));
        let last = start + Duration::minutes(40);
        assert_eq!(
            next_due(start, Some(last), &r),
            start + Duration::minutes(55)
        );
    }
}
