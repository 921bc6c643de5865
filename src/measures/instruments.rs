//! The four questionnaires, word for word as published, with the points of every answer and
//! their published bands. Each is free for clinical use.
//!
//! Sources:
//! - PHQ-9 and GAD-7: Kroenke, Spitzer & Williams (2001) and Spitzer et al. (2006); the
//!   Pfizer-released forms and their scoring instructions (no permission needed).
//! - CSI-16: Funk & Rogge (2007), *Journal of Family Psychology* 21(4), 572–583, and the
//!   authors' scoring sheet: total 0–81, scores below 51.5 suggest notable relationship
//!   dissatisfaction (the same sheet gives 104.5 for the CSI-32).
//! - ECR-RS: Fraley, Heffernan, Vicary & Brumbaugh (2011), *Psychological Assessment* 23(3),
//!   615–625: 9 items rated 1–7; avoidance is the mean of items 1–6 with 1–4 reverse-keyed
//!   (8 − answer), anxiety the mean of items 7–9. No cut-offs are published, so none are drawn.

use super::{Band, Choice, Combine, Item, Scale, Spec};
use crate::model::Instrument;

const fn c(label: &'static str, points: u8) -> Choice {
    Choice { label, points }
}

const fn item(number: u8, text: &'static str, choices: &'static [Choice]) -> Item {
    Item {
        number,
        text,
        choices,
        anchors: None,
        reverse_keyed: false,
    }
}

const fn band(code: &'static str, label: &'static str, from: f64, to: f64, level: u8) -> Band {
    Band {
        code,
        label,
        from,
        to,
        level,
    }
}

// --- PHQ-9 and GAD-7 --------------------------------------------------------------------------

const HOW_OFTEN: &[Choice] = &[
    c("Not at all", 0),
    c("Several days", 1),
    c("More than half the days", 2),
    c("Nearly every day", 3),
];

const PHQ9_ITEMS: &[Item] = &[
    item(1, "Little interest or pleasure in doing things", HOW_OFTEN),
    item(2, "Feeling down, depressed, or hopeless", HOW_OFTEN),
    item(3, "Trouble falling or staying asleep, or sleeping too much", HOW_OFTEN),
    item(4, "Feeling tired or having little energy", HOW_OFTEN),
    item(5, "Poor appetite or overeating", HOW_OFTEN),
    item(
        6,
        "Feeling bad about yourself \u{2014} or that you are a failure or have let yourself or your family down",
        HOW_OFTEN,
    ),
    item(
        7,
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        HOW_OFTEN,
    ),
    item(
        8,
        "Moving or speaking so slowly that other people could have noticed? Or the opposite \u{2014} being so fidgety or restless that you have been moving around a lot more than usual",
        HOW_OFTEN,
    ),
    item(
        9,
        "Thoughts that you would be better off dead or of hurting yourself in some way",
        HOW_OFTEN,
    ),
];

const PHQ9_SCALES: &[Scale] = &[Scale {
    code: "total",
    name: "Depression",
    items: &[1, 2, 3, 4, 5, 6, 7, 8, 9],
    combine: Combine::Sum,
    min: 0.0,
    max: 27.0,
    higher_is_better: false,
    bands: &[
        band("minimal", "Minimal", 0.0, 4.0, 0),
        band("mild", "Mild", 5.0, 9.0, 1),
        band("moderate", "Moderate", 10.0, 14.0, 2),
        band("moderately_severe", "Moderately severe", 15.0, 19.0, 3),
        band("severe", "Severe", 20.0, 27.0, 4),
    ],
}];

const GAD7_ITEMS: &[Item] = &[
    item(1, "Feeling nervous, anxious, or on edge", HOW_OFTEN),
    item(2, "Not being able to stop or control worrying", HOW_OFTEN),
    item(3, "Worrying too much about different things", HOW_OFTEN),
    item(4, "Trouble relaxing", HOW_OFTEN),
    item(
        5,
        "Being so restless that it is hard to sit still",
        HOW_OFTEN,
    ),
    item(6, "Becoming easily annoyed or irritable", HOW_OFTEN),
    item(
        7,
        "Feeling afraid, as if something awful might happen",
        HOW_OFTEN,
    ),
];

const GAD7_SCALES: &[Scale] = &[Scale {
    code: "total",
    name: "Anxiety",
    items: &[1, 2, 3, 4, 5, 6, 7],
    combine: Combine::Sum,
    min: 0.0,
    max: 21.0,
    higher_is_better: false,
    bands: &[
        band("minimal", "Minimal", 0.0, 4.0, 0),
        band("mild", "Mild", 5.0, 9.0, 1),
        band("moderate", "Moderate", 10.0, 14.0, 2),
        band("severe", "Severe", 15.0, 21.0, 4),
    ],
}];

// --- CSI-16 -----------------------------------------------------------------------------------

const HAPPINESS: &[Choice] = &[
    c("Extremely unhappy", 0),
    c("Fairly unhappy", 1),
    c("A little unhappy", 2),
    c("Happy", 3),
    c("Very happy", 4),
    c("Extremely happy", 5),
    c("Perfect", 6),
];

// Printed from "All the time" down to "Never", so it scores backwards from its order.
const GOING_WELL: &[Choice] = &[
    c("All the time", 5),
    c("Most of the time", 4),
    c("More often than not", 3),
    c("Occasionally", 2),
    c("Rarely", 1),
    c("Never", 0),
];

const HOW_TRUE: &[Choice] = &[
    c("Not at all true", 0),
    c("A little true", 1),
    c("Somewhat true", 2),
    c("Mostly true", 3),
    c("Almost completely true", 4),
    c("Completely true", 5),
];

const HOW_MUCH: &[Choice] = &[
    c("Not at all", 0),
    c("A little", 1),
    c("Somewhat", 2),
    c("Mostly", 3),
    c("Almost completely", 4),
    c("Completely", 5),
];

// The word pairs: the good word scores 5, whichever side of the pair it is printed on.
const GOOD_FIRST: &[Choice] = &[
    c("5", 5),
    c("4", 4),
    c("3", 3),
    c("2", 2),
    c("1", 1),
    c("0", 0),
];
const GOOD_LAST: &[Choice] = &[
    c("0", 0),
    c("1", 1),
    c("2", 2),
    c("3", 3),
    c("4", 4),
    c("5", 5),
];

const fn pair(number: u8, left: &'static str, right: &'static str, good_first: bool) -> Item {
    Item {
        number,
        text: "Base your answer on your first impression and immediate feeling about your relationship.",
        choices: if good_first { GOOD_FIRST } else { GOOD_LAST },
        anchors: Some((left, right)),
        reverse_keyed: good_first,
    }
}

const CSI16_ITEMS: &[Item] = &[
    item(
        1,
        "Please indicate the degree of happiness, all things considered, of your relationship.",
        HAPPINESS,
    ),
    Item {
        number: 2,
        text: "In general, how often do you think that things between you and your partner are going well?",
        choices: GOING_WELL,
        anchors: None,
        reverse_keyed: true,
    },
    item(3, "Our relationship is strong.", HOW_TRUE),
    item(4, "My relationship with my partner makes me happy.", HOW_TRUE),
    item(5, "I have a warm and comfortable relationship with my partner.", HOW_TRUE),
    item(6, "I really feel like part of a team with my partner.", HOW_TRUE),
    item(7, "How rewarding is your relationship with your partner?", HOW_MUCH),
    item(8, "How well does your partner meet your needs?", HOW_MUCH),
    item(9, "To what extent has your relationship met your original expectations?", HOW_MUCH),
    item(10, "In general, how satisfied are you with your relationship?", HOW_MUCH),
    pair(11, "Interesting", "Boring", true),
    pair(12, "Bad", "Good", false),
    pair(13, "Full", "Empty", true),
    pair(14, "Sturdy", "Fragile", true),
    pair(15, "Discouraging", "Hopeful", false),
    pair(16, "Enjoyable", "Miserable", true),
];

/// Funk & Rogge's cut-off: a total below 51.5 suggests notable dissatisfaction. Totals are
/// whole numbers, so the edge falls between 51 and 52.
pub(crate) const CSI16_CUT_OFF: f64 = 51.5;

const CSI16_SCALES: &[Scale] = &[Scale {
    code: "total",
    name: "Relationship satisfaction",
    items: &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
    combine: Combine::Sum,
    min: 0.0,
    max: 81.0,
    higher_is_better: true,
    bands: &[
        band(
            "notable_dissatisfaction",
            "Notable dissatisfaction (below 51.5)",
            0.0,
            CSI16_CUT_OFF - 0.5,
            3,
        ),
        band(
            "above_cut_off",
            "Above the distress cut-off",
            CSI16_CUT_OFF + 0.5,
            81.0,
            0,
        ),
    ],
}];

// --- ECR-RS -----------------------------------------------------------------------------------

const AGREE: &[Choice] = &[
    c("1", 1),
    c("2", 2),
    c("3", 3),
    c("4", 4),
    c("5", 5),
    c("6", 6),
    c("7", 7),
];
// Reverse-keyed: 8 − the answer.
const AGREE_REVERSED: &[Choice] = &[
    c("1", 7),
    c("2", 6),
    c("3", 5),
    c("4", 4),
    c("5", 3),
    c("6", 2),
    c("7", 1),
];

const fn rated(number: u8, text: &'static str, reverse_keyed: bool) -> Item {
    Item {
        number,
        text,
        choices: if reverse_keyed { AGREE_REVERSED } else { AGREE },
        anchors: Some(("Strongly disagree", "Strongly agree")),
        reverse_keyed,
    }
}

const ECR_RS_ITEMS: &[Item] = &[
    rated(1, "It helps to turn to this person in times of need.", true),
    rated(
        2,
        "I usually discuss my problems and concerns with this person.",
        true,
    ),
    rated(3, "I talk things over with this person.", true),
    rated(4, "I find it easy to depend on this person.", true),
    rated(
        5,
        "I don't feel comfortable opening up to this person.",
        false,
    ),
    rated(
        6,
        "I prefer not to show this person how I feel deep down.",
        false,
    ),
    rated(
        7,
        "I often worry that this person doesn't really care for me.",
        false,
    ),
    rated(8, "I'm afraid that this person may abandon me.", false),
    rated(
        9,
        "I worry that this person won't care about me as much as I care about him or her.",
        false,
    ),
];

const ECR_RS_SCALES: &[Scale] = &[
    Scale {
        code: "avoidance",
        name: "Attachment avoidance",
        items: &[1, 2, 3, 4, 5, 6],
        combine: Combine::Mean,
        min: 1.0,
        max: 7.0,
        higher_is_better: false,
        bands: &[],
    },
    Scale {
        code: "anxiety",
        name: "Attachment anxiety",
        items: &[7, 8, 9],
        combine: Combine::Mean,
        min: 1.0,
        max: 7.0,
        higher_is_better: false,
        bands: &[],
    },
];

/// Every instrument, in the order the screens offer them.
pub const INSTRUMENTS: &[Spec] = &[
    Spec {
        instrument: Instrument::Phq9,
        short: "PHQ-9",
        name: "Patient Health Questionnaire (depression)",
        stem: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        source: "Kroenke, Spitzer & Williams (2001). Bands 0\u{2013}4, 5\u{2013}9, 10\u{2013}14, 15\u{2013}19, 20\u{2013}27.",
        about_relationship: false,
        items: PHQ9_ITEMS,
        scales: PHQ9_SCALES,
    },
    Spec {
        instrument: Instrument::Gad7,
        short: "GAD-7",
        name: "Generalized Anxiety Disorder scale",
        stem: "Over the last 2 weeks, how often have you been bothered by the following problems?",
        source: "Spitzer, Kroenke, Williams & L\u{f6}we (2006). Bands 0\u{2013}4, 5\u{2013}9, 10\u{2013}14, 15\u{2013}21.",
        about_relationship: false,
        items: GAD7_ITEMS,
        scales: GAD7_SCALES,
    },
    Spec {
        instrument: Instrument::Csi16,
        short: "CSI-16",
        name: "Couples Satisfaction Index",
        stem: "About this relationship and your partner(s) in it.",
        source: "Funk & Rogge (2007). Total 0\u{2013}81; below 51.5 suggests notable relationship dissatisfaction.",
        about_relationship: true,
        items: CSI16_ITEMS,
        scales: CSI16_SCALES,
    },
    Spec {
        instrument: Instrument::EcrRs,
        short: "ECR-RS",
        name: "Experiences in Close Relationships \u{2013} Relationship Structures",
        stem: "Please answer each statement about your partner in this relationship: how much do you agree?",
        source: "Fraley, Heffernan, Vicary & Brumbaugh (2011). Means 1\u{2013}7; items 1\u{2013}4 reverse-keyed; no published cut-offs.",
        about_relationship: true,
        items: ECR_RS_ITEMS,
        scales: ECR_RS_SCALES,
    },
];
