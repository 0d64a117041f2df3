//! An executable model of `verification-rules.md` §11 (Time) and §13 (the
//! profiles), written as plainly as possible with exact rationals. It is
//! deliberately independent of the reference's `time.rs`/`profile.rs`: no
//! floor/ceil tricks, no saturation, no fixed-width integers; every rule is
//! the spec's inequality, evaluated over ℚ.
//!
//! Only the steps that the properties exercise are modelled: claim types
//! (step 9) for the time claims and `sub`, presence (step 10), time
//! (step 11) and the profile rules (step 13). The tokens the properties
//! build pass steps 1–8 by construction, and leave step 12 unconfigured.
#![allow(dead_code, reason = "each test file uses a subset")]
#![allow(clippy::nonminimal_bool, reason = "the rules are written as the spec states them: `valid iff …`")]

use jwtproof_reference::{Clock, ErrorKind};
use num_rational::BigRational;
use num_traits::{FromPrimitive, Signed, Zero};

/// An exact rational.
pub(crate) type Q = BigRational;

pub(crate) fn int(i: i128) -> Q {
    Q::from_i128(i).unwrap_or_else(|| unreachable!())
}

pub(crate) fn billion() -> Q {
    int(1_000_000_000)
}

/// The value of a JSON number literal as the spec reads it: an integer
/// literal that fits 64 bits (`u64` when non-negative, `i64` when negative)
/// is exact; anything else is the nearest f64 (Rust's `str::parse` rounds
/// correctly), then taken exactly. `None`: not finite as an f64 (the JSON
/// is invalid, step 8 → `malformed`).
pub(crate) fn literal_value(lit: &str) -> Option<Q> {
    let integer_literal = !lit.contains(['.', 'e', 'E']);
    if integer_literal {
        if let Ok(u) = lit.parse::<u64>() {
            return Q::from_u64(u);
        }
        if let Ok(i) = lit.parse::<i64>() {
            return Q::from_i64(i);
        }
    }
    let f: f64 = lit.parse().ok()?;
    if !f.is_finite() {
        return None;
    }
    Q::from_float(f)
}

/// The clock in seconds, exactly.
pub(crate) fn now_seconds(clock: Clock) -> Q {
    match clock {
        Clock::Seconds(s) => int(i128::from(s)),
        Clock::Nanos(ns) => int(ns) / billion(),
    }
}

/// A claim as written in the payload.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Claim {
    /// A JSON number literal.
    Number(String),
    /// A JSON string.
    Str(String),
    /// Some other JSON text (`null`, `true`, `[]`, …).
    Other(String),
}

impl Claim {
    pub(crate) fn json(&self) -> String {
        match self {
            Claim::Number(lit) | Claim::Other(lit) => lit.clone(),
            Claim::Str(s) => serde_json::Value::String(s.clone()).to_string(),
        }
    }
}

/// The time claims and the validation settings of §11.
#[derive(Clone, Debug)]
pub(crate) struct Timing {
    pub(crate) exp: Option<Claim>,
    pub(crate) nbf: Option<Claim>,
    pub(crate) iat: Option<Claim>,
    pub(crate) clock: Clock,
    pub(crate) leeway: u64,
    pub(crate) max_age: Option<u64>,
}

impl Timing {
    /// The claims as JSON members (`"exp":…`), in a fixed order.
    pub(crate) fn members(&self) -> Vec<String> {
        [("exp", &self.exp), ("nbf", &self.nbf), ("iat", &self.iat)]
            .into_iter()
            .filter_map(|(name, c)| c.as_ref().map(|c| format!("\"{name}\":{}", c.json())))
            .collect()
    }
}

/// Steps 8 (number literals only) and 9 for the time claims: each one
/// absent or its exact value.
pub(crate) fn parse_time_claims(t: &Timing) -> Result<[Option<Q>; 3], ErrorKind> {
    // Step 8: a literal that no f64 holds finitely makes the payload invalid JSON.
    for claim in [&t.exp, &t.nbf, &t.iat].into_iter().flatten() {
        if let Claim::Number(lit) = claim {
            if literal_value(lit).is_none() {
                return Err(ErrorKind::Malformed);
            }
        }
    }
    // Step 9: exp, nbf, iat are numbers.
    let mut values = [None, None, None];
    for (slot, claim) in values.iter_mut().zip([&t.exp, &t.nbf, &t.iat]) {
        *slot = match claim {
            None => None,
            Some(Claim::Number(lit)) => literal_value(lit),
            Some(_) => return Err(ErrorKind::InvalidClaim),
        };
    }
    Ok(values)
}

/// Steps 8–11 for the time claims.
pub(crate) fn check_timing(t: &Timing) -> Result<(), ErrorKind> {
    let [exp, nbf, iat] = parse_time_claims(t)?;
    // Step 10: max_age requires iat.
    if t.max_age.is_some() && iat.is_none() {
        return Err(ErrorKind::MissingClaim);
    }
    time_rules(exp, nbf, iat, t)
}

/// Step 11, the spec's inequalities over ℚ.
fn time_rules(exp: Option<Q>, nbf: Option<Q>, iat: Option<Q>, t: &Timing) -> Result<(), ErrorKind> {
    let now = now_seconds(t.clock);
    let leeway = int(i128::from(t.leeway));
    if let Some(exp) = exp {
        // valid iff now < exp + leeway
        if !(now < exp + &leeway) {
            return Err(ErrorKind::Expired);
        }
    }
    if let Some(nbf) = nbf {
        // valid iff now + leeway ≥ nbf
        if !(now.clone() + &leeway >= nbf) {
            return Err(ErrorKind::NotYetValid);
        }
    }
    if let Some(iat) = iat {
        if iat > now.clone() + &leeway {
            return Err(ErrorKind::IssuedInFuture);
        }
        if let Some(max_age) = t.max_age {
            if now - iat > int(i128::from(max_age)) + &leeway {
                return Err(ErrorKind::Expired);
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- bigone

/// A bigone token's claims (each `None` when absent) and the clock.
#[derive(Clone, Debug)]
pub(crate) struct Bigone {
    pub(crate) type_: Option<Claim>,
    pub(crate) sub: Option<Claim>,
    pub(crate) nonce: Option<Claim>,
    pub(crate) recv_window: Option<Claim>,
    pub(crate) exp: Option<i64>,
    pub(crate) clock: Clock,
}

impl Bigone {
    pub(crate) fn payload(&self) -> String {
        let mut members = Vec::new();
        for (name, claim) in [("type", &self.type_), ("sub", &self.sub), ("nonce", &self.nonce), ("recv_window", &self.recv_window)] {
            if let Some(c) = claim {
                members.push(format!("\"{name}\":{}", c.json()));
            }
        }
        if let Some(exp) = self.exp {
            members.push(format!("\"exp\":{exp}"));
        }
        format!("{{{}}}", members.join(","))
    }
}

/// A non-empty string of ASCII decimal digits, as an exact integer.
fn decimal(claim: &Option<Claim>) -> Option<Q> {
    let Some(Claim::Str(s)) = claim else { return None };
    if s.is_empty() {
        return None;
    }
    let mut value = Q::zero();
    for c in s.chars() {
        let d = c.to_digit(10).filter(|_| c.is_ascii_digit())?;
        value = value * int(10) + int(i128::from(d));
    }
    Some(value)
}

/// The bigone profile (steps 9–11 and 13).
pub(crate) fn check_bigone(b: &Bigone) -> Result<(), ErrorKind> {
    // Step 9: sub is a string.
    if matches!(b.sub, Some(Claim::Number(_) | Claim::Other(_))) {
        return Err(ErrorKind::InvalidClaim);
    }
    // Step 10: type, sub, nonce required.
    if b.type_.is_none() || b.sub.is_none() || b.nonce.is_none() {
        return Err(ErrorKind::MissingClaim);
    }
    // Step 11.
    if let Some(exp) = b.exp {
        if !(now_seconds(b.clock) < int(i128::from(exp))) {
            return Err(ErrorKind::Expired);
        }
    }
    // Step 13.
    if b.type_ != Some(Claim::Str("OpenAPIV2".to_owned())) {
        return Err(ErrorKind::InvalidClaim);
    }
    let nonce = decimal(&b.nonce).ok_or(ErrorKind::InvalidClaim)?;
    let window = match &b.recv_window {
        None => int(30),
        some => decimal(some).ok_or(ErrorKind::InvalidClaim)?,
    };
    // The reference's reading: `now` in seconds counts as now × 10⁹ ns.
    let now_ns = now_seconds(b.clock) * billion();
    if (now_ns - nonce).abs() < window * billion() { Ok(()) } else { Err(ErrorKind::NonceOutOfWindow) }
}

// ------------------------------------------------------------- voicegain

/// An `Origin` header, by parts: the model knows the host without parsing.
#[derive(Clone, Debug)]
pub(crate) struct Origin {
    pub(crate) scheme: Option<String>,
    pub(crate) host: String,
    pub(crate) port: Option<u16>,
    pub(crate) path: Option<String>,
}

impl Origin {
    pub(crate) fn header(&self) -> String {
        let mut s = String::new();
        if let Some(scheme) = &self.scheme {
            s.push_str(scheme);
            s.push_str("://");
        }
        s.push_str(&self.host);
        if let Some(port) = self.port {
            s.push_str(&format!(":{port}"));
        }
        if let Some(path) = &self.path {
            s.push_str(path);
        }
        s
    }
}

/// Whether one `aud` pattern admits a host, per the spec's words.
pub(crate) fn pattern_admits(pattern: &str, host: &str) -> bool {
    let pattern = pattern.to_lowercase();
    let host = host.to_lowercase();
    if pattern == "*" {
        return true;
    }
    if let Some(domain) = pattern.strip_prefix("*.") {
        // "any host that ends in `.example.com` (not `example.com` itself)"
        return host.ends_with(&format!(".{domain}"));
    }
    pattern == host
}

/// The voicegain profile: `exp` required; with an origin, some `aud`
/// value must admit its host. `aud` is `None` (absent), or its strings.
pub(crate) fn check_voicegain(exp: Option<i64>, now: Clock, aud: Option<&[String]>, origin: Option<&Origin>) -> Result<(), ErrorKind> {
    let Some(exp) = exp else { return Err(ErrorKind::MissingClaim) };
    if !(now_seconds(now) < int(i128::from(exp))) {
        return Err(ErrorKind::Expired);
    }
    match origin {
        None => Ok(()),
        Some(o) if aud.unwrap_or_default().iter().any(|p| pattern_admits(p, &o.host)) => Ok(()),
        Some(_) => Err(ErrorKind::AudienceMismatch),
    }
}

// ---------------------------------------------------------------- aspose

/// The aspose profile's longest lifetime.
pub(crate) const ASPOSE_MAX_LIFETIME: i128 = 86_400;

/// The aspose profile on top of §11: `exp` required; `exp − iat > 86 400`
/// (when `iat` is present) → `invalid_claim`, after the time checks.
pub(crate) fn check_aspose(t: &Timing) -> Result<(), ErrorKind> {
    let [exp, nbf, iat] = parse_time_claims(t)?;
    // Step 10: the profile requires exp (and max_age requires iat).
    if exp.is_none() || (t.max_age.is_some() && iat.is_none()) {
        return Err(ErrorKind::MissingClaim);
    }
    time_rules(exp.clone(), nbf, iat.clone(), t)?;
    // Step 13.
    if let (Some(exp), Some(iat)) = (exp, iat) {
        if exp - iat > int(ASPOSE_MAX_LIFETIME) {
            return Err(ErrorKind::InvalidClaim);
        }
    }
    Ok(())
}
