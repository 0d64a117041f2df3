//! Where the vectors are: the bundled directory and what a default run
//! loads from a directory.

/// The project's own vector directory (in a checkout of jwtproof).
pub fn bundled_vectors_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors")
}

/// What a default run loads: everything under `dir` except `imported/`
/// (third-party corpora such as Wycheproof's, which say what *their*
/// authors expect and are run explicitly, with their divergences from our
/// spec listed) and the loader's own fixtures.
pub fn default_vector_paths(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                    if p.is_dir() {
                        !matches!(name, "imported" | "invalid-files" | "keys")
                    } else {
                        name.ends_with(".json") && name != "schema.json"
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    if paths.is_empty() {
        // Let the loader report the problem with the directory itself.
        paths.push(dir.to_path_buf());
    }
    paths
}
