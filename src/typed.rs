//! What a person types: dates and amounts, read by one parser for the window and the command
//! line. A refusal is a sentence that names the field and says what is wrong, so a date of
//! birth of 2026-02-30 is never saved as blank and a payment of $9,999,999 is never recorded
//! without her saying so.

use chrono::{Datelike, NaiveDate};

use crate::billing::Cents;
use crate::error::{Error, Result};

/// The most one payment may be without her confirming it: above this, a slip of the keyboard
/// (an extra zero or two) is far likelier than a real payment for couples therapy.
pub const LARGE_PAYMENT: Cents = Cents::dollars(50_000);

/// The years a typed date may fall in. Dates outside them are typing slips ("0226", "20266").
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// The words for a date field, as the therapist reads it in a sentence. Fields not named here
/// are called "the date".
const DATE_FIELDS: &[(&str, &str)] = &[
    ("date_of_birth", "date of birth"),
    ("scheduled_at", "session date"),
    ("session_date", "session date"),
    ("received_on", "payment date"),
    ("bought_on", "purchase date"),
    ("start_date", "start date"),
    ("signed_on", "date signed"),
    ("expires_on", "expiry date"),
    ("cleared_on", "clearance date"),
    ("valid_until", "date the clearance is valid until"),
    ("taken_on", "screening date"),
    ("screened_on", "screening date"),
    ("given_on", "date given"),
    ("from", "first date"),
    ("to", "last date"),
];

/// The words for a date field ("date of birth").
pub fn date_label(field: &str) -> &'static str {
    DATE_FIELDS
        .iter()
        .find(|(key, _)| *key == field)
        .map_or("date", |(_, label)| label)
}

/// Reads a date she typed into `field`: `YYYY-MM-DD`, or the US `MM/DD/YYYY`. Blank is `None`
/// (whether the field may be blank is the form's rule, not the parser's).
///
/// # Errors
/// [`Error::Invalid`] naming `field`: text that is not written as a date, a month that does not
/// exist, a day the month does not have ("February 2026 has 28 days"), or a year outside
/// 1900–2100.
pub fn date(field: &str, text: &str) -> Result<Option<NaiveDate>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let label = date_label(field);
    let (year, month, day) = parts(text).ok_or_else(|| {
        Error::invalid(
            field,
            format!("The {label} “{text}” is not a date: write it as YYYY-MM-DD (for example 2026-03-31) or MM/DD/YYYY."),
        )
    })?;
    if !YEARS.contains(&year) {
        return Err(Error::invalid(
            field,
            format!(
                "The {label} {text} is in the year {year}; Attune takes years from {} to {}.",
                YEARS.start(),
                YEARS.end()
            ),
        ));
    }
    let Some(first) = (1..=12)
        .contains(&month)
        .then(|| NaiveDate::from_ymd_opt(year, month, 1))
        .flatten()
    else {
        return Err(Error::invalid(
            field,
            format!("The {label} {text} is not a date: there is no month {month}."),
        ));
    };
    NaiveDate::from_ymd_opt(year, month, day)
        .filter(|_| day >= 1)
        .map(Some)
        .ok_or_else(|| {
            Error::invalid(
                field,
                format!(
                    "The {label} {text} is not a day on the calendar: {} has {} days.",
                    first.format("%B %Y"),
                    days_in(first)
                ),
            )
        })
}

/// Reads a date that may not be blank.
///
/// # Errors
/// As [`date`], and [`Error::Invalid`] when it is blank.
pub fn required_date(field: &str, text: &str) -> Result<NaiveDate> {
    date(field, text)?.ok_or_else(|| {
        Error::invalid(
            field,
            format!(
                "The {} is missing: write it as YYYY-MM-DD.",
                date_label(field)
            ),
        )
    })
}

/// Year, month and day as written, in either accepted order; `None` when it is not written
/// as a date at all.
fn parts(text: &str) -> Option<(i32, u32, u32)> {
    let numbers = |separator: char| -> Option<Vec<&str>> {
        let pieces: Vec<&str> = text.split(separator).collect();
        let digits =
            |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
        (pieces.len() == 3 && pieces.iter().all(digits)).then_some(pieces)
    };
    if let Some(p) = numbers('-') {
        return (p[0].len() == 4 && p[1].len() <= 2 && p[2].len() <= 2)
            .then(|| Some((p[0].parse().ok()?, p[1].parse().ok()?, p[2].parse().ok()?)))
            .flatten();
    }
    let p = numbers('/')?;
    (p[2].len() == 4 && p[0].len() <= 2 && p[1].len() <= 2)
        .then(|| Some((p[2].parse().ok()?, p[0].parse().ok()?, p[1].parse().ok()?)))
        .flatten()
}

fn days_in(first: NaiveDate) -> u32 {
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.map_or(31, |n| n.signed_duration_since(first).num_days() as u32)
}

/// Whether she has confirmed an amount above the sanity bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Large {
    /// Not yet: an amount above the bound is sent back for confirmation.
    Ask,
    /// She has seen the amount and said it is right.
    Confirmed,
}

/// Checks one payment's amount against [`LARGE_PAYMENT`].
///
/// # Errors
/// [`Error::NeedsConfirmation`] naming `field` when the amount is above the bound and she has
/// not confirmed it.
pub fn check_payment_amount(field: &str, amount: Cents, large: Large) -> Result<()> {
    if amount > LARGE_PAYMENT && large == Large::Ask {
        return Err(Error::NeedsConfirmation {
            field: field.to_owned(),
            message: format!(
                "{amount} is more than {LARGE_PAYMENT} for one payment. Check the amount; if it is right, confirm it to record it."
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("2026-03-31", Some((2026, 3, 31)))]
    #[case("2024-02-29", Some((2024, 2, 29)))]
    #[case("  2026-3-1 ", Some((2026, 3, 1)))]
    #[case("03/31/2026", Some((2026, 3, 31)))]
    #[case("3/1/2026", Some((2026, 3, 1)))]
    #[case("", None)]
    #[case("   ", None)]
    fn reads_what_a_person_writes(#[case] text: &str, #[case] want: Option<(i32, u32, u32)>) {
        let want = want.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(
            date("date_of_birth", text).unwrap(),
            want,
            "{text:?} is a date written in an accepted way (or blank)"
        );
    }

    #[rstest]
    #[case(
        "date_of_birth",
        "2026-02-30",
        "The date of birth 2026-02-30 is not a day on the calendar: February 2026 has 28 days."
    )]
    #[case(
        "received_on",
        "2024-02-30",
        "The payment date 2024-02-30 is not a day on the calendar: February 2024 has 29 days."
    )]
    #[case(
        "scheduled_at",
        "2026-02-30",
        "The session date 2026-02-30 is not a day on the calendar: February 2026 has 28 days."
    )]
    #[case(
        "scheduled_at",
        "2026-04-31",
        "The session date 2026-04-31 is not a day on the calendar: April 2026 has 30 days."
    )]
    #[case(
        "received_on",
        "2026-12-00",
        "The payment date 2026-12-00 is not a day on the calendar: December 2026 has 31 days."
    )]
    #[case(
        "date_of_birth",
        "2026-13-01",
        "The date of birth 2026-13-01 is not a date: there is no month 13."
    )]
    #[case(
        "date_of_birth",
        "0226-01-01",
        "The date of birth 0226-01-01 is in the year 226; Attune takes years from 1900 to 2100."
    )]
    #[case("date_of_birth", "tomorrow", "The date of birth “tomorrow” is not a date: write it as YYYY-MM-DD (for example 2026-03-31) or MM/DD/YYYY.")]
    #[case("bought_on", "2026-02-3x", "The purchase date “2026-02-3x” is not a date: write it as YYYY-MM-DD (for example 2026-03-31) or MM/DD/YYYY.")]
    #[case(
        "something",
        "31/12/2026",
        "The date 31/12/2026 is not a date: there is no month 31."
    )]
    fn refuses_with_a_sentence_naming_the_field(
        #[case] field: &str,
        #[case] text: &str,
        #[case] sentence: &str,
    ) {
        let err = date(field, text).expect_err("an impossible date is never read as a date");
        assert_eq!(
            err.to_string(),
            sentence,
            "the refusal names the field and what is wrong"
        );
        assert!(
            matches!(&err, Error::Invalid { field: f, .. } if f == field),
            "the form shows the sentence beside the field it names"
        );
    }

    #[test]
    fn a_required_date_may_not_be_blank() {
        let err = required_date("received_on", " ").expect_err("a payment has a date");
        assert!(err.to_string().contains("payment date is missing"), "{err}");
    }

    #[rstest]
    #[case(Cents::dollars(50_000), Large::Ask, true)]
    #[case(Cents(5_000_001), Large::Ask, false)]
    #[case(Cents::dollars(9_999_999), Large::Ask, false)]
    #[case(Cents::dollars(9_999_999), Large::Confirmed, true)]
    #[case(Cents::dollars(250), Large::Ask, true)]
    fn a_large_payment_asks_first(#[case] amount: Cents, #[case] large: Large, #[case] ok: bool) {
        let result = check_payment_amount("amount", amount, large);
        assert_eq!(
            result.is_ok(),
            ok,
            "{amount} with {large:?}: up to $50,000 passes; above it only once confirmed"
        );
        if let Err(e) = result {
            assert_eq!(
                e.code(),
                crate::ErrorCode::Confirm,
                "the window asks instead of refusing"
            );
            assert!(
                e.to_string()
                    .starts_with(&format!("{amount} is more than $50,000.00")),
                "{e}"
            );
        }
    }
}
