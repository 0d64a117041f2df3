//! Fixtures shared by the benchmarks (`verify.rs`, `aws_lc_rs.rs`)
//! and `cargo xtask bench`: the algorithms, the key each uses, and the
//! claims sets, so that every measurement verifies the same tokens. They
//! live in `jwtproof_gen::bench` (the adapters' tests use them too).

pub use jwtproof_gen::bench::{ALGS, EXP, claims, claims_with_exp, header, key_name, public};
