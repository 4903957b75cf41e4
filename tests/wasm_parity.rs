//! Parity: the WebAssembly module gives every rule case exactly the bytes the native engine does.
//!
//! The suite has two halves that run in order (`make test` does both):
//!
//! 1. natively, `cargo test --test wasm_parity` scores every case of every `rules/*.rhai` that
//!    has a `*.cases.json` beside it, and writes the native results, as the exact JSON text
//!    `Report::to_json` gives, to `target/parity/golden.json`;
//! 2. in headless Chromium, `cargo test --target wasm32-unknown-unknown --test wasm_parity`
//!    (which embeds that file) compiles the same sources through the JavaScript API, scores the
//!    same requests, and compares `JSON.stringify` of each result with the native text, byte for
//!    byte; it also runs the cases with `runCases` and compares the verdicts.
//!
//! The golden file is generated, not checked in, so a change to the rules never leaves it stale;
//! it records the sources it was made from, so both halves always score the same rules.

use serde::{Deserialize, Serialize};

/// One rule file and the native outcome of each of its cases.
#[derive(Serialize, Deserialize)]
struct GoldenFile {
    file: String,
    source: String,
    /// The compile diagnostics as JSON, when the rules do not compile natively.
    compile_error: Option<String>,
    cases: Vec<GoldenCase>,
}

#[derive(Serialize, Deserialize)]
struct GoldenCase {
    name: String,
    today: String,
    /// The fields the case's form asks, if it says (`asked` in the cases file).
    #[serde(default)]
    asked: Option<Vec<String>>,
    /// The request exactly as the cases file gives it, as JSON text.
    request: String,
    /// `{"type":"success","report":…}` or `{"type":"failure","diagnostics":[…]}`, as JSON text.
    expected: String,
    /// The whole case, expectations included, as JSON text.
    case: String,
    /// The verdict of `Case::run`, and its mismatches as JSON text.
    passed: bool,
    mismatches: String,
}

#[cfg(not(target_arch = "wasm32"))]
const GOLDEN_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/parity/golden.json");

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn native_results_of_every_rule_case_are_written_for_the_browser_half() {
    use yesif::{cases, Date, RuleSet, ScoreOptions};

    let root = env!("CARGO_MANIFEST_DIR");
    let mut rule_files: Vec<_> = std::fs::read_dir(format!("{root}/rules"))
        .expect("the rules folder")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rhai"))
        .collect();
    rule_files.sort();

    let mut golden = Vec::new();
    for path in rule_files {
        let path = path.to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(cases::cases_path(&path)) else { continue };
        let source = std::fs::read_to_string(&path).expect("a readable rule file");
        let file = path.rsplit('/').next().unwrap_or(&path).to_owned();
        let list = cases::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let rules = match RuleSet::compile(&source) {
            Ok(rules) => rules,
            Err(e) => {
                let compile_error = Some(serde_json::to_string(e.diagnostics()).expect("diagnostics serialise"));
                golden.push(GoldenFile { file, source, compile_error, cases: Vec::new() });
                continue;
            }
        };
        let cases = list
            .iter()
            .map(|case| {
                let expected = match Date::parse(&case.today).map(|today| rules.score_with(&case.request, &ScoreOptions { today, asked: case.asked.clone() })) {
                    Some(Ok(report)) => format!(r#"{{"type":"success","report":{}}}"#, report.to_json()),
                    Some(Err(e)) => format!(
                        r#"{{"type":"failure","diagnostics":{}}}"#,
                        serde_json::to_string(e.diagnostics()).expect("diagnostics serialise")
                    ),
                    None => panic!("{file}: case {:?} has a bad date {:?}", case.name, case.today),
                };
                let outcome = case.run(&rules);
                GoldenCase {
                    name: case.name.clone(),
                    today: case.today.clone(),
                    asked: case.asked.clone(),
                    request: case.request.to_string(),
                    expected,
                    case: serde_json::to_string(case).expect("a case serialises"),
                    passed: outcome.passed(),
                    mismatches: serde_json::to_string(&outcome.mismatches).expect("mismatches serialise"),
                }
            })
            .collect();
        golden.push(GoldenFile { file, source, compile_error: None, cases });
    }
    assert!(golden.iter().any(|f| !f.cases.is_empty()), "no rule file under rules/ has cases");

    let text = serde_json::to_string_pretty(&golden).expect("the golden file serialises");
    std::fs::create_dir_all(format!("{root}/target/parity")).expect("target/parity");
    // Write only on change, so the browser half is not rebuilt for nothing.
    if std::fs::read_to_string(GOLDEN_PATH).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(GOLDEN_PATH, text).expect("write target/parity/golden.json");
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use js_sys::JSON;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::*;
    use yesif::wasm::JsRuleSet;

    wasm_bindgen_test_configure!(run_in_browser);

    // Missing? Run the native half first: `cargo test --test wasm_parity`.
    const GOLDEN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/target/parity/golden.json"));

    fn js(text: &str) -> JsValue {
        JSON::parse(text).expect("valid JSON")
    }

    fn text(value: &JsValue) -> String {
        JSON::stringify(value).expect("stringifies").as_string().expect("a string")
    }

    #[wasm_bindgen_test]
    fn every_rule_case_scores_byte_for_byte_as_natively() {
        let golden: Vec<GoldenFile> = serde_json::from_str(GOLDEN).expect("the golden file");
        let mut compared = 0;
        for file in &golden {
            let rules = match (JsRuleSet::new(JsValue::from_str(&file.source).unchecked_into(), None), &file.compile_error) {
                (Ok(rules), None) => rules,
                (Err(e), Some(native)) => {
                    let diagnostics = js_sys::Reflect::get(&e, &"diagnostics".into()).expect("diagnostics");
                    assert_eq!(&text(&diagnostics), native, "{}: compile diagnostics differ", file.file);
                    continue;
                }
                (Ok(_), Some(native)) => panic!("{}: compiles in wasm but not natively: {native}", file.file),
                (Err(e), None) => panic!("{}: compiles natively but not in wasm: {e:?}", file.file),
            };
            for case in &file.cases {
                let mut options = serde_json::json!({ "today": case.today });
                if let Some(asked) = &case.asked {
                    options["asked"] = serde_json::json!(asked);
                }
                let options = js(&options.to_string());
                let result = rules
                    .score(js(&case.request).unchecked_into(), Some(options.unchecked_into()))
                    .unwrap_or_else(|e| panic!("{}: {}: score threw {e:?}", file.file, case.name));
                assert_eq!(text(&result), case.expected, "{}: case {:?}", file.file, case.name);
                compared += 1;
            }

        }
        assert!(compared > 0, "the golden file has no cases");
    }

    #[wasm_bindgen_test]
    fn run_cases_gives_every_rule_case_the_native_verdict_and_report() {
        let golden: Vec<GoldenFile> = serde_json::from_str(GOLDEN).expect("the golden file");
        for file in golden.iter().filter(|f| f.compile_error.is_none()) {
            let rules = JsRuleSet::new(JsValue::from_str(&file.source).unchecked_into(), None).expect("compiles");
            let cases = format!("[{}]", file.cases.iter().map(|c| c.case.as_str()).collect::<Vec<_>>().join(","));
            // Both forms runCases takes: an array of cases, and the text of a cases file.
            for input in [js(&cases), JsValue::from_str(&cases)] {
                let ran = rules.run_cases(input.unchecked_into()).expect("runCases");
                let ran: Vec<serde_json::Value> = serde_json::from_str(&text(&ran)).expect("JSON");
                assert_eq!(ran.len(), file.cases.len());
                for (got, want) in ran.iter().zip(&file.cases) {
                    let at = format!("{}: case {:?}", file.file, want.name);
                    assert_eq!(got["name"], want.name.as_str(), "{at}");
                    assert_eq!(got["passed"].as_bool(), Some(want.passed), "{at}");
                    let mismatches: serde_json::Value = serde_json::from_str(&want.mismatches).expect("JSON");
                    assert_eq!(got["mismatches"], mismatches, "{at}");
                    let expected: serde_json::Value = serde_json::from_str(&want.expected).expect("JSON");
                    let report = if expected["type"] == "success" { &expected["report"] } else { &serde_json::Value::Null };
                    assert_eq!(&got["report"], report, "{at}");
                }
            }
        }
    }
}
