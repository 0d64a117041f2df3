//! Writing: [`VectorFile`] → the canonical text.
//!
//! Members come in the order of `spec/vector-format.md`; absent optional
//! members and empty `flags` are left out; `key: null` is written. JWK
//! members are written sorted by name (whatever order `serde_json::Map`
//! keeps: it depends on serde_json's `preserve_order` feature, which any
//! crate of a build may turn on), so the text never depends on the build.

use std::collections::BTreeMap;

use jwtproof_reference::{Clock, PayloadKind};
use serde::Serialize;
use serde_json::Value;

use crate::model::{Case, FORMAT, Impact, ValidationSpec, VectorFile};

#[derive(Serialize)]
struct OutFile<'a> {
    format: &'static str,
    name: &'a str,
    description: &'a str,
    source: &'a str,
    keys: BTreeMap<&'a str, BTreeMap<&'a str, &'a Value>>,
    tests: Vec<OutCase<'a>>,
}

#[derive(Serialize)]
struct OutCase<'a> {
    id: &'a str,
    description: &'a str,
    token: &'a str,
    key: Option<&'a str>,
    validation: OutValidation<'a>,
    expected: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'static str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    flags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    impact: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a str>,
}

#[derive(Serialize)]
struct OutValidation<'a> {
    algorithms: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    now: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    now_ns: Option<i128>,
    #[serde(skip_serializing_if = "Option::is_none")]
    leeway: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    required_claims: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audience: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issuer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_age: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payload: Option<&'static str>,
}

fn out_validation(v: &ValidationSpec) -> OutValidation<'_> {
    let (now, now_ns) = match v.clock {
        Clock::Seconds(s) => (Some(s), None),
        Clock::Nanos(ns) => (None, Some(ns)),
    };
    OutValidation {
        algorithms: v.algorithms.iter().map(|a| a.as_str()).collect(),
        now,
        now_ns,
        leeway: v.leeway,
        required_claims: v.required_claims.as_deref(),
        audience: v.audience.as_deref(),
        issuer: v.issuer.as_deref(),
        subject: v.subject.as_deref(),
        max_age: v.max_age,
        origin: v.origin.as_deref(),
        profile: v.profile.map(|p| p.as_str()),
        payload: v.payload.map(PayloadKind::as_str),
    }
}

/// A case's `validation` as the JSON text a vector file holds (exact: a
/// `now_ns` beyond 64 bits is written with all its digits, which a
/// `serde_json::Value` could not hold).
pub(crate) fn validation_to_json(v: &ValidationSpec) -> String {
    serde_json::to_string(&out_validation(v)).unwrap_or_else(|_| "null".to_owned())
}

fn out_case(case: &Case) -> OutCase<'_> {
    OutCase {
        id: &case.id,
        description: &case.description,
        token: &case.token,
        key: case.key.as_deref(),
        validation: out_validation(&case.validation),
        expected: case.expected.as_str(),
        error: case.error.map(|e| e.as_str()),
        flags: &case.flags,
        impact: case.impact.map(Impact::as_str),
        basis: case.basis.as_deref(),
        baseline: case.baseline.as_deref(),
    }
}

pub(crate) fn to_json_string(file: &VectorFile) -> String {
    let out = OutFile {
        format: FORMAT,
        name: &file.name,
        description: &file.description,
        source: &file.source,
        // JWK members sorted by name whatever `serde_json::Map` keeps (its
        // order depends on the `preserve_order` feature, which another crate
        // in the same build may turn on): the text must not depend on it.
        keys: file.keys.iter().map(|(name, jwk)| (name.as_str(), jwk.iter().map(|(k, v)| (k.as_str(), v)).collect())).collect(),
        tests: file.tests.iter().map(out_case).collect(),
    };
    #[expect(clippy::expect_used, reason = "serializing strings, integers and string-keyed maps to a String cannot fail")]
    let mut text = serde_json::to_string_pretty(&out).expect("a vector file serializes");
    text.push('\n');
    text
}

// The writers as methods of the model (here, so that the model does not
// depend on its writer).
impl ValidationSpec {
    /// The `validation` object as a vector file writes it (JSON text,
    /// exact for every `now_ns`).
    pub fn to_json_string(&self) -> String {
        validation_to_json(self)
    }
}

impl VectorFile {
    /// The canonical text of the file: pretty JSON with a 2-space indent,
    /// members in the order of the spec, absent members (and empty `flags`)
    /// left out, a trailing newline. Loading this text and writing it again
    /// gives the same bytes.
    pub fn to_json_string(&self) -> String {
        to_json_string(self)
    }
}
