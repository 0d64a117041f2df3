//! Benchmarks live in `verify.rs` (`cargo xtask bench`).
