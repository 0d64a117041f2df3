//! The fuzz properties of jwtproof, written once and run two ways:
//!
//! - by libFuzzer, from the one-line targets in `fuzz/fuzz_targets/`
//!   (`cargo xtask fuzz run TARGET`, stable Rust with `-s none`);
//! - by `cargo test -p jwtproof-fuzzing`, which replays every committed
//!   file of `fuzz/corpus/<target>/` and `fuzz/artifacts/<target>/`
//!   (`tests/replay.rs`), so past crashes stay fixed without libFuzzer.
//!
//! Each property takes arbitrary bytes and panics only when the property is
//! violated: a panic inside the reference or the loader, or an answer that
//! the independent check here refutes.
//!
//! **Fuzzing only.** This crate embeds the private test keys of
//! `vectors/keys/` to re-sign mutated tokens ([`VerifyInput`]); they protect
//! nothing, and nothing outside tests may depend on this crate.
//!

use std::path::Path;

use jwtproof_reference::{ErrorKind, base64url_encode, json, split};
use jwtproof_vectors::{Expected, LoadErrorKind};

mod cross;
pub mod input;
pub mod json_oracle;
pub mod keys;
mod oracle;

pub use input::{KeyChoice, TokenInput, VerifyInput, reference_validation};

/// The fuzz targets, by name (as in `fuzz/fuzz_targets/<name>.rs`).
pub const TARGETS: [&str; 4] = ["parse", "verify", "vectors_load", "differential"];

/// The committed corpus a target reads: `differential` takes the same
/// input layout as `verify` and shares its corpus.
pub fn corpus_name(target: &str) -> &str {
    if target == "differential" { "verify" } else { target }
}

/// Runs the property of the target `name` on `data`; `false` for an
/// unknown name.
pub fn run(name: &str, data: &[u8]) -> bool {
    match name {
        "parse" => parse(data),
        "verify" => verify(data),
        "vectors_load" => vectors_load(data),
        "differential" => differential(data),
        _ => return false,
    }
    true
}

/// The `parse` property: `data` as a token through spec step 1
/// ([`split`]) and JSON parsing ([`json::parse_object`]).
///
/// Asserts (non-UTF-8 data is skipped: a token is a `&str`):
/// - [`split`] and [`json::parse_object`] never panic;
/// - a refused split is `malformed`; a token longer than the limit is
///   refused;
/// - an accepted split is canonical: the three segments joined by `.` are
///   the token, and each segment is exactly the base64url encoding of its
///   decoded bytes;
/// - JSON (a header, a payload, or `data` itself): the reference's
///   hand-written parser and its oracle ([`json_oracle`]: `serde_json` plus
///   the strict rules) accept exactly the same objects, with the same
///   members and values; and what the reference accepts, plain
///   `serde_json` accepts with the same member names.
pub fn parse(data: &[u8]) {
    check_json(data);
    let Ok(token) = std::str::from_utf8(data) else { return };
    match split(token, usize::MAX) {
        Err(e) => assert_eq!(e.kind(), ErrorKind::Malformed, "split refused {token:?} with {e:?}"),
        Ok(parts) => {
            let joined = format!("{}.{}.{}", parts.header_b64, parts.payload_b64, parts.signature_b64);
            assert_eq!(joined, token, "the segments do not make up the token");
            for (segment, bytes) in
                [(parts.header_b64, parts.header()), (parts.payload_b64, parts.payload()), (parts.signature_b64, parts.signature())]
            {
                assert_eq!(base64url_encode(bytes), segment, "accepted a non-canonical segment in {token:?}");
            }
            if let Some(shorter) = token.len().checked_sub(1) {
                assert!(split(token, shorter).is_err(), "a token over the size limit was split");
            }
            check_json(parts.header());
            check_json(parts.payload());
        }
    }
}

fn check_json(bytes: &[u8]) {
    let ours = json_oracle::reference(bytes);
    let oracle = json_oracle::oracle(bytes);
    match (&ours, &oracle) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the parsers read {:?} differently", String::from_utf8_lossy(bytes)),
        (Err(_), Err(_)) => {}
        _ => panic!("the parsers disagree on {:?}: reference {ours:?}, oracle {oracle:?}", String::from_utf8_lossy(bytes)),
    }
    let Ok(object) = json::parse_object(bytes) else { return };
    let theirs: serde_json::Map<String, serde_json::Value> = match serde_json::from_slice(bytes) {
        Ok(serde_json::Value::Object(m)) => m,
        other => panic!("the reference accepted JSON that serde_json reads as {other:?}: {:?}", String::from_utf8_lossy(bytes)),
    };
    let ours: Vec<&str> = object.keys().map(|k| k.as_ref()).collect();
    // serde_json keeps insertion order when its `preserve_order` feature is
    // on (feature unification); ours are sorted: compare as sets.
    let mut theirs: Vec<&str> = theirs.keys().map(String::as_str).collect();
    theirs.sort_unstable();
    assert_eq!(ours, theirs, "member names differ for {:?}", String::from_utf8_lossy(bytes));
}

/// The `verify` property: a structured input ([`VerifyInput`]: token,
/// key choice, settings) through [`jwtproof_reference::verify`].
///
/// Asserts: `verify` never panics; when it accepts, an independent check
/// (`oracle::check_accepted`: own JWK parsing, own splitting, the RustCrypto
/// primitive for the token's `alg` called directly) confirms steps 1–12 of
/// the spec: the signature over `header_b64.payload_b64` verifies with the
/// given key under the token's (allowed) `alg`, the key fits, and the
/// claims with integer dates, audience, issuer and subject pass.
pub fn verify(data: &[u8]) {
    let input = VerifyInput::from_bytes(data);
    let Some(token) = input.token() else { return };
    let Some(validation) = reference_validation(&input.validation) else { return };
    let jwk = input.reference_jwk();
    if let Ok(verified) = jwtproof_reference::verify(&token, jwk.as_deref(), &validation) {
        oracle::check_accepted(&token, input.public_jwk().as_ref(), &input.validation, &verified);
    }
}

/// The `differential` property: one [`VerifyInput`]
/// - through the reference with each crypto backend
///   ([`jwtproof_reference::Backend::ALL`]: aws-lc-rs and RustCrypto): the
///   verdicts and error kinds must be equal;
/// - through every in-process adapter (`jwtproof_adapters::all`): a library
///   that answers valid where the reference answers invalid (or the
///   reverse), or panics, must have that disagreement listed in its
///   expectations file (by class: see the `cross` module), else it is a
///   finding and the property panics with both outcomes.
pub fn differential(data: &[u8]) {
    let input = VerifyInput::from_bytes(data);
    let Some(token) = input.token() else { return };
    let Some(validation) = reference_validation(&input.validation) else { return };
    let public = input.public_jwk();
    let mut verdicts: Vec<Result<(), jwtproof_reference::Error>> = jwtproof_reference::Backend::ALL
        .iter()
        .map(|backend| {
            let jwk = public.as_ref().map(|m| jwtproof_reference::Jwk::from_map_with(m, *backend));
            jwtproof_reference::verify(&token, jwk.as_ref(), &validation).map(|_| ())
        })
        .collect();
    let kinds: Vec<Result<(), ErrorKind>> = verdicts.iter().map(|v| v.as_ref().map(|_| ()).map_err(|e| e.kind())).collect();
    assert!(
        kinds.windows(2).all(|w| matches!(w, [a, b] if a == b)),
        "the crypto backends disagree on {token:?} with key {public:?}: {kinds:?} ({:?})",
        jwtproof_reference::Backend::ALL
    );
    // The libraries are judged against the default backend's verdict
    // (`Backend::ALL[0]`), as `cargo xtask conformance` does.
    if !verdicts.is_empty() {
        cross::check(&token, public.as_ref(), &input.validation, verdicts.swap_remove(0));
    }
}

pub use cross::{Differential, known_classes};

/// The display path `vectors_load` passes to the loader.
pub const VECTORS_LOAD_PATH: &str = "fuzz/vectors_load.json";

/// The `vectors_load` property: `data` as a vector file through
/// [`jwtproof_vectors::load_str`] (non-UTF-8 data is skipped: the loader
/// takes text).
///
/// Asserts: `load_str` never panics, and
/// - a refusal names the file as given ([`VECTORS_LOAD_PATH`]) and has a
///   non-empty message; its `json_path` is empty for `Encoding` and `Syntax`
///   (whole-file faults, located by line and column in the message), `""`
///   or `format` for `Format`, and non-empty (a `tests[i].…` path) for
///   `UnknownKey` and `DuplicateId`;
/// - an accepted file keeps the loader's promises: `tests` non-empty, ids
///   unique and non-empty, every `key` names an entry of `keys`, `error`
///   only with `invalid`, allow-lists non-empty;
/// - and it round-trips: its canonical text
///   ([`jwtproof_vectors::VectorFile::to_json_string`]) loads back to an
///   equal file, and writing that gives the same text.
pub fn vectors_load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new(VECTORS_LOAD_PATH);
    match jwtproof_vectors::load_str(path, text) {
        Err(e) => {
            assert_eq!(e.file, path, "the error names another file: {e}");
            assert!(!e.message.is_empty(), "an error without a message: {e:?}");
            match e.kind {
                LoadErrorKind::Encoding | LoadErrorKind::Syntax => assert!(e.json_path.is_empty(), "{e:?}"),
                LoadErrorKind::Format => assert!(e.json_path.is_empty() || e.json_path == "format", "{e:?}"),
                LoadErrorKind::UnknownKey | LoadErrorKind::DuplicateId => {
                    assert!(e.json_path.starts_with("tests["), "{e:?}");
                }
                LoadErrorKind::Schema | LoadErrorKind::Io => {}
            }
        }
        Ok(file) => {
            assert!(!file.tests.is_empty(), "accepted a file without tests");
            let mut ids = std::collections::HashSet::new();
            for case in &file.tests {
                assert!(!case.id.is_empty() && ids.insert(case.id.as_str()), "empty or duplicate id {:?}", case.id);
                if let Some(k) = &case.key {
                    assert!(file.keys.contains_key(k), "case {} names the missing key {k:?}", case.id);
                }
                assert!(case.error.is_none() || case.expected == Expected::Invalid, "case {}: error with {}", case.id, case.expected);
                assert!(!case.validation.algorithms.is_empty(), "case {}: empty allow-list", case.id);
            }
            let canonical = file.to_json_string();
            let again = jwtproof_vectors::load_str(path, &canonical)
                .unwrap_or_else(|e| panic!("the canonical text of an accepted file is refused: {e}\n{canonical}"));
            assert_eq!(again, file, "the canonical text loads as another file:\n{canonical}");
            assert_eq!(again.to_json_string(), canonical, "writing is not stable");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    /// The project's own vectors (not `vectors/imported/`, whose
    /// expectations are their upstream authors', not our spec's).
    fn corpus() -> jwtproof_vectors::Corpus {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../vectors");
        jwtproof_vectors::load(&jwtproof_harness::default_vector_paths(&dir)).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn embedded_keys_are_all_of_vectors_keys() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../vectors/keys");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".jwk").map(str::to_owned))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<&str> = keys::all().iter().map(|k| k.name).collect();
        embedded.sort_unstable();
        assert_eq!(embedded, on_disk, "update SOURCES in src/keys.rs");
        for k in keys::all() {
            assert_eq!(k.reference.problem(), None, "{}", k.name);
        }
    }

    /// Seeds built from vector cases read back as the same case, and the
    /// property holds on them.
    #[test]
    fn verify_inputs_round_trip_for_every_vector_case() {
        let corpus = corpus();
        assert!(!corpus.is_empty());
        for (file, case) in corpus.cases() {
            let key = file.key_for(case);
            for resign in [false, true] {
                let Some(mut input) = VerifyInput::from_case(&case.token, key.as_ref(), &case.validation, resign) else { continue };
                // The layout holds the allow-list as a set.
                input.validation.algorithms.sort();
                input.validation.algorithms.dedup();
                let bytes = input.to_bytes();
                assert_eq!(VerifyInput::from_bytes(&bytes), input, "{} (resign: {resign})", case.id);
                assert_eq!(input.public_jwk(), key.as_ref().map(keys::public_part), "{}", case.id);
                verify(&bytes);
            }
            // Raw mode gives the verifier the case's exact token.
            let raw = VerifyInput::from_case(&case.token, key.as_ref(), &case.validation, false).map(|i| i.token());
            assert_eq!(raw, Some(Some(case.token.clone())));
        }
    }

    /// The reference answers a raw seed as the vector expects (so the seeds
    /// start the fuzzer on the paths the vectors cover).
    #[test]
    fn raw_seeds_reproduce_the_vector_verdicts() {
        for (file, case) in corpus().cases() {
            let key = file.key_for(case);
            let Some(input) = VerifyInput::from_case(&case.token, key.as_ref(), &case.validation, false) else { continue };
            let input = VerifyInput::from_bytes(&input.to_bytes());
            let validation = reference_validation(&input.validation).unwrap_or_else(|| panic!("{}", case.id));
            let token = input.token().unwrap_or_default();
            let got = jwtproof_reference::verify(&token, input.reference_jwk().as_deref(), &validation);
            match (case.expected, case.error) {
                (Expected::Valid, _) => assert!(got.is_ok(), "{}: {got:?}", case.id),
                // The kind too: a setting the layout lost can change it.
                (Expected::Invalid, Some(kind)) => assert_eq!(got.map(drop).map_err(|e| e.kind()), Err(kind), "{}", case.id),
                (Expected::Invalid, None) => assert!(got.is_err(), "{}", case.id),
                (Expected::Acceptable, _) => {}
            }
        }
    }

    /// A re-signed seed of a valid case is valid too: re-signing works.
    #[test]
    fn resigned_valid_cases_stay_valid() {
        let mut resigned = 0;
        for (file, case) in corpus().cases() {
            if case.expected != Expected::Valid || case.token.split('.').nth(2).is_none() {
                continue;
            }
            let key = file.key_for(case);
            let Some(input) = VerifyInput::from_case(&case.token, key.as_ref(), &case.validation, true) else { continue };
            let is_rsa = input.public_jwk().is_some_and(|k| k.get("kty").and_then(|v| v.as_str()) == Some("RSA"));
            let private = matches!(input.key, KeyChoice::Corpus { .. }) || input.public_jwk().is_some_and(|k| k.contains_key("k"));
            if is_rsa || !private {
                continue;
            }
            let token = input.token().unwrap_or_default();
            let validation = reference_validation(&input.validation).unwrap_or_else(|| panic!("{}", case.id));
            let got = jwtproof_reference::verify(&token, input.reference_jwk().as_deref(), &validation);
            assert!(got.is_ok(), "{}: {got:?}", case.id);
            resigned += 1;
        }
        assert!(resigned > 0, "no valid case could be re-signed");
    }

    /// The oracle has teeth: it refutes an acceptance whose signature was
    /// swapped for another token's.
    #[test]
    #[should_panic(expected = "does not verify with RustCrypto")]
    fn oracle_refutes_a_bad_signature() {
        let key = &keys::all().iter().find(|k| k.name == "hs256").unwrap_or_else(|| panic!("hs256")).public;
        let spec = jwtproof_vectors::ValidationSpec::new(
            vec![jwtproof_reference::AllowedEntry::Alg(jwtproof_reference::Algorithm::HS256)],
            jwtproof_reference::Clock::Seconds(0),
        );
        let input = VerifyInput {
            token: TokenInput::Resign { header: br#"{"alg":"HS256"}"#.to_vec(), payload: b"{}".to_vec() },
            key: KeyChoice::Corpus { index: keys::all().iter().position(|k| k.name == "hs256").unwrap_or(0), kid: None },
            validation: spec.clone(),
        };
        let token = input.token().unwrap_or_default();
        let validation = reference_validation(&spec).unwrap_or_else(|| panic!("validation"));
        let verified =
            jwtproof_reference::verify(&token, input.reference_jwk().as_deref(), &validation).unwrap_or_else(|e| panic!("{e:?}"));
        let (signing_input, _) = token.rsplit_once('.').unwrap_or_default();
        let forged = format!("{signing_input}.{}", base64url_encode(&[0u8; 32]));
        oracle::check_accepted(&forged, Some(key), &spec, &verified);
    }

    #[test]
    fn properties_hold_on_edge_inputs() {
        for data in [&b""[..], b".", b"..", b"a.b.c", b"e30.e30.", b"\xff", b"\xff\xff\xff", b"{}", b"{\"a\":1,\"a\":2}", &[0xFE; 40]] {
            for t in TARGETS {
                assert!(run(t, data));
            }
        }
        assert!(!run("nope", b""));
    }
}
