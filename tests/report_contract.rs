//! The report contract: the JSON every consumer (widget, playground, L&D's systems) relies on.
//! Names are camelCase, types are fixed, integers are safe in JavaScript, and nothing else
//! appears.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::{json, Value};

/// The keys of an object, sorted (serde_json's `Value` sorts them; the order in the bytes is
/// pinned by `the_json_keeps_a_fixed_key_order`).
fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().expect("an object").keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

fn is_str_or_null(v: &Value) -> bool {
    v.is_string() || v.is_null()
}

fn is_safe_int(v: &Value) -> bool {
    v.as_i64().is_some_and(|n| n.abs() < (1 << 53))
}

/// Fails if any two entries of `list` are equal, wherever they are in it.
fn assert_no_duplicates(list: &[Value], what: &str) {
    let mut seen = std::collections::HashSet::new();
    for item in list {
        assert!(seen.insert(item.as_str().unwrap()), "{what}: {item} appears twice in {list:?}");
    }
}

#[test]
fn the_duplicate_check_finds_duplicates_that_are_not_neighbours() {
    let caught = std::panic::catch_unwind(|| assert_no_duplicates(&[json!("a"), json!("b"), json!("a")], "questions"));
    assert!(caught.is_err());
    assert_no_duplicates(&[json!("a"), json!("b")], "questions");
}

/// Checks one report's JSON against the contract.
fn assert_contract(report: &Value) {
    assert_eq!(keys(report), ["conditions", "findings", "flags", "followups", "forces", "questions", "rules", "score", "tier", "today", "trainingFit", "understood"]);

    let score = report["score"].as_i64().unwrap();
    assert!((0..=100).contains(&score));
    assert_eq!(keys(&report["tier"]), ["id", "label", "message"]);
    assert!(report["tier"].as_object().unwrap().values().all(Value::is_string));
    assert_eq!(keys(&report["trainingFit"]), ["id", "reason"]);
    assert!(["likely", "mixed", "unlikely", "unknown"].contains(&report["trainingFit"]["id"].as_str().unwrap()));

    for force in report["forces"].as_array().unwrap() {
        assert_eq!(keys(force), ["id", "label", "max", "score"]);
        assert!(force["id"].is_string() && force["label"].is_string());
        assert!(is_safe_int(&force["score"]) && is_safe_int(&force["max"]));
        assert!(force["score"].as_i64() <= force["max"].as_i64());
    }
    for finding in report["findings"].as_array().unwrap() {
        assert_eq!(keys(finding), ["asked", "field", "force", "kind", "message", "points", "question"]);
        assert!(finding["asked"].is_boolean());
        assert!(["gap", "strength", "warning"].contains(&finding["kind"].as_str().unwrap()));
        assert!(is_str_or_null(&finding["force"]) && is_str_or_null(&finding["field"]) && is_str_or_null(&finding["question"]));
        assert!(is_safe_int(&finding["points"]) && finding["message"].is_string());
    }
    let questions = report["questions"].as_array().unwrap();
    assert!(questions.iter().all(Value::is_string));
    assert_no_duplicates(questions, "questions");
    let followups = report["followups"].as_array().unwrap();
    assert!(followups.iter().all(Value::is_string));
    assert_no_duplicates(followups, "followups");
    assert!(followups.iter().all(|f| !questions.contains(f)), "a follow-up is also a question: {followups:?}");
    for u in report["understood"].as_array().unwrap() {
        assert_eq!(keys(u), ["field", "text"]);
        assert!(is_str_or_null(&u["field"]) && u["text"].as_str().is_some_and(|t| !t.trim().is_empty()));
    }
    let conditions = report["conditions"].as_array().unwrap();
    for c in conditions {
        assert!(c.as_str().unwrap().starts_with("Yes, if"), "{c}");
    }
    assert_no_duplicates(conditions, "conditions");
    assert!(report["flags"].as_array().unwrap().iter().all(Value::is_string));
    assert!(yesif::Date::parse(report["today"].as_str().unwrap()).is_some());
    assert_eq!(keys(&report["rules"]), ["hash", "name", "version"]);
    let hash = report["rules"]["hash"].as_str().unwrap();
    assert!(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
}

#[test]
fn mini_reports_follow_the_contract() {
    for request in [json!({}), json!({"goal": "Cut waste", "size": 20, "due": "2026-06-03", "why": ["knowledge"]})] {
        let report: Value = serde_json::from_str(&score(&mini(), request).to_json()).unwrap();
        assert_contract(&report);
    }
}

#[test]
fn default_rubric_reports_follow_the_contract_for_every_case() {
    let rules = default_rules();
    let cases = default_cases();
    assert!(!cases.is_empty());
    let mut reports = 0;
    for case in &cases {
        match (rules.score(&case.request, day(&case.today)), &case.expect.error) {
            (Ok(report), None) => {
                assert_contract(&serde_json::from_str(&report.to_json()).unwrap());
                reports += 1;
            }
            // A case that expects an error must get one; rule_cases checks its message.
            (Err(_), Some(_)) => {}
            (Ok(_), Some(error)) => panic!("{}: expected an error ({error}), got a report", case.name),
            (Err(e), None) => panic!("{}: does not score: {e}", case.name),
        }
    }
    assert!(reports >= 30, "only {reports} of {} cases gave a report", cases.len());
}

#[test]
fn the_rules_hash_is_the_sha256_of_the_source() {
    // printf 'ruleset("x","1"); force("a","A",1); tier("t","T","m"); fn evaluate() {}' | sha256sum
    let rules = yesif::RuleSet::compile("ruleset(\"x\",\"1\"); force(\"a\",\"A\",1); tier(\"t\",\"T\",\"m\"); fn evaluate() {}").unwrap();
    assert_eq!(rules.info().hash, "15b19c21d1b5086974ab01fe30ef1212b79312530c3e9e715e93bc9d00385333");
}

#[test]
fn fields_serialise_for_forms() {
    let fields = serde_json::to_value(mini().fields()).unwrap();
    assert_eq!(fields[0], json!({"id": "goal", "label": "Goal", "type": "textarea", "required": true, "followup": false, "options": []}));
    assert_eq!(fields[4]["options"][0], json!({"value": "compliance", "label": "Compliance"}));
}

#[test]
fn the_json_keeps_a_fixed_key_order() {
    let json = score(&mini(), json!({"goal": "Cut waste"})).to_json();
    let order = ["\"score\"", "\"tier\"", "\"trainingFit\"", "\"forces\"", "\"findings\"", "\"questions\"", "\"followups\"", "\"conditions\"", "\"flags\"", "\"understood\"", "\"today\"", "\"rules\""];
    let at: Vec<usize> = order.iter().map(|k| json.find(k).unwrap_or_else(|| panic!("{k} in {json}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
    assert!(json.contains(r#"{"kind":"strength","force":"business_alignment","field":"goal","asked":true,"points":10,"message":"The goal is a result","question":null}"#), "{json}");
    assert!(json.contains(r#"{"id":"business_alignment","label":"Business alignment","score":10,"max":10}"#), "{json}");
}
