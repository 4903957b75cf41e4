//! The WebAssembly boundary: the JavaScript class `RuleSet` around [`crate::RuleSet`].
//!
//! This file only translates; every decision is made by the core. Values cross the boundary
//! as JSON text (`JSON.stringify` on the way in, `JSON.parse` on the way out): it is the one
//! conversion that gives JavaScript exactly the bytes the native CLI prints (same key order,
//! `null` where the native report has `null`, no `Map`s, no 64-bit integers). Measured in
//! Chromium 156 with the default rules, building the report object with serde-wasm-bindgen
//! (`Serializer::json_compatible`) instead of `JSON.parse` was no faster (145–215 µs against
//! 135–165 µs a score, same build otherwise) and added 5 KB (brotli) to the module.
//!
//! Expected failures are data, as in the native API: bad rules and bad requests come back as
//! `{type: "failure", diagnostics}`. Misuse of the API (an argument of the wrong type, unknown
//! options, options of the wrong type, cases that are not cases) throws a JavaScript
//! `TypeError`, made in one place, [`misuse`]. Arguments arrive as plain `JsValue`s (typed for
//! TypeScript by the extern types below) and are checked here before Rust reads them: the glue
//! wasm-bindgen writes for a `&str` parameter copies whatever it is given as if it were a
//! string, and given a number or an object it corrupts the module's memory instead of throwing.
//! A constructor cannot return a union, so `new RuleSet` throws on rules that do not compile,
//! with the diagnostics on the error's `diagnostics` property.
//!
//! The TypeScript types below are checked against the native output: `tests/ts/usage.ts`
//! (run by `make test`) assigns the golden reports the native side writes to these types, both
//! ways, so a field added on either side fails the check.

#[cfg(feature = "studio")]
use crate::cases::{self, Mismatch};
use crate::error::json_error_message;
#[cfg(feature = "studio")]
use crate::API;
use crate::{Date, Diagnostic, Limits, Report};
use js_sys::{Array, Error, RangeError, Reflect, TypeError, JSON};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** One problem found while compiling rules or scoring a request. `line` and `column` are
 * 1-based; the column counts Unicode characters (code points) from the start of the line. */
export interface Diagnostic {
  kind: "parse" | "runtime" | "limit" | "input";
  message: string;
  line?: number;
  column?: number;
  /** For input problems: the request field at fault (`today` for the evaluation date). */
  field?: string;
  /** For limit problems: the limit's name, as in `Limits`. */
  limit?: string;
}

/** Sandbox limits for one compile or one score. Every key is optional; unknown keys throw. */
export interface Limits {
  maxOperations?: number;
  maxCallDepth?: number;
  maxExprDepth?: number;
  maxStringSize?: number;
  maxArraySize?: number;
  maxMapSize?: number;
  maxFieldChars?: number;
  maxSourceBytes?: number;
  maxDeclarations?: number;
  maxFindings?: number;
  maxReportBytes?: number;
}

export interface ScoreOptions {
  /** The evaluation date, `YYYY-MM-DD`; defaults to the browser's local date. */
  today?: string;
  /** The ids of the rule fields the form offers; gaps on the others become `followups`.
   * Default: every declared field. An unknown id is an `input` diagnostic (`field: "asked"`). */
  asked?: string[];
}

export interface RulesInfo { name: string; version: string; hash: string; }

export interface Finding {
  kind: "gap" | "strength" | "warning";
  force: string | null;
  field: string | null;
  /** Whether the form asks `field` (true for a finding about no field). */
  asked: boolean;
  points: number;
  message: string;
  question: string | null;
}

export interface Report {
  score: number;
  tier: { id: string; label: string; message: string };
  trainingFit: { id: string; reason: string };
  forces: { id: string; label: string; score: number; max: number }[];
  findings: Finding[];
  /** Questions of gaps on fields the form asks: for the requester, now. */
  questions: string[];
  /** Questions of gaps on fields the form lacks: for L&D's follow-up conversation. */
  followups: string[];
  conditions: string[];
  flags: string[];
  /** What the rules read from the answers, to show back ("handle time 9 → 7 minutes by 2027-03-31"). */
  understood: { field: string | null; text: string }[];
  today: string;
  rules: RulesInfo;
}

export type Failure = { type: "failure"; diagnostics: Diagnostic[] };
export type CheckResult = { type: "success" } | Failure;
export type ScoreResult = { type: "success"; report: Report } | Failure;

export interface FieldOption { value: string; label: string; }
export interface Field {
  id: string;
  label: string;
  type: "text" | "email" | "textarea" | "number" | "date" | "select" | "radio" | "checkboxes";
  required: boolean;
  followup: boolean;
  options: FieldOption[];
  help?: string;
  placeholder?: string;
}

export interface ApiFunction {
  name: string;
  signature: string;
  doc: string;
  phase: "declare" | "score" | "any";
}

/** A rule test case, as in `rules/*.cases.json` (whose keys are snake_case). */
export interface Case { name: string; today: string; asked?: string[]; request: Record<string, unknown>; expect: Expect; }
/** What a case expects; every key is optional, unknown keys are an error. */
export interface Expect {
  tier?: string;
  training_fit?: string;
  score_min?: number;
  score_max?: number;
  questions?: string[];
  followups?: string[];
  understood?: string[];
  conditions?: string[];
  gaps?: string[];
  no_gaps?: string[];
  flags?: string[];
  error?: string;
}
export interface Mismatch { what: string; expected: string; actual: string; }
export interface CaseResult { name: string; passed: boolean; mismatches: Mismatch[]; report: Report | null; }

/** The error `new RuleSet` throws when the rules do not compile. */
export interface CompileError extends Error { diagnostics: Diagnostic[]; }
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "string")]
    pub type StringArg;
    #[wasm_bindgen(typescript_type = "Limits")]
    pub type LimitsArg;
    #[wasm_bindgen(typescript_type = "ScoreOptions")]
    pub type ScoreOptionsArg;
    #[wasm_bindgen(typescript_type = "Record<string, unknown>")]
    pub type RequestArg;
    #[wasm_bindgen(typescript_type = "Case[] | string")]
    pub type CasesArg;
    #[wasm_bindgen(typescript_type = "CheckResult")]
    pub type CheckResult;
    #[wasm_bindgen(typescript_type = "ScoreResult")]
    pub type ScoreResult;
    #[wasm_bindgen(typescript_type = "CaseResult[]")]
    pub type CaseResults;
    #[wasm_bindgen(typescript_type = "Field[]")]
    pub type Fields;
    #[wasm_bindgen(typescript_type = "RulesInfo")]
    pub type Info;
    #[wasm_bindgen(typescript_type = "ApiFunction[]")]
    pub type ApiFunctions;
}

/// Rules compiled once, scoring many requests. Call `free()` when done with it.
#[wasm_bindgen(js_name = RuleSet)]
pub struct JsRuleSet {
    rules: crate::RuleSet,
}

#[wasm_bindgen(js_class = RuleSet)]
impl JsRuleSet {
    /// Compiles `source`. Throws an `Error` with a `diagnostics` property if it does not
    /// compile, a `TypeError` if `options` has an unknown key or a value of the wrong type, and
    /// a `RangeError` if a limit is 0 or above its maximum (`Limits::MAXIMA`).
    #[wasm_bindgen(constructor)]
    pub fn new(source: StringArg, options: Option<LimitsArg>) -> Result<JsRuleSet, JsValue> {
        let source = string_arg(&source, "new RuleSet: the rules source")?;
        let limits: Limits = match options {
            Some(o) => from_js(&o, "options")?,
            None => Limits::default(),
        };
        limits.validate().map_err(|e| JsValue::from(RangeError::new(&format!("invalid options: {e}"))))?;
        match crate::RuleSet::compile_with(&source, &limits) {
            Ok(rules) => Ok(JsRuleSet { rules }),
            Err(e) => Err(compile_error(e.diagnostics())?),
        }
    }

    /// The version of yesif.
    pub fn version() -> String {
        env!("CARGO_PKG_VERSION").into()
    }

    /// Compiles `source` and scores an empty request as of `today` (default: the local date);
    /// never throws on bad rules.
    #[cfg(feature = "studio")]
    pub fn check(source: StringArg, today: Option<StringArg>) -> Result<CheckResult, JsValue> {
        let source = string_arg(&source, "RuleSet.check: the rules source")?;
        let today = today.map(|t| string_arg(&t, "RuleSet.check: today")).transpose()?;
        let diagnostics = match parse_today(today) {
            Ok(today) => crate::RuleSet::check(&source, today),
            Err(d) => vec![d],
        };
        if diagnostics.is_empty() {
            to_js(&Checked::Success)
        } else {
            to_js(&Checked::Failure { diagnostics: &diagnostics })
        }
    }

    /// The functions rules may call, for editors.
    #[cfg(feature = "studio")]
    pub fn api() -> Result<ApiFunctions, JsValue> {
        to_js(&API)
    }

    /// Scores one request, an object of field values.
    pub fn score(&self, request: RequestArg, options: Option<ScoreOptionsArg>) -> Result<ScoreResult, JsValue> {
        if !request.is_object() || Array::is_array(&request) {
            return Err(misuse(&format!("score: the request must be an object of field values, not {}", kind_of(&request))));
        }
        let options: ScoreOptions = match options {
            Some(o) => from_js(&o, "score options")?,
            None => ScoreOptions::default(),
        };
        let text = stringify(&request, "the request")?;
        let scored = parse_today(options.today)
            .map_err(crate::Diagnostics::from)
            .and_then(|today| self.rules.score_json_with(&text, &crate::ScoreOptions { today, asked: options.asked }));
        match &scored {
            Ok(report) => to_js(&Scored::Success { report }),
            Err(e) => to_js(&Scored::Failure { diagnostics: e.diagnostics() }),
        }
    }

    /// Runs rule test cases: an array of `{name, today, request, expect}`, or its JSON text.
    #[cfg(feature = "studio")]
    #[wasm_bindgen(js_name = runCases)]
    pub fn run_cases(&self, cases: CasesArg) -> Result<CaseResults, JsValue> {
        let text = match cases.as_string() {
            Some(text) => text,
            None => stringify(&cases, "the cases")?,
        };
        let cases = cases::parse(&text).map_err(|e| misuse(&e))?;
        let results: Vec<CaseResult> = cases
            .iter()
            .map(|case| {
                let out = case.run(&self.rules);
                CaseResult { passed: out.passed(), name: out.name, mismatches: out.mismatches, report: out.report }
            })
            .collect();
        to_js(&results)
    }

    /// The form fields the rules declare, in declaration order.
    pub fn fields(&self) -> Result<Fields, JsValue> {
        to_js(&self.rules.fields())
    }

    /// The rules' name, version and source hash.
    pub fn info(&self) -> Result<Info, JsValue> {
        to_js(self.rules.info())
    }
}

/// What `check` returns, tagged by `type` as the TypeScript union says.
#[cfg(feature = "studio")]
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
enum Checked<'a> {
    Success,
    Failure { diagnostics: &'a [Diagnostic] },
}

/// What `score` returns; the report serialises exactly as `Report::to_json` writes it.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
enum Scored<'a> {
    Success { report: &'a Report },
    Failure { diagnostics: &'a [Diagnostic] },
}

/// One case's outcome; `passed` is spelled out for JavaScript, which cannot call `passed()`.
#[cfg(feature = "studio")]
#[derive(Serialize)]
struct CaseResult {
    name: String,
    passed: bool,
    mismatches: Vec<Mismatch>,
    report: Option<Report>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreOptions {
    today: Option<String>,
    /// Anything but an array of strings (or null) fails to read: a `TypeError`.
    asked: Option<Vec<String>>,
}

/// The one way misuse of the API reaches JavaScript: a thrown `TypeError`.
fn misuse(message: &str) -> JsValue {
    TypeError::new(message).into()
}

/// The string in `value`, or a `TypeError` naming `what` and what it got instead.
fn string_arg(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| misuse(&format!("{what} must be a string, not {}", kind_of(value))))
}

/// What a value is, in words, for error messages: "a number", "an array", "null"…
fn kind_of(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if value.is_undefined() {
        "undefined".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        let kind = value.js_typeof().as_string().unwrap_or_default();
        let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
        format!("{article} {kind}")
    }
}

/// The `Error` a failed compile throws: the first diagnostic's message, and all of them.
fn compile_error(diagnostics: &[Diagnostic]) -> Result<JsValue, JsValue> {
    let message = diagnostics.first().map_or("the rules do not compile", |d| d.message.as_str());
    let error: JsValue = Error::new(message).into();
    let list: JsValue = to_js(&diagnostics)?;
    Reflect::set(&error, &"diagnostics".into(), &list)?;
    Ok(error)
}

/// `today` as given, or the browser's local date; a bad date is an input diagnostic.
fn parse_today(today: Option<String>) -> Result<Date, Diagnostic> {
    let today = today.unwrap_or_else(|| {
        let now = js_sys::Date::new_0();
        format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
    });
    Date::parse(&today)
        .ok_or_else(|| Diagnostic::input(Some("today"), format!("today must be a date as YYYY-MM-DD, not {today:?}")))
}

/// `JSON.stringify(value)`; `undefined` becomes `null`, which the core then rejects as data.
fn stringify(value: &JsValue, what: &str) -> Result<String, JsValue> {
    match JSON::stringify(value) {
        Ok(text) => Ok(text.as_string().unwrap_or_else(|| "null".into())),
        Err(e) => Err(misuse(&format!("{what} cannot be turned into JSON: {}", message_of(&e)))),
    }
}

/// Reads an options object through JSON, so unknown keys and wrong types fail as serde says.
fn from_js<T: for<'de> Deserialize<'de>>(value: &JsValue, what: &str) -> Result<T, JsValue> {
    let text = stringify(value, what)?;
    serde_json::from_str(&text).map_err(|e| misuse(&format!("invalid {what}: {}", json_error_message(&e))))
}

/// Serialises `value` as the native side would and hands JavaScript the parsed result.
fn to_js<T: Serialize + ?Sized, R: JsCast>(value: &T) -> Result<R, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| misuse(&e.to_string()))?;
    Ok(JSON::parse(&text)?.unchecked_into())
}

fn message_of(e: &JsValue) -> String {
    e.dyn_ref::<Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_default()
}
