//! `vectors/cves/`: one or more vectors per published vulnerability of a
//! JWT/JWS verifier that a compact JWS can trigger. Every case carries the
//! CVE (or, without one, GHSA) id in `flags`, and its description names the
//! library, the affected versions, the bug class and the advisory. The
//! expected result is what the spec says, never what a library does.
//! Classes that need JWE, the JSON serialization or compression have no
//! vector: `vectors/cves/README.md` lists them.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jwtproof_reference::ErrorKind as E;

use crate::common::{
    curve_order, ec_point, ecdsa_der, fixed, key, member, oct, p256_spki_der, pem, public, rsa_pkcs1_der, rsa_spki_der, sig_of, sign_bytes,
    with_sig, without,
};
use crate::{FileOut, Jwk, Keys, V, Want};
use jwtproof_testkit::{b64, sign_input, token};

const NOW: i64 = 1_700_000_100;
const PAYLOAD: &str = r#"{"sub":"alice","admin":false,"iat":1700000000,"exp":1700003600}"#;
const ADMIN: &str = r#"{"sub":"admin","admin":true,"iat":1700000000,"exp":1700003600}"#;

/// One advisory: what the description of each of its cases repeats.
struct Advisory {
    id: &'static str,
    library: &'static str,
    versions: &'static str,
    class: &'static str,
    source: &'static str,
}

impl Advisory {
    /// A case description: the library, versions, class, what this token
    /// does, and where the advisory is.
    fn describe(&self, what: &str) -> String {
        format!("{} ({}, {}): {}. {what} Source: {}.", self.id, self.library, self.versions, self.class, self.source)
    }
}

/// Adds one case for `adv`, flagged with its id and a class flag.
#[allow(clippy::too_many_arguments, reason = "a case has this many fields")]
fn case(f: &mut FileOut, adv: &Advisory, slug: &str, what: &str, t: &str, key: Option<&str>, v: V, want: Want, class_flag: &str) {
    let id = format!("{}-{slug}", adv.id.to_ascii_lowercase());
    cases! { f; &id, &adv.describe(what), t, key, v, want, &[adv.id, class_flag]; }
}

/// The advisories the vectors reproduce, one a row: what the description
/// of each of their cases repeats.
#[rustfmt::skip]
const ADVISORIES: &[Advisory] = &[
    Advisory {id: "GHSA-8m4g-j4wp-wgcg", library: "Authlib", versions: "releases before the advisory of 2026-10-22 (CVE-2026-114616)", class: "an empty HMAC key was accepted, so a token HMAC'd under the empty key verified", source: "https://github.com/authlib/authlib/security/advisories/GHSA-8m4g-j4wp-wgcg"},
    Advisory {id: "CVE-2026-49852", library: "joserfc", versions: "< 1.6.8", class: "HS256/HS384/HS512 verification accepted an empty or None HMAC key", source: "https://github.com/advisories/GHSA-gg9x-qcx2-xmrh"},
    Advisory {id: "CVE-2026-45363", library: "ruby-jwt", versions: "< 3.2.0 (3.2.0 added ensure_valid_key!)", class: "JWT.decode accepted an empty or nil HMAC key (also from a key finder)", source: "https://github.com/advisories/GHSA-c32j-vqhx-rx3x"},
    Advisory { id: "CVE-2022-23540", library: "node jsonwebtoken", versions: "<= 8.5.1, fixed in 9.0.0", class: "jwt.verify() without algorithms and with a falsy key defaulted to the none algorithm", source: "https://github.com/auth0/node-jsonwebtoken/security/advisories/GHSA-qwph-4952-7xr6" },
    Advisory { id: "CVE-2026-28802", library: "Authlib", versions: ">= 1.6.5, < 1.6.7", class: "a token with alg none and a blank signature passed signature verification", source: "https://github.com/authlib/authlib/security/advisories/GHSA-7wc2-qxgw-g8gg" },
    Advisory { id: "CVE-2020-28042", library: "ServiceStack JwtAuthProviderReader", versions: "<= 5.9.1, fixed in 5.9.2", class: "the signature comparison looped over the received signature's length, so an empty signature matched", source: "https://www.shielder.com/advisories/servicestack-jwt-signature-verification-bypass/" },
    Advisory { id: "CVE-2015-9235", library: "node jsonwebtoken", versions: "< 4.2.2", class: "RS/ES to HS key confusion: the header's alg picked HMAC and the RSA public key became the secret", source: "https://nvd.nist.gov/vuln/detail/CVE-2015-9235" },
    Advisory { id: "CVE-2016-10555", library: "jwt-simple (node)", versions: "< 0.5.3", class: "decode() took the algorithm from the token header, so an RS256 public key verified an HS256 token", source: "https://nvd.nist.gov/vuln/detail/CVE-2016-10555" },
    Advisory { id: "CVE-2015-2951", library: "F21 JWT (PHP)", versions: "< 2.0", class: "signature verification bypass with crafted tokens; the 2.0 fix (commit a327cf9) makes the caller, not the header, choose the algorithm", source: "https://jvn.jp/en/jp/JVN06120222/index.html, https://github.com/F21/jwt/commit/a327cf9052df8f9f97728ca0b5fa78a8231b79b6" },
    Advisory { id: "CVE-2017-11424", library: "PyJWT", versions: "< 1.5.1", class: "the HMAC key blocklist missed PKCS#1 PEM (-----BEGIN RSA PUBLIC KEY-----), allowing key confusion", source: "https://github.com/advisories/GHSA-r9jw-mwhq-wp62" },
    Advisory { id: "CVE-2022-29217", library: "PyJWT", versions: ">= 1.5.0, < 2.4.0", class: "key confusion through non-blocklisted public key formats (an ssh-ed25519 public key accepted as an HMAC secret with get_default_algorithms())", source: "https://github.com/jpadilla/pyjwt/security/advisories/GHSA-ffqj-6fqr-9h24" },
    Advisory { id: "CVE-2024-33663", library: "python-jose", versions: "<= 3.3.0, fixed in 3.4.0", class: "algorithm confusion with OpenSSH ECDSA keys and other key formats missing from the HMAC blocklist", source: "https://github.com/advisories/GHSA-6c5p-j8vq-pqhj, https://github.com/mpdavis/python-jose/issues/346" },
    Advisory { id: "CVE-2024-37568", library: "Authlib", versions: "< 1.3.1", class: "without an algorithm in jwt.decode, HMAC verification was allowed with any asymmetric public key", source: "https://github.com/advisories/GHSA-5357-c2jx-v7qh, https://github.com/authlib/authlib/issues/654" },
    Advisory { id: "CVE-2022-23541", library: "node jsonwebtoken", versions: "<= 8.5.1, fixed in 9.0.0", class: "a key retrieval function serving both symmetric and asymmetric keys let an RSA public key verify an HS256 token", source: "https://github.com/auth0/node-jsonwebtoken/security/advisories/GHSA-hjrf-2m68-5959" },
    Advisory { id: "CVE-2023-48223", library: "fast-jwt", versions: "< 3.3.2", class: "publicKeyPemMatcher did not match the PKCS#1 -----BEGIN RSA PUBLIC KEY----- header, so such a key was used as an HMAC secret", source: "https://github.com/nearform/fast-jwt/security/advisories/GHSA-c2ff-88x2-x9pg" },
    Advisory { id: "CVE-2026-34950", library: "fast-jwt", versions: "<= 6.1.0", class: "incomplete fix for CVE-2023-48223: a ^-anchored PEM matcher missed a public key with leading whitespace, which then became an HMAC secret", source: "https://github.com/nearform/fast-jwt/security/advisories/GHSA-mvf2-f6gm-w987" },
    Advisory { id: "GHSA-ww5h-9m49-7xx4", library: "fast-jwt", versions: "6.2.x (reproduced on 6.2.4), incomplete fix of CVE-2026-34950", class: "key.trim() only strips whitespace: a PEM preceded by any other bytes (a # comment, a zero-width character) was still used as an HMAC secret", source: "https://github.com/nearform/fast-jwt/pull/632" },
    Advisory { id: "GHSA-g3jj-5cmm-3hxx", library: "fast-jwt", versions: "reported against 6.2.4", class: "raw public JWK JSON text given as the key was classified as an HMAC secret", source: "https://github.com/advisories/GHSA-g3jj-5cmm-3hxx" },
    Advisory { id: "CVE-2026-48526", library: "PyJWT", versions: "< 2.13.0", class: "with both asymmetric and HMAC algorithms allowed, a JSON Web Key was not checked for its algorithm type, so the issuer's public key could be the HMAC secret", source: "https://github.com/advisories/GHSA-xgmm-8j9v-c9wx" },
    Advisory { id: "GHSA-7vr2-2fgp-9w7p", library: "Authlib", versions: "releases before the fix of authlib PR #945 (advisory published 2026-10-22)", class: "incomplete algorithm-confusion fix: a public key with a prefix before its PEM header passed the asymmetric-key check and was used as an HMAC secret", source: "https://github.com/authlib/authlib/security/advisories/GHSA-7vr2-2fgp-9w7p" },
    Advisory { id: "CVE-2026-44699", library: "LibJWT (C)", versions: ">= 3.0.0, < 3.3.3", class: "an RSA JWK without alg was accepted for an HS256 token, and the OpenSSL backend ran HMAC with a zero-length key", source: "https://github.com/benmcollins/libjwt/security/advisories/GHSA-q843-6q5f-w55g" },
    Advisory { id: "CVE-2022-23539", library: "node jsonwebtoken", versions: "<= 8.5.1, fixed in 9.0.0", class: "unrestricted key type: a key of another family (e.g. DSA or EC) verified an RS256 token, since node's RSA-SHA256 verifier accepts any key type", source: "https://github.com/auth0/node-jsonwebtoken/security/advisories/GHSA-8cf7-32gw-wr33" },
    Advisory { id: "CVE-2018-0114", library: "node-jose (Cisco)", versions: "< 0.11.0", class: "the public key embedded in the token's jwk header was trusted for verification", source: "https://nvd.nist.gov/vuln/detail/CVE-2018-0114" },
    Advisory { id: "CVE-2026-27962", library: "Authlib", versions: "< 1.6.9", class: "JWK header injection: with key=None, JWS deserialization verified with the jwk the token itself carried", source: "https://github.com/authlib/authlib/security/advisories/GHSA-wvwj-cvrp-7pv5" },
    Advisory { id: "CVE-2025-59420", library: "Authlib", versions: "<= 1.6.3", class: "JsonWebSignature.deserialize_compact accepted unknown critical header parameters", source: "https://github.com/authlib/authlib/security/advisories/GHSA-9ggr-2464-2j32" },
    Advisory { id: "CVE-2026-32597", library: "PyJWT", versions: "<= 2.11.0, fixed in 2.12.0", class: "the crit header parameter was not validated, so unknown critical extensions were accepted", source: "https://github.com/jpadilla/pyjwt/security/advisories/GHSA-752w-5fwx-jx9f" },
    Advisory { id: "CVE-2026-35042", library: "fast-jwt", versions: "<= 6.1.0", class: "the crit header parameter was not validated, so unknown critical extensions were accepted", source: "https://github.com/nearform/fast-jwt/security/advisories/GHSA-hm7r-c7qw-ghp6" },
    Advisory { id: "CVE-2026-25537", library: "jsonwebtoken (Rust)", versions: "< 10.3.0", class: "type confusion: a standard claim of the wrong JSON type (nbf or exp as a string) parsed as FailedToParse, which validation treated as NotPresent", source: "https://github.com/Keats/jsonwebtoken/security/advisories/GHSA-h395-gr6q-cpjc" },
    Advisory { id: "CVE-2020-26160", library: "jwt-go (dgrijalva)", versions: "< 4.0.0-preview1 (golang-jwt 3.2.1 fixes it)", class: "VerifyAudience asserted aud was a string; for an array the assertion failed, aud became \"\", and a non-required check passed", source: "https://nvd.nist.gov/vuln/detail/CVE-2020-26160, https://github.com/dgrijalva/jwt-go/pull/426" },
    Advisory { id: "CVE-2024-53861", library: "PyJWT", versions: "2.10.0, fixed in 2.10.1", class: "with issuer given as a string, the iss check used `in` on that string, so any substring of the expected issuer matched", source: "https://nvd.nist.gov/vuln/detail/CVE-2024-53861, https://github.com/jpadilla/pyjwt/issues/1020" },
    Advisory { id: "CVE-2025-30144", library: "fast-jwt", versions: "< 5.0.6", class: "the iss check accepted an array, so [attacker, valid issuer] passed", source: "https://github.com/nearform/fast-jwt/security/advisories/GHSA-gm45-q3v2-6cf8" },
    Advisory { id: "GHSA-5hjw-83fp-phq9", library: "fast-jwt", versions: ">= 6.0.0, < 6.3.0 (CVE-2026-107723)", class: "a validly signed token whose payload is a JSON array passed, and every configured claim check was skipped", source: "https://github.com/nearform/fast-jwt/security/advisories/GHSA-5hjw-83fp-phq9" },
    Advisory { id: "CVE-2022-21449", library: "Java SE ECDSA (used by Java JWT libraries)", versions: "Java 15 to 18 before the April 2022 CPU (15.0.7, 17.0.3, 18.0.1)", class: "psychic signatures: ECDSA verification accepted r = s = 0", source: "https://neilmadden.blog/2022/04/19/psychic-signatures-in-java/" },
    Advisory { id: "CVE-2022-39227", library: "python-jwt", versions: "< 3.3.4", class: "a token mixing the compact and JSON serializations: verify_jwt checked the signature (jwcrypto, JSON form) over other claims than the ones it returned (compact split)", source: "https://nvd.nist.gov/vuln/detail/CVE-2022-39227, https://github.com/pypa/advisory-database/pull/97" },
    Advisory { id: "CVE-2025-30204", library: "golang-jwt/jwt", versions: "v5 < 5.2.2, v4 < 4.5.2 (and v3 3.2.x)", class: "ParseUnverified split its untrusted input on every period (strings.Split), allocating O(n) memory for a token of many dots", source: "https://github.com/golang-jwt/jwt/security/advisories/GHSA-mh63-6h87-95cp" },
    Advisory { id: "CVE-2025-27144", library: "go-jose", versions: "v4 < 4.0.5, v3 < 3.0.4", class: "compact JWS/JWE parsing used strings.Split(token, \".\"), consuming excessive memory on tokens with many periods", source: "https://github.com/go-jose/go-jose/security/advisories/GHSA-c6gw-w398-hv78" },
    Advisory { id: "CVE-2025-53864", library: "Nimbus JOSE + JWT", versions: "< 10.0.2 (backported to 9.37.4)", class: "uncontrolled recursion on a deeply nested JSON object in the claims set (StackOverflowError)", source: "https://github.com/advisories/GHSA-xwmg-2g98-w7v9" },
    Advisory { id: "CVE-2025-61920", library: "Authlib", versions: "<= 1.6.4, fixed in 1.6.5 (256 KB segment limits)", class: "unbounded JWS header and signature segments were decoded and parsed in full before rejection", source: "https://github.com/authlib/authlib/security/advisories/GHSA-pq5p-34cr-23v9" },
];

/// An advisory of [`ADVISORIES`] by id; panics on an unknown id (a
/// generator bug).
fn advisory(id: &str) -> &'static Advisory {
    ADVISORIES.iter().find(|a| a.id == id).unwrap_or_else(|| panic!("no advisory {id} in ADVISORIES"))
}

/// A table of advisory cases, one row each: the advisory's id, then the
/// columns of [`case`] after it: `id: slug, what, token, key, validation,
/// want, class flag;`.
macro_rules! advisory_cases {
    ($f:ident; $($adv:tt: $slug:expr, $what:expr, $t:expr, $key:expr, $v:expr, $want:expr, $class:expr;)*) => {
        $(case(&mut $f, advisory($adv), $slug, $what, $t, $key, $v, $want, $class);)*
    };
}

fn hs256_header() -> &'static [u8] {
    br#"{"alg":"HS256","typ":"JWT"}"#
}

/// A forged HS256 token whose HMAC secret is `secret`.
fn hmac_forgery(secret: &[u8]) -> String {
    sign_bytes("HS256", &oct(secret), hs256_header(), ADMIN.as_bytes())
}

/// An SSH wire-format string (RFC 4251 §5).
fn ssh_string(bytes: &[u8]) -> Vec<u8> {
    let len = u32::try_from(bytes.len()).unwrap_or(0);
    [len.to_be_bytes().to_vec(), bytes.to_vec()].concat()
}

/// The OpenSSH `authorized_keys` line of an Ed25519 JWK.
fn openssh_ed25519(jwk: &Jwk) -> String {
    let blob = [ssh_string(b"ssh-ed25519"), ssh_string(&member(jwk, "x"))].concat();
    format!("ssh-ed25519 {}", STANDARD.encode(blob))
}

/// The OpenSSH `authorized_keys` line of a P-256 JWK.
fn openssh_p256(jwk: &Jwk) -> String {
    let blob = [ssh_string(b"ecdsa-sha2-nistp256"), ssh_string(b"nistp256"), ssh_string(&ec_point(jwk))].concat();
    format!("ecdsa-sha2-nistp256 {}", STANDARD.encode(blob))
}

pub(crate) fn files(keys: &Keys) -> Vec<FileOut> {
    vec![alg_none(keys), key_confusion(keys), key_handling(keys), crit(keys), claims(keys), signatures(keys), input_shape(keys)]
}

fn alg_none(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("cves/alg-none.json", "cves-alg-none", "Published vulnerabilities where an unsigned token (alg none, or an empty signature) was accepted.", "CVE-2022-23540 (GHSA-qwph-4952-7xr6), CVE-2026-28802 (GHSA-7wc2-qxgw-g8gg), CVE-2020-28042 (Shielder advisory)");
    f.key("hs256", key(keys, "hs256"));
    let unsigned = format!("{}.{}.", b64(r#"{"alg":"none","typ":"JWT"}"#), b64(ADMIN));
    advisory_cases! { f;
        "CVE-2022-23540": "none-no-key", "An alg none token with an empty signature and no key: none is never allowed (step 4).", &unsigned, None, V::new(&["HS256", "RS256"], NOW), Want::Invalid(E::AlgorithmNotAllowed), "AlgNone";
        "CVE-2026-28802": "none-blank-signature", "alg none with a blank signature against an HS256 key and allow-list: refused at step 4.", &unsigned, Some("hs256"), V::new(&["HS256"], NOW), Want::Invalid(E::AlgorithmNotAllowed), "AlgNone";
    }
    let signed = sign_bytes("HS256", &key(keys, "hs256"), hs256_header(), ADMIN.as_bytes());
    let empty_sig = with_sig(&signed, &[]);
    advisory_cases! { f; "CVE-2020-28042": "hs256-empty-signature", "An HS256 token claiming admin with an empty signature segment: the tag is compared at full length (step 7).", &empty_sig, Some("hs256"), V::new(&["HS256"], NOW), Want::Invalid(E::InvalidSignature), "MissingSignature"; }
    let tag = sig_of(&signed);
    let one_byte = with_sig(&signed, tag.get(..1).unwrap_or_default());
    advisory_cases! { f; "CVE-2020-28042": "hs256-one-byte-prefix", "The genuine tag truncated to its first byte (what a prefix comparison would accept after 256 guesses): invalid (step 7).", &one_byte, Some("hs256"), V::new(&["HS256"], NOW), Want::Invalid(E::InvalidSignature), "MissingSignature"; }
    f
}

fn key_confusion(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("cves/key-confusion.json", "cves-key-confusion", "Published RS/ES/EdDSA-to-HS key-confusion vulnerabilities: the attacker HMACs a token with the server's PUBLIC key in the text form the library was given (PEM, PKCS#1 PEM, OpenSSH line, JWK JSON, a prefixed PEM). The verifier holds the public JWK; an asymmetric key never fits an HS algorithm (step 6), and an HS algorithm outside the allow-list is refused first (step 4).", "CVE-2015-9235, CVE-2016-10555, CVE-2015-2951, CVE-2017-11424, CVE-2022-29217, CVE-2024-33663, CVE-2024-37568, CVE-2022-23541, CVE-2023-48223, CVE-2026-34950, GHSA-ww5h-9m49-7xx4, GHSA-g3jj-5cmm-3hxx, GHSA-7vr2-2fgp-9w7p, CVE-2026-48526, CVE-2026-44699");
    let [rsa, p256, ed] = keys.many(["rsa-2048", "p256", "ed25519"]);
    f.key("rsa-2048", rsa.clone()).key("p256", p256.clone()).key("ed25519", ed.clone());
    f.key("rsa-2048-no-alg", without(public(&rsa), "alg"));
    let spki = pem("PUBLIC KEY", &rsa_spki_der(&rsa));
    let pkcs1 = pem("RSA PUBLIC KEY", &rsa_pkcs1_der(&rsa));
    let jwk_json = serde_json::to_string(&public(&rsa)).unwrap_or_default();
    let both = |asym: &str| V::new(&[asym, "HS256"], NOW);
    let rsa_only = V::new(&["RS256"], NOW);

    let ec_pem = pem("PUBLIC KEY", &p256_spki_der(&p256));
    let ws = format!("\n  {spki}");
    let commented = format!("# issuer signing key\n{spki}");
    let prefixed = format!("key: {spki}");
    advisory_cases! { f;
        "CVE-2015-9235": "hs256-rsa-spki-pem", "HS256 token HMAC'd with the RSA SubjectPublicKeyInfo PEM text; allow-list RS256 and HS256: key_mismatch.", &hmac_forgery(spki.as_bytes()), Some("rsa-2048"), both("RS256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "CVE-2016-10555": "hs256-rsa-pem-rs256-only", "HS256 token HMAC'd with the RSA PEM text; the application means RS256 only: refused at step 4.", &hmac_forgery(spki.as_bytes()), Some("rsa-2048"), rsa_only.clone(), Want::Invalid(E::AlgorithmNotAllowed), "KeyConfusion";
        "CVE-2015-2951": "header-alg-hs256-rsa-pem", "HS256 token HMAC'd with the RSA PEM text while the caller expects RS256: the header's alg does not choose (step 4).", &hmac_forgery(spki.as_bytes()), Some("rsa-2048"), rsa_only.clone(), Want::Invalid(E::AlgorithmNotAllowed), "KeyConfusion";
        "CVE-2017-11424": "hs256-rsa-pkcs1-pem", "HS256 token HMAC'd with the PKCS#1 PEM text of the RSA public key; allow-list RS256 and HS256: key_mismatch.", &hmac_forgery(pkcs1.as_bytes()), Some("rsa-2048"), both("RS256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "CVE-2022-29217": "hs256-openssh-ed25519", "HS256 token HMAC'd with the OpenSSH line (ssh-ed25519 AAAA…) of the Ed25519 public key; allow-list EdDSA and HS256: key_mismatch.", &hmac_forgery(openssh_ed25519(&ed).as_bytes()), Some("ed25519"), both("EdDSA"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "CVE-2024-33663": "hs256-openssh-ecdsa", "HS256 token HMAC'd with the OpenSSH line (ecdsa-sha2-nistp256 AAAA…) of the P-256 public key; allow-list ES256 and HS256: key_mismatch.", &hmac_forgery(openssh_p256(&p256).as_bytes()), Some("p256"), both("ES256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "CVE-2024-37568": "hs256-ec-spki-pem", "HS256 token HMAC'd with the P-256 SubjectPublicKeyInfo PEM text; allow-list ES256 and HS256: key_mismatch.", &hmac_forgery(ec_pem.as_bytes()), Some("p256"), both("ES256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "CVE-2022-23541": "hs256-rsa-spki-pem", "HS256 token HMAC'd with the RSA PEM text; the verifier's key is the RSA public key and both families are allowed: key_mismatch.", &hmac_forgery(spki.as_bytes()), Some("rsa-2048"), both("RS256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "CVE-2023-48223": "hs256-rsa-pkcs1-pem", "HS256 token HMAC'd with the PKCS#1 PEM text; allow-list RS256 and HS256: key_mismatch.", &hmac_forgery(pkcs1.as_bytes()), Some("rsa-2048"), both("RS256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "CVE-2026-34950": "hs256-whitespace-prefixed-pem", "HS256 token HMAC'd with the RSA PEM text preceded by a newline and spaces; allow-list RS256 and HS256: key_mismatch.", &hmac_forgery(ws.as_bytes()), Some("rsa-2048"), both("RS256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "GHSA-ww5h-9m49-7xx4": "hs256-comment-prefixed-pem", "HS256 token HMAC'd with the RSA PEM text preceded by a '# …' comment line; allow-list RS256 and HS256: key_mismatch.", &hmac_forgery(commented.as_bytes()), Some("rsa-2048"), both("RS256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "GHSA-g3jj-5cmm-3hxx": "hs256-rsa-jwk-json", "HS256 token HMAC'd with the JSON text of the RSA public JWK; allow-list RS256 and HS256: key_mismatch.", &hmac_forgery(jwk_json.as_bytes()), Some("rsa-2048"), both("RS256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "CVE-2026-48526": "hs256-public-jwk-as-secret", "HS256 token HMAC'd with the public JWK's JSON text; the verifier holds that RSA JWK and allows RS256 and HS256: key_mismatch.", &hmac_forgery(jwk_json.as_bytes()), Some("rsa-2048"), both("RS256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "GHSA-7vr2-2fgp-9w7p": "hs256-prefixed-pem", "HS256 token HMAC'd with 'key: ' followed by the RSA PEM text; allow-list RS256 and HS256: key_mismatch.", &hmac_forgery(prefixed.as_bytes()), Some("rsa-2048"), both("RS256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
        "CVE-2026-44699": "hs256-empty-key-rsa-jwk-without-alg", "HS256 token HMAC'd with the empty key; the verifier holds an RSA public JWK without alg and allows RS256 and HS256: key_mismatch.", &hmac_forgery(&[]), Some("rsa-2048-no-alg"), both("RS256"), Want::Invalid(E::KeyMismatch), "KeyConfusion";
    }
    f
}

fn key_handling(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("cves/key-handling.json", "cves-key-handling", "Published vulnerabilities in how the verification key is chosen: a key type that does not fit the algorithm, a key taken from the token's own jwk header, an empty HMAC key.", "CVE-2022-23539 (GHSA-8cf7-32gw-wr33), CVE-2018-0114, CVE-2026-27962 (GHSA-wvwj-cvrp-7pv5), GHSA-8m4g-j4wp-wgcg, CVE-2026-49852 (GHSA-gg9x-qcx2-xmrh), CVE-2026-45363 (GHSA-c32j-vqhx-rx3x)");
    let [p256, rsa, rsa_att, ec_att] = keys.many(["p256", "rsa-2048", "rsa-2048-other", "p256-other"]);
    f.key("p256", p256.clone()).key("rsa-2048", rsa).key("oct-empty", oct(&[]));

    let t = token("ES256", &p256, r#"{"alg":"RS256","typ":"JWT"}"#, ADMIN);
    let der_sig = ecdsa_der(&sig_of(&t));
    advisory_cases! { f; "CVE-2022-23539": "rs256-header-ecdsa-der-ec-key", "Header alg RS256, signature the DER ECDSA P-256/SHA-256 signature of the signing input, verifier key the P-256 JWK, allow-list RS256: an EC key never fits RS256 (step 6).", &with_sig(&t, &der_sig), Some("p256"), V::new(&["RS256"], NOW), Want::Invalid(E::KeyMismatch), "KeyTypeMismatch"; }

    let att_pub = serde_json::to_string(&public(&rsa_att)).unwrap_or_default();
    let t = token("RS256", &rsa_att, &format!(r#"{{"alg":"RS256","jwk":{att_pub}}}"#), ADMIN);
    advisory_cases! { f; "CVE-2018-0114": "embedded-jwk-rsa", "RS256 token signed with the attacker's key, which its jwk header carries; the verifier holds the real RSA key: the signature fails (step 7).", &t, Some("rsa-2048"), V::new(&["RS256"], NOW), Want::Invalid(E::InvalidSignature), "EmbeddedKey"; }

    let ec_att_pub = serde_json::to_string(&public(&ec_att)).unwrap_or_default();
    let t = token("ES256", &ec_att, &format!(r#"{{"alg":"ES256","jwk":{ec_att_pub}}}"#), ADMIN);
    advisory_cases! { f;
        "CVE-2026-27962": "embedded-jwk-no-key", "ES256 token signed by the attacker with the matching public key in its jwk header, and no verifier key: the header's key is never used, so there is no key (step 6).", &t, None, V::new(&["ES256"], NOW), Want::Invalid(E::KeyMismatch), "EmbeddedKey";
        "CVE-2026-27962": "embedded-jwk-real-key", "The same token against the real P-256 key: the signature fails (step 7).", &t, Some("p256"), V::new(&["ES256"], NOW), Want::Invalid(E::InvalidSignature), "EmbeddedKey";
    }

    let empty_key_forgery = sign_bytes("HS256", &oct(&[]), hs256_header(), ADMIN.as_bytes());
    for adv in ["GHSA-8m4g-j4wp-wgcg", "CVE-2026-49852", "CVE-2026-45363"] {
        advisory_cases! { f; adv: "hs256-empty-key", "HS256 token HMAC'd with the empty key, the verifier's oct key is empty (k \"\"): shorter than 32 bytes (step 6).", &empty_key_forgery, Some("oct-empty"), V::new(&["HS256"], NOW), Want::Invalid(E::KeyMismatch), "WeakKey"; }
    }
    f
}

fn crit(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("cves/crit.json", "cves-crit", "Published vulnerabilities where a correctly signed token whose crit header lists an extension the library does not understand was accepted (RFC 7515 §4.1.11 says it MUST be rejected).", "CVE-2025-59420 (GHSA-9ggr-2464-2j32), CVE-2026-32597 (GHSA-752w-5fwx-jx9f), CVE-2026-35042 (GHSA-hm7r-c7qw-ghp6)");
    let hs = f.committed_key(keys, "hs256");
    let v = || V::new(&["HS256"], NOW);
    let bork = token("HS256", &hs, r#"{"alg":"HS256","crit":["bork"],"bork":true}"#, PAYLOAD);
    let cnf = token("HS256", &hs, r#"{"alg":"HS256","crit":["cnf"],"cnf":{"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiGuA4I"}}"#, PAYLOAD);
    let myparam = token("HS256", &hs, r#"{"alg":"HS256","typ":"JWT","crit":["x-custom-policy"],"x-custom-policy":"require-mfa"}"#, PAYLOAD);
    let bind = token("HS256", &hs, r#"{"alg":"HS256","typ":"JWT","crit":["x-bind"],"x-bind":"tls-exporter"}"#, PAYLOAD);
    advisory_cases! { f;
        "CVE-2025-59420": "crit-bork", "crit [\"bork\"] with bork present, as in the advisory: step 5.", &bork, Some("hs256"), v(), Want::Invalid(E::UnsupportedCriticalHeader), "Crit";
        "CVE-2025-59420": "crit-cnf", "crit [\"cnf\"] with a proof-of-possession cnf member (RFC 7800), the advisory's second example: step 5.", &cnf, Some("hs256"), v(), Want::Invalid(E::UnsupportedCriticalHeader), "Crit";
        "CVE-2026-32597": "crit-unknown-extension", "crit lists an extension the verifier does not understand (x-custom-policy, present): step 5.", &myparam, Some("hs256"), v(), Want::Invalid(E::UnsupportedCriticalHeader), "Crit";
        "CVE-2026-35042": "crit-unknown-extension", "crit [\"x-bind\"] with x-bind present: step 5.", &bind, Some("hs256"), v(), Want::Invalid(E::UnsupportedCriticalHeader), "Crit";
    }
    f
}

fn claims(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("cves/claims.json", "cves-claims", "Published claim-validation vulnerabilities: a claim of the wrong JSON type treated as absent, an aud or iss array where the check assumed a string, an issuer matched as a substring, a payload that is an array.", "CVE-2026-25537 (GHSA-h395-gr6q-cpjc), CVE-2020-26160, CVE-2024-53861, CVE-2025-30144 (GHSA-gm45-q3v2-6cf8), GHSA-5hjw-83fp-phq9");
    let hs = f.committed_key(keys, "hs256");
    let signed = |payload: &str| token("HS256", &hs, r#"{"alg":"HS256","typ":"JWT"}"#, payload);
    advisory_cases! { f;
        "CVE-2026-25537": "nbf-string", "nbf \"99999999999\" (a string, years in the future) with a numeric exp, as in the advisory's reproduction: nbf must be a number (step 9).", &signed(r#"{"sub":"krishna","nbf":"99999999999","exp":10000000000}"#), Some("hs256"), V::new(&["HS256"], NOW), Want::Invalid(E::InvalidClaim), "ClaimType";
        "CVE-2026-25537": "exp-string", "exp \"never\" (a string): exp must be a number (step 9).", &signed(r#"{"sub":"alice","exp":"never"}"#), Some("hs256"), V::new(&["HS256"], NOW), Want::Invalid(E::InvalidClaim), "ClaimType";
    }
    advisory_cases! { f;
        "CVE-2020-26160": "aud-array-other", "aud [\"other-api\"] while the verifier expects api: no aud value matches (step 12).", &signed(r#"{"sub":"alice","aud":["other-api"],"exp":1700003600}"#), Some("hs256"), V::new(&["HS256"], NOW).audience(&["api"]), Want::Invalid(E::AudienceMismatch), "ClaimType";
        "CVE-2020-26160": "aud-empty-array", "aud [] (allowed by RFC 7519) while the verifier expects api: no aud value matches (step 12).", &signed(r#"{"sub":"alice","aud":[],"exp":1700003600}"#), Some("hs256"), V::new(&["HS256"], NOW).audience(&["api"]), Want::Invalid(E::AudienceMismatch), "ClaimType";
    }
    advisory_cases! { f;
        "CVE-2024-53861": "iss-substring", "iss \"abc\" while the expected issuer is \"__abc__\", the advisory's example: iss must equal the issuer (step 12).", &signed(r#"{"sub":"alice","iss":"abc","exp":1700003600}"#), Some("hs256"), V::new(&["HS256"], NOW).issuer("__abc__"), Want::Invalid(E::IssuerMismatch), "ClaimType";
        "CVE-2024-53861": "iss-url-prefix", "iss \"http\" while the expected issuer is \"https://test.example.com/auth\" (issue #1020's reproduction): issuer_mismatch.", &signed(r#"{"sub":"alice","iss":"http","exp":1700003600}"#), Some("hs256"), V::new(&["HS256"], NOW).issuer("https://test.example.com/auth"), Want::Invalid(E::IssuerMismatch), "ClaimType";
        "CVE-2024-53861": "iss-empty", "iss \"\" (a substring of every issuer): issuer_mismatch.", &signed(r#"{"sub":"alice","iss":"","exp":1700003600}"#), Some("hs256"), V::new(&["HS256"], NOW).issuer("https://issuer.example"), Want::Invalid(E::IssuerMismatch), "ClaimType";

        "CVE-2025-30144": "iss-array", "iss [\"https://attacker-domain/\", \"https://valid-iss\"] with issuer https://valid-iss, as in the advisory: iss must be a string (step 9).", &signed(r#"{"sub":"alice","iss":["https://attacker-domain/","https://valid-iss"],"exp":1700003600}"#), Some("hs256"), V::new(&["HS256"], NOW).issuer("https://valid-iss"), Want::Invalid(E::InvalidClaim), "ClaimType";
        "GHSA-5hjw-83fp-phq9": "payload-array", "Payload [{\"sub\":\"admin\",\"exp\":1}] (an array holding an expired claims set) with issuer and audience expected: the claims set must be one JSON object (step 8).", &signed(r#"[{"sub":"admin","exp":1}]"#), Some("hs256"), V::new(&["HS256"], NOW).issuer("https://issuer.example").audience(&["api"]), Want::Invalid(E::Malformed), "ClaimType";
    }
    f
}

fn signatures(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("cves/signatures.json", "cves-signatures", "Published signature-check bypasses that a compact token triggers: the degenerate ECDSA signature r = s = 0 (Java's psychic signatures) and the compact/JSON serialization polyglot of python-jwt.", "CVE-2022-21449, CVE-2022-39227");
    let p256 = f.committed_key(keys, "p256");
    let header = r#"{"alg":"ES256","typ":"JWT"}"#;
    let zero = format!("{}.{}.{}", b64(header), b64(ADMIN), b64([0u8; 64]));
    advisory_cases! { f; "CVE-2022-21449": "es256-all-zero", "An ES256 token claiming admin with a 64-byte all-zero signature: r and s must be in [1, n-1] (step 7).", &zero, Some("p256"), V::new(&["ES256"], NOW), Want::Invalid(E::InvalidSignature), "PsychicSignature"; }
    let (n, len) = curve_order("ES256");
    let nn = [fixed(&n, len), fixed(&n, len)].concat();
    let rn = format!("{}.{}.{}", b64(header), b64(ADMIN), b64(nn));
    advisory_cases! { f; "CVE-2022-21449": "es256-r-s-equal-n", "r = s = n (zero modulo n), the other encoding of the degenerate signature: step 7.", &rn, Some("p256"), V::new(&["ES256"], NOW), Want::Invalid(E::InvalidSignature), "PsychicSignature"; }
    let genuine = token("ES256", &p256, header, PAYLOAD);
    let (h, p) = {
        let mut it = genuine.split('.');
        (it.next().unwrap_or_default().to_owned(), it.next().unwrap_or_default().to_owned())
    };
    let sig = genuine.rsplit('.').next().unwrap_or_default().to_owned();
    let polyglot = format!(r#"{{"  {h}.{}.":"","protected":"{h}","payload":"{p}","signature":"{sig}"}}"#, b64(ADMIN));
    advisory_cases! { f; "CVE-2022-39227": "polyglot", "The published polyglot: a JSON object whose first member name is \"  header.forged-payload.\" and whose protected/payload/signature members hold a genuine ES256 token. It is not a compact serialization (step 1).", &polyglot, Some("p256"), V::new(&["ES256"], NOW), Want::Invalid(E::Malformed), "Serialization"; }
    f
}

fn input_shape(keys: &Keys) -> FileOut {
    #[rustfmt::skip]
    let mut f = FileOut::new("cves/input-shape.json", "cves-input-shape", "Published denial-of-service bugs triggered by the shape of the token: many dots (split allocations), deep JSON nesting (recursion), oversized segments. A verifier must answer malformed promptly; a vulnerable one crashes or times out, so these cases only catch a crash or timeout in the matrix.", "CVE-2025-30204 (GHSA-mh63-6h87-95cp), CVE-2025-27144 (GHSA-c6gw-w398-hv78), CVE-2025-53864 (GHSA-xwmg-2g98-w7v9), CVE-2025-61920 (GHSA-pq5p-34cr-23v9)");
    let hs = f.committed_key(keys, "hs256");
    let v = || V::new(&["HS256"], NOW);
    let dots = ".".repeat(20_000);
    advisory_cases! { f; "CVE-2025-30204": "20000-dots", "A token of 20,000 periods and nothing else: not three segments (step 1).", &dots, Some("hs256"), v(), Want::Invalid(E::Malformed), "InputShape"; }
    let genuine = token("HS256", &hs, r#"{"alg":"HS256"}"#, PAYLOAD);
    let trailing = format!("{genuine}{}", ".".repeat(20_000));
    advisory_cases! { f; "CVE-2025-27144": "valid-token-then-20000-dots", "A valid HS256 token followed by 20,000 periods: more than three segments (step 1).", &trailing, Some("hs256"), v(), Want::Invalid(E::Malformed), "InputShape"; }
    let depth = 2000;
    let nested = format!(r#"{{"sub":"alice","x":{}1{}}}"#, r#"{"a":"#.repeat(depth), "}".repeat(depth));
    let deep = token("HS256", &hs, r#"{"alg":"HS256"}"#, &nested);
    advisory_cases! { f; "CVE-2025-53864": "payload-depth-2000", "A correctly signed HS256 token whose claims set nests 2,000 objects deep (beyond Python's default recursion limit): nesting deeper than 32 is invalid JSON (step 8).", &deep, Some("hs256"), v(), Want::Invalid(E::Malformed), "InputShape"; }
    let big_header = format!(r#"{{"alg":"HS256","x":"{}"}}"#, "A".repeat(70_000));
    let oversized = format!("{}.{}.{}", b64(&big_header), b64(PAYLOAD), b64(sign_input("HS256", &key(keys, "hs256-other"), b"x")));
    advisory_cases! { f; "CVE-2025-61920": "header-70000-bytes", "A 70,000-byte header (with a signature under another key): the token exceeds 65,536 bytes (step 1). Rejection, not acceptance, is the point; a vulnerable verifier only spends the CPU.", &oversized, Some("hs256"), v(), Want::Invalid(E::Malformed), "InputShape"; }
    f
}
