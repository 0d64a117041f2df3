//! Every vector gets the same verdict and error kind from both crypto
//! backends of the reference.

use jwtproof_harness::run_case;
use jwtproof_reference::{Backend, Jwk, verify};

#[test]
fn both_backends_agree_on_every_vector() {
    let paths = jwtproof_harness::default_vector_paths(&jwtproof_harness::bundled_vectors_dir());
    let corpus = jwtproof_vectors::load(&paths).unwrap_or_else(|e| panic!("{e}"));
    let mut compared = 0;
    for (file, case) in corpus.cases() {
        // The reference's own settings for the case, as the runner builds them.
        let expected = run_case(&jwtproof_harness::Reference, file, case);
        let validation = jwtproof_harness::reference_validation(&case.validation).unwrap_or_else(|e| panic!("{e}"));
        let key = file.key_for(case);
        let kinds: Vec<_> = Backend::ALL
            .iter()
            .map(|b| {
                let jwk = key.as_ref().map(|k| Jwk::from_map_with(k, *b));
                verify(&case.token, jwk.as_ref(), &validation).map(|_| ()).map_err(|e| e.kind())
            })
            .collect();
        assert!(kinds.windows(2).all(|w| w[0] == w[1]), "{}: backends disagree: {kinds:?} (default: {:?})", case.id, expected.actual);
        compared += 1;
    }
    assert!(compared > 1000, "only {compared} cases compared");
}
