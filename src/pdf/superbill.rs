//! The superbill on paper: who provided what to whom, the diagnoses lettered A–L, one line per
//! date of service, totals, and the signature line; laid out so a payer's clerk finds each
//! field of the CMS-1500 where they expect it.

use chrono::NaiveDate;

use super::page::{Document, Face, Tone, HEIGHT, MARGIN, WIDTH};
use crate::error::Result;
use crate::model::IssuedSuperbill;

const RIGHT: f32 = WIDTH - MARGIN;
const BOTTOM: f32 = HEIGHT - 84.0;

/// Dates as US claim forms print them.
pub(super) fn us_date(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

/// Places the logo, if any, at the top left; returns where the letterhead's text starts.
pub(super) fn letterhead_left(doc: &mut Document, logo: Option<&[u8]>) -> Result<f32> {
    match logo {
        Some(bytes) => Ok(MARGIN + doc.image(bytes, MARGIN, 48.0, 120.0, 56.0)? + 14.0),
        None => Ok(MARGIN),
    }
}

struct Columns;
impl Columns {
    const DATE: f32 = MARGIN + 4.0;
    const POS: f32 = 122.0;
    const CPT: f32 = 156.0;
    const MODIFIER: f32 = 202.0;
    const POINTERS: f32 = 246.0;
    const UNITS: f32 = 330.0;
    const FEE: f32 = 410.0;
    const PAID: f32 = 484.0;
    const BALANCE: f32 = RIGHT - 4.0;
}

fn table_header(doc: &mut Document, y: f32) -> f32 {
    doc.band(MARGIN, y - 12.0, RIGHT - MARGIN, 17.0);
    let h =
        |doc: &mut Document, x: f32, t: &str| doc.text(x, y, t, Face::Semibold, 8.5, Tone::Quiet);
    h(doc, Columns::DATE, "DATE");
    h(doc, Columns::POS, "POS");
    h(doc, Columns::CPT, "CPT");
    h(doc, Columns::MODIFIER, "MODIFIER");
    h(doc, Columns::POINTERS, "DX POINTER");
    for (right, t) in [
        (Columns::UNITS, "UNITS"),
        (Columns::FEE, "FEE"),
        (Columns::PAID, "PAID"),
        (Columns::BALANCE, "BALANCE"),
    ] {
        doc.text_right(right, y, t, Face::Semibold, 8.5, Tone::Quiet);
    }
    y + 20.0
}

fn footer(doc: &mut Document, label: &str) {
    let page = doc.page_count();
    doc.rule(MARGIN, RIGHT, HEIGHT - 48.0, 0.5);
    doc.text(
        MARGIN,
        HEIGHT - 34.0,
        label,
        Face::Regular,
        8.0,
        Tone::Quiet,
    );
    doc.text_right(
        RIGHT,
        HEIGHT - 34.0,
        &format!("Page {page}"),
        Face::Regular,
        8.0,
        Tone::Quiet,
    );
}

fn field(doc: &mut Document, x: f32, y: f32, label: &str, value: &str) {
    doc.text(x, y, label, Face::Regular, 8.5, Tone::Quiet);
    doc.text(
        x + 82.0,
        y,
        if value.is_empty() { "—" } else { value },
        Face::Regular,
        10.0,
        Tone::Ink,
    );
}

/// The PDF of an issued superbill.
///
/// # Errors
/// Only if the embedded font cannot be read (a damaged build).
pub fn superbill_pdf(issued: &IssuedSuperbill, logo: Option<&[u8]>) -> Result<Vec<u8>> {
    let bill = &issued.superbill;
    let p = &bill.provider;
    let mut doc = Document::new(&format!("Superbill {}", issued.number))?;
    let label = format!(
        "Superbill No. {} · {} · {} to {}",
        issued.number,
        bill.client.legal_name,
        us_date(bill.from),
        us_date(bill.to)
    );

    // The practice, and the document's identity.
    let provider = if p.credentials.is_empty() {
        p.provider_name.clone()
    } else {
        format!("{}, {}", p.provider_name, p.credentials)
    };
    let left = letterhead_left(&mut doc, logo)?;
    doc.text(left, 66.0, &provider, Face::Semibold, 17.0, Tone::Ink);
    let mut y = 84.0;
    let street = [p.address_line1.as_str(), p.address_line2.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    for line in [
        street,
        format!("{}, {} {}", p.city, p.state, p.postal_code),
        p.phone.clone(),
    ] {
        if !line.trim().is_empty() && line.trim() != ",".trim() {
            doc.text(left, y, &line, Face::Regular, 10.0, Tone::Quiet);
            y += 13.0;
        }
    }
    doc.text_right(RIGHT, 66.0, "Superbill", Face::Semibold, 20.0, Tone::Ink);
    doc.text_right(
        RIGHT,
        84.0,
        &format!("No. {}", issued.number),
        Face::Semibold,
        11.0,
        Tone::Ink,
    );
    doc.text_right(
        RIGHT,
        97.0,
        &format!("Issued {}", us_date(issued.issued_on)),
        Face::Regular,
        9.5,
        Tone::Quiet,
    );
    if let Some(old) = issued.replaces {
        doc.text_right(
            RIGHT,
            110.0,
            &format!("Corrects and replaces No. {old}"),
            Face::Semibold,
            9.5,
            Tone::Ink,
        );
    }
    y = y.max(118.0);
    doc.rule(MARGIN, RIGHT, y, 0.8);

    // Provider and patient, side by side.
    y += 20.0;
    let right_col = 318.0;
    doc.text(
        MARGIN,
        y,
        "RENDERING PROVIDER",
        Face::Semibold,
        8.5,
        Tone::Quiet,
    );
    doc.text(right_col, y, "PATIENT", Face::Semibold, 8.5, Tone::Quiet);
    y += 16.0;
    let license = if p.license_state.is_empty() {
        p.license_number.clone()
    } else {
        format!("{} ({})", p.license_number, p.license_state)
    };
    let client = &bill.client;
    let dob = client.date_of_birth.map(us_date).unwrap_or_default();
    let rows = [
        (
            ("Name", provider.as_str()),
            ("Legal name", client.legal_name.as_str()),
        ),
        (("NPI", p.npi.as_str()), ("Date of birth", dob.as_str())),
        (
            ("Tax ID (EIN)", p.ein.as_str()),
            ("Address", client.address.as_str()),
        ),
        (
            ("License", license.as_str()),
            ("Insurer", client.payer.as_str()),
        ),
        (
            ("Taxonomy", p.taxonomy_code.as_str()),
            ("Member ID", client.member_id.as_str()),
        ),
    ];
    for ((l1, v1), (l2, v2)) in rows {
        field(&mut doc, MARGIN, y, l1, v1);
        field(&mut doc, right_col, y, l2, v2);
        y += 15.0;
    }

    // Diagnoses of this patient only.
    y += 12.0;
    doc.text(
        MARGIN,
        y,
        "DIAGNOSES (ICD-10-CM)",
        Face::Semibold,
        8.5,
        Tone::Quiet,
    );
    y += 15.0;
    for d in &bill.diagnoses {
        doc.text(MARGIN, y, &d.letter, Face::Semibold, 10.0, Tone::Ink);
        doc.text(MARGIN + 16.0, y, &d.code, Face::Semibold, 10.0, Tone::Ink);
        y = doc.paragraph(
            MARGIN + 70.0,
            y,
            RIGHT - MARGIN - 70.0,
            &d.description,
            10.0,
            Tone::Ink,
        );
    }

    // The lines.
    y += 12.0;
    doc.text(
        MARGIN,
        y,
        &format!("SERVICES {} TO {}", us_date(bill.from), us_date(bill.to)),
        Face::Semibold,
        8.5,
        Tone::Quiet,
    );
    y += 18.0;
    y = table_header(&mut doc, y);
    for line in &bill.lines {
        if y > BOTTOM - 20.0 {
            footer(&mut doc, &label);
            doc.new_page();
            y = table_header(&mut doc, 72.0);
        }
        doc.text(
            Columns::DATE,
            y,
            &us_date(line.date),
            Face::Regular,
            10.0,
            Tone::Ink,
        );
        doc.text(
            Columns::POS,
            y,
            &line.place_of_service,
            Face::Regular,
            10.0,
            Tone::Ink,
        );
        doc.text(Columns::CPT, y, &line.code, Face::Semibold, 10.0, Tone::Ink);
        doc.text(
            Columns::MODIFIER,
            y,
            &line.modifiers.join(" "),
            Face::Regular,
            10.0,
            Tone::Ink,
        );
        doc.text(
            Columns::POINTERS,
            y,
            &line.pointers,
            Face::Regular,
            10.0,
            Tone::Ink,
        );
        doc.text_right(
            Columns::UNITS,
            y,
            &line.units.to_string(),
            Face::Regular,
            10.0,
            Tone::Ink,
        );
        doc.text_right(
            Columns::FEE,
            y,
            &line.fee.to_string(),
            Face::Regular,
            10.0,
            Tone::Ink,
        );
        doc.text_right(
            Columns::PAID,
            y,
            &line.paid.to_string(),
            Face::Regular,
            10.0,
            Tone::Ink,
        );
        doc.text_right(
            Columns::BALANCE,
            y,
            &(line.fee - line.paid).to_string(),
            Face::Regular,
            10.0,
            Tone::Ink,
        );
        doc.rule(MARGIN, RIGHT, y + 5.0, 0.25);
        y += 17.0;
    }

    // Totals, then the attestation and signature.
    if y > BOTTOM - 150.0 {
        footer(&mut doc, &label);
        doc.new_page();
        y = 72.0;
    }
    y += 6.0;
    for (what, amount, face) in [
        ("Total charges", bill.total_fees, Face::Regular),
        ("Amount paid", bill.total_paid, Face::Regular),
        ("Balance due", bill.balance, Face::Semibold),
    ] {
        doc.text_right(Columns::PAID, y, what, face, 10.5, Tone::Ink);
        doc.text_right(
            Columns::BALANCE,
            y,
            &amount.to_string(),
            face,
            10.5,
            Tone::Ink,
        );
        y += 16.0;
    }
    y += 18.0;
    y = doc.paragraph(
        MARGIN,
        y,
        RIGHT - MARGIN,
        "I certify that the services listed were provided by me to the patient named, on the dates shown. The patient has paid the amounts shown and may submit this statement to their insurer for out-of-network reimbursement.",
        9.0,
        Tone::Quiet,
    );
    y += 34.0;
    doc.rule(MARGIN, 330.0, y, 0.6);
    doc.rule(380.0, RIGHT, y, 0.6);
    doc.text(
        MARGIN,
        y + 12.0,
        &format!("Signature of {provider}"),
        Face::Regular,
        8.5,
        Tone::Quiet,
    );
    doc.text(380.0, y + 12.0, "Date", Face::Regular, 8.5, Tone::Quiet);
    footer(&mut doc, &label);
    Ok(doc.finish())
}
