//! `picky` 7.0.0-rc.17 (Devolutions/picky-rs), `jose` feature, pure Rust.
//!
//! rc.17, not the latest rc.29: from rc.24 on picky pins `rsa =0.10.0-rc.18`,
//! which cannot coexist with the workspace's `rsa 0.10` (one semver-compatible
//! version per build); rc.17 is the newest on the RustCrypto 0.9/0.13
//! generation, which builds beside it.
//!
//! **Not mappable: the allow-list.** picky's `Jws::decode(token, &key)`
//! verifies with whatever `alg` the header names; it has no option to
//! restrict algorithms. The adapter still refuses to run a token whose
//! listed `alg` picky lacks (`Unsupported`), but otherwise hands the token
//! over as an application using picky's API would: a token whose `alg`
//! is not in the case's allow-list is judged by picky alone (deviations on
//! `algorithm_not_allowed` cases are that fact, recorded as data).

use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{Algorithm, AllowedEntry, ErrorKind, PayloadKind};
use picky::jose::jwk::Jwk;
use picky::jose::jws::{Jws, JwsError};
use picky::jose::jwt::{JwtDate, JwtError, JwtSig, JwtValidator};

use crate::common::{About, Library, Step, choose_algorithm, jwk_json, key, key_mismatch, now_seconds, rejected, rejection, time_claims_only};

/// The `picky` crate (`JwtSig::decode` + `validate`, or `Jws::decode` for
/// opaque payloads).
pub(crate) enum Picky {}

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    crate::common::adapter::<Picky>()
}

/// Whether picky implements the algorithm: it verifies with public keys
/// only (no HMAC, no `none`), and its `SignatureAlgorithm::try_from(JwsAlg)`
/// has no RSASSA-PSS (PS256/384/512 are documented as unsupported).
fn implements(entry: AllowedEntry) -> Option<Algorithm> {
    let AllowedEntry::Alg(alg) = entry else { return None };
    match alg {
        Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512 => Some(alg),
        Algorithm::ES256 | Algorithm::ES384 | Algorithm::ES512 | Algorithm::EdDSA => Some(alg),
        Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => None,
        Algorithm::PS256 | Algorithm::PS384 | Algorithm::PS512 => None,
    }
}

/// The library's errors, mapped to the spec's kinds (the one place).
fn map_error(e: &JwtError) -> Option<ErrorKind> {
    Some(match e {
        JwtError::Jws { source } => match source {
            JwsError::Json { .. } | JwsError::InvalidEncoding { .. } | JwsError::Base64Decoding { .. } | JwsError::InvalidUtf8 { .. } => {
                ErrorKind::Malformed
            }
            JwsError::Signature { .. } | JwsError::Rsa { .. } => ErrorKind::InvalidSignature,
            _ => return None,
        },
        JwtError::Json { .. } => ErrorKind::Malformed,
        JwtError::InvalidRegisteredClaimType { .. } => ErrorKind::InvalidClaim,
        JwtError::RequiredClaimMissing { .. } => ErrorKind::MissingClaim,
        JwtError::NotYetValid { .. } => ErrorKind::NotYetValid,
        JwtError::Expired { .. } => ErrorKind::Expired,
        _ => return None,
    })
}

const NAME: &str = "picky";

impl Library for Picky {
    const ABOUT: About = About { name: NAME, backend: Some("jose"), opaque: true };

    fn run(input: &CaseInput<'_>) -> Step<Outcome> {
        let required = time_claims_only(NAME, input)?;
        let v = &input.case.validation;
        let leeway = u16::try_from(v.leeway.unwrap_or(0)).map_err(|_| Outcome::Unsupported("picky's leeway is a u16".into()))?;
        // Only for the "library lacks the token's alg" rule: picky itself
        // takes the algorithm from the header (see the module docs).
        choose_algorithm(NAME, input, implements)?;
        // The key as the library parses JWKs; its refusal is a rejection.
        let key = Jwk::from_json(&jwk_json(key(NAME, input)?)).and_then(|k| k.to_public_key()).map_err(|_| key_mismatch())?;
        let token = input.case.token.as_str();
        if v.payload == Some(PayloadKind::Opaque) {
            return Ok(Jws::decode(token, &key).map_or_else(|e| rejected(format!("{e:?}"), map_error(&JwtError::from(e))), |_| Outcome::Valid));
        }
        let jwt = JwtSig::decode(token, &key).map_err(|e| rejection(&e, map_error))?;
        // exp and nbf are checked when present (the spec's rule), required
        // when the case requires them.
        let now = now_seconds(input).ok_or_else(|| crate::common::time_out_of_range(NAME))?;
        let mut validator = JwtValidator::lenient(JwtDate::new_with_leeway(now, leeway));
        if required.iter().any(|c| c == "exp") {
            validator = validator.expiration_check_required();
        }
        if required.iter().any(|c| c == "nbf") {
            validator = validator.not_before_check_required();
        }
        // picky has no iat check (no issued-in-the-future rejection).
        Ok(jwt.validate::<serde_json::Value>(&validator).map_or_else(|e| rejection(&e, map_error), |_| Outcome::Valid))
    }
}

// The benchmarks' prepared verifier (crate::bench): the key parsed once,
// each call one verification with the library's own API.

/// picky: the public key from the library's JWK type (`to_public_key`),
/// `JwtSig::decode(token, &key)`, then `validate` with
/// `JwtValidator::lenient` (exp and nbf checked when present) at the wall
/// clock with leeway 0 (picky takes the time from the caller). picky has no
/// algorithm allow-list: it verifies with the `alg` the header names. No
/// HMAC (public keys only) and no RSASSA-PSS (PS256).
pub(crate) fn prepared(alg: &str, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<crate::common::Verifier> {
    implements(crate::common::bench_algorithm(alg)?)?;
    let key = Jwk::from_json(&jwk_json(jwk)).and_then(|k| k.to_public_key()).ok()?;
    Some(Box::new(move |token: &str| {
        let Ok(jwt) = JwtSig::decode(token, &key) else { return false };
        jwt.validate::<serde_json::Value>(&JwtValidator::lenient(JwtDate::new(crate::common::wall_clock_seconds()))).is_ok()
    }))
}
