//! `cargo xtask setup-external`: installs the pinned packages of the
//! adapters in other languages (`adapters/README.md`).
//!
//! - Python: a venv at `external/python/.venv` with
//!   `adapters/python/requirements.txt` (every package pinned with `==`).
//! - Node: `npm ci` in `adapters/node` from the committed `package-lock.json`.
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
    Ok(ExitCode::SUCCESS)
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
        Command::new(&venv_python)
            .args(["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet", "-r"])
            .arg(&reqs),
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
