//! `vectors/schema.json` and the loader agree: every project vector and the
//! good examples of `tests/data/` pass both; every file of
//! `vectors/invalid-files/` is refused by both, except the faults JSON
//! Schema cannot express (`invalid-files/loader-only/`), which only the
//! loader refuses.

mod common;

use std::path::Path;

use common::*;
use jwtproof_vectors::{LoadErrorKind, load, load_file};
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(vectors_dir().join("schema.json")).expect("vectors/schema.json exists");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("vectors/schema.json is not a valid draft 2020-12 schema: {e}");
    }
    jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("vectors/schema.json does not compile: {e}"))
}

/// The schema's verdict on a file: `Err` with every violation, or with the
/// reason the file is not even JSON text.
fn schema_check(validator: &jsonschema::Validator, path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).expect("readable file");
    let text = String::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let instance: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let errors: Vec<String> = validator.iter_errors(&instance).map(|e| format!("{}: {e}", e.instance_path())).collect();
    if errors.is_empty() { Ok(()) } else { Err(errors.join("\n")) }
}

fn assert_good(validator: &jsonschema::Validator, path: &Path) {
    if let Err(e) = schema_check(validator, path) {
        panic!("{}: refused by the schema:\n{e}", relative(path));
    }
    if let Err(e) = load_file(path) {
        panic!("refused by the loader: {e}");
    }
}

#[test]
fn project_vectors_pass_schema_and_loader() {
    let validator = validator();
    for path in project_vector_files() {
        assert_good(&validator, &path);
    }
    // Together too: ids are unique across files, and the walk skips
    // schema.json and invalid-files/.
    let corpus = load(&[vectors_dir()]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(corpus.files.len(), project_vector_files().len());
}

#[test]
fn good_examples_pass_schema_and_loader() {
    let validator = validator();
    let files = json_files(&data_dir());
    assert!(files.len() >= 2, "tests/data holds the good examples");
    for path in &files {
        assert_good(&validator, path);
    }
    let corpus = load(&[data_dir()]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(corpus.files.len(), files.len());
}

#[test]
fn invalid_files_are_refused_by_schema_and_loader() {
    let validator = validator();
    let files = json_files(&invalid_dir());
    assert!(files.len() >= 20, "only {} invalid files", files.len());
    for path in files {
        let err = match load_file(&path) {
            Ok(_) => panic!("{}: accepted by the loader", relative(&path)),
            Err(e) => e,
        };
        assert!(
            !matches!(err.kind, LoadErrorKind::UnknownKey | LoadErrorKind::DuplicateId),
            "{err}: a fault the schema cannot express belongs in loader-only/"
        );
        assert!(schema_check(&validator, &path).is_err(), "{}: accepted by the schema", relative(&path));
    }
}

/// JSON Schema cannot say "this string names a member of `keys`" (or, for a
/// `baseline`, another case of the file), "ids are unique" (within a file,
/// `uniqueItems` compares whole cases; across files it sees one file), "no
/// member is given twice" (a JSON parser keeps one of them before the schema
/// sees the value), or bound an integer beyond what a 64-bit float holds
/// exactly. The schema accepts these files, which proves
/// they are in the right folder; the loader refuses them.
#[test]
fn loader_only_faults_are_refused_by_the_loader() {
    let validator = validator();
    let files = json_files(&loader_only_dir());
    assert!(files.len() >= 5);
    for path in files {
        assert!(load_file(&path).is_err(), "{}: accepted by the loader", relative(&path));
        if let Err(e) = schema_check(&validator, &path) {
            panic!("{}: the schema refuses it, so it belongs one folder up:\n{e}", relative(&path));
        }
    }
    let dirs = subdirs(&loader_only_dir());
    assert!(!dirs.is_empty());
    for dir in dirs {
        // Each file alone is fine; together they are not.
        for path in json_files(&dir) {
            assert_good(&validator, &path);
        }
        assert!(load(std::slice::from_ref(&dir)).is_err(), "{}: accepted by the loader", relative(&dir));
    }
}

/// The schema's enums are the registries' lists, in their order: a new
/// algorithm, profile, error kind, impact, outcome or payload kind added to
/// its table and not to the schema (or the other way round) fails here.
#[test]
fn schema_enums_are_the_registries() {
    use jwtproof_reference::{Algorithm, AllowedEntry, ErrorKind, Profile};
    use jwtproof_vectors::{Expected, Impact, PayloadKind};
    let text = std::fs::read_to_string(vectors_dir().join("schema.json")).expect("vectors/schema.json exists");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    let enumeration = |pointer: &str| -> Vec<&str> {
        let values = schema.pointer(pointer).and_then(Value::as_array).unwrap_or_else(|| panic!("schema.json has no enum at {pointer}"));
        values.iter().map(|v| v.as_str().unwrap_or_else(|| panic!("{pointer}: {v} is not a string"))).collect()
    };
    let allowed = Algorithm::ALL.iter().map(|a| AllowedEntry::Alg(*a)).chain([AllowedEntry::None]);
    let cases: [(&str, Vec<&str>); 6] = [
        ("/$defs/validation/properties/algorithms/items/enum", allowed.map(AllowedEntry::as_str).collect()),
        ("/$defs/validation/properties/profile/enum", Profile::ALL.iter().map(|p| p.as_str()).collect()),
        ("/$defs/errorKind/enum", ErrorKind::ALL.iter().map(|k| k.as_str()).collect()),
        ("/$defs/case/properties/impact/enum", Impact::ALL.iter().map(|i| i.as_str()).collect()),
        ("/$defs/case/properties/expected/enum", Expected::ALL.iter().map(|e| e.as_str()).collect()),
        ("/$defs/validation/properties/payload/enum", PayloadKind::ALL.iter().map(|k| k.as_str()).collect()),
    ];
    for (pointer, registry) in cases {
        assert_eq!(enumeration(pointer), registry, "vectors/schema.json {pointer} differs from its registry");
    }
}
