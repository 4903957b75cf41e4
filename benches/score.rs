//! Speed of the native engine, printed as figures (not a timed test):
//!
//! - compile time of `rules/ld-intake.rhai` (median of many compiles);
//! - score time per request over the rule cases (median and p95, after warm-up);
//! - batch throughput of the `yesif score --batch` CLI, in requests per second.
//!
//! Run with `cargo bench`. Targets on a 2-core machine: compile ≤ 2 ms, score median ≤ 25 µs,
//! batch ≥ 20,000 requests/s.

use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};
use yesif::{cases, Date, RuleSet};

// The allocator of the `yesif` CLI (src/main.rs), so that these figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let source = std::fs::read_to_string(format!("{root}/rules/ld-intake.rhai")).expect("the default rules");
    let cases = cases::parse(&std::fs::read_to_string(format!("{root}/rules/ld-intake.cases.json")).expect("the cases")).expect("valid cases");
    let requests: Vec<(serde_json::Value, Date)> = cases.iter().map(|c| (c.request.clone(), Date::parse(&c.today).expect("a date"))).collect();

    // Compile.
    let mut times = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        black_box(RuleSet::compile(&source).expect("compiles"));
        times.push(t.elapsed());
    }
    times.sort();
    println!("compile rules/ld-intake.rhai ({} lines): median {}, p95 {}", source.lines().count(), micros(percentile(&times, 0.5)), micros(percentile(&times, 0.95)));

    // Score, request by request, over every case (JSON value already parsed).
    let rules = RuleSet::compile(&source).expect("compiles");
    for _ in 0..200 {
        for (r, d) in &requests {
            let _ = black_box(rules.score(r, *d));
        }
    }
    let mut times = Vec::with_capacity(requests.len() * 500);
    for _ in 0..500 {
        for (r, d) in &requests {
            let t = Instant::now();
            let _ = black_box(rules.score(r, *d));
            times.push(t.elapsed());
        }
    }
    times.sort();
    println!(
        "score one request ({} cases × 500): median {}, p95 {}",
        requests.len(),
        micros(percentile(&times, 0.5)),
        micros(percentile(&times, 0.95))
    );

    // Score from JSON text to JSON text, as the batch mode does per line.
    let lines: Vec<String> = requests.iter().map(|(r, _)| r.to_string()).collect();
    let day = requests[0].1;
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..200 {
        for line in &lines {
            if let Ok(report) = rules.score_json(line, day) {
                black_box(report.to_json());
            }
            n += 1;
        }
    }
    let per = t.elapsed() / n;
    println!("score JSON text → report JSON in-process: {} per request", micros(per));

    // The CLI's batch mode, end to end.
    let dir = std::env::temp_dir().join(format!("yesif-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp folder");
    let batch = dir.join("batch.jsonl");
    let count = 50_000;
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&batch).expect("a batch file"));
        for i in 0..count {
            writeln!(f, "{}", lines[i % lines.len()]).expect("written");
        }
    }
    let exe = env!("CARGO_BIN_EXE_yesif");
    let t = Instant::now();
    let out = std::process::Command::new(exe)
        .args(["score", "--rules", &format!("{root}/rules/ld-intake.rhai"), "--today", &day.to_string(), "--batch"])
        .arg(&batch)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("the CLI runs");
    let secs = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    println!("CLI batch of {count} requests: {:.2} s, {:.0} requests/s (including process start and rules compile)", secs, count as f64 / secs);
    let summary = String::from_utf8_lossy(&out.stderr);
    if let Some(last) = summary.lines().last() {
        println!("  tiers: {}", last.trim());
    }
}
