//! The reference verifier as one more [`Implementation`].

use jwtproof_reference::{Algorithms, Jwk, PayloadKind, Validation, verify};
use jwtproof_vectors::ValidationSpec;

use crate::{CaseInput, Implementation, Outcome};

/// `jwtproof_reference::verify`, judged with exact error kinds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Reference;

/// Builds the reference's typed settings from a vector's `validation`.
pub fn validation(spec: &ValidationSpec) -> Result<Validation, String> {
    let algorithms = Algorithms::new(spec.algorithms.iter().copied()).map_err(|e| e.to_string())?;
    let mut v = Validation::new(algorithms, spec.clock);
    if let Some(l) = spec.leeway {
        v = v.leeway(l);
    }
    if let Some(r) = &spec.required_claims {
        v = v.required_claims(r.iter().cloned());
    }
    if let Some(a) = &spec.audience {
        v = v.audience(a.iter().cloned());
    }
    if let Some(i) = &spec.issuer {
        v = v.issuer(i.clone());
    }
    if let Some(s) = &spec.subject {
        v = v.subject(s.clone());
    }
    if let Some(m) = spec.max_age {
        v = v.max_age(m);
    }
    if let Some(o) = &spec.origin {
        v = v.origin(o.clone());
    }
    if let Some(p) = spec.profile {
        v = v.profile(p);
    }
    Ok(v.payload(spec.payload.unwrap_or(PayloadKind::Jwt)))
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
