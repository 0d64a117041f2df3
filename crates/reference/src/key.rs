//! Prepared key material: what a parsed JWK (jwk.rs) becomes, and what the
//! crypto dispatch (crypto.rs) and the backends (backend.rs) verify with. Its own module so that parsing keys and
//! verifying signatures do not depend on each other.

use hmac::Hmac;
use sha2::{Sha256, Sha384, Sha512};

use crate::algorithm::{Algorithm, Curve, Family};

/// Prepared key material, tied to its family.
#[derive(Clone, Debug)]
pub(crate) enum Material {
    Oct(Box<HmacKeys>),
    Rsa(Box<RsaKeys>),
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek::VerifyingKey),
}

/// An RSA public key prepared for each hash and padding.
#[derive(Clone, Debug)]
pub(crate) struct RsaKeys {
    pub(crate) bits: usize,
    pub(crate) len: usize,
    pub(crate) rs256: rsa::pkcs1v15::VerifyingKey<Sha256>,
    pub(crate) rs384: rsa::pkcs1v15::VerifyingKey<Sha384>,
    pub(crate) rs512: rsa::pkcs1v15::VerifyingKey<Sha512>,
    // `new` fixes the salt length to the hash length (RFC 7518 §3.5).
    pub(crate) ps256: rsa::pss::VerifyingKey<Sha256>,
    pub(crate) ps384: rsa::pss::VerifyingKey<Sha384>,
    pub(crate) ps512: rsa::pss::VerifyingKey<Sha512>,
}

/// An HMAC key prepared for each hash (the inner and outer pads are hashed
/// once, here, instead of on every verification).
#[derive(Clone)]
pub(crate) struct HmacKeys {
    pub(crate) len: usize,
    pub(crate) sha256: Hmac<Sha256>,
    pub(crate) sha384: Hmac<Sha384>,
    pub(crate) sha512: Hmac<Sha512>,
}

impl core::fmt::Debug for HmacKeys {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "HmacKeys({} bytes)", self.len)
    }
}

impl Material {
    /// Whether the key's type (and curve) fits the algorithm.
    pub(crate) fn fits(&self, alg: Algorithm) -> bool {
        match (self, alg.family()) {
            (Material::Oct(_), Family::Hmac) => true,
            (Material::Rsa(_), Family::RsaPkcs1 | Family::RsaPss) => true,
            (Material::P256(_), Family::Ecdsa) => alg.curve() == Some(Curve::P256),
            (Material::P384(_), Family::Ecdsa) => alg.curve() == Some(Curve::P384),
            (Material::P521(_), Family::Ecdsa) => alg.curve() == Some(Curve::P521),
            (Material::Ed25519(_), Family::EdDsa) => true,
            _ => false,
        }
    }
}
