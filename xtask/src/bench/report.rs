//! The benchmark report: `report.md` (tables of ratios to the floors) and `report.json`.

use super::*;

pub(super) fn markdown(rows: &[Row], per_process: &[Vec<Row>], paired: &Value, m: &BTreeMap<String, f64>, quick: bool) -> String {
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

pub(super) fn report_json(rows: &[Row], m: &BTreeMap<String, f64>, quick: bool) -> Value {
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
