//! The error type: one stable category (the spec's error kinds) with detail
//! nested below it.
//!
//! Vectors and adapters only ever compare the [`ErrorKind`]; the [`Detail`]
//! is for humans and may change between releases.

use core::fmt;

crate::vocabulary! {
    /// The closed list of rejection categories of `verification-rules.md`.
    ///
    /// A rejected token gets exactly one of these: the first failing check, in
    /// the order the spec gives, decides it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum ErrorKind ("error kind") {
        /// Step 1, 2 or 8: size, structure, base64url or JSON.
        Malformed = "malformed",
        /// Step 3: a header member has the wrong type or a required one is missing.
        InvalidHeader = "invalid_header",
        /// Step 4: `alg` is not in the allow-list (or is `none`).
        AlgorithmNotAllowed = "algorithm_not_allowed",
        /// Step 5: the header carries `crit`.
        UnsupportedCriticalHeader = "unsupported_critical_header",
        /// Step 6: no key, or the key does not fit the algorithm or the token.
        KeyMismatch = "key_mismatch",
        /// Step 7: the signature does not verify.
        InvalidSignature = "invalid_signature",
        /// Step 9 or 13: a claim has the wrong type or a value a profile forbids.
        InvalidClaim = "invalid_claim",
        /// Step 10: a required claim is absent.
        MissingClaim = "missing_claim",
        /// Step 11: `exp` has passed, or `iat` is older than `max_age`.
        Expired = "expired",
        /// Step 11: `nbf` is in the future.
        NotYetValid = "not_yet_valid",
        /// Step 11: `iat` is in the future.
        IssuedInFuture = "issued_in_future",
        /// Step 12 or the voicegain profile: no `aud` value is acceptable.
        AudienceMismatch = "audience_mismatch",
        /// Step 12: `iss` differs from the expected issuer.
        IssuerMismatch = "issuer_mismatch",
        /// Step 12: `sub` differs from the expected subject.
        SubjectMismatch = "subject_mismatch",
        /// The bigone profile: the nonce is outside the receive window.
        NonceOutOfWindow = "nonce_out_of_window",
    }
}

/// Why a token was rejected: a stable [`ErrorKind`] and a human-readable
/// [`Detail`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    detail: Detail,
}

impl Error {
    /// The error of `detail`: its kind is [`Detail::kind`], so a detail
    /// cannot be paired with the wrong kind.
    pub(crate) fn new(detail: Detail) -> Self {
        Error { detail }
    }

    /// The stable category: what vectors assert.
    pub fn kind(&self) -> ErrorKind {
        self.detail.kind()
    }

    /// Diagnostic detail. Not part of the stable contract.
    pub fn detail(&self) -> &Detail {
        &self.detail
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind(), self.detail)
    }
}

impl std::error::Error for Error {}

/// Diagnostic detail beneath an [`ErrorKind`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Detail {
    /// The token is longer than the configured limit.
    TooLong {
        /// The token's length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The token does not have exactly three `.`-separated segments.
    SegmentCount,
    /// The header or payload segment is empty.
    EmptySegment(Segment),
    /// A segment is not strict base64url.
    Base64(Segment),
    /// A segment does not hold strict JSON.
    Json {
        /// Which segment.
        segment: Segment,
        /// What the parser said.
        message: String,
    },
    /// A header member is missing or has the wrong type.
    HeaderMember(&'static str),
    /// The header's `b64` member is present without being listed in `crit`.
    B64WithoutCrit,
    /// The header's `typ` is not what the profile requires.
    Typ,
    /// `alg` is not in the (profile-narrowed) allow-list.
    AlgorithmNotAllowed(String),
    /// `alg` is `none`, which is never accepted.
    AlgNone,
    /// The header carries `crit`.
    Crit,
    /// The key does not fit the token.
    Key(KeyProblem),
    /// The signature is not of the algorithm's exact form.
    SignatureForm,
    /// The signature does not verify with the key.
    SignatureMismatch,
    /// A claim has the wrong JSON type or format.
    ClaimType(String),
    /// A claim has a value the profile forbids.
    ClaimValue(String),
    /// A required claim is absent.
    MissingClaim(String),
    /// `now >= exp + leeway`.
    Expired,
    /// `now - iat > max_age + leeway`.
    TooOld,
    /// `now + leeway < nbf`.
    NotYetValid,
    /// `iat > now + leeway`.
    IssuedInFuture,
    /// No `aud` value matches.
    Audience,
    /// The origin's host matches no `aud` pattern.
    Origin(String),
    /// `iss` differs.
    Issuer,
    /// `sub` differs.
    Subject,
    /// `|now_ns - nonce| >= recv_window * 10^9`.
    NonceWindow,
}

impl Detail {
    /// The stable kind of this detail (one per detail: the spec's step that
    /// finds it).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Detail::TooLong { .. } | Detail::SegmentCount | Detail::EmptySegment(_) | Detail::Base64(_) | Detail::Json { .. } => {
                ErrorKind::Malformed
            }
            Detail::HeaderMember(_) | Detail::B64WithoutCrit | Detail::Typ => ErrorKind::InvalidHeader,
            Detail::AlgorithmNotAllowed(_) | Detail::AlgNone => ErrorKind::AlgorithmNotAllowed,
            Detail::Crit => ErrorKind::UnsupportedCriticalHeader,
            Detail::Key(_) => ErrorKind::KeyMismatch,
            Detail::SignatureForm | Detail::SignatureMismatch => ErrorKind::InvalidSignature,
            Detail::ClaimType(_) | Detail::ClaimValue(_) => ErrorKind::InvalidClaim,
            Detail::MissingClaim(_) => ErrorKind::MissingClaim,
            // max_age exceeded is reported as `expired` (spec step 11).
            Detail::Expired | Detail::TooOld => ErrorKind::Expired,
            Detail::NotYetValid => ErrorKind::NotYetValid,
            Detail::IssuedInFuture => ErrorKind::IssuedInFuture,
            Detail::Audience | Detail::Origin(_) => ErrorKind::AudienceMismatch,
            Detail::Issuer => ErrorKind::IssuerMismatch,
            Detail::Subject => ErrorKind::SubjectMismatch,
            Detail::NonceWindow => ErrorKind::NonceOutOfWindow,
        }
    }
}

/// A segment of the compact serialization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    /// The protected header.
    Header,
    /// The payload.
    Payload,
    /// The signature.
    Signature,
}

/// Why a key does not fit (all are [`ErrorKind::KeyMismatch`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyProblem {
    /// No key was given.
    Missing,
    /// The JWK could not be parsed; the reason says why.
    Unusable(String),
    /// The key type (or curve) does not fit the algorithm.
    WrongType,
    /// An RSA modulus below 2048 bits.
    RsaTooSmall,
    /// An HMAC key shorter than the hash output.
    HmacTooShort,
    /// The JWK's `alg` differs from the header's.
    Alg,
    /// The JWK's `use` is not `sig`.
    Use,
    /// The JWK's `key_ops` does not contain `verify`.
    KeyOps,
    /// The JWK's `kid` differs from the header's (or, in the trinity
    /// profile, is missing).
    Kid,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        })
    }
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyProblem::Missing => f.write_str("no key was given"),
            KeyProblem::Unusable(why) => write!(f, "unusable JWK: {why}"),
            KeyProblem::WrongType => f.write_str("the key type does not fit the algorithm"),
            KeyProblem::RsaTooSmall => f.write_str("RSA modulus below 2048 bits"),
            KeyProblem::HmacTooShort => f.write_str("HMAC key shorter than the hash output"),
            KeyProblem::Alg => f.write_str("the JWK's alg differs from the header's"),
            KeyProblem::Use => f.write_str("the JWK's use is not sig"),
            KeyProblem::KeyOps => f.write_str("the JWK's key_ops lacks verify"),
            KeyProblem::Kid => f.write_str("the JWK's kid differs from the header's"),
        }
    }
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Detail::TooLong { len, max } => write!(f, "token is {len} bytes, limit {max}"),
            Detail::SegmentCount => f.write_str("not exactly three segments"),
            Detail::EmptySegment(s) => write!(f, "empty {s} segment"),
            Detail::Base64(s) => write!(f, "{s} segment is not strict base64url"),
            Detail::Json { segment, message } => write!(f, "{segment} is not strict JSON: {message}"),
            Detail::HeaderMember(m) => write!(f, "header member `{m}` missing or of the wrong type"),
            Detail::B64WithoutCrit => f.write_str("`b64` present but not listed in `crit`"),
            Detail::Typ => f.write_str("`typ` is not the one the profile requires"),
            Detail::AlgorithmNotAllowed(a) => write!(f, "algorithm {a:?} is not allowed"),
            Detail::AlgNone => f.write_str("`alg: none` is never accepted"),
            Detail::Crit => f.write_str("`crit` names extensions this verifier does not understand"),
            Detail::Key(p) => p.fmt(f),
            Detail::SignatureForm => f.write_str("the signature is not of the algorithm's exact form"),
            Detail::SignatureMismatch => f.write_str("the signature does not verify"),
            Detail::ClaimType(c) => write!(f, "claim `{c}` has the wrong type or format"),
            Detail::ClaimValue(c) => write!(f, "claim `{c}` has a value the profile forbids"),
            Detail::MissingClaim(c) => write!(f, "claim `{c}` is required"),
            Detail::Expired => f.write_str("the token has expired"),
            Detail::TooOld => f.write_str("`iat` is older than max_age"),
            Detail::NotYetValid => f.write_str("the token is not valid yet"),
            Detail::IssuedInFuture => f.write_str("`iat` is in the future"),
            Detail::Audience => f.write_str("no `aud` value is an accepted audience"),
            Detail::Origin(h) => write!(f, "origin host {h:?} matches no `aud` pattern"),
            Detail::Issuer => f.write_str("`iss` differs from the expected issuer"),
            Detail::Subject => f.write_str("`sub` differs from the expected subject"),
            Detail::NonceWindow => f.write_str("the nonce is outside the receive window"),
        }
    }
}
