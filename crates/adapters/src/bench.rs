//! Prepared verifiers of third-party libraries for the benchmarks: the key
//! is parsed once, outside the timed loop, as a server would, and each
//! call verifies one token with the library's own API (no adapter
//! mapping in the loop). Tokens must carry an `exp` in the future: these
//! libraries read the wall clock.

use jwt_simple::prelude::*;
use serde_json::{Map, Value};

/// jsonwebtoken's crypto provider is process-wide and set once: installs
/// the aws-lc-rs one (`aws`) or the RustCrypto one, and says whether the
/// wanted one is now in force. The conformance adapter uses RustCrypto; the
/// benchmarks measure each in a separate process.
pub fn install_jsonwebtoken_provider(aws: bool) -> bool {
    let provider = if aws { &jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER } else { &jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER };
    match provider.install_default() {
        Ok(()) => true,
        Err(installed) => std::ptr::eq(installed, provider),
    }
}

/// A prepared verifier: `true` when the library accepts the token.
pub type Verifier = Box<dyn Fn(&str) -> bool + Send + Sync>;

/// The libraries [`prepared`] knows, named as their conformance adapters.
pub const LIBRARIES: [&str; 8] =
    ["jsonwebtoken", "jwt-simple", "josekit", "jwt-compact", "biscuit", "jsonwebtokens", "picky", "compact_jwt"];

/// A verifier of `library` for `alg` with the public JWK `jwk`, or `None`
/// where the library lacks the algorithm or refuses the key.
pub fn prepared(library: &str, alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
    match library {
        "jsonwebtoken" => jsonwebtoken_verifier(alg, jwk),
        "jwt-simple" => jwt_simple_verifier(alg, jwk),
        "josekit" => josekit_verifier(alg, jwk),
        "jwt-compact" => jwt_compact_verifier(alg, jwk),
        "biscuit" => biscuit_verifier(alg, jwk),
        "jsonwebtokens" => jsonwebtokens_verifier(alg, jwk),
        "picky" => picky_verifier(alg, jwk),
        "compact_jwt" => compact_jwt_verifier(alg, jwk),
        _ => None,
    }
}

fn jsonwebtoken_verifier(alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
    // The RustCrypto provider unless the process chose aws-lc-rs already.
    let _ = install_jsonwebtoken_provider(false);
    let algorithm: jsonwebtoken::Algorithm = alg.parse().ok()?;
    let parsed: jsonwebtoken::jwk::Jwk = serde_json::from_value(Value::Object(jwk.clone())).ok()?;
    let key = jsonwebtoken::DecodingKey::from_jwk(&parsed).ok()?;
    let mut validation = jsonwebtoken::Validation::new(algorithm);
    validation.leeway = 0;
    validation.validate_aud = false;
    Some(Box::new(move |token: &str| jsonwebtoken::decode::<Value>(token, &key, &validation).is_ok()))
}

/// jwt-simple's defaults allow 15 minutes of clock skew; the benchmarks
/// compare verifiers at leeway 0.
fn no_leeway() -> VerificationOptions {
    VerificationOptions { time_tolerance: Some(Duration::from_secs(0)), ..VerificationOptions::default() }
}

fn jwt_simple_verifier(alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
    let json = Value::Object(jwk.clone()).to_string();
    macro_rules! asymmetric {
        ($ty:ty) => {{
            let key = <$ty>::from_jwk(&json).ok()?;
            Some(Box::new(move |token: &str| key.verify_token::<NoCustomClaims>(token, Some(no_leeway())).is_ok()) as Verifier)
        }};
    }
    match alg {
        "HS256" | "HS384" | "HS512" => {
            let k = crate::jwk_bytes(jwk, "k")?;
            match alg {
                "HS256" => {
                    let key = HS256Key::from_bytes(&k);
                    Some(Box::new(move |t: &str| key.verify_token::<NoCustomClaims>(t, Some(no_leeway())).is_ok()))
                }
                "HS384" => {
                    let key = HS384Key::from_bytes(&k);
                    Some(Box::new(move |t: &str| key.verify_token::<NoCustomClaims>(t, Some(no_leeway())).is_ok()))
                }
                _ => {
                    let key = HS512Key::from_bytes(&k);
                    Some(Box::new(move |t: &str| key.verify_token::<NoCustomClaims>(t, Some(no_leeway())).is_ok()))
                }
            }
        }
        "RS256" => asymmetric!(RS256PublicKey),
        "PS256" => asymmetric!(PS256PublicKey),
        "ES256" => asymmetric!(ES256PublicKey),
        "ES384" => asymmetric!(ES384PublicKey),
        "EdDSA" => asymmetric!(Ed25519PublicKey),
        _ => None,
    }
}

/// josekit: a verifier built from the JWK for the one algorithm
/// (`XX.verifier_from_jwk`), `jwt::decode_with_verifier` (which checks the
/// header's `alg`), then `JwtPayloadValidator` at the wall clock (exp, nbf,
/// iat not in the future). josekit has no leeway option: none is applied.
fn josekit_verifier(alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
    use josekit::jws::{ES256, ES384, ES512, EdDSA, HS256, HS384, HS512, JwsVerifier, PS256, RS256};
    let jwk = josekit::jwk::Jwk::from_map(jwk.clone()).ok()?;
    let verifier: Box<dyn JwsVerifier> = match alg {
        "HS256" => Box::new(HS256.verifier_from_jwk(&jwk).ok()?),
        "HS384" => Box::new(HS384.verifier_from_jwk(&jwk).ok()?),
        "HS512" => Box::new(HS512.verifier_from_jwk(&jwk).ok()?),
        "RS256" => Box::new(RS256.verifier_from_jwk(&jwk).ok()?),
        "PS256" => Box::new(PS256.verifier_from_jwk(&jwk).ok()?),
        "ES256" => Box::new(ES256.verifier_from_jwk(&jwk).ok()?),
        "ES384" => Box::new(ES384.verifier_from_jwk(&jwk).ok()?),
        "ES512" => Box::new(ES512.verifier_from_jwk(&jwk).ok()?),
        "EdDSA" => Box::new(EdDSA.verifier_from_jwk(&jwk).ok()?),
        _ => return None,
    };
    let validator = josekit::jwt::JwtPayloadValidator::new();
    Some(Box::new(move |token: &str| {
        josekit::jwt::decode_with_verifier(token, verifier.as_ref()).is_ok_and(|(payload, _)| validator.validate(&payload).is_ok())
    }))
}

/// jwt-compact: the key from the library's JWK type, `validator(&key)
/// .validate(&UntrustedToken::new(token)?)` (which checks the header's
/// `alg`), then `validate_expiration` and, when `nbf` is present,
/// `validate_maturity`, with leeway 0 and the wall clock (`Utc::now`).
/// jwt-compact has no `iat` check, and implements no ES384 or ES512
/// (ES256 comes from its `p256` backend).
fn jwt_compact_verifier(alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
    use jwt_compact::alg::{Ed25519, Es256, Hs256, Hs256Key, Hs384, Hs384Key, Hs512, Hs512Key, Rsa, RsaPublicKey};
    use jwt_compact::jwk::JsonWebKey;
    use jwt_compact::{Algorithm, AlgorithmExt as _, Empty, TimeOptions, UntrustedToken};

    fn boxed<A>(alg: A, key: A::VerifyingKey) -> Verifier
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

    let json = crate::jwk_json(jwk);
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

/// biscuit: the secret from the library's JWK type (as its
/// `decode_with_jwks` converts it), `JWT::new_encoded(token).decode(&secret,
/// algorithm)` (which checks the header's `alg`), then `validate` with the
/// default options (exp, nbf, iat not in the future, when present) at the
/// wall clock with epsilon 0. No EdDSA; ES512 is an enum value whose
/// verification always fails (`UnsupportedOperation`), so it is `None`.
fn biscuit_verifier(alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
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
    let parsed: JWK<Empty> = serde_json::from_value(Value::Object(jwk.clone())).ok()?;
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

/// jsonwebtokens: an `Algorithm` from the key material its constructors
/// take (the HMAC secret; RSA `n`/`e`; EC as SPKI PEM) and a `Verifier`
/// with leeway 0; `Verifier::verify` reads the wall clock and checks the
/// header's `alg`, exp, nbf and iat (not in the future). No ES512, no EdDSA.
fn jsonwebtokens_verifier(alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
    use jsonwebtokens::{Algorithm, AlgorithmID};
    let algorithm = match alg {
        "HS256" => Algorithm::new_hmac(AlgorithmID::HS256, crate::jwk_bytes(jwk, "k")?),
        "HS384" => Algorithm::new_hmac(AlgorithmID::HS384, crate::jwk_bytes(jwk, "k")?),
        "HS512" => Algorithm::new_hmac(AlgorithmID::HS512, crate::jwk_bytes(jwk, "k")?),
        "RS256" | "PS256" => {
            let id = if alg == "RS256" { AlgorithmID::RS256 } else { AlgorithmID::PS256 };
            Algorithm::new_rsa_n_e_b64_verifier(id, crate::jwk_str(jwk, "n")?, crate::jwk_str(jwk, "e")?)
        }
        "ES256" => Algorithm::new_ecdsa_pem_verifier(AlgorithmID::ES256, crate::ec_spki_pem(jwk)?.as_bytes()),
        "ES384" => Algorithm::new_ecdsa_pem_verifier(AlgorithmID::ES384, crate::ec_spki_pem(jwk)?.as_bytes()),
        _ => return None,
    }
    .ok()?;
    let verifier = jsonwebtokens::Verifier::create().leeway(0).build().ok()?;
    Some(Box::new(move |token: &str| verifier.verify(token, &algorithm).is_ok()))
}

/// picky: the public key from the library's JWK type (`to_public_key`),
/// `JwtSig::decode(token, &key)`, then `validate` with
/// `JwtValidator::lenient` (exp and nbf checked when present) at the wall
/// clock with leeway 0 (picky takes the time from the caller). picky has no
/// algorithm allow-list: it verifies with the `alg` the header names. No
/// HMAC (public keys only) and no RSASSA-PSS (PS256).
fn picky_verifier(alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
    use picky::jose::jwk::Jwk;
    use picky::jose::jwt::{JwtDate, JwtSig, JwtValidator};
    if !matches!(alg, "RS256" | "ES256" | "ES384" | "ES512" | "EdDSA") {
        return None;
    }
    let key = Jwk::from_json(&crate::jwk_json(jwk)).and_then(|k| k.to_public_key()).ok()?;
    Some(Box::new(move |token: &str| {
        let Ok(jwt) = JwtSig::decode(token, &key) else { return false };
        jwt.validate::<Value>(&JwtValidator::lenient(JwtDate::new(crate::wall_clock_seconds()))).is_ok()
    }))
}

/// compact_jwt: a verifier for the one algorithm (`JwsHs256Signer` from the
/// secret, `JwsRs256Verifier` / `JwsEs256Verifier` from the library's JWK
/// type), `verify(&JwtUnverified::from_str(token)?)` (which checks the
/// header's `alg`). compact_jwt's `Jwt` has no claim validation at all (no
/// exp/nbf/iat checks): the verdict is the signature's. HS256, RS256 and
/// ES256 only.
fn compact_jwt_verifier(alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
    use std::str::FromStr as _;

    use compact_jwt::crypto::JwsRs256Verifier;
    use compact_jwt::{JwsEs256Verifier, JwsHs256Signer, JwsVerifier, JwtUnverified};

    fn boxed<V: JwsVerifier + Send + Sync + 'static>(verifier: V) -> Verifier {
        Box::new(move |token: &str| JwtUnverified::<()>::from_str(token).is_ok_and(|jwt| verifier.verify(&jwt).is_ok()))
    }

    match alg {
        "HS256" if crate::jwk_str(jwk, "kty") == Some("oct") => {
            Some(boxed(JwsHs256Signer::try_from(crate::jwk_bytes(jwk, "k")?.as_slice()).ok()?))
        }
        "RS256" | "ES256" => {
            let parsed: compact_jwt::Jwk = serde_json::from_value(Value::Object(jwk.clone())).ok()?;
            if alg == "RS256" {
                Some(boxed(JwsRs256Verifier::try_from(&parsed).ok()?))
            } else {
                Some(boxed(JwsEs256Verifier::try_from(&parsed).ok()?))
            }
        }
        _ => None,
    }
}
