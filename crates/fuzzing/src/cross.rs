//! The cross-library half of the `differential` property: one input through
//! the reference and every in-process adapter (`jwtproof_adapters::all`).
//!
//! A library that answers `valid` where the reference answers `invalid`
//! (or the reverse), or that panics, disagrees. A disagreement is *known*
//! when the library's expectations file (`expectations/`)
//! lists a case with the same disagreement; anything else is a finding and
//! the property panics (the fuzz target aborts) with both outcomes.
//!
//! Expectations name vector cases, and a fuzz input has no case id, so a
//! listed deviation stands for its *class*, computed by running the
//! reference on the listed case:
//! - the reference rejects: the class is the reference's detail (e.g.
//!   `Key(HmacTooShort)`, `Expired`, `Json`) and the library's answer
//!   (`valid`, `crash`);
//! - the reference accepts: the class is `valid/<alg>` and the library's
//!   answer (`invalid`, `crash`);
//! - and a panic is known when a listed `crash` case makes the library
//!   panic with the same message (digits aside), whatever the reference
//!   says: the same bug reached on another path is not news.
//!
//! So a library known to accept short HMAC keys may accept any short HMAC
//! key the fuzzer finds, but an acceptance of, say, a bad signature is new
//! until a vector shows it (`cargo xtask fuzz promote`) and the
//! library's expectations list that vector with a reason.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use jwtproof_harness::expectations::Expectations;
use jwtproof_harness::{CaseInput, Implementation, Outcome};
use jwtproof_reference::{Detail, Error};
use jwtproof_vectors::{Case, Expected, ValidationSpec, VectorFile};

use crate::keys::JwkMap;

/// A disagreement's class: (what the reference said, what the library did).
type Class = (String, &'static str);

/// An adapter with the classes of its listed deviations.
struct Known {
    adapter: Box<dyn Implementation>,
    classes: BTreeMap<Class, String>,
    /// Normalized panic messages of the listed `crash` cases.
    panics: BTreeMap<String, String>,
}

/// A panic message without its digits (addresses, values, lines).
fn normalized(message: &str) -> String {
    message.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// Runs the adapter with panics caught and the panic hook silenced
/// (libFuzzer's hook aborts on any panic, even one caught here).
fn run_adapter(adapter: &dyn Implementation, input: &CaseInput<'_>) -> Outcome {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome =
        catch_unwind(AssertUnwindSafe(|| adapter.verify(input))).unwrap_or_else(|payload| Outcome::Crash(panic_text(payload.as_ref())));
    std::panic::set_hook(hook);
    outcome
}

static KNOWN: LazyLock<Vec<Known>> = LazyLock::new(|| {
    let dir = jwtproof_adapters::registry::expectations_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    let pairs = jwtproof_adapters::all()
        .into_iter()
        .map(|adapter| {
            let name = adapter.name().to_owned();
            let expectations = Expectations::load(&dir.join(format!("{name}.json")), &name).unwrap_or_else(|e| panic!("{e}"));
            (adapter, expectations)
        })
        .collect();
    prepare(pairs)
});

/// The classes of every listed deviation, found by running the reference
/// (and, for `crash` entries, the library) on the listed vector cases.
fn prepare(pairs: Vec<(Box<dyn Implementation>, Expectations)>) -> Vec<Known> {
    let corpus = load_corpus(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors"));
    pairs
        .into_iter()
        .map(|(adapter, expectations)| {
            let mut classes = BTreeMap::new();
            let mut panics = BTreeMap::new();
            for (file, case) in corpus.cases() {
                let Some((_, listed)) = expectations.lookup(&case.id) else { continue };
                let reference = reference_verdict(&case.token, file.key_for(case).as_ref(), &case.validation);
                let Some(answer) = label_class(&listed.outcome) else { continue };
                let class = (reference_class(&case.token, &reference), answer);
                classes.entry(class).or_insert_with(|| format!("{}: {}", case.id, listed.reason));
                if answer == "crash" {
                    let input = CaseInput { file, case, key: file.key_for(case) };
                    if let Outcome::Crash(message) = run_adapter(adapter.as_ref(), &input) {
                        panics.entry(normalized(&message)).or_insert_with(|| format!("{}: {}", case.id, listed.reason));
                    }
                }
            }
            Known { adapter, classes, panics }
        })
        .collect()
}

/// The `differential` property for your own verifiers: the reference
/// against each [`Implementation`], with its known deviations (an
/// [`Expectations`] file as `cargo xtask conformance --bless` writes it).
/// A downstream fuzz target is three lines:
///
/// ```ignore
/// static D: LazyLock<Differential> = LazyLock::new(|| Differential::new(vec![(Box::new(MyVerifier), my_expectations())]));
/// fuzz_target!(|data: &[u8]| D.run(data));
/// ```
pub struct Differential {
    known: Vec<Known>,
}

impl Differential {
    /// The given verifiers, each with its expectations.
    pub fn new(verifiers: Vec<(Box<dyn Implementation>, Expectations)>) -> Differential {
        Differential { known: prepare(verifiers) }
    }

    /// Runs one fuzz input (the `verify` target's layout,
    /// [`crate::input::VerifyInput`]) through the reference and every verifier;
    /// panics on a disagreement the verifier's expectations do not list.
    pub fn run(&self, data: &[u8]) {
        let input = crate::input::VerifyInput::from_bytes(data);
        let Some(token) = input.token() else { return };
        if crate::input::reference_validation(&input.validation).is_none() {
            return;
        }
        check_against(&self.known, &token, input.public_jwk().as_ref(), &input.validation);
    }
}

fn load_corpus(dir: &Path) -> jwtproof_vectors::Corpus {
    jwtproof_vectors::load(&jwtproof_harness::default_vector_paths(dir)).unwrap_or_else(|e| panic!("{e}"))
}

/// The adapters and how many deviation classes each has listed (for
/// reports and tests).
pub fn known_classes() -> Vec<(String, usize)> {
    KNOWN.iter().map(|k| (k.adapter.name().to_owned(), k.classes.len())).collect()
}

fn reference_verdict(token: &str, key: Option<&JwkMap>, spec: &ValidationSpec) -> Result<(), Error> {
    let Some(validation) = crate::input::reference_validation(spec) else {
        return Ok(());
    };
    let jwk = key.map(jwtproof_reference::Jwk::from_map);
    jwtproof_reference::verify(token, jwk.as_ref(), &validation).map(|_| ())
}

/// `valid/<alg>` when the reference accepts, else its detail's variant
/// (with the key problem for `Key`), without the variable text.
fn reference_class(token: &str, verdict: &Result<(), Error>) -> String {
    match verdict {
        Ok(()) => format!("valid/{}", header_alg(token).unwrap_or_default()),
        Err(e) => detail_class(e.detail()),
    }
}

fn detail_class(detail: &Detail) -> String {
    let text = format!("{detail:?}");
    let cut = |s: &str| s.split(['(', ' ', '{']).next().unwrap_or_default().to_owned();
    match detail {
        Detail::Key(problem) => format!("Key({})", cut(&format!("{problem:?}"))),
        _ => cut(&text),
    }
}

fn header_alg(token: &str) -> Option<String> {
    let header = token.split('.').next()?;
    let bytes = base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, header).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    Some(v.get("alg")?.as_str()?.to_owned())
}

/// The library's answer as a class: `valid`, `invalid`, `crash`, `timeout`.
fn label_class(label: &str) -> Option<&'static str> {
    match label.split('/').next()? {
        "valid" => Some("valid"),
        "invalid" => Some("invalid"),
        "crash" => Some("crash"),
        "timeout" => Some("timeout"),
        _ => None,
    }
}

fn outcome_class(outcome: &Outcome) -> Option<&'static str> {
    match outcome {
        Outcome::Valid => Some("valid"),
        Outcome::Invalid(_) => Some("invalid"),
        Outcome::Crash(_) => Some("crash"),
        Outcome::Timeout => Some("timeout"),
        Outcome::Unsupported(_) | Outcome::Unavailable(_) => None,
    }
}

/// One input through every in-process adapter; panics on a disagreement
/// with the reference that the adapter's expectations do not list.
pub(crate) fn check(token: &str, public: Option<&JwkMap>, spec: &ValidationSpec, reference: Result<(), Error>) {
    check_against_verdict(&KNOWN, token, public, spec, reference);
}

fn check_against(known: &[Known], token: &str, public: Option<&JwkMap>, spec: &ValidationSpec) {
    check_against_verdict(known, token, public, spec, reference_verdict(token, public, spec));
}

/// [`check_against`] with the reference's verdict (default backend) already
/// computed.
fn check_against_verdict(known: &[Known], token: &str, public: Option<&JwkMap>, spec: &ValidationSpec, reference: Result<(), Error>) {
    let reference_class = reference_class(token, &reference);
    let (file, case) = as_case(token, public, spec, reference.is_ok());
    let input = CaseInput { file: &file, case: &case, key: public.cloned() };
    // A library's panic is an outcome (`crash`), judged like any other.
    let answers: Vec<(&Known, Outcome)> = known.iter().map(|k| (k, run_adapter(k.adapter.as_ref(), &input))).collect();
    let mut findings = Vec::new();
    for (known, outcome) in &answers {
        let Some(answer) = outcome_class(outcome) else { continue };
        let agrees = matches!((&reference, answer), (Ok(()), "valid") | (Err(_), "invalid"));
        let same_panic = matches!(outcome, Outcome::Crash(m) if known.panics.contains_key(&normalized(m)));
        if agrees || same_panic || known.classes.contains_key(&(reference_class.clone(), answer)) {
            continue;
        }
        findings.push(format!("  {}: {} ({outcome:?}) (reference: {})", known.adapter.name(), outcome.label(), describe(&reference)));
    }
    if !findings.is_empty() {
        let listed: BTreeSet<String> = answers
            .iter()
            .flat_map(|(k, _)| k.classes.keys().filter(|c| c.0 == reference_class).map(|c| format!("{}: {}", k.adapter.name(), c.1)))
            .collect();
        panic!(
            "differential finding: libraries disagree with the reference in a way their expectations do not list\n\
             token: {token}\nkey: {}\nvalidation: {}\nreference class: {reference_class}\n{}\n\
             (known answers for this class: {listed:?}; promote with `cargo xtask fuzz promote <artifact>`, then list the new vector in the library's expectations with a reason)",
            public.map(|k| serde_json::Value::Object(k.clone()).to_string()).unwrap_or_else(|| "none".to_owned()),
            spec.to_json_string(),
            findings.join("\n"),
        );
    }
}

fn describe(verdict: &Result<(), Error>) -> String {
    match verdict {
        Ok(()) => "valid".to_owned(),
        Err(e) => format!("invalid/{} ({:?})", e.kind().as_str(), e.detail()),
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .map_or_else(|| "panic".to_owned(), |s| format!("panic: {s}"))
}

/// A one-case vector file for the adapters' `CaseInput`.
fn as_case(token: &str, public: Option<&JwkMap>, spec: &ValidationSpec, valid: bool) -> (VectorFile, Case) {
    let mut keys = BTreeMap::new();
    if let Some(k) = public {
        keys.insert("fuzz".to_owned(), k.clone());
    }
    let case = Case {
        id: "fuzz-differential".to_owned(),
        description: "a differential fuzz input".to_owned(),
        token: token.to_owned(),
        key: public.map(|_| "fuzz".to_owned()),
        validation: spec.clone(),
        expected: if valid { Expected::Valid } else { Expected::Invalid },
        error: None,
        flags: Vec::new(),
        impact: None,
        basis: None,
        baseline: None,
    };
    let file = VectorFile {
        path: PathBuf::from("fuzz/differential.json"),
        name: "differential".to_owned(),
        description: String::new(),
        source: "fuzz".to_owned(),
        keys,
        tests: vec![case.clone()],
    };
    (file, case)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every listed deviation of every library is a known class: replaying
    /// the listed cases through the property finds nothing.
    #[test]
    fn listed_cases_are_known() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let corpus = load_corpus(&root.join("vectors"));
        let mut checked = 0;
        for (file, case) in corpus.cases() {
            let listed = KNOWN.iter().any(|k| {
                let path = root.join("expectations").join(format!("{}.json", k.adapter.name()));
                Expectations::load(&path, k.adapter.name()).is_ok_and(|e| e.lookup(&case.id).is_some())
            });
            if listed {
                check_against(&KNOWN, &case.token, file.key_for(case).as_ref(), &case.validation);
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} listed cases");
        for (name, n) in known_classes() {
            assert!(n > 0, "{name} lists no deviation class");
        }
        // The listed panics reproduce in process (their messages are what
        // a fuzz crash is matched against).
        for name in ["biscuit", "josekit", "jsonwebtoken"] {
            assert!(KNOWN.iter().any(|k| k.adapter.name() == name && !k.panics.is_empty()), "{name}: no listed panic reproduced");
        }
    }

    /// The property has teeth: with the expectations emptied, a listed
    /// deviation is a finding.
    #[test]
    #[should_panic(expected = "differential finding")]
    fn an_unlisted_disagreement_is_a_finding() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let corpus = load_corpus(&root.join("vectors"));
        let path = root.join("expectations/jsonwebtoken.json");
        let expectations = Expectations::load(&path, "jsonwebtoken").unwrap_or_default();
        let blank: Vec<Known> = jwtproof_adapters::all()
            .into_iter()
            .filter(|a| a.name() == "jsonwebtoken")
            .map(|adapter| Known { adapter, classes: BTreeMap::new(), panics: BTreeMap::new() })
            .collect();
        for (file, case) in corpus.cases() {
            if expectations.lookup(&case.id).is_some_and(|(_, e)| e.outcome == "valid") {
                check_against(&blank, &case.token, file.key_for(case).as_ref(), &case.validation);
            }
        }
    }

    struct AcceptsAll;

    impl Implementation for AcceptsAll {
        fn name(&self) -> &str {
            "accepts-all"
        }
        fn verify(&self, _: &CaseInput<'_>) -> Outcome {
            Outcome::Valid
        }
    }

    /// A downstream verifier plugged in through [`Differential`]: one that
    /// accepts everything is caught on the first invalid vector.
    #[test]
    #[should_panic(expected = "accepts-all: valid")]
    fn a_downstream_verifier_that_accepts_everything_is_caught() {
        let corpus = load_corpus(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors"));
        let differential = Differential::new(vec![(Box::new(AcceptsAll), Expectations::default())]);
        for (file, case) in corpus.cases() {
            if case.expected != Expected::Invalid {
                continue;
            }
            let key = file.key_for(case);
            if let Some(input) = crate::input::VerifyInput::from_case(&case.token, key.as_ref(), &case.validation, false) {
                differential.run(&input.to_bytes());
            }
        }
    }
}
