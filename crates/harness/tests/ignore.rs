//! `Harness::ignore`: a known deviation still runs; when it fails it is
//! reported ignored with its reason, and the other cases are judged as
//! usual.

use std::path::Path;

use jwtproof_harness::{CaseInput, Harness, Implementation, Outcome};

struct AcceptsAll;

impl Implementation for AcceptsAll {
    fn name(&self) -> &str {
        "accepts-all"
    }
    fn verify(&self, _: &CaseInput<'_>) -> Outcome {
        Outcome::Valid
    }
}

#[test]
fn an_ignored_case_runs_and_is_reported_with_its_reason() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors/rfc/rfc8037.json");
    let trials = Harness::new(AcceptsAll)
        .vectors([file])
        .ignore("rfc8037-a4-eddsa-tampered", "accepts-all accepts a changed signature (known)")
        .ignore("rfc8037-a4-eddsa-valid", "listed, but passes")
        .trials()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trials.len(), 5);
    // The inner run's own report goes to a file: its "FAILED" lines are
    // this test's expected failures, not the suite's.
    let log = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ignore-test.log");
    let args = libtest_mimic::Arguments {
        test_threads: Some(1),
        logfile: Some(log.to_string_lossy().into_owned()),
        ..libtest_mimic::Arguments::default()
    };
    let conclusion = libtest_mimic::run(&args, trials);
    // 4 invalid cases accepted: one listed (ignored with its reason), three
    // failures; the valid case passes although it is listed.
    assert_eq!(conclusion.num_ignored, 1, "{conclusion:?}");
    assert_eq!(conclusion.num_failed, 3, "{conclusion:?}");
    assert_eq!(conclusion.num_passed, 1, "{conclusion:?}");
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(text.contains("accepts-all accepts a changed signature (known)"), "the reason is not shown:\n{text}");
}
