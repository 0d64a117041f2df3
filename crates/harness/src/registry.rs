//! The one registry of implementations: `implementations.json` at the
//! repository root, one entry per third-party implementation. The runner
//! (`cargo xtask conformance`), `cargo xtask setup-external`, the
//! benchmarks, the fuzzing crate's differential target and the registry
//! test read it; nothing else lists implementation names (ARCHITECTURE.md,
//! "How to add an implementation"). The in-process entries are also read
//! at build time by `crates/adapters/build.rs`, which declares their
//! modules.
//!
//! The schema is strict: an unknown member, a missing one or a wrong type
//! is refused with the file and the JSON path of the offending value.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The registry file, relative to the repository root.
pub const FILE: &str = "implementations.json";

/// One implementation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Its name in reports, on the command line and as its expectations
    /// file's stem: lowercase ASCII letters, digits, `-` and `_`.
    pub name: String,
    /// The language it is written in (as reports show it).
    pub language: String,
    /// Why it is in the matrix (who uses it), one line. Optional in a
    /// registry from outside the checkout; the project's own registry gives
    /// it for every entry (a test checks).
    #[serde(default)]
    pub why: Option<String>,
    /// How it runs.
    pub run: Run,
    /// The library reads the wall clock and takes no time: its process runs
    /// under libfaketime, the adapter setting each case's time
    /// (`crate::fake_clock`).
    #[serde(default)]
    pub fake_clock: bool,
}

/// How an implementation runs.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Run {
    /// A Rust adapter in this crate, `src/<name>_adapter.rs` (`-` as `_`),
    /// pinned in `crates/adapters/Cargo.toml`; the runner starts it in a
    /// child process of xtask (`serve-adapter`).
    InProcess(InProcess),
    /// An adapter process speaking `jwtproof-adapter/1` on stdin/stdout
    /// (protocol-adapters/README.md).
    Protocol(Protocol),
}

/// An in-process (Rust) implementation.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InProcess {
    /// The crate whose Cargo.lock version is reported (default: the name).
    #[serde(rename = "crate")]
    pub krate: Option<String>,
    /// Crypto providers the benchmarks also measure, each in its own process.
    #[serde(default)]
    pub bench_providers: Vec<Provider>,
    /// The library the benchmark report compares the reference with (the
    /// one most users of the language pick; at most one entry).
    #[serde(default)]
    pub bench_baseline: bool,
    /// False for a library that checks no claims at all (its benchmark
    /// verifier then accepts an expired token; the benchmarks' test allows it).
    #[serde(default = "yes")]
    pub checks_exp: bool,
}

fn yes() -> bool {
    true
}

/// A crypto provider a Rust library can be switched to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Provider {
    /// aws-lc-rs.
    #[serde(rename = "aws-lc-rs")]
    AwsLcRs,
}

/// A protocol adapter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    /// The command line; `{root}` is replaced by the repository root.
    pub command: Vec<String>,
    /// The limit of one request, in seconds.
    pub timeout_seconds: u64,
    /// How `cargo xtask setup-external` installs the library.
    pub install: Install,
}

/// Where a protocol adapter's library comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Install {
    /// PyPI, pinned in `protocol-adapters/python/requirements.txt`, into
    /// one venv.
    Pip,
    /// npm, locked in `protocol-adapters/node/package-lock.json`.
    Npm,
    /// Maven Central, pinned in `protocol-adapters/java/pom.xml`; built
    /// with `mvn package` (classes and the dependencies' jars under
    /// `protocol-adapters/java/target/`).
    Maven,
    /// Debian packages.
    Debian(Debian),
    /// A Go module pinned in `protocol-adapters/go/go.mod` and `go.sum`,
    /// fetched from the Go module proxy: the adapter is
    /// `protocol-adapters/go/common.go` + this file, built in module mode
    /// into `target/external/go/<name>`.
    #[serde(rename = "go-module")]
    GoModule(GoModule),
    /// Installed by whoever runs it (an implementation registered from
    /// outside the checkout, `--registry`): setup-external does nothing.
    None,
}

/// A protocol adapter built against Go modules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoModule {
    /// The library's adapter file, beside `common.go` in `protocol-adapters/go/`.
    pub file: String,
}

/// A library from Debian packages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Debian {
    /// The packages to install (`apt-get install --no-install-recommends`).
    pub packages: Vec<String>,
    /// The package whose version is the library's (written next to the
    /// built binary as `<name>.version`); none when the adapter reads the
    /// library's own version.
    pub version_of: Option<String>,
    /// How the adapter is built (none: interpreted).
    pub build: Option<Build>,
}

/// How a native adapter is built.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Build {
    /// `go build` (GOPATH mode, Debian's `/usr/share/gocode`) of
    /// `protocol-adapters/go/common.go` and this file, into
    /// `target/external/go/<name>`.
    Go(String),
    /// gcc of `protocol-adapters/c/common.c` and this source, into
    /// `target/external/c/<name>`.
    C(CBuild),
    /// gcc of `protocol-adapters/c/common.c` (the protocol loop, linked as C)
    /// and g++ -std=c++17 of `protocol-adapters/cpp/` + this source, into
    /// `target/external/cpp/<name>`.
    Cpp(CppBuild),
}

/// A C++ adapter's build.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CppBuild {
    /// The adapter's own source file, in `protocol-adapters/cpp/`.
    pub source: String,
    /// The pkg-config modules it links with (jansson at least).
    pub pkg_config: Vec<String>,
    /// Libraries linked with `-l` for a library that ships no pkg-config
    /// file (POCO).
    #[serde(default)]
    pub libs: Vec<String>,
}

/// A C adapter's build.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CBuild {
    /// The adapter's own source file.
    pub source: String,
    /// The pkg-config modules it links with.
    pub pkg_config: Vec<String>,
}

/// The registry, as loaded and checked.
#[derive(Debug, Clone)]
pub struct Registry {
    /// The file it came from.
    pub path: PathBuf,
    /// Its entries, in the file's order.
    pub entries: Vec<Entry>,
}

impl Registry {
    /// Loads `implementations.json` under `root`.
    pub fn load(root: &Path) -> Result<Self, String> {
        let path = root.join(FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Self::parse(&path, &text)
    }

    /// Loads a registry file outside the checkout (`--registry`).
    pub fn load_file(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Self::parse(path, &text)
    }

    /// Parses and checks a registry's text (`path` is for messages).
    pub fn parse(path: &Path, text: &str) -> Result<Self, String> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let entries: Vec<Entry> = serde_path_to_error::deserialize(de).map_err(|e| {
            let at = e.path().to_string();
            format!("{}: at {}: {}", path.display(), if at.is_empty() || at == "." { "$".to_owned() } else { at }, e.inner())
        })?;
        let mut seen = std::collections::BTreeSet::new();
        let mut baseline_seen = false;
        for (i, e) in entries.iter().enumerate() {
            let bad = e.name.is_empty()
                || e.name == "reference"
                || e.name == "all"
                || !e.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
            if bad {
                return Err(format!(
                    "{}: at [{i}].name: {:?} is not a name (lowercase ASCII letters, digits, - and _; not `reference` or `all`)",
                    path.display(),
                    e.name
                ));
            }
            if !seen.insert(e.name.as_str()) {
                return Err(format!("{}: at [{i}].name: {:?} is listed twice", path.display(), e.name));
            }
            if let Run::InProcess(run) = &e.run
                && run.bench_baseline
                && std::mem::replace(&mut baseline_seen, true)
            {
                return Err(format!("{}: at [{i}].run.in-process.bench_baseline: a second baseline", path.display()));
            }
            if let Run::Protocol(p) = &e.run
                && (p.command.is_empty() || p.timeout_seconds == 0)
            {
                return Err(format!("{}: at [{i}].run.protocol: an empty command or a zero timeout", path.display()));
            }
        }
        Ok(Self { path: path.to_owned(), entries })
    }

    /// The entry named `name`.
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// The in-process entries.
    pub fn in_process(&self) -> impl Iterator<Item = (&Entry, &InProcess)> {
        self.entries.iter().filter_map(|e| match &e.run {
            Run::InProcess(i) => Some((e, i)),
            Run::Protocol(_) => None,
        })
    }

    /// The protocol entries.
    pub fn protocol(&self) -> impl Iterator<Item = (&Entry, &Protocol)> {
        self.entries.iter().filter_map(|e| match &e.run {
            Run::Protocol(p) => Some((e, p)),
            Run::InProcess(_) => None,
        })
    }
}

/// The directory of every implementation's expectations file.
pub fn expectations_dir(root: &Path) -> PathBuf {
    root.join("expectations")
}

/// The environment variable that names the libfaketime timestamp file an
/// adapter process may write (set by the runner with libfaketime's own).
pub const FAKE_CLOCK_ENV: &str = "JWTPROOF_FAKETIME_FILE";

/// The protocol entries of `registry` as subprocesses: in each command,
/// `{root}` is the jwtproof checkout `root` and `{dir}` the registry file's
/// directory (for a registry outside the checkout, `--registry`); the
/// process runs in `root`.
pub fn subprocesses(registry: &Registry, root: &std::path::Path) -> Vec<crate::Subprocess> {
    let root_text = root.to_string_lossy();
    let dir = registry
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| std::path::PathBuf::from("."));
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let dir_text = dir.to_string_lossy();
    let mut out = Vec::new();
    for (entry, protocol) in registry.protocol() {
        let name = entry.name.as_str();
        let command: Vec<String> = protocol.command.iter().map(|c| c.replace("{root}", &root_text).replace("{dir}", &dir_text)).collect();
        let mut sub = crate::Subprocess::new(name, command).cwd(root).timeout(std::time::Duration::from_secs(protocol.timeout_seconds));
        // `"fake_clock": true`: the library reads the wall clock and takes no
        // time; its process runs under libfaketime, the adapter sets the
        // case's time (see `faketime_env`; without libfaketime the adapter
        // answers `unsupported` for every case that needs a clock).
        if entry.fake_clock {
            sub = under_faketime(sub, root, name);
        }
        out.push(sub);
    }
    out
}

/// `sub` with its wall clock libfaketime's ([`faketime_env`]), its
/// timestamp file under `root`/target/faketime/; unchanged (with a note on
/// stderr) without libfaketime, when the adapter answers `unsupported` for
/// every case that needs a clock.
pub fn under_faketime(mut sub: crate::Subprocess, root: &std::path::Path, name: &str) -> crate::Subprocess {
    let Some(lib) = libfaketime() else {
        eprintln!("{name}: libfaketime is not installed: its time-dependent cases are skipped");
        return sub;
    };
    let file = root.join("target/faketime").join(format!("{name}-{}", std::process::id()));
    match faketime_env(&lib, &file) {
        Ok(env) => {
            for (k, v) in env {
                sub = sub.env(k, v);
            }
        }
        Err(e) => eprintln!("{name}: libfaketime not used ({e}): its time-dependent cases are skipped"),
    }
    sub
}

/// Debian's multi-threaded libfaketime (`/usr/lib/<triplet>/faketime/
/// libfaketimeMT.so.1`, package `libfaketime`), if installed.
pub fn libfaketime() -> Option<std::path::PathBuf> {
    std::fs::read_dir("/usr/lib")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("faketime/libfaketimeMT.so.1"))
        .chain([std::path::PathBuf::from("/usr/lib/faketime/libfaketimeMT.so.1")])
        .find(|p| p.is_file())
}

/// The environment of an adapter process whose wall clock is libfaketime's
/// (`lib`, from [`libfaketime`]), set per case by the adapter through the
/// timestamp file `file` (`jwtproof_adapters::fake_clock`): frozen absolute times, re-read
/// on every clock call, UTC, the monotonic clock left real so that timings
/// stay true. Writes the file's first time (libfaketime reads it when the
/// process starts).
pub fn faketime_env(lib: &std::path::Path, file: &std::path::Path) -> Result<Vec<(String, String)>, String> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(file, "2000-01-01 00:00:00\n").map_err(|e| format!("{}: {e}", file.display()))?;
    let file = file.to_string_lossy().into_owned();
    Ok(vec![
        ("LD_PRELOAD".to_owned(), lib.to_string_lossy().into_owned()),
        ("FAKETIME_TIMESTAMP_FILE".to_owned(), file.clone()),
        ("FAKETIME_NO_CACHE".to_owned(), "1".to_owned()),
        ("DONT_FAKE_MONOTONIC".to_owned(), "1".to_owned()),
        ("TZ".to_owned(), "UTC".to_owned()),
        (FAKE_CLOCK_ENV.to_owned(), file),
    ])
}
