//! jsonwebtoken with its aws-lc-rs backend. Its crypto provider is chosen
//! once per process, so this is a separate benchmark binary from
//! `verify.rs` (which measures jsonwebtoken with RustCrypto); `cargo xtask
//! bench` runs both in one run and reports them side by side.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

const ALGS: [&str; 9] = ["HS256", "HS384", "HS512", "RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"];
const EXP: i64 = 4_102_444_800;

fn key_name(alg: &str) -> &'static str {
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

fn claims(size: &str) -> String {
    let base = format!(r#""sub":"1234567890","name":"John Doe","iss":"https://issuer.example","iat":1700000000,"exp":{EXP}"#);
    match size {
        "small" => format!("{{{base}}}"),
        _ => format!(r#"{{{base},"data":"{}"}}"#, "x".repeat(4096 - base.len() - 12)),
    }
}

fn aws(c: &mut Criterion) {
    assert!(jwtproof_adapters::bench::install_jsonwebtoken_provider(true), "the aws-lc-rs provider must be the process's");
    let keys = jwtproof_gen::Keys::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/keys")).unwrap_or_else(|e| panic!("{e}"));
    for alg in ALGS {
        let private = keys.get(key_name(alg));
        let mut public = private.clone();
        for m in ["d", "p", "q", "dp", "dq", "qi"] {
            public.remove(m);
        }
        for size in ["small", "4k"] {
            let token = jwtproof_gen::token(alg, private, &format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#), &claims(size));
            let Some(f) = jwtproof_adapters::bench::prepared("jsonwebtoken", alg, &public) else { continue };
            if !f(&token) {
                eprintln!("jsonwebtoken (aws-lc-rs) refuses the {alg} benchmark token; not measured");
                continue;
            }
            let mut group = c.benchmark_group(format!("{alg}/{size}"));
            group.bench_function("jsonwebtoken-aws-lc-rs", |b| b.iter(|| f(black_box(&token))));
            group.finish();
        }
    }
}

criterion_group!(benches, aws);
criterion_main!(benches);
