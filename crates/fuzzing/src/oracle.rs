//! The independent checks behind the `verify` property, and the re-signer.
//!
//! Nothing here calls the reference: keys are parsed from the JWK members,
//! the token is split and decoded, and signatures are checked with the
//! RustCrypto primitives directly. When the reference accepts a token,
//! [`check_accepted`] re-derives from the spec why it may, and panics
//! (naming the rule) when it may not.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use jwtproof_reference::{Algorithm, AllowedEntry, Family, PayloadKind, Profile, Verified};
use jwtproof_vectors::ValidationSpec;
use serde_json::{Map, Value};
use sha2::{Sha256, Sha384, Sha512};

use crate::keys::JwkMap;

/// Strict base64url (no padding, canonical trailing bits).
pub(crate) fn b64_decode(s: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(s).ok()
}

pub(crate) fn b64_encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn member_bytes(jwk: &JwkMap, name: &str) -> Option<Vec<u8>> {
    b64_decode(jwk.get(name)?.as_str()?)
}

fn hmac_tag<M: Mac + KeyInit>(key: &[u8], input: &[u8]) -> Option<Vec<u8>> {
    let mut mac = <M as KeyInit>::new_from_slice(key).ok()?;
    mac.update(input);
    Some(mac.finalize().into_bytes().to_vec())
}

/// Signs `input` under `alg` with a JWK's private part (the shared test
/// signer, `jwtproof-testkit`, which shares no code with the reference):
/// HMAC, ECDSA (RFC 6979, deterministic) and EdDSA only; `None` for RSA
/// (too slow per fuzz run), an unknown `alg`, a key of another curve, a
/// member that is not strict base64url, or a key that does not fit.
pub(crate) fn sign(alg: &str, jwk: &JwkMap, input: &[u8]) -> Option<Vec<u8>> {
    let (member, curve) = match alg {
        "HS256" | "HS384" | "HS512" => ("k", None),
        "ES256" => ("d", Some("P-256")),
        "ES384" => ("d", Some("P-384")),
        "ES512" => ("d", Some("P-521")),
        "EdDSA" => ("d", Some("Ed25519")),
        _ => return None,
    };
    if curve.is_some_and(|c| crv(jwk) != Some(c)) || member_bytes(jwk, member).is_none() {
        return None;
    }
    jwtproof_testkit::try_sign(alg, jwk, input).ok()
}

fn crv(jwk: &JwkMap) -> Option<&str> {
    jwk.get("crv")?.as_str()
}

/// A public key parsed from its JWK members, independently of the reference.
enum PublicKey {
    Oct(Vec<u8>),
    Rsa { key: rsa::PublicKey, modulus_len: usize, bits: usize },
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek::VerifyingKey),
}

fn ec_point(jwk: &JwkMap, size: usize) -> Result<Vec<u8>, String> {
    let x = member_bytes(jwk, "x").ok_or("x missing or not base64url")?;
    let y = member_bytes(jwk, "y").ok_or("y missing or not base64url")?;
    if x.len() != size || y.len() != size {
        return Err(format!("coordinates of {} and {} bytes, the curve needs {size}", x.len(), y.len()));
    }
    Ok([&[0x04][..], &x, &y].concat())
}

fn parse_public(jwk: &JwkMap) -> Result<PublicKey, String> {
    let bad = |what: &str| format!("{what} rejected");
    match jwk.get("kty").and_then(Value::as_str) {
        Some("oct") => Ok(PublicKey::Oct(member_bytes(jwk, "k").ok_or("k missing or not base64url")?)),
        Some("RSA") => {
            let n = member_bytes(jwk, "n").ok_or("n missing or not base64url")?;
            let e = member_bytes(jwk, "e").ok_or("e missing or not base64url")?;
            let first = *n.first().ok_or("n is empty")?;
            if first == 0 {
                return Err("n has a leading zero octet".to_owned());
            }
            let bits = n.len() * 8 - first.leading_zeros() as usize;
            let key = rsa::PublicKey::new_unchecked(rsa::BoxedUint::from_be_slice_vartime(&n), rsa::BoxedUint::from_be_slice_vartime(&e));
            Ok(PublicKey::Rsa { key, modulus_len: n.len(), bits })
        }
        Some("EC") => match crv(jwk) {
            Some("P-256") => {
                p256::ecdsa::VerifyingKey::from_sec1_bytes(&ec_point(jwk, 32)?).map(PublicKey::P256).map_err(|_| bad("P-256 point"))
            }
            Some("P-384") => {
                p384::ecdsa::VerifyingKey::from_sec1_bytes(&ec_point(jwk, 48)?).map(PublicKey::P384).map_err(|_| bad("P-384 point"))
            }
            Some("P-521") => {
                p521::ecdsa::VerifyingKey::from_sec1_bytes(&ec_point(jwk, 66)?).map(PublicKey::P521).map_err(|_| bad("P-521 point"))
            }
            other => Err(format!("EC curve {other:?}")),
        },
        Some("OKP") if crv(jwk) == Some("Ed25519") => {
            let x: [u8; 32] = member_bytes(jwk, "x").and_then(|x| x.try_into().ok()).ok_or("x is not 32 base64url bytes")?;
            ed25519_dalek::VerifyingKey::from_bytes(&x).map(PublicKey::Ed25519).map_err(|_| bad("Ed25519 point"))
        }
        other => Err(format!("kty {other:?}")),
    }
}

/// Whether `sig` is a valid `alg` signature over `input` under `key`, with
/// the RustCrypto primitive for `alg`; `Err` when the key does not fit.
fn signature_verifies(alg: Algorithm, key: &PublicKey, input: &[u8], sig: &[u8]) -> Result<bool, String> {
    // One `signature` crate serves RSA, ECDSA (and this `Verifier`).
    use p256::ecdsa::signature::Verifier as _;
    let rsa_sig = || rsa::pkcs1v15::Signature::try_from(sig);
    let pss_sig = || rsa::pss::Signature::try_from(sig);
    Ok(match (key, alg) {
        (PublicKey::Oct(k), Algorithm::HS256) => hmac_tag::<Hmac<Sha256>>(k, input).is_some_and(|t| t == sig),
        (PublicKey::Oct(k), Algorithm::HS384) => hmac_tag::<Hmac<Sha384>>(k, input).is_some_and(|t| t == sig),
        (PublicKey::Oct(k), Algorithm::HS512) => hmac_tag::<Hmac<Sha512>>(k, input).is_some_and(|t| t == sig),
        (PublicKey::Rsa { key, modulus_len, .. }, _) if alg.family() == Family::RsaPkcs1 || alg.family() == Family::RsaPss => {
            if sig.len() != *modulus_len {
                return Ok(false);
            }
            let k = key.clone();
            match alg {
                Algorithm::RS256 => rsa_sig().is_ok_and(|s| rsa::pkcs1v15::VerifyingKey::<Sha256>::new(k).verify(input, &s).is_ok()),
                Algorithm::RS384 => rsa_sig().is_ok_and(|s| rsa::pkcs1v15::VerifyingKey::<Sha384>::new(k).verify(input, &s).is_ok()),
                Algorithm::RS512 => rsa_sig().is_ok_and(|s| rsa::pkcs1v15::VerifyingKey::<Sha512>::new(k).verify(input, &s).is_ok()),
                // RFC 7518 §3.5: the salt is as long as the hash.
                Algorithm::PS256 => {
                    pss_sig().is_ok_and(|s| rsa::pss::VerifyingKey::<Sha256>::new_with_salt_len(k, 32).verify(input, &s).is_ok())
                }
                Algorithm::PS384 => {
                    pss_sig().is_ok_and(|s| rsa::pss::VerifyingKey::<Sha384>::new_with_salt_len(k, 48).verify(input, &s).is_ok())
                }
                Algorithm::PS512 => {
                    pss_sig().is_ok_and(|s| rsa::pss::VerifyingKey::<Sha512>::new_with_salt_len(k, 64).verify(input, &s).is_ok())
                }
                _ => false,
            }
        }
        (PublicKey::P256(k), Algorithm::ES256) => {
            sig.len() == 64 && p256::ecdsa::Signature::from_slice(sig).is_ok_and(|s| k.verify(input, &s).is_ok())
        }
        (PublicKey::P384(k), Algorithm::ES384) => {
            sig.len() == 96 && p384::ecdsa::Signature::from_slice(sig).is_ok_and(|s| k.verify(input, &s).is_ok())
        }
        (PublicKey::P521(k), Algorithm::ES512) => {
            sig.len() == 132 && p521::ecdsa::Signature::from_slice(sig).is_ok_and(|s| k.verify(input, &s).is_ok())
        }
        (PublicKey::Ed25519(k), Algorithm::EdDSA) => {
            ed25519_dalek::Signature::from_slice(sig).is_ok_and(|s| k.verify_strict(input, &s).is_ok())
        }
        _ => return Err(format!("a {} key does not fit {alg}", key_name(key))),
    })
}

fn key_name(key: &PublicKey) -> &'static str {
    match key {
        PublicKey::Oct(_) => "oct",
        PublicKey::Rsa { .. } => "RSA",
        PublicKey::P256(_) => "P-256",
        PublicKey::P384(_) => "P-384",
        PublicKey::P521(_) => "P-521",
        PublicKey::Ed25519(_) => "Ed25519",
    }
}

/// Panics with the rule, the token and the reason.
macro_rules! violated {
    ($token:expr, $($why:tt)*) => {
        panic!("the reference accepted a token the spec rejects: {}\ntoken: {}", format!($($why)*), $token)
    };
}

/// Checks, without the reference, that a token the reference accepted
/// passes the spec's steps 1–12 (13, the profile rules, only in part).
pub(crate) fn check_accepted(token: &str, key: Option<&JwkMap>, spec: &ValidationSpec, verified: &Verified) {
    // 1. Structure.
    let segments: Vec<&str> = token.split('.').collect();
    let [h, p, s] = segments.as_slice() else { violated!(token, "{} segments", segments.len()) };
    let (Some(header), Some(payload), Some(signature)) = (b64_decode(h), b64_decode(p), b64_decode(s)) else {
        violated!(token, "a segment is not strict base64url")
    };
    if h.is_empty() {
        violated!(token, "an empty header segment");
    }
    if p.is_empty() && spec.payload != Some(PayloadKind::Opaque) {
        violated!(token, "an empty payload segment in a JWT");
    }
    if payload != verified.payload() {
        violated!(token, "Verified::payload differs from the decoded payload segment");
    }
    // 2–3. Header.
    let header: Map<String, Value> = match serde_json::from_slice(&header) {
        Ok(Value::Object(m)) => m,
        _ => violated!(token, "the header is not a JSON object"),
    };
    let alg = verified.algorithm();
    if header.get("alg").and_then(Value::as_str) != Some(alg.as_str()) {
        violated!(token, "header alg {:?} but verified as {alg}", header.get("alg"));
    }
    for member in ["typ", "cty", "kid"] {
        if header.get(member).is_some_and(|v| !v.is_string()) {
            violated!(token, "header {member} is not a string");
        }
    }
    // 4. Algorithm.
    if !spec.algorithms.contains(&AllowedEntry::Alg(alg)) {
        violated!(token, "{alg} is not in the allow-list {:?}", spec.algorithms);
    }
    match spec.profile {
        Some(Profile::Bigone) if alg != Algorithm::HS256 => violated!(token, "bigone allows only HS256, not {alg}"),
        Some(Profile::Trinity) if alg != Algorithm::ES256 => violated!(token, "trinity allows only ES256, not {alg}"),
        _ => {}
    }
    // 3 and 5. `crit` is never understood, so `b64` (which needs it) never passes.
    if header.contains_key("crit") || header.contains_key("b64") {
        violated!(token, "the header has crit or b64");
    }
    // 6. Key.
    let Some(jwk) = key else { violated!(token, "accepted without a key") };
    let public = match parse_public(jwk) {
        Ok(k) => k,
        Err(why) => violated!(token, "accepted with a JWK the spec cannot use ({why}): {}", Value::Object(jwk.clone())),
    };
    match &public {
        PublicKey::Rsa { bits, .. } if *bits < 2048 => violated!(token, "RSA key of {bits} bits"),
        PublicKey::Oct(k) => {
            let min = match alg {
                Algorithm::HS384 => 48,
                Algorithm::HS512 => 64,
                _ => 32,
            };
            if k.len() < min && spec.profile != Some(Profile::Bigone) {
                violated!(token, "{alg} with an HMAC key of {} bytes", k.len());
            }
        }
        _ => {}
    }
    if let Some(a) = jwk.get("alg") {
        if a.as_str() != Some(alg.as_str()) {
            violated!(token, "the JWK's alg {a} differs from {alg}");
        }
    }
    if jwk.get("use").is_some_and(|u| u.as_str() != Some("sig")) {
        violated!(token, "the JWK's use is not sig");
    }
    if let Some(ops) = jwk.get("key_ops") {
        let listed = ops.as_array().is_some_and(|ops| ops.iter().any(|o| o.as_str() == Some("verify")));
        if !listed {
            violated!(token, "the JWK's key_ops {ops} lacks verify");
        }
    }
    match (header.get("kid").and_then(Value::as_str), jwk.get("kid").and_then(Value::as_str)) {
        (Some(hk), Some(kk)) if hk != kk => violated!(token, "header kid {hk:?} differs from the JWK's {kk:?}"),
        (_, None) if spec.profile == Some(Profile::Trinity) => violated!(token, "trinity without a JWK kid"),
        _ => {}
    }
    // 7. Signature, over the segments as received.
    let input = format!("{h}.{p}");
    match signature_verifies(alg, &public, input.as_bytes(), &signature) {
        Ok(true) => {}
        Ok(false) => violated!(token, "the {alg} signature does not verify with RustCrypto"),
        Err(why) => violated!(token, "{why}"),
    }
    if spec.payload == Some(PayloadKind::Opaque) {
        return;
    }
    // 8–12. Claims.
    let claims: Map<String, Value> = match serde_json::from_slice(&payload) {
        Ok(Value::Object(m)) => m,
        _ => violated!(token, "the payload is not a JSON object"),
    };
    check_claims(token, &claims, spec);
}

const NS: i128 = 1_000_000_000;

/// An integer NumericDate in nanoseconds (other numbers are not checked).
fn integer_ns(claims: &Map<String, Value>, name: &str) -> Option<i128> {
    let v = claims.get(name)?;
    let secs = v.as_i64().map(i128::from).or_else(|| v.as_u64().map(i128::from))?;
    Some(secs * NS)
}

fn check_claims(token: &str, claims: &Map<String, Value>, spec: &ValidationSpec) {
    // 9. Types.
    for name in ["exp", "nbf", "iat"] {
        if claims.get(name).is_some_and(|v| !v.is_number()) {
            violated!(token, "{name} is not a number");
        }
    }
    for name in ["iss", "sub", "jti"] {
        if claims.get(name).is_some_and(|v| !v.is_string()) {
            violated!(token, "{name} is not a string");
        }
    }
    let aud: Option<Vec<&str>> = match claims.get("aud") {
        None => None,
        Some(Value::String(s)) => Some(vec![s]),
        Some(Value::Array(items)) => match items.iter().map(Value::as_str).collect::<Option<Vec<_>>>() {
            Some(list) => Some(list),
            None => violated!(token, "aud holds a non-string"),
        },
        Some(_) => violated!(token, "aud is neither a string nor an array"),
    };
    // 10. Presence.
    for name in spec.required_claims.iter().flatten() {
        if !claims.contains_key(name) {
            violated!(token, "the required claim {name:?} is missing");
        }
    }
    // 11. Time (integer NumericDates only: fractions are compared as f64).
    // Checked arithmetic: where a bound leaves the i128 range (a clock near
    // its ends), the oracle does not judge; the exact model of the property
    // tests covers those.
    let now = spec.clock.as_nanos();
    let leeway = i128::from(spec.leeway.unwrap_or(0)) * NS;
    if let Some(exp) = integer_ns(claims, "exp") {
        if exp.checked_add(leeway).is_some_and(|bound| now >= bound) {
            violated!(token, "expired: now_ns {now} ≥ exp + leeway");
        }
    }
    if let Some(nbf) = integer_ns(claims, "nbf") {
        if now.checked_add(leeway).is_some_and(|bound| bound < nbf) {
            violated!(token, "not yet valid: now_ns {now} + leeway < nbf");
        }
    }
    if let Some(iat) = integer_ns(claims, "iat") {
        if now.checked_add(leeway).is_some_and(|bound| iat > bound) {
            violated!(token, "issued in the future: iat > now_ns {now} + leeway");
        }
        if let Some(max_age) = spec.max_age {
            let age = now.checked_sub(iat);
            let limit = (i128::from(max_age) * NS).checked_add(leeway);
            if let (Some(age), Some(limit)) = (age, limit) {
                if age > limit {
                    violated!(token, "too old: now − iat > max_age + leeway");
                }
            }
        }
    }
    if spec.max_age.is_some() && !claims.contains_key("iat") {
        violated!(token, "max_age without iat");
    }
    // 12. Audience, issuer, subject.
    if let Some(accepted) = &spec.audience {
        let matched = aud.as_deref().unwrap_or_default().iter().any(|a| accepted.iter().any(|b| b == a));
        if !matched {
            violated!(token, "no aud in {accepted:?}");
        }
    }
    if let Some(issuer) = &spec.issuer {
        if claims.get("iss").and_then(Value::as_str) != Some(issuer.as_str()) {
            violated!(token, "iss is not {issuer:?}");
        }
    }
    if let Some(subject) = &spec.subject {
        if claims.get("sub").and_then(Value::as_str) != Some(subject.as_str()) {
            violated!(token, "sub is not {subject:?}");
        }
    }
}
