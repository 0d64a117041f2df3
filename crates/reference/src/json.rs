//! Strict JSON (RFC 8259 / I-JSON, RFC 7493) for JOSE headers and claims.
//!
//! `serde_json` does the lexing and refuses invalid UTF-8, lone surrogates
//! in `\u` escapes, control characters in strings, trailing data and numbers
//! that overflow an f64. What it does not do, and strictness demands, is
//! written here as a visitor run in the same single pass:
//! - duplicate member names at any depth are refused (RFC 7515 §5.2 lets a
//!   parser keep the last one; a verifier and an application that pick
//!   different duplicates read different claims, so we refuse them);
//! - nesting deeper than [`MAX_DEPTH`] is refused before descending, so the
//!   stack is bounded whatever the input;
//! - a byte-order mark is refused explicitly (RFC 8259 §8.1).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// The deepest nesting of arrays and objects accepted; the outermost object
/// is depth 1.
pub const MAX_DEPTH: usize = 32;

/// A JSON number as the parser read it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A non-negative integer literal that fits a u64.
    U64(u64),
    /// A negative integer literal that fits an i64.
    I64(i64),
    /// Any other number (a fraction, an exponent, or an integer too large
    /// for 64 bits), as the nearest finite f64.
    F64(f64),
}

/// A JSON value; strings borrow from the decoded segment where they can.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object (member names unique).
    Object(Object<'a>),
}

/// A JSON object whose member names are unique, sorted by name (a sorted
/// vector: one allocation, binary-search lookups; cheaper than a tree for
/// the handful of members a JOSE header or claims set has).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object<'a> {
    members: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> Object<'a> {
    /// Sorts the members and refuses duplicate names.
    fn from_members(mut members: Vec<(Cow<'a, str>, Value<'a>)>) -> Result<Self, ()> {
        members.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if members.windows(2).any(|w| matches!(w, [a, b] if a.0 == b.0)) {
            return Err(());
        }
        Ok(Object { members })
    }

    /// The member's value.
    pub fn get(&self, name: &str) -> Option<&Value<'a>> {
        let i = self.members.binary_search_by(|(k, _)| k.as_ref().cmp(name)).ok()?;
        self.members.get(i).map(|(_, v)| v)
    }

    /// Whether the member is present.
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The member names, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &Cow<'a, str>> {
        self.members.iter().map(|(k, _)| k)
    }

    /// The members, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&Cow<'a, str>, &Value<'a>)> {
        self.members.iter().map(|(k, v)| (k, v))
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl<'a> Value<'a> {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Parses a segment that must hold one JSON object.
pub fn parse_object(bytes: &[u8]) -> Result<Object<'_>, String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err("byte-order mark".to_owned());
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Seed { depth: 0 }.deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    match value {
        Value::Object(o) => Ok(o),
        _ => Err("not a JSON object".to_owned()),
    }
}

/// Builds values at a known depth (the depth of the enclosing container).
#[derive(Clone, Copy)]
struct Seed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = Value<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
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
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number(Number::U64(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value<'de>, E> {
        Ok(Value::Number(Number::I64(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value<'de>, E> {
        // serde_json already refuses literals that overflow; keep the rule
        // local anyway.
        if !v.is_finite() {
            return Err(E::custom("number not finite as an f64"));
        }
        Ok(Value::Number(Number::F64(v)))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let inner = self.enter()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let inner = self.enter()?;
        let mut members = Vec::new();
        while let Some(name) = map.next_key_seed(KeySeed)? {
            let value = map.next_value_seed(inner)?;
            members.push((name, value));
        }
        let object = Object::from_members(members).map_err(|()| de::Error::custom("duplicate member name"))?;
        Ok(Value::Object(object))
    }
}

/// Member names, borrowed where they have no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> bool {
        parse_object(s.as_bytes()).is_ok()
    }

    #[test]
    fn accepts_plain_objects() {
        assert!(ok(r#"{"alg":"HS256","typ":"JWT"}"#));
        assert!(ok(" {\"a\":[1,2.5,-3,true,null,{\"b\":\"\\u00e9\"}]} \n"));
        assert!(ok(r#"{"a":1,"b":{"a":1}}"#), "the same name at different levels is no duplicate");
        assert!(ok(r#"{"emoji":"\ud83d\ude00"}"#), "a surrogate pair is fine");
    }

    #[test]
    fn refuses_duplicates_at_any_depth_even_escaped() {
        assert!(!ok(r#"{"a":1,"a":2}"#));
        assert!(!ok(r#"{"a":1,"\u0061":2}"#));
        assert!(!ok(r#"{"x":{"a":1,"a":1}}"#));
        assert!(!ok(r#"{"x":[{"a":1,"a":1}]}"#));
    }

    #[test]
    fn depth_limit_is_exact() {
        let nest = |n: usize| format!("{}{}", "{\"a\":".repeat(n - 1) + "{", "}".repeat(n));
        assert!(ok(&nest(MAX_DEPTH)));
        assert!(!ok(&nest(MAX_DEPTH + 1)));
        let arrays = |n: usize| format!("{{\"a\":{}{}}}", "[".repeat(n - 1), "]".repeat(n - 1));
        assert!(ok(&arrays(MAX_DEPTH)));
        assert!(!ok(&arrays(MAX_DEPTH + 1)));
        assert!(!ok(&"[".repeat(100_000)), "deep input is refused without recursion");
    }

    #[test]
    fn refuses_what_strict_json_refuses() {
        for bad in [
            "\u{feff}{}",
            "{} {}",
            "{},",
            "[]",
            "\"a\"",
            r#"{"a":1e400}"#,
            r#"{"a":-1e400}"#,
            r#"{"a":"\ud800"}"#,
            r#"{"a":"\udc00x"}"#,
            "{\"a\":\"\u{1}\"}",
            r#"{"a":NaN}"#,
            r#"{"a":01}"#,
            r#"{'a':1}"#,
            r#"{"a":1,}"#,
            "",
        ] {
            assert!(!ok(bad), "{bad:?} must be refused");
        }
        assert!(parse_object(b"{\"a\":\"\xff\"}").is_err(), "invalid UTF-8");
    }

    #[test]
    fn numbers_keep_their_form() {
        let o = parse_object(br#"{"u":1,"i":-1,"f":1.5,"big":18446744073709551616,"tiny":1e-400}"#).unwrap_or_default();
        assert_eq!(o.get("u"), Some(&Value::Number(Number::U64(1))));
        assert_eq!(o.get("i"), Some(&Value::Number(Number::I64(-1))));
        assert_eq!(o.get("f"), Some(&Value::Number(Number::F64(1.5))));
        assert_eq!(o.get("big"), Some(&Value::Number(Number::F64(18446744073709551616.0))));
        assert_eq!(o.get("tiny"), Some(&Value::Number(Number::F64(0.0))));
    }
}
