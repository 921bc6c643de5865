//! The ICD-10-CM 2026 table shipped in `assets/` (chapter 5 and the psychosocial Z-codes): the
//! codes a diagnosis may use, with their official descriptions.

use std::sync::LazyLock;

use serde::Serialize;
use ts_rs::TS;

/// The edition, for the About screen.
pub const EDITION: &str = "ICD-10-CM 2026 (April 1, 2026 update)";

const TABLE: &str = include_str!("../assets/icd10cm-2026-mental-and-psychosocial.tsv");

/// One code of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Code {
    /// The code ("F43.23").
    pub code: &'static str,
    /// Its official description.
    pub description: &'static str,
    /// A leaf code, usable on a claim (headers are not).
    pub billable: bool,
}

static CODES: LazyLock<Vec<Code>> = LazyLock::new(|| {
    TABLE
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let (code, description, kind) = (fields.next()?, fields.next()?, fields.next()?);
            Some(Code {
                code,
                description,
                billable: kind == "billable",
            })
        })
        .collect()
});

/// Every code, in table order.
pub fn codes() -> &'static [Code] {
    &CODES
}

/// The code, if the table has it (upper case, with its dot).
pub fn lookup(code: &str) -> Option<&'static Code> {
    let code = code.trim().to_ascii_uppercase();
    CODES.iter().find(|c| c.code == code)
}

/// Whether most payers refuse this code as the primary diagnosis (the Z-codes).
pub fn is_z_code(code: &str) -> bool {
    code.trim().to_ascii_uppercase().starts_with('Z')
}

/// Billable codes whose code starts with, or whose description contains, every word of `query`
/// (case-insensitive), at most `limit` of them.
pub fn find(query: &str, limit: usize) -> Vec<&'static Code> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    CODES
        .iter()
        .filter(|c| c.billable)
        .filter(|c| {
            let description = c.description.to_lowercase();
            let code = c.code.to_lowercase();
            words
                .iter()
                .all(|w| code.starts_with(w.as_str()) || description.contains(w.as_str()))
        })
        .take(limit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_loads_with_its_billable_leaves() {
        assert!(codes().len() > 1000, "the whole table is read");
        let adjustment = lookup("f43.23").expect("F43.23 is in the table");
        assert!(adjustment.billable);
        assert!(adjustment
            .description
            .contains("anxiety and depressed mood"));
        assert!(!lookup("F43").unwrap().billable, "a header is not billable");
        assert!(lookup("Z63.0").unwrap().billable);
        assert!(lookup("J45.909").is_none(), "asthma is not in this table");
    }

    #[test]
    fn find_matches_code_prefixes_and_description_words() {
        let found = find("relationship partner", 10);
        assert!(found.iter().any(|c| c.code == "Z63.0"), "{found:?}");
        let by_code = find("F43.2", 20);
        assert!(!by_code.is_empty() && by_code.iter().all(|c| c.code.starts_with("F43.2")));
        assert!(find("", 10).is_empty());
    }
}
