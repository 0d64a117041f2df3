//! `compact_jwt` 0.5.7 (kanidm/compact-jwt), pure-Rust (`crypto-glue`).
//!
//! 0.5.7, not the latest 0.6.0: 0.6 depends on `crypto-glue 0.2`, which
//! asks for `rsa ^0.10.0-rc.18` with a `sha2` feature that the released
//! `rsa 0.10.0` of the workspace does not have (and only one 0.10 can be
//! in the build).
//!
//! A verifier holds one algorithm (ES256, HS256, RS256 only) and checks the
//! header's `alg`: the adapter picks the allowed algorithm the token names
//! (see [`crate::common::choose_algorithm`]). compact_jwt's `Jwt` has no claim
//! validation at all (no exp/nbf/iat/aud/iss/sub checks, no clock option;
//! only its OIDC type checks exp): like the jsonwebtoken adapter, only
//! cases whose verdict does not depend on the time are run, and the
//! audience/issuer/subject/max_age/required_claims settings are
//! unsupported.

use std::str::FromStr;

use compact_jwt::crypto::JwsRs256Verifier;
use compact_jwt::{JwsCompact, JwsEs256Verifier, JwsHs256Signer, JwsVerifier, JwtError, JwtUnverified};
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{ErrorKind, PayloadKind};

use crate::common::{choose_algorithm, common_unsupported, invalid, jwk_bytes, jwk_str, time_independent, wall_clock_seconds};

/// The `compact_jwt` crate (`JwsVerifier::verify` on `JwtUnverified` or,
/// for opaque payloads, `JwsCompact`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CompactJwt;

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    Box::new(CompactJwt)
}

const NAME: &str = "compact_jwt";
const SUPPORTED: &[&str] = &["HS256", "RS256", "ES256"];

/// The library's errors, mapped to the spec's kinds (the one place).
fn map_error(e: &JwtError) -> Option<ErrorKind> {
    Some(match e {
        JwtError::InvalidCompactFormat
        | JwtError::InvalidBase64
        | JwtError::InvalidHeaderFormat
        | JwtError::InvalidJwt
        | JwtError::Serde => ErrorKind::Malformed,
        JwtError::InvalidSignature | JwtError::CryptoError => ErrorKind::InvalidSignature,
        JwtError::CriticalExtension | JwtError::CriticalMissingHeaderValue => ErrorKind::UnsupportedCriticalHeader,
        JwtError::ValidatorAlgMismatch | JwtError::AlgorithmUnavailable => ErrorKind::AlgorithmNotAllowed,
        JwtError::InvalidJwtKid | JwtError::InvalidKey | JwtError::JwkPublicKeyDenied | JwtError::X5cPublicKeyDenied => {
            ErrorKind::KeyMismatch
        }
        JwtError::OidcTokenExpired => ErrorKind::Expired,
        _ => return None,
    })
}

fn run<V: JwsVerifier>(verifier: &V, token: &str, opaque: bool) -> Result<(), JwtError> {
    if opaque {
        let jwsc = JwsCompact::from_str(token)?;
        verifier.verify(&jwsc).map(|_| ())
    } else {
        let jwt = JwtUnverified::<()>::from_str(token)?;
        verifier.verify(&jwt).map(|_| ())
    }
}

impl Implementation for CompactJwt {
    fn name(&self) -> &str {
        NAME
    }

    fn version(&self) -> Option<String> {
        Some(crate::versions::version_label(self.name(), None))
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        if let Some(out) = common_unsupported(NAME, input, true) {
            return out;
        }
        let v = &input.case.validation;
        if v.audience.is_some() || v.issuer.is_some() || v.subject.is_some() || v.max_age.is_some() {
            return Outcome::Unsupported("compact_jwt's Jwt has no claim checks (aud, iss, sub, iat)".into());
        }
        if v.required_claims.as_ref().is_some_and(|r| !r.is_empty()) {
            return Outcome::Unsupported("compact_jwt has no option to require a claim".into());
        }
        let alg = match choose_algorithm(NAME, input, SUPPORTED) {
            Ok(a) => a,
            Err(out) => return out,
        };
        let opaque = v.payload == Some(PayloadKind::Opaque);
        // No clock and no time checks: run only what does not depend on the
        // time (for an opaque payload nothing does).
        if !opaque && !time_independent(input, wall_clock_seconds()) {
            return Outcome::Unsupported("compact_jwt's Jwt has no exp/nbf/iat checks (the application checks times itself): a case whose verdict depends on the time cannot be expressed".into());
        }
        let Some(jwk) = &input.key else {
            return Outcome::Unsupported("compact_jwt cannot verify without a key".into());
        };
        let token = input.case.token.as_str();
        // The key as the library takes it (its JWK type for RSA and EC,
        // raw bytes for HMAC); its refusal is a rejection.
        let result = match alg.as_str() {
            "HS256" => {
                let k = jwk_bytes(jwk, "k").filter(|_| jwk_str(jwk, "kty") == Some("oct"));
                match k.as_deref().map(JwsHs256Signer::try_from) {
                    Some(Ok(verifier)) => run(&verifier, token, opaque),
                    _ => return invalid(Some(ErrorKind::KeyMismatch)),
                }
            }
            _ => {
                let Ok(parsed) = serde_json::from_value::<compact_jwt::Jwk>(serde_json::Value::Object(jwk.clone())) else {
                    return invalid(Some(ErrorKind::KeyMismatch));
                };
                if alg == "RS256" {
                    match JwsRs256Verifier::try_from(&parsed) {
                        Ok(verifier) => run(&verifier, token, opaque),
                        Err(_) => return invalid(Some(ErrorKind::KeyMismatch)),
                    }
                } else {
                    match JwsEs256Verifier::try_from(&parsed) {
                        Ok(verifier) => run(&verifier, token, opaque),
                        Err(_) => return invalid(Some(ErrorKind::KeyMismatch)),
                    }
                }
            }
        };
        match result {
            Ok(()) => Outcome::Valid,
            Err(e) => crate::common::rejected(format!("{e:?}"), map_error(&e)),
        }
    }
}

// The benchmarks' prepared verifier (crate::bench): the key parsed once,
// each call one verification with the library's own API.

/// compact_jwt: a verifier for the one algorithm (`JwsHs256Signer` from the
/// secret, `JwsRs256Verifier` / `JwsEs256Verifier` from the library's JWK
/// type), `verify(&JwtUnverified::from_str(token)?)` (which checks the
/// header's `alg`). compact_jwt's `Jwt` has no claim validation at all (no
/// exp/nbf/iat checks): the verdict is the signature's. HS256, RS256 and
/// ES256 only.
pub(crate) fn prepared(alg: &str, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<crate::common::Verifier> {
    use std::str::FromStr as _;

    use compact_jwt::crypto::JwsRs256Verifier;
    use compact_jwt::{JwsEs256Verifier, JwsHs256Signer, JwsVerifier, JwtUnverified};

    fn boxed<V: JwsVerifier + Send + Sync + 'static>(verifier: V) -> crate::common::Verifier {
        Box::new(move |token: &str| JwtUnverified::<()>::from_str(token).is_ok_and(|jwt| verifier.verify(&jwt).is_ok()))
    }

    match alg {
        "HS256" if crate::common::jwk_str(jwk, "kty") == Some("oct") => {
            Some(boxed(JwsHs256Signer::try_from(crate::common::jwk_bytes(jwk, "k")?.as_slice()).ok()?))
        }
        "RS256" | "ES256" => {
            let parsed: compact_jwt::Jwk = serde_json::from_value(serde_json::Value::Object(jwk.clone())).ok()?;
            if alg == "RS256" {
                Some(boxed(JwsRs256Verifier::try_from(&parsed).ok()?))
            } else {
                Some(boxed(JwsEs256Verifier::try_from(&parsed).ok()?))
            }
        }
        _ => None,
    }
}
