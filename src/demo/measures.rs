//! The demo's measures: Rivera–Chen answered at intake, before the first dosing, after each
//! dosing and at follow-up, and their course is a believable one (Alex's depression easing from
//! moderate to mild, both partners' satisfaction rising past the CSI-16 cut-off, attachment
//! anxiety settling); Ñúñez–Okafor at intake and again; the triad at intake.

use chrono::NaiveDate;

use super::ago;
use crate::error::Result;
use crate::measures::spec;
use crate::model::{Instrument, Measure, Person, Unit};
use crate::store::measures::record_measure;
use crate::vault::Vault;

/// Positions that score `total` on `instrument`, spread evenly over `items` (1-based numbers)
/// and leaving the others at their lowest score.
fn spread(instrument: Instrument, items: &[u8], total: u32) -> Vec<(u8, u8)> {
    let spec = spec(instrument);
    let mut left = total;
    let mut out = Vec::new();
    for (i, n) in items.iter().enumerate() {
        let item = &spec.items[usize::from(*n) - 1];
        let low = item.choices.iter().map(|c| c.points).min().unwrap_or(0);
        let high = item.choices.iter().map(|c| c.points).max().unwrap_or(0);
        let remaining = u32::try_from(items.len() - i).unwrap_or(1);
        let share = left
            .div_ceil(remaining)
            .clamp(u32::from(low), u32::from(high));
        left = left.saturating_sub(share);
        out.push((*n, u8::try_from(share).unwrap_or(high)));
    }
    out
}

/// Answers (positions) giving each listed item its points; every other item its lowest.
fn answers(instrument: Instrument, points: &[(u8, u8)]) -> Vec<Option<u8>> {
    spec(instrument)
        .items
        .iter()
        .map(|item| {
            let want = points.iter().find(|(n, _)| *n == item.number).map_or_else(
                || item.choices.iter().map(|c| c.points).min().unwrap_or(0),
                |(_, p)| *p,
            );
            item.choices
                .iter()
                .position(|c| c.points == want)
                .and_then(|p| u8::try_from(p).ok())
        })
        .collect()
}

struct Give<'a> {
    vault: &'a mut Vault,
    today: NaiveDate,
}

impl Give<'_> {
    fn give(
        &mut self,
        who: &Person,
        unit: Option<&Unit>,
        instrument: Instrument,
        days_ago: u64,
        answers: Vec<Option<u8>>,
    ) -> Result<()> {
        record_measure(
            self.vault,
            &Measure {
                id: String::new(),
                person_id: who.id.clone(),
                unit_id: unit.map(|u| u.id.clone()),
                instrument,
                given_on: ago(self.today, days_ago),
                session_id: None,
                answers,
                entered_in_error: None,
            },
            self.today,
        )?;
        Ok(())
    }

    /// PHQ-9 (item 9 at zero), GAD-7 and CSI-16 totals, and ECR-RS avoidance and anxiety as
    /// sums over their items, on one day.
    fn battery(
        &mut self,
        who: &Person,
        unit: &Unit,
        days_ago: u64,
        [phq, gad, csi, avoid, anxious]: [u32; 5],
    ) -> Result<()> {
        let phq = answers(
            Instrument::Phq9,
            &spread(Instrument::Phq9, &[1, 2, 3, 4, 5, 6, 7, 8], phq),
        );
        self.give(who, None, Instrument::Phq9, days_ago, phq)?;
        let gad = answers(
            Instrument::Gad7,
            &spread(Instrument::Gad7, &[1, 2, 3, 4, 5, 6, 7], gad),
        );
        self.give(who, None, Instrument::Gad7, days_ago, gad)?;
        let csi_items: Vec<u8> = (1..=16).collect();
        let csi = answers(
            Instrument::Csi16,
            &spread(Instrument::Csi16, &csi_items, csi),
        );
        self.give(who, Some(unit), Instrument::Csi16, days_ago, csi)?;
        let mut ecr = spread(Instrument::EcrRs, &[1, 2, 3, 4, 5, 6], avoid);
        ecr.extend(spread(Instrument::EcrRs, &[7, 8, 9], anxious));
        self.give(
            who,
            Some(unit),
            Instrument::EcrRs,
            days_ago,
            answers(Instrument::EcrRs, &ecr),
        )
    }
}

pub(super) fn measures(
    vault: &mut Vault,
    today: NaiveDate,
    couples: [(&Unit, [&Person; 2]); 2],
    triad: (&Unit, [&Person; 3]),
) -> Result<()> {
    let mut g = Give { vault, today };
    let [(rivera_chen, [alex, jordan]), (nunez_okafor, [zoe, sam])] = couples;
    // Intake (38 days ago), before the first dosing (26), after it (20), after the second (9),
    // and two days ago. Columns: PHQ-9, GAD-7, CSI-16, avoidance and anxiety item sums.
    for (days, alex_scores, jordan_scores) in [
        (38, [14, 12, 38, 27, 16], [9, 8, 45, 30, 9]),
        (26, [13, 11, 41, 26, 15], [9, 7, 46, 29, 9]),
        (20, [10, 9, 49, 22, 12], [7, 6, 51, 26, 8]),
        (9, [7, 7, 56, 18, 9], [6, 5, 57, 22, 6]),
        (2, [6, 6, 60, 16, 8], [5, 5, 61, 20, 6]),
    ] {
        g.battery(alex, rivera_chen, days, alex_scores)?;
        g.battery(jordan, rivera_chen, days, jordan_scores)?;
    }
    for (days, zoe_scores, sam_scores) in [
        (25, [8, 13, 47, 18, 17], [5, 6, 55, 24, 9]),
        (4, [7, 11, 50, 17, 15], [4, 6, 56, 23, 8]),
    ] {
        g.battery(zoe, nunez_okafor, days, zoe_scores)?;
        g.battery(sam, nunez_okafor, days, sam_scores)?;
    }
    let (unit, [thor, priya, eli]) = triad;
    for (who, scores) in [
        (thor, [6, 9, 52, 20, 12]),
        (priya, [11, 14, 44, 15, 18]),
        (eli, [4, 5, 58, 28, 7]),
    ] {
        g.battery(who, unit, 5, scores)?;
    }
    Ok(())
}
