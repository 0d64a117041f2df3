//! The benchmark chart, `chart.svg`.

use super::*;

/// A horizontal bar chart on a log scale: one band per algorithm (small
/// tokens), one bar per implementation, the floor marked by a line.
pub(super) fn chart(rows: &[Row]) -> String {
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
