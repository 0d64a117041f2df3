//! Generates every generated vector file under `vectors/` from the keys in
//! `vectors/keys/` and fixed inputs, byte for byte.
//!
//! `cargo xtask vectors` writes the files; `cargo xtask vectors --check`
//! (and this crate's test) fails, naming the file, when one is stale.
//! Signatures are deterministic: HMAC, RSASSA-PKCS1-v1_5, ECDSA with
//! RFC 6979 nonces, Ed25519; RSASSA-PSS salts come from a seeded
//! SHA-256 counter stream ([`SeededRng`]); the signer is `jwtproof-testkit`.

use std::path::Path;

// First: its macros are in scope in every module declared after it.
#[macro_use]
mod table;

pub mod algorithms;
pub mod attacks;
pub mod bench;
pub mod claims;
pub mod common;
pub mod cost;
pub mod cves;
pub mod documented;
pub mod impact;
mod kit;
pub mod profiles;
pub mod rfc;
pub mod strictness;
pub mod timing;

pub use kit::*;

/// Every generated file as the modules build it, before
/// [`impact::classify`] (the classification's tests start from here).
pub fn unclassified_files(keys: &Keys) -> Vec<FileOut> {
    let mut files = Vec::new();
    files.extend(documented::files(keys));
    files.extend(rfc::files(keys));
    files.extend(attacks::files(keys));
    files.extend(strictness::files(keys));
    files.extend(timing::files(keys));
    files.extend(claims::files(keys));
    files.extend(algorithms::files(keys));
    files.extend(profiles::files(keys));
    files.extend(cves::files(keys));
    files.extend(cost::files(keys));
    files
}

/// Every generated file: (path relative to `vectors/`, text), each invalid
/// case given its impact and basis by [`impact::classify`].
pub fn generate_all(keys: &Keys) -> Vec<(String, String)> {
    let mut files = unclassified_files(keys);
    impact::classify(&mut files);
    files.into_iter().map(|f| (f.path.clone(), f.render())).collect()
}

/// Writes (or, with `check`, compares) every generated file under
/// `vectors_dir`. Returns the stale or missing files.
pub fn sync(vectors_dir: &Path, check: bool) -> Result<Vec<String>, String> {
    let keys = Keys::load(&vectors_dir.join("keys"))?;
    let mut stale = Vec::new();
    for (rel, text) in generate_all(&keys) {
        let path = vectors_dir.join(&rel);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(text.as_str()) {
            continue;
        }
        stale.push(format!("vectors/{rel}"));
        if !check {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(stale)
}
