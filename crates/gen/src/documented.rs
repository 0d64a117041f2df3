//! `vectors/documented/`: the examples of the five documentation pages in
//! `docs/sources/`, and cases built from their documented headers,
//! claims and rules.

use jwtproof_reference::ErrorKind as E;
use jwtproof_reference::Profile;
use serde_json::{Value, json};

use crate::{FileOut, Jwk, Keys, V, Want};
use jwtproof_testkit::{b64, token, unb64};

/// BigONE's sample token, signed with `testsecret` (004, "Use testsecret").
pub const BIGONE_SAMPLE: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ0eXBlIjoiT3BlbkFQSVYyIiwic3ViIjoiY2VlODhhYjAtYmM2OS00MzU3LTg0YjctZGIwNTQ1ZTg1NjQ3Iiwibm9uY2UiOiIxNTI3NjY1MjYyMTY4MzkxMDAwIiwicmVjdl93aW5kb3ciOiI1MCJ9.wuOfj7xmBN7o_TZ9mT4kj0PdZ6qovFkkjEn4WWa7YII";
/// BigONE's curl example token (004): signed with jwt.io's default secret.
pub const BIGONE_CURL: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0eXBlIjoiT3BlbkFQSVYyIiwic3ViIjoiY2VlODhhYjAtYmM2OS00MzU3LTg0YjctZGIwNTQ1ZTg1NjQ3Iiwibm9uY2UiOiIxNTI3NjY1MjYyMTY4MzkxMDAwIiwicmVjdl93aW5kb3ciOiI1MCJ9.AwsojrjKuQGTgmmkLDZ3piCOmuAQ_Y2PtU9JSUOQaT0";
/// BigONE's documented nonce (ns).
pub const BIGONE_NONCE: i128 = 1_527_665_262_168_391_000;
/// Trinity's sample ES256 token (000).
pub const TRINITY_SAMPLE: &str = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjFOaUlzSW5SNWNDSTZJa3BYVkNJc0kifQ.eyJqdGkiOiJhZWU0MGE5NS1iY2E2LTRjZGYtYWM1NS0xMGVkNjBiYWY1ZGEiLCJpc3MiOiJtVkV0eGQySkxVQzFhZFVnMmNXZEdhVk5MWHoiLCJzdWIiOiJtVkV0eGQySkxVQzFhZFVnMmNXZEdhVk5MWHoiLCJhdWQiOiJhcGkudHJpbml0eS5zb3Nvbm8uYWkiLCJuYmYiOjE3MTY0Nzg0ODksImlhdCI6MTcxNjQ3ODQ4OSwiZXhwIjoxNzI4NjE2MDg5fQ.T6bfW4UYG2m9ldKcccD5M9l7JDOSSrJXKGyXnhjgLRa2vFcsiNrOIhCIzkJSTwvIhQnC0DaY06yYs6CpJkAEaA";
/// The classic jwt.io example (003's header and claims, jwt.io's default secret).
pub const CLASSIC: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

const DOC: &str = "DocumentedExample";

fn oct(secret: &[u8]) -> Jwk {
    let mut k = Jwk::new();
    k.insert("kty".into(), json!("oct"));
    k.insert("k".into(), json!(b64(secret)));
    k
}

fn with(mut jwk: Jwk, member: &str, value: &str) -> Jwk {
    jwk.insert(member.into(), json!(value));
    jwk
}

/// Replaces the signature's last character so the signature differs but
/// stays canonical base64url.
pub fn tamper(token: &str) -> String {
    let (head, sig) = token.rsplit_once('.').unwrap_or((token, ""));
    let mut bytes = unb64(sig);
    if let Some(b) = bytes.first_mut() {
        *b ^= 0x01;
    }
    format!("{head}.{}", b64(bytes))
}

pub(crate) fn files(keys: &Keys) -> Vec<FileOut> {
    vec![bigone(), trinity(keys), guide(keys), voicegain(keys), aspose(keys)]
}

fn bigone() -> FileOut {
    let src = "004_91db62ee117daa7f.txt (BigONE Developer API, Authentication)";
    #[rustfmt::skip]
    let mut f = FileOut::new("documented/bigone.json", "bigone-documented", "The two sample tokens of the BigONE Developer API documentation, its nonce window, and tokens built from its documented claims.", src);
    let testsecret = b"testsecret";
    let jwtio = b"your-256-bit-secret";
    f.key("testsecret", oct(testsecret)).key("your-256-bit-secret", oct(jwtio));
    let at = |ns: i128| V::new(&["HS256"], 0).now_ns(ns).profile(Profile::Bigone);
    cases! { f;
        "bigone-doc-sample-verifies-with-testsecret", "The documented sample token (header {\"typ\":\"JWT\",\"alg\":\"HS256\"}) verifies with the documented secret testsecret, used as raw bytes, at the documented nonce time.", BIGONE_SAMPLE, Some("testsecret"), at(BIGONE_NONCE), Want::Valid, &[DOC];
        "bigone-doc-sample-wrong-secret", "The documented sample token does not verify with jwt.io's default secret.", BIGONE_SAMPLE, Some("your-256-bit-secret"), at(BIGONE_NONCE), Want::Invalid(E::InvalidSignature), &[DOC];
        "bigone-doc-curl-token-not-testsecret", "The curl example's token (header {\"alg\":\"HS256\",\"typ\":\"JWT\"}) does NOT verify with testsecret, although the page says to sign with it.", BIGONE_CURL, Some("testsecret"), at(BIGONE_NONCE), Want::Invalid(E::InvalidSignature), &[DOC];
        "bigone-doc-curl-token-jwtio-secret", "The curl example's token verifies with your-256-bit-secret, the jwt.io debugger's default: the page's example was signed there.", BIGONE_CURL, Some("your-256-bit-secret"), at(BIGONE_NONCE), Want::Valid, &[DOC];
    }
    for (id, delta, want, why) in rows! {
        ("bigone-doc-sample-window-plus-just-inside", 49_999_999_999i128, Want::Valid, "now is 49.999999999 s after the nonce; recv_window is 50 s"),
        ("bigone-doc-sample-window-plus-edge", 50_000_000_000, Want::Invalid(E::NonceOutOfWindow), "now is exactly 50 s after the nonce: |now_ns - nonce| < recv_window x 1e9 is false"),
        ("bigone-doc-sample-window-minus-just-inside", -49_999_999_999, Want::Valid, "now is 49.999999999 s before the nonce (a client clock ahead of ours)"),
        ("bigone-doc-sample-window-minus-edge", -50_000_000_000, Want::Invalid(E::NonceOutOfWindow), "now is exactly 50 s before the nonce"),
        ("bigone-doc-sample-window-years-later", 180_000_000_000_000_000, Want::Invalid(E::NonceOutOfWindow), "now is years after the documented nonce: a replayed sample token"),
    } {
        cases! { f; id, &format!("The documented sample token with the nonce window: {why}."), BIGONE_SAMPLE, Some("testsecret"), at(BIGONE_NONCE + delta), want, &[DOC, "NonceWindow"]; }
    }
    cases! { f;
        "bigone-doc-sample-without-profile-short-key", "Without the bigone profile, testsecret (10 bytes) is shorter than HS256's 32-byte minimum (RFC 7518 §3.2), so the key is refused before the signature is checked.", BIGONE_SAMPLE, Some("testsecret"), V::new(&["HS256"], 1_527_665_262), Want::Invalid(E::KeyMismatch), &[DOC, "WeakKey"];
        "bigone-doc-sample-profile-narrows-algorithms", "The bigone profile allows only HS256: an allow-list of HS512 alone leaves nothing.", BIGONE_SAMPLE, Some("testsecret"), V::new(&["HS512"], 0).now_ns(BIGONE_NONCE).profile(Profile::Bigone), Want::Invalid(E::AlgorithmNotAllowed), &[DOC];
    }

    // Tokens built from the documented header and claims, signed with testsecret.
    let h = r#"{"typ":"JWT","alg":"HS256"}"#;
    let sign = |header: &str, payload: Value| token("HS256", &oct(testsecret), header, &payload.to_string());
    let claims = |ty: Value, nonce: Value, rw: Option<Value>| {
        let mut c = json!({"type": ty, "sub": "cee88ab0-bc69-4357-84b7-db0545e85647", "nonce": nonce});
        if let (Some(rw), Some(m)) = (rw, c.as_object_mut()) {
            m.insert("recv_window".into(), rw);
        }
        c
    };
    let nonce = json!("1527665262168391000");
    cases! { f;
        "bigone-built-default-window-inside", "Documented claims without recv_window: the default window is 30 s; now is 29 s after the nonce.", &sign(h, claims(json!("OpenAPIV2"), nonce.clone(), None)), Some("testsecret"), at(BIGONE_NONCE + 29_000_000_000), Want::Valid, &["NonceWindow"];
        "bigone-built-default-window-edge", "Documented claims without recv_window: now is exactly 30 s (the default) after the nonce.", &sign(h, claims(json!("OpenAPIV2"), nonce.clone(), None)), Some("testsecret"), at(BIGONE_NONCE + 30_000_000_000), Want::Invalid(E::NonceOutOfWindow), &["NonceWindow"];
        "bigone-built-wrong-type", "The type claim must be OpenAPIV2.", &sign(h, claims(json!("OpenAPIV3"), nonce.clone(), Some(json!("50")))), Some("testsecret"), at(BIGONE_NONCE), Want::Invalid(E::InvalidClaim), &[];
        "bigone-built-nonce-number", "The nonce must be a string of digits, not a JSON number.", &sign(h, claims(json!("OpenAPIV2"), json!(1_527_665_262_168_391_000u64), Some(json!("50")))), Some("testsecret"), at(BIGONE_NONCE), Want::Invalid(E::InvalidClaim), &[];
        "bigone-built-missing-nonce", "The nonce claim is required.", &sign(h, json!({"type":"OpenAPIV2","sub":"cee88ab0-bc69-4357-84b7-db0545e85647"})), Some("testsecret"), at(BIGONE_NONCE), Want::Invalid(E::MissingClaim), &[];
        "bigone-built-missing-typ", "The documented header requires typ JWT.", &sign(r#"{"alg":"HS256"}"#, claims(json!("OpenAPIV2"), nonce.clone(), Some(json!("50")))), Some("testsecret"), at(BIGONE_NONCE), Want::Invalid(E::InvalidHeader), &[];
        "bigone-built-recv-window-not-digits", "recv_window must be a string of decimal digits (seconds).", &sign(h, claims(json!("OpenAPIV2"), nonce, Some(json!("50s")))), Some("testsecret"), at(BIGONE_NONCE), Want::Invalid(E::InvalidClaim), &[];
    }
    f
}

/// Recovers the candidate P-256 public keys of the Trinity sample token
/// from its signature and message (ECDSA public-key recovery).
pub fn trinity_recovered_keys() -> Vec<Jwk> {
    use p256::ecdsa::{RecoveryId, Signature, VerifyingKey};
    let (input, sig) = TRINITY_SAMPLE.rsplit_once('.').unwrap_or_default();
    let Ok(sig) = Signature::from_slice(&unb64(sig)) else { return Vec::new() };
    let mut out = Vec::new();
    for id in 0..4u8 {
        let Some(rid) = RecoveryId::from_byte(id) else { continue };
        if let Ok(vk) = VerifyingKey::recover_from_msg(input.as_bytes(), &sig, rid) {
            let point = vk.to_sec1_point(false);
            let bytes = point.as_bytes();
            let (x, y) = (bytes.get(1..33).unwrap_or_default(), bytes.get(33..65).unwrap_or_default());
            let mut k = Jwk::new();
            k.insert("kty".into(), json!("EC"));
            k.insert("crv".into(), json!("P-256"));
            k.insert("x".into(), json!(b64(x)));
            k.insert("y".into(), json!(b64(y)));
            k.insert("kid".into(), json!("1NiIsInR5cCI6IkpXVCIsI"));
            out.push(k);
        }
    }
    out
}

fn trinity(keys: &Keys) -> FileOut {
    let src = "000_f283e01ff3ccce85.txt (Trinity API, Authorization)";
    #[rustfmt::skip]
    let mut f = FileOut::new("documented/trinity.json", "trinity-documented", "The Trinity API's ES256 sample token, checked with public keys recovered from its own signature, and tokens built from the documented header and claims with our own P-256 key.", src);
    let recovered = trinity_recovered_keys();
    for (i, k) in recovered.iter().enumerate() {
        f.key(&format!("trinity-recovered-{i}"), k.clone());
    }
    let p256 = keys.get("p256").clone();
    f.key("cred-1", with(p256.clone(), "kid", "cred-1"));
    f.key("cred-2", with(p256.clone(), "kid", "cred-2"));
    f.key("cred-1-other", with(keys.get("p256-other").clone(), "kid", "cred-1"));
    f.key("cred-1-no-kid", p256.clone());

    let tv = |now: i64| V::new(&["ES256"], now).profile(Profile::Trinity);
    for (i, _) in recovered.iter().enumerate() {
        let name = format!("trinity-recovered-{i}");
        cases! { f; &format!("trinity-doc-sample-recovered-key-{i}"), "The documented sample token verifies with a public key RECOVERED from its own signature (candidate {i} of the ECDSA public-key recovery). This proves the token is a well-formed ES256 JWS with a raw 64-byte R||S signature whose r and s are in range; it does NOT prove who signed it: a key recovered from any signature verifies that signature. The time is between nbf/iat and exp.", TRINITY_SAMPLE, Some(&name), tv(1_716_478_489 + 3600), Want::Valid, &[DOC, "RecoveredKey"]; }
        if i == 0 {
            cases! { f;
                "trinity-doc-sample-after-exp", "The documented sample token after its exp (1728616089) has expired.", TRINITY_SAMPLE, Some(&name), tv(1_728_616_089), Want::Invalid(E::Expired), &[DOC, "RecoveredKey"];
                "trinity-doc-sample-before-iat", "The documented sample token one second before its iat/nbf: nbf is checked before iat, so it is not yet valid.", TRINITY_SAMPLE, Some(&name), tv(1_716_478_488), Want::Invalid(E::NotYetValid), &[DOC, "RecoveredKey"];
            }
        }
    }
    cases! { f; "trinity-doc-sample-our-key", "The documented sample token checked with an unrelated P-256 key whose kid (cred-1) is not the header's: refused at step 6 (kid), and its signature would not verify either.", TRINITY_SAMPLE, Some("cred-1-other"), tv(1_716_478_489 + 3600), Want::Invalid(E::KeyMismatch), &[DOC]; }

    let header = r#"{"alg":"ES256","typ":"JWT","kid":"cred-1"}"#;
    let base =
        json!({"iss":"app-1","sub":"app-1","aud":"api.trinity.sosono.ai","exp":1_700_000_600,"iat":1_700_000_000,"jti":"0b5c6f3e-jti-1"});
    let sign = |h: &str, c: &Value| token("ES256", &p256, h, &c.to_string());
    let now = 1_700_000_100;
    cases! { f;
        "trinity-built-valid", "A token built as the page documents (alg ES256, typ JWT, kid = credential id; iss sub aud exp iat jti) and signed with the credential's key.", &sign(header, &base), Some("cred-1"), tv(now), Want::Valid, &[];
        "trinity-built-kid-mismatch", "The key's kid (credential id) differs from the header's kid.", &sign(header, &base), Some("cred-2"), tv(now), Want::Invalid(E::KeyMismatch), &[];
        "trinity-built-key-without-kid", "The trinity profile ties the key to its credential id: a key without kid does not fit.", &sign(header, &base), Some("cred-1-no-kid"), tv(now), Want::Invalid(E::KeyMismatch), &[];
        "trinity-built-header-without-kid", "kid is a required header member.", &sign(r#"{"alg":"ES256","typ":"JWT"}"#, &base), Some("cred-1"), tv(now), Want::Invalid(E::InvalidHeader), &[];
        "trinity-built-typ-jose", "typ must be JWT; JOSE is another media type.", &sign(r#"{"alg":"ES256","typ":"JOSE","kid":"cred-1"}"#, &base), Some("cred-1"), tv(now), Want::Invalid(E::InvalidHeader), &[];
        "trinity-built-typ-application-jwt", "typ is compared as a media type: application/jwt is JWT.", &sign(r#"{"alg":"ES256","typ":"application/jwt","kid":"cred-1"}"#, &base), Some("cred-1"), tv(now), Want::Valid, &[];
    }
    for claim in ["iss", "sub", "aud", "exp", "iat", "jti"] {
        let mut c = base.clone();
        if let Some(m) = c.as_object_mut() {
            m.remove(claim);
        }
        cases! { f; &format!("trinity-built-missing-{claim}"), &format!("{claim} is a required claim."), &sign(header, &c), Some("cred-1"), tv(now), Want::Invalid(E::MissingClaim), &[]; }
    }
    let mut wrong_aud = base.clone();
    if let Some(m) = wrong_aud.as_object_mut() {
        m.insert("aud".into(), json!("api.example.com"));
    }
    cases! { f;
        "trinity-built-wrong-aud", "aud must be the server's domain api.trinity.sosono.ai.", &sign(header, &wrong_aud), Some("cred-1"), tv(now), Want::Invalid(E::AudienceMismatch), &[];
        "trinity-built-aud-overridden", "An explicit audience setting replaces the profile's default audience.", &sign(header, &wrong_aud), Some("cred-1"), tv(now).audience(&["api.example.com"]), Want::Valid, &[];
        "trinity-built-es384-not-allowed", "The profile allows only ES256, even when the allow-list names more.", &sign(r#"{"alg":"HS256","typ":"JWT","kid":"cred-1"}"#, &base), Some("cred-1"), V::new(&["ES256", "HS256"], now).profile(Profile::Trinity), Want::Invalid(E::AlgorithmNotAllowed), &[];
    }
    let doc_payload =
        json!({"iss":"<app_id>","sub":"<app_id>","aud":"api.trinity.sosono.ai","exp":1_686_240_000,"iat":1_700_239_266,"jti":"<jwt_id>"});
    cases! { f;
        "trinity-built-doc-payload-expired", "The page's example payload has exp (1686240000) before iat (1700239266): a token built from it has expired at any time after it was issued.", &sign(header, &doc_payload), Some("cred-1"), tv(1_700_239_266), Want::Invalid(E::Expired), &[DOC];
        "trinity-built-doc-payload-before-exp", "The page's example payload one second before its exp: iat is then 14 million seconds in the future.", &sign(header, &doc_payload), Some("cred-1"), tv(1_686_239_999), Want::Invalid(E::IssuedInFuture), &[DOC];
    }
    f
}

fn guide(keys: &Keys) -> FileOut {
    let src = "003_727dfb8d47340be8.txt (general JWT guide)";
    #[rustfmt::skip]
    let mut f = FileOut::new("documented/guide.json", "guide-documented", "The general guide's classic HS256 example ({\"alg\":\"HS256\",\"typ\":\"JWT\"} / {\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}) and the expired-versus-invalid distinction it documents.", src);
    f.key("your-256-bit-secret", oct(b"your-256-bit-secret"));
    f.key("hs256", keys.get("hs256").clone());
    f.key("hs256-other", keys.get("hs256-other").clone());
    let iat = 1_516_239_022;
    cases! { f;
        "guide-classic-token-short-secret", "The classic example token, signed with jwt.io's default secret your-256-bit-secret: 19 bytes, shorter than the 32 bytes RFC 7518 §3.2 requires for HS256, so the key is refused.", CLASSIC, Some("your-256-bit-secret"), V::new(&["HS256"], iat), Want::Invalid(E::KeyMismatch), &[DOC, "WeakKey"];
        "guide-classic-token-other-alg-list", "The classic token when only RS256 is allowed: the algorithm is refused before the key is looked at.", CLASSIC, Some("your-256-bit-secret"), V::new(&["RS256"], iat), Want::Invalid(E::AlgorithmNotAllowed), &[DOC];
    }
    let hs = keys.get("hs256");
    let header = r#"{"alg":"HS256","typ":"JWT"}"#;
    let classic_claims = r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#;
    cases! { f; "guide-classic-claims-strong-key", "The classic header and claims signed with a 32-byte key verify.", &token("HS256", hs, header, classic_claims), Some("hs256"), V::new(&["HS256"], iat), Want::Valid, &[]; }
    let exp_claims = r#"{"sub":"1234567890","name":"John Doe","iat":1516239022,"exp":1516242622}"#;
    let t = token("HS256", hs, header, exp_claims);
    cases! { f;
        "guide-exp-one-hour-valid", "The guide's encode example adds exp one hour after iat; checked one second before exp the token is valid.", &t, Some("hs256"), V::new(&["HS256"], 1_516_242_621), Want::Valid, &[];
        "guide-exp-reached-expired", "At exp the token has expired (PyJWT's ExpiredSignatureError).", &t, Some("hs256"), V::new(&["HS256"], 1_516_242_622), Want::Invalid(E::Expired), &["ClaimTiming"];
        "guide-expired-and-bad-signature-is-invalid", "An expired token whose signature is also wrong is invalid, not expired: the signature is checked before the claims (PyJWT's InvalidTokenError).", &tamper(&t), Some("hs256"), V::new(&["HS256"], 1_516_250_000), Want::Invalid(E::InvalidSignature), &[];
        "guide-valid-time-wrong-key", "A fresh token checked with another key is invalid.", &t, Some("hs256-other"), V::new(&["HS256"], 1_516_239_100), Want::Invalid(E::InvalidSignature), &[];
    }
    f
}

fn voicegain(keys: &Keys) -> FileOut {
    let src = "001_38663680cb414480.txt (Voicegain Web API, JWT authentication)";
    #[rustfmt::skip]
    let mut f = FileOut::new("documented/voicegain.json", "voicegain-documented", "Voicegain short-lived browser tokens: aud holds the allowed origin domain (wildcard subdomains, * alone), checked only when the request has an Origin header; exp from expInSec.", src);
    let hs = &f.committed_key(keys, "hs256");
    let now = 1_700_000_000;
    let mk =
        |aud: Value| token("HS256", hs, r#"{"alg":"HS256","typ":"JWT"}"#, &json!({"sub":"ctx-1","aud":aud,"exp":now + 300}).to_string());
    let vg = |origin: Option<&str>| {
        let v = V::new(&["HS256"], now).profile(Profile::Voicegain);
        match origin {
            Some(o) => v.origin(o),
            None => v,
        }
    };
    let cases: [(&str, Value, Option<&str>, Want, &str); 13] = rows! {
        ("voicegain-star-any-origin", json!("*"), Some("https://anything.example.net"), Want::Valid, "aud * (allowed, not recommended) matches any origin"),
        ("voicegain-wildcard-subdomain", json!("*.example.com"), Some("https://app.example.com"), Want::Valid, "*.example.com matches a subdomain"),
        ("voicegain-wildcard-deep-subdomain", json!("*.example.com"), Some("https://a.b.example.com"), Want::Valid, "*.example.com matches every deeper subdomain"),
        ("voicegain-wildcard-not-apex", json!("*.example.com"), Some("https://example.com"), Want::Invalid(E::AudienceMismatch), "*.example.com does not match example.com itself"),
        ("voicegain-wildcard-not-suffix-lookalike", json!("*.example.com"), Some("https://evilexample.com"), Want::Invalid(E::AudienceMismatch), "*.example.com does not match a host that merely ends in example.com"),
        ("voicegain-wildcard-case-and-port", json!("*.example.com"), Some("https://App.EXAMPLE.com:8443"), Want::Valid, "hosts compare case-insensitively; scheme and port are dropped"),
        ("voicegain-exact-domain", json!("example.com"), Some("http://example.com:80"), Want::Valid, "a plain domain matches itself"),
        ("voicegain-exact-domain-not-subdomain", json!("example.com"), Some("https://www.example.com"), Want::Invalid(E::AudienceMismatch), "a plain domain does not match its subdomains"),
        ("voicegain-no-origin-header", json!("example.com"), None, Want::Valid, "aud is inspected only when the request has an Origin header"),
        ("voicegain-no-origin-header-star", json!("*"), None, Want::Valid, "no Origin header: nothing to check"),
        ("voicegain-aud-array-second-matches", json!(["example.org", "*.example.com"]), Some("https://app.example.com"), Want::Valid, "one of several aud patterns matches"),
        ("voicegain-other-domain", json!("example.com"), Some("https://example.org"), Want::Invalid(E::AudienceMismatch), "a different domain"),
        ("voicegain-mixed-case-pattern", json!("*.Example.COM"), Some("https://app.example.com"), Want::Valid, "patterns compare case-insensitively too"),
    };
    for (id, aud, origin, want, why) in cases {
        cases! { f; id, &format!("Origin check: {why}."), &mk(aud), Some("hs256"), vg(origin), want, &["OriginCheck"]; }
    }
    let no_exp = token("HS256", hs, r#"{"alg":"HS256","typ":"JWT"}"#, &json!({"sub":"ctx-1","aud":"*"}).to_string());
    cases! { f;
        "voicegain-missing-exp", "Short-lived tokens carry exp (from expInSec): its absence is refused.", &no_exp, Some("hs256"), vg(Some("https://a.example.com")), Want::Invalid(E::MissingClaim), &[];
        "voicegain-expired", "Valid only within expInSec: 300 s after issue the token has expired.", &mk(json!("*")), Some("hs256"), V::new(&["HS256"], now + 300).profile(Profile::Voicegain).origin("https://a.example.com"), Want::Invalid(E::Expired), &["ClaimTiming"];
    }
    let no_aud = token("HS256", hs, r#"{"alg":"HS256","typ":"JWT"}"#, &json!({"sub":"ctx-1","exp":now + 300}).to_string());
    cases! { f; "voicegain-no-aud-with-origin", "A token without aud matches no origin.", &no_aud, Some("hs256"), vg(Some("https://a.example.com")), Want::Invalid(E::AudienceMismatch), &["OriginCheck"]; }
    f
}

fn aspose(keys: &Keys) -> FileOut {
    let src = "002_eb941795b2134a98.txt (Aspose Cloud, Authenticating API Requests)";
    #[rustfmt::skip]
    let mut f = FileOut::new("documented/aspose.json", "aspose-documented", "Aspose Cloud OAuth 2.0 access tokens: exp required, lifetime one day by default (at most 86,400 s).", src);
    let rsa = &f.committed_key(keys, "rsa-2048");
    let iat = 1_700_000_000i64;
    let mk = |claims: Value| token("RS256", rsa, r#"{"alg":"RS256","typ":"JWT"}"#, &claims.to_string());
    let av = |now: i64| V::new(&["RS256"], now).profile(Profile::Aspose);
    cases! { f;
        "aspose-lifetime-one-day", "A token living exactly one day (exp - iat = 86400) is within the documented lifetime.", &mk(json!({"client_id":"c","iat":iat,"exp":iat + 86_400})), Some("rsa-2048"), av(iat + 10), Want::Valid, &[];
        "aspose-lifetime-one-day-plus-one", "A token living 86,401 s is longer than the documented lifetime.", &mk(json!({"client_id":"c","iat":iat,"exp":iat + 86_401})), Some("rsa-2048"), av(iat + 10), Want::Invalid(E::InvalidClaim), &[];
        "aspose-lifetime-fraction-over", "A lifetime of 86400.5 s is over the bound: fractions count.", &mk(json!({"client_id":"c","iat":iat,"exp":(iat as f64) + 86_400.5})), Some("rsa-2048"), av(iat + 10), Want::Invalid(E::InvalidClaim), &["ClaimTiming"];
        "aspose-missing-exp", "Access tokens expire: exp is required.", &mk(json!({"client_id":"c","iat":iat})), Some("rsa-2048"), av(iat + 10), Want::Invalid(E::MissingClaim), &[];
        "aspose-no-iat", "Without iat the lifetime is unknown and only exp is checked.", &mk(json!({"client_id":"c","exp":iat + 3600})), Some("rsa-2048"), av(iat + 10), Want::Valid, &[];
        "aspose-expired-renew", "At exp the token has expired; the client must renew it (the page's 401 case).", &mk(json!({"client_id":"c","iat":iat,"exp":iat + 86_400})), Some("rsa-2048"), av(iat + 86_400), Want::Invalid(E::Expired), &["ClaimTiming"];
        "aspose-expired-beats-lifetime", "A token both too long-lived and expired is expired: the time checks (step 11) come before the profile's (step 13).", &mk(json!({"client_id":"c","iat":iat,"exp":iat + 90_000})), Some("rsa-2048"), av(iat + 90_000), Want::Invalid(E::Expired), &["ClaimTiming"];
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_token_is_what_jwt_io_signs() {
        let built = token(
            "HS256",
            &oct(b"your-256-bit-secret"),
            r#"{"alg":"HS256","typ":"JWT"}"#,
            r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#,
        );
        assert_eq!(built, CLASSIC);
    }

    #[test]
    fn trinity_sample_has_recoverable_keys() {
        assert!(!trinity_recovered_keys().is_empty());
    }
}
