//! Text rendering for the terminal: reports, and diagnostics with a source snippet and caret.

use std::fmt::Write;
use yesif::{Diagnostic, FindingKind, Report};

/// Diagnostics in the style of compilers: a headline, the location, the source line and a caret.
///
/// ```text
/// error[parse]: unexpected ';'
///  --> rules/x.rhai:3:13
///   |
/// 3 |     let x = ;
///   |             ^
/// ```
pub fn diagnostics(list: &[Diagnostic], file: &str, source: &str) -> String {
    let mut out = String::new();
    for d in list {
        let _ = writeln!(out, "error[{}]: {}", d.kind.as_str(), d.message);
        match (d.line, d.column) {
            (Some(line), Some(col)) => {
                let _ = writeln!(out, " --> {file}:{line}:{col}");
                if let Some(text) = source.lines().nth(line as usize - 1) {
                    let num = line.to_string();
                    let pad = " ".repeat(num.len());
                    // The caret sits under the column'th character; tabs keep their width.
                    let lead: String = text.chars().take(col.saturating_sub(1) as usize).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                    let _ = writeln!(out, "{pad} |\n{num} | {text}\n{pad} | {lead}^");
                }
            }
            _ => {
                let _ = writeln!(out, " --> {file}");
            }
        }
        if let Some(field) = &d.field {
            let _ = writeln!(out, "  = field: {field}");
        }
        out.push('\n');
    }
    out
}

/// A report as a requester would read it.
pub fn report(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — score {}/100", r.tier.label, r.score);
    if !r.tier.message.is_empty() {
        let _ = writeln!(out, "  {}", r.tier.message);
    }
    let _ = write!(out, "\nIs training the fix? {}", r.training_fit.id);
    if !r.training_fit.reason.is_empty() {
        let _ = write!(out, " — {}", r.training_fit.reason);
    }
    out.push_str("\n\nForces\n");
    let width = r.forces.iter().map(|f| f.label.chars().count()).max().unwrap_or(0);
    for f in &r.forces {
        let filled = if f.max > 0 { (f.score * 20 + f.max / 2) / f.max } else { 0 } as usize;
        let _ = writeln!(
            out,
            "  {:width$}  {:>3}/{:<3} {}{}",
            f.label,
            f.score,
            f.max,
            "#".repeat(filled),
            ".".repeat(20 - filled.min(20))
        );
    }
    let section = |out: &mut String, title: &str, kind: FindingKind| {
        let items: Vec<_> = r.findings.iter().filter(|f| f.kind == kind).collect();
        if items.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{title}");
        for f in items {
            let field = f.field.as_deref().map(|x| format!(" [{x}]")).unwrap_or_default();
            let pts = if f.points > 0 { format!(" (+{})", f.points) } else { String::new() };
            let _ = writeln!(out, "  - {}{field}{pts}", f.message);
            if let Some(q) = &f.question {
                let _ = writeln!(out, "      ask: {q}");
            }
        }
    };
    section(&mut out, "Gaps", FindingKind::Gap);
    section(&mut out, "Warnings", FindingKind::Warning);
    section(&mut out, "Strengths", FindingKind::Strength);
    if !r.questions.is_empty() {
        out.push_str("\nQuestions L&D will ask\n");
        for (i, q) in r.questions.iter().enumerate() {
            let _ = writeln!(out, "  {}. {q}", i + 1);
        }
    }
    if !r.conditions.is_empty() {
        out.push_str("\nYes, if…\n");
        for c in &r.conditions {
            let _ = writeln!(out, "  - {c}");
        }
    }
    let _ = writeln!(out, "\nRules: {} {} ({}), as of {}", r.rules.name, r.rules.version, &r.rules.hash[..12.min(r.rules.hash.len())], r.today);
    out
}
