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
use jwtproof_reference::{ErrorKind, PayloadKind};

use crate::common::{choose_algorithm, common_unsupported, invalid, now_system_time};

/// The `josekit` crate (`jwt::decode_with_verifier` + `JwtPayloadValidator`,
/// or `jws::deserialize_compact` for opaque payloads).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Josekit;

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    Box::new(Josekit)
}

const NAME: &str = "josekit";
/// `none` is listed because josekit can be told to accept unsecured JWTs
/// (`jwt::decode_unsecured`), which is what listing it means.
const SUPPORTED: &[&str] =
    &["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "none"];

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

fn verifier(alg: &str, jwk: &Jwk) -> Result<Box<dyn JwsVerifier>, JoseError> {
    use josekit::jws::*;
    Ok(match alg {
        "HS256" => Box::new(HS256.verifier_from_jwk(jwk)?),
        "HS384" => Box::new(HS384.verifier_from_jwk(jwk)?),
        "HS512" => Box::new(HS512.verifier_from_jwk(jwk)?),
        "RS256" => Box::new(RS256.verifier_from_jwk(jwk)?),
        "RS384" => Box::new(RS384.verifier_from_jwk(jwk)?),
        "RS512" => Box::new(RS512.verifier_from_jwk(jwk)?),
        "PS256" => Box::new(PS256.verifier_from_jwk(jwk)?),
        "PS384" => Box::new(PS384.verifier_from_jwk(jwk)?),
        "PS512" => Box::new(PS512.verifier_from_jwk(jwk)?),
        "ES256" => Box::new(ES256.verifier_from_jwk(jwk)?),
        "ES384" => Box::new(ES384.verifier_from_jwk(jwk)?),
        "ES512" => Box::new(ES512.verifier_from_jwk(jwk)?),
        _ => Box::new(EdDSA.verifier_from_jwk(jwk)?),
    })
}

impl Implementation for Josekit {
    fn name(&self) -> &str {
        NAME
    }

    fn version(&self) -> Option<String> {
        Some(crate::versions::version_label(self.name(), Some("OpenSSL")))
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        if let Some(out) = common_unsupported(NAME, input, true) {
            return out;
        }
        let v = &input.case.validation;
        if v.leeway.unwrap_or(0) > 0 {
            return Outcome::Unsupported("josekit has no leeway option".into());
        }
        if let Some(c) = v.required_claims.as_ref().and_then(|r| r.first()) {
            return Outcome::Unsupported(format!("josekit can require a claim's value, not its presence ({c:?})"));
        }
        if v.audience.as_ref().is_some_and(|a| a.len() != 1) {
            return Outcome::Unsupported("josekit's validator takes exactly one audience".into());
        }
        let alg = match choose_algorithm(NAME, input, SUPPORTED) {
            Ok(a) => a,
            Err(out) => return out,
        };
        let opaque = v.payload == Some(PayloadKind::Opaque);
        let token = input.case.token.as_str();

        let decoded = if alg == "none" {
            if opaque {
                return Outcome::Unsupported("josekit's unsecured decoding is for JWTs only".into());
            }
            jwt::decode_unsecured(token).map(|(payload, _)| Some(payload))
        } else {
            let Some(jwk) = &input.key else {
                return Outcome::Unsupported("josekit cannot verify without a key".into());
            };
            // The key as the library parses JWKs; its refusal is a rejection.
            let verifier = match Jwk::from_map(jwk.clone()).and_then(|jwk| verifier(&alg, &jwk)) {
                Ok(v) => v,
                Err(_) => return invalid(Some(ErrorKind::KeyMismatch)),
            };
            if opaque {
                josekit::jws::deserialize_compact(token, verifier.as_ref()).map(|_| None)
            } else {
                jwt::decode_with_verifier(token, verifier.as_ref()).map(|(payload, _)| Some(payload))
            }
        };
        let payload = match decoded {
            Ok(Some(p)) => p,
            Ok(None) => return Outcome::Valid,
            Err(e) => return crate::common::rejected(format!("{e:?}"), map_error(&e)),
        };

        let Some(now) = now_system_time(input) else { return crate::common::time_out_of_range("josekit") };
        let mut validator = JwtPayloadValidator::new();
        validator.set_base_time(now);
        // The default upper bound for iat is the wall clock; the spec's is
        // the case's time (iat > now → issued in the future).
        validator.set_max_issued_time(now);
        if let Some(max_age) = v.max_age {
            validator.set_min_issued_time(now.checked_sub(Duration::from_secs(max_age)).unwrap_or(std::time::UNIX_EPOCH));
        }
        if let Some(aud) = v.audience.as_ref().and_then(|a| a.first()) {
            validator.set_audience(aud.clone());
        }
        if let Some(iss) = &v.issuer {
            validator.set_issuer(iss.clone());
        }
        if let Some(sub) = &v.subject {
            validator.set_subject(sub.clone());
        }
        match validator.validate(&payload) {
            Ok(()) => Outcome::Valid,
            Err(e) => crate::common::rejected(format!("{e:?}"), map_error(&e)),
        }
    }
}

// The benchmarks' prepared verifier (crate::bench): the key parsed once,
// each call one verification with the library's own API.

/// josekit: a verifier built from the JWK for the one algorithm
/// (`XX.verifier_from_jwk`), `jwt::decode_with_verifier` (which checks the
/// header's `alg`), then `JwtPayloadValidator` at the wall clock (exp, nbf,
/// iat not in the future). josekit has no leeway option: none is applied.
pub(crate) fn prepared(alg: &str, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<crate::common::Verifier> {
    use josekit::jws::{ES256, ES384, ES512, EdDSA, HS256, HS384, HS512, JwsVerifier, PS256, RS256};
    let jwk = josekit::jwk::Jwk::from_map(jwk.clone()).ok()?;
    let verifier: Box<dyn JwsVerifier> = match alg {
        "HS256" => Box::new(HS256.verifier_from_jwk(&jwk).ok()?),
        "HS384" => Box::new(HS384.verifier_from_jwk(&jwk).ok()?),
        "HS512" => Box::new(HS512.verifier_from_jwk(&jwk).ok()?),
        "RS256" => Box::new(RS256.verifier_from_jwk(&jwk).ok()?),
        "PS256" => Box::new(PS256.verifier_from_jwk(&jwk).ok()?),
        "ES256" => Box::new(ES256.verifier_from_jwk(&jwk).ok()?),
        "ES384" => Box::new(ES384.verifier_from_jwk(&jwk).ok()?),
        "ES512" => Box::new(ES512.verifier_from_jwk(&jwk).ok()?),
        "EdDSA" => Box::new(EdDSA.verifier_from_jwk(&jwk).ok()?),
        _ => return None,
    };
    let validator = josekit::jwt::JwtPayloadValidator::new();
    Some(Box::new(move |token: &str| {
        josekit::jwt::decode_with_verifier(token, verifier.as_ref()).is_ok_and(|(payload, _)| validator.validate(&payload).is_ok())
    }))
}
