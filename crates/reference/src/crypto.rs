//! Signature verification (spec step 7) on the RustCrypto crates.

use hmac::Mac;
use rsa::signature::Verifier;

use crate::algorithm::Algorithm;
use crate::error::Detail;
use crate::jwk::Material;

/// Verifies `signature` over `signing_input` with a key whose type already
/// fits `alg` (step 6 guarantees it; a mismatch here is reported as a
/// signature failure, never a panic).
pub(crate) fn verify(material: &Material, alg: Algorithm, signing_input: &[u8], signature: &[u8]) -> Result<(), Detail> {
    match (material, alg) {
        (Material::Oct(keys), Algorithm::HS256) => hmac_verify(keys.sha256.clone(), signing_input, signature),
        (Material::Oct(keys), Algorithm::HS384) => hmac_verify(keys.sha384.clone(), signing_input, signature),
        (Material::Oct(keys), Algorithm::HS512) => hmac_verify(keys.sha512.clone(), signing_input, signature),
        (Material::Rsa(keys), _) => {
            // RFC 7518 §3.3: the signature is exactly as long as the modulus.
            if signature.len() != keys.len {
                return Err(Detail::SignatureForm);
            }
            let ok = match alg {
                Algorithm::RS256 => rsa_verify(&keys.rs256, signing_input, signature),
                Algorithm::RS384 => rsa_verify(&keys.rs384, signing_input, signature),
                Algorithm::RS512 => rsa_verify(&keys.rs512, signing_input, signature),
                Algorithm::PS256 => rsa_verify(&keys.ps256, signing_input, signature),
                Algorithm::PS384 => rsa_verify(&keys.ps384, signing_input, signature),
                Algorithm::PS512 => rsa_verify(&keys.ps512, signing_input, signature),
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
