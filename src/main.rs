//! `yesif`: score training requests against rules from the command line.

mod cli;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

// Scoring allocates many small, short-lived values; see Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Score training requests against yesif rules (Rhai rule files).
#[derive(Parser)]
#[command(name = "yesif", version, about, long_about = None)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score one request, or a batch of requests (one JSON object per line).
    ///
    /// The request is a JSON object of field values. A test-case file ({name, today, asked,
    /// request, expect}, like the samples) works too, and so does a batch line of that shape:
    /// its request is scored, as of its `today` unless --today is given, on a form that asks
    /// its `asked` unless --asked is given.
    ///
    /// Exit status: 0 when scored, 1 when the rules or the request have errors (or, with
    /// --batch, when any line failed), 2 when a file cannot be read.
    Score {
        /// The rule file (.rhai).
        #[arg(long, value_name = "FILE")]
        rules: PathBuf,
        /// The evaluation date, YYYY-MM-DD [default: today's date in UTC].
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        /// The rule fields the form asks, comma-separated (e.g. business_outcome,audience_size):
        /// gaps on the others become follow-up questions [default: every declared field].
        #[arg(long, value_name = "ID,ID,…", value_delimiter = ',')]
        asked: Option<Vec<String>>,
        /// Print the report as JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Score every line of a JSON Lines file; writes one JSON report (or error record) per
        /// line to standard output and a summary to standard error.
        #[arg(long, value_name = "FILE.jsonl", conflicts_with = "request")]
        batch: Option<PathBuf>,
        /// The request file, or - for standard input.
        #[arg(value_name = "REQUEST.json | -")]
        request: Option<String>,
    },
    /// Run the test cases beside each rule file (x.rhai → x.cases.json).
    ///
    /// Prints each failing case with what it expected and what the rules gave.
    /// Exit status: 0 when every case passes, 1 otherwise.
    Test {
        /// Rule files whose cases to run.
        #[arg(value_name = "FILE.rhai", required = true)]
        files: Vec<PathBuf>,
    },
    /// Check a rule file: compile it and score an empty request, printing every problem with
    /// the source line and a caret.
    ///
    /// Exit status: 0 when there are no problems, 1 otherwise.
    Check {
        /// The rule file to check.
        #[arg(value_name = "FILE.rhai")]
        file: PathBuf,
        /// The evaluation date for the dry run [default: today's date in UTC].
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Print the form fields a rule file declares, as JSON.
    Fields {
        /// The rule file.
        #[arg(value_name = "FILE.rhai")]
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let result = match args.command {
        Command::Score { rules, today, asked, json, batch, request } => {
            cli::score::run(&rules, today.as_deref(), asked.as_deref(), json, batch.as_deref(), request.as_deref())
        }
        Command::Test { files } => cli::test::run(&files),
        Command::Check { file, today } => cli::check::run(&file, today.as_deref()),
        Command::Fields { file } => cli::check::fields(&file),
    };
    match result {
        Ok(code) => code,
        Err(cli::Failure(message)) => {
            eprintln!("yesif: {message}");
            ExitCode::from(2)
        }
    }
}
