//! `yesif score --batch`: re-score a JSON Lines file on every core, in input order.
//!
//! A `RuleSet` belongs to one thread (its engine is not `Send`), so each worker compiles its own
//! copy of the rules. The main thread reads chunks of lines, hands them to the workers in turn
//! and writes their results back in the same turn, so the output keeps the input's order.

use super::Failure;
use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::{Duration, Instant};
use yesif::{Date, Diagnostic, RuleSet};

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

struct Worker {
    lines: SyncSender<Vec<(usize, String)>>,
    results: Receiver<Vec<Scored>>,
}

fn score_line(rules: &RuleSet, tiers: &[String], day: Date, line_no: usize, line: &str) -> Scored {
    match rules.score_json(line, day) {
        Ok(report) => {
            let tier = tiers.iter().position(|t| *t == report.tier.id);
            (report.to_json(), Ok(tier))
        }
        Err(errors) => {
            let record = ErrorRecord { line: line_no, error: errors.diagnostics() };
            (serde_json::to_string(&record).unwrap_or_default(), Err(()))
        }
    }
}

pub fn run(source: &str, rules: &RuleSet, day: Date, path: &Path) -> Result<ExitCode, Failure> {
    let file = std::fs::File::open(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    let mut lines = std::io::BufReader::with_capacity(1 << 16, file).lines().enumerate();
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
                let (line_tx, line_rx) = sync_channel::<Vec<(usize, String)>>(2);
                let (result_tx, result_rx) = sync_channel::<Vec<Scored>>(2);
                scope.spawn(move || {
                    // The rules compiled once already on the main thread, so this cannot fail.
                    let Ok(rules) = RuleSet::compile(source) else { return };
                    for chunk in line_rx {
                        let done = chunk.iter().map(|(n, l)| score_line(&rules, tiers, day, *n, l)).collect();
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
            for (i, line) in lines.by_ref() {
                let line = line.map_err(|e| Failure(format!("cannot read {} at line {}: {e}", path.display(), i + 1)))?;
                if !line.trim().is_empty() {
                    chunk.push((i + 1, line));
                    if chunk.len() == CHUNK {
                        break;
                    }
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
    let counts: Vec<String> = tiers.iter().zip(&per_tier).map(|(t, n)| format!("{t}: {n}")).collect();
    eprintln!("  {}", counts.join(", "));
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
