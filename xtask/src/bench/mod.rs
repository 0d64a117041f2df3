//! `cargo xtask bench [--quick]`: runs the criterion benchmarks
//! (`benches/verify.rs`) and writes `target/bench/report.{md,json}` and
//! `target/bench/chart.svg`: time per verification for every
//! implementation and algorithm, as ratios to the cryptographic floor, all
//! from the same run (the machine is noisy; numbers from different runs are
//! not compared).
//!
//! A run starts the benchmark binaries several times (`--processes`, 3 by
//! default) and reports, per benchmark, the median of the processes'
//! medians. Within a process every sample runs at a different stack
//! position (`benches/layout.rs`), but some layout is fixed per process
//! (heap and code addresses under ASLR): the same Ed25519 code measured
//! 29.1 µs in one process and 31.5 µs in the next. The report keeps every
//! process's medians and shows how far the key ratios moved between them.

use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::SystemTime;

mod chart;
mod external;
mod report;

use chart::chart;
use external::{external, external_markdown};
use report::{markdown, report_json};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// A short smoke run (about two minutes): fewer samples, shorter
    /// measurement; the numbers are rough.
    #[arg(long)]
    quick: bool,
    /// Only benchmarks whose id matches this regular expression.
    #[arg(long)]
    filter: Option<String>,
    /// Skip the adapters in other languages (measured through the
    /// protocol's `bench` request).
    #[arg(long)]
    no_external: bool,
    /// How many times to start the benchmark binaries (each a fresh
    /// process, so a fresh address-space layout); each benchmark reports
    /// the median of the processes' medians. Default 3 (`--quick`: 1).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=15))]
    processes: Option<u32>,
    /// A registry of implementations outside this checkout (the format of
    /// `implementations.json`, as for `conformance --registry`): its
    /// protocol adapters are measured with the project's through the
    /// protocol's `bench` request. Repeatable.
    #[arg(long = "registry", value_name = "FILE")]
    registries: Vec<std::path::PathBuf>,
}

use jwtproof_benches::{ALGS, claims, header, key_name, public};

/// The criterion ids of the implementations, in report order: the
/// reference with each backend, then each in-process library of the
/// registry (`implementations.json`), its aws-lc-rs variant first where it
/// has one (`bench_providers`; measured by `benches/aws_lc_rs.rs`).
static IMPLS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let mut out = vec!["reference/aws-lc-rs".to_owned(), "reference/rustcrypto".to_owned()];
    for (entry, run) in REGISTRY.iter().flat_map(|r| r.in_process()) {
        if run.bench_providers.contains(&jwtproof_adapters::registry::Provider::AwsLcRs) {
            out.push(format!("{}-aws-lc-rs", entry.name));
        }
        out.push(entry.name.clone());
    }
    out
});

/// The project's registry, read once (`None`, said on stderr, when it
/// cannot be read: the report then has the reference only).
static REGISTRY: std::sync::LazyLock<Option<jwtproof_adapters::registry::Registry>> = std::sync::LazyLock::new(|| {
    jwtproof_adapters::registry::Registry::load(&crate::paths::root()).inspect_err(|e| eprintln!("bench: {e}: no library is reported")).ok()
});

/// The library the report compares the reference with (the registry's
/// `bench_baseline`), with its aws-lc-rs id when it has one.
static BASELINE: std::sync::LazyLock<Option<(String, String)>> = std::sync::LazyLock::new(|| {
    let (entry, _) = REGISTRY.as_ref()?.in_process().find(|(_, run)| run.bench_baseline)?;
    Some((entry.name.clone(), format!("{}-aws-lc-rs", entry.name)))
});

/// The label of an implementation in tables and the chart.
fn label(imp: &str) -> String {
    match imp {
        "reference/aws-lc-rs" => "reference (aws-lc-rs)".to_owned(),
        "reference/rustcrypto" => "reference (rustcrypto)".to_owned(),
        other => match other.strip_suffix("-aws-lc-rs") {
            Some(library) => format!("{library} (aws-lc-rs)"),
            None => other.to_owned(),
        },
    }
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let root = crate::paths::root();
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    cmd.current_dir(&root).args(["bench", "-p", "jwtproof-benches", "--bench", "verify", "--bench", "aws_lc_rs", "--"]);
    let processes = args.processes.unwrap_or(if args.quick { 1 } else { 3 });
    // criterion's own plots are not used (the report draws one chart).
    cmd.arg("--noplot");
    if args.quick {
        // Few resamples: only criterion's confidence intervals depend on
        // them (the report uses the sample median); 100,000 took most of
        // a quick run's time.
        cmd.args(["--warm-up-time", "0.2", "--measurement-time", "0.3", "--sample-size", "10", "--nresamples", "1000"]);
    } else {
        // About 2 s per benchmark and process (criterion's default is 8 s):
        // three processes took 36 minutes on 2 cores here.
        cmd.args(["--warm-up-time", "0.5", "--measurement-time", "1.5"]);
    }
    if let Some(f) = &args.filter {
        cmd.arg(f);
    } else if args.quick {
        // The small tokens only (the 4 KiB rows add little to a smoke run).
        cmd.arg("small|reject|corpus");
    }
    let mut per_process: Vec<BTreeMap<String, f64>> = Vec::new();
    for i in 1..=processes {
        eprintln!("bench: process {i} of {processes}");
        let since = SystemTime::now();
        let status = cmd.status().map_err(|e| format!("cannot run cargo bench: {e}"))?;
        if !status.success() {
            return Err(format!("cargo bench failed: {status}"));
        }
        let medians = collect(&root.join("target/criterion"), since)?;
        if medians.is_empty() {
            return Err("no benchmark results from this run".to_owned());
        }
        per_process.push(medians);
    }
    let medians = median_of(&per_process);
    let paired = paired(&root, &cmd_program(), args.quick)?;
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let rows = rows_of(&medians);
    let write = |name: &str, text: String| -> Result<(), String> {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
        Ok(())
    };
    let external = if args.no_external { Vec::new() } else { external(&root, &args.registries, args.quick)? };
    let per_rows: Vec<Vec<Row>> = per_process.iter().map(rows_of).collect();
    let mut md = markdown(&rows, &per_rows, &paired, &medians, args.quick);
    md.push_str(&external_markdown(&external, args.quick));
    write("report.md", md.clone())?;
    let mut json = report_json(&rows, &medians, args.quick);
    if let Some(map) = json.as_object_mut() {
        map.insert("processes".into(), json!(per_process));
        map.insert("paired".into(), paired.clone());
    }
    if let Some(map) = json.as_object_mut() {
        let ext: Vec<Value> = external
            .iter()
            .map(|(imp, alg, r)| {
                json!({"implementation": imp, "alg": alg, "ns": r.as_ref().ok().map(|x| x.0), "token_without_time_claims": r.as_ref().ok().map(|x| x.1), "adapter_overhead_ns": r.as_ref().ok().and_then(|x| x.2), "error": r.as_ref().err()})
            })
            .collect();
        map.insert(
            "external".into(),
            json!({"method": if args.quick { "inside the adapter process, protocol `bench` request, one loop (quick run)" } else { "inside the adapter process, protocol `bench` request, median of 3 loops" }, "results": ext}),
        );
    }
    write("report.json", serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?)?;
    write("chart.svg", chart(&rows))?;
    println!("{md}");
    Ok(ExitCode::SUCCESS)
}

/// Median ns of every benchmark written since `since`, by full id.
fn collect(dir: &Path, since: SystemTime) -> Result<BTreeMap<String, f64>, String> {
    let mut out = BTreeMap::new();
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.file_name().and_then(|n| n.to_str()) != Some("benchmark.json") || !path.parent().is_some_and(|p| p.ends_with("new")) {
                continue;
            }
            let estimates = path.with_file_name("estimates.json");
            let fresh = std::fs::metadata(&estimates).and_then(|m| m.modified()).is_ok_and(|t| t >= since);
            if !fresh {
                continue;
            }
            let read = |p: &Path| -> Option<Value> { serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok() };
            let (Some(bench), Some(est)) = (read(&path), read(&estimates)) else { continue };
            let (Some(id), Some(median)) = (bench["full_id"].as_str(), est["median"]["point_estimate"].as_f64()) else { continue };
            out.insert(id.to_owned(), median);
        }
    }
    Ok(out)
}

/// One row per algorithm and size.
struct Row {
    group: String,
    primitive: Option<(String, f64)>,
    decode: Option<f64>,
    impls: Vec<(String, f64)>,
}

impl Row {
    fn floor(&self) -> Option<f64> {
        Some(self.primitive.as_ref()?.1 + self.decode?)
    }
    fn get(&self, name: &str) -> Option<f64> {
        self.impls.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }
}

fn cmd_program() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Runs `benches/paired.rs` (the reference and each primitive timed in
/// alternating batches; see there) and reads `target/bench/paired.json`.
fn paired(root: &Path, cargo: &str, quick: bool) -> Result<Value, String> {
    let path = root.join("target/bench/paired.json");
    let _ = std::fs::remove_file(&path);
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root).args(["bench", "-p", "jwtproof-benches", "--bench", "paired", "--"]);
    if quick {
        cmd.arg("--quick");
    }
    let status = cmd.status().map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !status.success() {
        return Err(format!("the paired benchmark failed: {status}"));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The paired ratio of the reference to the fastest primitive of `group`
/// (fastest by the paired timing), with its quartiles.
fn paired_ratio(paired: &Value, group: &str) -> Option<(String, f64, f64, f64)> {
    let floors = paired.get(group)?.get("floors")?.as_object()?;
    let (backend, best) = floors
        .iter()
        .filter_map(|(b, v)| Some((b, v, v.get("floor_ns")?.as_f64()?)))
        .min_by(|a, b| a.2.total_cmp(&b.2))
        .map(|(b, v, _)| (b.clone(), v))?;
    Some((backend, best.get("ratio")?.as_f64()?, best.get("ratio_q1")?.as_f64()?, best.get("ratio_q3")?.as_f64()?))
}

/// Per benchmark, the median of its medians in the processes that measured
/// it (the lower middle value for an even count).
fn median_of(runs: &[BTreeMap<String, f64>]) -> BTreeMap<String, f64> {
    let mut all: BTreeMap<&String, Vec<f64>> = BTreeMap::new();
    for run in runs {
        for (k, v) in run {
            all.entry(k).or_default().push(*v);
        }
    }
    all.into_iter()
        .filter_map(|(k, mut v)| {
            v.sort_by(f64::total_cmp);
            let mid = v.get((v.len() - 1) / 2).copied()?;
            Some((k.clone(), mid))
        })
        .collect()
}

fn rows_of(m: &BTreeMap<String, f64>) -> Vec<Row> {
    let mut rows = Vec::new();
    for alg in ALGS {
        for size in ["small", "4k"] {
            let group = format!("{alg}/{size}");
            let primitive = ["aws-lc-rs", "rustcrypto", "dalek-precomputed"]
                .iter()
                .filter_map(|b| m.get(&format!("{group}/floor/{b}")).map(|v| ((*b).to_owned(), *v)))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            let decode = m.get(&format!("{group}/floor/decode")).copied();
            let impls: Vec<(String, f64)> = IMPLS.iter().filter_map(|i| m.get(&format!("{group}/{i}")).map(|v| (i.clone(), *v))).collect();
            if primitive.is_some() || !impls.is_empty() {
                rows.push(Row { group, primitive, decode, impls });
            }
        }
    }
    rows
}

fn ns(v: f64) -> String {
    if v >= 1000.0 { format!("{:.1} µs", v / 1000.0) } else { format!("{v:.0} ns") }
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}×", a / b),
        _ => "–".to_owned(),
    }
}

fn fastest(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
