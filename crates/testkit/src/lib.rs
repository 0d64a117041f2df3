//! A deterministic signer for every JWS algorithm, for test keys only:
//! HMAC, RSASSA-PKCS1-v1_5, ECDSA with RFC 6979 nonces, Ed25519, and
//! RSASSA-PSS with salts from a seeded SHA-256 counter stream
//! ([`SeededRng`]). Built on the RustCrypto primitives directly, never on
//! the verifier under test (`jwtproof-reference`), so that the generator
//! and the tests that use it judge the reference from outside.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256, Sha384, Sha512};

/// A (private) JWK object.
pub type JwkMap = Map<String, Value>;

/// base64url without padding.
pub fn b64(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64url (lenient: trailing `=` allowed, empty on error; for
/// inputs we wrote ourselves).
pub fn unb64(s: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).unwrap_or_default()
}

fn member(key: &JwkMap, name: &str) -> Result<Vec<u8>, String> {
    key.get(name).and_then(Value::as_str).map(unb64).ok_or_else(|| format!("key lacks {name}"))
}

fn rsa_key(key: &JwkMap) -> Result<rsa::PrivateKey, String> {
    let uint = |name| member(key, name).map(|b| rsa::BoxedUint::from_be_slice_vartime(&b));
    rsa::PrivateKey::from_components(uint("n")?, uint("e")?, uint("d")?, vec![uint("p")?, uint("q")?])
        .map_err(|e| format!("bad RSA test key: {e}"))
}

/// A seeded byte stream: SHA-256(seed || counter). Deterministic PSS salts
/// for reproducible vectors; not for anything else.
#[derive(Clone, Debug)]
pub struct SeededRng {
    seed: Vec<u8>,
    counter: u64,
    buf: Vec<u8>,
}

impl SeededRng {
    /// A stream from a seed.
    pub fn new(seed: &[u8]) -> Self {
        SeededRng { seed: seed.to_vec(), counter: 0, buf: Vec::new() }
    }

    /// Fills `dst`.
    pub fn fill(&mut self, dst: &mut [u8]) {
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

impl rsa::rand_core::TryRng for SeededRng {
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

impl rsa::rand_core::TryCryptoRng for SeededRng {}

fn hmac<M: Mac + KeyInit>(key: &[u8], input: &[u8]) -> Result<Vec<u8>, String> {
    let mut mac = <M as KeyInit>::new_from_slice(key).map_err(|_| "HMAC key".to_owned())?;
    mac.update(input);
    Ok(mac.finalize().into_bytes().to_vec())
}

/// Signs `input` under `alg` with a private JWK; an error for an unknown
/// `alg` or a key that does not fit (a missing member, a wrong size).
pub fn try_sign(alg: &str, key: &JwkMap, input: &[u8]) -> Result<Vec<u8>, String> {
    let mut rng = SeededRng::new(input);
    let d = || member(key, "d");
    Ok(match alg {
        "HS256" => hmac::<Hmac<Sha256>>(&member(key, "k")?, input)?,
        "HS384" => hmac::<Hmac<Sha384>>(&member(key, "k")?, input)?,
        "HS512" => hmac::<Hmac<Sha512>>(&member(key, "k")?, input)?,
        "RS256" => rsa::pkcs1v15::SigningKey::<Sha256>::new(rsa_key(key)?).sign(input).to_vec(),
        "RS384" => rsa::pkcs1v15::SigningKey::<Sha384>::new(rsa_key(key)?).sign(input).to_vec(),
        "RS512" => rsa::pkcs1v15::SigningKey::<Sha512>::new(rsa_key(key)?).sign(input).to_vec(),
        "PS256" => rsa::pss::SigningKey::<Sha256>::new(rsa_key(key)?).sign_with_rng(&mut rng, input).to_vec(),
        "PS384" => rsa::pss::SigningKey::<Sha384>::new(rsa_key(key)?).sign_with_rng(&mut rng, input).to_vec(),
        "PS512" => rsa::pss::SigningKey::<Sha512>::new(rsa_key(key)?).sign_with_rng(&mut rng, input).to_vec(),
        "ES256" => {
            let sig: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from_slice(&d()?).map_err(|_| "P-256 key")?.sign(input);
            sig.to_bytes().to_vec()
        }
        "ES384" => {
            let sig: p384::ecdsa::Signature = p384::ecdsa::SigningKey::from_slice(&d()?).map_err(|_| "P-384 key")?.sign(input);
            sig.to_bytes().to_vec()
        }
        "ES512" => {
            let sig: p521::ecdsa::Signature = p521::ecdsa::SigningKey::from_slice(&d()?).map_err(|_| "P-521 key")?.sign(input);
            sig.to_bytes().to_vec()
        }
        "EdDSA" => {
            let d: [u8; 32] = d()?.try_into().map_err(|_| "Ed25519 key")?;
            ed25519_dalek::Signer::sign(&ed25519_dalek::SigningKey::from_bytes(&d), input).to_bytes().to_vec()
        }
        other => return Err(format!("cannot sign with {other}")),
    })
}

/// [`try_sign`], panicking on a key that does not fit (a test bug).
pub fn sign_input(alg: &str, key: &JwkMap, input: &[u8]) -> Vec<u8> {
    try_sign(alg, key, input).unwrap_or_else(|e| panic!("{alg}: {e}"))
}

/// The compact serialization of `header` and `payload` texts signed with
/// `key` under `alg` (the `alg` need not match the header: attacks).
pub fn token(alg: &str, key: &JwkMap, header: &str, payload: &str) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    let sig = sign_input(alg, key, input.as_bytes());
    format!("{input}.{}", b64(sig))
}
