//! The jwtproof runner as a library: [`conformance::run`] is what both the
//! installed `jwtproof` binary and `cargo xtask conformance` call.

pub mod conformance;

/// The default corpus, embedded at build time (`build.rs`).
pub mod corpus {
    include!(concat!(env!("OUT_DIR"), "/corpus.rs"));
}
