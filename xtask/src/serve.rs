//! `cargo xtask serve-adapter NAME`: runs one in-process Rust adapter
//! behind the subprocess protocol (`jwtproof-adapter/1`), so that the
//! conformance runner can isolate it in a child process: a panic, an abort
//! in a C library, a stack overflow or a hang then becomes `crash` or
//! `timeout` for that case, and the run goes on.

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

use jwtproof_harness::{CaseInput, Implementation, Outcome};
use serde_json::{Value, json};

pub(crate) fn run(name: &str) -> Result<ExitCode, String> {
    let all = jwtproof_adapters::all();
    let adapter = all.iter().find(|a| a.name() == name).ok_or_else(|| format!("no in-process adapter named {name:?}"))?;
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| e.to_string())?;
        let request: Value = serde_json::from_str(&line).map_err(|e| format!("bad request: {e}"))?;
        let answer = match request.get("type").and_then(Value::as_str) {
            Some("hello") => {
                let version = adapter.version().unwrap_or_else(|| name.to_owned());
                let (library, rest) = version.split_once(' ').unwrap_or((version.as_str(), ""));
                json!({"type": "hello", "library": library, "version": rest})
            }
            Some("case") => answer_case(adapter.as_ref(), &line)?,
            other => return Err(format!("unknown request type {other:?}")),
        };
        writeln!(stdout, "{answer}").and_then(|()| stdout.flush()).map_err(|e| e.to_string())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Rebuilds the case as a one-case vector file (the loader checks it like
/// any other) and asks the adapter. A panic is not caught here: it ends
/// the process, which the runner reports as `crash` with the message.
fn answer_case(adapter: &dyn Implementation, line: &str) -> Result<Value, String> {
    // Splice the request's members verbatim: `validation` may hold a
    // `now_ns` beyond 64 bits that a `serde_json::Value` cannot.
    let raw: serde_json::Map<String, Value> = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let id = raw.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
    let validation = raw_member(line, "validation").ok_or("no validation")?;
    let (keys, key_ref) = match raw.get("key") {
        Some(Value::Object(k)) => (format!(r#"{{"k":{}}}"#, Value::Object(k.clone())), r#""k""#.to_owned()),
        _ => ("{}".to_owned(), "null".to_owned()),
    };
    let text = format!(
        r#"{{"format":"jwt-vectors/1","name":"served","description":"-","source":"-","keys":{keys},"tests":[{{"id":{},"description":"-","token":{},"key":{key_ref},"validation":{validation},"expected":"acceptable"}}]}}"#,
        Value::from(id.as_str()),
        raw.get("token").cloned().unwrap_or(Value::Null),
    );
    let file = jwtproof_vectors::load_str(Path::new("served.json"), &text).map_err(|e| e.to_string())?;
    let Some(case) = file.tests.first() else { return Err("no case".to_owned()) };
    let input = CaseInput { file: &file, case, key: file.key_for(case) };
    // The library call alone is timed (`elapsed_ns`), not the request's
    // parsing above: the monotonic clock, as the other languages' adapters.
    let _ = jwtproof_adapters::take_detail();
    let started = std::time::Instant::now();
    let outcome = adapter.verify(&input);
    let elapsed_ns = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    // The library's own words for a rejection (its error), when it gave any.
    let detail = jwtproof_adapters::take_detail();
    Ok(match outcome {
        Outcome::Valid => json!({"type": "outcome", "id": id, "outcome": "valid", "elapsed_ns": elapsed_ns}),
        Outcome::Invalid(kind) => {
            let mut answer =
                json!({"type": "outcome", "id": id, "outcome": "invalid", "error": kind.map(|k| k.as_str()), "elapsed_ns": elapsed_ns});
            if let (Some(detail), Some(map)) = (detail, answer.as_object_mut()) {
                map.insert("detail".into(), Value::from(detail));
            }
            answer
        }
        Outcome::Unsupported(why) | Outcome::Unavailable(why) => {
            json!({"type": "outcome", "id": id, "outcome": "unsupported", "detail": why})
        }
        Outcome::Crash(why) => return Err(format!("adapter reported a crash: {why}")),
        Outcome::Timeout => return Err("adapter reported a timeout".to_owned()),
    })
}

/// The text of a top-level member of a JSON object line, exactly as written.
fn raw_member(line: &str, name: &str) -> Option<String> {
    let map: std::collections::BTreeMap<String, Box<serde_json::value::RawValue>> = serde_json::from_str(line).ok()?;
    map.get(name).map(|v| v.get().to_owned())
}
