//! A maintainer's implementation from outside the checkout: a registry
//! file and an adapter in a folder of their own (`--registry`), its
//! expectations blessed into that folder (`--expectations`), a first run
//! that reports every deviation without failing, `--fail-on` choosing when
//! the run fails. The project's own files are not touched.

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(dir: &Path, extra: &[&str]) -> (i32, String) {
    run_on(dir, "rfc8037.json", extra)
}

fn run_on(dir: &Path, file: &str, extra: &[&str]) -> (i32, String) {
    let vectors = Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/rfc").join(file);
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("conformance")
        .arg("--registry")
        .arg(dir.join("registry.json"))
        .arg("--vectors")
        .arg(&vectors)
        .arg("--out")
        .arg(dir.join("reports"))
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("xtask: {e}"));
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn an_implementation_from_outside_the_checkout_runs_blesses_and_reruns_green() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("no python3: skipped");
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("out-of-tree");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/cli/tests/data/accepts_everything.py"), dir.join("adapter.py"))
        .unwrap_or_else(|e| panic!("{e}"));
    let registry = r#"[{"name": "accepts-everything", "language": "Python",
      "run": {"protocol": {"command": ["python3", "{dir}/adapter.py"], "timeout_seconds": 10, "install": "none"}}}]"#;
    std::fs::write(dir.join("registry.json"), registry).unwrap_or_else(|e| panic!("{e}"));
    let baseline = dir.join("expectations/accepts-everything.json");

    // First run: no expectations file. Every deviation is reported, by
    // impact, with how to record the baseline; the run does not fail.
    let (code, err) = run(&dir, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("accepts-everything: no expectations file") && err.contains("4 deviations"), "{err}");
    assert!(err.contains("forgery"), "{err}");
    assert!(!baseline.exists());
    // ... unless asked to.
    let (code, err) = run(&dir, &["--fail-on", "any"]);
    assert_eq!(code, 1, "{err}");

    // Bless writes the baseline into the maintainer's folder, not ours.
    let (code, err) = run(&dir, &["--bless"]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&baseline).unwrap_or_else(|e| panic!("{}: {e}: {err}", baseline.display()));
    assert!(text.contains("rfc8037-a4-eddsa-tampered"), "{text}");
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("../expectations/accepts-everything.json");
    assert!(!ours.exists(), "blessed into the checkout");

    // Re-run: green; `--fail-on any` still fails on the listed deviations.
    let (code, err) = run(&dir, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("accepts-everything: 4 known deviations, none new"), "{err}");
    let (code, _) = run(&dir, &["--fail-on", "any"]);
    assert_eq!(code, 1);

    // A run of another part of the corpus neither calls the listed cases
    // stale nor drops them when blessing.
    let (code, err) = run_on(&dir, "rfc7520.json", &["--bless"]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&baseline).unwrap_or_default();
    assert!(text.contains("rfc8037-a4-eddsa-tampered") && text.contains("rfc7520-"), "{text}");
    let (code, err) = run(&dir, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("accepts-everything: 4 known deviations, none new"), "{err}");

    // The reports are written where asked.
    assert!(dir.join("reports/report.json").is_file());

    // A name of the project's registry is refused, and so is an in-process entry.
    std::fs::write(dir.join("registry.json"), registry.replace("accepts-everything", "pyjwt")).unwrap_or_else(|e| panic!("{e}"));
    let (code, err) = run(&dir, &[]);
    assert_ne!(code, 0);
    assert!(err.contains("already an implementation"), "{err}");
}
