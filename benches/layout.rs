//! Layout-robust timing: every sample runs at a different stack position.
//!
//! Measured here (`cargo xtask bench`, Ed25519 with a prepared key): the
//! same code verifying the same token takes 29 µs or up to 38 µs per call
//! depending only on where the stack sits modulo 4 KiB (moving the caller's
//! frame by 64-byte steps walks through a fast and a slow band; the slow
//! band is consistent with 4K aliasing between stack and heap accesses).
//! Which band a benchmark lands in depends on its call depth and on ASLR,
//! so two benchmarks of the same arithmetic could differ by 25% in one run
//! and swap places in the next. [`iter`] therefore moves the stack by a
//! different multiple of 64 bytes for each criterion sample, covering more
//! than one 4 KiB period, and criterion's median over the samples is the
//! median over stack positions: every benchmark is measured the same way,
//! none gets a lucky or an unlucky layout.

use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use criterion::Bencher;

/// Stack positions per period: 64 frames of at least 64 bytes each (in
/// practice ~96) cover at least 4 KiB.
const SLOTS: usize = 64;
/// Odd, so that consecutive samples spread over the whole range quickly
/// (a `--quick` run has only ten samples).
const STRIDE: usize = 23;

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// `b.iter(f)`, each sample at the next stack position.
pub(crate) fn iter<O>(b: &mut Bencher<'_>, mut f: impl FnMut() -> O) {
    b.iter_custom(|iters| {
        let slot = NEXT.fetch_add(STRIDE, Ordering::Relaxed) % SLOTS;
        let mut elapsed = Duration::ZERO;
        at_depth(slot, &mut || {
            let start = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            elapsed = start.elapsed();
        });
        elapsed
    });
}

/// Calls `f` `depth` frames further down the stack; each frame holds a
/// 64-byte array that cannot be optimised away.
#[inline(never)]
fn at_depth(depth: usize, f: &mut dyn FnMut()) {
    let pad = [0u8; 64];
    black_box(&pad);
    if depth == 0 {
        f();
    } else {
        at_depth(depth - 1, f);
    }
    black_box(&pad);
}
