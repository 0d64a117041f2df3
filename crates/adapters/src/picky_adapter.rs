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
use jwtproof_reference::{ErrorKind, PayloadKind};
use picky::jose::jwk::Jwk;
use picky::jose::jws::{Jws, JwsError};
use picky::jose::jwt::{JwtDate, JwtError, JwtSig, JwtValidator};

use crate::common::{choose_algorithm, common_unsupported, invalid, jwk_json, now_seconds};

/// The `picky` crate (`JwtSig::decode` + `validate`, or `Jws::decode` for
/// opaque payloads).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Picky;

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    Box::new(Picky)
}

const NAME: &str = "picky";
/// picky verifies with public keys only (no HMAC), and its
/// `SignatureAlgorithm::try_from(JwsAlg)` has no RSASSA-PSS (PS256/384/512
/// are documented as unsupported).
const SUPPORTED: &[&str] = &["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA"];

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

impl Implementation for Picky {
    fn name(&self) -> &str {
        NAME
    }

    fn version(&self) -> Option<String> {
        Some(crate::versions::version_label(self.name(), Some("jose")))
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        if let Some(out) = common_unsupported(NAME, input, true) {
            return out;
        }
        let v = &input.case.validation;
        if v.audience.is_some() || v.issuer.is_some() || v.subject.is_some() {
            return Outcome::Unsupported("picky has no aud/iss/sub checks".into());
        }
        if v.max_age.is_some() {
            return Outcome::Unsupported("picky has no max_age (iat) check".into());
        }
        let required = v.required_claims.clone().unwrap_or_default();
        if let Some(c) = required.iter().find(|c| !["exp", "nbf"].contains(&c.as_str())) {
            return Outcome::Unsupported(format!("picky can only require exp and nbf (not {c:?})"));
        }
        let Ok(leeway) = u16::try_from(v.leeway.unwrap_or(0)) else {
            return Outcome::Unsupported("picky's leeway is a u16".into());
        };
        // Only for the "library lacks the token's alg" rule: picky itself
        // takes the algorithm from the header (see the module docs).
        if let Err(out) = choose_algorithm(NAME, input, SUPPORTED) {
            return out;
        }
        let Some(jwk) = &input.key else {
            return Outcome::Unsupported("picky cannot verify without a key".into());
        };
        // The key as the library parses JWKs; its refusal is a rejection.
        let Ok(key) = Jwk::from_json(&jwk_json(jwk)).and_then(|k| k.to_public_key()) else {
            return invalid(Some(ErrorKind::KeyMismatch));
        };
        let token = input.case.token.as_str();
        if v.payload == Some(PayloadKind::Opaque) {
            return match Jws::decode(token, &key) {
                Ok(_) => Outcome::Valid,
                Err(e) => crate::common::rejected(format!("{e:?}"), map_error(&JwtError::from(e))),
            };
        }
        let jwt = match JwtSig::decode(token, &key) {
            Ok(j) => j,
            Err(e) => return crate::common::rejected(format!("{e:?}"), map_error(&e)),
        };
        // exp and nbf are checked when present (the spec's rule), required
        // when the case requires them.
        let Some(now) = now_seconds(input) else { return crate::common::time_out_of_range("picky") };
        let mut validator = JwtValidator::lenient(JwtDate::new_with_leeway(now, leeway));
        if required.iter().any(|c| c == "exp") {
            validator = validator.expiration_check_required();
        }
        if required.iter().any(|c| c == "nbf") {
            validator = validator.not_before_check_required();
        }
        // picky has no iat check (no issued-in-the-future rejection).
        match jwt.validate::<serde_json::Value>(&validator) {
            Ok(_) => Outcome::Valid,
            Err(e) => crate::common::rejected(format!("{e:?}"), map_error(&e)),
        }
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
    use picky::jose::jwk::Jwk;
    use picky::jose::jwt::{JwtDate, JwtSig, JwtValidator};
    if !matches!(alg, "RS256" | "ES256" | "ES384" | "ES512" | "EdDSA") {
        return None;
    }
    let key = Jwk::from_json(&crate::common::jwk_json(jwk)).and_then(|k| k.to_public_key()).ok()?;
    Some(Box::new(move |token: &str| {
        let Ok(jwt) = JwtSig::decode(token, &key) else { return false };
        jwt.validate::<serde_json::Value>(&JwtValidator::lenient(JwtDate::new(crate::common::wall_clock_seconds()))).is_ok()
    }))
}
