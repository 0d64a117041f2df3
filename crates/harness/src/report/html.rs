//! The HTML report (`report.html`, one self-contained page).

use super::*;

fn html_escape(s: &str) -> String {
    xml_escape(s).replace('\'', "&#39;")
}

/// The language an implementation is written in, as reports show it.
fn language_of<'a>(info: &'a BTreeMap<String, ImplInfo>, name: &str) -> &'a str {
    info.get(name).and_then(|x| x.language.as_deref()).unwrap_or("other")
}

/// A CSS class name for a language (letters and digits, lowercase).
fn language_class(language: &str) -> String {
    let slug: String = language.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    format!("l-{slug}")
}

/// The classes of an implementation's column: its language's, and `l-ref`
/// for the reference (shown whatever language is chosen).
fn column_class(info: &BTreeMap<String, ImplInfo>, name: &str) -> String {
    if name == "reference" { "l-ref".to_owned() } else { language_class(language_of(info, name)) }
}

/// The implementations in the order the page shows them: the reference
/// first, then grouped by language (alphabetical), by name within one.
fn by_language(impls: &[String], info: &BTreeMap<String, ImplInfo>) -> Vec<String> {
    let mut out = impls.to_vec();
    out.sort_by(|a, b| (a != "reference", language_of(info, a), a.as_str()).cmp(&(b != "reference", language_of(info, b), b.as_str())));
    out
}

/// The two header rows of a case × implementation table: the languages
/// (one cell spanning each group), then the implementations' names set
/// vertically, so that fifty columns fit a 1,400-pixel window. `lead`
/// names the leading columns (spanning both rows).
fn grouped_header(lead: &[&str], impls: &[String], info: &BTreeMap<String, ImplInfo>) -> String {
    let mut out = String::from("<thead><tr>");
    for l in lead {
        let _ = write!(out, "<th rowspan=\"2\">{}</th>", html_escape(l));
    }
    let mut groups: Vec<(&str, usize)> = Vec::new();
    for i in impls {
        let language = if i == "reference" { "reference" } else { language_of(info, i) };
        match groups.last_mut() {
            Some((l, n)) if *l == language => *n += 1,
            _ => groups.push((language, 1)),
        }
    }
    for (language, n) in &groups {
        let class = if *language == "reference" { "l-ref".to_owned() } else { language_class(language) };
        let _ = write!(out, "<th colspan=\"{n}\" class=\"lang {class}\">{}</th>", html_escape(language));
    }
    out.push_str("</tr><tr>");
    for i in impls {
        let version = info.get(i).and_then(|x| x.version.clone()).unwrap_or_default();
        let _ = write!(
            out,
            "<th class=\"v {}\" title=\"{}\"><span>{}</span></th>",
            column_class(info, i),
            html_escape(&version),
            html_escape(i)
        );
    }
    out.push_str("</tr></thead>\n");
    out
}

/// The matrix as one self-contained HTML page: a summary per
/// implementation by category, then every case × implementation, grouped
/// by file, with a switch that folds away the cases on which every
/// implementation agrees with the expected result.
pub fn to_html(results: &[RunResult], info: &BTreeMap<String, ImplInfo>) -> String {
    let impls = by_language(&implementations(results), info);
    let mut languages: Vec<&str> = impls.iter().map(|i| language_of(info, i)).collect();
    languages.dedup();
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
th.v{vertical-align:bottom;padding:4px 1px;font-weight:500;top:1.6em}th.v span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}\n\
th.lang{font-size:12px}td.c{text-align:center;padding:1px 2px;min-width:12px;font-size:12px}\n\
</style></head><body>\n<h1>jwtproof conformance matrix</h1>\n",
    );
    let _ = writeln!(
        out,
        "<p>{} cases × {} implementations in {} languages. <label><input type=\"checkbox\" id=\"prune\" onchange=\"document.body.classList.toggle('pruned',this.checked)\" checked> show only the cases where some implementation disagrees with the expected result</label></p>",
        results.len() / impls.len().max(1),
        impls.len(),
        languages.iter().filter(|l| **l != "other").collect::<std::collections::BTreeSet<_>>().len()
    );
    out.push_str("<p><label>language: <select id=\"lang\" onchange=\"filterLanguage(this.value)\"><option value=\"\">all</option>");
    for l in &languages {
        let _ = write!(out, "<option value=\"{}\">{}</option>", language_class(l), html_escape(l));
    }
    out.push_str("</select></label> (the case, cost and advisory tables show the reference and that language's implementations)</p>\n<style id=\"langstyle\"></style>\n");
    out.push_str("<p class=\"legend\"><span style=\"background:#c8efc8\">pass</span><span style=\"background:#e6f0b0\">rejected for another reason (another error kind than the one under test)</span><span style=\"background:#f5b5b5\">fail</span><span style=\"background:#f9d99b\">known deviation (listed, with a reason)</span><span style=\"background:#c7a3f0\">slow (far costlier than its baseline)</span><span style=\"background:#e3d3f7\">known slow</span><span style=\"background:#e4e4e4\">skip</span></p>\n");
    out.push_str("<h2>Summary</h2>\n<table><tr><th>implementation</th><th>language</th><th>version</th>");
    for c in CATEGORIES {
        let _ = write!(out, "<th>{c}</th>");
    }
    out.push_str("</tr>\n");
    for i in &impls {
        let version = info.get(i).and_then(|x| x.version.clone()).unwrap_or_default();
        let _ =
            write!(out, "<tr><td>{}</td><td>{}</td><td>{}</td>", html_escape(i), html_escape(language_of(info, i)), html_escape(&version));
        for c in CATEGORIES {
            let _ = write!(out, "<td class=\"num\">{}</td>", counts.get(&(i.clone(), c)).copied().unwrap_or(0));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n<p>crash, timeout and slow count as denial of service.</p>\n");
    out.push_str(&impact_html(results, &impls));
    out.push_str(&by_cve_html(results, &impls, info));
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
        out.push_str("<table>");
        out.push_str(&grouped_header(&["case", "expected"], &impls, info));
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
                    None => {
                        let _ = write!(out, "<td class=\"c {}\"></td>", column_class(info, i));
                    }
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
                        // A glyph per cell (the outcome is in the title), so that
                        // fifty columns fit; a cost case shows its ratio.
                        let glyph = match class {
                            "pass" => "✓",
                            "other" => "~",
                            "skip" => "·",
                            "known" | "knownslow" => "k",
                            _ => "✗",
                        };
                        let text = match &r.cost {
                            Some(c) => format_ratio(c.ratio),
                            None => glyph.to_owned(),
                        };
                        let title = format!("{i}: {} — {title}", r.actual.label());
                        let _ = write!(
                            out,
                            "<td class=\"c {class} {}\" title=\"{}\">{}</td>",
                            column_class(info, i),
                            html_escape(&title),
                            html_escape(&text)
                        );
                    }
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table></details>\n");
    }
    out.push_str("<script>function filterLanguage(v){var css='';if(v){css='th.v,td.c,th.lang{display:none}th.v.'+v+',td.c.'+v+',th.lang.'+v+',th.l-ref,td.l-ref{display:table-cell}'}document.getElementById('langstyle').textContent=css}</script>\n");
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
        "<h2>Cost</h2>\n<p>Each adversarial case's verification time divided by its baseline's (a benign token of the same size): {}. A case is slow when an unauthenticated attacker can make one token within the size limit cost far more than a normal one (the spec's bounded-work rule: policy, no RFC requires it).</p>\n",
        html_escape(&slow_rule())
    );
    out.push_str("<table>");
    out.push_str(&grouped_header(&["case"], impls, info));
    for b in &baselines {
        let _ = write!(out, "<tr><td class=\"id\">{} (time)</td>", html_escape(b));
        for i in impls {
            let cell = elapsed.get(&(b.clone(), i.clone())).map_or(String::new(), |d| format_duration(*d));
            let _ = write!(out, "<td class=\"c num {}\">{}</td>", column_class(info, i), html_escape(&cell));
        }
        out.push_str("</tr>\n");
    }
    for id in &ids {
        let _ = write!(out, "<tr><td class=\"id\">{}</td>", html_escape(id));
        for i in impls {
            match cells.get(&(id.clone(), i.clone())) {
                None => {
                    let _ = write!(out, "<td class=\"c {}\"></td>", column_class(info, i));
                }
                Some(c) => {
                    let known = info.get(i).is_some_and(|x| x.known.contains_key(id));
                    let class = match (c.slow, known) {
                        (true, true) => "knownslow num",
                        (true, false) => "slow num",
                        (false, _) => "pass num",
                    };
                    let title = format!(
                        "{i}: {} vs {} (baseline), min of {} runs",
                        format_duration(c.elapsed),
                        format_duration(c.baseline_elapsed),
                        c.runs
                    );
                    let _ = write!(
                        out,
                        "<td class=\"c {class} {}\" title=\"{}\">{}</td>",
                        column_class(info, i),
                        html_escape(&title),
                        html_escape(&format_ratio(c.ratio))
                    );
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
fn by_cve_html(results: &[RunResult], impls: &[String], info: &BTreeMap<String, ImplInfo>) -> String {
    let rows = by_cve(results);
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<h2>By advisory</h2>\n<p>Which libraries fail each advisory's vectors: <em>same class</em> when a library accepts, crashes, hangs or is slow on a vector written for that advisory's bug class. This is not the claim that the library has the advisory: a vector reproduces an advisory's exact trigger only for the library it was filed against (see each case's description). Cells: ✓ ok, ✗ same class (the title says which failures), · skip.</p>\n<table>",
    );
    out.push_str(&grouped_header(&["advisory"], impls, info));
    for (id, row) in rows {
        let _ = write!(out, "<tr><td class=\"id\">{}</td>", html_escape(&id));
        for i in impls {
            let verdict = row.iter().find(|(n, _)| n == i).map_or("", |(_, v)| v.as_str());
            let class = match verdict {
                "ok" => "pass",
                "skip" | "" => "skip",
                _ => "fail",
            };
            let glyph = match class {
                "pass" => "✓",
                "skip" => "·",
                _ => "✗",
            };
            let _ = write!(
                out,
                "<td class=\"c {class} {}\" title=\"{}\">{glyph}</td>",
                column_class(info, i),
                html_escape(&format!("{i}: {verdict}"))
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}
