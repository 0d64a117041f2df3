//! The case's own time for a wall-clock library (jsonwebtoken) through
//! libfaketime: its adapter process, started as `cargo xtask conformance`
//! starts it, judges RFC 7515 A.1 (exp 1300819380, long past) valid one
//! second before exp and expired at exp, exactly as at those times. Without
//! libfaketime the same cases are skipped, never judged at the real time.
//! CI runs this after `cargo xtask setup-external` with
//! JWTPROOF_REQUIRE_FAKETIME=1, so that a missing libfaketime fails there.

use std::path::PathBuf;

use jwtproof_harness::{CaseInput, Implementation, Outcome, Subprocess};
use jwtproof_reference::{Clock, ErrorKind};

/// RFC 7515 A.1's HS256 token at these times (its exp is 1300819380).
fn outcomes(sub: &Subprocess, times: &[i64]) -> Vec<(i64, Outcome)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../vectors/rfc/rfc7515-7519.json");
    let file = jwtproof_vectors::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    let base = file.tests.iter().find(|c| c.id == "rfc7515-a1-hs256-valid").unwrap_or_else(|| panic!("case missing"));
    times
        .iter()
        .map(|now| {
            let mut case = base.clone();
            case.validation.clock = Clock::Seconds(*now);
            (*now, sub.verify(&CaseInput { file: &file, case: &case, key: file.key_for(&case) }))
        })
        .collect()
}

fn adapter() -> Subprocess {
    Subprocess::new("jsonwebtoken", vec![env!("CARGO_BIN_EXE_xtask").to_owned(), "serve-adapter".to_owned(), "jsonwebtoken".to_owned()])
}

#[test]
fn jsonwebtoken_is_judged_at_the_cases_time() {
    let Some(lib) = jwtproof_adapters::libfaketime() else {
        assert!(std::env::var_os("JWTPROOF_REQUIRE_FAKETIME").is_none(), "libfaketime is not installed (cargo xtask setup-external)");
        eprintln!("libfaketime is not installed: only the skip without it is checked");
        return;
    };
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("faketime-test");
    let mut sub = adapter();
    for (k, v) in jwtproof_adapters::faketime_env(&lib, &file).unwrap_or_else(|e| panic!("{e}")) {
        sub = sub.env(k, v);
    }
    let got = outcomes(&sub, &[1_300_819_000, 1_300_819_379, 1_300_819_380, 1_300_819_381, 1_300_819_000]);
    let want = [
        Outcome::Valid,
        Outcome::Valid,
        // jsonwebtoken's rule is exp < now: it accepts during the second at
        // exp (a deviation its expectations list). A second later, expired.
        Outcome::Valid,
        Outcome::Invalid(Some(ErrorKind::Expired)),
        // And back: the clock follows each case, it does not only advance.
        Outcome::Valid,
    ];
    let got_outcomes: Vec<&Outcome> = got.iter().map(|(_, o)| o).collect();
    assert_eq!(got_outcomes, want.iter().collect::<Vec<_>>(), "{got:?}");
}

#[test]
fn without_libfaketime_time_dependent_cases_are_skipped() {
    let got = outcomes(&adapter(), &[1_300_819_379, 1_300_819_381]);
    for (now, outcome) in &got {
        assert!(
            matches!(outcome, Outcome::Unsupported(why) if why.contains("libfaketime")),
            "now {now}: judged at the real time instead of skipped: {outcome:?}"
        );
    }
}
