//! The slow judgement: an adversarial case far costlier than its baseline
//! fails as `slow`, one within the thresholds does not, and expectations
//! keep a listed `slow` known in the band between half and the full
//! thresholds. The timed tests use a fake implementation that sleeps on
//! chosen cases (a sleep lasts at least its duration, whatever the host's
//! load), never the real speed of a verifier.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use jwtproof_harness::expectations::{Expectation, Expectations};
use jwtproof_harness::{CaseInput, Cost, Implementation, Outcome, RunResult, SLOW_FLOOR, SLOW_RATIO, Verdict, report, run_file};

/// A file with a baseline and cases that name it (all expected valid).
fn file(ids: &[&str]) -> jwtproof_vectors::VectorFile {
    let mut tests = vec![serde_json::json!({
        "id": "base", "description": "the baseline", "token": "e30.e30.sig", "key": null,
        "validation": {"algorithms": ["HS256"], "now": 0}, "expected": "valid",
    })];
    for id in ids {
        tests.push(serde_json::json!({
            "id": id, "description": "a cost case", "token": "e30.e30.sig", "key": null,
            "validation": {"algorithms": ["HS256"], "now": 0}, "expected": "valid", "baseline": "base",
        }));
    }
    let text = serde_json::json!({
        "format": "jwt-vectors/1", "name": "cost-fixture", "description": "fixture", "source": "fixture",
        "keys": {}, "tests": tests,
    })
    .to_string();
    jwtproof_vectors::load_str(Path::new("vectors/cost/fixture.json"), &text).unwrap_or_else(|e| panic!("{e}"))
}

/// Accepts everything; sleeps on some cases, panics on a case's second call.
struct Sleepy {
    sleeps: Vec<(&'static str, Duration)>,
    panic_on_rerun: Option<&'static str>,
    calls: AtomicUsize,
}

impl Sleepy {
    fn new(sleeps: Vec<(&'static str, Duration)>) -> Sleepy {
        Sleepy { sleeps, panic_on_rerun: None, calls: AtomicUsize::new(0) }
    }
}

impl Implementation for Sleepy {
    fn name(&self) -> &str {
        "sleepy"
    }
    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        if self.panic_on_rerun == Some(input.case.id.as_str()) && self.calls.fetch_add(1, Ordering::SeqCst) > 0 {
            panic!("second call");
        }
        if let Some((_, d)) = self.sleeps.iter().find(|(id, _)| *id == input.case.id) {
            std::thread::sleep(*d);
        }
        Outcome::Valid
    }
}

fn by_id<'a>(results: &'a [RunResult], id: &str) -> &'a RunResult {
    results.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no result for {id}"))
}

#[test]
fn a_case_that_sleeps_far_longer_than_its_baseline_is_slow() {
    let f = file(&["sleeps", "instant"]);
    let results = run_file(&Sleepy::new(vec![("sleeps", Duration::from_millis(40))]), &f);
    let slow = by_id(&results, "sleeps");
    let cost = slow.cost.as_ref().unwrap_or_else(|| panic!("a cost comparison"));
    assert!(cost.slow && cost.ratio > SLOW_RATIO, "{cost:?}");
    assert!(cost.elapsed >= Duration::from_millis(40), "{cost:?}");
    assert_eq!(cost.baseline, "base");
    assert_eq!(slow.judged.verdict, Verdict::Fail);
    assert_eq!(slow.judged.answer, Verdict::Pass, "the answer itself was right");
    assert!(slow.judged.reason.starts_with("slow: "), "{}", slow.judged.reason);
    assert_eq!(report::category(slow), "slow");
    // A slow case is shown in every report.
    assert!(report::summary(&results).contains("cost ("));
    assert!(report::to_markdown(&results).contains("slow**"));
    assert!(report::to_junit(&results).contains("type=\"slow\""));
    assert!(report::to_html(&results, &Default::default()).contains("class=\"c slow num "));
    let json = report::to_json(&results);
    let entry = json["results"].as_array().and_then(|a| a.iter().find(|e| e["id"] == "sleeps")).cloned().unwrap_or_default();
    assert_eq!(entry["category"], "slow");
    assert_eq!(entry["cost"]["slow"], true);
    assert!(entry["cost"]["ratio"].as_f64().is_some_and(|r| r > SLOW_RATIO));
    assert_eq!(json["totals"]["sleepy"]["slow"], 1);
    // The baseline and the instant case are not slow.
    let instant = by_id(&results, "instant");
    assert!(instant.cost.as_ref().is_some_and(|c| !c.slow), "{:?}", instant.cost);
    assert_eq!(instant.judged.verdict, Verdict::Pass);
    assert!(by_id(&results, "base").cost.is_none(), "a baseline has no baseline");
}

#[test]
fn a_case_within_the_ratio_is_not_slow() {
    // Twice the baseline's time: 10 ms against 5 ms (sleeps last at least
    // that long, so the ratio cannot reach 10 unless the 10 ms sleep
    // overshoots by 40 ms in every run).
    let f = file(&["twice"]);
    let sleepy = Sleepy::new(vec![("base", Duration::from_millis(5)), ("twice", Duration::from_millis(10))]);
    let results = run_file(&sleepy, &f);
    let r = by_id(&results, "twice");
    let cost = r.cost.as_ref().unwrap_or_else(|| panic!("a cost comparison"));
    assert!(!cost.slow, "{cost:?}");
    assert!(cost.ratio > 1.0, "the sleep shows: {cost:?}");
    assert_eq!(r.judged.verdict, Verdict::Pass);
    assert_eq!(report::category(r), "pass");
    assert!(by_id(&results, "base").elapsed >= Duration::from_millis(5));
}

#[test]
fn a_crash_in_a_measured_run_is_the_outcome() {
    let f = file(&["flaky"]);
    let mut sleepy = Sleepy::new(Vec::new());
    sleepy.panic_on_rerun = Some("flaky");
    let results = run_file(&sleepy, &f);
    let r = by_id(&results, "flaky");
    assert!(matches!(r.actual, Outcome::Crash(_)), "{:?}", r.actual);
    assert_eq!(r.judged.verdict, Verdict::Fail);
    assert!(r.cost.is_none());
}

#[test]
fn the_thresholds() {
    let ms = Duration::from_millis;
    // Far over both.
    assert!(Cost::new("b", ms(30), ms(1), 5).slow);
    // Under the ratio.
    let c = Cost::new("b", ms(9), ms(1), 5);
    assert!(!c.slow && (c.ratio - 9.0).abs() < 1e-9);
    // Over the ratio, under the absolute floor: microsecond noise.
    assert!(!Cost::new("b", Duration::from_micros(600), Duration::from_micros(10), 5).slow);
    assert!(SLOW_FLOOR > Duration::from_micros(590));
    // Between half and the full thresholds: not slow, but still slow for a
    // case already listed as slow.
    let band = Cost::new("b", ms(7), ms(1), 5);
    assert!(!band.slow && band.still_slow());
    assert!(!Cost::new("b", ms(4), ms(1), 5).still_slow());
}

/// A hand-made result with a cost comparison.
fn result(id: &str, actual: Outcome, cost: Cost) -> RunResult {
    let f = file(&[id]);
    let case = f.tests.iter().find(|c| c.id == id).cloned().unwrap_or_else(|| panic!("case"));
    let mut judged = jwtproof_harness::judge(&case, &actual, false);
    if cost.slow {
        judged.mark_slow(&cost);
    }
    RunResult {
        file: f.path.clone(),
        file_name: f.name.clone(),
        id: id.to_owned(),
        flags: Vec::new(),
        implementation: "lib".to_owned(),
        expected: jwtproof_vectors::Expected::Valid,
        error: None,
        impact: None,
        description: String::new(),
        detail: None,
        actual,
        judged,
        elapsed: cost.elapsed,
        timed_inside: true,
        runs: cost.runs,
        cost: Some(cost),
    }
}

fn expectations(entries: &[(&str, &str)]) -> Expectations {
    Expectations {
        implementation: "lib".to_owned(),
        deviations: entries
            .iter()
            .map(|(id, outcome)| ((*id).to_owned(), Expectation { outcome: (*outcome).to_owned(), reason: "reviewed".to_owned() }))
            .collect(),
    }
}

#[test]
fn expectations_keep_a_listed_slow_case_known_above_half_the_threshold() {
    let ms = Duration::from_millis;
    let slow = result("a", Outcome::Valid, Cost::new("base", ms(50), ms(2), 5));
    let band = result("a", Outcome::Valid, Cost::new("base", ms(14), ms(2), 5));
    let fast = result("a", Outcome::Valid, Cost::new("base", ms(4), ms(2), 5));
    let listed = expectations(&[("a", "slow")]);
    let unlisted = expectations(&[]);
    // Listed and slow: known.
    assert_eq!(listed.compare(std::slice::from_ref(&slow)).known.len(), 1);
    // Listed, in the band (7×: under 10×, over 5×): still known, not stale.
    let cmp = listed.compare(std::slice::from_ref(&band));
    assert!(cmp.is_clean() && cmp.known.len() == 1, "{cmp:?}");
    // Listed, now fast: stale.
    assert_eq!(listed.compare(std::slice::from_ref(&fast)).stale, vec!["a".to_owned()]);
    // Not listed: new only above the full threshold.
    let cmp = unlisted.compare(std::slice::from_ref(&slow));
    assert_eq!(cmp.new.first().map(|(id, label, _)| (id.as_str(), label.as_str())), Some(("a", "slow")));
    assert!(unlisted.compare(std::slice::from_ref(&band)).is_clean());
    // Bless lists it as slow, unreviewed.
    let blessed = unlisted.blessed(std::slice::from_ref(&slow));
    assert!(blessed.deviations.get("a").is_some_and(|e| e.outcome == "slow" && e.reason.starts_with("unreviewed: slow: ")));
}

#[test]
fn a_wrong_and_slow_case_says_both() {
    let ms = Duration::from_millis;
    let both = result("a", Outcome::Invalid(None), Cost::new("base", ms(50), ms(2), 5));
    assert_eq!(both.judged.answer, Verdict::Fail);
    assert!(both.judged.reason.contains("rejected a valid token") && both.judged.reason.contains("slow: "), "{}", both.judged.reason);
    assert_eq!(report::category(&both), "rejects-valid", "counted under its wrong answer");
    let cmp = expectations(&[("a", "invalid")]).compare(std::slice::from_ref(&both));
    assert_eq!(cmp.new.first().map(|(_, label, _)| label.as_str()), Some("invalid+slow"));
    assert!(expectations(&[("a", "invalid+slow")]).compare(std::slice::from_ref(&both)).is_clean());
}
