//! Bad input: every kind of malformed request gets a clear `input` diagnostic naming the field,
//! never a panic, and no rule runs on it. Unknown fields are ignored.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::json;
use yesif::{DiagnosticKind, Limits, RuleSet};

fn input_error(request: serde_json::Value) -> Vec<yesif::Diagnostic> {
    let err = mini().score(&request, today()).expect_err("the request is refused");
    assert!(err.diagnostics().iter().all(|d| d.kind == DiagnosticKind::Input), "{err}");
    err.into_vec()
}

#[test]
fn a_request_that_is_not_an_object_is_refused() {
    for (value, word) in [(json!([1, 2]), "a list"), (json!("goal"), "text"), (json!(3), "a number"), (json!(null), "null"), (json!(true), "true/false")] {
        let d = &input_error(value)[0];
        assert!(d.message.contains("must be a JSON object") && d.message.contains(word), "{}", d.message);
        assert_eq!(d.field, None);
    }
}

#[test]
fn a_number_where_text_is_expected_names_the_field() {
    let d = &input_error(json!({"goal": 42}))[0];
    assert_eq!(d.field.as_deref(), Some("goal"));
    assert!(d.message.contains("expects text, not a number (42)"), "{}", d.message);
}

#[test]
fn text_where_a_number_is_expected_is_refused_but_numeric_text_is_read() {
    let d = &input_error(json!({"size": "lots"}))[0];
    assert_eq!(d.field.as_deref(), Some("size"));
    assert!(d.message.contains("expects a number, not the text \"lots\""), "{}", d.message);
    let report = score(&mini(), json!({"size": " 1,200 "}));
    assert!(report.findings.iter().any(|f| f.field.as_deref() == Some("size")));
}

#[test]
fn a_list_where_one_value_is_expected_and_the_reverse_are_refused() {
    let all = input_error(json!({"driver": ["compliance"], "why": "knowledge"}));
    let fields: Vec<_> = all.iter().map(|d| d.field.as_deref().unwrap()).collect();
    assert_eq!(fields, ["why", "driver"], "every bad field is reported, in declaration order");
    assert!(all[0].message.contains("expects a list of ticked values"));
    assert!(all[1].message.contains("expects one value as text, not a list"));
}

#[test]
fn dates_must_be_iso() {
    for bad in ["31/12/2026", "2026-02-30", "tomorrow"] {
        let d = &input_error(json!({"due": bad}))[0];
        assert!(d.message.contains("YYYY-MM-DD"), "{}", d.message);
    }
}

#[test]
fn huge_strings_are_refused_with_the_limit() {
    let d = &input_error(json!({"goal": "x".repeat(Limits::default().max_field_chars + 1)}))[0];
    assert!(d.message.contains("maxFieldChars"), "{}", d.message);
    // Up to the limit is fine, counted in characters, not bytes.
    assert!(mini().score(&json!({"goal": "é".repeat(Limits::default().max_field_chars)}), today()).is_ok());
}

#[test]
fn integers_beyond_two_to_the_53_are_refused() {
    let d = &input_error(json!({"size": 9_007_199_254_740_993u64}))[0];
    assert!(d.message.contains("too large"), "{}", d.message);
    let d = &input_error(json!({"size": -1e300}))[0];
    assert!(d.message.contains("too large"), "{}", d.message);
    assert!(mini().score(&json!({"size": 9_007_199_254_740_991u64}), today()).is_ok());
}

#[test]
fn unknown_fields_are_ignored() {
    let plain = score(&mini(), json!({"goal": "Cut costs"}));
    let extra = score(&mini(), json!({"goal": "Cut costs", "colour": [1, {"deep": null}], "csrf_token": "abc"}));
    assert_eq!(plain, extra);
}

#[test]
fn an_empty_object_scores_as_unanswered() {
    let report = score(&mini(), json!({}));
    assert_eq!((report.score, report.tier.id.as_str()), (0, "needs-info"));
    assert_eq!(report.questions, ["What business outcome are you trying to achieve?", "What's getting in the way?"]);
}

#[test]
fn blank_text_null_and_empty_lists_count_as_unanswered() {
    let blank = score(&mini(), json!({"goal": "   ", "size": null, "why": [], "due": "", "mail": "\n"}));
    assert_eq!(blank, score(&mini(), json!({})));
}

#[test]
fn invalid_json_text_is_positioned() {
    let err = mini().score_json("{\n  \"goal\": \"x\",\n  oops\n}", today()).unwrap_err();
    let d = &err.diagnostics()[0];
    assert_eq!((d.kind, d.line, d.column), (DiagnosticKind::Input, Some(3), Some(3)));
    assert!(d.message.starts_with("the request is not valid JSON"), "{}", d.message);
}

#[test]
fn a_rule_set_keeps_working_after_bad_input() {
    let rules = mini();
    assert!(rules.score(&json!({"goal": 1}), today()).is_err());
    assert_eq!(score(&rules, json!({"goal": "Reduce rework"})).score, 50);
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let deep = format!("{{\"x\": {}1{}}}", "[".repeat(10_000), "]".repeat(10_000));
    let err = RuleSet::compile(MINI).unwrap().score_json(&deep, today()).unwrap_err();
    assert_eq!(err.diagnostics()[0].kind, DiagnosticKind::Input);
}
