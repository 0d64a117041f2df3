//! Parsing: text → [`VectorFile`], in three passes.
//!
//! 1. The text is parsed as a [`serde_json::Value`]: syntax errors, with
//!    line and column, and the `format` check come first, whatever else the
//!    file holds.
//! 2. The text is deserialized into the private `Raw*` types below with
//!    `deny_unknown_fields`; [`serde_path_to_error`] names the JSON path of
//!    any fault. Per-value rules (kebab-case ids, known algorithm names,
//!    non-empty arrays, no duplicate members) live in the `Deserialize`
//!    impls, so they get a path too.
//! 3. Rules between members (`now`/`now_ns`, `error` only when invalid,
//!    `key` naming an entry of `keys`, unique ids) are checked by hand, with
//!    the path written out.

use core::fmt;
use core::marker::PhantomData;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use jwtproof_reference::{AllowedEntry, Clock, ErrorKind, PayloadKind, Profile, Vocabulary};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::{LoadError, LoadErrorKind};
use crate::model::{Case, Expected, FORMAT, Impact, ValidationSpec, VectorFile};

/// A JWK as written in `keys`.
type Jwk = Map<String, Value>;

/// Parses one file's text. Never panics; allocates in proportion to `text`.
pub(crate) fn parse(path: &Path, text: &str) -> Result<VectorFile, LoadError> {
    if text.starts_with('\u{feff}') {
        return Err(LoadError::new(
            path,
            "",
            LoadErrorKind::Encoding,
            "the file starts with a byte order mark, which JSON forbids (RFC 8259 §8.1)",
        ));
    }

    // Pass 1: syntax and format.
    let value: Value =
        serde_json::from_str(text).map_err(|e| LoadError::new(path, "", LoadErrorKind::Syntax, format!("invalid JSON: {e}")))?;
    check_format(path, &value)?;
    drop(value);

    // Pass 2: shape.
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: RawFile = serde_path_to_error::deserialize(&mut de).map_err(|e| shape_error(path, e))?;
    de.end().map_err(|e| LoadError::new(path, "", LoadErrorKind::Syntax, format!("invalid JSON: {e}")))?;

    // Pass 3: rules between members.
    convert(path, raw)
}

fn check_format(path: &Path, value: &Value) -> Result<(), LoadError> {
    let Value::Object(top) = value else {
        return Err(LoadError::new(
            path,
            "",
            LoadErrorKind::Schema,
            format!("expected a JSON object at the top level, found {}", type_name(value)),
        ));
    };
    match top.get("format") {
        None => Err(LoadError::new(path, "", LoadErrorKind::Format, format!("missing field `format`: not a {FORMAT} file"))),
        Some(Value::String(s)) if s == FORMAT => Ok(()),
        Some(Value::String(s)) => {
            Err(LoadError::new(path, "format", LoadErrorKind::Format, format!("unsupported format {}, expected \"{FORMAT}\"", quote(s))))
        }
        Some(other) => Err(LoadError::new(
            path,
            "format",
            LoadErrorKind::Format,
            format!("expected the string \"{FORMAT}\", found {}", type_name(other)),
        )),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn shape_error(path: &Path, e: serde_path_to_error::Error<serde_json::Error>) -> LoadError {
    let json_path = if e.path().iter().next().is_none() { String::new() } else { e.path().to_string() };
    let inner = e.into_inner();
    let kind = match inner.classify() {
        // Pass 1 accepted the text as JSON, so what serde_json calls a
        // syntax error here is a value this format does not take (e.g. an
        // integer out of `now_ns`'s 128-bit range).
        serde_json::error::Category::Data | serde_json::error::Category::Syntax | serde_json::error::Category::Eof => LoadErrorKind::Schema,
        serde_json::error::Category::Io => LoadErrorKind::Io,
    };
    LoadError::new(path, json_path, kind, strip_position(&inner))
}

/// serde_json's message without its ` at line L column C` suffix: the JSON
/// path says where.
pub(crate) fn strip_position(e: &serde_json::Error) -> String {
    let full = e.to_string();
    if e.line() == 0 {
        return full;
    }
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match full.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => full,
    }
}

/// A string for a message: quoted and escaped, and cut at 80 characters so
/// a huge value does not make a huge message.
pub(crate) fn quote(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        None => format!("{s:?}"),
        Some((cut, _)) => format!("{:?}…", s.get(..cut).unwrap_or_default()),
    }
}

fn convert(path: &Path, raw: RawFile) -> Result<VectorFile, LoadError> {
    let RawFile { format: _, name, description, source, keys, tests: raw_tests } = raw;
    let mut tests = Vec::with_capacity(raw_tests.len());
    let mut first_index: HashMap<String, usize> = HashMap::with_capacity(raw_tests.len());
    for (i, rc) in raw_tests.into_iter().enumerate() {
        let at = |member: &str| format!("tests[{i}].{member}");
        let id = rc.id.0;
        if let Some(j) = first_index.get(&id) {
            return Err(LoadError::new(
                path,
                at("id"),
                LoadErrorKind::DuplicateId,
                format!("duplicate id {}, first at tests[{j}].id", quote(&id)),
            ));
        }
        first_index.insert(id.clone(), i);

        if let Some(name) = &rc.key {
            if !keys.contains_key(name) {
                return Err(LoadError::new(path, at("key"), LoadErrorKind::UnknownKey, format!("no key named {} in `keys`", quote(name))));
            }
        }

        let v = rc.validation;
        let clock = match (v.now, v.now_ns) {
            (Some(s), None) => Clock::Seconds(s),
            (None, Some(ns)) => Clock::Nanos(ns),
            (Some(_), Some(_)) => {
                return Err(LoadError::new(
                    path,
                    at("validation"),
                    LoadErrorKind::Schema,
                    "both `now` and `now_ns` are given; give exactly one",
                ));
            }
            (None, None) => {
                return Err(LoadError::new(
                    path,
                    at("validation"),
                    LoadErrorKind::Schema,
                    "missing the time: give exactly one of `now` (seconds) and `now_ns` (nanoseconds)",
                ));
            }
        };

        let expected = rc.expected.0;
        if rc.error.is_some() && expected != Expected::Invalid {
            return Err(LoadError::new(
                path,
                at("error"),
                LoadErrorKind::Schema,
                format!("an error kind is allowed only when `expected` is \"invalid\", not \"{}\"", expected.as_str()),
            ));
        }

        let impact = rc.impact.map(|i| i.0);
        if impact.is_some() && expected != Expected::Invalid {
            return Err(LoadError::new(
                path,
                at("impact"),
                LoadErrorKind::Schema,
                format!("an impact is allowed only when `expected` is \"invalid\", not \"{}\"", expected.as_str()),
            ));
        }
        match (&impact, &rc.basis) {
            (Some(_), None) => {
                return Err(LoadError::new(path, at("basis"), LoadErrorKind::Schema, "an `impact` needs its `basis`"));
            }
            (None, Some(_)) => {
                return Err(LoadError::new(path, at("basis"), LoadErrorKind::Schema, "a `basis` is given only with an `impact`"));
            }
            (_, Some(b)) if !crate::model::is_valid_basis(b) => {
                return Err(LoadError::new(
                    path,
                    at("basis"),
                    LoadErrorKind::Schema,
                    format!(
                        "invalid basis {}: \"policy\" or RFC citations such as \"RFC 7519 §4.1.4\" (several joined by \", \")",
                        quote(b)
                    ),
                ));
            }
            _ => {}
        }

        tests.push(Case {
            id,
            description: rc.description,
            token: rc.token,
            key: rc.key,
            validation: ValidationSpec {
                algorithms: v.algorithms.into_iter().map(|a| a.0).collect(),
                clock,
                leeway: v.leeway,
                required_claims: v.required_claims,
                audience: v.audience,
                issuer: v.issuer,
                subject: v.subject,
                max_age: v.max_age,
                origin: v.origin,
                profile: v.profile.map(|p| p.0),
                payload: v.payload.map(|p| p.0),
            },
            expected,
            error: rc.error.map(|e| e.0),
            flags: rc.flags,
            impact,
            basis: rc.basis,
            baseline: rc.baseline.map(|b| b.0),
        });
    }
    // A baseline names another case of the same file, which has none itself.
    for (i, case) in tests.iter().enumerate() {
        let Some(baseline) = &case.baseline else { continue };
        let twin = first_index.get(baseline).and_then(|&j| tests.get(j));
        let problem = match twin {
            None => Some(format!("no case {} in this file", quote(baseline))),
            Some(t) if t.id == case.id => Some("a case is not its own baseline".to_owned()),
            Some(t) if t.baseline.is_some() => Some(format!("the baseline {} has a baseline itself", quote(baseline))),
            Some(_) => None,
        };
        if let Some(why) = problem {
            return Err(LoadError::new(path, format!("tests[{i}].baseline"), LoadErrorKind::Schema, why));
        }
    }
    Ok(VectorFile { path: path.to_path_buf(), name, description, source, keys: keys.0, tests })
}

// ---------------------------------------------------------------------------
// The raw shape. Optional members use `some` so that `null` is refused: a
// member is either absent or of its type.

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    /// Checked in pass 1; declared so that `deny_unknown_fields` accepts it.
    #[expect(dead_code, reason = "checked in pass 1")]
    format: de::IgnoredAny,
    name: String,
    description: String,
    source: String,
    keys: Keys,
    #[serde(deserialize_with = "non_empty")]
    tests: Vec<RawCase>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    id: Id,
    description: String,
    token: String,
    /// Required, and may be `null`.
    #[serde(deserialize_with = "nullable")]
    key: Option<String>,
    validation: RawValidation,
    expected: Named<Expected>,
    #[serde(default, deserialize_with = "some")]
    error: Option<Named<ErrorKind>>,
    #[serde(default)]
    flags: Vec<String>,
    #[serde(default, deserialize_with = "some")]
    impact: Option<Named<Impact>>,
    #[serde(default, deserialize_with = "some")]
    basis: Option<String>,
    #[serde(default, deserialize_with = "some")]
    baseline: Option<Id>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValidation {
    #[serde(deserialize_with = "non_empty")]
    algorithms: Vec<Named<AllowedEntry>>,
    #[serde(default, deserialize_with = "some")]
    now: Option<i64>,
    #[serde(default, deserialize_with = "integer128")]
    now_ns: Option<i128>,
    #[serde(default, deserialize_with = "some")]
    leeway: Option<u64>,
    #[serde(default, deserialize_with = "some")]
    required_claims: Option<Vec<String>>,
    #[serde(default, deserialize_with = "some")]
    audience: Option<Vec<String>>,
    #[serde(default, deserialize_with = "some")]
    issuer: Option<String>,
    #[serde(default, deserialize_with = "some")]
    subject: Option<String>,
    #[serde(default, deserialize_with = "some")]
    max_age: Option<u64>,
    #[serde(default, deserialize_with = "some")]
    origin: Option<String>,
    #[serde(default, deserialize_with = "some")]
    profile: Option<Named<Profile>>,
    #[serde(default, deserialize_with = "some")]
    payload: Option<Named<PayloadKind>>,
}

fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

fn non_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let v = Vec::<T>::deserialize(d)?;
    if v.is_empty() {
        return Err(de::Error::custom("expected a non-empty array"));
    }
    Ok(v)
}

/// An integer in the 128-bit range, read from its exact text: serde_json
/// reads such integers only through `deserialize_i128`, which reads `1.5`
/// as `1` followed by a syntax error, and anything but a number as "invalid
/// number".
fn integer128<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i128>, D::Error> {
    let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
    parse_integer128(raw.get()).map(Some).map_err(de::Error::custom)
}

pub(crate) fn parse_integer128(text: &str) -> Result<i128, String> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let is_integer = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'));
    if is_integer {
        return text.parse::<i128>().map_err(|_| format!("the integer {} is out of the 128-bit range", quote(text)));
    }
    let found = match text.bytes().next() {
        Some(b'-' | b'0'..=b'9') => {
            return Err(format!("expected an integer, found the number {}", quote(text)));
        }
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        _ => "something else",
    };
    Err(format!("invalid type: {found}, expected an integer"))
}

/// A case id: kebab-case, `^[a-z0-9]+(-[a-z0-9]+)*$`.
struct Id(String);

pub(crate) fn is_kebab_case(s: &str) -> bool {
    !s.is_empty() && s.split('-').all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if !is_kebab_case(&s) {
            return Err(de::Error::custom(format_args!("invalid id {}: ids are kebab-case (^[a-z0-9]+(-[a-z0-9]+)*$)", quote(&s))));
        }
        Ok(Id(s))
    }
}

/// A value written as one of a closed set of names.
struct Named<T>(T);

/// `, expected a, b or c` when the vocabulary is short enough to list
/// (read from the type's own list, so that it cannot fall behind).
fn hint<T: Vocabulary>() -> String {
    let names: Vec<&str> = T::all().iter().map(|v| v.name()).collect();
    match names.as_slice() {
        [] => String::new(),
        list if list.len() > 5 => String::new(),
        [only] => format!(", expected {only}"),
        [rest @ .., last] => format!(", expected {} or {last}", rest.join(", ")),
    }
}

impl<'de, T: Vocabulary> Deserialize<'de> for Named<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<T: Vocabulary> Visitor<'_> for V<T> {
            type Value = Named<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a string naming a{} {}", if T::WHAT.starts_with(['a', 'e', 'i', 'o', 'u']) { "n" } else { "" }, T::WHAT)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                T::from_name(s).map(Named).ok_or_else(|| E::custom(format_args!("unknown {} {}{}", T::WHAT, quote(s), hint::<T>())))
            }
        }
        d.deserialize_str(V(PhantomData))
    }
}

/// `keys`: an object of named JWKs, refusing a name given twice.
struct Keys(BTreeMap<String, Jwk>);

impl Keys {
    fn contains_key(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }
}

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of named JWKs")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = BTreeMap::new();
                while let Some(name) = map.next_key::<String>()? {
                    if keys.contains_key(&name) {
                        return Err(de::Error::custom(format_args!("duplicate key name {}", quote(&name))));
                    }
                    let JwkObject(jwk) = map.next_value()?;
                    keys.insert(name, jwk);
                }
                Ok(Keys(keys))
            }
        }
        d.deserialize_map(V)
    }
}

/// One JWK: an object with a string `kty`, no member given twice.
struct JwkObject(Jwk);

impl<'de> Deserialize<'de> for JwkObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = JwkObject;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JWK (a JSON object with a string `kty`)")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<JwkObject, A::Error> {
                let jwk = strict_map(map)?;
                match jwk.get("kty") {
                    Some(Value::String(_)) => Ok(JwkObject(jwk)),
                    Some(_) => Err(de::Error::custom("the JWK's `kty` is not a string")),
                    None => Err(de::Error::custom("the JWK has no `kty`")),
                }
            }
        }
        d.deserialize_map(V)
    }
}

/// Any JSON value, refusing an object that gives a member twice.
struct StrictValue(Value);

fn strict_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Map<String, Value>, A::Error> {
    let mut out = Map::new();
    while let Some(name) = map.next_key::<String>()? {
        if out.contains_key(&name) {
            return Err(de::Error::custom(format_args!("duplicate member {}", quote(&name))));
        }
        let StrictValue(value) = map.next_value()?;
        out.insert(name, value);
    }
    Ok(out)
}

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StrictValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::Bool(b)))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::from(n)))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::from(n)))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<StrictValue, E> {
                // JSON text never holds a non-finite number; refuse rather
                // than turn one into null.
                serde_json::Number::from_f64(n)
                    .map(|n| StrictValue(Value::Number(n)))
                    .ok_or_else(|| E::custom("a number that is not finite"))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::String(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::String(s)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<StrictValue, E> {
                Ok(StrictValue(Value::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StrictValue, A::Error> {
                let mut out = Vec::new();
                while let Some(StrictValue(v)) = seq.next_element()? {
                    out.push(v);
                }
                Ok(StrictValue(Value::Array(out)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<StrictValue, A::Error> {
                strict_map(map).map(|m| StrictValue(Value::Object(m)))
            }
        }
        d.deserialize_any(V)
    }
}
