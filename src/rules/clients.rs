//! Checks of a person and a unit before they are saved. Each returns the problems in plain
//! words, keyed by field.

use chrono::NaiveDate;

use super::identifiers::state_problem;
use crate::model::{FieldProblem, Person, Unit};

fn problem(field: &str, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// **Person.** A legal name; a date of birth in the past and after 1900; a state of residence
/// that is a US state; an email with an @.
pub fn person_problems(person: &Person, today: NaiveDate) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if person.legal_name.trim().is_empty() {
        problems.push(problem("legal_name", "Enter the person's legal name."));
    }
    if let Some(born) = person.date_of_birth {
        if born > today {
            problems.push(problem(
                "date_of_birth",
                format!("A date of birth of {born} is in the future."),
            ));
        } else if born < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(born) {
            problems.push(problem(
                "date_of_birth",
                format!("A date of birth of {born} is before 1900; check the year."),
            ));
        }
    }
    let state = person.state_of_residence.trim();
    if !state.is_empty() {
        if let Some(message) = state_problem(&state.to_ascii_uppercase()) {
            problems.push(problem("state_of_residence", message));
        }
    }
    let email = person.email.trim();
    if !email.is_empty() && !looks_like_email(email) {
        problems.push(problem(
            "email",
            format!("\"{email}\" is not an email address."),
        ));
    }
    problems
}

/// Something, an @, something: the rest is the mail server's business.
fn looks_like_email(email: &str) -> bool {
    email
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
}

/// **Unit.** A name, and two or more different partners: a relationship unit is never one
/// person.
pub fn unit_problems(unit: &Unit) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if unit.name.trim().is_empty() {
        problems.push(problem("name", "Give the relationship a name."));
    }
    let mut ids: Vec<&str> = unit.partners.iter().map(|p| p.person_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() != unit.partners.len() {
        problems.push(problem(
            "partners",
            "A person is listed twice among the partners.",
        ));
    } else if ids.len() < 2 {
        problems.push(problem(
            "partners",
            "A relationship needs at least two partners.",
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Partner, Structure, UnitStatus};

    fn person() -> Person {
        Person {
            id: "p".into(),
            legal_name: "Alex Rivera".into(),
            preferred_name: String::new(),
            pronouns: String::new(),
            date_of_birth: Some("1988-04-02".parse().unwrap()),
            address: String::new(),
            phone: String::new(),
            email: "alex@example.org".into(),
            state_of_residence: "az".into(),
            emergency_contact: String::new(),
            insurance_payer: String::new(),
            insurance_member_id: String::new(),
        }
    }

    #[rstest::rstest]
    #[case::fine(person(), vec![])]
    #[case::no_name(Person { legal_name: "  ".into(), ..person() }, vec!["legal_name"])]
    #[case::born_tomorrow(Person { date_of_birth: Some("2026-11-26".parse().unwrap()), ..person() }, vec!["date_of_birth"])]
    #[case::born_1899(Person { date_of_birth: Some("1899-12-31".parse().unwrap()), ..person() }, vec!["date_of_birth"])]
    #[case::not_a_state(Person { state_of_residence: "XX".into(), ..person() }, vec!["state_of_residence"])]
    #[case::bad_email(Person { email: "alex.example.org".into(), ..person() }, vec!["email"])]
    fn person_cases(#[case] p: Person, #[case] fields: Vec<&str>) {
        let today = "2026-11-25".parse().unwrap();
        let found: Vec<String> = person_problems(&p, today)
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(found, fields);
    }

    fn unit(partners: &[&str]) -> Unit {
        Unit {
            id: "u".into(),
            name: "Rivera–Chen".into(),
            structure: Structure::Couple,
            status: UnitStatus::Intake,
            start_date: None,
            goals: String::new(),
            partners: partners
                .iter()
                .map(|id| Partner {
                    person_id: (*id).into(),
                    attachment_notes: String::new(),
                })
                .collect(),
        }
    }

    #[rstest::rstest]
    #[case::couple(unit(&["a", "b"]), vec![])]
    #[case::polycule_of_five(unit(&["a", "b", "c", "d", "e"]), vec![])]
    #[case::alone(unit(&["a"]), vec!["partners"])]
    #[case::nobody(unit(&[]), vec!["partners"])]
    #[case::twice(unit(&["a", "a"]), vec!["partners"])]
    fn unit_cases(#[case] u: Unit, #[case] fields: Vec<&str>) {
        let found: Vec<String> = unit_problems(&u).into_iter().map(|f| f.field).collect();
        assert_eq!(found, fields);
    }
}
