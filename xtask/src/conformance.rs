//! `cargo xtask conformance`: run vector files against implementations,
//! print the summary, write reports.

use std::path::PathBuf;
use std::process::ExitCode;

use jwtproof_harness::{Implementation, Reference, RunResult, Verdict, report};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// A vector file or directory (repeatable; default: vectors/).
    #[arg(long = "vectors", value_name = "PATH")]
    vectors: Vec<PathBuf>,
    /// An implementation to run (repeatable; default: every in-process one).
    #[arg(long = "impl", value_name = "NAME")]
    implementations: Vec<String>,
    /// Report formats to write (repeatable: json, md, junit).
    #[arg(long = "format", value_name = "FORMAT")]
    formats: Vec<String>,
    /// Where to write reports (default: target/conformance).
    #[arg(long = "out", value_name = "DIR")]
    out: Option<PathBuf>,
    /// Print the JSON report on stdout instead of the summary.
    #[arg(long)]
    json_stdout: bool,
}

/// Every implementation the runner knows, by name.
pub(crate) fn registry() -> Vec<Box<dyn Implementation>> {
    let mut all: Vec<Box<dyn Implementation>> = vec![Box::new(Reference)];
    all.extend(jwtproof_adapters::all());
    all
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let paths = if args.vectors.is_empty() { vec![crate::root().join("vectors")] } else { args.vectors.clone() };
    let corpus = jwtproof_vectors::load(&paths).map_err(|e| e.to_string())?;
    let all = registry();
    let wanted: Vec<&dyn Implementation> = if args.implementations.is_empty() || args.implementations.iter().any(|n| n == "all") {
        all.iter().map(|b| b.as_ref()).collect()
    } else {
        let mut v = Vec::new();
        for name in &args.implementations {
            match all.iter().find(|i| i.name() == name) {
                Some(i) => v.push(i.as_ref()),
                None => {
                    let names: Vec<&str> = all.iter().map(|i| i.name()).collect();
                    return Err(format!("unknown implementation {name:?}; known: {}", names.join(", ")));
                }
            }
        }
        v
    };
    let results = jwtproof_harness::run(&corpus, &wanted);
    write_reports(args, &results)?;
    if args.json_stdout {
        println!("{}", serde_json::to_string_pretty(&report::to_json(&results)).map_err(|e| e.to_string())?);
    } else {
        print!("{}", report::summary(&results));
    }
    let reference_failed = results.iter().any(|r| r.implementation == "reference" && r.judged.verdict == Verdict::Fail);
    Ok(if reference_failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn write_reports(args: &Args, results: &[RunResult]) -> Result<(), String> {
    let dir = args.out.clone().unwrap_or_else(|| crate::root().join("target/conformance"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let formats: Vec<&str> =
        if args.formats.is_empty() { vec!["json", "md", "junit"] } else { args.formats.iter().map(String::as_str).collect() };
    for f in formats {
        let (name, text) = match f {
            "json" => ("report.json", serde_json::to_string_pretty(&report::to_json(results)).map_err(|e| e.to_string())?),
            "md" => ("report.md", report::to_markdown(results)),
            "junit" => ("junit.xml", report::to_junit(results)),
            other => return Err(format!("unknown format {other:?} (json, md, junit)")),
        };
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
