//! Runs `jwt-vectors/1` files against JWT verifiers.
//!
//! Three pieces, kept apart (as toml-test does): the vector data
//! ([`jwtproof_vectors`]), the [`Implementation`] trait an adapter
//! implements, and the runner ([`run`], [`Harness`]) with its reports.
//!
//! A JWT library checks itself against every vector from its own
//! `cargo test` in a few lines (see `tests/downstream.rs`):
//!
//! ```no_run
//! use jwtproof_harness::{CaseInput, Harness, Implementation, Outcome};
//!
//! struct Mine;
//! impl Implementation for Mine {
//!     fn name(&self) -> &str { "mine" }
//!     fn verify(&self, input: &CaseInput<'_>) -> Outcome {
//!         // Call your verifier with input.case.token, input.key and
//!         // input.case.validation; map its error to an ErrorKind.
//!         Outcome::Unsupported("not written yet".into())
//!     }
//! }
//!
//! fn main() {
//!     Harness::new(Mine).run_as_tests();
//! }
//! ```

pub mod expectations;
mod outcome;
mod reference;
pub mod report;
mod runner;
pub mod subprocess;

pub use outcome::{COST_BUDGET, COST_RUNS, Cost, Judged, Outcome, SLOW_FLOOR, SLOW_RATIO, Verdict, format_duration, judge};
pub use reference::{Reference, validation as reference_validation};
pub use runner::{CaseInput, Harness, Implementation, RunResult, run, run_case, run_file};
pub use subprocess::{AdapterInfo, Subprocess};

/// The project's own vector directory (in a checkout of jwtproof).
pub fn bundled_vectors_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors")
}

/// What a default run loads: everything under `dir` except `imported/`
/// (third-party corpora such as Wycheproof's, which say what *their*
/// authors expect and are run explicitly, with their divergences from our
/// spec listed) and the loader's own fixtures.
pub fn default_vector_paths(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                    if p.is_dir() {
                        !matches!(name, "imported" | "invalid-files" | "keys")
                    } else {
                        name.ends_with(".json") && name != "schema.json"
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    if paths.is_empty() {
        // Let the loader report the problem with the directory itself.
        paths.push(dir.to_path_buf());
    }
    paths
}
