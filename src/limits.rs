//! [`Limits`]: the bounds on what one compile or one score may use, their defaults, and the safe
//! maxima a host may raise them to.
//!
//! Every limit is named as in JSON (`maxOperations`, …); a diagnostic that a limit stopped names
//! it in its `limit` field. `docs/security.md` says why each default is what it is.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Bounds on what one compile or one score may use. The defaults leave the default rubric
/// (under 1,000 operations to compile, and as many a request) ample room while stopping a
/// runaway rule in well under a millisecond.
///
/// Deserialising rejects unknown names, so a typo such as `maxOperation` fails loudly. Each
/// value must lie between 1 and its maximum in [`Limits::MAXIMA`]: Rhai reads 0 as "no limit"
/// for several of them, and past the maxima a rule could overflow the stack or run for
/// seconds. [`Limits::validate`] checks that, and compiling refuses limits that fail it.
///
/// # Example
/// ```
/// let limits = yesif::Limits { max_operations: 1_000, ..Default::default() };
/// let rules = yesif::RuleSet::compile_with(include_str!("../rules/ld-intake.rhai"), &limits);
/// assert!(rules.is_ok());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Limits {
    /// Rhai operations one run may take (a loop iteration, a call, an operator each count),
    /// including those of every function a rule hands to `sort`, `map`, `filter` and the like.
    pub max_operations: u64,
    /// How deeply functions may call each other, counted from `evaluate()` (or the top of the
    /// file).
    pub max_call_depth: usize,
    /// How deeply expressions may nest, at the top level and inside functions.
    pub max_expr_depth: usize,
    /// The longest string a rule may build, in bytes.
    pub max_string_size: usize,
    /// The longest array a rule may build.
    pub max_array_size: usize,
    /// The largest object map a rule may build.
    pub max_map_size: usize,
    /// The longest text a request field may carry, in characters.
    pub max_field_chars: usize,
    /// The longest rule file, in bytes of UTF-8, checked before it is compiled.
    pub max_source_bytes: usize,
    /// The most `let` and `const` declarations a rule file may hold, checked before it is
    /// compiled: compile time grows with the declarations times the names looked up among them.
    pub max_declarations: usize,
    /// The most findings (strengths, gaps, warnings) one report may hold.
    pub max_findings: usize,
    /// The most text, in bytes, the rules may record for one report: finding messages and
    /// questions, conditions, flags and the training-fit reason, added up.
    pub max_report_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_operations: 100_000,
            max_call_depth: 32,
            max_expr_depth: 64,
            max_string_size: 65_536,
            max_array_size: 10_000,
            max_map_size: 10_000,
            max_field_chars: 20_000,
            max_source_bytes: 200_000,
            max_declarations: 500,
            max_findings: 500,
            max_report_bytes: 250_000,
        }
    }
}

impl Limits {
    /// The largest value each limit may be given. Past these, a rule could overflow the stack
    /// (call and expression depth: Rhai's own defaults for release builds, and 128), take
    /// seconds (operations, source size, declarations) or gigabytes (sizes).
    pub const MAXIMA: Limits = Limits {
        max_operations: 10_000_000,
        max_call_depth: 64,
        max_expr_depth: 128,
        max_string_size: 1 << 20,
        max_array_size: 100_000,
        max_map_size: 100_000,
        max_field_chars: 1_000_000,
        max_source_bytes: 1_000_000,
        max_declarations: 1_000,
        max_findings: 10_000,
        max_report_bytes: 10_000_000,
    };

    /// Each limit by its JSON name, with its value.
    pub fn named(&self) -> [(&'static str, u64); 11] {
        let n = |v: usize| v as u64;
        [
            ("maxOperations", self.max_operations),
            ("maxCallDepth", n(self.max_call_depth)),
            ("maxExprDepth", n(self.max_expr_depth)),
            ("maxStringSize", n(self.max_string_size)),
            ("maxArraySize", n(self.max_array_size)),
            ("maxMapSize", n(self.max_map_size)),
            ("maxFieldChars", n(self.max_field_chars)),
            ("maxSourceBytes", n(self.max_source_bytes)),
            ("maxDeclarations", n(self.max_declarations)),
            ("maxFindings", n(self.max_findings)),
            ("maxReportBytes", n(self.max_report_bytes)),
        ]
    }

    /// Checks that every limit lies between 1 and its maximum in [`Limits::MAXIMA`].
    ///
    /// # Example
    /// ```
    /// use yesif::Limits;
    /// assert!(Limits::default().validate().is_ok());
    /// let err = Limits { max_operations: 0, ..Limits::default() }.validate().unwrap_err();
    /// assert_eq!(err.name(), "maxOperations");
    /// assert_eq!(err.to_string(), "maxOperations must be a whole number from 1 to 10000000, not 0");
    /// ```
    pub fn validate(&self) -> Result<(), LimitsError> {
        for ((name, value), (_, max)) in self.named().into_iter().zip(Self::MAXIMA.named()) {
            if !(1..=max).contains(&value) {
                return Err(LimitsError { name, value, max });
            }
        }
        Ok(())
    }
}

/// A limit outside the range it must lie in (see [`Limits::validate`]): a mistake of the host
/// that configures yesif, not of the rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitsError {
    name: &'static str,
    value: u64,
    max: u64,
}

impl LimitsError {
    /// The limit's JSON name, such as `maxOperations`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The largest value the limit may be given.
    pub fn max(&self) -> u64 {
        self.max
    }
}

impl fmt::Display for LimitsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} must be a whole number from 1 to {}, not {}", self.name, self.max, self.value)
    }
}

impl std::error::Error for LimitsError {}
