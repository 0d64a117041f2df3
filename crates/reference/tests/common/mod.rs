//! Shared helpers of the property tests: the committed test keys and an
//! independent signer (`jwtproof-testkit`, built on the RustCrypto
//! primitives directly, not on the reference).
#![allow(dead_code, reason = "each test file uses a subset")]

use std::path::PathBuf;

use jwtproof_reference::{Algorithms, Clock, Jwk, Validation};
use jwtproof_testkit::unb64;
/// The independent signer (`jwtproof-testkit`: RustCrypto directly, no
/// code shared with the reference).
pub(crate) use jwtproof_testkit::{JwkMap as PrivateJwk, b64, token};
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_json::Value;

/// `ProptestConfig::default()` (which honours `PROPTEST_CASES`), with
/// failures persisted in `proptest-regressions/<file>.txt` and the case
/// count divided by `divisor` (for expensive properties).
pub(crate) fn config(file: &'static str, divisor: u32) -> Config {
    let base = Config::default();
    let cases = (base.cases / divisor).max(1);
    Config {
        cases,
        // Properties that assume a valid token reject most inputs; the
        // default budget (1024) is absolute, so scale it with the cases.
        max_global_rejects: base.max_global_rejects.max(cases.saturating_mul(16)),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(file))),
        ..base
    }
}

/// `vectors/keys/<name>.jwk`.
pub(crate) fn private_key(name: &str) -> PrivateJwk {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "..", "vectors", "keys", &format!("{name}.jwk")].iter().collect();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => map,
        other => panic!("{}: not a JWK object: {other:?}", path.display()),
    }
}

/// The public half of a private JWK, as the reference's key type.
pub(crate) fn public_key(private: &PrivateJwk) -> Jwk {
    let mut public = private.clone();
    for member in ["d", "p", "q", "dp", "dq", "qi", "oth"] {
        public.remove(member);
    }
    Jwk::from_map(&public)
}

/// An `oct` JWK for raw secret bytes.
pub(crate) fn oct_key(secret: &[u8]) -> Jwk {
    Jwk::from_json(&format!(r#"{{"kty":"oct","k":"{}"}}"#, b64(secret)))
}

pub(crate) fn validation(algs: &[&str], clock: Clock) -> Validation {
    Validation::new(Algorithms::from_names(algs).unwrap_or_else(|e| panic!("{e}")), clock)
}

/// HS256 over raw secret bytes.
pub(crate) fn hs256_token(secret: &[u8], header: &str, payload: &str) -> String {
    let mut key = PrivateJwk::new();
    key.insert("k".into(), Value::String(b64(secret)));
    token("HS256", &key, header, payload)
}

/// A member of a private JWK, decoded.
pub(crate) fn member_bytes(key: &PrivateJwk, name: &str) -> Vec<u8> {
    unb64(key.get(name).and_then(Value::as_str).unwrap_or_else(|| panic!("key lacks {name}")))
}

/// The key file each algorithm signs with.
pub(crate) fn key_name(alg: &str) -> &'static str {
    match alg {
        "HS256" => "hs256",
        "HS384" => "hs384",
        "HS512" => "hs512",
        "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" => "rsa-2048",
        "ES256" => "p256",
        "ES384" => "p384",
        "ES512" => "p521",
        "EdDSA" => "ed25519",
        other => panic!("no key for {other}"),
    }
}

/// The raw secret of an `oct` private JWK.
pub(crate) fn secret(key: &PrivateJwk) -> Vec<u8> {
    member_bytes(key, "k")
}
