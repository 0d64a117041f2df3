//! `cargo xtask setup-external`: installs the pinned packages of the
//! adapters in other languages (`adapters/README.md`).
//!
//! - Python: a venv at `external/python/.venv` with
//!   `adapters/python/requirements.txt` (every package pinned with `==`).
//! - Node: `npm ci` in `adapters/node` from the committed `package-lock.json`.
//! - Go, Ruby, Perl, C: the libraries Debian packages (`apt-get install -y
//!   --no-install-recommends`, after one `apt-get update` when a package is
//!   missing); the Go adapters are built offline in GOPATH mode against
//!   `/usr/share/gocode` into `target/external/go/`, the C adapters with gcc
//!   into `target/external/c/`, each with `<name>.version` (the Debian
//!   package's version) next to it. An adapter whose packages cannot be
//!   installed is skipped with a message (it then reports `unavailable`).
//!
//! A language whose runtime is missing is skipped with a message (its
//! adapters then report `unavailable`). Idempotent: a language whose pins
//! have not changed since its last install is not touched. Never run by
//! `cargo test`: it reaches the package registries.

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Reinstall even when the pins have not changed.
    #[arg(long)]
    force: bool,
}

/// The stamp a finished install leaves: the pin file's text it installed.
const STAMP: &str = ".jwtproof-installed";

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let root = crate::root();
    python(&root, args.force)?;
    node(&root, args.force)?;
    let mut apt = Apt::default();
    // libfaketime: the case's own time for the adapters of libraries that
    // read the wall clock and take no time (`jwtproof_adapters::FAKE_CLOCK`;
    // crates/adapters/src/fake_clock.rs). Without it they run only the
    // cases whose verdict does not depend on the time.
    match apt.ensure(&["libfaketime"]) {
        Ok(()) => eprintln!("libfaketime: up to date (Debian {})", dpkg_version("libfaketime").unwrap_or_default()),
        Err(e) => eprintln!("libfaketime: skipped: {e}; wall-clock libraries skip their time-dependent cases"),
    }
    for native in NATIVE {
        if let Err(e) = native.setup(&root, &mut apt, args.force) {
            eprintln!("{}: skipped: {e}; its adapters will report `unavailable`", native.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// An adapter built from Debian packages: the packages it needs, the one
/// whose version it reports, and how it is built.
struct NativeAdapter {
    name: &'static str,
    packages: &'static [&'static str],
    /// The Debian package that ships the library (its version is written to
    /// `<binary>.version`; None when the adapter reads the library's own).
    version_of: Option<&'static str>,
    build: Build,
}

enum Build {
    /// Interpreted: nothing to build.
    None,
    /// `go build` (GOPATH mode) of adapters/go/common.go + this file.
    Go(&'static str),
    /// gcc adapters/c/common.c + this file, linked with these pkg-config modules.
    C(&'static str, &'static [&'static str]),
}

const GO: &[&str] = &["golang-go"];
const C: &[&str] = &["gcc", "libc6-dev", "pkg-config", "libjansson-dev"];

/// Every adapter of `adapters/external.json` that comes from Debian packages.
const NATIVE: &[NativeAdapter] = &[
    NativeAdapter {
        name: "go-jwt",
        packages: &[GO[0], "golang-github-golang-jwt-jwt-dev"],
        version_of: Some("golang-github-golang-jwt-jwt-dev"),
        build: Build::Go("lib_gojwt.go"),
    },
    NativeAdapter {
        name: "go-jose",
        packages: &[GO[0], "golang-gopkg-square-go-jose.v2-dev"],
        version_of: Some("golang-gopkg-square-go-jose.v2-dev"),
        build: Build::Go("lib_gojose.go"),
    },
    NativeAdapter {
        name: "jose2go",
        packages: &[GO[0], "golang-github-dvsekhvalnov-jose2go-dev"],
        version_of: Some("golang-github-dvsekhvalnov-jose2go-dev"),
        build: Build::Go("lib_jose2go.go"),
    },
    NativeAdapter { name: "ruby-jwt", packages: &["ruby", "ruby-jwt"], version_of: None, build: Build::None },
    NativeAdapter { name: "perl-crypt-jwt", packages: &["perl", "libcrypt-jwt-perl"], version_of: None, build: Build::None },
    NativeAdapter {
        name: "libjwt",
        packages: &[C[0], C[1], C[2], C[3], "libjwt-dev"],
        version_of: Some("libjwt-dev"),
        build: Build::C("lib_libjwt.c", &["libjwt", "jansson"]),
    },
    NativeAdapter {
        name: "cjose",
        packages: &[C[0], C[1], C[2], C[3], "libcjose-dev"],
        version_of: None,
        build: Build::C("lib_cjose.c", &["cjose", "jansson"]),
    },
    NativeAdapter {
        name: "rhonabwy",
        packages: &[C[0], C[1], C[2], C[3], "librhonabwy-dev"],
        version_of: None,
        build: Build::C("lib_rhonabwy.c", &["librhonabwy", "jansson"]),
    },
];

/// apt-get, with `apt-get update` run at most once.
#[derive(Default)]
struct Apt {
    updated: bool,
}

/// The installed version of a Debian package, if it is installed.
fn dpkg_version(package: &str) -> Option<String> {
    let out = Command::new("dpkg-query").args(["-W", "-f=${Status}\t${Version}", package]).stdin(Stdio::null()).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (status, version) = text.split_once('\t')?;
    (out.status.success() && status.ends_with(" installed")).then(|| version.trim().to_owned())
}

impl Apt {
    fn ensure(&mut self, packages: &[&str]) -> Result<(), String> {
        let missing: Vec<&str> = packages.iter().copied().filter(|p| dpkg_version(p).is_none()).collect();
        if missing.is_empty() {
            return Ok(());
        }
        if find(&["apt-get"]).is_none() {
            return Err(format!("{} not installed and no apt-get", missing.join(" ")));
        }
        if !self.updated {
            self.updated = true;
            status(Command::new("apt-get").args(["update", "-qq"]), "apt-get update -qq")?;
        }
        status(
            Command::new("apt-get")
                .args(["install", "-y", "-qq", "--no-install-recommends"])
                .args(&missing)
                .env("DEBIAN_FRONTEND", "noninteractive"),
            &format!("apt-get install -y --no-install-recommends {}", missing.join(" ")),
        )
    }
}

/// The newest modification time of `paths` (None when one is missing).
fn newest(paths: &[std::path::PathBuf]) -> Option<std::time::SystemTime> {
    paths
        .iter()
        .map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .try_fold(std::time::UNIX_EPOCH, |acc, t| t.map(|t| acc.max(t)))
}

impl NativeAdapter {
    fn setup(&self, root: &Path, apt: &mut Apt, force: bool) -> Result<(), String> {
        apt.ensure(self.packages)?;
        let (lang, sources, out): (&str, Vec<std::path::PathBuf>, std::path::PathBuf) = match self.build {
            Build::None => {
                eprintln!("{}: up to date (Debian packages {})", self.name, self.packages.join(" "));
                return Ok(());
            }
            Build::Go(file) => {
                let dir = root.join("adapters/go");
                ("go", vec![dir.join("common.go"), dir.join(file)], root.join("target/external/go").join(self.name))
            }
            Build::C(file, _) => {
                let dir = root.join("adapters/c");
                ("c", vec![dir.join("common.h"), dir.join("common.c"), dir.join(file)], root.join("target/external/c").join(self.name))
            }
        };
        let version_file = out.with_file_name(format!("{}.version", self.name));
        let version = match self.version_of {
            Some(p) => Some(dpkg_version(p).ok_or_else(|| format!("{p} is not installed"))?),
            None => None,
        };
        let version_ok = version.as_ref().is_none_or(|v| std::fs::read_to_string(&version_file).is_ok_and(|s| &s == v));
        let built = std::fs::metadata(&out).and_then(|m| m.modified()).ok();
        if !force && version_ok && built.is_some_and(|b| newest(&sources).is_some_and(|s| s <= b)) {
            eprintln!("{}: up to date ({})", self.name, out.display());
            return Ok(());
        }
        std::fs::create_dir_all(out.parent().unwrap_or(root)).map_err(|e| e.to_string())?;
        match self.build {
            Build::Go(_) => {
                let cache = root.join("target/external/go/cache");
                status(
                    Command::new("go")
                        .arg("build")
                        .arg("-o")
                        .arg(&out)
                        .args(&sources)
                        .env("GO111MODULE", "off")
                        .env("GOPATH", "/usr/share/gocode")
                        .env("GOFLAGS", "")
                        .env("GOPROXY", "off")
                        .env("GOCACHE", &cache),
                    &format!("go build -o {} (GOPATH mode, /usr/share/gocode)", out.display()),
                )?;
            }
            Build::C(_, modules) => {
                let flags = Command::new("pkg-config")
                    .args(["--cflags", "--libs"])
                    .args(modules)
                    .stdin(Stdio::null())
                    .output()
                    .map_err(|e| format!("pkg-config: {e}"))?;
                if !flags.status.success() {
                    return Err(format!("pkg-config {}: {}", modules.join(" "), String::from_utf8_lossy(&flags.stderr).trim()));
                }
                let flags = String::from_utf8_lossy(&flags.stdout).into_owned();
                let c_sources: Vec<&std::path::PathBuf> = sources.iter().filter(|p| p.extension().is_some_and(|e| e == "c")).collect();
                status(
                    Command::new("gcc").args(["-O2", "-Wall", "-o"]).arg(&out).args(&c_sources).args(flags.split_whitespace()),
                    &format!("gcc -o {}", out.display()),
                )?;
            }
            Build::None => {}
        }
        if let Some(v) = version {
            std::fs::write(&version_file, v).map_err(|e| format!("{}: {e}", version_file.display()))?;
        }
        eprintln!("{}: built {} ({lang})", self.name, out.display());
        Ok(())
    }
}

/// The first of `candidates` that runs with `--version`, and what it says.
fn find(candidates: &[&str]) -> Option<(String, String)> {
    candidates.iter().find_map(|c| {
        let out = Command::new(c).arg("--version").stdin(Stdio::null()).output().ok()?;
        let text = String::from_utf8_lossy(if out.stdout.is_empty() { &out.stderr } else { &out.stdout }).trim().to_owned();
        out.status.success().then(|| ((*c).to_owned(), text))
    })
}

fn status(cmd: &mut Command, what: &str) -> Result<(), String> {
    eprintln!("  $ {what}");
    let st = cmd.stdin(Stdio::null()).status().map_err(|e| format!("{what}: {e}"))?;
    if st.success() { Ok(()) } else { Err(format!("{what}: {st}")) }
}

fn up_to_date(stamp: &Path, pins: &str, runtime: &str) -> bool {
    std::fs::read_to_string(stamp).is_ok_and(|s| s == format!("{runtime}\n{pins}"))
}

fn python(root: &Path, force: bool) -> Result<(), String> {
    let reqs = root.join("adapters/python/requirements.txt");
    let pins = std::fs::read_to_string(&reqs).map_err(|e| format!("{}: {e}", reqs.display()))?;
    let env_python = std::env::var("JWTPROOF_PYTHON").ok();
    let mut candidates: Vec<&str> = env_python.iter().map(String::as_str).collect();
    candidates.extend(["python3.11", "python3", "python"]);
    let Some((python, version)) = find(&candidates) else {
        eprintln!("python: skipped: no Python 3 found (tried {}); the Python adapters will report `unavailable`", candidates.join(", "));
        return Ok(());
    };
    let venv = root.join("external/python/.venv");
    let venv_python = venv.join("bin/python");
    let stamp = venv.join(STAMP);
    if !force && venv_python.exists() && up_to_date(&stamp, &pins, &version) {
        eprintln!("python: up to date ({version}, {})", venv.display());
        return Ok(());
    }
    eprintln!("python: installing the pinned packages with {python} ({version}) into {}", venv.display());
    if !venv_python.exists() || force {
        status(Command::new(&python).args(["-m", "venv", "--clear"]).arg(&venv), &format!("{python} -m venv --clear {}", venv.display()))?;
    }
    status(
        Command::new(&venv_python).args(["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet", "-r"]).arg(&reqs),
        &format!("{} -m pip install -r {}", venv_python.display(), reqs.display()),
    )?;
    std::fs::write(&stamp, format!("{version}\n{pins}")).map_err(|e| format!("{}: {e}", stamp.display()))?;
    eprintln!("python: installed");
    Ok(())
}

fn node(root: &Path, force: bool) -> Result<(), String> {
    let dir = root.join("adapters/node");
    let lock = dir.join("package-lock.json");
    let pins = std::fs::read_to_string(&lock).map_err(|e| format!("{}: {e}", lock.display()))?;
    let Some((_, version)) = find(&["node"]) else {
        eprintln!("node: skipped: `node` not found; the Node adapters will report `unavailable`");
        return Ok(());
    };
    let Some((npm, _)) = find(&["npm"]) else {
        eprintln!("node: skipped: `npm` not found; the Node adapters will report `unavailable`");
        return Ok(());
    };
    let stamp = dir.join("node_modules").join(STAMP);
    if !force && up_to_date(&stamp, &pins, &version) {
        eprintln!("node: up to date (node {version}, {})", dir.join("node_modules").display());
        return Ok(());
    }
    eprintln!("node: installing the locked packages with node {version} into {}", dir.join("node_modules").display());
    status(Command::new(&npm).args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(&dir), "npm ci (adapters/node)")?;
    std::fs::write(&stamp, format!("{version}\n{pins}")).map_err(|e| format!("{}: {e}", stamp.display()))?;
    eprintln!("node: installed");
    Ok(())
}
