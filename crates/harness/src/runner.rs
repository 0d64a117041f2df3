//! The [`Implementation`] trait and the runner.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use jwtproof_vectors::{Case, Corpus, VectorFile};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::{Map, Value};

use crate::outcome::{Judged, Outcome, Verdict, judge};
use crate::report;

/// What an implementation receives for one case.
#[derive(Clone, Debug)]
pub struct CaseInput<'a> {
    /// The file the case comes from.
    pub file: &'a VectorFile,
    /// The case: token, validation, expectation.
    pub case: &'a Case,
    /// The public part of the case's key (for `oct`, the whole key), or
    /// `None` when the case gives no key.
    pub key: Option<Map<String, Value>>,
}

/// A JWT verifier under test. An adapter maps the case's settings to the
/// library's own options as faithfully as it allows, calls it, and maps
/// its answer (and its errors, in one function) to an [`Outcome`].
pub trait Implementation: Send + Sync {
    /// The name used in reports and on the command line.
    fn name(&self) -> &str;

    /// Whether the implementation's error kinds are judged exactly (the
    /// reference's are; a library whose errors map only roughly says no,
    /// and a wrong kind is then not a failure).
    fn exact_error_kinds(&self) -> bool {
        false
    }

    /// The library and version, for reports.
    fn version(&self) -> Option<String> {
        None
    }

    /// Verifies one case. A panic inside is caught by the runner and
    /// becomes [`Outcome::Crash`].
    fn verify(&self, input: &CaseInput<'_>) -> Outcome;
}

impl<T: Implementation + ?Sized> Implementation for Box<T> {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn exact_error_kinds(&self) -> bool {
        (**self).exact_error_kinds()
    }
    fn version(&self) -> Option<String> {
        (**self).version()
    }
    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        (**self).verify(input)
    }
}

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
    /// `valid`, `invalid` or `acceptable`.
    pub expected: String,
    /// The expected error kind, if the case gives one.
    pub error: Option<String>,
    /// What the implementation did.
    pub actual: Outcome,
    /// The verdict and its reason.
    pub judged: Judged,
}

/// Runs one case through one implementation, catching panics.
pub fn run_case(implementation: &dyn Implementation, file: &VectorFile, case: &Case) -> RunResult {
    let input = CaseInput { file, case, key: file.key_for(case) };
    let actual = match catch_unwind(AssertUnwindSafe(|| implementation.verify(&input))) {
        Ok(outcome) => outcome,
        Err(payload) => Outcome::Crash(panic_message(payload.as_ref())),
    };
    let judged = judge(case, &actual, implementation.exact_error_kinds());
    RunResult {
        file: file.path.clone(),
        file_name: file.name.clone(),
        id: case.id.clone(),
        flags: case.flags.clone(),
        implementation: implementation.name().to_owned(),
        expected: case.expected.as_str().to_owned(),
        error: case.error.map(|k| k.as_str().to_owned()),
        actual,
        judged,
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        format!("panic: {s}")
    } else if let Some(s) = payload.downcast_ref::<String>() {
        format!("panic: {s}")
    } else {
        "panic".to_owned()
    }
}

/// Runs every case of a corpus through every implementation.
pub fn run(corpus: &Corpus, implementations: &[&dyn Implementation]) -> Vec<RunResult> {
    let mut results = Vec::new();
    for implementation in implementations {
        for (file, case) in corpus.cases() {
            results.push(run_case(*implementation, file, case));
        }
    }
    results
}

/// One named test per vector (libtest-mimic), for an implementation's own
/// `cargo test`.
pub struct Harness<I> {
    implementation: I,
    paths: Vec<PathBuf>,
    ignore: Vec<(String, String)>,
}

impl<I: Implementation + 'static> Harness<I> {
    /// A harness over the bundled vectors.
    pub fn new(implementation: I) -> Self {
        Harness { implementation, paths: crate::default_vector_paths(&crate::bundled_vectors_dir()), ignore: Vec::new() }
    }

    /// Runs these files or directories instead of the bundled vectors.
    pub fn vectors(mut self, paths: impl IntoIterator<Item = PathBuf>) -> Self {
        self.paths = paths.into_iter().collect();
        self
    }

    /// Marks a case (by id, or a prefix ending in `*`) as a known deviation:
    /// it still runs and is listed as ignored, with the reason.
    pub fn ignore(mut self, pattern: &str, reason: &str) -> Self {
        self.ignore.push((pattern.to_owned(), reason.to_owned()));
        self
    }

    /// Builds the trials: `<implementation>/<file name>/<case id>`.
    pub fn trials(self) -> Result<Vec<Trial>, jwtproof_vectors::LoadError> {
        let corpus = std::sync::Arc::new(jwtproof_vectors::load(&self.paths)?);
        let implementation = std::sync::Arc::new(self.implementation);
        let mut trials = Vec::new();
        for (fi, file) in corpus.files.iter().enumerate() {
            for (ci, case) in file.tests.iter().enumerate() {
                let name = format!("{}/{}/{}", implementation.name(), file.name, case.id);
                let ignored = self.ignore.iter().any(|(p, _)| matches_pattern(p, &case.id));
                let corpus = corpus.clone();
                let implementation = implementation.clone();
                let trial = Trial::test(name, move || {
                    let (Some(file), Some(case)) = (corpus.files.get(fi), corpus.files.get(fi).and_then(|f| f.tests.get(ci))) else {
                        return Err(Failed::from("case vanished"));
                    };
                    let result = run_case(implementation.as_ref(), file, case);
                    match result.judged.verdict {
                        Verdict::Pass | Verdict::Skip => Ok(()),
                        Verdict::Fail => Err(Failed::from(report::failure_text(file, case, &result))),
                    }
                })
                .with_kind(file.name.clone())
                .with_ignored_flag(ignored);
                trials.push(trial);
            }
        }
        Ok(trials)
    }

    /// Runs the trials with the process's command-line arguments (for a
    /// `harness = false` test target) and exits with libtest's code.
    pub fn run_as_tests(self) -> ! {
        let args = Arguments::from_args();
        match self.trials() {
            Ok(trials) => libtest_mimic::run(&args, trials).exit(),
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(101)
            }
        }
    }
}

fn matches_pattern(pattern: &str, id: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => pattern == id,
    }
}
