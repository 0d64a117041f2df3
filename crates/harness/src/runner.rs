//! The [`Implementation`] trait and the runner.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use jwtproof_vectors::{Case, Corpus, VectorFile};
use libtest_mimic::{Arguments, Completion, Failed, Trial};
use serde_json::{Map, Value};

use crate::outcome::{COST_BUDGET, COST_RUNS, Cost, Outcome, SLOW_RATIO, Verdict, judge};
use crate::report;
use crate::result::RunResult;

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

    /// Verifies one case and, when the implementation measures it itself,
    /// how long the verification took (an adapter in another process times
    /// the library call alone, without the round trip: the protocol's
    /// `elapsed_ns`). The default measures nothing: the runner then times
    /// the call to [`verify`](Implementation::verify).
    fn verify_timed(&self, input: &CaseInput<'_>) -> (Outcome, Option<Duration>) {
        (self.verify(input), None)
    }

    /// [`verify_timed`](Implementation::verify_timed) and the library's own
    /// words when it gives them (its error message, the protocol's
    /// `detail`), which the reports show beside the verdict. The default
    /// gives none.
    fn verify_detailed(&self, input: &CaseInput<'_>) -> (Outcome, Option<Duration>, Option<String>) {
        let (outcome, elapsed) = self.verify_timed(input);
        (outcome, elapsed, None)
    }
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
    fn verify_timed(&self, input: &CaseInput<'_>) -> (Outcome, Option<Duration>) {
        (**self).verify_timed(input)
    }
    fn verify_detailed(&self, input: &CaseInput<'_>) -> (Outcome, Option<Duration>, Option<String>) {
        (**self).verify_detailed(input)
    }
}

/// One timed call, catching panics: the outcome, the time, whether the
/// implementation measured it, and the library's detail.
fn verify_once(implementation: &dyn Implementation, input: &CaseInput<'_>) -> (Outcome, Duration, bool, Option<String>) {
    let started = Instant::now();
    let answer = catch_unwind(AssertUnwindSafe(|| implementation.verify_detailed(input)));
    let round_trip = started.elapsed();
    match answer {
        // An implementation's own measurement cannot exceed the runner's.
        Ok((outcome, Some(inside), detail)) => (outcome, inside.min(round_trip), true, detail),
        Ok((outcome, None, detail)) => (outcome, round_trip, false, detail),
        Err(payload) => (Outcome::Crash(panic_message(payload.as_ref())), round_trip, false, None),
    }
}

/// Runs one case through one implementation, catching panics, once (no
/// cost comparison: [`run`] makes it, for the cases with a baseline).
pub fn run_case(implementation: &dyn Implementation, file: &VectorFile, case: &Case) -> RunResult {
    let input = CaseInput { file, case, key: file.key_for(case) };
    let (actual, elapsed, timed_inside, detail) = verify_once(implementation, &input);
    let judged = judge(case, &actual, implementation.exact_error_kinds());
    RunResult {
        file: file.path.clone(),
        file_name: file.name.clone(),
        id: case.id.clone(),
        flags: case.flags.clone(),
        implementation: implementation.name().to_owned(),
        expected: case.expected,
        error: case.error,
        impact: case.impact,
        description: case.description.clone(),
        detail,
        actual,
        judged,
        elapsed,
        timed_inside,
        runs: 1,
        cost: None,
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

/// Runs every case of a corpus through every implementation, and compares
/// each cost case's time with its baseline's (see [`run_file`]).
///
/// Implementations are independent (each protocol adapter is its own
/// process; an in-process one runs in its own child process too), so they
/// run concurrently, one worker thread per available core, each taking the
/// next implementation not yet started; within one implementation the
/// files and cases run in order. The results come back in the order of
/// `implementations`, whatever order they finished in. A cost case stays
/// fair under this concurrency because it is judged against its baseline
/// measured alternately in the same thread, right before it.
pub fn run(corpus: &Corpus, implementations: &[&dyn Implementation]) -> Vec<RunResult> {
    run_with_workers(corpus, implementations, default_workers())
}

/// The number of implementations run at once: `JWTPROOF_JOBS` when it is a
/// positive integer, else the available parallelism.
pub fn default_workers() -> usize {
    std::env::var("JWTPROOF_JOBS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get))
}

/// [`run`] with at most `workers` implementations at a time (1: in order).
pub fn run_with_workers(corpus: &Corpus, implementations: &[&dyn Implementation], workers: usize) -> Vec<RunResult> {
    let one = |implementation: &dyn Implementation| -> Vec<RunResult> {
        corpus.files.iter().flat_map(|file| run_file(implementation, file)).collect()
    };
    let workers = workers.clamp(1, implementations.len().max(1));
    if workers == 1 {
        return implementations.iter().flat_map(|i| one(*i)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: std::sync::Mutex<Vec<Option<Vec<RunResult>>>> = std::sync::Mutex::new(vec![None; implementations.len()]);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(implementation) = implementations.get(i) else { break };
                    let results = one(*implementation);
                    let mut slots = done.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    if let Some(slot) = slots.get_mut(i) {
                        *slot = Some(results);
                    }
                }
            });
        }
    });
    done.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).into_iter().flatten().flatten().collect()
}

/// Whether an outcome is an answer whose time means something (a crash, a
/// timeout or a skip has no cost to compare).
fn answered(outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::Valid | Outcome::Invalid(_))
}

/// Runs every case of one file once, in order; then measures each case
/// that names a `baseline` up to [`COST_RUNS`] times, each run right after a
/// run of its baseline (the first run was the warm-up), and judges it slow
/// when the minimum of its runs exceeds the baseline's minimum by the
/// thresholds of [`Cost`]. A case stops being measured early when it is
/// clearly within the bound (under a quarter of [`SLOW_RATIO`] against the
/// best baseline time seen: noise only adds time, so more runs would not
/// make it slow) or after [`COST_BUDGET`]. A run that crashes or times out
/// ends the measurement and becomes the case's outcome.
pub fn run_file(implementation: &dyn Implementation, file: &VectorFile) -> Vec<RunResult> {
    let mut results: Vec<RunResult> = file.tests.iter().map(|case| run_case(implementation, file, case)).collect();
    // The baselines' runs alternated with all their cases': (min, count).
    let mut baseline_runs: Vec<Option<(Duration, usize)>> = vec![None; file.tests.len()];
    for (i, case) in file.tests.iter().enumerate() {
        let Some(b) = case.baseline.as_deref().and_then(|id| file.tests.iter().position(|c| c.id == id)) else { continue };
        let (Some(twin), Some(base), Some(this)) = (file.tests.get(b), results.get(b), results.get(i)) else { continue };
        if !answered(&base.actual) || !answered(&this.actual) {
            continue;
        }
        let twin_input = CaseInput { file, case: twin, key: file.key_for(twin) };
        let input = CaseInput { file, case, key: file.key_for(case) };
        let (mut mine, mut theirs) = (Duration::MAX, Duration::MAX);
        let mut spent = Duration::ZERO;
        let mut runs = 0;
        let mut ended: Option<(Outcome, usize)> = None;
        while runs < COST_RUNS && (runs == 0 || spent < COST_BUDGET) {
            let (b_out, b_time, _, _) = verify_once(implementation, &twin_input);
            if !answered(&b_out) {
                ended = Some((b_out, b));
                break;
            }
            let (a_out, a_time, _, _) = verify_once(implementation, &input);
            if !answered(&a_out) {
                ended = Some((a_out, i));
                break;
            }
            theirs = theirs.min(b_time);
            mine = mine.min(a_time);
            spent += a_time;
            runs += 1;
            // Clearly within the bound (under a quarter of the threshold
            // against the best baseline time seen so far): more runs only
            // lower both minima, and the baseline's cannot fall 4× below
            // its best run, so they would not make it slow.
            let best = baseline_runs.get(b).copied().flatten().map_or(theirs, |(min, _)| min.min(theirs));
            if mine.as_secs_f64() < best.as_secs_f64() * SLOW_RATIO / 4.0 {
                break;
            }
        }
        if let Some((outcome, at)) = ended {
            // A crash or timeout in a later run is the case's outcome.
            if let (Some(r), Some(c)) = (results.get_mut(at), file.tests.get(at)) {
                r.judged = judge(c, &outcome, implementation.exact_error_kinds());
                r.actual = outcome;
                r.cost = None;
            }
            continue;
        }
        if runs == 0 {
            continue;
        }
        if let Some(slot) = baseline_runs.get_mut(b) {
            let (min, count) = slot.unwrap_or((Duration::MAX, 0));
            *slot = Some((min.min(theirs), count + runs));
        }
        if let Some(r) = results.get_mut(i) {
            let cost = Cost::new(twin.id.clone(), mine, theirs, runs);
            if cost.slow {
                r.judged.mark_slow(&cost);
            }
            r.elapsed = mine;
            r.runs = runs;
            r.cost = Some(cost);
        }
    }
    for (r, runs) in results.iter_mut().zip(baseline_runs) {
        if let Some((min, count)) = runs {
            r.elapsed = min;
            r.runs = count;
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
        Harness { implementation, paths: crate::paths::default_vector_paths(&crate::paths::bundled_vectors_dir()), ignore: Vec::new() }
    }

    /// Runs these files or directories instead of the bundled vectors.
    pub fn vectors(mut self, paths: impl IntoIterator<Item = PathBuf>) -> Self {
        self.paths = paths.into_iter().collect();
        self
    }

    /// Marks a case (by id, or a prefix ending in `*`) as a known deviation:
    /// it still runs; when it fails it is listed as ignored with the reason
    /// (`test <name> ... ignored, <reason>`), when it passes it passes.
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
                let ignored = self.ignore.iter().find(|(p, _)| matches_pattern(p, &case.id)).map(|(_, why)| why.clone());
                let corpus = corpus.clone();
                let implementation = implementation.clone();
                let trial = Trial::ignorable_test(name, move || {
                    let (Some(file), Some(case)) = (corpus.files.get(fi), corpus.files.get(fi).and_then(|f| f.tests.get(ci))) else {
                        return Err(Failed::from("case vanished"));
                    };
                    let result = run_case(implementation.as_ref(), file, case);
                    match (result.judged.verdict, ignored) {
                        (Verdict::Pass | Verdict::OtherReason | Verdict::Skip, _) => Ok(Completion::Completed),
                        (Verdict::Fail, Some(why)) => Ok(Completion::ignored_with(why)),
                        (Verdict::Fail, None) => Err(Failed::from(report::failure_text(file, case, &result))),
                    }
                })
                .with_kind(file.name.clone());
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
