//! Property tests: arbitrary requests and arbitrary rule sources never panic compiling or
//! scoring; they either work or come back as diagnostics. And a settings list, which the rule
//! set keeps and passes by handle, matches exactly as the same list written in place.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use proptest::prelude::*;
use serde_json::Value;
use yesif::{Limits, RuleSet};

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
        let _ = rules.score(&request, today());
        // And the rule set still works afterwards.
        let still_works = rules.score(&serde_json::Value::Object(Default::default()), today()).is_ok();
        prop_assert!(still_works);
    }

    #[test]
    fn any_request_text_is_handled(text in ".{0,200}") {
        let _ = mini().score_json(&text, today());
    }

    #[test]
    fn edited_rules_compile_or_give_diagnostics(source in mutated_rules(), request in json()) {
        let limits = Limits { max_operations: 20_000, ..Limits::default() };
        match RuleSet::compile_with(&source, &limits) {
            Ok(rules) => { let _ = rules.score(&request, today()); }
            Err(e) => prop_assert!(!e.diagnostics().is_empty()),
        }
        let _ = RuleSet::check(&source, today());
    }

    #[test]
    fn arbitrary_text_as_rules_never_panics(source in "(\\PC|[(){}\\[\\];,.#\"`$]){0,120}") {
        let _ = RuleSet::compile(&source);
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
