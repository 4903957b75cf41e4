//! Diagnostics: rule mistakes come back as data, with a kind, a plain message and the line and
//! column (1-based, in characters) of the mistake; every declaration problem is reported.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::json;
use yesif::{DiagnosticKind, RuleSet};

#[test]
fn a_parse_error_points_at_the_offending_token() {
    let source = "ruleset(\"x\", \"1\");\nfn evaluate() {\n    let total = (1 + ;\n}\n";
    let err = RuleSet::compile(source).err().unwrap();
    let d = &err.diagnostics()[0];
    assert_eq!(d.kind, DiagnosticKind::Parse);
    assert_eq!((d.line, d.column), (Some(3), Some(22)));
}

#[test]
fn columns_count_characters_not_bytes() {
    let source = "let s = \"ééé\"; let x = (;";
    let err = RuleSet::compile(source).err().unwrap();
    let d = &err.diagnostics()[0];
    assert_eq!((d.line, d.column), (Some(1), Some(25)));
}

#[test]
fn a_runtime_error_points_inside_the_function_that_failed() {
    let source = MINI.replace("fn evaluate() {", "fn helper() {\n    text(\"no_such_field\")\n}\nfn evaluate() {\n    helper();");
    let rules = RuleSet::compile(&source).unwrap();
    let err = rules.score(&json!({}), today()).unwrap_err();
    let d = &err.diagnostics()[0];
    assert_eq!(d.kind, DiagnosticKind::Runtime);
    let line = source.lines().position(|l| l.contains("no_such_field")).unwrap() as u32 + 1;
    assert_eq!((d.line, d.column), (Some(line), Some(5)));
    assert!(d.message.contains("no field 'no_such_field'"), "{}", d.message);
}

#[test]
fn every_declaration_problem_is_reported_at_once() {
    let source = r#"
field("Bad Id", "x", "text");
field("kind", "x", "colour");
field("pick", "x", "select");
force("a", "A", 0);
tier("t", "T", "m", #{ min_score: 50, colour: "red" });
fn evaluate() {}
"#;
    let err = RuleSet::compile(source).err().unwrap();
    let lines: Vec<_> = err.diagnostics().iter().map(|d| d.line).collect();
    assert!(err.diagnostics().len() >= 6, "{err}");
    for line in 2..=6 {
        assert!(lines.contains(&Some(line)), "a problem on line {line}: {err}");
    }
    let text = err.to_string();
    assert!(text.contains("'kind' has type 'colour'"), "{text}");
    assert!(text.contains("needs options"), "{text}");
    assert!(text.contains("last tier"), "{text}");
}

#[test]
fn a_rule_file_without_evaluate_is_told_so() {
    let source = "force(\"a\", \"A\", 1); tier(\"t\", \"T\", \"m\");";
    let err = RuleSet::compile(source).err().unwrap();
    assert!(err.to_string().contains("fn evaluate()"), "{err}");
}

#[test]
fn scoring_functions_at_the_top_of_the_file_are_explained() {
    let err = RuleSet::compile(&format!("{MINI}\ntext(\"goal\");")).err().unwrap();
    assert!(err.to_string().contains("belongs inside `fn evaluate()`"), "{err}");
    let rules = RuleSet::compile(&mini_with("force(\"x\", \"X\", 1);")).unwrap();
    let err = rules.score(&json!({}), today()).unwrap_err();
    assert!(err.to_string().contains("belongs at the top of the file"), "{err}");
}

#[test]
fn unknown_ids_and_bad_points_are_runtime_errors_with_advice() {
    for (statement, expected) in [
        ("strength(\"busines_alignment\", \"goal\", 1, \"x\");", "there is no force 'busines_alignment'; the forces are business_alignment, consumer_experience"),
        ("strength(\"business_alignment\", \"gaol\", 1, \"x\");", "there is no field 'gaol'"),
        ("strength(\"business_alignment\", \"goal\", 11, \"x\");", "between 0 and 10"),
        ("training_fit(\"maybe\", \"x\");", "'maybe' is not a verdict"),
        ("contains_any(\"x\", [1, 2]);", "the word list must hold only text"),
        ("let y = UNDECLARED;", "unknown name 'UNDECLARED'"),
    ] {
        let rules = RuleSet::compile(&mini_with(statement)).unwrap();
        let err = rules.score(&json!({}), today()).unwrap_err();
        assert!(err.to_string().contains(expected), "{statement}: {err}");
        assert!(err.diagnostics()[0].line.is_some(), "{statement}: positioned");
    }
}

#[test]
fn check_finds_rules_that_fail_on_an_empty_request() {
    assert!(RuleSet::check(MINI, today()).is_empty());
    let found = RuleSet::check(&mini_with("let n = 10 / number(\"size\");"), today());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, DiagnosticKind::Runtime);
}

#[test]
fn diagnostics_serialise_in_camel_case_without_empty_keys() {
    let err = RuleSet::compile("let x = (;").err().unwrap();
    let v = serde_json::to_value(&err.diagnostics()[0]).unwrap();
    assert_eq!(v, json!({"kind": "parse", "message": "unexpected ';'", "line": 1, "column": 10}));
}
