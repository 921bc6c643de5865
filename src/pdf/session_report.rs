//! A session report for a prescriber or collaborating therapist.

use super::flow::Flow;
use super::page::Tone;
use super::superbill::us_date;
use crate::error::Result;
use crate::report::session::SessionReport;

/// The notice printed under every report: what it is and what the recipient may do with it.
pub const NOTICE: &str = "Confidential: disclosed under the client's written authorization \
     (45 CFR 164.508) for the purpose stated. It holds dosing facts, vital signs and the \
     clinical fields of the session note, not psychotherapy notes. Do not disclose it further \
     without the client's authorization.";

/// The PDF of a session report.
///
/// # Errors
/// Only if the embedded font cannot be read (a damaged build), or the logo cannot be drawn.
pub fn session_report_pdf(report: &SessionReport, logo: Option<&[u8]>) -> Result<Vec<u8>> {
    let p = &report.provider;
    let licence = format!(
        "License {} ({}) · NPI {} · {}",
        p.license_number, p.license_state, p.npi, p.phone
    );
    let mut flow = Flow::with_letterhead(
        "Session report",
        p,
        &licence,
        &format!("Issued {}", us_date(report.issued_on)),
        logo,
    )?;
    let r = &report.recipient;
    let role = r.role.map(|x| x.label()).unwrap_or_default();
    flow.labelled("To", &format!("{}, {role}", r.name));
    for (label, text) in [
        ("Organisation", &r.organisation),
        ("State", &r.state),
        ("Contact", &r.contact),
    ] {
        if !text.is_empty() {
            flow.labelled(label, text);
        }
    }
    flow.heading("Session");
    for l in &report.facts {
        flow.labelled(&l.label, &l.text);
    }
    if !report.integration.is_empty() {
        flow.labelled("Integration", &report.integration);
    }
    flow.labelled("Note", &report.signed);
    for l in &report.shared {
        flow.labelled(&l.label, &l.text);
    }
    for partner in &report.partners {
        partner_part(&mut flow, partner);
    }
    flow.y += 10.0;
    flow.paragraph(NOTICE, 8.5, Tone::Quiet);
    Ok(flow.finish())
}

fn partner_part(flow: &mut Flow, partner: &crate::report::session::Partner) {
    flow.heading(&partner.name);
    if !partner.date_of_birth.is_empty() {
        flow.labelled("Date of birth", &partner.date_of_birth);
    }
    let none = || vec!["None recorded".to_owned()];
    let or_none = |v: &Vec<String>| if v.is_empty() { none() } else { v.clone() };
    for (label, lines) in [
        ("Doses", or_none(&partner.doses)),
        ("Vital signs", or_none(&partner.vitals)),
        ("Adverse events", or_none(&partner.adverse_events)),
        ("Discharge", or_none(&partner.discharge)),
    ] {
        flow.labelled(label, &lines.join("\n"));
    }
    if !partner.diagnoses.is_empty() {
        flow.labelled("Diagnoses", &partner.diagnoses.join("\n"));
    }
    for l in &partner.fields {
        flow.labelled(&l.label, &l.text);
    }
    if !partner.measures.is_empty() {
        flow.labelled("Latest measures", &partner.measures.join("\n"));
    }
}
