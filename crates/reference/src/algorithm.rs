//! Algorithms (RFC 7518 §3, RFC 8037): the one table of them, and the
//! allow-list's entries.

use core::fmt;

/// The one list of algorithms: each row is a variant with everything the
/// rest of the tree asks of it (its key family, hash and curve; the key
/// type, the signature length and the HMAC key floor follow from them).
/// Adding an algorithm starts with a row here; the compiler then points at
/// the verification arms (`backend.rs`) and, for a new curve or key type,
/// `key.rs` and `jwk.rs`.
macro_rules! algorithms {
    ($($alg:ident: $family:ident, $hash:ident, $curve:expr, $doc:literal;)*) => {
        /// The JWS algorithms the reference implements.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Algorithm {
            $(#[doc = $doc] $alg,)*
        }

        impl Algorithm {
            /// Every algorithm, in RFC 7518 order.
            pub const ALL: [Algorithm; [$(stringify!($alg)),*].len()] = [$(Algorithm::$alg),*];

            /// The algorithm's row of the table.
            pub const fn info(self) -> Info {
                match self {
                    $(Algorithm::$alg => Info { name: stringify!($alg), family: Family::$family, hash: Hash::$hash, curve: $curve },)*
                }
            }
        }
    };
}

algorithms! {
    HS256: Hmac, Sha256, None, "HMAC with SHA-256.";
    HS384: Hmac, Sha384, None, "HMAC with SHA-384.";
    HS512: Hmac, Sha512, None, "HMAC with SHA-512.";
    RS256: RsaPkcs1, Sha256, None, "RSASSA-PKCS1-v1_5 with SHA-256.";
    RS384: RsaPkcs1, Sha384, None, "RSASSA-PKCS1-v1_5 with SHA-384.";
    RS512: RsaPkcs1, Sha512, None, "RSASSA-PKCS1-v1_5 with SHA-512.";
    PS256: RsaPss, Sha256, None, "RSASSA-PSS with SHA-256, MGF1 with SHA-256, salt of 32 bytes.";
    PS384: RsaPss, Sha384, None, "RSASSA-PSS with SHA-384, MGF1 with SHA-384, salt of 48 bytes.";
    PS512: RsaPss, Sha512, None, "RSASSA-PSS with SHA-512, MGF1 with SHA-512, salt of 64 bytes.";
    ES256: Ecdsa, Sha256, Some(Curve::P256), "ECDSA on P-256 with SHA-256.";
    ES384: Ecdsa, Sha384, Some(Curve::P384), "ECDSA on P-384 with SHA-384.";
    ES512: Ecdsa, Sha512, Some(Curve::P521), "ECDSA on P-521 with SHA-512.";
    EdDSA: EdDsa, Sha512, Some(Curve::Ed25519), "EdDSA with Ed25519 (RFC 8037; SHA-512 inside the scheme).";
}

/// What the tree knows of an algorithm (its row of the table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Info {
    /// The `alg` header value.
    pub name: &'static str,
    /// The key family.
    pub family: Family,
    /// The hash (for EdDSA, the one inside Ed25519).
    pub hash: Hash,
    /// The curve of an ECDSA or EdDSA algorithm.
    pub curve: Option<Curve>,
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

impl Family {
    /// The JWK `kty` of the family's keys (RFC 7518 §6.1, RFC 8037 §2).
    pub const fn kty(self) -> &'static str {
        match self {
            Family::Hmac => "oct",
            Family::RsaPkcs1 | Family::RsaPss => "RSA",
            Family::Ecdsa => "EC",
            Family::EdDsa => "OKP",
        }
    }
}

/// A hash function of the SHA-2 family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    /// The output length in bytes.
    pub const fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// A curve: the ECDSA curves of RFC 7518 §6.2.1.1 and Ed25519 (RFC 8037).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256.
    P256,
    /// NIST P-384.
    P384,
    /// NIST P-521.
    P521,
    /// Ed25519.
    Ed25519,
}

impl Curve {
    /// Every curve.
    pub const ALL: [Curve; 4] = [Curve::P256, Curve::P384, Curve::P521, Curve::Ed25519];

    /// The JWK `crv` value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Ed25519 => "Ed25519",
        }
    }

    /// The length of a coordinate (or of an Ed25519 key) in bytes.
    pub const fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Ed25519 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// Parses a `crv` value, case-sensitively.
    pub fn from_name(name: &str) -> Option<Curve> {
        Curve::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl Algorithm {
    /// The `alg` header value.
    pub const fn as_str(self) -> &'static str {
        self.info().name
    }

    /// Parses an `alg` value, case-sensitively (RFC 7515 §4.1.1).
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// The key family the algorithm needs.
    pub const fn family(self) -> Family {
        self.info().family
    }

    /// The hash.
    pub const fn hash(self) -> Hash {
        self.info().hash
    }

    /// The curve, for ECDSA and EdDSA.
    pub const fn curve(self) -> Option<Curve> {
        self.info().curve
    }

    /// The signature's exact length in bytes where the algorithm fixes it:
    /// an HMAC tag at full length (RFC 7518 §3.2), ECDSA's R ‖ S (§3.4),
    /// Ed25519's 64 bytes (RFC 8032 §5.1.6); `None` for RSA, whose
    /// signature is as long as the key's modulus (§3.3, §3.5).
    pub const fn signature_len(self) -> Option<usize> {
        match (self.family(), self.curve()) {
            (Family::Hmac, _) => Some(self.hash().output_len()),
            (Family::Ecdsa, Some(c)) => Some(2 * c.coordinate_len()),
            (Family::EdDsa, _) => Some(64),
            _ => None,
        }
    }

    /// The shortest HMAC key the spec accepts, in bytes: the hash's
    /// output length (RFC 7518 §3.2); `None` for the other families.
    pub const fn min_hmac_key_len(self) -> Option<usize> {
        match self.family() {
            Family::Hmac => Some(self.hash().output_len()),
            _ => None,
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

/// Every allow-list entry: each algorithm, then `none`.
#[allow(clippy::indexing_slicing, reason = "const evaluation: an index out of bounds fails the build, it cannot panic at run time")]
const ALLOWED: [AllowedEntry; Algorithm::ALL.len() + 1] = {
    let mut out = [AllowedEntry::None; Algorithm::ALL.len() + 1];
    let mut i = 0;
    while i < Algorithm::ALL.len() {
        out[i] = AllowedEntry::Alg(Algorithm::ALL[i]);
        i += 1;
    }
    out
};

impl crate::Vocabulary for AllowedEntry {
    const WHAT: &'static str = "algorithm";
    fn all() -> &'static [Self] {
        &ALLOWED
    }
    fn name(self) -> &'static str {
        self.as_str()
    }
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
