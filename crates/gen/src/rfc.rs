//! `vectors/rfc/`: the signed examples published in RFC 7515 (Appendix A),
//! RFC 7519 (§3.1), RFC 7520 (§4.1–4.4) and RFC 8037 (Appendix A.4), with
//! the keys the RFCs publish, judged by our strict rules.

use jwtproof_reference::ErrorKind as E;
use serde_json::{Value, json};

use crate::common::{corrupt, key, with};
use crate::{FileOut, Jwk, Keys, V, Want};

/// RFC 7515 A.1 / RFC 7519 §3.1: HS256 with the 64-byte A.1 key.
pub const RFC7515_A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// RFC 7515 A.1 key.
pub const RFC7515_A1_K: &str = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
/// RFC 7515 A.2: RS256.
pub const RFC7515_A2: &str = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
/// RFC 7515 A.2 modulus.
pub const RFC7515_A2_N: &str = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
/// RFC 7515 A.3: ES256.
pub const RFC7515_A3: &str = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
/// RFC 7515 A.4: ES512 over the non-JSON payload "Payload".
pub const RFC7515_A4: &str = "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn";
/// RFC 7515 A.5: the unsecured JWS (`alg: none`).
pub const RFC7515_A5: &str =
    "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";

/// RFC 7520 §4 payload (a Tolkien quote, not JSON).
const RFC7520_PAYLOAD: &str = "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4";
/// RFC 7520 §4.1.2 protected header (RS256, kid bilbo.baggins@hobbiton.example).
const RFC7520_4_1_H: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9";
const RFC7520_4_1_S: &str = "MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg";
const RFC7520_4_2_H: &str = "eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9";
const RFC7520_4_2_S: &str = "cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2IpN6-tPid6VrklHkqsGqDqHCdP6O8TTB5dDDItllVo6_1OLPpcbUrhiUSMxbbXUvdvWXzg-UD8biiReQFlfz28zGWVsdiNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRXe8P_ijQ7p8Vdz0TTrxUeT3lm8d9shnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOcbH510a6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw";
const RFC7520_4_3_H: &str = "eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9";
const RFC7520_4_3_S: &str = "AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP2kqaluUIIUnC9qvbu9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sDDyYjnAMDxXPn7XrT0lw-kvAD890jl8e2puQens_IEKBpHABlsbEPX6sFY8OcGDqoRuBomu9xQ2";
const RFC7520_4_4_H: &str = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9";
const RFC7520_4_4_S: &str = "s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";

/// RFC 8037 A.4: EdDSA over "Example of Ed25519 signing".
pub const RFC8037_A4: &str = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

fn jwk(v: Value) -> Jwk {
    match v {
        Value::Object(m) => m,
        _ => Jwk::new(),
    }
}

fn rfc7520(h: &str, s: &str) -> String {
    format!("{h}.{RFC7520_PAYLOAD}.{s}")
}

pub(crate) fn files(keys: &Keys) -> Vec<FileOut> {
    vec![rfc7515(keys), rfc7520_file(), rfc8037(keys)]
}

/// Before the RFC 7515/7519 examples' exp (1300819380).
const BEFORE_EXP: i64 = 1_300_819_000;
const EXP: i64 = 1_300_819_380;

fn rfc7515(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("rfc/rfc7515-7519.json", "rfc7515-appendix-a-and-rfc7519", "The signed examples of RFC 7515 Appendix A (A.1 HS256, A.2 RS256, A.3 ES256, A.4 ES512, A.5 unsecured) and RFC 7519 §3.1, with the keys the RFCs publish.", "RFC 7515 Appendix A; RFC 7519 §3.1");
    f.key("rfc7515-a1", jwk(json!({"kty":"oct","k":RFC7515_A1_K})));
    f.key("rfc7515-a2", jwk(json!({"kty":"RSA","n":RFC7515_A2_N,"e":"AQAB"})));
    f.key(
        "rfc7515-a3",
        jwk(json!({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"})),
    );
    f.key(
        "rfc7515-a4",
        jwk(json!({"kty":"EC","crv":"P-521","x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk","y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2","d":"AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C"})),
    );
    f.key("rsa-2048", key(keys, "rsa-2048"));
    f.key("p256", key(keys, "p256"));
    let r = &["RFC"];
    cases! { f;
        "rfc7515-a1-hs256-valid", "RFC 7515 A.1: the HS256 example verifies with the published 64-byte key; its header and payload hold CR LF inside JSON whitespace, which is fine because the signature covers the segments as received. now is before exp 1300819380.", RFC7515_A1, Some("rfc7515-a1"), V::new(&["HS256"], BEFORE_EXP), Want::Valid, r;
        "rfc7519-s3-1-example-jwt-valid", "RFC 7519 §3.1: the example JWT (the same bytes and key as RFC 7515 A.1, typ JWT) verifies as a JWT before its exp.", RFC7515_A1, Some("rfc7515-a1"), V::new(&["HS256"], BEFORE_EXP).required(&["iss", "exp"]), Want::Valid, r;
        "rfc7519-s3-1-example-jwt-issuer-joe", "RFC 7519 §3.1: the example's iss is \"joe\"; with issuer joe it verifies.", RFC7515_A1, Some("rfc7515-a1"), V::new(&["HS256"], BEFORE_EXP).issuer("joe"), Want::Valid, r;
        "rfc7519-s3-1-example-jwt-wrong-issuer", "RFC 7519 §3.1: the example's iss is \"joe\", not \"Joe\" (string comparison is exact).", RFC7515_A1, Some("rfc7515-a1"), V::new(&["HS256"], BEFORE_EXP).issuer("Joe"), Want::Invalid(E::IssuerMismatch), r;
        "rfc7515-a1-hs256-at-exp", "RFC 7515 A.1 at exactly its exp (1300819380): expired (RFC 7519 §4.1.4, now must be before exp). A real-time verifier today rejects every RFC example this way.", RFC7515_A1, Some("rfc7515-a1"), V::new(&["HS256"], EXP), Want::Invalid(E::Expired), &["RFC", "ClaimTiming"];
        "rfc7515-a1-hs256-one-before-exp", "RFC 7515 A.1 one second before exp is valid.", RFC7515_A1, Some("rfc7515-a1"), V::new(&["HS256"], EXP - 1), Want::Valid, &["RFC", "ClaimTiming"];
        "rfc7515-a1-hs256-tampered", "RFC 7515 A.1 with one signature bit flipped fails the HMAC check.", &corrupt(RFC7515_A1), Some("rfc7515-a1"), V::new(&["HS256"], BEFORE_EXP), Want::Invalid(E::InvalidSignature), r;
        "rfc7515-a1-hs256-not-allowed", "RFC 7515 A.1 with an allow-list of HS512 only: the header's HS256 is not allowed.", RFC7515_A1, Some("rfc7515-a1"), V::new(&["HS512"], BEFORE_EXP), Want::Invalid(E::AlgorithmNotAllowed), r;
        "rfc7515-a1-key-as-hs512-too-short", "The A.1 key is 64 bytes: long enough for HS256 but the token says HS256, so an HS256-only check passes; with the key marked alg HS512 it no longer fits the HS256 header.", RFC7515_A1, Some("rfc7515-a1-alg-hs512"), V::new(&["HS256"], BEFORE_EXP), Want::Invalid(E::KeyMismatch), r;
    }
    f.key("rfc7515-a1-alg-hs512", with(jwk(json!({"kty":"oct","k":RFC7515_A1_K})), "alg", json!("HS512")));
    cases! { f;
        "rfc7515-a2-rs256-valid", "RFC 7515 A.2: the RS256 example verifies with the published 2048-bit public key.", RFC7515_A2, Some("rfc7515-a2"), V::new(&["RS256"], BEFORE_EXP), Want::Valid, r;
        "rfc7515-a2-rs256-at-exp", "RFC 7515 A.2 at its exp: expired.", RFC7515_A2, Some("rfc7515-a2"), V::new(&["RS256"], EXP), Want::Invalid(E::Expired), &["RFC", "ClaimTiming"];
        "rfc7515-a2-rs256-other-key", "RFC 7515 A.2 checked with an unrelated 2048-bit RSA key fails at the signature.", RFC7515_A2, Some("rsa-2048"), V::new(&["RS256"], BEFORE_EXP), Want::Invalid(E::InvalidSignature), r;
        "rfc7515-a2-rs256-as-ps256", "RFC 7515 A.2 allowed only as PS256: the header says RS256, which is not allowed.", RFC7515_A2, Some("rfc7515-a2"), V::new(&["PS256"], BEFORE_EXP), Want::Invalid(E::AlgorithmNotAllowed), r;
        "rfc7515-a2-rs256-tampered", "RFC 7515 A.2 with one signature bit flipped.", &corrupt(RFC7515_A2), Some("rfc7515-a2"), V::new(&["RS256"], BEFORE_EXP), Want::Invalid(E::InvalidSignature), r;
        "rfc7515-a3-es256-valid", "RFC 7515 A.3: the ES256 example (raw 64-byte R||S) verifies with the published P-256 key.", RFC7515_A3, Some("rfc7515-a3"), V::new(&["ES256"], BEFORE_EXP), Want::Valid, r;
        "rfc7515-a3-es256-at-exp", "RFC 7515 A.3 at its exp: expired.", RFC7515_A3, Some("rfc7515-a3"), V::new(&["ES256"], EXP), Want::Invalid(E::Expired), &["RFC", "ClaimTiming"];
        "rfc7515-a3-es256-other-key", "RFC 7515 A.3 with an unrelated P-256 key fails at the signature.", RFC7515_A3, Some("p256"), V::new(&["ES256"], BEFORE_EXP), Want::Invalid(E::InvalidSignature), r;
        "rfc7515-a3-es256-tampered", "RFC 7515 A.3 with one signature bit flipped.", &corrupt(RFC7515_A3), Some("rfc7515-a3"), V::new(&["ES256"], BEFORE_EXP), Want::Invalid(E::InvalidSignature), r;
        "rfc7515-a3-es256-p521-key", "RFC 7515 A.3 checked with the A.4 P-521 key: ES256 needs a P-256 key.", RFC7515_A3, Some("rfc7515-a4"), V::new(&["ES256"], BEFORE_EXP), Want::Invalid(E::KeyMismatch), r;
        "rfc7515-a4-es512-opaque-valid", "RFC 7515 A.4: the ES512 example signs the non-JSON payload \"Payload\"; as a plain JWS (payload opaque) it verifies with the published P-521 key.", RFC7515_A4, Some("rfc7515-a4"), V::new(&["ES512"], BEFORE_EXP).opaque(), Want::Valid, r;
        "rfc7515-a4-es512-as-jwt-malformed", "RFC 7515 A.4 read as a JWT: the signature verifies but the payload \"Payload\" is not a JSON object, so step 8 rejects it (a deviation by design: A.4 is a JWS, not a JWT).", RFC7515_A4, Some("rfc7515-a4"), V::new(&["ES512"], BEFORE_EXP), Want::Invalid(E::Malformed), &["RFC", "Deviation"];
        "rfc7515-a4-es512-tampered", "RFC 7515 A.4 with one signature bit flipped.", &corrupt(RFC7515_A4), Some("rfc7515-a4"), V::new(&["ES512"], BEFORE_EXP).opaque(), Want::Invalid(E::InvalidSignature), r;
        "rfc7515-a5-unsecured-refused", "RFC 7515 A.5: the unsecured JWS (alg none, empty signature) is refused even when none is listed (RFC 8725 §3.1).", RFC7515_A5, None, V::new(&["none", "HS256"], BEFORE_EXP), Want::Invalid(E::AlgorithmNotAllowed), &["RFC", "AlgNone"];
    }
    f
}

fn rfc7520_file() -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("rfc/rfc7520.json", "rfc7520-section-4", "The compact serializations of RFC 7520 §4.1 (RS256), §4.2 (PS384, the published randomized signature), §4.3 (ES512) and §4.4 (HS256), with the keys of §3.1, §3.3 and §3.5, which carry kid, use and alg members (step 6 applies them).", "RFC 7520 §3 and §4.1–4.4");
    let ec = json!({"kty":"EC","kid":"bilbo.baggins@hobbiton.example","use":"sig","crv":"P-521","x":"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt","y":"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1"});
    let rsa = json!({"kty":"RSA","kid":"bilbo.baggins@hobbiton.example","use":"sig","n":"n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw","e":"AQAB"});
    let mac = json!({"kty":"oct","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037","use":"sig","alg":"HS256","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"});
    let enc = json!({"kty":"oct","kid":"1e571774-2e08-40da-8308-e8d68773842d","use":"enc","alg":"A256GCM","k":"AAPapAv4LbFbiVawEjagUBluYqN5rhna-8nuldDvOx8"});
    f.key("rfc7520-3-1-ec", jwk(ec.clone()));
    f.key("rfc7520-3-3-rsa", jwk(rsa.clone()));
    f.key("rfc7520-3-5-mac", jwk(mac.clone()));
    f.key("rfc7520-3-6-enc", jwk(enc));
    f.key("rfc7520-3-3-rsa-other-kid", with(jwk(rsa.clone()), "kid", json!("frodo.baggins@hobbiton.example")));
    f.key("rfc7520-3-3-rsa-use-enc", with(jwk(rsa.clone()), "use", json!("enc")));
    f.key("rfc7520-3-3-rsa-alg-rs256", with(jwk(rsa.clone()), "alg", json!("RS256")));
    f.key("rfc7520-3-1-ec-ops-sign", with(jwk(ec), "key_ops", json!(["sign"])));
    f.key("rfc7520-3-5-mac-alg-hs512", with(jwk(mac), "alg", json!("HS512")));
    let t41 = rfc7520(RFC7520_4_1_H, RFC7520_4_1_S);
    let t42 = rfc7520(RFC7520_4_2_H, RFC7520_4_2_S);
    let t43 = rfc7520(RFC7520_4_3_H, RFC7520_4_3_S);
    let t44 = rfc7520(RFC7520_4_4_H, RFC7520_4_4_S);
    let now = 1_700_000_000;
    let r = &["RFC"];
    let o = |alg: &str| V::new(&[alg], now).opaque();
    cases! { f;
        "rfc7520-4-1-rs256-valid", "RFC 7520 §4.1: RS256 over the Tolkien payload (not JSON, so opaque), verified with the §3.3 key; the key's kid equals the header's and its use is sig, so step 6 passes.", &t41, Some("rfc7520-3-3-rsa"), o("RS256"), Want::Valid, r;
        "rfc7520-4-1-rs256-as-jwt", "RFC 7520 §4.1 read as a JWT: the payload is prose, not a JSON object, so step 8 rejects it after the signature verified.", &t41, Some("rfc7520-3-3-rsa"), V::new(&["RS256"], now), Want::Invalid(E::Malformed), &["RFC", "Deviation"];
        "rfc7520-4-1-rs256-kid-differs", "RFC 7520 §4.1 with the §3.3 key relabelled kid frodo.baggins@hobbiton.example: both carry kid and they differ (step 6).", &t41, Some("rfc7520-3-3-rsa-other-kid"), o("RS256"), Want::Invalid(E::KeyMismatch), r;
        "rfc7520-4-1-rs256-key-use-enc", "RFC 7520 §4.1 with the §3.3 key marked use enc: an encryption key must not verify signatures (step 6).", &t41, Some("rfc7520-3-3-rsa-use-enc"), o("RS256"), Want::Invalid(E::KeyMismatch), r;
        "rfc7520-4-1-rs256-key-alg-rs256", "RFC 7520 §4.1 with the §3.3 key carrying alg RS256, equal to the header's: valid.", &t41, Some("rfc7520-3-3-rsa-alg-rs256"), o("RS256"), Want::Valid, r;
        "rfc7520-4-1-rs256-tampered", "RFC 7520 §4.1 with one signature bit flipped.", &corrupt(&t41), Some("rfc7520-3-3-rsa"), o("RS256"), Want::Invalid(E::InvalidSignature), r;
        "rfc7520-4-2-ps384-valid", "RFC 7520 §4.2: the published PS384 signature (randomized, salt 48 bytes, MGF1-SHA384) verifies with the §3.3 key.", &t42, Some("rfc7520-3-3-rsa"), o("PS384"), Want::Valid, r;
        "rfc7520-4-2-ps384-key-alg-rs256", "RFC 7520 §4.2 with the §3.3 key carrying alg RS256: the JWK's alg differs from the header's PS384 (step 6).", &t42, Some("rfc7520-3-3-rsa-alg-rs256"), o("PS384"), Want::Invalid(E::KeyMismatch), r;
        "rfc7520-4-2-ps384-not-allowed", "RFC 7520 §4.2 with an allow-list of RS384: PS384 is not allowed.", &t42, Some("rfc7520-3-3-rsa"), o("RS384"), Want::Invalid(E::AlgorithmNotAllowed), r;
        "rfc7520-4-2-ps384-tampered", "RFC 7520 §4.2 with one signature bit flipped.", &corrupt(&t42), Some("rfc7520-3-3-rsa"), o("PS384"), Want::Invalid(E::InvalidSignature), r;
        "rfc7520-4-3-es512-valid", "RFC 7520 §4.3: ES512 (raw 132-byte R||S) verifies with the §3.1 P-521 key.", &t43, Some("rfc7520-3-1-ec"), o("ES512"), Want::Valid, r;
        "rfc7520-4-3-es512-key-ops-sign", "RFC 7520 §4.3 with the §3.1 key limited to key_ops [sign]: it may not verify (step 6).", &t43, Some("rfc7520-3-1-ec-ops-sign"), o("ES512"), Want::Invalid(E::KeyMismatch), r;
        "rfc7520-4-3-es512-tampered", "RFC 7520 §4.3 with one signature bit flipped.", &corrupt(&t43), Some("rfc7520-3-1-ec"), o("ES512"), Want::Invalid(E::InvalidSignature), r;
        "rfc7520-4-4-hs256-valid", "RFC 7520 §4.4: HS256 verifies with the §3.5 key (kid equal to the header's, use sig, alg HS256).", &t44, Some("rfc7520-3-5-mac"), o("HS256"), Want::Valid, r;
        "rfc7520-4-4-hs256-enc-key", "RFC 7520 §4.4 checked with the §3.6 key: its use is enc, its alg A256GCM and its kid differs; any one of them refuses it (step 6).", &t44, Some("rfc7520-3-6-enc"), o("HS256"), Want::Invalid(E::KeyMismatch), r;
        "rfc7520-4-4-hs256-key-alg-hs512", "RFC 7520 §4.4 with the §3.5 key relabelled alg HS512: the JWK's alg differs from the header's.", &t44, Some("rfc7520-3-5-mac-alg-hs512"), o("HS256"), Want::Invalid(E::KeyMismatch), r;
        "rfc7520-4-4-hs256-tampered", "RFC 7520 §4.4 with one signature bit flipped.", &corrupt(&t44), Some("rfc7520-3-5-mac"), o("HS256"), Want::Invalid(E::InvalidSignature), r;
        "rfc7520-4-4-hs256-as-jwt", "RFC 7520 §4.4 read as a JWT: the payload is not JSON (step 8).", &t44, Some("rfc7520-3-5-mac"), V::new(&["HS256"], now), Want::Invalid(E::Malformed), &["RFC", "Deviation"];
    }
    f
}

fn rfc8037(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("rfc/rfc8037.json", "rfc8037-appendix-a", "The Ed25519 example of RFC 8037 Appendix A.4 (key of A.1/A.2), verified as in A.5.", "RFC 8037 Appendix A.1–A.5");
    f.key("rfc8037-a1", jwk(json!({"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})));
    f.key("ed25519", key(keys, "ed25519"));
    let now = 1_700_000_000;
    let r = &["RFC"];
    cases! { f;
        "rfc8037-a4-eddsa-valid", "RFC 8037 A.4/A.5: the EdDSA example over \"Example of Ed25519 signing\" (not JSON, so opaque) verifies with the A.2 public key.", RFC8037_A4, Some("rfc8037-a1"), V::new(&["EdDSA"], now).opaque(), Want::Valid, r;
        "rfc8037-a4-eddsa-as-jwt", "RFC 8037 A.4 read as a JWT: the payload is not JSON (step 8).", RFC8037_A4, Some("rfc8037-a1"), V::new(&["EdDSA"], now), Want::Invalid(E::Malformed), &["RFC", "Deviation"];
        "rfc8037-a4-eddsa-other-key", "RFC 8037 A.4 with an unrelated Ed25519 key fails at the signature.", RFC8037_A4, Some("ed25519"), V::new(&["EdDSA"], now).opaque(), Want::Invalid(E::InvalidSignature), r;
        "rfc8037-a4-eddsa-tampered", "RFC 8037 A.4 with one signature bit flipped.", &corrupt(RFC8037_A4), Some("rfc8037-a1"), V::new(&["EdDSA"], now).opaque(), Want::Invalid(E::InvalidSignature), r;
        "rfc8037-a4-eddsa-not-allowed", "RFC 8037 A.4 with an allow-list of ES256: EdDSA is not allowed.", RFC8037_A4, Some("rfc8037-a1"), V::new(&["ES256"], now).opaque(), Want::Invalid(E::AlgorithmNotAllowed), r;
    }
    f
}
