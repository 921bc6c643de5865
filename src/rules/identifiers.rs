//! Checks of the identifiers a payer validates on a claim: NPI, EIN, state codes, taxonomy.

/// US states, DC and the territories, by postal abbreviation.
pub const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "PR", "VI", "GU", "AS", "MP",
];

/// **NPI check digit.** An NPI is 10 digits starting with 1 or 2, and its last digit is the
/// Luhn check digit computed over "80840" followed by the first nine (the ISO prefix for US
/// health identifiers). Payers reject a claim whose NPI fails this check, so a typo is caught
/// here rather than weeks later. Returns why `npi` is not valid, or `None`.
pub fn npi_problem(npi: &str) -> Option<String> {
    let digits: Vec<u32> = npi.chars().filter_map(|c| c.to_digit(10)).collect();
    if npi.chars().count() != 10 || digits.len() != 10 {
        return Some(format!(
            "An NPI has exactly 10 digits; this has {}.",
            describe_length(npi)
        ));
    }
    if !matches!(digits[0], 1 | 2) {
        return Some("An NPI starts with 1 or 2.".to_owned());
    }
    let payload = [8, 0, 8, 4, 0].iter().chain(&digits[..9]);
    if luhn_check_digit(payload.copied()) != digits[9] {
        return Some(
            "This NPI's last digit does not match the others: check it for a typo \
             against the NPPES registry."
                .to_owned(),
        );
    }
    None
}

fn describe_length(text: &str) -> String {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let others = text.chars().count() - digits;
    match (digits, others) {
        (d, 0) => format!("{d}"),
        (d, o) => format!("{d} digits and {o} other characters"),
    }
}

/// The Luhn check digit for `digits` (most significant first).
fn luhn_check_digit(digits: impl DoubleEndedIterator<Item = u32>) -> u32 {
    let sum: u32 = digits
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 0 {
                let doubled = d * 2;
                doubled / 10 + doubled % 10
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// **EIN format.** An Employer Identification Number is nine digits written `NN-NNNNNNN`.
pub fn ein_problem(ein: &str) -> Option<String> {
    let bytes = ein.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[2] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 2 || b.is_ascii_digit());
    (!shaped).then(|| "An EIN is nine digits written like 12-3456789.".to_owned())
}

/// **State code.** A two-letter US postal abbreviation.
pub fn state_problem(state: &str) -> Option<String> {
    (!US_STATES.contains(&state))
        .then(|| format!("\"{state}\" is not a US state abbreviation (for example AZ or WI)."))
}

/// **Taxonomy code shape.** Ten characters: three digits, six letters or digits, then X
/// (LMFT: 101YM0800X).
pub fn taxonomy_problem(code: &str) -> Option<String> {
    let b = code.as_bytes();
    let shaped = b.len() == 10
        && b[..3].iter().all(u8::is_ascii_digit)
        && b[3..9].iter().all(u8::is_ascii_alphanumeric)
        && b[9] == b'X';
    (!shaped).then(|| {
        "A taxonomy code has 10 characters ending in X; for an LMFT it is 101YM0800X.".to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_matches_the_published_npi_example() {
        // CMS's worked example: 123456789 → check digit 3.
        assert_eq!(
            luhn_check_digit([8, 0, 8, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9].into_iter()),
            3
        );
    }

    #[test]
    fn ein_and_taxonomy_cases() {
        assert_eq!(ein_problem("12-3456789"), None);
        for bad in ["123456789", "12-345678", "1a-3456789", "12 3456789", ""] {
            assert!(ein_problem(bad).is_some(), "{bad:?} is not an EIN");
        }
        assert_eq!(taxonomy_problem("101YM0800X"), None);
        for bad in ["101YM0800", "101ym0800x", "A01YM0800X", "101YM0800Y"] {
            assert!(
                taxonomy_problem(bad).is_some(),
                "{bad:?} is not a taxonomy code"
            );
        }
        assert_eq!(state_problem("AZ"), None);
        assert!(state_problem("Arizona").is_some());
    }
}
