//! Paths shared by the integration tests.

#![allow(dead_code, unreachable_pub)] // each test crate uses a part

use std::path::{Path, PathBuf};

/// The repository root (canonical, so that prefixes can be stripped).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the repository root exists")
}

/// `vectors/` of the repository.
pub fn vectors_dir() -> PathBuf {
    repo_root().join("vectors")
}

/// `vectors/invalid-files/`.
pub fn invalid_dir() -> PathBuf {
    vectors_dir().join("invalid-files")
}

/// `vectors/invalid-files/loader-only/`: faults JSON Schema cannot express.
pub fn loader_only_dir() -> PathBuf {
    invalid_dir().join("loader-only")
}

/// This crate's good example files.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// The `*.json` files directly in `dir`, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable directory")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// The subdirectories of `dir`, sorted.
pub fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("readable directory").map(|e| e.expect("readable entry").path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    dirs
}

/// Every `*.json` under `vectors/`, recursively, except `schema.json` and
/// anything under `invalid-files/`: the project's vectors.
pub fn project_vector_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("readable directory") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "invalid-files") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "json") && path.file_name().is_some_and(|n| n != "schema.json") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&vectors_dir(), &mut out);
    out.sort();
    out
}

/// `path` relative to the repository root, with `/` separators.
pub fn relative(path: &Path) -> String {
    let root = repo_root();
    let rel = path.strip_prefix(&root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// An error message with absolute paths made relative to the repository root.
pub fn relative_message(message: &str) -> String {
    let root = repo_root();
    message.replace(&format!("{}{}", root.display(), std::path::MAIN_SEPARATOR), "")
}
