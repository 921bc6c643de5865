//! A receipt: sessions, charges and payments, without codes, for a client with no diagnosis.

use super::page::{Document, Face, Tone, MARGIN, WIDTH};
use super::superbill::{letterhead_left, us_date};
use crate::error::Result;
use crate::store::billing::Receipt;

const RIGHT: f32 = WIDTH - MARGIN;

/// The PDF of a receipt.
///
/// # Errors
/// Only if the embedded font cannot be read (a damaged build).
pub fn receipt_pdf(receipt: &Receipt, logo: Option<&[u8]>) -> Result<Vec<u8>> {
    let p = &receipt.provider;
    let mut doc = Document::new("Receipt")?;
    let provider = if p.credentials.is_empty() {
        p.provider_name.clone()
    } else {
        format!("{}, {}", p.provider_name, p.credentials)
    };
    let left = letterhead_left(&mut doc, logo)?;
    doc.text(left, 66.0, &provider, Face::Semibold, 17.0, Tone::Ink);
    doc.text(
        left,
        84.0,
        &format!(
            "{} {}, {}, {} {}",
            p.address_line1, p.address_line2, p.city, p.state, p.postal_code
        )
        .replace("  ", " "),
        Face::Regular,
        10.0,
        Tone::Quiet,
    );
    doc.text(left, 97.0, &p.phone, Face::Regular, 10.0, Tone::Quiet);
    doc.text_right(RIGHT, 66.0, "Receipt", Face::Semibold, 20.0, Tone::Ink);
    doc.rule(MARGIN, RIGHT, 118.0, 0.8);
    let mut y = 140.0;
    doc.text(MARGIN, y, "Received from", Face::Regular, 8.5, Tone::Quiet);
    doc.text(
        MARGIN + 82.0,
        y,
        &receipt.client_name,
        Face::Semibold,
        10.5,
        Tone::Ink,
    );
    y += 15.0;
    doc.text(MARGIN, y, "Dates", Face::Regular, 8.5, Tone::Quiet);
    doc.text(
        MARGIN + 82.0,
        y,
        &format!("{} to {}", us_date(receipt.from), us_date(receipt.to)),
        Face::Regular,
        10.0,
        Tone::Ink,
    );
    y += 28.0;
    doc.band(MARGIN, y - 12.0, RIGHT - MARGIN, 17.0);
    doc.text(MARGIN + 4.0, y, "DATE", Face::Semibold, 8.5, Tone::Quiet);
    doc.text(130.0, y, "SESSION", Face::Semibold, 8.5, Tone::Quiet);
    doc.text_right(470.0, y, "FEE", Face::Semibold, 8.5, Tone::Quiet);
    doc.text_right(RIGHT - 4.0, y, "PAID", Face::Semibold, 8.5, Tone::Quiet);
    y += 20.0;
    for line in &receipt.lines {
        if y > 680.0 {
            doc.new_page();
            y = 72.0;
        }
        doc.text(
            MARGIN + 4.0,
            y,
            &us_date(line.date),
            Face::Regular,
            10.0,
            Tone::Ink,
        );
        doc.text(130.0, y, &line.description, Face::Regular, 10.0, Tone::Ink);
        doc.text_right(
            470.0,
            y,
            &line.fee.to_string(),
            Face::Regular,
            10.0,
            Tone::Ink,
        );
        doc.text_right(
            RIGHT - 4.0,
            y,
            &line.paid.to_string(),
            Face::Regular,
            10.0,
            Tone::Ink,
        );
        for part in &line.parts {
            y += 13.0;
            doc.text(142.0, y, &part.name, Face::Regular, 8.5, Tone::Quiet);
            doc.text_right(
                470.0,
                y,
                &part.amount.to_string(),
                Face::Regular,
                8.5,
                Tone::Quiet,
            );
        }
        doc.rule(MARGIN, RIGHT, y + 5.0, 0.25);
        y += 17.0;
    }
    y += 8.0;
    for (what, amount) in [
        ("Total charges", receipt.total_fees),
        ("Total paid", receipt.total_paid),
    ] {
        doc.text_right(470.0, y, what, Face::Semibold, 10.5, Tone::Ink);
        doc.text_right(
            RIGHT - 4.0,
            y,
            &amount.to_string(),
            Face::Semibold,
            10.5,
            Tone::Ink,
        );
        y += 16.0;
    }
    if !receipt.why_not_a_superbill.is_empty() {
        doc.paragraph(
            MARGIN,
            y + 18.0,
            RIGHT - MARGIN,
            &receipt.why_not_a_superbill,
            9.0,
            Tone::Quiet,
        );
    }
    Ok(doc.finish())
}
