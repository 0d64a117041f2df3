//! Shared helpers of the property tests: the committed test keys and an
//! independent signer built on the RustCrypto primitives directly (not on
//! the reference, not on `jwtproof-gen`).
#![allow(dead_code, reason = "each test file uses a subset")]

use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use jwtproof_reference::{Algorithms, Clock, Jwk, Validation};
use proptest::test_runner::{Config, FileFailurePersistence};
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256, Sha384, Sha512};

/// A private JWK as a JSON object.
pub(crate) type PrivateJwk = Map<String, Value>;

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

pub(crate) fn b64(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(s: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(s).unwrap_or_else(|e| panic!("bad base64url in a test key: {e}"))
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
    let input = format!("{}.{}", b64(header), b64(payload));
    let sig = mac::<Hmac<Sha256>>(secret, input.as_bytes());
    format!("{input}.{}", b64(sig))
}

/// The compact JWS of `header` and `payload` signed under `alg`.
pub(crate) fn token(alg: &str, key: &PrivateJwk, header: &str, payload: &str) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    let sig = sign(alg, key, input.as_bytes());
    format!("{input}.{}", b64(sig))
}

/// A member of a private JWK, decoded.
pub(crate) fn member_bytes(key: &PrivateJwk, name: &str) -> Vec<u8> {
    member(key, name)
}

fn member(key: &PrivateJwk, name: &str) -> Vec<u8> {
    unb64(key.get(name).and_then(Value::as_str).unwrap_or_else(|| panic!("key lacks {name}")))
}

fn mac<M: Mac + KeyInit>(key: &[u8], input: &[u8]) -> Vec<u8> {
    let mut m = <M as KeyInit>::new_from_slice(key).unwrap_or_else(|_| panic!("HMAC key"));
    m.update(input);
    m.finalize().into_bytes().to_vec()
}

fn rsa_key(key: &PrivateJwk) -> rsa::PrivateKey {
    let uint = |name| rsa::BoxedUint::from_be_slice_vartime(&member(key, name));
    rsa::PrivateKey::from_components(uint("n"), uint("e"), uint("d"), vec![uint("p"), uint("q")])
        .unwrap_or_else(|e| panic!("bad RSA test key: {e}"))
}

/// A SHA-256 counter stream: PSS salts without an OS RNG dependency.
struct Stream {
    seed: Vec<u8>,
    counter: u64,
    buf: Vec<u8>,
}

impl Stream {
    fn fill(&mut self, dst: &mut [u8]) {
        for b in dst {
            if self.buf.is_empty() {
                let mut h = Sha256::new();
                h.update(&self.seed);
                h.update(self.counter.to_be_bytes());
                self.counter += 1;
                self.buf = h.finalize().to_vec();
            }
            *b = self.buf.remove(0);
        }
    }
}

impl rsa::rand_core::TryRng for Stream {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        self.fill(&mut b);
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.fill(&mut b);
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        self.fill(dst);
        Ok(())
    }
}

impl rsa::rand_core::TryCryptoRng for Stream {}

/// Signs `input` under `alg` with a private JWK.
pub(crate) fn sign(alg: &str, key: &PrivateJwk, input: &[u8]) -> Vec<u8> {
    let mut rng = Stream { seed: input.to_vec(), counter: 0, buf: Vec::new() };
    match alg {
        "HS256" => mac::<Hmac<Sha256>>(&member(key, "k"), input),
        "HS384" => mac::<Hmac<Sha384>>(&member(key, "k"), input),
        "HS512" => mac::<Hmac<Sha512>>(&member(key, "k"), input),
        "RS256" => rsa::pkcs1v15::SigningKey::<Sha256>::new(rsa_key(key)).sign(input).to_vec(),
        "RS384" => rsa::pkcs1v15::SigningKey::<Sha384>::new(rsa_key(key)).sign(input).to_vec(),
        "RS512" => rsa::pkcs1v15::SigningKey::<Sha512>::new(rsa_key(key)).sign(input).to_vec(),
        "PS256" => rsa::pss::SigningKey::<Sha256>::new(rsa_key(key)).sign_with_rng(&mut rng, input).to_vec(),
        "PS384" => rsa::pss::SigningKey::<Sha384>::new(rsa_key(key)).sign_with_rng(&mut rng, input).to_vec(),
        "PS512" => rsa::pss::SigningKey::<Sha512>::new(rsa_key(key)).sign_with_rng(&mut rng, input).to_vec(),
        "ES256" => {
            let sk = p256::ecdsa::SigningKey::from_slice(&member(key, "d")).unwrap_or_else(|_| panic!("P-256 key"));
            let sig: p256::ecdsa::Signature = sk.sign(input);
            sig.to_bytes().to_vec()
        }
        "ES384" => {
            let sk = p384::ecdsa::SigningKey::from_slice(&member(key, "d")).unwrap_or_else(|_| panic!("P-384 key"));
            let sig: p384::ecdsa::Signature = sk.sign(input);
            sig.to_bytes().to_vec()
        }
        "ES512" => {
            let sk = p521::ecdsa::SigningKey::from_slice(&member(key, "d")).unwrap_or_else(|_| panic!("P-521 key"));
            let sig: p521::ecdsa::Signature = sk.sign(input);
            sig.to_bytes().to_vec()
        }
        "EdDSA" => {
            let d: [u8; 32] = member(key, "d").try_into().unwrap_or_else(|_| panic!("Ed25519 key"));
            let sk = ed25519_dalek::SigningKey::from_bytes(&d);
            ed25519_dalek::Signer::sign(&sk, input).to_bytes().to_vec()
        }
        other => panic!("cannot sign with {other}"),
    }
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
    member(key, "k")
}
