//! `cargo xtask import-wycheproof PATH [--out FILE]`: convert Project
//! Wycheproof's JSON Web Signature test vectors
//! (`testvectors_v1/json_web_signature_test.json`) into one `jwt-vectors/1`
//! file.
//!
//! Mapping, per test group: the verifier's key is the group's `public` JWK
//! (symmetric groups only have `private`: the whole `oct` key is used); the
//! allow-list is the key's own `alg` (in Wycheproof's JWS tests a key is bound
//! to its algorithm); `payload` is `opaque` (Wycheproof payloads are not
//! claims sets); `now` is a fixed, unused time. Per test: `expected` is
//! Wycheproof's `result` unchanged, no `error` kind (any rejection matches),
//! `flags` are Wycheproof's plus `Wycheproof`, the id is
//! `wycheproof-jws-<tcId>`. JSON-serialization tests are kept: a
//! compact-only verifier rejects them as malformed, as Wycheproof expects.
//!
//! A group whose key the format cannot hold (no JWK, or an `alg` outside the
//! spec's list) is skipped with a warning on stderr, never silently.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jwtproof_vectors::{AllowedEntry, Case, Clock, Expected, PayloadKind, ValidationSpec, VectorFile};
use serde_json::{Map, Value};

/// The upstream commit the committed file was converted from.
pub(crate) const UPSTREAM_COMMIT: &str = "073df56bfc1f2719eecad1e32391b8a80b43338a";
/// The upstream path inside C2SP/wycheproof.
const UPSTREAM_PATH: &str = "testvectors_v1/json_web_signature_test.json";
/// Any fixed time: opaque payloads have no time claims.
const NOW: i64 = 1_700_000_000;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Wycheproof's `json_web_signature_test.json`.
    path: PathBuf,
    /// Where to write the converted file.
    #[arg(long, default_value = "vectors/imported/wycheproof-jws.json")]
    out: PathBuf,
}

/// The result of a conversion: the file and one line per skipped group.
pub(crate) struct Converted {
    pub(crate) file: VectorFile,
    pub(crate) skipped: Vec<String>,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(&args.path).map_err(|e| format!("{}: cannot read: {e}", args.path.display()))?;
    let out = if args.out.is_absolute() { args.out.clone() } else { crate::paths::root().join(&args.out) };
    let converted = convert(&text, &out)?;
    for s in &converted.skipped {
        eprintln!("warning: skipped {s}");
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&out, converted.file.to_json_string()).map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    // What was written must load.
    jwtproof_vectors::load_file(&out).map_err(|e| e.to_string())?;
    println!(
        "wrote {} ({} cases, {} key(s), {} group(s) skipped)",
        out.display(),
        converted.file.tests.len(),
        converted.file.keys.len(),
        converted.skipped.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn field<'a>(obj: &'a Map<String, Value>, name: &str, at: &str) -> Result<&'a Value, String> {
    obj.get(name).ok_or_else(|| format!("{at}: missing `{name}`"))
}

fn str_field<'a>(obj: &'a Map<String, Value>, name: &str, at: &str) -> Result<&'a str, String> {
    field(obj, name, at)?.as_str().ok_or_else(|| format!("{at}.{name}: not a string"))
}

/// A kebab-case fragment of a group comment, for key names.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Converts the text of a Wycheproof JsonWebSignature file; `path` only
/// names the output in [`VectorFile::path`].
pub(crate) fn convert(text: &str, path: &Path) -> Result<Converted, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let root = root.as_object().ok_or("not a JSON object")?;
    let declared = field(root, "numberOfTests", "$")?.as_u64().ok_or("$.numberOfTests: not an integer")?;
    let groups = field(root, "testGroups", "$")?.as_array().ok_or("$.testGroups: not an array")?;
    let header = match root.get("header").and_then(Value::as_array) {
        Some(lines) => lines.iter().filter_map(Value::as_str).map(str::trim).collect::<Vec<_>>().join(" "),
        None => String::new(),
    };

    let mut keys = BTreeMap::new();
    let mut tests = Vec::new();
    let mut skipped = Vec::new();
    let mut seen = 0u64;
    for (g, group) in groups.iter().enumerate() {
        let at = format!("$.testGroups[{g}]");
        let group = group.as_object().ok_or(format!("{at}: not an object"))?;
        let comment = group.get("comment").and_then(Value::as_str).unwrap_or("");
        let cases = field(group, "tests", &at)?.as_array().ok_or(format!("{at}.tests: not an array"))?;
        seen += cases.len() as u64;
        let tc_ids =
            || cases.iter().filter_map(|t| t.get("tcId").and_then(Value::as_u64)).map(|id| id.to_string()).collect::<Vec<_>>().join(", ");
        let jwk = match (group.get("public"), group.get("private")) {
            (Some(Value::Object(public)), _) => public.clone(),
            (None, Some(Value::Object(private))) if private.get("kty").and_then(Value::as_str) == Some("oct") => private.clone(),
            _ => {
                skipped.push(format!("group {g} ({comment:?}): no public JWK and no oct private JWK (tcId {})", tc_ids()));
                continue;
            }
        };
        let alg = jwk.get("alg").and_then(Value::as_str).unwrap_or("").to_owned();
        // The verifier's allow-list: the key's own `alg`. A key without one
        // (or with a name the spec does not have, such as "ES521") stands
        // for a verifier configured with the one algorithm the group's
        // tokens all name, when it fits the key's type; the case's
        // description says so.
        let (allowed, configured) = match AllowedEntry::from_name(&alg) {
            Some(entry @ AllowedEntry::Alg(_)) => (entry, None),
            _ => match group_alg(cases).filter(|a| fits(a, &jwk)).and_then(|a| AllowedEntry::from_name(&a).map(|e| (e, a))) {
                Some((entry @ AllowedEntry::Alg(_), name)) => (entry, Some(name)),
                _ => {
                    skipped.push(format!(
                        "group {g} ({comment:?}): key alg {alg:?} is not an algorithm of the spec, and the group's tokens name no single algorithm of the key's type (tcId {})",
                        tc_ids()
                    ));
                    continue;
                }
            },
        };
        let key_name = format!("group-{g}-{}", slug(comment)).trim_end_matches('-').to_owned();
        keys.insert(key_name.clone(), jwk);

        for (t, case) in cases.iter().enumerate() {
            let at = format!("{at}.tests[{t}]");
            let case = case.as_object().ok_or(format!("{at}: not an object"))?;
            let tc_id = field(case, "tcId", &at)?.as_u64().ok_or(format!("{at}.tcId: not an integer"))?;
            let result = str_field(case, "result", &at)?;
            let expected = Expected::from_name(result).ok_or(format!("{at}.result: unknown result {result:?}"))?;
            let case_comment = case.get("comment").and_then(Value::as_str).unwrap_or("");
            let mut flags: Vec<String> = match case.get("flags") {
                Some(Value::Array(flags)) => flags
                    .iter()
                    .map(|f| f.as_str().map(str::to_owned).ok_or(format!("{at}.flags: not a string")))
                    .collect::<Result<_, _>>()?,
                None => Vec::new(),
                Some(_) => return Err(format!("{at}.flags: not an array")),
            };
            flags.push("Wycheproof".to_owned());
            let description = match (case_comment.is_empty(), comment.is_empty()) {
                (false, false) => format!("{case_comment} (group: {comment})"),
                (false, true) => case_comment.to_owned(),
                (true, false) => format!("(group: {comment})"),
                (true, true) => format!("Wycheproof tcId {tc_id}"),
            };
            let description = match &configured {
                Some(name) => format!("{description}; the key has no spec `alg` ({alg:?}), the verifier allows {name}"),
                None => description,
            };
            tests.push(Case {
                id: format!("wycheproof-jws-{tc_id}"),
                description,
                token: str_field(case, "jws", &at)?.to_owned(),
                key: Some(key_name.clone()),
                validation: ValidationSpec {
                    payload: Some(PayloadKind::Opaque),
                    ..ValidationSpec::new(vec![allowed], Clock::Seconds(NOW))
                },
                expected,
                error: None,
                flags,
                impact: None,
                basis: None,
                baseline: None,
            });
        }
    }
    if seen != declared {
        return Err(format!("$.numberOfTests says {declared} but the groups hold {seen} tests"));
    }
    if tests.is_empty() {
        return Err("no test could be converted".to_owned());
    }
    let mut description = String::from("Project Wycheproof's JSON Web Signature test vectors");
    if !header.is_empty() {
        description.push_str(": ");
        description.push_str(&header);
    }
    description.push_str(
        " Converted by `cargo xtask import-wycheproof`: key = the group's public JWK \
         (oct: the whole key), allow-list = the key's alg, opaque payload, no error kind.",
    );
    Ok(Converted {
        file: VectorFile {
            path: path.to_path_buf(),
            name: "wycheproof-json-web-signature".to_owned(),
            description,
            source: format!(
                "C2SP/wycheproof {UPSTREAM_PATH} at commit {UPSTREAM_COMMIT} \
                 (https://github.com/C2SP/wycheproof), Apache License 2.0, \
                 Copyright Google LLC and the Wycheproof authors"
            ),
            keys,
            tests,
        },
        skipped,
    })
}

/// The `alg` that every token of a group names in its protected header,
/// when they all name the same one.
fn group_alg(cases: &[Value]) -> Option<String> {
    use base64::Engine as _;
    let mut names = cases.iter().map(|case| {
        let jws = case.get("jws")?.as_str()?;
        let header = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jws.split('.').next()?).ok()?;
        let header: Value = serde_json::from_slice(&header).ok()?;
        header.get("alg")?.as_str().map(str::to_owned)
    });
    let first = names.next()??;
    names.all(|n| n.as_deref() == Some(first.as_str())).then_some(first)
}

/// Whether algorithm `alg` is one for a key of this JWK's type (RFC 7518
/// §3.1, RFC 8037 §3.1).
fn fits(alg: &str, jwk: &Map<String, Value>) -> bool {
    let kty = jwk.get("kty").and_then(Value::as_str);
    let crv = jwk.get("crv").and_then(Value::as_str);
    match alg {
        "HS256" | "HS384" | "HS512" => kty == Some("oct"),
        "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" => kty == Some("RSA"),
        "ES256" => kty == Some("EC") && crv == Some("P-256"),
        "ES384" => kty == Some("EC") && crv == Some("P-384"),
        "ES512" => kty == Some("EC") && crv == Some("P-521"),
        "EdDSA" => kty == Some("OKP") && matches!(crv, Some("Ed25519" | "Ed448")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
      "numberOfTests": 4,
      "header": ["Test vectors of type JsonWebSignature."],
      "testGroups": [
        {
          "type": "JsonWebSignature",
          "comment": "hs256",
          "private": {"alg": "HS256", "use": "sig", "k": "-ebuDNsVZ2iJtoZ-akfXTSCt4UO2cruLCsbWlBinggE", "kid": "kid-aes-sign", "kty": "oct"},
          "tests": [
            {"tcId": 1, "comment": "acceptsValid",
             "jws": "eyJhbGciOiJIUzI1NiIsImtpZCI6ImtpZC1hZXMtc2lnbiJ9.Zm9v.TD37p4c_0jmreSrBSDmE0F3mYSPtkZ3WrSyI5wb_KTg",
             "result": "valid", "flags": []},
            {"tcId": 17, "comment": "rejectsValidJsonSerialization",
             "jws": "{\"payload\":\"Zm9v\"}",
             "result": "invalid", "flags": ["JsonSerialization"]}
          ]
        },
        {
          "type": "JsonWebSignature",
          "comment": "es256",
          "private": {"alg": "ES256", "kty": "EC", "crv": "P-256", "x": "04N0xi21hshyvBp7I167sbE_bXqyqkAPfefdklMO7wY", "y": "UI8exy-C06a7DUnjIdENkxeFtHM4-l_41LqEw9nVgmw", "d": "yy49oPcINGK2ps0LmtxpB6UTEOiITghHBif6wDqmJ3c"},
          "public": {"alg": "ES256", "kty": "EC", "crv": "P-256", "x": "04N0xi21hshyvBp7I167sbE_bXqyqkAPfefdklMO7wY", "y": "UI8exy-C06a7DUnjIdENkxeFtHM4-l_41LqEw9nVgmw"},
          "tests": [
            {"tcId": 18, "comment": "acceptsValid",
             "jws": "eyJhbGciOiJFUzI1NiIsImtpZCI6ImtpZC1lYy1zaWduIn0.Zm9v.5cA0OHyMP7ezamUd5c9kV-FrGxdx4hbGXOdplQkutrqWrte5P-pAvsE3Ve6xSyU3YDQwUHjVVOtvcrEbbnZ8yA",
             "result": "acceptable", "flags": []}
          ]
        },
        {
          "type": "JsonWebSignature",
          "comment": "ps256 with an unknown alg",
          "public": {"alg": "XX999", "kty": "RSA", "n": "AQAB", "e": "AQAB"},
          "tests": [
            {"tcId": 99, "comment": "acceptsValid", "jws": "a.b.c", "result": "valid", "flags": []}
          ]
        }
      ]
    }"#;

    #[test]
    fn converts_a_wycheproof_shaped_sample() {
        let path = Path::new("sample.json");
        let converted = convert(SAMPLE, path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(converted.skipped.len(), 1, "{:?}", converted.skipped);
        assert!(converted.skipped[0].contains("XX999"));
        assert!(converted.skipped[0].contains("tcId 99"));

        let file = &converted.file;
        assert_eq!(file.name, "wycheproof-json-web-signature");
        assert!(file.source.contains(UPSTREAM_COMMIT));
        assert!(file.source.contains("Apache"));
        assert_eq!(file.keys.keys().collect::<Vec<_>>(), ["group-0-hs256", "group-1-es256"]);
        // The symmetric group's private key is used whole; the EC group's
        // public key, without `d`.
        assert!(file.keys["group-0-hs256"].contains_key("k"));
        assert!(!file.keys["group-1-es256"].contains_key("d"));

        let ids: Vec<_> = file.tests.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["wycheproof-jws-1", "wycheproof-jws-17", "wycheproof-jws-18"]);
        let [valid, json, acceptable] = &file.tests[..] else { panic!("three cases expected") };
        assert_eq!(valid.expected, Expected::Valid);
        assert_eq!(valid.description, "acceptsValid (group: hs256)");
        assert_eq!(valid.flags, ["Wycheproof"]);
        assert_eq!(valid.key.as_deref(), Some("group-0-hs256"));
        assert_eq!(valid.validation.algorithms, [AllowedEntry::from_name("HS256").unwrap()]);
        assert_eq!(valid.validation.payload, Some(PayloadKind::Opaque));
        assert_eq!(valid.validation.clock, Clock::Seconds(NOW));
        assert_eq!(json.expected, Expected::Invalid);
        assert_eq!(json.error, None);
        assert_eq!(json.token, r#"{"payload":"Zm9v"}"#);
        assert_eq!(json.flags, ["JsonSerialization", "Wycheproof"]);
        assert_eq!(acceptable.expected, Expected::Acceptable);
        assert_eq!(acceptable.validation.algorithms, [AllowedEntry::from_name("ES256").unwrap()]);

        // The written text loads, and writes back to the same bytes.
        let text = file.to_json_string();
        let loaded = jwtproof_vectors::load_str(path, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.to_json_string(), text);
        assert_eq!(&loaded, file);
    }

    #[test]
    fn a_key_without_alg_gets_the_groups_single_algorithm_when_it_fits() {
        let group = |public: &str, jws: &[&str]| {
            let tests: Vec<String> = jws
                .iter()
                .enumerate()
                .map(|(i, j)| format!(r#"{{"tcId": {i}, "comment": "c", "jws": "{j}", "result": "invalid", "flags": []}}"#))
                .collect();
            format!(
                r#"{{"numberOfTests": {}, "testGroups": [{{"comment": "g", "public": {public}, "tests": [{}]}}]}}"#,
                jws.len(),
                tests.join(",")
            )
        };
        let ec = r#"{"kty": "EC", "crv": "P-256", "use": "enc", "x": "04N0xi21hshyvBp7I167sbE_bXqyqkAPfefdklMO7wY", "y": "UI8exy-C06a7DUnjIdENkxeFtHM4-l_41LqEw9nVgmw"}"#;
        // eyJhbGciOiJFUzI1NiJ9 = {"alg":"ES256"}, eyJhbGciOiJFUzM4NCJ9 = {"alg":"ES384"}
        let es256 = "eyJhbGciOiJFUzI1NiJ9.Zm9v.c2ln";
        let es384 = "eyJhbGciOiJFUzM4NCJ9.Zm9v.c2ln";
        let one = convert(&group(ec, &[es256, es256]), Path::new("x.json")).unwrap_or_else(|e| panic!("{e}"));
        assert!(one.skipped.is_empty(), "{:?}", one.skipped);
        assert_eq!(one.file.tests[0].validation.algorithms, [AllowedEntry::from_name("ES256").unwrap()]);
        assert!(one.file.tests[0].description.contains("the verifier allows ES256"), "{}", one.file.tests[0].description);
        // Two algorithms in one group, or one that does not fit the key: skipped.
        for tokens in [&[es256, es384][..], &[es384][..]] {
            let err = convert(&group(ec, tokens), Path::new("x.json")).err().unwrap_or_default();
            assert!(err.contains("no test could be converted"), "{err}");
        }
    }

    #[test]
    fn refuses_a_wrong_test_count() {
        let wrong = SAMPLE.replace("\"numberOfTests\": 4", "\"numberOfTests\": 5");
        let err = convert(&wrong, Path::new("x.json")).err().unwrap_or_default();
        assert!(err.contains("numberOfTests"), "{err}");
    }
}
