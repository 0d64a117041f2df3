//! Snapshots of what users read (the summary table and a failure report),
//! and the runner's handling of misbehaving implementations.

use std::path::PathBuf;

use jwtproof_harness::{CaseInput, Implementation, Outcome, Reference, Verdict, report, run};

fn corpus() -> jwtproof_vectors::Corpus {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../vectors/documented/bigone.json");
    jwtproof_vectors::load(&[dir]).unwrap_or_else(|e| panic!("{e}"))
}

/// Accepts every token: what a verifier that skips all checks would do.
struct AcceptAll;
impl Implementation for AcceptAll {
    fn name(&self) -> &str {
        "accept-all"
    }
    fn verify(&self, _: &CaseInput<'_>) -> Outcome {
        Outcome::Valid
    }
}

/// Panics on every case whose token has a `typ`-first header.
struct Panicky;
impl Implementation for Panicky {
    fn name(&self) -> &str {
        "panicky"
    }
    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        if input.case.token.starts_with("eyJ0eXAi") {
            panic!("deliberate panic in a test adapter");
        }
        Outcome::Invalid(None)
    }
}

/// Reports a rejection with the wrong kind, judged exactly.
struct WrongKind;
impl Implementation for WrongKind {
    fn name(&self) -> &str {
        "wrong-kind"
    }
    fn exact_error_kinds(&self) -> bool {
        true
    }
    fn verify(&self, _: &CaseInput<'_>) -> Outcome {
        Outcome::Invalid(Some(jwtproof_reference::ErrorKind::Malformed))
    }
}

fn relative(mut results: Vec<jwtproof_harness::RunResult>) -> Vec<jwtproof_harness::RunResult> {
    for r in &mut results {
        let s = r.file.to_string_lossy().into_owned();
        r.file = PathBuf::from(s.rsplit_once("../../").map_or(s.clone(), |(_, rest)| rest.to_owned()));
    }
    results
}

#[test]
fn summary_table() {
    let corpus = corpus();
    let results = relative(run(&corpus, &[&Reference, &AcceptAll]));
    insta::assert_snapshot!(report::summary(&results));
}

#[test]
fn failure_report_reproduces_the_case() {
    let corpus = corpus();
    let results = relative(run(&corpus, &[&AcceptAll]));
    let failed = results.iter().find(|r| r.id == "bigone-doc-curl-token-not-testsecret").unwrap_or_else(|| panic!("case missing"));
    assert_eq!(failed.judged.verdict, Verdict::Fail);
    let (file, case) = corpus.find(&failed.id).unwrap_or_else(|| panic!("case missing"));
    let mut file = file.clone();
    file.path = PathBuf::from("vectors/documented/bigone.json");
    insta::assert_snapshot!(report::failure_text(&file, case, failed));
}

#[test]
fn a_panic_is_a_crash_and_the_run_goes_on() {
    let corpus = corpus();
    let results = run(&corpus, &[&Panicky]);
    assert_eq!(results.len(), corpus.len(), "every case still has a result");
    let crashes = results.iter().filter(|r| matches!(r.actual, Outcome::Crash(_))).count();
    let others = results.iter().filter(|r| matches!(r.actual, Outcome::Invalid(_))).count();
    assert!(crashes > 0 && others > 0, "crashes {crashes}, others {others}");
    assert!(results.iter().filter(|r| matches!(r.actual, Outcome::Crash(_))).all(|r| r.judged.verdict == Verdict::Fail));
}

#[test]
fn exact_kinds_are_judged_for_exact_implementations() {
    let corpus = corpus();
    let results = run(&corpus, &[&WrongKind]);
    let r = results.iter().find(|r| r.id == "bigone-doc-sample-wrong-secret").unwrap_or_else(|| panic!("case missing"));
    assert_eq!(r.judged.verdict, Verdict::Fail);
    assert!(r.judged.reason.contains("wrong error kind"), "{}", r.judged.reason);
}

#[test]
fn reports_render() {
    let corpus = corpus();
    let results = relative(run(&corpus, &[&Reference, &AcceptAll]));
    let json = report::to_json(&results);
    assert_eq!(json["results"].as_array().map(Vec::len), Some(2 * corpus.len()));
    assert_eq!(json["totals"]["reference"]["failed"], 0);
    let junit = report::to_junit(&results);
    assert!(junit.contains("<failure"), "accept-all fails some cases");
    let md = report::to_markdown(&results);
    assert!(md.contains("| reference | documented/bigone |"));
}
