//! The documented API profiles (`verification-rules.md`, "Profiles").

use num_bigint::BigInt;

use core::fmt;

use crate::algorithm::Algorithm;
use crate::claims::Audience;
use crate::error::{Detail as D, Error};
use crate::json::{Object, Value};

/// The one list of profiles: each row is a variant with its rules as
/// data (the documentation it comes from, its algorithms, header, claim
/// and key rules); only the claim checks no table expresses are code
/// ([`check_claims`]). Adding a profile starts with a row here.
macro_rules! profiles {
    ($($profile:ident { $($field:ident: $value:expr),* $(,)? })*) => {
        /// A documented API contract that adds rules on top of the generic ones.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Profile {
            $(#[doc = concat!("The `", stringify!($profile), "` profile (see [`Profile::info`]).")] $profile,)*
        }

        impl Profile {
            /// Every profile.
            pub const ALL: [Profile; [$(stringify!($profile)),*].len()] = [$(Profile::$profile),*];

            /// The profile's row of the table.
            pub const fn info(self) -> &'static Info {
                match self {
                    $(Profile::$profile => &Info { $($field: $value,)* ..Info::GENERIC },)*
                }
            }
        }
    };
}

// Each row names what differs from `Info::GENERIC` (no rule of its own).
profiles! {
    Bigone {
        name: "bigone",
        source: "BigONE Developer API (docs/sources/004_91db62ee117daa7f.txt)",
        algorithms: Some(&[Algorithm::HS256]),
        typ_jwt: true,
        required_claims: &["type", "sub", "nonce"],
        short_hmac_keys: true,
    }
    Trinity {
        name: "trinity",
        source: "Trinity API (docs/sources/000_f283e01ff3ccce85.txt)",
        algorithms: Some(&[Algorithm::ES256]),
        typ_jwt: true,
        header_members: &["kid"],
        required_claims: &["iss", "sub", "aud", "exp", "iat", "jti"],
        default_audience: Some(&["api.trinity.sosono.ai"]),
        key_kid: true,
    }
    Voicegain {
        name: "voicegain",
        source: "Voicegain short-lived browser tokens (docs/sources/001_38663680cb414480.txt)",
        required_claims: &["exp"],
    }
    Aspose {
        name: "aspose",
        source: "Aspose Cloud access tokens (docs/sources/002_eb941795b2134a98.txt)",
        required_claims: &["exp"],
    }
}

/// A profile's rules (its row of the table).
#[derive(Debug, PartialEq, Eq)]
pub struct Info {
    /// The name used in vector files.
    pub name: &'static str,
    /// The documentation the profile follows.
    pub source: &'static str,
    /// The profile's own algorithm list, which narrows the allow-list.
    pub algorithms: Option<&'static [Algorithm]>,
    /// Step 3: `typ` must be present and name JWT.
    pub typ_jwt: bool,
    /// Step 3: header members that must be present.
    pub header_members: &'static [&'static str],
    /// Step 10: claims that must be present.
    pub required_claims: &'static [&'static str],
    /// Step 12: the audience expected when `audience` is not set.
    pub default_audience: Option<&'static [&'static str]>,
    /// Step 6: HMAC keys shorter than the hash are accepted (the
    /// documentation's own keys are).
    pub short_hmac_keys: bool,
    /// Step 6: the key must have a `kid`.
    pub key_kid: bool,
}

impl Info {
    /// No rule beyond the generic ones (every row overrides `name` and
    /// `source`).
    const GENERIC: Info = Info {
        name: "",
        source: "",
        algorithms: None,
        typ_jwt: false,
        header_members: &[],
        required_claims: &[],
        default_audience: None,
        short_hmac_keys: false,
        key_kid: false,
    };
}

impl Profile {
    /// The name used in vector files.
    pub const fn as_str(self) -> &'static str {
        self.info().name
    }

    /// Parses a profile name.
    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

impl crate::Vocabulary for Profile {
    const WHAT: &'static str = "profile";
    fn all() -> &'static [Self] {
        &Profile::ALL
    }
    fn name(self) -> &'static str {
        self.as_str()
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Compares a `typ` value as a media type (RFC 7515 §4.1.9):
/// case-insensitively, the `application/` prefix optional.
pub(crate) fn typ_is_jwt(typ: &str) -> bool {
    let lower = typ.to_ascii_lowercase();
    lower.strip_prefix("application/").unwrap_or(&lower) == "jwt"
}

/// Step 3: the profile's header requirements.
pub(crate) fn check_header(profile: Profile, header: &Object<'_>) -> Result<(), Error> {
    let info = profile.info();
    if info.typ_jwt && !header.get("typ").and_then(Value::as_str).is_some_and(typ_is_jwt) {
        return Err(Error::new(D::Typ));
    }
    match info.header_members.iter().find(|m| !header.contains_key(m)) {
        Some(missing) => Err(Error::new(D::HeaderMember(missing))),
        None => Ok(()),
    }
}

/// The aspose profile's longest lifetime, in seconds (one day).
pub(crate) const ASPOSE_MAX_LIFETIME: u64 = 86_400;

/// Step 13.
/// `origin` is the caller's `Origin` setting, `now_ns` the clock in
/// nanoseconds.
pub(crate) fn check_claims(
    profile: Profile,
    claims: &Object<'_>,
    aud: Audience<'_, '_>,
    origin: Option<&str>,
    now_ns: i128,
) -> Result<(), Error> {
    match profile {
        Profile::Bigone => bigone(claims, now_ns),
        Profile::Trinity => Ok(()),
        Profile::Voicegain => match origin {
            None => Ok(()),
            Some(origin) => {
                let host = origin_host(origin);
                if aud.any(|p| origin_matches(p, &host)) { Ok(()) } else { Err(Error::new(D::Origin(host))) }
            }
        },
        Profile::Aspose => {
            let date = |name| match claims.get(name) {
                Some(Value::Number(n)) => Some(crate::time::NumericDate::from(*n)),
                _ => None,
            };
            match (date("exp"), date("iat")) {
                (Some(exp), Some(iat)) if crate::time::lifetime_exceeds(exp, iat, ASPOSE_MAX_LIFETIME) => {
                    Err(Error::new(D::ClaimValue("exp".to_owned())))
                }
                _ => Ok(()),
            }
        }
    }
}

/// A non-empty string of ASCII decimal digits, as an exact integer.
fn digits(value: Option<&Value<'_>>) -> Option<BigInt> {
    let s = value?.as_str()?;
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    BigInt::parse_bytes(s.as_bytes(), 10)
}

fn bigone(claims: &Object<'_>, now_ns: i128) -> Result<(), Error> {
    let invalid = |name: &str| Error::new(D::ClaimValue(name.to_owned()));
    if claims.get("type").and_then(Value::as_str) != Some("OpenAPIV2") {
        return Err(invalid("type"));
    }
    let nonce = digits(claims.get("nonce")).ok_or_else(|| invalid("nonce"))?;
    let window = match claims.get("recv_window") {
        None => BigInt::from(30u8),
        some => digits(some).ok_or_else(|| invalid("recv_window"))?,
    };
    // |now_ns − nonce| < recv_window × 10⁹, exactly (no wrap-around: the
    // strings may have any number of digits).
    let now = BigInt::from(now_ns);
    let distance = (now - nonce).magnitude().clone();
    let limit = (window * BigInt::from(1_000_000_000u32)).magnitude().clone();
    if distance < limit { Ok(()) } else { Err(Error::new(D::NonceWindow)) }
}

/// The host of an `Origin` header value: scheme, path and port dropped,
/// lower-cased.
pub(crate) fn origin_host(origin: &str) -> String {
    let rest = origin.split_once("://").map_or(origin, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = if authority.starts_with('[') {
        // An IPv6 literal keeps its brackets; drop what follows `]`.
        authority.split_inclusive(']').next().unwrap_or(authority)
    } else {
        match authority.rsplit_once(':') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => authority,
        }
    };
    host.to_lowercase()
}

/// Whether an `aud` pattern admits a host: `*` any host, `*.d` any host
/// that ends in `.d` (not `d` itself), anything else only itself.
pub(crate) fn origin_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.to_lowercase();
    if pattern == "*" {
        return true;
    }
    match pattern.strip_prefix("*.") {
        Some(domain) => host.strip_suffix(domain).is_some_and(|head| head.ends_with('.')),
        None => pattern == host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typ_as_media_type() {
        for ok in ["JWT", "jwt", "application/jwt", "Application/JWT"] {
            assert!(typ_is_jwt(ok), "{ok}");
        }
        for bad in ["JOSE", "jwt ", "application/jose", "text/jwt", ""] {
            assert!(!typ_is_jwt(bad), "{bad}");
        }
    }

    #[test]
    fn origins() {
        assert_eq!(origin_host("https://App.Example.com:8443"), "app.example.com");
        assert_eq!(origin_host("http://example.com/path"), "example.com");
        assert_eq!(origin_host("example.com"), "example.com");
        assert_eq!(origin_host("https://[::1]:443"), "[::1]");
        assert!(origin_matches("*", "anything.test"));
        assert!(origin_matches("*.example.com", "a.example.com"));
        assert!(origin_matches("*.example.com", "a.b.example.com"));
        assert!(origin_matches("*.Example.COM", "a.example.com"));
        assert!(!origin_matches("*.example.com", "example.com"));
        assert!(!origin_matches("*.example.com", "badexample.com"));
        assert!(origin_matches("example.com", "example.com"));
        assert!(!origin_matches("example.com", "a.example.com"));
    }
}
