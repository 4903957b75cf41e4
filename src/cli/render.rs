//! Text rendering for the terminal: reports, and diagnostics with a source snippet and caret.
//!
//! Every text from a request, a rule file or a cases file goes through [`visible`] first: an
//! answer or a rule message holding an ANSI escape must show as characters, not clear the
//! terminal, set its title or reorder the line.

use std::borrow::Cow;
use std::fmt::Write;
use yesif::{Diagnostic, FindingKind, Report};

/// True for the characters a terminal acts on instead of showing: C0 and C1 controls and DEL
/// (ANSI escapes start with ESC or CSI), the line and paragraph separators, and the bidi
/// embeddings, overrides, isolates and marks that can make a line read differently from its
/// order ("Trojan Source").
fn acts_on_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character a terminal would act on written as a visible escape: `\n`, `\r`,
/// `\t`, or `\u{1b}` (ESC) and the like, so `ESC[2J` shows as the six characters `\u{1b}[2J`.
/// Other text, including backslashes, is unchanged: this is for people to read; `--json` has
/// the exact text.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if acts_on_terminal(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A source line as [`visible`] shows it, but with tabs kept (so the caret lines up), and the
/// width of its first `col - 1` characters once shown, as the caret's lead.
fn source_line(text: &str, col: u32) -> (String, String) {
    let mut shown = String::new();
    let mut lead = String::new();
    for (i, c) in text.chars().enumerate() {
        let piece = if c == '\t' { "\t".to_owned() } else { visible(c.encode_utf8(&mut [0; 4])).into_owned() };
        if (i as u32) + 1 < col {
            lead.extend(piece.chars().map(|p| if p == '\t' { '\t' } else { ' ' }));
        }
        shown.push_str(&piece);
    }
    (shown, lead)
}

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
    let file = visible(file);
    for d in list {
        let _ = writeln!(out, "error[{}]: {}", d.kind.as_str(), visible(&d.message));
        match (d.line, d.column) {
            (Some(line), Some(col)) => {
                let _ = writeln!(out, " --> {file}:{line}:{col}");
                if let Some(text) = source.lines().nth((line as usize).saturating_sub(1)) {
                    let num = line.to_string();
                    let pad = " ".repeat(num.len());
                    // The caret sits under the column'th character as shown; tabs keep their width.
                    let (text, lead) = source_line(text, col);
                    let _ = writeln!(out, "{pad} |\n{num} | {text}\n{pad} | {lead}^");
                }
            }
            _ => {
                let _ = writeln!(out, " --> {file}");
            }
        }
        if let Some(field) = &d.field {
            let _ = writeln!(out, "  = field: {}", visible(field));
        }
        out.push('\n');
    }
    out
}

/// A report as a requester would read it.
pub fn report(r: &Report) -> String {
    let mut out = String::new();
    let v = visible;
    let _ = writeln!(out, "{} — score {}/100", v(&r.tier.label), r.score);
    if !r.tier.message.is_empty() {
        let _ = writeln!(out, "  {}", v(&r.tier.message));
    }
    let _ = write!(out, "\nIs training the fix? {}", v(&r.training_fit.id));
    if !r.training_fit.reason.is_empty() {
        let _ = write!(out, " — {}", v(&r.training_fit.reason));
    }
    out.push_str("\n\nForces\n");
    let width = r.forces.iter().map(|f| v(&f.label).chars().count()).max().unwrap_or(0);
    for f in &r.forces {
        let filled = if f.max > 0 { (f.score * 20 + f.max / 2) / f.max } else { 0 } as usize;
        let _ = writeln!(
            out,
            "  {:width$}  {:>3}/{:<3} {}{}",
            v(&f.label),
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
            let field = f.field.as_deref().map(|x| format!(" [{}]", v(x))).unwrap_or_default();
            let pts = if f.points > 0 { format!(" (+{})", f.points) } else { String::new() };
            let unasked = if f.asked { "" } else { " (not on the form)" };
            let _ = writeln!(out, "  - {}{field}{unasked}{pts}", v(&f.message));
            if let Some(q) = &f.question {
                let _ = writeln!(out, "      ask: {}", v(q));
            }
        }
    };
    if !r.understood.is_empty() {
        out.push_str("\nUnderstood\n");
        for u in &r.understood {
            let _ = writeln!(out, "  - {}", v(&u.text));
        }
    }
    section(&mut out, "Gaps", FindingKind::Gap);
    section(&mut out, "Warnings", FindingKind::Warning);
    section(&mut out, "Strengths", FindingKind::Strength);
    if !r.questions.is_empty() {
        out.push_str("\nQuestions L&D will ask\n");
        for (i, q) in r.questions.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", i + 1, v(q));
        }
    }
    if !r.followups.is_empty() {
        out.push_str("\nL&D will ask you about (not on the form)\n");
        for q in &r.followups {
            let _ = writeln!(out, "  - {}", v(q));
        }
    }
    if !r.conditions.is_empty() {
        out.push_str("\nYes, if…\n");
        for c in &r.conditions {
            let _ = writeln!(out, "  - {}", v(c));
        }
    }
    let hash = r.rules.hash.get(..12).unwrap_or(&r.rules.hash);
    let _ = writeln!(out, "\nRules: {} {} ({}), as of {}", v(&r.rules.name), v(&r.rules.version), v(hash), r.today);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use yesif::DiagnosticKind;

    #[test]
    fn controls_show_as_escapes_and_other_text_is_unchanged() {
        assert!(matches!(visible("Réduire les erreurs \\ 50 % — “vite”"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[2Jb\u{7}\n\r\t\u{0}\u{7f}\u{85}\u{9b}"), "a\\u{1b}[2Jb\\u{7}\\n\\r\\t\\u{0}\\u{7f}\\u{85}\\u{9b}");
        assert_eq!(
            visible("\u{202e}\u{202a}\u{2066}\u{2069}\u{200e}\u{200f}\u{61c}\u{2028}\u{2029}"),
            "\\u{202e}\\u{202a}\\u{2066}\\u{2069}\\u{200e}\\u{200f}\\u{61c}\\u{2028}\\u{2029}"
        );
        // Neighbours of the ranges stay as they are.
        assert_eq!(visible("\u{1f}\u{20}\u{7e}\u{9f}\u{a0}\u{2029}\u{202f}\u{2065}\u{206a}"), "\\u{1f} ~\\u{9f}\u{a0}\\u{2029}\u{202f}\u{2065}\u{206a}");
    }

    #[test]
    fn the_caret_stays_under_its_column_when_the_line_shows_escapes() {
        let d = Diagnostic { kind: DiagnosticKind::Parse, message: "bad \u{1b}[31mred".into(), line: Some(2), column: Some(5), field: Some("f\u{7}".into()), limit: None };
        let text = diagnostics(&[d], "r\u{1b}.rhai", "first\n\t\u{1b}[x;\n");
        assert_eq!(text, "error[parse]: bad \\u{1b}[31mred\n --> r\\u{1b}.rhai:2:5\n  |\n2 | \t\\u{1b}[x;\n  | \t        ^\n  = field: f\\u{7}\n\n");
    }
}
