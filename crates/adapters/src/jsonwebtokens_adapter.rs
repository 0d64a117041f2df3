//! `jsonwebtokens` 1.2 (rib/jsonwebtokens), ring 0.16 backend.
//!
//! An `Algorithm` holds one algorithm and its key: the adapter picks the
//! allowed algorithm the token names (see [`crate::common::choose_algorithm`]) and
//! the library checks the header's `alg`. `Verifier::verify_for_time`
//! takes the case's time (whole seconds).

use jsonwebtokens::error::Error as JErr;
use jsonwebtokens::{Algorithm, AlgorithmID, Verifier};
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::ErrorKind;

use crate::common::{choose_algorithm, common_unsupported, ec_spki_pem, invalid, jwk_bytes, jwk_str, now_seconds};

/// The `jsonwebtokens` crate (`Verifier::verify_for_time`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Jsonwebtokens;

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    Box::new(Jsonwebtokens)
}

const NAME: &str = "jsonwebtokens";
/// `none` is listed because the library offers `Algorithm::new_unsecured`,
/// which is what listing it means. No ES512, no EdDSA.
const SUPPORTED: &[&str] = &["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "none"];

/// The library's errors, mapped to the spec's kinds (the one place).
/// `MalformedToken` covers structure, JSON and every claim check; its
/// message is what tells them apart.
fn map_error(e: &JErr) -> Option<ErrorKind> {
    Some(match e {
        JErr::AlgorithmMismatch() => ErrorKind::AlgorithmNotAllowed,
        JErr::InvalidSignature() => ErrorKind::InvalidSignature,
        JErr::TokenExpiredAt(_) => ErrorKind::Expired,
        JErr::InvalidInput(_) => ErrorKind::Malformed,
        JErr::MalformedToken(_) => {
            let text = e.to_string();
            if text.contains("future 'iat'") {
                ErrorKind::IssuedInFuture
            } else if text.contains("before 'nbf'") {
                ErrorKind::NotYetValid
            } else if text.contains("'kid'") {
                ErrorKind::KeyMismatch
            } else if text.contains(": missing") {
                ErrorKind::MissingClaim
            } else if text.contains("Claim iss:") {
                ErrorKind::IssuerMismatch
            } else if text.contains("Claim sub:") {
                ErrorKind::SubjectMismatch
            } else if text.contains("Claim aud:") {
                ErrorKind::AudienceMismatch
            } else if text.contains("not a number") || text.contains("as an integer") || text.contains("not a string") {
                ErrorKind::InvalidClaim
            } else {
                ErrorKind::Malformed
            }
        }
        _ => return None,
    })
}

fn id(name: &str) -> AlgorithmID {
    match name {
        "HS256" => AlgorithmID::HS256,
        "HS384" => AlgorithmID::HS384,
        "HS512" => AlgorithmID::HS512,
        "RS256" => AlgorithmID::RS256,
        "RS384" => AlgorithmID::RS384,
        "RS512" => AlgorithmID::RS512,
        "PS256" => AlgorithmID::PS256,
        "PS384" => AlgorithmID::PS384,
        "PS512" => AlgorithmID::PS512,
        "ES256" => AlgorithmID::ES256,
        "ES384" => AlgorithmID::ES384,
        _ => AlgorithmID::NONE,
    }
}

impl Implementation for Jsonwebtokens {
    fn name(&self) -> &str {
        NAME
    }

    fn version(&self) -> Option<String> {
        Some(crate::versions::version_label(self.name(), Some("ring 0.16")))
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        if let Some(out) = common_unsupported(NAME, input, false) {
            return out;
        }
        let v = &input.case.validation;
        if let Some(c) = v.required_claims.as_ref().and_then(|r| r.first()) {
            return Outcome::Unsupported(format!("jsonwebtokens has no option to require a claim's presence ({c:?})"));
        }
        if v.max_age.is_some() {
            return Outcome::Unsupported("jsonwebtokens has no max_age".into());
        }
        if v.audience.as_ref().is_some_and(|a| a.len() != 1) {
            return Outcome::Unsupported("jsonwebtokens' audience check takes exactly one value".into());
        }
        let Ok(leeway) = u32::try_from(v.leeway.unwrap_or(0)) else {
            return Outcome::Unsupported("leeway beyond u32".into());
        };
        let Some(now) = now_seconds(input).and_then(|s| u64::try_from(s).ok()) else {
            return Outcome::Unsupported("jsonwebtokens takes the time as u64 seconds".into());
        };
        let alg = match choose_algorithm(NAME, input, SUPPORTED) {
            Ok(a) => a,
            Err(out) => return out,
        };

        // The key, converted to what the constructors take; a refusal is a
        // rejection.
        let algorithm = if alg == "none" {
            Algorithm::new_unsecured()
        } else {
            let Some(jwk) = &input.key else {
                return Outcome::Unsupported("jsonwebtokens cannot verify without a key".into());
            };
            let kty = jwk_str(jwk, "kty").unwrap_or_default();
            match (alg.as_bytes()[0], kty) {
                (b'H', "oct") => match jwk_bytes(jwk, "k") {
                    Some(k) => Algorithm::new_hmac(id(&alg), k),
                    None => return invalid(Some(ErrorKind::KeyMismatch)),
                },
                (b'R' | b'P', "RSA") => match (jwk_str(jwk, "n"), jwk_str(jwk, "e")) {
                    (Some(n), Some(e)) => Algorithm::new_rsa_n_e_b64_verifier(id(&alg), n, e),
                    _ => return invalid(Some(ErrorKind::KeyMismatch)),
                },
                (b'E', "EC") => match ec_spki_pem(jwk) {
                    Some(pem) => Algorithm::new_ecdsa_pem_verifier(id(&alg), pem.as_bytes()),
                    None => return invalid(Some(ErrorKind::KeyMismatch)),
                },
                // The constructors take raw material per family: another
                // key type cannot be handed to them.
                _ => return invalid(Some(ErrorKind::KeyMismatch)),
            }
        };
        let mut algorithm = match algorithm {
            Ok(a) => a,
            Err(_) => return invalid(Some(ErrorKind::KeyMismatch)),
        };
        if let Some(kid) = input.key.as_ref().and_then(|k| jwk_str(k, "kid")) {
            algorithm.set_kid(kid);
        }

        let mut builder = Verifier::create();
        builder.leeway(leeway);
        if let Some(aud) = v.audience.as_ref().and_then(|a| a.first()) {
            builder.audience(aud.clone());
        }
        if let Some(iss) = &v.issuer {
            builder.issuer(iss.clone());
        }
        if let Some(sub) = &v.subject {
            builder.subject(sub.clone());
        }
        let verifier = match builder.build() {
            Ok(v) => v,
            Err(e) => return Outcome::Unsupported(format!("jsonwebtokens refused the settings: {e}")),
        };
        match verifier.verify_for_time(&input.case.token, &algorithm, now) {
            Ok(_) => Outcome::Valid,
            Err(e) => crate::common::rejected(format!("{e:?}"), map_error(&e)),
        }
    }
}

// The benchmarks' prepared verifier (crate::bench): the key parsed once,
// each call one verification with the library's own API.

/// jsonwebtokens: an `Algorithm` from the key material its constructors
/// take (the HMAC secret; RSA `n`/`e`; EC as SPKI PEM) and a `Verifier`
/// with leeway 0; `Verifier::verify` reads the wall clock and checks the
/// header's `alg`, exp, nbf and iat (not in the future). No ES512, no EdDSA.
pub(crate) fn prepared(alg: &str, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<crate::common::Verifier> {
    use jsonwebtokens::{Algorithm, AlgorithmID};
    let algorithm = match alg {
        "HS256" => Algorithm::new_hmac(AlgorithmID::HS256, crate::common::jwk_bytes(jwk, "k")?),
        "HS384" => Algorithm::new_hmac(AlgorithmID::HS384, crate::common::jwk_bytes(jwk, "k")?),
        "HS512" => Algorithm::new_hmac(AlgorithmID::HS512, crate::common::jwk_bytes(jwk, "k")?),
        "RS256" | "PS256" => {
            let id = if alg == "RS256" { AlgorithmID::RS256 } else { AlgorithmID::PS256 };
            Algorithm::new_rsa_n_e_b64_verifier(id, crate::common::jwk_str(jwk, "n")?, crate::common::jwk_str(jwk, "e")?)
        }
        "ES256" => Algorithm::new_ecdsa_pem_verifier(AlgorithmID::ES256, crate::common::ec_spki_pem(jwk)?.as_bytes()),
        "ES384" => Algorithm::new_ecdsa_pem_verifier(AlgorithmID::ES384, crate::common::ec_spki_pem(jwk)?.as_bytes()),
        _ => return None,
    }
    .ok()?;
    let verifier = jsonwebtokens::Verifier::create().leeway(0).build().ok()?;
    Some(Box::new(move |token: &str| verifier.verify(token, &algorithm).is_ok()))
}
