//! Names of people a document must not name, taken out of free text she wrote.

/// `text` with every whole-word occurrence (any case) of each name's words replaced by
/// "[partner]". Words of one letter are kept: an initial alone names no one.
pub fn redact(text: &str, names: &[&str]) -> String {
    let mut words: Vec<String> = names
        .iter()
        .flat_map(|n| n.split(|c: char| !c.is_alphanumeric() && c != '\''))
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_alphanumeric() && c != '\'')
            .unwrap_or(rest.len());
        let word = &rest[..end];
        let bare = word.strip_suffix("'s").unwrap_or(word);
        if words.contains(&bare.to_lowercase()) {
            out.push_str("[partner]");
            out.push_str(&word[bare.len()..]);
        } else {
            out.push_str(word);
        }
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case(
        "Alex and Jordan Chen reconnected.",
        "Alex and [partner] [partner] reconnected."
    )]
    #[case(
        "JORDAN's tears; jordan held Alex.",
        "[partner]'s tears; [partner] held Alex."
    )]
    #[case("Jordana is someone else.", "Jordana is someone else.")]
    #[case("J. spoke first.", "J. spoke first.")]
    #[case("", "")]
    fn names_of_the_uncovered_become_partner(#[case] text: &str, #[case] expected: &str) {
        assert_eq!(
            redact(text, &["Jordan Chen", "J"]),
            expected,
            "a partner without a release is not named, even in the note's shared text"
        );
    }
}
