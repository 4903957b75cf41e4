//! Every rule file in `rules/` passes the cases beside it, and the default rubric's cases
//! include every shared domain sample (copied into tests/fixtures/domain-samples) with its
//! expected tier and training fit.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use yesif::cases::{self, cases_path, Case};
use yesif::RuleSet;

const RULES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");

fn load_cases(rules: &Path) -> Vec<Case> {
    let path = cases_path(&rules.display().to_string());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    cases::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_rule_file_passes_its_cases() {
    let mut files: Vec<_> = std::fs::read_dir(RULES_DIR).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "rhai")).collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for file in &files {
        let rules = RuleSet::compile(&std::fs::read_to_string(file).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let cases = load_cases(file);
        assert!(cases.len() >= 17, "{}: at least the 7 samples and 10 more cases", file.display());
        for case in &cases {
            let outcome = case.run(&rules);
            for m in &outcome.mismatches {
                failures.push(format!("{} / {}: {} expected {}, got {}", file.display(), case.name, m.what, m.expected, m.actual));
            }
        }
    }
    assert!(failures.is_empty(), "failing cases:\n{}", failures.join("\n"));
}

#[test]
fn the_default_rules_pass_a_dry_run() {
    let source = std::fs::read_to_string(format!("{RULES_DIR}/ld-intake.rhai")).unwrap();
    assert_eq!(RuleSet::check(&source, yesif::Date::parse("2026-06-01").unwrap()), []);
}

/// The shared domain samples (S1–S7), copied from `../shared/domain/samples` so that the
/// comparison below runs in every checkout; `the_copied_samples_match_the_shared_research` keeps
/// the copies true to the originals wherever those are present.
const SAMPLES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/domain-samples");

fn sample_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_default_cases_include_every_shared_sample() {
    let cases = load_cases(Path::new(&format!("{RULES_DIR}/ld-intake.rhai")));
    let files = sample_files(Path::new(SAMPLES_DIR));
    assert_eq!(files.len(), 7, "the seven shared samples S1–S7 are in {SAMPLES_DIR}");
    for path in files {
        let sample: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let case = cases
            .iter()
            .find(|c| c.request == sample["request"] && c.today == sample["today"])
            .unwrap_or_else(|| panic!("{} is not among the cases (same request and today)", path.display()));
        let tier = sample["expect"]["tier"].as_str().expect("a sample expects a tier");
        let fit = sample["expect"]["training_fit"].as_str().expect("a sample expects a training fit");
        assert_eq!(case.expect.tier.as_deref(), Some(tier), "{}", path.display());
        assert_eq!(case.expect.training_fit.as_deref(), Some(fit), "{}", path.display());
    }
}

/// Where the shared research keeps the originals: `$YESIF_DOMAIN_SAMPLES`, or `shared/domain/samples`
/// beside the checkout (or beside the main checkout, for a git worktree elsewhere).
fn original_samples() -> Option<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut places: Vec<std::path::PathBuf> = std::env::var_os("YESIF_DOMAIN_SAMPLES").map(Into::into).into_iter().collect();
    places.push(root.join("../shared/domain/samples"));
    if let Ok(out) = std::process::Command::new("git").args(["rev-parse", "--git-common-dir"]).current_dir(root).output() {
        let common = root.join(String::from_utf8_lossy(&out.stdout).trim());
        places.push(common.join("../../shared/domain/samples"));
    }
    places.into_iter().find(|p| p.is_dir())
}

#[test]
fn the_copied_samples_match_the_shared_research() {
    let Some(originals) = original_samples() else {
        // A clone with no research beside it has only the copies, which the test above runs.
        eprintln!("note: the shared research is not beside this checkout (set YESIF_DOMAIN_SAMPLES); the copies in {SAMPLES_DIR} were not compared with it");
        return;
    };
    let name = |p: &std::path::PathBuf| p.file_name().unwrap().to_owned();
    let copies = sample_files(Path::new(SAMPLES_DIR));
    let found = sample_files(&originals);
    assert_eq!(copies.iter().map(name).collect::<Vec<_>>(), found.iter().map(name).collect::<Vec<_>>(), "the copies are the files in {}", originals.display());
    for (copy, original) in copies.iter().zip(&found) {
        assert_eq!(std::fs::read(copy).unwrap(), std::fs::read(original).unwrap(), "{} differs from {}", copy.display(), original.display());
    }
}
