//! Algorithms (RFC 7518 §3, RFC 8037) and the documented API profiles.

use core::fmt;

/// The JWS algorithms the reference implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256, salt of 32 bytes.
    PS256,
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384, salt of 48 bytes.
    PS384,
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512, salt of 64 bytes.
    PS512,
    /// ECDSA on P-256 with SHA-256.
    ES256,
    /// ECDSA on P-384 with SHA-384.
    ES384,
    /// ECDSA on P-521 with SHA-512.
    ES512,
    /// EdDSA with Ed25519 (RFC 8037).
    EdDSA,
}

/// The key family an algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `kty: oct`.
    Hmac,
    /// `kty: RSA`, PKCS#1 v1.5.
    RsaPkcs1,
    /// `kty: RSA`, PSS.
    RsaPss,
    /// `kty: EC`.
    Ecdsa,
    /// `kty: OKP`, `crv: Ed25519`.
    EdDsa,
}

impl Algorithm {
    /// Every algorithm, in RFC 7518 order.
    pub const ALL: [Algorithm; 13] = [
        Algorithm::HS256,
        Algorithm::HS384,
        Algorithm::HS512,
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::ES512,
        Algorithm::EdDSA,
    ];

    /// The `alg` header value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
            Algorithm::RS256 => "RS256",
            Algorithm::RS384 => "RS384",
            Algorithm::RS512 => "RS512",
            Algorithm::PS256 => "PS256",
            Algorithm::PS384 => "PS384",
            Algorithm::PS512 => "PS512",
            Algorithm::ES256 => "ES256",
            Algorithm::ES384 => "ES384",
            Algorithm::ES512 => "ES512",
            Algorithm::EdDSA => "EdDSA",
        }
    }

    /// Parses an `alg` value, case-sensitively (RFC 7515 §4.1.1).
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// The key family the algorithm needs.
    pub const fn family(self) -> Family {
        match self {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => Family::Hmac,
            Algorithm::RS256 | Algorithm::RS384 | Algorithm::RS512 => Family::RsaPkcs1,
            Algorithm::PS256 | Algorithm::PS384 | Algorithm::PS512 => Family::RsaPss,
            Algorithm::ES256 | Algorithm::ES384 | Algorithm::ES512 => Family::Ecdsa,
            Algorithm::EdDSA => Family::EdDsa,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of an allow-list: an implemented algorithm, or `none`, which a
/// configuration may list but which is still refused (RFC 8725 §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AllowedEntry {
    /// An implemented algorithm.
    Alg(Algorithm),
    /// `none`: listed, never accepted.
    None,
}

impl AllowedEntry {
    /// Parses an allow-list entry; `None` for names the spec does not define
    /// (a configuration error).
    pub fn from_name(name: &str) -> Option<AllowedEntry> {
        if name == "none" { Some(AllowedEntry::None) } else { Algorithm::from_name(name).map(AllowedEntry::Alg) }
    }

    /// The name as written in an allow-list.
    pub const fn as_str(self) -> &'static str {
        match self {
            AllowedEntry::Alg(a) => a.as_str(),
            AllowedEntry::None => "none",
        }
    }
}

/// A documented API contract that adds rules on top of the generic ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Profile {
    /// BigONE Developer API (`004_91db62ee117daa7f.txt`).
    Bigone,
    /// Trinity API (`000_f283e01ff3ccce85.txt`).
    Trinity,
    /// Voicegain short-lived browser tokens (`001_38663680cb414480.txt`).
    Voicegain,
    /// Aspose Cloud access tokens (`002_eb941795b2134a98.txt`).
    Aspose,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 4] = [Profile::Bigone, Profile::Trinity, Profile::Voicegain, Profile::Aspose];

    /// The name used in vector files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Profile::Bigone => "bigone",
            Profile::Trinity => "trinity",
            Profile::Voicegain => "voicegain",
            Profile::Aspose => "aspose",
        }
    }

    /// Parses a profile name.
    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// The profile's own algorithm list, which narrows the allow-list.
    pub(crate) const fn algorithms(self) -> Option<&'static [Algorithm]> {
        match self {
            Profile::Bigone => Some(&[Algorithm::HS256]),
            Profile::Trinity => Some(&[Algorithm::ES256]),
            Profile::Voicegain | Profile::Aspose => None,
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
