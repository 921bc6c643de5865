//! Reading JSON strictly: an object that names a key twice is refused, naming the key, where
//! an ordinary parser would keep the last one and drop the other without a word.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// A JSON value read with no key twice in any object.
pub struct Strict(pub Value);

/// The start of the sentence for a key given twice.
const TWICE: &str = "names the key";

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut seen = HashSet::new();
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!(
                    "{TWICE} \"{key}\" twice in one object"
                )));
            }
            let Strict(value) = map.next_value()?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// The sentence for a data error of the strict reader (a key twice), without serde's position
/// (the caller adds it in words).
pub fn words(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) if text.starts_with(TWICE) => format!(
            "{}: which one is meant cannot be known, so the document is refused",
            &text[..i]
        ),
        _ => "is not valid JSON".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_twice_is_refused_and_named_at_any_depth() {
        for text in [
            r#"{"a": 1, "a": 2}"#,
            r#"{"persons": [{"id": "p", "legal_name": "x", "a": 1, "a": 2}]}"#,
        ] {
            let e = serde_json::from_str::<Strict>(text).err().expect("refused");
            assert_eq!(
                words(&e),
                "names the key \"a\" twice in one object: which one is meant cannot be known, so the document is refused",
                "{text}: last-one-wins would drop a value without a word"
            );
        }
    }

    #[test]
    fn the_same_key_in_two_objects_is_fine_and_values_are_kept_exactly() {
        let text =
            r#"{"a": {"id": 1}, "b": {"id": -2.5}, "c": [true, null, "x", 18446744073709551615]}"#;
        let Strict(v) = serde_json::from_str(text).unwrap();
        assert_eq!(
            v,
            serde_json::from_str::<Value>(text).unwrap(),
            "the strict reader reads what the ordinary one reads"
        );
    }
}
