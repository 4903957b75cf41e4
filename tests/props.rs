//! Property tests: arbitrary requests and arbitrary rule sources never panic compiling or
//! scoring; they either work, with the outcome they must give, or come back as diagnostics of
//! the right kind. And a settings list, which the rule
//! set keeps and passes by handle, matches exactly as the same list written in place.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};
use yesif::{Diagnostic, DiagnosticKind, Diagnostics, Limits, Report, RuleSet};

/// An outcome as comparable data: the report's exact JSON, or the diagnostics.
fn as_text(outcome: Result<Report, Diagnostics>) -> Result<String, Vec<Diagnostic>> {
    outcome.map(|r| r.to_json()).map_err(Diagnostics::into_vec)
}

/// Arbitrary JSON, biased towards the mini rules' field names so that typed reads are hit.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
        "(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(prop_oneof![
                Just("goal".to_owned()), Just("size".to_owned()), Just("due".to_owned()),
                Just("why".to_owned()), Just("driver".to_owned()), Just("mail".to_owned()), "[a-z_]{1,8}"
            ], inner, 0..7).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The mini rules with a random edit: a span deleted, or random text inserted.
fn mutated_rules() -> impl Strategy<Value = String> {
    (0..MINI.len(), 0usize..40, ".{0,12}").prop_map(|(at, cut, insert)| {
        let mut chars: Vec<char> = MINI.chars().collect();
        let at = at.min(chars.len());
        let end = (at + cut).min(chars.len());
        chars.splice(at..end, insert.chars());
        chars.into_iter().collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn any_request_scores_or_is_refused_without_panic(request in json()) {
        let rules = mini();
        let outcome = as_text(rules.score(&request, today()));
        match &outcome {
            // The mini rules cannot fail on a request they accept: only the request is refused.
            Err(e) => prop_assert!(e.iter().all(|d| d.kind == DiagnosticKind::Input && !d.message.is_empty()), "{:?}", e),
            Ok(json) => {
                let report: Value = serde_json::from_str(json).unwrap();
                prop_assert!(report["score"].as_i64().is_some_and(|s| (0..=100).contains(&s)));
                prop_assert!(["great", "ok", "needs-info"].contains(&report["tier"]["id"].as_str().unwrap()));
            }
        }
        // The same request gives the same outcome again, and the rule set afterwards scores an
        // empty request exactly as a fresh one does: nothing of a request stays behind.
        prop_assert_eq!(as_text(rules.score(&request, today())), outcome);
        prop_assert_eq!(as_text(rules.score(&json!({}), today())), as_text(mini().score(&json!({}), today())));
    }

    #[test]
    fn any_request_text_is_handled(text in ".{0,200}") {
        let rules = mini();
        let outcome = as_text(rules.score_json(&text, today()));
        match serde_json::from_str::<Value>(&text) {
            // Text that is JSON scores exactly as the value it holds.
            Ok(value) => prop_assert_eq!(outcome, as_text(rules.score(&value, today()))),
            // Text that is not is one input diagnostic, placed in the text.
            Err(_) => {
                let e = outcome.unwrap_err();
                prop_assert_eq!(e.len(), 1);
                prop_assert!(e[0].kind == DiagnosticKind::Input && e[0].message.starts_with("the request is not valid JSON"), "{:?}", e);
                prop_assert!(e[0].line.is_some_and(|l| l >= 1 && l as usize <= text.split('\n').count()), "{:?}", e);
            }
        }
    }

    #[test]
    fn edited_rules_compile_or_give_diagnostics(source in mutated_rules(), request in json()) {
        let limits = Limits { max_operations: 20_000, ..Limits::default() };
        match RuleSet::compile_with(&source, &limits) {
            Ok(rules) => { let _ = rules.score(&request, today()); }
            Err(e) => prop_assert!(!e.diagnostics().is_empty()),
        }
        // `check` is a compile and a dry run on an empty request: the same diagnostics as those.
        let checked = RuleSet::check(&source, today());
        match RuleSet::compile(&source) {
            Ok(rules) => prop_assert_eq!(checked, rules.score(&json!({}), today()).err().map(Diagnostics::into_vec).unwrap_or_default()),
            Err(e) => prop_assert_eq!(checked, e.into_vec()),
        }
    }

    #[test]
    fn arbitrary_text_as_rules_never_panics(source in "(\\PC|[(){}\\[\\];,.#\"`$]){0,120}") {
        if let Err(e) = RuleSet::compile(&source) {
            // Every problem is the rules' own, and a position lies inside the text.
            let lines = source.split('\n').count() as u32;
            prop_assert!(e.diagnostics().iter().all(|d| d.kind != DiagnosticKind::Input && !d.message.is_empty()), "{:?}", e.diagnostics());
            prop_assert!(e.diagnostics().iter().all(|d| d.line.is_none_or(|l| (1..=lines).contains(&l)) && d.column.is_none_or(|c| c >= 1)), "{:?}", e.diagnostics());
        }
    }
}

proptest! {
    // Each case compiles two rule sets, slow in a debug build: fewer cases.
    #![proptest_config(ProptestConfig { cases: 100, .. ProptestConfig::default() })]

    #[test]
    fn a_kept_settings_list_matches_as_the_same_list_in_place(
        words in prop::collection::vec("[ ]?[a-cA-C$-]{0,3}[*]?[ ]?", 0..6),
        text in "[a-cA-C$ -]{0,24}",
    ) {
        let list = format!("[{}]", words.iter().map(|w| format!("{w:?}")).collect::<Vec<_>>().join(", "));
        let checks = |l: &str| format!("yes_if(`${{contains_any(text(\"goal\"), {l})}} ${{first_match(text(\"goal\"), {l})}} ${{count_matches(text(\"goal\"), {l})}}`);");
        let kept = mini_with_settings(&format!("const WORDS = {list};"), &checks("WORDS"));
        let in_place = mini_with(&checks(&list));
        let request = serde_json::json!({ "goal": text });
        let answer = |source: &str| RuleSet::compile(source).unwrap().score(&request, today()).map(|r| r.conditions[0].clone()).map_err(|e| e.to_string());
        prop_assert_eq!(answer(&kept), answer(&in_place));
    }
}
