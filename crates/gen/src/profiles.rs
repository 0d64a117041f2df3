//! `vectors/profiles/`: the four documented profiles in depth, beyond
//! `vectors/documented/`: BigONE's nonce window and formats, Voicegain's
//! origin wildcards, Aspose's lifetime, Trinity's claim set.

use jwtproof_reference::ErrorKind as E;
use jwtproof_reference::Profile;
use serde_json::{Value, json};

use crate::common::{key, oct, with};
use crate::{FileOut, Jwk, Keys, V, Want};
use jwtproof_testkit::token;

pub(crate) fn files(keys: &Keys) -> Vec<FileOut> {
    vec![bigone(), voicegain(keys), aspose(keys), trinity(keys)]
}

const NONCE: i128 = 1_527_665_262_168_391_000;
const SUB: &str = "cee88ab0-bc69-4357-84b7-db0545e85647";

fn bigone() -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("profiles/bigone.json", "profile-bigone", "The bigone profile: the nonce window |now_ns - nonce| < recv_window x 1e9 at its exact edges for custom windows, exact big-integer arithmetic on digit strings, and the formats of type, nonce and recv_window.", "004_91db62ee117daa7f.txt (BigONE Developer API, Authentication); verification-rules.md, Profiles");
    let secret = oct(b"testsecret");
    f.key("testsecret", secret.clone());
    let h = r#"{"typ":"JWT","alg":"HS256"}"#;
    let sign = |c: &Value| token("HS256", &secret, h, &c.to_string());
    let claims = |nonce: Value, rw: Option<Value>| {
        let mut c = json!({"type":"OpenAPIV2","sub":SUB,"nonce":nonce});
        if let (Some(rw), Some(m)) = (rw, c.as_object_mut()) {
            m.insert("recv_window".into(), rw);
        }
        c
    };
    let at = |ns: i128| V::new(&["HS256"], 0).now_ns(ns).profile(Profile::Bigone);
    let n = json!(NONCE.to_string());
    let fl = &["NonceWindow"];
    for (rw, secs) in [("10", 10i128), ("1", 1), ("3600", 3600)] {
        let t = sign(&claims(n.clone(), Some(json!(rw))));
        for (slug, delta, want, why) in rows! {
            ("plus-inside", secs * 1_000_000_000 - 1, Want::Valid, "now_ns is recv_window seconds minus 1 ns after the nonce"),
            ("plus-edge", secs * 1_000_000_000, Want::Invalid(E::NonceOutOfWindow), "now_ns is exactly recv_window seconds after the nonce (the bound is strict)"),
            ("minus-inside", -(secs * 1_000_000_000 - 1), Want::Valid, "now_ns is recv_window seconds minus 1 ns before the nonce"),
            ("minus-edge", -(secs * 1_000_000_000), Want::Invalid(E::NonceOutOfWindow), "now_ns is exactly recv_window seconds before the nonce"),
        } {
            cases! { f; &format!("profile-bigone-window-{rw}-{slug}"), &format!("recv_window \"{rw}\": {why}."), &t, Some("testsecret"), at(NONCE + delta), want, fl; }
        }
    }
    let t0 = sign(&claims(n.clone(), Some(json!("0"))));
    cases! { f;
        "profile-bigone-window-0-exact", "recv_window \"0\": |now_ns - nonce| < 0 never holds, so even now_ns equal to the nonce is out of the window.", &t0, Some("testsecret"), at(NONCE), Want::Invalid(E::NonceOutOfWindow), fl;
        "profile-bigone-window-exact-nonce", "The default window and now_ns equal to the nonce: distance 0, valid.", &sign(&claims(n.clone(), None)), Some("testsecret"), at(NONCE), Want::Valid, fl;
    }
    let huge = sign(&claims(n.clone(), Some(json!("99999999999999999999999999"))));
    cases! { f; "profile-bigone-window-huge", "recv_window of 26 nines (seconds): far beyond 64 bits once multiplied by 1e9, and must not overflow; now_ns 0 is inside it.", &huge, Some("testsecret"), at(0), Want::Valid, fl; }
    let lead = sign(&claims(json!(format!("000{NONCE}")), Some(json!("050"))));
    cases! { f; "profile-bigone-leading-zeros", "nonce and recv_window with leading zeros (\"000...\", \"050\"): decimal digit strings with the same values, valid at the nonce.", &lead, Some("testsecret"), at(NONCE + 49_000_000_000), Want::Valid, fl; }
    let wrap = NONCE + (1i128 << 64);
    let t = sign(&claims(json!(wrap.to_string()), Some(json!("50"))));
    cases! { f; "profile-bigone-nonce-wraps-u64", "nonce = documented nonce + 2^64: a verifier that parses it into a wrapping 64-bit integer sees the documented nonce; exactly, it is centuries away.", &t, Some("testsecret"), at(NONCE), Want::Invalid(E::NonceOutOfWindow), &["NonceWindow", "Overflow"]; }
    let t = sign(&claims(json!("1527665262168391000000000"), Some(json!("50"))));
    cases! { f; "profile-bigone-nonce-25-digits", "A 25-digit nonce (the documented one followed by six zeros): out of the window, must not wrap or saturate into it.", &t, Some("testsecret"), at(NONCE), Want::Invalid(E::NonceOutOfWindow), &["NonceWindow", "Overflow"]; }
    let t = sign(&claims(json!("0"), Some(json!("50"))));
    cases! { f; "profile-bigone-nonce-zero", "nonce \"0\" (the epoch): out of the window now.", &t, Some("testsecret"), at(NONCE), Want::Invalid(E::NonceOutOfWindow), fl; }
    let wrap_rw = sign(&claims(n.clone(), Some(json!("18446744073"))));
    cases! { f; "profile-bigone-window-times-1e9-overflows-u64", "recv_window 18446744073 s: times 1e9 it exceeds 2^64 (a wrapping multiply gives a tiny window); exactly, now_ns a year away is inside it.", &wrap_rw, Some("testsecret"), at(NONCE + 31_536_000_000_000_000), Want::Valid, &["NonceWindow", "Overflow"]; }
    let bad: Vec<(&str, Value, Option<Value>, &str)> = vec_rows! {
        ("nonce-empty", json!(""), None, "an empty nonce"),
        ("nonce-letters", json!("1527665262168391abc"), None, "a nonce with letters"),
        ("nonce-negative", json!(format!("-{NONCE}")), None, "a nonce with a minus sign"),
        ("nonce-plus", json!(format!("+{NONCE}")), None, "a nonce with a plus sign"),
        ("nonce-space", json!(format!(" {NONCE}")), None, "a nonce with a leading space"),
        ("nonce-exponent", json!("1.527665262168391e18"), None, "a nonce in exponent notation"),
        ("nonce-arabic-indic-digits", json!("\u{661}\u{665}\u{662}\u{667}"), None, "a nonce of Arabic-Indic digits (Unicode digits are not decimal ASCII digits)"),
        ("nonce-fullwidth-digits", json!("\u{ff11}\u{ff15}\u{ff12}\u{ff17}"), None, "a nonce of fullwidth digits"),
        ("nonce-null", Value::Null, None, "a null nonce"),
        ("nonce-array", json!([NONCE.to_string()]), None, "a nonce inside an array"),
        ("recv-window-empty", n.clone(), Some(json!("")), "an empty recv_window"),
        ("recv-window-number", n.clone(), Some(json!(50)), "recv_window as a JSON number"),
        ("recv-window-negative", n.clone(), Some(json!("-5")), "recv_window \"-5\""),
        ("recv-window-fraction", n.clone(), Some(json!("2.5")), "recv_window \"2.5\""),
        ("recv-window-null", n.clone(), Some(Value::Null), "recv_window null (present, not a digit string)"),
    };
    for (slug, nonce, rw, why) in bad {
        cases! { f; &format!("profile-bigone-{slug}"), &format!("{why}: invalid_claim (step 13)."), &sign(&claims(nonce, rw)), Some("testsecret"), at(NONCE), Want::Invalid(E::InvalidClaim), &["ProfileFormat"]; }
    }
    let others: Vec<(&str, Value, &str, Want)> = vec_rows! {
        ("type-missing", json!({"sub":SUB,"nonce":NONCE.to_string()}), "no type claim: missing_claim (step 10)", Want::Invalid(E::MissingClaim)),
        ("sub-missing", json!({"type":"OpenAPIV2","nonce":NONCE.to_string()}), "no sub claim: missing_claim", Want::Invalid(E::MissingClaim)),
        ("sub-number", json!({"type":"OpenAPIV2","sub":42,"nonce":NONCE.to_string()}), "sub a number: invalid_claim at step 9", Want::Invalid(E::InvalidClaim)),
        ("type-lowercase", json!({"type":"openapiv2","sub":SUB,"nonce":NONCE.to_string()}), "type \"openapiv2\": the value is compared exactly", Want::Invalid(E::InvalidClaim)),
        ("type-number", json!({"type":2,"sub":SUB,"nonce":NONCE.to_string()}), "type a number", Want::Invalid(E::InvalidClaim)),
        ("expired-before-nonce", json!({"type":"OpenAPIV2","sub":SUB,"nonce":"1","exp":1}), "an exp in the past and a nonce out of the window: the time check (step 11) comes before the profile's (step 13)", Want::Invalid(E::Expired)),
        ("extra-claims-ignored", json!({"type":"OpenAPIV2","sub":SUB,"nonce":NONCE.to_string(),"recv_window":"50","foo":[1,2]}), "an extra unknown claim is ignored", Want::Valid),
    };
    for (slug, c, why, want) in others {
        cases! { f; &format!("profile-bigone-{slug}"), &format!("{why}."), &sign(&c), Some("testsecret"), at(NONCE), want, &["ProfileFormat"]; }
    }
    for (slug, hh, want, why) in rows! {
        ("typ-lowercase", r#"{"typ":"jwt","alg":"HS256"}"#, Want::Valid, "typ \"jwt\": compared as a media type, case-insensitively"),
        ("typ-application-jwt", r#"{"typ":"application/jwt","alg":"HS256"}"#, Want::Valid, "typ \"application/jwt\": the application/ prefix is optional"),
        ("typ-jose", r#"{"typ":"JOSE","alg":"HS256"}"#, Want::Invalid(E::InvalidHeader), "typ \"JOSE\": not JWT"),
        ("typ-missing", r#"{"alg":"HS256"}"#, Want::Invalid(E::InvalidHeader), "no typ"),
        ("typ-at-jwt", r#"{"typ":"at+jwt","alg":"HS256"}"#, Want::Invalid(E::InvalidHeader), "typ \"at+jwt\" (RFC 9068): another media type"),
    } {
        cases! { f; &format!("profile-bigone-{slug}"), &format!("{why}."), &token("HS256", &secret, hh, &claims(n.clone(), Some(json!("50"))).to_string()), Some("testsecret"), at(NONCE), want, &["ProfileHeader"]; }
    }
    let one_byte = oct(b"x");
    f.key("one-byte-secret", one_byte.clone());
    cases! { f; "profile-bigone-one-byte-secret", "A 1-byte secret: the bigone profile lifts the HMAC key-length floor, the token verifies.", &token("HS256", &one_byte, h, &claims(n.clone(), None).to_string()), Some("one-byte-secret"), at(NONCE), Want::Valid, &["WeakKey"]; }
    f
}

fn voicegain(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("profiles/voicegain.json", "profile-voicegain", "The voicegain profile's origin check: the Origin's host (scheme, port and path dropped, case-insensitive) must match an aud pattern: * any host, *.d any host ending in .d (not d itself), anything else only itself.", "001_38663680cb414480.txt (Voicegain Web API, JWT authentication); verification-rules.md, Profiles");
    let hs = f.committed_key(keys, "hs256");
    let now = 1_700_000_000;
    let mk =
        |aud: Value| token("HS256", &hs, r#"{"alg":"HS256","typ":"JWT"}"#, &json!({"sub":"ctx-1","aud":aud,"exp":now + 300}).to_string());
    let vg = |o: &str| V::new(&["HS256"], now).profile(Profile::Voicegain).origin(o);
    let cases: Vec<(&str, Value, &str, Want, &str)> = vec_rows! {
        ("wildcard-deep-subdomain", json!("*.example.com"), "https://a.b.c.example.com", Want::Valid, "*.example.com matches a host several labels deep"),
        ("wildcard-apex", json!("*.example.com"), "https://example.com", Want::Invalid(E::AudienceMismatch), "*.example.com does not match example.com itself"),
        ("wildcard-suffix-without-dot", json!("*.example.com"), "https://evilexample.com", Want::Invalid(E::AudienceMismatch), "*.example.com does not match evilexample.com (the dot is part of the suffix)"),
        ("wildcard-as-prefix-of-attacker", json!("*.example.com"), "https://a.example.com.attacker.test", Want::Invalid(E::AudienceMismatch), "*.example.com does not match a.example.com.attacker.test"),
        ("wildcard-port", json!("*.example.com"), "https://a.example.com:8443", Want::Valid, "the Origin's port is dropped"),
        ("wildcard-uppercase-origin", json!("*.example.com"), "HTTPS://A.EXAMPLE.COM", Want::Valid, "the host is compared case-insensitively"),
        ("wildcard-uppercase-pattern", json!("*.EXAMPLE.com"), "https://a.example.com", Want::Valid, "the pattern is compared case-insensitively"),
        ("wildcard-path-dropped", json!("*.example.com"), "https://a.example.com/path?q=1", Want::Valid, "a path and query after the host are dropped"),
        ("wildcard-empty-label", json!("*.example.com"), "https://.example.com", Want::Valid, "the host \".example.com\" (an empty first label, which no browser sends) ends in .example.com, so the textual rule matches it"),
        ("exact-host", json!("app.example.com"), "https://app.example.com", Want::Valid, "an exact pattern matches its own host"),
        ("exact-host-subdomain", json!("app.example.com"), "https://x.app.example.com", Want::Invalid(E::AudienceMismatch), "an exact pattern does not match its subdomains"),
        ("exact-host-http", json!("app.example.com"), "http://app.example.com:80", Want::Valid, "the scheme and port are dropped"),
        ("exact-host-suffix-attack", json!("app.example.com"), "https://app.example.com.attacker.test", Want::Invalid(E::AudienceMismatch), "an exact pattern does not match a longer host"),
        ("star-any", json!("*"), "https://anything.test:1234", Want::Valid, "* matches any host"),
        ("array-second-matches", json!(["*.other.test", "*.example.com"]), "https://a.example.com", Want::Valid, "aud is an array and its second pattern matches"),
        ("array-none-matches", json!(["*.other.test", "app.example.com"]), "https://b.example.com", Want::Invalid(E::AudienceMismatch), "no pattern in the array matches"),
        ("star-in-middle-literal", json!("a.*.example.com"), "https://a.b.example.com", Want::Invalid(E::AudienceMismatch), "a * that is not a leading \"*.\" label is literal"),
        ("origin-null", json!("*.example.com"), "null", Want::Invalid(E::AudienceMismatch), "the opaque Origin \"null\" (sandboxed frames)"),
        ("origin-null-star", json!("*"), "null", Want::Valid, "the opaque Origin \"null\" against *, which matches any host"),
        ("empty-pattern", json!(""), "https://a.example.com", Want::Invalid(E::AudienceMismatch), "an empty aud pattern matches nothing here"),
    };
    for (slug, aud, origin, want, why) in cases {
        cases! { f; &format!("profile-voicegain-{slug}"), &format!("aud {aud}, Origin {origin:?}: {why}."), &mk(aud), Some("hs256"), vg(origin), want, &["OriginCheck"]; }
    }
    let nv = V::new(&["HS256"], now).profile(Profile::Voicegain);
    cases! { f;
        "profile-voicegain-no-origin-any-aud", "No Origin given: the origin check is skipped, whatever aud holds.", &mk(json!("*.nowhere.test")), Some("hs256"), nv.clone(), Want::Valid, &["OriginCheck"];
        "profile-voicegain-exp-missing", "exp is required for short-lived tokens (step 10).", &token("HS256", &hs, r#"{"alg":"HS256"}"#, &json!({"sub":"ctx-1","aud":"*"}).to_string()), Some("hs256"), nv.clone(), Want::Invalid(E::MissingClaim), &[];
        "profile-voicegain-expired-before-origin", "exp passed and the origin mismatching: expired (step 11) before the origin (step 13).", &token("HS256", &hs, r#"{"alg":"HS256"}"#, &json!({"aud":"a.test","exp":now - 1}).to_string()), Some("hs256"), vg("https://b.test"), Want::Invalid(E::Expired), &["OriginCheck"];
        "profile-voicegain-audience-setting-and-origin", "An explicit audience [*.example.com] that matches aud literally, and an Origin that the pattern admits: both checks pass.", &mk(json!("*.example.com")), Some("hs256"), vg("https://a.example.com").audience(&["*.example.com"]), Want::Valid, &["OriginCheck"];
        "profile-voicegain-aud-number", "aud a number: invalid_claim (step 9) before the origin.", &token("HS256", &hs, r#"{"alg":"HS256"}"#, &json!({"aud":7,"exp":now + 300}).to_string()), Some("hs256"), vg("https://a.test"), Want::Invalid(E::InvalidClaim), &["OriginCheck"];
    }
    f
}

fn aspose(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("profiles/aspose.json", "profile-aspose", "The aspose profile's lifetime rule: exp - iat over 86,400 s is invalid_claim, compared exactly (fractions count), after the time checks.", "002_eb941795b2134a98.txt (Aspose Cloud, Authenticating API Requests); verification-rules.md, Profiles");
    let rsa = f.committed_key(keys, "rsa-2048");
    let iat = 1_700_000_000i64;
    let raw = |p: &str| crate::common::sign_bytes("RS256", &rsa, br#"{"alg":"RS256","typ":"JWT"}"#, p.as_bytes());
    let av = |now: i64| V::new(&["RS256"], now).profile(Profile::Aspose);
    let cases: Vec<(&str, String, i64, Want, &str)> = vec_rows! {
        ("lifetime-86399", raw(r#"{"iat":1700000000,"exp":1700086399}"#), iat + 10, Want::Valid, "a lifetime of 86,399 s"),
        ("lifetime-fractions-equal", raw(r#"{"iat":1700000000.25,"exp":1700086400.25}"#), iat + 10, Want::Valid, "iat and exp both fractional, lifetime exactly 86,400 s"),
        ("lifetime-fraction-just-over", raw(r#"{"iat":1700000000,"exp":1700086400.001}"#), iat + 10, Want::Invalid(E::InvalidClaim), "a lifetime of 86,400.001 s: over by a millisecond"),
        ("lifetime-fraction-iat-later", raw(r#"{"iat":1700000000.5,"exp":1700086400}"#), iat + 10, Want::Valid, "iat 1700000000.5 and exp 1700086400: lifetime 86,399.5 s"),
        ("lifetime-huge", raw(r#"{"iat":1700000000,"exp":1e300}"#), iat + 10, Want::Invalid(E::InvalidClaim), "exp 1e300: a lifetime far over one day"),
        ("lifetime-2-pow-64", raw(r#"{"iat":0,"exp":18446744073709551616}"#), iat + 10, Want::Invalid(E::InvalidClaim), "iat 0 and exp 2^64: must not wrap"),
        ("no-iat-long-exp", raw(r#"{"exp":1800000000}"#), iat + 10, Want::Valid, "no iat: the lifetime is unknown and not checked"),
        ("exp-string", raw(r#"{"iat":1700000000,"exp":"1700003600"}"#), iat + 10, Want::Invalid(E::InvalidClaim), "exp a string: invalid_claim at step 9"),
        ("exp-null", raw(r#"{"iat":1700000000,"exp":null}"#), iat + 10, Want::Invalid(E::InvalidClaim), "exp null: present but not a number"),
        ("iat-future-and-long", raw(r#"{"iat":1700001000,"exp":1700200000}"#), iat + 10, Want::Invalid(E::IssuedInFuture), "iat in the future and a too-long lifetime: issued_in_future (step 11) before the lifetime (step 13)"),
        ("negative-lifetime-expired", raw(r#"{"iat":1700000000,"exp":1699999000}"#), iat + 10, Want::Invalid(E::Expired), "exp before iat: expired"),
        ("lifetime-at-exp-minus-one", raw(r#"{"iat":1700000000,"exp":1700086400}"#), iat + 86_399, Want::Valid, "a one-day token one second before it expires"),
    };
    for (slug, t, now, want, why) in cases {
        cases! { f; &format!("profile-aspose-{slug}"), &format!("{why}."), &t, Some("rsa-2048"), av(now), want, &["Lifetime"]; }
    }
    cases! { f; "profile-aspose-leeway-does-not-extend-lifetime", "A lifetime of 86,401 s with leeway 60: leeway applies to the clock checks, not to the lifetime rule.", &raw(r#"{"iat":1700000000,"exp":1700086401}"#), Some("rsa-2048"), av(iat + 10).leeway(60), Want::Invalid(E::InvalidClaim), &["Lifetime"]; }
    f
}

fn trinity(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("profiles/trinity.json", "profile-trinity", "The trinity profile's claim set and header: ES256 only, typ JWT and kid required, the key's kid equal to the header's, iss sub aud exp iat jti required, aud api.trinity.sosono.ai by default, nbf optional.", "000_f283e01ff3ccce85.txt (Trinity API, Authorization); verification-rules.md, Profiles");
    let p256: Jwk = key(keys, "p256");
    f.key("cred-1", with(p256.clone(), "kid", json!("cred-1")));
    let h = r#"{"alg":"ES256","typ":"JWT","kid":"cred-1"}"#;
    let now = 1_700_000_100;
    let base = json!({"iss":"app-1","sub":"app-1","aud":"api.trinity.sosono.ai","exp":1_700_000_600,"iat":1_700_000_000,"jti":"j-1"});
    let tv = || V::new(&["ES256"], now).profile(Profile::Trinity);
    let edit = |k: &str, v: Value| {
        let mut c = base.clone();
        if let Some(m) = c.as_object_mut() {
            m.insert(k.into(), v);
        }
        c
    };
    let sign = |hh: &str, c: &Value| token("ES256", &p256, hh, &c.to_string());
    let cases: Vec<(&str, String, Want, &str)> = vec_rows! {
        ("nbf-past", sign(h, &edit("nbf", json!(1_700_000_000))), Want::Valid, "an optional nbf in the past"),
        ("nbf-future", sign(h, &edit("nbf", json!(1_700_000_200))), Want::Invalid(E::NotYetValid), "an optional nbf in the future"),
        ("aud-array-contains", sign(h, &edit("aud", json!(["other.example", "api.trinity.sosono.ai"]))), Want::Valid, "aud an array that contains the server's domain"),
        ("aud-array-without", sign(h, &edit("aud", json!(["other.example"]))), Want::Invalid(E::AudienceMismatch), "aud an array without the server's domain"),
        ("aud-uppercase", sign(h, &edit("aud", json!("API.TRINITY.SOSONO.AI"))), Want::Invalid(E::AudienceMismatch), "aud in upper case: aud values are compared exactly"),
        ("aud-with-scheme", sign(h, &edit("aud", json!("https://api.trinity.sosono.ai"))), Want::Invalid(E::AudienceMismatch), "aud as a URL with a scheme: not the documented value"),
        ("jti-number", sign(h, &edit("jti", json!(1))), Want::Invalid(E::InvalidClaim), "jti a number (step 9)"),
        ("iat-future", sign(h, &edit("iat", json!(1_700_000_200))), Want::Invalid(E::IssuedInFuture), "iat in the future"),
        ("exp-past", sign(h, &edit("exp", json!(1_700_000_100))), Want::Invalid(E::Expired), "exp equal to now"),
        ("iss-differs-from-sub", sign(h, &edit("iss", json!("app-2"))), Want::Valid, "iss and sub differ: the profile does not compare them"),
        ("kid-number", sign(r#"{"alg":"ES256","typ":"JWT","kid":1}"#, &base), Want::Invalid(E::InvalidHeader), "kid a number (step 3)"),
        ("kid-empty-string", sign(r#"{"alg":"ES256","typ":"JWT","kid":""}"#, &base), Want::Invalid(E::KeyMismatch), "kid \"\": present, but not the credential id cred-1 (step 6)"),
        ("typ-missing", sign(r#"{"alg":"ES256","kid":"cred-1"}"#, &base), Want::Invalid(E::InvalidHeader), "no typ"),
        ("typ-lowercase", sign(r#"{"alg":"ES256","typ":"jwt","kid":"cred-1"}"#, &base), Want::Valid, "typ jwt: a media type, case-insensitive"),
        ("all-claims-missing", sign(h, &json!({})), Want::Invalid(E::MissingClaim), "an empty claims set"),
    };
    for (slug, t, want, why) in cases {
        cases! { f; &format!("profile-trinity-{slug}"), &format!("{why}."), &t, Some("cred-1"), tv(), want, &["TrinityClaims"]; }
    }
    let hs = crate::common::oct(&[7u8; 32]);
    f.key("hs-cred-1", with(hs.clone(), "kid", json!("cred-1")));
    cases! { f;
        "profile-trinity-hs256-refused", "An HS256 token with the credential id as kid and HS256 in the allow-list: the profile allows only ES256.", &token("HS256", &hs, r#"{"alg":"HS256","typ":"JWT","kid":"cred-1"}"#, &base.to_string()), Some("hs-cred-1"), V::new(&["ES256", "HS256"], now).profile(Profile::Trinity), Want::Invalid(E::AlgorithmNotAllowed), &["TrinityClaims"];
        "profile-trinity-allow-list-without-es256", "An allow-list of HS256 only: its intersection with the profile's [ES256] is empty.", &sign(h, &base), Some("cred-1"), V::new(&["HS256"], now).profile(Profile::Trinity), Want::Invalid(E::AlgorithmNotAllowed), &["TrinityClaims"];
    }
    f
}
