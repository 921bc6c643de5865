//! A Good Faith Estimate: the provider, whom it is for, the period, the expected services with
//! their codes and charges, the total, and the notices the No Surprises Act requires.

use super::flow::Flow;
use super::page::{Face, Tone, MARGIN, WIDTH};
use super::superbill::us_date;
use crate::billing::estimate::{EstimateLine, NOTICES};
use crate::error::Result;
use crate::model::IssuedEstimate;

const RIGHT: f32 = WIDTH - MARGIN;
/// Where the columns of the services table start (code) or end (the figures).
const CODE_X: f32 = 318.0;
const QUANTITY_RIGHT: f32 = 400.0;
const EACH_RIGHT: f32 = 478.0;

/// The PDF of an issued estimate.
///
/// # Errors
/// Only if the embedded font cannot be read (a damaged build), or the logo cannot be drawn.
pub fn estimate_pdf(issued: &IssuedEstimate, logo: Option<&[u8]>) -> Result<Vec<u8>> {
    let e = &issued.estimate;
    let p = &e.provider;
    let mut flow = Flow::with_letterhead(
        "Good Faith Estimate",
        p,
        &format!(
            "License {} ({}) · NPI {} · {}",
            p.license_number, p.license_state, p.npi, p.phone
        ),
        &format!(
            "No. {} · Issued {}",
            issued.number,
            us_date(issued.issued_on)
        ),
        logo,
    )?;
    flow.heading("Provider");
    let address = [
        p.address_line1.as_str(),
        p.address_line2.as_str(),
        &format!("{}, {} {}", p.city, p.state, p.postal_code),
    ]
    .iter()
    .filter(|l| !l.trim().is_empty() && l.trim() != ",")
    .copied()
    .collect::<Vec<_>>()
    .join("\n");
    for (label, text) in [
        ("NPI", p.npi.as_str()),
        ("Tax ID (EIN)", p.ein.as_str()),
        (
            "License",
            &format!("{} ({})", p.license_number, p.license_state),
        ),
        ("Address", &address),
        ("Phone", p.phone.as_str()),
    ] {
        flow.labelled(label, text);
    }
    flow.heading(&format!("For {}", e.for_name));
    for person in &e.persons {
        let born = person
            .date_of_birth
            .map(|d| format!("born {}", us_date(d)))
            .unwrap_or_default();
        flow.labelled(&person.legal_name, &born);
    }
    if !e.diagnoses.is_empty() {
        flow.labelled("Diagnosis codes", &e.diagnoses.join("\n"));
    }
    flow.labelled(
        "Period of care",
        &format!("{} to {}", us_date(e.from), us_date(e.until)),
    );
    services(&mut flow, &e.lines, e.total);
    for (heading, text) in NOTICES {
        flow.heading(heading);
        flow.paragraph(text, 9.5, Tone::Ink);
    }
    Ok(flow.finish())
}

/// The services table: one row per line, its detail under it, and the total.
fn services(flow: &mut Flow, lines: &[EstimateLine], total: crate::billing::Cents) {
    flow.heading("Expected services and charges");
    row(
        flow,
        ["Service", "Code", "Quantity", "Each", "Amount"],
        Face::Semibold,
        Tone::Quiet,
    );
    for l in lines {
        let quantity = l.quantity.to_string();
        let each = l.each.to_string();
        let amount = l.amount.to_string();
        let code = l.code.as_deref().unwrap_or("\u{2014}");
        row(
            flow,
            [&l.service, code, &quantity, &each, &amount],
            Face::Regular,
            Tone::Ink,
        );
        if !l.detail.is_empty() {
            flow.doc.text(
                MARGIN + 8.0,
                flow.y - 2.0,
                &l.detail,
                Face::Regular,
                8.0,
                Tone::Quiet,
            );
            flow.y += 10.0;
        }
    }
    flow.doc.rule(MARGIN, RIGHT, flow.y - 8.0, 0.5);
    flow.y += 4.0;
    let total = total.to_string();
    row(
        flow,
        ["Total estimated charges", "", "", "", &total],
        Face::Semibold,
        Tone::Ink,
    );
}

fn row(flow: &mut Flow, cells: [&str; 5], face: Face, tone: Tone) {
    flow.room(26.0);
    let [service, code, quantity, each, amount] = cells;
    let y = flow.y;
    flow.doc.text(MARGIN, y, service, face, 10.0, tone);
    flow.doc.text(CODE_X, y, code, face, 10.0, tone);
    flow.doc
        .text_right(QUANTITY_RIGHT, y, quantity, face, 10.0, tone);
    flow.doc.text_right(EACH_RIGHT, y, each, face, 10.0, tone);
    flow.doc.text_right(RIGHT, y, amount, face, 10.0, tone);
    flow.y += 14.0;
}
