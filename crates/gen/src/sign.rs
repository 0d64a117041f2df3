//! Deterministic signing for every algorithm (test keys only).

use hmac::{Hmac, KeyInit, Mac};
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::{Jwk, unb64};

fn member(key: &Jwk, name: &str) -> Vec<u8> {
    unb64(key.get(name).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("key lacks {name}")))
}

fn uint(key: &Jwk, name: &str) -> rsa::BoxedUint {
    rsa::BoxedUint::from_be_slice_vartime(&member(key, name))
}

fn rsa_key(key: &Jwk) -> rsa::PrivateKey {
    rsa::PrivateKey::from_components(uint(key, "n"), uint(key, "e"), uint(key, "d"), vec![uint(key, "p"), uint(key, "q")])
        .unwrap_or_else(|e| panic!("bad RSA test key: {e}"))
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

fn hmac<M: Mac + KeyInit>(key: &[u8], input: &[u8]) -> Vec<u8> {
    let mut mac = <M as KeyInit>::new_from_slice(key).unwrap_or_else(|_| panic!("HMAC key"));
    mac.update(input);
    mac.finalize().into_bytes().to_vec()
}

/// Signs `input` under `alg` with a private test JWK. Panics on a key that
/// does not fit (a generator bug).
pub fn sign_input(alg: &str, key: &Jwk, input: &[u8]) -> Vec<u8> {
    match alg {
        "HS256" => hmac::<Hmac<Sha256>>(&member(key, "k"), input),
        "HS384" => hmac::<Hmac<Sha384>>(&member(key, "k"), input),
        "HS512" => hmac::<Hmac<Sha512>>(&member(key, "k"), input),
        "RS256" => rsa::pkcs1v15::SigningKey::<Sha256>::new(rsa_key(key)).sign(input).to_vec(),
        "RS384" => rsa::pkcs1v15::SigningKey::<Sha384>::new(rsa_key(key)).sign(input).to_vec(),
        "RS512" => rsa::pkcs1v15::SigningKey::<Sha512>::new(rsa_key(key)).sign(input).to_vec(),
        "PS256" | "PS384" | "PS512" => {
            let mut rng = SeededRng::new(input);
            match alg {
                "PS256" => rsa::pss::SigningKey::<Sha256>::new(rsa_key(key)).sign_with_rng(&mut rng, input).to_vec(),
                "PS384" => rsa::pss::SigningKey::<Sha384>::new(rsa_key(key)).sign_with_rng(&mut rng, input).to_vec(),
                _ => rsa::pss::SigningKey::<Sha512>::new(rsa_key(key)).sign_with_rng(&mut rng, input).to_vec(),
            }
        }
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

/// The compact serialization of `header` and `payload` texts signed with
/// `key` under `alg` (the `alg` need not match the header: attacks).
pub fn token(alg: &str, key: &Jwk, header: &str, payload: &str) -> String {
    let input = format!("{}.{}", crate::kit::b64(header), crate::kit::b64(payload));
    let sig = sign_input(alg, key, input.as_bytes());
    format!("{input}.{}", crate::kit::b64(sig))
}
