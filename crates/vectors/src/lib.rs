//! Loader and writer for `jwt-vectors/1` files (`spec/vector-format.md`).
//!
//! ```no_run
//! use std::path::PathBuf;
//!
//! let corpus = jwtproof_vectors::load(&[PathBuf::from("vectors")])?;
//! for (file, case) in corpus.cases() {
//!     let key = file.key_for(case); // the public part only
//!     println!("{} {} {:?}", case.id, case.expected, key.map(|k| k.len()));
//! }
//! # Ok::<(), jwtproof_vectors::LoadError>(())
//! ```
//!
//! # Strictness
//!
//! A vector is a security assertion, so a file that is not exactly right is
//! refused, never half-read: unknown members, missing members, `null` for an
//! optional member, a member given twice, an unknown algorithm, error kind,
//! profile or outcome, an empty allow-list or `tests`, both or neither of
//! `now`/`now_ns`, an `error` on a case not expected `invalid`, a `key`
//! naming no entry of `keys`, an id that is not kebab-case or not unique
//! across every loaded file. Each refusal is one [`LoadError`] naming the
//! file and the JSON path. `vectors/schema.json` states the same rules for
//! other tools, as far as JSON Schema can (see [`LoadErrorKind`]).
//!
//! Loading never panics and allocates in proportion to the input.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
#![warn(missing_docs)]

mod de;
mod error;
mod model;
mod ser;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use error::{LoadError, LoadErrorKind};
pub use jwtproof_reference::{AllowedEntry, Clock, ErrorKind, PayloadKind, Profile};
pub use model::*;

/// Loads one file.
pub fn load_file(path: &Path) -> Result<VectorFile, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::new(path, "", LoadErrorKind::Io, format!("cannot read the file: {e}")))?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            // Columns count characters, as serde_json's do.
            let column = 1 + String::from_utf8_lossy(valid.get(line_start..).unwrap_or_default()).chars().count();
            return Err(LoadError::new(
                path,
                "",
                LoadErrorKind::Encoding,
                format!("not UTF-8: invalid byte at line {line} column {column}"),
            ));
        }
    };
    load_str(path, text)
}

/// Loads one file's text; `display_path` is only used to name the file (in
/// errors and in [`VectorFile::path`]). Never panics, whatever `text` holds.
pub fn load_str(display_path: &Path, text: &str) -> Result<VectorFile, LoadError> {
    de::parse(display_path, text)
}

/// Loads files and directories. A directory is walked recursively for
/// `*.json` files, in sorted path order, skipping files named `schema.json`
/// and directories named `invalid-files` (symbolic links to directories are
/// not followed). A path given twice is loaded once. Case ids must be unique
/// across all the files.
pub fn load(paths: &[PathBuf]) -> Result<Corpus, LoadError> {
    let mut files: Vec<PathBuf> = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| LoadError::new(path, "", LoadErrorKind::Io, format!("cannot read: {e}")))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }

    let mut seen_files = std::collections::HashSet::new();
    let mut loaded = Vec::new();
    for path in files {
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen_files.insert(canonical) {
            loaded.push(load_file(&path)?);
        }
    }
    assemble(loaded)
}

/// Loads files given as text, each under the path that names it in errors
/// and in [`VectorFile::path`] (a corpus embedded in a binary), in the
/// order given; case ids must be unique across them, as for [`load`].
pub fn load_texts<'a>(files: impl IntoIterator<Item = (&'a Path, &'a str)>) -> Result<Corpus, LoadError> {
    let loaded = files.into_iter().map(|(path, text)| load_str(path, text)).collect::<Result<Vec<_>, _>>()?;
    assemble(loaded)
}

/// Joins loaded files into a corpus, refusing a case id given twice.
fn assemble(loaded: Vec<VectorFile>) -> Result<Corpus, LoadError> {
    let mut corpus = Corpus::default();
    // id → (index in corpus.files, index in tests)
    let mut ids: HashMap<String, (usize, usize)> = HashMap::new();
    for file in loaded {
        for (i, case) in file.tests.iter().enumerate() {
            if let Some(&(f, j)) = ids.get(&case.id) {
                let first = corpus.files.get(f).map_or_else(|| Path::new("?"), |f| f.path.as_path());
                return Err(LoadError::new(
                    &file.path,
                    format!("tests[{i}].id"),
                    LoadErrorKind::DuplicateId,
                    format!("duplicate id {}, first at {}: tests[{j}].id", de::quote(&case.id), first.display()),
                ));
            }
            ids.insert(case.id.clone(), (corpus.files.len(), i));
        }
        corpus.files.push(file);
    }
    Ok(corpus)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let io = |e: std::io::Error| LoadError::new(dir, "", LoadErrorKind::Io, format!("cannot read the directory: {e}"));
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let name = entry.file_name();
        let file_type = entry.file_type().map_err(io)?;
        if file_type.is_dir() {
            if name != "invalid-files" {
                walk(&path, out)?;
            }
        } else if (file_type.is_file() || (file_type.is_symlink() && path.is_file()))
            && path.extension().is_some_and(|ext| ext == "json")
            && name != "schema.json"
        {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        for good in ["a", "a-b", "hs256-valid", "0", "a1-2b-c3"] {
            assert!(de::is_kebab_case(good), "{good}");
        }
        for bad in ["", "-", "a-", "-a", "a--b", "A", "a_b", "a b", "é", "a.b", "a\n"] {
            assert!(!de::is_kebab_case(bad), "{bad:?}");
        }
    }

    #[test]
    fn quote_cuts_long_strings() {
        assert_eq!(de::quote("HS1"), "\"HS1\"");
        let long = "é".repeat(200);
        let q = de::quote(&long);
        assert_eq!(q.chars().count(), 80 + 3);
        assert!(q.ends_with("\"…"));
    }

    #[test]
    fn names_round_trip() {
        for e in [Expected::Valid, Expected::Invalid, Expected::Acceptable] {
            assert_eq!(Expected::from_name(e.as_str()), Some(e));
        }
        for k in PayloadKind::ALL {
            assert_eq!(PayloadKind::from_name(k.as_str()), Some(k));
        }
        assert_eq!(Expected::from_name("Valid"), None);
        assert_eq!(PayloadKind::from_name("json"), None);
    }

    #[test]
    fn display_without_path() {
        let e = LoadError::new(Path::new("a.json"), "", LoadErrorKind::Syntax, "invalid JSON");
        assert_eq!(e.to_string(), "a.json: invalid JSON");
        let e = LoadError::new(Path::new("a.json"), "tests[0].id", LoadErrorKind::Schema, "bad");
        assert_eq!(e.to_string(), "a.json: tests[0].id: bad");
    }
}
