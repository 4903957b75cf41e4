//! Determinism: the same request, rules and `today` give byte-identical JSON, whatever was
//! scored before and whichever rule set instance scores it.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::json;

#[test]
fn the_same_input_gives_identical_bytes() {
    let a = json!({"goal": "Reduce rework by 20%", "size": 40, "due": "2026-06-10", "why": ["knowledge", "tools"]});
    let b = json!({"goal": "Excel please"});
    let rules = mini();
    let first = score(&rules, a.clone()).to_json();
    let _ = score(&rules, b);
    assert_eq!(score(&rules, a.clone()).to_json(), first, "earlier requests leave no trace");
    assert_eq!(score(&mini(), a).to_json(), first, "a fresh compile gives the same bytes");
}

#[test]
fn key_order_in_the_request_does_not_matter() {
    let one: serde_json::Value = serde_json::from_str(r#"{"goal": "Cut waste", "size": 30, "why": ["knowledge"]}"#).unwrap();
    let two: serde_json::Value = serde_json::from_str(r#"{"why": ["knowledge"], "size": 30, "goal": "Cut waste"}"#).unwrap();
    assert_eq!(score(&mini(), one).to_json(), score(&mini(), two).to_json());
}

#[test]
fn every_default_case_scores_identically_twice() {
    let rules = default_rules();
    let cases = default_cases();
    let score_case = |r: &yesif::RuleSet, c: &yesif::cases::Case| -> String {
        match r.score(&c.request, day(&c.today)) {
            Ok(report) => report.to_json(),
            Err(e) => e.to_string(),
        }
    };
    let run = |r: &yesif::RuleSet| -> Vec<String> { cases.iter().map(|c| score_case(r, c)).collect() };
    let once = run(&rules);
    let mut reversed: Vec<String> = cases.iter().rev().map(|c| score_case(&rules, c)).collect();
    reversed.reverse();
    assert_eq!(once, reversed, "order of scoring does not matter");
    assert_eq!(once, run(&default_rules()));
}

#[test]
fn the_date_changes_only_date_dependent_results() {
    let rules = mini();
    let request = json!({"goal": "Cut waste", "due": "2026-06-10"});
    let soon = rules.score(&request, today()).unwrap();
    let later = rules.score(&request, day("2026-01-01")).unwrap();
    assert_eq!(soon.conditions, ["Yes, if we can move the date."]);
    assert!(later.conditions.is_empty());
}
