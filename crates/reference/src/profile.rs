//! The documented API profiles (`verification-rules.md`, "Profiles").

use num_bigint::BigInt;

use crate::algorithm::Profile;
use crate::claims::Audience;
use crate::error::{Detail as D, Error};
use crate::json::{Object, Value};
use crate::validation::Validation;

/// Compares a `typ` value as a media type (RFC 7515 §4.1.9):
/// case-insensitively, the `application/` prefix optional.
pub(crate) fn typ_is_jwt(typ: &str) -> bool {
    let lower = typ.to_ascii_lowercase();
    lower.strip_prefix("application/").unwrap_or(&lower) == "jwt"
}

/// Step 3: the profile's header requirements.
pub(crate) fn check_header(profile: Profile, header: &Object<'_>) -> Result<(), Error> {
    let typ_ok = header.get("typ").and_then(Value::as_str).is_some_and(typ_is_jwt);
    match profile {
        Profile::Bigone | Profile::Trinity if !typ_ok => Err(Error::new(D::Typ)),
        Profile::Trinity if !header.contains_key("kid") => Err(Error::new(D::HeaderMember("kid"))),
        _ => Ok(()),
    }
}

/// Step 10: the profile's required claims.
pub(crate) fn required_claims(profile: Profile) -> &'static [&'static str] {
    match profile {
        Profile::Bigone => &["type", "sub", "nonce"],
        Profile::Trinity => &["iss", "sub", "aud", "exp", "iat", "jti"],
        Profile::Voicegain | Profile::Aspose => &["exp"],
    }
}

/// Step 12: the audience a profile expects when `audience` is not set.
pub(crate) fn default_audience(profile: Profile) -> Option<&'static [&'static str]> {
    match profile {
        Profile::Trinity => Some(&["api.trinity.sosono.ai"]),
        _ => None,
    }
}

/// The aspose profile's longest lifetime, in seconds (one day).
pub(crate) const ASPOSE_MAX_LIFETIME: u64 = 86_400;

/// Step 13.
pub(crate) fn check_claims(profile: Profile, claims: &Object<'_>, aud: Audience<'_, '_>, v: &Validation) -> Result<(), Error> {
    match profile {
        Profile::Bigone => bigone(claims, v),
        Profile::Trinity => Ok(()),
        Profile::Voicegain => match &v.origin {
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

fn bigone(claims: &Object<'_>, v: &Validation) -> Result<(), Error> {
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
    let now = BigInt::from(v.clock.as_nanos());
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
