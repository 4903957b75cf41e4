//! `yesif test`: run the cases beside each rule file.

use super::{compile, read, render::visible, Failure};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yesif::cases::{self, cases_path};

pub fn run(files: &[PathBuf]) -> Result<ExitCode, Failure> {
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in files {
        let cases_file = PathBuf::from(cases_path(&file.display().to_string()));
        if !cases_file.exists() {
            eprintln!("{}: no test cases (expected them in {})", file.display(), cases_file.display());
            failed += 1;
            continue;
        }
        let (_, Ok(rules)) = compile(file)? else {
            failed += 1;
            continue;
        };
        let list = cases::parse(&read(&cases_file)?).map_err(|e| Failure(format!("{}: {e}", cases_file.display())))?;
        let (p, f) = run_file(&rules, &list, &cases_file);
        passed += p;
        failed += f;
    }
    println!("{passed} passed, {failed} failed");
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn run_file(rules: &yesif::RuleSet, list: &[cases::Case], path: &Path) -> (usize, usize) {
    let mut failed = 0;
    for case in list {
        let outcome = case.run(rules);
        if outcome.passed() {
            continue;
        }
        failed += 1;
        println!("FAIL {} — {}", path.display(), visible(&outcome.name));
        for m in &outcome.mismatches {
            let what = visible(&m.what);
            println!("    {what}: expected {}\n    {}  actual   {}", visible(&m.expected), " ".repeat(what.chars().count()), visible(&m.actual));
        }
    }
    println!("{}: {} cases, {} passed, {} failed", path.display(), list.len(), list.len() - failed, failed);
    (list.len() - failed, failed)
}
