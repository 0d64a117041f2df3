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
use chrono::TimeDelta;
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{AllowedEntry, ErrorKind};

use crate::common::{
    About, Library, Step, choose_algorithm, key, key_mismatch, now_chrono, one_audience, refuse, rejection, required_among, same_names,
    seconds_delta,
};

/// The `biscuit` crate (`JWT::<Empty, Empty>::decode` + `validate`).
pub(crate) enum Biscuit {}

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    crate::common::adapter::<Biscuit>()
}

/// The registered claims, which biscuit's presence options can require.
const REGISTERED: &[&str] = &["exp", "nbf", "iat", "aud", "iss", "sub", "jti"];

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

/// The library's algorithm. `none` is `SignatureAlgorithm::None` with
/// `Secret::None`, which is what listing it means. No EdDSA; ES512 is an
/// enum value whose verification always fails (`UnsupportedOperation`).
fn algorithm(entry: AllowedEntry) -> Option<SignatureAlgorithm> {
    let AllowedEntry::Alg(alg) = entry else { return Some(SignatureAlgorithm::None) };
    same_names!(alg, SignatureAlgorithm, has [HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384], lacks [ES512, EdDSA])
}

/// The secret from the library's JWK type, converted as its
/// `decode_with_jwks` does; `None` for a JWK it refuses.
fn secret(jwk: &serde_json::Map<String, serde_json::Value>) -> Option<Secret> {
    let jwk = serde_json::from_value::<JWK<Empty>>(serde_json::Value::Object(jwk.clone())).ok()?;
    match &jwk.algorithm {
        AlgorithmParameters::EllipticCurve(ec) => Some(ec.jws_public_key_secret()),
        AlgorithmParameters::RSA(rsa) => Some(rsa.jws_public_key_secret()),
        AlgorithmParameters::OctetKey(oct) => Some(Secret::Bytes(oct.value.clone())),
        _ => None,
    }
}

const NAME: &str = "biscuit";

impl Library for Biscuit {
    const ABOUT: About = About { name: NAME, backend: Some("ring"), opaque: false };

    fn run(input: &CaseInput<'_>) -> Step<Outcome> {
        let v = &input.case.validation;
        refuse(v.subject.is_some(), || "biscuit has no subject check".into())?;
        let audience = one_audience(input, "biscuit's validation takes exactly one audience")?;
        let required = required_among(input, REGISTERED, |c| format!("biscuit can only require registered claims (not {c:?})"))?;
        // The spec requires aud/iss/iat when audience/issuer/max_age is set;
        // biscuit expresses that with its presence options.
        let presence = |claim: &str, implied: bool| {
            if implied || required.iter().any(|r| r == claim) { Presence::Required } else { Presence::Optional }
        };
        let presence = ClaimPresenceOptions {
            issued_at: presence("iat", v.max_age.is_some()),
            not_before: presence("nbf", false),
            expiry: presence("exp", false),
            issuer: presence("iss", v.issuer.is_some()),
            audience: presence("aud", audience.is_some()),
            subject: presence("sub", false),
            id: presence("jti", false),
        };
        let alg = choose_algorithm(NAME, input, algorithm)?;

        let secret = if alg == SignatureAlgorithm::None {
            Secret::None
        } else {
            // The key as the library parses JWKs; its refusal is a rejection.
            secret(key(NAME, input)?).ok_or_else(key_mismatch)?
        };

        let token: JWT<Empty, Empty> = JWT::new_encoded(&input.case.token);
        let decoded = token.decode(&secret, alg).map_err(|e| rejection(&e, map_error))?;

        let temporal = TemporalOptions { epsilon: seconds_delta(v.leeway.unwrap_or(0)), now: Some(now_chrono(NAME, input)?) };
        let options = ValidationOptions {
            claim_presence_options: presence,
            temporal_options: temporal,
            // biscuit's iat check: future iat (beyond epsilon) and, with a
            // max age, `now - iat > max_age - epsilon` (the leeway shortens
            // the age instead of extending it: not the spec's rule).
            issued_at: Validation::Validate(v.max_age.map_or(TimeDelta::MAX, seconds_delta)),
            not_before: Validation::Validate(()),
            expiry: Validation::Validate(()),
            issuer: v.issuer.clone().map_or(Validation::Ignored, Validation::Validate),
            audience: audience.cloned().map_or(Validation::Ignored, Validation::Validate),
        };
        Ok(decoded.validate(options).map_or_else(|e| rejection(&e, map_error), |()| Outcome::Valid))
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
    let algorithm = crate::common::bench_algorithm(alg).and_then(algorithm)?;
    let secret = secret(jwk)?;
    let options =
        ValidationOptions { temporal_options: TemporalOptions { epsilon: chrono::TimeDelta::zero(), now: None }, ..Default::default() };
    Some(Box::new(move |token: &str| {
        let jwt: JWT<Empty, Empty> = JWT::new_encoded(token);
        jwt.decode(&secret, algorithm).is_ok_and(|decoded| decoded.validate(options.clone()).is_ok())
    }))
}
