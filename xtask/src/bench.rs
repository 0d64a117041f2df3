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

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::SystemTime;

use serde_json::{Value, json};

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

fn fastest(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
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

fn markdown(rows: &[Row], per_process: &[Vec<Row>], paired: &Value, m: &BTreeMap<String, f64>, quick: bool) -> String {
    let mut out = String::from("# jwtproof benchmarks\n\n");
    if quick {
        out.push_str("_Quick run (`--quick`): few samples, rough numbers._\n\n");
    }
    let _ = write!(
        out,
        "One run: the benchmark binaries started {} time(s); every number is the median over the processes of each process's median (criterion samples, each at a different stack position). `floor` = the fastest backend's primitive with a prepared key + base64url-decoding and JSON-parsing header and claims. Ratios are within this run; `per process` is the range of the ratio computed inside each process alone. `paired` is measured apart (`benches/paired.rs`): the reference and each primitive timed in alternating 2 ms batches, the median of the per-round ratios (quartiles in brackets), which a slowdown of the host cannot put on one side only.\n\n",
        per_process.len()
    );
    let _ = write!(
        out,
        "## The reference against the floor\n\n| alg/size | primitive (fastest) | decode | floor | reference (aws-lc-rs) | reference (rustcrypto) | ref ÷ floor | ref ÷ primitive | per process | paired ref ÷ primitive | fastest {} ÷ ref |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
        BASELINE.as_ref().map_or("baseline", |(a, _)| a.as_str())
    );
    let cell = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), ns);
    for r in rows {
        let reference = r.get("reference/aws-lc-rs").or_else(|| r.get("reference/rustcrypto"));
        let primitive_ratio = |row: &Row| -> Option<f64> {
            let reference = row.get("reference/aws-lc-rs").or_else(|| row.get("reference/rustcrypto"))?;
            Some(reference / row.primitive.as_ref()?.1)
        };
        let spread: Vec<f64> =
            per_process.iter().filter_map(|p| p.iter().find(|x| x.group == r.group)).filter_map(primitive_ratio).collect();
        let range = match (spread.iter().copied().reduce(f64::min), spread.iter().copied().reduce(f64::max)) {
            (Some(lo), Some(hi)) if spread.len() > 1 => format!("{lo:.2}–{hi:.2}×"),
            _ => "–".to_owned(),
        };
        let paired_cell =
            paired_ratio(paired, &r.group).map_or_else(|| "–".to_owned(), |(b, x, q1, q3)| format!("{x:.3}× [{q1:.3}–{q3:.3}] ({b})"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {range} | {paired_cell} | {} |",
            r.group,
            r.primitive.as_ref().map_or_else(|| "–".to_owned(), |(b, v)| format!("{} ({b})", ns(*v))),
            cell(r.decode),
            cell(r.floor()),
            cell(r.get("reference/aws-lc-rs")),
            cell(r.get("reference/rustcrypto")),
            ratio(reference, r.floor()),
            ratio(reference, r.primitive.as_ref().map(|p| p.1)),
            BASELINE.as_ref().map_or_else(|| "–".to_owned(), |(a, b)| ratio(fastest(r.get(a), r.get(b)), reference)),
        );
    }
    out.push_str(
        "\n## In-process libraries (key prepared once; each cell: median, and ÷ the reference with the default backend)\n\n| alg/size |",
    );
    let libraries = IMPLS.get(2..).unwrap_or_default();
    for imp in libraries {
        let _ = write!(out, " {} |", label(imp));
    }
    out.push_str("\n|---|");
    for _ in libraries {
        out.push_str("---|");
    }
    out.push('\n');
    for r in rows {
        let reference = r.get("reference/aws-lc-rs").or_else(|| r.get("reference/rustcrypto"));
        let _ = write!(out, "| {} |", r.group);
        for imp in libraries {
            let v = r.get(imp);
            let text = match v {
                Some(x) => format!("{} ({})", ns(x), ratio(Some(x), reference)),
                None => "–".to_owned(),
            };
            let _ = write!(out, " {text} |");
        }
        out.push('\n');
    }
    let no_claims: Vec<String> =
        REGISTRY.iter().flat_map(|r| r.in_process()).filter(|(_, run)| !run.checks_exp).map(|(e, _)| e.name.clone()).collect();
    let _ = writeln!(
        out,
        "\n`–`: the library lacks the algorithm (each adapter's `prepared`, crates/adapters/src/<name>_adapter.rs).{}",
        if no_claims.is_empty() {
            String::new()
        } else {
            format!(" {} check(s) no claims (`checks_exp: false` in implementations.json).", no_claims.join(", "))
        }
    );
    let others: Vec<(&String, &f64)> = m.iter().filter(|(k, _)| k.starts_with("reject/") || k.starts_with("corpus/")).collect();
    if !others.is_empty() {
        out.push_str("\n| rejection path or corpus run | median |\n|---|---|\n");
        for (k, v) in others {
            let extra = k
                .strip_prefix("corpus/reference/")
                .and_then(|rest| rest.strip_suffix("-cases"))
                .and_then(|n| n.parse::<f64>().ok())
                .map_or(String::new(), |n| format!(" ({:.0} cases/s)", n / (*v / 1e9)));
            let _ = writeln!(out, "| {k} | {}{extra} |", ns(*v));
        }
    }
    out
}

fn report_json(rows: &[Row], m: &BTreeMap<String, f64>, quick: bool) -> Value {
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "group": r.group,
                "primitive": r.primitive.as_ref().map(|(b, v)| json!({"backend": b, "ns": v})),
                "decode_ns": r.decode,
                "floor_ns": r.floor(),
                "implementations": r.impls.iter().map(|(n, v)| (n.clone(), json!(v))).collect::<serde_json::Map<_, _>>(),
            })
        })
        .collect();
    json!({ "format": "jwtproof-bench/2", "quick": quick, "unit": "ns (median over processes of each process's median)", "rows": rows, "all": m })
}

/// A horizontal bar chart on a log scale: one band per algorithm (small
/// tokens), one bar per implementation, the floor marked by a line.
fn chart(rows: &[Row]) -> String {
    let rows: Vec<&Row> = rows.iter().filter(|r| r.group.ends_with("/small")).collect();
    let colors = ["#1b7837", "#7fbf7b", "#e08214", "#fdb863", "#762a83", "#2166ac", "#b2182b", "#4d4d4d", "#8c510a", "#01665e", "#c51b7d"];
    let (left, width, bar, gap) = (110.0, 640.0, 11.0, 14.0);
    let (lo, hi) = (100f64.log10(), 1_000_000f64.log10());
    let x = |v: f64| left + (v.max(100.0).log10() - lo) / (hi - lo) * width;
    let band = IMPLS.len() as f64 * bar + gap;
    let legend_rows = IMPLS.len().div_ceil(4) as f64;
    let height = 60.0 + rows.len() as f64 * band + 30.0 + legend_rows * 16.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{left}\" y=\"18\" font-size=\"14\">Time per verification (median, log scale); black line: floor (fastest primitive + decode)</text>\n",
        left + width + 90.0
    );
    for (i, tick) in [100.0, 1_000.0, 10_000.0, 100_000.0, 1_000_000.0].iter().enumerate() {
        let tx = x(*tick);
        let label = ["100 ns", "1 µs", "10 µs", "100 µs", "1 ms"].get(i).copied().unwrap_or("");
        let _ = writeln!(
            s,
            "<line x1=\"{tx}\" y1=\"30\" x2=\"{tx}\" y2=\"{}\" stroke=\"#ddd\"/><text x=\"{tx}\" y=\"{}\" text-anchor=\"middle\">{label}</text>",
            height - 20.0 - legend_rows * 16.0,
            height - 6.0 - legend_rows * 16.0
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let top = 40.0 + i as f64 * band;
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-weight=\"bold\">{}</text>",
            left - 8.0,
            top + band / 2.0,
            r.group.trim_end_matches("/small")
        );
        for (j, imp) in IMPLS.iter().enumerate() {
            let y = top + j as f64 * bar;
            if let Some(v) = r.get(imp) {
                let color = colors.get(j).copied().unwrap_or("#888");
                let _ = writeln!(
                    s,
                    "<rect x=\"{left}\" y=\"{y}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{color}\"><title>{}: {}</title></rect>",
                    x(v) - left,
                    bar - 2.0,
                    label(imp),
                    ns(v)
                );
                let _ = writeln!(s, "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\">{}</text>", x(v) + 3.0, y + bar - 3.0, ns(v));
            }
        }
        if let Some(f) = r.floor() {
            let fx = x(f);
            let _ = writeln!(
                s,
                "<line x1=\"{fx:.1}\" y1=\"{top}\" x2=\"{fx:.1}\" y2=\"{:.1}\" stroke=\"black\" stroke-width=\"2\"><title>floor: {}</title></line>",
                top + IMPLS.len() as f64 * bar,
                ns(f)
            );
        }
    }
    for (j, imp) in IMPLS.iter().enumerate() {
        let lx = left + (j % 4) as f64 * 170.0;
        let ly = height - 8.0 - (legend_rows - 1.0 - (j / 4) as f64) * 16.0;
        let _ = writeln!(
            s,
            "<rect x=\"{lx}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{ly}\">{}</text>",
            ly - 9.0,
            colors.get(j).copied().unwrap_or("#888"),
            lx + 14.0,
            label(imp)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// One measurement of an external adapter: (implementation, alg, ns,
/// whether the token had no time claims and the adapter's bare-loop
/// overhead per call where it measures one, or why not measured).
type ExternalResult = (String, String, Result<(f64, bool, Option<f64>), String>);

/// The adapters in other languages, timed inside their own process on the
/// same small tokens (median of three loops). Reported apart: the method
/// differs from criterion's and includes the adapter's own per-call work.
fn external(root: &Path, registries: &[std::path::PathBuf], quick: bool) -> Result<Vec<ExternalResult>, String> {
    let keys = jwtproof_gen::Keys::load(&root.join("vectors/keys"))?;
    let wall_now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(1_700_000_100, |d| d.as_secs() as i64);
    let mut file = jwtproof_vectors::VectorFile {
        path: PathBuf::from("bench.json"),
        name: "bench".to_owned(),
        description: String::new(),
        source: String::new(),
        keys: BTreeMap::new(),
        tests: Vec::new(),
    };
    // Per algorithm: the criterion token, and the same claims without `iat`
    // and `exp` for adapters of libraries that check no claims (they answer
    // `unsupported` for a token whose time claims they would ignore).
    for alg in ALGS {
        let name = key_name(alg);
        file.keys.insert(name.to_owned(), public(keys.get(name)));
        let untimed = r#"{"sub":"1234567890","name":"John Doe","iss":"https://issuer.example"}"#;
        for (suffix, payload) in [("", claims("small")), ("-untimed", untimed.to_owned())] {
            let token = jwtproof_gen::token(alg, keys.get(name), &header(alg), &payload);
            // At the wall clock: the tokens are valid now (exp 2100), and
            // the `bench` request says so (`wall_clock`), so no adapter fakes
            // a clock inside its timed loop.
            let validation = jwtproof_gen::V::new(&[alg], wall_now).0;
            file.tests.push(jwtproof_vectors::Case {
                id: format!("bench-{}{suffix}", alg.to_lowercase()),
                description: String::new(),
                token,
                key: Some(name.to_owned()),
                validation,
                expected: jwtproof_vectors::Expected::Valid,
                error: None,
                flags: Vec::new(),
                impact: None,
                basis: None,
                baseline: None,
            });
        }
    }
    let mut adapters = jwtproof_adapters::external_subprocesses(root)?;
    for path in registries {
        let registry = jwtproof_adapters::registry::Registry::load_file(path)?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        adapters.extend(jwtproof_adapters::subprocesses(&registry, &std::fs::canonicalize(&dir).unwrap_or(dir)));
    }
    let mut out = Vec::new();
    for adapter in adapters {
        use jwtproof_harness::Implementation as _;
        let name = adapter.name().to_owned();
        if let Err(why) = adapter.info() {
            eprintln!("bench: {name} unavailable: {why}");
            continue;
        }
        for (alg, cases) in ALGS.iter().zip(file.tests.chunks(2)) {
            let iterations = match (alg.starts_with("HS"), quick) {
                (true, false) => 2000,
                (true, true) => 200,
                (false, false) => 100,
                (false, true) => 10,
            };
            let measure = |case: &jwtproof_vectors::Case| -> Result<(f64, Option<f64>), String> {
                let input = jwtproof_harness::CaseInput { file: &file, case, key: file.key_for(case) };
                // Median of three loops; one in a quick run (each loop is a
                // protocol request, and the requests dominate a smoke run).
                let mut runs: Vec<(f64, Option<f64>)> = Vec::new();
                for _ in 0..(if quick { 1 } else { 3 }) {
                    runs.push(adapter.bench(&input, iterations)?);
                }
                runs.sort_by(|a, b| a.0.total_cmp(&b.0));
                runs.get(runs.len() / 2).copied().ok_or_else(|| "no measurement".to_owned())
            };
            let result = match cases {
                [timed, untimed] => match measure(timed) {
                    Ok((v, o)) => Ok((v, false, o)),
                    Err(first) => measure(untimed).map(|(v, o)| (v, true, o)).map_err(|_| first),
                },
                _ => Err("no benchmark token".to_owned()),
            };
            out.push((name.clone(), (*alg).to_owned(), result));
        }
    }
    Ok(out)
}

fn external_markdown(results: &[ExternalResult], quick: bool) -> String {
    if results.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n## External implementations (inside the adapter process)\n\nMeasured through the subprocess protocol's `bench` request: a loop of verifications inside the adapter process (start-up not measured; the adapter's own per-call mapping included; tokens valid at the wall clock, no clock faked), {}, small tokens. Not directly comparable with the criterion numbers above.\n\n| implementation |",
        if quick { "one loop (quick run)" } else { "median of three loops" }
    );
    for alg in ALGS {
        let _ = write!(out, " {alg} |");
    }
    out.push_str("\n|---|");
    for _ in ALGS {
        out.push_str("---|");
    }
    out.push('\n');
    let mut names: Vec<&String> = Vec::new();
    for (n, _, _) in results {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    for n in names {
        let _ = write!(out, "| {n} |");
        for alg in ALGS {
            let cell = results.iter().find(|(i, a, _)| i == n && a == alg).map_or_else(
                || "–".to_owned(),
                |(_, _, r)| match r {
                    Ok((v, untimed, overhead)) => format!(
                        "{}{}{}",
                        ns(*v),
                        if *untimed { " †" } else { "" },
                        overhead.map_or(String::new(), |o| format!(" (loop {})", ns(o)))
                    ),
                    Err(_) => "n/a".to_owned(),
                },
            );
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    out.push_str("\n† a token without `iat`/`exp`: the library checks no claims, and its adapter refuses to call a token with time claims valid. n/a: the library lacks the algorithm (or the adapter does not answer `bench`). (loop …): the adapter's own cost per call, the same loop around a call that does nothing, where the adapter measures it (Python, Node). Tokens are valid at the wall clock and `validation.now` is the wall clock: no clock is faked inside the timed loop.\n");
    out
}
