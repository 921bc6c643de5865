//! Which fields of a practice profile are filled in wrongly. Missing fields are allowed here
//! (the profile may be filled in over time); the superbill rules refuse to issue without them.

use super::identifiers::{ein_problem, npi_problem, state_problem, taxonomy_problem};
use crate::model::{FieldProblem, PracticeProfile, Settings};

/// A named check of one field's text: why it is wrong, or `None`.
type FieldCheck = fn(&str) -> Option<String>;

/// Every problem with the (normalized) profile's filled-in fields.
pub fn profile_problems(profile: &PracticeProfile) -> Vec<FieldProblem> {
    let p = profile.normalized();
    let checks: [(&str, &str, FieldCheck); 5] = [
        ("npi", &p.npi, npi_problem),
        ("ein", &p.ein, ein_problem),
        ("license_state", &p.license_state, state_problem),
        ("state", &p.state, state_problem),
        ("taxonomy_code", &p.taxonomy_code, taxonomy_problem),
    ];
    let mut problems: Vec<FieldProblem> = checks
        .into_iter()
        .filter(|(_, value, _)| !value.is_empty())
        .filter_map(|(field, value, check)| {
            check(value).map(|message| FieldProblem {
                field: field.to_owned(),
                message,
            })
        })
        .collect();
    let too_long = [
        ("provider_name", &p.provider_name),
        ("credentials", &p.credentials),
        ("license_number", &p.license_number),
        ("address_line1", &p.address_line1),
        ("address_line2", &p.address_line2),
        ("city", &p.city),
        ("postal_code", &p.postal_code),
        ("phone", &p.phone),
    ];
    problems.extend(
        too_long
            .into_iter()
            .filter(|(_, value)| value.chars().count() > 200)
            .map(|(field, _)| FieldProblem {
                field: field.to_owned(),
                message: "This is longer than any form has room for (200 characters).".to_owned(),
            }),
    );
    problems
}

/// Every problem with the settings; the message is a sentence for the field.
pub fn settings_problems(settings: &Settings) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    let mut problem = |field: &str, message: String| {
        out.push(FieldProblem {
            field: field.to_owned(),
            message,
        });
    };
    if !(1..=240).contains(&settings.auto_lock_minutes) {
        problem(
            "auto_lock_minutes",
            "Auto-lock can be set from 1 to 240 minutes.".to_owned(),
        );
    }
    if !settings.time_zone.is_empty() && settings.time_zone.parse::<chrono_tz::Tz>().is_err() {
        problem(
            "time_zone",
            format!(
                "\"{}\" is not a time zone name (for example America/Phoenix).",
                settings.time_zone
            ),
        );
    }
    if let Some(message) = settings
        .licensed_states
        .iter()
        .find_map(|s| state_problem(s))
    {
        problem("licensed_states", message);
    }
    let v = &settings.vitals;
    if !(1..=120).contains(&v.every_minutes) {
        problem(
            "vitals.every_minutes",
            "Vitals can be due every 1 to 120 minutes.".to_owned(),
        );
    }
    if v.heart_rate_min >= v.heart_rate_max {
        problem(
            "vitals.heart_rate_min",
            "The lowest heart rate must be below the highest.".to_owned(),
        );
    }
    if !(50..=100).contains(&v.spo2_min) {
        problem(
            "vitals.spo2_min",
            "The lowest oxygen saturation is a percentage from 50 to 100.".to_owned(),
        );
    }
    let s = &settings.schedule;
    if s.working_days.is_empty() {
        problem(
            "schedule.working_days",
            "Choose at least one day you see clients: integrations are proposed on those days."
                .to_owned(),
        );
    }
    if s.observation_minutes > 480 {
        problem(
            "schedule.observation_minutes",
            "The observation after a dose can be from 0 to 480 minutes (8 hours).".to_owned(),
        );
    }
    if !(15..=240).contains(&s.integration_minutes) {
        problem(
            "schedule.integration_minutes",
            "An integration session can be planned from 15 to 240 minutes.".to_owned(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::defaults(|_: &mut Settings| {}, None)]
    #[case::auto_lock_zero(|s: &mut Settings| s.auto_lock_minutes = 0, Some("auto_lock_minutes"))]
    #[case::phoenix(|s: &mut Settings| s.time_zone = "America/Phoenix".to_owned(), None)]
    #[case::made_up_zone(|s: &mut Settings| s.time_zone = "Mars/Olympus".to_owned(), Some("time_zone"))]
    #[case::second_license(|s: &mut Settings| s.licensed_states = vec!["WI".to_owned()], None)]
    #[case::bad_license_state(|s: &mut Settings| s.licensed_states = vec!["XX".to_owned()], Some("licensed_states"))]
    #[case::vitals_every_zero(|s: &mut Settings| s.vitals.every_minutes = 0, Some("vitals.every_minutes"))]
    #[case::heart_rates_crossed(|s: &mut Settings| s.vitals.heart_rate_min = 130, Some("vitals.heart_rate_min"))]
    #[case::spo2_over_100(|s: &mut Settings| s.vitals.spo2_min = 101, Some("vitals.spo2_min"))]
    #[case::no_working_day(|s: &mut Settings| s.schedule.working_days.clear(), Some("schedule.working_days"))]
    #[case::weekends_only(|s: &mut Settings| s.schedule.working_days = vec![crate::model::Weekday::Saturday, crate::model::Weekday::Sunday], None)]
    #[case::no_observation(|s: &mut Settings| s.schedule.observation_minutes = 0, None)]
    #[case::observation_over_a_working_day(|s: &mut Settings| s.schedule.observation_minutes = 481, Some("schedule.observation_minutes"))]
    #[case::integration_too_short(|s: &mut Settings| s.schedule.integration_minutes = 10, Some("schedule.integration_minutes"))]
    #[case::integration_four_hours(|s: &mut Settings| s.schedule.integration_minutes = 240, None)]
    fn settings_cases(#[case] change: fn(&mut Settings), #[case] field: Option<&str>) {
        let mut s = Settings::default();
        change(&mut s);
        let problems = settings_problems(&s);
        assert_eq!(
            problems.first().map(|p| p.field.as_str()),
            field,
            "{problems:?}"
        );
    }
}
