//! Request values: a JSON object turned into the typed values the rule API reads.
//!
//! Only the fields the rules declare are read; other keys are ignored, so a host form may send
//! more than the rules need. Blank text, empty lists and `null` all count as "not answered".
//! Every value is checked against its field's declared type before any rule runs, and all the
//! problems are reported at once, each naming its field.

use crate::declare::{Declarations, Field, FieldType};
use crate::{Date, Diagnostic, Diagnostics, Limits};
use rhai::ImmutableString;
use serde_json::Value as Json;

/// The largest integer a JSON number may hold and still mean the same thing in JavaScript.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// One field's answer.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Answer {
    Missing,
    Text(ImmutableString),
    Int(i64),
    Float(f64),
    Date(Date, ImmutableString),
    List(Vec<ImmutableString>),
}

/// A request's answers, one per declared field, in declaration order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Request {
    pub answers: Vec<Answer>,
}

impl Request {
    /// Reads and checks the declared fields of `json`.
    pub fn from_json(decl: &Declarations, json: &Json, limits: &Limits) -> Result<Request, Diagnostics> {
        let Json::Object(map) = json else {
            return Err(Diagnostic::input(
                None,
                format!("the request must be a JSON object of field values, not {}", describe(json)),
            )
            .into());
        };
        let mut problems = Vec::new();
        let answers = decl
            .fields
            .iter()
            .map(|field| match map.get(&field.id) {
                None => Answer::Missing,
                Some(value) => read(field, value, limits).unwrap_or_else(|message| {
                    problems.push(Diagnostic::input(Some(&field.id), format!("{} ({}): {message}", field.label, field.id)));
                    Answer::Missing
                }),
            })
            .collect();
        if problems.is_empty() {
            Ok(Request { answers })
        } else {
            Err(Diagnostics::new(problems))
        }
    }

    /// An empty request, as `check` uses for a dry run.
    pub fn empty(decl: &Declarations) -> Request {
        Request { answers: vec![Answer::Missing; decl.fields.len()] }
    }
}

fn read(field: &Field, value: &Json, limits: &Limits) -> Result<Answer, String> {
    if value.is_null() {
        return Ok(Answer::Missing);
    }
    match field.kind {
        FieldType::Checkboxes => {
            let Json::Array(items) = value else {
                return Err(format!("expects a list of ticked values, not {}", describe(value)));
            };
            if items.len() > limits.max_array_size {
                return Err(format!("has {} ticked values; the limit is {} (maxArraySize)", items.len(), limits.max_array_size));
            }
            let mut list = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Json::String(s) => {
                        let s = checked_text(s, limits)?;
                        if !s.is_empty() {
                            list.push(s.into());
                        }
                    }
                    other => return Err(format!("expects a list of text values, but one is {}", describe(other))),
                }
            }
            Ok(if list.is_empty() { Answer::Missing } else { Answer::List(list) })
        }
        FieldType::Number => match value {
            Json::Number(n) => number(n.as_f64().unwrap_or(f64::INFINITY), &n.to_string()),
            Json::String(s) => {
                let t = checked_text(s, limits)?;
                if t.is_empty() {
                    return Ok(Answer::Missing);
                }
                match t.replace(',', "").parse::<f64>() {
                    Ok(x) if x.is_finite() => number(x, t),
                    _ => Err(format!("expects a number, not the text \"{}\"", preview(t))),
                }
            }
            other => Err(format!("expects a number, not {}", describe(other))),
        },
        FieldType::Date => {
            let Json::String(s) = value else {
                return Err(format!("expects a date as YYYY-MM-DD, not {}", describe(value)));
            };
            let t = s.trim();
            if t.is_empty() {
                return Ok(Answer::Missing);
            }
            Date::parse(t)
                .map(|d| Answer::Date(d, t.into()))
                .ok_or_else(|| format!("expects a date as YYYY-MM-DD, not \"{}\"", preview(t)))
        }
        _ => match value {
            Json::String(s) => {
                let t = checked_text(s, limits)?;
                Ok(if t.is_empty() { Answer::Missing } else { Answer::Text(t.into()) })
            }
            other => Err(format!("expects {}, not {}", if field.kind.has_options() { "one value as text" } else { "text" }, describe(other))),
        },
    }
}

fn number(x: f64, written: &str) -> Result<Answer, String> {
    if x.is_nan() || x.abs() > MAX_SAFE_INTEGER {
        return Err(format!(
            "the number {} is too large to score exactly (beyond ±2^53)",
            preview(written)
        ));
    }
    Ok(if x.fract() == 0.0 { Answer::Int(x as i64) } else { Answer::Float(x) })
}

fn checked_text<'a>(s: &'a str, limits: &Limits) -> Result<&'a str, String> {
    // Counting characters is only needed when the byte length could exceed the limit.
    if s.len() > limits.max_field_chars {
        let chars = s.chars().count();
        if chars > limits.max_field_chars {
            return Err(format!(
                "is {chars} characters long; the limit is {} (maxFieldChars)",
                limits.max_field_chars
            ));
        }
    }
    Ok(s.trim())
}

/// "a number", "a list", … for messages about wrong types.
fn describe(value: &Json) -> String {
    match value {
        Json::Null => "null".into(),
        Json::Bool(b) => format!("true/false ({b})"),
        Json::Number(n) => format!("a number ({})", preview(&n.to_string())),
        Json::String(s) => format!("text (\"{}\")", preview(s)),
        Json::Array(_) => "a list".into(),
        Json::Object(_) => "an object".into(),
    }
}

/// At most 40 characters of a value, for quoting in a message.
fn preview(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}
