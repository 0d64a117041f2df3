//! The JSON report (`report.json`).

use super::*;

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
