//! The sandbox: every limit stops a runaway rule with a `limit` diagnostic that names the limit,
//! and the rule set keeps scoring afterwards. Nothing outside the rule API is reachable.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::json;
use yesif::{DiagnosticKind, Limits, RuleSet};

/// Scores an empty request with `statement` prepended to `evaluate()`, expects a limit, then
/// proves the same rule set still scores the next request normally.
fn assert_limit(statement: &str, limit: &str) {
    assert_limit_with(statement, limit, &Limits::default());
}

fn assert_limit_with(statement: &str, limit: &str, limits: &Limits) {
    let source = mini_with(&format!("if number(\"size\") == 0 {{ {statement} }}"));
    let rules = RuleSet::compile_with(&source, limits).unwrap();
    let err = rules.score(&json!({}), today()).expect_err("the limit stops the rule");
    let d = &err.diagnostics()[0];
    assert_eq!(d.kind, DiagnosticKind::Limit, "{d}");
    assert_eq!(d.limit.as_deref(), Some(limit), "{d}");
    assert!(d.message.contains(limit), "the message names the limit: {}", d.message);
    assert!(d.line.is_some(), "the diagnostic has a line: {d}");
    // The next request does not take the failing path and scores as usual.
    let report = rules.score(&json!({"size": 30, "goal": "Cut errors"}), today()).expect("the rule set still works");
    assert_eq!(report.tier.id, "ok");
}

#[test]
fn an_endless_loop_hits_max_operations() {
    assert_limit("loop {}", "maxOperations");
}

#[test]
fn runaway_recursion_hits_max_call_depth() {
    let source = mini_with("if number(\"size\") == 0 { down(1); }") + "\nfn down(n) { down(n + 1) }";
    let rules = RuleSet::compile(&source).unwrap();
    let err = rules.score(&json!({}), today()).unwrap_err();
    assert_eq!(err.diagnostics()[0].limit.as_deref(), Some("maxCallDepth"));
    assert!(rules.score(&json!({"size": 30}), today()).is_ok());
}

#[test]
fn a_string_that_doubles_forever_hits_max_string_size() {
    assert_limit("let s = \"ab\"; loop { s += s; }", "maxStringSize");
}

#[test]
fn an_array_that_grows_forever_hits_max_array_size() {
    assert_limit("let a = [1]; loop { a += a; }", "maxArraySize");
}

#[test]
fn a_map_that_grows_forever_hits_max_map_size() {
    // A map grows one key at a time, so a small map limit is reached before the operation limit.
    // (Rhai checks the size when maps are combined, not on `m[key] = …`; a loop of those is
    // still stopped by maxOperations.)
    let limits = Limits { max_map_size: 100, ..Limits::default() };
    assert_limit_with("let m = #{}; let i = 0; loop { let n = #{}; n[`k${i}`] = i; m.mixin(n); i += 1; }", "maxMapSize", &limits);
}

#[test]
fn deeply_nested_expressions_hit_max_expr_depth() {
    let deep = format!("let x = {}1{};", "(".repeat(200), ")".repeat(200));
    let err = RuleSet::compile(&mini_with(&deep)).expect_err("too deep to compile");
    let d = &err.diagnostics()[0];
    assert_eq!((d.kind, d.limit.as_deref()), (DiagnosticKind::Limit, Some("maxExprDepth")));
    assert!(d.line.is_some(), "the diagnostic points at the expression");
}

#[test]
fn limits_are_configurable_and_apply_to_compiling_too() {
    let tight = Limits { max_operations: 50, ..Limits::default() };
    let err = RuleSet::compile_with(&MINI.replace("ruleset(", "let i = 0; while i < 100 { i += 1; }\nruleset("), &tight).expect_err("the loop runs out of operations");
    assert_eq!(err.diagnostics()[0].limit.as_deref(), Some("maxOperations"));
}

#[test]
fn limits_reject_unknown_options_by_name() {
    let err = serde_json::from_value::<Limits>(json!({"maxOperation": 5})).unwrap_err();
    assert!(err.to_string().contains("maxOperation"), "{err}");
    let ok: Limits = serde_json::from_value(json!({"maxOperations": 5})).unwrap();
    assert_eq!((ok.max_operations, ok.max_call_depth), (5, Limits::default().max_call_depth));
}

#[test]
fn eval_is_not_available() {
    let err = RuleSet::compile(&mini_with("eval(\"1\");")).expect_err("eval is refused");
    assert_eq!(err.diagnostics()[0].kind, DiagnosticKind::Parse);
}

#[test]
fn modules_cannot_be_imported() {
    let err = RuleSet::compile(&format!("import \"secrets\" as s;\n{MINI}")).expect_err("import is refused");
    assert_eq!(err.diagnostics()[0].kind, DiagnosticKind::Parse);
}

#[test]
fn there_is_no_clock_and_no_randomness() {
    for call in ["timestamp()", "rand()", "random()", "now()"] {
        let rules = RuleSet::compile(&mini_with(&format!("let t = {call};"))).unwrap();
        let err = rules.score(&json!({}), today()).expect_err(call);
        assert_eq!(err.diagnostics()[0].kind, DiagnosticKind::Runtime, "{call}");
    }
}

#[test]
fn print_and_debug_are_harmless() {
    let rules = RuleSet::compile(&mini_with("print(\"hello\"); debug(42);")).unwrap();
    assert!(rules.score(&json!({}), today()).is_ok());
}

#[test]
fn a_runtime_error_leaves_the_rule_set_working() {
    let rules = RuleSet::compile(&mini_with("if has(\"mail\") { let x = 1 / 0; }")).unwrap();
    assert!(rules.score(&json!({"mail": "a@b.c"}), today()).is_err());
    let report = rules.score(&json!({"goal": "Reduce churn", "why": ["knowledge"], "size": 30}), today()).unwrap();
    assert_eq!(report.tier.id, "great");
    // Nothing from the failed run leaks into the next one.
    assert_eq!(report.findings.len(), 3);
}
