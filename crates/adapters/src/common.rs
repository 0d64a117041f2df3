//! What the in-process adapters share: the wall-clock helpers, the error
//! and algorithm helpers, key material in the forms the libraries take.

use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{Algorithm, AllowedEntry, Clock, ErrorKind};

mod settings;
pub(crate) use settings::*;

/// A prepared benchmark verifier: `true` when the library accepts the token.
pub type Verifier = Box<dyn Fn(&str) -> bool + Send + Sync>;

/// For a library that reads the wall clock and offers no way to set it:
/// whether the case's expected verdict is the same at the real current
/// time as at the case's `now`. Judged by the reference verifier (the
/// executable spec); when they differ the case is time-dependent and the
/// adapter cannot run it faithfully.
pub(crate) fn time_independent(input: &CaseInput<'_>, wall_now: i64) -> bool {
    let mut at_wall = input.case.validation.clone();
    at_wall.clock = match at_wall.clock {
        Clock::Seconds(_) => Clock::Seconds(wall_now),
        Clock::Nanos(_) => Clock::Nanos(i128::from(wall_now) * 1_000_000_000),
    };
    let mut case = input.case.clone();
    case.validation = at_wall;
    let shifted = CaseInput { file: input.file, case: &case, key: input.key.clone() };
    let reference = jwtproof_harness::Reference;
    reference.verify(input) == reference.verify(&shifted)
}

/// For a library that reads the wall clock and may check `exp`/`nbf`
/// before anything else: whether every numeric `exp` and `nbf` of the
/// payload is satisfied, two seconds clear of its boundary, both at the
/// case's time and at the wall clock (with the case's leeway), so that neither stands in the
/// way of the check under test. [`time_independent`] alone is not enough:
/// the reference may reject both times for a key check while the library,
/// checking `exp` first, rejects as `expired` at the wall clock and never
/// reaches that check; and a case about expiry, expired at both times, is
/// judged by the library at the wrong time (its boundary may differ). An
/// unreadable payload has no times.
pub(crate) fn claim_times_pass(input: &CaseInput<'_>, wall_now: i64) -> bool {
    use base64::Engine as _;
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let Some(payload) = input.case.token.split('.').nth(1) else { return true };
    let Ok(bytes) = engine.decode(payload.trim_end_matches('=')) else { return true };
    let Ok(claims) = serde_json::from_slice::<serde_json::Value>(&bytes) else { return true };
    let v = &input.case.validation;
    let case_now = match v.clock {
        Clock::Seconds(s) => s as f64,
        Clock::Nanos(n) => n as f64 / 1e9,
    };
    let leeway = v.leeway.unwrap_or(0) as f64;
    let wall = wall_now as f64;
    let at = |name: &str| claims.get(name).and_then(serde_json::Value::as_f64);
    // Two seconds clear of each boundary: libraries round times to whole
    // seconds in either direction, and compare with < or <=.
    let exp_ok = |now: f64| at("exp").is_none_or(|exp| now + 2.0 < exp + leeway);
    let nbf_ok = |now: f64| at("nbf").is_none_or(|nbf| now + leeway >= nbf + 2.0);
    exp_ok(case_now) && exp_ok(wall) && nbf_ok(case_now) && nbf_ok(wall)
}

/// The wall-clock time in seconds (adapters only: the reference never
/// reads it).
pub(crate) fn wall_clock_seconds() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Shorthand for a rejection with a mapped kind.
pub(crate) fn invalid(kind: Option<ErrorKind>) -> Outcome {
    Outcome::Invalid(kind)
}

std::thread_local! {
    /// The library's own words for the last rejection on this thread
    /// ([`rejected`], [`take_detail`]).
    static DETAIL: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The library rejected the token with this error: its kind, and its own
/// words (the error's `Debug` text, at most 500 bytes) kept for the report
/// (`serve-adapter` sends them as the protocol's `detail`).
pub(crate) fn rejected(detail: String, kind: Option<ErrorKind>) -> Outcome {
    let mut detail = detail;
    if detail.len() > 500 {
        let mut end = 500;
        while !detail.is_char_boundary(end) {
            end -= 1;
        }
        detail.truncate(end);
    }
    DETAIL.with(|d| *d.borrow_mut() = Some(detail));
    invalid(kind)
}

/// Takes the detail the last rejection on this thread left (and clears it).
pub fn take_detail() -> Option<String> {
    DETAIL.with(|d| d.borrow_mut().take())
}

/// The settings no third-party library here can express: the documented
/// API profiles and the voicegain `origin`; and, unless the library can
/// verify plain JWS, an opaque payload. `None` when the case may run.
pub(crate) fn common_unsupported(library: &str, input: &CaseInput<'_>, opaque_ok: bool) -> Option<Outcome> {
    let v = &input.case.validation;
    if v.profile.is_some() {
        return Some(Outcome::Unsupported(format!("{library} has no API-profile rules (bigone, trinity, voicegain, aspose)")));
    }
    if v.origin.is_some() {
        return Some(Outcome::Unsupported(format!("{library} has no Origin matching (voicegain)")));
    }
    if !opaque_ok && v.payload == Some(jwtproof_reference::PayloadKind::Opaque) {
        return Some(Outcome::Unsupported(format!("{library} verifies JWT claims sets only, not opaque JWS payloads")));
    }
    None
}

/// The token's `alg`, read leniently (any base64url, any JSON), only to
/// choose which of the allowed algorithms to hand a library whose API
/// takes exactly one. The library still parses and checks the token.
pub(crate) fn header_alg(token: &str) -> Option<String> {
    use base64::Engine as _;
    let first = token.split('.').next()?;
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let bytes = engine.decode(first.trim_end_matches('=')).ok()?;
    let header: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    header.get("alg")?.as_str().map(str::to_owned)
}

/// For a library whose verifying call takes one algorithm: which allowed
/// algorithm to pass, as the library's own value. `map` is the adapter's
/// exhaustive mapping of an allow-list entry to the library's algorithm
/// (`None`: the library lacks it; `none` maps to a value where the library
/// can be configured to accept it). The token's `alg` is used when it is
/// allowed and supported (what an application with several allowed
/// algorithms does); otherwise the first allowed supported one, so that the
/// library itself rejects the token's `alg`. `Err` is the `Unsupported`
/// outcome: the token's `alg` is allowed but the library lacks it, or no
/// allowed algorithm is supported.
pub(crate) fn choose_algorithm<T>(library: &str, input: &CaseInput<'_>, map: impl Fn(AllowedEntry) -> Option<T>) -> Step<T> {
    let allowed = &input.case.validation.algorithms;
    let alg = header_alg(&input.case.token);
    if let Some(named) = alg.as_deref().and_then(|a| allowed.iter().copied().find(|e| e.as_str() == a)) {
        return map(named).ok_or_else(|| Outcome::Unsupported(format!("{library} does not implement {}", named.as_str())));
    }
    allowed
        .iter()
        .copied()
        .find_map(map)
        .ok_or_else(|| Outcome::Unsupported(format!("the allow-list holds only algorithms {library} does not implement")))
}

/// A benchmark algorithm name as the typed algorithm (the benchmarks name
/// only implemented ones).
pub(crate) fn bench_algorithm(name: &str) -> Option<AllowedEntry> {
    Algorithm::from_name(name).map(AllowedEntry::Alg)
}

/// A base64url member of a JWK, decoded (the vectors' keys are well formed).
pub(crate) fn jwk_bytes(jwk: &serde_json::Map<String, serde_json::Value>, member: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jwk.get(member)?.as_str()?).ok()
}

/// A string member of a JWK.
pub(crate) fn jwk_str<'a>(jwk: &'a serde_json::Map<String, serde_json::Value>, member: &str) -> Option<&'a str> {
    jwk.get(member)?.as_str()
}

/// The JWK as JSON text.
pub(crate) fn jwk_json(jwk: &serde_json::Map<String, serde_json::Value>) -> String {
    serde_json::Value::Object(jwk.clone()).to_string()
}

/// The case's time in whole seconds (rounded down), for libraries whose
/// clock option has second resolution; `None` beyond i64 seconds.
pub(crate) fn now_seconds(input: &CaseInput<'_>) -> Option<i64> {
    match input.case.validation.clock {
        Clock::Seconds(s) => Some(s),
        Clock::Nanos(n) => i64::try_from(n.div_euclid(1_000_000_000)).ok(),
    }
}

/// The case's time as a `SystemTime` (times before the epoch included);
/// `None` when the platform's `SystemTime` cannot hold it.
pub(crate) fn now_system_time(input: &CaseInput<'_>) -> Option<std::time::SystemTime> {
    let nanos = input.case.validation.clock.as_nanos();
    let magnitude = std::time::Duration::from_nanos(u64::try_from(nanos.unsigned_abs()).ok()?);
    if nanos < 0 { std::time::UNIX_EPOCH.checked_sub(magnitude) } else { std::time::UNIX_EPOCH.checked_add(magnitude) }
}

/// The answer for a case whose time the library's clock type cannot hold
/// (never a clamped or wrapped time).
pub(crate) fn time_out_of_range(library: &str) -> Outcome {
    Outcome::Unsupported(format!("{library} cannot be given this time: it is outside the range of its clock type"))
}

/// An EC public JWK as a PEM SubjectPublicKeyInfo (for libraries that take
/// only PEM). `None` for another curve or a malformed key.
pub(crate) fn ec_spki_pem(jwk: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    use base64::Engine as _;
    let (prefix, len): (&[u8], usize) = match jwk_str(jwk, "crv")? {
        "P-256" => (
            &[
                0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d,
                0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
            ],
            32,
        ),
        "P-384" => (
            &[
                0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22,
                0x03, 0x62, 0x00,
            ],
            48,
        ),
        _ => return None,
    };
    let (x, y) = (jwk_bytes(jwk, "x")?, jwk_bytes(jwk, "y")?);
    if x.len() != len || y.len() != len {
        return None;
    }
    let mut der = prefix.to_vec();
    der.push(0x04);
    der.extend_from_slice(&x);
    der.extend_from_slice(&y);
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut pem = String::from("-----BEGIN PUBLIC KEY-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        pem.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        pem.push('\n');
    }
    pem.push_str("-----END PUBLIC KEY-----\n");
    Some(pem)
}
