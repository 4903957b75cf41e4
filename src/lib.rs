//! # yesif
//!
//! A rules engine that scores training requests against an editable rubric written in
//! [Rhai](https://rhai.rs), the same way natively and in WebAssembly.
//!
//! | module | holds |
//! | --- | --- |
//! | [`ruleset`] | [`RuleSet`]: compile a rule file once, score requests many times |
//! | `engine` | the one sandboxed `rhai::Engine` constructor |
//! | `limits` | [`Limits`], their defaults and safe maxima |
//! | `callbacks` | `sort`, `order`, `dedup` that cannot panic and pass errors on, and [`CALLBACK_FUNCTIONS`] |
//! | `rule_api` | the functions rule files call (`text`, `gap`, `yes_if`, …), and [`API`] |
//! | [`declare`] | what rule files declare: fields, forces, tiers |
//! | `request` | a JSON request checked and turned into typed answers |
//! | `options` | [`ScoreOptions`]: the date, and the fields the form asks |
//! | [`report`] | the [`Report`] a request gets |
//! | [`cases`] | rule test cases (`*.cases.json`) and their checks |
//! | [`error`] | [`Diagnostic`]: every failure, as data with a position |
//! | [`date`], [`text`] | calendar days and word-list matching for the rule API |
//! | [`evidence`] | baseline, target, change, date and measure read from free text |
//!
//! ```
//! use yesif::{Date, RuleSet};
//! let rules = RuleSet::compile(include_str!("../rules/ld-intake.rhai")).unwrap();
//! let report = rules.score(&serde_json::json!({ "business_outcome": "Quick Excel course ASAP" }),
//!                          Date::parse("2026-06-01").unwrap()).unwrap();
//! assert_eq!(report.tier.id, "needs-info");
//! assert!(report.questions.iter().any(|q| q.contains("business outcome")));
//! ```
#![deny(missing_docs)]

mod callbacks;
pub mod cases;
pub mod date;
pub mod declare;
mod engine;
pub mod error;
mod limits;
pub mod evidence;
mod lists;
mod options;
pub mod report;
mod request;
mod rule_api;
pub mod ruleset;
pub mod text;
// Public (but undocumented) only so that tests/wasm_*.rs can drive the JS API in the browser.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use callbacks::CALLBACK_FUNCTIONS;
pub use date::Date;
pub use declare::{Field, FieldOption, FieldType, Force, RulesInfo, Tier};
pub use limits::{Limits, LimitsError};
pub use error::{Diagnostic, DiagnosticKind, Diagnostics};
pub use options::ScoreOptions;
pub use report::{Finding, FindingKind, ForceScore, Report, TierResult, TrainingFit, Understood};
pub use rule_api::{ApiFunction, API};
pub use ruleset::RuleSet;
