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
use jwtproof_reference::{Algorithm, AllowedEntry, ErrorKind, PayloadKind};

use crate::common::{
    About, Library, Step, choose_algorithm, jwk_bytes, jwk_str, key, key_mismatch, no_required_claims, refuse, rejection, time_independent,
    wall_clock_seconds,
};

/// The `compact_jwt` crate (`JwsVerifier::verify` on `JwtUnverified` or,
/// for opaque payloads, `JwsCompact`).
pub(crate) enum CompactJwt {}

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    crate::common::adapter::<CompactJwt>()
}

/// The library's errors, mapped to the spec's kinds (the one place).
fn map_error(e: &JwtError) -> Option<ErrorKind> {
    Some(match e {
        JwtError::InvalidCompactFormat
        | JwtError::InvalidBase64
        | JwtError::InvalidHeaderFormat
        | JwtError::InvalidJwt
        | JwtError::Serde => ErrorKind::Malformed,
        JwtError::OidcTokenExpired => ErrorKind::Expired,
        JwtError::InvalidSignature | JwtError::CryptoError => ErrorKind::InvalidSignature,
        JwtError::CriticalExtension | JwtError::CriticalMissingHeaderValue => ErrorKind::UnsupportedCriticalHeader,
        JwtError::ValidatorAlgMismatch | JwtError::AlgorithmUnavailable => ErrorKind::AlgorithmNotAllowed,
        JwtError::InvalidJwtKid | JwtError::InvalidKey | JwtError::JwkPublicKeyDenied | JwtError::X5cPublicKeyDenied => {
            ErrorKind::KeyMismatch
        }
        _ => return None,
    })
}

/// A verification of a token (`opaque`: a plain JWS) by a verifier that
/// holds one algorithm and checks the header's `alg`.
type Check = Box<dyn Fn(&str, bool) -> Result<(), JwtError> + Send + Sync>;

fn boxed<V: JwsVerifier + Send + Sync + 'static>(verifier: V) -> Check {
    Box::new(move |token: &str, opaque: bool| {
        if opaque {
            verifier.verify(&JwsCompact::from_str(token)?).map(|_| ())
        } else {
            verifier.verify(&JwtUnverified::<()>::from_str(token)?).map(|_| ())
        }
    })
}

/// A verifier for one algorithm from the key as the library takes it (its
/// JWK type for RSA and EC, raw bytes for HMAC); `None` for a key it
/// refuses.
type MakeCheck = fn(&serde_json::Map<String, serde_json::Value>) -> Option<Check>;

/// The library's verifiers: HS256, RS256 and ES256 only, no `none`.
fn algorithm(entry: AllowedEntry) -> Option<MakeCheck> {
    fn parsed(jwk: &serde_json::Map<String, serde_json::Value>) -> Option<compact_jwt::Jwk> {
        serde_json::from_value(serde_json::Value::Object(jwk.clone())).ok()
    }
    let AllowedEntry::Alg(alg) = entry else { return None };
    let make: MakeCheck = match alg {
        Algorithm::HS256 => |jwk| {
            let k = jwk_bytes(jwk, "k").filter(|_| jwk_str(jwk, "kty") == Some("oct"))?;
            JwsHs256Signer::try_from(k.as_slice()).ok().map(boxed)
        },
        Algorithm::RS256 => |jwk| JwsRs256Verifier::try_from(&parsed(jwk)?).ok().map(boxed),
        Algorithm::ES256 => |jwk| JwsEs256Verifier::try_from(&parsed(jwk)?).ok().map(boxed),
        Algorithm::HS384 | Algorithm::HS512 | Algorithm::RS384 | Algorithm::RS512 => return None,
        Algorithm::PS256 | Algorithm::PS384 | Algorithm::PS512 => return None,
        Algorithm::ES384 | Algorithm::ES512 | Algorithm::EdDSA => return None,
    };
    Some(make)
}

const NAME: &str = "compact_jwt";

impl Library for CompactJwt {
    const ABOUT: About = About { name: NAME, backend: None, opaque: true };

    fn run(input: &CaseInput<'_>) -> Step<Outcome> {
        let v = &input.case.validation;
        refuse(v.audience.is_some() || v.issuer.is_some() || v.subject.is_some() || v.max_age.is_some(), || {
            "compact_jwt's Jwt has no claim checks (aud, iss, sub, iat)".into()
        })?;
        no_required_claims(input, |_| "compact_jwt has no option to require a claim".into())?;
        let make = choose_algorithm(NAME, input, algorithm)?;
        let opaque = v.payload == Some(PayloadKind::Opaque);
        // No clock and no time checks: run only what does not depend on the
        // time (for an opaque payload nothing does).
        refuse(!opaque && !time_independent(input, wall_clock_seconds()), || "compact_jwt's Jwt has no exp/nbf/iat checks (the application checks times itself): a case whose verdict depends on the time cannot be expressed".into())?;
        let check = make(key(NAME, input)?).ok_or_else(key_mismatch)?;
        Ok(check(&input.case.token, opaque).map_or_else(|e| rejection(&e, map_error), |()| Outcome::Valid))
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
    let check = algorithm(crate::common::bench_algorithm(alg)?)?(jwk)?;
    Some(Box::new(move |token: &str| check(token, false).is_ok()))
}
