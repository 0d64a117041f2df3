//! `jwtproof`: the corpus against your own verifier, outside a jwtproof
//! checkout. Install it with `cargo install --git <jwtproof> jwtproof` (or
//! `cargo install --path crates/cli` in a checkout); the corpus is embedded.
//!
//! ```text
//! jwtproof conformance --registry my/registry.json            # first run: every deviation, by impact
//! jwtproof conformance --registry my/registry.json --bless    # record the baseline in my/expectations/
//! jwtproof conformance --registry my/registry.json            # green until something changes
//! jwtproof vectors --export DIR                              # the embedded corpus as files (pytest, node:test…)
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "jwtproof", version, about = "Conformance vectors for JWT/JWS verifiers: run them against your adapter")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the corpus against the reference and your implementations
    /// (`--registry`), write reports, compare with (or `--bless`) your
    /// expectations.
    Conformance(jwtproof::conformance::Args),
    /// The embedded corpus.
    Vectors {
        /// Write every embedded vector file under DIR (its layout under
        /// vectors/), for consumers that read files.
        #[arg(long, value_name = "DIR")]
        export: Option<PathBuf>,
    },
}

fn export(dir: &std::path::Path) -> Result<ExitCode, String> {
    for (path, text) in jwtproof::corpus::FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&target, text).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    eprintln!("wrote {} vector files under {}", jwtproof::corpus::FILES.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Conformance(args) => jwtproof::conformance::run(&args, jwtproof::conformance::Project::standalone()),
        Command::Vectors { export: Some(dir) } => export(&dir),
        Command::Vectors { export: None } => {
            let cases: usize = jwtproof::corpus::FILES.iter().map(|(_, t)| t.matches("\"id\"").count()).sum();
            println!("{} embedded vector files (about {cases} cases); --export DIR writes them", jwtproof::corpus::FILES.len());
            Ok(ExitCode::SUCCESS)
        }
    };
    result.unwrap_or_else(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
}
