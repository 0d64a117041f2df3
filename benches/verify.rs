//! Verification cost, per algorithm, as ratios to the cryptographic floor.
//!
//! Group `<ALG>/<size>` (size `small`: a ~170-byte signing input; `4k`: a
//! 4 KiB claims set) holds:
//! - `floor/<backend>`: the raw primitive on the signing input with a
//!   prepared key (the least any verifier must do);
//! - `floor/decode`: base64url-decoding and JSON-parsing header and claims;
//! - `reference/<backend>`: `jwtproof_reference::verify` with a prepared key;
//! - `<library>`: other in-process implementations, key prepared once.
//!
//! Group `reject` times the rejection paths; group `corpus` the whole
//! conformance run of the reference. `cargo xtask bench` runs this and
//! writes `target/bench/report.{md,json}` and a chart.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use jwtproof_benches::{ALGS, claims, header, key_name, public};
use jwtproof_reference::{Algorithms, Backend, Clock, Jwk, Validation, verify};
use serde_json::Value;

#[path = "floors.rs"]
mod floors;
#[path = "layout.rs"]
mod layout;
use floors::{b64d, floors};

const NOW: i64 = 1_700_000_000;

fn validation(alg: &str) -> Validation {
    Validation::new(Algorithms::from_names([alg]).unwrap_or_else(|e| panic!("{e}")), Clock::Seconds(NOW))
}

fn keys() -> jwtproof_gen::Keys {
    jwtproof_gen::Keys::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/keys")).unwrap_or_else(|e| panic!("{e}"))
}

fn per_algorithm(c: &mut Criterion) {
    let keys = keys();
    for alg in ALGS {
        let private = keys.get(key_name(alg));
        let jwk = public(private);
        for size in ["small", "4k"] {
            let token = jwtproof_gen::token(alg, private, &header(alg), &claims(size));
            let (input, sig_b64) = token.rsplit_once('.').unwrap_or_default();
            let sig = b64d(sig_b64);
            let mut group = c.benchmark_group(format!("{alg}/{size}"));
            for (backend, f) in floors(alg, &jwk) {
                assert!(f(input.as_bytes(), &sig), "{alg} floor {backend}");
                group.bench_function(format!("floor/{backend}"), |b| layout::iter(b, || f(black_box(input.as_bytes()), black_box(&sig))));
            }
            let (h, p) = input.split_once('.').unwrap_or_default();
            group.bench_function("floor/decode", |b| {
                layout::iter(b, || {
                    let header: Value = serde_json::from_slice(&b64d(black_box(h))).unwrap_or_default();
                    let claims: Value = serde_json::from_slice(&b64d(black_box(p))).unwrap_or_default();
                    (header, claims)
                })
            });
            let v = validation(alg);
            for backend in Backend::ALL {
                let key = Jwk::from_map_with(&jwk, *backend);
                assert!(verify(&token, Some(&key), &v).is_ok(), "{alg} reference {backend:?}");
                group.bench_function(format!("reference/{}", backend.as_str()), |b| {
                    layout::iter(b, || verify(black_box(&token), Some(&key), &v).is_ok())
                });
            }
            for library in jwtproof_adapters::bench::libraries() {
                if let Some(f) = jwtproof_adapters::bench::prepared(library, alg, &jwk) {
                    if f(&token) {
                        group.bench_function(library, |b| layout::iter(b, || f(black_box(&token))));
                    } else {
                        eprintln!("{library} refuses the {alg} benchmark token; not measured");
                    }
                }
            }
            group.finish();
        }
    }
}

fn rejections(c: &mut Criterion) {
    let keys = keys();
    let mut group = c.benchmark_group("reject");
    for alg in ["HS256", "ES256"] {
        let private = keys.get(key_name(alg));
        let key = Jwk::from_map(&public(private));
        let good = jwtproof_gen::token(alg, private, &header(alg), &claims("small"));
        let expired = jwtproof_gen::token(alg, private, &header(alg), r#"{"sub":"a","exp":1600000000}"#);
        let malformed = good.replacen('.', "", 1);
        let v = validation(alg);
        let other = validation(if alg == "HS256" { "ES256" } else { "HS256" });
        group.bench_function(format!("{alg}/malformed"), |b| layout::iter(b, || verify(black_box(&malformed), Some(&key), &v).is_err()));
        group.bench_function(format!("{alg}/algorithm-not-allowed"), |b| {
            layout::iter(b, || verify(black_box(&good), Some(&key), &other).is_err())
        });
        group.bench_function(format!("{alg}/expired"), |b| layout::iter(b, || verify(black_box(&expired), Some(&key), &v).is_err()));
    }
    group.finish();
}

fn corpus(c: &mut Criterion) {
    let dir = jwtproof_harness::bundled_vectors_dir();
    let corpus = jwtproof_vectors::load(&jwtproof_harness::default_vector_paths(&dir)).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.bench_function(format!("reference/{}-cases", corpus.len()), |b| {
        layout::iter(b, || jwtproof_harness::run(&corpus, &[&jwtproof_harness::Reference]).len())
    });
    group.finish();
}

criterion_group!(benches, per_algorithm, rejections, corpus);
criterion_main!(benches);
