//! What the in-process adapters share around the library call: the
//! adapter skeleton ([`Library`], [`adapter`]), and the mapping of a case's
//! settings to a library's options, each stated once with the answer for
//! what a library cannot express.

use std::marker::PhantomData;

use chrono::{DateTime, TimeDelta, Utc};
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::ErrorKind;

use super::{common_unsupported, invalid, time_out_of_range};

/// A step of an adapter: `Err` is the case's answer, given early (an
/// unsupported setting, a refused key, a rejection).
pub(crate) type Step<T = ()> = Result<T, Outcome>;

/// What an in-process adapter states about its library; [`adapter`] makes
/// it an [`Implementation`] with what they all share (the name, the
/// version label, the settings no library here can express).
pub(crate) trait Library: Send + Sync + 'static {
    /// Its name, backend and whether it verifies plain JWS.
    const ABOUT: About;
    /// Runs a case that [`common_unsupported`] let through.
    fn run(input: &CaseInput<'_>) -> Step<Outcome>;
}

/// What the shared parts need to know of a [`Library`].
pub(crate) struct About {
    /// The registry's name.
    pub(crate) name: &'static str,
    /// The crypto backend the version label names.
    pub(crate) backend: Option<&'static str>,
    /// Whether the library verifies plain JWS (opaque payloads).
    pub(crate) opaque: bool,
}

/// A [`Library`] as an [`Implementation`].
struct Adapter<L>(PhantomData<L>);

impl<L: Library> Implementation for Adapter<L> {
    fn name(&self) -> &str {
        L::ABOUT.name
    }

    fn version(&self) -> Option<String> {
        Some(crate::versions::version_label(L::ABOUT.name, L::ABOUT.backend))
    }

    fn verify(&self, input: &CaseInput<'_>) -> Outcome {
        if let Some(out) = common_unsupported(L::ABOUT.name, input, L::ABOUT.opaque) {
            return out;
        }
        L::run(input).unwrap_or_else(|out| out)
    }
}

/// The registry's constructor of a [`Library`]'s adapter.
pub(crate) fn adapter<L: Library>() -> Box<dyn Implementation> {
    Box::new(Adapter::<L>(PhantomData))
}

/// `Unsupported(why)` when `cond` holds: a setting the library has no
/// option for.
pub(crate) fn refuse(cond: bool, why: impl FnOnce() -> String) -> Step {
    if cond { Err(Outcome::Unsupported(why())) } else { Ok(()) }
}

/// The audience of a library whose check takes exactly one value (`None`
/// when no audience is configured); a list of another length is
/// `Unsupported(why)`.
pub(crate) fn one_audience<'i>(input: &'i CaseInput<'_>, why: &str) -> Step<Option<&'i String>> {
    match input.case.validation.audience.as_deref() {
        None => Ok(None),
        Some([one]) => Ok(Some(one)),
        Some(_) => Err(Outcome::Unsupported(why.to_owned())),
    }
}

/// The required claims of a library that can require only those of
/// `able`: `Unsupported(why(claim))` for the first other one.
pub(crate) fn required_among(input: &CaseInput<'_>, able: &[&str], why: impl FnOnce(&str) -> String) -> Step<Vec<String>> {
    let required = input.case.validation.required_claims.clone().unwrap_or_default();
    match required.iter().find(|c| !able.contains(&c.as_str())) {
        Some(c) => Err(Outcome::Unsupported(why(c))),
        None => Ok(required),
    }
}

/// A library with no option to require a claim's presence:
/// `Unsupported(why(claim))` for the first required one.
pub(crate) fn no_required_claims(input: &CaseInput<'_>, why: impl FnOnce(&str) -> String) -> Step {
    required_among(input, &[], why).map(|_| ())
}

/// A library whose only claim checks are `exp` and `nbf` (jwt-compact,
/// picky): no audience, issuer, subject or max_age, and only those two may
/// be required. The required claims.
pub(crate) fn time_claims_only(library: &str, input: &CaseInput<'_>) -> Step<Vec<String>> {
    let v = &input.case.validation;
    refuse(v.audience.is_some() || v.issuer.is_some() || v.subject.is_some(), || format!("{library} has no aud/iss/sub checks"))?;
    refuse(v.max_age.is_some(), || format!("{library} has no max_age (iat) check"))?;
    required_among(input, &["exp", "nbf"], |c| format!("{library} can only require exp and nbf (not {c:?})"))
}

/// The case's key: without one the library cannot be called.
pub(crate) fn key<'i>(library: &str, input: &'i CaseInput<'_>) -> Step<&'i serde_json::Map<String, serde_json::Value>> {
    input.key.as_ref().ok_or_else(|| Outcome::Unsupported(format!("{library} cannot verify without a key")))
}

/// A key the library refuses (to parse, or for this algorithm) is a
/// rejection as a key mismatch, whatever the reason.
pub(crate) fn key_mismatch() -> Outcome {
    invalid(Some(ErrorKind::KeyMismatch))
}

/// The library rejected the token with `e`: its kind by the adapter's
/// `map_error`, its `Debug` text kept ([`super::rejected`]).
pub(crate) fn rejection<E: std::fmt::Debug>(e: &E, map_error: impl FnOnce(&E) -> Option<ErrorKind>) -> Outcome {
    super::rejected(format!("{e:?}"), map_error(e))
}

/// For a library whose error variant covers several failures told apart
/// only by its message: the kind of the first entry of `by_text` whose
/// text the message contains, else `otherwise`.
pub(crate) fn kind_by_message(message: &str, by_text: &[(&str, ErrorKind)], otherwise: ErrorKind) -> ErrorKind {
    by_text.iter().find(|(text, _)| message.contains(text)).map_or(otherwise, |(_, kind)| *kind)
}

/// A value the case expects of a claim that a library compares one by one.
pub(crate) enum Expected {
    /// The audience (for a library that takes one: [`one_audience`]).
    Audience(String),
    /// The issuer.
    Issuer(String),
    /// The subject.
    Subject(String),
}

/// The values the case expects, audience first, then issuer and subject.
pub(crate) fn expected_values(input: &CaseInput<'_>, audience: Option<&String>) -> impl Iterator<Item = Expected> {
    let v = &input.case.validation;
    let audience = audience.cloned().map(Expected::Audience);
    audience.into_iter().chain(v.issuer.clone().map(Expected::Issuer)).chain(v.subject.clone().map(Expected::Subject))
}

/// The case's time for a library on chrono; a time chrono cannot hold is
/// not clamped: the case is unsupported.
pub(crate) fn now_chrono(library: &str, input: &CaseInput<'_>) -> Step<DateTime<Utc>> {
    let nanos = input.case.validation.clock.as_nanos();
    i64::try_from(nanos.div_euclid(1_000_000_000))
        .ok()
        .zip(u32::try_from(nanos.rem_euclid(1_000_000_000)).ok())
        .and_then(|(secs, sub)| DateTime::from_timestamp(secs, sub))
        .ok_or_else(|| time_out_of_range(library))
}

/// Seconds as a chrono `TimeDelta`, saturating at its maximum.
pub(crate) fn seconds_delta(seconds: u64) -> TimeDelta {
    TimeDelta::try_seconds(i64::try_from(seconds).unwrap_or(i64::MAX)).unwrap_or(TimeDelta::MAX)
}

/// An exhaustive match of the typed algorithm onto a library whose
/// algorithms bear the JWA names: `$lib::HS256` for `Algorithm::HS256`
/// (`$lib` an enum), or `$make!(HS256)` (`$make` a macro of the name).
/// `has` lists what the library implements, `lacks` the rest (`None`). No
/// wildcard: a new algorithm fails to compile until every such adapter
/// places it.
macro_rules! same_names {
    ($alg:expr, $lib:ident, has [$($has:ident),* $(,)?], lacks [$($lacks:ident),* $(,)?]) => {
        match $alg {
            $(jwtproof_reference::Algorithm::$has => Some($lib::$has),)*
            $(jwtproof_reference::Algorithm::$lacks => None,)*
        }
    };
    ($alg:expr, $make:ident!, has [$($has:ident),* $(,)?], lacks [$($lacks:ident),* $(,)?]) => {
        match $alg {
            $(jwtproof_reference::Algorithm::$has => Some($make!($has)),)*
            $(jwtproof_reference::Algorithm::$lacks => None,)*
        }
    };
}
pub(crate) use same_names;
