//! The adapters in other languages, measured through the protocol's `bench` request.

use super::*;

/// One measurement of an external adapter: (implementation, alg, ns,
/// whether the token had no time claims and the adapter's bare-loop
/// overhead per call where it measures one, or why not measured).
pub(super) type ExternalResult = (String, String, Result<(f64, bool, Option<f64>), String>);

/// The adapters in other languages, timed inside their own process on the
/// same small tokens (median of three loops). Reported apart: the method
/// differs from criterion's and includes the adapter's own per-call work.
pub(super) fn external(root: &Path, registries: &[std::path::PathBuf], quick: bool) -> Result<Vec<ExternalResult>, String> {
    let keys = jwtproof_gen::Keys::load(&root.join("vectors/keys"))?;
    let wall_now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(1_700_000_100, |d| d.as_secs() as i64);
    let mut file = jwtproof_vectors::VectorFile {
        path: PathBuf::from("bench.json"),
        name: "bench".to_owned(),
        description: String::new(),
        source: String::new(),
        keys: BTreeMap::new(),
        tests: Vec::new(),
    };
    // Per algorithm: the criterion token, and the same claims without `iat`
    // and `exp` for adapters of libraries that check no claims (they answer
    // `unsupported` for a token whose time claims they would ignore).
    for alg in ALGS {
        let name = key_name(alg);
        file.keys.insert(name.to_owned(), public(keys.get(name)));
        let untimed = r#"{"sub":"1234567890","name":"John Doe","iss":"https://issuer.example"}"#;
        for (suffix, payload) in [("", claims("small")), ("-untimed", untimed.to_owned())] {
            let token = jwtproof_gen::token(alg, keys.get(name), &header(alg), &payload);
            // At the wall clock: the tokens are valid now (exp 2100), and
            // the `bench` request says so (`wall_clock`), so no adapter fakes
            // a clock inside its timed loop.
            let validation = jwtproof_gen::V::new(&[alg], wall_now).0;
            file.tests.push(jwtproof_vectors::Case {
                id: format!("bench-{}{suffix}", alg.to_lowercase()),
                description: String::new(),
                token,
                key: Some(name.to_owned()),
                validation,
                expected: jwtproof_vectors::Expected::Valid,
                error: None,
                flags: Vec::new(),
                impact: None,
                basis: None,
                baseline: None,
            });
        }
    }
    let mut adapters = jwtproof_adapters::external_subprocesses(root)?;
    for path in registries {
        let registry = jwtproof_adapters::registry::Registry::load_file(path)?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        adapters.extend(jwtproof_adapters::subprocesses(&registry, &std::fs::canonicalize(&dir).unwrap_or(dir)));
    }
    let mut out = Vec::new();
    for adapter in adapters {
        use jwtproof_harness::Implementation as _;
        let name = adapter.name().to_owned();
        if let Err(why) = adapter.info() {
            eprintln!("bench: {name} unavailable: {why}");
            continue;
        }
        for (alg, cases) in ALGS.iter().zip(file.tests.chunks(2)) {
            let iterations = match (alg.starts_with("HS"), quick) {
                (true, false) => 2000,
                (true, true) => 200,
                (false, false) => 100,
                (false, true) => 10,
            };
            let measure = |case: &jwtproof_vectors::Case| -> Result<(f64, Option<f64>), String> {
                let input = jwtproof_harness::CaseInput { file: &file, case, key: file.key_for(case) };
                // Median of three loops; one in a quick run (each loop is a
                // protocol request, and the requests dominate a smoke run).
                let mut runs: Vec<(f64, Option<f64>)> = Vec::new();
                for _ in 0..(if quick { 1 } else { 3 }) {
                    runs.push(adapter.bench(&input, iterations)?);
                }
                runs.sort_by(|a, b| a.0.total_cmp(&b.0));
                runs.get(runs.len() / 2).copied().ok_or_else(|| "no measurement".to_owned())
            };
            let result = match cases {
                [timed, untimed] => match measure(timed) {
                    Ok((v, o)) => Ok((v, false, o)),
                    Err(first) => measure(untimed).map(|(v, o)| (v, true, o)).map_err(|_| first),
                },
                _ => Err("no benchmark token".to_owned()),
            };
            out.push((name.clone(), (*alg).to_owned(), result));
        }
    }
    Ok(out)
}

pub(super) fn external_markdown(results: &[ExternalResult], quick: bool) -> String {
    if results.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n## External implementations (inside the adapter process)\n\nMeasured through the subprocess protocol's `bench` request: a loop of verifications inside the adapter process (start-up not measured; the adapter's own per-call mapping included; tokens valid at the wall clock, no clock faked), {}, small tokens. Not directly comparable with the criterion numbers above.\n\n| implementation |",
        if quick { "one loop (quick run)" } else { "median of three loops" }
    );
    for alg in ALGS {
        let _ = write!(out, " {alg} |");
    }
    out.push_str("\n|---|");
    for _ in ALGS {
        out.push_str("---|");
    }
    out.push('\n');
    let mut names: Vec<&String> = Vec::new();
    for (n, _, _) in results {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    for n in names {
        let _ = write!(out, "| {n} |");
        for alg in ALGS {
            let cell = results.iter().find(|(i, a, _)| i == n && a == alg).map_or_else(
                || "–".to_owned(),
                |(_, _, r)| match r {
                    Ok((v, untimed, overhead)) => format!(
                        "{}{}{}",
                        ns(*v),
                        if *untimed { " †" } else { "" },
                        overhead.map_or(String::new(), |o| format!(" (loop {})", ns(o)))
                    ),
                    Err(_) => "n/a".to_owned(),
                },
            );
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    out.push_str("\n† a token without `iat`/`exp`: the library checks no claims, and its adapter refuses to call a token with time claims valid. n/a: the library lacks the algorithm (or the adapter does not answer `bench`). (loop …): the adapter's own cost per call, the same loop around a call that does nothing, where the adapter measures it (Python, Node). Tokens are valid at the wall clock and `validation.now` is the wall clock: no clock is faked inside the timed loop.\n");
    out
}
