//! `jsonwebtokens` 1.2 (rib/jsonwebtokens), ring 0.16 backend.
//!
//! An `Algorithm` holds one algorithm and its key: the adapter picks the
//! allowed algorithm the token names (see [`crate::common::choose_algorithm`]) and
//! the library checks the header's `alg`. `Verifier::verify_for_time`
//! takes the case's time (whole seconds).

use jsonwebtokens::error::Error as JErr;
use jsonwebtokens::{Algorithm, AlgorithmID, Verifier};
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{AllowedEntry, ErrorKind, Family};

use crate::common::{
    About, Expected, Library, expected_values, kind_by_message, Step, choose_algorithm, ec_spki_pem, jwk_bytes, jwk_str, key, key_mismatch, no_required_claims, now_seconds, one_audience, refuse,
    rejection, same_names,
};

/// The `jsonwebtokens` crate (`Verifier::verify_for_time`).
pub(crate) enum Jsonwebtokens {}

/// The registry's constructor (`implementations.json`, crates/adapters/build.rs).
pub(crate) fn adapter() -> Box<dyn Implementation> {
    crate::common::adapter::<Jsonwebtokens>()
}

/// The library's errors, mapped to the spec's kinds (the one place).
/// `MalformedToken` covers structure, JSON and every claim check; its
/// message is what tells them apart.
fn map_error(e: &JErr) -> Option<ErrorKind> {
    Some(match e {
        JErr::AlgorithmMismatch() => ErrorKind::AlgorithmNotAllowed,
        JErr::InvalidSignature() => ErrorKind::InvalidSignature,
        JErr::TokenExpiredAt(_) => ErrorKind::Expired,
        JErr::InvalidInput(_) => ErrorKind::Malformed,
        JErr::MalformedToken(_) => kind_by_message(&e.to_string(), MALFORMED_MESSAGES, ErrorKind::Malformed),
        _ => return None,
    })
}

/// `MalformedToken`'s messages, in the order they are tried.
const MALFORMED_MESSAGES: &[(&str, ErrorKind)] = &[
    ("future 'iat'", ErrorKind::IssuedInFuture),
    ("before 'nbf'", ErrorKind::NotYetValid),
    ("'kid'", ErrorKind::KeyMismatch),
    (": missing", ErrorKind::MissingClaim),
    ("Claim iss:", ErrorKind::IssuerMismatch),
    ("Claim sub:", ErrorKind::SubjectMismatch),
    ("Claim aud:", ErrorKind::AudienceMismatch),
    ("not a number", ErrorKind::InvalidClaim),
    ("as an integer", ErrorKind::InvalidClaim),
    ("not a string", ErrorKind::InvalidClaim),
];

/// The library's algorithm. `none` is `Algorithm::new_unsecured`, which
/// is what listing it means. No ES512, no EdDSA.
fn id(entry: AllowedEntry) -> Option<AlgorithmID> {
    let AllowedEntry::Alg(alg) = entry else { return Some(AlgorithmID::NONE) };
    same_names!(alg, AlgorithmID, has [HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384], lacks [ES512, EdDSA])
}

/// An `Algorithm` for `id` (of `family`) from the key material its
/// constructors take (the HMAC secret; RSA `n`/`e`; EC as SPKI PEM);
/// `None` for a key of another type or one the library refuses.
fn algorithm(family: Family, id: AlgorithmID, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<Algorithm> {
    match (family, jwk_str(jwk, "kty").unwrap_or_default()) {
        (Family::Hmac, "oct") => Algorithm::new_hmac(id, jwk_bytes(jwk, "k")?),
        (Family::RsaPkcs1 | Family::RsaPss, "RSA") => Algorithm::new_rsa_n_e_b64_verifier(id, jwk_str(jwk, "n")?, jwk_str(jwk, "e")?),
        (Family::Ecdsa, "EC") => Algorithm::new_ecdsa_pem_verifier(id, ec_spki_pem(jwk)?.as_bytes()),
        // The constructors take raw material per family: another key type
        // cannot be handed to them.
        _ => return None,
    }
    .ok()
}

const NAME: &str = "jsonwebtokens";

impl Library for Jsonwebtokens {
    const ABOUT: About = About { name: NAME, backend: Some("ring 0.16"), opaque: false };

    fn run(input: &CaseInput<'_>) -> Step<Outcome> {
        no_required_claims(input, |c| format!("jsonwebtokens has no option to require a claim's presence ({c:?})"))?;
        let v = &input.case.validation;
        refuse(v.max_age.is_some(), || "jsonwebtokens has no max_age".into())?;
        let audience = one_audience(input, "jsonwebtokens' audience check takes exactly one value")?;
        let leeway = u32::try_from(v.leeway.unwrap_or(0)).map_err(|_| Outcome::Unsupported("leeway beyond u32".into()))?;
        let now = now_seconds(input)
            .and_then(|s| u64::try_from(s).ok())
            .ok_or_else(|| Outcome::Unsupported("jsonwebtokens takes the time as u64 seconds".into()))?;
        let (entry, id) = choose_algorithm(NAME, input, |e| id(e).map(|id| (e, id)))?;

        // The key, converted to what the constructors take; a refusal is a
        // rejection.
        let mut algorithm = match entry {
            AllowedEntry::None => Algorithm::new_unsecured().map_err(|_| key_mismatch())?,
            AllowedEntry::Alg(alg) => algorithm(alg.family(), id, key(NAME, input)?).ok_or_else(key_mismatch)?,
        };
        if let Some(kid) = input.key.as_ref().and_then(|k| jwk_str(k, "kid")) {
            algorithm.set_kid(kid);
        }

        let mut builder = Verifier::create();
        builder.leeway(leeway);
        for expected in expected_values(input, audience) {
            match expected {
                Expected::Audience(aud) => builder.audience(aud),
                Expected::Issuer(iss) => builder.issuer(iss),
                Expected::Subject(sub) => builder.subject(sub),
            };
        }
        let verifier = builder.build().map_err(|e| Outcome::Unsupported(format!("jsonwebtokens refused the settings: {e}")))?;
        Ok(verifier.verify_for_time(&input.case.token, &algorithm, now).map_or_else(|e| rejection(&e, map_error), |_| Outcome::Valid))
    }
}

// The benchmarks' prepared verifier (crate::bench): the key parsed once,
// each call one verification with the library's own API.

/// jsonwebtokens: an `Algorithm` from the key material its constructors
/// take (the HMAC secret; RSA `n`/`e`; EC as SPKI PEM) and a `Verifier`
/// with leeway 0; `Verifier::verify` reads the wall clock and checks the
/// header's `alg`, exp, nbf and iat (not in the future). No ES512, no EdDSA.
pub(crate) fn prepared(alg: &str, jwk: &serde_json::Map<String, serde_json::Value>) -> Option<crate::common::Verifier> {
    let entry = crate::common::bench_algorithm(alg)?;
    let AllowedEntry::Alg(typed) = entry else { return None };
    let algorithm = algorithm(typed.family(), id(entry)?, jwk)?;
    let verifier = jsonwebtokens::Verifier::create().leeway(0).build().ok()?;
    Some(Box::new(move |token: &str| verifier.verify(token, &algorithm).is_ok()))
}
