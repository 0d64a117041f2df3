//! The one error type of the loader.

use core::fmt;
use std::path::{Path, PathBuf};

/// Why a vector file (or a set of them) was refused: the file, the JSON path
/// of the fault, and what is wrong.
///
/// Displays as `{file}: {json_path}: {message}`, or `{file}: {message}` when
/// the fault has no JSON path (bad syntax, a file that cannot be read), e.g.
/// `vectors/documented/bigone.json: tests[3].validation.algorithms: expected a non-empty array`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file, as the caller named it (for a directory, the directory
    /// joined with the file's path inside it).
    pub file: PathBuf,
    /// Where in the file, e.g. `tests[2].validation.algorithms[1]`; empty
    /// when the fault is not at one place (syntax errors carry their line
    /// and column in `message` instead).
    pub json_path: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The category, for callers that act on it.
    pub kind: LoadErrorKind,
}

/// The category of a [`LoadError`].
///
/// `UnknownKey` and `DuplicateId` are the faults `vectors/schema.json` cannot
/// express; a file refused with any other kind is refused by the schema too
/// (except the few JSON-level details listed in the schema's description).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LoadErrorKind {
    /// The file or directory could not be read.
    Io,
    /// The file is not UTF-8, or starts with a byte order mark.
    Encoding,
    /// The file is not JSON.
    Syntax,
    /// `format` is missing or is not `jwt-vectors/1`.
    Format,
    /// The JSON does not have the shape of a `jwt-vectors/1` file: an
    /// unknown or missing member, a wrong type or value, a duplicate member.
    Schema,
    /// A case's `key` names no entry of `keys`.
    UnknownKey,
    /// Two cases share an id, in one file or across files.
    DuplicateId,
}

impl LoadError {
    pub(crate) fn new(file: &Path, json_path: impl Into<String>, kind: LoadErrorKind, message: impl Into<String>) -> Self {
        LoadError { file: file.to_path_buf(), json_path: json_path.into(), message: message.into(), kind }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.json_path.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}: {}: {}", self.file.display(), self.json_path, self.message)
        }
    }
}

impl std::error::Error for LoadError {}
