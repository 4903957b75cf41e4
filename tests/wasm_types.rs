//! Native output for the TypeScript check: `tests/ts/usage.ts` holds the declarations that
//! `src/wasm.rs` puts into `www/pkg/yesif.d.ts` against real values the native engine serialises,
//! so the declarations cannot drift from the Rust types unnoticed.
//!
//! This test writes `target/parity/samples.json`; `make test` then runs
//! `tsc --noEmit -p tests/ts/tsconfig.json`.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{default_cases, default_rules};
use serde_json::{json, Value};
use yesif::{Limits, RuleSet, API};

fn to_value<T: serde::Serialize + ?Sized>(v: &T) -> Value {
    serde_json::to_value(v).expect("serialises")
}

#[test]
fn native_values_of_every_type_the_js_api_returns_are_written_for_the_typescript_check() {
    let root = env!("CARGO_MANIFEST_DIR");
    let rules = default_rules();

    let mut reports = Vec::new();
    let mut mismatches = Vec::new();
    for case in &default_cases() {
        let outcome = case.run(&rules);
        if let Some(report) = &outcome.report {
            reports.push(to_value(report));
        }
        // A case with a wrong expectation, to get a mismatch of every kind it can report.
        let mut wrong = case.clone();
        wrong.expect.tier = Some("no-such-tier".into());
        mismatches.extend(wrong.run(&rules).mismatches.iter().map(to_value));
    }

    let today = common::today();
    let mut diagnostics = Vec::new();
    diagnostics.extend(RuleSet::check("fn evaluate() { let x = ; }", today).iter().map(to_value));
    diagnostics.extend(RuleSet::check("ruleset(\"x\", \"1\");", today).iter().map(to_value));
    if let Err(e) = rules.score(&json!({"business_outcome": 42}), today) {
        diagnostics.extend(e.diagnostics().iter().map(to_value));
    }
    let spin = "ruleset(\"x\",\"1\"); force(\"f\",\"F\",1); tier(\"t\",\"T\",\"m\");\nfn evaluate() { loop {} }";
    diagnostics.extend(RuleSet::check(spin, today).iter().map(to_value));
    let kinds: Vec<&str> = diagnostics.iter().filter_map(|d| d["kind"].as_str()).collect();
    for kind in ["parse", "runtime", "input", "limit"] {
        assert!(kinds.contains(&kind), "no {kind} diagnostic among {kinds:?}");
    }

    let samples = json!({
        "reports": reports,
        "diagnostics": diagnostics,
        "mismatches": mismatches,
        "fields": to_value(&rules.fields()),
        "info": to_value(rules.info()),
        "api": to_value(API),
        "limits": to_value(&Limits::default()),
    });
    std::fs::create_dir_all(format!("{root}/target/parity")).expect("target/parity");
    std::fs::write(format!("{root}/target/parity/samples.json"), serde_json::to_string_pretty(&samples).unwrap())
        .expect("write target/parity/samples.json");
}
