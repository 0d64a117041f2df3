//! The benchmark fixtures, shared by `benches/` (criterion), `cargo xtask
//! bench` and the adapters' test of their prepared verifiers
//! (`crates/adapters/tests/bench_prepared.rs`), so that every measurement
//! and its test verify the same tokens.

/// The algorithms benchmarked.
pub const ALGS: [&str; 9] = ["HS256", "HS384", "HS512", "RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"];

/// `exp` of the benchmark tokens (2100): libraries that read the wall clock
/// accept them.
pub const EXP: i64 = 4_102_444_800;

/// The key (file stem in `vectors/keys/`) an algorithm's tokens are signed with.
pub fn key_name(alg: &str) -> &'static str {
    match alg {
        "HS256" => "hs256",
        "HS384" => "hs384",
        "HS512" => "hs512",
        "RS256" | "PS256" => "rsa-2048",
        "ES256" => "p256",
        "ES384" => "p384",
        "ES512" => "p521",
        _ => "ed25519",
    }
}

/// The claims set: `small` (~100 bytes: a ~170-byte signing input) or a
/// 4 KiB one.
pub fn claims(size: &str) -> String {
    let base = members(EXP);
    match size {
        "small" => format!("{{{base}}}"),
        _ => format!(r#"{{{base},"data":"{}"}}"#, "x".repeat(4096 - base.len() - 12)),
    }
}

/// The small claims set with another `exp` (tests of the claim checks).
pub fn claims_with_exp(exp: i64) -> String {
    format!("{{{}}}", members(exp))
}

fn members(exp: i64) -> String {
    format!(r#""sub":"1234567890","name":"John Doe","iss":"https://issuer.example","iat":1700000000,"exp":{exp}"#)
}

/// The header of an algorithm's tokens.
pub fn header(alg: &str) -> String {
    format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#)
}

/// The public part of a private JWK.
pub fn public(private: &serde_json::Map<String, serde_json::Value>) -> serde_json::Map<String, serde_json::Value> {
    let mut p = private.clone();
    for m in ["d", "p", "q", "dp", "dq", "qi", "oth"] {
        p.remove(m);
    }
    p
}
