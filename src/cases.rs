//! Rule test cases: requests with the outcome a rule set must give them.
//!
//! A rule file `x.rhai` keeps its cases beside it in `x.cases.json`, a JSON array of
//! `{name, today, asked?, request, expect}` objects (the shape of the samples in the domain
//! research); `asked`, when given, lists the rule fields the case's form offers.
//! `expect` pins as much or as little as a case needs; every key is optional:
//!
//! | key | passes when |
//! | --- | --- |
//! | `tier` | the tier id is this |
//! | `training_fit` | the training-fit verdict is this |
//! | `score_min`, `score_max` | the score lies in this range (inclusive) |
//! | `questions` | each entry occurs (any case) in one of the questions |
//! | `followups` | each entry occurs (any case) in one of the follow-up questions |
//! | `understood` | each entry occurs (any case) in one of the texts the rules understood |
//! | `conditions` | each entry occurs (any case) in one of the "Yes, if…" conditions |
//! | `gaps` | each listed field has a gap |
//! | `no_gaps` | none of the listed fields has a gap |
//! | `flags` | each listed flag is raised |
//! | `error` | scoring fails, and a diagnostic's message contains this |

use crate::{Date, Report, RuleSet, ScoreOptions};
use serde::{Deserialize, Serialize};

/// One test case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the case is about, shown when it fails.
    pub name: String,
    /// The evaluation date, `YYYY-MM-DD`.
    pub today: String,
    /// The rule fields the case's form asks (see [`crate::ScoreOptions::asked`]); absent:
    /// every declared field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked: Option<Vec<String>>,
    /// The request, as a form would send it.
    pub request: serde_json::Value,
    /// What the rules must conclude.
    pub expect: Expect,
}

/// What a case expects; see the module documentation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)]
pub struct Expect {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub training_fit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_max: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub followups: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub understood: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_gaps: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One way a case's outcome differs from what it expects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// Which expectation failed (`tier`, `score`, `questions`, …).
    pub what: String,
    /// What the case expects.
    pub expected: String,
    /// What the rules gave.
    pub actual: String,
}

/// The outcome of running one case.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// The case's name.
    pub name: String,
    /// Empty if the case passed.
    pub mismatches: Vec<Mismatch>,
    /// The report, when scoring succeeded.
    pub report: Option<Report>,
}

impl Outcome {
    /// True if every expectation held.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

/// Reads a cases file's text.
pub fn parse(text: &str) -> Result<Vec<Case>, String> {
    serde_json::from_str(text).map_err(|e| format!("the cases are not valid: {e}"))
}

/// The path of the cases file that belongs to a rule file: `x.rhai` → `x.cases.json`.
pub fn cases_path(rules_path: &str) -> String {
    format!("{}.cases.json", rules_path.strip_suffix(".rhai").unwrap_or(rules_path))
}

impl Case {
    /// Scores the case's request with `rules` and compares the outcome with `expect`.
    pub fn run(&self, rules: &RuleSet) -> Outcome {
        let mut out = Outcome { name: self.name.clone(), mismatches: Vec::new(), report: None };
        let mut miss = |what: &str, expected: String, actual: String| {
            out.mismatches.push(Mismatch { what: what.into(), expected, actual })
        };
        let Some(today) = Date::parse(&self.today) else {
            miss("today", "a date as YYYY-MM-DD".into(), self.today.clone());
            return out;
        };
        let e = &self.expect;
        let options = ScoreOptions { today, asked: self.asked.clone() };
        let report = match rules.score_with(&self.request, &options) {
            Err(err) => {
                match &e.error {
                    Some(want) if err.diagnostics().iter().any(|d| d.message.contains(want.as_str())) => {}
                    Some(want) => miss("error", want.clone(), err.to_string()),
                    None => miss("report", "a report".into(), err.to_string()),
                }
                return out;
            }
            Ok(report) => report,
        };
        if let Some(want) = &e.error {
            miss("error", want.clone(), "a report, no error".into());
        }
        if let Some(want) = &e.tier {
            if *want != report.tier.id {
                miss("tier", want.clone(), report.tier.id.clone());
            }
        }
        if let Some(want) = &e.training_fit {
            if *want != report.training_fit.id {
                miss("training_fit", want.clone(), report.training_fit.id.clone());
            }
        }
        if e.score_min.is_some_and(|m| report.score < m) || e.score_max.is_some_and(|m| report.score > m) {
            let range = format!(
                "{} to {}",
                e.score_min.map_or("0".into(), |m| m.to_string()),
                e.score_max.map_or("100".into(), |m| m.to_string())
            );
            miss("score", range, report.score.to_string());
        }
        let contains = |list: &[String], needle: &str| {
            let needle = needle.to_lowercase();
            list.iter().any(|s| s.to_lowercase().contains(&needle))
        };
        for q in e.questions.iter().filter(|q| !contains(&report.questions, q)) {
            miss("questions", format!("a question with \"{q}\""), format!("{:?}", report.questions));
        }
        for q in e.followups.iter().filter(|q| !contains(&report.followups, q)) {
            miss("followups", format!("a follow-up question with \"{q}\""), format!("{:?}", report.followups));
        }
        let understood: Vec<String> = report.understood.iter().map(|u| u.text.clone()).collect();
        for u in e.understood.iter().filter(|u| !contains(&understood, u)) {
            miss("understood", format!("understood \"{u}\""), format!("{understood:?}"));
        }
        for c in e.conditions.iter().filter(|c| !contains(&report.conditions, c)) {
            miss("conditions", format!("a condition with \"{c}\""), format!("{:?}", report.conditions));
        }
        let gap_fields: Vec<&str> = report.gaps().filter_map(|f| f.field.as_deref()).collect();
        for g in e.gaps.iter().filter(|g| !gap_fields.contains(&g.as_str())) {
            miss("gaps", format!("a gap on {g}"), format!("gaps on {gap_fields:?}"));
        }
        for g in e.no_gaps.iter().filter(|g| gap_fields.contains(&g.as_str())) {
            miss("no_gaps", format!("no gap on {g}"), format!("gaps on {gap_fields:?}"));
        }
        for f in e.flags.iter().filter(|f| !report.flags.contains(f)) {
            miss("flags", format!("flag {f}"), format!("{:?}", report.flags));
        }
        out.report = Some(report);
        out
    }
}
