//! Replays the committed fuzz corpus and past findings on stable Rust,
//! without libFuzzer: every file of `fuzz/corpus/<target>/` and
//! `fuzz/artifacts/<target>/` runs through the same property the fuzz
//! target calls, one named test each (`<target>/corpus/<file>`), e.g.
//! `cargo test -p jwtproof-fuzzing --test replay -- verify/artifacts/`.
//!
//! A `timeout-*` or `slow-unit-*` artifact (libFuzzer's `-timeout` and
//! `-report_slow_units`, set in `fuzz/options/<target>.options`) is a
//! slowness finding: it must pass the property and also run within the
//! target's `timeout`, scaled by [`SLOWDOWN`] in unoptimized builds (see
//! fuzz/README.md, "Slowness").

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Trial};

/// How much longer the properties may take in this build than in the fuzz
/// build (optimized, with coverage instrumentation) the timeouts are set
/// for. Measured on the slowest normal inputs, a debug build takes 0.7× to
/// 13× as long as the fuzz build, but at most 0.63 s in all (a 2 MB
/// vector file; differential's slowest, 1.5 s, has a 5 s timeout): twice
/// the timeout keeps that margin under load, and a planted O(n²) member
/// loop still takes 17 s on a 256 KiB object (fuzz/README.md, "Slowness").
/// An optimized build without the instrumentation is faster than the fuzz
/// build.
const SLOWDOWN: u32 = if cfg!(debug_assertions) { 2 } else { 1 };

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

/// The `timeout` of `fuzz/options/<target>.options` (`[libfuzzer]`,
/// `name = value` lines), in seconds.
fn timeout(fuzz: &Path, target: &str) -> Result<u64, String> {
    let path = fuzz.join("options").join(format!("{target}.options"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| k.trim() == "timeout")
        .and_then(|(_, v)| v.trim().parse().ok())
        .ok_or_else(|| format!("{}: no `timeout = <seconds>`", path.display()))
}

fn main() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut trials = Vec::new();
    let mut empty = Vec::new();
    for target in jwtproof_fuzzing::TARGETS {
        let limit = timeout(&fuzz, target).map(|s| Duration::from_secs(s) * SLOWDOWN);
        for kind in ["corpus", "artifacts"] {
            let dir = if kind == "corpus" { jwtproof_fuzzing::corpus_name(target) } else { target };
            let found = files(&fuzz.join(kind).join(dir));
            if kind == "corpus" && found.is_empty() {
                empty.push(format!("fuzz/corpus/{dir}"));
            }
            for path in found {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let slow = kind == "artifacts" && (name.starts_with("timeout-") || name.starts_with("slow-unit-"));
                let limit = limit.clone();
                trials.push(Trial::test(format!("{target}/{kind}/{name}"), move || {
                    let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                    let start = Instant::now();
                    jwtproof_fuzzing::run(target, &data);
                    let took = start.elapsed();
                    if slow {
                        let limit = limit?;
                        eprintln!("{target}/{kind}/{name}: {took:.2?} (limit {limit:?} in this build)");
                        if took > limit {
                            return Err(
                                format!("still slow: {took:.2?}, over {limit:?} (the fuzz timeout × {SLOWDOWN} in this build)").into()
                            );
                        }
                    }
                    Ok(())
                }));
            }
        }
    }
    // Every target's seeds must be present: an empty corpus would make its
    // tests pass vacuously.
    trials.push(Trial::test("corpus-is-committed", move || {
        if empty.is_empty() { Ok(()) } else { Err(format!("empty: {}; run `cargo xtask fuzz seed`", empty.join(", ")).into()) }
    }));
    // Every target has its libFuzzer limits.
    let fuzz_dir = fuzz.clone();
    trials.push(Trial::test("options-for-every-target", move || {
        let missing: Vec<String> = jwtproof_fuzzing::TARGETS.iter().filter_map(|t| timeout(&fuzz_dir, t).err()).collect();
        if missing.is_empty() { Ok(()) } else { Err(missing.join("; ").into()) }
    }));
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}
