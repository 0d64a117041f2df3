//! The committed test keys (`vectors/keys/*.jwk`), embedded so that a fuzz
//! input can name one by index.
//!
//! The reference only ever receives the public part. The private part is
//! used by the fuzz oracle to re-sign a mutated token ("re-sign" inputs),
//! which is what lets the fuzzer reach the claim checks: these keys protect
//! nothing and this crate is for fuzzing only.

use std::sync::OnceLock;

use serde_json::{Map, Value};

/// A JWK object.
pub type JwkMap = Map<String, Value>;

/// `(file stem, JWK text)`. The order is part of the
/// `verify` input format (a key is named by its index): append new keys at
/// the end of a release's list only if old corpora must keep their meaning;
/// `cargo xtask fuzz seed` rewrites the seeds either way.
const SOURCES: [(&str, &str); 15] = [
    ("ed25519-other", include_str!("../../../vectors/keys/ed25519-other.jwk")),
    ("ed25519", include_str!("../../../vectors/keys/ed25519.jwk")),
    ("hs-short-16", include_str!("../../../vectors/keys/hs-short-16.jwk")),
    ("hs256-other", include_str!("../../../vectors/keys/hs256-other.jwk")),
    ("hs256", include_str!("../../../vectors/keys/hs256.jwk")),
    ("hs384", include_str!("../../../vectors/keys/hs384.jwk")),
    ("hs512", include_str!("../../../vectors/keys/hs512.jwk")),
    ("p256-other", include_str!("../../../vectors/keys/p256-other.jwk")),
    ("p256", include_str!("../../../vectors/keys/p256.jwk")),
    ("p384", include_str!("../../../vectors/keys/p384.jwk")),
    ("p521", include_str!("../../../vectors/keys/p521.jwk")),
    ("rsa-1024", include_str!("../../../vectors/keys/rsa-1024.jwk")),
    ("rsa-2048-other", include_str!("../../../vectors/keys/rsa-2048-other.jwk")),
    ("rsa-2048", include_str!("../../../vectors/keys/rsa-2048.jwk")),
    ("rsa-3072", include_str!("../../../vectors/keys/rsa-3072.jwk")),
];

/// The number of corpus keys.
pub const COUNT: usize = SOURCES.len();

/// Members of a JWK that are private key material.
const PRIVATE_MEMBERS: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "oth"];

/// One corpus key.
#[derive(Debug)]
pub struct CorpusKey {
    /// The file stem in `vectors/keys/`.
    pub name: &'static str,
    /// The whole JWK, private members included.
    pub private: JwkMap,
    /// What a verifier receives: the public members (for `oct`, all).
    pub public: JwkMap,
    /// The reference's parse of [`CorpusKey::public`], built once.
    pub(crate) reference: jwtproof_reference::Jwk,
}

/// The corpus keys, parsed once.
pub fn all() -> &'static [CorpusKey] {
    static KEYS: OnceLock<Vec<CorpusKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        SOURCES
            .iter()
            .map(|&(name, text)| {
                let private = match serde_json::from_str(text) {
                    Ok(Value::Object(m)) => m,
                    _ => panic!("vectors/keys/{name}.jwk is not a JSON object"),
                };
                let public = public_part(&private);
                let reference = jwtproof_reference::Jwk::from_map(&public);
                CorpusKey { name, private, public, reference }
            })
            .collect()
    })
}

/// The public part of a JWK: private members removed, except for `oct`
/// (whose key is the secret).
pub fn public_part(jwk: &JwkMap) -> JwkMap {
    let mut public = jwk.clone();
    if jwk.get("kty").and_then(Value::as_str) != Some("oct") {
        public.retain(|member, _| !PRIVATE_MEMBERS.contains(&member.as_str()));
    }
    public
}
