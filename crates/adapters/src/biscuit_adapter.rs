//! `biscuit` 0.8 (lawliet89/biscuit), ring backend.
//!
//! `JWT::decode(&secret, algorithm)` takes one algorithm: the adapter picks
//! the allowed algorithm the token names (see [`crate::common::choose_algorithm`]).
//! The secret comes from the library's own JWK type, converted as its
//! `decode_with_jwks` does. Claims are checked by `ValidationOptions` with
//! `temporal_options.now` set to the case's time.

use biscuit::errors::{DecodeError, Error as BErr, ValidationError as BVal};
use biscuit::jwa::SignatureAlgorithm;
use biscuit::jwk::{AlgorithmParameters, JWK};
use biscuit::jws::Secret;
use biscuit::{ClaimPresenceOptions, Empty, JWT, Presence, TemporalOptions, Validation, ValidationOptions};
use chrono::{DateTime, TimeDelta, Utc};
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::ErrorKind;

use crate::common::{choose_algorithm, common_unsupported, invalid};

/// The `biscuit` crate (`JWT::<Empty, Empty>::decode` + `validate`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Biscuit;

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    Box::new(Biscuit)
}

const NAME: &str = "biscuit";
/// `none` is listed because biscuit accepts `SignatureAlgorithm::None` with
/// `Secret::None`, which is what listing it means. No EdDSA; ES512 is an
/// enum value whose verification always fails (`UnsupportedOperation`).
const SUPPORTED: &[&str] = &["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "none"];

/// The library's errors, mapped to the spec's kinds (the one place).
fn map_error(e: &BErr) -> Option<ErrorKind> {
    Some(match e {
        BErr::DecodeError(DecodeError::InvalidToken | DecodeError::PartsLengthError { .. })
        | BErr::JsonError(_)
        | BErr::DecodeBase64(_)
        | BErr::Utf8(_) => ErrorKind::Malformed,
        BErr::KeyRejected(_) | BErr::WrongKeyType { .. } => ErrorKind::KeyMismatch,
        BErr::ValidationError(v) => match v {
            BVal::InvalidSignature => ErrorKind::InvalidSignature,
            BVal::WrongAlgorithmHeader => ErrorKind::AlgorithmNotAllowed,
            BVal::MissingRequiredClaims(_) => ErrorKind::MissingClaim,
            BVal::Expired(_) | BVal::TooOld(_) => ErrorKind::Expired,
            // Also iat in the future: the library does not tell them apart.
            BVal::NotYetValid(_) => ErrorKind::NotYetValid,
            BVal::InvalidIssuer(_) => ErrorKind::IssuerMismatch,
            BVal::InvalidAudience(_) => ErrorKind::AudienceMismatch,
            BVal::KidMissing | BVal::KeyNotFound | BVal::UnsupportedKeyAlgorithm => ErrorKind::KeyMismatch,
            _ => return None,
        },
        _ => return None,
    })
}

fn algorithm(name: &str) -> SignatureAlgorithm {
    match name {
        "HS256" => SignatureAlgorithm::HS256,
        "HS384" => SignatureAlgorithm::HS384,
        "HS512" => SignatureAlgorithm::HS512,
        "RS256" => SignatureAlgorithm::RS256,
        "RS384" => SignatureAlgorithm::RS384,
        "RS512" => SignatureAlgorithm::RS512,
        "PS256" => SignatureAlgorithm::PS256,
        "PS384" => SignatureAlgorithm::PS384,
        "PS512" => SignatureAlgorithm::PS512,
        "ES256" => SignatureAlgorithm::ES256,
        "ES384" => SignatureAlgorithm::ES384,
        _ => SignatureAlgorithm::None,
    }
}

impl Implementation for Biscuit {
    fn name(&self) -> &str {
        NAME
    }

    fn version(&self) -> Option<String> {
        Some(crate::versions::version_label(self.name(), Some("ring")))
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        if let Some(out) = common_unsupported(NAME, input, false) {
            return out;
        }
        let v = &input.case.validation;
        if v.subject.is_some() {
            return Outcome::Unsupported("biscuit has no subject check".into());
        }
        if v.audience.as_ref().is_some_and(|a| a.len() != 1) {
            return Outcome::Unsupported("biscuit's validation takes exactly one audience".into());
        }
        let mut presence = ClaimPresenceOptions::default();
        for claim in v.required_claims.iter().flatten() {
            let slot = match claim.as_str() {
                "exp" => &mut presence.expiry,
                "nbf" => &mut presence.not_before,
                "iat" => &mut presence.issued_at,
                "aud" => &mut presence.audience,
                "iss" => &mut presence.issuer,
                "sub" => &mut presence.subject,
                "jti" => &mut presence.id,
                other => return Outcome::Unsupported(format!("biscuit can only require registered claims (not {other:?})")),
            };
            *slot = Presence::Required;
        }
        // The spec requires aud/iss/iat when audience/issuer/max_age is set;
        // biscuit expresses that with its presence options.
        if v.audience.is_some() {
            presence.audience = Presence::Required;
        }
        if v.issuer.is_some() {
            presence.issuer = Presence::Required;
        }
        if v.max_age.is_some() {
            presence.issued_at = Presence::Required;
        }
        let alg = match choose_algorithm(NAME, input, SUPPORTED) {
            Ok(a) => a,
            Err(out) => return out,
        };

        let secret = if alg == "none" {
            Secret::None
        } else {
            let Some(jwk) = &input.key else {
                return Outcome::Unsupported("biscuit cannot verify without a key".into());
            };
            // The key as the library parses JWKs; its refusal is a rejection.
            let Ok(jwk) = serde_json::from_value::<JWK<Empty>>(serde_json::Value::Object(jwk.clone())) else {
                return invalid(Some(ErrorKind::KeyMismatch));
            };
            match &jwk.algorithm {
                AlgorithmParameters::EllipticCurve(ec) => ec.jws_public_key_secret(),
                AlgorithmParameters::RSA(rsa) => rsa.jws_public_key_secret(),
                AlgorithmParameters::OctetKey(oct) => Secret::Bytes(oct.value.clone()),
                _ => return invalid(Some(ErrorKind::KeyMismatch)),
            }
        };

        let token: JWT<Empty, Empty> = JWT::new_encoded(&input.case.token);
        let decoded = match token.decode(&secret, algorithm(&alg)) {
            Ok(d) => d,
            Err(e) => return crate::common::rejected(format!("{e:?}"), map_error(&e)),
        };

        let nanos = v.clock.as_nanos();
        // A time chrono cannot hold is not clamped: the case is unsupported.
        let now: Option<DateTime<Utc>> = i64::try_from(nanos.div_euclid(1_000_000_000))
            .ok()
            .zip(u32::try_from(nanos.rem_euclid(1_000_000_000)).ok())
            .and_then(|(secs, sub)| DateTime::from_timestamp(secs, sub));
        let Some(now) = now else { return crate::common::time_out_of_range("biscuit") };
        let temporal = TemporalOptions {
            epsilon: TimeDelta::try_seconds(i64::try_from(v.leeway.unwrap_or(0)).unwrap_or(i64::MAX)).unwrap_or(TimeDelta::MAX),
            now: Some(now),
        };
        let options = ValidationOptions {
            claim_presence_options: presence,
            temporal_options: temporal,
            // biscuit's iat check: future iat (beyond epsilon) and, with a
            // max age, `now - iat > max_age - epsilon` (the leeway shortens
            // the age instead of extending it: not the spec's rule).
            issued_at: Validation::Validate(
                v.max_age
                    .map_or(TimeDelta::MAX, |s| TimeDelta::try_seconds(i64::try_from(s).unwrap_or(i64::MAX)).unwrap_or(TimeDelta::MAX)),
            ),
            not_before: Validation::Validate(()),
            expiry: Validation::Validate(()),
            issuer: v.issuer.clone().map_or(Validation::Ignored, Validation::Validate),
            audience: v.audience.as_ref().and_then(|a| a.first()).cloned().map_or(Validation::Ignored, Validation::Validate),
        };
        match decoded.validate(options) {
            Ok(()) => Outcome::Valid,
            Err(e) => crate::common::rejected(format!("{e:?}"), map_error(&e)),
        }
    }
}

// The benchmarks' prepared verifier (crate::bench): the key parsed once,
// each call one verification with the library's own API.

/// biscuit: the secret from the library's JWK type (as its
/// `decode_with_jwks` converts it), `JWT::new_encoded(token).decode(&secret,
/// algorithm)` (which checks the header's `alg`), then `validate` with the
/// default options (exp, nbf, iat not in the future, when present) at the
/// wall clock with epsilon 0. No EdDSA; ES512 is an enum value whose
/// verification always fails (`UnsupportedOperation`), so it is `None`.
pub(crate) fn prepared(alg: &str, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<crate::common::Verifier> {
    use biscuit::jwa::SignatureAlgorithm;
    use biscuit::jwk::{AlgorithmParameters, JWK};
    use biscuit::jws::Secret;
    use biscuit::{Empty, JWT, TemporalOptions, ValidationOptions};

    let algorithm = match alg {
        "HS256" => SignatureAlgorithm::HS256,
        "HS384" => SignatureAlgorithm::HS384,
        "HS512" => SignatureAlgorithm::HS512,
        "RS256" => SignatureAlgorithm::RS256,
        "PS256" => SignatureAlgorithm::PS256,
        "ES256" => SignatureAlgorithm::ES256,
        "ES384" => SignatureAlgorithm::ES384,
        _ => return None,
    };
    let parsed: JWK<Empty> = serde_json::from_value(serde_json::Value::Object(jwk.clone())).ok()?;
    let secret = match &parsed.algorithm {
        AlgorithmParameters::EllipticCurve(ec) => ec.jws_public_key_secret(),
        AlgorithmParameters::RSA(rsa) => rsa.jws_public_key_secret(),
        AlgorithmParameters::OctetKey(oct) => Secret::Bytes(oct.value.clone()),
        _ => return None,
    };
    let options =
        ValidationOptions { temporal_options: TemporalOptions { epsilon: chrono::TimeDelta::zero(), now: None }, ..Default::default() };
    Some(Box::new(move |token: &str| {
        let jwt: JWT<Empty, Empty> = JWT::new_encoded(token);
        jwt.decode(&secret, algorithm).is_ok_and(|decoded| decoded.validate(options.clone()).is_ok())
    }))
}
