//! Replays the committed fuzz corpus and past crashes on stable Rust,
//! without libFuzzer: every file of `fuzz/corpus/<target>/` and
//! `fuzz/artifacts/<target>/` runs through the same property the fuzz
//! target calls, one named test each (`<target>/corpus/<file>`), e.g.
//! `cargo test -p jwtproof-fuzzing --test replay -- verify/artifacts/`.

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Trial};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

fn main() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut trials = Vec::new();
    for target in jwtproof_fuzzing::TARGETS {
        for kind in ["corpus", "artifacts"] {
            let dir = if kind == "corpus" { jwtproof_fuzzing::corpus_name(target) } else { target };
            for path in files(&fuzz.join(kind).join(dir)) {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                trials.push(Trial::test(format!("{target}/{kind}/{name}"), move || {
                    let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                    jwtproof_fuzzing::run(target, &data);
                    Ok(())
                }));
            }
        }
    }
    // The seeds themselves must be present: an empty corpus would make this
    // test pass vacuously.
    let seeds = trials.len();
    trials.push(Trial::test("corpus-is-committed", move || {
        if seeds == 0 { Err("fuzz/corpus/ is empty: run `cargo xtask fuzz seed`".into()) } else { Ok(()) }
    }));
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}
