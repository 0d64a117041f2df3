//! The `verify` target's input: a token, a key choice and a vector's
//! `validation`, read from bytes with [`arbitrary::Unstructured`].
//!
//! # Layout
//!
//! ```text
//! TOKEN [0xFF CONFIG]
//! ```
//!
//! `TOKEN` runs up to the first `0xFF` byte (a byte UTF-8 never holds, so a
//! raw compact token is a valid input on its own: a vector token is a useful
//! seed as it is, and the config then reads as all zeros). `CONFIG` is read
//! field by field; a field past the end of the data reads as zero:
//!
//! | bytes | field |
//! |---|---|
//! | 1 | flags: bit 0 re-sign, 1 clock in ns, 2 `leeway`, 3 `required_claims`, 4 `audience`, 5 `issuer`, 6 `subject`, 7 `max_age` |
//! | 1 | flags: bit 0 `origin`, 1 `payload` given, 2 `payload` is `opaque` |
//! | 1 | profile: value mod (`Profile::ALL.len()` + 1): 0 none, i the i-th of `Profile::ALL` |
//! | 2 | allow-list, u16 LE: bit i = `Algorithm::ALL[i]`, the next bit (`Algorithm::ALL.len()`) = `none`; no bit set = every algorithm |
//! | 1 | key: value mod 17 (0 none, 1–15 a corpus key, 16 an inline JWK) |
//! | str | corpus key: a `kid` to set (empty: the key's own, none) |
//! | u16 LE + bytes | inline key: the JWK's JSON text |
//! | 8 or 16 | `now` (i64 LE seconds) or `now_ns` (i128 LE) |
//! | 8 | `leeway` (u64 LE), if flagged |
//! | 1 + str… | `required_claims`: a count, then that many strings, if flagged |
//! | 1 + str… | `audience`, likewise, if flagged |
//! | str | `issuer`, if flagged |
//! | str | `subject`, if flagged |
//! | 8 | `max_age` (u64 LE), if flagged |
//! | str | `origin`, if flagged |
//!
//! `str` is a length byte and that many bytes (lossy UTF-8). With the re-sign
//! flag, `TOKEN` is `HEADER [0xFE PAYLOAD]`, the decoded JSON texts: the
//! harness base64url-encodes them and signs `header.payload` under the
//! header's `alg` with the chosen key's private part (HMAC, ECDSA, EdDSA; an
//! RSA key or an `alg` that does not fit leaves the signature empty). The
//! fuzzer then mutates claims as JSON and still passes the signature check,
//! which opens steps 8–13 (STYLE item 5, without touching the reference).
//!
//! [`VerifyInput::to_bytes`] writes this layout, so seeds built from vector
//! cases read back as the same case (`decode(encode(x)) == x`, pinned by the
//! tests; an `arbitrary` release that changed how integers are read would
//! fail them).

use std::borrow::Cow;

use arbitrary::Unstructured;
use jwtproof_reference::{Algorithm, AllowedEntry, Clock, Jwk, PayloadKind, Profile, Validation};
use jwtproof_vectors::ValidationSpec;
use serde_json::Value;

use crate::keys::{self, JwkMap};
use crate::oracle;

/// Separates the token from the config.
pub const CONFIG_MARK: u8 = 0xFF;
/// Separates the header from the payload in a re-sign token.
pub const PAYLOAD_MARK: u8 = 0xFE;

/// The token part of a [`VerifyInput`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenInput {
    /// A compact serialization, as the verifier receives it (skipped when
    /// not UTF-8: the verifier takes a `&str`).
    Compact(Vec<u8>),
    /// Decoded header and payload that the harness encodes and signs.
    Resign {
        /// The header's JSON text.
        header: Vec<u8>,
        /// The payload.
        payload: Vec<u8>,
    },
}

/// Which key the verifier receives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyChoice {
    /// No key.
    None,
    /// The public part of a corpus key ([`keys::all`]), with `kid` set to
    /// this value when given.
    Corpus {
        /// Index into [`keys::all`].
        index: usize,
        /// A `kid` member to set.
        kid: Option<String>,
    },
    /// A JWK given as JSON text.
    Inline(String),
}

/// One `verify` input.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifyInput {
    /// The token.
    pub token: TokenInput,
    /// The key.
    pub key: KeyChoice,
    /// The verifier's settings, as a vector writes them.
    pub validation: ValidationSpec,
}

/// The allow-list bit of `none`, after one bit per algorithm (the u16
/// mask has room for 15 algorithms; the assertion keeps it so).
const ALLOW_NONE_BIT: u16 = 1 << Algorithm::ALL.len();
/// Every allow-list bit the mask reads.
const ALLOW_BITS: u16 = (ALLOW_NONE_BIT << 1) - 1;
const _: () = assert!(Algorithm::ALL.len() < 16, "the allow-list mask is a u16");

fn int<T: for<'a> arbitrary::Arbitrary<'a> + Default>(u: &mut Unstructured<'_>) -> T {
    u.arbitrary().unwrap_or_default()
}

fn bytes<'a>(u: &mut Unstructured<'a>, len: usize) -> &'a [u8] {
    u.bytes(len.min(u.len())).unwrap_or_default()
}

fn string(u: &mut Unstructured<'_>) -> String {
    let len: u8 = int(u);
    String::from_utf8_lossy(bytes(u, usize::from(len))).into_owned()
}

fn strings(u: &mut Unstructured<'_>) -> Vec<String> {
    let count: u8 = int(u);
    (0..count).map(|_| string(u)).collect()
}

fn put_string(out: &mut Vec<u8>, s: &str) {
    // Cut at 255 bytes, on a character boundary.
    let mut end = s.len().min(255);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = s.get(..end).unwrap_or_default();
    out.push(u8::try_from(cut.len()).unwrap_or(u8::MAX));
    out.extend_from_slice(cut.as_bytes());
}

fn put_strings(out: &mut Vec<u8>, list: &[String]) {
    let n = list.len().min(255);
    out.push(u8::try_from(n).unwrap_or(u8::MAX));
    for s in list.iter().take(n) {
        put_string(out, s);
    }
}

impl VerifyInput {
    /// Reads an input; every byte string is one.
    pub fn from_bytes(data: &[u8]) -> VerifyInput {
        let (token, config) = match data.iter().position(|&b| b == CONFIG_MARK) {
            Some(i) => (data.get(..i).unwrap_or_default(), data.get(i + 1..).unwrap_or_default()),
            None => (data, &[][..]),
        };
        let mut u = Unstructured::new(config);
        let flags: u8 = int(&mut u);
        let flags2: u8 = int(&mut u);
        let bit = |f: u8, i: u8| f & (1 << i) != 0;
        let profile_byte: u8 = int(&mut u);
        // 0: no profile; i: the i-th of `Profile::ALL` (every profile reachable).
        let choices = u8::try_from(Profile::ALL.len() + 1).unwrap_or(u8::MAX);
        let profile = match profile_byte % choices {
            0 => None,
            i => Profile::ALL.get(usize::from(i - 1)).copied(),
        };
        let mask: u16 = int(&mut u);
        let mut algorithms: Vec<AllowedEntry> =
            Algorithm::ALL.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, a)| AllowedEntry::Alg(*a)).collect();
        if mask & ALLOW_NONE_BIT != 0 {
            algorithms.push(AllowedEntry::None);
        }
        if mask & ALLOW_BITS == 0 {
            algorithms = Algorithm::ALL.iter().map(|a| AllowedEntry::Alg(*a)).collect();
        }
        let key_byte: u8 = int(&mut u);
        let key = match usize::from(key_byte) % (keys::COUNT + 2) {
            0 => KeyChoice::None,
            i if i <= keys::COUNT => {
                let kid = string(&mut u);
                KeyChoice::Corpus { index: i - 1, kid: (!kid.is_empty()).then_some(kid) }
            }
            _ => {
                let len: u16 = int(&mut u);
                KeyChoice::Inline(String::from_utf8_lossy(bytes(&mut u, usize::from(len))).into_owned())
            }
        };
        let clock = if bit(flags, 1) { Clock::Nanos(int(&mut u)) } else { Clock::Seconds(int(&mut u)) };
        let leeway = bit(flags, 2).then(|| int::<u64>(&mut u));
        let required_claims = bit(flags, 3).then(|| strings(&mut u));
        let audience = bit(flags, 4).then(|| strings(&mut u));
        let issuer = bit(flags, 5).then(|| string(&mut u));
        let subject = bit(flags, 6).then(|| string(&mut u));
        let max_age = bit(flags, 7).then(|| int::<u64>(&mut u));
        let origin = bit(flags2, 0).then(|| string(&mut u));
        let payload = bit(flags2, 1).then_some(if bit(flags2, 2) { PayloadKind::Opaque } else { PayloadKind::Jwt });

        let token = if bit(flags, 0) {
            match token.iter().position(|&b| b == PAYLOAD_MARK) {
                Some(i) => TokenInput::Resign {
                    header: token.get(..i).unwrap_or_default().to_vec(),
                    payload: token.get(i + 1..).unwrap_or_default().to_vec(),
                },
                None => TokenInput::Resign { header: token.to_vec(), payload: Vec::new() },
            }
        } else {
            TokenInput::Compact(token.to_vec())
        };
        VerifyInput {
            token,
            key,
            validation: ValidationSpec {
                algorithms,
                clock,
                leeway,
                required_claims,
                audience,
                issuer,
                subject,
                max_age,
                origin,
                profile,
                payload,
            },
        }
    }

    /// Writes the layout [`VerifyInput::from_bytes`] reads. Exact for
    /// inputs that layout can hold (strings up to 255 bytes, lists up to
    /// 255 entries, an inline JWK up to 65,535 bytes, an allow-list in
    /// `Algorithm::ALL` order without duplicates, a token without
    /// `0xFE`/`0xFF` bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let v = &self.validation;
        let mut out = Vec::new();
        let resign = matches!(self.token, TokenInput::Resign { .. });
        match &self.token {
            TokenInput::Compact(t) => out.extend_from_slice(t),
            TokenInput::Resign { header, payload } => {
                out.extend_from_slice(header);
                out.push(PAYLOAD_MARK);
                out.extend_from_slice(payload);
            }
        }
        out.push(CONFIG_MARK);
        let flag = |on: bool, i: u8| if on { 1u8 << i } else { 0 };
        out.push(
            flag(resign, 0)
                | flag(matches!(v.clock, Clock::Nanos(_)), 1)
                | flag(v.leeway.is_some(), 2)
                | flag(v.required_claims.is_some(), 3)
                | flag(v.audience.is_some(), 4)
                | flag(v.issuer.is_some(), 5)
                | flag(v.subject.is_some(), 6)
                | flag(v.max_age.is_some(), 7),
        );
        out.push(flag(v.origin.is_some(), 0) | flag(v.payload.is_some(), 1) | flag(v.payload == Some(PayloadKind::Opaque), 2));
        out.push(match v.profile {
            None => 0,
            Some(p) => Profile::ALL.iter().position(|q| *q == p).map_or(0, |i| u8::try_from(i + 1).unwrap_or(0)),
        });
        let mut mask = 0u16;
        for entry in &v.algorithms {
            mask |= match entry {
                AllowedEntry::None => ALLOW_NONE_BIT,
                AllowedEntry::Alg(a) => Algorithm::ALL.iter().position(|b| b == a).map_or(0, |i| 1 << i),
            };
        }
        out.extend_from_slice(&mask.to_le_bytes());
        match &self.key {
            KeyChoice::None => out.push(0),
            KeyChoice::Corpus { index, kid } => {
                out.push(u8::try_from(index + 1).unwrap_or(0));
                put_string(&mut out, kid.as_deref().unwrap_or_default());
            }
            KeyChoice::Inline(text) => {
                out.push(u8::try_from(keys::COUNT + 1).unwrap_or(0));
                let len = u16::try_from(text.len()).unwrap_or(u16::MAX);
                out.extend_from_slice(&len.to_le_bytes());
                out.extend_from_slice(text.as_bytes().get(..usize::from(len)).unwrap_or_default());
            }
        }
        match v.clock {
            Clock::Seconds(s) => out.extend_from_slice(&s.to_le_bytes()),
            Clock::Nanos(n) => out.extend_from_slice(&n.to_le_bytes()),
        }
        if let Some(l) = v.leeway {
            out.extend_from_slice(&l.to_le_bytes());
        }
        if let Some(list) = &v.required_claims {
            put_strings(&mut out, list);
        }
        if let Some(list) = &v.audience {
            put_strings(&mut out, list);
        }
        if let Some(s) = &v.issuer {
            put_string(&mut out, s);
        }
        if let Some(s) = &v.subject {
            put_string(&mut out, s);
        }
        if let Some(m) = v.max_age {
            out.extend_from_slice(&m.to_le_bytes());
        }
        if let Some(s) = &v.origin {
            put_string(&mut out, s);
        }
        out
    }

    /// The input for a vector case: its token as written (`resign: false`),
    /// or its decoded header and payload to be re-signed with its key
    /// (`resign: true`; `None` when the token's segments do not decode or
    /// hold a `0xFE`/`0xFF` byte).
    /// A case key equal to a corpus key's public part (up to `kid`) is
    /// named by index; any other is given inline.
    pub fn from_case(token: &str, key: Option<&JwkMap>, validation: &ValidationSpec, resign: bool) -> Option<VerifyInput> {
        let token = if resign {
            let mut it = token.split('.');
            let header = oracle::b64_decode(it.next()?)?;
            let payload = oracle::b64_decode(it.next()?)?;
            // The layout cannot hold a mark byte in the header or payload.
            if header.iter().chain(&payload).any(|&b| b == CONFIG_MARK || b == PAYLOAD_MARK) {
                return None;
            }
            TokenInput::Resign { header, payload }
        } else {
            TokenInput::Compact(token.as_bytes().to_vec())
        };
        let key = match key {
            None => KeyChoice::None,
            Some(jwk) => {
                let mut without_kid = keys::public_part(jwk);
                let kid = without_kid.remove("kid");
                let corpus = keys::all().iter().position(|k| k.public == without_kid);
                match (corpus, kid) {
                    (Some(index), None) => KeyChoice::Corpus { index, kid: None },
                    (Some(index), Some(Value::String(kid))) if !kid.is_empty() && kid.len() <= 255 => {
                        KeyChoice::Corpus { index, kid: Some(kid) }
                    }
                    _ => KeyChoice::Inline(Value::Object(keys::public_part(jwk)).to_string()),
                }
            }
        };
        Some(VerifyInput { token, key, validation: validation.clone() })
    }

    /// The public JWK the verifier receives, as a JSON object (`None` for no
    /// key, or an inline JWK that is not a JSON object).
    pub fn public_jwk(&self) -> Option<JwkMap> {
        match &self.key {
            KeyChoice::None => None,
            KeyChoice::Corpus { index, kid } => {
                let mut jwk = keys::all().get(*index)?.public.clone();
                if let Some(kid) = kid {
                    jwk.insert("kid".to_owned(), Value::String(kid.clone()));
                }
                Some(jwk)
            }
            KeyChoice::Inline(text) => match serde_json::from_str(text) {
                Ok(Value::Object(m)) => Some(m),
                _ => None,
            },
        }
    }

    /// The key as the reference takes it (built once for a corpus key
    /// without a `kid` override).
    pub fn reference_jwk(&self) -> Option<Cow<'static, Jwk>> {
        match &self.key {
            KeyChoice::None => None,
            KeyChoice::Corpus { index, kid: None } => keys::all().get(*index).map(|k| Cow::Borrowed(&k.reference)),
            KeyChoice::Corpus { .. } => self.public_jwk().map(|m| Cow::Owned(Jwk::from_map(&m))),
            KeyChoice::Inline(text) => Some(Cow::Owned(Jwk::from_json(text))),
        }
    }

    /// The compact token the verifier receives: a [`TokenInput::Compact`]
    /// as written (`None` when not UTF-8), or a [`TokenInput::Resign`]
    /// encoded and signed.
    pub fn token(&self) -> Option<String> {
        match &self.token {
            TokenInput::Compact(t) => std::str::from_utf8(t).ok().map(str::to_owned),
            TokenInput::Resign { header, payload } => {
                let input = format!("{}.{}", oracle::b64_encode(header), oracle::b64_encode(payload));
                let alg = serde_json::from_slice::<Value>(header).ok().and_then(|h| h.get("alg")?.as_str().map(str::to_owned));
                let private = match &self.key {
                    KeyChoice::Corpus { index, .. } => keys::all().get(*index).map(|k| k.private.clone()),
                    _ => self.public_jwk(),
                };
                let signature = match (alg, private) {
                    (Some(alg), Some(jwk)) => oracle::sign(&alg, &jwk, input.as_bytes()).unwrap_or_default(),
                    _ => Vec::new(),
                };
                Some(format!("{input}.{}", oracle::b64_encode(&signature)))
            }
        }
    }
}

/// The reference's settings for a vector's `validation` (as the harness
/// builds them); `None` for an empty allow-list.
pub fn reference_validation(spec: &ValidationSpec) -> Option<Validation> {
    spec.to_validation().ok()
}
