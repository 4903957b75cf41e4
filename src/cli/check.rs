//! `yesif check` and `yesif fields`.

use super::{compile, read, render, today, Failure};
use std::path::Path;
use std::process::ExitCode;
use yesif::RuleSet;

pub fn run(file: &Path, today_arg: Option<&str>) -> Result<ExitCode, Failure> {
    let source = read(file)?;
    let found = RuleSet::check(&source, today(today_arg)?);
    if found.is_empty() {
        println!("{}: no problems found", file.display());
        return Ok(ExitCode::SUCCESS);
    }
    eprint!("{}", render::diagnostics(&found, &file.display().to_string(), &source));
    eprintln!("{}: {} problem{}", file.display(), found.len(), if found.len() == 1 { "" } else { "s" });
    Ok(ExitCode::FAILURE)
}

pub fn fields(file: &Path) -> Result<ExitCode, Failure> {
    let (_, Ok(rules)) = compile(file)? else {
        return Ok(ExitCode::FAILURE);
    };
    let json = serde_json::to_string_pretty(&rules.fields()).map_err(|e| Failure(e.to_string()))?;
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}
