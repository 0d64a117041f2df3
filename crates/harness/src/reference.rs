//! The reference verifier as one more [`Implementation`].

use jwtproof_reference::{Jwk, Validation, verify};
use jwtproof_vectors::ValidationSpec;

use crate::{CaseInput, Implementation, Outcome};

/// `jwtproof_reference::verify`, judged with exact error kinds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Reference;

/// Builds the reference's typed settings from a vector's `validation`.
pub fn validation(spec: &ValidationSpec) -> Result<Validation, String> {
    spec.to_validation().map_err(|e| e.to_string())
}

impl Implementation for Reference {
    fn name(&self) -> &str {
        "reference"
    }

    fn exact_error_kinds(&self) -> bool {
        true
    }

    fn version(&self) -> Option<String> {
        Some(format!("jwtproof-reference {} ({})", env!("CARGO_PKG_VERSION"), jwtproof_reference::Backend::default().as_str()))
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        let validation = match validation(&input.case.validation) {
            Ok(v) => v,
            Err(e) => return Outcome::Unsupported(e),
        };
        let key = input.key.as_ref().map(Jwk::from_map);
        match verify(&input.case.token, key.as_ref(), &validation) {
            Ok(_) => Outcome::Valid,
            Err(e) => Outcome::Invalid(Some(e.kind())),
        }
    }
}
