//! The jwtproof reference verifier: a strict JWS/JWT verifier that
//! implements `verification-rules.md` exactly.
//!
//! ```
//! use jwtproof_reference::{verify, Algorithms, Clock, ErrorKind, Jwk, Validation};
//!
//! // The classic jwt.io example token, signed with `your-256-bit-secret`.
//! let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
//!              eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.\
//!              SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
//! let validation = Validation::new(Algorithms::from_names(["HS256"])?, Clock::Seconds(1_516_239_022));
//!
//! // The secret is 19 bytes: shorter than HS256's 32 (RFC 7518 §3.2).
//! let short = Jwk::from_json(r#"{"kty":"oct","k":"eW91ci0yNTYtYml0LXNlY3JldA"}"#);
//! let err = verify(token, Some(&short), &validation).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::KeyMismatch);
//!
//! // A wrong but long enough key gets as far as the signature.
//! let other = Jwk::from_json(r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#);
//! let err = verify(token, Some(&other), &validation).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::InvalidSignature);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Invariants
//!
//! - **No clock.** The time is always [`Validation`]'s [`Clock`].
//! - **The key is the caller's.** `jwk`, `jku`, `x5u`, `x5c` and `kid` in a
//!   header never select or supply a key.
//! - **No panic, bounded work.** Tokens over the size limit are refused
//!   before decoding; every step is linear in the token's length except
//!   sorting a JSON object's members (O(n log n) comparisons, whatever the
//!   members' order); JSON nesting is bounded ([`json::MAX_DEPTH`]); RSA
//!   moduli are bounded ([`jwk::MAX_RSA_BITS`]); the payload is parsed only
//!   after its signature verified. The crate denies `unwrap`, `expect`,
//!   `panic!` and slice indexing.
//! - **One verdict.** A rejected token gets exactly one [`ErrorKind`]: that
//!   of the first failing check in the spec's order (1–13).
//!
//! # Readings of the spec
//!
//! Where `verification-rules.md` leaves a choice, the reference takes these
//! (each is pinned by a vector):
//! - A NumericDate is the JSON number as parsed: integer literals within 64
//!   bits exactly, anything else as the nearest f64, compared exactly (no
//!   truncation of fractions); see [`time`](crate::time).
//! - JSON nesting depth counts containers: the outermost object is depth 1.
//! - A base64urlUInt with a leading zero octet, or an EC coordinate that is
//!   not exactly the field size, makes the JWK unusable (RFC 7518 §6).
//! - RSA moduli above 8192 bits make the JWK unusable (bounded cost).
//! - An RSA public exponent must be odd with 3 ≤ e < n (RFC 8017 §3.1, spec
//!   step 6); one above 2³³ − 1, which RFC 8017 allows, also makes the JWK
//!   unusable: both crypto backends refuse it (as ring and BoringSSL do),
//!   and no deployed key uses one.
//! - An empty payload segment is valid for a plain JWS (`payload: opaque`,
//!   signing input `<header>.`) and `malformed` for a JWT.
//! - The bigone profile accepts `now` in seconds too (as `now × 10⁹` ns).
//! - The profile rules that the spec does not tie to an earlier step
//!   (bigone's `type` value and `nonce`/`recv_window` format and window,
//!   voicegain's origin, aspose's lifetime) run at step 13, after the generic
//!   claim checks, in that order.
//! - voicegain: an `Origin` is reduced to its host by dropping a
//!   `scheme://` prefix, anything from the first `/`, `?` or `#`, and a
//!   `:port` suffix; `aud` patterns are compared case-insensitively but
//!   otherwise literally. A token without `aud` matches no origin.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
#![warn(missing_docs)]

mod algorithm;
mod b64;
mod backend;
mod claims;
mod crypto;
#[cfg(feature = "aws-lc-rs")]
mod ed25519;
mod error;
pub mod json;
pub mod jwk;
mod key;
mod names;
mod profile;
pub(crate) mod time;
mod validation;

pub use algorithm::{Algorithm, AllowedEntry, Curve, Family, Hash, Info as AlgorithmInfo};
pub use b64::encode as base64url_encode;
pub use backend::Backend;
pub use error::{Detail, Error, ErrorKind, KeyProblem, Segment};
pub use jwk::Jwk;
pub use names::Vocabulary;
pub use profile::{Info as ProfileInfo, Profile};
pub use validation::{Algorithms, Clock, ConfigError, DEFAULT_MAX_TOKEN_LEN, PayloadKind, Validation};

use claims::Audience;
use error::Detail as D;
use json::{Object, Value};
use key::Material;
use time::NumericDate;

/// The signature layer alone (spec step 7), for testing it against
/// primitive test vectors (Wycheproof): no token, no step 6 policy beyond
/// the key's type fitting the algorithm.
#[doc(hidden)]
pub mod primitives {
    use crate::{Algorithm, Jwk};

    /// Whether `signature` verifies over `message` under `alg` with `jwk`
    /// (false when the key is unusable or does not fit `alg`).
    pub fn verify_signature(jwk: &Jwk, alg: Algorithm, message: &[u8], signature: &[u8]) -> bool {
        match &jwk.material {
            Ok(m) if m.fits(alg) => jwk.verify_signature(m, alg, message, signature).is_ok(),
            _ => false,
        }
    }
}

/// A token that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    algorithm: Algorithm,
    payload: Vec<u8>,
}

impl Verified {
    /// The token's (allowed) algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The decoded payload (a JSON claims set unless the validation said
    /// [`PayloadKind::Opaque`]).
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }
}

fn fail<T>(detail: Detail) -> Result<T, Error> {
    Err(Error::new(detail))
}

/// The decoded parts of a compact JWS (spec steps 1 and 2 passed).
#[derive(Clone, Debug, PartialEq)]
pub struct Parts<'t> {
    /// The header segment, as written.
    pub header_b64: &'t str,
    /// The payload segment, as written.
    pub payload_b64: &'t str,
    /// The signature segment, as written.
    pub signature_b64: &'t str,
    /// The decoded payload, header and signature, one after another: one
    /// allocation per token instead of three (measurable on HS256, where
    /// the MAC is a quarter of the cost); the payload comes first so that
    /// [`Verified`] keeps the buffer without copying.
    decoded: Vec<u8>,
    payload_len: usize,
    header_len: usize,
}

impl Parts<'_> {
    /// The decoded header bytes.
    pub fn header(&self) -> &[u8] {
        self.decoded.get(self.payload_len..self.payload_len + self.header_len).unwrap_or_default()
    }

    /// The decoded payload bytes.
    pub fn payload(&self) -> &[u8] {
        self.decoded.get(..self.payload_len).unwrap_or_default()
    }

    /// The decoded signature bytes.
    pub fn signature(&self) -> &[u8] {
        self.decoded.get(self.payload_len + self.header_len..).unwrap_or_default()
    }

    /// The decoded payload, keeping the buffer.
    fn into_payload(self) -> Vec<u8> {
        let mut decoded = self.decoded;
        decoded.truncate(self.payload_len);
        decoded
    }
}

/// Spec step 1: size, three segments, a non-empty header, strict
/// base64url. The payload segment may be empty here (RFC 7515 allows an
/// empty JWS payload); [`verify`] refuses an empty one for a JWT.
pub fn split(token: &str, max_len: usize) -> Result<Parts<'_>, Error> {
    if token.len() > max_len {
        return fail(D::TooLong { len: token.len(), max: max_len });
    }
    // `memchr` finds the dots with SIMD (`str::split` was ~4% of an HS256
    // verification).
    let mut dots = memchr::memchr_iter(b'.', token.as_bytes());
    let (Some(d1), Some(d2), None) = (dots.next(), dots.next(), dots.next()) else {
        return fail(D::SegmentCount);
    };
    let (Some(h), Some(p), Some(s)) = (token.get(..d1), token.get(d1 + 1..d2), token.get(d2 + 1..)) else {
        return fail(D::SegmentCount);
    };
    if h.is_empty() {
        return fail(D::EmptySegment(Segment::Header));
    }
    // Errors in the spec's order: header, payload, signature. The header
    // is decoded first, then moved behind the payload (a few dozen bytes).
    let mut decoded = Vec::with_capacity(b64::decoded_capacity(h.len() + p.len() + s.len()));
    b64::decode_append(h, &mut decoded).ok_or_else(|| Error::new(D::Base64(Segment::Header)))?;
    let header_len = decoded.len();
    b64::decode_append(p, &mut decoded).ok_or_else(|| Error::new(D::Base64(Segment::Payload)))?;
    decoded.rotate_left(header_len);
    let payload_len = decoded.len() - header_len;
    b64::decode_append(s, &mut decoded).ok_or_else(|| Error::new(D::Base64(Segment::Signature)))?;
    Ok(Parts { header_b64: h, payload_b64: p, signature_b64: s, decoded, payload_len, header_len })
}

fn parse_json(bytes: &[u8], segment: Segment) -> Result<Object<'_>, Error> {
    json::parse_object(bytes).map_err(|message| Error::new(D::Json { segment, message }))
}

/// Verifies a compact JWS/JWT with the caller's key, in the spec's order.
///
/// `key` is the caller's JWK, or `None` (which fails at step 6 for any
/// token that gets that far).
pub fn verify(token: &str, key: Option<&Jwk>, validation: &Validation) -> Result<Verified, Error> {
    // 1. Size and structure.
    let parts = split(token, validation.max_token_len)?;
    if parts.payload_b64.is_empty() && validation.payload != PayloadKind::Opaque {
        return fail(D::EmptySegment(Segment::Payload));
    }
    // 2. Header JSON.
    let header = parse_json(parts.header(), Segment::Header)?;
    // 3. Header rules.
    let alg_name = check_header(&header, validation.profile)?;
    // 4. Algorithm.
    let alg = check_algorithm(alg_name, validation)?;
    // 5. crit: we understand no extension.
    if header.contains_key("crit") {
        return fail(D::Crit);
    }
    // 6. Key.
    let (jwk, material) = check_key(key, alg, &header, validation.profile)?;
    // 7. Signature, over the segments exactly as received.
    let signing_input_len = parts.header_b64.len() + 1 + parts.payload_b64.len();
    let signing_input = token.as_bytes().get(..signing_input_len).unwrap_or_default();
    jwk.verify_signature(material, alg, signing_input, parts.signature()).map_err(Error::new)?;
    if validation.payload == PayloadKind::Opaque {
        return Ok(Verified { algorithm: alg, payload: parts.into_payload() });
    }
    // 8. Payload JSON: only now, once the bytes are authenticated (spec,
    // "Bounded work": unauthenticated bytes are parsed only as far as the
    // step that needs them).
    let claims = parse_json(parts.payload(), Segment::Payload)?;
    // 9–13. Claims.
    check_claims(&claims, validation)?;
    drop(claims);
    Ok(Verified { algorithm: alg, payload: parts.into_payload() })
}

/// Step 3. Returns the `alg` value.
fn check_header<'h>(header: &'h Object<'_>, profile: Option<Profile>) -> Result<&'h str, Error> {
    let (mut alg, mut b64, mut crit) = (None, false, None);
    for (name, value) in header.iter() {
        match name.as_ref() {
            "alg" => alg = Some(value),
            "typ" | "cty" | "kid" if value.as_str().is_none() => {
                let member = match name.as_ref() {
                    "typ" => "typ",
                    "cty" => "cty",
                    _ => "kid",
                };
                // Members are sorted, so `alg` (if any) was seen: report it first.
                if !matches!(alg, Some(Value::String(_))) {
                    return fail(D::HeaderMember("alg"));
                }
                return fail(D::HeaderMember(member));
            }
            "b64" => b64 = true,
            "crit" => crit = Some(value),
            _ => {}
        }
    }
    let alg = match alg {
        Some(Value::String(s)) => s.as_ref(),
        _ => return fail(D::HeaderMember("alg")),
    };
    if b64 {
        let listed = matches!(crit, Some(Value::Array(names)) if names.iter().any(|n| n.as_str() == Some("b64")));
        if !listed {
            return fail(D::B64WithoutCrit);
        }
    }
    if let Some(p) = profile {
        profile::check_header(p, header)?;
    }
    Ok(alg)
}

/// Step 4.
fn check_algorithm(alg: &str, validation: &Validation) -> Result<Algorithm, Error> {
    if alg == "none" {
        return fail(D::AlgNone);
    }
    let narrowed = validation.profile.and_then(|p| p.info().algorithms);
    match Algorithm::from_name(alg) {
        Some(a) if validation.algorithms.contains(alg) && narrowed.is_none_or(|list| list.contains(&a)) => Ok(a),
        _ => fail(D::AlgorithmNotAllowed(alg.to_owned())),
    }
}

/// Step 6.
fn check_key<'k>(
    key: Option<&'k Jwk>,
    alg: Algorithm,
    header: &Object<'_>,
    profile: Option<Profile>,
) -> Result<(&'k Jwk, &'k Material), Error> {
    let bad = |p: KeyProblem| Error::new(D::Key(p));
    let key = key.ok_or_else(|| bad(KeyProblem::Missing))?;
    let material = key.material.as_ref().map_err(|why| bad(KeyProblem::Unusable(why.clone())))?;
    if !material.fits(alg) {
        return Err(bad(KeyProblem::WrongType));
    }
    match material {
        Material::Rsa(keys) if keys.bits < 2048 => return Err(bad(KeyProblem::RsaTooSmall)),
        Material::Oct(keys) => {
            let min = alg.min_hmac_key_len().unwrap_or_default();
            if keys.len < min && !profile.is_some_and(|p| p.info().short_hmac_keys) {
                return Err(bad(KeyProblem::HmacTooShort));
            }
        }
        _ => {}
    }
    if key.alg.as_deref().is_some_and(|a| a != alg.as_str()) {
        return Err(bad(KeyProblem::Alg));
    }
    if key.use_.as_deref().is_some_and(|u| u != "sig") {
        return Err(bad(KeyProblem::Use));
    }
    if key.key_ops.as_ref().is_some_and(|ops| !ops.iter().any(|o| o == "verify")) {
        return Err(bad(KeyProblem::KeyOps));
    }
    let header_kid = header.get("kid").and_then(Value::as_str);
    match (header_kid, key.kid.as_deref()) {
        (Some(h), Some(k)) if h != k => return Err(bad(KeyProblem::Kid)),
        (_, None) if profile.is_some_and(|p| p.info().key_kid) => return Err(bad(KeyProblem::Kid)),
        _ => {}
    }
    Ok((key, material))
}

/// The registered claims, found in one pass over the claims set.
#[derive(Default)]
struct Registered<'c, 'a> {
    exp: Option<&'c Value<'a>>,
    nbf: Option<&'c Value<'a>>,
    iat: Option<&'c Value<'a>>,
    iss: Option<&'c Value<'a>>,
    sub: Option<&'c Value<'a>>,
    jti: Option<&'c Value<'a>>,
    aud: Option<&'c Value<'a>>,
}

impl<'c, 'a> Registered<'c, 'a> {
    fn scan(claims: &'c Object<'a>) -> Self {
        let mut r = Registered::default();
        for (name, value) in claims.iter() {
            let slot = match name.as_ref() {
                "exp" => &mut r.exp,
                "nbf" => &mut r.nbf,
                "iat" => &mut r.iat,
                "iss" => &mut r.iss,
                "sub" => &mut r.sub,
                "jti" => &mut r.jti,
                "aud" => &mut r.aud,
                _ => continue,
            };
            *slot = Some(value);
        }
        r
    }

    fn present(&self, claims: &Object<'_>, name: &str) -> bool {
        match name {
            "exp" => self.exp.is_some(),
            "nbf" => self.nbf.is_some(),
            "iat" => self.iat.is_some(),
            "iss" => self.iss.is_some(),
            "sub" => self.sub.is_some(),
            "jti" => self.jti.is_some(),
            "aud" => self.aud.is_some(),
            other => claims.contains_key(other),
        }
    }
}

/// A NumericDate claim's value (its type was checked at step 9).
fn numeric_date(value: Option<&Value<'_>>) -> Option<NumericDate> {
    match value {
        Some(Value::Number(n)) => Some(NumericDate::from(*n)),
        _ => None,
    }
}

/// Steps 9–13.
fn check_claims(claims: &Object<'_>, v: &Validation) -> Result<(), Error> {
    let r = Registered::scan(claims);
    // 9. Types.
    for (name, value) in [("exp", r.exp), ("nbf", r.nbf), ("iat", r.iat)] {
        if value.is_some_and(|c| !matches!(c, Value::Number(_))) {
            return fail(D::ClaimType(name.to_owned()));
        }
    }
    for (name, value) in [("iss", r.iss), ("sub", r.sub), ("jti", r.jti)] {
        if value.is_some_and(|c| c.as_str().is_none()) {
            return fail(D::ClaimType(name.to_owned()));
        }
    }
    let aud = match r.aud {
        None => Audience::Absent,
        Some(Value::String(s)) => Audience::One(s.as_ref()),
        Some(Value::Array(items)) if items.iter().all(|i| i.as_str().is_some()) => Audience::Many(items),
        Some(_) => return fail(D::ClaimType("aud".to_owned())),
    };

    // 10. Presence, in a fixed order: the caller's list, then what the
    // settings and the profile imply.
    let implied =
        [v.audience.as_ref().map(|_| "aud"), v.issuer.as_ref().map(|_| "iss"), v.subject.as_ref().map(|_| "sub"), v.max_age.map(|_| "iat")];
    let profile_required = v.profile.map_or(&[][..], |p| p.info().required_claims);
    let required =
        v.required_claims.iter().map(String::as_str).chain(implied.into_iter().flatten()).chain(profile_required.iter().copied());
    for name in required {
        if !r.present(claims, name) {
            return fail(D::MissingClaim(name.to_owned()));
        }
    }

    // 11. Time.
    let now_ns = v.clock.as_nanos();
    if let Some(exp) = numeric_date(r.exp) {
        if time::is_expired(exp, now_ns, v.leeway) {
            return fail(D::Expired);
        }
    }
    if let Some(nbf) = numeric_date(r.nbf) {
        if time::is_not_yet_valid(nbf, now_ns, v.leeway) {
            return fail(D::NotYetValid);
        }
    }
    if let Some(iat) = numeric_date(r.iat) {
        if time::is_issued_in_future(iat, now_ns, v.leeway) {
            return fail(D::IssuedInFuture);
        }
        if let Some(max_age) = v.max_age {
            if time::is_too_old(iat, now_ns, max_age, v.leeway) {
                return fail(D::TooOld);
            }
        }
    }

    // 12. Audience, issuer, subject.
    let matched = match (&v.audience, v.profile.and_then(|p| p.info().default_audience)) {
        (Some(list), _) => Some(aud.any(|a| list.iter().any(|x| x == a))),
        (None, Some(list)) => Some(aud.any(|a| list.contains(&a))),
        (None, None) => None,
    };
    if matched == Some(false) {
        return fail(D::Audience);
    }
    if let Some(issuer) = &v.issuer {
        if r.iss.and_then(Value::as_str) != Some(issuer.as_str()) {
            return fail(D::Issuer);
        }
    }
    if let Some(subject) = &v.subject {
        if r.sub.and_then(Value::as_str) != Some(subject.as_str()) {
            return fail(D::Subject);
        }
    }

    // 13. Profile rules.
    if let Some(p) = v.profile {
        profile::check_claims(p, claims, aud, v.origin.as_deref(), v.clock.as_nanos())?;
    }
    Ok(())
}
