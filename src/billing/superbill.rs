//! A superbill assembled from a person's billed sessions (DOMAIN.md, "Billing"): the provider,
//! the client, that person's diagnoses only, lettered A–L as in box 21 of the CMS-1500 form,
//! one line per date of service and code, with pointers, fees, payments, totals and balance.
//! Refused, with every missing field named, when a payer would reject it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::{Finding, Severity};
use super::Cents;
use crate::model::{CodedLine, Diagnosis, Person, PracticeProfile};

/// A diagnosis as lettered on the superbill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LetteredDiagnosis {
    /// "A" to "L".
    pub letter: String,
    /// ICD-10-CM code.
    pub code: String,
    /// Its description.
    pub description: String,
}

/// The client as the superbill names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Client {
    /// Person id.
    pub person_id: String,
    /// Legal name, as on the insurance card.
    pub legal_name: String,
    /// Date of birth.
    pub date_of_birth: Option<NaiveDate>,
    /// Mailing address.
    pub address: String,
    /// Insurer.
    pub payer: String,
    /// Member id.
    pub member_id: String,
}

/// One line: a date of service and a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuperbillLine {
    /// Date of service.
    pub date: NaiveDate,
    /// Place of service.
    pub place_of_service: String,
    /// CPT code.
    pub code: String,
    /// Modifiers.
    pub modifiers: Vec<String>,
    /// Diagnosis pointers, letters of [`Superbill::diagnoses`], primary first ("AB").
    pub pointers: String,
    /// Units.
    pub units: u32,
    /// Fee.
    pub fee: Cents,
    /// Paid.
    pub paid: Cents,
    /// Why this code.
    pub reason: String,
    /// What a payer may question about this line (rule code and sentence); never printed.
    #[serde(default)]
    pub warnings: Vec<Finding>,
}

/// A rule's word on one session of a superbill: a warning on a line, or why a session in
/// the dates has no line. For her and for whoever reads the JSON; the PDF stays clean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuperbillWarning {
    /// Date of service.
    pub date: NaiveDate,
    /// Which session.
    pub session_id: String,
    /// The session has a line (else this says why it has none).
    pub billed: bool,
    /// The rule's code.
    pub rule: String,
    /// What it means here.
    pub text: String,
}

/// A superbill's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Superbill {
    /// The provider and practice.
    pub provider: PracticeProfile,
    /// The client.
    pub client: Client,
    /// First date covered.
    pub from: NaiveDate,
    /// Last date covered.
    pub to: NaiveDate,
    /// The client's diagnoses, primary first.
    pub diagnoses: Vec<LetteredDiagnosis>,
    /// One line per date of service and code.
    pub lines: Vec<SuperbillLine>,
    /// Sum of the fees.
    pub total_fees: Cents,
    /// Sum paid.
    pub total_paid: Cents,
    /// Fees less paid.
    pub balance: Cents,
    /// Every rule's word on the sessions in these dates, by date: warnings on lines, and why
    /// a session has no line.
    #[serde(default)]
    pub warnings: Vec<SuperbillWarning>,
}

/// One billed session of the person.
#[derive(Debug, Clone)]
pub struct BilledSession {
    /// Which session.
    pub session_id: String,
    /// It took place (a no-show is listed only to say why it has no line).
    pub held: bool,
    /// Date of service.
    pub date: NaiveDate,
    /// Every rule's word on it.
    pub findings: Vec<Finding>,
    /// Its lines (possibly none: a second session on a day that already has its code).
    pub lines: Vec<CodedLine>,
    /// Each line's fee (its share of the psychotherapy charge).
    pub fees: Vec<Cents>,
    /// The session's psychotherapy charge: what may appear on a superbill.
    pub charge: Cents,
    /// Paid towards that psychotherapy charge.
    pub paid: Cents,
}

const LETTERS: &[&str] = &["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"];

/// The person's diagnoses made by `to`, primary first, then by date; at most twelve.
fn lettered(diagnoses: &[Diagnosis], to: NaiveDate) -> Vec<(LetteredDiagnosis, NaiveDate)> {
    let mut made: Vec<&Diagnosis> = diagnoses.iter().filter(|d| d.diagnosed_on <= to).collect();
    made.sort_by_key(|d| (!d.primary, d.diagnosed_on, d.code.clone()));
    made.dedup_by(|a, b| a.code == b.code);
    made.iter()
        .zip(LETTERS)
        .map(|(d, letter)| {
            let description = crate::icd10::lookup(&d.code)
                .map(|c| c.description.to_string())
                .unwrap_or_default();
            (
                LetteredDiagnosis {
                    letter: (*letter).to_owned(),
                    code: d.code.clone(),
                    description,
                },
                d.diagnosed_on,
            )
        })
        .collect()
}

/// What a payer would reject this superbill for missing, in words ("the NPI").
pub fn missing_fields(
    provider: &PracticeProfile,
    person: &Person,
    diagnoses: &[Diagnosis],
    to: NaiveDate,
    coded: bool,
) -> Vec<String> {
    let name = person.display_name();
    let mut missing = Vec::new();
    let mut need = |empty: bool, what: String| {
        if empty {
            missing.push(what);
        }
    };
    need(
        provider.provider_name.trim().is_empty(),
        "the provider's name".into(),
    );
    need(provider.npi.trim().is_empty(), "the NPI".into());
    need(provider.ein.trim().is_empty(), "the tax id (EIN)".into());
    need(
        provider.license_number.trim().is_empty(),
        "the license number".into(),
    );
    need(
        provider.address_line1.trim().is_empty() || provider.city.trim().is_empty(),
        "the practice's address".into(),
    );
    need(
        person.legal_name.trim().is_empty(),
        format!("{name}'s legal name"),
    );
    need(
        person.date_of_birth.is_none(),
        format!("{name}'s date of birth"),
    );
    need(
        !diagnoses.iter().any(|d| d.diagnosed_on <= to),
        format!("a diagnosis for {name}"),
    );
    need(!coded, "a session with a CPT code in these dates".into());
    missing
}

/// Assembles the superbill of `person` from `from` to `to`, or names what is missing.
///
/// # Errors
/// The missing fields, in words, when any is missing.
pub fn assemble(
    provider: &PracticeProfile,
    person: &Person,
    diagnoses: &[Diagnosis],
    sessions: &[BilledSession],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Superbill, Vec<String>> {
    let in_range: Vec<&BilledSession> = sessions
        .iter()
        .filter(|s| (from..=to).contains(&s.date))
        .collect();
    let coded = in_range.iter().any(|s| !s.lines.is_empty());
    let missing = missing_fields(provider, person, diagnoses, to, coded);
    if !missing.is_empty() {
        return Err(missing);
    }
    let letters = lettered(diagnoses, to);

    let lines = lines_by_date(&in_range, &letters);

    let total_fees: Cents = lines.iter().map(|l| l.fee).sum();
    let total_paid: Cents = lines.iter().map(|l| l.paid).sum();
    Ok(Superbill {
        provider: provider.normalized(),
        client: Client {
            person_id: person.id.clone(),
            legal_name: person.legal_name.clone(),
            date_of_birth: person.date_of_birth,
            address: person.address.clone(),
            payer: person.insurance_payer.clone(),
            member_id: person.insurance_member_id.clone(),
        },
        from,
        to,
        diagnoses: letters.into_iter().map(|(l, _)| l).collect(),
        lines,
        total_fees,
        total_paid,
        balance: total_fees - total_paid,
        warnings: in_range.iter().flat_map(|s| dated_warnings(s)).collect(),
    })
}

/// One line per date and code; a session without a code adds its charge and payment to the
/// first line of its date (two sessions on one day are one date of service).
fn lines_by_date(
    in_range: &[&BilledSession],
    letters: &[(LetteredDiagnosis, NaiveDate)],
) -> Vec<SuperbillLine> {
    let mut by_date: BTreeMap<NaiveDate, Vec<SuperbillLine>> = BTreeMap::new();
    let mut uncoded: Vec<&BilledSession> = Vec::new();
    for s in in_range {
        if s.lines.is_empty() {
            // A no-show adds nothing; it is listed only among the warnings.
            if s.held {
                uncoded.push(s);
            }
            continue;
        }
        let pointers: String = letters
            .iter()
            .filter(|(_, made)| *made <= s.date)
            .take(4)
            .map(|(l, _)| l.letter.as_str())
            .collect();
        let day = by_date.entry(s.date).or_default();
        let warnings = warnings_of(s);
        for (i, (l, fee)) in s.lines.iter().zip(&s.fees).enumerate() {
            let paid = if i == 0 { s.paid } else { Cents::ZERO };
            let warnings = if i == 0 { warnings.clone() } else { Vec::new() };
            if let Some(same) = day.iter_mut().find(|x| {
                x.code == l.code
                    && x.modifiers == l.modifiers
                    && x.place_of_service == l.place_of_service
            }) {
                same.units += l.units;
                same.fee += *fee;
                same.paid += paid;
                same.warnings.extend(warnings);
                continue;
            }
            day.push(SuperbillLine {
                date: s.date,
                place_of_service: l.place_of_service.clone(),
                code: l.code.clone(),
                modifiers: l.modifiers.clone(),
                pointers: pointers.clone(),
                units: l.units,
                fee: *fee,
                paid,
                reason: l.reason.clone(),
                warnings,
            });
        }
    }
    for s in uncoded {
        if let Some(first) = by_date.get_mut(&s.date).and_then(|day| day.first_mut()) {
            first.fee += s.charge;
            first.paid += s.paid;
            first.reason.push_str("; with a second session that day");
            first.warnings.extend(why_no_line(s));
        }
    }
    by_date.into_values().flatten().collect()
}

/// The warnings a payer may raise on a session's lines.
fn warnings_of(s: &BilledSession) -> Vec<Finding> {
    s.findings
        .iter()
        .filter(|f| f.severity == Severity::Warn)
        .cloned()
        .collect()
}

/// Why a session has no line: the rules that left it out, else what explains it.
fn why_no_line(s: &BilledSession) -> Vec<Finding> {
    let decided: Vec<Finding> = s
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Note)
        .cloned()
        .collect();
    if decided.is_empty() {
        s.findings.clone()
    } else {
        decided
    }
}

fn dated_warnings(s: &BilledSession) -> Vec<SuperbillWarning> {
    let billed = !s.lines.is_empty();
    let found = if billed {
        warnings_of(s)
    } else {
        why_no_line(s)
    };
    found
        .into_iter()
        .map(|f| SuperbillWarning {
            date: s.date,
            session_id: s.session_id.clone(),
            billed,
            rule: f.rule,
            text: f.text,
        })
        .collect()
}

#[cfg(test)]
mod tests;
