//! Money as whole cents. Fees, package shares, payments and balances are integers so that
//! every sum on a superbill adds up to the cent; floating point never touches them.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount of US dollars in cents (may be negative for a credit).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    TS,
    JsonSchema,
)]
#[ts(type = "number")]
pub struct Cents(pub i64);

impl Cents {
    /// Nothing.
    pub const ZERO: Cents = Cents(0);

    /// Whole dollars.
    pub const fn dollars(dollars: i64) -> Cents {
        Cents(dollars * 100)
    }

    /// Reads "1,234.56", "$1234.5" or "950": at most two decimals, no sign.
    ///
    /// # Errors
    /// A sentence saying what an amount looks like.
    pub fn parse(text: &str) -> Result<Cents, String> {
        let bad = || format!("{text:?} is not an amount of dollars (for example 1,250.00).");
        let cleaned: String = text
            .trim()
            .trim_start_matches('$')
            .chars()
            .filter(|c| *c != ',')
            .collect();
        let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
        if whole.is_empty() && fraction.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !fraction.chars().all(|c| c.is_ascii_digit())
            || fraction.len() > 2
            || whole.len() > 12
        {
            return Err(bad());
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        let fraction: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().map_err(|_| bad())? * 10,
            _ => fraction.parse().map_err(|_| bad())?,
        };
        Ok(Cents(whole * 100 + fraction))
    }

    /// Splits `self` into `parts` shares that add up exactly: the cents that do not divide
    /// evenly go to the first shares, one each ($1,000 in 3: 333.34, 333.33, 333.33).
    pub fn split(self, parts: u32) -> Vec<Cents> {
        if parts == 0 {
            return Vec::new();
        }
        let n = i64::from(parts);
        let (share, rest) = (self.0.div_euclid(n), self.0.rem_euclid(n));
        (0..n).map(|i| Cents(share + i64::from(i < rest))).collect()
    }

    /// The smaller of two amounts.
    pub fn min(self, other: Cents) -> Cents {
        Cents(self.0.min(other.0))
    }

    /// Whether more than zero.
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }
}

impl fmt::Display for Cents {
    /// "$1,234.56"; a negative amount (a credit) as "−$20.00".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "\u{2212}" } else { "" };
        let abs = self.0.unsigned_abs();
        let dollars = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in dollars.chars().enumerate() {
            if i > 0 && (dollars.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}${grouped}.{:02}", abs % 100)
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, other: Cents) -> Cents {
        Cents(self.0 + other.0)
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, other: Cents) {
        self.0 += other.0;
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, other: Cents) -> Cents {
        Cents(self.0 - other.0)
    }
}

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::Cents;

    #[rstest]
    #[case(0, "$0.00")]
    #[case(5, "$0.05")]
    #[case(95_000, "$950.00")]
    #[case(100_000, "$1,000.00")]
    #[case(540_000, "$5,400.00")]
    #[case(123_456_789, "$1,234,567.89")]
    #[case(-2_000, "\u{2212}$20.00")]
    fn shows_dollars(#[case] cents: i64, #[case] shown: &str) {
        assert_eq!(Cents(cents).to_string(), shown);
    }

    #[rstest]
    #[case("950", 95_000)]
    #[case("1,250.00", 125_000)]
    #[case("$2850", 285_000)]
    #[case("12.5", 1_250)]
    #[case(" 0.07 ", 7)]
    #[case(".5", 50)]
    fn reads_dollars(#[case] text: &str, #[case] cents: i64) {
        assert_eq!(Cents::parse(text), Ok(Cents(cents)));
    }

    #[rstest]
    #[case("")]
    #[case("-5")]
    #[case("12.345")]
    #[case("ten")]
    #[case("1.2.3")]
    #[case("$")]
    fn refuses_what_is_not_an_amount(#[case] text: &str) {
        let refusal = Cents::parse(text).unwrap_err();
        assert!(refusal.contains("is not an amount of dollars"), "{refusal}");
    }

    #[rstest]
    #[case(100_000, 3, &[33_334, 33_333, 33_333])]
    #[case(285_000, 3, &[95_000, 95_000, 95_000])]
    #[case(540_000, 6, &[90_000; 6])]
    #[case(10, 4, &[3, 3, 2, 2])]
    fn splits_to_the_cent(#[case] total: i64, #[case] parts: u32, #[case] shares: &[i64]) {
        let split = Cents(total).split(parts);
        assert_eq!(split.iter().map(|c| c.0).collect::<Vec<_>>(), shares);
        assert_eq!(split.into_iter().sum::<Cents>(), Cents(total));
    }
}
