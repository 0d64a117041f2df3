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

pub use outcome::{Judged, Outcome, Verdict, judge};
pub use reference::Reference;
pub use subprocess::{AdapterInfo, Subprocess};
pub use runner::{CaseInput, Harness, Implementation, RunResult, run, run_case};

/// The project's own vector directory (in a checkout of jwtproof).
pub fn bundled_vectors_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors")
}
