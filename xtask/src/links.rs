//! Every relative link in the repository's Markdown resolves (checked by
//! `cargo test`): the docs must work in a clone, not only on our machines.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// Directories that are not the repository's own documents.
    const SKIP: [&str; 6] = [".git", "target", "external", "node_modules", "corpus", "artifacts"];

    fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !SKIP.contains(&name.as_str()) {
                    markdown_files(&path, out);
                }
            } else if name.ends_with(".md") {
                out.push(path);
            }
        }
    }

    /// The targets of `[text](target)` links, without `#fragment` or a
    /// `"title"`; links into code spans are links too (Markdown renders them).
    fn link_targets(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find("](") {
            rest = rest.get(at + 2..).unwrap_or_default();
            let Some(end) = rest.find(')') else { break };
            let target = rest.get(..end).unwrap_or_default();
            let target = target.split_whitespace().next().unwrap_or_default();
            let target = target.split('#').next().unwrap_or_default();
            out.push(target.trim_matches(['<', '>']).to_owned());
        }
        out
    }

    fn is_relative(target: &str) -> bool {
        !(target.is_empty() || target.contains("://") || target.starts_with("mailto:") || target.starts_with('/'))
    }

    #[test]
    fn finds_links_and_ignores_urls() {
        let text = "see [a](docs/a.md#x), [b](<b c.md>), [u](https://example.com/x) and [t](c.md \"title\")";
        let targets: Vec<String> = link_targets(text).into_iter().filter(|t| is_relative(t)).collect();
        assert_eq!(targets, ["docs/a.md", "b", "c.md"]);
    }

    #[test]
    fn no_dead_relative_link_in_markdown() {
        let root = crate::paths::root();
        let mut files = Vec::new();
        markdown_files(&root, &mut files);
        assert!(files.len() > 5, "found only {} Markdown files under {}", files.len(), root.display());
        let mut dead = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let dir = file.parent().unwrap_or(&root);
            for target in link_targets(&text).into_iter().filter(|t| is_relative(t)) {
                if !dir.join(&target).exists() {
                    dead.push(format!("{}: {target}", file.strip_prefix(&root).unwrap_or(file).display()));
                }
            }
        }
        assert!(dead.is_empty(), "dead relative links:\n{}", dead.join("\n"));
    }
}
