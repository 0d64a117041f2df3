//! Paired timing of the reference against each floor primitive, for the
//! ratio targets on a noisy machine.
//!
//! criterion measures one benchmark after another, so a slowdown of the
//! host that lasts seconds (seen here: +30% for several seconds, on an
//! otherwise idle machine) lands on one side of a ratio only. This binary
//! alternates: each round times a batch of the reference and, right after,
//! a batch of each primitive, at the same stack position (`layout.rs`,
//! a different position per round), and keeps the per-round ratio. A
//! slowdown hits both sides of a round alike; the median over rounds is the
//! reported ratio. Small tokens only (the targets are stated for them).
//!
//! Writes `target/bench/paired.json` (read by `cargo xtask bench`).
//! `--quick`: fewer rounds.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use jwtproof_benches::{ALGS, claims, header, key_name, public};
use jwtproof_reference::{Algorithms, Backend, Clock, Jwk, Validation, verify};
use serde_json::{Value, json};

#[path = "floors.rs"]
mod floors;
#[allow(dead_code, reason = "criterion's `iter` is not used here, only the stack positions")]
#[path = "layout.rs"]
mod layout;

/// Target duration of one batch.
const BATCH_NS: f64 = 2_000_000.0;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let rounds = if quick { 15 } else { 301 };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let keys = jwtproof_gen::Keys::load(&root.join("vectors/keys")).unwrap_or_else(|e| panic!("{e}"));
    let mut out = serde_json::Map::new();
    for alg in ALGS {
        if filter.as_deref().is_some_and(|f| !alg.contains(f)) {
            continue;
        }
        let private = keys.get(key_name(alg));
        let jwk = public(private);
        let token = jwtproof_gen::token(alg, private, &header(alg), &claims("small"));
        let (input, sig_b64) = token.rsplit_once('.').unwrap_or_default();
        let sig = floors::b64d(sig_b64);
        let key = Jwk::from_map_with(&jwk, Backend::default());
        let v = Validation::new(Algorithms::from_names([alg]).unwrap_or_else(|e| panic!("{e}")), Clock::Seconds(1_700_000_000));
        assert!(verify(&token, Some(&key), &v).is_ok(), "{alg}: the reference refuses the benchmark token");
        let reference = || verify(black_box(&token), Some(&key), &v).is_ok();
        let floors = floors::floors(alg, &jwk);
        // Batch size from a short calibration of the reference.
        let start = Instant::now();
        let mut n = 0u32;
        while start.elapsed().as_nanos() < 20_000_000 {
            black_box(reference());
            n += 1;
        }
        let per_call = start.elapsed().as_nanos() as f64 / f64::from(n.max(1));
        let batch = ((BATCH_NS / per_call) as u32).clamp(1, 1_000_000);
        let time = |f: &dyn Fn() -> bool| -> f64 {
            let start = Instant::now();
            for _ in 0..batch {
                black_box(f());
            }
            start.elapsed().as_nanos() as f64 / f64::from(batch)
        };
        let mut ref_ns = Vec::new();
        let mut per_floor: Vec<(&str, Vec<f64>, Vec<f64>)> = floors.iter().map(|(b, _)| (*b, Vec::new(), Vec::new())).collect();
        for round in 0..rounds {
            layout::at_position(round, &mut || {
                let r = time(&reference);
                ref_ns.push(r);
                for ((_, f), (_, ns, ratios)) in floors.iter().zip(per_floor.iter_mut()) {
                    let p = time(&|| f(black_box(input.as_bytes()), black_box(&sig)));
                    ns.push(p);
                    ratios.push(r / p);
                }
            });
        }
        let median = |v: &mut Vec<f64>| -> f64 {
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
        };
        let quartiles = |v: &mut Vec<f64>| -> (f64, f64) {
            v.sort_by(f64::total_cmp);
            (v.get(v.len() / 4).copied().unwrap_or(f64::NAN), v.get(v.len() * 3 / 4).copied().unwrap_or(f64::NAN))
        };
        let mut entry = serde_json::Map::new();
        entry.insert("reference_ns".into(), json!(median(&mut ref_ns)));
        entry.insert("rounds".into(), json!(rounds));
        entry.insert("batch".into(), json!(batch));
        let mut by_floor = serde_json::Map::new();
        for (backend, mut ns, mut ratios) in per_floor {
            let (q1, q3) = quartiles(&mut ratios);
            let line = json!({"floor_ns": median(&mut ns), "ratio": median(&mut ratios), "ratio_q1": q1, "ratio_q3": q3});
            eprintln!("{alg}/small: reference ÷ {backend}: {line}");
            by_floor.insert(backend.to_owned(), line);
        }
        entry.insert("floors".into(), Value::Object(by_floor));
        out.insert(format!("{alg}/small"), Value::Object(entry));
    }
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let path = dir.join("paired.json");
    let text = serde_json::to_string_pretty(&Value::Object(out)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    eprintln!("wrote {}", path.display());
}
