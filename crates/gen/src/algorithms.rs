//! `vectors/algorithms/`: each of the 13 algorithms against the same grid
//! of keys and signatures (step 6 key fit and metadata, step 7 signature).

use jwtproof_reference::ErrorKind as E;
use serde_json::json;

use crate::common::{corrupt, key, oct, public, sig_of, with, with_sig};
use crate::{FileOut, Jwk, Keys, V, Want};
use jwtproof_testkit::token;

const NOW: i64 = 1_700_000_100;
const PAYLOAD: &str = r#"{"sub":"alice","iat":1700000000,"exp":1700003600}"#;

struct Spec {
    alg: &'static str,
    key: &'static str,
    /// A key of another type.
    wrong_type: &'static str,
    /// A key of the right type but unusable size/curve, and why.
    wrong_size: Option<(&'static str, &'static str)>,
    /// Another algorithm of the same family (for JWK alg mismatch).
    sibling: &'static str,
    /// Another key of the same type, if we have one.
    other: Option<&'static str>,
}

#[rustfmt::skip]
const SPECS: [Spec; 13] = [
    Spec { alg: "HS256", key: "hs256", wrong_type: "rsa-2048", wrong_size: Some(("hs-short-16", "a 16-byte secret, under HS256's 32")), sibling: "HS384", other: Some("hs256-other") },
    Spec { alg: "HS384", key: "hs384", wrong_type: "p384", wrong_size: Some(("hs256", "a 32-byte secret, under HS384's 48")), sibling: "HS512", other: None },
    Spec { alg: "HS512", key: "hs512", wrong_type: "ed25519", wrong_size: Some(("hs384", "a 48-byte secret, under HS512's 64")), sibling: "HS256", other: None },
    Spec { alg: "RS256", key: "rsa-2048", wrong_type: "p256", wrong_size: Some(("rsa-1024", "a 1024-bit modulus, under 2048")), sibling: "PS256", other: Some("rsa-2048-other") },
    Spec { alg: "RS384", key: "rsa-2048", wrong_type: "hs384", wrong_size: Some(("rsa-1024", "a 1024-bit modulus, under 2048")), sibling: "RS256", other: Some("rsa-2048-other") },
    Spec { alg: "RS512", key: "rsa-3072", wrong_type: "p521", wrong_size: Some(("rsa-1024", "a 1024-bit modulus, under 2048")), sibling: "RS384", other: Some("rsa-2048") },
    Spec { alg: "PS256", key: "rsa-2048", wrong_type: "ed25519", wrong_size: Some(("rsa-1024", "a 1024-bit modulus, under 2048")), sibling: "RS256", other: Some("rsa-2048-other") },
    Spec { alg: "PS384", key: "rsa-3072", wrong_type: "p384", wrong_size: Some(("rsa-1024", "a 1024-bit modulus, under 2048")), sibling: "PS256", other: Some("rsa-2048") },
    Spec { alg: "PS512", key: "rsa-2048", wrong_type: "hs512", wrong_size: Some(("rsa-1024", "a 1024-bit modulus, under 2048")), sibling: "PS384", other: Some("rsa-2048-other") },
    Spec { alg: "ES256", key: "p256", wrong_type: "rsa-2048", wrong_size: Some(("p384", "a P-384 key (ES256 is P-256 only)")), sibling: "ES384", other: Some("p256-other") },
    Spec { alg: "ES384", key: "p384", wrong_type: "ed25519", wrong_size: Some(("p521", "a P-521 key (ES384 is P-384 only)")), sibling: "ES256", other: None },
    Spec { alg: "ES512", key: "p521", wrong_type: "hs512", wrong_size: Some(("p256", "a P-256 key (ES512 is P-521 only)")), sibling: "ES384", other: None },
    Spec { alg: "EdDSA", key: "ed25519", wrong_type: "p256", wrong_size: None, sibling: "ES256", other: Some("ed25519-other") },
];

pub(crate) fn files(keys: &Keys) -> Vec<FileOut> {
    SPECS.iter().map(|s| file(keys, s)).collect()
}

fn file(keys: &Keys, s: &Spec) -> FileOut {
    let a = s.alg.to_lowercase();
    #[rustfmt::skip]
    let mut f = FileOut::new(&format!("algorithms/{a}.json"), &format!("algorithm-{a}"), &format!("{} against the key grid: the right key, a key of another type, a key of unusable size or curve, JWK alg/use/key_ops/kid metadata (step 6), corrupted and wrong-length signatures (step 7), no key, and the allow-list (step 4).", s.alg), "RFC 7518 §3 and §6; RFC 7517 §4.2-4.5; RFC 8037 §3.1; verification-rules.md steps 4, 6, 7");
    let k: Jwk = key(keys, s.key);
    let fl = &["Algorithm"];
    f.key(s.key, k.clone());
    f.key(s.wrong_type, key(keys, s.wrong_type));
    let h = format!(r#"{{"alg":"{}"}}"#, s.alg);
    let t = token(s.alg, &k, &h, PAYLOAD);
    let val = || V::new(&[s.alg], NOW);
    let id = |slug: &str| format!("alg-{a}-{slug}");
    cases! { f;
        &id("valid"), &format!("An honest {} token with the matching key.", s.alg), &t, Some(s.key), val(), Want::Valid, fl;
        &id("wrong-key-type"), &format!("{} with a key of another type ({}): the kty does not fit (step 6).", s.alg, s.wrong_type), &t, Some(s.wrong_type), val(), Want::Invalid(E::KeyMismatch), fl;
    }
    if let Some((ws, why)) = s.wrong_size {
        f.key(ws, key(keys, ws));
        // Signed with the unusable key itself, so only step 6 can refuse it.
        let signer_alg = match ws {
            "p384" => "ES384",
            "p521" => "ES512",
            "p256" => "ES256",
            // PSS-SHA512 with a 64-byte salt does not fit a 1024-bit modulus.
            "rsa-1024" if s.alg == "PS512" => "RS512",
            _ => s.alg,
        };
        let wt = if signer_alg == s.alg {
            token(s.alg, &key(keys, ws), &h, PAYLOAD)
        } else {
            with_sig(&t, &sig_of(&token(signer_alg, &key(keys, ws), &h, PAYLOAD)))
        };
        cases! { f; &id("wrong-key-size"), &format!("{} signed with and checked against {why}: unusable for {} (step 6).", s.alg, s.alg), &wt, Some(ws), val(), Want::Invalid(E::KeyMismatch), &["Algorithm", "WeakKey"]; }
    }
    cases! { f; &id("corrupted-signature"), &format!("{} with one signature bit flipped (step 7).", s.alg), &corrupt(&t), Some(s.key), val(), Want::Invalid(E::InvalidSignature), fl; }
    let mut longer = sig_of(&t);
    longer.push(0);
    cases! { f; &id("signature-one-byte-long"), &format!("{} signature with an extra zero byte: wrong length (step 7).", s.alg), &with_sig(&t, &longer), Some(s.key), val(), Want::Invalid(E::InvalidSignature), fl; }
    let sig = sig_of(&t);
    cases! { f;
        &id("signature-one-byte-short"), &format!("{} signature missing its last byte (step 7).", s.alg), &with_sig(&t, sig.get(..sig.len() - 1).unwrap_or_default()), Some(s.key), val(), Want::Invalid(E::InvalidSignature), fl;
        &id("signature-empty"), &format!("{} with an empty signature (step 7).", s.alg), &with_sig(&t, &[]), Some(s.key), val(), Want::Invalid(E::InvalidSignature), fl;
    }
    let variants: Vec<(&str, Jwk, Want, String)> = vec_rows! {
        ("jwk-alg-differs", with(k.clone(), "alg", json!(s.sibling)), Want::Invalid(E::KeyMismatch), format!("the JWK says alg {} but the header says {} (step 6, RFC 7517 §4.4)", s.sibling, s.alg)),
        ("jwk-alg-matches", with(k.clone(), "alg", json!(s.alg)), Want::Valid, format!("the JWK's alg equals the header's {}", s.alg)),
        ("jwk-alg-lowercase", with(k.clone(), "alg", json!(s.alg.to_lowercase())), Want::Invalid(E::KeyMismatch), "the JWK's alg is the lower-case spelling: alg values are case-sensitive".to_owned()),
        ("jwk-use-enc", with(k.clone(), "use", json!("enc")), Want::Invalid(E::KeyMismatch), "the JWK's use is enc (step 6, RFC 7517 §4.2)".to_owned()),
        ("jwk-use-sig", with(k.clone(), "use", json!("sig")), Want::Valid, "the JWK's use is sig".to_owned()),
        ("jwk-use-other", with(k.clone(), "use", json!("SIG")), Want::Invalid(E::KeyMismatch), "the JWK's use is SIG: use values are case-sensitive, only sig is a signature key".to_owned()),
        ("jwk-key-ops-sign-only", with(k.clone(), "key_ops", json!(["sign"])), Want::Invalid(E::KeyMismatch), "the JWK's key_ops is [sign]: it may sign but not verify (step 6, RFC 7517 §4.3)".to_owned()),
        ("jwk-key-ops-empty", with(k.clone(), "key_ops", json!([])), Want::Invalid(E::KeyMismatch), "the JWK's key_ops is []: no operation is allowed".to_owned()),
        ("jwk-key-ops-verify", with(k.clone(), "key_ops", json!(["verify"])), Want::Valid, "the JWK's key_ops is [verify]".to_owned()),
        ("jwk-key-ops-sign-verify", with(k.clone(), "key_ops", json!(["sign", "verify"])), Want::Valid, "the JWK's key_ops is [sign, verify]".to_owned()),
        ("jwk-key-ops-encrypt", with(k.clone(), "key_ops", json!(["encrypt", "decrypt"])), Want::Invalid(E::KeyMismatch), "the JWK's key_ops is [encrypt, decrypt]".to_owned()),
        ("jwk-kid-only-in-key", with(k.clone(), "kid", json!("k1")), Want::Valid, "the JWK has kid k1 and the header none: nothing to compare".to_owned()),
        ("jwk-alg-use-ops-all-right", with(with(with(k.clone(), "alg", json!(s.alg)), "use", json!("sig")), "key_ops", json!(["verify"])), Want::Valid, "the JWK carries alg, use sig and key_ops [verify], all consistent".to_owned()),
        ("jwk-use-and-key-ops-conflict", with(with(k.clone(), "use", json!("sig")), "key_ops", json!(["sign"])), Want::Invalid(E::KeyMismatch), "the JWK has use sig but key_ops [sign]: both are checked".to_owned()),
    };
    for (slug, jwk, want, why) in variants {
        let name = format!("{}-{slug}", s.key);
        f.key(&name, jwk);
        cases! { f; &id(slug), &format!("{} token; {why}.", s.alg), &t, Some(&name), val(), want, fl; }
    }
    let hk = format!(r#"{{"alg":"{}","kid":"k1"}}"#, s.alg);
    let tk = token(s.alg, &k, &hk, PAYLOAD);
    f.key(&format!("{}-kid-k1", s.key), with(k.clone(), "kid", json!("k1")));
    f.key(&format!("{}-kid-k2", s.key), with(k.clone(), "kid", json!("k2")));
    f.key(&format!("{}-kid-k1-upper", s.key), with(k.clone(), "kid", json!("K1")));
    cases! { f;
        &id("kid-match"), &format!("{} header kid k1 and JWK kid k1.", s.alg), &tk, Some(&format!("{}-kid-k1", s.key)), val(), Want::Valid, fl;
        &id("kid-mismatch"), &format!("{} header kid k1 and JWK kid k2: both present and different (step 6).", s.alg), &tk, Some(&format!("{}-kid-k2", s.key)), val(), Want::Invalid(E::KeyMismatch), fl;
        &id("kid-case-differs"), &format!("{} header kid k1 and JWK kid K1: kid values are compared exactly.", s.alg), &tk, Some(&format!("{}-kid-k1-upper", s.key)), val(), Want::Invalid(E::KeyMismatch), fl;
        &id("kid-only-in-header"), &format!("{} header kid k1 and a JWK without kid: nothing to compare.", s.alg), &tk, Some(s.key), val(), Want::Valid, fl;
        &id("no-key"), &format!("{} with no key at all (step 6).", s.alg), &t, None, val(), Want::Invalid(E::KeyMismatch), fl;
        &id("not-in-allow-list"), &format!("{} with an allow-list of {} only (step 4).", s.alg, s.sibling), &t, Some(s.key), V::new(&[s.sibling], NOW), Want::Invalid(E::AlgorithmNotAllowed), fl;
        &id("allow-list-of-all"), &format!("{} with every algorithm allowed: the header's alg is in the list.", s.alg), &t, Some(s.key), V::new(&["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"], NOW), Want::Valid, fl;
    }
    let other: Option<(String, Jwk)> = match s.other {
        Some(o) => Some((o.to_owned(), key(keys, o))),
        None if s.alg.starts_with("HS") => Some((format!("oct-{a}-other"), oct(&[0x5a; 64]))),
        None => None,
    };
    if let Some((oname, ok)) = other {
        f.key(&oname, ok.clone());
        cases! { f; &id("other-key-same-type"), &format!("{} checked with another key of the right type ({oname}): the signature does not verify (step 7).", s.alg), &t, Some(&oname), val(), Want::Invalid(E::InvalidSignature), fl; }
        let forged = token(s.alg, &ok, &h, PAYLOAD);
        cases! { f; &id("signed-by-other-key"), &format!("{} signed by another key ({oname}) and checked with {} (step 7).", s.alg, s.key), &forged, Some(s.key), val(), Want::Invalid(E::InvalidSignature), fl; }
    }
    let pk = public(&k);
    if pk.len() != k.len() {
        f.key(&format!("{}-public-only", s.key), pk);
        cases! { f; &id("public-part-only"), &format!("{} checked with a JWK that holds only the public members.", s.alg), &t, Some(&format!("{}-public-only", s.key)), val(), Want::Valid, fl; }
    }
    f
}
