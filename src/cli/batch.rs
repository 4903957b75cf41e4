//! `yesif score --batch`: re-score a JSON Lines file on every core, in input order.
//!
//! A `RuleSet` belongs to one thread (its engine is not `Send`), so each worker compiles its own
//! copy of the rules. The main thread reads chunks of lines, hands them to the workers in turn
//! and writes their results back in the same turn, so the output keeps the input's order.
//!
//! A line is a request, or a case-shaped `{request, today?, asked?}` (see `score::unwrap_case`).
//! A line that cannot be scored — not UTF-8, not JSON, not an object, a field of the wrong type —
//! becomes an error record with its line number, and the batch goes on.

use super::score::{unwrap_case, Context};
use super::Failure;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::{Duration, Instant};
use yesif::{Diagnostic, RuleSet};

/// Lines a worker scores at a time: large enough to make the hand-over cheap, small enough to
/// keep memory flat and the progress counter moving.
const CHUNK: usize = 2048;

#[derive(serde::Serialize)]
struct ErrorRecord<'a> {
    line: usize,
    error: &'a [Diagnostic],
}

/// What one line became: its output text, and whether it is a report (with the index of its
/// tier among the declared ones) or an error record.
type Scored = (String, Result<Option<usize>, ()>);

/// A numbered line of the input: its text, or why it has none (it is not UTF-8).
type Line = (usize, Result<String, Diagnostic>);

struct Worker {
    lines: SyncSender<Vec<Line>>,
    results: Receiver<Vec<Scored>>,
}

/// Scores one line: a request, or a case-shaped `{request, today?, asked?}` whose own date and
/// form count unless `--today` or `--asked` was given.
fn score_line(rules: &RuleSet, tiers: &[String], context: &Context, line_no: usize, line: &Result<String, Diagnostic>) -> Scored {
    let scored = match line {
        Ok(text) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => {
                let (request, own) = unwrap_case(&value).map_or((&value, None), |(r, own)| (r, Some(own)));
                rules.score_with(request, &context.options(own))
            }
            // The library turns the syntax error into a positioned diagnostic.
            Err(_) => rules.score_json_with(text, &context.options(None)),
        }
        .map_err(|e| e.diagnostics().to_vec()),
        Err(d) => Err(vec![d.clone()]),
    };
    match scored {
        Ok(report) => {
            let tier = tiers.iter().position(|t| *t == report.tier.id);
            (report.to_json(), Ok(tier))
        }
        Err(errors) => {
            let record = ErrorRecord { line: line_no, error: &errors };
            (serde_json::to_string(&record).unwrap_or_default(), Err(()))
        }
    }
}

/// The next line of `input` without its line ending (`\n` or `\r\n`), `None` at the end. A line
/// that is not UTF-8 is an `input` diagnostic naming the first bad byte and its column.
fn next_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<Result<String, Diagnostic>>> {
    buf.clear();
    if input.read_until(b'\n', buf)? == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(Some(match std::str::from_utf8(buf) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let good = &buf[..e.valid_up_to()];
            // Lossless: the bytes up to the bad one are valid UTF-8.
            let column = std::str::from_utf8(good).map_or(0, |s| s.chars().count()) + 1;
            let byte = buf[e.valid_up_to()];
            let mut d = Diagnostic::input(None, format!("the line is not UTF-8 text: byte 0x{byte:02X} at column {column} (save the file as UTF-8)"));
            d.column = Some(column as u32);
            Err(d)
        }
    }))
}

pub fn run(source: &str, rules: &RuleSet, context: &Context, path: &Path) -> Result<ExitCode, Failure> {
    let file = std::fs::File::open(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    let mut input = BufReader::with_capacity(1 << 16, file);
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let progress = std::io::stderr().is_terminal();
    let tiers: Vec<String> = rules.tiers().into_iter().map(|t| t.id).collect();
    let mut per_tier = vec![0usize; tiers.len()];
    let (mut scored, mut failed) = (0usize, 0usize);
    let started = Instant::now();
    let mut last_progress = started;
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 16);

    let tiers = &tiers;
    std::thread::scope(|scope| -> Result<(), Failure> {
        let workers: Vec<Worker> = (0..jobs)
            .map(|_| {
                let (line_tx, line_rx) = sync_channel::<Vec<Line>>(2);
                let (result_tx, result_rx) = sync_channel::<Vec<Scored>>(2);
                scope.spawn(move || {
                    // The rules compiled once already on the main thread, so this cannot fail.
                    let Ok(rules) = RuleSet::compile(source) else { return };
                    for chunk in line_rx {
                        let done = chunk.iter().map(|(n, l)| score_line(&rules, tiers, context, *n, l)).collect();
                        if result_tx.send(done).is_err() {
                            return;
                        }
                    }
                });
                Worker { lines: line_tx, results: result_rx }
            })
            .collect();

        let mut write = |results: Vec<Scored>| -> Result<(), Failure> {
            for (text, tier) in results {
                match tier {
                    Ok(t) => {
                        scored += 1;
                        if let Some(n) = t.and_then(|t| per_tier.get_mut(t)) {
                            *n += 1;
                        }
                    }
                    Err(()) => failed += 1,
                }
                writeln!(out, "{text}").map_err(|e| Failure(format!("cannot write the reports: {e}")))?;
            }
            if progress && last_progress.elapsed() > Duration::from_millis(200) {
                last_progress = Instant::now();
                eprint!("\rscored {} requests…", scored + failed);
            }
            Ok(())
        };

        // Chunk i goes to worker i % jobs; results are collected in the same order.
        fn stopped<E>(_: E) -> Failure {
            Failure("a scoring thread stopped".into())
        }
        let mut sent = 0usize;
        let mut received = 0usize;
        let mut collect_next = |received: &mut usize| -> Result<(), Failure> {
            write(workers[*received % jobs].results.recv().map_err(stopped)?)?;
            *received += 1;
            Ok(())
        };
        loop {
            let mut chunk = Vec::with_capacity(CHUNK);
            while let Some(line) = next_line(&mut input, &mut buf).map_err(|e| Failure(format!("cannot read {} at line {}: {e}", path.display(), line_no + 1)))? {
                line_no += 1;
                if line.as_ref().is_ok_and(|l| l.trim().is_empty()) {
                    continue;
                }
                chunk.push((line_no, line));
                if chunk.len() == CHUNK {
                    break;
                }
            }
            let last = chunk.len() < CHUNK;
            if !chunk.is_empty() {
                if sent - received == jobs {
                    collect_next(&mut received)?;
                }
                workers[sent % jobs].lines.send(chunk).map_err(stopped)?;
                sent += 1;
            }
            if last {
                break;
            }
        }
        while received < sent {
            collect_next(&mut received)?;
        }
        Ok(())
    })?;

    out.flush().map_err(|e| Failure(format!("cannot write the reports: {e}")))?;
    let secs = started.elapsed().as_secs_f64();
    if progress {
        eprint!("\r");
    }
    let total = scored + failed;
    let rate = if secs > 0.0 { total as f64 / secs } else { 0.0 };
    eprintln!("scored {total} requests in {secs:.2} s ({rate:.0} a second, {jobs} threads): {scored} reports, {failed} errors");
    let counts: Vec<String> = tiers.iter().zip(&per_tier).map(|(t, n)| format!("{}: {n}", super::render::visible(t))).collect();
    eprintln!("  {}", counts.join(", "));
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
