//! Generates the table of in-process adapters from the one registry of
//! implementations, `implementations.json` at the repository root: for each
//! entry whose `run` is `in-process`, the module `src/<name>_adapter.rs`
//! (`-` as `_`) is declared and its `adapter()` and `prepared()` go into
//! `IN_PROCESS`, with the crate version Cargo.lock pins for `crate` (the
//! entry's `crate`, or its name). Nothing else in this crate lists
//! implementation names. The registry's full schema is checked at run
//! time by `registry::Registry::load` (and its test); this script reads
//! only what it must generate, and fails the build with the file and the
//! entry when that is missing.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_owned()));
    let root = manifest.join("../..");
    let registry = root.join("implementations.json");
    let lock = root.join("Cargo.lock");
    println!("cargo::rerun-if-changed={}", registry.display());
    println!("cargo::rerun-if-changed={}", lock.display());
    let text = std::fs::read_to_string(&registry).unwrap_or_else(|e| panic!("{}: {e}", registry.display()));
    let entries: Vec<serde_json::Value> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not a JSON array of entries: {e}", registry.display()));
    let lock_text = std::fs::read_to_string(&lock).unwrap_or_default();

    let mut mods = String::new();
    let mut versions = String::from(
        "/// The version Cargo.lock pins for the in-process library `name`.\npub(crate) fn locked(name: &str) -> Option<&'static str> {\n    match name {\n",
    );
    let mut table =
        String::from("/// Every in-process adapter, in the registry's order.\npub(crate) static IN_PROCESS: &[InProcess] = &[\n");
    for (i, entry) in entries.iter().enumerate() {
        let Some(run) = entry.get("run").and_then(|r| r.get("in-process")) else { continue };
        let name = entry
            .get("name")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_else(|| panic!("{}: [{i}]: an in-process entry without a name", registry.display()));
        let module = format!("{}_adapter", name.replace('-', "_"));
        let source = manifest.join("src").join(format!("{module}.rs"));
        assert!(source.is_file(), "{}: [{i}] {name:?}: its adapter source {} is missing", registry.display(), source.display());
        println!("cargo::rerun-if-changed={}", source.display());
        let krate = run.get("crate").and_then(serde_json::Value::as_str).unwrap_or(name);
        let version = locked_version(&lock_text, krate)
            .unwrap_or_else(|| panic!("{}: [{i}] {name:?}: crate {krate:?} is not in Cargo.lock", registry.display()));
        let fake_clock = entry.get("fake_clock").and_then(serde_json::Value::as_bool).unwrap_or(false);
        let aws = run
            .get("bench_providers")
            .and_then(serde_json::Value::as_array)
            .is_some_and(|p| p.iter().any(|p| p.as_str() == Some("aws-lc-rs")));
        let _ = writeln!(mods, "#[path = {:?}]\nmod {module};", source.display().to_string());
        let _ = writeln!(versions, "        {name:?} => Some({version:?}),");
        let _ = writeln!(
            table,
            "    InProcess {{ name: {name:?}, fake_clock: {fake_clock}, new: {module}::adapter, prepared: {module}::prepared, aws_lc_rs: {} }},",
            if aws { format!("Some({module}::install_aws_lc_rs)") } else { "None".to_owned() }
        );
    }
    table.push_str("];\n");
    versions.push_str("        _ => None,\n    }\n}\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_owned())).join("in_process.rs");
    std::fs::write(&out, mods + &table).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    let out = out.with_file_name("versions.rs");
    std::fs::write(&out, versions).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// The version Cargo.lock gives the package `name` (the first one, when
/// several versions are locked).
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let needle = format!("name = {name:?}\n");
    let at = lock.find(&needle)?;
    let rest = lock.get(at + needle.len()..)?;
    let line = rest.lines().next()?;
    Some(line.strip_prefix("version = ")?.trim_matches('"').to_owned())
}
