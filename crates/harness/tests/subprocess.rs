//! The subprocess protocol against a deliberately faulty adapter: a crash
//! is `crash` and the adapter is restarted, a hang is `timeout`, garbage is
//! a protocol `crash`, a missing program is `unavailable`; the run goes on.

use std::path::PathBuf;
use std::time::Duration;

use jwtproof_harness::{Implementation, Outcome, Subprocess, run};

fn corpus(ids: &[&str]) -> jwtproof_vectors::Corpus {
    let tests: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(
                r#"{{"id":"{id}","description":"d","token":"a.b.c","key":null,"validation":{{"algorithms":["HS256"],"now":0}},"expected":"invalid","error":"malformed"}}"#
            )
        })
        .collect();
    let text = format!(
        r#"{{"format":"jwt-vectors/1","name":"faults","description":"d","source":"test","keys":{{}},"tests":[{}]}}"#,
        tests.join(",")
    );
    let file = jwtproof_vectors::load_str(&PathBuf::from("faults.json"), &text).unwrap_or_else(|e| panic!("{e}"));
    jwtproof_vectors::Corpus { files: vec![file] }
}

fn faulty() -> Subprocess {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/faulty_adapter.py");
    Subprocess::new("faulty", vec!["python3".into(), script.to_string_lossy().into_owned()]).timeout(Duration::from_secs(2))
}

#[test]
fn faults_become_outcomes_and_the_run_goes_on() {
    let corpus = corpus(&["first-ok", "crash-one", "after-crash", "hang-one", "after-hang", "garbage-one", "valid-one", "last-ok"]);
    let adapter = faulty();
    let results = run(&corpus, &[&adapter]);
    let by_id = |id: &str| results.iter().find(|r| r.id == id).map(|r| r.actual.clone()).unwrap_or_else(|| panic!("{id} missing"));
    assert_eq!(by_id("first-ok"), Outcome::Invalid(Some(jwtproof_reference::ErrorKind::Malformed)));
    assert!(matches!(by_id("crash-one"), Outcome::Crash(ref why) if why.contains("about to crash")), "{:?}", by_id("crash-one"));
    assert_eq!(by_id("after-crash"), Outcome::Invalid(Some(jwtproof_reference::ErrorKind::Malformed)), "restarted after a crash");
    assert_eq!(by_id("hang-one"), Outcome::Timeout);
    assert_eq!(by_id("after-hang"), Outcome::Invalid(Some(jwtproof_reference::ErrorKind::Malformed)), "restarted after a hang");
    assert!(matches!(by_id("garbage-one"), Outcome::Crash(ref why) if why.contains("protocol error")));
    assert_eq!(by_id("valid-one"), Outcome::Valid);
    assert_eq!(by_id("last-ok"), Outcome::Invalid(Some(jwtproof_reference::ErrorKind::Malformed)));
    assert_eq!(adapter.version().as_deref(), Some("faulty 0.0.0"));
}

#[test]
fn a_missing_program_is_unavailable() {
    let corpus = corpus(&["a-case", "b-case"]);
    let adapter = Subprocess::new("missing", vec!["/nonexistent/jwtproof-adapter".into()]);
    let results = run(&corpus, &[&adapter]);
    assert_eq!(results.len(), 2, "every case still has a result: {results:?}");
    assert!(results.iter().all(|r| matches!(r.actual, Outcome::Unavailable(ref why) if why.contains("cannot start"))), "{results:?}");
    assert!(results.iter().all(|r| r.judged.verdict == jwtproof_harness::Verdict::Skip));
}
