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

/// Rejects everything as `expired`, judged as third parties are (no exact
/// kinds): what a library reading the wall clock does with old vectors.
struct AlwaysExpired;
impl Implementation for AlwaysExpired {
    fn name(&self) -> &str {
        "always-expired"
    }
    fn verify(&self, _: &CaseInput<'_>) -> Outcome {
        Outcome::Invalid(Some(jwtproof_reference::ErrorKind::Expired))
    }
}

#[test]
fn a_rejection_for_another_reason_is_not_a_pass() {
    let corpus = corpus();
    let results = relative(run(&corpus, &[&AlwaysExpired, &Panicky]));
    let mine = |i: &'static str| results.iter().filter(move |r| r.implementation == i);
    // An invalid case whose kind is not `expired`: other reason, with why.
    let r = mine("always-expired").find(|r| r.id == "bigone-doc-sample-wrong-secret").unwrap_or_else(|| panic!("case missing"));
    assert_eq!(r.error.map(|k| k.as_str()), Some("invalid_signature"));
    assert_eq!(r.judged.verdict, Verdict::OtherReason);
    assert!(r.judged.reason.contains("expired") && r.judged.reason.contains("invalid_signature"), "{}", r.judged.reason);
    assert_eq!(report::category(r), "other-reason");
    // Not a deviation: the expectations machinery only sees failures.
    assert_eq!(jwtproof_harness::expectations::deviation_label(r, false), None);
    // Every invalid case with another kind is other-reason; valid ones fail.
    for r in mine("always-expired") {
        let want = match (r.expected.as_str(), r.error.map(|k| k.as_str())) {
            ("valid", _) => Verdict::Fail,
            ("invalid", Some(k)) if k != "expired" => Verdict::OtherReason,
            _ => Verdict::Pass,
        };
        assert_eq!(r.judged.verdict, want, "{}", r.id);
    }
    // Counted apart everywhere, and n/a for an adapter without kinds.
    let others = mine("always-expired").filter(|r| r.judged.verdict == Verdict::OtherReason).count();
    assert!(others > 0);
    let json = report::to_json(&results);
    assert_eq!(json["totals"]["always-expired"]["other_reason"], others);
    assert_eq!(json["totals"]["always-expired"]["by_impact"]["other-reason"], others);
    assert_eq!(json["totals"]["always-expired"]["reports_error_kinds"], true);
    assert_eq!(json["totals"]["panicky"]["reports_error_kinds"], false);
    let summary = report::summary(&results);
    let line = summary.lines().find(|l| l.starts_with("always-expired ")).unwrap_or_default();
    assert!(line.split_whitespace().any(|w| w == others.to_string()), "{summary}");
    assert!(summary.contains("n/a: the adapter maps no error kind, so a rejection's reason is unknown: panicky"), "{summary}");
    let html = report::to_html(&results, &Default::default());
    assert!(html.contains("class=\"c other "), "other-reason cells have their own colour");
    let junit = report::to_junit(&results);
    assert!(junit.contains("<system-out>rejected for another reason"));
}

#[test]
fn impacts_are_counted_and_filterable() {
    let corpus = corpus();
    let results = relative(run(&corpus, &[&AcceptAll, &Panicky]));
    // accept-all accepts every invalid case: each counts under its impact.
    let invalid: Vec<_> =
        results.iter().filter(|r| r.implementation == "accept-all" && r.expected == jwtproof_vectors::Expected::Invalid).collect();
    assert!(invalid.iter().all(|r| r.impact.is_some()), "the project's own vectors all carry an impact");
    let counts = report::impact_counts(&results, "accept-all");
    for impact in jwtproof_vectors::Impact::ALL {
        let want = invalid.iter().filter(|r| r.impact == Some(impact)).count();
        assert_eq!(counts.iter().find(|(c, _)| *c == impact.as_str()).map(|(_, n)| *n), Some(want), "{impact}");
    }
    // A crash counts as denial-of-service whatever the case's impact.
    let crashes = results.iter().filter(|r| r.implementation == "panicky" && matches!(r.actual, Outcome::Crash(_))).count();
    let dos = report::impact_counts(&results, "panicky").into_iter().find(|(c, _)| *c == "denial-of-service").map(|(_, n)| n);
    assert!(crashes > 0);
    assert_eq!(dos, Some(crashes));
    let html = report::to_html(&results, &Default::default());
    assert!(html.contains("<h2>By impact</h2>") && html.contains("filterImpact") && html.contains("data-impact=\"forgery\""));
    assert!(report::to_markdown(&results).contains("## By impact"));
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

/// A result built by hand: one case of one implementation.
fn fixed_result(id: &str, flags: &[&str], implementation: &str, actual: Outcome) -> jwtproof_harness::RunResult {
    let text = serde_json::json!({
        "format": "jwt-vectors/1",
        "name": "cves-fixture",
        "description": "fixture",
        "source": "fixture",
        "keys": {},
        "tests": [{
            "id": id,
            "description": "fixture",
            "token": "e30.e30.",
            "key": null,
            "validation": {"algorithms": ["HS256"], "now": 0},
            "expected": "invalid",
            "error": "invalid_signature",
            "flags": flags,
        }],
    })
    .to_string();
    let file = jwtproof_vectors::load_str(std::path::Path::new("vectors/cves/fixture.json"), &text).unwrap_or_else(|e| panic!("{e}"));
    let case = file.tests[0].clone();
    jwtproof_harness::RunResult {
        file: PathBuf::from("vectors/cves/fixture.json"),
        file_name: "cves-fixture".to_owned(),
        id: id.to_owned(),
        flags: case.flags.clone(),
        implementation: implementation.to_owned(),
        expected: jwtproof_vectors::Expected::Invalid,
        error: Some(jwtproof_reference::ErrorKind::InvalidSignature),
        impact: case.impact,
        description: case.description.clone(),
        detail: Some("the library's own message".to_owned()),
        judged: jwtproof_harness::judge(&case, &actual, false),
        actual,
        elapsed: std::time::Duration::from_micros(100),
        timed_inside: false,
        runs: 1,
        cost: None,
    }
}

#[test]
fn by_cve_section() {
    let skipped = || Outcome::Unsupported("no such option".to_owned());
    let results = vec![
        fixed_result("cve-a-1", &["CVE-2022-21449", "PsychicSignature"], "lib-ok", Outcome::Invalid(None)),
        fixed_result("cve-a-1", &["CVE-2022-21449", "PsychicSignature"], "lib-accepts", Outcome::Valid),
        fixed_result("cve-a-1", &["CVE-2022-21449", "PsychicSignature"], "lib-skips", skipped()),
        fixed_result("cve-b-1", &["GHSA-xxxx-yyyy-zzzz"], "lib-ok", Outcome::Invalid(None)),
        fixed_result("cve-b-1", &["GHSA-xxxx-yyyy-zzzz"], "lib-accepts", Outcome::Invalid(None)),
        fixed_result("cve-b-1", &["GHSA-xxxx-yyyy-zzzz"], "lib-skips", Outcome::Crash("panic: deep".to_owned())),
        fixed_result("cve-b-2", &["GHSA-xxxx-yyyy-zzzz"], "lib-ok", skipped()),
        fixed_result("cve-b-2", &["GHSA-xxxx-yyyy-zzzz"], "lib-accepts", Outcome::Valid),
        fixed_result("cve-b-2", &["GHSA-xxxx-yyyy-zzzz"], "lib-skips", Outcome::Timeout),
        fixed_result("plain", &["Crit"], "lib-ok", Outcome::Valid),
    ];
    let rows = report::by_cve(&results);
    assert_eq!(rows.len(), 2, "only CVE-/GHSA- flags make rows");
    assert_eq!(
        rows[0].1,
        vec![
            ("lib-ok".to_owned(), "ok".to_owned()),
            ("lib-accepts".to_owned(), "same class (accepts-invalid)".to_owned()),
            ("lib-skips".to_owned(), "skip".to_owned()),
        ]
    );
    let md = report::by_cve_markdown(&results);
    assert!(report::to_markdown(&results).contains(&md));
    assert!(report::to_html(&results, &Default::default()).contains("<h2>By advisory</h2>"));
    insta::assert_snapshot!(md);
}

#[test]
fn a_failure_shows_the_case_its_impact_and_the_librarys_words() {
    let r = fixed_result("cve-fixture-case", &[], "lib", jwtproof_harness::Outcome::Valid);
    assert_eq!(r.judged.verdict, jwtproof_harness::Verdict::Fail);
    let results = vec![r.clone()];
    let md = jwtproof_harness::report::to_markdown(&results);
    assert!(md.contains(&format!("the case: {}", r.description)) && md.contains("the library said: the library's own message"), "{md}");
    let junit = jwtproof_harness::report::to_junit(&results);
    assert!(
        junit.contains("the library said: the library&#39;s own message") || junit.contains("the library said: the library's own message"),
        "{junit}"
    );
    let json = jwtproof_harness::report::to_json(&results);
    let entry = &json["results"][0];
    assert_eq!(entry["description"], serde_json::json!(r.description), "{entry}");
    assert_eq!(entry["detail"], serde_json::json!("the library's own message"), "{entry}");
    let html = jwtproof_harness::report::to_html(&results, &std::collections::BTreeMap::new());
    assert!(html.contains("the library said: the library"), "the HTML cell's title lacks the detail");
}

/// `Harness::ignore`: a known deviation still runs; when it fails it is
/// reported ignored with its reason, and the other cases are judged as
/// usual.
#[test]
fn an_ignored_case_runs_and_is_reported_with_its_reason() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors/rfc/rfc8037.json");
    let trials = jwtproof_harness::Harness::new(AcceptAll)
        .vectors([file])
        .ignore("rfc8037-a4-eddsa-tampered", "accept-all accepts a changed signature (known)")
        .ignore("rfc8037-a4-eddsa-valid", "listed, but passes")
        .trials()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trials.len(), 5);
    // The inner run's own report goes to a file: its "FAILED" lines are
    // this test's expected failures, not the suite's.
    let log = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ignore-test.log");
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
    assert!(text.contains("accept-all accepts a changed signature (known)"), "the reason is not shown:\n{text}");
}

/// Sleeps a little on every case, so that concurrent implementations
/// finish out of order.
struct Sleepy(&'static str, u64);
impl Implementation for Sleepy {
    fn name(&self) -> &str {
        self.0
    }
    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        std::thread::sleep(std::time::Duration::from_micros(self.1));
        if input.case.token.len().is_multiple_of(2) { Outcome::Valid } else { Outcome::Invalid(None) }
    }
}

#[test]
fn concurrent_implementations_give_the_sequential_results_in_the_same_order() {
    let corpus = corpus();
    let (slow, fast) = (Sleepy("slow", 300), Sleepy("fast", 0));
    let impls: [&dyn Implementation; 4] = [&slow, &Panicky, &fast, &Reference];
    let key = |r: &jwtproof_harness::RunResult| (r.implementation.clone(), r.id.clone(), format!("{:?}", r.actual), r.judged.verdict);
    let sequential: Vec<_> = jwtproof_harness::run_with_workers(&corpus, &impls, 1).iter().map(key).collect();
    let concurrent: Vec<_> = jwtproof_harness::run_with_workers(&corpus, &impls, 3).iter().map(key).collect();
    assert_eq!(sequential.len(), corpus.files.iter().map(|f| f.tests.len()).sum::<usize>() * 4);
    assert_eq!(sequential, concurrent);
    let order: Vec<&str> = concurrent.iter().map(|k| k.0.as_str()).collect::<Vec<_>>().chunk_by(|a, b| a == b).map(|c| c[0]).collect();
    assert_eq!(order, ["slow", "panicky", "fast", "reference"]);
}
