//! `jwt-compact` 0.9.0-beta.1 (slowli/jwt-compact), pure-Rust backends
//! (`rsa`, `p256`, `ed25519-compact`; no ES384/ES512).
//!
//! One algorithm per validator (`Es256.validator(&key)`): the adapter picks
//! the allowed algorithm the token names (see [`crate::common::choose_algorithm`])
//! and the library checks the header's `alg`. Time claims are checked by
//! `Claims::validate_expiration` / `validate_maturity` with a
//! `TimeOptions` whose clock is the case's time.

use chrono::{DateTime, TimeDelta, Utc};
use jwt_compact::alg::{Ed25519, Es256, Hs256, Hs256Key, Hs384, Hs384Key, Hs512, Hs512Key, Rsa, RsaPublicKey};
use jwt_compact::jwk::JsonWebKey;
use jwt_compact::{Algorithm, AlgorithmExt, Empty, ParseError, TimeOptions, Token, UntrustedToken, ValidationError};
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::ErrorKind;

use crate::common::{choose_algorithm, common_unsupported, invalid, jwk_json};

/// The `jwt-compact` crate.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct JwtCompact;

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    Box::new(JwtCompact)
}

const NAME: &str = "jwt-compact";
const SUPPORTED: &[&str] = &["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "EdDSA"];

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

fn validate<A: Algorithm>(alg: &A, key: &A::VerifyingKey, token: &UntrustedToken<'_>) -> Result<Token<Empty>, Failure> {
    alg.validator::<Empty>(key).validate(token).map_err(Failure::Validation)
}

impl Implementation for JwtCompact {
    fn name(&self) -> &str {
        NAME
    }

    fn version(&self) -> Option<String> {
        Some(crate::versions::version_label(self.name(), Some("rsa, p256, ed25519-compact")))
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        if let Some(out) = common_unsupported(NAME, input, false) {
            return out;
        }
        let v = &input.case.validation;
        if v.audience.is_some() || v.issuer.is_some() || v.subject.is_some() {
            return Outcome::Unsupported("jwt-compact has no aud/iss/sub checks".into());
        }
        if v.max_age.is_some() {
            return Outcome::Unsupported("jwt-compact has no max_age (iat) check".into());
        }
        let required = v.required_claims.clone().unwrap_or_default();
        if let Some(c) = required.iter().find(|c| !["exp", "nbf"].contains(&c.as_str())) {
            return Outcome::Unsupported(format!("jwt-compact can only require exp and nbf (not {c:?})"));
        }
        let alg = match choose_algorithm(NAME, input, SUPPORTED) {
            Ok(a) => a,
            Err(out) => return out,
        };
        let Some(jwk) = &input.key else {
            return Outcome::Unsupported("jwt-compact cannot verify without a key".into());
        };
        // The key as the library parses JWKs; its refusal is a rejection.
        let Ok(jwk) = serde_json::from_str::<JsonWebKey<'_>>(&jwk_json(jwk)) else {
            return invalid(Some(ErrorKind::KeyMismatch));
        };
        let untrusted = match UntrustedToken::new(&input.case.token) {
            Ok(t) => t,
            Err(e) => return crate::common::rejected(format!("{e:?}"), map_error(&Failure::Parse(e))),
        };
        macro_rules! with_key {
            ($alg:expr, $key:ty) => {
                match <$key>::try_from(&jwk) {
                    Ok(key) => validate(&$alg, &key, &untrusted),
                    Err(_) => return invalid(Some(ErrorKind::KeyMismatch)),
                }
            };
        }
        let result = match alg.as_str() {
            "HS256" => with_key!(Hs256, Hs256Key),
            "HS384" => with_key!(Hs384, Hs384Key),
            "HS512" => with_key!(Hs512, Hs512Key),
            "RS256" => with_key!(Rsa::rs256(), RsaPublicKey),
            "RS384" => with_key!(Rsa::rs384(), RsaPublicKey),
            "RS512" => with_key!(Rsa::rs512(), RsaPublicKey),
            "PS256" => with_key!(Rsa::ps256(), RsaPublicKey),
            "PS384" => with_key!(Rsa::ps384(), RsaPublicKey),
            "PS512" => with_key!(Rsa::ps512(), RsaPublicKey),
            "ES256" => with_key!(Es256, <Es256 as Algorithm>::VerifyingKey),
            _ => with_key!(Ed25519, <Ed25519 as Algorithm>::VerifyingKey),
        };
        let token = match result {
            Ok(t) => t,
            Err(e) => return crate::common::rejected(format!("{e:?}"), map_error(&e)),
        };

        let nanos = input.case.validation.clock.as_nanos();
        // A time chrono cannot hold is not clamped: the case is unsupported.
        let now: Option<DateTime<Utc>> = i64::try_from(nanos.div_euclid(1_000_000_000))
            .ok()
            .zip(u32::try_from(nanos.rem_euclid(1_000_000_000)).ok())
            .and_then(|(secs, sub)| DateTime::from_timestamp(secs, sub));
        let Some(now) = now else { return crate::common::time_out_of_range("jwt-compact") };
        let leeway = TimeDelta::try_seconds(i64::try_from(v.leeway.unwrap_or(0)).unwrap_or(i64::MAX)).unwrap_or(TimeDelta::MAX);
        let options = TimeOptions::new(leeway, move || now);
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
        match checked {
            Ok(()) => Outcome::Valid,
            Err(e) => crate::common::rejected(format!("{e:?}"), map_error(&Failure::Validation(e))),
        }
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
    use jwt_compact::alg::{Ed25519, Es256, Hs256, Hs256Key, Hs384, Hs384Key, Hs512, Hs512Key, Rsa, RsaPublicKey};
    use jwt_compact::jwk::JsonWebKey;
    use jwt_compact::{Algorithm, AlgorithmExt as _, Empty, TimeOptions, UntrustedToken};

    fn boxed<A>(alg: A, key: A::VerifyingKey) -> crate::common::Verifier
    where
        A: Algorithm + Send + Sync + 'static,
        A::VerifyingKey: Send + Sync + 'static,
    {
        let options = TimeOptions::new(chrono::TimeDelta::zero(), chrono::Utc::now);
        Box::new(move |token: &str| {
            let Ok(untrusted) = UntrustedToken::new(token) else { return false };
            let Ok(token) = alg.validator::<Empty>(&key).validate(&untrusted) else { return false };
            let claims = token.claims();
            claims.validate_expiration(&options).is_ok() && (claims.not_before.is_none() || claims.validate_maturity(&options).is_ok())
        })
    }

    let json = crate::common::jwk_json(jwk);
    let parsed: JsonWebKey<'_> = serde_json::from_str(&json).ok()?;
    Some(match alg {
        "HS256" => boxed(Hs256, Hs256Key::try_from(&parsed).ok()?),
        "HS384" => boxed(Hs384, Hs384Key::try_from(&parsed).ok()?),
        "HS512" => boxed(Hs512, Hs512Key::try_from(&parsed).ok()?),
        "RS256" => boxed(Rsa::rs256(), RsaPublicKey::try_from(&parsed).ok()?),
        "PS256" => boxed(Rsa::ps256(), RsaPublicKey::try_from(&parsed).ok()?),
        "ES256" => boxed(Es256, <Es256 as Algorithm>::VerifyingKey::try_from(&parsed).ok()?),
        "EdDSA" => boxed(Ed25519, <Ed25519 as Algorithm>::VerifyingKey::try_from(&parsed).ok()?),
        _ => return None,
    })
}
