//! `yesif score`: one request, or a batch in JSON Lines.

use super::{compile, read, render, today, Failure};
use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;
use yesif::{Date, Diagnostic, DiagnosticKind, RuleSet, ScoreOptions};

/// A text the CLI read, with the name it shows for it: the rule file, or the request file.
struct Source<'a> {
    name: &'a str,
    text: &'a str,
}

/// The date and form a request is scored for: `--today` and `--asked`, each of which wins
/// over what a case-shaped request says of itself.
#[derive(Clone)]
pub struct Context {
    pub day: Date,
    pub day_given: bool,
    pub asked: Option<Vec<String>>,
}

impl Context {
    /// The options for a request that says, as a case does, its own date and form.
    pub fn options(&self, own: Option<Own>) -> ScoreOptions {
        let (own_day, own_asked) = own.map_or((None, None), |o| (o.day, o.asked));
        ScoreOptions {
            today: own_day.filter(|_| !self.day_given).unwrap_or(self.day),
            asked: self.asked.clone().or(own_asked),
        }
    }
}

/// What a case-shaped request says of itself: its date and the fields its form asks.
pub struct Own {
    day: Option<Date>,
    asked: Option<Vec<String>>,
}

pub fn run(rules: &Path, today_arg: Option<&str>, asked: Option<&[String]>, json: bool, batch: Option<&Path>, request: Option<&str>) -> Result<ExitCode, Failure> {
    let day = today(today_arg)?;
    let context = Context { day, day_given: today_arg.is_some(), asked: asked.map(<[String]>::to_vec) };
    let (source, Ok(compiled)) = compile(rules)? else {
        return Ok(ExitCode::FAILURE);
    };
    match batch {
        // The batch's threads compile the same text again, each for itself.
        Some(path) => super::batch::run(&source, &compiled, &context, path),
        None => run_one(&compiled, Source { name: &rules.display().to_string(), text: &source }, &context, json, request),
    }
}

/// Prints diagnostics, each against the text it points into: a problem with the request (kind
/// `input`, positioned in the request's JSON when it has a position) against the request file,
/// any other (a rule that failed or hit a limit) against the rule file, at the rule's line.
fn print_diagnostics(list: &[Diagnostic], rules: &Source, request: &Source) {
    for d in list {
        let source = if d.kind == DiagnosticKind::Input { request } else { rules };
        eprint!("{}", render::diagnostics(std::slice::from_ref(d), source.name, source.text));
    }
}

/// Scores one request in `context`; a test-case file's own date and form win unless `--today`
/// or `--asked` was given.
fn run_one(rules: &RuleSet, rules_source: Source, context: &Context, json: bool, request: Option<&str>) -> Result<ExitCode, Failure> {
    let (text, name) = match request {
        None | Some("-") => {
            if request.is_none() && std::io::stdin().is_terminal() {
                return Err(Failure("give a request file to score, or - to read one from standard input".into()));
            }
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| Failure(format!("cannot read standard input: {e}")))?;
            (text, "standard input".to_owned())
        }
        Some(path) => (read(Path::new(path))?, path.to_owned()),
    };
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(_) => {
            // The library turns the syntax error into a positioned diagnostic.
            if let Err(err) = rules.score_json(&text, context.day) {
                print_diagnostics(err.diagnostics(), &rules_source, &Source { name: &name, text: &text });
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    // A test-case file ({name, today, asked, request, expect}) scores its request, as of its
    // date, on its form.
    let (request, own) = unwrap_case(&value).map_or((&value, None), |(r, own)| (r, Some(own)));
    match rules.score_with(request, &context.options(own)) {
        Ok(report) if json => println!("{}", report.to_json()),
        Ok(report) => print!("{}", render::report(&report)),
        Err(errors) => {
            print_diagnostics(errors.diagnostics(), &rules_source, &Source { name: &name, text: &text });
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The request of a test-case-shaped object (`{request, name?, today?, asked?, expect?}`), and
/// what it says of itself, if `value` is one. An `asked` that is not a list of text is left out
/// (scoring then counts every field as asked).
pub fn unwrap_case(value: &serde_json::Value) -> Option<(&serde_json::Value, Own)> {
    let obj = value.as_object()?;
    let request = obj.get("request").filter(|r| r.is_object())?;
    if !obj.keys().all(|k| matches!(k.as_str(), "name" | "today" | "asked" | "request" | "expect")) {
        return None;
    }
    let day = obj.get("today").and_then(|t| t.as_str()).and_then(Date::parse);
    let asked = obj.get("asked").and_then(|a| serde_json::from_value::<Vec<String>>(a.clone()).ok());
    Some((request, Own { day, asked }))
}
