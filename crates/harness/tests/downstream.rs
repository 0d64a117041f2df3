//! What a JWT library writes to run every jwtproof vector from its own
//! `cargo test` (add `jwtproof-harness` as a dev-dependency and a
//! `[[test]] name = "jwtproof" harness = false` target). Here the "library"
//! is the reference crate, called through its public API only.

use jwtproof_harness::{CaseInput, Harness, Implementation, Outcome};
use jwtproof_reference as mylib;

struct MyVerifier;

impl Implementation for MyVerifier {
    fn name(&self) -> &str {
        "my-verifier"
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        let v = &input.case.validation;
        let Ok(algs) = mylib::Algorithms::new(v.algorithms.iter().copied()) else {
            return Outcome::Unsupported("empty allow-list".into());
        };
        let mut s = mylib::Validation::new(algs, v.clock).leeway(v.leeway.unwrap_or(0));
        s = s.required_claims(v.required_claims.clone().unwrap_or_default());
        s = if let Some(a) = &v.audience { s.audience(a.clone()) } else { s };
        s = if let Some(i) = &v.issuer { s.issuer(i.clone()) } else { s };
        s = if let Some(x) = &v.subject { s.subject(x.clone()) } else { s };
        s = if let Some(m) = v.max_age { s.max_age(m) } else { s };
        s = if let Some(o) = &v.origin { s.origin(o.clone()) } else { s };
        s = if let Some(p) = v.profile { s.profile(p) } else { s };
        let settings = s.payload(v.payload.unwrap_or_default());
        let key = input.key.as_ref().map(mylib::Jwk::from_map);
        match mylib::verify(&input.case.token, key.as_ref(), &settings) {
            Ok(_) => Outcome::Valid,
            Err(e) => Outcome::Invalid(Some(e.kind())),
        }
    }
}

fn main() {
    Harness::new(MyVerifier).run_as_tests();
}
