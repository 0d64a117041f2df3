//! What it means when a verifier accepts each invalid vector, as data.
//!
//! Every invalid case of a generated file ends with an `impact` (what
//! accepting it gives away) and a `basis` (the requirement its rejection
//! rests on: RFC citations at MUST level, or `policy`), as
//! `spec/vector-format.md` defines them. A generator may set both itself
//! ([`crate::FileOut::impact`]; the cost group and the RSA-exponent cases
//! do); [`classify`] fills in every other invalid case from two reviewed
//! tables:
//!
//! - [`ENTRIES`]: one case, named by id, for the cases no rule states
//!   better (multi-failure tokens, a case that differs from its siblings);
//! - [`RULES`]: patterns (a file, an id pattern, the error kind, a flag, a
//!   setting), the first matching rule deciding.
//!
//! There is no default: a case neither table covers stays unclassified, and
//! the crate's tests fail (`tests/impact.rs`), as they do for an entry or a
//! rule that classifies nothing.
//!
//! The threat model behind the choices:
//!
//! - **forgery** needs a token that no trusted key signed (or a signature
//!   that does not cover what was received): accepting it lets anyone
//!   choose the content. A token really signed by the caller's key is never
//!   a forgery, however malformed.
//! - **claim-bypass**: the caller's key signed it, and it is accepted
//!   outside a condition the caller (or the profile) set: time, audience,
//!   issuer, subject, required claims, an algorithm the allow-list leaves
//!   out, a critical extension nobody understands.
//! - **misconfiguration**: the caller's key or allow-list is itself wrong
//!   (no key, a short or empty secret, a small or malformed key, `none`
//!   listed); a verifier must refuse the configuration.
//! - **hardening**: accepting gives an attacker nothing by itself (the
//!   caller's key signed exactly these bytes, or a re-encoding of its
//!   signature); the spec refuses on purpose. Where an RFC nevertheless
//!   requires the rejection (a padded base64url segment, a non-string
//!   `kid`), the basis says so: impact is the threat, basis the rule.
//! - **denial-of-service**: the input exists to exhaust time or memory.

use jwtproof_reference::ErrorKind;
use jwtproof_vectors::{Case, Expected, Impact};

use crate::FileOut;

use ErrorKind as E;
use Impact::{ClaimBypass, DenialOfService, Forgery, Hardening, Misconfiguration};

/// Which ids a rule covers.
#[derive(Clone, Copy, Debug)]
pub enum Ids {
    /// Every id (of the rule's file, error kind, ...).
    Any,
    /// Ids starting with one of these.
    StartsWith(&'static [&'static str]),
    /// Ids ending with one of these.
    EndsWith(&'static [&'static str]),
    /// Ids containing one of these.
    Contains(&'static [&'static str]),
}

impl Ids {
    fn matches(self, id: &str) -> bool {
        match self {
            Ids::Any => true,
            Ids::StartsWith(p) => p.iter().any(|p| id.starts_with(p)),
            Ids::EndsWith(s) => s.iter().any(|s| id.ends_with(s)),
            Ids::Contains(s) => s.iter().any(|s| id.contains(s)),
        }
    }
}

/// A setting a rule requires the case's `validation` to give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// `max_age` (an `expired` verdict then may come from `iat`, not `exp`).
    MaxAge,
}

impl Setting {
    fn given(self, case: &Case) -> bool {
        match self {
            Setting::MaxAge => case.validation.max_age.is_some(),
        }
    }
}

/// What a rule or an entry assigns, and why.
#[derive(Clone, Copy, Debug)]
pub struct Verdict {
    /// What accepting the token means.
    pub impact: Impact,
    /// `policy`, or the RFC sections whose MUST the rejection rests on.
    pub basis: &'static str,
    /// The threat model: who holds which key, who configured what, and
    /// what accepting gives away.
    pub why: &'static str,
}

/// A pattern over invalid cases. Every part given must hold.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// The file's path under `vectors/` starts with this (`""`: any file).
    pub file: &'static str,
    /// The ids covered.
    pub ids: Ids,
    /// The expected error kind, when the rule names one.
    pub error: Option<ErrorKind>,
    /// A flag the case must carry, when the rule names one.
    pub flag: Option<&'static str>,
    /// A setting the case must give, when the rule names one.
    pub setting: Option<Setting>,
    /// The classification.
    pub verdict: Verdict,
}

impl Rule {
    /// Whether the rule covers `case` of the file at `path`.
    pub fn matches(&self, path: &str, case: &Case) -> bool {
        path.starts_with(self.file)
            && self.ids.matches(&case.id)
            && self.error.is_none_or(|e| case.error == Some(e))
            && self.flag.is_none_or(|f| case.flags.iter().any(|g| g == f))
            && self.setting.is_none_or(|s| s.given(case))
    }
}

/// One case, by id.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The case's id (unique across the project).
    pub id: &'static str,
    /// The classification.
    pub verdict: Verdict,
}

/// A rule under construction: `on(file, ids, error)`, then optionally
/// `.flag(..)` / `.with(..)`, then `.is(impact, basis, why)`.
#[derive(Clone, Copy, Debug)]
struct Scope {
    file: &'static str,
    ids: Ids,
    error: Option<ErrorKind>,
    flag: Option<&'static str>,
    setting: Option<Setting>,
}

const fn on(file: &'static str, ids: Ids, error: Option<ErrorKind>) -> Scope {
    Scope { file, ids, error, flag: None, setting: None }
}

impl Scope {
    const fn flag(mut self, flag: &'static str) -> Scope {
        self.flag = Some(flag);
        self
    }
    const fn with(mut self, setting: Setting) -> Scope {
        self.setting = Some(setting);
        self
    }
    const fn is(self, impact: Impact, basis: &'static str, why: &'static str) -> Rule {
        Rule {
            file: self.file,
            ids: self.ids,
            error: self.error,
            flag: self.flag,
            setting: self.setting,
            verdict: Verdict { impact, basis, why },
        }
    }
}

const fn entry(id: &'static str, impact: Impact, basis: &'static str, why: &'static str) -> Entry {
    Entry { id, verdict: Verdict { impact, basis, why } }
}

const ANY: Ids = Ids::Any;
const fn starts(p: &'static [&'static str]) -> Ids {
    Ids::StartsWith(p)
}
const fn ends(s: &'static [&'static str]) -> Ids {
    Ids::EndsWith(s)
}
const fn has(s: &'static [&'static str]) -> Ids {
    Ids::Contains(s)
}

// Citations used more than once.
/// JWS validation: every step must succeed, the signature must validate
/// under the key (segment decoding without extra characters, the header a
/// valid JSON object).
const JWS: &str = "RFC 7515 §5.2";
/// JWT validation: "If any of the listed steps fail, then the JWT MUST be
/// rejected" (the claims set a valid UTF-8 JSON object).
const JWT: &str = "RFC 7519 §7.2";
/// The allow-list, the header's alg naming the operation, one algorithm
/// per key.
const ALG: &str = "RFC 8725 §3.1";
/// Unsecured JWSs are never accepted by default, and none is not in the
/// allow-list.
const NONE: &str = "RFC 7518 §3.6, RFC 8725 §3.1";
/// `crit` names an extension the recipient does not understand.
const CRIT: &str = "RFC 7515 §4.1.11";
/// HMAC: key at least the hash size; the tag compared in full.
const HMAC: &str = "RFC 7518 §3.2";
/// ECDSA: R||S of exactly 2 × the curve size, validated on the algorithm's curve.
const ECDSA: &str = "RFC 7518 §3.4";
/// Ed25519 verification (S < L, the encodings decode).
const ED25519: &str = "RFC 8032 §5.1.7";
/// `exp`: a NumericDate; MUST NOT be accepted on or after it.
const EXP: &str = "RFC 7519 §4.1.4";
/// `nbf`: a NumericDate; MUST NOT be accepted before it.
const NBF: &str = "RFC 7519 §4.1.5";
/// `iat`: a NumericDate.
const IAT: &str = "RFC 7519 §4.1.6";
/// `aud`: the recipient MUST identify itself with a value, else reject.
const AUD: &str = "RFC 7519 §4.1.3";
/// The application MUST reject an invalid issuer or subject.
const ISS_SUB: &str = "RFC 8725 §3.8";
/// The spec's own choice, beyond what the RFCs require.
const POLICY: &str = "policy";

/// Cases classified by id. Each names exactly one case, and none repeats
/// what the rule that would otherwise match it says.
#[rustfmt::skip]
pub const ENTRIES: &[Entry] = &[
    // attacks/alg-none.json: the none-listed and malformed-alg variants.
    entry("attack-alg-none-unsigned", Forgery, NONE, "alg none, empty signature, allow-list HS256: an unsecured token the caller never allowed; anyone can write one."),
    entry("attack-alg-none-unsigned-none-listed", Misconfiguration, POLICY, "An unsecured token accepted because the caller listed none; RFC 7518 §3.6 lets an application accept Unsecured JWSs it asks for, the spec never does."),
    entry("attack-alg-none-with-hmac-none-listed", Hardening, "RFC 7518 §3.6", "The appended HS256 tag is genuine (the caller's key made it), so nothing is forged; an Unsecured JWS MUST carry an empty signature."),
    entry("attack-alg-none-only-none-listed-no-key", Misconfiguration, POLICY, "Only none listed and no key: the caller configured unsecured tokens; the spec refuses none whatever the allow-list."),
    entry("attack-alg-none-with-crit", Misconfiguration, CRIT, "Unsigned, but none is listed (the caller's mistake); the crit it carries names nothing the verifier understands, which RFC 7515 requires refusing anyway."),
    entry("attack-alg-missing-unsigned", Misconfiguration, "RFC 7515 §4.1.1", "No alg and no signature: only a verifier that treats a missing alg as the listed none accepts it; alg MUST be present."),
    entry("attack-alg-null-unsigned", Misconfiguration, "RFC 7515 §4.1.1", "alg null and no signature, none listed: accepted only as the listed none; alg MUST be a string."),
    entry("attack-alg-empty-string-unsigned", Misconfiguration, ALG, "alg \"\" and no signature, none listed: accepted only by mapping it to the listed none; \"\" is not in the allow-list."),
    entry("attack-alg-none-trailing-space", Misconfiguration, ALG, "alg \"none \" unsigned, none listed: a trimming verifier turns it into the listed none; \"none \" is not in the allow-list."),
    // attacks/algorithm-substitution.json
    entry("attack-subst-es256-claimed-es384-p384-key", Forgery, ECDSA, "The caller holds a P-384 key; the ES256 signature was made by a P-256 key the caller does not trust."),
    // attacks/crit.json: the cases that differ from the crit rules.
    entry("attack-crit-wrong-key", Forgery, "RFC 7515 §4.1.11, RFC 7515 §5.2", "The caller's key did not sign the token (and its crit is not understood): accepting it accepts someone else's token."),
    entry("attack-crit-alg-not-allowed", ClaimBypass, "RFC 8725 §3.1, RFC 7515 §4.1.11", "Signed with the caller's key under HS256, which the allow-list (HS512) leaves out, and with an unknown critical extension."),
    entry("attack-b64-false-crit-without-b64", ClaimBypass, CRIT, "Signed with the caller's key; besides b64 outside crit, crit lists x-ext, which the verifier does not understand."),
    entry("attack-b64-false-unencoded-signature", Hardening, POLICY, "A correct RFC 7797 token signed by the caller's key over the unencoded payload: a verifier implementing b64 accepts it rightly; the spec implements no extension."),
    // attacks/eddsa.json
    entry("attack-eddsa-small-order-key-universal-forgery", Hardening, POLICY, "The signature verifies any message, but only under the small-order key the caller itself configured; RFC 8032 does not require refusing small-order keys."),
    entry("attack-eddsa-identity-signature-real-key", Forgery, ED25519, "The universal-forgery signature against the caller's genuine key: nobody signed it."),
    entry("attack-eddsa-corrupted-r", Forgery, ED25519, "A signature with R changed no longer verifies under the caller's key."),
    entry("attack-eddsa-key-31-bytes", Misconfiguration, "RFC 8037 §2", "The caller's OKP key holds 31 bytes, not an Ed25519 public key."),
    entry("attack-eddsa-key-crv-ed448", Misconfiguration, POLICY, "The caller's key is labelled Ed448, which the spec does not implement (and its 32 bytes are no Ed448 key)."),
    entry("attack-eddsa-key-crv-x25519", Misconfiguration, ALG, "The caller gave a key-agreement (X25519) key for signature verification: a key serves one algorithm."),
    // attacks/embedded-keys.json
    entry("attack-embedded-jwk-no-verifier-key", Misconfiguration, POLICY, "No key given: accepting means trusting the token's own jwk, which only a caller that passes no key exposes; RFC 7515 does not forbid header keys, the spec never uses them."),
    // attacks/kid-injection.json
    entry("attack-kid-path-traversal-key-has-kid", Hardening, POLICY, "The caller's key signed the token; only the kid binding (header kid against the JWK's) refuses it."),
    entry("attack-kid-dev-null-empty-secret", Forgery, JWS, "HMAC'd with an empty secret the caller does not hold: the /dev/null kid trick."),
    entry("attack-kid-dev-null-empty-secret-given", Misconfiguration, HMAC, "The caller passed the empty secret itself: a 0-byte HMAC key is below the hash size."),
    // attacks/psychic-signatures.json
    entry("attack-psychic-es512-r-plus-n", Hardening, ECDSA, "r + n is congruent to the genuine r: a verifier that reduces r modulo n accepts a re-encoding of the caller's own signature, forging nothing; the ECDSA validator requires r < n."),
    // attacks/signature-stripping.json
    entry("attack-swap-header-and-payload", Forgery, "RFC 7515 §4.1.1", "Segments swapped: the signature no longer covers the received order, and the header has no alg."),
    entry("attack-swap-header-and-payload-alg-in-both", Forgery, JWS, "Segments swapped: the signature covered the other order, so nobody signed these bytes."),
    // attacks/weak-and-invalid-keys.json
    entry("attack-hmac-tag-extended-33", Hardening, HMAC, "The genuine tag plus a zero byte: a verifier that compares the first 32 bytes accepts the caller's own token; the tag is compared in full."),
    entry("attack-rsa-1024-rs256", Misconfiguration, "RFC 7518 §3.3", "The caller's RSA key is 1024 bits: RS256 MUST use 2048 or more."),
    entry("attack-rsa-1024-ps256", Misconfiguration, "RFC 7518 §3.5", "The caller's RSA key is 1024 bits: PS256 MUST use 2048 or more."),
    entry("attack-rsa-exponent-1", Misconfiguration, "RFC 8017 §3.1", "The caller's RSA key has e = 1 (anyone can compute its signatures): RSA public exponents are odd with 3 <= e < n."),
    entry("attack-invalid-curve-p256-labelled-secp256k1", Misconfiguration, ECDSA, "The caller's key names secp256k1: ES256 is ECDSA on P-256 only."),
    entry("attack-invalid-curve-p256-infinity", Misconfiguration, POLICY, "The caller's key is (0, 0), no point of P-256; JOSE has no MUST for signature keys, the spec checks the curve."),
    entry("attack-invalid-curve-p256-kty-okp", Misconfiguration, ALG, "The caller's key says OKP with EC members: its type cannot serve ES256."),
    // claims/
    entry("claims-aud-missing", ClaimBypass, "RFC 8725 §3.9", "Signed by the caller's key without aud while the caller names its audience: where an issuer serves several audiences, an absent aud MUST be rejected."),
    entry("trinity-built-missing-aud", ClaimBypass, "RFC 8725 §3.9", "Signed by the caller's key without aud while the trinity profile names the audience (api.trinity.sosono.ai)."),
    entry("profile-trinity-all-claims-missing", ClaimBypass, "RFC 8725 §3.9", "Signed by the caller's key with no claims at all: among the required ones, the aud the trinity profile checks."),
    entry("claims-mismatch-after-missing", ClaimBypass, ISS_SUB, "Signed by the caller's key with the wrong issuer (and no sub) under a configured issuer and subject."),
    entry("claims-missing-issuer-before-type", ClaimBypass, POLICY, "Signed by the caller's key without the configured issuer (and with a sub of the wrong type): presence and claim types are application rules."),
    entry("claims-required-exp-null", ClaimBypass, EXP, "A required exp present as null, signed by the caller's key: read as absent, the token never expires; exp MUST be a number."),
    // cves/
    entry("cve-2026-25537-nbf-string", ClaimBypass, NBF, "A string nbf, signed by the caller's key, read as absent: the token is valid before its time; nbf MUST be a number."),
    entry("cve-2026-25537-exp-string", ClaimBypass, EXP, "A string exp, signed by the caller's key, read as absent: the token never expires; exp MUST be a number."),
    entry("cve-2025-30144-iss-array", ClaimBypass, ISS_SUB, "An iss array holding an attacker's issuer and the valid one, signed by the caller's key: no single valid issuer."),
    entry("ghsa-5hjw-83fp-phq9-payload-array", ClaimBypass, JWT, "A claims set that is an array, signed by the caller's key: every configured claim check was skipped; the claims set MUST be a JSON object."),
    entry("cve-2025-30204-20000-dots", DenialOfService, JWS, "20,000 periods: a splitting parser allocates per segment."),
    entry("cve-2025-27144-valid-token-then-20000-dots", DenialOfService, JWS, "A valid token followed by 20,000 periods: a splitting parser allocates per segment."),
    entry("cve-2025-53864-payload-depth-2000", DenialOfService, POLICY, "Claims nested 2,000 deep: a recursive parser overflows its stack; RFC 8259 §9 lets parsers limit the depth, the spec's limit is 32."),
    entry("cve-2025-61920-header-70000-bytes", DenialOfService, JWS, "A 70,000-byte header: an unbounded parser spends the work before refusing (and another key signed it)."),
    entry("cve-2022-23539-rs256-header-ecdsa-der-ec-key", Misconfiguration, ALG, "The caller gave an EC key for an RS256 allow-list; the token's ECDSA signature is genuine under that key: a key serves one algorithm."),
    entry("cve-2026-27962-embedded-jwk-no-key", Misconfiguration, POLICY, "No key given: accepting means trusting the attacker's jwk header, which only a caller that passes no key exposes."),
    entry("cve-2022-39227-polyglot", Forgery, JWS, "A compact/JSON polyglot: the genuine signature covers other claims than the forged ones a lenient parser returns."),
    // documented/
    entry("bigone-doc-sample-profile-narrows-algorithms", ClaimBypass, ALG, "Signed with the caller's secret under HS256, which the caller's allow-list (HS512) leaves out."),
    entry("guide-classic-token-other-alg-list", ClaimBypass, ALG, "Signed with the caller's secret under HS256 while the caller allows RS256 only."),
    entry("trinity-doc-sample-our-key", Forgery, JWS, "The sample token was not signed by the caller's (unrelated) key; its kid differs too."),
    entry("trinity-built-es384-not-allowed", Hardening, ALG, "The header says HS256 over a genuine ES256 signature by the caller's key: the content is the caller's, only the alg header lies."),
    // profiles/trinity.json
    entry("profile-trinity-hs256-refused", ClaimBypass, POLICY, "Signed with the caller's HS256 secret, which the caller allows but the trinity profile (ES256 only) does not."),
    entry("profile-trinity-allow-list-without-es256", ClaimBypass, ALG, "Signed with the caller's key under ES256, which the caller's allow-list (HS256) leaves out."),
    entry("profile-trinity-kid-number", Hardening, "RFC 7515 §4.1.4", "Signed with the caller's key; the kid is a number, and a kid MUST be a string."),
    entry("profile-trinity-jti-number", ClaimBypass, POLICY, "Signed with the caller's key, but the jti the profile requires is a number (a string-keyed replay cache misses it)."),
    // profiles/voicegain.json, aspose.json
    entry("profile-voicegain-aud-number", ClaimBypass, POLICY, "Signed with the caller's key; a numeric aud read as absent skips the origin check."),
    // rfc/
    entry("rfc7515-a5-unsecured-refused", Misconfiguration, POLICY, "The unsecured RFC example, accepted only because the caller listed none."),
    entry("rfc7515-a3-es256-p521-key", Misconfiguration, ECDSA, "The caller gave a P-521 key for ES256, which is P-256 only."),
    entry("rfc7520-4-4-hs256-enc-key", Forgery, JWS, "The §3.6 encryption key is another secret than the §3.5 key that signed the token (and its use, alg and kid refuse it too)."),
    // strictness/segments.json
    entry("strict-segments-json-serialization", Hardening, POLICY, "The caller's genuine token in the flattened JSON serialization, which RFC 7515 defines; the spec takes the compact one only."),
    entry("strict-segments-empty-payload-opaque-jwt-mode", Hardening, JWT, "A genuine empty-payload JWS read as a JWT: nothing is forged, but a JWT needs a JSON claims set."),
    entry("strict-size-65537-bytes", Hardening, POLICY, "A genuine token one byte over the spec's size limit."),
    // timing/
    entry("timing-exp-tiny-fraction-rounds-to-now", ClaimBypass, POLICY, "exp 1700000000.0000001 at now 1700000000: expired only as the double the spec reads (I-JSON); a decimal reading puts exp 100 ns ahead, so the rejection is the spec's number model."),
    // timing/order.json: several checks fail; the basis is the RFC one.
    entry("timing-order-expired-and-too-old", ClaimBypass, EXP, "Signed by the caller's key, past its exp (and older than max_age)."),
    entry("timing-order-invalid-type-before-missing", ClaimBypass, EXP, "Signed by the caller's key with an exp of the wrong type (and a required jti missing): read as absent, it never expires."),
    entry("timing-order-missing-before-expired", ClaimBypass, EXP, "Signed by the caller's key without a required claim and past its exp."),
    entry("timing-order-nbf-type-before-exp-expired", ClaimBypass, NBF, "Signed by the caller's key with a string nbf (and past its exp)."),
    entry("timing-order-iat-type-after-valid-exp", ClaimBypass, IAT, "Signed by the caller's key with iat null: read as absent, the future-iat and max_age checks are skipped; iat MUST be a number."),
    entry("timing-order-max-age-missing-iat-and-expired", ClaimBypass, EXP, "Signed by the caller's key without the iat max_age needs, and past its exp."),
];

/// Pattern rules, the first match deciding (after [`ENTRIES`]). Each
/// classifies at least one case no entry or earlier rule takes.
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    // ---- algorithms/: the same grid for each algorithm -----------------
    on("algorithms/", ends(&["-wrong-key-type"]), Some(E::KeyMismatch)).is(Misconfiguration, ALG, "The caller gave a key of another type than the algorithm needs; the verifier must refuse the key instead of trying it."),
    on("algorithms/hs", ends(&["-wrong-key-size"]), Some(E::KeyMismatch)).is(Misconfiguration, HMAC, "The caller's secret is shorter than the hash (the tag is genuine under it)."),
    on("algorithms/rs", ends(&["-wrong-key-size"]), Some(E::KeyMismatch)).is(Misconfiguration, "RFC 7518 §3.3", "The caller's RSA key is 1024 bits (the signature is genuine under it)."),
    on("algorithms/ps", ends(&["-wrong-key-size"]), Some(E::KeyMismatch)).is(Misconfiguration, "RFC 7518 §3.5", "The caller's RSA key is 1024 bits (the signature is genuine under it)."),
    on("algorithms/es", ends(&["-wrong-key-size"]), Some(E::KeyMismatch)).is(Misconfiguration, ECDSA, "The caller's EC key is on another curve than the algorithm's."),
    on("algorithms/", ends(&["-corrupted-signature", "-other-key-same-type", "-signed-by-other-key"]), Some(E::InvalidSignature)).is(Forgery, JWS, "The signature does not verify under the caller's key: someone else made it, or changed it."),
    on("algorithms/hs", ends(&["-signature-one-byte-short", "-signature-empty"]), Some(E::InvalidSignature)).is(Forgery, HMAC, "A truncated or empty tag: a prefix comparison accepts what anyone can guess."),
    on("algorithms/rs", ends(&["-signature-one-byte-short", "-signature-empty"]), Some(E::InvalidSignature)).is(Forgery, "RFC 8017 §8.2.2", "A truncated or empty signature verifies under no key: accepting it skips the check."),
    on("algorithms/ps", ends(&["-signature-one-byte-short", "-signature-empty"]), Some(E::InvalidSignature)).is(Forgery, "RFC 8017 §8.1.2", "A truncated or empty signature verifies under no key: accepting it skips the check."),
    on("algorithms/es", ends(&["-signature-one-byte-short", "-signature-empty"]), Some(E::InvalidSignature)).is(Forgery, ECDSA, "A truncated or empty signature verifies under no key: accepting it skips the check."),
    on("algorithms/eddsa", ends(&["-signature-one-byte-short", "-signature-empty"]), Some(E::InvalidSignature)).is(Forgery, ED25519, "A truncated or empty signature verifies under no key: accepting it skips the check."),
    on("algorithms/hs", ends(&["-signature-one-byte-long"]), Some(E::InvalidSignature)).is(Hardening, HMAC, "The caller's genuine tag plus a zero byte: ignoring the extra byte forges nothing; the tag is compared in full."),
    on("algorithms/rs", ends(&["-signature-one-byte-long"]), Some(E::InvalidSignature)).is(Hardening, "RFC 8017 §8.2.2", "The caller's genuine signature plus a zero byte: ignoring it forges nothing; the length MUST be the modulus length."),
    on("algorithms/ps", ends(&["-signature-one-byte-long"]), Some(E::InvalidSignature)).is(Hardening, "RFC 8017 §8.1.2", "The caller's genuine signature plus a zero byte: ignoring it forges nothing; the length MUST be the modulus length."),
    on("algorithms/es", ends(&["-signature-one-byte-long"]), Some(E::InvalidSignature)).is(Hardening, ECDSA, "The caller's genuine R||S plus a zero byte: ignoring it forges nothing; R||S is exactly twice the curve size."),
    on("algorithms/eddsa", ends(&["-signature-one-byte-long"]), Some(E::InvalidSignature)).is(Hardening, ED25519, "The caller's genuine signature plus a zero byte: ignoring it forges nothing; an Ed25519 signature is 64 bytes."),
    on("algorithms/", ends(&["-jwk-alg-differs", "-jwk-alg-lowercase"]), Some(E::KeyMismatch)).is(Hardening, ALG, "The caller's key signed the token; its JWK declares another algorithm, and a key serves the one algorithm it names."),
    on("algorithms/", ends(&["-jwk-use-enc", "-jwk-use-other", "-jwk-key-ops-sign-only", "-jwk-key-ops-empty", "-jwk-key-ops-encrypt", "-jwk-use-and-key-ops-conflict", "-kid-mismatch", "-kid-case-differs"]), Some(E::KeyMismatch)).is(Hardening, POLICY, "The caller's key signed the token; only the JWK's use, key_ops or kid, which RFC 7517 describes without requiring the refusal, stop it."),
    on("algorithms/", ends(&["-no-key"]), Some(E::KeyMismatch)).is(Misconfiguration, JWS, "The caller gave no key: a signature cannot validate without one."),
    on("algorithms/", ends(&["-not-in-allow-list"]), Some(E::AlgorithmNotAllowed)).is(ClaimBypass, ALG, "Signed with the caller's key under an algorithm the caller's allow-list leaves out."),
    // ---- attacks/alg-none.json ------------------------------------------
    on("attacks/alg-none.json", ends(&["-with-hmac", "-with-hmac-none-listed"]), Some(E::AlgorithmNotAllowed)).flag("AlgNone").is(Hardening, ALG, "The appended HS256 tag is genuine (the caller's key made it over this header): a verifier that ignores alg and checks HS256 forges nothing; the header MUST name the algorithm used, and none in other spellings is not in the allow-list."),
    on("attacks/alg-none.json", ends(&["-unsigned-none-listed"]), Some(E::AlgorithmNotAllowed)).flag("AlgNone").is(Misconfiguration, ALG, "Unsigned, with None, NONE or nOnE: only a case-insensitive verifier whose caller listed none accepts it; alg values are compared exactly."),
    on("attacks/alg-none.json", starts(&["attack-alg-none-"]), Some(E::AlgorithmNotAllowed)).flag("AlgNone").is(Forgery, ALG, "An unsecured token (None, NONE, nOnE) the caller never allowed: anyone can write one, and the spelling is not in the allow-list."),
    // ---- attacks/algorithm-substitution.json ---------------------------
    on("attacks/algorithm-substitution.json", ends(&["-rs256-only", "-hs256-only"]), Some(E::AlgorithmNotAllowed)).is(Forgery, ALG, "The token is signed in another family than the caller's key (an HMAC secret or RSA key the caller does not hold)."),
    on("attacks/algorithm-substitution.json", starts(&["attack-subst-header-"]), Some(E::InvalidSignature)).is(Hardening, ALG, "The caller's key made the signature, under another algorithm than the header names: the content is the caller's; the header MUST name the algorithm used."),
    on("attacks/algorithm-substitution.json", has(&["-claimed-"]), Some(E::KeyMismatch)).is(Hardening, ALG, "The caller's key made the signature under another algorithm than the header names: the content is the caller's; the header MUST name the algorithm used."),
    on("attacks/algorithm-substitution.json", starts(&["attack-subst-alg-"]), Some(E::AlgorithmNotAllowed)).is(Hardening, ALG, "The caller's key signed the token under an allowed algorithm spelled otherwise (case, a draft name, an unimplemented curve label): not in the allow-list as written."),
    on("attacks/algorithm-substitution.json", starts(&["attack-subst-alg-"]), Some(E::InvalidHeader)).is(Hardening, "RFC 7515 §4.1.1", "The caller's key signed a header whose alg is not a string: nothing forged; alg MUST be a string naming the algorithm."),
    // ---- attacks/crit.json -----------------------------------------------
    on("attacks/crit.json", ends(&["-registered-exp", "-b64-false", "-duplicates", "-name-absent", "-unknown-ext", "-http-uri"]), Some(E::UnsupportedCriticalHeader)).is(ClaimBypass, CRIT, "Signed with the caller's key, with a critical extension the verifier does not understand: the issuer said not to accept it then."),
    on("attacks/crit.json", ends(&["-registered-alg", "-empty-array", "-crit-string", "-crit-null", "-crit-object", "-non-string-entry", "-b64-true"]), Some(E::UnsupportedCriticalHeader)).is(Hardening, POLICY, "Signed with the caller's key; crit is malformed or names only what every verifier understands (alg, b64 true), which RFC 7515 lets recipients reject (MAY), not requires."),
    on("attacks/crit.json", ANY, Some(E::InvalidHeader)).is(Hardening, POLICY, "Signed with the caller's key; b64 appears without being listed in crit, a producer's MUST of RFC 7797 §6 that the spec enforces."),
    // ---- attacks/ecdsa-signature-forms.json ----------------------------
    on("attacks/ecdsa-signature-forms.json", ends(&["-der", "-zero-padded"]), Some(E::InvalidSignature)).is(Hardening, ECDSA, "The caller's genuine r and s, re-encoded (DER, zero-padded): accepting forges nothing; JWS takes R||S of exactly twice the curve size."),
    on("attacks/ecdsa-signature-forms.json", ends(&["-missing-last-byte", "-r-s-swapped"]), Some(E::InvalidSignature)).is(Forgery, ECDSA, "A truncated or swapped signature verifies under no key: accepting it skips the check."),
    // ---- attacks/eddsa.json ------------------------------------------------
    on("attacks/eddsa.json", ANY, Some(E::InvalidSignature)).flag("EddsaMalleability").is(Hardening, ED25519, "S + L or a set top bit re-encodes the caller's genuine S: a verifier that reduces S forges nothing; S MUST be below L."),
    // ---- attacks/embedded-keys.json ------------------------------------
    on("attacks/embedded-keys.json", ANY, Some(E::InvalidSignature)).is(Forgery, JWS, "Signed with the attacker's key, which the header carries or points to, while the caller gave its own: trusting the header's key accepts anyone's token."),
    // ---- attacks/key-confusion.json ----------------------------------------
    on("attacks/key-confusion.json", ANY, None).flag("KeyConfusion").is(Forgery, ALG, "HMAC'd with the caller's PUBLIC key bytes as the secret: anyone can, and an asymmetric key MUST NOT serve an HMAC algorithm."),
    // ---- attacks/kid-injection.json ------------------------------------
    on("attacks/kid-injection.json", ANY, Some(E::InvalidHeader)).is(Hardening, "RFC 7515 §4.1.4", "Signed with the caller's key; the kid is not a string, which RFC 7515 requires."),
    // ---- attacks/psychic-signatures.json -------------------------------
    on("attacks/psychic-signatures.json", ANY, Some(E::InvalidSignature)).flag("PsychicSignature").is(Forgery, ECDSA, "r or s is 0 or n (modulo n): nobody's signature, and r = s = 0 passes a verifier without the range check for every message."),
    // ---- attacks/signature-stripping.json ------------------------------
    on("attacks/signature-stripping.json", ends(&["-empty-signature", "-half-signature", "-signature-transplant", "-two-segments"]), None).flag("SignatureStripping").is(Forgery, JWS, "The signature is removed, cut or taken from another token: it does not cover what was received."),
    on("attacks/signature-stripping.json", ends(&["-trailing-dot"]), Some(E::Malformed)).is(Hardening, JWS, "The caller's genuine token plus an empty fourth segment: ignoring it forges nothing; a compact JWS has exactly three."),
    // ---- attacks/weak-and-invalid-keys.json ------------------------------
    on("attacks/weak-and-invalid-keys.json", has(&["-tag-truncated-"]), Some(E::InvalidSignature)).flag("HmacTruncation").is(Forgery, HMAC, "A truncated tag: a prefix comparison accepts a tag anyone can guess in a few tries."),
    on("attacks/weak-and-invalid-keys.json", starts(&["attack-hmac-"]), Some(E::KeyMismatch)).flag("WeakKey").is(Misconfiguration, HMAC, "The caller's HMAC secret is shorter than the hash (the tag is genuine under it)."),
    on("attacks/weak-and-invalid-keys.json", ends(&["-off-curve"]), Some(E::KeyMismatch)).flag("InvalidCurve").is(Misconfiguration, POLICY, "The caller's EC key is not on its curve (the token is signed by the real key); JOSE states no MUST for signature keys, the spec checks the point."),
    on("attacks/weak-and-invalid-keys.json", ends(&["-x-31-bytes", "-x-33-bytes", "-labelled-p384", "-labelled-p256"]), Some(E::KeyMismatch)).flag("InvalidCurve").is(Misconfiguration, "RFC 7518 §6.2.1.2", "The caller's EC key has coordinates of another length than its curve's."),
    on("attacks/weak-and-invalid-keys.json", ends(&["-no-crv", "-no-y"]), Some(E::KeyMismatch)).flag("InvalidCurve").is(Misconfiguration, "RFC 7518 §6.2.1", "The caller's EC key lacks crv or y, members an EC public key MUST have."),
    // ---- claims/ ---------------------------------------------------------
    on("claims/audience.json", ends(&["-array-with-number", "-array-with-null", "-number-no-audience"]), Some(E::InvalidClaim)).is(Hardening, POLICY, "Signed by the caller's key; the aud holds a non-string element besides the accepted one, or no audience is configured: nothing the caller set is bypassed."),
    on("claims/audience.json", ends(&["-number", "-nested-array", "-null", "-object", "-bool"]), Some(E::InvalidClaim)).is(ClaimBypass, AUD, "Signed by the caller's key with an aud that holds no string: read as absent, the audience check is skipped, and the caller identifies with no value of it."),
    on("claims/issuer-subject-jti.json", ends(&["-unconfigured", "-iss-object", "-sub-object"]), Some(E::InvalidClaim)).is(Hardening, POLICY, "Signed by the caller's key; iss or sub has the wrong type but the caller configured neither: nothing is bypassed."),
    on("claims/issuer-subject-jti.json", starts(&["claims-jti-"]), Some(E::InvalidClaim)).is(Hardening, POLICY, "Signed by the caller's key; jti has the wrong type and nothing checks it."),
    on("claims/issuer-subject-jti.json", starts(&["claims-iss-", "claims-sub-"]), Some(E::InvalidClaim)).is(ClaimBypass, ISS_SUB, "Signed by the caller's key with an iss or sub of the wrong type under a configured issuer or subject: read as absent or matched loosely, the check is bypassed."),
    // ---- cves/ -----------------------------------------------------------
    on("cves/alg-none.json", ANY, Some(E::AlgorithmNotAllowed)).flag("AlgNone").is(Forgery, NONE, "An unsecured token (alg none) the caller never allowed: anyone can write one."),
    on("cves/alg-none.json", ANY, Some(E::InvalidSignature)).flag("MissingSignature").is(Forgery, HMAC, "An empty or one-byte tag: a comparison over the received length accepts it."),
    on("cves/crit.json", ANY, Some(E::UnsupportedCriticalHeader)).is(ClaimBypass, CRIT, "Signed by the caller's key with a critical extension the verifier does not understand."),
    on("cves/key-confusion.json", ANY, Some(E::KeyMismatch)).flag("KeyConfusion").is(Forgery, ALG, "HMAC'd with the caller's PUBLIC key in some text form (or an empty key): anyone can."),
    on("cves/key-confusion.json", ANY, Some(E::AlgorithmNotAllowed)).flag("KeyConfusion").is(Forgery, ALG, "HMAC'd with the caller's PUBLIC key while the caller allows only its asymmetric algorithm."),
    on("cves/key-handling.json", ANY, Some(E::InvalidSignature)).flag("EmbeddedKey").is(Forgery, JWS, "Signed with the attacker's key, carried in the jwk header, while the caller holds the real key."),
    on("cves/key-handling.json", ANY, Some(E::KeyMismatch)).flag("WeakKey").is(Misconfiguration, HMAC, "The caller's HMAC secret is empty (the tag is genuine under it)."),
    on("cves/signatures.json", ANY, Some(E::InvalidSignature)).flag("PsychicSignature").is(Forgery, ECDSA, "The degenerate ECDSA signature (r = s = 0 modulo n) that a verifier without the range check accepts for every message."),
    // ---- documented/ -----------------------------------------------------
    on("documented/", ANY, Some(E::InvalidSignature)).is(Forgery, JWS, "The token does not verify under the caller's key: someone else signed it."),
    on("documented/", ANY, Some(E::KeyMismatch)).flag("WeakKey").is(Misconfiguration, HMAC, "The caller's secret (a documented sample's) is shorter than the hash, outside a profile that allows it."),
    on("documented/trinity.json", ANY, Some(E::KeyMismatch)).is(Hardening, POLICY, "The caller's key material signed the token; only the profile's binding of the key's kid to the header's refuses it."),
    on("documented/", ANY, Some(E::InvalidHeader)).is(Hardening, POLICY, "Signed by the caller's key; the profile's typ or kid header rule refuses it."),
    // ---- profiles/ ---------------------------------------------------------
    on("profiles/", ANY, Some(E::InvalidHeader)).is(Hardening, POLICY, "Signed by the caller's key; the profile's typ or kid header rule refuses it."),
    on("profiles/trinity.json", ANY, Some(E::KeyMismatch)).is(Hardening, POLICY, "The caller's key signed the token; only the profile's binding of the key's kid to the header's refuses it."),
    on("profiles/bigone.json", ANY, Some(E::InvalidClaim)).is(ClaimBypass, POLICY, "Signed with the caller's secret; a claim breaks the BigONE API's documented format (type, sub, nonce, recv_window)."),
    on("documented/bigone.json", ANY, Some(E::InvalidClaim)).is(ClaimBypass, POLICY, "Signed with the caller's secret; a claim breaks the BigONE API's documented format (type, nonce, recv_window)."),
    on("profiles/aspose.json", starts(&["profile-aspose-exp-"]), Some(E::InvalidClaim)).is(ClaimBypass, EXP, "Signed by the caller's key with an exp that is not a number: read as absent, the required expiry and the lifetime bound are skipped."),
    on("", has(&["lifetime"]), Some(E::InvalidClaim)).is(ClaimBypass, POLICY, "Signed by the caller's key, living longer than the Aspose API's one day (exp - iat over 86,400 s)."),
    // ---- rfc/ ------------------------------------------------------------
    on("rfc/", ANY, Some(E::InvalidSignature)).is(Forgery, JWS, "An RFC example with its signature changed, or checked with an unrelated key: nobody the caller trusts signed it."),
    on("rfc/", ANY, Some(E::AlgorithmNotAllowed)).is(ClaimBypass, ALG, "An RFC example signed with the caller's key under an algorithm the caller's allow-list leaves out."),
    on("rfc/", has(&["-key-alg-", "-key-as-"]), Some(E::KeyMismatch)).is(Hardening, ALG, "The caller's key signed the example; its JWK declares another algorithm, and a key serves the one algorithm it names."),
    on("rfc/", has(&["-kid-differs", "-key-use-enc", "-key-ops-sign"]), Some(E::KeyMismatch)).is(Hardening, POLICY, "The caller's key signed the example; only the JWK's kid, use or key_ops refuses it."),
    on("rfc/", ends(&["-as-jwt", "-as-jwt-malformed"]), Some(E::Malformed)).flag("Deviation").is(Hardening, JWT, "A genuine RFC JWS whose payload is not a JSON object, read as a JWT: nothing is forged, but a JWT's claims set MUST be a JSON object."),
    // ---- strictness/ -----------------------------------------------------
    on("strictness/base64url.json", has(&["-non-canonical-bits"]), Some(E::Malformed)).is(Hardening, POLICY, "The caller's key signed the segment as written (or it re-encodes a genuine signature); non-zero unused bits decode to the same bytes, and RFC 4648 §3.5 only allows (MAY) refusing them."),
    on("strictness/base64url.json", ANY, Some(E::Malformed)).is(Hardening, JWS, "The caller's key signed the segment as written (or it re-encodes a genuine signature): nothing is forged, but segments MUST decode as base64url without padding, whitespace or other characters."),
    on("strictness/json-", has(&["-duplicate-"]), Some(E::Malformed)).is(Hardening, POLICY, "The caller's key signed a member name given twice; RFC 7515 §4 and RFC 7519 §4 let a parser keep the last one instead of rejecting."),
    on("strictness/json-", ends(&["-bom", "-depth-33", "-number-1e400", "-number-minus-1e400", "-exp-1e400", "-lone-high-surrogate", "-lone-low-surrogate"]), Some(E::Malformed)).is(Hardening, POLICY, "The caller's key signed JSON that RFC 8259 lets a parser accept or refuse (a BOM, depth and number limits, an escaped lone surrogate); the spec refuses."),
    on("strictness/json-header.json", ANY, Some(E::Malformed)).is(Hardening, JWS, "The caller's key signed a header that is not a completely valid UTF-8 JSON object, which RFC 7515 requires: nothing is forged."),
    on("strictness/json-payload.json", ANY, Some(E::Malformed)).is(Hardening, JWT, "The caller's key signed a claims set that is not a completely valid UTF-8 JSON object, which RFC 7519 requires: nothing is forged."),
    on("strictness/json-header.json", ends(&["-alg-with-nul"]), Some(E::AlgorithmNotAllowed)).is(Hardening, ALG, "The caller's key signed under HS256 a header whose alg is \"HS256\\u0000\": only a C-string truncation accepts it, and that string is not in the allow-list."),
    on("strictness/json-header.json", ends(&["-empty-object"]), Some(E::InvalidHeader)).is(Hardening, "RFC 7515 §4.1.1", "The caller's key signed an empty header: alg MUST be present."),
    on("strictness/json-header.json", ends(&["-typ-number", "-cty-object"]), Some(E::InvalidHeader)).is(Hardening, POLICY, "The caller's key signed a typ or cty that is not a string; JWS implementations ignore both (RFC 7515 §4.1.9, §4.1.10)."),
    on("strictness/segments.json", starts(&["strict-segments-jwe-"]), Some(E::Malformed)).is(Forgery, POLICY, "A JWE where a JWS is expected: anyone can encrypt to a recipient, so it proves nothing about the sender; RFC 7519 allows JWE JWTs, the spec verifies signatures only."),
    on("strictness/segments.json", ends(&["-four-segments", "-five-segments"]), Some(E::Malformed)).is(Hardening, JWS, "The caller's genuine token followed by more segments: taking the first three forges nothing; a compact JWS has exactly three."),
    on("strictness/segments.json", ANY, Some(E::Malformed)).is(Forgery, JWS, "Segments missing or emptied: no signature covers what was received, so accepting it accepts anyone's token."),
    on("strictness/segments.json", ANY, Some(E::InvalidSignature)).is(Forgery, JWS, "An empty signature, or one made over another payload: it does not cover what was received."),
    // ---- timing/ ---------------------------------------------------------
    on("timing/", ANY, Some(E::InvalidSignature)).is(Forgery, JWS, "A corrupted signature on an expired token: the signature check comes before the claims."),
    on("timing/", starts(&["timing-exp-type-"]), Some(E::InvalidClaim)).is(ClaimBypass, EXP, "Signed by the caller's key with an exp that is not a number: read as absent, the token never expires."),
    on("timing/", starts(&["timing-nbf-type-"]), Some(E::InvalidClaim)).is(ClaimBypass, NBF, "Signed by the caller's key with an nbf that is not a number: read as absent, the token is valid before its time."),
    on("timing/", starts(&["timing-iat-type-"]), Some(E::InvalidClaim)).is(ClaimBypass, IAT, "Signed by the caller's key with an iat that is not a number: read as absent, the future-iat and max_age checks are skipped."),
    // ---- claim verdicts with one meaning, in every group ---------------
    on("", ANY, Some(E::Expired)).with(Setting::MaxAge).is(ClaimBypass, POLICY, "Signed by the caller's key and older than the caller's max_age; RFC 7519 leaves iat's use to the application."),
    on("", ANY, Some(E::Expired)).is(ClaimBypass, EXP, "Signed by the caller's key, on or after its exp: an expired token replayed."),
    on("", ANY, Some(E::NotYetValid)).is(ClaimBypass, NBF, "Signed by the caller's key, before its nbf."),
    on("", ANY, Some(E::IssuedInFuture)).is(ClaimBypass, POLICY, "Signed by the caller's key with an iat in the future; RFC 7519 §4.1.6 sets no rule for it, the spec refuses."),
    on("", ANY, Some(E::NonceOutOfWindow)).is(ClaimBypass, POLICY, "Signed with the caller's secret, outside the BigONE API's nonce window: a replayed request."),
    on("documented/voicegain.json", ANY, Some(E::AudienceMismatch)).is(ClaimBypass, POLICY, "Signed by the caller's key for other origins than the request's: the Voicegain API's origin check."),
    on("profiles/voicegain.json", ANY, Some(E::AudienceMismatch)).is(ClaimBypass, POLICY, "Signed by the caller's key for other origins than the request's: the Voicegain API's origin check."),
    on("", ANY, Some(E::AudienceMismatch)).is(ClaimBypass, AUD, "Signed by the caller's key for another audience than the caller's."),
    on("", ANY, Some(E::IssuerMismatch)).is(ClaimBypass, ISS_SUB, "Signed by the caller's key with another issuer than the configured one."),
    on("", ANY, Some(E::SubjectMismatch)).is(ClaimBypass, ISS_SUB, "Signed by the caller's key for another subject than the configured one."),
    on("", ANY, Some(E::MissingClaim)).is(ClaimBypass, POLICY, "Signed by the caller's key without a claim the caller or the profile requires; which claims a JWT must carry is the application's choice (RFC 7519 §4)."),
];

/// Where a case's classification comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// `ENTRIES[i]`.
    Entry(usize),
    /// `RULES[i]`.
    Rule(usize),
}

impl Source {
    /// The classification.
    pub fn verdict(self) -> Option<&'static Verdict> {
        match self {
            Source::Entry(i) => ENTRIES.get(i).map(|e| &e.verdict),
            Source::Rule(i) => RULES.get(i).map(|r| &r.verdict),
        }
    }
}

/// The entry or the first rule that covers `case` of the file at `path`
/// (`None` for a case with neither, and for cases that are not invalid).
pub fn source(path: &str, case: &Case) -> Option<Source> {
    if case.expected != Expected::Invalid {
        return None;
    }
    if let Some(i) = ENTRIES.iter().position(|e| e.id == case.id) {
        return Some(Source::Entry(i));
    }
    RULES.iter().position(|r| r.matches(path, case)).map(Source::Rule)
}

/// What [`classify`] did.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Cases classified by each entry, in [`ENTRIES`] order.
    pub by_entry: Vec<usize>,
    /// Cases classified by each rule, in [`RULES`] order.
    pub by_rule: Vec<usize>,
    /// Invalid cases that already carried an impact (set by their generator).
    pub preset: usize,
    /// Invalid cases neither table covers, as `file: id`.
    pub unclassified: Vec<String>,
}

/// Gives every invalid case without an impact its impact and basis from
/// [`ENTRIES`] and [`RULES`]; cases that carry one keep it.
pub fn classify(files: &mut [FileOut]) -> Report {
    let mut report = Report { by_entry: vec![0; ENTRIES.len()], by_rule: vec![0; RULES.len()], ..Report::default() };
    for file in files {
        let path = file.path.clone();
        for case in file.cases_mut() {
            if case.expected != Expected::Invalid {
                continue;
            }
            if case.impact.is_some() {
                report.preset += 1;
                continue;
            }
            let Some((found, v)) = source(&path, case).and_then(|f| Some((f, f.verdict()?))) else {
                report.unclassified.push(format!("{path}: {}", case.id));
                continue;
            };
            let count = match found {
                Source::Entry(i) => report.by_entry.get_mut(i),
                Source::Rule(i) => report.by_rule.get_mut(i),
            };
            if let Some(n) = count {
                *n += 1;
            }
            case.impact = Some(v.impact);
            case.basis = Some(v.basis.to_owned());
        }
    }
    report
}
