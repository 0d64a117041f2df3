//! Crypto backends. RustCrypto is always built (pure Rust); `aws-lc-rs`
//! (the `aws-lc-rs` feature, on by default) verifies RSA and ECDSA about
//! three times faster. Both give the same verdict on every input (checked
//! by a property test and the differential fuzz target).
//!
//! HMAC uses the `hmac` crate with a prepared key in both backends
//! (measured faster than aws-lc's HMAC here). Ed25519 is `ed25519-dalek`'s
//! `verify_strict` in RustCrypto; the default backend verifies it with
//! curve25519-dalek's arithmetic and a table precomputed for the key
//! ([`crate::ed25519`]: ~15% faster than both `ed25519-dalek` and aws-lc's
//! Ed25519 here, with the same verdicts as `verify_strict`).

/// Which implementation verifies RSA and ECDSA signatures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    /// `aws-lc-rs` (AWS-LC, a C library): the default when built.
    #[cfg(feature = "aws-lc-rs")]
    AwsLc,
    /// The RustCrypto crates (`rsa`, `p256`, `p384`, `p521`): pure Rust.
    RustCrypto,
}

impl Backend {
    /// Every backend this build has.
    pub const ALL: &'static [Backend] = &[
        #[cfg(feature = "aws-lc-rs")]
        Backend::AwsLc,
        Backend::RustCrypto,
    ];

    /// The backend's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLc => "aws-lc-rs",
            Backend::RustCrypto => "rustcrypto",
        }
    }
}

impl Default for Backend {
    /// `aws-lc-rs` when built, else RustCrypto.
    fn default() -> Self {
        #[cfg(feature = "aws-lc-rs")]
        return Backend::AwsLc;
        #[cfg(not(feature = "aws-lc-rs"))]
        return Backend::RustCrypto;
    }
}

#[cfg(feature = "aws-lc-rs")]
pub(crate) mod aws {
    //! Keys parsed once for aws-lc-rs, one per algorithm.

    use aws_lc_rs::signature::{self as sig, ParsedPublicKey, UnparsedPublicKey, VerificationAlgorithm};
    use rsa::pkcs1::EncodeRsaPublicKey;

    use crate::algorithm::{Algorithm, Family, Hash};
    use crate::error::Detail;
    use crate::key::Material;

    /// Parsed keys; `None` where aws-lc refused the key (the RustCrypto
    /// path then decides, so the verdict does not depend on it).
    pub(crate) enum AwsKeys {
        Rsa(Box<[Option<ParsedPublicKey>; 6]>),
        Ec(Option<ParsedPublicKey>),
        Ed25519(Option<Box<crate::ed25519::Prepared>>),
    }

    impl core::fmt::Debug for AwsKeys {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("AwsKeys")
        }
    }

    fn parse(alg: &'static dyn VerificationAlgorithm, bytes: &[u8]) -> Option<ParsedPublicKey> {
        UnparsedPublicKey::new(alg, bytes).parse().ok()
    }

    /// aws-lc's parameters for each RSA padding and hash, in the order of
    /// [`rsa_slot`].
    const RSA_ALGS: [&sig::RsaParameters; 6] = [
        &sig::RSA_PKCS1_2048_8192_SHA256,
        &sig::RSA_PKCS1_2048_8192_SHA384,
        &sig::RSA_PKCS1_2048_8192_SHA512,
        &sig::RSA_PSS_2048_8192_SHA256,
        &sig::RSA_PSS_2048_8192_SHA384,
        &sig::RSA_PSS_2048_8192_SHA512,
    ];

    /// The slot of an RSA algorithm in [`RSA_ALGS`] and `AwsKeys::Rsa`.
    fn rsa_slot(alg: Algorithm) -> Option<usize> {
        let padding = match alg.family() {
            Family::RsaPkcs1 => 0,
            Family::RsaPss => 3,
            _ => return None,
        };
        Some(
            padding
                + match alg.hash() {
                    Hash::Sha256 => 0,
                    Hash::Sha384 => 1,
                    Hash::Sha512 => 2,
                },
        )
    }

    /// Prepares the aws-lc keys for RSA and EC material.
    pub(crate) fn prepare(material: &Material) -> Option<Box<AwsKeys>> {
        match material {
            Material::Rsa(keys) => {
                let der = keys.rs256.as_ref().to_pkcs1_der().ok()?;
                let bytes = der.as_bytes();
                Some(Box::new(AwsKeys::Rsa(Box::new(RSA_ALGS.map(|a| parse(a, bytes))))))
            }
            Material::P256(k) => Some(Box::new(AwsKeys::Ec(parse(&sig::ECDSA_P256_SHA256_FIXED, k.to_sec1_point(false).as_bytes())))),
            Material::P384(k) => Some(Box::new(AwsKeys::Ec(parse(&sig::ECDSA_P384_SHA384_FIXED, k.to_sec1_point(false).as_bytes())))),
            Material::P521(k) => Some(Box::new(AwsKeys::Ec(parse(&sig::ECDSA_P521_SHA512_FIXED, k.to_sec1_point(false).as_bytes())))),
            Material::Ed25519(k) => Some(Box::new(AwsKeys::Ed25519(crate::ed25519::Prepared::new(k).map(Box::new)))),
            Material::Oct(_) => None,
        }
    }

    /// Verifies with aws-lc when it has a key for `alg`; `None` otherwise.
    /// The caller has already checked the RSA signature length; ECDSA's
    /// fixed form is checked here (exactly 2 × the field size).
    pub(crate) fn verify(keys: &AwsKeys, alg: Algorithm, msg: &[u8], signature: &[u8]) -> Option<Result<(), Detail>> {
        let key = match (keys, alg.family()) {
            (AwsKeys::Rsa(k), _) => k.get(rsa_slot(alg)?)?.as_ref()?,
            (AwsKeys::Ec(k), Family::Ecdsa) => {
                let key = k.as_ref()?;
                if alg.signature_len() != Some(signature.len()) {
                    return Some(Err(Detail::SignatureForm));
                }
                key
            }
            (AwsKeys::Ed25519(k), Family::EdDsa) => return Some(k.as_ref()?.verify(msg, signature)),
            _ => return None,
        };
        Some(key.verify_sig(msg, signature).map_err(|_| Detail::SignatureMismatch))
    }
}

pub(crate) mod rustcrypto {
    //! Signature verification (spec step 7) on the RustCrypto crates.

    use hmac::Mac;
    use rsa::signature::Verifier;

    use crate::algorithm::{Algorithm, Family, Hash};
    use crate::error::Detail;
    use crate::key::Material;

    /// Verifies `signature` over `signing_input` with a key whose type already
    /// fits `alg` (step 6 guarantees it; a mismatch here is reported as a
    /// signature failure, never a panic).
    pub(crate) fn verify(material: &Material, alg: Algorithm, signing_input: &[u8], signature: &[u8]) -> Result<(), Detail> {
        match (material, alg) {
            (Material::Oct(keys), _) if alg.family() == Family::Hmac => match alg.hash() {
                Hash::Sha256 => hmac_verify(keys.sha256.clone(), signing_input, signature),
                Hash::Sha384 => hmac_verify(keys.sha384.clone(), signing_input, signature),
                Hash::Sha512 => hmac_verify(keys.sha512.clone(), signing_input, signature),
            },
            (Material::Rsa(keys), _) => {
                // The signature's length was checked by the dispatch.
                let ok = match (alg.family(), alg.hash()) {
                    (Family::RsaPkcs1, Hash::Sha256) => rsa_verify(&keys.rs256, signing_input, signature),
                    (Family::RsaPkcs1, Hash::Sha384) => rsa_verify(&keys.rs384, signing_input, signature),
                    (Family::RsaPkcs1, Hash::Sha512) => rsa_verify(&keys.rs512, signing_input, signature),
                    (Family::RsaPss, Hash::Sha256) => rsa_verify(&keys.ps256, signing_input, signature),
                    (Family::RsaPss, Hash::Sha384) => rsa_verify(&keys.ps384, signing_input, signature),
                    (Family::RsaPss, Hash::Sha512) => rsa_verify(&keys.ps512, signing_input, signature),
                    _ => false,
                };
                if ok { Ok(()) } else { Err(Detail::SignatureMismatch) }
            }
            // ES*: raw R||S of exactly 2 × the field size; `from_slice` refuses
            // any other length (so DER) and r or s outside [1, n−1].
            (Material::P256(key), Algorithm::ES256) => {
                let sig = p256::ecdsa::Signature::from_slice(signature).map_err(|_| Detail::SignatureForm)?;
                key.verify(signing_input, &sig).map_err(|_| Detail::SignatureMismatch)
            }
            (Material::P384(key), Algorithm::ES384) => {
                let sig = p384::ecdsa::Signature::from_slice(signature).map_err(|_| Detail::SignatureForm)?;
                key.verify(signing_input, &sig).map_err(|_| Detail::SignatureMismatch)
            }
            (Material::P521(key), Algorithm::ES512) => {
                let sig = p521::ecdsa::Signature::from_slice(signature).map_err(|_| Detail::SignatureForm)?;
                key.verify(signing_input, &sig).map_err(|_| Detail::SignatureMismatch)
            }
            (Material::Ed25519(key), Algorithm::EdDSA) => {
                let sig = ed25519_dalek::Signature::from_slice(signature).map_err(|_| Detail::SignatureForm)?;
                // RFC 8032 §5.1.7 with the strict checks: S < L, and no
                // small-order R or A (refuses the "any message verifies" keys).
                key.verify_strict(signing_input, &sig).map_err(|_| Detail::SignatureMismatch)
            }
            _ => Err(Detail::SignatureMismatch),
        }
    }

    /// HMAC at full length, compared in constant time (`verify_slice` refuses
    /// any other length and compares with `subtle`).
    fn hmac_verify<M: Mac>(mut mac: M, signing_input: &[u8], tag: &[u8]) -> Result<(), Detail> {
        mac.update(signing_input);
        mac.verify_slice(tag).map_err(|_| Detail::SignatureMismatch)
    }

    fn rsa_verify<K, S>(key: &K, msg: &[u8], sig: &[u8]) -> bool
    where
        K: Verifier<S>,
        S: for<'a> TryFrom<&'a [u8]>,
    {
        match S::try_from(sig) {
            Ok(sig) => key.verify(msg, &sig).is_ok(),
            Err(_) => false,
        }
    }
}
