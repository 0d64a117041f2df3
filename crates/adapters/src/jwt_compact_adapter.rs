//! `jwt-compact` 0.9.0-beta.1 (slowli/jwt-compact), pure-Rust backends
//! (`rsa`, `p256`, `ed25519-compact`; no ES384/ES512).
//!
//! One algorithm per validator (`Es256.validator(&key)`): the adapter picks
//! the allowed algorithm the token names (see [`crate::common::choose_algorithm`])
//! and the library checks the header's `alg`. Time claims are checked by
//! `Claims::validate_expiration` / `validate_maturity` with a
//! `TimeOptions` whose clock is the case's time.

use jwt_compact::alg::{Ed25519, Es256, Hs256, Hs384, Hs512, Rsa};
use jwt_compact::jwk::JsonWebKey;
use jwt_compact::{Algorithm, AlgorithmExt, Empty, ParseError, TimeOptions, Token, UntrustedToken, ValidationError};
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{Algorithm as Alg, AllowedEntry, ErrorKind};

use crate::common::{
    About, Library, Step, choose_algorithm, jwk_json, key, key_mismatch, now_chrono, rejected, rejection, seconds_delta, time_claims_only,
};

/// The `jwt-compact` crate.
pub(crate) enum JwtCompact {}

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    crate::common::adapter::<JwtCompact>()
}

/// The library's two error types.
#[derive(Debug)]
enum Failure {
    Parse(ParseError),
    Validation(ValidationError),
}

/// The library's errors, mapped to the spec's kinds (the one place).
fn map_error(e: &Failure) -> Option<ErrorKind> {
    Some(match e {
        Failure::Parse(ParseError::UnsupportedContentType(_)) => ErrorKind::InvalidHeader,
        Failure::Parse(_) => ErrorKind::Malformed,
        Failure::Validation(v) => match v {
            ValidationError::AlgorithmMismatch { .. } => ErrorKind::AlgorithmNotAllowed,
            ValidationError::InvalidSignatureLen { .. } | ValidationError::MalformedSignature(_) | ValidationError::InvalidSignature => {
                ErrorKind::InvalidSignature
            }
            ValidationError::MalformedClaims(_) => ErrorKind::Malformed,
            ValidationError::NoClaim(_) => ErrorKind::MissingClaim,
            ValidationError::Expired => ErrorKind::Expired,
            ValidationError::NotMature => ErrorKind::NotYetValid,
            _ => return None,
        },
    })
}

/// The signature check of a validated token (its claims not yet checked).
type Check = Box<dyn Fn(&UntrustedToken<'_>) -> Result<Token<Empty>, ValidationError> + Send + Sync>;

/// Makes the check with a key of the library's JWK type; `None` for a key
/// it refuses.
type MakeCheck = fn(&JsonWebKey<'_>) -> Option<Check>;

/// One algorithm's check (`alg.validator(&key)`, which checks the header's
/// `alg`) with the key converted from the JWK.
fn check<A>(alg: A, jwk: &JsonWebKey<'_>) -> Option<Check>
where
    A: Algorithm + Send + Sync + 'static,
    A::VerifyingKey: for<'r, 'k> TryFrom<&'r JsonWebKey<'k>> + Send + Sync + 'static,
{
    let key = A::VerifyingKey::try_from(jwk).ok()?;
    Some(Box::new(move |token: &UntrustedToken<'_>| alg.validator::<Empty>(&key).validate(token)))
}

/// The library's algorithm, as the maker of its check; no ES384 or ES512
/// (ES256 comes from its `p256` backend), no `none`.
fn algorithm(entry: AllowedEntry) -> Option<MakeCheck> {
    let AllowedEntry::Alg(alg) = entry else { return None };
    let make: MakeCheck = match alg {
        Alg::HS256 => |jwk| check(Hs256, jwk),
        Alg::HS384 => |jwk| check(Hs384, jwk),
        Alg::HS512 => |jwk| check(Hs512, jwk),
        Alg::RS256 => |jwk| check(Rsa::rs256(), jwk),
        Alg::RS384 => |jwk| check(Rsa::rs384(), jwk),
        Alg::RS512 => |jwk| check(Rsa::rs512(), jwk),
        Alg::PS256 => |jwk| check(Rsa::ps256(), jwk),
        Alg::PS384 => |jwk| check(Rsa::ps384(), jwk),
        Alg::PS512 => |jwk| check(Rsa::ps512(), jwk),
        Alg::ES256 => |jwk| check(Es256, jwk),
        Alg::ES384 | Alg::ES512 => return None,
        Alg::EdDSA => |jwk| check(Ed25519, jwk),
    };
    Some(make)
}

const NAME: &str = "jwt-compact";

impl Library for JwtCompact {
    const ABOUT: About = About { name: NAME, backend: Some("rsa, p256, ed25519-compact"), opaque: false };

    fn run(input: &CaseInput<'_>) -> Step<Outcome> {
        let required = time_claims_only(NAME, input)?;
        let make = choose_algorithm(NAME, input, algorithm)?;
        // The key as the library parses JWKs; its refusal is a rejection.
        let jwk = serde_json::from_str::<JsonWebKey<'_>>(&jwk_json(key(NAME, input)?)).map_err(|_| key_mismatch())?;
        let untrusted = UntrustedToken::new(&input.case.token).map_err(|e| rejected(format!("{e:?}"), map_error(&Failure::Parse(e))))?;
        let check = make(&jwk).ok_or_else(key_mismatch)?;
        let token = check(&untrusted).map_err(|e| rejection(&Failure::Validation(e), map_error))?;

        let now = now_chrono(NAME, input)?;
        let v = &input.case.validation;
        let options = TimeOptions::new(seconds_delta(v.leeway.unwrap_or(0)), move || now);
        let claims = token.claims();
        // validate_expiration/validate_maturity fail on an absent claim
        // (`NoClaim`): they are called when the claim is present (the spec
        // checks exp and nbf when present) or required.
        let require = |c: &str| required.iter().any(|r| r == c);
        let mut checked = Ok(());
        if claims.expiration.is_some() || require("exp") {
            checked = claims.validate_expiration(&options).map(|_| ());
        }
        if checked.is_ok() && (claims.not_before.is_some() || require("nbf")) {
            checked = claims.validate_maturity(&options).map(|_| ());
        }
        // jwt-compact parses iat but has no check for it (no issued-in-the-
        // future rejection): not mappable, so not checked.
        Ok(checked.map_or_else(|e| rejected(format!("{e:?}"), map_error(&Failure::Validation(e))), |()| Outcome::Valid))
    }
}

// The benchmarks' prepared verifier (crate::bench): the key parsed once,
// each call one verification with the library's own API.

/// jwt-compact: the key from the library's JWK type, `validator(&key)
/// .validate(&UntrustedToken::new(token)?)` (which checks the header's
/// `alg`), then `validate_expiration` and, when `nbf` is present,
/// `validate_maturity`, with leeway 0 and the wall clock (`Utc::now`).
/// jwt-compact has no `iat` check, and implements no ES384 or ES512
/// (ES256 comes from its `p256` backend).
pub(crate) fn prepared(alg: &str, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<crate::common::Verifier> {
    let make = algorithm(crate::common::bench_algorithm(alg)?)?;
    let check = make(&serde_json::from_str(&jwk_json(jwk)).ok()?)?;
    let options = TimeOptions::new(chrono::TimeDelta::zero(), chrono::Utc::now);
    Some(Box::new(move |token: &str| {
        let Ok(untrusted) = UntrustedToken::new(token) else { return false };
        let Ok(token) = check(&untrusted) else { return false };
        let claims = token.claims();
        claims.validate_expiration(&options).is_ok() && (claims.not_before.is_none() || claims.validate_maturity(&options).is_ok())
    }))
}
