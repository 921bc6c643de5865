//! The NPI check-digit rule, as a case table.

use attune::rules::identifiers::npi_problem;
use rstest::rstest;

#[rstest]
// Valid: the examples in DOMAIN.md and CMS's worked example.
#[case::cms_example("1234567893", None)]
#[case::domain_example("1558598797", None)]
#[case::starts_with_2("2000000002", None)]
// Wrong check digit: one digit off, two digits swapped.
#[case::last_digit_off("1234567890", Some("does not match"))]
#[case::transposed("1234567839", Some("does not match"))]
#[case::domain_example_typo("1558598798", Some("does not match"))]
// Wrong shape.
#[case::starts_with_3("3234567893", Some("starts with 1 or 2"))]
#[case::starts_with_0("0123456789", Some("starts with 1 or 2"))]
#[case::nine_digits("123456789", Some("this has 9"))]
#[case::eleven_digits("12345678931", Some("this has 11"))]
#[case::letters("12345678a3", Some("9 digits and 1 other"))]
#[case::dashes("123-456-7893", Some("10 digits and 2 other"))]
#[case::empty("", Some("this has 0"))]
#[case::arabic_indic_digits("١٢٣٤٥٦٧٨٩٣", Some("exactly 10 digits"))]
fn npi_cases(#[case] npi: &str, #[case] problem: Option<&str>) {
    let found = npi_problem(npi);
    match (problem, &found) {
        (None, None) => {}
        (Some(expected), Some(message)) => assert!(
            message.contains(expected),
            "{npi:?}: expected a problem containing {expected:?}, got {message:?}"
        ),
        _ => panic!("{npi:?}: expected {problem:?}, got {found:?}"),
    }
}
