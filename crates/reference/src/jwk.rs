//! The caller's key: a JWK (RFC 7517) parsed once into a prepared verifying
//! key.
//!
//! A JWK the verifier cannot use is not a configuration error but a verdict
//! (`key_mismatch`, spec step 6): parsing never fails, it records the
//! problem, and [`crate::verify`] reports it at step 6 so that the spec's
//! order holds (a token with `alg: none` and a broken key is still
//! `algorithm_not_allowed`).

use hmac::{Hmac, KeyInit};
use serde_json::{Map, Value};

use crate::algorithm::{Algorithm, Curve};
use crate::b64;
use crate::backend::Backend;
use crate::key::{HmacKeys, Material, RsaKeys};

/// Largest accepted RSA modulus, in bits: bounds the cost of one
/// verification.
pub const MAX_RSA_BITS: usize = 8192;

/// A verifying key with the JWK's metadata.
#[derive(Clone, Debug)]
pub struct Jwk {
    pub(crate) kid: Option<String>,
    pub(crate) alg: Option<String>,
    pub(crate) use_: Option<String>,
    pub(crate) key_ops: Option<Vec<String>>,
    pub(crate) material: Result<Material, String>,
    pub(crate) backend: Backend,
    #[cfg(feature = "aws-lc-rs")]
    pub(crate) aws: Option<std::sync::Arc<crate::backend::aws::AwsKeys>>,
}

impl Jwk {
    /// Parses a JWK given as JSON text. Never fails: an unusable key is
    /// judged at verification (step 6).
    pub fn from_json(text: &str) -> Jwk {
        match serde_json::from_str::<Value>(text) {
            Ok(v) => Jwk::from_value(&v),
            Err(e) => Jwk::unusable(format!("not JSON: {e}")),
        }
    }

    /// Parses a JWK given as a JSON value. Never fails: an unusable key is
    /// judged at verification (step 6). Private members are ignored.
    pub fn from_value(value: &Value) -> Jwk {
        match value {
            Value::Object(map) => Jwk::from_map(map),
            _ => Jwk::unusable("not a JSON object".to_owned()),
        }
    }

    /// Parses a JWK given as a JSON object, prepared for the default
    /// [`Backend`].
    pub fn from_map(map: &Map<String, Value>) -> Jwk {
        Jwk::from_map_with(map, Backend::default())
    }

    /// Parses a JWK given as a JSON object, prepared for `backend`.
    pub fn from_map_with(map: &Map<String, Value>, backend: Backend) -> Jwk {
        let meta = (|| -> Result<_, String> {
            let kid = opt_string(map, "kid")?;
            let alg = opt_string(map, "alg")?;
            let use_ = opt_string(map, "use")?;
            let key_ops = match map.get("key_ops") {
                None => None,
                Some(Value::Array(items)) => Some(
                    items
                        .iter()
                        .map(|i| i.as_str().map(str::to_owned).ok_or_else(|| "key_ops holds a non-string".to_owned()))
                        .collect::<Result<Vec<_>, _>>()?,
                ),
                Some(_) => return Err("key_ops is not an array".to_owned()),
            };
            Ok((kid, alg, use_, key_ops))
        })();
        match meta {
            Ok((kid, alg, use_, key_ops)) => {
                let material = material(map);
                #[cfg(feature = "aws-lc-rs")]
                let aws = match (backend, &material) {
                    (Backend::AwsLc, Ok(m)) => crate::backend::aws::prepare(m).map(std::sync::Arc::from),
                    _ => None,
                };
                Jwk {
                    kid,
                    alg,
                    use_,
                    key_ops,
                    material,
                    backend,
                    #[cfg(feature = "aws-lc-rs")]
                    aws,
                }
            }
            Err(why) => Jwk::unusable(why),
        }
    }

    fn unusable(why: String) -> Jwk {
        Jwk {
            kid: None,
            alg: None,
            use_: None,
            key_ops: None,
            material: Err(why),
            backend: Backend::default(),
            #[cfg(feature = "aws-lc-rs")]
            aws: None,
        }
    }

    /// The backend the key was prepared for.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Verifies a signature with this key's backend (step 7). The key's
    /// type already fits `alg` (step 6).
    pub(crate) fn verify_signature(
        &self,
        material: &Material,
        alg: Algorithm,
        msg: &[u8],
        signature: &[u8],
    ) -> Result<(), crate::error::Detail> {
        #[cfg(feature = "aws-lc-rs")]
        let prepared = self.aws.as_deref();
        #[cfg(not(feature = "aws-lc-rs"))]
        let prepared = None;
        crate::crypto::verify(material, prepared, alg, msg, signature)
    }

    /// Why the key cannot be used at all, if it cannot.
    pub fn problem(&self) -> Option<&str> {
        self.material.as_ref().err().map(String::as_str)
    }

    /// The JWK's `kid`.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }
}

fn opt_string(map: &Map<String, Value>, name: &str) -> Result<Option<String>, String> {
    match map.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("{name} is not a string")),
    }
}

fn member<'m>(map: &'m Map<String, Value>, name: &str) -> Result<&'m str, String> {
    match map.get(name) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(format!("{name} is not a string")),
        None => Err(format!("{name} is missing")),
    }
}

fn bytes(map: &Map<String, Value>, name: &str) -> Result<Vec<u8>, String> {
    b64::decode(member(map, name)?).ok_or_else(|| format!("{name} is not strict base64url"))
}

/// A base64urlUInt (RFC 7518 §2): big-endian, non-empty, minimal octets.
fn uint(map: &Map<String, Value>, name: &str) -> Result<Vec<u8>, String> {
    let v = bytes(map, name)?;
    match v.first() {
        None => Err(format!("{name} is empty")),
        Some(0) if v.len() > 1 => Err(format!("{name} has a leading zero octet (RFC 7518 §6.3.1.1)")),
        Some(_) => Ok(v),
    }
}

/// RFC 8017 §3.1: the public exponent is odd and 3 ≤ e < n. Both byte
/// strings are minimal big-endian (checked by [`uint`]), so `e < n` is a
/// comparison of lengths, then of bytes. (Both backends also refuse
/// e > 2³³ − 1; such a key is unusable here though RFC 8017 allows it: a
/// reading documented in the crate docs.)
fn check_exponent(n: &[u8], e: &[u8]) -> Result<(), String> {
    if e.last().is_none_or(|low| low % 2 == 0) {
        return Err("RSA public exponent is even (RFC 8017 §3.1)".to_owned());
    }
    if e.len() == 1 && e.first().is_some_and(|&b| b < 3) {
        return Err("RSA public exponent is below 3 (RFC 8017 §3.1)".to_owned());
    }
    if (e.len(), e) >= (n.len(), n) {
        return Err("RSA public exponent is not below the modulus (RFC 8017 §3.1)".to_owned());
    }
    Ok(())
}

fn coordinate(map: &Map<String, Value>, name: &str, len: usize) -> Result<Vec<u8>, String> {
    let v = bytes(map, name)?;
    if v.len() != len {
        return Err(format!("{name} is {} bytes, the curve needs exactly {len} (RFC 7518 §6.2.1.2)", v.len()));
    }
    Ok(v)
}

fn material(map: &Map<String, Value>) -> Result<Material, String> {
    match member(map, "kty")? {
        "oct" => {
            let k = bytes(map, "k")?;
            let bad = |_| "HMAC key rejected".to_owned();
            Ok(Material::Oct(Box::new(HmacKeys {
                len: k.len(),
                sha256: Hmac::new_from_slice(&k).map_err(bad)?,
                sha384: Hmac::new_from_slice(&k).map_err(bad)?,
                sha512: Hmac::new_from_slice(&k).map_err(bad)?,
            })))
        }
        "RSA" => {
            let n = uint(map, "n")?;
            let e = uint(map, "e")?;
            check_exponent(&n, &e)?;
            let len = n.len();
            let bits = len * 8 - n.first().map_or(8, |b| b.leading_zeros() as usize);
            if bits > MAX_RSA_BITS {
                return Err(format!("RSA modulus of {bits} bits exceeds {MAX_RSA_BITS}"));
            }
            let key = rsa::PublicKey::new_with_size_limits(
                rsa::BoxedUint::from_be_slice_vartime(&n),
                rsa::BoxedUint::from_be_slice_vartime(&e),
                // The 2048-bit floor is a step-6 verdict of its own
                // (`RsaTooSmall`), so accept small keys here and judge later.
                16..=MAX_RSA_BITS,
            )
            .map_err(|e| format!("RSA key rejected: {e}"))?;
            Ok(Material::Rsa(Box::new(RsaKeys {
                bits,
                len,
                rs256: rsa::pkcs1v15::VerifyingKey::new(key.clone()),
                rs384: rsa::pkcs1v15::VerifyingKey::new(key.clone()),
                rs512: rsa::pkcs1v15::VerifyingKey::new(key.clone()),
                ps256: rsa::pss::VerifyingKey::new(key.clone()),
                ps384: rsa::pss::VerifyingKey::new(key.clone()),
                ps512: rsa::pss::VerifyingKey::new(key),
            })))
        }
        "EC" => {
            let crv = member(map, "crv")?;
            let curve = Curve::from_name(crv).filter(|c| *c != Curve::Ed25519).ok_or_else(|| format!("unsupported curve {crv:?}"))?;
            let size = curve.coordinate_len();
            let mut sec1 = vec![0x04];
            sec1.extend(coordinate(map, "x", size)?);
            sec1.extend(coordinate(map, "y", size)?);
            let off_curve = |_| "the point is not on the curve".to_owned();
            Ok(match curve {
                Curve::P256 => Material::P256(p256::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).map_err(off_curve)?),
                Curve::P384 => Material::P384(p384::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).map_err(off_curve)?),
                Curve::P521 => Material::P521(p521::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).map_err(off_curve)?),
                Curve::Ed25519 => return Err(format!("unsupported curve {crv:?}")),
            })
        }
        "OKP" => {
            let crv = member(map, "crv")?;
            if Curve::from_name(crv) != Some(Curve::Ed25519) {
                return Err(format!("unsupported OKP curve {crv:?}"));
            }
            let x: [u8; 32] = coordinate(map, "x", 32)?.try_into().map_err(|_| "x is not 32 bytes".to_owned())?;
            let key = ed25519_dalek::VerifyingKey::from_bytes(&x).map_err(|_| "x is not a valid Ed25519 point".to_owned())?;
            Ok(Material::Ed25519(key))
        }
        other => Err(format!("unsupported kty {other:?}")),
    }
}
