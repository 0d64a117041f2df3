//! `vectors/timing/`: exp, nbf, iat and max_age at their edges (step 11),
//! their types (step 9), extreme values, and the order of the time checks.

use jwtproof_reference::ErrorKind as E;
use serde_json::{Value, json};

use crate::{FileOut, Jwk, Keys, V, Want};
use jwtproof_testkit::token;

const T: i64 = 1_700_000_000;
const NS: i128 = 1_000_000_000;

pub(crate) fn files(keys: &Keys) -> Vec<FileOut> {
    vec![edges(keys), fractions(keys), types_and_extremes(keys), order(keys), regressions(keys)]
}

fn mk(hs: &Jwk, claims: &Value) -> String {
    token("HS256", hs, r#"{"alg":"HS256"}"#, &claims.to_string())
}

fn v(now: i64) -> V {
    V::new(&["HS256"], now)
}

fn edges(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("timing/edges.json", "timing-edges", "exp, nbf and iat one second before, at and after now, with leeway 0, with leeway and exactly on the leeway's edge; max_age at its edge.", "RFC 7519 §4.1.4-4.1.6; verification-rules.md step 11");
    let hs = f.committed_key(keys, "hs256");
    let fl = &["ClaimTiming"];
    for (claim, d, lw, want, why) in rows! {
        // exp: valid iff now < exp + leeway.
        ("exp", -1i64, 0u64, Want::Valid, "now is one second before exp"),
        ("exp", 0, 0, Want::Invalid(E::Expired), "now equals exp: expired (now must be before exp)"),
        ("exp", 1, 0, Want::Invalid(E::Expired), "now is one second after exp"),
        ("exp", 0, 5, Want::Valid, "now equals exp with leeway 5"),
        ("exp", 4, 5, Want::Valid, "now is exp + 4 with leeway 5: inside the leeway"),
        ("exp", 5, 5, Want::Invalid(E::Expired), "now is exp + 5 with leeway 5: exactly on the edge, now < exp + leeway is false"),
        ("exp", 6, 5, Want::Invalid(E::Expired), "now is exp + 6 with leeway 5"),
        ("exp", -1, 5, Want::Valid, "now is before exp with leeway 5"),
        // nbf: valid iff now + leeway >= nbf.
        ("nbf", -1, 0, Want::Invalid(E::NotYetValid), "now is one second before nbf"),
        ("nbf", 0, 0, Want::Valid, "now equals nbf: valid from nbf on (RFC 7519 §4.1.5, \"on or after\")"),
        ("nbf", 1, 0, Want::Valid, "now is one second after nbf"),
        ("nbf", -5, 5, Want::Valid, "now is nbf - 5 with leeway 5: exactly on the edge, now + leeway >= nbf holds"),
        ("nbf", -6, 5, Want::Invalid(E::NotYetValid), "now is nbf - 6 with leeway 5: one second short"),
        ("nbf", -4, 5, Want::Valid, "now is nbf - 4 with leeway 5"),
        // iat: iat > now + leeway is issued_in_future.
        ("iat", -1, 0, Want::Invalid(E::IssuedInFuture), "now is one second before iat"),
        ("iat", 0, 0, Want::Valid, "now equals iat"),
        ("iat", 1, 0, Want::Valid, "now is one second after iat"),
        ("iat", -5, 5, Want::Valid, "now is iat - 5 with leeway 5: exactly on the edge"),
        ("iat", -6, 5, Want::Invalid(E::IssuedInFuture), "now is iat - 6 with leeway 5"),
    } {
        let t = mk(&hs, &json!({"sub": "a", claim: T}));
        cases! { f; &format!("timing-{claim}-now-{}-leeway-{lw}", rel(d)), &format!("{claim} {T}: {why}."), &t, Some("hs256"), leeway(v(T + d), lw), want, fl; }
    }
    // max_age: now - iat > max_age + leeway is expired.
    let age = mk(&hs, &json!({"sub":"a","iat":T}));
    for (d, max, lw, want, why) in [
        (300i64, 300u64, 0u64, Want::Valid, "now - iat equals max_age (300): not over it"),
        (301, 300, 0, Want::Invalid(E::Expired), "now - iat is 301, one over max_age 300"),
        (299, 300, 0, Want::Valid, "now - iat is 299"),
        (305, 300, 5, Want::Valid, "now - iat is 305 with max_age 300 and leeway 5: exactly on the edge"),
        (306, 300, 5, Want::Invalid(E::Expired), "now - iat is 306 with max_age 300 and leeway 5"),
        (0, 0, 0, Want::Valid, "max_age 0 and now equals iat"),
        (1, 0, 0, Want::Invalid(E::Expired), "max_age 0 and now is one second after iat"),
    ] {
        cases! { f; &format!("timing-max-age-{max}-age-{d}-leeway-{lw}"), &format!("max_age: {why}."), &age, Some("hs256"), leeway(v(T + d).max_age(max), lw), want, fl; }
    }
    cases! { f;
        "timing-max-age-without-iat", "max_age set and no iat in the token: iat becomes required (step 10).", &mk(&hs, &json!({"sub":"a","exp":T + 600})), Some("hs256"), v(T).max_age(300), Want::Invalid(E::MissingClaim), fl;
        "timing-max-age-ns-edge", "max_age 300 with now_ns exactly 300 s after iat: valid.", &age, Some("hs256"), v(0).now_ns(i128::from(T + 300) * NS).max_age(300), Want::Valid, fl;
        "timing-max-age-ns-over", "max_age 300 with now_ns 300 s + 1 ns after iat: over by a nanosecond, expired.", &age, Some("hs256"), v(0).now_ns(i128::from(T + 300) * NS + 1).max_age(300), Want::Invalid(E::Expired), fl;
    }
    f
}

/// `val` with a leeway of `lw` seconds, none for 0.
fn leeway(val: V, lw: u64) -> V {
    if lw > 0 { val.leeway(lw) } else { val }
}

fn rel(d: i64) -> String {
    match d {
        0 => "eq".to_owned(),
        d if d < 0 => format!("minus-{}", -d),
        d => format!("plus-{d}"),
    }
}

fn fractions(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("timing/fractions-and-nanoseconds.json", "timing-fractions-and-nanoseconds", "Fractional NumericDates (RFC 7519 §2 allows them) and the nanosecond clock: comparisons are exact, nothing is truncated.", "RFC 7519 §2 (NumericDate); verification-rules.md step 11");
    let hs = f.committed_key(keys, "hs256");
    let fl = &["ClaimTiming", "Fraction"];
    let exp_half = mk(&hs, &json!({"sub":"a","exp":1_700_000_000.5}));
    let base = i128::from(T) * NS;
    cases! { f;
        "timing-exp-fraction-now-seconds", "exp 1700000000.5 with now 1700000000 (seconds): now < exp, valid; truncating exp to an integer would wrongly expire it.", &exp_half, Some("hs256"), v(T), Want::Valid, fl;
        "timing-exp-fraction-now-next-second", "exp 1700000000.5 with now 1700000001: expired.", &exp_half, Some("hs256"), v(T + 1), Want::Invalid(E::Expired), fl;
        "timing-exp-fraction-ns-before", "exp 1700000000.5 with now_ns one nanosecond before it: valid.", &exp_half, Some("hs256"), v(0).now_ns(base + 499_999_999), Want::Valid, fl;
        "timing-exp-fraction-ns-exact", "exp 1700000000.5 with now_ns exactly at it: expired.", &exp_half, Some("hs256"), v(0).now_ns(base + 500_000_000), Want::Invalid(E::Expired), fl;
    }
    let exp_int = mk(&hs, &json!({"sub":"a","exp":T}));
    cases! { f;
        "timing-exp-ns-minus-one", "exp 1700000000 with now_ns = exp x 1e9 - 1: valid by one nanosecond.", &exp_int, Some("hs256"), v(0).now_ns(base - 1), Want::Valid, fl;
        "timing-exp-ns-exact", "exp 1700000000 with now_ns = exp x 1e9: expired.", &exp_int, Some("hs256"), v(0).now_ns(base), Want::Invalid(E::Expired), fl;
        "timing-exp-ns-leeway-edge", "exp 1700000000, leeway 2, now_ns = (exp + 2) x 1e9 - 1: valid.", &exp_int, Some("hs256"), v(0).now_ns(base + 2 * NS - 1).leeway(2), Want::Valid, fl;
        "timing-exp-ns-leeway-exact", "exp 1700000000, leeway 2, now_ns = (exp + 2) x 1e9: expired.", &exp_int, Some("hs256"), v(0).now_ns(base + 2 * NS).leeway(2), Want::Invalid(E::Expired), fl;
    }
    let nbf_half = mk(&hs, &json!({"sub":"a","nbf":1_700_000_000.5}));
    cases! { f;
        "timing-nbf-fraction-now-seconds", "nbf 1700000000.5 with now 1700000000: not yet valid; truncating nbf would wrongly accept it.", &nbf_half, Some("hs256"), v(T), Want::Invalid(E::NotYetValid), fl;
        "timing-nbf-fraction-ns-before", "nbf 1700000000.5 with now_ns one nanosecond before it: not yet valid.", &nbf_half, Some("hs256"), v(0).now_ns(base + 499_999_999), Want::Invalid(E::NotYetValid), fl;
        "timing-nbf-fraction-ns-exact", "nbf 1700000000.5 with now_ns exactly at it: valid.", &nbf_half, Some("hs256"), v(0).now_ns(base + 500_000_000), Want::Valid, fl;
    }
    let nbf_int = mk(&hs, &json!({"sub":"a","nbf":T}));
    cases! { f;
        "timing-nbf-ns-minus-one", "nbf 1700000000 with now_ns one nanosecond before: not yet valid.", &nbf_int, Some("hs256"), v(0).now_ns(base - 1), Want::Invalid(E::NotYetValid), fl;
        "timing-nbf-ns-exact", "nbf 1700000000 with now_ns exactly at it: valid.", &nbf_int, Some("hs256"), v(0).now_ns(base), Want::Valid, fl;
    }
    let iat_half = mk(&hs, &json!({"sub":"a","iat":1_700_000_000.5}));
    cases! { f;
        "timing-iat-fraction-now-seconds", "iat 1700000000.5 with now 1700000000: issued half a second in the future.", &iat_half, Some("hs256"), v(T), Want::Invalid(E::IssuedInFuture), fl;
        "timing-iat-fraction-ns-exact", "iat 1700000000.5 with now_ns exactly at it: valid.", &iat_half, Some("hs256"), v(0).now_ns(base + 500_000_000), Want::Valid, fl;
        "timing-iat-ns-plus-one", "iat 1700000000 with now_ns one nanosecond before it: issued in the future.", &mk(&hs, &json!({"sub":"a","iat":T})), Some("hs256"), v(0).now_ns(base - 1), Want::Invalid(E::IssuedInFuture), fl;
    }
    let tiny = crate::common::sign_bytes("HS256", &hs, br#"{"alg":"HS256"}"#, br#"{"sub":"a","exp":1700000000.0000001}"#);
    cases! { f; "timing-exp-tiny-fraction-rounds-to-now", "exp 1700000000.0000001 with now 1700000000: doubles near 1.7e9 are 2^-22 apart, so the number reads as exactly 1700000000 (I-JSON, RFC 7493 §2.2: numbers are IEEE 754 doubles) and the token is expired. A decimal reading would call it valid; the spec's reading is the double.", &tiny, Some("hs256"), v(T), Want::Invalid(E::Expired), &["ClaimTiming", "Fraction", "Precision"]; }
    let micro = crate::common::sign_bytes("HS256", &hs, br#"{"alg":"HS256"}"#, br#"{"sub":"a","exp":1700000000.000001}"#);
    cases! { f; "timing-exp-microsecond-fraction", "exp 1700000000.000001 with now 1700000000: one microsecond is above the double spacing at 1.7e9, so exp stays above now under any reading: valid.", &micro, Some("hs256"), v(T), Want::Valid, fl; }
    let exp_float_int = crate::common::sign_bytes("HS256", &hs, br#"{"alg":"HS256"}"#, br#"{"sub":"a","exp":1700000000.0}"#);
    cases! { f; "timing-exp-written-with-fraction-zero", "exp written 1700000000.0 is the integer 1700000000: expired at now 1700000000.", &exp_float_int, Some("hs256"), v(T), Want::Invalid(E::Expired), fl; }
    let exp_exponent = crate::common::sign_bytes("HS256", &hs, br#"{"alg":"HS256"}"#, br#"{"sub":"a","exp":1.7000006e9}"#);
    cases! { f; "timing-exp-exponent-form", "exp written 1.7000006e9 (exponent notation) is 1700000600: valid at now 1700000000.", &exp_exponent, Some("hs256"), v(T), Want::Valid, fl; }
    let max_half = mk(&hs, &json!({"sub":"a","iat":1_699_999_699.5}));
    cases! { f;
        "timing-max-age-fraction-over", "max_age 300, iat 1699999699.5, now 1700000000: age 300.5 s is over max_age.", &max_half, Some("hs256"), v(T).max_age(300), Want::Invalid(E::Expired), fl;
        "timing-max-age-fraction-leeway", "max_age 300, iat 1699999699.5, now 1700000000, leeway 1: age 300.5 s is within 301.", &max_half, Some("hs256"), v(T).max_age(300).leeway(1), Want::Valid, fl;
    }
    f
}

fn types_and_extremes(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("timing/types-and-extremes.json", "timing-types-and-extremes", "Time claims of the wrong JSON type (step 9) and extreme values: negative, zero, 2^63, 2^64, 1e300, -1e300, denormals.", "RFC 7519 §2, §4.1.4-4.1.6; verification-rules.md steps 9 and 11");
    let hs = f.committed_key(keys, "hs256");
    let fl = &["ClaimTiming", "ClaimType"];
    for claim in ["exp", "nbf", "iat"] {
        for (slug, val, why) in [
            ("string", json!("1700000600"), "a string of digits"),
            ("null", Value::Null, "null"),
            ("bool", json!(true), "a boolean"),
            ("array", json!([1_700_000_600]), "an array holding a number"),
            ("object", json!({"$date":1_700_000_600}), "an object"),
            ("iso-date", json!("2023-11-14T22:13:20Z"), "an ISO 8601 date string"),
        ] {
            let mut c = json!({"sub":"a"});
            if let Some(m) = c.as_object_mut() {
                m.insert(claim.into(), val);
            }
            cases! { f; &format!("timing-{claim}-type-{slug}"), &format!("{claim} is {why}: a NumericDate must be a JSON number (step 9)."), &mk(&hs, &c), Some("hs256"), v(T), Want::Invalid(E::InvalidClaim), fl; }
        }
    }
    let raw = |p: &str| crate::common::sign_bytes("HS256", &hs, br#"{"alg":"HS256"}"#, p.as_bytes());
    let cases: Vec<(&str, String, i64, Want, &str)> = vec_rows! {
        ("exp-negative", raw(r#"{"sub":"a","exp":-1}"#), T, Want::Invalid(E::Expired), "exp -1 (before the epoch): expired"),
        ("exp-zero", raw(r#"{"sub":"a","exp":0}"#), T, Want::Invalid(E::Expired), "exp 0: expired"),
        ("exp-zero-now-negative", raw(r#"{"sub":"a","exp":0}"#), -1, Want::Valid, "exp 0 with now -1 (a clock before the epoch): valid"),
        ("exp-min-i64", raw(r#"{"sub":"a","exp":-9223372036854775808}"#), T, Want::Invalid(E::Expired), "exp -2^63: expired, without overflow"),
        ("exp-max-i64", raw(r#"{"sub":"a","exp":9223372036854775807}"#), T, Want::Valid, "exp 2^63 - 1: far future, valid, without overflow when scaled to nanoseconds"),
        ("exp-2-pow-63", raw(r#"{"sub":"a","exp":9223372036854775808}"#), T, Want::Valid, "exp 2^63 (one over i64): valid, must not wrap to a negative time"),
        ("exp-u64-max", raw(r#"{"sub":"a","exp":18446744073709551615}"#), T, Want::Valid, "exp 2^64 - 1: valid"),
        ("exp-2-pow-64", raw(r#"{"sub":"a","exp":18446744073709551616}"#), T, Want::Valid, "exp 2^64: valid, must not wrap to 0"),
        ("exp-1e300", raw(r#"{"sub":"a","exp":1e300}"#), T, Want::Valid, "exp 1e300: valid"),
        ("exp-minus-1e300", raw(r#"{"sub":"a","exp":-1e300}"#), T, Want::Invalid(E::Expired), "exp -1e300: expired"),
        ("exp-denormal-now-zero", raw(r#"{"sub":"a","exp":5e-324}"#), 0, Want::Valid, "exp 5e-324 (the smallest double) with now 0: now < exp, valid"),
        ("exp-negative-zero-now-zero", raw(r#"{"sub":"a","exp":-0.0}"#), 0, Want::Invalid(E::Expired), "exp -0.0 with now 0: now equals exp, expired"),
        ("nbf-minus-1e300", raw(r#"{"sub":"a","nbf":-1e300}"#), T, Want::Valid, "nbf -1e300: valid since forever"),
        ("nbf-1e300", raw(r#"{"sub":"a","nbf":1e300}"#), T, Want::Invalid(E::NotYetValid), "nbf 1e300: never valid yet"),
        ("nbf-2-pow-64", raw(r#"{"sub":"a","nbf":18446744073709551616}"#), T, Want::Invalid(E::NotYetValid), "nbf 2^64: not yet valid, must not wrap to 0"),
        ("nbf-min-i64", raw(r#"{"sub":"a","nbf":-9223372036854775808}"#), T, Want::Valid, "nbf -2^63: valid"),
        ("iat-1e300", raw(r#"{"sub":"a","iat":1e300}"#), T, Want::Invalid(E::IssuedInFuture), "iat 1e300: issued in the future"),
        ("iat-minus-1e300", raw(r#"{"sub":"a","iat":-1e300}"#), T, Want::Valid, "iat -1e300 without max_age: valid"),
        ("iat-negative-max-age", raw(r#"{"sub":"a","iat":-1}"#), T, Want::Invalid(E::Expired), "iat -1 with max_age 3600: far too old"),
        ("iat-2-pow-63", raw(r#"{"sub":"a","iat":9223372036854775808}"#), T, Want::Invalid(E::IssuedInFuture), "iat 2^63: issued in the future, must not wrap"),
        ("exp-huge-leeway", raw(r#"{"sub":"a","exp":1}"#), T, Want::Valid, "exp 1 with leeway 18446744073709551615 (u64 max): the leeway covers it; no overflow"),
        ("nbf-huge-now-ns", raw(r#"{"sub":"a","nbf":1e20}"#), 0, Want::Valid, "nbf 1e20 with now_ns 10^38 (10^29 s, far beyond 64 bits): valid, no overflow"),
    };
    for (slug, t, now, want, why) in cases {
        let mut val = v(now);
        if slug == "iat-negative-max-age" {
            val = val.max_age(3600);
        }
        if slug == "exp-huge-leeway" {
            val = val.leeway(u64::MAX);
        }
        if slug == "nbf-huge-now-ns" {
            val = v(0).now_ns(100_000_000_000_000_000_000_000_000_000_000_000_000i128);
        }
        cases! { f; &format!("timing-extreme-{slug}"), &format!("{why}."), &t, Some("hs256"), val, want, &["ClaimTiming", "Extreme"]; }
    }
    f
}

fn order(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("timing/order.json", "timing-order", "Tokens that fail several checks at once: the first failing check in the spec's order decides (exp, then nbf, then iat, then max_age; types before presence before time before audience).", "verification-rules.md, \"Checks, in order\"");
    let hs = f.committed_key(keys, "hs256");
    let fl = &["ClaimTiming", "Order"];
    let cases: Vec<(&str, Value, V, E, &str)> = vec_rows! {
        ("expired-and-not-yet-valid", json!({"exp":T - 10,"nbf":T + 10}), v(T), E::Expired, "exp passed and nbf in the future: exp is checked first"),
        ("not-yet-valid-and-future-iat", json!({"nbf":T + 10,"iat":T + 10}), v(T), E::NotYetValid, "nbf and iat both in the future: nbf before iat"),
        ("expired-and-future-iat", json!({"exp":T - 10,"iat":T + 10}), v(T), E::Expired, "exp passed and iat in the future"),
        ("future-iat-and-max-age", json!({"iat":T + 10}), v(T).max_age(5), E::IssuedInFuture, "iat in the future with max_age: issued_in_future, not expired"),
        ("expired-and-too-old", json!({"exp":T - 10,"iat":T - 1000}), v(T).max_age(60), E::Expired, "exp passed and too old: both expired"),
        ("not-yet-valid-and-too-old", json!({"nbf":T + 10,"iat":T - 1000}), v(T).max_age(60), E::NotYetValid, "nbf in the future and iat too old: nbf first"),
        ("invalid-type-before-missing", json!({"exp":"soon"}), v(T).required(&["jti"]), E::InvalidClaim, "exp of the wrong type and a required jti missing: types (step 9) before presence (step 10)"),
        ("missing-before-expired", json!({"exp":T - 10}), v(T).required(&["jti"]), E::MissingClaim, "a required claim missing and exp passed: presence (step 10) before time (step 11)"),
        ("expired-before-audience", json!({"exp":T - 10,"aud":"other"}), v(T).audience(&["api"]), E::Expired, "exp passed and aud wrong: time (step 11) before audience (step 12)"),
        ("not-yet-valid-before-issuer", json!({"nbf":T + 10,"iss":"other"}), v(T).issuer("me"), E::NotYetValid, "nbf in the future and iss wrong: time before issuer"),
        ("nbf-type-before-exp-expired", json!({"exp":T - 10,"nbf":"later"}), v(T), E::InvalidClaim, "exp passed and nbf a string: the type check (step 9) comes first"),
        ("iat-type-after-valid-exp", json!({"exp":T + 10,"iat":null}), v(T), E::InvalidClaim, "a valid exp and iat null: invalid_claim"),
        ("max-age-missing-iat-and-expired", json!({"exp":T - 10}), v(T).max_age(60), E::MissingClaim, "max_age set, no iat, exp passed: missing iat (step 10) first"),
    };
    for (slug, c, val, err, why) in cases {
        cases! { f; &format!("timing-order-{slug}"), &format!("{why}."), &mk(&hs, &c), Some("hs256"), val, Want::Invalid(err), fl; }
    }
    cases! { f; "timing-order-bad-signature-before-expired", "An expired token with a corrupted signature: step 7 comes before the claims.", &crate::common::corrupt(&mk(&hs, &json!({"exp":T - 10}))), Some("hs256"), v(T), Want::Invalid(E::InvalidSignature), fl; }
    f
}

/// Minimized failures found by the property tests
/// (`crates/reference/tests/props_timing.rs`), each a permanent case. The
/// payloads are written literally: the digits are the point.
fn regressions(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("timing/regressions.json", "timing-regressions", "Regressions found by the timing property tests: float literals that a not correctly rounded parser reads one ulp off, and clocks at the ends of the i128 range.", "crates/reference/proptest-regressions/props_timing.txt (minimized by proptest)");
    let hs = f.committed_key(keys, "hs256");
    let raw = |payload: &str| token("HS256", &hs, r#"{"alg":"HS256"}"#, payload);
    let i128_min = i128::MIN;
    let cases: [(&str, &str, &str, i128, u64, Want); 7] = rows! {
        ("timing-regression-exp-trailing-zeros", "exp written 1600000000.250000000 is exactly 1600000000.25; 1 ns before it the token is valid (a parser that is not correctly rounded reads 1600000000.2499998 and calls it expired).", r#"{"exp":1600000000.250000000}"#, 1_600_000_000_249_999_999, 0, Want::Valid),
        ("timing-regression-nbf-trailing-zeros", "nbf written 1600000000.250000000 is exactly 1600000000.25; 100 ns before it the token is not yet valid.", r#"{"nbf":1600000000.250000000}"#, 1_600_000_000_249_999_900, 0, Want::Invalid(E::NotYetValid)),
        ("timing-regression-exp-large-integer-valued-float", "exp 484917314015.000000000 (a float literal with an integer value); 1 ns before it the token is valid.", r#"{"exp":484917314015.000000000}"#, 484_917_314_014_999_999_999, 0, Want::Valid),
        ("timing-regression-exp-fraction-with-leeway", "exp 18855808.839843750 with leeway 2: now is exactly exp + 2 s, so now < exp + leeway is false.", r#"{"exp":18855808.839843750}"#, 18_855_810_839_843_750, 2, Want::Invalid(E::Expired)),
        ("timing-regression-now-ns-i128-min", "now_ns is the smallest i128: arithmetic on the clock must not overflow (a debug build panicked); exp 5 is far in the future.", r#"{"exp":5}"#, i128_min, 0, Want::Valid),
        ("timing-regression-now-ns-near-i128-max-huge-leeway", "now_ns is 2^127 - 2 and leeway 1806087348169620971 s: now + leeway overflows an i128 (a debug build panicked); iat 98547662843326425.999999941 is long past, so the token is valid.", r#"{"iat":98547662843326425.999999941}"#, i128::MAX - 1, 1_806_087_348_169_620_971, Want::Valid),
        ("timing-regression-now-ns-near-i128-min-huge-leeway", "now_ns is -(2^127 - 2) and leeway 1806087348169620971 s: now + leeway stays hugely negative, so iat 98547662843326425.999999941 is in the future.", r#"{"iat":98547662843326425.999999941}"#, -(i128::MAX - 1), 1_806_087_348_169_620_971, Want::Invalid(E::IssuedInFuture)),
    };
    for (id, why, payload, now_ns, leeway, want) in cases {
        let mut val = V::new(&["HS256"], 0).now_ns(now_ns);
        if leeway > 0 {
            val = val.leeway(leeway);
        }
        cases! { f; id, why, &raw(payload), Some("hs256"), val, want, &["ClaimTiming", "PropertyRegression"]; }
    }
    f
}
