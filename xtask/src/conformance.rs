//! `cargo xtask conformance`: run vector files against implementations,
//! print the summary, write reports, compare third-party implementations
//! with their expectations files.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use jwtproof_harness::expectations::{Comparison, Expectations};
use jwtproof_harness::report::{self, ImplInfo};
use jwtproof_harness::{Implementation, Reference, RunResult, Verdict};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// A vector file or directory (repeatable; default: vectors/ except
    /// vectors/imported/, the third-party corpora).
    #[arg(long = "vectors", value_name = "PATH")]
    vectors: Vec<PathBuf>,
    /// An implementation to run (repeatable; default: the reference and
    /// every in-process adapter; `all` adds the external ones).
    #[arg(long = "impl", value_name = "NAME")]
    implementations: Vec<String>,
    /// Report formats to write (repeatable: json, md, junit, html; default all).
    #[arg(long = "format", value_name = "FORMAT")]
    formats: Vec<String>,
    /// Where to write reports (default: target/conformance).
    #[arg(long = "out", value_name = "DIR")]
    out: Option<PathBuf>,
    /// Print the JSON report on stdout instead of the summary.
    #[arg(long)]
    json_stdout: bool,
    /// Also print verdicts per vector file and per flag.
    #[arg(long)]
    detailed: bool,
    /// Rewrite each third-party implementation's expectations file with the
    /// deviations observed (keeping reviewed reasons).
    #[arg(long)]
    bless: bool,
}

/// The directory of every implementation's expectations file.
pub(crate) fn expectations_dir() -> PathBuf {
    jwtproof_adapters::registry::expectations_dir(&crate::paths::root())
}

/// An implementation the runner knows, and whether it is in the default set.
pub(crate) type Known = (Box<dyn Implementation>, bool);

/// Every implementation the runner knows: the reference, then the
/// registry's (`implementations.json`) in-process and protocol entries.
pub(crate) fn registry() -> Result<Vec<Known>, String> {
    let mut all: Vec<Known> = vec![(Box::new(Reference), true)];
    // Each in-process Rust adapter runs in a child process of this binary
    // (`serve-adapter`): a panic, an abort inside a C library or a hang then
    // becomes `crash` or `timeout` for that case, never a crashed run.
    let exe = std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "xtask".to_owned());
    let faketime = jwtproof_adapters::libfaketime();
    all.extend(jwtproof_adapters::all().into_iter().map(|i| {
        let name = i.name().to_owned();
        let mut isolated = jwtproof_harness::Subprocess::new(name.clone(), vec![exe.clone(), "serve-adapter".to_owned(), name.clone()])
            .timeout(std::time::Duration::from_secs(30))
            .env("RUST_BACKTRACE", "0");
        if let Some(lib) = faketime.as_ref().filter(|_| jwtproof_adapters::fake_clock(&name)) {
            isolated = under_faketime(isolated, lib, &name);
        }
        (Box::new(isolated) as Box<dyn Implementation>, true)
    }));
    all.extend(jwtproof_adapters::external(&crate::paths::root())?.into_iter().map(|i| (i, false)));
    Ok(all)
}

/// An adapter process whose wall clock is libfaketime's
/// ([`jwtproof_adapters::faketime_env`]), its timestamp file under
/// target/faketime/.
fn under_faketime(mut sub: jwtproof_harness::Subprocess, lib: &std::path::Path, name: &str) -> jwtproof_harness::Subprocess {
    let file = crate::paths::root().join("target/faketime").join(format!("{name}-{}", std::process::id()));
    match jwtproof_adapters::faketime_env(lib, &file) {
        Ok(env) => {
            for (k, v) in env {
                sub = sub.env(k, v);
            }
            sub
        }
        Err(e) => {
            eprintln!("{name}: libfaketime not used ({e}): its time-dependent cases are skipped");
            sub
        }
    }
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let paths = if args.vectors.is_empty() {
        jwtproof_harness::default_vector_paths(&crate::paths::root().join("vectors"))
    } else {
        args.vectors.clone()
    };
    let corpus = jwtproof_vectors::load(&paths).map_err(|e| e.to_string())?;
    let all = registry()?;
    let everything = args.implementations.iter().any(|n| n == "all");
    let mut wanted: Vec<&dyn Implementation> = Vec::new();
    if args.implementations.is_empty() || everything {
        wanted.extend(all.iter().filter(|(_, default)| *default || everything).map(|(i, _)| i.as_ref()));
    } else {
        for name in &args.implementations {
            match all.iter().find(|(i, _)| i.name() == name) {
                Some((i, _)) => wanted.push(i.as_ref()),
                None => {
                    let names: Vec<&str> = all.iter().map(|(i, _)| i.name()).collect();
                    return Err(format!("unknown implementation {name:?}; known: {}, all", names.join(", ")));
                }
            }
        }
    }
    let started = std::time::Instant::now();
    let results = jwtproof_harness::run(&corpus, &wanted);
    let elapsed = started.elapsed();

    // Third-party implementations are compared with their expectations.
    let mut info: BTreeMap<String, ImplInfo> = BTreeMap::new();
    let mut comparisons: Vec<(String, Comparison)> = Vec::new();
    for imp in &wanted {
        let name = imp.name().to_owned();
        let mut entry = ImplInfo { version: imp.version(), ..ImplInfo::default() };
        if name != "reference" {
            let path = expectations_dir().join(format!("{name}.json"));
            let expectations = Expectations::load(&path, &name)?;
            if args.bless {
                let blessed = expectations.blessed(&results);
                std::fs::create_dir_all(expectations_dir()).map_err(|e| e.to_string())?;
                std::fs::write(&path, blessed.to_json_string()).map_err(|e| format!("{}: {e}", path.display()))?;
                eprintln!("blessed {} ({} deviations)", path.display(), blessed.deviations.len());
                entry.known = blessed.deviations.into_iter().map(|(k, v)| (k, v.reason)).collect();
            } else {
                let cmp = expectations.compare(&results);
                entry.known = cmp.known.iter().cloned().collect();
                comparisons.push((name.clone(), cmp));
            }
        }
        info.insert(name, entry);
    }

    write_reports(args, &results, &info)?;
    if args.json_stdout {
        println!("{}", serde_json::to_string_pretty(&report::to_json(&results)).map_err(|e| e.to_string())?);
    } else {
        if args.detailed {
            print!("{}", report::detailed(&results));
        }
        print!("{}", report::summary(&results));
        println!("\n{} results in {:.2} s", results.len(), elapsed.as_secs_f64());
    }

    let mut ok = !results.iter().any(|r| r.implementation == "reference" && r.judged.verdict == Verdict::Fail);
    for (name, cmp) in &comparisons {
        let not_run = if cmp.not_run.is_empty() {
            String::new()
        } else {
            format!(" ({} listed ones skipped in this run, e.g. {})", cmp.not_run.len(), cmp.not_run.first().map_or("", String::as_str))
        };
        if cmp.is_clean() {
            eprintln!("{name}: {} known deviations, none new{not_run}", cmp.known.len());
            continue;
        }
        ok = false;
        eprintln!(
            "{name}: {} known deviations, {} NEW, {} stale (run with --bless after review):",
            cmp.known.len(),
            cmp.new.len(),
            cmp.stale.len()
        );
        for (id, actual, why) in cmp.new.iter().take(30) {
            eprintln!("  new   {id}: {actual}: {why}");
        }
        for id in cmp.stale.iter().take(30) {
            eprintln!("  stale {id}: listed as a deviation but now passes (or no longer exists)");
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn write_reports(args: &Args, results: &[RunResult], info: &BTreeMap<String, ImplInfo>) -> Result<(), String> {
    let dir = args.out.clone().unwrap_or_else(|| crate::paths::root().join("target/conformance"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let formats: Vec<&str> =
        if args.formats.is_empty() { vec!["json", "md", "junit", "html"] } else { args.formats.iter().map(String::as_str).collect() };
    for f in formats {
        let (name, text) = match f {
            "json" => {
                let mut json = report::to_json(results);
                if let Some(map) = json.as_object_mut() {
                    let versions: serde_json::Map<String, serde_json::Value> =
                        info.iter().map(|(k, v)| (k.clone(), serde_json::json!(v.version))).collect();
                    map.insert("implementations".into(), serde_json::Value::Object(versions));
                }
                ("report.json", serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?)
            }
            "md" => ("report.md", report::to_markdown(results)),
            "junit" => ("junit.xml", report::to_junit(results)),
            "html" => ("report.html", report::to_html(results, info)),
            other => return Err(format!("unknown format {other:?} (json, md, junit, html)")),
        };
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
