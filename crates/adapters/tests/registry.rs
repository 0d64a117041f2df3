//! The registry of implementations (`implementations.json`) and the files
//! it points at stay in step: every entry has its expectations file and
//! its adapter source, every expectations file an entry; a malformed
//! registry is refused with the file and the JSON path.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jwtproof_adapters::registry::{Build, Install, Registry, Run, expectations_dir};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn every_entry_has_its_expectations_file_and_every_file_an_entry() {
    let root = root();
    let registry = Registry::load(&root).unwrap_or_else(|e| panic!("{e}"));
    assert!(registry.entries.len() >= 24, "the registry lost entries: {}", registry.entries.len());
    let names: BTreeSet<String> = registry.entries.iter().map(|e| e.name.clone()).collect();
    let files: BTreeSet<String> = std::fs::read_dir(expectations_dir(&root))
        .unwrap_or_else(|e| panic!("{}: {e}", expectations_dir(&root).display()))
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".json")).map(str::to_owned))
        .collect();
    let without_file: Vec<&String> = names.difference(&files).collect();
    let without_entry: Vec<&String> = files.difference(&names).collect();
    assert!(without_file.is_empty(), "registry entries without expectations/<name>.json: {without_file:?}");
    assert!(without_entry.is_empty(), "expectations files without a registry entry: {without_entry:?}");
}

#[test]
fn every_entry_points_at_files_that_exist() {
    let root = root();
    let registry = Registry::load(&root).unwrap_or_else(|e| panic!("{e}"));
    let mut missing = Vec::new();
    let adapters = root.join("protocol-adapters");
    for entry in &registry.entries {
        match &entry.run {
            Run::InProcess(_) => {
                let source = root.join("crates/adapters/src").join(format!("{}_adapter.rs", entry.name.replace('-', "_")));
                if !source.is_file() {
                    missing.push(format!("{}: {}", entry.name, source.display()));
                }
            }
            Run::Protocol(p) => {
                // Every argument under {root} that is not a build output is a
                // tracked file; a library module argument (the last one, for
                // the interpreted adapters) lives next to its entry point.
                let mut entry_point: Option<PathBuf> = None;
                for arg in &p.command {
                    if let Some(rel) = arg.strip_prefix("{root}/") {
                        let path = root.join(rel);
                        if rel.starts_with("protocol-adapters/") {
                            if !path.is_file() {
                                missing.push(format!("{}: {}", entry.name, path.display()));
                            }
                            entry_point = Some(path);
                        }
                    } else if let Some(dir) = entry_point.as_ref().and_then(|p| p.parent())
                        && !dir.join(arg).is_file()
                        && !dir.join(format!("{arg}.py")).is_file()
                    {
                        missing.push(format!("{}: library module {arg} next to {}", entry.name, dir.display()));
                    }
                }
                if let Install::Debian(d) = &p.install {
                    assert!(!d.packages.is_empty(), "{}: no Debian package", entry.name);
                    match &d.build {
                        Some(Build::Go(file)) if !adapters.join("go").join(file).is_file() => {
                            missing.push(format!("{}: protocol-adapters/go/{file}", entry.name));
                        }
                        Some(Build::C(c)) if !adapters.join("c").join(&c.source).is_file() => {
                            missing.push(format!("{}: protocol-adapters/c/{}", entry.name, c.source));
                        }
                        Some(Build::Cpp(c)) if !adapters.join("cpp").join(&c.source).is_file() => {
                            missing.push(format!("{}: protocol-adapters/cpp/{}", entry.name, c.source));
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "files the registry names are missing:\n{}", missing.join("\n"));
}

#[test]
fn the_in_process_table_is_the_registry() {
    // build.rs generates the in-process adapters from the same file.
    let registry = Registry::load(&root()).unwrap_or_else(|e| panic!("{e}"));
    let listed: Vec<String> = registry.in_process().map(|(e, _)| e.name.clone()).collect();
    let built: Vec<String> = jwtproof_adapters::all().iter().map(|i| i.name().to_owned()).collect();
    assert_eq!(listed, built);
    let benched: Vec<&str> = jwtproof_adapters::bench::libraries().collect();
    assert_eq!(listed, benched);
    for imp in jwtproof_adapters::all() {
        let version = imp.version().unwrap_or_default();
        assert!(version.starts_with(&format!("{} ", imp.name())) && !version.contains(" ? "), "{}: version {version:?}", imp.name());
    }
}

#[test]
fn a_malformed_registry_is_refused_with_its_file_and_json_path() {
    let path = Path::new("implementations.json");
    let cases = [
        (
            r#"[{"name":"x","language":"Go","run":{"protocol":{"command":["x"],"timeout_seconds":10,"install":"brew"}}}]"#,
            "[0].run.protocol.install",
        ),
        (r#"[{"name":"x","language":"Go","run":{"in-process":{}},"colour":1}]"#, "[0]"),
        (r#"[{"name":"x","language":"Go","run":{"in-process":{}}},{"name":"x","language":"Go","run":{"in-process":{}}}]"#, "[1].name"),
        (r#"[{"name":"Bad Name","language":"Go","run":{"in-process":{}}}]"#, "[0].name"),
        (r#"[{"name":"x","language":"Go","run":{"protocol":{"command":[],"timeout_seconds":10,"install":"pip"}}}]"#, "[0].run.protocol"),
        (r#"{"name":"x"}"#, "$"),
    ];
    for (text, at) in cases {
        let err = Registry::parse(path, text).err().unwrap_or_else(|| panic!("accepted: {text}"));
        assert!(err.starts_with("implementations.json: at "), "{err}");
        assert!(err.contains(&format!("at {at}")), "{text}: {err} (wanted the path {at})");
    }
    assert!(Registry::parse(path, "[]").is_ok_and(|r| r.entries.is_empty()));
}

#[test]
fn every_entry_of_the_project_registry_says_why_it_is_there() {
    let registry = Registry::load(&root()).unwrap_or_else(|e| panic!("{e}"));
    let without: Vec<&str> =
        registry.entries.iter().filter(|e| e.why.as_deref().is_none_or(|w| w.trim().len() < 10)).map(|e| e.name.as_str()).collect();
    assert!(without.is_empty(), "entries without a `why` (who uses it, one line): {without:?}");
}

#[test]
fn every_listed_deviation_of_ours_has_a_reviewed_reason() {
    let root = root();
    let mut unreviewed = Vec::new();
    for entry in std::fs::read_dir(expectations_dir(&root)).unwrap_or_else(|e| panic!("{e}")).filter_map(Result::ok) {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let deviations = doc.get("deviations").and_then(|d| d.as_object()).cloned().unwrap_or_default();
        for (id, d) in deviations {
            let reason = d.get("reason").and_then(|r| r.as_str()).unwrap_or("");
            if reason.starts_with("unreviewed:") || reason.trim().is_empty() {
                unreviewed.push(format!("{}: {id}", path.display()));
            }
        }
    }
    assert!(
        unreviewed.is_empty(),
        "{} deviations without a reviewed reason (written by --bless; say why the library does this): {:?}",
        unreviewed.len(),
        unreviewed.iter().take(20).collect::<Vec<_>>()
    );
}
