//! The Markdown report (`report.md`) and its tables.

use super::*;

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
