//! The README stays true: its example rule file compiles and behaves as described, the rule
//! API tables (docs/rules.md, linked from it) list every function the engine registers, the
//! Security model names every callback function, the embed snippet loads what the copy step
//! copies, and docs/widget.md's table of the default
//! rules' fields is what `yesif fields` prints.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use yesif::{Date, RuleSet};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn the_example_rule_file_works() {
    let text = readme();
    let start = text.find("```rhai\n").expect("an example rule file") + 8;
    let source = &text[start..start + text[start..].find("```").unwrap()];
    let rules = RuleSet::compile(source).unwrap_or_else(|e| panic!("{e}"));
    let today = Date::parse("2026-06-01").unwrap();
    let vague = rules.score(&json!({"goal": "An Excel course"}), today).unwrap();
    assert_eq!(vague.tier.id, "needs-info");
    assert_eq!(vague.questions, ["What business outcome are you trying to achieve?"]);
    assert_eq!(vague.conditions, ["Yes, if we confirm the goal and how success is measured."]);
    let clear = rules.score(&json!({"goal": "Reduce invoice errors by half"}), today).unwrap();
    assert_eq!((clear.tier.id.as_str(), clear.score), ("ready", 100));
}

#[test]
fn every_rule_api_function_is_documented() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
    for f in yesif::API {
        assert!(text.contains(&format!("| `{}` |", f.signature)), "docs/rules.md lacks {}", f.signature);
    }
}

#[test]
fn the_security_model_names_every_function_that_takes_a_callback() {
    let text = readme();
    let start = text.find("## Security model").expect("a Security model section");
    let section = &text[start..start + text[start + 3..].find("\n## ").unwrap() + 3];
    let listed: std::collections::BTreeSet<&str> =
        section.split('`').skip(1).step_by(2).filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '_')).collect();
    for f in yesif::CALLBACK_FUNCTIONS {
        let name = f.split(['.', '(']).nth(1).unwrap();
        assert!(listed.contains(name), "README's Security model does not list `{name}` ({f})");
    }
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The default rules' fields as a markdown table, from what `yesif fields` prints.
fn fields_table() -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yesif"))
        .args(["fields", "rules/ld-intake.rhai"])
        .current_dir(ROOT)
        .output()
        .expect("the CLI runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let fields: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let cell = |text: &str| text.replace('|', "\\|");
    let mut table = String::from("| id | type | on the demo form | label | option values (label) |\n| --- | --- | --- | --- | --- |\n");
    for f in &fields {
        let kind = if f["required"] == true { "required" } else if f["followup"] == true { "follow-up" } else { "optional" };
        let options: Vec<String> = f["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                let (value, label) = (o["value"].as_str().unwrap(), o["label"].as_str().unwrap());
                if value == label { format!("`{}`", cell(value)) } else { format!("`{}` ({})", cell(value), cell(label)) }
            })
            .collect();
        table += &format!(
            "| `{}` | {} | {} | {} | {} |\n",
            f["id"].as_str().unwrap(),
            f["type"].as_str().unwrap(),
            kind,
            cell(f["label"].as_str().unwrap()),
            options.join(", ")
        );
    }
    table
}

#[test]
fn the_default_rules_fields_table_matches_yesif_fields() {
    let path = std::path::Path::new(ROOT).join("docs/widget.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- fields:begin -->\n", "<!-- fields:end -->");
    let start = doc.find(begin).expect("docs/widget.md has the fields markers") + begin.len();
    let stop = start + doc[start..].find(end).expect("the end marker");
    let expected = fields_table();
    if doc[start..stop] != expected && std::env::var_os("YESIF_WRITE_DOCS").is_some() {
        std::fs::write(&path, format!("{}{}{}", &doc[..start], expected, &doc[stop..])).unwrap();
        return;
    }
    assert_eq!(doc[start..stop], expected, "docs/widget.md's fields table is stale: run YESIF_WRITE_DOCS=1 cargo test --test readme");
}

/// The README's copy step, `dest ← source` lines, as (dest, source) pairs.
fn copy_layout(readme: &str) -> Vec<(String, String)> {
    let start = readme.find("```text\n/yesif/").expect("the README's copy step") + 8;
    let block = &readme[start..start + readme[start..].find("```").unwrap()];
    block
        .lines()
        .map(|line| {
            let (dest, source) = line.split_once('←').expect("dest ← source");
            (dest.trim().to_string(), source.trim().to_string())
        })
        .collect()
}

/// Where a served path comes from in the repository, by the copy step; None if it is not copied.
fn source_of(layout: &[(String, String)], served: &str) -> Option<String> {
    layout.iter().find_map(|(dest, source)| {
        if dest == served {
            Some(source.clone())
        } else if dest.ends_with('/') && served.starts_with(dest.as_str()) {
            Some(format!("{source}{}", &served[dest.len()..]))
        } else {
            None
        }
    })
}

/// `base` (a directory path ending in `/`) joined with a relative `./` or `../` path.
fn join(base: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = base.trim_end_matches('/').split('/').collect();
    for part in relative.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[test]
fn the_embed_snippet_loads_what_the_copy_step_copies() {
    let text = readme();
    let layout = copy_layout(&text);
    let snippet_start = text.find("```html\n<script type=\"module\" src=\"/yesif/").expect("the embed snippet") + 8;
    let snippet = &text[snippet_start..snippet_start + text[snippet_start..].find("```").unwrap()];
    let mut urls = 0;
    for attr in ["src=\"", "rules=\""] {
        for piece in snippet.split(attr).skip(1) {
            let url = &piece[..piece.find('"').unwrap()];
            let source = source_of(&layout, url).unwrap_or_else(|| panic!("the snippet loads {url}, which the copy step does not copy"));
            assert!(std::path::Path::new(ROOT).join(&source).is_file(), "{url} would be {source}, which does not exist");
            urls += 1;
        }
    }
    assert_eq!(urls, 2, "the snippet loads the widget and the rules");
    // Every relative import of the widget's modules resolves, once copied, to the file it names
    // in the repository: the copy keeps the folders side by side as the imports expect.
    let widget_dir = std::path::Path::new(ROOT).join("www/yesif-check");
    let mut modules = vec!["www/yesif-check.js".to_string()];
    for entry in std::fs::read_dir(&widget_dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".js") {
            modules.push(format!("www/yesif-check/{name}"));
        }
    }
    let served_of = |repo: &str| {
        layout.iter().find_map(|(dest, source)| {
            if source == repo {
                Some(dest.clone())
            } else if source.ends_with('/') && repo.starts_with(source.as_str()) {
                Some(format!("{dest}{}", &repo[source.len()..]))
            } else {
                None
            }
        })
    };
    for module in &modules {
        let served = served_of(module).unwrap_or_else(|| panic!("the copy step does not copy {module}"));
        let code = std::fs::read_to_string(std::path::Path::new(ROOT).join(module)).unwrap();
        for piece in code.split(" from '").skip(1).chain(code.split("import('").skip(1)) {
            let target = &piece[..piece.find('\'').unwrap()];
            if !target.starts_with('.') {
                continue;
            }
            let repo_dir = &module[..=module.rfind('/').unwrap()];
            let served_dir = &served[..=served.rfind('/').unwrap()];
            let in_repo = join(repo_dir, target);
            let copied = source_of(&layout, &join(served_dir, target));
            assert_eq!(copied.as_deref(), Some(in_repo.as_str()), "{module} imports {target}: after the copy step it would not be found");
        }
    }
}
