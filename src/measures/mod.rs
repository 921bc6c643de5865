//! Measurement-based care: the questionnaires as data (items, the exact printed answers and
//! the points each is worth, scales, published bands), and the one place each is scored.
//! Nothing else in Attune adds up answers.
//!
//! The tables are in [`instruments`]; their scoring case tables (minimum, maximum, every band
//! edge, reverse-keyed items, a missing item refused) are in `tests.rs` beside this file.

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{Instrument, Measure};

mod instruments;
#[cfg(test)]
mod tests;

pub use instruments::INSTRUMENTS;

/// One printed answer of an item and the points it scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Choice {
    /// The words (or the number) printed on the form.
    pub label: &'static str,
    /// What it scores.
    pub points: u8,
}

/// One item, as printed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Item {
    /// Its number on the form (from 1).
    pub number: u8,
    /// Its words.
    pub text: &'static str,
    /// Its answers, in printed order.
    pub choices: &'static [Choice],
    /// For a scale printed as numbers between two words: the words at each end.
    pub anchors: Option<(&'static str, &'static str)>,
    /// Scored in reverse of its printed order (the points say how; this says why they run
    /// backwards, for the reader and the tests).
    pub reverse_keyed: bool,
}

/// A range of scores with a published name ("Mild", "Moderate").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Band {
    /// Stable code.
    pub code: &'static str,
    /// What the therapist reads.
    pub label: &'static str,
    /// Lowest score in the band (inclusive).
    pub from: f64,
    /// Highest score in the band (inclusive).
    pub to: f64,
    /// How much concern it signals, 0 (none) to 4, for shading.
    pub level: u8,
}

/// How a scale combines its items' points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// The sum.
    Sum,
    /// The mean.
    Mean,
}

/// A score an instrument reports: its total, or a subscale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Scale {
    /// Stable code ("total", "avoidance").
    pub code: &'static str,
    /// Its name.
    pub name: &'static str,
    /// The item numbers it reads.
    pub items: &'static [u8],
    /// How it combines them.
    pub combine: Combine,
    /// Lowest possible score.
    pub min: f64,
    /// Highest possible score.
    pub max: f64,
    /// Whether a higher score is the better one (satisfaction) or the worse (symptoms).
    pub higher_is_better: bool,
    /// Its published bands, lowest first; empty when none are published.
    pub bands: &'static [Band],
}

/// An instrument: what is printed and how it is scored.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Spec {
    /// Which one.
    pub instrument: Instrument,
    /// Its short name ("PHQ-9").
    pub short: &'static str,
    /// Its full name.
    pub name: &'static str,
    /// The instructions printed above the items.
    pub stem: &'static str,
    /// Who published it, and where its scoring comes from.
    pub source: &'static str,
    /// Asked about one relationship (so a partner in two relationships answers it twice).
    pub about_relationship: bool,
    /// Its items.
    pub items: &'static [Item],
    /// Its scores.
    pub scales: &'static [Scale],
}

/// The table for an instrument.
pub fn spec(instrument: Instrument) -> &'static Spec {
    INSTRUMENTS
        .iter()
        .find(|s| s.instrument == instrument)
        .unwrap_or(&INSTRUMENTS[0])
}

/// One scale's score.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScaleScore {
    /// The scale's code.
    pub scale: &'static str,
    /// The score (a mean is not rounded).
    pub value: f64,
    /// The band it falls in, when the scale has bands.
    pub band: Option<Band>,
}

/// Everything a completed questionnaire scores.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Scored {
    /// Each scale, in the instrument's order.
    pub scales: Vec<ScaleScore>,
    /// PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered above
    /// "Not at all": the printed answer, for the alert.
    pub self_harm: Option<&'static str>,
}

/// The PHQ-9 item that is an alert whenever it is answered above zero.
pub const SELF_HARM_ITEM: u8 = 9;

/// Scores a questionnaire from the positions of its answers.
///
/// # Errors
/// [`Error::Invalid`] (field `answers`) naming the first item without an answer, an answer
/// that is not one of the item's, or a form of the wrong length.
pub fn score(instrument: Instrument, answers: &[Option<u8>]) -> Result<Scored> {
    let spec = spec(instrument);
    if answers.len() != spec.items.len() {
        return Err(Error::invalid(
            "answers",
            format!(
                "The {} has {} items; {} answers were given.",
                spec.short,
                spec.items.len(),
                answers.len()
            ),
        ));
    }
    let mut points = Vec::with_capacity(answers.len());
    for (item, answer) in spec.items.iter().zip(answers) {
        let choice = answer
            .and_then(|a| item.choices.get(usize::from(a)))
            .ok_or_else(|| {
                Error::invalid(
                    "answers",
                    match answer {
                        None => format!(
                            "Item {} of the {} (\u{201c}{}\u{201d}) has no answer. Every item needs one for the score to mean anything.",
                            item.number, spec.short, item.text
                        ),
                        Some(_) => format!(
                            "Item {} of the {} has an answer that is not on the form.",
                            item.number, spec.short
                        ),
                    },
                )
            })?;
        points.push((item.number, choice));
    }
    let scales = spec
        .scales
        .iter()
        .map(|scale| {
            let taken: Vec<f64> = scale
                .items
                .iter()
                .filter_map(|n| points.iter().find(|(m, _)| m == n))
                .map(|(_, c)| f64::from(c.points))
                .collect();
            let sum: f64 = taken.iter().sum();
            let value = match scale.combine {
                Combine::Sum => sum,
                // The item lists are fixed and non-empty; a mean of none would be a table error
                // the case tables catch.
                Combine::Mean => sum / taken.len().max(1) as f64,
            };
            ScaleScore {
                scale: scale.code,
                value,
                band: band(scale, value).copied(),
            }
        })
        .collect();
    let self_harm = (instrument == Instrument::Phq9)
        .then(|| points.iter().find(|(n, _)| *n == SELF_HARM_ITEM))
        .flatten()
        .filter(|(_, c)| c.points > 0)
        .map(|(_, c)| c.label);
    Ok(Scored { scales, self_harm })
}

/// The band a score falls in.
pub fn band(scale: &Scale, value: f64) -> Option<&'static Band> {
    scale
        .bands
        .iter()
        .find(|b| value >= b.from && value <= b.to)
}

/// Checks a measure before it is kept: every item answered with one of its answers, and a
/// relationship named exactly when the instrument is about one.
///
/// # Errors
/// [`Error::Invalid`] with the sentence to show.
pub fn validate(measure: &Measure) -> Result<Scored> {
    let spec = spec(measure.instrument);
    match (&measure.unit_id, spec.about_relationship) {
        (None, true) => {
            return Err(Error::invalid(
                "unit_id",
                format!(
                    "The {} is about one relationship: choose which one.",
                    spec.short
                ),
            ))
        }
        (Some(_), false) => {
            return Err(Error::invalid(
                "unit_id",
                format!(
                    "The {} is about the person, not a relationship.",
                    spec.short
                ),
            ))
        }
        _ => {}
    }
    score(measure.instrument, &measure.answers)
}

/// The PHQ-9 item 9 alert of a person: their latest PHQ-9 (not entered in error) answered it
/// above zero. A later PHQ-9 answering "Not at all" clears it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SelfHarm {
    /// The questionnaire that raised it.
    pub measure_id: String,
    /// When it was answered.
    pub given_on: chrono::NaiveDate,
    /// The answer to item 9, as printed ("Several days").
    pub answer: &'static str,
}

impl SelfHarm {
    /// The sentence for the dashboard, the chart and the gate.
    pub fn message(&self, name: &str) -> String {
        format!(
            "{name} answered \u{201c}{}\u{201d} to thoughts of being better off dead or of self-harm (PHQ-9 item 9, {}). Assess risk before anything else.",
            self.answer, self.given_on
        )
    }
}

/// The alert, if the latest of these measures' PHQ-9s raises it.
pub fn self_harm(measures: &[Measure]) -> Option<SelfHarm> {
    let latest = measures
        .iter()
        .filter(|m| m.instrument == Instrument::Phq9 && m.entered_in_error.is_none())
        .max_by(|a, b| a.given_on.cmp(&b.given_on).then_with(|| a.id.cmp(&b.id)))?;
    let answer = score(latest.instrument, &latest.answers).ok()?.self_harm?;
    Some(SelfHarm {
        measure_id: latest.id.clone(),
        given_on: latest.given_on,
        answer,
    })
}
