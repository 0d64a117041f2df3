//! `jsonwebtoken` 11 (Keats/jsonwebtoken), pure-Rust backend.

use std::collections::HashSet;

use jsonwebtoken::errors::ErrorKind as JErr;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode};
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{AllowedEntry, ErrorKind};

use crate::common::{invalid, time_independent, wall_clock_seconds};

/// The `jsonwebtoken` crate (`decode::<serde_json::Value>`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Jsonwebtoken;

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    Box::new(Jsonwebtoken)
}

/// The library's errors, mapped to the spec's kinds (the one place).
fn map_error(kind: &JErr) -> Option<ErrorKind> {
    Some(match kind {
        JErr::InvalidToken | JErr::Base64(_) | JErr::Json(_) | JErr::Utf8(_) => ErrorKind::Malformed,
        JErr::InvalidSignature => ErrorKind::InvalidSignature,
        JErr::InvalidEcdsaKey | JErr::InvalidEddsaKey | JErr::InvalidRsaKey(_) | JErr::InvalidKeyFormat => ErrorKind::KeyMismatch,
        JErr::InvalidAlgorithmName | JErr::UnsupportedAlgorithm | JErr::InvalidAlgorithm | JErr::MissingAlgorithm => {
            ErrorKind::AlgorithmNotAllowed
        }
        JErr::MissingRequiredClaim(_) => ErrorKind::MissingClaim,
        JErr::InvalidClaimFormat(_) => ErrorKind::InvalidClaim,
        JErr::ExpiredSignature => ErrorKind::Expired,
        JErr::ImmatureSignature => ErrorKind::NotYetValid,
        JErr::InvalidIssuer => ErrorKind::IssuerMismatch,
        JErr::InvalidAudience => ErrorKind::AudienceMismatch,
        JErr::InvalidSubject => ErrorKind::SubjectMismatch,
        _ => return None,
    })
}

fn algorithm(entry: AllowedEntry) -> Option<Algorithm> {
    match entry {
        AllowedEntry::None => None,
        AllowedEntry::Alg(a) => a.as_str().parse().ok(),
    }
}

impl Implementation for Jsonwebtoken {
    fn name(&self) -> &str {
        "jsonwebtoken"
    }

    fn version(&self) -> Option<String> {
        Some(crate::versions::version_label(self.name(), Some("rust_crypto")))
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        let v = &input.case.validation;
        // Settings the library has no option for.
        if v.profile.is_some() {
            return Outcome::Unsupported("jsonwebtoken has no API-profile rules (bigone, trinity, voicegain, aspose)".into());
        }
        if v.max_age.is_some() {
            return Outcome::Unsupported("jsonwebtoken has no max_age".into());
        }
        if v.payload == Some(jwtproof_reference::PayloadKind::Opaque) {
            return Outcome::Unsupported("jsonwebtoken verifies JWT claims sets only, not opaque JWS payloads".into());
        }
        let required = v.required_claims.clone().unwrap_or_default();
        if let Some(other) = required.iter().find(|c| !["exp", "nbf", "aud", "iss", "sub"].contains(&c.as_str())) {
            return Outcome::Unsupported(format!("jsonwebtoken can only require exp, nbf, aud, iss, sub (not {other:?})"));
        }
        let algorithms: Vec<Algorithm> = v.algorithms.iter().copied().filter_map(algorithm).collect();
        if algorithms.is_empty() {
            return Outcome::Unsupported("the allow-list holds only algorithms jsonwebtoken cannot name (none, ES512)".into());
        }
        // As `choose_algorithm` for the other adapters: a token under an
        // allowed algorithm the library does not implement cannot be run
        // faithfully (`none` is no such algorithm: refusing it is right).
        let token_alg = crate::common::header_alg(&input.case.token);
        if token_alg.as_deref() == Some("ES512") && v.algorithms.iter().any(|a| a.as_str() == "ES512") {
            return Outcome::Unsupported("jsonwebtoken does not implement ES512".into());
        }
        // jsonwebtoken reads the wall clock (`get_current_timestamp`, whole
        // seconds of `SystemTime::now`) and has no option to be given a
        // time: under libfaketime the process's clock is set to the case's
        // (crate::fake_clock). Without it, only the cases whose verdict does
        // not depend on the time run.
        if crate::fake_clock::nanos_of(v.clock) < 0 {
            return Outcome::Unsupported(
                "a time before 1970: jsonwebtoken's get_current_timestamp panics on it (\"Time went backwards\"), no deployed clock reads it".into(),
            );
        }
        if let Err(why) = crate::fake_clock::set(v.clock)
            && !(time_independent(input, wall_clock_seconds()) && crate::common::claim_times_pass(input, wall_clock_seconds()))
        {
            return Outcome::Unsupported(format!("time-dependent case: jsonwebtoken reads the wall clock, and {why}"));
        }
        let Some(jwk) = &input.key else {
            return Outcome::Unsupported("jsonwebtoken cannot verify without a key".into());
        };
        // Both crypto features are built (the benchmarks measure each); this
        // adapter uses RustCrypto, installed process-wide once.
        if !install_provider(false) {
            return Outcome::Unsupported("jsonwebtoken's process-wide crypto provider is not the RustCrypto one in this process".into());
        }

        let mut validation = Validation::new(algorithms.first().copied().unwrap_or(Algorithm::HS256));
        validation.algorithms = algorithms;
        validation.leeway = v.leeway.unwrap_or(0); // the library's default is 60
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.required_spec_claims = required.into_iter().collect::<HashSet<_>>();
        // The spec checks aud only when an audience is configured.
        validation.validate_aud = v.audience.is_some();
        if let Some(aud) = &v.audience {
            validation.set_audience(aud);
        }
        if let Some(iss) = &v.issuer {
            validation.set_issuer(&[iss]);
        }
        validation.sub = v.subject.clone();

        // The key as the library parses JWKs; its refusal is a rejection.
        let key = match serde_json::from_value::<jsonwebtoken::jwk::Jwk>(serde_json::Value::Object(jwk.clone())) {
            Ok(jwk) => match DecodingKey::from_jwk(&jwk) {
                Ok(k) => k,
                Err(e) => return crate::common::rejected(format!("{e:?}"), map_error(e.kind())),
            },
            Err(_) => return invalid(Some(ErrorKind::KeyMismatch)),
        };
        match decode::<serde_json::Value>(&input.case.token, &key, &validation) {
            Ok(_) => Outcome::Valid,
            Err(e) => crate::common::rejected(format!("{e:?}"), map_error(e.kind())),
        }
    }
}

// The benchmarks' prepared verifier (crate::bench): the key parsed once,
// each call one verification with the library's own API.

pub(crate) fn prepared(alg: &str, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<crate::common::Verifier> {
    // The RustCrypto provider unless the process chose aws-lc-rs already.
    let _ = install_provider(false);
    let algorithm: jsonwebtoken::Algorithm = alg.parse().ok()?;
    let parsed: jsonwebtoken::jwk::Jwk = serde_json::from_value(serde_json::Value::Object(jwk.clone())).ok()?;
    let key = jsonwebtoken::DecodingKey::from_jwk(&parsed).ok()?;
    let mut validation = jsonwebtoken::Validation::new(algorithm);
    validation.leeway = 0;
    validation.validate_aud = false;
    Some(Box::new(move |token: &str| jsonwebtoken::decode::<serde_json::Value>(token, &key, &validation).is_ok()))
}

/// jsonwebtoken's crypto provider is process-wide and set once: installs
/// the aws-lc-rs one (`aws`) or the RustCrypto one, and says whether the
/// wanted one is now in force. The conformance adapter uses RustCrypto; the
/// benchmarks measure each in a separate process.
fn install_provider(aws: bool) -> bool {
    let provider = if aws { &jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER } else { &jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER };
    match provider.install_default() {
        Ok(()) => true,
        Err(installed) => std::ptr::eq(installed, provider),
    }
}

/// The registry's `bench_providers: ["aws-lc-rs"]` (`crate::bench::install_aws_lc_rs`).
pub(crate) fn install_aws_lc_rs() -> bool {
    install_provider(true)
}
