//! What an implementation answered, and how it is judged against a case:
//! its answer ([`judge`]), and for a cost case its time against its
//! baseline's ([`Cost`]).

use std::time::Duration;

use jwtproof_reference::ErrorKind;
use jwtproof_vectors::{Case, Expected};
use serde::Serialize;

/// What an implementation did with one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The token was accepted.
    Valid,
    /// The token was rejected, with the error kind where the implementation
    /// reports one its adapter can map.
    Invalid(Option<ErrorKind>),
    /// The implementation panicked or its process died; the text says how.
    Crash(String),
    /// The implementation did not answer within the time limit.
    Timeout,
    /// The implementation cannot express the case (an algorithm it lacks, a
    /// setting it has no option for); the text says why.
    Unsupported(String),
    /// The implementation could not be run at all (a missing runtime or
    /// package); the text says why.
    Unavailable(String),
}

impl Outcome {
    /// The outcome as written in reports: `valid`, `invalid`,
    /// `invalid/<kind>`, `crash`, `timeout`, `unsupported`.
    pub fn label(&self) -> String {
        match self {
            Outcome::Valid => "valid".to_owned(),
            Outcome::Invalid(None) => "invalid".to_owned(),
            Outcome::Invalid(Some(k)) => format!("invalid/{k}"),
            Outcome::Crash(_) => "crash".to_owned(),
            Outcome::Timeout => "timeout".to_owned(),
            Outcome::Unsupported(_) => "unsupported".to_owned(),
            Outcome::Unavailable(_) => "unavailable".to_owned(),
        }
    }
}

/// The verdict on one case for one implementation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The outcome is what the case expects.
    Pass,
    /// An invalid case rejected, but with another error kind than the one
    /// the case targets (a third-party implementation, judged without
    /// exact kinds): the library refused the token, yet it may never have
    /// reached the check under test (a wall-clock `expired` on a vector
    /// about a key's `alg`). Shown apart from passes in every report, and
    /// not a deviation: the case is rejected as it must be.
    OtherReason,
    /// It is not.
    Fail,
    /// The case was not run, or the implementation could not express it.
    Skip,
}

impl Verdict {
    /// `pass`, `other_reason`, `fail` or `skip`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::OtherReason => "other_reason",
            Verdict::Fail => "fail",
            Verdict::Skip => "skip",
        }
    }
}

/// A verdict with its reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judged {
    /// Pass, fail or skip: the answer's verdict, made `Fail` when the case
    /// was also judged [slow](Cost::slow).
    pub verdict: Verdict,
    /// Why it failed or was skipped; empty on a pass.
    pub reason: String,
    /// The verdict on the answer alone (what [`judge`] decided), before
    /// any cost comparison: a case can be right and slow, or both wrong
    /// and slow.
    pub answer: Verdict,
}

impl Judged {
    fn new(verdict: Verdict, reason: String) -> Judged {
        Judged { answer: verdict, verdict, reason }
    }

    /// Marks the case slow: it fails, with the cost's reason after the
    /// answer's own (if the answer failed too). A skipped case (nothing was
    /// verified) is never slow.
    pub fn mark_slow(&mut self, cost: &Cost) {
        if self.answer == Verdict::Skip {
            return;
        }
        let why = cost.reason();
        self.reason = if self.reason.is_empty() { why } else { format!("{}; and {why}", self.reason) };
        self.verdict = Verdict::Fail;
    }
}

/// An adversarial case is slow when it takes more than this many times its
/// baseline's time (the same size of token, benign shape)…
///
/// The spec bounds the cost of any token to "a small constant factor" of a
/// valid token of the same size. Valid tokens of the same size already
/// differ by up to ~8× in the implementations we run (the reference built
/// with optimizations takes 7.7× as long on 16,000 empty objects as on
/// 3,700 plain members; 2–4× in the libraries), which is why each cost case
/// is compared with the benign twin closest to its shape, and why the
/// ratio is 10×: room for honest constant factors, while a super-linear
/// step at ~64 KB is hundreds of times its twin (the reference's parser
/// before it sorted members once: 218× on descending members).
pub const SLOW_RATIO: f64 = 10.0;

/// …and at least this much longer in absolute time, so that a
/// sub-millisecond verification is never `slow` however its microseconds
/// jitter (a scheduler tick on a loaded host is already ~1 ms).
pub const SLOW_FLOOR: Duration = Duration::from_millis(1);

/// How many times (at most) a cost case is measured, each run right after a run of
/// its baseline (alternating, so that a slowdown of the host hits both
/// sides); the minimum of each side is compared. The minimum is the
/// estimate least disturbed by a loaded host: noise only ever adds time.
/// The first, unmeasured run of every case is a warm-up (caches, JIT).
pub const COST_RUNS: usize = 5;

/// A cost case stops being re-measured once its runs took this long in
/// total (at least one measured run): at seconds per run, noise is
/// irrelevant and the timeout matters more.
pub const COST_BUDGET: Duration = Duration::from_secs(2);

/// A cost case's time against its baseline's (the `baseline` case of the
/// vector file: a token of the same size, benign shape).
#[derive(Clone, Debug, PartialEq)]
pub struct Cost {
    /// The baseline's case id.
    pub baseline: String,
    /// The case's time: the minimum over its measured runs.
    pub elapsed: Duration,
    /// The baseline's time: the minimum over the runs alternated with this
    /// case's.
    pub baseline_elapsed: Duration,
    /// How many runs of each were measured.
    pub runs: usize,
    /// `elapsed / baseline_elapsed`.
    pub ratio: f64,
    /// Whether the case is slow: `ratio` > [`SLOW_RATIO`] and `elapsed` at
    /// least [`SLOW_FLOOR`] more than the baseline's.
    pub slow: bool,
}

impl Cost {
    /// Compares a case's time with its baseline's.
    pub fn new(baseline: impl Into<String>, elapsed: Duration, baseline_elapsed: Duration, runs: usize) -> Cost {
        let ratio = elapsed.as_secs_f64() / baseline_elapsed.as_secs_f64().max(1e-9);
        let slow = exceeds(ratio, elapsed, baseline_elapsed, 1.0);
        Cost { baseline: baseline.into(), elapsed, baseline_elapsed, runs, ratio, slow }
    }

    /// Whether a case already listed as `slow` in an expectations file is
    /// still slow: above half the thresholds (half the ratio, half the
    /// floor). The band between half and the full threshold keeps a known
    /// `slow` deviation known while its ratio jitters around the threshold,
    /// and a new one appears only above the full threshold: CI does not
    /// flap either way.
    pub fn still_slow(&self) -> bool {
        exceeds(self.ratio, self.elapsed, self.baseline_elapsed, 0.5)
    }

    /// `slow: 23.1× its baseline cost-header-baseline (12.3 ms vs 0.53 ms, min of 5 runs)`.
    pub fn reason(&self) -> String {
        format!(
            "slow: {:.1}× its baseline {} ({} vs {}, min of {} runs; slow above {SLOW_RATIO}× and {} more)",
            self.ratio,
            self.baseline,
            format_duration(self.elapsed),
            format_duration(self.baseline_elapsed),
            self.runs,
            format_duration(SLOW_FLOOR),
        )
    }
}

fn exceeds(ratio: f64, elapsed: Duration, baseline: Duration, scale: f64) -> bool {
    ratio > SLOW_RATIO * scale && elapsed.saturating_sub(baseline).as_secs_f64() > SLOW_FLOOR.as_secs_f64() * scale
}

/// A duration for people: `850 µs`, `12.3 ms`, `1.25 s`.
pub fn format_duration(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.0} µs")
    } else if us < 1e6 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}

/// Judges an outcome against a case (`vector-format.md`): `valid` must be
/// accepted; `invalid` must be rejected, with the case's error kind when it
/// gives one and `exact_kind` is set (the reference is always judged so);
/// `acceptable` may go either way; a crash or timeout always fails. An
/// implementation judged without exact kinds that rejects an invalid case
/// with a kind other than the case's gets [`Verdict::OtherReason`]; one
/// that reports no kind passes (nothing tells its reasons apart: the
/// reports mark such an implementation once).
pub fn judge(case: &Case, outcome: &Outcome, exact_kind: bool) -> Judged {
    let pass = || Judged::new(Verdict::Pass, String::new());
    let fail = |reason: String| Judged::new(Verdict::Fail, reason);
    match (outcome, case.expected) {
        (Outcome::Crash(why), _) => fail(format!("crashed: {why}")),
        (Outcome::Timeout, _) => fail("timed out".to_owned()),
        (Outcome::Unsupported(why), _) => Judged::new(Verdict::Skip, why.clone()),
        (Outcome::Unavailable(why), _) => Judged::new(Verdict::Skip, format!("unavailable: {why}")),
        (Outcome::Valid, Expected::Valid | Expected::Acceptable) => pass(),
        (Outcome::Invalid(_), Expected::Acceptable) => pass(),
        (Outcome::Valid, Expected::Invalid) => fail("accepted a token that must be rejected".to_owned()),
        (Outcome::Invalid(kind), Expected::Valid) => fail(match kind {
            Some(k) => format!("rejected a valid token ({k})"),
            None => "rejected a valid token".to_owned(),
        }),
        (Outcome::Invalid(actual), Expected::Invalid) => match (case.error, actual) {
            (Some(want), Some(got)) if exact_kind && want != *got => fail(format!("wrong error kind: expected {want}, got {got}")),
            (Some(want), None) if exact_kind => fail(format!("no error kind reported, expected {want}")),
            (Some(want), Some(got)) if want != *got => Judged::new(
                Verdict::OtherReason,
                format!(
                    "rejected for another reason: {got}, where the case targets {want} (the check under test may not have been reached)"
                ),
            ),
            _ => pass(),
        },
    }
}
