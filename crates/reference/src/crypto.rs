//! Signature verification (spec step 7): the one dispatch between the
//! backends (`crate::backend`), with the checks every backend shares.

use crate::algorithm::Algorithm;
#[cfg(feature = "aws-lc-rs")]
use crate::backend::aws::AwsKeys;
use crate::backend::rustcrypto;
use crate::error::Detail;
use crate::key::Material;

/// Keys prepared for aws-lc-rs (none in a build without it).
#[cfg(feature = "aws-lc-rs")]
pub(crate) type Prepared<'k> = Option<&'k AwsKeys>;
/// Keys prepared for aws-lc-rs (none in a build without it).
#[cfg(not(feature = "aws-lc-rs"))]
pub(crate) type Prepared<'k> = Option<&'k core::convert::Infallible>;

/// Verifies `signature` over `signing_input` with a key whose type already
/// fits `alg` (step 6 guarantees it; a mismatch here is reported as a
/// signature failure, never a panic): with the aws-lc-rs keys when the key
/// was prepared for them and they have one for `alg`, else on RustCrypto.
pub(crate) fn verify(
    material: &Material,
    prepared: Prepared<'_>,
    alg: Algorithm,
    signing_input: &[u8],
    signature: &[u8],
) -> Result<(), Detail> {
    // RFC 7518 §3.3: an RSA signature is exactly as long as the modulus,
    // whatever the backend (the one place this is checked).
    if let Material::Rsa(rsa) = material
        && signature.len() != rsa.len
    {
        return Err(Detail::SignatureForm);
    }
    #[cfg(feature = "aws-lc-rs")]
    if let Some(verdict) = prepared.and_then(|keys| crate::backend::aws::verify(keys, alg, signing_input, signature)) {
        return verdict;
    }
    #[cfg(not(feature = "aws-lc-rs"))]
    let _ = prepared;
    rustcrypto::verify(material, alg, signing_input, signature)
}
