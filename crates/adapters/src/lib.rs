//! Adapters: each runs jwtproof cases against one third-party JWT library
//! and reports what the library really does.
//!
//! Each adapter maps the case's settings to the library's own options as
//! faithfully as the library allows, says [`Outcome::Unsupported`] (with
//! the reason) for what it cannot express, and maps the library's errors
//! to the spec's kinds in one function. This is the only crate of the
//! workspace that depends on third-party JWT crates.

use jwtproof_harness::Implementation;

pub mod bench;
mod common;
pub mod fake_clock;
pub mod registry;
mod table;
mod versions;

pub use common::take_detail;
use table::IN_PROCESS;

/// Every in-process adapter, in the registry's order.
pub fn all() -> Vec<Box<dyn Implementation>> {
    IN_PROCESS.iter().map(|i| (i.new)()).collect()
}

/// Whether the in-process adapter `name` reads the wall clock and takes no
/// time (the registry's `fake_clock`): the runner then starts its process
/// under libfaketime ([`fake_clock`]) when [`libfaketime`] finds it.
pub fn fake_clock(name: &str) -> bool {
    IN_PROCESS.iter().any(|i| i.name == name && i.fake_clock)
}

/// The protocol adapters of the project's registry, as subprocesses.
pub fn external_subprocesses(root: &std::path::Path) -> Result<Vec<jwtproof_harness::Subprocess>, String> {
    Ok(subprocesses(&registry::Registry::load(root)?, root))
}

/// The protocol entries of `registry` as subprocesses: in each command,
/// `{root}` is the jwtproof checkout `root` and `{dir}` the registry file's
/// directory (for a registry outside the checkout, `--registry`); the
/// process runs in `root`.
pub fn subprocesses(registry: &registry::Registry, root: &std::path::Path) -> Vec<jwtproof_harness::Subprocess> {
    let root_text = root.to_string_lossy();
    let dir = registry.path.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let dir_text = dir.to_string_lossy();
    let mut out = Vec::new();
    for (entry, protocol) in registry.protocol() {
        let name = entry.name.as_str();
        let command: Vec<String> = protocol.command.iter().map(|c| c.replace("{root}", &root_text).replace("{dir}", &dir_text)).collect();
        let mut sub =
            jwtproof_harness::Subprocess::new(name, command).cwd(root).timeout(std::time::Duration::from_secs(protocol.timeout_seconds));
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
pub fn under_faketime(mut sub: jwtproof_harness::Subprocess, root: &std::path::Path, name: &str) -> jwtproof_harness::Subprocess {
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
/// timestamp file `file` ([`fake_clock`]): frozen absolute times, re-read
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
        (fake_clock::ENV.to_owned(), file),
    ])
}
