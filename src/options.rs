//! [`ScoreOptions`]: the context a request is scored in — the evaluation date, and which of
//! the declared fields the form actually asks.

use crate::declare::Declarations;
use crate::{Date, Diagnostic};

/// How to score a request: as of which day, on a form that asks which fields.
///
/// # Example
/// ```
/// use yesif::{Date, RuleSet, ScoreOptions};
/// let rules = RuleSet::compile(include_str!("../rules/ld-intake.rhai")).unwrap();
/// let today = Date::parse("2026-06-01").unwrap();
/// // A short form that does not ask for a sponsor: the sponsor gap becomes a follow-up.
/// let asked = ["business_outcome", "business_priority", "audience_roles", "audience_size"];
/// let options = ScoreOptions { today, asked: Some(asked.iter().map(|s| s.to_string()).collect()) };
/// let report = rules.score_with(&serde_json::json!({}), &options).unwrap();
/// assert!(report.followups.iter().any(|q| q.contains("sponsor")));
/// assert!(!report.questions.iter().any(|q| q.contains("sponsor")));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreOptions {
    /// The evaluation date: what `today()`, `days_until` and dates in words count from.
    pub today: Date,
    /// The ids of the rule fields the form offers. `None`: every declared field counts as
    /// asked (a form generated from the rules). An id the rules do not declare is an `input`
    /// diagnostic with `field: "asked"`.
    pub asked: Option<Vec<String>>,
}

impl ScoreOptions {
    /// Scoring as of `today`, with every declared field asked.
    pub fn new(today: Date) -> Self {
        Self { today, asked: None }
    }
}

/// One flag per declared field, in declaration order: whether the form asks it. Every unknown
/// id is a problem of its own, with the nearest declared id suggested.
pub(crate) fn asked_fields(decl: &Declarations, asked: Option<&[String]>) -> Result<Vec<bool>, Vec<Diagnostic>> {
    let Some(asked) = asked else {
        return Ok(vec![true; decl.fields.len()]);
    };
    let mut flags = vec![false; decl.fields.len()];
    let mut problems = Vec::new();
    for id in asked {
        let id = id.trim();
        match decl.field_index(id) {
            Some(i) => flags[i] = true,
            None => {
                let hint = nearest(id, decl.fields.iter().map(|f| f.id.as_str()))
                    .map(|n| format!("; did you mean '{n}'?"))
                    .unwrap_or_else(|| "; `yesif fields` lists the declared ids".into());
                problems.push(Diagnostic::input(Some("asked"), format!("asked: the rules declare no field '{id}'{hint}")));
            }
        }
    }
    if problems.is_empty() {
        Ok(flags)
    } else {
        Err(problems)
    }
}

/// The candidate closest to `name` by edit distance (ignoring case), if it is close enough to
/// be a likely typo: at most a third of the name's length in edits, and at least two (one
/// swapped pair of letters).
pub(crate) fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_lowercase();
    let allowed = (name.chars().count() / 3).max(2);
    candidates
        .map(|c| (edit_distance(&name, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= allowed)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance between two texts, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_suggests_only_likely_typos() {
        let ids = ["sponsor", "business_outcome", "audience_size"];
        assert_eq!(nearest("spnosor", ids.into_iter()), Some("sponsor"));
        assert_eq!(nearest("Business_Outcomes", ids.into_iter()), Some("business_outcome"));
        assert_eq!(nearest("budget", ids.into_iter()), None);
        assert_eq!(nearest("sponsr", ids.into_iter()), Some("sponsor"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
