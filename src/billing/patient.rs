//! **Whose superbill**: the identified patient of a session and their diagnoses on its date.
//! An individual session is its person's; a joint session is the partner she named, else the
//! first partner present with a diagnosis, else the first partner with one; nobody when no
//! partner has a diagnosis (receipts, not superbills).

use chrono::NaiveDate;

use crate::model::Diagnosis;

/// Diagnoses made by `date`, primary first, then by date.
pub fn diagnoses_on(diagnoses: &[Diagnosis], date: NaiveDate) -> Vec<&str> {
    let mut made: Vec<&Diagnosis> = diagnoses
        .iter()
        .filter(|d| d.diagnosed_on <= date)
        .collect();
    made.sort_by_key(|d| (!d.primary, d.diagnosed_on));
    made.into_iter().map(|d| d.code.as_str()).collect()
}

/// Who a session's people are, as the identified-patient rule sees them.
#[derive(Debug, Clone, Copy)]
pub struct People<'a> {
    /// The person of an individual session.
    pub person: Option<&'a str>,
    /// The relationship's partners, in order, for a joint session.
    pub partners: &'a [String],
    /// Who attended.
    pub attendees: &'a [String],
    /// The partner she named as the identified patient.
    pub chosen: Option<&'a str>,
}

/// The identified patient of a session whose people are `people`, given who has a
/// diagnosis on its date.
pub fn identified_patient<'a>(
    people: People<'a>,
    has_diagnosis: impl Fn(&str) -> bool,
) -> Option<&'a str> {
    if let Some(person) = people.person {
        return Some(person);
    }
    if people.partners.is_empty() {
        return None;
    }
    people.chosen.or_else(|| {
        people
            .attendees
            .iter()
            .chain(people.partners)
            .map(String::as_str)
            .find(|p| has_diagnosis(p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn s(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|&i| i.to_owned()).collect()
    }

    #[rstest]
    #[case::individual_is_the_person(Some("p"), &[], &[], None, &[], Some("p"))]
    #[case::named_by_her(None, &["a", "b"], &["a", "b"], Some("b"), &["a"], Some("b"))]
    #[case::first_present_with_dx(None, &["a", "b"], &["b"], None, &["a", "b"], Some("b"))]
    #[case::a_partner_with_dx_though_absent(None, &["a", "b"], &["b"], None, &["a"], Some("a"))]
    #[case::nobody_with_dx(None, &["a", "b"], &["a", "b"], None, &[], None)]
    #[case::no_relationship(None, &[], &["a"], None, &["a"], None)]
    fn whose_superbill(
        #[case] person: Option<&str>,
        #[case] partners: &[&str],
        #[case] attendees: &[&str],
        #[case] chosen: Option<&str>,
        #[case] with_dx: &[&str],
        #[case] expected: Option<&str>,
    ) {
        let (partners, attendees) = (s(partners), s(attendees));
        let people = People {
            person,
            partners: &partners,
            attendees: &attendees,
            chosen,
        };
        assert_eq!(
            identified_patient(people, |p| with_dx.contains(&p)),
            expected,
            "the identified patient follows her choice, then presence, then the partners"
        );
    }

    #[test]
    fn diagnoses_are_those_made_by_the_date_primary_first() {
        let dx = |code: &str, day: u32, primary: bool| Diagnosis {
            id: code.into(),
            person_id: "p".into(),
            code: code.into(),
            diagnosed_on: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            primary,
        };
        let all = [
            dx("Z63.0", 1, false),
            dx("F43.23", 2, true),
            dx("F41.1", 9, false),
        ];
        let on = |day| diagnoses_on(&all, NaiveDate::from_ymd_opt(2026, 3, day).unwrap());
        assert_eq!(
            on(5),
            ["F43.23", "Z63.0"],
            "primary first, later ones not yet made"
        );
        assert!(on(1).contains(&"Z63.0") && on(1).len() == 1);
    }
}
