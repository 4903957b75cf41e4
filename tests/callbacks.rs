//! Functions a rule hands to `sort`, `dedup`, `map`, `filter`, … count against the same run's
//! operations: a callback that never ends stops the run with a `limit` diagnostic, however many
//! times it is called and however deeply callbacks nest. And no comparer can crash the engine.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::json;
use yesif::{Diagnostic, DiagnosticKind, RuleSet, CALLBACK_FUNCTIONS};

/// A rule set with one force and one tier whose `evaluate()` is `body`, plus `functions`.
fn rules(body: &str, functions: &str) -> RuleSet {
    RuleSet::compile(&format!(
        "ruleset(\"Hostile\", \"1\");\nforce(\"f\", \"F\", 10);\ntier(\"t\", \"T\", \"m\");\nfn evaluate() {{\n{body}\n}}\n{functions}"
    ))
    .unwrap_or_else(|e| panic!("the rules compile: {e}"))
}

/// Scores an empty request and returns its only diagnostic.
fn only_diagnostic(rules: &RuleSet) -> Diagnostic {
    let err = rules.score(&json!({}), today()).expect_err("the run is stopped");
    assert_eq!(err.diagnostics().len(), 1, "{err}");
    err.diagnostics()[0].clone()
}

fn assert_operations_limit(d: &Diagnostic) {
    assert_eq!((d.kind, d.limit.as_deref()), (DiagnosticKind::Limit, Some("maxOperations")), "{d}");
    assert!(d.line.is_some(), "the diagnostic has a line: {d}");
}

#[test]
fn an_endless_dedup_comparer_stops_the_run_with_a_limit() {
    // The repro: each call used to start with a fresh budget, and its error was dropped.
    let rules = rules("let a = [];\na.pad(9999, 0);\na.dedup(|x, y| { loop {} });", "");
    let d = only_diagnostic(&rules);
    assert_operations_limit(&d);
    assert_eq!(d.line, Some(7), "{d}");
}

#[test]
fn nested_endless_dedup_comparers_stop_the_run_with_a_limit() {
    // The second repro, which ran for minutes: two levels of callbacks.
    let rules = rules(
        "let a = []; a.pad(9999, 0); a.dedup(Fn(\"outer\"));",
        "fn spin(x, y) { loop {} }\nfn outer(x, y) { let b = []; b.pad(9999, 0); b.dedup(Fn(\"spin\")); false }",
    );
    assert_operations_limit(&only_diagnostic(&rules));
}

#[test]
fn every_callback_function_counts_its_callbacks_against_the_run() {
    for call in CALLBACK_FUNCTIONS {
        eprintln!("{call}");
        let (on, rest) = call.split_once('.').unwrap();
        let setup = match on {
            "array" => "let v = []; v.pad(50, 1);",
            _ => "let v = #{}; for i in 0..50 { v[`k${i}`] = i; }",
        };
        // Each callback spends 5,000 operations and ends: 50 calls overrun 100,000 only if the
        // calls' operations are added up.
        let call = rest.replace("(f", "(Fn(\"spend\")").replace("start", "0").replace("initial", "0");
        // What makes the function go on to the next item.
        let go_on = match rest.split('(').next() {
            Some("all") => "true",
            Some("find_map") => "()",
            _ => "false",
        };
        let spend = format!("fn spend(a) {{ spend(a, 0) }}\nfn spend(a, b) {{ spend(a, b, 0) }}\nfn spend(a, b, c) {{ let i = 0; while i < 1000 {{ i += 1; }} {go_on} }}");
        let rules = rules(&format!("{setup}\nv.{call};"), &spend);
        let d = only_diagnostic(&rules);
        assert_eq!(d.limit.as_deref(), Some("maxOperations"), "{call}: {d}");
        assert!(d.line.is_some(), "{call}: {d}");
    }
}

#[test]
fn an_inconsistent_sort_comparer_is_a_runtime_error_at_its_line() {
    // The repro, which panicked natively and trapped the WebAssembly module.
    let rules = rules(
        "let a = [];\na.pad(21, 0);\na = a.map(|x, i| (i * 7919) % 22);\na.sort(|x, y| if (x + y) % 3 == 0 { 1 } else { -1 });",
        "",
    );
    let d = only_diagnostic(&rules);
    assert_eq!((d.kind, d.line), (DiagnosticKind::Runtime, Some(8)), "{d}");
    assert!(d.message.starts_with("sort(): the function contradicts itself"), "{d}");
}

#[test]
fn sorting_with_a_comparer_gives_the_same_order_as_before() {
    let rules = rules(
        "let a = [5, 3, 9, 1, 3, 7];\nlet b = a.order(|x, y| x - y);\na.sort(|x, y| x > y);\nlet words = [\"pear\", \"fig\", \"apple\"];\nwords.sort_by(|x, y| x.len() - y.len());\nyes_if(`${a} ${b} ${words} ${[3.5, 1.0, -2.0].order()} ${[\"b\", \"a\"].order_desc()}`);",
        "",
    );
    let report = rules.score(&json!({}), today()).unwrap();
    assert_eq!(report.conditions, ["Yes, if [9, 7, 5, 3, 3, 1] [1, 3, 3, 5, 7, 9] [\"fig\", \"pear\", \"apple\"] [-2.0, 1.0, 3.5] [\"b\", \"a\"]."]);
}

#[test]
fn dedup_keeps_its_meaning() {
    let rules = rules("let a = [1, 1, 2, 2, 2, 3, 1, 1];\nlet b = a;\na.dedup();\nlet c = [\"x\", \"x\", 1.5, 1.5, 1, [1], [1], (), (), 'c', 'c', true, true, #{a: 1}, #{a: 1}];\nc.dedup();\nyes_if(`${c}`);\nb.dedup(|x, y| y - x <= 1);\nyes_if(`${a} ${b}`);", "");
    let report = rules.score(&json!({}), today()).unwrap();
    // `b`: each item is compared with the last one kept, as Rhai's `dedup` does.
    assert_eq!(report.conditions, ["Yes, if [\"x\", 1.5, 1, [1], (), c, true, #{\"a\": 1}].", "Yes, if [1, 2, 3, 1] [1, 3]."]);
}

#[test]
fn sorting_numbers_with_nan_does_not_crash() {
    let rules = rules("let a = [];\nfor i in 0..200 { a.push(if i % 3 == 0 { 0.0 / 0.0 } else { (i * 7919 % 200).to_float() }); }\na.sort();\nyes_if(`${a[0]} ${a[199]}`);", "");
    let report = rules.score(&json!({}), today()).unwrap();
    assert_eq!(report.conditions, ["Yes, if 1.0 NaN."]);
}

#[test]
fn a_comparer_that_returns_text_is_a_runtime_error() {
    let d = only_diagnostic(&rules("let a = [2, 1];\na.sort(|x, y| \"less\");", ""));
    assert_eq!((d.kind, d.line), (DiagnosticKind::Runtime, Some(6)), "{d}");
    assert!(d.message.contains("must return a number"), "{d}");
}

#[test]
fn catching_a_limit_inside_a_callback_does_not_save_the_run() {
    // Rhai's `all` wraps its callback's error, which `try` could catch; the run is over anyway.
    let rules = rules("let v = [1, 2];\ntry { v.all(|x| { loop {} }); } catch {}", "");
    let d = only_diagnostic(&rules);
    assert_operations_limit(&d);
    // At the opening of `evaluate()`'s body, as where the loop was is lost.
    assert_eq!((d.line, d.column), (Some(4), Some(15)), "{d}");
}

#[test]
fn each_callback_costs_more_than_one_operation() {
    // Calling back into a rule costs about 500 operations' time; the engine charges about 20.
    // 5,000 callbacks take some 15,000 of Rhai's operations but are charged over 100,000.
    let five_thousand = rules("let a = [];\na.pad(5000, 0);\na.map(|x| x);", "");
    assert_operations_limit(&only_diagnostic(&five_thousand));
    let one_thousand = rules("let a = [];\na.pad(1000, 0);\na.map(|x| x);", "");
    assert!(one_thousand.score(&json!({}), today()).is_ok());
}

#[test]
fn sort_without_a_comparer_orders_every_kind_of_value() {
    let rules = rules(
        "yes_if(`${[2.5, -1.0, 2.0].order()} ${[\"pear\", \"fig\", \"apple\"].order()} ${['c', 'a', 'b'].order()} ${[true, false, true].order()} ${[3, 1, 2].order_desc()} ${[(), ()].order()}`);",
        "",
    );
    let report = rules.score(&json!({}), today()).unwrap();
    assert_eq!(report.conditions, ["Yes, if [-1.0, 2.0, 2.5] [\"apple\", \"fig\", \"pear\"] [a, b, c] [false, true, true] [3, 2, 1] [(), ()]."]);
}

#[test]
fn a_comparer_that_always_puts_the_first_one_first_contradicts_itself() {
    let d = only_diagnostic(&rules("let a = [1, 2, 3];\na.sort(|x, y| -1);", ""));
    assert_eq!(d.kind, DiagnosticKind::Runtime, "{d}");
    assert!(d.message.contains("contradicts itself about "), "{d}");
    assert_eq!(d.message.split(" about ").nth(1).and_then(|s| s.split(':').next()), Some("3 and 2"), "it names the two values: {d}");
}

#[test]
fn dedup_keeps_values_that_cannot_be_compared() {
    let report = rules("let a = [Fn(\"f\"), Fn(\"f\")];\na.dedup();\nyes_if(`${a.len()}`);", "fn f() {}").score(&json!({}), today()).unwrap();
    assert_eq!(report.conditions, ["Yes, if 2."]);
}
