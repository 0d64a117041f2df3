//! `cargo xtask`: the project's automation, one module per subcommand.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;
mod conformance;
mod findings;
mod fuzz;
mod import;
mod links;
mod paths;
mod serve;
mod setup;
mod vectors;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "jwtproof automation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run vector files against implementations and write reports.
    Conformance(conformance::Args),
    /// Serve one in-process adapter over the subprocess protocol (used by
    /// `conformance` to isolate each library in a child process).
    #[command(hide = true)]
    ServeAdapter {
        /// The adapter's name.
        name: String,
    },
    /// Run the criterion benchmarks and write target/bench/report.{md,json} and chart.svg.
    Bench(bench::Args),
    /// Fuzzing on stable: seed the corpus, run a target, promote a crash to a vector.
    Fuzz(fuzz::Args),
    /// The published full matrix (results/matrix.json) and FINDINGS.md's
    /// generated blocks: check them (default), or --update them from a
    /// full `conformance --impl all` run.
    Findings(findings::Args),
    /// Regenerate the generated vector files (or check they are fresh).
    Vectors {
        /// Fail, naming the files, when a generated file is stale; write nothing.
        #[arg(long)]
        check: bool,
    },
    /// Convert Wycheproof's JSON Web Signature vectors into a vector file.
    ImportWycheproof(import::Args),
    /// Install the pinned packages of the adapters in other languages (Python venv, npm ci).
    SetupExternal(setup::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Conformance(args) => conformance::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::ServeAdapter { name } => serve::run(&name),
        Command::Fuzz(args) => fuzz::run(&args),
        Command::Findings(args) => findings::run(&args),
        Command::Vectors { check } => vectors::run(check),
        Command::ImportWycheproof(args) => import::run(&args),
        Command::SetupExternal(args) => setup::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
