//! Every relative link in README.md and docs/*.md leads somewhere: the file exists inside the
//! repository and, when the link names a heading (`file.md#heading`), the heading exists.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The documents whose links are checked: the README and every page in docs/.
fn documents() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("docs"))
        .expect("docs/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files.insert(0, Path::new(ROOT).join("README.md"));
    files
}

/// The markdown with fenced code blocks and inline code spans blanked out, so that code
/// showing `[a](b)` or `<img src=x>` is not read as a link.
fn prose(markdown: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            out.push('\n');
            continue;
        }
        if !fenced {
            let mut in_code = false;
            for c in line.chars() {
                if c == '`' {
                    in_code = !in_code;
                } else if !in_code {
                    out.push(c);
                }
            }
        }
        out.push('\n');
    }
    out
}

/// Every link target in the prose: `[text](target)`, `![alt](target)` and `src="target"`.
fn targets(markdown: &str) -> Vec<String> {
    let text = prose(markdown);
    let mut found = Vec::new();
    for (i, _) in text.match_indices("](") {
        let rest = &text[i + 2..];
        let end = rest.find(')').expect("a link target ends with )");
        found.push(rest[..end].split_whitespace().next().unwrap_or("").to_string());
    }
    for (i, _) in text.match_indices("src=\"") {
        let rest = &text[i + 5..];
        found.push(rest[..rest.find('"').unwrap()].to_string());
    }
    found
}

/// The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces to
/// hyphens, and `-1`, `-2`, … on repeats.
fn anchors(markdown: &str) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if fenced || !line.starts_with('#') {
            continue;
        }
        let title = line.trim_start_matches('#').trim();
        let slug: String = title
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let mut unique = slug.clone();
        let mut n = 0;
        while !seen.insert(unique.clone()) {
            n += 1;
            unique = format!("{slug}-{n}");
        }
    }
    seen
}

/// What is wrong with each relative link of `doc` (whose text is `markdown`), one line each.
fn broken_links(doc: &Path, markdown: &str) -> Vec<String> {
    let root = Path::new(ROOT).canonicalize().unwrap();
    let mut problems = Vec::new();
    for target in targets(markdown) {
        if target.is_empty() {
            problems.push(format!("{}: an empty link", doc.display()));
            continue;
        }
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (target.as_str(), None),
        };
        let file = if path.is_empty() { doc.to_path_buf() } else { doc.parent().unwrap().join(path) };
        let Ok(resolved) = file.canonicalize() else {
            problems.push(format!("{}: {target} does not exist", doc.display()));
            continue;
        };
        if !resolved.starts_with(&root) {
            problems.push(format!("{}: {target} leads out of the repository", doc.display()));
            continue;
        }
        if let Some(anchor) = anchor {
            let text = if path.is_empty() { markdown.to_string() } else { std::fs::read_to_string(&resolved).unwrap_or_default() };
            if !anchors(&text).contains(anchor) {
                problems.push(format!("{}: {target} names no heading of {}", doc.display(), resolved.display()));
            }
        }
    }
    problems
}

#[test]
fn every_relative_link_in_the_docs_resolves() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let markdown = std::fs::read_to_string(&doc).unwrap();
        checked += targets(&markdown).len();
        problems.extend(broken_links(&doc, &markdown));
    }
    assert!(checked >= 20, "only {checked} links found: is the link reader broken?");
    assert!(problems.is_empty(), "broken links:\n{}", problems.join("\n"));
}

#[test]
fn the_readme_links_every_page_in_docs() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let linked = targets(&readme);
    for doc in documents().into_iter().skip(1) {
        let name = format!("docs/{}", doc.file_name().unwrap().to_str().unwrap());
        assert!(linked.iter().any(|t| t.split('#').next() == Some(name.as_str())), "README.md does not link {name}");
    }
}

#[test]
fn the_readme_stays_short() {
    let size = std::fs::metadata(Path::new(ROOT).join("README.md")).unwrap().len();
    assert!(size < 25_000, "README.md is {size} bytes; measurements and reference belong in docs/");
}

#[test]
fn the_link_checker_catches_what_it_should() {
    let doc = Path::new(ROOT).join("README.md");
    let markdown = "# Top\n\n## A heading: with `code`\n\n\
        [ok](docs/cli.md) [ok](#a-heading-with-code) [ok](docs/api.md#report-format) \
        ![ok](tests/screenshots/widget.png) <img src=\"tests/screenshots/widget.png\">\n\
        `[code, not a link](nowhere.md)`\n```\n[fenced, not a link](nowhere.md)\n```\n\
        [gone](docs/nowhere.md) [no heading](#nowhere) [no heading](docs/cli.md#nowhere) \
        [outside](../) <img src=\"missing.png\"> [web](https://rhai.rs/book/)\n";
    let problems = broken_links(&doc, markdown);
    let targets: Vec<_> = problems.iter().map(|p| p.split(": ").nth(1).unwrap().split(' ').next().unwrap()).collect();
    assert_eq!(targets, ["docs/nowhere.md", "#nowhere", "docs/cli.md#nowhere", "../", "missing.png"], "{problems:#?}");
}
