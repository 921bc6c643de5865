//! Scoring case tables, from each instrument's published scoring rules.

use rstest::rstest;

use super::*;

/// Positions that score exactly `total` on an instrument whose items all score 0..=`top` in
/// printed order (PHQ-9, GAD-7), leaving `keep_zero` at zero.
fn summing(items: usize, top: u8, total: u32, keep_zero: Option<usize>) -> Vec<Option<u8>> {
    let mut left = total;
    (1..=items)
        .map(|n| {
            if Some(n) == keep_zero {
                return Some(0);
            }
            let take = left.min(u32::from(top));
            left -= take;
            Some(u8::try_from(take).unwrap())
        })
        .collect()
}

/// The position of the answer worth `points` on an item.
fn worth(item: &Item, points: u8) -> Option<u8> {
    item.choices
        .iter()
        .position(|c| c.points == points)
        .map(|p| u8::try_from(p).unwrap())
}

/// CSI-16 positions for a total: highest items first.
fn csi(total: u32) -> Vec<Option<u8>> {
    let mut left = total;
    spec(Instrument::Csi16)
        .items
        .iter()
        .map(|item| {
            let top = item.choices.iter().map(|c| c.points).max().unwrap();
            let take = u8::try_from(left.min(u32::from(top))).unwrap();
            left -= u32::from(take);
            worth(item, take)
        })
        .collect()
}

fn total(instrument: Instrument, answers: &[Option<u8>]) -> (f64, Option<&'static str>) {
    let s = score(instrument, answers).unwrap();
    (s.scales[0].value, s.scales[0].band.map(|b| b.code))
}

#[rstest]
#[case::minimum(0, "minimal")]
#[case::top_of_minimal(4, "minimal")]
#[case::mild_starts(5, "mild")]
#[case::top_of_mild(9, "mild")]
#[case::moderate_starts(10, "moderate")]
#[case::top_of_moderate(14, "moderate")]
#[case::moderately_severe_starts(15, "moderately_severe")]
#[case::top_of_moderately_severe(19, "moderately_severe")]
#[case::severe_starts(20, "severe")]
#[case::maximum(27, "severe")]
fn phq9_bands(#[case] sum: u32, #[case] expected: &str) {
    let answers = summing(9, 3, sum, None);
    assert_eq!(
        total(Instrument::Phq9, &answers),
        (f64::from(sum), Some(expected))
    );
}

#[rstest]
#[case::minimum(0, "minimal")]
#[case::top_of_minimal(4, "minimal")]
#[case::mild_starts(5, "mild")]
#[case::top_of_mild(9, "mild")]
#[case::moderate_starts(10, "moderate")]
#[case::top_of_moderate(14, "moderate")]
#[case::severe_starts(15, "severe")]
#[case::maximum(21, "severe")]
fn gad7_bands(#[case] sum: u32, #[case] expected: &str) {
    let answers = summing(7, 3, sum, None);
    assert_eq!(
        total(Instrument::Gad7, &answers),
        (f64::from(sum), Some(expected))
    );
}

#[rstest]
#[case::minimum(0, "notable_dissatisfaction")]
#[case::just_below_the_cut_off(51, "notable_dissatisfaction")]
#[case::just_above_the_cut_off(52, "above_cut_off")]
#[case::maximum(81, "above_cut_off")]
fn csi16_cut_off(#[case] sum: u32, #[case] expected: &str) {
    assert_eq!(
        total(Instrument::Csi16, &csi(sum)),
        (f64::from(sum), Some(expected))
    );
    assert!(f64::from(sum) < instruments::CSI16_CUT_OFF || expected == "above_cut_off");
}

#[test]
fn csi16_scores_the_good_word_whichever_side_it_is_printed() {
    let items = spec(Instrument::Csi16).items;
    // Item 11 prints INTERESTING first; item 12 prints BAD first.
    assert_eq!(items[10].anchors, Some(("Interesting", "Boring")));
    assert_eq!(items[10].choices[0].points, 5);
    assert_eq!(items[11].anchors, Some(("Bad", "Good")));
    assert_eq!(items[11].choices[0].points, 0);
    // "All the time" things go well is printed first and scores highest.
    assert_eq!(
        items[1].choices[0],
        Choice {
            label: "All the time",
            points: 5
        }
    );
    // Item 1 alone runs 0-6.
    assert_eq!(
        items[0].choices.last().unwrap(),
        &Choice {
            label: "Perfect",
            points: 6
        }
    );
    // Everything in the first printed position: 0 + 5 + 0*8 + 5 (11) + 0 (12) + 5 + 5 + 0 + 5.
    let first = vec![Some(0); 16];
    assert_eq!(total(Instrument::Csi16, &first).0, 25.0);
}

fn ecr(answers: [u8; 9]) -> (f64, f64) {
    // Answers as rated, 1-7; the position is one less.
    let positions: Vec<Option<u8>> = answers.iter().map(|a| Some(a - 1)).collect();
    let s = score(Instrument::EcrRs, &positions).unwrap();
    assert_eq!(s.scales[0].scale, "avoidance");
    assert_eq!(s.scales[1].scale, "anxiety");
    assert!(
        s.scales.iter().all(|s| s.band.is_none()),
        "no published bands"
    );
    (s.scales[0].value, s.scales[1].value)
}

#[rstest]
#[case::least_avoidant_least_anxious([7, 7, 7, 7, 1, 1, 1, 1, 1], (1.0, 1.0))]
#[case::most_avoidant_most_anxious([1, 1, 1, 1, 7, 7, 7, 7, 7], (7.0, 7.0))]
#[case::all_ones_reverse_keyed_items_score_seven([1, 1, 1, 1, 1, 1, 1, 1, 1], (30.0 / 6.0, 1.0))]
#[case::all_sevens([7, 7, 7, 7, 7, 7, 7, 7, 7], (3.0, 7.0))]
#[case::item_one_alone_reversed([2, 7, 7, 7, 1, 1, 4, 4, 4], (11.0 / 6.0, 4.0))]
#[case::a_mean_that_is_not_whole([4, 4, 4, 4, 4, 5, 2, 3, 3], (25.0 / 6.0, 8.0 / 3.0))]
fn ecr_rs_means(#[case] answers: [u8; 9], #[case] expected: (f64, f64)) {
    let (avoidance, anxiety) = ecr(answers);
    assert!(
        (avoidance - expected.0).abs() < 1e-12,
        "{avoidance} vs {}",
        expected.0
    );
    assert!(
        (anxiety - expected.1).abs() < 1e-12,
        "{anxiety} vs {}",
        expected.1
    );
}

#[test]
fn ecr_rs_reverse_keys_exactly_items_one_to_four() {
    for item in spec(Instrument::EcrRs).items {
        let reversed = item.number <= 4;
        assert_eq!(item.reverse_keyed, reversed, "item {}", item.number);
        for (position, choice) in item.choices.iter().enumerate() {
            let answer = u8::try_from(position).unwrap() + 1;
            let expected = if reversed { 8 - answer } else { answer };
            assert_eq!(
                choice.points, expected,
                "item {} answer {answer}",
                item.number
            );
        }
    }
}

#[rstest]
#[case::phq9(Instrument::Phq9, 6)]
#[case::gad7(Instrument::Gad7, 0)]
#[case::csi16(Instrument::Csi16, 15)]
#[case::ecr_rs(Instrument::EcrRs, 8)]
fn a_missing_item_is_refused_by_number(#[case] instrument: Instrument, #[case] missing: usize) {
    let mut answers = vec![Some(0); spec(instrument).items.len()];
    answers[missing] = None;
    let message = score(instrument, &answers).unwrap_err().to_string();
    assert!(
        message.contains(&format!(
            "Item {} of the {}",
            missing + 1,
            spec(instrument).short
        )),
        "{message}"
    );
    assert!(message.contains("has no answer"), "{message}");
}

#[rstest]
#[case::too_few(Instrument::Phq9, 8)]
#[case::too_many(Instrument::Gad7, 8)]
#[case::none(Instrument::Csi16, 0)]
fn a_form_of_the_wrong_length_is_refused(#[case] instrument: Instrument, #[case] len: usize) {
    let message = score(instrument, &vec![Some(0); len])
        .unwrap_err()
        .to_string();
    assert!(
        message.contains(&format!("{len} answers were given")),
        "{message}"
    );
}

#[rstest]
#[case::phq9_has_four_answers(Instrument::Phq9, 4)]
#[case::csi_item_one_has_seven(Instrument::Csi16, 7)]
#[case::ecr_has_seven(Instrument::EcrRs, 7)]
fn an_answer_off_the_form_is_refused(#[case] instrument: Instrument, #[case] position: u8) {
    let mut answers = vec![Some(0); spec(instrument).items.len()];
    answers[0] = Some(position);
    let message = score(instrument, &answers).unwrap_err().to_string();
    assert!(message.contains("not on the form"), "{message}");
}

#[test]
fn phq9_item_nine_above_zero_is_the_self_harm_alert() {
    for (position, label) in HOW_OFTEN_LABELS.iter().enumerate() {
        let mut answers = vec![Some(0); 9];
        answers[8] = Some(u8::try_from(position).unwrap());
        let s = score(Instrument::Phq9, &answers).unwrap();
        assert_eq!(s.self_harm, (position > 0).then_some(*label));
    }
    // A high total without item 9 is not the alert; the same answers on the GAD-7 never are.
    let heavy = summing(9, 3, 24, Some(9));
    assert_eq!(score(Instrument::Phq9, &heavy).unwrap().self_harm, None);
    assert_eq!(
        score(Instrument::Gad7, &[Some(3); 7]).unwrap().self_harm,
        None
    );
}

const HOW_OFTEN_LABELS: [&str; 4] = [
    "Not at all",
    "Several days",
    "More than half the days",
    "Nearly every day",
];

#[test]
fn every_table_is_consistent() {
    let counts = [
        (Instrument::Phq9, 9),
        (Instrument::Gad7, 7),
        (Instrument::Csi16, 16),
        (Instrument::EcrRs, 9),
    ];
    for (instrument, count) in counts {
        let spec = spec(instrument);
        assert_eq!(spec.instrument, instrument);
        assert_eq!(spec.items.len(), count, "{}", spec.short);
        for (i, item) in spec.items.iter().enumerate() {
            assert_eq!(usize::from(item.number), i + 1, "{} numbering", spec.short);
        }
        for scale in spec.scales {
            // The range is what the items can actually score.
            let (low, high): (Vec<f64>, Vec<f64>) = scale
                .items
                .iter()
                .map(|n| {
                    let pts = spec.items[usize::from(*n) - 1]
                        .choices
                        .iter()
                        .map(|c| f64::from(c.points));
                    (
                        pts.clone().fold(f64::MAX, f64::min),
                        pts.fold(f64::MIN, f64::max),
                    )
                })
                .unzip();
            let n = low.len() as f64;
            let (lo, hi) = match scale.combine {
                Combine::Sum => (low.iter().sum(), high.iter().sum()),
                Combine::Mean => (low.iter().sum::<f64>() / n, high.iter().sum::<f64>() / n),
            };
            assert_eq!(
                (scale.min, scale.max),
                (lo, hi),
                "{} {}",
                spec.short,
                scale.code
            );
            // Bands are whole, in order, and leave no score out.
            if let (Some(first), Some(last)) = (scale.bands.first(), scale.bands.last()) {
                assert_eq!(first.from, scale.min);
                assert_eq!(last.to, scale.max);
                for w in scale.bands.windows(2) {
                    assert_eq!(w[0].to + 1.0, w[1].from, "{} gap", spec.short);
                }
            }
        }
    }
}

#[test]
fn a_relationship_is_named_exactly_when_the_instrument_is_about_one() {
    let base = Measure {
        id: String::new(),
        person_id: "p".into(),
        unit_id: None,
        instrument: Instrument::Csi16,
        given_on: "2026-11-20".parse().unwrap(),
        session_id: None,
        answers: vec![Some(0); 16],
        entered_in_error: None,
    };
    assert!(validate(&base)
        .unwrap_err()
        .to_string()
        .contains("choose which one"));
    let phq = Measure {
        instrument: Instrument::Phq9,
        unit_id: Some("u".into()),
        answers: vec![Some(0); 9],
        ..base.clone()
    };
    assert!(validate(&phq)
        .unwrap_err()
        .to_string()
        .contains("about the person"));
    let fine = Measure {
        unit_id: Some("u".into()),
        ..base
    };
    // Everything in the first printed position, as in the CSI-16 case above.
    assert_eq!(validate(&fine).unwrap().scales[0].value, 25.0);
}

#[test]
fn the_latest_phq9_decides_the_self_harm_alert() {
    let phq = |id: &str, on: &str, item9: u8| Measure {
        id: id.into(),
        person_id: "p".into(),
        unit_id: None,
        instrument: Instrument::Phq9,
        given_on: on.parse().unwrap(),
        session_id: None,
        answers: [vec![Some(1); 8], vec![Some(item9)]].concat(),
        entered_in_error: None,
    };
    let raised = phq("a", "2026-11-01", 2);
    let alert = self_harm(std::slice::from_ref(&raised)).unwrap();
    assert_eq!(alert.answer, "More than half the days");
    assert!(alert
        .message("Sam")
        .starts_with("Sam answered \u{201c}More than half the days\u{201d}"));
    // A later "Not at all" clears it; an earlier one does not.
    assert_eq!(
        self_harm(&[raised.clone(), phq("b", "2026-11-08", 0)]),
        None
    );
    assert!(self_harm(&[phq("b", "2026-10-08", 0), raised.clone()]).is_some());
    // A later PHQ-9 entered in error does not clear it; a GAD-7 is not a PHQ-9.
    let mistaken = Measure {
        entered_in_error: Some("Wrong client".into()),
        ..phq("c", "2026-11-09", 0)
    };
    assert!(self_harm(&[raised.clone(), mistaken]).is_some());
    let gad = Measure {
        instrument: Instrument::Gad7,
        answers: vec![Some(0); 7],
        ..phq("d", "2026-11-10", 0)
    };
    assert!(self_harm(&[raised, gad]).is_some());
    assert_eq!(self_harm(&[]), None);
}
