//! The result of one case for one implementation: what the runner
//! produces and every report reads (its own module, so that the runner and
//! the reports do not depend on each other for it).

use std::path::PathBuf;
use std::time::Duration;

use jwtproof_reference::ErrorKind;
use jwtproof_vectors::{Expected, Impact};

use crate::outcome::{Cost, Judged, Outcome};

/// The result of one case for one implementation.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// The vector file's path.
    pub file: PathBuf,
    /// The vector file's `name`.
    pub file_name: String,
    /// The case id.
    pub id: String,
    /// The case's flags.
    pub flags: Vec<String>,
    /// The implementation's name.
    pub implementation: String,
    /// What the case expects.
    pub expected: Expected,
    /// The expected error kind, if the case gives one.
    pub error: Option<ErrorKind>,
    /// What accepting the case would mean (an invalid case of a corpus
    /// that classifies its cases; `None` for valid cases and for user files
    /// without the field).
    pub impact: Option<Impact>,
    /// The case's description (what it tests).
    pub description: String,
    /// The library's own words about its answer (its error message), when
    /// the adapter gives them.
    pub detail: Option<String>,
    /// What the implementation did.
    pub actual: Outcome,
    /// The verdict and its reason.
    pub judged: Judged,
    /// How long the verification took: the implementation's own
    /// measurement when it gives one (`timed_inside`), else the runner's
    /// time around the call (for a subprocess, the round trip). For a cost
    /// case (one with a baseline, or a baseline), the minimum over its
    /// measured runs.
    pub elapsed: Duration,
    /// Whether `elapsed` was measured by the implementation itself.
    pub timed_inside: bool,
    /// How many runs `elapsed` is the minimum of.
    pub runs: usize,
    /// For a case with a baseline, run by [`run`]: its time against the
    /// baseline's. `None` for other cases, and when either side did not
    /// answer valid or invalid (a crash, timeout or skip has no cost).
    pub cost: Option<Cost>,
}

impl RunResult {
    /// Whether the case was judged slow.
    pub fn is_slow(&self) -> bool {
        self.cost.as_ref().is_some_and(|c| c.slow)
    }
}
