//! Ed25519 (RFC 8032) verification with a prepared key: the default
//! backend's Ed25519.
//!
//! `ed25519-dalek` verifies with a table it rebuilds for the public key on
//! every call; a verifier that holds its key for many tokens can build that
//! table once. This module does so with curve25519-dalek's own
//! precomputation ([`VartimeEdwardsPrecomputation`]) and otherwise performs
//! exactly the checks of `ed25519-dalek`'s `verify_strict` (the RustCrypto
//! backend's Ed25519), so both backends give the same verdict on every
//! input (property tests in `tests/props_backends.rs`, Wycheproof's
//! Ed25519 tests, and the `differential` fuzz target check it):
//! - the key is canonical (y < p) and not of small order, else it is not
//!   prepared and `verify_strict` decides;
//! - `S` is canonical (S < L);
//! - `R` is not a point of small order (the "strict" rule; a cofactorless
//!   equation alone accepts R = identity with S = h·a);
//! - `[S]B − [h]A` encodes to exactly the bytes of `R` (so a non-canonical
//!   `R` never verifies), with h = SHA-512(R ‖ A ‖ M) mod L.

use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint, VartimeEdwardsPrecomputation};
use curve25519_dalek::traits::VartimePrecomputedMultiscalarMul;
use curve25519_dalek::{Scalar, constants::ED25519_BASEPOINT_POINT};
use sha2::{Digest, Sha512};

use crate::error::Detail;

/// A public key with its precomputed tables (for B and −A).
pub(crate) struct Prepared {
    key: [u8; 32],
    table: VartimeEdwardsPrecomputation,
}

impl core::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Prepared").field("key", &self.key).finish_non_exhaustive()
    }
}

impl Prepared {
    /// Prepares a key, or `None` for a key `verify_strict` must judge
    /// (non-canonical encoding or small order: it refuses every signature
    /// under those).
    pub(crate) fn new(key: &ed25519_dalek::VerifyingKey) -> Option<Prepared> {
        let bytes = *key.as_bytes();
        if !is_canonical_y(&bytes) || key.is_weak() {
            return None;
        }
        let a: EdwardsPoint = CompressedEdwardsY(bytes).decompress()?;
        Some(Prepared { key: bytes, table: VartimeEdwardsPrecomputation::new([ED25519_BASEPOINT_POINT, -a]) })
    }

    /// Verifies a 64-byte signature `R ‖ S` over `msg`.
    pub(crate) fn verify(&self, msg: &[u8], signature: &[u8]) -> Result<(), Detail> {
        let (Some(r), Some(s), 64) = (signature.first_chunk::<32>(), signature.last_chunk::<32>(), signature.len()) else {
            return Err(Detail::SignatureForm);
        };
        if SMALL_ORDER.contains(r) {
            return Err(Detail::SignatureMismatch);
        }
        let s: Scalar = Option::from(Scalar::from_canonical_bytes(*s)).ok_or(Detail::SignatureMismatch)?;
        let h = Scalar::from_hash(Sha512::new().chain_update(r).chain_update(self.key).chain_update(msg));
        let recomputed: EdwardsPoint = self.table.vartime_multiscalar_mul([s, h]);
        if recomputed.compress().as_bytes() == r { Ok(()) } else { Err(Detail::SignatureMismatch) }
    }
}

/// Whether a compressed Edwards point's y (the low 255 bits, little
/// endian) is below p = 2²⁵⁵ − 19.
fn is_canonical_y(bytes: &[u8; 32]) -> bool {
    let mut y = *bytes;
    if let Some(top) = y.last_mut() {
        *top &= 0x7f;
    }
    // p, little endian: ed ff … ff 7f. Compare from the most significant
    // byte down.
    let mut p = [0xffu8; 32];
    if let Some(first) = p.first_mut() {
        *first = 0xed;
    }
    if let Some(top) = p.last_mut() {
        *top = 0x7f;
    }
    y.iter().rev().lt(p.iter().rev())
}

/// The canonical encodings of the eight points of small order (the torsion
/// subgroup). The recomputed R is compared with the signature's R byte for
/// byte, so a non-canonical R never verifies; `verify_strict` refuses every
/// small-order R, canonical or not: refusing these eight gives the same.
const SMALL_ORDER: [[u8; 32]; 8] = {
    let mut t = [[0u8; 32]; 8];
    // identity (0, 1)
    t[0][0] = 1;
    // (0, −1), order 2: y = p − 1
    t[1] = [
        0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
    ];
    // (±√−1, 0), order 4: y = 0, both signs of x (t[2] is all zeros)
    t[3][31] = 0x80;
    // order 8: y = ±c, both signs of x
    t[4] = [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6,
        0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
    ];
    t[5] = t[4];
    t[5][31] = 0x85;
    t[6] = [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39,
        0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a,
    ];
    t[7] = t[6];
    t[7][31] = 0xfa;
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_order_table_is_the_torsion_subgroup() {
        for (i, enc) in SMALL_ORDER.iter().enumerate() {
            let point = CompressedEdwardsY(*enc).decompress();
            assert!(point.is_some_and(|p| p.is_small_order()), "entry {i} is not a small-order point");
            assert!(is_canonical_y(enc), "entry {i} is not canonical");
            assert!(!SMALL_ORDER.iter().skip(i + 1).any(|e| e == enc), "entry {i} repeated");
        }
    }

    #[test]
    fn canonical_y_edge() {
        let with = |low: u8, high: u8| {
            let mut p = [0xffu8; 32];
            if let Some((first, rest)) = p.split_first_mut() {
                *first = low;
                if let Some(last) = rest.last_mut() {
                    *last = high;
                }
            }
            p
        };
        assert!(!is_canonical_y(&with(0xed, 0x7f)), "p itself");
        assert!(is_canonical_y(&with(0xec, 0x7f)), "p − 1");
        assert!(is_canonical_y(&with(0xec, 0xff)), "the sign bit is not part of y");
        assert!(!is_canonical_y(&with(0xee, 0xff)), "p + 1 with the sign bit");
    }

    #[test]
    fn agrees_with_verify_strict_on_a_real_signature_and_its_mutations() {
        use ed25519_dalek::Signer as _;
        let sk = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
        let vk = sk.verifying_key();
        let prepared = Prepared::new(&vk);
        assert!(prepared.is_some(), "a normal key is prepared");
        let Some(prepared) = prepared else { return };
        let msg = b"eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhIn0";
        let good = sk.sign(msg).to_bytes();
        assert_eq!(prepared.verify(msg, &good), Ok(()));
        for i in 0..64 {
            for bit in 0..8 {
                let mut bad = good;
                if let Some(b) = bad.get_mut(i) {
                    *b ^= 1 << bit;
                }
                let strict = vk.verify_strict(msg, &ed25519_dalek::Signature::from_bytes(&bad)).is_ok();
                assert_eq!(prepared.verify(msg, &bad).is_ok(), strict, "byte {i} bit {bit}");
                assert!(!strict);
            }
        }
        assert_eq!(prepared.verify(msg, &good[..63]), Err(Detail::SignatureForm));
    }
}
