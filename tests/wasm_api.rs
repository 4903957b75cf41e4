//! The JavaScript API in a real browser: what `RuleSet` returns, what it throws, and that no
//! failure leaves the module unusable.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test wasm_api` (ChromeDriver from
//! `CHROMEDRIVER`, see `.cargo/config.toml`); `make test` does. Natively this file is empty.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use yesif::wasm::{JsRuleSet, StringArg};

wasm_bindgen_test_configure!(run_in_browser);

const DEFAULT_RULES: &str = include_str!("../rules/ld-intake.rhai");

/// Small rules that fail on demand: `boom` throws, `spin` loops until a limit stops it.
const TRAPS: &str = r#"
ruleset("Traps", "1");
field("goal", "Goal", "text");
field("boom", "Boom", "text");
field("spin", "Spin", "text");
field("size", "Size", "number");
force("business_alignment", "Business alignment", 10);
tier("ok", "OK", "Fine.", #{ min_score: 50 });
tier("more", "More", "Tell us more.");

fn evaluate() {
    if has("boom") { throw "boom was answered"; }
    if has("spin") { let n = 0; loop { n += 1; } }
    if has("goal") { strength("business_alignment", "goal", 10, "The goal is stated"); }
    else { gap("business_alignment", "goal", "No goal.", "What business outcome are you trying to achieve?"); }
}
"#;

/// A string argument, as JavaScript passes one.
fn text(s: &str) -> StringArg {
    JsValue::from_str(s).unchecked_into()
}

fn js(v: Value) -> JsValue {
    JSON::parse(&v.to_string()).expect("valid JSON")
}

fn rust(v: &JsValue) -> Value {
    let text = JSON::stringify(v).expect("stringifies").as_string().expect("a string");
    serde_json::from_str(&text).expect("JSON")
}

fn score(rules: &JsRuleSet, request: Value, today: &str) -> Value {
    let options = js(json!({ "today": today }));
    rust(&rules.score(js(request).unchecked_into(), Some(options.unchecked_into())).expect("score does not throw"))
}

/// The message of a thrown `TypeError` (and a failure if it is any other value).
fn type_error_message(e: &JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::TypeError>(), "a TypeError, not {e:?}");
    error_message(e)
}

fn error_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).expect("a JS Error")
}

#[wasm_bindgen_test]
fn a_failing_rule_a_bad_request_and_a_limit_leave_the_rule_set_and_the_module_usable() {
    let rules = JsRuleSet::new(text(TRAPS), None).expect("compiles");
    let good = score(&rules, json!({"goal": "Cut returns by 10%"}), "2026-06-01");
    assert_eq!(good["type"], "success");
    assert_eq!(good["report"]["tier"]["id"], "ok");

    let thrown = score(&rules, json!({"boom": "yes"}), "2026-06-01");
    assert_eq!(thrown["type"], "failure");
    assert_eq!(thrown["diagnostics"][0]["kind"], "runtime");
    assert_eq!(thrown["diagnostics"][0]["message"], "boom was answered");

    let bad = score(&rules, json!({"size": "lots", "goal": 3}), "2026-06-01");
    assert_eq!(bad["type"], "failure");
    let fields: Vec<&str> = bad["diagnostics"].as_array().unwrap().iter().map(|d| d["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["goal", "size"], "every bad field is reported, in declaration order");

    let spun = score(&rules, json!({"spin": "yes"}), "2026-06-01");
    assert_eq!(spun["diagnostics"][0]["kind"], "limit");
    assert_eq!(spun["diagnostics"][0]["limit"], "maxOperations");

    // A request that is not an object is misuse: a TypeError, and the rule set goes on.
    let e = rules.score(JsValue::from_f64(3.0).unchecked_into(), None).err().expect("throws");
    assert_eq!(type_error_message(&e), "score: the request must be an object of field values, not a number");

    // A rule set whose rules do not compile, made in between, changes nothing either.
    assert!(JsRuleSet::new(text("fn evaluate( {"), None).is_err());

    assert_eq!(score(&rules, json!({"goal": "Cut returns by 10%"}), "2026-06-01"), good, "the same rule set");
    let fresh = JsRuleSet::new(text(TRAPS), None).expect("compiles again");
    assert_eq!(score(&fresh, json!({"goal": "Cut returns by 10%"}), "2026-06-01"), good, "a new rule set");
    let default = JsRuleSet::new(text(DEFAULT_RULES), None).expect("the default rules compile");
    assert_eq!(score(&default, json!({}), "2026-06-01")["type"], "success");
}

#[wasm_bindgen_test]
fn rules_that_do_not_compile_throw_an_error_carrying_every_diagnostic() {
    let source = "ruleset(\"x\", \"1\");\nfn evaluate() {\n  let x = ;\n}";
    let e = JsRuleSet::new(text(source), None).err().expect("throws");
    let diagnostics = rust(&Reflect::get(&e, &"diagnostics".into()).unwrap());
    assert_eq!(diagnostics[0]["kind"], "parse");
    assert_eq!((diagnostics[0]["line"].as_u64(), diagnostics[0]["column"].as_u64()), (Some(3), Some(11)));
    assert_eq!(error_message(&e), diagnostics[0]["message"].as_str().unwrap());

    // Declaration problems are all reported, not only the first.
    let e = JsRuleSet::new(text("ruleset(\"x\", \"1\");"), None).err().expect("throws");
    let diagnostics = rust(&Reflect::get(&e, &"diagnostics".into()).unwrap());
    assert!(diagnostics.as_array().unwrap().len() >= 3, "no force, no tier, no evaluate: {diagnostics}");
}

#[wasm_bindgen_test]
fn check_returns_diagnostics_as_data_and_never_throws() {
    assert_eq!(rust(&JsRuleSet::check(text(DEFAULT_RULES), None).unwrap()), json!({"type": "success"}));
    let found = rust(&JsRuleSet::check(text("fn evaluate() { let x = ; }"), None).unwrap());
    assert_eq!(found["type"], "failure");
    assert_eq!(found["diagnostics"][0]["kind"], "parse");
    // A rule that only fails on an empty request is caught by the dry run.
    let dry = "ruleset(\"x\",\"1\"); field(\"g\",\"G\",\"text\"); force(\"f\",\"F\",1); tier(\"t\",\"T\",\"m\");\nfn evaluate() { if !has(\"g\") { throw \"empty\"; } }";
    let found = rust(&JsRuleSet::check(text(dry), Some(text("2026-06-01"))).unwrap());
    assert_eq!(found["diagnostics"][0]["message"], "empty");
    let found = rust(&JsRuleSet::check(text(DEFAULT_RULES), Some(text("June"))).unwrap());
    assert_eq!(found["diagnostics"][0]["field"], "today");
}

#[wasm_bindgen_test]
fn limits_are_options_and_unknown_or_mistyped_options_throw() {
    let tight = js(json!({"maxOperations": 50}));
    let rules = JsRuleSet::new(text(TRAPS), Some(tight.unchecked_into())).expect("compiles under 50 operations");
    let out = score(&rules, json!({"goal": "x"}), "2026-06-01");
    assert_eq!(out["type"], "success", "{out}");
    let out = score(&rules, json!({"spin": "x"}), "2026-06-01");
    assert!(out["diagnostics"][0]["message"].as_str().unwrap().contains("50 operations"), "{out}");

    let e = JsRuleSet::new(text(TRAPS), Some(js(json!({"maxOperation": 50})).unchecked_into())).err().expect("typo throws");
    assert!(error_message(&e).contains("maxOperation"), "{}", error_message(&e));
    assert!(Reflect::get(&e, &"diagnostics".into()).unwrap().is_undefined(), "misuse is not a diagnostic");
    let e = JsRuleSet::new(text(TRAPS), Some(js(json!({"maxOperations": "many"})).unchecked_into())).err().expect("throws");
    assert!(error_message(&e).contains("invalid options"));

    let rules = JsRuleSet::new(text(TRAPS), None).unwrap();
    let e = rules.score(js(json!({})).unchecked_into(), Some(js(json!({"tody": "2026-06-01"})).unchecked_into()));
    assert!(error_message(&e.err().expect("unknown score option throws")).contains("tody"));
}

#[wasm_bindgen_test]
fn a_limit_of_0_or_past_its_maximum_throws_a_range_error() {
    for (options, message) in [
        (json!({"maxOperations": 0}), "invalid options: maxOperations must be a whole number from 1 to 10000000, not 0"),
        (json!({"maxCallDepth": 65}), "invalid options: maxCallDepth must be a whole number from 1 to 64, not 65"),
        (json!({"maxStringSize": 0}), "invalid options: maxStringSize must be a whole number from 1 to 1048576, not 0"),
    ] {
        let e = JsRuleSet::new(text(TRAPS), Some(js(options).unchecked_into())).err().expect("throws");
        assert!(e.is_instance_of::<js_sys::RangeError>(), "a RangeError, not {e:?}");
        assert_eq!(error_message(&e), message);
    }
    // At the maxima the rules compile.
    assert!(JsRuleSet::new(text(TRAPS), Some(js(json!({"maxOperations": 10_000_000, "maxCallDepth": 64})).unchecked_into())).is_ok());
}

#[wasm_bindgen_test]
fn today_defaults_to_the_browsers_local_date_and_a_bad_one_is_an_input_diagnostic() {
    let rules = JsRuleSet::new(text(TRAPS), None).unwrap();
    let now = js_sys::Date::new_0();
    let local = format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date());
    let out = rust(&rules.score(js(json!({})).unchecked_into(), None).unwrap());
    assert_eq!(out["report"]["today"], local.as_str());
    let out = rust(&rules.score(js(json!({})).unchecked_into(), Some(js(json!({})).unchecked_into())).unwrap());
    assert_eq!(out["report"]["today"], local.as_str());

    let out = score(&rules, json!({}), "2026-02-30");
    assert_eq!(out["type"], "failure");
    assert_eq!(out["diagnostics"][0]["kind"], "input");
    assert_eq!(out["diagnostics"][0]["field"], "today");
}

#[wasm_bindgen_test]
fn the_report_and_its_tier_are_plain_objects_not_maps() {
    let rules = JsRuleSet::new(text(DEFAULT_RULES), None).unwrap();
    let result = rules.score(js(json!({})).unchecked_into(), None).unwrap();
    let report = Reflect::get(&result, &"report".into()).unwrap();
    assert!(report.is_object() && !report.is_instance_of::<js_sys::Map>());
    let tier = Reflect::get(&report, &"tier".into()).unwrap();
    assert!(!tier.is_instance_of::<js_sys::Map>());
    assert!(Reflect::get(&report, &"score".into()).unwrap().as_f64().is_some(), "the score is a number");
    let findings = Reflect::get(&report, &"findings".into()).unwrap();
    assert!(js_sys::Array::is_array(&findings));
}

#[wasm_bindgen_test]
fn fields_info_version_and_api_describe_the_rules_and_the_engine() {
    let rules = JsRuleSet::new(text(TRAPS), None).unwrap();
    let fields = rust(&rules.fields().unwrap());
    assert_eq!(fields[0], json!({"id": "goal", "label": "Goal", "type": "text", "required": false, "followup": false, "options": []}));
    let info = rust(&rules.info().unwrap());
    assert_eq!((info["name"].as_str(), info["version"].as_str()), (Some("Traps"), Some("1")));
    assert_eq!(info["hash"].as_str().unwrap().len(), 64);
    assert_eq!(JsRuleSet::version(), env!("CARGO_PKG_VERSION"));
    let api = rust(&JsRuleSet::api().unwrap());
    let names: Vec<&str> = api.as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"gap") && names.contains(&"yes_if"), "{names:?}");
    assert!(api.as_array().unwrap().iter().all(|f| f["signature"].is_string() && f["doc"].is_string() && f["phase"].is_string()));
}

#[wasm_bindgen_test]
fn run_cases_with_cases_that_are_not_cases_throws() {
    let rules = JsRuleSet::new(text(TRAPS), None).unwrap();
    assert!(rules.run_cases(JsValue::from_str("not json").unchecked_into()).is_err());
    assert!(rules.run_cases(js(json!([{"name": "x"}])).unchecked_into()).is_err());
    let ok = rules
        .run_cases(js(json!([{"name": "goal", "today": "2026-06-01", "request": {"goal": "x"}, "expect": {"tier": "more"}}])).unchecked_into())
        .unwrap();
    let ok = rust(&ok);
    assert_eq!(ok[0]["passed"], false);
    assert_eq!(ok[0]["mismatches"][0], json!({"what": "tier", "expected": "more", "actual": "ok"}));
    assert_eq!(ok[0]["report"]["tier"]["id"], "ok");
}

#[wasm_bindgen_test]
fn arguments_of_the_wrong_type_throw_a_type_error_before_rust_reads_them_and_the_module_goes_on() {
    let num = || JsValue::from_f64(42.0);
    let obj = || js(json!({}));
    let e = JsRuleSet::new(num().unchecked_into(), None).err().expect("new RuleSet(42) throws");
    assert_eq!(type_error_message(&e), "new RuleSet: the rules source must be a string, not a number");
    let e = JsRuleSet::new(obj().unchecked_into(), None).err().expect("new RuleSet({}) throws");
    assert_eq!(type_error_message(&e), "new RuleSet: the rules source must be a string, not an object");
    let e = JsRuleSet::new(JsValue::UNDEFINED.unchecked_into(), None).err().expect("new RuleSet() throws");
    assert_eq!(type_error_message(&e), "new RuleSet: the rules source must be a string, not undefined");
    let e = JsRuleSet::new(text(TRAPS), Some(num().unchecked_into())).err().expect("options 42 throws");
    assert!(type_error_message(&e).starts_with("invalid options: "), "{}", error_message(&e));

    let e = JsRuleSet::check(num().unchecked_into(), None).err().expect("check(42) throws");
    assert_eq!(type_error_message(&e), "RuleSet.check: the rules source must be a string, not a number");
    let e = JsRuleSet::check(obj().unchecked_into(), None).err().expect("check({}) throws");
    assert_eq!(type_error_message(&e), "RuleSet.check: the rules source must be a string, not an object");
    let e = JsRuleSet::check(text(TRAPS), Some(num().unchecked_into())).err().expect("check(src, 42) throws");
    assert_eq!(type_error_message(&e), "RuleSet.check: today must be a string, not a number");

    let rules = JsRuleSet::new(text(TRAPS), None).unwrap();
    for (request, kind) in [(num(), "a number"), (JsValue::NULL, "null"), (JsValue::UNDEFINED, "undefined"), (js(json!([1])), "an array"), (JsValue::from_str("{}"), "a string")] {
        let e = rules.score(request.unchecked_into(), None).err().expect("throws");
        assert_eq!(type_error_message(&e), format!("score: the request must be an object of field values, not {kind}"));
    }
    let e = rules.score(obj().unchecked_into(), Some(num().unchecked_into())).err().expect("score({}, 42) throws");
    assert!(type_error_message(&e).starts_with("invalid score options: "));
    let e = rules.run_cases(num().unchecked_into()).err().expect("runCases(42) throws");
    type_error_message(&e);
    let e = rules.run_cases(obj().unchecked_into()).err().expect("runCases({}) throws");
    type_error_message(&e);

    // Nothing above reached Rust as a string: the module and the rule set work as before.
    assert_eq!(score(&rules, json!({"goal": "Cut returns by 10%"}), "2026-06-01")["report"]["tier"]["id"], "ok");
    assert_eq!(rust(&JsRuleSet::check(text(DEFAULT_RULES), None).unwrap()), json!({"type": "success"}));
}

#[wasm_bindgen_test]
fn asked_is_a_score_option_an_array_of_field_ids_and_anything_else_throws() {
    let rules = JsRuleSet::new(text(TRAPS), None).unwrap();
    let scored = |options: Value| rules.score(js(json!({})).unchecked_into(), Some(js(options).unchecked_into()));
    let out = rust(&scored(json!({"today": "2026-06-01", "asked": ["size"]})).unwrap());
    assert_eq!(out["report"]["questions"], json!([]));
    assert_eq!(out["report"]["followups"], json!(["What business outcome are you trying to achieve?"]));
    assert_eq!(out["report"]["findings"][0]["asked"], false);
    let out = rust(&scored(json!({"today": "2026-06-01", "asked": ["gaol"]})).unwrap());
    assert_eq!(out["type"], "failure");
    assert_eq!(out["diagnostics"][0]["field"], "asked");
    assert_eq!(out["diagnostics"][0]["message"], "asked: the rules declare no field 'gaol'; did you mean 'goal'?");
    for bad in [json!("goal,size"), json!([1, 2]), json!({"goal": true})] {
        let e = scored(json!({"asked": bad})).err().unwrap_or_else(|| panic!("asked: {bad} throws"));
        assert!(type_error_message(&e).contains("invalid score options"), "{}", error_message(&e));
    }
    assert_eq!(rust(&rules.score(js(json!({})).unchecked_into(), None).unwrap())["report"]["followups"], json!([]));
}
