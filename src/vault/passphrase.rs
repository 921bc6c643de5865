//! What makes a passphrase acceptable, and a plain-words hint about its strength.

use age::secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// Passphrases shorter than this are refused.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// How hard a passphrase would be to guess, roughly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// Shorter than the minimum: refused.
    TooShort,
    /// Accepted, but guessable by a determined attacker.
    Weak,
    /// Reasonable.
    Fair,
    /// Long and varied.
    Strong,
}

/// A passphrase's strength and a sentence for the therapist.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PassphraseAssessment {
    /// The estimate.
    pub strength: Strength,
    /// Whether Attune will accept it.
    pub acceptable: bool,
    /// A hint in plain words.
    pub hint: String,
}

/// Estimates strength from length, variety and repetition. It is a hint, not a guarantee:
/// it cannot know that a passphrase is a famous quotation.
pub fn assess(passphrase: &SecretString) -> PassphraseAssessment {
    let text = passphrase.expose_secret();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < MIN_PASSPHRASE_CHARS {
        return PassphraseAssessment {
            strength: Strength::TooShort,
            acceptable: false,
            hint: format!(
                "A passphrase needs at least {MIN_PASSPHRASE_CHARS} characters; this one has {}. \
                 A few unrelated words are easy to remember and hard to guess.",
                chars.len()
            ),
        };
    }
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let pool: u32 = [
        (chars.iter().any(char::is_ascii_lowercase), 26),
        (chars.iter().any(char::is_ascii_uppercase), 26),
        (chars.iter().any(char::is_ascii_digit), 10),
        (chars.iter().any(char::is_ascii_punctuation), 32),
        // Spaces between words add length, not variety.
        (chars.contains(&' '), 1),
        (chars.iter().any(|c| !c.is_ascii()), 100),
    ]
    .iter()
    .filter(|(present, _)| *present)
    .map(|(_, size)| size)
    .sum();
    // Repeated characters add little: count each character's entropy only as often as the
    // passphrase has distinct characters, plus a little for the rest.
    let effective_len = distinct.len() as f64 + (chars.len() - distinct.len()) as f64 * 0.25;
    let bits = effective_len * f64::from(pool.max(2)).log2();
    let (strength, hint) = if distinct.len() < 6 || bits < 55.0 {
        (
            Strength::Weak,
            "Accepted, but easy to guess. Longer is stronger: four or five unrelated words.",
        )
    } else if bits < 80.0 {
        (
            Strength::Fair,
            "One or two more unrelated words would make it strong.",
        )
    } else {
        (
            Strength::Strong,
            "Hard to guess. Write it down and keep it somewhere safe.",
        )
    };
    PassphraseAssessment {
        strength,
        acceptable: true,
        hint: hint.to_owned(),
    }
}

/// Refuses a passphrase that is too short to protect clinical records.
pub fn require_acceptable(passphrase: &SecretString) -> Result<()> {
    let assessment = assess(passphrase);
    if assessment.acceptable {
        Ok(())
    } else {
        Err(Error::WeakPassphrase(assessment.hint))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strength(p: &str) -> Strength {
        assess(&SecretString::from(p.to_owned())).strength
    }

    #[test]
    fn strength_cases() {
        let cases = [
            ("", Strength::TooShort),
            ("eleven char", Strength::TooShort),
            ("ëlevén chár", Strength::TooShort), // characters, not bytes, are counted
            ("aaaaaaaaaaaaaaaa", Strength::Weak),
            ("abababababababab", Strength::Weak),
            ("twelve chars", Strength::Weak),
            ("sunlit harbour ferns", Strength::Fair),
            ("Kettle-Orchard 7 violet tundra", Strength::Strong),
            ("quiet otter maple lantern river", Strength::Strong),
        ];
        for (passphrase, expected) in cases {
            assert_eq!(strength(passphrase), expected, "strength of {passphrase:?}");
        }
    }

    #[test]
    fn short_passphrase_is_refused_with_its_length() {
        let err = require_acceptable(&SecretString::from("eleven char".to_owned())).unwrap_err();
        assert!(matches!(err, Error::WeakPassphrase(_)));
        assert!(err.to_string().contains("this one has 11"), "{err}");
        require_acceptable(&SecretString::from("twelve chars".to_owned())).unwrap();
    }
}
