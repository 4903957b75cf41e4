//! Plants one-line bugs ("mutants") in the lines of a rubric that choose the tier and counts how
//! many its cases catch: `cargo run --release --example rubric_mutants [-- rules/x.rhai]`.
//!
//! cargo-mutants mutates the Rust; this does the same for the rule file, where the tier choice
//! of the default rubric lives: the tier declarations, the thresholds they name, the
//! "is training the fix?" gate, and the flags the tiers test. Each mutant changes one operator,
//! one number or one word on one of those lines; it is *caught* when a case fails, *missed*
//! when every case still passes, *unviable* when the rules no longer compile. Missed mutants
//! are printed with their line, so a case can be added for each.

use std::process::ExitCode;
use yesif::cases::{self, cases_path};
use yesif::RuleSet;

/// Settings that only the tier choice reads.
const TIER_SETTINGS: [&str; 4] = ["STRATEGIC_MIN_SCORE", "STRATEGIC_MIN_REACH", "WORTHWHILE_MIN_SCORE", "SMALL_REACH"];
const VERDICTS: [&str; 4] = ["likely", "mixed", "unlikely", "unknown"];
/// Operators and their one-character-off twins, longest first so `>=` is not read as `>`.
const OPERATORS: [(&str, &str); 8] = [(">=", ">"), ("<=", "<"), ("==", "!="), ("!=", "=="), ("&&", "||"), ("||", "&&"), (">", ">="), ("<", "<=")];

fn main() -> ExitCode {
    let path = std::env::args().nth(1).unwrap_or_else(|| "rules/ld-intake.rhai".into());
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cases_file = cases_path(&path);
    let list = cases::parse(&std::fs::read_to_string(&cases_file).unwrap_or_else(|e| panic!("{cases_file}: {e}"))).expect("the cases parse");
    let rules = RuleSet::compile(&source).expect("the rules compile");
    assert!(list.iter().all(|c| c.run(&rules).passed()), "every case passes on the rules as they are");

    let lines: Vec<&str> = source.lines().collect();
    let (mut caught, mut missed, mut unviable) = (0, Vec::new(), 0);
    for (n, mutated_line) in tier_lines(&lines).into_iter().flat_map(|n| mutants(lines[n]).into_iter().map(move |m| (n, m))) {
        let mut mutated: Vec<&str> = lines.clone();
        mutated[n] = &mutated_line;
        let Ok(mutant) = RuleSet::compile(&mutated.join("\n")) else {
            unviable += 1;
            continue;
        };
        if list.iter().all(|c| c.run(&mutant).passed()) {
            missed.push(format!("{path}:{}: {}\n    was: {}", n + 1, mutated_line.trim(), lines[n].trim()));
        } else {
            caught += 1;
        }
    }
    for m in &missed {
        println!("MISSED {m}");
    }
    let viable = caught + missed.len();
    println!(
        "{path}: {} mutants in the tier choice: {caught} caught, {} missed, {unviable} unviable ({:.0} % of the viable caught)",
        viable + unviable,
        missed.len(),
        100.0 * caught as f64 / viable.max(1) as f64
    );
    if missed.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// The indexes of the lines that choose the tier: each `tier(…)` call (to its closing `);`), the
/// tier settings, the gate (`let gate = …;`), `let strategic_ready = …;` and every `flag(…)`.
fn tier_lines(lines: &[&str]) -> Vec<usize> {
    let mut chosen = Vec::new();
    let mut open: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if open.is_none() {
            if t.starts_with("tier(") {
                open = Some(");");
            } else if t.starts_with("let gate =") {
                open = Some("};");
            } else if t.starts_with("let strategic_ready =") {
                open = Some(";");
            }
        }
        let setting = TIER_SETTINGS.iter().any(|s| t.starts_with(&format!("const {s} ")));
        if open.is_some() || setting || t.contains("flag(\"") {
            chosen.push(i);
        }
        if open.is_some_and(|end| t.trim_end().ends_with(end)) {
            open = None;
        }
    }
    chosen
}

/// Every one-change variant of `line`: an operator swapped for its twin, a number one up or one
/// down, a verdict swapped for another, a flag name misspelt. Text inside strings is left alone,
/// except verdicts and flag names, which are whole string literals.
fn mutants(line: &str) -> Vec<String> {
    let code_end = line.find("//").unwrap_or(line.len());
    let mut out = Vec::new();
    let mut in_string = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < code_end {
        let c = bytes[i];
        if c == b'"' || c == b'`' {
            if !in_string {
                let close = line[i + 1..].find(c as char).map_or(line.len(), |j| i + 1 + j);
                let word = &line[i + 1..close];
                if VERDICTS.contains(&word) {
                    for other in VERDICTS.iter().filter(|v| **v != word) {
                        out.push(format!("{}\"{other}\"{}", &line[..i], &line[close + 1..]));
                    }
                } else if word.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_') && !word.is_empty() && is_flag_name(line, i) {
                    out.push(format!("{}\"{word}_mutant\"{}", &line[..i], &line[close + 1..]));
                }
                i = close + 1;
                continue;
            }
            in_string = !in_string;
        }
        if let Some((from, to)) = OPERATORS.iter().find(|(from, _)| line[i..].starts_with(from) && !line[i..].starts_with("=>") && !line[..i].ends_with('=')) {
            out.push(format!("{}{to}{}", &line[..i], &line[i + from.len()..]));
            i += from.len();
            continue;
        }
        if c.is_ascii_digit() && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_')) {
            let end = line[i..].find(|ch: char| !ch.is_ascii_digit()).map_or(line.len(), |j| i + j);
            let n: i64 = line[i..end].parse().expect("digits");
            for m in [n + 1, n - 1] {
                out.push(format!("{}{m}{}", &line[..i], &line[end..]));
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// True if the string literal starting at `at` names a flag: an argument of `flag(…)`, or an
/// entry of a tier's `requires` or `excludes`.
fn is_flag_name(line: &str, at: usize) -> bool {
    let before = &line[..at];
    before.ends_with("flag(") || ["requires: [", "excludes: ["].iter().any(|k| before.rfind(k).is_some_and(|p| !before[p..].contains(']')))
}
