//! The `yesif` command line: one module per command, plus text rendering.

pub mod batch;
pub mod check;
pub mod render;
pub mod score;
pub mod test;

use std::path::Path;
use yesif::{Date, Diagnostics, RuleSet};

/// A failure outside the rules and requests themselves: a file that cannot be read, a bad
/// argument. Reported as `yesif: …` with exit status 2.
pub struct Failure(pub String);

pub fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
}

/// `--today`, or the current date in UTC.
pub fn today(arg: Option<&str>) -> Result<Date, Failure> {
    match arg {
        Some(s) => Date::parse(s).ok_or_else(|| Failure(format!("--today must be a date as YYYY-MM-DD, not '{s}'"))),
        None => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|_| Failure("the system clock is before 1970; pass --today".into()))?
                .as_secs();
            Ok(Date::from_unix_days((secs / 86_400) as i64))
        }
    }
}

/// Reads and compiles a rule file, printing its diagnostics with source snippets if it does not
/// compile. The source comes back too, for whatever needs the very text that was compiled.
pub fn compile(path: &Path) -> Result<(String, Result<RuleSet, Diagnostics>), Failure> {
    let source = read(path)?;
    let compiled = RuleSet::compile(&source);
    if let Err(errors) = &compiled {
        eprint!("{}", render::diagnostics(errors.diagnostics(), &path.display().to_string(), &source));
    }
    Ok((source, compiled))
}
