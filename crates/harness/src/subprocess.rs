//! The subprocess protocol, `jwtproof-adapter/1`: any program, in any
//! language, can be judged by jwtproof.
//!
//! The runner starts the adapter program and talks to it in JSON lines:
//! one request per line on its stdin, one answer per line on its stdout
//! (stderr is free for logs).
//!
//! 1. `{"type":"hello","protocol":"jwtproof-adapter/1"}` →
//!    `{"type":"hello","library":"PyJWT","version":"2.10.1"}`
//! 2. `{"type":"case","id":…,"token":…,"key":{public JWK}|null,"validation":{…}}`
//!    (`validation` exactly as in the vector file) →
//!    `{"type":"outcome","id":…,"outcome":"valid"|"invalid"|"unsupported","error":<kind>?,"detail":<text>?,"elapsed_ns":<n>?}`
//!
//! `elapsed_ns` (optional, a non-negative number of nanoseconds, integer or
//! not) is the time the adapter measured with its language's monotonic
//! clock around the library call alone: not reading the request, not
//! writing the answer. The runner uses it as the case's time (see
//! [`RunResult::elapsed`](crate::RunResult::elapsed)), capped at the round
//! trip it measured itself; without it, the round trip is the time (which
//! adds the pipe and the JSON encoding of a ~64 KB token to both sides of a
//! cost comparison, and so understates a ratio).
//!
//! No answer within the timeout is `timeout` (the process is killed and
//! restarted for the next case); a process that dies is `crash` for that
//! case and is restarted; a program that cannot start is `unavailable`.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use jwtproof_reference::ErrorKind;
use serde_json::{Value, json};

use crate::{CaseInput, Implementation, Outcome};

/// The protocol's name and version.
pub const PROTOCOL: &str = "jwtproof-adapter/1";

/// What an adapter says of itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AdapterInfo {
    /// The library's name.
    pub library: String,
    /// The library's version.
    pub version: String,
}

/// An implementation behind the subprocess protocol.
pub struct Subprocess {
    name: String,
    command: Vec<String>,
    cwd: Option<PathBuf>,
    env: Vec<(String, String)>,
    timeout: Duration,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    running: Option<Running>,
    info: Option<Result<AdapterInfo, String>>,
}

struct Running {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<Option<String>>,
    stderr: Arc<Mutex<Vec<u8>>>,
}

enum Failure {
    Timeout,
    Died(String),
    Unavailable(String),
}

impl Subprocess {
    /// An adapter started as `command[0] command[1..]`, 10 s per case.
    pub fn new(name: impl Into<String>, command: Vec<String>) -> Self {
        Subprocess {
            name: name.into(),
            command,
            cwd: None,
            env: Vec::new(),
            timeout: Duration::from_secs(10),
            state: Mutex::new(State::default()),
        }
    }

    /// The time one case may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The working directory of the adapter process.
    pub fn cwd(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cwd = Some(dir.into());
        self
    }

    /// An environment variable for the adapter process.
    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// The library and version the adapter reports (starting it if needed),
    /// or why it is unavailable.
    pub fn info(&self) -> Result<AdapterInfo, String> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.info.is_none() {
            let started = self.start().map(|(running, info)| {
                state.running = Some(running);
                info
            });
            state.info = Some(started.map_err(|e| match e {
                Failure::Unavailable(why) | Failure::Died(why) => why,
                Failure::Timeout => "no hello answer in time".to_owned(),
            }));
        }
        state.info.clone().unwrap_or_else(|| Err("not started".to_owned()))
    }

    fn start(&self) -> Result<(Running, AdapterInfo), Failure> {
        let (program, args) = self.command.split_first().ok_or_else(|| Failure::Unavailable("empty command".to_owned()))?;
        let mut cmd = Command::new(program);
        cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        if let Some(dir) = &self.cwd {
            cmd.current_dir(dir);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().map_err(|e| Failure::Unavailable(format!("cannot start {program}: {e}")))?;
        let (Some(stdin), Some(stdout), Some(mut stderr_pipe)) = (child.stdin.take(), child.stdout.take(), child.stderr.take()) else {
            let _ = child.kill();
            return Err(Failure::Unavailable("no pipes".to_owned()));
        };
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => {
                        let _ = tx.send(None);
                        return;
                    }
                    Ok(_) => {
                        if tx.send(Some(line)).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        // Keep the last few KiB of stderr to explain a crash.
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr_pipe.read(&mut buf) {
                if n == 0 {
                    return;
                }
                let mut s = sink.lock().unwrap_or_else(PoisonError::into_inner);
                s.extend_from_slice(buf.get(..n).unwrap_or_default());
                let excess = s.len().saturating_sub(4096);
                s.drain(..excess);
            }
        });
        let mut running = Running { child, stdin, lines: rx, stderr };
        let hello = json!({"type": "hello", "protocol": PROTOCOL}).to_string();
        let answer = match self.exchange(&mut running, &hello) {
            Ok(a) => a,
            Err(e) => {
                let _ = running.child.kill();
                let _ = running.child.wait();
                return Err(match e {
                    Failure::Died(why) => Failure::Unavailable(format!("adapter did not start: {why}")),
                    other => other,
                });
            }
        };
        let v: Value = serde_json::from_str(&answer).map_err(|e| Failure::Unavailable(format!("bad hello answer: {e}")))?;
        let field = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("?").to_owned();
        if let Some(why) = v.get("unavailable").and_then(Value::as_str) {
            let _ = running.child.kill();
            let _ = running.child.wait();
            return Err(Failure::Unavailable(why.to_owned()));
        }
        Ok((running, AdapterInfo { library: field("library"), version: field("version") }))
    }

    fn exchange(&self, running: &mut Running, request: &str) -> Result<String, Failure> {
        let sent =
            running.stdin.write_all(request.as_bytes()).and_then(|()| running.stdin.write_all(b"\n")).and_then(|()| running.stdin.flush());
        if let Err(e) = sent {
            return Err(Failure::Died(self.death(running, &format!("stdin closed: {e}"))));
        }
        match running.lines.recv_timeout(self.timeout) {
            Ok(Some(line)) => Ok(line),
            Ok(None) | Err(RecvTimeoutError::Disconnected) => Err(Failure::Died(self.death(running, "exited"))),
            Err(RecvTimeoutError::Timeout) => Err(Failure::Timeout),
        }
    }

    fn death(&self, running: &mut Running, what: &str) -> String {
        std::thread::sleep(Duration::from_millis(50));
        let status = match running.child.try_wait() {
            Ok(Some(s)) => s.to_string(),
            _ => "still running".to_owned(),
        };
        let stderr = running.stderr.lock().unwrap_or_else(PoisonError::into_inner);
        let tail = String::from_utf8_lossy(&stderr);
        let tail = tail.trim();
        let last: String = tail.lines().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join(" | ");
        format!("{what} ({status}){}", if last.is_empty() { String::new() } else { format!(": {last}") })
    }

    fn request(&self, request: &str) -> Result<String, Failure> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(Err(why)) = &state.info {
            return Err(Failure::Unavailable(why.clone()));
        }
        if state.running.is_none() {
            match self.start() {
                Ok((running, info)) => {
                    state.running = Some(running);
                    state.info = Some(Ok(info));
                }
                Err(Failure::Unavailable(why)) => {
                    state.info = Some(Err(why.clone()));
                    return Err(Failure::Unavailable(why));
                }
                Err(e) => return Err(e),
            }
        }
        let Some(running) = state.running.as_mut() else { return Err(Failure::Died("not running".to_owned())) };
        let result = self.exchange(running, request);
        if result.is_err() {
            // A dead or hung adapter is killed; the next case restarts it.
            if let Some(mut r) = state.running.take() {
                let _ = r.child.kill();
                let _ = r.child.wait();
            }
        }
        result
    }
}

impl Subprocess {
    /// Times `iterations` verifications of one accepted token inside the
    /// adapter process (the protocol's `bench` request:
    /// `{"type":"bench","id","token","key","validation","iterations","wall_clock":true}` →
    /// `{"type":"bench","id","ns_per_op","overhead_ns_per_op"?}` or
    /// `{"…","unsupported":why}`). `wall_clock`: the token is valid at the
    /// wall clock and `validation.now` is the wall clock, so the adapter
    /// fakes no clock inside the timed loop (the library reads its own).
    /// `overhead_ns_per_op`: the same loop around a call that does nothing,
    /// the adapter's own cost, where the adapter measures it. Process
    /// start-up is not measured. Adapters that do not implement the request
    /// answer something else, reported as an error.
    pub fn bench(&self, input: &CaseInput<'_>, iterations: u32) -> Result<(f64, Option<f64>), String> {
        let request = format!(
            r#"{{"type":"bench","id":{},"token":{},"key":{},"validation":{},"iterations":{iterations},"wall_clock":true}}"#,
            Value::from(input.case.id.as_str()),
            Value::from(input.case.token.as_str()),
            input.key.as_ref().map_or(Value::Null, |k| Value::Object(k.clone())),
            input.case.validation.to_json_string(),
        );
        let line = self.request(&request).map_err(|e| match e {
            Failure::Timeout => "timed out".to_owned(),
            Failure::Died(why) | Failure::Unavailable(why) => why,
        })?;
        let v: Value = serde_json::from_str(&line).map_err(|e| format!("not JSON: {e}"))?;
        if v.get("type").and_then(Value::as_str) != Some("bench") {
            return Err("the adapter does not implement the bench request".to_owned());
        }
        if let Some(why) = v.get("unsupported").and_then(Value::as_str) {
            return Err(format!("not accepted: {why}"));
        }
        let ns = v.get("ns_per_op").and_then(Value::as_f64).ok_or_else(|| "no ns_per_op".to_owned())?;
        Ok((ns, v.get("overhead_ns_per_op").and_then(Value::as_f64)))
    }
}

impl Drop for Subprocess {
    fn drop(&mut self) {
        let state = self.state.get_mut().unwrap_or_else(PoisonError::into_inner);
        if let Some(mut r) = state.running.take() {
            let _ = r.child.kill();
            let _ = r.child.wait();
        }
    }
}

/// Parses an adapter's answer to a case: the outcome, the time the
/// adapter measured (`elapsed_ns`) if it gives a usable one, and its
/// `detail` (the library's words; for `unsupported`, it is the reason).
fn parse_outcome(line: &str, id: &str) -> (Outcome, Option<Duration>, Option<String>) {
    let Ok(v) = serde_json::from_str::<Value>(line) else {
        return (Outcome::Crash(format!("protocol error: not JSON: {}", line.trim())), None, None);
    };
    if v.get("id").and_then(Value::as_str) != Some(id) {
        return (Outcome::Crash(format!("protocol error: answer for another case: {}", line.trim())), None, None);
    }
    let elapsed = v
        .get("elapsed_ns")
        .and_then(Value::as_f64)
        .filter(|ns| ns.is_finite() && *ns >= 0.0 && *ns < 1e18)
        .map(|ns| Duration::from_secs_f64(ns / 1e9));
    let detail = v.get("detail").and_then(Value::as_str).unwrap_or_default().to_owned();
    let outcome = match v.get("outcome").and_then(Value::as_str) {
        Some("valid") => Outcome::Valid,
        Some("invalid") => Outcome::Invalid(v.get("error").and_then(Value::as_str).and_then(ErrorKind::from_name)),
        Some("unsupported") => {
            return (Outcome::Unsupported(if detail.is_empty() { "unsupported by the adapter".to_owned() } else { detail }), elapsed, None);
        }
        _ => Outcome::Crash(format!("protocol error: no outcome: {}", line.trim())),
    };
    (outcome, elapsed, (!detail.is_empty()).then_some(detail))
}

impl Implementation for Subprocess {
    fn name(&self) -> &str {
        &self.name
    }

    fn version(&self) -> Option<String> {
        self.info().ok().map(|i| format!("{} {}", i.library, i.version))
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        self.verify_timed(input).0
    }

    fn verify_timed(&self, input: &CaseInput<'_>) -> (Outcome, Option<Duration>) {
        let (outcome, elapsed, _) = self.verify_detailed(input);
        (outcome, elapsed)
    }

    fn verify_detailed(&self, input: &CaseInput<'_>) -> (Outcome, Option<Duration>, Option<String>) {
        // Written by hand so that `validation` keeps every digit of a
        // `now_ns` beyond 64 bits.
        let request = format!(
            r#"{{"type":"case","id":{},"token":{},"key":{},"validation":{}}}"#,
            Value::from(input.case.id.as_str()),
            Value::from(input.case.token.as_str()),
            input.key.as_ref().map_or(Value::Null, |k| Value::Object(k.clone())),
            input.case.validation.to_json_string(),
        );
        match self.request(&request) {
            Ok(line) => parse_outcome(&line, &input.case.id),
            Err(Failure::Timeout) => (Outcome::Timeout, None, None),
            Err(Failure::Died(why)) => (Outcome::Crash(why), None, None),
            Err(Failure::Unavailable(why)) => (Outcome::Unavailable(why), None, None),
        }
    }
}
