//! `yesif score`: one request, or a batch in JSON Lines.

use super::{compile, read, render, today, Failure};
use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;
use yesif::{Date, Diagnostic, DiagnosticKind, RuleSet};

/// A text the CLI read, with the name it shows for it: the rule file, or the request file.
struct Source<'a> {
    name: &'a str,
    text: &'a str,
}

pub fn run(rules: &Path, today_arg: Option<&str>, json: bool, batch: Option<&Path>, request: Option<&str>) -> Result<ExitCode, Failure> {
    let day = today(today_arg)?;
    let (source, Ok(compiled)) = compile(rules)? else {
        return Ok(ExitCode::FAILURE);
    };
    match batch {
        // The batch's threads compile the same text again, each for itself.
        Some(path) => super::batch::run(&source, &compiled, day, path),
        None => run_one(&compiled, Source { name: &rules.display().to_string(), text: &source }, day, today_arg.is_some(), json, request),
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

/// Scores one request as of `day`; a test-case file's own date wins unless `--today` was given.
fn run_one(rules: &RuleSet, rules_source: Source, day: Date, day_given: bool, json: bool, request: Option<&str>) -> Result<ExitCode, Failure> {
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
            if let Err(err) = rules.score_json(&text, day) {
                print_diagnostics(err.diagnostics(), &rules_source, &Source { name: &name, text: &text });
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    // A test-case file ({name, today, request, expect}) scores its request, as of its date.
    let (request, case_day) = unwrap_case(&value).unwrap_or((&value, None));
    let day = case_day.filter(|_| !day_given).unwrap_or(day);
    match rules.score(request, day) {
        Ok(report) if json => println!("{}", report.to_json()),
        Ok(report) => print!("{}", render::report(&report)),
        Err(errors) => {
            print_diagnostics(errors.diagnostics(), &rules_source, &Source { name: &name, text: &text });
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The request and date of a test-case-shaped object, if `value` is one.
fn unwrap_case(value: &serde_json::Value) -> Option<(&serde_json::Value, Option<Date>)> {
    let obj = value.as_object()?;
    let request = obj.get("request").filter(|r| r.is_object())?;
    if !obj.keys().all(|k| matches!(k.as_str(), "name" | "today" | "request" | "expect")) {
        return None;
    }
    let day = obj.get("today").and_then(|t| t.as_str()).and_then(Date::parse);
    Some((request, day))
}
