//! What an implementation answered, and how it is judged against a case.

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The outcome is what the case expects.
    Pass,
    /// It is not.
    Fail,
    /// The case was not run, or the implementation could not express it.
    Skip,
}

impl Verdict {
    /// `pass`, `fail` or `skip`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Skip => "skip",
        }
    }
}

/// A verdict with its reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judged {
    /// Pass, fail or skip.
    pub verdict: Verdict,
    /// Why it failed or was skipped; empty on a pass.
    pub reason: String,
}

/// Judges an outcome against a case (`vector-format.md`): `valid` must be
/// accepted; `invalid` must be rejected, with the case's error kind when it
/// gives one and `exact_kind` is set (the reference is always judged so);
/// `acceptable` may go either way; a crash or timeout always fails.
pub fn judge(case: &Case, outcome: &Outcome, exact_kind: bool) -> Judged {
    let pass = || Judged { verdict: Verdict::Pass, reason: String::new() };
    let fail = |reason: String| Judged { verdict: Verdict::Fail, reason };
    match (outcome, case.expected) {
        (Outcome::Crash(why), _) => fail(format!("crashed: {why}")),
        (Outcome::Timeout, _) => fail("timed out".to_owned()),
        (Outcome::Unsupported(why), _) => Judged { verdict: Verdict::Skip, reason: why.clone() },
        (Outcome::Unavailable(why), _) => Judged { verdict: Verdict::Skip, reason: format!("unavailable: {why}") },
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
            _ => pass(),
        },
    }
}
