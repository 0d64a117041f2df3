//! The vector format's data model (`jwt-vectors/1`): what a loaded file
//! is. The loader (lib.rs) fills it through the strict deserializer
//! (de.rs); the writer (ser.rs) writes it back.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jwtproof_reference::{AllowedEntry, Clock, ErrorKind, PayloadKind, Profile};

/// The value of every file's `format` member.
pub const FORMAT: &str = "jwt-vectors/1";

/// Members of a JWK that are private key material (RFC 7518 §6.2.2, §6.3.2;
/// RFC 8037 §2). A verifier never receives them.
const PRIVATE_MEMBERS: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "oth"];

/// One vector file: a group of related cases and the keys they use.
#[derive(Clone, Debug, PartialEq)]
pub struct VectorFile {
    /// Where it was loaded from, as the caller named it.
    pub path: PathBuf,
    /// A short name for the group.
    pub name: String,
    /// What the group covers.
    pub description: String,
    /// Where the cases come from (a source file, an RFC section, a CVE, a
    /// generator).
    pub source: String,
    /// Named JWKs, possibly with private members (see [`VectorFile::key_for`]).
    pub keys: BTreeMap<String, serde_json::Map<String, serde_json::Value>>,
    /// The cases, in file order; never empty.
    pub tests: Vec<Case>,
}

/// One case: a token, a key, the verifier's settings and the verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// Unique across every loaded file; kebab-case.
    pub id: String,
    /// Why the case exists.
    pub description: String,
    /// The compact serialization, exactly as a verifier receives it.
    pub token: String,
    /// A name from [`VectorFile::keys`], or `None` for no key.
    pub key: Option<String>,
    /// The verifier's settings.
    pub validation: ValidationSpec,
    /// What a conformant verifier answers.
    pub expected: Expected,
    /// The error kind, only ever with [`Expected::Invalid`]; `None` there
    /// means any rejection matches.
    pub error: Option<ErrorKind>,
    /// Tags for grouping reports (e.g. `AlgNone`); possibly empty.
    pub flags: Vec<String>,
    /// What accepting this (invalid) token means; required on the
    /// project's own invalid cases, optional on imported ones.
    pub impact: Option<Impact>,
    /// What the expected rejection rests on: `policy`, or RFC citations at
    /// MUST level (`RFC 7519 §4.1.4`); given exactly when `impact` is.
    pub basis: Option<String>,
    /// For a cost case: the id of its benign twin in the same file (a
    /// token of the same size and shape class whose verification time this
    /// one's is compared with; see `cost/` and the runner's `slow`).
    pub baseline: Option<String>,
}

jwtproof_reference::vocabulary! {
    /// What it means when a verifier accepts an invalid case
    /// (`spec/vector-format.md`), from the most to the least severe.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Impact ("impact") {
        /// An attacker who holds no trusted key gets a token of their choosing
        /// accepted.
        Forgery = "forgery",
        /// A token really signed by the trusted key is accepted outside the
        /// conditions the caller configured.
        ClaimBypass = "claim-bypass",
        /// Input built to exhaust time or memory.
        DenialOfService = "denial-of-service",
        /// Accepted only because the caller made a mistake the verifier could
        /// have refused.
        Misconfiguration = "misconfiguration",
        /// The RFCs permit accepting; the spec refuses on purpose.
        Hardening = "hardening",
    }
}

/// Whether `basis` is `policy` or one or more RFC citations
/// (`RFC 7515 §5.2`, several joined by `, `), as the format asks.
pub fn is_valid_basis(basis: &str) -> bool {
    basis == "policy"
        || basis.split(", ").all(|cite| {
            let Some(rest) = cite.strip_prefix("RFC ") else { return false };
            let Some((number, section)) = rest.split_once(" §") else { return false };
            !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit())
                && !section.is_empty()
                && section.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
        })
}

jwtproof_reference::vocabulary! {
    /// The expected outcome of a case.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Expected ("expected outcome") {
        /// A conformant verifier accepts the token.
        Valid = "valid",
        /// A conformant verifier rejects the token.
        Invalid = "invalid",
        /// A conformant verifier may accept or reject, but must not crash.
        Acceptable = "acceptable",
    }
}

/// A case's `validation`, as written (defaults are not filled in, so the
/// file can be written back unchanged).
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationSpec {
    /// The allow-list; never empty, only names the spec defines (or `none`).
    pub algorithms: Vec<AllowedEntry>,
    /// `now` (seconds) or `now_ns` (nanoseconds).
    pub clock: Clock,
    /// Seconds of clock-skew tolerance (absent: 0).
    pub leeway: Option<u64>,
    /// Claims that must be present.
    pub required_claims: Option<Vec<String>>,
    /// Accepted audiences.
    pub audience: Option<Vec<String>>,
    /// The expected issuer.
    pub issuer: Option<String>,
    /// The expected subject.
    pub subject: Option<String>,
    /// The greatest accepted age of `iat`, in seconds.
    pub max_age: Option<u64>,
    /// A request's `Origin` header (voicegain profile).
    pub origin: Option<String>,
    /// A documented API profile.
    pub profile: Option<Profile>,
    /// What the payload is (absent: a JWT claims set).
    pub payload: Option<PayloadKind>,
}

impl ValidationSpec {
    /// Settings with only an allow-list and a time (every optional member
    /// absent).
    pub fn new(algorithms: Vec<AllowedEntry>, clock: Clock) -> Self {
        ValidationSpec {
            algorithms,
            clock,
            leeway: None,
            required_claims: None,
            audience: None,
            issuer: None,
            subject: None,
            max_age: None,
            origin: None,
            profile: None,
            payload: None,
        }
    }

    /// The reference verifier's typed settings for these (the one place
    /// where a vector's `validation` becomes a `Validation`).
    pub fn to_validation(&self) -> Result<jwtproof_reference::Validation, jwtproof_reference::ConfigError> {
        let algorithms = jwtproof_reference::Algorithms::new(self.algorithms.iter().copied())?;
        let mut v = jwtproof_reference::Validation::new(algorithms, self.clock).leeway(self.leeway.unwrap_or(0));
        if let Some(r) = &self.required_claims {
            v = v.required_claims(r.iter().cloned());
        }
        if let Some(a) = &self.audience {
            v = v.audience(a.iter().cloned());
        }
        if let Some(i) = &self.issuer {
            v = v.issuer(i.clone());
        }
        if let Some(s) = &self.subject {
            v = v.subject(s.clone());
        }
        if let Some(m) = self.max_age {
            v = v.max_age(m);
        }
        if let Some(o) = &self.origin {
            v = v.origin(o.clone());
        }
        if let Some(p) = self.profile {
            v = v.profile(p);
        }
        Ok(v.payload(self.payload.unwrap_or(PayloadKind::Jwt)))
    }
}

impl VectorFile {
    /// The key a verifier receives for `case`: the public part of the JWK
    /// the case names (private members `d`, `p`, `q`, `dp`, `dq`, `qi`,
    /// `oth` removed), or, for `kty: oct`, the whole key. `None` when the
    /// case has no key.
    pub fn key_for(&self, case: &Case) -> Option<serde_json::Map<String, serde_json::Value>> {
        let mut jwk = self.keys.get(case.key.as_deref()?)?.clone();
        if jwk.get("kty").and_then(serde_json::Value::as_str) != Some("oct") {
            jwk.retain(|member, _| !PRIVATE_MEMBERS.contains(&member.as_str()));
        }
        Some(jwk)
    }
}

/// Every case of a set of files, ids unique across all of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corpus {
    /// The files, in load order.
    pub files: Vec<VectorFile>,
}

impl Corpus {
    /// Every case with its file, in load order.
    pub fn cases(&self) -> impl Iterator<Item = (&VectorFile, &Case)> {
        self.files.iter().flat_map(|file| file.tests.iter().map(move |case| (file, case)))
    }

    /// The number of cases (not files).
    pub fn len(&self) -> usize {
        self.files.iter().map(|f| f.tests.len()).sum()
    }

    /// Whether there is no case.
    pub fn is_empty(&self) -> bool {
        self.files.iter().all(|f| f.tests.is_empty())
    }

    /// The case with this id, and its file.
    pub fn find(&self, id: &str) -> Option<(&VectorFile, &Case)> {
        self.cases().find(|(_, case)| case.id == id)
    }
}
