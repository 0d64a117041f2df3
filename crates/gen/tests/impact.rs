//! The impact classification (`src/impact.rs`): every invalid case of every
//! generated file ends with an impact and a basis, and the tables hold no
//! entry or rule that classifies nothing (or repeats another).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;

use jwtproof_gen::impact::{self, ENTRIES, RULES, Report, Source};
use jwtproof_gen::{Keys, unclassified_files};
use jwtproof_vectors::{Expected, Impact, is_valid_basis};

/// One generated case, before and after classification.
struct Row {
    path: String,
    id: String,
    expected: Expected,
    /// The impact and basis the generator set itself, if it did.
    preset: Option<(Impact, Option<String>)>,
    /// Where the classification comes from (before it is applied).
    source: Option<Source>,
    /// The rule the case would get without its entry, if any.
    rule_under_entry: Option<usize>,
    impact: Option<Impact>,
    basis: Option<String>,
}

/// Generating takes a while: once for every test.
static GENERATED: LazyLock<(Vec<Row>, Report)> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors/keys");
    let keys = Keys::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut files = unclassified_files(&keys);
    let mut before = Vec::new();
    for f in &mut files {
        let path = f.path.clone();
        for case in f.cases_mut() {
            let source = impact::source(&path, case);
            let rule_under_entry = match source {
                Some(Source::Entry(_)) => RULES.iter().position(|r| r.matches(&path, case)),
                _ => None,
            };
            before.push((case.impact.map(|i| (i, case.basis.clone())), source, rule_under_entry));
        }
    }
    let report = impact::classify(&mut files);
    let mut rows = Vec::new();
    let mut before = before.into_iter();
    for f in &mut files {
        let path = f.path.clone();
        for case in f.cases_mut() {
            let Some((preset, source, rule_under_entry)) = before.next() else { panic!("a case appeared in classify") };
            rows.push(Row {
                path: path.clone(),
                id: case.id.clone(),
                expected: case.expected,
                source: if preset.is_some() { None } else { source },
                preset,
                rule_under_entry,
                impact: case.impact,
                basis: case.basis.clone(),
            });
        }
    }
    (rows, report)
});

fn rows() -> &'static [Row] {
    &GENERATED.0
}

fn report() -> &'static Report {
    &GENERATED.1
}

#[test]
fn every_invalid_case_has_an_impact_and_a_basis() {
    assert!(
        report().unclassified.is_empty(),
        "invalid cases without an entry or a rule in impact.rs:\n{}",
        report().unclassified.join("\n")
    );
    let mut wrong = Vec::new();
    for r in rows() {
        let classified = r.impact.is_some() && r.basis.as_deref().is_some_and(is_valid_basis);
        match r.expected {
            Expected::Invalid if !classified => wrong.push(format!("{}: {} has no impact or basis", r.path, r.id)),
            Expected::Valid | Expected::Acceptable if r.impact.is_some() || r.basis.is_some() => {
                wrong.push(format!("{}: {} is not invalid, yet classified", r.path, r.id));
            }
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn generators_keep_their_own_impacts() {
    // The cost group (and a few attack cases) classify themselves; the
    // tables must not be consulted for them.
    assert!(report().preset > 0);
    assert_eq!(rows().iter().filter(|r| r.preset.is_some()).count(), report().preset);
    for r in rows() {
        let Some((impact, basis)) = &r.preset else { continue };
        assert_eq!((r.impact, &r.basis), (Some(*impact), basis), "{}: classify replaced the generator's own impact", r.id);
    }
}

#[test]
fn every_entry_and_rule_classifies_something() {
    let report = report();
    let mut dead = Vec::new();
    for (e, n) in ENTRIES.iter().zip(&report.by_entry) {
        if *n != 1 {
            dead.push(format!("entry {} classifies {n} cases (it must name one unclassified invalid case)", e.id));
        }
    }
    for (i, (r, n)) in RULES.iter().zip(&report.by_rule).enumerate() {
        if *n == 0 {
            dead.push(format!("rule {i} ({:?} {:?} {:?} {:?}) classifies nothing", r.file, r.ids, r.error, r.flag));
        }
    }
    assert!(dead.is_empty(), "{}", dead.join("\n"));
}

/// An entry that says what the rule under it would say is noise.
#[test]
fn no_entry_repeats_its_rule() {
    let mut redundant = Vec::new();
    for r in rows() {
        let (Some(Source::Entry(e)), Some(rule)) = (r.source, r.rule_under_entry) else { continue };
        let (entry, rule) = (&ENTRIES[e].verdict, &RULES[rule].verdict);
        if entry.impact == rule.impact && entry.basis == rule.basis {
            redundant.push(format!("{}: its rule already says {} / {}", r.id, entry.impact, entry.basis));
        }
    }
    assert!(redundant.is_empty(), "{}", redundant.join("\n"));
}

#[test]
fn tables_are_well_formed() {
    let mut ids = BTreeSet::new();
    for e in ENTRIES {
        assert!(ids.insert(e.id), "entry {} given twice", e.id);
        assert!(is_valid_basis(e.verdict.basis), "entry {}: basis {:?}", e.id, e.verdict.basis);
        assert!(!e.verdict.why.is_empty(), "entry {}: no threat model", e.id);
    }
    for (i, r) in RULES.iter().enumerate() {
        assert!(is_valid_basis(r.verdict.basis), "rule {i}: basis {:?}", r.verdict.basis);
        assert!(!r.verdict.why.is_empty(), "rule {i}: no threat model");
    }
}

/// Cases per group, impact and basis kind, for review:
/// `cargo test -p jwtproof-gen --test impact counts -- --nocapture`.
#[test]
fn counts() {
    let mut table: BTreeMap<(&str, Impact), (usize, usize)> = BTreeMap::new();
    for r in rows() {
        let (Some(i), Some(b)) = (r.impact, r.basis.as_deref()) else { continue };
        let group = r.path.split('/').next().unwrap_or(&r.path);
        let cell = table.entry((group, i)).or_default();
        if b == "policy" {
            cell.1 += 1;
        } else {
            cell.0 += 1;
        }
    }
    println!("{:<12} {:<18} {:>5} {:>7}", "group", "impact", "rfc", "policy");
    for ((g, i), (rfc, policy)) in &table {
        println!("{g:<12} {:<18} {rfc:>5} {policy:>7}", i.as_str());
    }
    assert!(!table.is_empty());
}
