//! The README stays true: its example rule file compiles and behaves as described, and the rule
//! API tables (docs/rules.md, linked from it) list every function the engine registers.
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
