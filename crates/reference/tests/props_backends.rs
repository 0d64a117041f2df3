//! The two crypto backends give the same verdict on every input: valid
//! tokens, and tokens whose signature is mangled (random bytes, flipped
//! bits, truncated, r or s forced to 0 or to all ones).
#![cfg(feature = "aws-lc-rs")]

mod common;

use std::sync::LazyLock;

use jwtproof_reference::{Backend, Clock, Jwk, verify};
use proptest::prelude::*;

const NOW: i64 = 1_700_000_000;
const ALGS: [&str; 9] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

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
    fn mangled_signatures_agree(which in 0..ALGS.len(), mode in 0u8..6, index in any::<prop::sample::Index>(), bit in 0u8..8, noise in prop::collection::vec(any::<u8>(), 0..140)) {
        let s = &SIGNED[which];
        let mut sig = signature(&s.token);
        let half = sig.len() / 2;
        match mode {
            0 => { let i = index.index(sig.len()); sig[i] ^= 1 << bit; }
            1 => sig = noise,
            2 => sig.truncate(index.index(sig.len())),
            3 => sig[..half].fill(0),
            4 => sig[half..].fill(0xff),
            _ => sig.push(0),
        }
        let token = with_signature(&s.token, &sig);
        let v = verdicts(s, &token);
        prop_assert!(v.windows(2).all(|w| w[0] == w[1]), "{}: backends disagree on {token}: {v:?}", s.alg);
    }
}
