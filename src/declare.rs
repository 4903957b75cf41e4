//! What a rule file declares at its top level: its name and version, the form fields it reads,
//! the forces it scores and the tiers it chooses from.
//!
//! These run once, when the rules are compiled, and are then fixed for every request. The
//! widget and the playground read the fields to check or build a form.

use serde::{Deserialize, Serialize};

/// The kinds of form field a rule file may declare, and so the JSON value each one takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// One line of text (a string).
    Text,
    /// An email address (a string).
    Email,
    /// Several lines of text (a string).
    Textarea,
    /// A number (a JSON number, or a string holding one).
    Number,
    /// A date, as an ISO `YYYY-MM-DD` string.
    Date,
    /// One value picked from `options` (a string).
    Select,
    /// One value picked from `options`, shown as radio buttons (a string).
    Radio,
    /// Any number of values ticked from `options` (a list of strings).
    Checkboxes,
}

impl FieldType {
    /// Every field type.
    pub const ALL: [FieldType; 8] = [
        Self::Text,
        Self::Email,
        Self::Textarea,
        Self::Number,
        Self::Date,
        Self::Select,
        Self::Radio,
        Self::Checkboxes,
    ];

    /// The type as written in rule files and JSON (`text`, `checkboxes`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Email => "email",
            Self::Textarea => "textarea",
            Self::Number => "number",
            Self::Date => "date",
            Self::Select => "select",
            Self::Radio => "radio",
            Self::Checkboxes => "checkboxes",
        }
    }

    /// The type written as `s`, if there is one.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// True for the types that pick from `options`.
    pub fn has_options(self) -> bool {
        matches!(self, Self::Select | Self::Radio | Self::Checkboxes)
    }
}

/// One choice of a select, radio or checkbox field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldOption {
    /// What the request carries when this choice is picked.
    pub value: String,
    /// The label shown to people.
    pub label: String,
}

/// A form field the rules read, declared with `field(id, label, type, #{…})`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    /// The id, as rules and JSON name it.
    pub id: String,
    /// The label shown to people.
    pub label: String,
    /// What kind of value the field takes (`type` in JSON).
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// The form requires an answer.
    pub required: bool,
    /// A follow-up field: the form shows it when a finding about it is raised.
    pub followup: bool,
    /// The choices of a select, radio or checkbox field; empty for other types.
    pub options: Vec<FieldOption>,
    /// A hint shown under the field.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub help: Option<String>,
    /// Example text shown in the empty field.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub placeholder: Option<String>,
}

/// A force the rules award points to, declared with `force(id, label, max)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Force {
    /// The id, as rules and JSON name it.
    pub id: String,
    /// The label shown to people.
    pub label: String,
    /// The most points the force can earn.
    pub max: i64,
}

/// The training-fit verdicts a rule may give with `training_fit(id, reason)`.
pub const FIT_IDS: [&str; 4] = ["likely", "mixed", "unlikely", "unknown"];

/// A tier, declared with `tier(id, label, message, #{…})`. Tiers are tried in the order they
/// are declared; the first whose conditions all hold is the request's tier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tier {
    /// The id, as rules and JSON name it.
    pub id: String,
    /// The label shown to people.
    pub label: String,
    /// What the requester is told when the request lands in this tier.
    pub message: String,
    /// The score must be at least this.
    pub min_score: i64,
    /// Every one of these flags must have been raised with `flag(…)`.
    pub requires: Vec<String>,
    /// None of these flags may have been raised.
    pub excludes: Vec<String>,
    /// If not empty, the training fit must be one of these.
    pub fit: Vec<String>,
}

impl Tier {
    /// True if the tier has no conditions, so that it catches every request.
    pub fn is_fallback(&self) -> bool {
        self.min_score <= 0 && self.requires.is_empty() && self.excludes.is_empty() && self.fit.is_empty()
    }
}

/// The name, version and source hash of a compiled rule set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesInfo {
    /// The name given to `ruleset(name, version)`.
    pub name: String,
    /// The version given to `ruleset(name, version)` (`"0"` if none).
    pub version: String,
    /// SHA-256 of the rule file's text, in lower-case hex: `sha256sum` prints the same.
    pub hash: String,
}

/// Everything a rule file declared, fixed once it has compiled.
#[derive(Clone, Debug, Default)]
pub(crate) struct Declarations {
    pub name: Option<String>,
    pub version: Option<String>,
    pub fields: Vec<Field>,
    pub forces: Vec<Force>,
    pub tiers: Vec<Tier>,
}

impl Declarations {
    pub fn field_index(&self, id: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.id == id)
    }

    pub fn force_index(&self, id: &str) -> Option<usize> {
        self.forces.iter().position(|f| f.id == id)
    }
}
