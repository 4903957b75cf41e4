//! `yesif score`: one request, or a batch in JSON Lines.

use super::{compile, read, render, today, Failure};
use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;
use yesif::{Date, RuleSet};

pub fn run(rules: &Path, today_arg: Option<&str>, json: bool, batch: Option<&Path>, request: Option<&str>) -> Result<ExitCode, Failure> {
    let day = today(today_arg)?;
    let (source, Ok(compiled)) = compile(rules)? else {
        return Ok(ExitCode::FAILURE);
    };
    match batch {
        // The batch's threads compile the same text again, each for itself.
        Some(path) => super::batch::run(&source, &compiled, day, path),
        None => run_one(&compiled, day, today_arg.is_some(), json, request),
    }
}

/// Scores one request as of `day`; a test-case file's own date wins unless `--today` was given.
fn run_one(rules: &RuleSet, day: Date, day_given: bool, json: bool, request: Option<&str>) -> Result<ExitCode, Failure> {
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
                eprint!("{}", render::diagnostics(err.diagnostics(), &name, &text));
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
            eprint!("{}", render::diagnostics(errors.diagnostics(), &name, &text));
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
