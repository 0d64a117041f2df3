//! Embeds the default corpus (what `cargo xtask conformance` loads: every
//! vector file under `vectors/` except `imported/`, `invalid-files/`,
//! `keys/` and `schema.json`) so that the installed `jwtproof` binary needs
//! no checkout. The same selection as `jwtproof_harness::default_vector_paths`.

use std::path::{Path, PathBuf};

fn walk(dir: &Path, top: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !(top && matches!(name.as_str(), "imported" | "invalid-files" | "keys")) {
                walk(&path, false, out);
            }
        } else if name.ends_with(".json") && name != "schema.json" {
            out.push(path);
        }
    }
}

fn main() {
    let vectors = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors");
    let vectors =
        vectors.canonicalize().unwrap_or_else(|e| panic!("{}: {e} (the corpus is embedded from the checkout)", vectors.display()));
    println!("cargo::rerun-if-changed={}", vectors.display());
    let mut files = Vec::new();
    walk(&vectors, true, &mut files);
    files.sort();
    let mut code =
        String::from("/// The embedded corpus: (path under vectors/, text), in path order.\npub static FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        let relative = file.strip_prefix(&vectors).unwrap_or(file).to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({relative:?}, include_str!({:?})),\n", file.display().to_string()));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("corpus.rs");
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
