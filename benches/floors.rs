//! The floors: each backend's raw primitive on the signing input, with the
//! key prepared once (shared by `verify.rs` and `paired.rs`).

use aws_lc_rs::signature::{self as aws, ParsedPublicKey, UnparsedPublicKey};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use jwtproof_reference::{Algorithm, Curve, Family, Hash};
use rsa::signature::Verifier as _;
use serde_json::{Map, Value};
use sha2::{Sha256, Sha384, Sha512};

pub(crate) fn b64d(s: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(s).unwrap_or_default()
}

/// A prepared primitive: `(message, signature) -> verifies`.
pub(crate) type Primitive = Box<dyn Fn(&[u8], &[u8]) -> bool>;

/// HMAC with a key prepared once (RustCrypto's `hmac`).
fn hmac_floor<M: Mac + KeyInit + Clone + 'static>(k: &[u8]) -> Primitive {
    let mac = <M as KeyInit>::new_from_slice(k).unwrap_or_else(|_| panic!("key"));
    Box::new(move |m, s| {
        let mut x = mac.clone();
        x.update(m);
        x.verify_slice(s).is_ok()
    })
}

/// The primitive alone, per backend, with the key prepared.
pub(crate) fn floors(alg: &str, jwk: &Map<String, Value>) -> Vec<(&'static str, Primitive)> {
    let get = |m: &str| b64d(jwk.get(m).and_then(Value::as_str).unwrap_or_default());
    let alg = Algorithm::from_name(alg).unwrap_or_else(|| panic!("{alg}: not an algorithm"));
    let mut out: Vec<(&'static str, Primitive)> = Vec::new();
    match (alg.family(), alg.hash()) {
        (Family::Hmac, hash) => {
            let k = get("k");
            let (rustcrypto, aws_alg) = match hash {
                Hash::Sha256 => (hmac_floor::<Hmac<Sha256>>(&k), aws_lc_rs::hmac::HMAC_SHA256),
                Hash::Sha384 => (hmac_floor::<Hmac<Sha384>>(&k), aws_lc_rs::hmac::HMAC_SHA384),
                Hash::Sha512 => (hmac_floor::<Hmac<Sha512>>(&k), aws_lc_rs::hmac::HMAC_SHA512),
            };
            out.push(("rustcrypto", rustcrypto));
            let key = aws_lc_rs::hmac::Key::new(aws_alg, &k);
            out.push(("aws-lc-rs", Box::new(move |m, s| aws_lc_rs::hmac::verify(&key, m, s).is_ok())));
        }
        (family @ (Family::RsaPkcs1 | Family::RsaPss), Hash::Sha256) => {
            let n = get("n");
            let e = get("e");
            let public = rsa::PublicKey::new(rsa::BoxedUint::from_be_slice_vartime(&n), rsa::BoxedUint::from_be_slice_vartime(&e))
                .unwrap_or_else(|e| panic!("{e}"));
            let der = {
                use rsa::pkcs1::EncodeRsaPublicKey;
                public.to_pkcs1_der().unwrap_or_else(|e| panic!("{e}")).as_bytes().to_vec()
            };
            if family == Family::RsaPkcs1 {
                let vk = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(public);
                out.push((
                    "rustcrypto",
                    Box::new(move |m, s| rsa::pkcs1v15::Signature::try_from(s).is_ok_and(|sig| vk.verify(m, &sig).is_ok())),
                ));
                let pk = UnparsedPublicKey::new(&aws::RSA_PKCS1_2048_8192_SHA256, der).parse().unwrap_or_else(|e| panic!("{e}"));
                out.push(("aws-lc-rs", Box::new(move |m, s| pk.verify_sig(m, s).is_ok())));
            } else {
                let vk = rsa::pss::VerifyingKey::<Sha256>::new(public);
                out.push((
                    "rustcrypto",
                    Box::new(move |m, s| rsa::pss::Signature::try_from(s).is_ok_and(|sig| vk.verify(m, &sig).is_ok())),
                ));
                let pk = UnparsedPublicKey::new(&aws::RSA_PSS_2048_8192_SHA256, der).parse().unwrap_or_else(|e| panic!("{e}"));
                out.push(("aws-lc-rs", Box::new(move |m, s| pk.verify_sig(m, s).is_ok())));
            }
        }
        (Family::RsaPkcs1 | Family::RsaPss, _) => panic!("{alg}: no floor (the benchmarks measure RSA with SHA-256 only)"),
        (Family::Ecdsa, _) => {
            let mut sec1 = vec![4u8];
            sec1.extend(get("x"));
            sec1.extend(get("y"));
            let aws_alg: &'static aws::EcdsaVerificationAlgorithm = match alg.curve() {
                Some(Curve::P256) => {
                    let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).unwrap_or_else(|e| panic!("{e}"));
                    out.push((
                        "rustcrypto",
                        Box::new(move |m, s| p256::ecdsa::Signature::from_slice(s).is_ok_and(|sig| vk.verify(m, &sig).is_ok())),
                    ));
                    &aws::ECDSA_P256_SHA256_FIXED
                }
                Some(Curve::P384) => {
                    let vk = p384::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).unwrap_or_else(|e| panic!("{e}"));
                    out.push((
                        "rustcrypto",
                        Box::new(move |m, s| p384::ecdsa::Signature::from_slice(s).is_ok_and(|sig| vk.verify(m, &sig).is_ok())),
                    ));
                    &aws::ECDSA_P384_SHA384_FIXED
                }
                Some(Curve::P521) => {
                    let vk = p521::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).unwrap_or_else(|e| panic!("{e}"));
                    out.push((
                        "rustcrypto",
                        Box::new(move |m, s| p521::ecdsa::Signature::from_slice(s).is_ok_and(|sig| vk.verify(m, &sig).is_ok())),
                    ));
                    &aws::ECDSA_P521_SHA512_FIXED
                }
                other => panic!("{alg}: no ECDSA floor for {other:?}"),
            };
            let pk: ParsedPublicKey = UnparsedPublicKey::new(aws_alg, sec1).parse().unwrap_or_else(|e| panic!("{e}"));
            out.push(("aws-lc-rs", Box::new(move |m, s| pk.verify_sig(m, s).is_ok())));
        }
        (Family::EdDsa, _) => {
            let x: [u8; 32] = get("x").try_into().unwrap_or_else(|_| panic!("x"));
            let vk = ed25519_dalek::VerifyingKey::from_bytes(&x).unwrap_or_else(|e| panic!("{e}"));
            out.push((
                "rustcrypto",
                Box::new(move |m, s| ed25519_dalek::Signature::from_slice(s).is_ok_and(|sig| vk.verify_strict(m, &sig).is_ok())),
            ));
            let pk = UnparsedPublicKey::new(&aws::ED25519, x.to_vec()).parse().unwrap_or_else(|e| panic!("{e}"));
            out.push(("aws-lc-rs", Box::new(move |m, s| pk.verify_sig(m, s).is_ok())));
            out.push(("dalek-precomputed", ed25519_precomputed(x)));
        }
    }
    out
}

/// Ed25519 with a table precomputed for the key (curve25519-dalek's
/// `VartimeEdwardsPrecomputation` of B and −A), written here independently
/// of the reference: the fastest sound Ed25519 verification with a prepared
/// key that we know of: S < L, and [S]B − [h]A encoding to R's bytes (the
/// reference also refuses a small-order R, eight 32-byte comparisons; the
/// floor leaves them out, so it is if anything a little low).
fn ed25519_precomputed(x: [u8; 32]) -> Primitive {
    use curve25519_dalek::edwards::{CompressedEdwardsY, VartimeEdwardsPrecomputation};
    use curve25519_dalek::traits::VartimePrecomputedMultiscalarMul;
    use curve25519_dalek::{EdwardsPoint, Scalar, constants::ED25519_BASEPOINT_POINT};
    use sha2::Digest;
    let a = CompressedEdwardsY(x).decompress().unwrap_or_else(|| panic!("Ed25519 key"));
    let table = VartimeEdwardsPrecomputation::new([ED25519_BASEPOINT_POINT, -a]);
    Box::new(move |m, sig| {
        let (Some(r), Some(s), 64) = (sig.first_chunk::<32>(), sig.last_chunk::<32>(), sig.len()) else { return false };
        let Some(s) = Option::<Scalar>::from(Scalar::from_canonical_bytes(*s)) else { return false };
        let h = Scalar::from_hash(Sha512::new().chain_update(r).chain_update(x).chain_update(m));
        let recomputed: EdwardsPoint = table.vartime_multiscalar_mul([s, h]);
        recomputed.compress().as_bytes() == r
    })
}
