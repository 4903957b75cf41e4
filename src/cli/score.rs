//! `yesif score`: one request, or a batch in JSON Lines.

use super::{compile, read, render, today, Failure};
use std::io::{BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use yesif::{Date, Diagnostic, RuleSet};

pub fn run(rules: &Path, today_arg: Option<&str>, json: bool, batch: Option<&Path>, request: Option<&str>) -> Result<ExitCode, Failure> {
    let day = today(today_arg)?;
    let Ok(rules) = compile(rules)? else {
        return Ok(ExitCode::FAILURE);
    };
    match batch {
        Some(path) => run_batch(&rules, day, path),
        None => run_one(&rules, today_arg.map(|_| day), day, json, request),
    }
}

fn run_one(rules: &RuleSet, explicit: Option<Date>, default: Date, json: bool, request: Option<&str>) -> Result<ExitCode, Failure> {
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
            if let Err(err) = rules.score_json(&text, default) {
                eprint!("{}", render::diagnostics(err.diagnostics(), &name, &text));
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    // A test-case file ({name, today, request, expect}) scores its request, as of its date.
    let (request, day) = match unwrap_case(&value) {
        Some((req, case_day)) => (req, explicit.or(case_day).unwrap_or(default)),
        None => (&value, explicit.unwrap_or(default)),
    };
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

#[derive(serde::Serialize)]
struct ErrorRecord<'a> {
    line: usize,
    error: &'a [Diagnostic],
}

fn run_batch(rules: &RuleSet, day: Date, path: &Path) -> Result<ExitCode, Failure> {
    let file = std::fs::File::open(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let progress = std::io::stderr().is_terminal();
    let tiers: Vec<String> = rules.tiers().into_iter().map(|t| t.id).collect();
    let mut per_tier = vec![0usize; tiers.len()];
    let (mut scored, mut failed) = (0usize, 0usize);
    let started = Instant::now();
    let mut last_progress = started;

    for (i, line) in reader.lines().enumerate() {
        let line_no = i + 1;
        let line = line.map_err(|e| Failure(format!("cannot read {} at line {line_no}: {e}", path.display())))?;
        if line.trim().is_empty() {
            continue;
        }
        let written = match rules.score_json(&line, day) {
            Ok(report) => {
                scored += 1;
                if let Some(t) = tiers.iter().position(|t| *t == report.tier.id) {
                    per_tier[t] += 1;
                }
                writeln!(out, "{}", report.to_json())
            }
            Err(errors) => {
                failed += 1;
                let record = ErrorRecord { line: line_no, error: errors.diagnostics() };
                writeln!(out, "{}", serde_json::to_string(&record).unwrap_or_default())
            }
        };
        written.map_err(|e| Failure(format!("cannot write the reports: {e}")))?;
        if progress && (scored + failed) % 256 == 0 && last_progress.elapsed() > Duration::from_millis(200) {
            last_progress = Instant::now();
            eprint!("\rscored {} requests…", scored + failed);
        }
    }
    out.flush().map_err(|e| Failure(format!("cannot write the reports: {e}")))?;
    let secs = started.elapsed().as_secs_f64();
    if progress {
        eprint!("\r");
    }
    let total = scored + failed;
    let rate = if secs > 0.0 { total as f64 / secs } else { 0.0 };
    eprintln!("scored {total} requests in {secs:.2} s ({rate:.0} a second): {scored} reports, {failed} errors");
    let counts: Vec<String> = tiers.iter().zip(&per_tier).map(|(t, n)| format!("{t}: {n}")).collect();
    eprintln!("  {}", counts.join(", "));
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
