//! The benchmarks' prepared verifiers (`jwtproof_adapters::bench`): each
//! one that exists accepts the benchmark token, built exactly as
//! `benches/verify.rs` builds it, and rejects the same token with one
//! signature character changed. Which (library, alg) pairs have none is
//! printed (`cargo test -- --nocapture`). The claim checks are wired in:
//! an expired token is rejected (with leeway 0: it expired 30 s ago) by
//! every library that checks `exp`.

use std::path::Path;

use jwtproof_adapters::bench::{libraries, prepared};
use jwtproof_gen::bench::{ALGS, claims, claims_with_exp, header, key_name, public};

/// The libraries that check no claims at all (`checks_exp: false` in the
/// registry): their verifier may accept an expired token.
fn no_exp_check() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let registry = jwtproof_adapters::registry::Registry::load(&root).unwrap_or_else(|e| panic!("{e}"));
    registry.in_process().filter(|(_, run)| !run.checks_exp).map(|(e, _)| e.name.clone()).collect()
}

/// The token with the first signature character replaced by another
/// base64url character (a different signature, still well formed).
fn tampered(token: &str) -> String {
    let (input, sig) = token.rsplit_once('.').unwrap_or_default();
    let mut chars: Vec<char> = sig.chars().collect();
    chars[0] = if chars[0] == 'A' { 'B' } else { 'A' };
    format!("{input}.{}", chars.into_iter().collect::<String>())
}

#[test]
fn prepared_verifiers_accept_the_benchmark_token_and_reject_a_tampered_one() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors/keys");
    let keys = jwtproof_gen::Keys::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    let mut none = Vec::new();
    let mut accepts_expired = Vec::new();
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let no_exp_check = no_exp_check();
    for library in libraries() {
        for alg in ALGS {
            let private = keys.get(key_name(alg));
            let jwk = public(private);
            let token = jwtproof_gen::token(alg, private, &header(alg), &claims("small"));
            let Some(verify) = prepared(library, alg, &jwk) else {
                none.push(format!("{library}/{alg}"));
                continue;
            };
            if !verify(&token) {
                failures.push(format!("{library}/{alg}: refuses the benchmark token"));
            }
            if verify(&tampered(&token)) {
                failures.push(format!("{library}/{alg}: accepts a token with a changed signature"));
            }
            let expired = jwtproof_gen::token(alg, private, &header(alg), &claims_with_exp(now - 30));
            if verify(&expired) {
                accepts_expired.push(format!("{library}/{alg}"));
                if !no_exp_check.iter().any(|n| n == library) {
                    failures.push(format!("{library}/{alg}: accepts a token that expired 30 s ago"));
                }
            }
        }
    }
    println!("no prepared verifier ({}): {}", none.len(), none.join(", "));
    // Else a `prepared` that returns `None` everywhere would pass.
    for library in libraries() {
        let missing = none.iter().filter(|n| n.split('/').next() == Some(library)).count();
        assert!(missing < ALGS.len(), "{library}: no prepared verifier at all");
    }
    println!("accept a token that expired 30 s ago ({}): {}", accepts_expired.len(), accepts_expired.join(", "));
    assert!(prepared("no-such-library", "HS256", &public(keys.get("hs256"))).is_none());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
