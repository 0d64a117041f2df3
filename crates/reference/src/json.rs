//! Strict JSON (RFC 8259 / I-JSON, RFC 7493) for JOSE headers and claims.
//!
//! A small parser written for this job, in one pass over the bytes, because
//! strictness and speed demand what no JSON crate offers together:
//! - duplicate member names at any depth are refused (RFC 7515 §5.2 lets a
//!   parser keep the last one; a verifier and an application that pick
//!   different duplicates read different claims, so we refuse them);
//! - nesting deeper than [`MAX_DEPTH`] is refused before descending, so the
//!   stack is bounded whatever the input;
//! - a byte-order mark is refused (RFC 8259 §8.1), invalid UTF-8, lone
//!   surrogates in `\u` escapes, control characters in strings, trailing
//!   data, and numbers that overflow an f64 too;
//! - strings borrow from the input unless they hold escapes, and numbers keep
//!   their form ([`Number`]), as `serde_json` reads them with its
//!   `float_roundtrip` feature (integers within 64 bits exactly, anything
//!   else the correctly rounded f64 from the standard library's parser).
//!
//! It replaced a `serde_json` visitor that did the same at ~3× the cost
//! (the verifier's whole non-cryptographic budget is a few hundred ns). That
//! visitor lives on as the oracle of the `parse` fuzz property
//! (`jwtproof-fuzzing`): on every input both must accept the same objects
//! with the same members and values, or refuse.

use std::borrow::Cow;

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
    /// The member's value.
    pub fn get(&self, name: &str) -> Option<&Value<'a>> {
        let i = self.members.binary_search_by(|(k, _)| name_cmp(k, name)).ok()?;
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

/// `a.cmp(b)` (bytewise, as `str` orders), deciding on the first eight bytes
/// read as one big-endian integer when they differ. Member names are short:
/// a `memcmp` call per comparison in the sort and the lookups was ~7% of an
/// HS256 verification.
fn name_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn head(s: &[u8]) -> u64 {
        match s.first_chunk::<8>() {
            Some(w) => u64::from_be_bytes(*w),
            // Shorter: the bytes, then zeros (a prefix orders first; equal
            // heads fall through to the full comparison).
            None => s.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b)) << ((8 * (8 - s.len().min(7))) % 64),
        }
    }
    let (x, y) = (head(a.as_bytes()), head(b.as_bytes()));
    if x == y { a.cmp(b) } else { x.cmp(&y) }
}

/// Sorts an object's members once (stable, O(n log n) comparisons):
/// `members[..start]` are sorted and distinct, the rest are in input order
/// and `ends[i]` is where `members[start + i]` ended in the input. Equal
/// names end up next to each other in input order; the error is the
/// position of the earliest second occurrence, as insertion would have
/// reported it.
fn sort_members<'a>(
    members: Vec<(Cow<'a, str>, Value<'a>)>,
    start: usize,
    ends: &[usize],
) -> Result<Vec<(Cow<'a, str>, Value<'a>)>, usize> {
    let mut keyed: Vec<(usize, (Cow<'a, str>, Value<'a>))> =
        members.into_iter().enumerate().map(|(i, m)| (i.checked_sub(start).and_then(|t| ends.get(t)).copied().unwrap_or(0), m)).collect();
    keyed.sort_by(|(_, (a, _)), (_, (b, _))| name_cmp(a, b));
    let duplicate = keyed.windows(2).filter_map(|w| match w {
        [(_, (a, _)), (at, (b, _))] if a == b => Some(*at),
        _ => None,
    });
    match duplicate.min() {
        Some(at) => Err(at),
        None => Ok(keyed.into_iter().map(|(_, m)| m).collect()),
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
    // RFC 8259 §8.1: the whole text is UTF-8. Checking it once up front lets
    // every string below be sliced from the text without further checks.
    let text = std::str::from_utf8(bytes).map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    let mut p = Parser { text, bytes: text.as_bytes(), pos: 0 };
    p.skip_ws();
    if p.peek() != Some(b'{') {
        return Err(p.error("not a JSON object").to_string());
    }
    let value = p.value(0).map_err(|f| f.to_string())?;
    p.skip_ws();
    if p.pos != p.bytes.len() {
        return Err(p.error("trailing characters").to_string());
    }
    match value {
        Value::Object(o) => Ok(o),
        _ => Err("not a JSON object".to_owned()),
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

/// Whether any byte of `x` is `"`, `\` or below 0x20 (may also flag the
/// bytes after a true hit: the caller then looks byte by byte).
fn needs_attention(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    (has_zero(x ^ (ONES * u64::from(b'"'))) | has_zero(x ^ (ONES * u64::from(b'\\'))) | (x.wrapping_sub(ONES * 0x20) & !x & HIGHS)) != 0
}

/// Why and where parsing stopped. One pointer on purpose: every step
/// returns a `Result`, and a large error type costs on the success path
/// (boxed, `Result<Number, Fail>` is two words and comes back in registers;
/// an error allocates once, on a path that ends the parse).
struct Fail(Box<(&'static str, usize)>);

impl std::fmt::Display for Fail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.0.0, self.0.1)
    }
}

impl<'a> Parser<'a> {
    #[cold]
    fn error(&self, what: &'static str) -> Fail {
        Fail(Box::new((what, self.pos)))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Consumes `byte` (after whitespace) or fails.
    fn expect(&mut self, byte: u8, what: &'static str) -> Result<(), Fail> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    /// A value at nesting `depth` (of the enclosing container; the
    /// outermost object is depth 1). Recursion is bounded by [`MAX_DEPTH`].
    fn value(&mut self, depth: usize) -> Result<Value<'a>, Fail> {
        self.skip_ws();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("unexpected end of input")),
        }
    }

    fn literal(&mut self, word: &'static str, value: Value<'a>) -> Result<Value<'a>, Fail> {
        if self.bytes.get(self.pos..).is_some_and(|rest| rest.starts_with(word.as_bytes())) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn enter(&self, depth: usize) -> Result<(), Fail> {
        const _: () = assert!(MAX_DEPTH == 32, "update the message below");
        if depth > MAX_DEPTH { Err(self.error("nesting deeper than 32")) } else { Ok(()) }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, Fail> {
        self.enter(depth)?;
        self.pos += 1; // `{`
        let mut members = Vec::with_capacity(8);
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(Object { members }));
        }
        // Members are kept sorted by inserting each from the end, at most
        // `SHIFTS` places back: the handful of members a JOSE header or a
        // claims set has, often in order, cost no sort and no second buffer,
        // and a duplicate is found at its own position. A member that would
        // go further back (adversarial order: descending, interleaved) is
        // appended instead, and the object is sorted once when it closes,
        // so no input costs more than O(SHIFTS·n + n log n) comparisons.
        const SHIFTS: usize = 8;
        // Where each appended member ended (for the duplicate's position),
        // from `tail` on; `None` while every member was inserted in place.
        let mut tail: Option<(usize, Vec<usize>)> = None;
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a member name"));
            }
            let name = self.string()?;
            self.expect(b':', "expected ':'")?;
            self.skip_ws();
            // Strings and numbers, the usual members, without the recursive
            // call (measurably cheaper: no large `Result` through memory).
            let value = match self.peek() {
                Some(b'"') => Value::String(self.string()?),
                Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
                _ => self.value(depth)?,
            };
            match &mut tail {
                None => {
                    let mut at = members.len();
                    let floor = at.saturating_sub(SHIFTS);
                    let mut placed = false;
                    while let Some((k, _)) = at.checked_sub(1).and_then(|i| members.get(i)) {
                        match name_cmp(k, &name) {
                            std::cmp::Ordering::Equal => return Err(self.error("duplicate member name")),
                            std::cmp::Ordering::Less => {
                                placed = true;
                                break;
                            }
                            std::cmp::Ordering::Greater if at == floor => break,
                            std::cmp::Ordering::Greater => at -= 1,
                        }
                    }
                    if placed || at == 0 {
                        members.insert(at, (name, value));
                    } else {
                        tail = Some((members.len(), vec![self.pos]));
                        members.push((name, value));
                    }
                }
                Some((_, ends)) => {
                    ends.push(self.pos);
                    members.push((name, value));
                }
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
        if let Some((start, ends)) = tail {
            members = sort_members(members, start, &ends).map_err(|at| Fail(Box::new(("duplicate member name", at))))?;
        }
        Ok(Value::Object(Object { members }))
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, Fail> {
        self.enter(depth)?;
        self.pos += 1; // `[`
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    /// Moves to the next `"`, `\` or control character of a string, eight
    /// bytes at a time while none is in sight.
    #[inline(always)]
    fn skip_plain(&mut self) {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let mut i = 0;
        while let Some(chunk) = rest.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([b'"'; 8]));
            if needs_attention(word) {
                break;
            }
            i += 8;
        }
        while let Some(&b) = rest.get(i) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            i += 1;
        }
        self.pos += i;
    }

    /// A string; the cursor is on its opening quote. The common case (no
    /// escape) is inlined into the callers; the rest is [`Self::string_rest`].
    #[inline(always)]
    fn string(&mut self) -> Result<Cow<'a, str>, Fail> {
        self.pos += 1;
        let start = self.pos;
        self.skip_plain();
        if self.peek() == Some(b'"') {
            if let Some(s) = self.text.get(start..self.pos) {
                self.pos += 1;
                return Ok(Cow::Borrowed(s));
            }
        }
        self.string_rest(start)
    }

    /// A string with an escape, or an error; `start` is its first byte and
    /// the cursor is on the first byte [`Self::skip_plain`] stopped at.
    #[cold]
    #[inline(never)]
    fn string_rest(&mut self, start: usize) -> Result<Cow<'a, str>, Fail> {
        match self.peek() {
            Some(b'\\') => {}
            Some(b'"') => return Err(self.error("string")),
            Some(_) => return Err(self.error("control character in string")),
            None => return Err(self.error("unterminated string")),
        }
        // Escapes: build an owned string.
        let mut out = String::from(self.text.get(start..self.pos).ok_or_else(|| self.error("string"))?);
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = self.peek().ok_or_else(|| self.error("unterminated string"))?;
                    self.pos += 1;
                    match escaped {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => return Err(self.error("invalid escape")),
                    }
                }
                Some(b) if b < 0x20 => return Err(self.error("control character in string")),
                Some(_) => {
                    let run = self.pos;
                    self.skip_plain();
                    out.push_str(self.text.get(run..self.pos).ok_or_else(|| self.error("string"))?);
                }
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Fail> {
        let digits = self.text.get(self.pos..self.pos + 4).ok_or_else(|| self.error("invalid \\u escape"))?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error("invalid \\u escape"));
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape"))
    }

    /// After `\u`: one code point, a surrogate pair taken together; a lone
    /// surrogate is refused (RFC 8259 §8.2, I-JSON §2.1).
    fn unicode_escape(&mut self) -> Result<char, Fail> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.bytes.get(self.pos..).is_some_and(|rest| rest.starts_with(b"\\u")) {
                    return Err(self.error("lone leading surrogate in \\u escape"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in \\u escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in \\u escape")),
            c => c,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))
    }

    /// A number (RFC 8259 §6 grammar), kept as `serde_json` keeps it.
    fn number(&mut self) -> Result<Number, Fail> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        // The integer part's value, read while scanning it; exact for up to
        // 19 digits (below 10¹⁹ < 2⁶⁴), recomputed with checks beyond.
        let mut value = 0u64;
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                while let Some(d @ b'0'..=b'9') = self.peek() {
                    value = value.wrapping_mul(10).wrapping_add(u64::from(d.wrapping_sub(b'0')));
                    self.pos += 1;
                }
            }
            _ => return Err(self.error("invalid number")),
        }
        if matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.error("invalid number: leading zero"));
        }
        let int_end = self.pos;
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            self.digits();
        }
        if integer {
            let magnitude = if int_end - int_start <= 19 {
                Some(value)
            } else {
                self.bytes
                    .get(int_start..int_end)
                    .unwrap_or_default()
                    .iter()
                    .try_fold(0u64, |acc, d| acc.checked_mul(10).and_then(|a| a.checked_add(u64::from(d.wrapping_sub(b'0')))))
            };
            match (magnitude, negative) {
                (Some(m), false) => return Ok(Number::U64(m)),
                // As serde_json: −0 is the float −0.0; a magnitude beyond
                // 2⁶³ falls through to the float below.
                (Some(m), true) if m != 0 && m <= 1u64 << 63 => {
                    return Ok(Number::I64(0i64.wrapping_sub_unsigned(m)));
                }
                _ => {}
            }
        }
        let literal = self.text.get(start..self.pos).ok_or_else(|| self.error("invalid number"))?;
        match literal.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Number::F64(f)),
            _ => Err(self.error("number out of range")),
        }
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
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
        // Inside a member, so that the depth bound (not "not a JSON object")
        // is what refuses it, without recursing 100,000 levels.
        let deep = format!("{{\"a\":{}", "[".repeat(100_000));
        assert_eq!(parse_object(deep.as_bytes()).err().as_deref(), Some("nesting deeper than 32 at byte 36"));
        let deep = format!("{{\"a\":{}", "{\"a\":".repeat(100_000));
        assert!(parse_object(deep.as_bytes()).is_err_and(|e| e.starts_with("nesting deeper than 32")));
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
    fn name_order_is_str_order() {
        let names = [
            "",
            "a",
            "a\u{0}",
            "a\u{0}\u{0}",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefgh\u{0}",
            "abcdefghi",
            "abcdefgz",
            "b",
            "alg",
            "kid",
            "typ",
            "iat",
            "iss",
            "exp",
            "sub",
            "é",
            "e\u{301}",
            "\u{7f}",
            "\u{ff}",
            "zzzzzzzzzzzz",
            "zzzzzzzz",
            "zzzzzzz",
        ];
        for a in names {
            for b in names {
                assert_eq!(name_cmp(a, b), a.cmp(b), "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn numbers_keep_their_form() {
        let o = parse_object(br#"{"u":1,"i":-1,"f":1.5,"big":18446744073709551616,"tiny":1e-400}"#).unwrap_or_default();
        assert_eq!(o.get("u"), Some(&Value::Number(Number::U64(1))));
        assert_eq!(o.get("i"), Some(&Value::Number(Number::I64(-1))));
        assert_eq!(o.get("f"), Some(&Value::Number(Number::F64(1.5))));
        assert_eq!(o.get("big"), Some(&Value::Number(Number::F64(18446744073709551616.0))));
        assert_eq!(o.get("tiny"), Some(&Value::Number(Number::F64(0.0))));
        // The limits of the fast path (19 digits) and of 64 bits.
        for (text, n) in [
            ("9999999999999999999", Number::U64(9_999_999_999_999_999_999)),
            ("18446744073709551615", Number::U64(u64::MAX)),
            ("-9223372036854775808", Number::I64(i64::MIN)),
            ("-9223372036854775809", Number::F64(-9_223_372_036_854_775_809.0)),
            ("18446744073709551616", Number::F64(18_446_744_073_709_551_616.0)),
            ("1700000000", Number::U64(1_700_000_000)),
            ("-0", Number::F64(-0.0)),
        ] {
            let json = format!(r#"{{"n":{text}}}"#);
            let parsed = parse_object(json.as_bytes()).ok();
            assert_eq!(parsed.as_ref().and_then(|o| o.get("n")), Some(&Value::Number(n)), "{text}");
        }
        for bad in ["00", "-01", "1.", ".5", "1e", "+1", "0x1"] {
            assert!(!ok(&format!(r#"{{"n":{bad}}}"#)), "{bad} must be refused");
        }
    }

    /// `count` members `"m00000":0, …` in the given order of their indices.
    fn members(order: impl Iterator<Item = usize>) -> String {
        let body: Vec<String> = order.map(|i| format!("\"m{i:05}\":{i}")).collect();
        format!("{{{}}}", body.join(","))
    }

    fn interleaved(n: usize) -> impl Iterator<Item = usize> {
        (0..n).map(move |i| if i % 2 == 0 { i / 2 } else { n - 1 - i / 2 })
    }

    #[test]
    fn any_member_order_gives_the_same_sorted_object() {
        let n = 3000;
        let text = members(0..n);
        let ascending = parse_object(text.as_bytes()).unwrap_or_default();
        assert_eq!(ascending.len(), n);
        let names: Vec<&str> = ascending.keys().map(|k| k.as_ref()).collect();
        assert!(names.is_sorted(), "members are kept sorted");
        for (what, text) in [
            ("descending", members((0..n).rev())),
            ("interleaved", members(interleaved(n))),
            ("rotated", members((0..n).map(|i| (i + n / 2) % n))),
            ("stride", members((0..n).map(|i| (i * 7) % n))),
        ] {
            let o = parse_object(text.as_bytes()).unwrap_or_default();
            assert_eq!(o, ascending, "{what}");
            assert_eq!(o.get("m01234"), Some(&Value::Number(Number::U64(1234))), "{what}: lookups work");
        }
    }

    #[test]
    fn duplicates_are_found_in_any_order_at_the_second_occurrence() {
        // The error names the byte after the duplicate's value, as when
        // the duplicate is found on insertion.
        let at = |text: &str| parse_object(text.as_bytes()).err();
        assert_eq!(at(r#"{"a":1,"b":2,"a":3}"#).as_deref(), Some("duplicate member name at byte 18"));
        // Far apart in a long, descending object: found by the final sort,
        // at the same position.
        let n = 100;
        let mut order: Vec<usize> = (0..n).rev().collect();
        order.push(n - 1); // the first member again, last
        let text = members(order.into_iter());
        let last = text.len() - 1; // the closing brace
        assert_eq!(at(&text), Some(format!("duplicate member name at byte {last}")));
        // Two duplicates: the earlier second occurrence is reported.
        let mut order: Vec<usize> = (0..n).rev().collect();
        order.extend([5, 90]);
        let text = members(order.into_iter());
        let first_dup_end = text.rfind(",\"m00090\"").unwrap_or_default();
        assert_eq!(at(&text), Some(format!("duplicate member name at byte {first_dup_end}")));
        // A duplicate of a member of the in-order prefix, after the switch.
        let mut order: Vec<usize> = (0..20).collect();
        order.extend([50, 40, 30, 3]);
        assert!(at(&members(order.into_iter())).is_some_and(|e| e.starts_with("duplicate member name")));
        // Duplicates among members appended after the switch.
        let mut order: Vec<usize> = (0..20).rev().collect();
        order.extend([99, 98, 99]);
        assert!(at(&members(order.into_iter())).is_some_and(|e| e.starts_with("duplicate member name")));
        // And at depth, in a nested object.
        let inner = members((0..50).rev().chain([49]));
        assert!(at(&format!(r#"{{"x":{inner}}}"#)).is_some_and(|e| e.starts_with("duplicate member name")));
    }
}
