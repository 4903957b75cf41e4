//! The report a request gets: what the widget shows, what the CLI prints, what L&D receives.
//!
//! Field names serialise in camelCase and the order of fields is fixed, so the same request
//! scored with the same rules and `today` gives byte-identical JSON on every platform.

use crate::declare::{Force, RulesInfo};
use serde::{Deserialize, Serialize};

/// The outcome of scoring one request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// 0–100: the points of all forces as a share of their maxima, rounded half up.
    pub score: i64,
    /// The first declared tier whose conditions hold.
    pub tier: TierResult,
    /// Whether training is likely the fix (`unknown` if the rules did not say).
    pub training_fit: TrainingFit,
    /// One entry per declared force, in declaration order.
    pub forces: Vec<ForceScore>,
    /// Strengths, gaps and warnings, in the order the rules raised them.
    pub findings: Vec<Finding>,
    /// The consulting questions of the gaps on fields the form asks (and of gaps about no
    /// field), without duplicates, in the order raised: rules that run first are asked first.
    pub questions: Vec<String>,
    /// The consulting questions of the gaps on fields the form does not ask: what L&D will
    /// bring to the follow-up conversation. In the order raised, without duplicates, and never
    /// one already in `questions`.
    pub followups: Vec<String>,
    /// "Yes, if…" conditions, without duplicates, in the order raised.
    pub conditions: Vec<String>,
    /// Flags the rules raised with `flag(…)`, which tiers test.
    pub flags: Vec<String>,
    /// What the rules read from the answers, shown back so the requester can correct it
    /// (`understood(field, text)`), in the order recorded, without duplicates.
    pub understood: Vec<Understood>,
    /// The evaluation date, `YYYY-MM-DD`.
    pub today: String,
    /// The rules that produced the report.
    pub rules: RulesInfo,
}

/// The overall score out of 100 for the points earned per force (in the order of `forces`):
/// each force's points capped at its maximum, as a share of all the maximums, rounded half up
/// (0 when nothing can be earned). The report's `score`, and what rules read with
/// `current_score()`.
pub(crate) fn overall_score(forces: &[Force], points: &[i64]) -> i64 {
    let (earned, possible) = forces.iter().zip(points).fold((0, 0), |(e, p), (f, &points)| (e + points.clamp(0, f.max), p + f.max));
    if possible == 0 {
        0
    } else {
        (200 * earned + possible) / (2 * possible)
    }
}

/// The tier chosen for a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierResult {
    /// The id, as rules and JSON name it.
    pub id: String,
    /// The label shown to people.
    pub label: String,
    /// The message shown with it.
    pub message: String,
}

/// Whether training is likely the fix: `likely`, `mixed`, `unlikely` or `unknown`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingFit {
    /// The id, as rules and JSON name it.
    pub id: String,
    /// Why, in plain words.
    pub reason: String,
}

/// Points one force earned, capped at its maximum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForceScore {
    /// The id, as rules and JSON name it.
    pub id: String,
    /// The label shown to people.
    pub label: String,
    /// Points earned, between 0 and `max`.
    pub score: i64,
    /// The most points the force can earn.
    pub max: i64,
}

/// What a finding says about the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FindingKind {
    /// Something missing or weak; comes with a consulting question.
    Gap,
    /// Something done well; carries the points it earned.
    Strength,
    /// Something to watch that does not cost points.
    Warning,
}

/// One observation about the request, tied to a force and a field where it has them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Gap, strength or warning.
    pub kind: FindingKind,
    /// The force the finding concerns, if any.
    pub force: Option<String>,
    /// The form field the finding concerns, if any.
    pub field: Option<String>,
    /// Whether the form asks the finding's field (see `ScoreOptions::asked`); true for a
    /// finding about no particular field.
    pub asked: bool,
    /// Points the finding awarded (0 for most gaps and all warnings).
    pub points: i64,
    /// The message shown with it.
    pub message: String,
    /// For a gap: the consulting question to ask.
    pub question: Option<String>,
}

/// Something the rules read from an answer, in words the requester can check: "handle time
/// 9 → 7 minutes by 2027-03-31".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Understood {
    /// The field it was read from, if any.
    pub field: Option<String>,
    /// What was understood.
    pub text: String,
}

impl Report {
    /// The report as compact JSON, the form the CLI's `--json` and the batch mode write.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a report always serialises")
    }

    /// The gaps on fields the form does not ask, in the order raised: L&D's follow-up topics.
    pub fn followup_gaps(&self) -> impl Iterator<Item = &Finding> {
        self.gaps().filter(|f| !f.asked)
    }

    /// The gaps only, in the order raised.
    pub fn gaps(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.kind == FindingKind::Gap)
    }
}
