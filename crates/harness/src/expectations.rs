//! Known deviations, per implementation (rustls's BoGo `config.json` is the
//! model): each entry names a case (an id, or an id prefix ending in `*`),
//! the outcome the implementation is known to give, and why.
//!
//! A run fails only on a *new* deviation: a failing case not listed with
//! that outcome, or a listed case that no longer deviates (the library or
//! the vectors changed, and the file must be reviewed). The report still
//! shows every known deviation.
//!
//! A deviation's label is the outcome's (`valid`, `invalid/<kind>`,
//! `crash`, …) when the answer is wrong, `slow` when the answer is right
//! but the case was judged slow against its baseline, and
//! `<outcome>+slow` when both. Timing jitters, so a listed `slow` stays
//! known while the case is above *half* the slow thresholds
//! ([`Cost::still_slow`](crate::Cost::still_slow)); a case not listed
//! becomes a new `slow` deviation only above the full thresholds. Neither
//! side flips on noise around the threshold.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::outcome::Verdict;
use crate::result::RunResult;

/// One implementation's expectations file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectations {
    /// The implementation's name.
    pub implementation: String,
    /// Case id (or `prefix*`) → the known deviation.
    pub deviations: BTreeMap<String, Expectation>,
}

/// A known deviation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// The outcome label the implementation gives (`valid`, `invalid`,
    /// `invalid/<kind>`, `crash`, `timeout`).
    pub outcome: String,
    /// Why: what the library does and why that differs from the spec.
    pub reason: String,
}

/// How one implementation's run compares with its expectations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Failing cases listed with this outcome: (id, reason).
    pub known: Vec<(String, String)>,
    /// Failing cases not listed (or listed with another outcome): (id,
    /// actual outcome, judge's reason).
    pub new: Vec<(String, String, String)>,
    /// Listed cases that no longer deviate (or no longer exist).
    pub stale: Vec<String>,
    /// Listed cases skipped in this run (e.g. a wall-clock library's
    /// time-dependent cases without libfaketime): neither confirmed nor
    /// stale.
    pub not_run: Vec<String>,
}

impl Comparison {
    /// Whether the run matches the expectations exactly.
    pub fn is_clean(&self) -> bool {
        self.new.is_empty() && self.stale.is_empty()
    }
}

impl Expectations {
    /// Reads a file; a missing file is an empty list.
    pub fn load(path: &Path, implementation: &str) -> Result<Expectations, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let e: Expectations = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
                if e.implementation != implementation {
                    return Err(format!("{}: names {:?}, expected {implementation:?}", path.display(), e.implementation));
                }
                if let Some((id, _)) = e.deviations.iter().find(|(_, x)| x.reason.trim().is_empty()) {
                    return Err(format!("{}: {id}: every deviation needs a reason", path.display()));
                }
                Ok(e)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Expectations { implementation: implementation.to_owned(), deviations: BTreeMap::new() })
            }
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// The entry that lists `id` (exactly, or by a `prefix*` pattern).
    pub fn lookup(&self, id: &str) -> Option<(&String, &Expectation)> {
        self.deviations
            .get_key_value(id)
            .or_else(|| self.deviations.iter().find(|(pattern, _)| pattern.strip_suffix('*').is_some_and(|prefix| id.starts_with(prefix))))
    }

    /// The deviation a result shows against this file: its label, or
    /// `None` when it does not deviate (see the module docs for `slow`).
    pub fn deviation(&self, r: &RunResult) -> Option<String> {
        let listed_slow = self.lookup(&r.id).is_some_and(|(_, e)| is_slow_label(&e.outcome));
        deviation_label(r, listed_slow)
    }

    /// Compares one implementation's results with the file.
    pub fn compare(&self, results: &[RunResult]) -> Comparison {
        self.compare_run(results, true)
    }

    /// [`compare`](Self::compare) for a run of part of the corpus
    /// (`whole_corpus` false, e.g. `--vectors FILE`): a listed case the run
    /// did not load is `not_run`, not stale.
    pub fn compare_run(&self, results: &[RunResult], whole_corpus: bool) -> Comparison {
        let mut out = Comparison::default();
        let mut used = std::collections::BTreeSet::new();
        for r in results.iter().filter(|r| r.implementation == self.implementation) {
            let listed = self.lookup(&r.id);
            if let Some((key, _)) = listed {
                used.insert(key.clone());
            }
            match (self.deviation(r), listed) {
                (None, Some(_)) if r.judged.answer == Verdict::Skip => out.not_run.push(r.id.clone()),
                (Some(label), Some((_, e))) if e.outcome == label => out.known.push((r.id.clone(), e.reason.clone())),
                (Some(label), _) => out.new.push((r.id.clone(), label, r.judged.reason.clone())),
                (None, Some((key, _))) if !key.ends_with('*') => out.stale.push(r.id.clone()),
                (None, _) => {}
            }
        }
        for key in self.deviations.keys() {
            if !used.contains(key) {
                if whole_corpus { out.stale.push(key.clone()) } else { out.not_run.push(key.clone()) }
            }
        }
        out
    }

    /// The file that lists exactly the observed deviations, keeping the
    /// reasons already written and marking new ones as unreviewed. A listed
    /// case skipped in this run stays listed (nothing contradicts it).
    pub fn blessed(&self, results: &[RunResult]) -> Expectations {
        self.blessed_run(results, true)
    }

    /// [`blessed`](Self::blessed) for a run of part of the corpus
    /// (`whole_corpus` false): the listed cases the run did not load are
    /// kept as they are.
    pub fn blessed_run(&self, results: &[RunResult], whole_corpus: bool) -> Expectations {
        let mut deviations = BTreeMap::new();
        if !whole_corpus {
            let ran: std::collections::BTreeSet<&str> =
                results.iter().filter(|r| r.implementation == self.implementation).map(|r| r.id.as_str()).collect();
            for (key, e) in &self.deviations {
                let ran_here =
                    ran.contains(key.as_str()) || (key.ends_with('*') && ran.iter().any(|id| id.starts_with(key.trim_end_matches('*'))));
                if !ran_here {
                    deviations.insert(key.clone(), e.clone());
                }
            }
        }
        for r in results.iter().filter(|r| r.implementation == self.implementation) {
            if r.judged.answer == Verdict::Skip
                && let Some(e) = self.deviations.get(&r.id)
            {
                deviations.insert(r.id.clone(), e.clone());
                continue;
            }
            let Some(label) = self.deviation(r) else { continue };
            let reason = match self.deviations.get(&r.id) {
                Some(e) if e.outcome == label => e.reason.clone(),
                _ => format!("unreviewed: {}", r.judged.reason),
            };
            deviations.insert(r.id.clone(), Expectation { outcome: label, reason });
        }
        Expectations { implementation: self.implementation.clone(), deviations }
    }

    /// The file's text (pretty JSON, trailing newline).
    pub fn to_json_string(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Whether an expectation's outcome label says `slow` (`slow`, or
/// `<outcome>+slow`).
pub fn is_slow_label(label: &str) -> bool {
    label == "slow" || label.ends_with("+slow")
}

/// A result's deviation label: the outcome's label when the answer failed,
/// `slow` when it is slow (by the full thresholds, or by half of them when
/// `listed_slow`: see the module docs), both joined by `+`; `None` when it
/// does not deviate.
pub fn deviation_label(r: &RunResult, listed_slow: bool) -> Option<String> {
    let wrong = r.judged.answer == Verdict::Fail;
    let slow = r.judged.answer != Verdict::Skip && r.cost.as_ref().is_some_and(|c| if listed_slow { c.still_slow() } else { c.slow });
    match (wrong, slow) {
        (false, false) => None,
        (true, false) => Some(r.actual.label()),
        (false, true) => Some("slow".to_owned()),
        (true, true) => Some(format!("{}+slow", r.actual.label())),
    }
}
