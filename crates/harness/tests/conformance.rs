//! One named test per vector for the reference verifier:
//! `cargo test -p jwtproof-harness --test conformance -- reference/bigone-documented/`

fn main() {
    jwtproof_harness::Harness::new(jwtproof_harness::Reference).run_as_tests();
}
