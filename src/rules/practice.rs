//! Which fields of a practice profile are filled in wrongly. Missing fields are allowed here
//! (the profile may be filled in over time); the superbill rules refuse to issue without them.

use super::identifiers::{ein_problem, npi_problem, state_problem, taxonomy_problem};
use crate::model::{FieldProblem, PracticeProfile};

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
