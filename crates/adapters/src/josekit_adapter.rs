//! `josekit` 0.10 (hidekatsu-izuno/josekit-rs), OpenSSL backend.
//!
//! A verifier is built for one algorithm from the JWK
//! (`XX.verifier_from_jwk`); the adapter picks the allowed algorithm the
//! token names (see [`crate::common::choose_algorithm`]) and the library checks the
//! header's `alg`. Claims are checked by `JwtPayloadValidator`.

use std::time::Duration;

use josekit::JoseError;
use josekit::jwk::Jwk;
use josekit::jws::JwsVerifier;
use josekit::jwt::{self, JwtPayloadValidator};
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{AllowedEntry, ErrorKind, PayloadKind};

use crate::common::{About, Expected, Library, Step, choose_algorithm, expected_values, kind_by_message, same_names, key, key_mismatch, no_required_claims, now_system_time, one_audience, refuse, rejection};

/// The `josekit` crate (`jwt::decode_with_verifier` + `JwtPayloadValidator`,
/// or `jws::deserialize_compact` for opaque payloads).
pub(crate) enum Josekit {}

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    crate::common::adapter::<Josekit>()
}

/// The library's errors, mapped to the spec's kinds (the one place).
/// josekit has few variants; the claim checks all report `InvalidClaim`
/// with a message, which is what tells them apart.
fn map_error(e: &JoseError) -> Option<ErrorKind> {
    let text = e.to_string();
    Some(match e {
        JoseError::InvalidJwtFormat(_) | JoseError::InvalidJson(_) => ErrorKind::Malformed,
        JoseError::InvalidJwsFormat(_) => kind_by_message(&text, HEADER_MESSAGES, ErrorKind::Malformed),
        JoseError::InvalidKeyFormat(_) | JoseError::InvalidJwkFormat(_) => ErrorKind::KeyMismatch,
        JoseError::UnsupportedSignatureAlgorithm(_) => ErrorKind::AlgorithmNotAllowed,
        JoseError::InvalidSignature(_) => ErrorKind::InvalidSignature,
        JoseError::InvalidClaim(_) => kind_by_message(&text, CLAIM_MESSAGES, ErrorKind::InvalidClaim),
        _ => return None,
    })
}

/// `InvalidJwsFormat`'s messages, in the order they are tried.
const HEADER_MESSAGES: &[(&str, ErrorKind)] = &[
    ("alg header claim is not", ErrorKind::AlgorithmNotAllowed),
    ("critical name", ErrorKind::UnsupportedCriticalHeader),
    ("kid header claim", ErrorKind::KeyMismatch),
    ("alg header claim", ErrorKind::InvalidHeader),
];

/// `InvalidClaim`'s messages, in the order they are tried.
const CLAIM_MESSAGES: &[(&str, ErrorKind)] = &[
    ("has expired", ErrorKind::Expired),
    ("too old", ErrorKind::Expired),
    ("not yet valid", ErrorKind::NotYetValid),
    ("too new", ErrorKind::IssuedInFuture),
    ("aud is invalid", ErrorKind::AudienceMismatch),
    ("Key iss is invalid", ErrorKind::IssuerMismatch),
    ("Key sub is invalid", ErrorKind::SubjectMismatch),
    ("is missing", ErrorKind::MissingClaim),
];

/// A verifier built from the JWK for one algorithm (`XX.verifier_from_jwk`).
type MakeVerifier = fn(&Jwk) -> Result<Box<dyn JwsVerifier>, JoseError>;

/// What the library does for an allow-list entry: `none` is unsecured
/// decoding (`jwt::decode_unsecured`), which is what listing it means;
/// every algorithm has a verifier.
enum Mode {
    Unsecured,
    Verified(MakeVerifier),
}

fn mode(entry: AllowedEntry) -> Option<Mode> {
    use josekit::jws::*;
    macro_rules! verifier {
        ($alg:ident) => {
            (|jwk| Ok(Box::new($alg.verifier_from_jwk(jwk)?))) as MakeVerifier
        };
    }
    let AllowedEntry::Alg(alg) = entry else { return Some(Mode::Unsecured) };
    let make = same_names!(alg, verifier!, has [HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA], lacks [])?;
    Some(Mode::Verified(make))
}

const NAME: &str = "josekit";

impl Library for Josekit {
    const ABOUT: About = About { name: NAME, backend: Some("OpenSSL"), opaque: true };

    fn run(input: &CaseInput<'_>) -> Step<Outcome> {
        let v = &input.case.validation;
        refuse(v.leeway.unwrap_or(0) > 0, || "josekit has no leeway option".into())?;
        no_required_claims(input, |c| format!("josekit can require a claim's value, not its presence ({c:?})"))?;
        let audience = one_audience(input, "josekit's validator takes exactly one audience")?;
        let mode = choose_algorithm(NAME, input, mode)?;
        let opaque = v.payload == Some(PayloadKind::Opaque);
        let token = input.case.token.as_str();

        let decoded = match mode {
            Mode::Unsecured => {
                refuse(opaque, || "josekit's unsecured decoding is for JWTs only".into())?;
                jwt::decode_unsecured(token).map(|(payload, _)| Some(payload))
            }
            Mode::Verified(make) => {
                // The key as the library parses JWKs; its refusal is a rejection.
                let verifier = Jwk::from_map(key(NAME, input)?.clone()).and_then(|jwk| make(&jwk)).map_err(|_| key_mismatch())?;
                if opaque {
                    josekit::jws::deserialize_compact(token, verifier.as_ref()).map(|_| None)
                } else {
                    jwt::decode_with_verifier(token, verifier.as_ref()).map(|(payload, _)| Some(payload))
                }
            }
        };
        let Some(payload) = decoded.map_err(|e| rejection(&e, map_error))? else { return Ok(Outcome::Valid) };

        let now = now_system_time(input).ok_or_else(|| crate::common::time_out_of_range(NAME))?;
        let mut validator = JwtPayloadValidator::new();
        validator.set_base_time(now);
        // The default upper bound for iat is the wall clock; the spec's is
        // the case's time (iat > now → issued in the future).
        validator.set_max_issued_time(now);
        if let Some(max_age) = v.max_age {
            validator.set_min_issued_time(now.checked_sub(Duration::from_secs(max_age)).unwrap_or(std::time::UNIX_EPOCH));
        }
        for expected in expected_values(input, audience) {
            match expected {
                Expected::Audience(aud) => validator.set_audience(aud),
                Expected::Issuer(iss) => validator.set_issuer(iss),
                Expected::Subject(sub) => validator.set_subject(sub),
            }
        }
        Ok(validator.validate(&payload).map_or_else(|e| rejection(&e, map_error), |()| Outcome::Valid))
    }
}

// The benchmarks' prepared verifier (crate::bench): the key parsed once,
// each call one verification with the library's own API.

/// josekit: a verifier built from the JWK for the one algorithm
/// (`XX.verifier_from_jwk`), `jwt::decode_with_verifier` (which checks the
/// header's `alg`), then `JwtPayloadValidator` at the wall clock (exp, nbf,
/// iat not in the future). josekit has no leeway option: none is applied.
pub(crate) fn prepared(alg: &str, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<crate::common::Verifier> {
    let Mode::Verified(make) = mode(crate::common::bench_algorithm(alg)?)? else { return None };
    let verifier = make(&Jwk::from_map(jwk.clone()).ok()?).ok()?;
    let validator = JwtPayloadValidator::new();
    Some(Box::new(move |token: &str| {
        jwt::decode_with_verifier(token, verifier.as_ref()).is_ok_and(|(payload, _)| validator.validate(&payload).is_ok())
    }))
}
