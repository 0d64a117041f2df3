//! `cargo xtask fuzz seed | run | promote`: the cargo-fuzz workflow on
//! stable Rust (`-s none`, no sanitizer). See `fuzz/README.md`.
//!
//! Installs nothing: `run` and `promote` need `cargo install cargo-fuzz --locked`.
//!
//! libFuzzer's limits per target (`-max_len`, `-timeout`,
//! `-report_slow_units`) live in `fuzz/options/<target>.options` (the
//! OSS-Fuzz format), read by `run` here, by the CI smoke and by the replay
//! test; see fuzz/README.md, "Slowness".

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::SystemTime;

use clap::Subcommand;
use jwtproof_fuzzing::{TARGETS, VerifyInput};
use jwtproof_vectors::{AllowedEntry, Case, Clock, Expected, ValidationSpec, VectorFile};

#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Fuzz,
}

#[derive(Subcommand)]
enum Fuzz {
    /// Write seeds into fuzz/corpus/<target>/ from every vector (deterministic, id-based names).
    Seed,
    /// Run one target on stable: `cargo fuzz run TARGET -s none` with the dictionary.
    Run {
        /// parse, verify, vectors_load or differential.
        target: String,
        /// Stop after this many seconds.
        #[arg(long, default_value_t = 60)]
        time: u64,
        /// Parallel fuzzing jobs (libFuzzer -fork).
        #[arg(long, default_value_t = 1)]
        jobs: u32,
        /// Keep fuzz/corpus/TARGET unchanged: new inputs go to fuzz/target/scratch-corpus/TARGET.
        #[arg(long)]
        scratch: bool,
        /// Do not stop at the first crash or timeout (libFuzzer fork mode
        /// with -ignore_crashes=1; it ignores timeouts by default): each is
        /// saved in fuzz/artifacts/TARGET/ and the run goes on (for
        /// `differential`, whose findings are library disagreements). The
        /// exit status still fails when a new crash or timeout was saved.
        #[arg(long)]
        keep_going: bool,
    },
    /// Minimize a crash (`cargo fuzz tmin`) and add it to vectors/regressions/fuzz.json.
    /// A `timeout-*` or `slow-unit-*` artifact is not minimized (a smaller
    /// input is a faster one); see fuzz/README.md, "Slowness".
    Promote {
        /// The crash input, e.g. fuzz/artifacts/verify/crash-<sha1>.
        artifact: PathBuf,
        /// The target that found it.
        #[arg(long)]
        target: String,
        /// Take the artifact as it is (no `cargo fuzz tmin`).
        #[arg(long)]
        no_minimize: bool,
        /// For a case the reference rejects: what accepting it means
        /// (forgery, claim-bypass, denial-of-service, misconfiguration,
        /// hardening; docs/spec/vector-format.md). Default: the impact
        /// crates/gen/src/impact.rs gives its error kind, if it has a rule
        /// for any file; else this and --basis are required.
        #[arg(long, requires = "basis")]
        impact: Option<String>,
        /// With --impact: what the rejection rests on (`policy`, or RFC
        /// citations at MUST level such as `RFC 7519 §4.1.4`).
        #[arg(long, requires = "impact")]
        basis: Option<String>,
    },
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    match &args.command {
        Fuzz::Seed => seed(&crate::paths::root()),
        Fuzz::Run { target, time, jobs, scratch, keep_going } => run_target(target, *time, *jobs, *scratch, *keep_going),
        Fuzz::Promote { artifact, target, no_minimize, impact, basis } => {
            let given = impact.as_deref().zip(basis.as_deref());
            promote(artifact, target, *no_minimize, given)
        }
    }
}

fn check_target(target: &str) -> Result<(), String> {
    if TARGETS.contains(&target) { Ok(()) } else { Err(format!("unknown fuzz target {target:?}; the targets are {}", TARGETS.join(", "))) }
}

/// Writes `bytes` to `path` unless it already holds them; whether it wrote.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, String> {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(true)
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            json_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// The seeds of every target, by target and file name.
fn seeds(root: &Path) -> Result<BTreeMap<&'static str, BTreeMap<String, Vec<u8>>>, String> {
    let vectors = root.join("vectors");
    let corpus = jwtproof_vectors::load(std::slice::from_ref(&vectors)).map_err(|e| e.to_string())?;
    let mut out: BTreeMap<&'static str, BTreeMap<String, Vec<u8>>> = BTreeMap::new();
    for (file, case) in corpus.cases() {
        out.entry("parse").or_default().insert(case.id.clone(), case.token.as_bytes().to_vec());
        let key = file.key_for(case);
        for (resign, suffix) in [(false, ""), (true, "-resign")] {
            if let Some(input) = VerifyInput::from_case(&case.token, key.as_ref(), &case.validation, resign) {
                out.entry("verify").or_default().insert(format!("{}{suffix}", case.id), input.to_bytes());
            }
        }
    }
    // Every JSON file under vectors/, the refused ones of invalid-files/ too.
    let mut files = Vec::new();
    json_files(&vectors, &mut files)?;
    for path in files {
        let rel = path.strip_prefix(&vectors).unwrap_or(&path).to_string_lossy().replace(['/', '\\'], "__");
        let text = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        out.entry("vectors_load").or_default().insert(rel, text);
    }
    Ok(out)
}

fn seed(root: &Path) -> Result<ExitCode, String> {
    for (target, files) in seeds(root)? {
        let dir = root.join("fuzz/corpus").join(target);
        let mut written = 0;
        for (name, bytes) in &files {
            written += usize::from(write_if_changed(&dir.join(name), bytes)?);
        }
        println!("fuzz seed: {target}: {} seeds, {written} written to fuzz/corpus/{target}/", files.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(crate::paths::root());
    cmd
}

fn need_cargo_fuzz() -> Result<(), String> {
    match cargo().args(["fuzz", "--version"]).output() {
        Ok(o) if o.status.success() => Ok(()),
        _ => Err("cargo-fuzz is not installed; install it with `cargo install cargo-fuzz --locked`".to_owned()),
    }
}

fn status(cmd: &mut Command) -> Result<bool, String> {
    eprintln!("running {cmd:?}");
    cmd.status().map(|s| s.success()).map_err(|e| format!("cannot run cargo: {e}"))
}

/// The `[libfuzzer]` settings of `fuzz/options/<target>.options`, by name.
fn options(root: &Path, target: &str) -> Result<BTreeMap<String, String>, String> {
    let path = root.join("fuzz/options").join(format!("{target}.options"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = BTreeMap::new();
    let mut section = "";
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
        } else if let Some((k, v)) = line.split_once('=') {
            if section == "libfuzzer" {
                out.insert(k.trim().to_owned(), v.trim().to_owned());
            }
        } else {
            return Err(format!("{}: not `name = value`: {line:?}", path.display()));
        }
    }
    for needed in ["max_len", "timeout", "report_slow_units"] {
        if out.get(needed).is_none_or(|v| v.parse::<u64>().is_err()) {
            return Err(format!("{}: no `{needed} = <integer>` under [libfuzzer]", path.display()));
        }
    }
    Ok(out)
}

/// A setting of [`options`] known to be there (checked when read).
fn option(opts: &BTreeMap<String, String>, name: &str) -> u64 {
    opts.get(name).and_then(|v| v.parse().ok()).unwrap_or_default()
}

/// Inputs of the full `max_len`, for the targets whose property parses
/// inputs of any length (`parse` reads `data` itself as JSON): objects
/// whose cost grows with the member count. libFuzzer grows inputs slowly
/// and the vectors stop at the reference's 64 KiB token limit, where even
/// an O(n²) member loop stays under a second; at 256 KiB a planted one
/// takes 24 s, a linear parse 0.1 s (fuzz/README.md, "Slowness"). Not
/// committed: `run` writes them to fuzz/target/size-seeds/<target>/.
fn size_seeds(target: &str, max_len: usize) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if target != "parse" {
        return out;
    }
    let object = |names: &mut dyn Iterator<Item = String>| {
        let mut text = String::from("{");
        for name in names {
            let member = format!("{}\"{name}\":0", if text.len() > 1 { "," } else { "" });
            if text.len() + member.len() + 1 > max_len {
                break;
            }
            text.push_str(&member);
        }
        text.push('}');
        text.into_bytes()
    };
    let n = max_len / 10;
    let name = |i: usize| format!("x{i:07}");
    out.insert("wide-ascending".to_owned(), object(&mut (0..n).map(name)));
    out.insert("wide-descending".to_owned(), object(&mut (0..n).rev().map(name)));
    out.insert("wide-interleaved".to_owned(), object(&mut (0..n).map(|i| name(if i % 2 == 0 { i / 2 } else { n - 1 - i / 2 }))));
    let prefix = "p".repeat(64);
    out.insert("wide-shared-prefix".to_owned(), object(&mut (0..n).rev().map(|i| format!("{prefix}{i:07}"))));
    out
}

/// The files of a directory, by name.
fn artifact_names(dir: &Path) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

fn run_target(target: &str, time: u64, jobs: u32, scratch: bool, keep_going: bool) -> Result<ExitCode, String> {
    check_target(target)?;
    need_cargo_fuzz()?;
    let root = crate::paths::root();
    let opts = options(&root, target)?;
    let dict = root.join("fuzz/jwt.dict");
    let mut cmd = cargo();
    cmd.args(["fuzz", "run", target, "-s", "none", "--fuzz-dir", "fuzz"]);
    if jobs > 1 && !keep_going {
        cmd.arg(format!("--jobs={jobs}"));
    }
    // libFuzzer writes new inputs into the first corpus directory only.
    let corpus = root.join("fuzz/corpus").join(jwtproof_fuzzing::corpus_name(target));
    if scratch {
        let dir = root.join("fuzz/target/scratch-corpus").join(target);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        cmd.arg(&dir);
    }
    cmd.arg(&corpus);
    let max_len = usize::try_from(option(&opts, "max_len")).unwrap_or(usize::MAX);
    let sized = size_seeds(target, max_len);
    if !sized.is_empty() {
        let dir = root.join("fuzz/target/size-seeds").join(target);
        for (name, bytes) in &sized {
            write_if_changed(&dir.join(name), bytes)?;
        }
        cmd.arg(&dir);
    }
    cmd.arg("--").arg(format!("-max_total_time={time}")).arg(format!("-dict={}", dict.display()));
    cmd.args(opts.iter().map(|(k, v)| format!("-{k}={v}")));
    if keep_going {
        // Fork mode also goes on past timeouts (-ignore_timeouts=1 is its default).
        cmd.arg(format!("-fork={}", jobs.max(1))).arg("-ignore_crashes=1");
    }
    let artifacts = root.join("fuzz/artifacts").join(target);
    let before = artifact_names(&artifacts);
    let ok = status(&mut cmd)?;
    let new: Vec<String> = artifact_names(&artifacts).difference(&before).cloned().collect();
    for name in &new {
        let what = match name.split('-').next().unwrap_or_default() {
            "crash" => "a crash (panic): replay it with cargo test, then promote it".to_owned(),
            "timeout" => format!(
                "a timeout: one input ran over {} s (a normal one takes well under a tenth of that); replay it with cargo test, fix the slowness, keep the artifact (fuzz/README.md, \"Slowness\")",
                option(&opts, "timeout")
            ),
            "slow" => format!(
                "a slow unit: one input took {} s or more, under the timeout; replay it with cargo test to see its time",
                option(&opts, "report_slow_units")
            ),
            _ => "written by libFuzzer (oom, leak, or tmin's output)".to_owned(),
        };
        eprintln!("fuzz run {target}: new artifact fuzz/artifacts/{target}/{name}: {what}");
    }
    if !new.is_empty() {
        eprintln!("  cargo test -p jwtproof-fuzzing --test replay -- {target}/artifacts/");
        eprintln!("  cargo xtask fuzz promote fuzz/artifacts/{target}/<name> --target {target}");
    }
    // With --keep-going, libFuzzer succeeds past its findings: they count.
    let findings = new.iter().any(|n| n.starts_with("crash-") || n.starts_with("timeout-"));
    if ok && !findings {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("fuzz run {target}: crashed, timed out or failed (the new artifacts are listed above)");
        Ok(ExitCode::FAILURE)
    }
}

/// 64-bit FNV-1a: a stable name for an input (std's hasher is not stable).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// `cargo fuzz tmin`, then the newest `minimized-from-*` it wrote.
fn minimize(artifact: &Path, target: &str) -> Result<PathBuf, String> {
    need_cargo_fuzz()?;
    let start = SystemTime::now();
    let mut cmd = cargo();
    cmd.args(["fuzz", "tmin", target, "-s", "none", "--fuzz-dir", "fuzz"]).arg(artifact);
    if !status(&mut cmd)? {
        return Err(format!("cargo fuzz tmin failed on {} (does it still crash? try --no-minimize)", artifact.display()));
    }
    let dir = crate::paths::root().join("fuzz/artifacts").join(target);
    let newest = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("minimized-from-"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .filter(|(t, _)| *t >= start)
        .max();
    newest.map(|(_, p)| p).ok_or_else(|| format!("cargo fuzz tmin wrote no minimized-from-* in {}", dir.display()))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload.downcast_ref::<String>().cloned().or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned())).unwrap_or_default()
}

/// A JWK object.
type JwkMap = serde_json::Map<String, serde_json::Value>;

/// The token, the verifier's key and settings a minimized input stands for.
fn case_inputs(target: &str, data: &[u8]) -> Result<(String, Option<JwkMap>, ValidationSpec), String> {
    match target {
        "parse" => {
            let token = std::str::from_utf8(data)
                .map_err(|_| "the input is not UTF-8, so it is no token; keep the artifact (cargo test replays it)")?;
            let spec =
                ValidationSpec::new(jwtproof_reference::Algorithm::ALL.iter().map(|a| AllowedEntry::Alg(*a)).collect(), Clock::Seconds(0));
            Ok((token.to_owned(), None, spec))
        }
        // `differential` reads the same layout as `verify`.
        "verify" | "differential" => {
            let input = VerifyInput::from_bytes(data);
            let token = input.token().ok_or("the token is not UTF-8; keep the artifact (cargo test replays it)")?;
            let key = match (&input.key, input.public_jwk()) {
                (jwtproof_fuzzing::KeyChoice::None, _) => None,
                (_, Some(jwk)) => Some(jwk),
                (_, None) => return Err("the key is not a JSON object, which a vector cannot hold; keep the artifact".to_owned()),
            };
            Ok((token, key, input.validation))
        }
        _ => Err(format!(
            "a {target} input is not a token; keep it as fuzz/artifacts/{target}/crash-* (committed, replayed by `cargo test -p jwtproof-fuzzing`)"
        )),
    }
}

/// `timeout` for a `timeout-*` artifact, `slow` for a `slow-unit-*`.
fn slowness(artifact: &Path) -> Option<&'static str> {
    let name = artifact.file_name()?.to_str()?;
    if name.starts_with("timeout-") {
        Some("timeout")
    } else if name.starts_with("slow-unit-") {
        Some("slow unit")
    } else {
        None
    }
}

fn promote(artifact: &Path, target: &str, no_minimize: bool, classified: Option<(&str, &str)>) -> Result<ExitCode, String> {
    check_target(target)?;
    let classified = match classified {
        Some((impact, basis)) => Some((
            jwtproof_vectors::Impact::from_name(impact).ok_or_else(|| {
                format!("--impact {impact:?}: not one of forgery, claim-bypass, denial-of-service, misconfiguration, hardening")
            })?,
            basis.to_owned(),
        )),
        None => None,
    };
    let artifact = std::path::absolute(artifact).map_err(|e| e.to_string())?;
    let slow = slowness(&artifact);
    if let Some(kind) = slow
        && !no_minimize
    {
        println!(
            "fuzz promote: a {kind} artifact is taken as it is: `cargo fuzz tmin` keeps what still fails, and a smaller input is a faster one"
        );
    }
    let no_minimize = no_minimize || slow.is_some();
    let input_path = if no_minimize { artifact.clone() } else { minimize(&artifact, target)? };
    let data = std::fs::read(&input_path).map_err(|e| format!("{}: {e}", input_path.display()))?;
    if slow.is_some() && target == "parse" && data.len() > jwtproof_reference::DEFAULT_MAX_TOKEN_LEN {
        return Err(format!(
            "this {}-byte input is over the reference's token limit ({} bytes): its slow part is the parse property reading it as JSON, which no vector can hold. \
             Keep the artifact instead (fuzz/.gitignore keeps timeout-*): `cargo test -p jwtproof-fuzzing --test replay` replays it against the time limit",
            data.len(),
            jwtproof_reference::DEFAULT_MAX_TOKEN_LEN
        ));
    }
    let (token, key, validation) = case_inputs(target, &data)?;

    // What the reference answers, and whether the property holds.
    let reference = catch_unwind(AssertUnwindSafe(|| {
        let v = jwtproof_fuzzing::reference_validation(&validation)?;
        let jwk = key.as_ref().map(jwtproof_reference::Jwk::from_map);
        Some(jwtproof_reference::verify(&token, jwk.as_ref(), &v).map(|_| ()).map_err(|e| e.kind()))
    }));
    // The property's panic is the finding, reported below: no backtrace.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let start = std::time::Instant::now();
    let property = catch_unwind(AssertUnwindSafe(|| jwtproof_fuzzing::run(target, &data)));
    let took = start.elapsed();
    std::panic::set_hook(hook);
    let found = format!(
        "{} input of the fuzz target {target} ({}{}).",
        if no_minimize { "Unminimized" } else { "Minimized" },
        artifact.file_name().unwrap_or_default().to_string_lossy(),
        slow.map_or(String::new(), |k| format!(", a libFuzzer {k}: the {target} property was slow on it"))
    );
    let (expected, error, mut flags, what) = match (reference, property) {
        (Ok(None), _) => return Err("the input has an empty allow-list".to_owned()),
        (Err(p), _) => (
            Expected::Acceptable,
            None,
            vec!["Fuzz", "FuzzCrash"],
            format!(
                "The reference crashed ({}). A conformant verifier must not crash; `acceptable` stands until the spec's answer is filled in.",
                panic_message(&*p)
            ),
        ),
        // A library's disagreement found by `differential`: the case
        // expects what the reference (the executable spec) answers; the
        // libraries' answers go into the description.
        (Ok(Some(answer)), Err(p)) if target == "differential" && panic_message(&*p).contains("differential finding") => {
            let message = panic_message(&*p);
            let libraries: Vec<&str> = message.lines().filter(|l| l.starts_with("  ")).map(str::trim).collect();
            let what = format!("Libraries disagree with the reference: {}.", libraries.join("; "));
            match answer {
                Ok(()) => (Expected::Valid, None, vec!["Fuzz", "FuzzDifferential"], format!("{what} The reference accepts it.")),
                Err(kind) => {
                    (Expected::Invalid, Some(kind), vec!["Fuzz", "FuzzDifferential"], format!("{what} The reference rejects it: {kind}."))
                }
            }
        }
        (Ok(Some(answer)), Err(p)) => (
            Expected::Acceptable,
            None,
            vec!["Fuzz", "FuzzCrash"],
            format!(
                "The reference answers {} but the fuzz property refutes it ({}); `acceptable` stands until the spec's answer is filled in.",
                answer.map_or_else(|k| format!("invalid ({k})"), |()| "valid".to_owned()),
                panic_message(&*p)
            ),
        ),
        (Ok(Some(Ok(()))), Ok(_)) => (Expected::Valid, None, vec!["Fuzz"], "The reference accepts it.".to_owned()),
        (Ok(Some(Err(kind))), Ok(_)) => (Expected::Invalid, Some(kind), vec!["Fuzz"], format!("The reference rejects it: {kind}.")),
    };

    if slow.is_some() {
        flags.push("FuzzTimeout");
    }
    let id = format!("fuzz-{}-{:016x}", target.replace('_', "-"), fnv1a(&data));
    let vectors = crate::paths::root().join("vectors");
    let all = jwtproof_vectors::load(std::slice::from_ref(&vectors)).map_err(|e| e.to_string())?;
    if all.find(&id).is_some() {
        return Err(format!("already promoted as {id}"));
    }
    let path = vectors.join("regressions/fuzz.json");
    let mut file = if path.exists() {
        jwtproof_vectors::load_file(&path).map_err(|e| e.to_string())?
    } else {
        VectorFile {
            path: path.clone(),
            name: "fuzz-regressions".to_owned(),
            description: "Minimized fuzz inputs, promoted by `cargo xtask fuzz promote`. Each case expects what the reference answered, \
                          or `acceptable` (flag FuzzCrash) where the reference crashed or the fuzz property refuted its answer."
                .to_owned(),
            source: "cargo-fuzz (libFuzzer) runs of the fuzz/ targets, minimized with `cargo fuzz tmin`".to_owned(),
            keys: BTreeMap::new(),
            tests: Vec::new(),
        }
    };
    let key_name = match key {
        None => None,
        Some(jwk) => {
            let name = format!("{id}-key");
            file.keys.insert(name.clone(), jwk);
            Some(name)
        }
    };
    let mut case = Case {
        id: id.clone(),
        description: format!("{found} {what}"),
        token,
        key: key_name,
        validation,
        expected,
        error,
        flags: flags.into_iter().map(str::to_owned).collect(),
        impact: None,
        basis: None,
        baseline: None,
    };
    // An invalid case says what accepting it means (vector-format.md):
    // as given, or as the classification tables say for its error kind.
    if expected == Expected::Invalid {
        let (impact, basis) = match classified {
            Some(given) => given,
            None => jwtproof_gen::impact::source("regressions/fuzz.json", &case)
                .and_then(|s| s.verdict())
                .map(|v| (v.impact, v.basis.to_owned()))
                .ok_or_else(|| {
                    format!(
                        "the reference rejects it ({}), and no rule of crates/gen/src/impact.rs classifies that kind for any file: \
                         say what accepting it means with --impact and --basis (docs/spec/vector-format.md)",
                        error.map_or_else(|| "no kind".to_owned(), |k| k.to_string())
                    )
                })?,
        };
        println!("fuzz promote: impact {impact}, basis {basis}");
        case.impact = Some(impact);
        case.basis = Some(basis);
    }
    file.tests.push(case);
    let text = file.to_json_string();
    jwtproof_vectors::load_str(&path, &text).map_err(|e| format!("the new case does not load, nothing written: {e}"))?;
    write_if_changed(&path, text.as_bytes())?;
    jwtproof_vectors::load(&[vectors]).map_err(|e| format!("vectors/ no longer loads: {e}"))?;
    println!(
        "fuzz promote: {id} → vectors/regressions/fuzz.json (expected {expected}{})",
        error.map_or(String::new(), |k| format!(", {k}"))
    );
    if expected == Expected::Acceptable {
        println!("  the reference crashed or was refuted: edit the case's `expected` to the spec's answer once the bug is fixed");
    }
    if let Some(kind) = slow {
        println!(
            "  a {kind}: the property took {took:.2?} on it here (an unoptimized build); the vector pins the verdict, not the time. \
             Keep the artifact (fuzz/.gitignore keeps timeout-*): `cargo test -p jwtproof-fuzzing --test replay` fails while it is over the time limit"
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every vector yields a seed for every target, and seeding is
    /// deterministic.
    #[test]
    fn seeds_cover_every_target() {
        let a = seeds(&crate::paths::root()).unwrap_or_else(|e| panic!("{e}"));
        for t in TARGETS {
            let corpus = jwtproof_fuzzing::corpus_name(t);
            assert!(a.get(corpus).is_some_and(|f| !f.is_empty()), "no seed for {t} (corpus {corpus})");
        }
        assert_eq!(a, seeds(&crate::paths::root()).unwrap_or_else(|e| panic!("{e}")));
    }

    /// Every target has its libFuzzer limits, and the size seeds fit them.
    #[test]
    fn options_for_every_target() {
        for t in TARGETS {
            let opts = options(&crate::paths::root(), t).unwrap_or_else(|e| panic!("{e}"));
            assert!(option(&opts, "report_slow_units") <= option(&opts, "timeout"), "{t}");
            let max_len = usize::try_from(option(&opts, "max_len")).unwrap_or(usize::MAX);
            for (name, seed) in size_seeds(t, max_len) {
                assert!(seed.len() <= max_len && seed.len() > max_len - 100, "{t}/{name}: {} bytes", seed.len());
                let parsed = jwtproof_reference::json::parse_object(&seed).unwrap_or_else(|e| panic!("{t}/{name}: {e}"));
                assert!(parsed.len() > 1000, "{t}/{name}");
            }
        }
        assert_eq!(size_seeds("parse", 1 << 18).len(), 4);
    }

    #[test]
    fn fnv1a_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
