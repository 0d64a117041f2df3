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
mod paths;
mod reference;
pub mod registry;
pub mod report;
mod result;
mod runner;
pub mod subprocess;

pub use outcome::{COST_BUDGET, COST_RUNS, Cost, Judged, Outcome, SLOW_FLOOR, SLOW_RATIO, Verdict, format_duration, judge};
pub use paths::{bundled_vectors_dir, default_vector_paths};
pub use reference::{Reference, validation as reference_validation};
pub use result::RunResult;
pub use runner::{CaseInput, Harness, Implementation, default_workers, run, run_case, run_file, run_with_workers};
pub use subprocess::{AdapterInfo, Subprocess};
