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
//! different multiple of one frame (~100 bytes) for each criterion sample,
//! covering one 4 KiB period, and criterion's median over the samples is
//! the median over stack positions: every benchmark is measured the same way,
//! none gets a lucky or an unlucky layout.

use std::hint::black_box;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use criterion::Bencher;

/// The period the stack positions cover.
const PERIOD: usize = 4096;

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// How many stack positions make one period: one per frame of
/// [`at_depth`], measured (its size depends on the compiler).
fn slots() -> usize {
    static SLOTS: OnceLock<usize> = OnceLock::new();
    *SLOTS.get_or_init(|| {
        let (mut shallow, mut deep) = (0usize, 0usize);
        at_depth(0, &mut |at| shallow = at);
        at_depth(1, &mut |at| deep = at);
        let frame = shallow.abs_diff(deep).max(16);
        PERIOD.div_ceil(frame)
    })
}

/// `b.iter(f)`, each sample at the next stack position. The positions are
/// visited in a stride coprime with their number, so that any run of
/// consecutive samples spreads over the whole period (a `--quick` run has
/// only ten samples).
pub(crate) fn iter<O>(b: &mut Bencher<'_>, mut f: impl FnMut() -> O) {
    b.iter_custom(|iters| {
        let mut elapsed = Duration::ZERO;
        at_position(NEXT.fetch_add(1, Ordering::Relaxed), &mut || {
            let start = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            elapsed = start.elapsed();
        });
        elapsed
    });
}

/// Runs `f` at the `n`-th stack position of the sequence [`iter`] uses.
pub(crate) fn at_position(n: usize, f: &mut dyn FnMut()) {
    let slots = slots();
    let stride = [23, 29, 31, 37].into_iter().find(|s| !slots.is_multiple_of(*s)).unwrap_or(1);
    at_depth(n.wrapping_mul(stride) % slots, &mut |_| f());
}

/// Calls `f` `depth` frames further down the stack, with the address of
/// the innermost frame's array; each frame holds a 64-byte array that
/// cannot be optimised away.
#[inline(never)]
fn at_depth(depth: usize, f: &mut dyn FnMut(usize)) {
    let pad = [0u8; 64];
    black_box(&pad);
    if depth == 0 {
        f((&raw const pad).addr());
    } else {
        at_depth(depth - 1, f);
    }
    black_box(&pad);
}
