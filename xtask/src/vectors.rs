//! `cargo xtask vectors [--check]`: regenerate the generated vector files.

use std::process::ExitCode;

pub(crate) fn run(check: bool) -> Result<ExitCode, String> {
    let dir = crate::paths::root().join("vectors");
    let stale = jwtproof_gen::sync(&dir, check)?;
    if check {
        if stale.is_empty() {
            println!("vectors: all generated files are fresh");
            return Ok(ExitCode::SUCCESS);
        }
        for f in &stale {
            eprintln!("stale: {f} (run `cargo xtask vectors`)");
        }
        return Ok(ExitCode::FAILURE);
    }
    for f in &stale {
        println!("wrote {f}");
    }
    println!("vectors: {} file(s) rewritten", stale.len());
    // What was written must load.
    jwtproof_vectors::load(&[dir]).map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    /// `cargo test` fails when a committed generated file is stale.
    #[test]
    fn generated_vectors_are_fresh() {
        let stale = jwtproof_gen::sync(&crate::paths::root().join("vectors"), true).unwrap_or_else(|e| panic!("{e}"));
        assert!(stale.is_empty(), "stale generated vector files (run `cargo xtask vectors`): {stale:?}");
    }
}
