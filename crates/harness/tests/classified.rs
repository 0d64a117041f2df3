//! Every invalid case of the project's own corpus (what a default run
//! loads: everything under vectors/ but the imported third-party files and
//! the loader's fixtures) says what accepting it means and what its
//! rejection rests on (docs/spec/vector-format.md, `impact` and `basis`).
//! Generated files get theirs from crates/gen/src/impact.rs; hand-kept
//! ones (vectors/regressions/) carry them as written, and `cargo xtask fuzz
//! promote` writes them.

use jwtproof_harness::{bundled_vectors_dir, default_vector_paths};
use jwtproof_vectors::Expected;

#[test]
fn every_own_invalid_case_has_an_impact_and_a_basis() {
    let corpus = jwtproof_vectors::load(&default_vector_paths(&bundled_vectors_dir())).unwrap_or_else(|e| panic!("{e}"));
    let mut missing = Vec::new();
    let mut invalid = 0;
    for (file, case) in corpus.cases() {
        let classified = case.impact.is_some() && case.basis.as_deref().is_some_and(|b| !b.trim().is_empty());
        match case.expected {
            Expected::Invalid => {
                invalid += 1;
                if !classified {
                    missing.push(format!("{}: {}", file.path.display(), case.id));
                }
            }
            Expected::Valid | Expected::Acceptable if case.impact.is_some() || case.basis.is_some() => {
                missing.push(format!("{}: {} is not invalid but has an impact or basis", file.path.display(), case.id));
            }
            Expected::Valid | Expected::Acceptable => {}
        }
    }
    assert!(invalid > 900, "only {invalid} invalid cases: the corpus did not load whole");
    assert!(missing.is_empty(), "{} own cases without impact and basis:\n{}", missing.len(), missing.join("\n"));
}
