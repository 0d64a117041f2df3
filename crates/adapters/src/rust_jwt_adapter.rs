//! `jwt` 0.16.0 (mikkyang/rust-jwt), HMAC on RustCrypto, RSA and ECDSA on
//! OpenSSL (its `openssl` feature).
//!
//! The application builds one verifying key for one algorithm
//! (`Hmac<Sha256>` from the secret, `PKeyWithDigest { digest, key }` from
//! an OpenSSL public key) and calls `token.verify_with_key(&key)`, which
//! checks that the header's `alg` is the key's and the signature: the
//! adapter picks the allowed algorithm the token names
//! ([`crate::common::choose_algorithm`]). rust-jwt takes no JWK: the
//! adapter turns the case's JWK into the key material the library takes
//! (the secret bytes, OpenSSL's RSA public components, OpenSSL's EC point
//! on the JWK's curve). It implements HS*, RS* and ES*; no PS* (its
//! `PKeyWithDigest` always signs and verifies RSA with PKCS#1 v1.5), no
//! EdDSA, no `none` verifier.
//!
//! rust-jwt checks no claims at all (no exp/nbf/iat/aud/iss/sub and no
//! clock): as for compact_jwt, only the cases whose verdict does not depend
//! on the time run, and the audience/issuer/subject/max_age/required
//! claims settings are unsupported. The claims are read as a JSON object
//! (`BTreeMap<String, Value>`, the README's pattern), the header as the
//! library's `Header`.

use std::collections::BTreeMap;

use hmac::Hmac;
use jwt::algorithm::VerifyingAlgorithm;
use jwt::algorithm::openssl::PKeyWithDigest;
use jwt::{Error as JwtError, VerifyWithKey};
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{Algorithm, AllowedEntry, ErrorKind};
use openssl::bn::BigNum;
use openssl::ec::{EcGroup, EcKey};
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkey::PKey;
use openssl::rsa::Rsa;

use crate::common::{
    About, Library, Step, choose_algorithm, jwk_bytes, jwk_str, key, key_mismatch, no_required_claims, refuse, rejection, time_independent,
    wall_clock_seconds,
};

/// The `jwt` crate (`VerifyWithKey` on `&str`).
pub(crate) enum RustJwt {}

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    crate::common::adapter::<RustJwt>()
}

/// The library's errors, mapped to the spec's kinds (the one place).
fn map_error(e: &JwtError) -> Option<ErrorKind> {
    // Exhaustive: every variant of the library's error has a kind.
    Some(match e {
        JwtError::Base64(_)
        | JwtError::Format
        | JwtError::Json(_)
        | JwtError::Utf8(_)
        | JwtError::NoClaimsComponent
        | JwtError::NoHeaderComponent
        | JwtError::NoSignatureComponent
        | JwtError::TooManyComponents => ErrorKind::Malformed,
        JwtError::AlgorithmMismatch(..) => ErrorKind::AlgorithmNotAllowed,
        // An OpenSSL error arises only inside the signature check (the
        // JOSE-to-DER conversion of an ECDSA signature, the verifier).
        JwtError::InvalidSignature | JwtError::RustCryptoMac(_) | JwtError::OpenSsl(_) => ErrorKind::InvalidSignature,
        JwtError::RustCryptoMacKeyLength(_) | JwtError::NoKeyId | JwtError::NoKeyWithKeyId(_) => ErrorKind::KeyMismatch,
    })
}

/// A verifying key for one algorithm, from the JWK as the application
/// would hold its key material; `None` for a key it cannot be made from.
type MakeKey = fn(&serde_json::Map<String, serde_json::Value>) -> Option<Key>;

/// The secret of an `oct` JWK as the library's `Hmac<$digest>`.
macro_rules! hmac_key {
    ($digest:ty) => {
        |jwk| {
            let secret = jwk_bytes(jwk, "k").filter(|_| jwk_str(jwk, "kty") == Some("oct"))?;
            let mac = <Hmac<$digest> as hmac::digest::KeyInit>::new_from_slice(&secret).ok()?;
            Some(Key(Box::new(mac)))
        }
    };
}

fn rsa_key(jwk: &serde_json::Map<String, serde_json::Value>, digest: MessageDigest) -> Option<Key> {
    if jwk_str(jwk, "kty") != Some("RSA") {
        return None;
    }
    let n = BigNum::from_slice(&jwk_bytes(jwk, "n")?).ok()?;
    let e = BigNum::from_slice(&jwk_bytes(jwk, "e")?).ok()?;
    let key = PKey::from_rsa(Rsa::from_public_components(n, e).ok()?).ok()?;
    Some(Key(Box::new(PKeyWithDigest { digest, key })))
}

fn ec_key(jwk: &serde_json::Map<String, serde_json::Value>, digest: MessageDigest) -> Option<Key> {
    if jwk_str(jwk, "kty") != Some("EC") {
        return None;
    }
    let nid = match jwk_str(jwk, "crv")? {
        "P-256" => Nid::X9_62_PRIME256V1,
        "P-384" => Nid::SECP384R1,
        "P-521" => Nid::SECP521R1,
        _ => return None,
    };
    let group = EcGroup::from_curve_name(nid).ok()?;
    let x = BigNum::from_slice(&jwk_bytes(jwk, "x")?).ok()?;
    let y = BigNum::from_slice(&jwk_bytes(jwk, "y")?).ok()?;
    let ec = EcKey::from_public_key_affine_coordinates(&group, &x, &y).ok()?;
    let key = PKey::from_ec_key(ec).ok()?;
    Some(Key(Box::new(PKeyWithDigest { digest, key })))
}

/// The library's verifying keys: HS*, RS*, ES*; no PS*, EdDSA or `none`.
fn algorithm(entry: AllowedEntry) -> Option<MakeKey> {
    let AllowedEntry::Alg(alg) = entry else { return None };
    let make: MakeKey = match alg {
        Algorithm::HS256 => hmac_key!(sha2::Sha256),
        Algorithm::HS384 => hmac_key!(sha2::Sha384),
        Algorithm::HS512 => hmac_key!(sha2::Sha512),
        Algorithm::RS256 => |jwk| rsa_key(jwk, MessageDigest::sha256()),
        Algorithm::RS384 => |jwk| rsa_key(jwk, MessageDigest::sha384()),
        Algorithm::RS512 => |jwk| rsa_key(jwk, MessageDigest::sha512()),
        Algorithm::ES256 => |jwk| ec_key(jwk, MessageDigest::sha256()),
        Algorithm::ES384 => |jwk| ec_key(jwk, MessageDigest::sha384()),
        Algorithm::ES512 => |jwk| ec_key(jwk, MessageDigest::sha512()),
        Algorithm::PS256 | Algorithm::PS384 | Algorithm::PS512 | Algorithm::EdDSA => return None,
    };
    Some(make)
}

/// A verifying key as the application holds it.
struct Key(Box<dyn VerifyingAlgorithm + Send + Sync>);

/// The library implements `VerifyingAlgorithm` for `AsRef<dyn VerifyingAlgorithm>`.
impl AsRef<dyn VerifyingAlgorithm> for Key {
    fn as_ref(&self) -> &(dyn VerifyingAlgorithm + 'static) {
        &*self.0
    }
}

/// One verification with the library's API.
fn verify(token: &str, key: &Key) -> Result<(), JwtError> {
    let _claims: BTreeMap<String, serde_json::Value> = token.verify_with_key(key)?;
    Ok(())
}

const NAME: &str = "rust-jwt";

impl Library for RustJwt {
    const ABOUT: About = About { name: NAME, backend: Some("openssl"), opaque: false };

    fn run(input: &CaseInput<'_>) -> Step<Outcome> {
        let v = &input.case.validation;
        refuse(v.audience.is_some() || v.issuer.is_some() || v.subject.is_some() || v.max_age.is_some(), || {
            "rust-jwt has no claim checks (aud, iss, sub, iat)".into()
        })?;
        no_required_claims(input, |_| "rust-jwt has no option to require a claim".into())?;
        let make = choose_algorithm(NAME, input, algorithm)?;
        // No clock and no time checks: run only what does not depend on the time.
        refuse(!time_independent(input, wall_clock_seconds()), || {
            "rust-jwt has no exp/nbf/iat checks (the application checks times itself): a case whose verdict depends on the time cannot be expressed"
                .into()
        })?;
        let verifier = make(key(NAME, input)?).ok_or_else(key_mismatch)?;
        Ok(verify(&input.case.token, &verifier).map_or_else(|e| rejection(&e, map_error), |()| Outcome::Valid))
    }
}

// The benchmarks' prepared verifier (crate::bench): the key parsed once,
// each call one verification with the library's own API.

/// rust-jwt: the verifying key for the one algorithm, built once;
/// `verify_with_key` per token. rust-jwt checks no claims at all (no
/// exp/nbf/iat): the verdict is the signature's. HS*, RS*, ES* only.
pub(crate) fn prepared(alg: &str, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<crate::common::Verifier> {
    let verifier = algorithm(crate::common::bench_algorithm(alg)?)?(jwk)?;
    Some(Box::new(move |token: &str| verify(token, &verifier).is_ok()))
}
