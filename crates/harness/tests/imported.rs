//! Third-party corpora under `vectors/imported/` say what *their* authors
//! expect. The reference must agree with them except where our spec is
//! deliberately stricter or the upstream data is defective; each such case
//! is listed here with its reason (and in vectors/imported/README.md).
//! A new disagreement, or a listed one that disappears, fails the test.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jwtproof_harness::{Reference, Verdict, run};

/// Wycheproof JWS cases the reference judges differently, and why.
const WYCHEPROOF_DIVERGENCES: &[(&str, &str)] = &[
    ("wycheproof-jws-346", "Figure20: header PS384, key alg PS256; the key is bound to its alg (steps 4 and 6)"),
    ("wycheproof-jws-350", "Figure20: header PS384, key alg PS256; the key is bound to its alg (steps 4 and 6)"),
    (
        "wycheproof-jws-347",
        "Figure27: key alg \"ES521\" (no such algorithm; RFC 7518 names it ES512), header ES512; the key is bound to its alg (step 6)",
    ),
    (
        "wycheproof-jws-351",
        "Figure27 (key_ops): key alg \"ES521\" (no such algorithm; RFC 7518 names it ES512), header ES512; the key is bound to its alg (step 6)",
    ),
    ("wycheproof-jws-372", "InvalidCharacterInsertedInHeader: '?' is not base64url (step 1); upstream calls it valid"),
    ("wycheproof-jws-373", "InvalidCharacterInsertedInPayload: '?' is not base64url (step 1); upstream calls it valid"),
    (
        "wycheproof-jws-367",
        "invalidBase64Padding: upstream token is identical to tcId 357 (valid MAC, no padding): defective upstream data",
    ),
    ("wycheproof-jws-370", "invalidBase64PaddingInPayload: upstream token is identical to tcId 357: defective upstream data"),
];

#[test]
fn reference_agrees_with_wycheproof_jws_except_listed_divergences() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../vectors/imported/wycheproof-jws.json");
    let corpus = jwtproof_vectors::load(&[path]).unwrap_or_else(|e| panic!("{e}"));
    assert!(corpus.len() > 390, "the imported file holds {} cases", corpus.len());
    let results = run(&corpus, &[&Reference]);
    let failing: BTreeMap<&str, &str> =
        results.iter().filter(|r| r.judged.verdict == Verdict::Fail).map(|r| (r.id.as_str(), r.judged.reason.as_str())).collect();
    let listed: BTreeMap<&str, &str> = WYCHEPROOF_DIVERGENCES.iter().copied().collect();
    let new: Vec<_> = failing.iter().filter(|(id, _)| !listed.contains_key(*id)).collect();
    let gone: Vec<_> = listed.keys().filter(|id| !failing.contains_key(*id)).collect();
    assert!(new.is_empty() && gone.is_empty(), "new divergences: {new:?}\nlisted but no longer diverging: {gone:?}");
    let passed = results.iter().filter(|r| r.judged.verdict == Verdict::Pass).count();
    eprintln!("wycheproof JWS: {passed} passed, {} listed divergences", failing.len());
}
