//! Adapters: each runs jwtproof cases against one third-party JWT library
//! and reports what the library really does.
//!
//! Each adapter maps the case's settings to the library's own options as
//! faithfully as the library allows, says [`Outcome::Unsupported`] (with
//! the reason) for what it cannot express, and maps the library's errors
//! to the spec's kinds in one function. This is the only crate of the
//! workspace that depends on third-party JWT crates.

use jwtproof_harness::Implementation;

pub mod bench;
mod common;
pub mod fake_clock;
mod table;
mod versions;

pub use common::take_detail;
/// The registry (`implementations.json`), read by the harness.
pub use jwtproof_harness::registry;
pub use jwtproof_harness::registry::{faketime_env, libfaketime, subprocesses, under_faketime};
use table::IN_PROCESS;

/// Every in-process adapter, in the registry's order.
pub fn all() -> Vec<Box<dyn Implementation>> {
    IN_PROCESS.iter().map(|i| (i.new)()).collect()
}

/// Whether the in-process adapter `name` reads the wall clock and takes no
/// time (the registry's `fake_clock`): the runner then starts its process
/// under libfaketime ([`fake_clock`]) when [`libfaketime`] finds it.
pub fn fake_clock(name: &str) -> bool {
    IN_PROCESS.iter().any(|i| i.name == name && i.fake_clock)
}

/// The protocol adapters of the project's registry, as subprocesses.
pub fn external_subprocesses(root: &std::path::Path) -> Result<Vec<jwtproof_harness::Subprocess>, String> {
    Ok(subprocesses(&registry::Registry::load(root)?, root))
}
