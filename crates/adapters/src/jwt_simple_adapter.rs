//! `jwt-simple` 0.15 (jedisct1/rust-jwt-simple), pure-Rust backend.
//!
//! The algorithm is fixed by the key type (`HS256Key`, `RS256PublicKey`,
//! …): the adapter passes the allowed algorithm the token names (see
//! [`crate::common::choose_algorithm`]) and the library checks the header's `alg`.

use std::collections::HashSet;

use jwt_simple::JWTError;
use jwt_simple::prelude::*;
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{Algorithm, AllowedEntry, ErrorKind};

use crate::common::{About, Library, Step, choose_algorithm, jwk_bytes, jwk_json, jwk_str, key, key_mismatch, no_required_claims, rejection};

/// The `jwt-simple` crate (`verify_token::<NoCustomClaims>`).
pub(crate) enum JwtSimple {}

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    crate::common::adapter::<JwtSimple>()
}

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

/// One verification with a parsed key (its type fixes the algorithm).
type Verify = Box<dyn Fn(&str, VerificationOptions) -> Result<JWTClaims<NoCustomClaims>, jwt_simple::Error> + Send + Sync>;

/// Parses a JWK with the library's key type for one algorithm; `None` for
/// a key it refuses.
type Parse = fn(&serde_json::Map<String, serde_json::Value>) -> Option<Verify>;

/// The library's key type for the algorithm, as its parser; `none` is not
/// implemented, nor ES512.
fn parser(entry: AllowedEntry) -> Option<Parse> {
    // The secret of an `oct` JWK, as HMAC keys take it.
    macro_rules! hmac {
        ($ty:ty) => {
            |jwk| {
                let k = jwk_bytes(jwk, "k").filter(|_| jwk_str(jwk, "kty") == Some("oct"))?;
                let key = <$ty>::from_bytes(&k);
                Some(Box::new(move |token: &str, options| key.verify_token::<NoCustomClaims>(token, Some(options))))
            }
        };
    }
    // The key as the library parses JWKs.
    macro_rules! public {
        ($ty:ty) => {
            |jwk| {
                let key = <$ty>::from_jwk(&jwk_json(jwk)).ok()?;
                Some(Box::new(move |token: &str, options| key.verify_token::<NoCustomClaims>(token, Some(options))))
            }
        };
    }
    let AllowedEntry::Alg(alg) = entry else { return None };
    let parse: Parse = match alg {
        Algorithm::HS256 => hmac!(HS256Key),
        Algorithm::HS384 => hmac!(HS384Key),
        Algorithm::HS512 => hmac!(HS512Key),
        Algorithm::RS256 => public!(RS256PublicKey),
        Algorithm::RS384 => public!(RS384PublicKey),
        Algorithm::RS512 => public!(RS512PublicKey),
        Algorithm::PS256 => public!(PS256PublicKey),
        Algorithm::PS384 => public!(PS384PublicKey),
        Algorithm::PS512 => public!(PS512PublicKey),
        Algorithm::ES256 => public!(ES256PublicKey),
        Algorithm::ES384 => public!(ES384PublicKey),
        Algorithm::ES512 => return None,
        Algorithm::EdDSA => public!(Ed25519PublicKey),
    };
    Some(parse)
}

const NAME: &str = "jwt-simple";

impl Library for JwtSimple {
    const ABOUT: About = About { name: NAME, backend: Some("pure-rust"), opaque: false };

    fn run(input: &CaseInput<'_>) -> Step<Outcome> {
        no_required_claims(input, |c| format!("jwt-simple has no option to require a claim ({c:?})"))?;
        let parse = choose_algorithm(NAME, input, parser)?;
        let jwk = key(NAME, input)?;

        let v = &input.case.validation;
        // The case's time; nanosecond clocks keep their fraction (coarsetime
        // ticks are 2^-32 s). The clock is unsigned: earlier times, or times
        // beyond its range, cannot be given.
        let artificial_time = match v.clock {
            jwtproof_reference::Clock::Seconds(s) => u64::try_from(s).ok().filter(|s| *s < 1 << 32).map(Duration::from_secs),
            jwtproof_reference::Clock::Nanos(n) => {
                u64::try_from(n).ok().map(|n| Duration::from_ticks(((u128::from(n) << 32) / 1_000_000_000) as u64))
            }
        };
        let artificial_time = artificial_time.ok_or_else(|| crate::common::time_out_of_range(NAME))?;
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

        // The key as the library parses it; its refusal is a rejection.
        let verify = parse(jwk).ok_or_else(key_mismatch)?;
        Ok(verify(&input.case.token, options).map_or_else(|e| rejection(&e, map_error), |_| Outcome::Valid))
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
    let verify = parser(crate::common::bench_algorithm(alg)?)?(jwk)?;
    Some(Box::new(move |token: &str| verify(token, no_leeway()).is_ok()))
}
