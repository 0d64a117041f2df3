//! Every loader error message, pinned by a snapshot (one per file of
//! `vectors/invalid-files/`). Paths are shown relative to the repository
//! root so the snapshots do not depend on where the checkout lives.

mod common;

use std::collections::BTreeSet;

use common::*;
use jwtproof_vectors::{LoadError, load, load_file};

fn render(err: &LoadError) -> String {
    format!("{}\nkind: {:?}\n", relative_message(&err.to_string()), err.kind)
}

/// The loader's refusal of `vectors/invalid-files/{name}`: a file is loaded
/// alone, a directory as one set.
fn refusal(name: &str) -> String {
    let path = invalid_dir().join(name);
    let result = if path.is_dir() { load(std::slice::from_ref(&path)).map(drop) } else { load_file(&path).map(drop) };
    match result {
        Ok(()) => panic!("{}: accepted by the loader", relative(&path)),
        Err(e) => render(&e),
    }
}

macro_rules! refusals {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                insta::assert_snapshot!($name, refusal($name));
            }
        )*

        /// Every invalid file has a snapshot test above, and every test a file.
        #[test]
        fn every_invalid_file_is_listed() {
            let listed: BTreeSet<&str> = [$($name),*].into_iter().collect();
            let mut present = BTreeSet::new();
            for dir in [invalid_dir(), loader_only_dir()] {
                for path in json_files(&dir) {
                    present.insert(relative(&path).trim_start_matches("vectors/invalid-files/").to_owned());
                }
            }
            for dir in subdirs(&loader_only_dir()) {
                present.insert(relative(&dir).trim_start_matches("vectors/invalid-files/").to_owned());
            }
            let present: BTreeSet<&str> = present.iter().map(String::as_str).collect();
            assert_eq!(listed, present);
        }
    };
}

refusals! {
    algorithm_wrong_case => "algorithm-wrong-case.json",
    bad_id => "bad-id.json",
    bad_syntax => "bad-syntax.json",
    basis_without_impact => "basis-without-impact.json",
    both_now_and_now_ns => "both-now-and-now-ns.json",
    byte_order_mark => "byte-order-mark.json",
    empty_algorithms => "empty-algorithms.json",
    empty_tests => "empty-tests.json",
    error_with_expected_valid => "error-with-expected-valid.json",
    flags_not_strings => "flags-not-strings.json",
    id_trailing_hyphen => "id-trailing-hyphen.json",
    impact_on_valid_case => "impact-on-valid-case.json",
    impact_without_basis => "impact-without-basis.json",
    invalid_basis => "invalid-basis.json",
    invalid_utf8 => "invalid-utf8.json",
    key_not_object => "key-not-object.json",
    key_without_kty => "key-without-kty.json",
    missing_expected => "missing-expected.json",
    missing_format => "missing-format.json",
    missing_key_member => "missing-key-member.json",
    misspelled_expected => "misspelled-expected.json",
    negative_leeway => "negative-leeway.json",
    neither_now_nor_now_ns => "neither-now-nor-now-ns.json",
    now_not_integer => "now-not-integer.json",
    null_issuer => "null-issuer.json",
    unknown_algorithm => "unknown-algorithm.json",
    unknown_error_kind => "unknown-error-kind.json",
    unknown_expected => "unknown-expected.json",
    unknown_impact => "unknown-impact.json",
    unknown_payload_kind => "unknown-payload-kind.json",
    unknown_profile => "unknown-profile.json",
    unknown_top_level_field => "unknown-top-level-field.json",
    unknown_validation_field => "unknown-validation-field.json",
    wrong_format => "wrong-format.json",
    loader_only_baseline_names_no_case => "loader-only/baseline-names-no-case.json",
    loader_only_duplicate_id => "loader-only/duplicate-id.json",
    loader_only_duplicate_id_across_files => "loader-only/duplicate-id-across-files",
    loader_only_duplicate_key_name => "loader-only/duplicate-key-name.json",
    loader_only_duplicate_member => "loader-only/duplicate-member.json",
    loader_only_missing_key => "loader-only/missing-key.json",
    loader_only_now_ns_out_of_range => "loader-only/now-ns-out-of-range.json",
}
