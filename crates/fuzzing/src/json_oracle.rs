//! The oracle of the reference's JSON parser: `serde_json` (with
//! `float_roundtrip`) plus a visitor adding the strict rules (duplicate
//! names at any depth, depth bound, BOM). This was the reference's own
//! parser until a hand-written one replaced it for speed; the `parse`
//! property now checks that both accept exactly the same objects, with the
//! same members and values.

use std::fmt;

use jwtproof_reference::json::{self, MAX_DEPTH, Number};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// A JSON value in a form both parsers map to: objects sorted by name,
/// floats by their bits (so −0.0 ≠ 0.0).
#[derive(Clone, Debug, PartialEq)]
pub enum Tree {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(u64),
    String(String),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

/// The reference's parse, as a [`Tree`].
pub fn reference(bytes: &[u8]) -> Result<Tree, String> {
    json::parse_object(bytes).map(|o| from_object(&o))
}

fn from_object(o: &json::Object<'_>) -> Tree {
    Tree::Object(o.iter().map(|(k, v)| (k.to_string(), from_value(v))).collect())
}

fn from_value(v: &json::Value<'_>) -> Tree {
    match v {
        json::Value::Null => Tree::Null,
        json::Value::Bool(b) => Tree::Bool(*b),
        json::Value::Number(Number::U64(n)) => Tree::U64(*n),
        json::Value::Number(Number::I64(n)) => Tree::I64(*n),
        json::Value::Number(Number::F64(f)) => Tree::F64(f.to_bits()),
        json::Value::String(s) => Tree::String(s.to_string()),
        json::Value::Array(items) => Tree::Array(items.iter().map(from_value).collect()),
        json::Value::Object(o) => from_object(o),
    }
}

/// The oracle's parse: one JSON object, strict.
pub fn oracle(bytes: &[u8]) -> Result<Tree, String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err("byte-order mark".to_owned());
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Seed { depth: 0 }.deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    match value {
        Tree::Object(o) => Ok(Tree::Object(o)),
        _ => Err("not a JSON object".to_owned()),
    }
}

#[derive(Clone, Copy)]
struct Seed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = Tree;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(self)
    }
}

impl Seed {
    fn enter<E: de::Error>(self) -> Result<Seed, E> {
        let depth = self.depth + 1;
        if depth > MAX_DEPTH {
            return Err(E::custom(format_args!("nesting deeper than {MAX_DEPTH}")));
        }
        Ok(Seed { depth })
    }
}

impl<'de> Visitor<'de> for Seed {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tree, E> {
        Ok(Tree::U64(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tree, E> {
        Ok(Tree::I64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tree, E> {
        if !v.is_finite() {
            return Err(E::custom("number not finite as an f64"));
        }
        Ok(Tree::F64(v.to_bits()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::String(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let inner = self.enter()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Tree::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let inner = self.enter()?;
        let mut members: Vec<(String, Tree)> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            let value = map.next_value_seed(inner)?;
            members.push((name, value));
        }
        members.sort_by(|a, b| a.0.cmp(&b.0));
        if members.windows(2).any(|w| matches!(w, [a, b] if a.0 == b.0)) {
            return Err(de::Error::custom("duplicate member name"));
        }
        Ok(Tree::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_on_hand_picked_inputs() {
        let inputs: &[&[u8]] = &[
            br#"{"alg":"HS256","typ":"JWT"}"#,
            br#"{"a":-0,"b":-0.0,"c":0,"d":-9223372036854775808,"e":-9223372036854775809,"f":18446744073709551615,"g":18446744073709551616}"#,
            br#"{"a":1e400}"#,
            br#"{"a":1e-400,"b":0e999999999999999999,"c":1E+2,"d":1.5e-3}"#,
            br#"{"a":"\ud83d\ude00\u00e9\n\"\\\/\b\f\r\t"}"#,
            br#"{"a":"\ud800"}"#,
            br#"{"a":"\ud800\u0041"}"#,
            br#"{"a":"\udc00"}"#,
            br#"{"a":"\u00"}"#,
            br#"{"a":"\x"}"#,
            br#"{"a":01}"#,
            br#"{"a":1.}"#,
            br#"{"a":.5}"#,
            br#"{"a":-}"#,
            br#"{"a":1e}"#,
            br#"{"a":+1}"#,
            br#"{"a":tru}"#,
            br#"{"a":[1,]}"#,
            br#"{"a":[,1]}"#,
            br#"{"a":1,}"#,
            br#"{,}"#,
            br#"{"a" : [ 1 , { "b" : null } ] , "c":true , "d":false}"#,
            b"{\"a\":\"tab\there\"}",
            b"{\"a\":\"\xc3\xa9\"}",
            b"{\"a\":\"\xff\"}",
            b"{\"\xff\":1}",
            b"\xef\xbb\xbf{}",
            b" {} ",
            b"{}x",
            b"{}{}",
            b"[]",
            b"",
            b"{\"a\":\"0123456789abcdef0123456789abcdef\\u0041 x\"}",
            b"{\"a\":1,\"\\u0061\":2}",
            b"{\"a\":\"\x7f\"}",
        ];
        let mut accepted = 0;
        for input in inputs {
            let ours = reference(input).ok();
            assert_eq!(ours, oracle(input).ok(), "{:?}", String::from_utf8_lossy(input));
            accepted += usize::from(ours.is_some());
        }
        // Agreeing by refusing everything is no agreement.
        assert_eq!(accepted, 9, "hand-picked inputs accepted");
        let deep = |n: usize| format!("{}{}", "{\"a\":".repeat(n - 1) + "{", "}".repeat(n));
        for (n, ok) in [(MAX_DEPTH, true), (MAX_DEPTH + 1, false)] {
            assert_eq!(reference(deep(n).as_bytes()).is_ok(), ok, "depth {n}");
            assert_eq!(oracle(deep(n).as_bytes()).is_ok(), ok, "oracle, depth {n}");
        }
    }
}
