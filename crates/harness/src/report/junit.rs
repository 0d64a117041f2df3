//! The JUnit report (`junit.xml`): one test case per vector and implementation.

use super::*;

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
