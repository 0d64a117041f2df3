//! The generator's building blocks: keys, tokens, settings, expected
//! outcomes and the file being written, which every vector group uses.

use jwtproof_reference::{AllowedEntry, Clock, ErrorKind, PayloadKind, Profile};
use jwtproof_vectors::{Case, Expected, Impact, ValidationSpec, VectorFile};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The shared test signer (re-exported here, so that the group files import
/// it from this file, not through the crate root).
pub use jwtproof_testkit::{SeededRng, b64, sign_input, token, unb64};

/// A JWK object.
pub type Jwk = jwtproof_testkit::JwkMap;

/// The committed keys, by name (file stem of `vectors/keys/*.jwk`).
#[derive(Clone, Debug)]
pub struct Keys(BTreeMap<String, Jwk>);

impl Keys {
    /// Reads `dir/*.jwk`.
    pub fn load(dir: &Path) -> Result<Keys, String> {
        let mut map = BTreeMap::new();
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.extension().and_then(|e| e.to_str()) != Some("jwk") {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let Value::Object(jwk) = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))? else {
                return Err(format!("{}: not a JSON object", path.display()));
            };
            let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            map.insert(name, jwk);
        }
        Ok(Keys(map))
    }

    /// Several keys by name, cloned (to sign with; none is added to a file).
    pub fn many<const N: usize>(&self, names: [&str; N]) -> [Jwk; N] {
        names.map(|name| self.get(name).clone())
    }

    /// A key by name; panics on a name that does not exist (a generator bug).
    pub fn get(&self, name: &str) -> &Jwk {
        match self.0.get(name) {
            Some(k) => k,
            None => panic!("no key named {name} in vectors/keys"),
        }
    }
}

/// Builds a `validation` object.
#[derive(Clone, Debug)]
pub struct V(pub ValidationSpec);

impl V {
    /// An allow-list and a time in seconds.
    pub fn new(algs: &[&str], now: i64) -> V {
        V(ValidationSpec::new(
            algs.iter().map(|a| AllowedEntry::from_name(a).unwrap_or_else(|| panic!("unknown alg {a}"))).collect(),
            Clock::Seconds(now),
        ))
    }
    /// The time in nanoseconds instead.
    pub fn now_ns(mut self, ns: i128) -> V {
        self.0.clock = Clock::Nanos(ns);
        self
    }
    /// An opaque payload.
    pub fn opaque(mut self) -> V {
        self.0.payload = Some(PayloadKind::Opaque);
        self
    }
}

/// The setters of the optional settings, one a row: `doc name(arg: type)
/// => field = value;` sets `field` to `Some(value)`.
macro_rules! setters {
    ($($doc:literal $name:ident($arg:ident: $t:ty) => $field:ident = $value:expr;)*) => {
        impl V {
            $(
                #[doc = $doc]
                pub fn $name(mut self, $arg: $t) -> V {
                    self.0.$field = Some($value);
                    self
                }
            )*
        }
    };
}

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

setters! {
    "Leeway in seconds." leeway(s: u64) => leeway = s;
    "Required claims." required(claims: &[&str]) => required_claims = owned(claims);
    "Accepted audiences." audience(aud: &[&str]) => audience = owned(aud);
    "Expected issuer." issuer(s: &str) => issuer = s.to_owned();
    "Expected subject." subject(s: &str) => subject = s.to_owned();
    "Maximum age of `iat`." max_age(s: u64) => max_age = s;
    "The request's Origin." origin(o: &str) => origin = o.to_owned();
    "A profile." profile(p: Profile) => profile = p;
}

/// The expected result of a case.
#[derive(Clone, Copy, Debug)]
pub enum Want {
    /// Must verify.
    Valid,
    /// Must be rejected with this kind.
    Invalid(ErrorKind),
    /// May go either way, must not crash.
    Acceptable,
}

/// A vector file under construction.
#[derive(Debug)]
pub struct FileOut {
    /// Path relative to `vectors/`.
    pub path: String,
    file: VectorFile,
}

impl FileOut {
    /// A new file.
    pub fn new(path: &str, name: &str, description: &str, source: &str) -> FileOut {
        FileOut {
            path: path.to_owned(),
            file: VectorFile {
                path: PathBuf::from("vectors").join(path),
                name: name.to_owned(),
                description: description.to_owned(),
                source: source.to_owned(),
                keys: BTreeMap::new(),
                tests: Vec::new(),
            },
        }
    }

    /// Adds a key under a name.
    pub fn key(&mut self, name: &str, jwk: Jwk) -> &mut Self {
        self.file.keys.insert(name.to_owned(), jwk);
        self
    }

    /// Adds the committed key `name` under its own name, and returns it
    /// (to sign the file's tokens with).
    pub fn committed_key(&mut self, keys: &Keys, name: &str) -> Jwk {
        let jwk = keys.get(name).clone();
        self.file.keys.insert(name.to_owned(), jwk.clone());
        jwk
    }

    /// [`FileOut::committed_key`] for several keys.
    pub fn committed_keys<const N: usize>(&mut self, keys: &Keys, names: [&str; N]) -> [Jwk; N] {
        names.map(|name| self.committed_key(keys, name))
    }

    /// Adds a case.
    #[allow(clippy::too_many_arguments, reason = "a case has this many fields")]
    pub fn case(&mut self, id: &str, description: &str, token: &str, key: Option<&str>, v: V, want: Want, flags: &[&str]) -> &mut Self {
        let (expected, error) = match want {
            Want::Valid => (Expected::Valid, None),
            Want::Invalid(k) => (Expected::Invalid, Some(k)),
            Want::Acceptable => (Expected::Acceptable, None),
        };
        self.file.tests.push(Case {
            id: id.to_owned(),
            description: description.to_owned(),
            token: token.to_owned(),
            key: key.map(str::to_owned),
            validation: v.0,
            expected,
            error,
            flags: flags.iter().map(|s| (*s).to_owned()).collect(),
            impact: None,
            basis: None,
            baseline: None,
        });
        self
    }

    /// Sets what accepting the last added (invalid) case means, and what
    /// its rejection rests on (`policy` or RFC citations).
    pub fn impact(&mut self, impact: Impact, basis: &str) -> &mut Self {
        if let Some(case) = self.file.tests.last_mut() {
            case.impact = Some(impact);
            case.basis = Some(basis.to_owned());
        }
        self
    }

    /// Names the last added case's benign twin (a cost case's baseline).
    pub fn baseline(&mut self, id: &str) -> &mut Self {
        if let Some(case) = self.file.tests.last_mut() {
            case.baseline = Some(id.to_owned());
        }
        self
    }

    /// The cases so far (for classification passes over a whole file).
    pub fn cases_mut(&mut self) -> &mut [Case] {
        &mut self.file.tests
    }

    /// The file's text.
    pub fn render(&self) -> String {
        self.file.to_json_string()
    }
}
