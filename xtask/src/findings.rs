//! `cargo xtask findings [--update] [--check]`: the published full matrix
//! and the parts of FINDINGS.md that state facts about it.
//!
//! - `results/matrix.json` is the full matrix (`cargo xtask conformance
//!   --impl all`) as a committed artifact, as JSONTestSuite publishes its
//!   results: per implementation its version, its counts by impact and
//!   every cell that is not a plain pass (category and outcome). `--update`
//!   writes it from `target/conformance/report.json`, which must hold every
//!   implementation, and regenerates FINDINGS.md's generated blocks.
//! - FINDINGS.md keeps hand-written explanations; its per-library counts
//!   and the advisories each library is still vulnerable to sit between
//!   `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->`,
//!   generated from the matrix.
//! - `--check` (run by `cargo test`, so by CI) fails when the matrix no
//!   longer covers the corpus's cases, when it disagrees with an
//!   expectations file (a listed deviation that the matrix shows passing,
//!   or a failing cell no file lists), when a generated block is stale, or
//!   when FINDINGS.md cites a case id that does not exist, or cites, in a
//!   library's own section, a case that library passes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use jwtproof_harness::expectations::Expectations;
use jwtproof_harness::report::IMPACT_COLUMNS;
use serde_json::{Map, Value, json};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Write results/matrix.json from target/conformance/report.json (a
    /// `cargo xtask conformance --impl all` run) and regenerate FINDINGS.md's
    /// generated blocks.
    #[arg(long)]
    update: bool,
    /// Check, writing nothing (the default when --update is not given).
    #[arg(long)]
    check: bool,
}

const MATRIX: &str = "results/matrix.json";
const FINDINGS: &str = "FINDINGS.md";

/// The categories that are failures (deviations an expectations file lists).
const FAILING: [&str; 6] = ["accepts-invalid", "rejects-valid", "wrong-error-kind", "crash", "timeout", "slow"];

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let root = crate::paths::root();
    if args.update && !args.check {
        let report = read_json(&root.join("target/conformance/report.json"))?;
        let matrix = matrix_from_report(&report)?;
        let text = format!("{}\n", serde_json::to_string_pretty(&matrix).map_err(|e| e.to_string())?);
        write(&root.join(MATRIX), &text)?;
        let findings = std::fs::read_to_string(root.join(FINDINGS)).map_err(|e| format!("{FINDINGS}: {e}"))?;
        write(&root.join(FINDINGS), &regenerate(&findings, &matrix)?)?;
        println!("findings: wrote {MATRIX} and {FINDINGS}'s generated blocks");
    }
    let problems = check(&root)?;
    if problems.is_empty() {
        println!("findings: {MATRIX} covers the corpus, agrees with the expectations files, and {FINDINGS} agrees with it");
        Ok(ExitCode::SUCCESS)
    } else {
        for p in &problems {
            eprintln!("findings: {p}");
        }
        eprintln!(
            "findings: {} problem(s); after `cargo xtask conformance --impl all`, run `cargo xtask findings --update`",
            problems.len()
        );
        Ok(ExitCode::FAILURE)
    }
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn str_of<'a>(v: &'a Value, name: &str) -> &'a str {
    v.get(name).and_then(Value::as_str).unwrap_or_default()
}

/// One implementation's counts per category, its non-pass cells, and its
/// counts per impact column.
type Tally<'a> = (BTreeMap<&'a str, usize>, Map<String, Value>, BTreeMap<String, Value>);

/// The matrix of a full run's JSON report.
fn matrix_from_report(report: &Value) -> Result<Value, String> {
    let results = report.get("results").and_then(Value::as_array).ok_or("report.json: no results")?;
    let versions = report.get("implementations").and_then(Value::as_object).cloned().unwrap_or_default();
    let registered: Vec<String> = crate::conformance::registry()?.iter().map(|k| k.implementation.name().to_owned()).collect();
    let present: BTreeSet<&str> = results.iter().map(|r| str_of(r, "implementation")).collect();
    let missing: Vec<&String> = registered.iter().filter(|n| !present.contains(n.as_str())).collect();
    if !missing.is_empty() {
        return Err(format!(
            "target/conformance/report.json lacks {missing:?}: run `cargo xtask setup-external && cargo xtask conformance --impl all` first"
        ));
    }
    let mut cases: BTreeSet<&str> = BTreeSet::new();
    let mut impls: BTreeMap<&str, Tally<'_>> = BTreeMap::new();
    for r in results {
        let id = str_of(r, "id");
        let name = str_of(r, "implementation");
        cases.insert(id);
        let category = str_of(r, "category");
        let entry = impls.entry(name).or_default();
        *entry.0.entry(category).or_default() += 1;
        let column = match category {
            "accepts-invalid" => Some(r.get("impact").and_then(Value::as_str).unwrap_or("unclassified")),
            "crash" | "timeout" | "slow" => Some("denial-of-service"),
            "rejects-valid" | "other-reason" | "skip" => Some(category),
            _ => None,
        };
        if let Some(c) = column {
            let n = entry.2.entry(c.to_owned()).or_insert(json!(0));
            *n = json!(n.as_u64().unwrap_or(0) + 1);
        }
        if category != "pass" {
            let actual = match (str_of(r, "actual"), r.get("actual_error").and_then(Value::as_str)) {
                ("invalid", Some(k)) => format!("invalid/{k}"),
                (a, _) => a.to_owned(),
            };
            entry.1.insert(id.to_owned(), json!(format!("{category} {actual}")));
        }
    }
    let mut out = Map::new();
    for (name, (_, cells, by_impact)) in impls {
        let by_impact: Map<String, Value> =
            IMPACT_COLUMNS.iter().map(|c| ((*c).to_owned(), by_impact.get(*c).cloned().unwrap_or(json!(0)))).collect();
        out.insert(
            name.to_owned(),
            json!({
                "language": versions.get(name).and_then(|v| v.get("language")).cloned().unwrap_or(Value::Null),
                "version": versions.get(name).and_then(|v| v.get("version")).cloned().unwrap_or(Value::Null),
                "by_impact": by_impact,
                "cells": cells
            }),
        );
    }
    Ok(json!({
        "format": "jwtproof-matrix/1",
        "generated_by": "cargo xtask conformance --impl all, then cargo xtask findings --update",
        "cells": "every case x implementation that is not a plain pass: \"<category> <outcome>\"",
        "cases": cases.len(),
        "case_ids": cases.iter().collect::<Vec<_>>(),
        "implementations": out,
    }))
}

/// The implementations of a matrix, in file order.
fn implementations(matrix: &Value) -> Vec<(&String, &Value)> {
    matrix.get("implementations").and_then(Value::as_object).map(|m| m.iter().collect()).unwrap_or_default()
}

fn cell<'a>(imp: &'a Value, id: &str) -> Option<&'a str> {
    imp.get("cells").and_then(|c| c.get(id)).and_then(Value::as_str)
}

/// The generated blocks, by name.
fn blocks(matrix: &Value, corpus: &jwtproof_vectors::Corpus) -> BTreeMap<&'static str, String> {
    let impls = implementations(matrix);
    let mut out = BTreeMap::new();

    let mut summary = format!(
        "Generated by `cargo xtask findings` from [`{MATRIX}`]({MATRIX}) ({} cases × {} implementations in {} languages, `cargo xtask conformance --impl all`): what each implementation's failures mean, most severe first. Accepted invalid cases count under their vector's `impact`; crash, timeout and slow under denial-of-service.\n\n| implementation | language | version |",
        matrix.get("cases").and_then(Value::as_u64).unwrap_or(0),
        impls.len(),
        impls.iter().filter_map(|(_, imp)| imp.get("language").and_then(Value::as_str)).collect::<BTreeSet<_>>().len()
    );
    for c in IMPACT_COLUMNS {
        let _ = write!(summary, " {c} |");
    }
    summary.push_str("\n|---|---|---|");
    summary.push_str(&"---:|".repeat(IMPACT_COLUMNS.len()));
    summary.push('\n');
    for (name, imp) in &impls {
        let _ = write!(
            summary,
            "| {name} | {} | {} |",
            imp.get("language").and_then(Value::as_str).unwrap_or("–"),
            imp.get("version").and_then(Value::as_str).unwrap_or("–")
        );
        for c in IMPACT_COLUMNS {
            let _ = write!(summary, " {} |", imp.get("by_impact").and_then(|b| b.get(c)).and_then(Value::as_u64).unwrap_or(0));
        }
        summary.push('\n');
    }
    let forgeries: Vec<String> = impls
        .iter()
        .filter_map(|(name, imp)| {
            let ids: Vec<String> = corpus
                .cases()
                .filter(|(_, c)| c.impact == Some(jwtproof_vectors::Impact::Forgery))
                .filter(|(_, c)| cell(imp, &c.id).is_some_and(|v| v.starts_with("accepts-invalid")))
                .map(|(_, c)| format!("`{}`", c.id))
                .collect();
            (!ids.is_empty()).then(|| format!("- {name}: {}", ids.join(", ")))
        })
        .collect();
    summary.push_str("\nAccepted cases whose vector's impact is `forgery` (what accepting it gives an attacker without a trusted key in the verifier the vector was written against; whether this library is exposed depends on what it returns and how it is called, which its section says): ");
    if forgeries.is_empty() {
        summary.push_str("none.\n");
    } else {
        summary.push('\n');
        summary.push('\n');
        summary.push_str(&forgeries.join("\n"));
        summary.push('\n');
    }
    out.insert("summary", summary);

    // Advisories: the libraries that accept, crash on or time out on one of
    // an advisory's vectors.
    let mut advisories: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (_, case) in corpus.cases() {
        for flag in case.flags.iter().filter(|f| jwtproof_harness::report::is_advisory_id(f)) {
            advisories.entry(flag.clone()).or_default().push(case.id.clone());
        }
    }
    let mut cves = String::from(
        "Generated from the matrix: for each advisory with vectors in the corpus, the implementations that accept, crash or time out on one of them (the case ids in brackets). An advisory no implementation fails is listed under \"none\".\n\n| advisory | vulnerable in the matrix |\n|---|---|\n",
    );
    let mut clean = Vec::new();
    for (advisory, ids) in &advisories {
        let hits: Vec<String> = impls
            .iter()
            .filter_map(|(name, imp)| {
                let bad: Vec<&str> = ids
                    .iter()
                    .filter(|id| {
                        cell(imp, id).is_some_and(|v| ["accepts-invalid", "crash", "timeout", "slow"].iter().any(|c| v.starts_with(c)))
                    })
                    .map(String::as_str)
                    .collect();
                (!bad.is_empty()).then(|| format!("{name} ({})", bad.join(", ")))
            })
            .collect();
        if hits.is_empty() {
            clean.push(advisory.as_str());
        } else {
            let _ = writeln!(cves, "| {advisory} | {} |", hits.join("; "));
        }
    }
    let _ = writeln!(cves, "| none | {} |", clean.join(", "));
    out.insert("cves", cves);
    out
}

fn markers(name: &str) -> (String, String) {
    (format!("<!-- BEGIN GENERATED: {name} -->"), format!("<!-- END GENERATED: {name} -->"))
}

/// FINDINGS.md with every generated block replaced by its fresh text.
fn regenerate(findings: &str, matrix: &Value) -> Result<String, String> {
    let corpus = corpus()?;
    let mut text = findings.to_owned();
    for (name, body) in blocks(matrix, &corpus) {
        let (begin, end) = markers(name);
        let (Some(a), Some(b)) = (text.find(&begin), text.find(&end)) else {
            return Err(format!("{FINDINGS} has no {begin} … {end} block"));
        };
        text = format!("{}{begin}\n{body}{}", &text[..a], &text[b..]);
    }
    Ok(text)
}

fn corpus() -> Result<jwtproof_vectors::Corpus, String> {
    let dir = crate::paths::root().join("vectors");
    jwtproof_vectors::load(&jwtproof_harness::default_vector_paths(&dir)).map_err(|e| e.to_string())
}

/// Backticked words of a text that look like case ids (lowercase words
/// joined by dashes, e.g. `attack-crit-unknown-ext`).
fn cited_ids(text: &str) -> Vec<&str> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| {
            w.len() > 6
                && w.contains('-')
                && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !w.starts_with('-')
        })
        .collect()
}

/// Every problem `--check` finds (empty when all agree).
pub(crate) fn check(root: &Path) -> Result<Vec<String>, String> {
    let matrix = read_json(&root.join(MATRIX))?;
    let corpus = corpus()?;
    let mut problems = Vec::new();

    // 1. The matrix covers exactly the corpus.
    let ids: BTreeSet<String> = corpus.cases().map(|(_, c)| c.id.clone()).collect();
    let in_matrix: BTreeSet<String> = matrix
        .get("case_ids")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    let new: Vec<&String> = ids.difference(&in_matrix).collect();
    let gone: Vec<&String> = in_matrix.difference(&ids).collect();
    if !new.is_empty() || !gone.is_empty() {
        problems.push(format!(
            "{MATRIX} is stale: {} case(s) not in it (e.g. {:?}), {} no longer in the corpus (e.g. {:?})",
            new.len(),
            new.first(),
            gone.len(),
            gone.first()
        ));
    }

    // 2. The matrix agrees with every expectations file.
    let impls = implementations(&matrix);
    for (name, imp) in &impls {
        if name.as_str() == "reference" {
            continue;
        }
        let path = crate::conformance::expectations_dir().join(format!("{name}.json"));
        let expectations = Expectations::load(&path, name)?;
        let cells: BTreeMap<&str, &str> = imp
            .get("cells")
            .and_then(Value::as_object)
            .map(|m| m.iter().filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))).collect())
            .unwrap_or_default();
        for (id, value) in &cells {
            let (category, actual) = value.split_once(' ').unwrap_or((value, ""));
            if !FAILING.contains(&category) {
                continue;
            }
            let listed = expectations.lookup(id).map(|(_, e)| e.outcome.as_str());
            let agrees = match (category, listed) {
                (_, None) => false,
                ("slow", Some(l)) => jwtproof_harness::expectations::is_slow_label(l),
                (_, Some(l)) => l == actual || l == format!("{actual}+slow"),
            };
            if !agrees {
                problems.push(format!("{name}: {id} is `{value}` in {MATRIX} but {} lists {listed:?}", path.display()));
            }
        }
        for id in expectations.deviations.keys().filter(|k| !k.ends_with('*')) {
            let category = cells.get(id.as_str()).map(|v| v.split_once(' ').map_or(*v, |(c, _)| c));
            // A listed `slow` whose run measured it under the full thresholds
            // is a plain pass in the matrix: timing jitters, and the runner
            // keeps it known while it stays above half of them
            // (jwtproof_harness::expectations), which the matrix does not record.
            let jittered_slow = category.is_none()
                && expectations.lookup(id).is_some_and(|(_, e)| jwtproof_harness::expectations::is_slow_label(&e.outcome));
            if !jittered_slow && !category.is_some_and(|c| FAILING.contains(&c) || c == "skip") {
                problems.push(format!("{name}: {id} is listed in {} but is {category:?} in {MATRIX}", path.display()));
            }
        }
    }

    // 3. FINDINGS.md: generated blocks fresh, cited ids real, and in a
    //    library's own section (a heading naming it as (`name`)) a cited
    //    case is one that library does not pass.
    let findings = std::fs::read_to_string(root.join(FINDINGS)).map_err(|e| format!("{FINDINGS}: {e}"))?;
    match regenerate(&findings, &matrix) {
        Ok(fresh) if fresh == findings => {}
        Ok(_) => problems.push(format!("{FINDINGS}: a generated block is stale")),
        Err(e) => problems.push(e),
    }
    let imported: BTreeSet<String> = jwtproof_vectors::load(&[root.join("vectors/imported")])
        .map(|c| c.cases().map(|(_, c)| c.id.clone()).collect())
        .unwrap_or_default();
    let prefixes: BTreeSet<&str> = ids.iter().chain(&imported).filter_map(|id| id.split('-').next()).collect();
    let mut section: Option<&str> = None;
    for line in findings.lines() {
        if line.starts_with('#') {
            let first = line.trim_start_matches('#').split_whitespace().next().unwrap_or_default();
            let named: Vec<&str> =
                impls.iter().map(|(n, _)| n.as_str()).filter(|n| line.contains(&format!("(`{n}`")) || first == *n).collect();
            section = if named.len() == 1 { named.first().copied() } else { None };
            continue;
        }
        for id in cited_ids(line) {
            let prefix = id.split('-').next().unwrap_or_default();
            if !prefixes.contains(prefix) || id.ends_with('-') {
                continue;
            }
            if !ids.contains(id) && !imported.contains(id) {
                if !id.contains('*') {
                    problems.push(format!("{FINDINGS} cites `{id}`, which is no case of the corpus"));
                }
                continue;
            }
            if let Some(name) = section
                && ids.contains(id)
                && let Some((_, imp)) = impls.iter().find(|(n, _)| n.as_str() == name)
                && cell(imp, id).is_none()
            {
                problems.push(format!("{FINDINGS}: the {name} section cites `{id}`, which {name} passes in {MATRIX}"));
            }
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    #[test]
    fn findings_agree_with_the_published_matrix() {
        let problems = super::check(&crate::paths::root()).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            problems.is_empty(),
            "{}\nrefresh with `cargo xtask conformance --impl all && cargo xtask findings --update`",
            problems.join("\n")
        );
    }

    #[test]
    fn cited_ids_are_the_backticked_dashed_words() {
        assert_eq!(super::cited_ids("see `attack-crit-unknown-ext` and `r_jwt_parse`, `HS256`, `alg-*-x`"), ["attack-crit-unknown-ext"]);
    }
}
