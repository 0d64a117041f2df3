//! The copyable CI workflow (`.github/workflows/conformance.yml`) calls the
//! runner with flags it has: every `--flag` the workflow passes to
//! `jwtproof` is one `jwtproof conformance --help` lists, and the file
//! names the install and publish steps the README promises.

use std::process::Command;

#[test]
fn the_downstream_workflow_uses_only_flags_the_runner_has() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.github/workflows/conformance.yml");
    let workflow = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let help = Command::new(env!("CARGO_BIN_EXE_jwtproof")).args(["conformance", "--help"]).output().unwrap_or_else(|e| panic!("{e}"));
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    let run_step = workflow.split("Run the corpus against the adapter").nth(1).unwrap_or_else(|| panic!("no run step"));
    let run_step = run_step.split("- name:").next().unwrap_or_default();
    let flags: Vec<&str> = run_step.split(|c: char| c.is_whitespace() || c == '"').filter(|w| w.starts_with("--") && w.len() > 2).collect();
    assert!(flags.len() >= 5, "{flags:?}");
    for flag in flags {
        assert!(
            help.contains(&format!("{flag} ")) || help.contains(&format!("{flag}\n")),
            "the workflow passes {flag}, which `jwtproof conformance` does not have:\n{help}"
        );
    }
    for needle in ["cargo install --locked --git", "jwtproof-report/junit.xml", "workflow_call"] {
        assert!(workflow.contains(needle), "the workflow lacks {needle:?}");
    }
}
