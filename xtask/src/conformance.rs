//! `cargo xtask conformance`: the runner of `jwtproof::conformance` in the
//! checkout, knowing the project's own implementations (the in-process
//! adapters, each in a child process, and the protocol adapters of
//! `implementations.json`) and `vectors/`.

use std::path::PathBuf;
use std::process::ExitCode;

use jwtproof::conformance::Project;
pub(crate) use jwtproof::conformance::{Args, Known};
use jwtproof_harness::{Implementation, Reference};

/// The directory of every implementation's expectations file.
pub(crate) fn expectations_dir() -> PathBuf {
    jwtproof_adapters::registry::expectations_dir(&crate::paths::root())
}

/// The reference and the project's registry.
pub(crate) fn registry() -> Result<Vec<Known>, String> {
    let root = crate::paths::root();
    let expectations = |name: &str| Some(expectations_dir().join(format!("{name}.json")));
    let entries = jwtproof_adapters::registry::Registry::load(&root)?.entries;
    let language = |name: &str| entries.iter().find(|e| e.name == name).map(|e| e.language.clone());
    let mut all: Vec<Known> =
        vec![Known { implementation: Box::new(Reference), default: true, expectations: None, language: Some("Rust".to_owned()) }];
    // Each in-process Rust adapter runs in a child process of this binary
    // (`serve-adapter`): a panic, an abort inside a C library or a hang then
    // becomes `crash` or `timeout` for that case, never a crashed run.
    let exe = std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "xtask".to_owned());
    all.extend(jwtproof_adapters::all().into_iter().map(|i| {
        let name = i.name().to_owned();
        let mut isolated = jwtproof_harness::Subprocess::new(name.clone(), vec![exe.clone(), "serve-adapter".to_owned(), name.clone()])
            .timeout(std::time::Duration::from_secs(30))
            .env("RUST_BACKTRACE", "0");
        if jwtproof_adapters::fake_clock(&name) {
            isolated = jwtproof_adapters::under_faketime(isolated, &root, &name);
        }
        Known { implementation: Box::new(isolated), default: true, expectations: expectations(&name), language: language(&name) }
    }));
    all.extend(jwtproof_adapters::external_subprocesses(&root)?.into_iter().map(|s| {
        let (file, language) = (expectations(s.name()), language(s.name()));
        Known { implementation: Box::new(s), default: false, expectations: file, language }
    }));
    Ok(all)
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    jwtproof::conformance::run(args, Project { known: registry()?, root: Some(crate::paths::root()) })
}
