//! Typed validation settings. Invalid states cannot be built: the allow-list
//! is non-empty and names only defined algorithms, and the clock is exactly
//! one of seconds or nanoseconds.

use core::fmt;

use crate::algorithm::AllowedEntry;
use crate::profile::Profile;

/// The default size limit of a token, in bytes (spec step 1).
pub const DEFAULT_MAX_TOKEN_LEN: usize = 65_536;

/// A configuration that cannot be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The allow-list is empty.
    EmptyAlgorithms,
    /// The allow-list names an algorithm the spec does not define.
    UnknownAlgorithm(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::EmptyAlgorithms => f.write_str("the algorithm allow-list is empty"),
            ConfigError::UnknownAlgorithm(a) => write!(f, "the allow-list names {a:?}, which the spec does not define"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A non-empty algorithm allow-list, compared case-sensitively.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Algorithms(Vec<AllowedEntry>);

impl Algorithms {
    /// Builds an allow-list from entries; refuses an empty one.
    pub fn new(entries: impl IntoIterator<Item = AllowedEntry>) -> Result<Self, ConfigError> {
        let list: Vec<AllowedEntry> = entries.into_iter().collect();
        if list.is_empty() {
            return Err(ConfigError::EmptyAlgorithms);
        }
        Ok(Algorithms(list))
    }

    /// Builds an allow-list from names as written in a configuration.
    pub fn from_names<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Result<Self, ConfigError> {
        let mut list = Vec::new();
        for name in names {
            let name = name.as_ref();
            list.push(AllowedEntry::from_name(name).ok_or_else(|| ConfigError::UnknownAlgorithm(name.to_owned()))?);
        }
        Algorithms::new(list)
    }

    /// The entries, in the order given.
    pub fn entries(&self) -> &[AllowedEntry] {
        &self.0
    }

    /// Whether an `alg` value is listed (case-sensitive). `none` may be
    /// listed; the verifier refuses it anyway.
    pub(crate) fn contains(&self, alg: &str) -> bool {
        self.0.iter().any(|e| e.as_str() == alg)
    }
}

/// The current time, always given by the caller: the verifier has no clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// Whole seconds since the Unix epoch.
    Seconds(i64),
    /// Nanoseconds since the Unix epoch.
    Nanos(i128),
}

impl Clock {
    /// The time in nanoseconds since the epoch.
    pub fn as_nanos(self) -> i128 {
        match self {
            // i64 seconds * 1e9 always fits in an i128 (|x| < 2^63 * 2^30).
            Clock::Seconds(s) => i128::from(s) * 1_000_000_000,
            Clock::Nanos(n) => n,
        }
    }
}

crate::vocabulary! {
    /// What the payload is.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub enum PayloadKind ("payload kind") {
        /// A JWT claims set (steps 8–13 apply).
        #[default]
        Jwt = "jwt",
        /// Any bytes (plain JWS); steps 8–13 are skipped.
        Opaque = "opaque",
    }
}

/// The verifier's settings (`validation` in a vector).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validation {
    pub(crate) algorithms: Algorithms,
    pub(crate) clock: Clock,
    pub(crate) leeway: u64,
    pub(crate) required_claims: Vec<String>,
    pub(crate) audience: Option<Vec<String>>,
    pub(crate) issuer: Option<String>,
    pub(crate) subject: Option<String>,
    pub(crate) max_age: Option<u64>,
    pub(crate) origin: Option<String>,
    pub(crate) profile: Option<Profile>,
    pub(crate) payload: PayloadKind,
    pub(crate) max_token_len: usize,
}

impl Validation {
    /// Settings with the two things that have no default: the allow-list and
    /// the time.
    pub fn new(algorithms: Algorithms, clock: Clock) -> Self {
        Validation {
            algorithms,
            clock,
            leeway: 0,
            required_claims: Vec::new(),
            audience: None,
            issuer: None,
            subject: None,
            max_age: None,
            origin: None,
            profile: None,
            payload: PayloadKind::Jwt,
            max_token_len: DEFAULT_MAX_TOKEN_LEN,
        }
    }

    /// Seconds of tolerance for clock skew, applied once to each time check.
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Claims that must be present.
    pub fn required_claims<S: Into<String>>(mut self, claims: impl IntoIterator<Item = S>) -> Self {
        self.required_claims = claims.into_iter().map(Into::into).collect();
        self
    }

    /// Accepted audiences; `aud` becomes required.
    pub fn audience<S: Into<String>>(mut self, audience: impl IntoIterator<Item = S>) -> Self {
        self.audience = Some(audience.into_iter().map(Into::into).collect());
        self
    }

    /// The expected issuer; `iss` becomes required.
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = Some(issuer.into());
        self
    }

    /// The expected subject; `sub` becomes required.
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// The greatest accepted age of `iat`, in seconds; `iat` becomes required.
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// The request's `Origin` header (voicegain profile).
    pub fn origin(mut self, origin: impl Into<String>) -> Self {
        self.origin = Some(origin.into());
        self
    }

    /// A documented API profile.
    pub fn profile(mut self, profile: Profile) -> Self {
        self.profile = Some(profile);
        self
    }

    /// What the payload is.
    pub fn payload(mut self, payload: PayloadKind) -> Self {
        self.payload = payload;
        self
    }

    /// The size limit of a token, in bytes (default 65,536).
    pub fn max_token_len(mut self, bytes: usize) -> Self {
        self.max_token_len = bytes;
        self
    }

    /// The allow-list.
    pub fn algorithms(&self) -> &Algorithms {
        &self.algorithms
    }

    /// The time.
    pub fn clock(&self) -> Clock {
        self.clock
    }
}
