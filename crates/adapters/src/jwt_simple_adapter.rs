//! `jwt-simple` 0.15 (jedisct1/rust-jwt-simple), pure-Rust backend.
//!
//! The algorithm is fixed by the key type (`HS256Key`, `RS256PublicKey`,
//! …): the adapter passes the allowed algorithm the token names (see
//! [`crate::common::choose_algorithm`]) and the library checks the header's `alg`.

use std::collections::HashSet;

use jwt_simple::JWTError;
use jwt_simple::prelude::*;
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::ErrorKind;

use crate::common::{choose_algorithm, common_unsupported, invalid, jwk_bytes, jwk_json};

/// The `jwt-simple` crate (`verify_token::<NoCustomClaims>`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct JwtSimple;

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    Box::new(JwtSimple)
}

const NAME: &str = "jwt-simple";
const SUPPORTED: &[&str] = &["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA"];

/// The library's errors, mapped to the spec's kinds (the one place).
fn map_error(e: &jwt_simple::Error) -> Option<ErrorKind> {
    if let Some(j) = e.downcast_ref::<JWTError>() {
        return Some(match j {
            JWTError::CompactEncodingError | JWTError::TokenTooLong | JWTError::HeaderTooLarge => ErrorKind::Malformed,
            JWTError::NotJWT | JWTError::RequiredSignatureTypeMismatch | JWTError::RequiredContentTypeMismatch => ErrorKind::InvalidHeader,
            JWTError::AlgorithmMismatch => ErrorKind::AlgorithmNotAllowed,
            JWTError::UnknownCriticalExtension => ErrorKind::UnsupportedCriticalHeader,
            JWTError::KeyIdentifierMismatch
            | JWTError::MissingJWTKeyIdentifier
            | JWTError::InvalidPublicKey
            | JWTError::UnsupportedRSAModulus
            | JWTError::WeakKey
            | JWTError::InvalidKeyPair => ErrorKind::KeyMismatch,
            JWTError::InvalidSignature | JWTError::InvalidAuthenticationTag => ErrorKind::InvalidSignature,
            JWTError::TokenHasExpired | JWTError::TokenIsTooOld => ErrorKind::Expired,
            JWTError::TokenNotValidYet => ErrorKind::NotYetValid,
            JWTError::ClockDrift => ErrorKind::IssuedInFuture,
            JWTError::RequiredIssuerMissing | JWTError::RequiredSubjectMissing | JWTError::RequiredAudienceMissing => {
                ErrorKind::MissingClaim
            }
            JWTError::RequiredIssuerMismatch => ErrorKind::IssuerMismatch,
            JWTError::RequiredSubjectMismatch => ErrorKind::SubjectMismatch,
            JWTError::RequiredAudienceMismatch => ErrorKind::AudienceMismatch,
            _ => return None,
        });
    }
    if e.downcast_ref::<serde_json::Error>().is_some() || e.downcast_ref::<ct_codecs_error::Error>().is_some() {
        return Some(ErrorKind::Malformed);
    }
    None
}

mod ct_codecs_error {
    pub(super) use jwt_simple::reexports::ct_codecs::Error;
}

/// A key the library refuses is a key mismatch, whatever the reason.
fn key_error(_: &jwt_simple::Error) -> Outcome {
    invalid(Some(ErrorKind::KeyMismatch))
}

impl Implementation for JwtSimple {
    fn name(&self) -> &str {
        NAME
    }

    fn version(&self) -> Option<String> {
        Some(crate::versions::version_label(self.name(), Some("pure-rust")))
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        if let Some(out) = common_unsupported(NAME, input, false) {
            return out;
        }
        let v = &input.case.validation;
        if let Some(c) = v.required_claims.as_ref().and_then(|r| r.first()) {
            return Outcome::Unsupported(format!("jwt-simple has no option to require a claim ({c:?})"));
        }
        let alg = match choose_algorithm(NAME, input, SUPPORTED) {
            Ok(a) => a,
            Err(out) => return out,
        };
        let Some(jwk) = &input.key else {
            return Outcome::Unsupported("jwt-simple cannot verify without a key".into());
        };

        // The case's time; nanosecond clocks keep their fraction (coarsetime
        // ticks are 2^-32 s). The clock is unsigned: earlier times, or times
        // beyond its range, cannot be given.
        let artificial_time = match v.clock {
            jwtproof_reference::Clock::Seconds(s) => u64::try_from(s).ok().filter(|s| *s < 1 << 32).map(Duration::from_secs),
            jwtproof_reference::Clock::Nanos(n) => {
                u64::try_from(n).ok().map(|n| Duration::from_ticks(((u128::from(n) << 32) / 1_000_000_000) as u64))
            }
        };
        let Some(artificial_time) = artificial_time else { return crate::common::time_out_of_range("jwt-simple") };
        let mut options = VerificationOptions {
            artificial_time: Some(artificial_time),
            // The library's default tolerance is 15 minutes; the spec's is 0.
            time_tolerance: Some(Duration::from_secs(v.leeway.unwrap_or(0))),
            max_validity: v.max_age.map(Duration::from_secs),
            // No length limit of the library's own beyond the spec's 64 KiB
            // (jwt-simple's default is 1 MB).
            ..VerificationOptions::default()
        };
        if let Some(aud) = &v.audience {
            options.allowed_audiences = Some(aud.iter().cloned().collect::<HashSet<_>>());
        }
        if let Some(iss) = &v.issuer {
            options.allowed_issuers = Some(HashSet::from([iss.clone()]));
        }
        options.required_subject = v.subject.clone();
        // Not mapped (no option): max_age's leeway (jwt-simple compares
        // `now - iat <= max_validity` without the tolerance).

        let token = input.case.token.as_str();
        let json = jwk_json(jwk);
        // The key as the library parses JWKs; its refusal is a rejection.
        macro_rules! asymmetric {
            ($ty:ty) => {
                match <$ty>::from_jwk(&json) {
                    Ok(k) => k.verify_token::<NoCustomClaims>(token, Some(options)),
                    Err(e) => return key_error(&e),
                }
            };
        }
        let result = match alg.as_str() {
            "HS256" | "HS384" | "HS512" => {
                let Some(k) = jwk_bytes(jwk, "k").filter(|_| jwk.get("kty").and_then(|t| t.as_str()) == Some("oct")) else {
                    return invalid(Some(ErrorKind::KeyMismatch));
                };
                match alg.as_str() {
                    "HS256" => HS256Key::from_bytes(&k).verify_token::<NoCustomClaims>(token, Some(options)),
                    "HS384" => HS384Key::from_bytes(&k).verify_token::<NoCustomClaims>(token, Some(options)),
                    _ => HS512Key::from_bytes(&k).verify_token::<NoCustomClaims>(token, Some(options)),
                }
            }
            "RS256" => asymmetric!(RS256PublicKey),
            "RS384" => asymmetric!(RS384PublicKey),
            "RS512" => asymmetric!(RS512PublicKey),
            "PS256" => asymmetric!(PS256PublicKey),
            "PS384" => asymmetric!(PS384PublicKey),
            "PS512" => asymmetric!(PS512PublicKey),
            "ES256" => asymmetric!(ES256PublicKey),
            "ES384" => asymmetric!(ES384PublicKey),
            _ => asymmetric!(Ed25519PublicKey),
        };
        match result {
            Ok(_) => Outcome::Valid,
            Err(e) => crate::common::rejected(format!("{e:?}"), map_error(&e)),
        }
    }
}

// The benchmarks' prepared verifier (crate::bench): the key parsed once,
// each call one verification with the library's own API.

/// jwt-simple's defaults allow 15 minutes of clock skew; the benchmarks
/// compare verifiers at leeway 0.
fn no_leeway() -> VerificationOptions {
    VerificationOptions { time_tolerance: Some(Duration::from_secs(0)), ..VerificationOptions::default() }
}

pub(crate) fn prepared(alg: &str, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<crate::common::Verifier> {
    let json = serde_json::Value::Object(jwk.clone()).to_string();
    macro_rules! asymmetric {
        ($ty:ty) => {{
            let key = <$ty>::from_jwk(&json).ok()?;
            Some(Box::new(move |token: &str| key.verify_token::<NoCustomClaims>(token, Some(no_leeway())).is_ok()) as crate::common::Verifier)
        }};
    }
    match alg {
        "HS256" | "HS384" | "HS512" => {
            let k = crate::common::jwk_bytes(jwk, "k")?;
            match alg {
                "HS256" => {
                    let key = HS256Key::from_bytes(&k);
                    Some(Box::new(move |t: &str| key.verify_token::<NoCustomClaims>(t, Some(no_leeway())).is_ok()))
                }
                "HS384" => {
                    let key = HS384Key::from_bytes(&k);
                    Some(Box::new(move |t: &str| key.verify_token::<NoCustomClaims>(t, Some(no_leeway())).is_ok()))
                }
                _ => {
                    let key = HS512Key::from_bytes(&k);
                    Some(Box::new(move |t: &str| key.verify_token::<NoCustomClaims>(t, Some(no_leeway())).is_ok()))
                }
            }
        }
        "RS256" => asymmetric!(RS256PublicKey),
        "PS256" => asymmetric!(PS256PublicKey),
        "ES256" => asymmetric!(ES256PublicKey),
        "ES384" => asymmetric!(ES384PublicKey),
        "EdDSA" => asymmetric!(Ed25519PublicKey),
        _ => None,
    }
}
