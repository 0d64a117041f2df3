//! Property tests of signature integrity and of interoperability with an
//! independent signer (the RustCrypto primitives, used directly in
//! `common`), for every algorithm family.

mod common;

use std::sync::LazyLock;

use jwtproof_reference::{Clock, Jwk, Validation, verify};
use proptest::prelude::*;

const NOW: i64 = 1_700_000_000;
const ALGS: [&str; 9] = ["HS256", "HS384", "HS512", "RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"];
const FAST_ALGS: [&str; 7] = ["HS256", "HS384", "HS512", "ES256", "ES384", "ES512", "EdDSA"];
const RSA_ALGS: [&str; 6] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];

fn validation(alg: &str) -> Validation {
    common::validation(&[alg], Clock::Seconds(NOW))
}

/// Two valid tokens per algorithm, signed once.
static SIGNED: LazyLock<Vec<(&'static str, Jwk, String)>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for alg in ALGS {
        let private = common::private_key(common::key_name(alg));
        for payload in [format!(r#"{{"sub":"a","exp":{}}}"#, NOW + 60), r#"{"iss":"x","n":[1,2,{"k":"v"}]}"#.to_owned()] {
            let token = common::token(alg, &private, &format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#), &payload);
            let key = common::public_key(&private);
            assert!(verify(&token, Some(&key), &validation(alg)).is_ok(), "{alg}: the unflipped token must verify");
            out.push((alg, key, token));
        }
    }
    out
});

fn claims() -> impl Strategy<Value = serde_json::Value> {
    let text = "\\PC{0,16}";
    (
        prop::option::of(text),
        prop::option::of(text),
        prop::option::of(prop_oneof![
            text.prop_map(serde_json::Value::from),
            prop::collection::vec(text, 1..3).prop_map(serde_json::Value::from)
        ]),
        prop::option::of(1i64..1_000_000_000),
        prop::option::of(0i64..1_000_000_000),
        prop::option::of(0i64..1_000_000_000),
        prop::option::of(prop_oneof![
            any::<i64>().prop_map(serde_json::Value::from),
            text.prop_map(serde_json::Value::from),
            any::<bool>().prop_map(serde_json::Value::from)
        ]),
    )
        .prop_map(|(iss, sub, aud, exp, nbf, iat, extra)| {
            let mut m = serde_json::Map::new();
            if let Some(v) = iss {
                m.insert("iss".into(), v.into());
            }
            if let Some(v) = sub {
                m.insert("sub".into(), v.into());
            }
            if let Some(v) = aud {
                m.insert("aud".into(), v);
            }
            if let Some(d) = exp {
                m.insert("exp".into(), (NOW + d).into());
            }
            if let Some(d) = nbf {
                m.insert("nbf".into(), (NOW - d).into());
            }
            if let Some(d) = iat {
                m.insert("iat".into(), (NOW - d).into());
            }
            if let Some(v) = extra {
                m.insert("x-extra".into(), v);
            }
            serde_json::Value::Object(m)
        })
}

/// Signs `claims` independently and checks the reference accepts it, also
/// when told to expect its iss/sub/aud.
fn round_trip(alg: &str, claims: &serde_json::Value) -> Result<(), TestCaseError> {
    let private = common::private_key(common::key_name(alg));
    let payload = claims.to_string();
    let token = common::token(alg, &private, &format!(r#"{{"alg":"{alg}"}}"#), &payload);
    let key = common::public_key(&private);
    let mut v = validation(alg);
    if let Some(iss) = claims.get("iss").and_then(|v| v.as_str()) {
        v = v.issuer(iss);
    }
    if let Some(sub) = claims.get("sub").and_then(|v| v.as_str()) {
        v = v.subject(sub);
    }
    match claims.get("aud") {
        Some(serde_json::Value::String(a)) => v = v.audience([a.clone()]),
        Some(serde_json::Value::Array(list)) => v = v.audience(list.iter().filter_map(|a| a.as_str().map(str::to_owned)).take(1)),
        _ => {}
    }
    let verified = verify(&token, Some(&key), &v);
    prop_assert!(verified.is_ok(), "{alg} {payload}: {verified:?}");
    prop_assert_eq!(verified.map(|ok| ok.payload().to_vec()).unwrap_or_default(), payload.into_bytes());
    Ok(())
}

proptest! {
    #![proptest_config(common::config("proptest-regressions/props_signature.txt", 1))]

    /// Flipping any bit of any segment of a valid token never yields a
    /// valid token: neither a bit of the decoded bytes (re-encoded
    /// canonically) nor a bit of the compact text itself.
    #[test]
    fn flipped_bit_never_verifies(which in 0..ALGS.len() * 2, segment in 0usize..3, index in any::<prop::sample::Index>(), bit in 0u8..8, in_text in any::<bool>()) {
        let (alg, key, token) = &SIGNED[which];
        let flipped = if in_text {
            let mut bytes = token.clone().into_bytes();
            let i = index.index(bytes.len());
            bytes[i] ^= 1 << (bit % 7); // stay ASCII
            String::from_utf8(bytes).unwrap_or_default()
        } else {
            let mut parts: Vec<Vec<u8>> = token.split('.').map(|s| base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, s).unwrap_or_default()).collect();
            let seg = &mut parts[segment];
            let i = index.index(seg.len());
            seg[i] ^= 1 << bit;
            parts.iter().map(common::b64).collect::<Vec<_>>().join(".")
        };
        prop_assert_ne!(&flipped, token);
        let result = verify(&flipped, Some(key), &validation(alg));
        prop_assert!(result.is_err(), "{alg}: {flipped} verified");
    }

    /// Tokens with random claims, signed by an independent signer under
    /// HS*, ES* and EdDSA, verify and yield their payload.
    #[test]
    fn independent_signer_round_trip(alg in prop::sample::select(FAST_ALGS.to_vec()), claims in claims()) {
        round_trip(alg, &claims)?;
    }
}

proptest! {
    #![proptest_config(common::config("proptest-regressions/props_signature.txt", 32))]

    /// The same round trip under RS* and PS* (RSA signing is slow in
    /// debug builds: 1/32 of the cases).
    #[test]
    fn independent_signer_round_trip_rsa(alg in prop::sample::select(RSA_ALGS.to_vec()), claims in claims()) {
        round_trip(alg, &claims)?;
    }
}
