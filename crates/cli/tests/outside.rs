//! The installed runner as a maintainer uses it: a folder holding only an
//! adapter and a registry file, the embedded corpus, a first run that
//! reports every deviation without failing, a baseline blessed into that
//! folder, a green re-run, JUnit written; nothing of the checkout read or
//! written (the binary runs in the folder, not in the checkout).

use std::path::{Path, PathBuf};
use std::process::Command;

fn jwtproof(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jwtproof")).current_dir(dir).args(args).output().unwrap_or_else(|e| panic!("jwtproof: {e}"));
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Every file under `dir` with its length and modification time.
fn snapshot(dir: &Path, out: &mut Vec<(PathBuf, u64, Option<std::time::SystemTime>)>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        if path.is_dir() {
            snapshot(&path, out);
        } else if let Ok(meta) = entry.metadata() {
            out.push((path, meta.len(), meta.modified().ok()));
        }
    }
}

#[test]
fn a_maintainer_runs_blesses_and_reruns_green_outside_the_checkout() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("no python3: skipped");
        return;
    }
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut before = Vec::new();
    snapshot(&checkout, &mut before);

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("maintainer");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("jwtproof")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/accepts_everything.py"), dir.join("adapter.py"))
        .unwrap_or_else(|e| panic!("{e}"));
    let registry = r#"[{"name": "accepts-everything", "language": "Python",
      "run": {"protocol": {"command": ["python3", "{dir}/../adapter.py"], "timeout_seconds": 10, "install": "none"}}}]"#;
    std::fs::write(dir.join("jwtproof/registry.json"), registry).unwrap_or_else(|e| panic!("{e}"));
    let conformance = ["conformance", "--registry", "jwtproof/registry.json", "--format", "junit", "--format", "json"];

    // First run, the whole embedded corpus: every deviation reported, by
    // impact, with how to record a baseline; the run does not fail.
    let (code, stdout, err) = jwtproof(&dir, &conformance);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("accepts-everything: no expectations file"), "{err}");
    assert!(err.contains("forgery") && err.contains("--bless"), "{err}");
    assert!(stdout.contains("reference") && stdout.contains("accepts-everything"), "{stdout}");
    let junit = std::fs::read_to_string(dir.join("jwtproof-report/junit.xml")).unwrap_or_else(|e| panic!("junit.xml: {e}: {err}"));
    assert!(junit.contains("<testsuite") && junit.contains("failure"), "{junit}");

    // Bless: the baseline lands next to the registry file.
    let (code, _, err) = jwtproof(&dir, &[&conformance[..], &["--bless"]].concat());
    assert_eq!(code, 0, "{err}");
    let baseline = std::fs::read_to_string(dir.join("jwtproof/expectations/accepts-everything.json"))
        .unwrap_or_else(|e| panic!("baseline: {e}: {err}"));
    assert!(baseline.contains("rfc8037-a4-eddsa-tampered"), "{baseline}");

    // Re-run: green, every deviation known.
    let (code, _, err) = jwtproof(&dir, &conformance);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("known deviations, none new"), "{err}");
    // `--fail-on any` still fails on them.
    let (code, _, _) = jwtproof(&dir, &[&conformance[..], &["--fail-on", "any"]].concat());
    assert_eq!(code, 1);

    // The corpus can be had as files, for consumers that read files.
    let (code, _, err) = jwtproof(&dir, &["vectors", "--export", "corpus"]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.join("corpus/rfc/rfc8037.json").is_file(), "{err}");

    let mut after = Vec::new();
    snapshot(&checkout, &mut after);
    assert_eq!(before, after, "the run changed a file of the checkout");
}
