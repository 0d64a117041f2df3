//! `vectors/claims/`: aud, iss, sub, jti and required claims: types
//! (step 9), presence (step 10) and values (step 12), and their order.

use std::fmt::Display;

use jwtproof_reference::ErrorKind as E;
use serde_json::{Value, json};

use crate::{FileOut, Jwk, Keys, V, Want};
use jwtproof_testkit::token;

const T: i64 = 1_700_000_000;

pub(crate) fn files(keys: &Keys) -> Vec<FileOut> {
    vec![audience(keys), issuer_subject(keys), required(keys)]
}

fn mk(hs: &Jwk, claims: &Value) -> String {
    token("HS256", hs, r#"{"alg":"HS256"}"#, &claims.to_string())
}

fn v() -> V {
    V::new(&["HS256"], T)
}

/// The file with a case per row: `claims-{prefix}{slug}`, the claims set
/// (exp added) signed with `hs`.
fn grid(mut f: FileOut, hs: &Jwk, prefix: &str, rows: Vec<(impl Display, Value, V, Want, impl Display)>, fl: &[&str]) -> FileOut {
    for (slug, c, val, want, why) in rows {
        cases! { f; &format!("claims-{prefix}{slug}"), &format!("{why}."), &mk(hs, &with_exp(c)), Some("hs256"), val, want, fl; }
    }
    f
}

fn with_exp(mut c: Value) -> Value {
    if let Some(m) = c.as_object_mut() {
        m.insert("exp".into(), json!(T + 600));
    }
    c
}

fn audience(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("claims/audience.json", "claims-audience", "The aud claim: a string or an array of strings (step 9); required when audience is set (step 10); some aud value must equal some accepted audience exactly (step 12).", "RFC 7519 §4.1.3; verification-rules.md steps 9, 10, 12");
    let hs = f.committed_key(keys, "hs256");
    let cases: Vec<(&str, Value, V, Want, &str)> = vec_rows! {
        ("string-match", json!({"aud":"api"}), v().audience(&["api"]), Want::Valid, "aud \"api\" and audience [api]"),
        ("array-one-match", json!({"aud":["api"]}), v().audience(&["api"]), Want::Valid, "aud [\"api\"] (an array of one) and audience [api]"),
        ("array-second-matches", json!({"aud":["web","api"]}), v().audience(&["api"]), Want::Valid, "aud [web, api]: one of its values matches"),
        ("second-accepted-matches", json!({"aud":"api"}), v().audience(&["web", "api"]), Want::Valid, "audience [web, api] and aud api: the second accepted value matches"),
        ("string-mismatch", json!({"aud":"web"}), v().audience(&["api"]), Want::Invalid(E::AudienceMismatch), "aud web and audience [api]"),
        ("array-mismatch", json!({"aud":["web","mobile"]}), v().audience(&["api"]), Want::Invalid(E::AudienceMismatch), "no aud value matches"),
        ("empty-array", json!({"aud":[]}), v().audience(&["api"]), Want::Invalid(E::AudienceMismatch), "aud [] (present, matches nothing)"),
        ("empty-string", json!({"aud":""}), v().audience(&["api"]), Want::Invalid(E::AudienceMismatch), "aud \"\""),
        ("case-differs", json!({"aud":"API"}), v().audience(&["api"]), Want::Invalid(E::AudienceMismatch), "aud API vs audience api: compared exactly (StringOrURI is case-sensitive)"),
        ("trailing-slash", json!({"aud":"https://api.example.com/"}), v().audience(&["https://api.example.com"]), Want::Invalid(E::AudienceMismatch), "a trailing slash: no URI normalization"),
        ("substring", json!({"aud":"api.example.com.evil.test"}), v().audience(&["api.example.com"]), Want::Invalid(E::AudienceMismatch), "an aud that merely starts with the accepted value"),
        ("array-containing-substring", json!({"aud":["xapi"]}), v().audience(&["api"]), Want::Invalid(E::AudienceMismatch), "an aud that merely contains the accepted value"),
        ("whitespace", json!({"aud":" api"}), v().audience(&["api"]), Want::Invalid(E::AudienceMismatch), "aud with a leading space"),
        ("number", json!({"aud":1}), v().audience(&["1"]), Want::Invalid(E::InvalidClaim), "aud a number (step 9), even though audience holds \"1\""),
        ("number-no-audience", json!({"aud":1}), v(), Want::Invalid(E::InvalidClaim), "aud a number with no audience configured: the type is checked anyway (step 9)"),
        ("array-with-number", json!({"aud":["api",1]}), v().audience(&["api"]), Want::Invalid(E::InvalidClaim), "aud [api, 1]: every element must be a string"),
        ("array-with-null", json!({"aud":["api",null]}), v().audience(&["api"]), Want::Invalid(E::InvalidClaim), "aud [api, null]"),
        ("nested-array", json!({"aud":[["api"]]}), v().audience(&["api"]), Want::Invalid(E::InvalidClaim), "aud [[api]]: an array inside the array"),
        ("null", json!({"aud":null}), v().audience(&["api"]), Want::Invalid(E::InvalidClaim), "aud null"),
        ("object", json!({"aud":{"api":true}}), v().audience(&["api"]), Want::Invalid(E::InvalidClaim), "aud an object"),
        ("bool", json!({"aud":true}), v().audience(&["api"]), Want::Invalid(E::InvalidClaim), "aud true"),
        ("missing", json!({"sub":"a"}), v().audience(&["api"]), Want::Invalid(E::MissingClaim), "no aud while audience is set (step 10)"),
        ("present-not-checked", json!({"aud":"anything"}), v(), Want::Valid, "aud present and no audience configured: nothing to compare"),
        ("array-duplicates", json!({"aud":["api","api"]}), v().audience(&["api"]), Want::Valid, "aud [api, api]: duplicate values are harmless"),
        ("unicode-exact", json!({"aud":"caf\u{e9}"}), v().audience(&["caf\u{e9}"]), Want::Valid, "a non-ASCII audience compared code point by code point"),
        ("unicode-not-normalized", json!({"aud":"cafe\u{301}"}), v().audience(&["caf\u{e9}"]), Want::Invalid(E::AudienceMismatch), "aud \"cafe\\u0301\" (decomposed) against \"caf\\u00e9\" (composed): no Unicode normalization"),
    };
    grid(f, &hs, "aud-", cases, &["Audience"])
}

fn issuer_subject(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("claims/issuer-subject-jti.json", "claims-issuer-subject-jti", "iss, sub and jti: strings when present (step 9, whatever the configuration), required when issuer/subject is set (step 10), equal to the configured value (step 12).", "RFC 7519 §4.1.1, §4.1.2, §4.1.7");
    let hs = f.committed_key(keys, "hs256");
    let mut cases: Vec<(String, Value, V, Want, String)> = Vec::new();
    for (claim, set) in [("iss", 0), ("sub", 1)] {
        let cfg = |s: &str| if set == 0 { v().issuer(s) } else { v().subject(s) };
        let mis = if set == 0 { E::IssuerMismatch } else { E::SubjectMismatch };
        let one = |val: Value| json!({ claim: val });
        calls! { cases.push;
            (format!("{claim}-match"), one(json!("alice")), cfg("alice"), Want::Valid, format!("{claim} equals the configured value"));
            (format!("{claim}-mismatch"), one(json!("mallory")), cfg("alice"), Want::Invalid(mis), format!("{claim} differs from the configured value"));
            (format!("{claim}-case-differs"), one(json!("Alice")), cfg("alice"), Want::Invalid(mis), format!("{claim} differs only in case: compared exactly"));
            (format!("{claim}-prefix"), one(json!("alice-evil")), cfg("alice"), Want::Invalid(mis), format!("{claim} merely starts with the configured value"));
            (format!("{claim}-missing"), json!({"jti":"j"}), cfg("alice"), Want::Invalid(E::MissingClaim), format!("no {claim} while one is configured (step 10)"));
            (format!("{claim}-number"), one(json!(42)), cfg("42"), Want::Invalid(E::InvalidClaim), format!("{claim} a number, even with \"42\" configured (step 9)"));
            (format!("{claim}-number-unconfigured"), one(json!(42)), v(), Want::Invalid(E::InvalidClaim), format!("{claim} a number with nothing configured: the type is checked anyway"));
        }
        cases.push((format!("{claim}-null"), one(Value::Null), cfg("alice"), Want::Invalid(E::InvalidClaim), format!("{claim} null")));
        calls! { cases.push;
            (format!("{claim}-array"), one(json!(["alice"])), cfg("alice"), Want::Invalid(E::InvalidClaim), format!("{claim} an array holding the right value"));
            (format!("{claim}-object"), one(json!({"id":"alice"})), v(), Want::Invalid(E::InvalidClaim), format!("{claim} an object"));
            (format!("{claim}-empty-string-configured-empty"), one(json!("")), cfg(""), Want::Valid, format!("{claim} \"\" equals a configured \"\""));
            (format!("{claim}-unconfigured-any"), one(json!("whoever")), v(), Want::Valid, format!("a string {claim} with nothing configured"));
        }
    }
    cases.push(("jti-string".into(), json!({"jti":"b7c1-42"}), v(), Want::Valid, "jti a string".into()));
    cases.push(("jti-number".into(), json!({"jti":42}), v(), Want::Invalid(E::InvalidClaim), "jti a number (step 9)".into()));
    cases.push(("jti-null".into(), json!({"jti":null}), v(), Want::Invalid(E::InvalidClaim), "jti null".into()));
    cases.push(("jti-array".into(), json!({"jti":["a"]}), v(), Want::Invalid(E::InvalidClaim), "jti an array".into()));
    calls! { cases.push;
        ("issuer-before-subject".into(), json!({"iss":"x","sub":"y"}), v().issuer("alice").subject("bob"), Want::Invalid(E::IssuerMismatch), "iss and sub both wrong: issuer is compared before subject".into());
        ("audience-before-issuer".into(), json!({"aud":"x","iss":"y"}), v().audience(&["api"]).issuer("alice"), Want::Invalid(E::AudienceMismatch), "aud and iss both wrong: audience is compared first (step 12 order)".into());
        ("subject-only-wrong".into(), json!({"aud":"api","iss":"alice","sub":"y"}), v().audience(&["api"]).issuer("alice").subject("bob"), Want::Invalid(E::SubjectMismatch), "aud and iss right, sub wrong".into());
        ("all-match".into(), json!({"aud":"api","iss":"alice","sub":"bob"}), v().audience(&["api"]).issuer("alice").subject("bob"), Want::Valid, "aud, iss and sub all match".into());
        ("missing-issuer-before-type".into(), json!({"sub":7}), v().issuer("alice"), Want::Invalid(E::InvalidClaim), "sub of the wrong type and iss missing: types (step 9) first".into());
        ("mismatch-after-missing".into(), json!({"iss":"mallory"}), v().issuer("alice").subject("bob"), Want::Invalid(E::MissingClaim), "iss wrong and sub missing: presence (step 10) before values (step 12)".into());
    }
    grid(f, &hs, "", cases, &["Claims"])
}

fn required(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("claims/required.json", "claims-required", "required_claims: every listed claim must be present (step 10), whatever its value; registered claims are still type-checked first (step 9).", "verification-rules.md step 10; RFC 7519 §4");
    let hs = f.committed_key(keys, "hs256");
    let fl = &["RequiredClaims"];
    let full = json!({"iss":"a","sub":"b","aud":"c","exp":T + 600,"nbf":T - 10,"iat":T - 10,"jti":"j","scope":"read"});
    cases! { f; "claims-required-all-present", "Every registered claim and a custom one required, all present and valid.", &mk(&hs, &full), Some("hs256"), v().required(&["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "scope"]), Want::Valid, fl; }
    for claim in ["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "scope"] {
        let mut c = full.clone();
        if let Some(m) = c.as_object_mut() {
            m.remove(claim);
        }
        cases! { f; &format!("claims-required-missing-{claim}"), &format!("{claim} is required and absent (step 10)."), &mk(&hs, &c), Some("hs256"), v().required(&[claim]), Want::Invalid(E::MissingClaim), fl; }
    }
    let c = json!({"scope":null,"exp":T + 600});
    cases! { f; "claims-required-custom-null-present", "A required custom claim present with the value null: present is present (no type rule for custom claims).", &mk(&hs, &c), Some("hs256"), v().required(&["scope"]), Want::Valid, fl; }
    let c = json!({"exp":null});
    cases! { f; "claims-required-exp-null", "A required exp present as null: present, but exp must be a number (step 9 before step 10).", &mk(&hs, &c), Some("hs256"), v().required(&["exp"]), Want::Invalid(E::InvalidClaim), fl; }
    let c = json!({"Exp":T + 600});
    cases! { f; "claims-required-name-case", "exp required and only Exp present: claim names are case-sensitive.", &mk(&hs, &c), Some("hs256"), v().required(&["exp"]), Want::Invalid(E::MissingClaim), fl; }
    let c = json!({"ctx":{"scope":"read"},"exp":T + 600});
    cases! { f;
        "claims-required-nested-not-top-level", "scope required and present only inside a nested object: claims are top-level members.", &mk(&hs, &c), Some("hs256"), v().required(&["scope"]), Want::Invalid(E::MissingClaim), fl;
        "claims-required-first-missing-reported", "Two required claims missing: one missing_claim verdict.", &mk(&hs, &json!({"exp":T + 600})), Some("hs256"), v().required(&["jti", "scope"]), Want::Invalid(E::MissingClaim), fl;
        "claims-unknown-claims-ignored", "Unknown claims of any type are ignored.", &mk(&hs, &json!({"exp":T + 600,"x":[1,{"y":null}],"admin":true,"n":1.5})), Some("hs256"), v(), Want::Valid, fl;
        "claims-none-required-empty-set", "No claims at all and nothing required: valid (a JWT need not carry any claim).", &mk(&hs, &json!({})), Some("hs256"), v(), Want::Valid, fl;
    }
    f
}
