//! `cargo xtask setup-external`: installs the pinned packages of the
//! adapters in other languages (`protocol-adapters/README.md`).
//!
//! - Python: a venv at `external/python/.venv` with
//!   `protocol-adapters/python/requirements.txt` (every package pinned with `==`).
//! - Node: `npm ci` in `protocol-adapters/node` from the committed `package-lock.json`.
//! - Java: `mvn package` in `protocol-adapters/java` (every dependency pinned
//!   in `pom.xml`, fetched from Maven Central), the dependencies' jars
//!   copied to `protocol-adapters/java/target/lib/`.
//! - Go, Ruby, Perl, C: the Debian packages each registry entry lists (`apt-get install -y
//!   --no-install-recommends`, after one `apt-get update` when a package is
//!   missing); the Go adapters are built offline in GOPATH mode against
//!   `/usr/share/gocode` into `target/external/go/`, the C adapters with gcc
//!   into `target/external/c/`, each with `<name>.version` (the Debian
//!   package's version) next to it. An adapter whose packages cannot be
//!   installed is skipped with a message (it then reports `unavailable`).
//! - Go modules (current releases): `go build` in module mode in
//!   `protocol-adapters/go` (versions pinned in its `go.mod`, hashes in
//!   `go.sum`, `-mod=readonly`), the modules from the Go module proxy into
//!   `target/external/go/modcache`.
//!
//! A language whose runtime is missing is skipped with a message (its
//! adapters then report `unavailable`). Idempotent: a language whose pins
//! have not changed since its last install is not touched. Never run by
//! `cargo test`: it reaches the package registries.

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use jwtproof_adapters::registry::{Build, CBuild, CppBuild, Debian, Install};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Reinstall even when the pins have not changed.
    #[arg(long)]
    force: bool,
}

/// The stamp a finished install leaves: the pin file's text it installed.
const STAMP: &str = ".jwtproof-installed";

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let root = crate::paths::root();
    let registry = jwtproof_adapters::registry::Registry::load(&root)?;
    let uses = |want: fn(&Install) -> bool| registry.protocol().any(|(_, p)| want(&p.install));
    if uses(|i| matches!(i, Install::Pip)) {
        python(&root, args.force)?;
    }
    if uses(|i| matches!(i, Install::Npm)) {
        node(&root, args.force)?;
    }
    if uses(|i| matches!(i, Install::Maven)) {
        java(&root, args.force)?;
    }
    let mut apt = Apt::default();
    // libfaketime: the case's own time for the adapters of libraries that
    // read the wall clock and take no time (`fake_clock` in implementations.json;
    // crates/adapters/src/fake_clock.rs). Without it they run only the
    // cases whose verdict does not depend on the time.
    match apt.ensure(&["libfaketime"]) {
        Ok(()) => eprintln!("libfaketime: up to date (Debian {})", dpkg_version("libfaketime").unwrap_or_default()),
        Err(e) => eprintln!("libfaketime: skipped: {e}; wall-clock libraries skip their time-dependent cases"),
    }
    // Every registry entry whose library comes from Debian packages or Go modules.
    for (entry, protocol) in registry.protocol() {
        if let Install::GoModule(module) = &protocol.install
            && let Err(e) = setup_go_module(&entry.name, &module.file, &root, args.force)
        {
            eprintln!("{}: skipped: {e}; its adapter will report `unavailable`", entry.name);
        }
        if let Install::Debian(debian) = &protocol.install
            && let Err(e) = setup_debian(&entry.name, debian, &root, &mut apt, args.force)
        {
            eprintln!("{}: skipped: {e}; its adapter will report `unavailable`", entry.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds a Go adapter against its pinned modules (`protocol-adapters/go/go.mod`).
fn setup_go_module(name: &str, file: &str, root: &Path, force: bool) -> Result<(), String> {
    let dir = root.join("protocol-adapters/go");
    let sources = vec![dir.join("common.go"), dir.join(file), dir.join("go.mod"), dir.join("go.sum")];
    let out = root.join("target/external/go").join(name);
    let built = std::fs::metadata(&out).and_then(|m| m.modified()).ok();
    if !force && built.is_some_and(|b| newest(&sources).is_some_and(|s| s <= b)) {
        eprintln!("{name}: up to date ({})", out.display());
        return Ok(());
    }
    // `go` has no `--version` flag (what `find` asks): ask `go version`.
    if !Command::new("go").arg("version").stdin(Stdio::null()).output().is_ok_and(|o| o.status.success()) {
        return Err("`go` not found".to_owned());
    }
    std::fs::create_dir_all(out.parent().unwrap_or(root)).map_err(|e| e.to_string())?;
    let external = root.join("target/external/go");
    status(
        Command::new("go")
            .arg("build")
            .arg("-o")
            .arg(&out)
            .args(["common.go", file])
            .current_dir(&dir)
            .env("GO111MODULE", "on")
            .env("GOFLAGS", "-mod=readonly")
            .env("GOTOOLCHAIN", "local")
            .env("GOMODCACHE", external.join("modcache"))
            .env("GOCACHE", external.join("cache")),
        &format!("go build -o {} common.go {file} (module mode, protocol-adapters/go/go.mod)", out.display()),
    )?;
    eprintln!("{name}: built {}", out.display());
    Ok(())
}

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

/// Installs a registry entry's Debian packages and builds its adapter
/// (`<name>.version` next to the binary when the entry names the package
/// whose version is the library's).
fn setup_debian(name: &str, debian: &Debian, root: &Path, apt: &mut Apt, force: bool) -> Result<(), String> {
    let packages: Vec<&str> = debian.packages.iter().map(String::as_str).collect();
    apt.ensure(&packages)?;
    let (lang, sources, out): (&str, Vec<std::path::PathBuf>, std::path::PathBuf) = match &debian.build {
        None => {
            eprintln!("{}: up to date (Debian packages {})", name, debian.packages.join(" "));
            return Ok(());
        }
        Some(Build::Go(file)) => {
            let dir = root.join("protocol-adapters/go");
            ("go", vec![dir.join("common.go"), dir.join(file)], root.join("target/external/go").join(name))
        }
        Some(Build::C(CBuild { source: file, .. })) => {
            let dir = root.join("protocol-adapters/c");
            ("c", vec![dir.join("common.h"), dir.join("common.c"), dir.join(file)], root.join("target/external/c").join(name))
        }
        Some(Build::Cpp(CppBuild { source: file, .. })) => {
            let c = root.join("protocol-adapters/c");
            let dir = root.join("protocol-adapters/cpp");
            let sources = vec![c.join("common.h"), c.join("common.c"), dir.join("common.hpp"), dir.join(file)];
            ("c++", sources, root.join("target/external/cpp").join(name))
        }
    };
    let version_file = out.with_file_name(format!("{}.version", name));
    let version = match &debian.version_of {
        Some(p) => Some(dpkg_version(p).ok_or_else(|| format!("{p} is not installed"))?),
        None => None,
    };
    let version_ok = version.as_ref().is_none_or(|v| std::fs::read_to_string(&version_file).is_ok_and(|s| &s == v));
    let built = std::fs::metadata(&out).and_then(|m| m.modified()).ok();
    if !force && version_ok && built.is_some_and(|b| newest(&sources).is_some_and(|s| s <= b)) {
        eprintln!("{}: up to date ({})", name, out.display());
        return Ok(());
    }
    std::fs::create_dir_all(out.parent().unwrap_or(root)).map_err(|e| e.to_string())?;
    match &debian.build {
        Some(Build::Go(_)) => {
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
        Some(Build::C(CBuild { pkg_config: modules, .. })) => {
            let flags = pkg_config(modules)?;
            let c_sources: Vec<&std::path::PathBuf> = sources.iter().filter(|p| p.extension().is_some_and(|e| e == "c")).collect();
            status(
                Command::new("gcc").args(["-O2", "-Wall", "-o"]).arg(&out).args(&c_sources).args(flags.split_whitespace()),
                &format!("gcc -o {}", out.display()),
            )?;
        }
        Some(Build::Cpp(CppBuild { pkg_config: modules, libs, .. })) => {
            let flags = pkg_config(modules)?;
            // The protocol loop is C (common.c), compiled apart and linked in.
            let object = out.with_file_name(format!("{name}.common.o"));
            status(
                Command::new("gcc").args(["-O2", "-Wall", "-c", "-o"]).arg(&object).arg(&sources[1]).args(flags.split_whitespace()),
                &format!("gcc -c -o {}", object.display()),
            )?;
            status(
                Command::new("g++")
                    .args(["-std=c++17", "-O2", "-Wall", "-o"])
                    .arg(&out)
                    .arg(&sources[3])
                    .arg(&object)
                    .args(flags.split_whitespace())
                    .args(libs.iter().map(|l| format!("-l{l}"))),
                &format!("g++ -std=c++17 -o {}", out.display()),
            )?;
        }
        None => {}
    }
    if let Some(v) = version {
        std::fs::write(&version_file, v).map_err(|e| format!("{}: {e}", version_file.display()))?;
    }
    eprintln!("{}: built {} ({lang})", name, out.display());
    Ok(())
}

/// `pkg-config --cflags --libs` of `modules`.
fn pkg_config(modules: &[String]) -> Result<String, String> {
    let flags = Command::new("pkg-config")
        .args(["--cflags", "--libs"])
        .args(modules)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("pkg-config: {e}"))?;
    if !flags.status.success() {
        return Err(format!("pkg-config {}: {}", modules.join(" "), String::from_utf8_lossy(&flags.stderr).trim()));
    }
    Ok(String::from_utf8_lossy(&flags.stdout).into_owned())
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
    let reqs = root.join("protocol-adapters/python/requirements.txt");
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

/// Builds the Java adapters with their pinned dependencies (Maven Central).
fn java(root: &Path, force: bool) -> Result<(), String> {
    let dir = root.join("protocol-adapters/java");
    let pom = dir.join("pom.xml");
    let mut pins = std::fs::read_to_string(&pom).map_err(|e| format!("{}: {e}", pom.display()))?;
    // The adapter sources are part of what was built.
    let sources = dir.join("src/main/java/jwtproof");
    let mut files: Vec<std::path::PathBuf> =
        std::fs::read_dir(&sources).map_err(|e| format!("{}: {e}", sources.display()))?.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    for file in files {
        pins.push_str(&std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?);
    }
    let Some((version, mvn)) = runtime_and_tool("java", "Java", "mvn") else { return Ok(()) };
    let stamp = dir.join("target").join(STAMP);
    if !force && up_to_date(&stamp, &pins, &version) {
        eprintln!("java: up to date ({version}, {})", dir.join("target").display());
        return Ok(());
    }
    eprintln!("java: building the adapters with {version} and the pinned Maven packages");
    status(
        Command::new(&mvn).args(["-q", "-B", "package", "-DskipTests"]).current_dir(&dir),
        "mvn -q -B package (protocol-adapters/java)",
    )?;
    std::fs::write(&stamp, format!("{version}\n{pins}")).map_err(|e| format!("{}: {e}", stamp.display()))?;
    eprintln!("java: built");
    Ok(())
}

/// The runtime's version and the package tool's name, or `None` (said on
/// stderr: that language's adapters then report `unavailable`).
fn runtime_and_tool(runtime: &str, language: &str, tool: &str) -> Option<(String, String)> {
    for program in [runtime, tool] {
        if find(&[program]).is_none() {
            eprintln!("{runtime}: skipped: `{program}` not found; the {language} adapters will report `unavailable`");
            return None;
        }
    }
    let (_, version) = find(&[runtime])?;
    Some((version, tool.to_owned()))
}

fn node(root: &Path, force: bool) -> Result<(), String> {
    let dir = root.join("protocol-adapters/node");
    let lock = dir.join("package-lock.json");
    let pins = std::fs::read_to_string(&lock).map_err(|e| format!("{}: {e}", lock.display()))?;
    let Some((version, npm)) = runtime_and_tool("node", "Node", "npm") else { return Ok(()) };
    let stamp = dir.join("node_modules").join(STAMP);
    if !force && up_to_date(&stamp, &pins, &version) {
        eprintln!("node: up to date (node {version}, {})", dir.join("node_modules").display());
        return Ok(());
    }
    eprintln!("node: installing the locked packages with node {version} into {}", dir.join("node_modules").display());
    status(
        Command::new(&npm).args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(&dir),
        "npm ci (protocol-adapters/node)",
    )?;
    std::fs::write(&stamp, format!("{version}\n{pins}")).map_err(|e| format!("{}: {e}", stamp.display()))?;
    eprintln!("node: installed");
    Ok(())
}
