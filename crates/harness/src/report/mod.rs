//! Reports: the summary table people read, a failure text that reproduces
//! the case, the counts and tables every renderer shares; one module per
//! file format (JSON, Markdown, JUnit, HTML).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jwtproof_vectors::{Case, VectorFile};
use serde_json::{Value, json};

use crate::outcome::{COST_RUNS, Cost, Outcome, SLOW_FLOOR, SLOW_RATIO, Verdict, format_duration};
use crate::result::RunResult;
use jwtproof_vectors::Expected;

mod html;
mod json;
mod junit;
mod markdown;

pub use html::to_html;
pub use json::to_json;
pub use junit::to_junit;
pub use markdown::{by_cve_markdown, cost_markdown, impact_markdown, to_markdown};

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

/// Extra facts the HTML page shows per implementation: its version, and
/// the case ids that are known (listed) deviations.
#[derive(Clone, Debug, Default)]
pub struct ImplInfo {
    /// Library and version, if known.
    pub version: Option<String>,
    /// The language it is written in, if known.
    pub language: Option<String>,
    /// Known deviations: case id → reason.
    pub known: BTreeMap<String, String>,
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
