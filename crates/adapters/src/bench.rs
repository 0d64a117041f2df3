//! Prepared verifiers of third-party libraries for the benchmarks: the key
//! is parsed once, outside the timed loop, as a server would, and each
//! call verifies one token with the library's own API (no adapter
//! mapping in the loop). Tokens must carry an `exp` in the future: these
//! libraries read the wall clock. Each library's verifier is its adapter
//! module's `prepared`; the libraries are the registry's in-process
//! entries (`implementations.json`).

use serde_json::{Map, Value};

pub use crate::common::Verifier;

/// The in-process libraries [`prepared`] knows, named as their conformance
/// adapters, in the registry's order.
pub fn libraries() -> impl Iterator<Item = &'static str> {
    crate::table::IN_PROCESS.iter().map(|i| i.name)
}

/// The in-process libraries that can also run on the aws-lc-rs crypto
/// provider (`bench_providers` in the registry; [`install_aws_lc_rs`]).
pub fn aws_lc_rs_libraries() -> impl Iterator<Item = &'static str> {
    crate::table::IN_PROCESS.iter().filter(|i| i.aws_lc_rs.is_some()).map(|i| i.name)
}

/// Makes aws-lc-rs the process-wide crypto provider of `library` (set once
/// per process; the conformance adapter and the `verify` benchmark use the
/// library's default), and says whether it is now in force. False for a
/// library without that provider.
pub fn install_aws_lc_rs(library: &str) -> bool {
    crate::table::IN_PROCESS.iter().find(|i| i.name == library).and_then(|i| i.aws_lc_rs).is_some_and(|install| install())
}

/// A verifier of `library` for `alg` with the public JWK `jwk`, or `None`
/// where the library lacks the algorithm or refuses the key (or is not an
/// in-process library).
pub fn prepared(library: &str, alg: &str, jwk: &Map<String, Value>) -> Option<Verifier> {
    crate::table::IN_PROCESS.iter().find(|i| i.name == library).and_then(|i| (i.prepared)(alg, jwk))
}
