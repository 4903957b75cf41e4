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

/// A function of two items `x` and `y` a rule might hand to `sort` or `dedup`: consistent,
/// inconsistent, of the wrong type, endless, or sorting a list of its own inside.
fn comparer() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x - y".to_owned()),
        Just("y - x".to_owned()),
        Just("x < y".to_owned()),
        Just("x == y".to_owned()),
        (1i64..30, -5i64..5).prop_map(|(k, d)| format!("if (x + y) % {k} == 0 {{ 1 }} else {{ {d} }}")),
        (-9i64..9, -9i64..9, 1i64..50).prop_map(|(a, b, c)| format!("(x * {a} + y * {b}) % {c}")),
        Just("\"less\"".to_owned()),
        Just("()".to_owned()),
        Just("{ loop {} }".to_owned()),
        (0i64..3000).prop_map(|n| format!("{{ let i = 0; while i < {n} {{ i += 1; }} x - y }}")),
    ];
    leaf.prop_recursive(2, 8, 2, |inner| {
        (inner, 0usize..300, prop_oneof![Just("sort"), Just("dedup"), Just("order")])
            .prop_map(|(f, n, op)| format!("{{ let b = []; b.pad({n}, 1); b = b.map(|v, i| (i * 7919) % 31); b.{op}(|x, y| {f}); x - y }}"))
    })
}

/// A step of a callback-heavy rule on the list `a`.
fn callback_step() -> impl Strategy<Value = String> {
    prop_oneof![
        comparer().prop_map(|f| format!("a.sort(|x, y| {f});")),
        comparer().prop_map(|f| format!("a.dedup(|x, y| {f});")),
        comparer().prop_map(|f| format!("a = a.order(|x, y| {f});")),
        comparer().prop_map(|f| format!("a = a.map(|x, i| {{ let y = i; {f} }});")),
        comparer().prop_map(|f| format!("a = a.filter(|x, i| {{ let y = i; let r = {f}; r == true || r == 0 }});")),
        comparer().prop_map(|f| format!("a.reduce(|x, y| {{ let x = x ?? 0; {f} }});")),
        comparer().prop_map(|f| format!("a.some(|x, y| {{ {f}; false }});")),
        comparer().prop_map(|f| format!("a.retain(|x, y| {{ {f}; true }});")),
        comparer().prop_map(|f| format!("a.index_of(|x, y| {{ {f}; false }});")),
        Just("a.sort();".to_owned()),
        Just("a.dedup();".to_owned()),
    ]
}

/// A rule set whose `evaluate()` builds a list of `n` numbers and runs `steps` on it.
fn callback_rules() -> impl Strategy<Value = String> {
    (0usize..2_000, 1i64..200, prop::collection::vec(callback_step(), 1..4)).prop_map(|(n, m, steps)| {
        format!(
            "ruleset(\"Callbacks\", \"1\");\nforce(\"f\", \"F\", 10);\ntier(\"t\", \"T\", \"m\");\nfn evaluate() {{\nlet a = [];\na.pad({n}, 0);\na = a.map(|x, i| (i * 7919) % {m});\n{}\n}}",
            steps.join("\n")
        )
    })
}

/// A rule set whose `evaluate()` records `n` findings, flags and conditions of text `len` long.
fn huge_report_rules() -> impl Strategy<Value = String> {
    (0usize..20_000, 0usize..65_000, 0usize..4).prop_map(|(n, len, what)| {
        let record = ["gap(\"f\", \"\", s, s + i);", "flag(s + i);", "yes_if(s + i);", "warning(\"f\", \"\", s + i); training_fit(\"mixed\", s);"][what];
        format!(
            "ruleset(\"Huge\", \"1\");\nforce(\"f\", \"F\", 10);\ntier(\"t\", \"T\", \"m\");\nfn evaluate() {{\nlet s = \"\";\ns.pad({len}, \"w\");\nfor i in 0..{n} {{ {record} }}\n}}"
        )
    })
}

/// Scores an empty request, timing it: the slowest run so far is printed when
/// `YESIF_PROPS_TIMING` is set, for the long run recorded in docs/security.md.
fn timed_score(source: &str) -> Result<Report, Diagnostics> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SLOWEST_MICROS: AtomicU64 = AtomicU64::new(0);
    let start = std::time::Instant::now();
    let outcome = RuleSet::compile(source).and_then(|rules| rules.score(&json!({}), today()));
    let micros = start.elapsed().as_micros() as u64;
    if std::env::var_os("YESIF_PROPS_TIMING").is_some() && micros > SLOWEST_MICROS.fetch_max(micros, Ordering::Relaxed) {
        eprintln!("slowest run so far: {:.1} ms\n{source}\n", micros as f64 / 1000.0);
    }
    outcome
}

/// A hostile run ends in a report or in diagnostics of the rules' own kinds; every limit is
/// named and placed.
fn assert_ends_well(outcome: &Result<Report, Diagnostics>, limits: &[&str]) -> Result<(), TestCaseError> {
    if let Err(e) = outcome {
        for d in e.diagnostics() {
            prop_assert!(matches!(d.kind, DiagnosticKind::Runtime | DiagnosticKind::Limit), "{}", d);
            if d.kind == DiagnosticKind::Limit {
                prop_assert!(d.limit.as_deref().is_some_and(|l| limits.contains(&l)), "{}", d);
                prop_assert!(d.line.is_some(), "{}", d);
            }
        }
    }
    Ok(())
}

/// Cases for the hostile generators: 32, or `PROPTEST_CASES` for a long run.
fn hostile_cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(32)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: hostile_cases(), .. ProptestConfig::default() })]

    #[test]
    fn callback_heavy_rules_end_in_a_report_or_a_named_limit(source in callback_rules()) {
        let outcome = timed_score(&source);
        assert_ends_well(&outcome, &["maxOperations", "maxCallDepth", "maxArraySize"])?;
    }

    #[test]
    fn huge_reports_stop_at_their_limits(source in huge_report_rules()) {
        let outcome = timed_score(&source);
        assert_ends_well(&outcome, &["maxOperations", "maxFindings", "maxReportBytes", "maxStringSize"])?;
        if let Ok(report) = outcome {
            // Text is bounded by maxReportBytes; JSON adds its punctuation and the questions list
            // repeats the gaps' questions.
            let limits = Limits::default();
            prop_assert!(report.findings.len() <= limits.max_findings);
            prop_assert!(report.to_json().len() <= 2 * limits.max_report_bytes + 200 * limits.max_findings + 4_096);
        }
    }
}
