//! The hostile rules of issue 14, each timed from compile to the end of its score, with the
//! diagnostic it ends in: figures for docs/security.md, not a timed test. Run with
//! `cargo bench --bench hostile`.

use std::time::{Duration, Instant};
use yesif::{Date, RuleSet};

/// A rule set with one force, one field and one tier whose `evaluate()` is `body`.
fn hostile(body: &str, functions: &str) -> String {
    format!("ruleset(\"Hostile\", \"1\");\nforce(\"f\", \"F\", 10);\nfield(\"a\", \"A\", \"text\");\ntier(\"t\", \"T\", \"m\");\nfn evaluate() {{\n{body}\n}}\n{functions}")
}

fn main() {
    let consts = |n: usize| (0..n).map(|i| format!("const C{i} = 1;\n")).collect::<String>();
    // The worst file both source limits let through: 500 declarations, then uses of the first.
    let worst_lookups = {
        let mut s: String = (0..499).map(|i| format!("const C{i}=1;")).collect();
        s.push_str("let x = 0;\n");
        while s.len() < 199_000 {
            s.push_str("x=C0+C0+C0+C0+C0+C0+C0+C0+C0+C0+C0+C0+C0+C0+C0+C0+C0+C0+C0+C0+C0;\n");
        }
        format!("{s}{}", hostile("", ""))
    };
    let runs: Vec<(&str, String)> = vec![
        ("dedup, endless comparer, 9,999 items", hostile("let a = []; a.pad(9999, 0); a.dedup(|x, y| { loop {} });", "")),
        (
            "dedup nested two deep",
            hostile("let a = []; a.pad(9999, 0); a.dedup(Fn(\"outer\"));", "fn spin(x, y) { loop {} }\nfn outer(x, y) { let b = []; b.pad(9999, 0); b.dedup(Fn(\"spin\")); false }"),
        ),
        ("sort, inconsistent comparer", hostile("let a = []; a.pad(21, 0); a = a.map(|x, i| (i * 7919) % 22); a.sort(|x, y| if (x + y) % 3 == 0 { 1 } else { -1 });", "")),
        ("sort 9,999 items, endless comparer", hostile("let a = []; a.pad(9999, 0); a.sort(|x, y| { loop {} });", "")),
        ("flag(s + i) with a 60 KB s, endless", hostile("let s = \"\"; s.pad(60000, \"x\"); let i = 0; loop { flag(s + i); i += 1; }", "")),
        ("6,000 long gap questions", hostile("let s = \"\"; s.pad(60000, \"q\"); for i in 0..6000 { gap(\"f\", \"a\", \"m\", s + i); }", "")),
        ("8,000 gap(s, s) with 65 KB strings", hostile("let s = \"\"; s.pad(65000, \"g\"); for i in 0..8000 { gap(\"f\", \"a\", s, s); }", "")),
        ("40,000 const lines", format!("{}{}", consts(40_000), hostile("", ""))),
        ("200,000 const lines", format!("{}{}", consts(200_000), hostile("", ""))),
        ("499 consts, 199 KB of uses", worst_lookups),
    ];
    let today = Date::parse("2026-06-01").expect("a date");
    println!("| hostile run | ends in | time |\n| --- | --- | --- |");
    for (name, source) in &runs {
        let mut slowest = Duration::ZERO;
        let mut outcome = String::new();
        for _ in 0..5 {
            let start = Instant::now();
            let result = RuleSet::compile(source).and_then(|rules| rules.score(&serde_json::json!({}), today));
            slowest = slowest.max(start.elapsed());
            outcome = match result {
                Ok(_) => "a report".into(),
                Err(e) => {
                    let d = &e.diagnostics()[0];
                    format!("{} `{}`, line {}", d.kind.as_str(), d.limit.as_deref().unwrap_or("-"), d.line.map_or("none".into(), |l| l.to_string()))
                }
            };
        }
        println!("| {name} | {outcome} | {:.1} ms |", slowest.as_secs_f64() * 1e3);
    }
}
