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
use jwtproof_reference::{Algorithm, AllowedEntry, ErrorKind, PayloadKind};

use crate::common::{Library, Step, choose_algorithm, key, key_mismatch, no_required_claims, now_system_time, one_audience, refuse, rejection};

/// The `josekit` crate (`jwt::decode_with_verifier` + `JwtPayloadValidator`,
/// or `jws::deserialize_compact` for opaque payloads).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Josekit;

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    crate::common::adapter::<Josekit>()
}

const NAME: &str = "josekit";

/// The library's errors, mapped to the spec's kinds (the one place).
/// josekit has few variants; the claim checks all report `InvalidClaim`
/// with a message, which is what tells them apart.
fn map_error(e: &JoseError) -> Option<ErrorKind> {
    let text = e.to_string();
    Some(match e {
        JoseError::InvalidJwtFormat(_) | JoseError::InvalidJson(_) => ErrorKind::Malformed,
        JoseError::InvalidJwsFormat(_) => {
            if text.contains("alg header claim is not") {
                ErrorKind::AlgorithmNotAllowed
            } else if text.contains("critical name") {
                ErrorKind::UnsupportedCriticalHeader
            } else if text.contains("kid header claim") {
                ErrorKind::KeyMismatch
            } else if text.contains("alg header claim") {
                ErrorKind::InvalidHeader
            } else {
                ErrorKind::Malformed
            }
        }
        JoseError::InvalidKeyFormat(_) | JoseError::InvalidJwkFormat(_) => ErrorKind::KeyMismatch,
        JoseError::UnsupportedSignatureAlgorithm(_) => ErrorKind::AlgorithmNotAllowed,
        JoseError::InvalidSignature(_) => ErrorKind::InvalidSignature,
        JoseError::InvalidClaim(_) => {
            if text.contains("has expired") || text.contains("too old") {
                ErrorKind::Expired
            } else if text.contains("not yet valid") {
                ErrorKind::NotYetValid
            } else if text.contains("too new") {
                ErrorKind::IssuedInFuture
            } else if text.contains("aud is invalid") {
                ErrorKind::AudienceMismatch
            } else if text.contains("Key iss is invalid") {
                ErrorKind::IssuerMismatch
            } else if text.contains("Key sub is invalid") {
                ErrorKind::SubjectMismatch
            } else if text.contains("is missing") {
                ErrorKind::MissingClaim
            } else {
                ErrorKind::InvalidClaim
            }
        }
        _ => return None,
    })
}

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
        ($alg:expr) => {
            |jwk| Ok(Box::new($alg.verifier_from_jwk(jwk)?))
        };
    }
    let AllowedEntry::Alg(alg) = entry else { return Some(Mode::Unsecured) };
    let make: MakeVerifier = match alg {
        Algorithm::HS256 => verifier!(HS256),
        Algorithm::HS384 => verifier!(HS384),
        Algorithm::HS512 => verifier!(HS512),
        Algorithm::RS256 => verifier!(RS256),
        Algorithm::RS384 => verifier!(RS384),
        Algorithm::RS512 => verifier!(RS512),
        Algorithm::PS256 => verifier!(PS256),
        Algorithm::PS384 => verifier!(PS384),
        Algorithm::PS512 => verifier!(PS512),
        Algorithm::ES256 => verifier!(ES256),
        Algorithm::ES384 => verifier!(ES384),
        Algorithm::ES512 => verifier!(ES512),
        Algorithm::EdDSA => verifier!(EdDSA),
    };
    Some(Mode::Verified(make))
}

impl Library for Josekit {
    const NAME: &'static str = NAME;
    const BACKEND: Option<&'static str> = Some("OpenSSL");
    const OPAQUE: bool = true;

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
        if let Some(aud) = audience {
            validator.set_audience(aud.clone());
        }
        if let Some(iss) = &v.issuer {
            validator.set_issuer(iss.clone());
        }
        if let Some(sub) = &v.subject {
            validator.set_subject(sub.clone());
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
