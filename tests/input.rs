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

/// What the rules read from `request`, shown through a "Yes, if…" condition: `expr` is a Rhai
/// expression over the rule API (`number("size")`, `list("why")`, …).
fn read_back(expr: &str, request: serde_json::Value) -> String {
    let rules = RuleSet::compile(&mini_with(&format!("yes_if(`${{{expr}}}`);"))).unwrap();
    let report = rules.score(&request, today()).unwrap_or_else(|e| panic!("{e}"));
    report.conditions[0].strip_prefix("Yes, if ").unwrap().trim_end_matches('.').to_owned()
}

#[test]
fn numbers_are_read_as_whole_or_fractional_as_written() {
    assert_eq!(read_back("number(\"size\")", json!({"size": 20})), "20");
    assert_eq!(read_back("type_of(number(\"size\"))", json!({"size": 20})), "i64");
    assert_eq!(read_back("number(\"size\")", json!({"size": 1.5})), "1.5");
    assert_eq!(read_back("type_of(number(\"size\"))", json!({"size": 1.5})), "f64");
    assert_eq!(read_back("number(\"size\")", json!({"size": " 1,200 "})), "1200");
    assert_eq!(read_back("number(\"size\")", json!({"size": "2.5"})), "2.5");
    assert_eq!(read_back("has(\"size\")", json!({"size": "  "})), "false");
    assert_eq!(read_back("number(\"size\")", json!({"size": -9_007_199_254_740_991i64})), "-9007199254740991");
    for bad in ["1e400", "NaN", "inf", "12 people"] {
        let d = &input_error(json!({"size": bad}))[0];
        assert_eq!(d.message, format!("How many people (size): expects a number, not the text \"{bad}\""));
    }
    let d = &input_error(json!({"size": "9007199254740993"}))[0];
    assert_eq!(d.message, "How many people (size): the number 9007199254740993 is too large to score exactly (beyond ±2^53)");
    let d = &input_error(json!({"size": 9_007_199_254_740_992u64}))[0];
    assert!(d.message.ends_with("the number 9007199254740992 is too large to score exactly (beyond ±2^53)"), "{}", d.message);
}

#[test]
fn ticked_values_are_trimmed_and_blank_ones_dropped() {
    assert_eq!(read_back("list(\"why\")", json!({"why": [" knowledge ", "", "  ", "tools"]})), "[\"knowledge\", \"tools\"]");
    assert_eq!(read_back("has(\"why\")", json!({"why": ["", " "]})), "false");
    let d = &input_error(json!({"why": ["knowledge", 3]}))[0];
    assert_eq!(d.message, "What gets in the way (why): expects a list of text values, but one is a number (3)");
    let d = &input_error(json!({"why": {"knowledge": true}}))[0];
    assert_eq!(d.message, "What gets in the way (why): expects a list of ticked values, not an object");
}

#[test]
fn the_ticked_values_limit_applies_just_over_not_at() {
    let limits = Limits { max_array_size: 10, ..Limits::default() };
    let rules = RuleSet::compile_with(MINI, &limits).unwrap();
    assert!(rules.score(&json!({"why": vec!["a"; 10]}), today()).is_ok());
    let err = rules.score(&json!({"why": vec!["a"; 11]}), today()).unwrap_err();
    assert_eq!(err.diagnostics()[0].message, "What gets in the way (why): has 11 ticked values; the limit is 10 (maxArraySize)");
}

#[test]
fn the_field_length_limit_counts_characters_just_over_not_at() {
    let limits = Limits { max_field_chars: 5, ..Limits::default() };
    let rules = RuleSet::compile_with(MINI, &limits).unwrap();
    for ok in ["abcde", "ééééé", "  abcde  "] {
        // Up to the limit, counted in characters; the white space around is counted too.
        let result = rules.score(&json!({"goal": ok}), today());
        assert_eq!(result.is_ok(), ok.chars().count() <= 5, "{ok:?}");
    }
    let err = rules.score(&json!({"goal": "éééééé", "why": ["abcdef"], "size": "123456"}), today()).unwrap_err();
    let messages: Vec<_> = err.diagnostics().iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "Goal (goal): is 6 characters long; the limit is 5 (maxFieldChars)",
            "How many people (size): is 6 characters long; the limit is 5 (maxFieldChars)",
            "What gets in the way (why): is 6 characters long; the limit is 5 (maxFieldChars)",
        ]
    );
}

#[test]
fn dates_are_trimmed_and_kept_as_written() {
    assert_eq!(read_back("text(\"due\")", json!({"due": " 2026-06-05 "})), "2026-06-05");
    assert_eq!(read_back("days_until(\"due\")", json!({"due": "2026-06-05"})), "4");
    assert_eq!(read_back("has(\"due\")", json!({"due": "  "})), "false");
    let d = &input_error(json!({"due": 20260605}))[0];
    assert_eq!(d.message, "Needed by (due): expects a date as YYYY-MM-DD, not a number (20260605)");
    let d = &input_error(json!({"due": "2026-09-31"}))[0];
    assert_eq!(d.message, "Needed by (due): expects a date as YYYY-MM-DD, not \"2026-09-31\"");
}

#[test]
fn wrong_types_are_described_exactly() {
    let cases = [
        (json!(true), "expects text, not true/false (true)"),
        (json!({"a": 1}), "expects text, not an object"),
        (json!([]), "expects text, not a list"),
        (json!(12.5), "expects text, not a number (12.5)"),
    ];
    for (value, message) in cases {
        assert_eq!(input_error(json!({"goal": value}))[0].message, format!("Goal (goal): {message}"));
    }
    let forty = "x".repeat(40);
    assert_eq!(input_error(json!({"size": forty}))[0].message, format!("How many people (size): expects a number, not the text \"{forty}\""));
    assert_eq!(input_error(json!({"size": format!("{forty}y")}))[0].message, format!("How many people (size): expects a number, not the text \"{forty}…\""));
    assert_eq!(input_error(json!({"driver": 1}))[0].message, "Driver (driver): expects one value as text, not a number (1)");
    assert_eq!(input_error(json!("x"))[0].message, "the request must be a JSON object of field values, not text (\"x\")");
}

#[test]
fn a_dry_run_reads_every_field_as_unanswered() {
    assert_eq!(RuleSet::check(MINI, today()), []);
    let reads = "if has(\"goal\") || has(\"size\") || has(\"due\") || has(\"why\") || has(\"driver\") || has(\"mail\") { throw \"answered\"; }";
    assert_eq!(RuleSet::check(&mini_with(reads), today()), []);
}
