//! The rule API: the functions a rule file calls, registered into the sandboxed engine.
//!
//! A rule file has two parts. Its top level runs once, when the rules compile, and *declares*:
//! `ruleset`, `field`, `force`, `tier` and `const` settings. Its `fn evaluate()` runs once per
//! request and *scores*: it reads answers (`text`, `number`, `ticked`, …) and records the
//! outcome (`strength`, `gap`, `yes_if`, `training_fit`, `flag`, …). Each function checks that
//! it is called in the right part and that its ids are declared, and says so in plain words
//! when not: these messages are read by L&D leads, not programmers.
//!
//! The functions share one [`Session`] with the [`crate::RuleSet`] that owns the engine.
//! [`API`] lists every function with a one-line description; the playground offers it as
//! autocompletion and the README's table is written from it.

use crate::declare::{Declarations, Field, FieldOption, FieldType, Force, Tier, FIT_IDS};
use crate::report::{overall_score, Finding, FindingKind};
use crate::request::{Answer, Request};
use crate::lists::{KeptLists, ListArg};
use crate::text::{self, Haystack, Haystacks, Word};
use crate::{Date, Diagnostic};
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map, NativeCallContext, FLOAT, INT};
use std::cell::RefCell;
use std::rc::Rc;

type Res<T> = Result<T, Box<EvalAltResult>>;

/// The session of the rule set that owns an engine, shared with its registered functions.
pub(crate) type SharedSession = Rc<RefCell<Session>>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Running the top level of the file, once, at compile time.
    Declare,
    /// Running `evaluate()` for one request.
    Score,
    /// Between runs: no rule is running.
    Idle,
}

/// State shared by the rule API functions of one rule set.
#[derive(Debug)]
pub(crate) struct Session {
    pub phase: Phase,
    pub decl: Declarations,
    /// Problems found in declarations; collected rather than thrown so all are reported.
    pub decl_problems: Vec<Diagnostic>,
    pub run: Run,
    /// Answers prepared for word-list matching, kept for one request.
    pub haystacks: Haystacks,
    /// Settings lists kept at compile time, passed to list functions by handle.
    pub lists: KeptLists,
}

/// What one request's evaluation has recorded so far.
#[derive(Debug, Default)]
pub(crate) struct Run {
    pub request: Request,
    pub today: Option<Date>,
    pub points: Vec<i64>,
    pub findings: Vec<Finding>,
    pub conditions: Vec<String>,
    pub fit: Option<(String, String)>,
    pub flags: Vec<String>,
}

impl Session {
    pub fn new() -> Self {
        Self { phase: Phase::Idle, decl: Declarations::default(), decl_problems: Vec::new(), run: Run::default(), haystacks: Haystacks::default(), lists: KeptLists::default() }
    }

    /// Starts scoring `request` as of `today`.
    pub fn begin(&mut self, request: Request, today: Date) {
        // Sized for a full rubric so that recording findings never reallocates mid-request.
        self.run = Run {
            request,
            today: Some(today),
            points: vec![0; self.decl.forces.len()],
            findings: Vec::with_capacity(48),
            conditions: Vec::with_capacity(12),
            fit: None,
            flags: Vec::with_capacity(16),
        };
        self.haystacks.clear();
        self.phase = Phase::Score;
    }

    fn scoring(&mut self, ctx: &NativeCallContext) -> Res<&mut Self> {
        match self.phase {
            Phase::Score => Ok(self),
            _ => Err(fail(
                ctx,
                format!("{}() reads or scores a request, so it belongs inside `fn evaluate()` (or a function it calls), not at the top of the file", ctx.fn_name()),
            )),
        }
    }

    fn declaring(&mut self, ctx: &NativeCallContext) -> Res<&mut Self> {
        match self.phase {
            Phase::Declare => Ok(self),
            _ => Err(fail(
                ctx,
                format!("{}() declares the rule set, so it belongs at the top of the file, not inside a function", ctx.fn_name()),
            )),
        }
    }

    fn answer(&self, ctx: &NativeCallContext, id: &str) -> Res<&Answer> {
        match self.decl.field_index(id) {
            Some(i) => Ok(&self.run.request.answers[i]),
            None => Err(fail(ctx, format!("{}(): there is no field '{id}'; declare it with field(\"{id}\", …) at the top of the file", ctx.fn_name()))),
        }
    }

    fn force_index(&self, ctx: &NativeCallContext, id: &str) -> Res<Option<usize>> {
        if id.is_empty() {
            return Ok(None);
        }
        self.decl.force_index(id).map(Some).ok_or_else(|| {
            let known: Vec<_> = self.decl.forces.iter().map(|f| f.id.as_str()).collect();
            fail(ctx, format!("{}(): there is no force '{id}'; the forces are {}", ctx.fn_name(), known.join(", ")))
        })
    }

    fn check_field(&self, ctx: &NativeCallContext, id: &str) -> Res<()> {
        if id.is_empty() || self.decl.field_index(id).is_some() {
            Ok(())
        } else {
            Err(fail(ctx, format!("{}(): there is no field '{id}'; use \"\" for a finding about no particular field", ctx.fn_name())))
        }
    }

    fn today(&self) -> Date {
        self.run.today.unwrap_or(Date::from_unix_days(0))
    }

    // One argument per field of a finding: grouping them would only move the list elsewhere.
    #[allow(clippy::too_many_arguments)]
    fn record(&mut self, ctx: &NativeCallContext, kind: FindingKind, force: &str, field: &str, points: INT, message: &str, question: &str) -> Res<()> {
        let force_idx = self.force_index(ctx, force)?;
        self.check_field(ctx, field)?;
        if points != 0 {
            let Some(i) = force_idx else {
                return Err(fail(ctx, format!("{}(): points must go to a force; name one instead of \"\"", ctx.fn_name())));
            };
            let max = self.decl.forces[i].max;
            if !(0..=max).contains(&points) {
                return Err(fail(ctx, format!("{}(): points must be between 0 and {max} for {force}, not {points}", ctx.fn_name())));
            }
            self.run.points[i] += points;
        }
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        self.run.findings.push(Finding {
            kind,
            force: opt(force),
            field: opt(field),
            points,
            message: message.to_owned(),
            question: opt(question),
        });
        Ok(())
    }
}

fn fail(ctx: &NativeCallContext, message: String) -> Box<EvalAltResult> {
    EvalAltResult::ErrorRuntime(message.into(), ctx.call_position()).into()
}

/// Collects a declaration problem without stopping the run, so that every one is reported.
fn problem(session: &mut Session, ctx: &NativeCallContext, message: String) {
    session.decl_problems.push(Diagnostic::runtime(message, ctx.call_position()));
}

/// One rule API function, for documentation and autocompletion.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct ApiFunction {
    /// The function's name.
    pub name: &'static str,
    /// How it is called, e.g. `text(field)`.
    pub signature: &'static str,
    /// What it does, in one line.
    pub doc: &'static str,
    /// Where it is called: `declare` (top of file), `score` (inside `evaluate`) or `any`.
    pub phase: &'static str,
}

macro_rules! api {
    ($($name:literal, $sig:literal, $phase:literal, $doc:literal;)*) => {
        &[$(ApiFunction { name: $name, signature: $sig, phase: $phase, doc: $doc }),*]
    };
}

/// Every function of the rule API.
pub const API: &[ApiFunction] = api! {
    "ruleset", "ruleset(name, version)", "declare", "Names the rule set and gives its version, shown in every report.";
    "field", "field(id, label, type, #{required, followup, options, help, placeholder})", "declare", "Declares a form field the rules read; type is text, email, textarea, number, date, select, radio or checkboxes.";
    "force", "force(id, label, max)", "declare", "Declares a force that earns points, up to max.";
    "tier", "tier(id, label, message, #{min_score, requires, excludes, fit})", "declare", "Declares a tier; tiers are tried in order and the first whose conditions hold is chosen.";
    "has", "has(field)", "score", "True if the field is answered (not missing, not blank, not an empty list).";
    "text", "text(field)", "score", "The field's answer as trimmed text; \"\" if unanswered.";
    "number", "number(field)", "score", "The field's answer as a number; 0 if unanswered.";
    "list", "list(field)", "score", "The ticked values of a checkbox field; [] if none.";
    "ticked", "ticked(field, value)", "score", "True if value is ticked in a checkbox field (or is the answer of a single-choice field).";
    "ticked_any", "ticked_any(field, values)", "score", "True if any of values is ticked.";
    "ticked_count", "ticked_count(field, values)", "score", "How many of values are ticked.";
    "ticked_names", "ticked_names(field, pairs)", "score", "The names of the ticked values, as a sentence lists them (\"a, b and c\"); pairs is a list of [value, name], in the order to name them.";
    "days_until", "days_until(field)", "score", "Days from today to the date in the field (negative if past); 0 if unanswered.";
    "weeks_until", "weeks_until(field)", "score", "Weeks (with fractions) from today to the date in the field; 0.0 if unanswered.";
    "today", "today()", "score", "The evaluation date as YYYY-MM-DD.";
    "is_blank", "is_blank(text)", "any", "True if the text is empty or only spaces.";
    "word_count", "word_count(text)", "any", "How many words the text has.";
    "contains_any", "contains_any(text, words)", "any", "True if the text contains any of the words (whole words, any case; end a word with * to match its start).";
    "first_match", "first_match(text, words)", "any", "The first of the words found in the text, or \"\".";
    "count_matches", "count_matches(text, words)", "any", "How many of the words occur in the text.";
    "has_number", "has_number(text)", "any", "True if the text contains a digit.";
    "strength", "strength(force, field, points, message)", "score", "Awards points to a force and records a strength.";
    "gap", "gap(force, field, message, question)", "score", "Records a gap and the consulting question to ask; gap(force, field, points, message, question) also awards partial points.";
    "warning", "warning(force, field, message)", "score", "Records a warning that costs no points.";
    "points", "points(force)", "score", "Points awarded to the force so far in this request.";
    "current_score", "current_score()", "score", "The score so far, out of 100, as the report will count it (each force capped at its maximum).";
    "yes_if", "yes_if(text)", "score", "Adds a \"Yes, if…\" condition; the text may leave out the words \"Yes, if\".";
    "training_fit", "training_fit(verdict, reason)", "score", "Sets whether training is the fix: likely, mixed, unlikely or unknown.";
    "fit", "fit()", "score", "The training-fit verdict set so far (\"unknown\" if none).";
    "flag", "flag(name)", "score", "Raises a flag that tiers can require or exclude.";
    "flagged", "flagged(name)", "score", "True if the flag has been raised in this request.";
};

/// Registers the rule API into `engine`, bound to `session`.
pub(crate) fn register(engine: &mut Engine, session: SharedSession) {
    register_declarations(engine, &session);
    register_reading(engine, &session);
    register_text(engine, &session);
    register_scoring(engine, &session);
}

fn register_declarations(engine: &mut Engine, session: &SharedSession) {
    let s = session.clone();
    engine.register_fn("ruleset", move |ctx: NativeCallContext, name: &str, version: &str| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.declaring(&ctx)?;
        if s.decl.name.is_some() {
            problem(s, &ctx, "ruleset() is called twice; call it once, at the top of the file".into());
        }
        s.decl.name = Some(name.trim().to_owned());
        s.decl.version = Some(version.trim().to_owned());
        Ok(())
    });

    let s = session.clone();
    let field = move |ctx: NativeCallContext, id: &str, label: &str, kind: &str, opts: Map| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.declaring(&ctx)?;
        declare_field(s, &ctx, id, label, kind, opts);
        Ok(())
    };
    let f2 = field.clone();
    engine.register_fn("field", field);
    engine.register_fn("field", move |ctx: NativeCallContext, id: &str, label: &str, kind: &str| f2(ctx, id, label, kind, Map::new()));

    let s = session.clone();
    engine.register_fn("force", move |ctx: NativeCallContext, id: &str, label: &str, max: INT| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.declaring(&ctx)?;
        if !valid_id(id) {
            problem(s, &ctx, format!("force(): '{id}' is not a valid id; use lower-case letters, digits, '_' and '-'"));
        } else if s.decl.force_index(id).is_some() {
            problem(s, &ctx, format!("force(): '{id}' is declared twice"));
        } else if !(1..=1000).contains(&max) {
            problem(s, &ctx, format!("force(): the maximum of '{id}' must be between 1 and 1000, not {max}"));
        } else {
            s.decl.forces.push(Force { id: id.into(), label: label.trim().into(), max });
        }
        Ok(())
    });

    let s = session.clone();
    let tier = move |ctx: NativeCallContext, id: &str, label: &str, message: &str, opts: Map| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.declaring(&ctx)?;
        declare_tier(s, &ctx, id, label, message, opts);
        Ok(())
    };
    let t2 = tier.clone();
    engine.register_fn("tier", tier);
    engine.register_fn("tier", move |ctx: NativeCallContext, id: &str, label: &str, message: &str| t2(ctx, id, label, message, Map::new()));
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn declare_field(s: &mut Session, ctx: &NativeCallContext, id: &str, label: &str, kind: &str, opts: Map) {
    if !valid_id(id) {
        return problem(s, ctx, format!("field(): '{id}' is not a valid id; use lower-case letters, digits, '_' and '-'"));
    }
    if s.decl.field_index(id).is_some() {
        return problem(s, ctx, format!("field(): '{id}' is declared twice"));
    }
    let Some(kind) = FieldType::parse(kind) else {
        let all: Vec<_> = FieldType::ALL.iter().map(|t| t.as_str()).collect();
        return problem(s, ctx, format!("field(): '{id}' has type '{kind}'; the types are {}", all.join(", ")));
    };
    let mut field = Field {
        id: id.into(),
        label: label.trim().into(),
        kind,
        required: false,
        followup: false,
        options: Vec::new(),
        help: None,
        placeholder: None,
    };
    for (key, value) in opts {
        let bad = |what: &str| format!("field(): in '{id}', {key} must be {what}");
        let result = match key.as_str() {
            "required" => value.as_bool().map(|b| field.required = b).map_err(|_| bad("true or false")),
            "followup" => value.as_bool().map(|b| field.followup = b).map_err(|_| bad("true or false")),
            "help" => value.into_immutable_string().map(|t| field.help = Some(t.to_string())).map_err(|_| bad("text")),
            "placeholder" => value.into_immutable_string().map(|t| field.placeholder = Some(t.to_string())).map_err(|_| bad("text")),
            "options" => options(value).map(|o| field.options = o).map_err(|_| bad("a list of values, or of #{value, label} maps")),
            other => Err(format!("field(): in '{id}', '{other}' is not an option; use required, followup, options, help or placeholder")),
        };
        if let Err(message) = result {
            problem(s, ctx, message);
        }
    }
    if kind.has_options() && field.options.is_empty() {
        problem(s, ctx, format!("field(): '{id}' is a {} field, so it needs options: [...]", kind.as_str()));
    } else if !kind.has_options() && !field.options.is_empty() {
        problem(s, ctx, format!("field(): '{id}' is a {} field, which takes no options", kind.as_str()));
    }
    s.decl.fields.push(field);
}

fn options(value: Dynamic) -> Result<Vec<FieldOption>, ()> {
    let list = value.try_cast::<Array>().ok_or(())?;
    list.into_iter()
        .map(|item| {
            if item.is_string() {
                let v = item.into_immutable_string().map_err(|_| ())?.to_string();
                Ok(FieldOption { label: v.clone(), value: v })
            } else {
                let map = item.try_cast::<Map>().ok_or(())?;
                let get = |k: &str| map.get(k).and_then(|d| d.clone().into_immutable_string().ok()).map(|t| t.to_string());
                let value = get("value").ok_or(())?;
                Ok(FieldOption { label: get("label").unwrap_or_else(|| value.clone()), value })
            }
        })
        .collect()
}

fn strings(value: Dynamic) -> Result<Vec<String>, ()> {
    let list = value.try_cast::<Array>().ok_or(())?;
    list.into_iter().map(|d| d.into_immutable_string().map(|t| t.to_string()).map_err(|_| ())).collect()
}

fn declare_tier(s: &mut Session, ctx: &NativeCallContext, id: &str, label: &str, message: &str, opts: Map) {
    if !valid_id(id) {
        return problem(s, ctx, format!("tier(): '{id}' is not a valid id; use lower-case letters, digits, '_' and '-'"));
    }
    if s.decl.tiers.iter().any(|t| t.id == id) {
        return problem(s, ctx, format!("tier(): '{id}' is declared twice"));
    }
    let mut tier = Tier {
        id: id.into(),
        label: label.trim().into(),
        message: message.trim().into(),
        min_score: 0,
        requires: Vec::new(),
        excludes: Vec::new(),
        fit: Vec::new(),
    };
    for (key, value) in opts {
        let bad = |what: &str| format!("tier(): in '{id}', {key} must be {what}");
        let result = match key.as_str() {
            "min_score" => value.as_int().map(|n| tier.min_score = n).map_err(|_| bad("a whole number from 0 to 100")),
            "requires" => strings(value).map(|l| tier.requires = l).map_err(|_| bad("a list of flag names")),
            "excludes" => strings(value).map(|l| tier.excludes = l).map_err(|_| bad("a list of flag names")),
            "fit" => match strings(value) {
                Ok(l) if l.iter().all(|f| FIT_IDS.contains(&f.as_str())) => {
                    tier.fit = l;
                    Ok(())
                }
                _ => Err(bad("a list of verdicts: likely, mixed, unlikely, unknown")),
            },
            other => Err(format!("tier(): in '{id}', '{other}' is not a condition; use min_score, requires, excludes or fit")),
        };
        if let Err(message) = result {
            problem(s, ctx, message);
        }
    }
    if !(0..=100).contains(&tier.min_score) {
        problem(s, ctx, format!("tier(): in '{id}', min_score must be a whole number from 0 to 100"));
    }
    s.decl.tiers.push(tier);
}

fn register_reading(engine: &mut Engine, session: &SharedSession) {
    let s = session.clone();
    engine.register_fn("has", move |ctx: NativeCallContext, id: &str| -> Res<bool> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(!matches!(s.answer(&ctx, id)?, Answer::Missing))
    });

    let s = session.clone();
    engine.register_fn("text", move |ctx: NativeCallContext, id: &str| -> Res<ImmutableString> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(match s.answer(&ctx, id)? {
            Answer::Missing => ImmutableString::new(),
            Answer::Text(t) | Answer::Date(_, t) => t.clone(),
            Answer::Int(n) => n.to_string().into(),
            Answer::Float(x) => x.to_string().into(),
            Answer::List(items) => items.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ").into(),
        })
    });

    let s = session.clone();
    engine.register_fn("number", move |ctx: NativeCallContext, id: &str| -> Res<Dynamic> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(match s.answer(&ctx, id)? {
            Answer::Int(n) => Dynamic::from_int(*n),
            Answer::Float(x) => Dynamic::from_float(*x),
            _ => Dynamic::from_int(0),
        })
    });

    let s = session.clone();
    engine.register_fn("list", move |ctx: NativeCallContext, id: &str| -> Res<Array> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(match s.answer(&ctx, id)? {
            Answer::List(items) => items.iter().cloned().map(Dynamic::from).collect(),
            Answer::Text(t) => vec![Dynamic::from(t.clone())],
            _ => Array::new(),
        })
    });

    let s = session.clone();
    engine.register_fn("ticked", move |ctx: NativeCallContext, id: &str, value: &str| -> Res<bool> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(is_ticked(s.answer(&ctx, id)?, value))
    });

    register_list_fn(engine, session, "ticked_any", |s, ctx, id, list| {
        let s = s.scoring(ctx)?;
        let answer = s.answer(ctx, id)?;
        let mut found = false;
        each_word(ctx, resolve(ctx, &s.lists, &list)?.0, |_, v| {
            found = is_ticked(answer, v);
            !found
        })?;
        Ok(found)
    });

    register_list_fn(engine, session, "ticked_count", |s, ctx, id, list| {
        let s = s.scoring(ctx)?;
        let answer = s.answer(ctx, id)?;
        let mut count: INT = 0;
        each_word(ctx, resolve(ctx, &s.lists, &list)?.0, |_, v| {
            count += INT::from(is_ticked(answer, v));
            true
        })?;
        Ok(count)
    });

    register_list_fn(engine, session, "ticked_names", |s, ctx, id, list| {
        let s = s.scoring(ctx)?;
        let answer = s.answer(ctx, id)?;
        let mut names = Vec::new();
        for pair in resolve(ctx, &s.lists, &list)?.0 {
            // The name of a ticked value; `None` for an entry that is not a pair of text.
            let ticked_name = pair.read_lock::<Array>().and_then(|p| match &p[..] {
                [value, name] => {
                    let (value, name) = (value.as_immutable_string_ref().ok()?, name.as_immutable_string_ref().ok()?);
                    Some(is_ticked(answer, &value).then(|| name.clone()))
                }
                _ => None,
            });
            let Some(ticked_name) = ticked_name else {
                return Err(fail(ctx, format!("ticked_names(): each entry must be a [value, name] pair of text, like [\"tools\", \"the tools\"], not {pair}")));
            };
            names.extend(ticked_name);
        }
        Ok(ImmutableString::from(text::join_words(&names)))
    });

    let s = session.clone();
    engine.register_fn("days_until", move |ctx: NativeCallContext, id: &str| -> Res<INT> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        let today = s.today();
        Ok(match s.answer(&ctx, id)? {
            Answer::Date(d, _) => d.days_since(today),
            _ => 0,
        })
    });

    let s = session.clone();
    engine.register_fn("weeks_until", move |ctx: NativeCallContext, id: &str| -> Res<FLOAT> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        let today = s.today();
        Ok(match s.answer(&ctx, id)? {
            Answer::Date(d, _) => d.days_since(today) as FLOAT / 7.0,
            _ => 0.0,
        })
    });

    let s = session.clone();
    engine.register_fn("today", move |ctx: NativeCallContext| -> Res<ImmutableString> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(s.today().to_string().into())
    });
}

fn is_ticked(answer: &Answer, value: &str) -> bool {
    match answer {
        Answer::List(items) => items.iter().any(|t| t.as_str() == value),
        Answer::Text(t) => t.as_str() == value,
        _ => false,
    }
}

/// Calls `f` with the position and text of each entry of a word list, until `f` returns false,
/// or says which entry is not text.
fn each_word(ctx: &NativeCallContext, list: &[Dynamic], mut f: impl FnMut(usize, &str) -> bool) -> Res<()> {
    for (i, d) in list.iter().enumerate() {
        let s = d.as_immutable_string_ref().map_err(|_| {
            fail(ctx, format!("{}(): the word list must hold only text, but it holds {d}", ctx.fn_name()))
        })?;
        if !f(i, s.as_str()) {
            break;
        }
    }
    Ok(())
}

/// A list argument: its items, and its entries prepared for matching if the rule set kept it.
type Resolved<'a> = (&'a [Dynamic], Option<&'a [Word<'static>]>);

/// Resolves a list argument. A number that stands for no kept list is a mistake in the rule.
fn resolve<'a>(ctx: &NativeCallContext, lists: &'a KeptLists, list: &'a ListArg) -> Res<Resolved<'a>> {
    match list {
        ListArg::Given(items) => Ok((items, None)),
        ListArg::Kept(handle) => lists.get(*handle).map(|kept| (&kept.items[..], kept.words.as_deref())).ok_or_else(|| {
            fail(ctx, format!("{}(): the second argument must be a list, like [\"cut\", \"reduc*\"], not the number {handle}", ctx.fn_name()))
        }),
    }
}

/// Calls `f` with the position of each entry of a word list, prepared for matching, until `f`
/// returns false. A kept list was prepared when the rules compiled; a list written in the rule
/// is prepared entry by entry as it goes.
fn each_prepared_word(ctx: &NativeCallContext, (items, words): Resolved, mut f: impl FnMut(usize, &Word) -> bool) -> Res<()> {
    match words {
        Some(words) => {
            for (i, word) in words.iter().enumerate() {
                if !f(i, word) {
                    break;
                }
            }
            Ok(())
        }
        None => each_word(ctx, items, |i, entry| f(i, &Word::new(entry))),
    }
}

/// The first entry of a word list found in `hay`, in list order (always a text entry).
fn first_found<'a>(ctx: &NativeCallContext, hay: &Haystack, list: Resolved<'a>) -> Res<Option<&'a Dynamic>> {
    let mut found = None;
    each_prepared_word(ctx, list, |i, w| {
        found = hay.has(w).then_some(i);
        found.is_none()
    })?;
    Ok(found.map(|i| &list.0[i]))
}

/// Registers a list function twice: for a list written in the rule, and for a kept list's
/// handle (see [`crate::lists`]).
fn register_list_fn<R: rhai::Variant + Clone>(
    engine: &mut Engine,
    session: &SharedSession,
    name: &str,
    f: fn(&mut Session, &NativeCallContext, &ImmutableString, ListArg) -> Res<R>,
) {
    debug_assert!(crate::lists::LIST_FUNCTIONS.contains(&name), "{name} must be in lists::LIST_FUNCTIONS");
    let s = session.clone();
    engine.register_fn(name, move |ctx: NativeCallContext, first: ImmutableString, list: Array| f(&mut s.borrow_mut(), &ctx, &first, ListArg::Given(list)));
    let s = session.clone();
    engine.register_fn(name, move |ctx: NativeCallContext, first: ImmutableString, handle: INT| f(&mut s.borrow_mut(), &ctx, &first, ListArg::Kept(handle)));
}

fn register_text(engine: &mut Engine, session: &SharedSession) {
    engine.register_fn("is_blank", |t: &str| text::is_blank(t));
    engine.register_fn("word_count", |t: &str| text::word_count(t) as INT);
    engine.register_fn("has_number", |t: &str| text::has_number(t));
    register_list_fn(engine, session, "contains_any", |s, ctx, t, list| {
        let hay = s.haystacks.get(t);
        Ok(first_found(ctx, hay, resolve(ctx, &s.lists, &list)?)?.is_some())
    });
    register_list_fn(engine, session, "first_match", |s, ctx, t, list| {
        let hay = s.haystacks.get(t);
        let found = first_found(ctx, hay, resolve(ctx, &s.lists, &list)?)?.and_then(|d| d.as_immutable_string_ref().ok());
        Ok(found.map_or_else(ImmutableString::new, |entry| Word::shown(&entry).into()))
    });
    register_list_fn(engine, session, "count_matches", |s, ctx, t, list| {
        let hay = s.haystacks.get(t);
        let mut count: INT = 0;
        each_prepared_word(ctx, resolve(ctx, &s.lists, &list)?, |_, w| {
            count += INT::from(hay.has(w));
            true
        })?;
        Ok(count)
    });
}

fn register_scoring(engine: &mut Engine, session: &SharedSession) {
    let s = session.clone();
    engine.register_fn("strength", move |ctx: NativeCallContext, force: &str, field: &str, points: INT, message: &str| -> Res<()> {
        let mut s = s.borrow_mut();
        s.scoring(&ctx)?.record(&ctx, FindingKind::Strength, force, field, points, message, "")
    });

    let s = session.clone();
    let gap = move |ctx: NativeCallContext, force: &str, field: &str, points: INT, message: &str, question: &str| -> Res<()> {
        let mut s = s.borrow_mut();
        s.scoring(&ctx)?.record(&ctx, FindingKind::Gap, force, field, points, message, question)
    };
    let g2 = gap.clone();
    engine.register_fn("gap", gap);
    engine.register_fn("gap", move |ctx: NativeCallContext, force: &str, field: &str, message: &str, question: &str| g2(ctx, force, field, 0, message, question));

    let s = session.clone();
    engine.register_fn("warning", move |ctx: NativeCallContext, force: &str, field: &str, message: &str| -> Res<()> {
        let mut s = s.borrow_mut();
        s.scoring(&ctx)?.record(&ctx, FindingKind::Warning, force, field, 0, message, "")
    });

    let s = session.clone();
    engine.register_fn("points", move |ctx: NativeCallContext, force: &str| -> Res<INT> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        match s.force_index(&ctx, force)? {
            Some(i) => Ok(s.run.points[i]),
            None => Err(fail(&ctx, "points(): name a force".into())),
        }
    });

    let s = session.clone();
    engine.register_fn("current_score", move |ctx: NativeCallContext| -> Res<INT> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(overall_score(&s.decl.forces, &s.run.points))
    });

    let s = session.clone();
    engine.register_fn("yes_if", move |ctx: NativeCallContext, condition: &str| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        let text = yes_if_text(condition);
        if text.is_empty() {
            return Err(fail(&ctx, "yes_if(): the condition is empty".into()));
        }
        if !s.run.conditions.contains(&text) {
            s.run.conditions.push(text);
        }
        Ok(())
    });

    let s = session.clone();
    engine.register_fn("training_fit", move |ctx: NativeCallContext, verdict: &str, reason: &str| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        if !FIT_IDS.contains(&verdict) {
            return Err(fail(&ctx, format!("training_fit(): '{verdict}' is not a verdict; use likely, mixed, unlikely or unknown")));
        }
        s.run.fit = Some((verdict.to_owned(), reason.trim().to_owned()));
        Ok(())
    });

    let s = session.clone();
    engine.register_fn("fit", move |ctx: NativeCallContext| -> Res<ImmutableString> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(s.run.fit.as_ref().map_or("unknown", |(id, _)| id.as_str()).into())
    });

    let s = session.clone();
    engine.register_fn("flag", move |ctx: NativeCallContext, name: &str| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        if name.trim().is_empty() {
            return Err(fail(&ctx, "flag(): the flag needs a name".into()));
        }
        if !s.run.flags.iter().any(|f| f == name) {
            s.run.flags.push(name.to_owned());
        }
        Ok(())
    });

    let s = session.clone();
    engine.register_fn("flagged", move |ctx: NativeCallContext, name: &str| -> Res<bool> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(s.run.flags.iter().any(|f| f == name))
    });
}

/// "we can move the date" → "Yes, if we can move the date."; text that already starts with
/// "Yes, if" keeps its own wording.
fn yes_if_text(condition: &str) -> String {
    let c = condition.trim();
    if c.is_empty() {
        return String::new();
    }
    let mut out = if c.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("yes, if")) {
        format!("Yes, if{}", &c[7..])
    } else {
        format!("Yes, if {c}")
    };
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::yes_if_text;

    #[test]
    fn yes_if_adds_the_prefix_and_a_full_stop_once() {
        assert_eq!(yes_if_text("we can move the date"), "Yes, if we can move the date.");
        assert_eq!(yes_if_text("yes, if we pilot first."), "Yes, if we pilot first.");
        assert_eq!(yes_if_text("  "), "");
    }
}
