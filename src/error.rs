//! Diagnostics: every way scoring or compiling can go wrong, as data.
//!
//! A mistake in a rule file or in a request is not a crash: it comes back as a [`Diagnostic`]
//! with a kind, a lower-case message without a trailing period and, where it has one, a source
//! position. All mapping from Rhai's errors happens here, in [`Diagnostic::from_eval`] and
//! [`Diagnostic::from_parse`], so that the CLI, the tests and the WebAssembly module all describe
//! the same failure in the same words.

use rhai::{EvalAltResult, ParseError, ParseErrorType, Position};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of mistake a [`Diagnostic`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DiagnosticKind {
    /// The rule file is not valid Rhai.
    Parse,
    /// A rule failed while running: a wrong argument, an unknown field or force, a type error.
    Runtime,
    /// A sandbox limit stopped a rule; the diagnostic's [`limit`](Diagnostic#structfield.limit) names which one.
    Limit,
    /// The request (or `today`) is not what the rules can score.
    Input,
}

impl DiagnosticKind {
    /// The kind as written in JSON and in the CLI (`parse`, `runtime`, `limit`, `input`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Parse => "parse",
            Self::Runtime => "runtime",
            Self::Limit => "limit",
            Self::Input => "input",
        }
    }
}

/// One problem found while compiling rules or scoring a request.
///
/// `line` and `column` are 1-based; the column counts Unicode characters (not bytes, not UTF-16
/// units) from the start of the line. Both are absent when the problem has no place in the
/// source, as with most input problems, which name a `field` instead.
///
/// # Example
/// ```
/// let err = yesif::RuleSet::compile("fn evaluate() { let x = ; }").unwrap_err();
/// let d = &err.diagnostics()[0];
/// assert_eq!(d.kind, yesif::DiagnosticKind::Parse);
/// assert_eq!((d.line, d.column), (Some(1), Some(25)));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// What went wrong: `parse`, `runtime`, `limit` or `input`.
    pub kind: DiagnosticKind,
    /// What went wrong, in plain words, lower case, without a trailing period.
    pub message: String,
    /// 1-based line in the rule source (for JSON syntax errors: in the request text).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u32>,
    /// 1-based column, counted in Unicode characters.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<u32>,
    /// For input problems: the request field at fault (`today` for the evaluation date).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub field: Option<String>,
    /// For limit problems: the name of the limit, as in [`crate::Limits`] (`maxOperations`, …).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub limit: Option<String>,
}

impl Diagnostic {
    fn new(kind: DiagnosticKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), line: None, column: None, field: None, limit: None }
    }

    /// A problem with the request or with one of its fields.
    pub fn input(field: Option<&str>, message: impl Into<String>) -> Self {
        Self { field: field.map(str::to_owned), ..Self::new(DiagnosticKind::Input, message) }
    }

    /// A problem in the rules found while running them, at `pos`.
    pub fn runtime(message: impl Into<String>, pos: Position) -> Self {
        Self::new(DiagnosticKind::Runtime, message).at(pos)
    }

    /// Places the diagnostic at a Rhai source position (no-op for [`Position::NONE`]).
    pub fn at(mut self, pos: Position) -> Self {
        if let (Some(line), Some(col)) = (pos.line(), pos.position()) {
            self.line = Some(line as u32);
            self.column = Some(col as u32);
        }
        self
    }

    fn limit(name: &str, message: impl Into<String>, pos: Position) -> Self {
        Self { limit: Some(name.to_owned()), ..Self::new(DiagnosticKind::Limit, message).at(pos) }
    }

    /// Maps a Rhai syntax error. Expression depth is a sandbox limit, so it maps to
    /// [`DiagnosticKind::Limit`]; everything else is a [`DiagnosticKind::Parse`] error.
    pub fn from_parse(err: &ParseError) -> Self {
        let pos = err.position();
        match err.err_type() {
            ParseErrorType::ExprTooDeep => Self::limit(
                "maxExprDepth",
                "expression nested too deeply (limit: maxExprDepth)",
                pos,
            ),
            ParseErrorType::LiteralTooLarge(what, max) => {
                // Rhai names the literal in `what`: "Size of array literal", "Number of
                // properties in object map literal", or a string's length.
                let limit = if what.contains("array") {
                    "maxArraySize"
                } else if what.contains("map") {
                    "maxMapSize"
                } else {
                    "maxStringSize"
                };
                Self::limit(limit, format!("{} is too large: the limit is {max} (limit: {limit})", what.to_lowercase()), pos)
            }
            other => Self::new(DiagnosticKind::Parse, lower_first(&other.to_string())).at(pos),
        }
    }

    /// Maps a Rhai runtime error. Errors raised inside script functions are unwrapped to the
    /// innermost one, so the position points at the line that failed, not at the call site.
    pub fn from_eval(err: &EvalAltResult, limits: &crate::Limits) -> Self {
        use EvalAltResult as E;
        match err {
            E::ErrorInFunctionCall(_, _, inner, pos) => {
                // Limits hit deep inside a call may carry no position; point at the call then.
                let d = Self::from_eval(inner, limits);
                if d.line.is_none() { d.at(*pos) } else { d }
            }
            E::ErrorParsing(kind, pos) => Self::from_parse(&ParseError(Box::new(kind.clone()), *pos)),
            // The engine's progress hook terminates a run whose operations, counted across
            // callbacks, pass the limit (see `engine::Operations`).
            E::ErrorTooManyOperations(pos) | E::ErrorTerminated(_, pos) => Self::limit(
                "maxOperations",
                format!(
                    "the rules ran too long and were stopped after {} operations (limit: maxOperations); look for a loop that never ends",
                    limits.max_operations
                ),
                *pos,
            ),
            E::ErrorStackOverflow(pos) => Self::limit(
                "maxCallDepth",
                format!(
                    "functions called each other more than {} levels deep (limit: maxCallDepth); look for a function that calls itself",
                    limits.max_call_depth
                ),
                *pos,
            ),
            E::ErrorDataTooLarge(what, pos) if what == SOURCE => Self::limit(
                "maxSourceBytes",
                format!("the rule file is longer than {} bytes (limit: maxSourceBytes)", limits.max_source_bytes),
                *pos,
            ),
            E::ErrorDataTooLarge(what, pos) if what == DECLARATIONS => Self::limit(
                "maxDeclarations",
                format!("the rule file declares more than {} names with let and const (limit: maxDeclarations); this is the first one over", limits.max_declarations),
                *pos,
            ),
            E::ErrorDataTooLarge(what, pos) if what == FINDINGS => Self::limit(
                "maxFindings",
                format!("the rules recorded more than {} findings for one request (limit: maxFindings); look for a loop that records one each time round", limits.max_findings),
                *pos,
            ),
            E::ErrorDataTooLarge(what, pos) if what == REPORT => Self::limit(
                "maxReportBytes",
                format!("the rules recorded more than {} bytes of text for one report (limit: maxReportBytes); look for a loop that records text each time round", limits.max_report_bytes),
                *pos,
            ),
            E::ErrorDataTooLarge(what, pos) => {
                let (name, max) = if what.contains("array") {
                    ("maxArraySize", limits.max_array_size)
                } else if what.contains("map") {
                    ("maxMapSize", limits.max_map_size)
                } else {
                    ("maxStringSize", limits.max_string_size)
                };
                Self::limit(name, format!("{} grew larger than {max} (limit: {name})", what.to_lowercase()), *pos)
            }
            E::ErrorTooManyVariables(pos) => {
                Self::limit("maxVariables", "too many variables (limit: maxVariables)", *pos)
            }
            E::ErrorRuntime(value, pos) => Self::runtime(value.to_string(), *pos),
            E::ErrorVariableNotFound(name, pos) => Self::runtime(
                format!("unknown name '{name}': declare it with `const {name} = …;` at the top of the file, or `let {name} = …;` before this line"),
                *pos,
            ),
            E::ErrorFunctionNotFound(sig, pos) => Self::runtime(
                format!("no function {sig}: check the name and the number and types of its arguments"),
                *pos,
            ),
            other => Self::runtime(lower_first(&strip_position(&other.to_string())), other.position()),
        }
    }
}

// What yesif's own limits pass as `ErrorDataTooLarge`'s first field, so that `from_eval` maps
// them like Rhai's: a limit error cannot be caught by a rule's `try`, and is placed at its line.
pub(crate) const SOURCE: &str = "yesif: rule source";
pub(crate) const DECLARATIONS: &str = "yesif: declarations";
pub(crate) const FINDINGS: &str = "yesif: findings";
pub(crate) const REPORT: &str = "yesif: report text";

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} error: {}", self.kind.as_str(), self.message)?;
        if let (Some(line), Some(col)) = (self.line, self.column) {
            write!(f, " (line {line}, column {col})")?;
        }
        if let Some(field) = &self.field {
            write!(f, " (field {field})")?;
        }
        Ok(())
    }
}

/// The error type of compiling and scoring: one or more [`Diagnostic`]s, never empty.
///
/// It exists (rather than a bare `Vec`) so that it implements [`std::error::Error`] and can be
/// returned from `main` or with `?`.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Wraps a non-empty list of diagnostics.
    pub fn new(list: Vec<Diagnostic>) -> Self {
        debug_assert!(!list.is_empty());
        Self(list)
    }

    /// The diagnostics, in source order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.0
    }

    /// The diagnostics as a plain list.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    /// True if any diagnostic is of `kind`.
    pub fn has(&self, kind: DiagnosticKind) -> bool {
        self.0.iter().any(|d| d.kind == kind)
    }
}

// One diagnostic is the common case; this keeps `?` working on functions that return one.
impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Self(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            d.fmt(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Rhai appends " (line L, position C)" to messages; the position lives in its own fields here.
fn strip_position(s: &str) -> String {
    match s.rfind(" (line ") {
        Some(i) if s.ends_with(')') => s[..i].to_owned(),
        _ => s.to_owned(),
    }
}

/// A serde_json error without the " at line L column C" it ends with: where a position is
/// reported, it has its own fields; where not (options objects), it means nothing to the reader.
pub(crate) fn json_error_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}
