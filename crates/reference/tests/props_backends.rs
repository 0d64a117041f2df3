//! The two crypto backends give the same verdict on every input: valid
//! tokens, and tokens whose signature is mangled (random bytes, flipped
//! bits, truncated, r or s forced to 0 or to all ones; for Ed25519 also R
//! replaced by a small-order point and S pushed past the group order), and
//! Ed25519 keys of small order or with a non-canonical encoding.
#![cfg(feature = "aws-lc-rs")]

mod common;

use std::sync::LazyLock;

use jwtproof_reference::{Backend, Clock, Jwk, verify};
use proptest::prelude::*;

const NOW: i64 = 1_700_000_000;
const ALGS: [&str; 10] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

/// Encodings of Ed25519 points of small order: the eight canonical ones,
/// and non-canonical ones (y ≥ p, or x = 0 with the sign bit set).
fn small_order_encodings() -> Vec<[u8; 32]> {
    let hex = [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        // non-canonical: y = p (≡ 0), p + 1 (≡ 1), with and without the sign bit
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ];
    hex.iter()
        .map(|h| {
            let mut out = [0u8; 32];
            for (i, o) in out.iter_mut().enumerate() {
                *o = u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap_or_default();
            }
            out
        })
        .collect()
}

/// The Ed25519 group order L, little endian.
const L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0x10,
];

/// S + L (little endian, 32 bytes; wraps only if S + L ≥ 2²⁵⁶, which a
/// reduced S never reaches).
fn add_l(s: &mut [u8]) {
    let mut carry = 0u16;
    for (b, l) in s.iter_mut().zip(L) {
        let t = u16::from(*b) + u16::from(l) + carry;
        *b = t as u8;
        carry = t >> 8;
    }
}

struct Signed {
    alg: &'static str,
    keys: Vec<Jwk>,
    token: String,
}

static SIGNED: LazyLock<Vec<Signed>> = LazyLock::new(|| {
    ALGS.iter()
        .map(|&alg| {
            let private = common::private_key(common::key_name(alg));
            let mut public = private.clone();
            for member in ["d", "p", "q", "dp", "dq", "qi"] {
                public.remove(member);
            }
            let token = common::token(alg, &private, &format!(r#"{{"alg":"{alg}"}}"#), &format!(r#"{{"sub":"a","exp":{}}}"#, NOW + 60));
            let keys = Backend::ALL.iter().map(|b| Jwk::from_map_with(&public, *b)).collect();
            Signed { alg, keys, token }
        })
        .collect()
});

fn verdicts(s: &Signed, token: &str) -> Vec<Result<(), jwtproof_reference::ErrorKind>> {
    let v = common::validation(&[s.alg], Clock::Seconds(NOW));
    s.keys.iter().map(|k| verify(token, Some(k), &v).map(|_| ()).map_err(|e| e.kind())).collect()
}

fn with_signature(token: &str, sig: &[u8]) -> String {
    let head = token.rsplit_once('.').map_or(token, |(h, _)| h);
    format!("{head}.{}", common::b64(sig))
}

fn signature(token: &str) -> Vec<u8> {
    let sig = token.rsplit_once('.').map_or("", |(_, s)| s);
    base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, sig).unwrap_or_default()
}

#[test]
fn valid_tokens_agree() {
    for s in SIGNED.iter() {
        let v = verdicts(s, &s.token);
        assert!(v.iter().all(Result::is_ok), "{}: {v:?}", s.alg);
    }
}

proptest! {
    #![proptest_config(common::config("proptest-regressions/props_backends.txt", 1))]

    #[test]
    fn mangled_signatures_agree(which in 0..ALGS.len(), mode in 0u8..8, index in any::<prop::sample::Index>(), bit in 0u8..8, noise in prop::collection::vec(any::<u8>(), 0..140)) {
        let s = &SIGNED[which];
        let mut sig = signature(&s.token);
        let half = sig.len() / 2;
        match mode {
            0 => { let i = index.index(sig.len()); sig[i] ^= 1 << bit; }
            1 => sig = noise,
            2 => sig.truncate(index.index(sig.len())),
            3 => sig[..half].fill(0),
            4 => sig[half..].fill(0xff),
            5 => sig.push(0),
            // R replaced by a small-order point (meaningful for Ed25519)
            6 => {
                let enc = small_order_encodings();
                let n = sig.len().min(32);
                sig[..n].copy_from_slice(&enc[index.index(enc.len())][..n]);
            }
            // S + L: the same residue, not reduced (Ed25519)
            _ => add_l(&mut sig[half..]),
        }
        let token = with_signature(&s.token, &sig);
        let v = verdicts(s, &token);
        prop_assert!(v.windows(2).all(|w| w[0] == w[1]), "{}: backends disagree on {token}: {v:?}", s.alg);
    }
}

/// Small-order and non-canonical Ed25519 keys, with the "any message
/// verifies" signature (R = a small-order point, S = 0) and the identity:
/// both backends refuse, with the same kind.
#[test]
fn small_order_ed25519_keys_agree() {
    let v = common::validation(&["EdDSA"], Clock::Seconds(NOW));
    let header_payload = format!("{}.{}", common::b64(r#"{"alg":"EdDSA"}"#), common::b64(format!(r#"{{"sub":"a","exp":{}}}"#, NOW + 60)));
    let encodings = small_order_encodings();
    for key in &encodings {
        let jwk = serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": common::b64(key)});
        let map = jwk.as_object().cloned().unwrap_or_default();
        let keys: Vec<Jwk> = Backend::ALL.iter().map(|b| Jwk::from_map_with(&map, *b)).collect();
        for r in &encodings {
            let mut sig = r.to_vec();
            sig.extend([0u8; 32]);
            let token = format!("{header_payload}.{}", common::b64(&sig));
            let verdicts: Vec<_> = keys.iter().map(|k| verify(&token, Some(k), &v).map(|_| ()).map_err(|e| e.kind())).collect();
            assert!(verdicts.iter().all(Result::is_err), "accepted a small-order forgery: key {key:02x?} R {r:02x?}: {verdicts:?}");
            assert!(verdicts.windows(2).all(|w| w[0] == w[1]), "backends disagree: key {key:02x?} R {r:02x?}: {verdicts:?}");
        }
    }
}

/// A signature that only a cofactorless verifier without the small-order
/// R check accepts: R = the identity and S = h·a, so [S]B − [h]A is the
/// identity and its encoding equals R byte for byte. aws-lc's Ed25519
/// accepts it; RFC 8032 with the strict checks (dalek's `verify_strict`)
/// refuses a small-order R. Both backends must refuse it (this pins the
/// small-order R check of the default backend's precomputed Ed25519).
#[test]
fn identity_r_signature_is_refused_by_both_backends() {
    use curve25519_dalek::Scalar;
    use sha2::{Digest, Sha512};

    let private = common::private_key("ed25519");
    let seed: [u8; 32] = common::member_bytes(&private, "d").try_into().unwrap_or_default();
    let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
    let public = signing.verifying_key().to_bytes();
    let expanded = Sha512::digest(seed);
    let mut a_bytes = [0u8; 32];
    a_bytes.copy_from_slice(&expanded[..32]);
    a_bytes[0] &= 248;
    a_bytes[31] &= 127;
    a_bytes[31] |= 64;
    let a = Scalar::from_bytes_mod_order(a_bytes);

    let input = format!("{}.{}", common::b64(r#"{"alg":"EdDSA"}"#), common::b64(format!(r#"{{"sub":"a","exp":{}}}"#, NOW + 60)));
    let mut r = [0u8; 32];
    r[0] = 1; // the identity (0, 1)
    let mut hasher = Sha512::new();
    hasher.update(r);
    hasher.update(public);
    hasher.update(input.as_bytes());
    let h = Scalar::from_bytes_mod_order_wide(&hasher.finalize().into());
    let s = h * a;
    let mut sig = r.to_vec();
    sig.extend(s.to_bytes());
    let token = format!("{input}.{}", common::b64(&sig));

    // Sanity: the cofactorless equation holds, so without the check the
    // signature would verify (aws-lc's raw primitive accepts it).
    let raw = aws_lc_rs::signature::UnparsedPublicKey::new(&aws_lc_rs::signature::ED25519, public);
    assert!(raw.verify(input.as_bytes(), &sig).is_ok(), "the constructed signature should satisfy aws-lc's equation");

    let v = common::validation(&["EdDSA"], Clock::Seconds(NOW));
    let mut jwk = private.clone();
    jwk.remove("d");
    for backend in Backend::ALL {
        let key = Jwk::from_map_with(&jwk, *backend);
        let verdict = verify(&token, Some(&key), &v).map(|_| ()).map_err(|e| e.kind());
        assert_eq!(verdict, Err(jwtproof_reference::ErrorKind::InvalidSignature), "{backend:?} accepted R = identity");
    }
}
