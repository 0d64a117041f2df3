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

/// The libraries [`prepared`] knows.
pub const LIBRARIES: [&str; 2] = ["jsonwebtoken", "jwt-simple"];

/// A verifier of `library` for `alg` with the public JWK `jwk`, or `None`
/// where the library lacks the algorithm or refuses the key.
pub fn prepared(library: &str, alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
    match library {
        "jsonwebtoken" => jsonwebtoken_verifier(alg, jwk),
        "jwt-simple" => jwt_simple_verifier(alg, jwk),
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

fn jwt_simple_verifier(alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
    let json = Value::Object(jwk.clone()).to_string();
    macro_rules! asymmetric {
        ($ty:ty) => {{
            let key = <$ty>::from_jwk(&json).ok()?;
            Some(Box::new(move |token: &str| key.verify_token::<NoCustomClaims>(token, None).is_ok()) as Verifier)
        }};
    }
    match alg {
        "HS256" | "HS384" | "HS512" => {
            let k = crate::jwk_bytes(jwk, "k")?;
            match alg {
                "HS256" => {
                    let key = HS256Key::from_bytes(&k);
                    Some(Box::new(move |t: &str| key.verify_token::<NoCustomClaims>(t, None).is_ok()))
                }
                "HS384" => {
                    let key = HS384Key::from_bytes(&k);
                    Some(Box::new(move |t: &str| key.verify_token::<NoCustomClaims>(t, None).is_ok()))
                }
                _ => {
                    let key = HS512Key::from_bytes(&k);
                    Some(Box::new(move |t: &str| key.verify_token::<NoCustomClaims>(t, None).is_ok()))
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
