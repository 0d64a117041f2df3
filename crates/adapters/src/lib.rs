//! Adapters: each runs jwtproof cases against one third-party JWT library
//! and reports what the library really does.
//!
//! Each adapter maps the case's settings to the library's own options as
//! faithfully as the library allows, says [`Outcome::Unsupported`] (with
//! the reason) for what it cannot express, and maps the library's errors
//! to the spec's kinds in one function. This is the only crate of the
//! workspace that depends on third-party JWT crates.

use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{Clock, ErrorKind};

mod jsonwebtoken_adapter;

pub use jsonwebtoken_adapter::Jsonwebtoken;

/// Every in-process adapter.
pub fn all() -> Vec<Box<dyn Implementation>> {
    vec![Box::new(Jsonwebtoken)]
}

/// The adapters in other languages, behind the subprocess protocol
/// (`adapters/external.json` lists them; `cargo xtask setup-external`
/// installs their pinned packages). One that cannot start reports
/// `unavailable` with the reason.
pub fn external(root: &std::path::Path) -> Vec<Box<dyn Implementation>> {
    let path = root.join("adapters/external.json");
    let Ok(text) = std::fs::read_to_string(&path) else { return Vec::new() };
    let Ok(serde_json::Value::Array(list)) = serde_json::from_str::<serde_json::Value>(&text) else {
        eprintln!("warning: {} is not a JSON array; no external adapters", path.display());
        return Vec::new();
    };
    let mut out: Vec<Box<dyn Implementation>> = Vec::new();
    for entry in list {
        let name = entry.get("name").and_then(serde_json::Value::as_str).unwrap_or_default();
        let command: Vec<String> = entry
            .get("command")
            .and_then(serde_json::Value::as_array)
            .map(|a| a.iter().filter_map(|c| c.as_str()).map(|c| c.replace("{root}", &root.to_string_lossy())).collect())
            .unwrap_or_default();
        if name.is_empty() || command.is_empty() {
            eprintln!("warning: {}: an entry lacks name or command", path.display());
            continue;
        }
        let mut sub = jwtproof_harness::Subprocess::new(name, command).cwd(root);
        if let Some(secs) = entry.get("timeout_seconds").and_then(serde_json::Value::as_u64) {
            sub = sub.timeout(std::time::Duration::from_secs(secs));
        }
        out.push(Box::new(sub));
    }
    out
}

/// For a library that reads the wall clock and offers no way to set it:
/// whether the case's expected verdict is the same at the real current
/// time as at the case's `now`. Judged by the reference verifier (the
/// executable spec); when they differ the case is time-dependent and the
/// adapter cannot run it faithfully.
pub(crate) fn time_independent(input: &CaseInput<'_>, wall_now: i64) -> bool {
    let mut at_wall = input.case.validation.clone();
    at_wall.clock = match at_wall.clock {
        Clock::Seconds(_) => Clock::Seconds(wall_now),
        Clock::Nanos(_) => Clock::Nanos(i128::from(wall_now) * 1_000_000_000),
    };
    let mut case = input.case.clone();
    case.validation = at_wall;
    let shifted = CaseInput { file: input.file, case: &case, key: input.key.clone() };
    let reference = jwtproof_harness::Reference;
    reference.verify(input) == reference.verify(&shifted)
}

/// The wall-clock time in seconds (adapters only: the reference never
/// reads it).
pub(crate) fn wall_clock_seconds() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Shorthand for a rejection with a mapped kind.
pub(crate) fn invalid(kind: Option<ErrorKind>) -> Outcome {
    Outcome::Invalid(kind)
}
