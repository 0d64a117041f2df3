//! No import cycle between the files of one crate (ARCHITECTURE.md,
//! invariants): for every crate of the workspace, a file's imports
//! (`crate::…` paths, and in the crate root its own modules' paths) point
//! at the file that defines the item, re-exports resolved; the graph must be
//! acyclic. The check is textual (comments skipped), which is enough for
//! this tree's style; its own test shows it finds a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The files of one crate's `src/`: module name (first path segment) → text.
fn crate_files(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(src).unwrap_or(&path);
                let module = rel.iter().next().and_then(|s| s.to_str()).unwrap_or_default().trim_end_matches(".rs").to_owned();
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                out.entry(module).or_insert_with(String::new).push_str(&text);
            }
        }
    }
    out
}

/// The code of a file without its comment lines.
fn code(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.starts_with("//"))
}

/// The names a file defines at any level (struct, enum, fn, trait, type,
/// const, static, macro).
fn definitions(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code(text) {
        let mut words = line.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).peekable();
        while let Some(w) = words.next() {
            if matches!(w, "struct" | "enum" | "fn" | "trait" | "type" | "const" | "static" | "macro_rules")
                && let Some(name) = words.peek()
            {
                out.insert((*name).to_owned());
            }
        }
    }
    out
}

/// The first segments of the paths after `crate::` on a line, `crate::{a,
/// b::c}` giving `a` and `b`.
fn crate_refs(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let before = rest.get(..at).and_then(|b| b.chars().last());
        rest = rest.get(at + "crate::".len()..).unwrap_or_default();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // e.g. `jwtproof_crate::`
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group.get(..end).unwrap_or_default().split(',') {
                let first = item.trim().split("::").next().unwrap_or_default().trim();
                if !first.is_empty() {
                    out.push(first.to_owned());
                }
            }
        } else {
            let first: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !first.is_empty() {
                out.push(first);
            }
        }
    }
    out
}

/// The crate's file graph: module → the modules it imports from.
fn graph(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let root = if files.contains_key("lib") { "lib" } else { "main" };
    let defs: BTreeMap<&String, BTreeSet<String>> = files.iter().map(|(m, t)| (m, definitions(t))).collect();
    // An item named through the root resolves to the file that defines it
    // (a re-export is not a definition), else to the root.
    let resolve = |name: &str| -> Option<String> {
        if files.contains_key(name) {
            return Some(name.to_owned());
        }
        defs.iter().find(|(m, d)| m.as_str() != root && d.contains(name)).map(|(m, _)| (*m).clone()).or_else(|| Some(root.to_owned()))
    };
    let mut g = BTreeMap::new();
    for (module, text) in files {
        let mut deps = BTreeSet::new();
        for line in code(text) {
            for r in crate_refs(line) {
                if let Some(target) = resolve(&r) {
                    deps.insert(target);
                }
            }
            if module == root && !line.starts_with("mod ") && !line.starts_with("pub mod ") && !line.starts_with("pub(crate) mod ") {
                for m in files.keys().filter(|m| m.as_str() != root) {
                    let mut rest = line;
                    while let Some(at) = rest.find(&format!("{m}::")) {
                        let before = rest.get(..at).and_then(|b| b.chars().last());
                        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                            deps.insert(m.clone());
                        }
                        rest = rest.get(at + m.len() + 2..).unwrap_or_default();
                    }
                }
            }
        }
        deps.remove(module);
        g.insert(module.clone(), deps);
    }
    g
}

/// The cycles of `g` (each as the path that closes it).
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn dfs(
        u: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        out: &mut Vec<Vec<String>>,
    ) {
        state.insert(u.to_owned(), 1);
        stack.push(u.to_owned());
        for v in g.get(u).into_iter().flatten() {
            match state.get(v) {
                Some(1) => {
                    let from = stack.iter().position(|s| s == v).unwrap_or(0);
                    let mut cycle: Vec<String> = stack.get(from..).unwrap_or_default().to_vec();
                    cycle.push(v.clone());
                    out.push(cycle);
                }
                Some(_) => {}
                None => dfs(v, g, state, stack, out),
            }
        }
        stack.pop();
        state.insert(u.to_owned(), 2);
    }
    let mut state = BTreeMap::new();
    let mut out = Vec::new();
    for u in g.keys() {
        if !state.contains_key(u) {
            dfs(u, g, &mut state, &mut Vec::new(), &mut out);
        }
    }
    out
}

fn workspace_crates() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .unwrap_or_else(|e| panic!("crates/: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    out.push(root.join("xtask/src"));
    out.push(root.join("benches/src"));
    out.sort();
    out
}

#[test]
fn no_crate_has_an_import_cycle_between_its_files() {
    let mut found = Vec::new();
    for src in workspace_crates() {
        for cycle in cycles(&graph(&crate_files(&src))) {
            found.push(format!("{}: {}", src.display(), cycle.join(" → ")));
        }
    }
    assert!(found.is_empty(), "import cycles between files:\n{}", found.join("\n"));
}

#[test]
fn the_check_finds_a_cycle() {
    let files: BTreeMap<String, String> = [
        ("lib".to_owned(), "mod runner;\nmod report;\npub use runner::Run;\n".to_owned()),
        ("runner".to_owned(), "use crate::report;\npub struct Run;\n".to_owned()),
        ("report".to_owned(), "// crate::nothing in a comment\nuse crate::{Run, lib_free};\n".to_owned()),
    ]
    .into();
    let found = cycles(&graph(&files));
    assert!(found.iter().any(|c| c.contains(&"runner".to_owned()) && c.contains(&"report".to_owned())), "{found:?}");
    // Without the back edge there is none (the re-export is not the root's).
    let mut acyclic = files.clone();
    acyclic.insert("report".to_owned(), "pub fn render() {}\n".to_owned());
    assert!(cycles(&graph(&acyclic)).is_empty(), "{:?}", cycles(&graph(&acyclic)));
}
