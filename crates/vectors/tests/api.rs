//! The public API: round trips, `key_for`, directory loading, number
//! ranges, and that no input makes the loader panic.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use jwtproof_vectors::{
    AllowedEntry, Clock, ErrorKind, Expected, FORMAT, LoadErrorKind, PayloadKind, Profile, VectorFile, load, load_file, load_str,
};
use serde_json::Value;

fn all_fields() -> (PathBuf, String, VectorFile) {
    let path = data_dir().join("all-fields.json");
    let text = std::fs::read_to_string(&path).expect("tests/data/all-fields.json");
    let file = load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    (path, text, file)
}

#[test]
fn canonical_files_write_back_byte_for_byte() {
    for path in json_files(&data_dir()) {
        let text = std::fs::read_to_string(&path).expect("readable");
        let file = load_str(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.to_json_string(), text, "{} is not in canonical form", relative(&path));
    }
}

#[test]
fn load_write_load_round_trip() {
    let (path, _, file) = all_fields();
    let written = file.to_json_string();
    let again = load_str(&path, &written).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, file);
    assert_eq!(again.to_json_string(), written);
    assert!(written.ends_with("}\n") && !written.ends_with("\n\n"));
    assert!(written.starts_with("{\n  \"format\": \"jwt-vectors/1\",\n  \"name\": "));
}

#[test]
fn non_canonical_text_becomes_canonical() {
    // Compact, members out of order, empty flags: loads, then writes in the
    // canonical order, and that text is a fixed point.
    let text = r#"{"tests":[{"flags":[],"expected":"invalid","error":"expired","validation":{"now":5,"algorithms":["HS256","none"]},
        "key":null,"token":"a.b.c","description":"d","id":"x-1"}],"keys":{"k":{"kty":"oct","k":"AA"}},
        "source":"s","description":"d","name":"n","format":"jwt-vectors/1"}"#;
    let file = load_str(Path::new("inline.json"), text).unwrap_or_else(|e| panic!("{e}"));
    let written = file.to_json_string();
    let expected = r#"{
  "format": "jwt-vectors/1",
  "name": "n",
  "description": "d",
  "source": "s",
  "keys": {
    "k": {
      "k": "AA",
      "kty": "oct"
    }
  },
  "tests": [
    {
      "id": "x-1",
      "description": "d",
      "token": "a.b.c",
      "key": null,
      "validation": {
        "algorithms": [
          "HS256",
          "none"
        ],
        "now": 5
      },
      "expected": "invalid",
      "error": "expired"
    }
  ]
}
"#;
    assert_eq!(written, expected);
    let again = load_str(Path::new("inline.json"), &written).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, file);
}

#[test]
fn typed_values() {
    let (_, _, file) = all_fields();
    assert_eq!(file.name, "all-fields");
    let case = &file.tests[0];
    assert_eq!(case.validation.algorithms, [AllowedEntry::from_name("ES256").unwrap(), AllowedEntry::from_name("ES384").unwrap()]);
    assert_eq!(case.validation.clock, Clock::Seconds(1_700_000_000));
    assert_eq!(case.validation.leeway, Some(30));
    assert_eq!(case.validation.max_age, Some(3600));
    assert_eq!(case.validation.payload, Some(PayloadKind::Jwt));
    assert_eq!(case.expected, Expected::Valid);
    assert_eq!(case.error, None);
    let expired = &file.tests[1];
    assert_eq!(expired.validation.clock, Clock::Nanos(1_700_000_000_000_000_000));
    assert_eq!(expired.error, Some(ErrorKind::Expired));
    let none = &file.tests[2];
    assert_eq!(none.key, None);
    assert_eq!(none.validation.algorithms[1], AllowedEntry::None);
    assert_eq!(file.tests[3].validation.profile, Some(Profile::Voicegain));
    assert_eq!(file.tests[4].expected, Expected::Acceptable);
    assert_eq!(file.tests[4].validation.clock, Clock::Nanos(i128::from(u64::MAX)));
    assert!(file.tests[4].flags.is_empty());
    assert_eq!(file.tests[5].validation.clock, Clock::Nanos(-5));
    assert_eq!(file.tests[6].expected.to_string(), "invalid");
    assert_eq!(file.tests[6].error, None);
}

#[test]
fn key_for_gives_only_the_public_part() {
    let (_, _, file) = all_fields();
    let by_key = |name: &str| {
        let case = file.tests.iter().find(|c| c.key.as_deref() == Some(name)).expect("a case uses the key");
        let public = file.key_for(case).expect("the case has a key");
        let mut members: Vec<&str> = public.keys().map(String::as_str).collect();
        members.sort_unstable();
        members.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    assert_eq!(by_key("rs256"), ["e", "key_ops", "kty", "n"]);
    assert_eq!(by_key("es256"), ["crv", "kid", "kty", "x", "y"]);
    assert_eq!(by_key("ed25519"), ["crv", "kty", "x"]);
    // An oct key is the secret: whole.
    assert_eq!(by_key("hs256"), ["alg", "k", "kty", "use"]);
    // The private parts are still in the file, for the generator.
    assert!(file.keys["rs256"].contains_key("qi"));
    let keyless = file.tests.iter().find(|c| c.key.is_none()).expect("a case without key");
    assert_eq!(file.key_for(keyless), None);
}

fn with_validation(extra: &str) -> String {
    format!(
        r#"{{"format":"{FORMAT}","name":"n","description":"d","source":"s","keys":{{}},
        "tests":[{{"id":"a","description":"d","token":"t","key":null,
        "validation":{{"algorithms":["HS256"]{extra}}},"expected":"valid"}}]}}"#
    )
}

#[test]
fn clock_and_duration_ranges() {
    let ok = |extra: &str| {
        load_str(Path::new("t.json"), &with_validation(extra)).unwrap_or_else(|e| panic!("{extra}: {e}")).tests.remove(0).validation
    };
    let refused = |extra: &str| {
        let e = load_str(Path::new("t.json"), &with_validation(extra)).expect_err(extra);
        assert_eq!(e.kind, LoadErrorKind::Schema, "{e}");
        e.json_path
    };
    assert_eq!(ok(r#","now":-9223372036854775808"#).clock, Clock::Seconds(i64::MIN));
    assert_eq!(ok(r#","now":9223372036854775807"#).clock, Clock::Seconds(i64::MAX));
    assert_eq!(refused(r#","now":9223372036854775808"#), "tests[0].validation.now");
    assert_eq!(ok(r#","now_ns":18446744073709551615"#).clock, Clock::Nanos(i128::from(u64::MAX)));
    assert_eq!(ok(r#","now_ns":-18446744073709551616"#).clock, Clock::Nanos(-i128::from(u64::MAX) - 1));
    assert_eq!(ok(r#","now_ns":170141183460469231731687303715884105727"#).clock, Clock::Nanos(i128::MAX));
    assert_eq!(refused(r#","now_ns":170141183460469231731687303715884105728"#), "tests[0].validation.now_ns");
    assert_eq!(refused(r#","now_ns":1e18"#), "tests[0].validation.now_ns");
    assert_eq!(refused(r#","now_ns":"1""#), "tests[0].validation.now_ns");
    let message = |extra: &str| load_str(Path::new("t.json"), &with_validation(extra)).expect_err(extra).message;
    assert_eq!(message(r#","now_ns":1.5"#), "expected an integer, found the number \"1.5\"");
    assert_eq!(message(r#","now_ns":"1""#), "invalid type: a string, expected an integer");
    assert_eq!(message(r#","now_ns":null"#), "invalid type: null, expected an integer");
    assert_eq!(ok(r#","now_ns":-0"#).clock, Clock::Nanos(0));
    assert_eq!(ok(r#","now":0,"leeway":18446744073709551615,"max_age":0"#).leeway, Some(u64::MAX));
    assert_eq!(refused(r#","now":0,"max_age":-1"#), "tests[0].validation.max_age");
    assert_eq!(refused(r#","now":0,"leeway":1.0"#), "tests[0].validation.leeway");
    assert_eq!(refused(r#","now":0,"profile":null"#), "tests[0].validation.profile");
}

/// A fresh directory under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jwtproof-vectors-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary directory");
    dir
}

fn one_case(id: &str) -> String {
    format!(
        r#"{{"format":"{FORMAT}","name":"n","description":"d","source":"s","keys":{{}},
        "tests":[{{"id":"{id}","description":"d","token":"t","key":null,
        "validation":{{"algorithms":["HS256"],"now":0}},"expected":"valid"}}]}}"#
    )
}

#[test]
fn directories_are_walked_in_order_skipping_schema_and_invalid_files() {
    let root = scratch("walk");
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write("b.json", &one_case("b-1"));
    write("a/z.json", &one_case("z-1"));
    write("a/deeper/y.json", &one_case("y-1"));
    write("schema.json", "not a vector file");
    write("a/schema.json", "not a vector file");
    write("invalid-files/broken.json", "{");
    write("a/invalid-files/dup.json", &one_case("b-1"));
    write("notes.txt", "not json");

    let corpus = load(std::slice::from_ref(&root)).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = corpus.cases().map(|(_, c)| c.id.as_str()).collect();
    assert_eq!(ids, ["y-1", "z-1", "b-1"]);
    assert_eq!(corpus.len(), 3);
    assert!(!corpus.is_empty());
    assert_eq!(corpus.find("z-1").map(|(f, _)| f.path.clone()), Some(root.join("a/z.json")));
    assert!(corpus.find("nope").is_none());

    // A file named twice (directly and through its directory) loads once.
    let corpus = load(&[root.join("b.json"), root.clone()]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(corpus.len(), 3);

    // An explicitly named file is loaded even where a walk would skip it.
    let e = load(&[root.join("invalid-files/broken.json")]).expect_err("broken");
    assert_eq!(e.kind, LoadErrorKind::Syntax);

    // The same id in two files: the second file is named, with the path.
    write("elsewhere/copy.json", &one_case("z-1"));
    let e = load(&[root.join("a"), root.join("elsewhere")]).expect_err("duplicate id");
    assert_eq!(e.kind, LoadErrorKind::DuplicateId);
    assert_eq!(e.file, root.join("elsewhere/copy.json"));
    assert_eq!(e.json_path, "tests[0].id");
    assert!(e.message.contains(&root.join("a/z.json").display().to_string()), "{e}");

    let e = load(&[root.join("missing")]).expect_err("missing path");
    assert_eq!(e.kind, LoadErrorKind::Io);
    assert!(load(&[]).expect("nothing to load").is_empty());

    std::fs::remove_dir_all(&root).expect("clean up");
}

#[test]
fn truncated_input_never_panics() {
    for path in json_files(&data_dir()) {
        let text = std::fs::read_to_string(&path).expect("readable");
        for (cut, _) in text.char_indices() {
            let prefix = &text[..cut];
            match load_str(&path, prefix) {
                // Only the trailing newline may go.
                Ok(_) => assert_eq!(text[cut..].trim(), "", "{cut}"),
                Err(e) => assert!(!e.message.is_empty()),
            }
        }
    }
}

#[test]
fn single_deletions_never_panic() {
    let path = data_dir().join("bigone-documented.json");
    let text = std::fs::read_to_string(&path).expect("readable");
    for (at, c) in text.char_indices() {
        let mut mutated = text.clone();
        mutated.replace_range(at..at + c.len_utf8(), "");
        let _ = load_str(&path, &mutated);
    }
}

/// Every value of the good example, replaced in turn by a value of each JSON
/// type: the loader answers (usually with an error naming that spot), and
/// never panics.
#[test]
fn every_value_replaced_never_panics() {
    let (path, text, _) = all_fields();
    let original: Value = serde_json::from_str(&text).expect("JSON");
    let replacements = [
        Value::Null,
        Value::Bool(true),
        serde_json::json!(-1),
        serde_json::json!(1.5),
        serde_json::json!(""),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!(["HS1"]),
    ];
    let mut pointers = Vec::new();
    collect_pointers(&original, String::new(), &mut pointers);
    assert!(pointers.len() > 100);
    for pointer in &pointers {
        for replacement in &replacements {
            let mut value = original.clone();
            *value.pointer_mut(pointer).expect("pointer from the walk") = replacement.clone();
            let text = serde_json::to_string(&value).expect("serializes");
            if let Err(e) = load_str(&path, &text) {
                assert!(!e.message.is_empty());
            }
        }
    }
}

fn collect_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_pointers(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(members) => {
            for (name, member) in members {
                collect_pointers(member, format!("{at}/{}", name.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        _ => {}
    }
    if !at.is_empty() {
        out.push(at);
    }
}

#[test]
fn garbage_never_panics() {
    let deep_array = "[".repeat(100_000);
    let deep_jwk = format!(
        r#"{{"format":"{FORMAT}","name":"n","description":"d","source":"s","keys":{{"k":{{"kty":"oct","x":{}1{}}}}},"tests":[]}}"#,
        "[".repeat(120),
        "]".repeat(120)
    );
    let deep_jwk_over = deep_jwk.replace(&"[".repeat(120), &"[".repeat(200)).replace(&"]".repeat(120), &"]".repeat(200));
    let inputs: Vec<String> = vec![
        String::new(),
        " ".into(),
        "null".into(),
        "[]".into(),
        "{}".into(),
        "\"".into(),
        "\u{feff}{}".into(),
        "\u{0}".into(),
        r#"{"format":"jwt-vectors/1"}"#.into(),
        r#"{"format":"jwt-vectors/1"} {}"#.into(),
        r#"{"format":"jwt-vectors/1","format":"jwt-vectors/1"}"#.into(),
        r#"{"format":"\ud800"}"#.into(),
        r#"{"format":1e999999}"#.into(),
        format!(r#"{{"format":"{}"}}"#, "x".repeat(100_000)),
        deep_array,
        deep_jwk,
        deep_jwk_over,
        with_validation(r#","now":1,"required_claims":[1,"#),
    ];
    for input in &inputs {
        let e = load_str(Path::new("garbage.json"), input).expect_err("garbage is refused");
        // Messages stay short even when the input is huge.
        assert!(e.to_string().len() < 400, "{e}");
    }
}
