//! The in-process libraries that can run on aws-lc-rs (`bench_providers` in
//! implementations.json), on it. A crypto provider is chosen once per
//! process, so this is a separate benchmark binary from `verify.rs` (which
//! measures each library with its default); `cargo xtask bench` runs both
//! in one run and reports them side by side, as `<library>-aws-lc-rs`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "layout.rs"]
mod layout;
use jwtproof_benches::{ALGS, claims, header, key_name, public};

fn aws(c: &mut Criterion) {
    let libraries: Vec<&str> = jwtproof_adapters::bench::aws_lc_rs_libraries().collect();
    for library in &libraries {
        assert!(jwtproof_adapters::bench::install_aws_lc_rs(library), "{library}: the aws-lc-rs provider must be the process's");
    }
    let keys = jwtproof_gen::Keys::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/keys")).unwrap_or_else(|e| panic!("{e}"));
    for alg in ALGS {
        let private = keys.get(key_name(alg));
        let public = public(private);
        for size in ["small", "4k"] {
            let token = jwtproof_gen::token(alg, private, &header(alg), &claims(size));
            let mut group = c.benchmark_group(format!("{alg}/{size}"));
            for library in &libraries {
                let Some(f) = jwtproof_adapters::bench::prepared(library, alg, &public) else { continue };
                if !f(&token) {
                    eprintln!("{library} (aws-lc-rs) refuses the {alg} benchmark token; not measured");
                    continue;
                }
                group.bench_function(format!("{library}-aws-lc-rs"), |b| layout::iter(b, || f(black_box(&token))));
            }
            group.finish();
        }
    }
}

criterion_group!(benches, aws);
criterion_main!(benches);
