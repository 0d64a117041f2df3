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
    /// A registry of implementations outside this checkout, in the format
    /// of `implementations.json` (protocol entries; `{dir}` in a command is
    /// the file's directory). Repeatable. Its implementations are the
    /// default set, with the reference.
    #[arg(long = "registry", value_name = "FILE")]
    registries: Vec<PathBuf>,
    /// Where the expectations of the `--registry` implementations are read
    /// and `--bless` writes them (default: `expectations/` next to each
    /// registry file). The project's own implementations keep theirs.
    #[arg(long = "expectations", value_name = "DIR")]
    expectations: Option<PathBuf>,
    /// When the run fails: `new` (default) on a deviation its expectations
    /// file does not list or a listed one that no longer deviates (an
    /// implementation without an expectations file is reported in full and
    /// does not fail: record its baseline with `--bless`); `any` on every
    /// deviation, listed or not; `never` only when the reference fails.
    #[arg(long = "fail-on", value_name = "WHEN", default_value = "new")]
    fail_on: FailOn,
}

/// When a conformance run exits non-zero (`--fail-on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FailOn {
    /// A new or stale deviation of an implementation with expectations.
    New,
    /// Any deviation.
    Any,
    /// Only a failure of the reference.
    Never,
}

/// The directory of every implementation's expectations file.
pub(crate) fn expectations_dir() -> PathBuf {
    jwtproof_adapters::registry::expectations_dir(&crate::paths::root())
}

/// An implementation the runner knows, whether it is in the default set,
/// and its expectations file (none for the reference).
pub(crate) struct Known {
    pub(crate) implementation: Box<dyn Implementation>,
    pub(crate) default: bool,
    pub(crate) expectations: Option<PathBuf>,
}

/// Every implementation the runner knows: the reference, then the
/// project's registry's (`implementations.json`) in-process and protocol
/// entries, then those of `extra` registries (outside the checkout), whose
/// expectations are in `extra_expectations` (default: `expectations/` next
/// to each registry file).
pub(crate) fn registry_with(extra: &[PathBuf], extra_expectations: Option<&std::path::Path>) -> Result<Vec<Known>, String> {
    let root = crate::paths::root();
    let mut all = project_registry()?;
    let have_extra = !extra.is_empty();
    if have_extra {
        for k in &mut all {
            k.default = k.expectations.is_none();
        }
    }
    for path in extra {
        let registry = jwtproof_adapters::registry::Registry::load_file(path)?;
        if let Some(e) = registry.in_process().next() {
            return Err(format!(
                "{}: {:?} is in-process: an outside registry lists protocol adapters only (an in-process adapter is part of this workspace)",
                path.display(),
                e.0.name
            ));
        }
        let dir = match extra_expectations {
            Some(d) => d.to_path_buf(),
            None => path.parent().map(std::path::Path::to_path_buf).unwrap_or_default().join("expectations"),
        };
        for sub in jwtproof_adapters::subprocesses(&registry, &root) {
            let name = sub.name().to_owned();
            if all.iter().any(|k| k.implementation.name() == name) {
                return Err(format!(
                    "{}: {name:?} is already an implementation of jwtproof's registry; choose another name",
                    path.display()
                ));
            }
            all.push(Known { implementation: Box::new(sub), default: true, expectations: Some(dir.join(format!("{name}.json"))) });
        }
    }
    Ok(all)
}

/// The reference and the project's registry.
pub(crate) fn registry() -> Result<Vec<Known>, String> {
    registry_with(&[], None)
}

fn project_registry() -> Result<Vec<Known>, String> {
    let root = crate::paths::root();
    let expectations = |name: &str| Some(expectations_dir().join(format!("{name}.json")));
    let mut all: Vec<Known> = vec![Known { implementation: Box::new(Reference), default: true, expectations: None }];
    // Each in-process Rust adapter runs in a child process of this binary
    // (`serve-adapter`): a panic, an abort inside a C library or a hang then
    // becomes `crash` or `timeout` for that case, never a crashed run.
    let exe = std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "xtask".to_owned());
    all.extend(jwtproof_adapters::all().into_iter().map(|i| {
        let name = i.name().to_owned();
        let mut isolated = jwtproof_harness::Subprocess::new(name.clone(), vec![exe.clone(), "serve-adapter".to_owned(), name.clone()])
            .timeout(std::time::Duration::from_secs(30))
            .env("RUST_BACKTRACE", "0");
        if jwtproof_adapters::fake_clock(&name) {
            isolated = jwtproof_adapters::under_faketime(isolated, &root, &name);
        }
        Known { implementation: Box::new(isolated), default: true, expectations: expectations(&name) }
    }));
    all.extend(jwtproof_adapters::external_subprocesses(&root)?.into_iter().map(|s| {
        let file = expectations(s.name());
        Known { implementation: Box::new(s), default: false, expectations: file }
    }));
    Ok(all)
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let paths = if args.vectors.is_empty() {
        jwtproof_harness::default_vector_paths(&crate::paths::root().join("vectors"))
    } else {
        args.vectors.clone()
    };
    let corpus = jwtproof_vectors::load(&paths).map_err(|e| e.to_string())?;
    // A run of part of the corpus (`--vectors`) neither calls a listed case
    // it did not load stale nor drops it when blessing.
    let whole_corpus = args.vectors.is_empty();
    let all = registry_with(&args.registries, args.expectations.as_deref())?;
    let everything = args.implementations.iter().any(|n| n == "all");
    let mut chosen: Vec<&Known> = Vec::new();
    if args.implementations.is_empty() || everything {
        chosen.extend(all.iter().filter(|k| k.default || everything));
    } else {
        for name in &args.implementations {
            match all.iter().find(|k| k.implementation.name() == name) {
                Some(k) => chosen.push(k),
                None => {
                    let names: Vec<&str> = all.iter().map(|k| k.implementation.name()).collect();
                    return Err(format!("unknown implementation {name:?}; known: {}, all", names.join(", ")));
                }
            }
        }
    }
    let wanted: Vec<&dyn Implementation> = chosen.iter().map(|k| k.implementation.as_ref()).collect();
    let started = std::time::Instant::now();
    let results = jwtproof_harness::run(&corpus, &wanted);
    let elapsed = started.elapsed();

    // Third-party implementations are compared with their expectations.
    let mut info: BTreeMap<String, ImplInfo> = BTreeMap::new();
    let mut comparisons: Vec<(String, Comparison)> = Vec::new();
    let mut unbaselined: Vec<(String, PathBuf)> = Vec::new();
    for known in &chosen {
        let imp = known.implementation.as_ref();
        let name = imp.name().to_owned();
        let mut entry = ImplInfo { version: imp.version(), ..ImplInfo::default() };
        if let Some(path) = &known.expectations {
            let path = path.clone();
            let expectations = Expectations::load(&path, &name)?;
            if args.bless {
                let blessed = expectations.blessed_run(&results, whole_corpus);
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                }
                std::fs::write(&path, blessed.to_json_string()).map_err(|e| format!("{}: {e}", path.display()))?;
                eprintln!("blessed {} ({} deviations)", path.display(), blessed.deviations.len());
                entry.known = blessed.deviations.into_iter().map(|(k, v)| (k, v.reason)).collect();
            } else if !path.exists() {
                unbaselined.push((name.clone(), path));
            } else {
                let cmp = expectations.compare_run(&results, whole_corpus);
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
    // A first run: every deviation, by what it means, and how to record
    // the baseline.
    for (name, path) in &unbaselined {
        let failing: Vec<&RunResult> = results.iter().filter(|r| &r.implementation == name && r.judged.verdict == Verdict::Fail).collect();
        let counts: Vec<String> = report::impact_counts(&results, name)
            .into_iter()
            .filter(|(c, n)| *n > 0 && *c != "skip")
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        eprintln!(
            "{name}: no expectations file ({}): {} deviations ({}); record them as its baseline with --bless (writes that file), then review each reason{}",
            path.display(),
            failing.len(),
            if counts.is_empty() { "none".to_owned() } else { counts.join(", ") },
            if args.fail_on == FailOn::Any && !failing.is_empty() {
                ""
            } else {
                "; not a failure of this run (--fail-on any makes it one)"
            }
        );
        if args.fail_on == FailOn::Any && !failing.is_empty() {
            ok = false;
        }
    }
    for (name, cmp) in &comparisons {
        let not_run = if cmp.not_run.is_empty() {
            String::new()
        } else {
            format!(" ({} listed ones skipped in this run, e.g. {})", cmp.not_run.len(), cmp.not_run.first().map_or("", String::as_str))
        };
        if cmp.is_clean() {
            eprintln!("{name}: {} known deviations, none new{not_run}", cmp.known.len());
            if args.fail_on == FailOn::Any && !cmp.known.is_empty() {
                ok = false;
            }
            continue;
        }
        if args.fail_on != FailOn::Never {
            ok = false;
        }
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
