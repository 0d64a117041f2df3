//! jsonwebtoken with its aws-lc-rs backend. Its crypto provider is chosen
//! once per process, so this is a separate benchmark binary from
//! `verify.rs` (which measures jsonwebtoken with RustCrypto); `cargo xtask
//! bench` runs both in one run and reports them side by side.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "layout.rs"]
mod layout;
use jwtproof_benches::{ALGS, claims, header, key_name, public};

fn aws(c: &mut Criterion) {
    assert!(jwtproof_adapters::bench::install_jsonwebtoken_provider(true), "the aws-lc-rs provider must be the process's");
    let keys = jwtproof_gen::Keys::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/keys")).unwrap_or_else(|e| panic!("{e}"));
    for alg in ALGS {
        let private = keys.get(key_name(alg));
        let public = public(private);
        for size in ["small", "4k"] {
            let token = jwtproof_gen::token(alg, private, &header(alg), &claims(size));
            let Some(f) = jwtproof_adapters::bench::prepared("jsonwebtoken", alg, &public) else { continue };
            if !f(&token) {
                eprintln!("jsonwebtoken (aws-lc-rs) refuses the {alg} benchmark token; not measured");
                continue;
            }
            let mut group = c.benchmark_group(format!("{alg}/{size}"));
            group.bench_function("jsonwebtoken-aws-lc-rs", |b| layout::iter(b, || f(black_box(&token))));
            group.finish();
        }
    }
}

criterion_group!(benches, aws);
criterion_main!(benches);
