//! The conformance run: vector files against implementations, the
//! summary, the reports, third-party implementations compared with their
//! expectations files. Shared by the installed `jwtproof` binary (the
//! reference and the implementations of `--registry` files, the embedded
//! corpus) and `cargo xtask conformance` (in a checkout: also the project's
//! own implementations and `vectors/`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jwtproof_harness::expectations::{Comparison, Expectations};
use jwtproof_harness::report::{self, ImplInfo};
use jwtproof_harness::{Implementation, Reference, RunResult, Verdict};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A vector file or directory (repeatable; default: the project's
    /// corpus, vectors/ except vectors/imported/ (the third-party corpora);
    /// the installed binary has it embedded).
    #[arg(long = "vectors", value_name = "PATH")]
    pub vectors: Vec<PathBuf>,
    /// An implementation to run (repeatable; default: the reference and
    /// the implementations of `--registry` files, or in a checkout without
    /// `--registry` every in-process adapter; `all`: every one known).
    #[arg(long = "impl", value_name = "NAME")]
    pub implementations: Vec<String>,
    /// Report formats to write (repeatable: json, md, junit, html; default all).
    #[arg(long = "format", value_name = "FORMAT")]
    pub formats: Vec<String>,
    /// Where to write reports (default: target/conformance in a checkout,
    /// else jwtproof-report/ in the current directory).
    #[arg(long = "out", value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Print the JSON report on stdout instead of the summary.
    #[arg(long)]
    pub json_stdout: bool,
    /// Also print verdicts per vector file and per flag.
    #[arg(long)]
    pub detailed: bool,
    /// Rewrite each third-party implementation's expectations file with the
    /// deviations observed (keeping reviewed reasons).
    #[arg(long)]
    pub bless: bool,
    /// A registry of implementations outside this checkout, in the format
    /// of `implementations.json` (protocol entries; `{dir}` in a command is
    /// the file's directory). Repeatable. Its implementations are the
    /// default set, with the reference.
    #[arg(long = "registry", value_name = "FILE")]
    pub registries: Vec<PathBuf>,
    /// Where the expectations of the `--registry` implementations are read
    /// and `--bless` writes them (default: `expectations/` next to each
    /// registry file). The project's own implementations keep theirs.
    #[arg(long = "expectations", value_name = "DIR")]
    pub expectations: Option<PathBuf>,
    /// When the run fails: `new` (default) on a deviation its expectations
    /// file does not list or a listed one that no longer deviates (an
    /// implementation without an expectations file is reported in full and
    /// does not fail: record its baseline with `--bless`); `any` on every
    /// deviation, listed or not; `never` only when the reference fails.
    #[arg(long = "fail-on", value_name = "WHEN", default_value = "new")]
    pub fail_on: FailOn,
}

/// When a conformance run exits non-zero (`--fail-on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// A new or stale deviation of an implementation with expectations.
    New,
    /// Any deviation.
    Any,
    /// Only a failure of the reference.
    Never,
}

/// An implementation the runner knows, whether it is in the default set,
/// and its expectations file (none for the reference).
pub struct Known {
    /// The implementation.
    pub implementation: Box<dyn Implementation>,
    /// Whether a run without `--impl` runs it.
    pub default: bool,
    /// Its expectations file (`None` for the reference, judged exactly).
    pub expectations: Option<PathBuf>,
    /// The language it is written in (its registry entry's), as reports show it.
    pub language: Option<String>,
}

/// What the runner starts from.
pub struct Project {
    /// The implementations known before any `--registry`: the reference
    /// and, in a checkout, the project's own.
    pub known: Vec<Known>,
    /// A jwtproof checkout: its `vectors/` are the default corpus, its
    /// `target/conformance` the default output, `{root}` in its registry's
    /// commands. `None` for the installed binary (the embedded corpus; a
    /// registry's adapters run in that registry's directory).
    pub root: Option<PathBuf>,
}

impl Project {
    /// The installed binary's start: the reference alone.
    pub fn standalone() -> Self {
        Project {
            known: vec![Known {
                implementation: Box::new(Reference),
                default: true,
                expectations: None,
                language: Some("Rust".to_owned()),
            }],
            root: None,
        }
    }
}

/// `known`, then the implementations of `extra` registries (outside the
/// checkout), whose expectations are in `extra_expectations` (default:
/// `expectations/` next to each registry file). With any, the default set
/// is the reference and theirs.
pub fn add_registries(
    mut all: Vec<Known>,
    extra: &[PathBuf],
    extra_expectations: Option<&Path>,
    root: Option<&Path>,
) -> Result<Vec<Known>, String> {
    if !extra.is_empty() {
        for k in &mut all {
            k.default = k.expectations.is_none();
        }
    }
    for path in extra {
        let registry = jwtproof_harness::registry::Registry::load_file(path)?;
        if let Some(e) = registry.in_process().next() {
            return Err(format!(
                "{}: {:?} is in-process: an outside registry lists protocol adapters only (an in-process adapter is part of this workspace)",
                path.display(),
                e.0.name
            ));
        }
        let dir =
            path.parent().filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf).unwrap_or_else(|| std::path::PathBuf::from("."));
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        let expectations = extra_expectations.map_or_else(|| dir.join("expectations"), Path::to_path_buf);
        for sub in jwtproof_harness::registry::subprocesses(&registry, root.unwrap_or(&dir)) {
            let name = sub.name().to_owned();
            if all.iter().any(|k| k.implementation.name() == name) {
                return Err(format!("{}: {name:?} is already an implementation the runner knows; choose another name", path.display()));
            }
            let language = registry.entries.iter().find(|e| e.name == name).map(|e| e.language.clone());
            all.push(Known {
                implementation: Box::new(sub),
                default: true,
                expectations: Some(expectations.join(format!("{name}.json"))),
                language,
            });
        }
    }
    Ok(all)
}

/// The corpus of a run: `--vectors`, else the checkout's `vectors/`, else
/// the embedded one.
fn corpus(args: &Args, root: Option<&Path>) -> Result<jwtproof_vectors::Corpus, String> {
    if !args.vectors.is_empty() {
        return jwtproof_vectors::load(&args.vectors).map_err(|e| e.to_string());
    }
    match root {
        Some(root) => jwtproof_vectors::load(&jwtproof_harness::default_vector_paths(&root.join("vectors"))).map_err(|e| e.to_string()),
        None => {
            let files: Vec<(PathBuf, &str)> = crate::corpus::FILES.iter().map(|(p, t)| (Path::new("vectors").join(p), *t)).collect();
            jwtproof_vectors::load_texts(files.iter().map(|(p, t)| (p.as_path(), *t))).map_err(|e| e.to_string())
        }
    }
}

/// Runs the corpus against the chosen implementations, writes the reports,
/// compares (or with `--bless` records) expectations; the exit status
/// follows `--fail-on`.
pub fn run(args: &Args, project: Project) -> Result<ExitCode, String> {
    let root = project.root.as_deref();
    let corpus = corpus(args, root)?;
    // A run of part of the corpus (`--vectors`) neither calls a listed case
    // it did not load stale nor drops it when blessing.
    let whole_corpus = args.vectors.is_empty();
    let all = add_registries(project.known, &args.registries, args.expectations.as_deref(), root)?;
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
        let mut entry = ImplInfo { version: imp.version(), language: known.language.clone(), ..ImplInfo::default() };
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

    write_reports(args, root, &results, &info)?;
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

fn write_reports(args: &Args, root: Option<&Path>, results: &[RunResult], info: &BTreeMap<String, ImplInfo>) -> Result<(), String> {
    let dir = args.out.clone().unwrap_or_else(|| root.map_or_else(|| PathBuf::from("jwtproof-report"), |r| r.join("target/conformance")));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let formats: Vec<&str> =
        if args.formats.is_empty() { vec!["json", "md", "junit", "html"] } else { args.formats.iter().map(String::as_str).collect() };
    for f in formats {
        let (name, text) = match f {
            "json" => {
                let mut json = report::to_json(results);
                if let Some(map) = json.as_object_mut() {
                    // Per implementation: the language (its registry entry's) and
                    // the version its adapter read from the installed library.
                    let implementations: serde_json::Map<String, serde_json::Value> =
                        info.iter().map(|(k, v)| (k.clone(), serde_json::json!({"language": v.language, "version": v.version}))).collect();
                    map.insert("implementations".into(), serde_json::Value::Object(implementations));
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
