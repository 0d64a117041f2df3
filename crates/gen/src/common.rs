//! Helpers shared by the themed generator modules: raw token assembly,
//! JWK edits, DER/PEM encodings for key-confusion attacks, curve orders.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use num_bigint::BigUint;
use serde_json::{Value, json};

use crate::{Jwk, Keys};
use jwtproof_testkit::{b64, sign_input, unb64};

/// Private JWK members (never sent to a verifier; stripped for PEM/JWK text).
const PRIVATE: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "oth"];

/// An `oct` JWK holding `secret`.
pub fn oct(secret: &[u8]) -> Jwk {
    let mut k = Jwk::new();
    k.insert("kty".into(), json!("oct"));
    k.insert("k".into(), json!(b64(secret)));
    k
}

/// A JSON object value as a JWK map (empty for anything else).
pub fn obj(v: Value) -> Jwk {
    match v {
        Value::Object(m) => m,
        _ => Jwk::new(),
    }
}

/// `jwk` with `member` set to `value`.
pub fn with(mut jwk: Jwk, member: &str, value: Value) -> Jwk {
    jwk.insert(member.into(), value);
    jwk
}

/// `jwk` without `member`.
pub fn without(mut jwk: Jwk, member: &str) -> Jwk {
    jwk.remove(member);
    jwk
}

/// The public part of a JWK.
pub fn public(jwk: &Jwk) -> Jwk {
    let mut k = jwk.clone();
    k.retain(|m, _| !PRIVATE.contains(&m.as_str()));
    k
}

/// A key by name from `vectors/keys`, cloned.
pub fn key(keys: &Keys, name: &str) -> Jwk {
    keys.get(name).clone()
}

/// A member of a JWK, decoded.
pub fn member(jwk: &Jwk, name: &str) -> Vec<u8> {
    unb64(jwk.get(name).and_then(Value::as_str).unwrap_or_default())
}

/// `h.p.sig` where `sig` signs exactly the two segments as written (which
/// may be non-canonical: a lenient verifier would then accept the token).
pub fn sign_segments(alg: &str, key: &Jwk, h: &str, p: &str) -> String {
    let input = format!("{h}.{p}");
    let sig = sign_input(alg, key, input.as_bytes());
    format!("{input}.{}", b64(sig))
}

/// Raw header/payload bytes, signed.
pub fn sign_bytes(alg: &str, key: &Jwk, header: &[u8], payload: &[u8]) -> String {
    sign_segments(alg, key, &b64(header), &b64(payload))
}

/// The token with its signature replaced.
pub fn with_sig(token: &str, sig: &[u8]) -> String {
    let head = token.rsplit_once('.').map_or(token, |(h, _)| h);
    format!("{head}.{}", b64(sig))
}

/// The decoded signature of a token.
pub fn sig_of(token: &str) -> Vec<u8> {
    unb64(token.rsplit_once('.').map_or("", |(_, s)| s))
}

/// The three segments of a token.
pub fn segments(token: &str) -> (String, String, String) {
    let mut it = token.splitn(3, '.');
    let h = it.next().unwrap_or_default().to_owned();
    let p = it.next().unwrap_or_default().to_owned();
    let s = it.next().unwrap_or_default().to_owned();
    (h, p, s)
}

fn der_len(n: usize) -> Vec<u8> {
    if n < 0x80 {
        vec![u8::try_from(n).unwrap_or(0)]
    } else {
        let bytes: Vec<u8> = n.to_be_bytes().iter().copied().skip_while(|b| *b == 0).collect();
        let mut v = vec![0x80 | u8::try_from(bytes.len()).unwrap_or(0)];
        v.extend(bytes);
        v
    }
}

/// One DER TLV.
pub fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    v.extend(der_len(content.len()));
    v.extend_from_slice(content);
    v
}

/// A DER INTEGER from big-endian unsigned bytes.
pub fn der_uint(bytes: &[u8]) -> Vec<u8> {
    let trimmed: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    let mut c = Vec::new();
    if trimmed.first().is_none_or(|b| *b & 0x80 != 0) {
        c.push(0);
    }
    c.extend(trimmed);
    der(0x02, &c)
}

/// PEM text of DER bytes.
pub fn pem(label: &str, der_bytes: &[u8]) -> String {
    let body = STANDARD.encode(der_bytes);
    let lines: Vec<&str> = body.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap_or_default()).collect();
    format!("-----BEGIN {label}-----\n{}\n-----END {label}-----\n", lines.join("\n"))
}

/// RSAPublicKey (PKCS#1) DER of an RSA JWK.
pub fn rsa_pkcs1_der(jwk: &Jwk) -> Vec<u8> {
    let mut c = der_uint(&member(jwk, "n"));
    c.extend(der_uint(&member(jwk, "e")));
    der(0x30, &c)
}

/// SubjectPublicKeyInfo DER of an RSA JWK.
pub fn rsa_spki_der(jwk: &Jwk) -> Vec<u8> {
    let alg = [der(0x06, &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]), der(0x05, &[])].concat();
    let mut bits = vec![0u8];
    bits.extend(rsa_pkcs1_der(jwk));
    der(0x30, &[der(0x30, &alg), der(0x03, &bits)].concat())
}

/// The uncompressed SEC1 point of an EC JWK.
pub fn ec_point(jwk: &Jwk) -> Vec<u8> {
    [vec![0x04], member(jwk, "x"), member(jwk, "y")].concat()
}

/// SubjectPublicKeyInfo DER of a P-256 JWK.
pub fn p256_spki_der(jwk: &Jwk) -> Vec<u8> {
    let alg =
        [der(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]), der(0x06, &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07])].concat();
    let mut bits = vec![0u8];
    bits.extend(ec_point(jwk));
    der(0x30, &[der(0x30, &alg), der(0x03, &bits)].concat())
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0)).collect()
}

/// The order n of the curve of an ES algorithm and the scalar size.
pub fn curve_order(alg: &str) -> (BigUint, usize) {
    match alg {
        "ES256" => (BigUint::from_bytes_be(&hex("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")), 32),
        "ES384" => (
            BigUint::from_bytes_be(&hex(
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
            )),
            48,
        ),
        _ => (
            BigUint::from_bytes_be(&hex(
                "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409",
            )),
            66,
        ),
    }
}

/// A big-endian fixed-width encoding (truncated from the left if longer).
pub fn fixed(n: &BigUint, len: usize) -> Vec<u8> {
    let b = n.to_bytes_be();
    if b.len() >= len {
        return b.get(b.len() - len..).unwrap_or_default().to_vec();
    }
    let mut v = vec![0u8; len - b.len()];
    v.extend(b);
    v
}

/// Splits a raw ECDSA signature into (r, s).
pub fn split_rs(sig: &[u8]) -> (BigUint, BigUint) {
    let half = sig.len() / 2;
    (BigUint::from_bytes_be(sig.get(..half).unwrap_or_default()), BigUint::from_bytes_be(sig.get(half..).unwrap_or_default()))
}

/// The DER (ASN.1 SEQUENCE of two INTEGERs) form of a raw ECDSA signature.
pub fn ecdsa_der(sig: &[u8]) -> Vec<u8> {
    let half = sig.len() / 2;
    let c = [der_uint(sig.get(..half).unwrap_or_default()), der_uint(sig.get(half..).unwrap_or_default())].concat();
    der(0x30, &c)
}

/// Flips one bit of the first signature byte.
pub fn corrupt(token: &str) -> String {
    let mut s = sig_of(token);
    if let Some(b) = s.first_mut() {
        *b ^= 0x01;
    }
    with_sig(token, &s)
}
