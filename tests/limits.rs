//! Limits: the defaults are pinned, out-of-range values are refused, and every configured limit
//! applies exactly: a rule just under it runs, one just over it gets a `limit` diagnostic that
//! names it and has a line. Also the hostile runs of issue 14, each of which now ends at once.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::json;
use yesif::{Diagnostic, DiagnosticKind, Limits, Report, RuleSet};

#[test]
fn the_defaults_are_pinned() {
    let d = Limits::default();
    assert_eq!(d.max_operations, 100_000);
    assert_eq!(d.max_call_depth, 32);
    assert_eq!(d.max_expr_depth, 64);
    assert_eq!(d.max_string_size, 65_536);
    assert_eq!(d.max_array_size, 10_000);
    assert_eq!(d.max_map_size, 10_000);
    assert_eq!(d.max_field_chars, 20_000);
    assert_eq!(d.max_source_bytes, 200_000);
    assert_eq!(d.max_declarations, 500);
    assert_eq!(d.max_findings, 500);
    assert_eq!(d.max_report_bytes, 250_000);
    // Deserialising an empty object gives the same.
    assert_eq!(serde_json::from_value::<Limits>(json!({})).unwrap(), d);
}

#[test]
fn the_maxima_are_pinned() {
    let m = Limits::MAXIMA;
    let named: Vec<(&str, u64)> = m.named().to_vec();
    assert_eq!(
        named,
        [
            ("maxOperations", 10_000_000),
            ("maxCallDepth", 64),
            ("maxExprDepth", 128),
            ("maxStringSize", 1_048_576),
            ("maxArraySize", 100_000),
            ("maxMapSize", 100_000),
            ("maxFieldChars", 1_000_000),
            ("maxSourceBytes", 1_000_000),
            ("maxDeclarations", 1_000),
            ("maxFindings", 10_000),
            ("maxReportBytes", 10_000_000),
        ]
    );
}

#[test]
fn each_limit_must_be_from_1_to_its_maximum() {
    for (name, max) in Limits::MAXIMA.named() {
        let with = |value: u64| serde_json::from_value::<Limits>(json!({ name: value })).unwrap();
        assert_eq!(with(max).validate(), Ok(()), "{name} at its maximum");
        assert_eq!(with(1).validate(), Ok(()), "{name} at 1");
        for bad in [0, max + 1] {
            let err = with(bad).validate().expect_err(name);
            assert_eq!((err.name(), err.max()), (name, max));
            assert_eq!(err.to_string(), format!("{name} must be a whole number from 1 to {max}, not {bad}"));
            // Compiling refuses them too, naming the limit.
            let refused = RuleSet::compile_with(MINI, &with(bad)).unwrap_err();
            let d = &refused.diagnostics()[0];
            assert_eq!((d.kind, d.field.as_deref()), (DiagnosticKind::Input, Some(name)), "{d}");
        }
    }
}

#[test]
fn zero_operations_would_mean_no_limit_and_is_refused() {
    // Rhai reads 0 as "unlimited": this rule would never end.
    let limits = Limits { max_operations: 0, ..Limits::default() };
    assert!(RuleSet::compile_with(&mini_with("loop {}"), &limits).is_err());
}

/// Compiles `source` with `limits` and scores an empty request.
fn run(source: &str, limits: &Limits) -> Result<Report, Vec<Diagnostic>> {
    RuleSet::compile_with(source, limits).and_then(|r| r.score(&json!({}), today())).map_err(|e| e.into_vec())
}

/// Runs `under`, which must work, and `over`, which must stop at `limit` with a line.
fn assert_bites(limits: &Limits, under: &str, over: &str, limit: &str) {
    if let Err(e) = run(under, limits) {
        panic!("just under {limit}, the rules should run: {e:?}");
    }
    let e = run(over, limits).expect_err("just over the limit, the rules are stopped");
    let d = &e[0];
    assert_eq!((d.kind, d.limit.as_deref()), (DiagnosticKind::Limit, Some(limit)), "{d}");
    assert!(d.message.contains(limit), "the message names the limit: {d}");
    assert!(d.line.is_some(), "the diagnostic has a line: {d}");
}

#[test]
fn max_operations_applies_exactly() {
    let source = mini_with("let i = 0; while i < 100 { i += 1; }");
    let ops = |max: u64| run(&source, &Limits { max_operations: max, ..Limits::default() }).is_ok();
    // The fewest operations the rule needs, found by bisection.
    let (mut lo, mut hi) = (1, 100_000);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if ops(mid) { hi = mid } else { lo = mid + 1 }
    }
    assert!((300..2_000).contains(&lo), "a 100-step loop takes {lo} operations");
    let limits = Limits { max_operations: lo, ..Limits::default() };
    let over = Limits { max_operations: lo - 1, ..Limits::default() };
    assert!(run(&source, &limits).is_ok());
    let d = &run(&source, &over).unwrap_err()[0];
    assert_eq!(d.limit.as_deref(), Some("maxOperations"), "{d}");
    assert!(d.line.is_some(), "{d}");
}

#[test]
fn max_call_depth_applies_exactly() {
    // 20 is below Rhai's own default in release builds (64) and above it in debug builds (8):
    // the test fails if the configured value is not passed to Rhai, whichever the build.
    let limits = Limits { max_call_depth: 20, ..Limits::default() };
    let down = |n: u32| mini_with(&format!("down({n});")) + "\nfn down(n) { if n > 0 { down(n - 1) } }";
    // down(n) nests n + 1 calls below `evaluate()`.
    assert_bites(&limits, &down(19), &down(20), "maxCallDepth");
}

#[test]
fn max_expr_depth_applies_exactly() {
    // Each level of array nesting takes Rhai about three levels of expression.
    let limits = Limits { max_expr_depth: 30, ..Limits::default() };
    let nested = |n: usize| mini_with(&format!("let x = {}1{};", "[".repeat(n), "]".repeat(n)));
    assert_bites(&limits, &nested(8), &nested(9), "maxExprDepth");
}

#[test]
fn max_string_size_applies_exactly() {
    let limits = Limits { max_string_size: 100, ..Limits::default() };
    let string = |n: usize| mini_with(&format!("let s = \"x\"; s.pad({n}, \"y\");"));
    assert_bites(&limits, &string(100), &string(101), "maxStringSize");
}

#[test]
fn max_array_size_applies_exactly() {
    let limits = Limits { max_array_size: 50, ..Limits::default() };
    let array = |n: usize| mini_with(&format!("let a = []; a.pad({n}, 0);"));
    assert_bites(&limits, &array(50), &array(51), "maxArraySize");
}

#[test]
fn max_map_size_applies_exactly() {
    let limits = Limits { max_map_size: 10, ..Limits::default() };
    let map = |n: usize| mini_with(&format!("let m = #{{}}; for i in 0..{n} {{ let k = #{{}}; k[`k${{i}}`] = i; m.mixin(k); }}"));
    assert_bites(&limits, &map(10), &map(11), "maxMapSize");
}

#[test]
fn max_source_bytes_applies_exactly() {
    let limits = Limits { max_source_bytes: MINI.len() + 10, ..Limits::default() };
    let padded = |extra: usize| format!("{MINI}//{}", "x".repeat(extra - 2));
    assert_bites(&limits, &padded(10), &padded(11), "maxSourceBytes");
    // The diagnostic points at the character where the limit is passed.
    let d = &run(&padded(11), &limits).unwrap_err()[0];
    let last_line = MINI.lines().count() + 1;
    assert_eq!((d.line, d.column), (Some(last_line as u32), Some(11)), "{d}");
}

#[test]
fn max_declarations_applies_exactly() {
    let declared = MINI.matches("const ").count() + MINI.matches("let ").count();
    let limits = Limits { max_declarations: declared + 1, ..Limits::default() };
    let under = mini_with("let extra = 1;");
    let over = mini_with("let extra = 1; let more = 2;");
    assert_bites(&limits, &under, &over, "maxDeclarations");
    // Words in comments and strings are not declarations.
    let in_text = mini_with("// let a const b\n let extra = \"let c = 1; const d\";");
    assert!(run(&in_text, &limits).is_ok());
}

#[test]
fn max_findings_applies_exactly() {
    let limits = Limits { max_findings: 30, ..Limits::default() };
    // The mini rules record 3 findings for an empty request.
    let findings = |n: usize| mini_with(&format!("for i in 0..{n} {{ warning(\"\", \"\", \"w\"); }}"));
    assert_bites(&limits, &findings(27), &findings(28), "maxFindings");
}

#[test]
fn max_report_bytes_applies_exactly() {
    // The mini rules record 173 bytes of text for an empty request: three findings.
    let base = run(MINI, &Limits::default()).unwrap();
    let base_bytes: usize = base.findings.iter().map(|f| f.message.len() + f.question.as_deref().map_or(0, str::len)).sum();
    assert_eq!(base_bytes, 173);
    let limits = Limits { max_report_bytes: 200, ..Limits::default() };
    let flags = |n: usize| mini_with(&format!("flag(\"{}\");", "f".repeat(n)));
    assert_bites(&limits, &flags(27), &flags(28), "maxReportBytes");
}

#[test]
fn a_leading_byte_order_mark_is_skipped_and_positions_stay_right() {
    let rules = RuleSet::compile(&format!("\u{feff}{MINI}")).expect("a rule file with a BOM compiles");
    assert_eq!(rules.info().hash, RuleSet::compile(MINI).unwrap().info().hash, "the BOM is not part of the rules");
    let err = RuleSet::compile("\u{feff}fn evaluate() { let x = ; }").unwrap_err();
    let d = &err.diagnostics()[0];
    assert_eq!((d.kind, d.line, d.column), (DiagnosticKind::Parse, Some(1), Some(25)));
    // A request given as JSON text may start with one too.
    let report = mini().score_json("\u{feff}{\"goal\": \"Cut errors\"}", today()).expect("the request is read");
    assert!(report.flags.contains(&"has_goal".to_owned()));
    let err = mini().score_json("\u{feff}{\"goal\": }", today()).unwrap_err();
    assert_eq!((err.diagnostics()[0].line, err.diagnostics()[0].column), (Some(1), Some(10)));
}

/// The hostile rules of issue 14: each ends with a `limit` diagnostic that has a line.
fn assert_stopped(source: &str, limit: &str) {
    let e = run(source, &Limits::default()).expect_err("the rules are stopped");
    let d = &e[0];
    assert_eq!((d.kind, d.limit.as_deref()), (DiagnosticKind::Limit, Some(limit)), "{d}");
    assert!(d.line.is_some(), "{d}");
}

/// A rule set with one force and one tier whose `evaluate()` is `body`.
fn hostile(body: &str) -> String {
    format!("ruleset(\"Hostile\", \"1\");\nforce(\"f\", \"F\", 10);\nfield(\"a\", \"A\", \"text\");\ntier(\"t\", \"T\", \"m\");\nfn evaluate() {{\n{body}\n}}")
}

#[test]
fn endless_long_flags_stop_at_the_report_size() {
    assert_stopped(&hostile("let s = \"\"; s.pad(60000, \"x\"); let i = 0; loop { flag(s + i); i += 1; }"), "maxReportBytes");
}

#[test]
fn thousands_of_long_questions_stop_at_the_report_size() {
    assert_stopped(&hostile("let s = \"\"; s.pad(60000, \"q\"); for i in 0..6000 { gap(\"f\", \"a\", \"m\", s + i); }"), "maxReportBytes");
}

#[test]
fn thousands_of_huge_gaps_stop_at_the_report_size() {
    assert_stopped(&hostile("let s = \"\"; s.pad(65000, \"g\"); for i in 0..8000 { gap(\"f\", \"a\", s, s); }"), "maxReportBytes");
}

#[test]
fn thousands_of_short_findings_stop_at_the_findings_limit() {
    assert_stopped(&hostile("for i in 0..8000 { warning(\"f\", \"a\", \"w\"); }"), "maxFindings");
}

#[test]
fn forty_thousand_constants_stop_before_compiling() {
    let consts: String = (0..40_000).map(|i| format!("const C{i} = 1;\n")).collect();
    assert_stopped(&format!("{consts}{}", hostile("")), "maxSourceBytes");
    // Under the size limit, the declarations limit stops them.
    let consts: String = (0..5_000).map(|i| format!("const C{i}=1;")).collect();
    assert_stopped(&format!("{consts}\n{}", hostile("")), "maxDeclarations");
}

#[test]
fn at_the_maxima_deep_rules_end_in_a_limit_not_a_stack_overflow() {
    // On a thread with no more stack than WebAssembly has (see `STACK`).
    let worst = std::thread::Builder::new().stack_size(STACK).spawn(|| {
        let limits = Limits { max_call_depth: Limits::MAXIMA.max_call_depth, max_expr_depth: Limits::MAXIMA.max_expr_depth, ..Limits::default() };
        let recursion = mini_with("down(1000);") + "\nfn down(n) { if n > 0 { down(n - 1) } }";
        let deep = mini_with(&format!("let x = {}1{};", "(".repeat(500), ")".repeat(500)));
        (run(&recursion, &limits).unwrap_err(), run(&deep, &limits).unwrap_err())
    });
    let (recursion, deep) = worst.unwrap().join().expect("no stack overflow");
    assert_eq!(recursion[0].limit.as_deref(), Some("maxCallDepth"));
    assert_eq!(deep[0].limit.as_deref(), Some("maxExprDepth"));
}

/// The stack the deepest rules must fit in: the 1 MiB WebAssembly gets by default, in a release
/// build (they fit in 256 KiB there); a debug build's frames are several times larger.
const STACK: usize = if cfg!(debug_assertions) { 4 << 20 } else { 1 << 20 };

#[test]
fn endless_long_understood_notes_stop_at_the_report_size() {
    assert_stopped(&hostile("let s = \"\"; s.pad(60000, \"u\"); let i = 0; loop { understood(\"a\", s + i); i += 1; }"), "maxReportBytes");
}

#[test]
fn a_literal_too_large_names_its_own_limit() {
    let limits = Limits { max_array_size: 50, max_map_size: 50, ..Limits::default() };
    let array = |n: usize| mini_with(&format!("let a = [{}];", vec!["1"; n].join(", ")));
    assert_bites(&limits, &array(40), &array(60), "maxArraySize");
    let map = |n: usize| mini_with(&format!("let m = #{{{}}};", (0..n).map(|i| format!("k{i}: 1")).collect::<Vec<_>>().join(", ")));
    assert_bites(&limits, &map(40), &map(60), "maxMapSize");
}

/// The fewest `maxOperations` under which `source` runs, found by bisection.
fn fewest_operations(source: &str) -> u64 {
    let runs = |max: u64| run(source, &Limits { max_operations: max, ..Limits::default() }).is_ok();
    let (mut lo, mut hi) = (1, 100_000);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if runs(mid) { hi = mid } else { lo = mid + 1 }
    }
    lo
}

#[test]
fn operations_are_counted_exactly_and_callbacks_cost_more() {
    // Pinned: Rhai's own count for these statements, plus yesif's charge for each switch into
    // and out of a callback. A change here changes what rules can do within the default limit.
    let plain = fewest_operations(&mini_with("let i = 0; while i < 100 { i += 1; }"));
    let calls = fewest_operations(&mini_with("let a = []; a.pad(100, 1); a = a.map(|x| x + 1);"));
    assert_eq!((plain, calls), (654, 2564));
}

#[test]
fn index_of_finds_integers_among_integers_and_floats() {
    let checks = [
        "[3, 4, 5].index_of(4) == 1",
        "[3.0, 4.0, 5.5].index_of(4) == 1",
        "[3, 4, 5].index_of(6) == -1",
        "[\"4\", 4.5].index_of(4) == -1",
    ];
    let source = mini_with(&checks.iter().enumerate().map(|(i, c)| format!("if {c} {{ flag(\"ok{i}\"); }}")).collect::<String>());
    let report = run(&source, &Limits::default()).unwrap();
    for i in 0..checks.len() {
        assert!(report.flags.contains(&format!("ok{i}")), "{} is false", checks[i]);
    }
}
