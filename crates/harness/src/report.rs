//! Reports: the summary table people read, a failure text that reproduces
//! the case, and JSON, Markdown and JUnit files.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jwtproof_vectors::{Case, VectorFile};
use serde_json::{Value, json};

use crate::outcome::{COST_RUNS, Cost, Outcome, SLOW_FLOOR, SLOW_RATIO, Verdict, format_duration};
use crate::result::RunResult;
use jwtproof_vectors::Expected;

/// Pass, other-reason, fail and skip counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Cases that passed.
    pub passed: usize,
    /// Invalid cases rejected for another reason than the one under test
    /// ([`Verdict::OtherReason`]): not counted in `passed`.
    pub other: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Cases skipped.
    pub skipped: usize,
}

impl Counts {
    fn add(&mut self, v: &Verdict) {
        match v {
            Verdict::Pass => self.passed += 1,
            Verdict::OtherReason => self.other += 1,
            Verdict::Fail => self.failed += 1,
            Verdict::Skip => self.skipped += 1,
        }
    }

    /// All the cases counted.
    pub fn total(&self) -> usize {
        self.passed + self.other + self.failed + self.skipped
    }
}

/// The group of a file: its directory below `vectors/` (e.g. `attacks`),
/// or its file name for a file outside it.
pub fn group_of(result: &RunResult) -> String {
    let path = result.file.to_string_lossy().replace('\\', "/");
    match path.rsplit_once("vectors/") {
        Some((_, rest)) => rest.trim_end_matches(".json").to_owned(),
        None => result.file.file_stem().map_or_else(|| path.clone(), |s| s.to_string_lossy().into_owned()),
    }
}

/// Counts per implementation, per key.
pub fn tally(results: &[RunResult], key: impl Fn(&RunResult) -> Vec<String>) -> BTreeMap<(String, String), Counts> {
    let mut map: BTreeMap<(String, String), Counts> = BTreeMap::new();
    for r in results {
        for k in key(r) {
            map.entry((r.implementation.clone(), k)).or_default().add(&r.judged.verdict);
        }
    }
    map
}

/// The top-level group of a result: its directory below `vectors/` (e.g.
/// `attacks`), or its file name for a file outside it.
pub fn top_group_of(result: &RunResult) -> String {
    let g = group_of(result);
    g.split_once('/').map_or(g.clone(), |(top, _)| top.to_owned())
}

/// The summary people read, one screen: cases and verdicts per vector group
/// (for the reference, or the first implementation), a line per
/// implementation, and the reference's failures (which are bugs; other
/// implementations' failures are in the reports and their expectations).
pub fn summary(results: &[RunResult]) -> String {
    let mut impls: Vec<&str> = Vec::new();
    for r in results {
        if !impls.contains(&r.implementation.as_str()) {
            impls.push(&r.implementation);
        }
    }
    let main = if impls.contains(&"reference") { "reference" } else { impls.first().copied().unwrap_or_default() };
    let mut out = String::new();
    let groups = tally(results, |r| if r.implementation == main { vec![top_group_of(r)] } else { Vec::new() });
    let gw = groups.keys().map(|(_, g)| g.len()).max().unwrap_or(0).max("vectors".len());
    let _ =
        writeln!(out, "{:<gw$}  {:>6}  {:>6}  {:>6}  {:>6}  {:>7}   ({main})", "vectors", "cases", "passed", "other", "failed", "skipped");
    let _ = writeln!(out, "{}", "-".repeat(gw + 41));
    for ((_, g), c) in &groups {
        let _ = writeln!(out, "{g:<gw$}  {:>6}  {:>6}  {:>6}  {:>6}  {:>7}", c.total(), c.passed, c.other, c.failed, c.skipped);
    }
    out.push('\n');
    let totals = tally(results, |_| vec![String::new()]);
    let iw = impls.iter().map(|i| i.len()).max().unwrap_or(0).max("implementation".len());
    let _ = writeln!(
        out,
        "{:<iw$}  {:>6}  {:>6}  {:>6}  {:>6}  {:>7}  {:>4}",
        "implementation", "cases", "passed", "other", "failed", "skipped", "slow"
    );
    let _ = writeln!(out, "{}", "-".repeat(iw + 47));
    let mut kindless = Vec::new();
    for i in &impls {
        if let Some(c) = totals.get(&((*i).to_owned(), String::new())) {
            let slow = results.iter().filter(|r| r.implementation == *i && r.is_slow()).count();
            let other = if reports_kinds(results, i) {
                c.other.to_string()
            } else {
                kindless.push(*i);
                "n/a".to_owned()
            };
            let _ = writeln!(out, "{i:<iw$}  {:>6}  {:>6}  {other:>6}  {:>6}  {:>7}  {slow:>4}", c.total(), c.passed, c.failed, c.skipped);
        }
    }
    out.push_str("(other: invalid cases rejected with another error kind than the one under test; not counted as passed)\n");
    if !kindless.is_empty() {
        let _ = writeln!(out, "(n/a: the adapter maps no error kind, so a rejection's reason is unknown: {})", kindless.join(", "));
    }
    out.push_str(&impact_summary(results));
    out.push_str(&cost_summary(results));
    let failures: Vec<&RunResult> = results.iter().filter(|r| r.judged.verdict == Verdict::Fail && r.implementation == main).collect();
    if !failures.is_empty() {
        let _ = writeln!(out, "\nfailures of {main}:");
        for r in failures.iter().take(20) {
            let _ = writeln!(out, "  {}: {}", r.id, r.judged.reason);
        }
        if failures.len() > 20 {
            let _ = writeln!(out, "  … and {} more (see the JSON report)", failures.len() - 20);
        }
    }
    out
}

/// The detailed tables (`cargo xtask conformance --detailed`): verdicts per
/// implementation and vector file, and per implementation and flag.
pub fn detailed(results: &[RunResult]) -> String {
    let mut out = String::new();
    for (title, rows) in [("file", tally(results, |r| vec![group_of(r)])), ("flag", tally(results, |r| r.flags.clone()))] {
        let kw = rows.keys().map(|(_, k)| k.len()).max().unwrap_or(0).max(title.len());
        let iw = rows.keys().map(|(i, _)| i.len()).max().unwrap_or(0).max("implementation".len());
        let _ =
            writeln!(out, "{:<iw$}  {:<kw$}  {:>6}  {:>6}  {:>6}  {:>7}", "implementation", title, "passed", "other", "failed", "skipped");
        let _ = writeln!(out, "{}", "-".repeat(iw + kw + 37));
        for ((i, k), c) in &rows {
            let _ = writeln!(out, "{i:<iw$}  {k:<kw$}  {:>6}  {:>6}  {:>6}  {:>7}", c.passed, c.other, c.failed, c.skipped);
        }
        out.push('\n');
    }
    out.push_str(&cost_table_text(results));
    out
}

/// Whether an implementation's adapter maps errors to the spec's kinds:
/// some rejection of its carries a kind. For one that does not, a
/// rejection's reason is unknown and [`Verdict::OtherReason`] cannot be
/// told from a pass; the reports say so once, for the implementation.
pub fn reports_kinds(results: &[RunResult], implementation: &str) -> bool {
    results.iter().any(|r| r.implementation == implementation && matches!(r.actual, Outcome::Invalid(Some(_))))
}

/// The columns of the by-impact tables: the five impacts, most severe
/// first, then the failures that have none (`unclassified`: an accepted
/// invalid case of a file without impacts), then the other outcomes.
pub const IMPACT_COLUMNS: [&str; 9] = [
    "forgery",
    "claim-bypass",
    "denial-of-service",
    "misconfiguration",
    "hardening",
    "unclassified",
    "rejects-valid",
    "other-reason",
    "skip",
];

/// The column of [`IMPACT_COLUMNS`] a result counts under, if any: an
/// accepted invalid case under its impact; a crash, timeout or slow case
/// always under `denial-of-service`; a rejected valid case, a rejection for
/// another reason and a skip under their own column.
pub fn impact_column(r: &RunResult) -> Option<&'static str> {
    match category(r) {
        "accepts-invalid" => Some(r.impact.map_or("unclassified", |i| i.as_str())),
        c if DENIAL_OF_SERVICE.contains(&c) => Some("denial-of-service"),
        "rejects-valid" => Some("rejects-valid"),
        "other-reason" => Some("other-reason"),
        "skip" => Some("skip"),
        _ => None,
    }
}

/// One implementation's counts per [`IMPACT_COLUMNS`] column.
pub fn impact_counts(results: &[RunResult], implementation: &str) -> Vec<(&'static str, usize)> {
    let mine: Vec<&'static str> = results.iter().filter(|r| r.implementation == implementation).filter_map(impact_column).collect();
    IMPACT_COLUMNS.iter().map(|c| (*c, mine.iter().filter(|m| *m == c).count())).collect()
}

/// The console's by-impact table: per implementation, what its failures
/// mean (accepted invalid cases by impact, denial of service), then its
/// rejected valid cases, other-reason rejections and skips. Empty when the
/// run has no classified case.
pub fn impact_summary(results: &[RunResult]) -> String {
    if !results.iter().any(|r| r.impact.is_some()) {
        return String::new();
    }
    let impls = implementations(results);
    let iw = impls.iter().map(String::len).max().unwrap_or(0).max("implementation".len());
    let mut out = String::from(
        "
by impact (accepted invalid cases by what accepting means; crash, timeout and slow are denial-of-service)
",
    );
    let _ = write!(out, "{:<iw$}", "implementation");
    for c in IMPACT_COLUMNS {
        let _ = write!(out, "  {c:>w$}", w = c.len());
    }
    out.push('\n');
    let _ = writeln!(out, "{}", "-".repeat(iw + IMPACT_COLUMNS.iter().map(|c| c.len() + 2).sum::<usize>()));
    for i in &impls {
        let _ = write!(out, "{i:<iw$}");
        for (c, n) in impact_counts(results, i) {
            let _ = write!(out, "  {n:>w$}", w = c.len());
        }
        out.push('\n');
    }
    out
}

/// The Markdown by-impact table (see [`impact_summary`]).
pub fn impact_markdown(results: &[RunResult]) -> String {
    if !results.iter().any(|r| r.impact.is_some()) {
        return String::new();
    }
    let mut out = String::from(
        "## By impact\n\nAccepted invalid cases by what accepting them means (`docs/spec/vector-format.md`); crash, timeout and slow count as denial-of-service.\n\n",
    );
    let _ = writeln!(out, "| implementation | {} |", IMPACT_COLUMNS.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(IMPACT_COLUMNS.len()));
    for i in implementations(results) {
        let cells: Vec<String> = impact_counts(results, &i).into_iter().map(|(_, n)| n.to_string()).collect();
        let _ = writeln!(out, "| {i} | {} |", cells.join(" | "));
    }
    out.push('\n');
    out
}

/// The thresholds, in words.
fn slow_rule() -> String {
    format!(
        "time / its baseline's, min of up to {COST_RUNS} runs alternated with the baseline's; slow above {SLOW_RATIO}× and {} more",
        format_duration(SLOW_FLOOR)
    )
}

/// The cost cases of a run: every case id with a cost comparison, in run
/// order, and the baselines they name.
fn cost_ids(results: &[RunResult]) -> (Vec<String>, Vec<String>) {
    let (mut ids, mut baselines) = (Vec::new(), Vec::new());
    for r in results {
        if let Some(c) = &r.cost {
            if !ids.contains(&r.id) {
                ids.push(r.id.clone());
            }
            if !baselines.contains(&c.baseline) {
                baselines.push(c.baseline.clone());
            }
        }
    }
    (ids, baselines)
}

/// The cost comparisons per (case id, implementation).
fn cost_cells(results: &[RunResult]) -> BTreeMap<(String, String), &Cost> {
    results.iter().filter_map(|r| r.cost.as_ref().map(|c| ((r.id.clone(), r.implementation.clone()), c))).collect()
}

/// The times of the results that answered (valid or invalid: a skip, a
/// crash or a timeout has no cost to show).
fn answered_times(results: &[RunResult]) -> BTreeMap<(String, String), std::time::Duration> {
    results
        .iter()
        .filter(|r| matches!(r.actual, Outcome::Valid | Outcome::Invalid(_)))
        .map(|r| ((r.id.clone(), r.implementation.clone()), r.elapsed))
        .collect()
}

/// `1.2×`, `23×`, `1400×`.
fn format_ratio(ratio: f64) -> String {
    if ratio < 10.0 { format!("{ratio:.1}×") } else { format!("{ratio:.0}×") }
}

/// The console's cost section: per implementation, its baselines' time,
/// its most expensive adversarial case and how many were slow. Empty when
/// the run has no cost case.
pub fn cost_summary(results: &[RunResult]) -> String {
    let (ids, _) = cost_ids(results);
    if ids.is_empty() {
        return String::new();
    }
    let impls = implementations(results);
    let iw = impls.iter().map(String::len).max().unwrap_or(0).max("implementation".len());
    let cw = ids.iter().map(String::len).max().unwrap_or(0).max("costliest case".len());
    let mut out = format!("\ncost ({})\n", slow_rule());
    let _ = writeln!(
        out,
        "{:<iw$}  {:>9}  {:>6}  {:<cw$}  {:>9}  {:>4}",
        "implementation", "baseline", "ratio", "costliest case", "its time", "slow"
    );
    let _ = writeln!(out, "{}", "-".repeat(iw + cw + 44));
    for i in &impls {
        let mine: Vec<(&RunResult, &Cost)> =
            results.iter().filter(|r| &r.implementation == i).filter_map(|r| r.cost.as_ref().map(|c| (r, c))).collect();
        let Some((worst, cost)) = mine.iter().copied().max_by(|(_, a), (_, b)| a.ratio.total_cmp(&b.ratio)) else { continue };
        let slow = mine.iter().filter(|(_, c)| c.slow).count();
        let _ = writeln!(
            out,
            "{i:<iw$}  {:>9}  {:>6}  {:<cw$}  {:>9}  {slow:>4}",
            format_duration(cost.baseline_elapsed),
            format_ratio(cost.ratio),
            worst.id,
            format_duration(cost.elapsed),
        );
    }
    out
}

/// The whole cost table as text (`--detailed`): a row per cost case, a
/// column per implementation, each cell the case's ratio to its baseline
/// (`!` when slow); the baselines' own times first.
pub fn cost_table_text(results: &[RunResult]) -> String {
    let (ids, baselines) = cost_ids(results);
    if ids.is_empty() {
        return String::new();
    }
    let impls: Vec<String> =
        implementations(results).into_iter().filter(|i| results.iter().any(|r| &r.implementation == i && r.cost.is_some())).collect();
    let cells = cost_cells(results);
    let elapsed = answered_times(results);
    let kw = ids.iter().chain(&baselines).map(String::len).max().unwrap_or(0).max("case".len());
    let widths: Vec<usize> = impls.iter().map(|i| i.len().max(9)).collect();
    let mut out = format!("cost ({})\n", slow_rule());
    let _ = write!(out, "{:<kw$}", "case");
    for (i, w) in impls.iter().zip(&widths) {
        let _ = write!(out, "  {i:>w$}");
    }
    out.push('\n');
    let _ = writeln!(out, "{}", "-".repeat(kw + widths.iter().map(|w| w + 2).sum::<usize>()));
    for b in &baselines {
        let _ = write!(out, "{b:<kw$}");
        for (i, w) in impls.iter().zip(&widths) {
            let cell = elapsed.get(&(b.clone(), i.clone())).map_or(String::new(), |d| format_duration(*d));
            let _ = write!(out, "  {cell:>w$}");
        }
        out.push('\n');
    }
    for id in &ids {
        let _ = write!(out, "{id:<kw$}");
        for (i, w) in impls.iter().zip(&widths) {
            let cell = cells
                .get(&(id.clone(), i.clone()))
                .map_or(String::new(), |c| format!("{}{}", format_ratio(c.ratio), if c.slow { "!" } else { "" }));
            let _ = write!(out, "  {cell:>w$}");
        }
        out.push('\n');
    }
    out.push('\n');
    out
}

/// The Markdown cost section: the baselines' times, then a row per cost
/// case and a column per implementation with the ratio to the baseline
/// (**bold** and `slow` when slow). Empty when the run has no cost case.
pub fn cost_markdown(results: &[RunResult]) -> String {
    let (ids, baselines) = cost_ids(results);
    if ids.is_empty() {
        return String::new();
    }
    let impls = implementations(results);
    let cells = cost_cells(results);
    let elapsed = answered_times(results);
    let mut out = format!("## Cost: each adversarial case's time / its baseline's\n\n{}.\n\n", slow_rule());
    let _ = writeln!(out, "| case | {} |", impls.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(impls.len()));
    for b in &baselines {
        let row: Vec<String> =
            impls.iter().map(|i| elapsed.get(&(b.clone(), i.clone())).map_or(String::new(), |d| format_duration(*d))).collect();
        let _ = writeln!(out, "| {b} (time) | {} |", row.join(" | "));
    }
    for id in &ids {
        let row: Vec<String> = impls
            .iter()
            .map(|i| {
                cells.get(&(id.clone(), i.clone())).map_or(String::new(), |c| {
                    if c.slow {
                        format!("**{} slow** ({})", format_ratio(c.ratio), format_duration(c.elapsed))
                    } else {
                        format_ratio(c.ratio)
                    }
                })
            })
            .collect();
        let _ = writeln!(out, "| {id} | {} |", row.join(" | "));
    }
    out.push('\n');
    out
}

/// Decodes a segment for display (lenient: shows what can be shown).
fn show_segment(segment: Option<&str>) -> String {
    let Some(seg) = segment else { return "(absent)".to_owned() };
    let mut bytes = Vec::new();
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in seg.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    if text.chars().count() > 600 {
        format!("{}… ({} bytes)", text.chars().take(600).collect::<String>(), bytes.len())
    } else {
        text.into_owned()
    }
}

/// A failure report that reproduces the case: file, id, description, the
/// token and its decoded header and claims, the settings, expected and
/// actual.
pub fn failure_text(file: &VectorFile, case: &Case, result: &RunResult) -> String {
    let mut segs = case.token.split('.');
    let header = show_segment(segs.next());
    let claims = show_segment(segs.next());
    let token = if case.token.len() > 300 {
        format!("{}… ({} bytes)", &case.token.chars().take(300).collect::<String>(), case.token.len())
    } else {
        case.token.clone()
    };
    let expected = match &result.error {
        Some(e) => format!("{} ({e})", result.expected),
        None => result.expected.to_string(),
    };
    let actual = match &result.actual {
        Outcome::Crash(why) | Outcome::Unsupported(why) | Outcome::Unavailable(why) => format!("{} ({why})", result.actual.label()),
        other => other.label(),
    };
    format!(
        "file:        {}\nid:          {}\nwhy:         {}\nimpl:        {}\ntoken:       {}\nheader:      {}\nclaims:      {}\nkey:         {}\nvalidation:  {}\nexpected:    {}\nactual:      {}\ndetail:      {}\nverdict:     {}",
        file.path.display(),
        case.id,
        case.description,
        result.implementation,
        token,
        header,
        claims,
        case.key.as_deref().unwrap_or("(none)"),
        case.validation.to_json_string(),
        expected,
        actual,
        result.detail.as_deref().unwrap_or("(none given)"),
        result.judged.reason,
    )
}

/// The JSON report: one entry per case and implementation, as
/// `vector-format.md` describes, plus the totals.
pub fn to_json(results: &[RunResult]) -> Value {
    let entries: Vec<Value> = results
        .iter()
        .map(|r| {
            let (actual, actual_error) = match &r.actual {
                Outcome::Invalid(k) => ("invalid", k.map(|k| k.as_str())),
                Outcome::Valid => ("valid", None),
                Outcome::Crash(_) => ("crash", None),
                Outcome::Timeout => ("timeout", None),
                Outcome::Unsupported(_) => ("unsupported", None),
                Outcome::Unavailable(_) => ("unavailable", None),
            };
            let mut e = json!({
                "file": r.file.to_string_lossy(),
                "id": r.id,
                "implementation": r.implementation,
                "expected": r.expected.as_str(),
                "actual": actual,
                "verdict": r.judged.verdict.as_str(),
            });
            if let Some(map) = e.as_object_mut() {
                if let Some(err) = &r.error {
                    map.insert("error".into(), json!(err.as_str()));
                }
                if let Some(k) = actual_error {
                    map.insert("actual_error".into(), json!(k));
                }
                if !r.judged.reason.is_empty() {
                    map.insert("reason".into(), json!(r.judged.reason));
                }
                if !r.flags.is_empty() {
                    map.insert("flags".into(), json!(r.flags));
                }
                if let Some(impact) = r.impact {
                    map.insert("impact".into(), json!(impact.as_str()));
                }
                if r.judged.verdict != Verdict::Pass {
                    map.insert("description".into(), json!(r.description));
                }
                if let Some(detail) = &r.detail {
                    map.insert("detail".into(), json!(detail));
                }
                map.insert("category".into(), json!(category(r)));
                map.insert("elapsed_ns".into(), json!(nanos(r.elapsed)));
                map.insert("timed_by".into(), json!(if r.timed_inside { "adapter" } else { "runner" }));
                map.insert("runs".into(), json!(r.runs));
                if let Some(c) = &r.cost {
                    map.insert(
                        "cost".into(),
                        json!({
                            "baseline": c.baseline,
                            "ratio": c.ratio,
                            "elapsed_ns": nanos(c.elapsed),
                            "baseline_elapsed_ns": nanos(c.baseline_elapsed),
                            "runs": c.runs,
                            "slow": c.slow,
                        }),
                    );
                }
            }
            e
        })
        .collect();
    let totals: serde_json::Map<String, Value> = tally(results, |_| vec![String::new()])
        .into_iter()
        .map(|((i, _), c)| {
            let slow = results.iter().filter(|r| r.implementation == i && r.is_slow()).count();
            let by_impact: serde_json::Map<String, Value> =
                impact_counts(results, &i).into_iter().map(|(k, n)| (k.to_owned(), json!(n))).collect();
            (
                i.clone(),
                json!({"passed": c.passed, "other_reason": c.other, "failed": c.failed, "skipped": c.skipped, "slow": slow,
                       "reports_error_kinds": reports_kinds(results, &i), "by_impact": by_impact}),
            )
        })
        .collect();
    let slow = json!({"ratio": SLOW_RATIO, "floor_ns": nanos(SLOW_FLOOR), "runs": COST_RUNS});
    json!({ "format": "jwtproof-report/1", "totals": totals, "slow_thresholds": slow, "results": entries })
}

fn nanos(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// Whether a flag names a published advisory (`CVE-…` or `GHSA-…`).
pub fn is_advisory_id(flag: &str) -> bool {
    flag.starts_with("CVE-") || flag.starts_with("GHSA-")
}

/// The implementations of a run, in the order they first appear.
fn implementations(results: &[RunResult]) -> Vec<String> {
    let mut impls: Vec<String> = Vec::new();
    for r in results {
        if !impls.contains(&r.implementation) {
            impls.push(r.implementation.clone());
        }
    }
    impls
}

/// One implementation's verdict on all the cases of one advisory:
/// `same class (…)` naming the failure categories that matter for security
/// (accepts-invalid, and the denial-of-service ones: crash, timeout, slow), else `skip` when no case ran, else
/// `ok`.
fn advisory_verdict(cases: &[&RunResult]) -> String {
    let mut bad: Vec<&str> = Vec::new();
    for r in cases {
        let c = category(r);
        if matches!(c, "accepts-invalid" | "crash" | "timeout" | "slow") && !bad.contains(&c) {
            bad.push(c);
        }
    }
    if !bad.is_empty() {
        bad.sort_unstable();
        format!("same class ({})", bad.join(", "))
    } else if cases.iter().all(|r| r.judged.verdict == Verdict::Skip) {
        "skip".to_owned()
    } else {
        "ok".to_owned()
    }
}

/// Results grouped by advisory id (the `CVE-`/`GHSA-` flags), ids sorted:
/// for each id, every implementation (in run order) with its verdict
/// summary (see [`advisory_verdict`]). An implementation with no case for
/// an id is left out of that id's row.
pub fn by_cve(results: &[RunResult]) -> Vec<(String, Vec<(String, String)>)> {
    let mut grouped: BTreeMap<String, Vec<&RunResult>> = BTreeMap::new();
    for r in results {
        for flag in r.flags.iter().filter(|f| is_advisory_id(f)) {
            grouped.entry(flag.clone()).or_default().push(r);
        }
    }
    let impls = implementations(results);
    grouped
        .into_iter()
        .map(|(id, rs)| {
            let row = impls
                .iter()
                .filter_map(|i| {
                    let cases: Vec<&RunResult> = rs.iter().copied().filter(|r| &r.implementation == i).collect();
                    (!cases.is_empty()).then(|| (i.clone(), advisory_verdict(&cases)))
                })
                .collect();
            (id, row)
        })
        .collect()
}

/// The Markdown "by advisory" section: one row per advisory id, one column per
/// implementation. Empty when no case carries an advisory id.
pub fn by_cve_markdown(results: &[RunResult]) -> String {
    let rows = by_cve(results);
    if rows.is_empty() {
        return String::new();
    }
    let impls = implementations(results);
    let mut out = String::from(
        "## By advisory: which libraries accept, crash on or hang on each advisory's vectors\n\n`same class (…)`: the library fails the vector written for that advisory's bug class (it accepts the token, crashes, hangs or is slow); it is not the claim that the library has that advisory. A vector reproduces one advisory's exact trigger only for the library it was filed against (`vectors/cves/`, each case's description).\n\n",
    );
    let _ = writeln!(out, "| id | {} |", impls.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(impls.len()));
    for (id, row) in rows {
        let cells: Vec<&str> = impls.iter().map(|i| row.iter().find(|(n, _)| n == i).map_or("", |(_, v)| v.as_str())).collect();
        let _ = writeln!(out, "| {id} | {} |", cells.join(" | "));
    }
    out.push('\n');
    out
}

/// A Markdown report: the summary tables and every failing case.
pub fn to_markdown(results: &[RunResult]) -> String {
    let mut out = String::from("# jwtproof conformance report\n\n");
    for (title, rows) in [("vectors", tally(results, |r| vec![group_of(r)])), ("flag", tally(results, |r| r.flags.clone()))] {
        let _ = writeln!(out, "| implementation | {title} | passed | other reason | failed | skipped |\n|---|---|---:|---:|---:|---:|");
        for ((i, k), c) in rows {
            let _ = writeln!(out, "| {i} | {k} | {} | {} | {} | {} |", c.passed, c.other, c.failed, c.skipped);
        }
        out.push('\n');
    }
    out.push_str(&impact_markdown(results));
    out.push_str(&by_cve_markdown(results));
    out.push_str(&cost_markdown(results));
    let failures: Vec<&RunResult> = results.iter().filter(|r| r.judged.verdict == Verdict::Fail).collect();
    let _ = writeln!(out, "## Failures ({})\n", failures.len());
    for r in failures {
        let _ = write!(
            out,
            "- `{}` `{}`{}: expected {}, got {}: {}",
            r.implementation,
            r.id,
            r.impact.map_or_else(String::new, |i| format!(" ({i})")),
            r.expected,
            r.actual.label(),
            r.judged.reason
        );
        let _ = write!(out, "\n  - the case: {}", r.description);
        if let Some(detail) = &r.detail {
            let _ = write!(out, "\n  - the library said: {detail}");
        }
        out.push('\n');
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// JUnit XML: one suite per implementation and file, one test case per
/// vector.
pub fn to_junit(results: &[RunResult]) -> String {
    let mut suites: BTreeMap<(String, String), Vec<&RunResult>> = BTreeMap::new();
    for r in results {
        suites.entry((r.implementation.clone(), group_of(r))).or_default().push(r);
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"jwtproof\">\n");
    for ((imp, group), rs) in suites {
        let failures = rs.iter().filter(|r| r.judged.verdict == Verdict::Fail).count();
        let skipped = rs.iter().filter(|r| r.judged.verdict == Verdict::Skip).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}/{}\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\">",
            xml_escape(&imp),
            xml_escape(&group),
            rs.len()
        );
        for r in rs {
            let _ = write!(out, "    <testcase classname=\"{}.{}\" name=\"{}\"", xml_escape(&imp), xml_escape(&group), xml_escape(&r.id));
            match r.judged.verdict {
                Verdict::Pass => out.push_str("/>\n"),
                Verdict::OtherReason => {
                    let _ = writeln!(out, ">\n      <system-out>{}</system-out>\n    </testcase>", xml_escape(&r.judged.reason));
                }
                Verdict::Fail => {
                    // A slow case: right answer, far costlier than its baseline.
                    let body = match &r.cost {
                        Some(c) if r.judged.answer != Verdict::Fail => format!(
                            "expected {} within {SLOW_RATIO}× its baseline's time, got {} in {} ({} for {})",
                            r.expected,
                            r.actual.label(),
                            format_duration(c.elapsed),
                            format_duration(c.baseline_elapsed),
                            c.baseline
                        ),
                        _ => format!("expected {}, got {}", r.expected, r.actual.label()),
                    };
                    let body = format!(
                        "{body}\nthe case: {}{}{}",
                        r.description,
                        r.impact.map_or_else(String::new, |i| format!("\nimpact: {i}")),
                        r.detail.as_ref().map_or_else(String::new, |d| format!("\nthe library said: {d}"))
                    );
                    let _ = writeln!(
                        out,
                        ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
                        xml_escape(&r.judged.reason),
                        category(r),
                        xml_escape(&body)
                    );
                }
                Verdict::Skip => {
                    let _ = writeln!(out, ">\n      <skipped message=\"{}\"/>\n    </testcase>", xml_escape(&r.judged.reason));
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// The failure category of a result (for the matrix's summary). A case
/// whose answer is right but which was judged slow is `slow`; one that is
/// both wrong and slow counts under its wrong answer (its expectations
/// label says both: `<outcome>+slow`).
pub fn category(r: &RunResult) -> &'static str {
    match r.judged.verdict {
        Verdict::Pass => "pass",
        Verdict::OtherReason => "other-reason",
        Verdict::Skip => "skip",
        Verdict::Fail if r.judged.answer != Verdict::Fail => "slow",
        Verdict::Fail => match &r.actual {
            Outcome::Valid => "accepts-invalid",
            Outcome::Invalid(_) if r.expected == Expected::Valid => "rejects-valid",
            Outcome::Invalid(_) => "wrong-error-kind",
            Outcome::Crash(_) => "crash",
            Outcome::Timeout => "timeout",
            Outcome::Unsupported(_) | Outcome::Unavailable(_) => "skip",
        },
    }
}

/// The categories, in the order reports show them.
pub const CATEGORIES: [&str; 9] =
    ["pass", "other-reason", "accepts-invalid", "rejects-valid", "wrong-error-kind", "crash", "timeout", "slow", "skip"];

/// The categories that count as denial of service.
pub const DENIAL_OF_SERVICE: [&str; 3] = ["crash", "timeout", "slow"];

fn html_escape(s: &str) -> String {
    xml_escape(s).replace('\'', "&#39;")
}

/// Extra facts the HTML page shows per implementation: its version, and
/// the case ids that are known (listed) deviations.
#[derive(Clone, Debug, Default)]
pub struct ImplInfo {
    /// Library and version, if known.
    pub version: Option<String>,
    /// Known deviations: case id → reason.
    pub known: BTreeMap<String, String>,
}

/// The matrix as one self-contained HTML page: a summary per
/// implementation by category, then every case × implementation, grouped
/// by file, with a switch that folds away the cases on which every
/// implementation agrees with the expected result.
pub fn to_html(results: &[RunResult], info: &BTreeMap<String, ImplInfo>) -> String {
    let impls = implementations(results);
    let mut counts: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    for r in results {
        *counts.entry((r.implementation.clone(), category(r))).or_default() += 1;
    }
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>jwtproof conformance matrix</title>\n<style>\n\
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}\n\
th,td{border:1px solid #ccc;padding:2px 6px;font-size:13px}th{background:#f3f3f3;position:sticky;top:0}\n\
td.pass{background:#c8efc8}td.fail{background:#f5b5b5}td.known{background:#f9d99b}td.skip{background:#e4e4e4;color:#666}\n\
td.slow{background:#c7a3f0}td.knownslow{background:#e3d3f7}td.other{background:#e6f0b0}tr.off{display:none}\n\
td.id{font-family:monospace;white-space:nowrap}.num{text-align:right}summary{font-weight:600;cursor:pointer;margin:.3em 0}\n\
body.pruned tr.agree{display:none}.legend span{padding:1px 6px;margin-right:6px;border:1px solid #ccc}\n\
</style></head><body>\n<h1>jwtproof conformance matrix</h1>\n",
    );
    let _ = writeln!(
        out,
        "<p>{} cases × {} implementations. <label><input type=\"checkbox\" id=\"prune\" onchange=\"document.body.classList.toggle('pruned',this.checked)\" checked> show only the cases where some implementation disagrees with the expected result</label></p>",
        results.len() / impls.len().max(1),
        impls.len()
    );
    out.push_str("<p class=\"legend\"><span style=\"background:#c8efc8\">pass</span><span style=\"background:#e6f0b0\">rejected for another reason (another error kind than the one under test)</span><span style=\"background:#f5b5b5\">fail</span><span style=\"background:#f9d99b\">known deviation (listed, with a reason)</span><span style=\"background:#c7a3f0\">slow (far costlier than its baseline)</span><span style=\"background:#e3d3f7\">known slow</span><span style=\"background:#e4e4e4\">skip</span></p>\n");
    out.push_str("<h2>Summary</h2>\n<table><tr><th>implementation</th><th>version</th>");
    for c in CATEGORIES {
        let _ = write!(out, "<th>{c}</th>");
    }
    out.push_str("</tr>\n");
    for i in &impls {
        let version = info.get(i).and_then(|x| x.version.clone()).unwrap_or_default();
        let _ = write!(out, "<tr><td>{}</td><td>{}</td>", html_escape(i), html_escape(&version));
        for c in CATEGORIES {
            let _ = write!(out, "<td class=\"num\">{}</td>", counts.get(&(i.clone(), c)).copied().unwrap_or(0));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n<p>crash, timeout and slow count as denial of service.</p>\n");
    out.push_str(&impact_html(results, &impls));
    out.push_str(&by_cve_html(results, &impls));
    out.push_str(&cost_html(results, &impls, info));
    out.push_str("<h2>Cases</h2>\n<p><label>impact: <select id=\"impact\" onchange=\"filterImpact(this.value)\"><option value=\"\">all cases</option>");
    for c in IMPACT_COLUMNS.iter().take(6) {
        let _ = write!(out, "<option value=\"{c}\">{c}</option>");
    }
    out.push_str(
        "<option value=\"valid\">valid and acceptable cases</option></select></label> (invalid cases by what accepting them means)</p>\n",
    );
    // Group rows by file, keeping the corpus order.
    let mut files: Vec<String> = Vec::new();
    let mut rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut cell: BTreeMap<(String, String), &RunResult> = BTreeMap::new();
    for r in results {
        let g = group_of(r);
        if !files.contains(&g) {
            files.push(g.clone());
        }
        let ids = rows.entry(g).or_default();
        if !ids.contains(&r.id) {
            ids.push(r.id.clone());
        }
        cell.insert((r.id.clone(), r.implementation.clone()), r);
    }
    for g in files {
        let ids = rows.get(&g).cloned().unwrap_or_default();
        let disagreements = ids
            .iter()
            .filter(|id| impls.iter().any(|i| cell.get(&((*id).clone(), i.clone())).is_some_and(|r| r.judged.verdict == Verdict::Fail)))
            .count();
        let _ = writeln!(
            out,
            "<details{}><summary>{} — {} cases, {} with a failure</summary>",
            if disagreements > 0 { " open" } else { "" },
            html_escape(&g),
            ids.len(),
            disagreements
        );
        out.push_str("<table><tr><th>case</th><th>expected</th>");
        for i in &impls {
            let _ = write!(out, "<th>{}</th>", html_escape(i));
        }
        out.push_str("</tr>\n");
        for id in ids {
            let any = cell.get(&(id.clone(), impls.first().cloned().unwrap_or_default())).copied();
            let agree = impls.iter().all(|i| cell.get(&(id.clone(), i.clone())).is_none_or(|r| r.judged.verdict != Verdict::Fail));
            let expected = any.map_or(String::new(), |r| match &r.error {
                Some(e) => format!("{} ({e})", r.expected),
                None => r.expected.to_string(),
            });
            let impact = any.map_or("unclassified", |r| match r.impact {
                Some(i) => i.as_str(),
                None if r.expected != Expected::Invalid => "valid",
                None => "unclassified",
            });
            let _ = write!(
                out,
                "<tr class=\"{}\" data-impact=\"{impact}\"><td class=\"id\" title=\"{}\">{}</td><td>{}</td>",
                if agree { "agree" } else { "differ" },
                html_escape(any.map_or("", |r| r.description.as_str())),
                html_escape(&id),
                html_escape(&expected)
            );
            for i in &impls {
                match cell.get(&(id.clone(), i.clone())) {
                    None => out.push_str("<td></td>"),
                    Some(r) => {
                        let known = info.get(i).and_then(|x| x.known.get(&id));
                        let slow = category(r) == "slow";
                        let class = match (&r.judged.verdict, known) {
                            (Verdict::Fail, Some(_)) if slow => "knownslow",
                            (Verdict::Fail, None) if slow => "slow",
                            (Verdict::Fail, Some(_)) => "known",
                            (Verdict::Fail, None) => "fail",
                            (Verdict::Pass, _) => "pass",
                            (Verdict::OtherReason, _) => "other",
                            (Verdict::Skip, _) => "skip",
                        };
                        let mut title = match known {
                            Some(why) => format!("{} — known: {why}", r.judged.reason),
                            None => r.judged.reason.clone(),
                        };
                        if let Some(detail) = &r.detail {
                            title.push_str(" — the library said: ");
                            title.push_str(detail);
                        }
                        let text = match &r.cost {
                            Some(c) => format!("{} · {}", r.actual.label(), format_ratio(c.ratio)),
                            None => r.actual.label(),
                        };
                        let _ = write!(out, "<td class=\"{class}\" title=\"{}\">{}</td>", html_escape(&title), html_escape(&text));
                    }
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table></details>\n");
    }
    out.push_str("<script>document.body.classList.add('pruned');\nfunction filterImpact(v){document.querySelectorAll('tr[data-impact]').forEach(function(tr){tr.classList.toggle('off',v!==''&&tr.dataset.impact!==v)})}\nvar m=location.hash.match(/impact=([a-z-]+)/);if(m){document.getElementById('impact').value=m[1];filterImpact(m[1]);document.body.classList.remove('pruned');document.getElementById('prune').checked=false}</script>\n</body></html>\n");
    out
}

/// The HTML cost section (after "by advisory"): the baselines' times, then each
/// adversarial case's ratio to its baseline per implementation, coloured
/// like the matrix (slow, known slow, or within the bound).
fn cost_html(results: &[RunResult], impls: &[String], info: &BTreeMap<String, ImplInfo>) -> String {
    let (ids, baselines) = cost_ids(results);
    if ids.is_empty() {
        return String::new();
    }
    let cells = cost_cells(results);
    let elapsed = answered_times(results);
    let mut out = format!(
        "<h2>Cost</h2>\n<p>Each adversarial case's verification time divided by its baseline's (a benign token of the same size): {}. A case is slow when an unauthenticated attacker can make one token within the size limit cost far more than a normal one (the spec's bounded-work rule: policy, no RFC requires it).</p>\n<table><tr><th>case</th>",
        html_escape(&slow_rule())
    );
    for i in impls {
        let _ = write!(out, "<th>{}</th>", html_escape(i));
    }
    out.push_str("</tr>\n");
    for b in &baselines {
        let _ = write!(out, "<tr><td class=\"id\">{} (time)</td>", html_escape(b));
        for i in impls {
            let cell = elapsed.get(&(b.clone(), i.clone())).map_or(String::new(), |d| format_duration(*d));
            let _ = write!(out, "<td class=\"num\">{}</td>", html_escape(&cell));
        }
        out.push_str("</tr>\n");
    }
    for id in &ids {
        let _ = write!(out, "<tr><td class=\"id\">{}</td>", html_escape(id));
        for i in impls {
            match cells.get(&(id.clone(), i.clone())) {
                None => out.push_str("<td></td>"),
                Some(c) => {
                    let known = info.get(i).is_some_and(|x| x.known.contains_key(id));
                    let class = match (c.slow, known) {
                        (true, true) => "knownslow num",
                        (true, false) => "slow num",
                        (false, _) => "pass num",
                    };
                    let title = format!(
                        "{} vs {} (baseline), min of {} runs",
                        format_duration(c.elapsed),
                        format_duration(c.baseline_elapsed),
                        c.runs
                    );
                    let _ =
                        write!(out, "<td class=\"{class}\" title=\"{}\">{}</td>", html_escape(&title), html_escape(&format_ratio(c.ratio)));
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}

/// The HTML by-impact table (after the summary; see [`impact_summary`]).
fn impact_html(results: &[RunResult], impls: &[String]) -> String {
    if !results.iter().any(|r| r.impact.is_some()) {
        return String::new();
    }
    let mut out = String::from(
        "<h2>By impact</h2>\n<p>Accepted invalid cases by what accepting them means: forgery (no trusted key needed), claim-bypass (a genuine token outside the configured conditions), denial-of-service (crash, timeout and slow count here too), misconfiguration (only after a caller's mistake), hardening (the RFCs permit accepting). Then rejected valid cases, rejections for another reason, skips.</p>\n<table><tr><th>implementation</th>",
    );
    for c in IMPACT_COLUMNS {
        let _ = write!(out, "<th>{c}</th>");
    }
    out.push_str("</tr>\n");
    for i in impls {
        let _ = write!(out, "<tr><td>{}</td>", html_escape(i));
        for (c, n) in impact_counts(results, i) {
            let class = match (c, n) {
                (_, 0) => "num",
                ("forgery" | "claim-bypass" | "denial-of-service", _) => "fail num",
                ("misconfiguration" | "hardening" | "unclassified" | "rejects-valid", _) => "known num",
                ("other-reason", _) => "other num",
                _ => "skip num",
            };
            let _ = write!(out, "<td class=\"{class}\">{n}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}

/// The HTML "by advisory" section (after the summary): the table of
/// [`by_cve`], cells coloured like the case matrix.
fn by_cve_html(results: &[RunResult], impls: &[String]) -> String {
    let rows = by_cve(results);
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<h2>By advisory</h2>\n<p>Which libraries fail each advisory's vectors: <em>same class</em> when a library accepts, crashes, hangs or is slow on a vector written for that advisory's bug class. This is not the claim that the library has the advisory: a vector reproduces an advisory's exact trigger only for the library it was filed against (see each case's description).</p>\n<table><tr><th>advisory</th>",
    );
    for i in impls {
        let _ = write!(out, "<th>{}</th>", html_escape(i));
    }
    out.push_str("</tr>\n");
    for (id, row) in rows {
        let _ = write!(out, "<tr><td class=\"id\">{}</td>", html_escape(&id));
        for i in impls {
            let verdict = row.iter().find(|(n, _)| n == i).map_or("", |(_, v)| v.as_str());
            let class = match verdict {
                "ok" => "pass",
                "skip" | "" => "skip",
                _ => "fail",
            };
            let _ = write!(out, "<td class=\"{class}\">{}</td>", html_escape(verdict));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}
