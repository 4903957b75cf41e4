//! The [`Session`] a rule set shares with its rule API functions: which part of the file is
//! running, what the top level declared, and what the current request's evaluation recorded.

use super::{fail, Res};
use crate::declare::Declarations;
use crate::engine::Operations;
use crate::report::{Finding, FindingKind, Understood};
use crate::request::{Answer, Request};
use crate::lists::KeptLists;
use crate::text::Haystacks;
use crate::{Date, Diagnostic, Limits};
use std::collections::HashSet;
use rhai::{EvalAltResult, NativeCallContext, INT};
use std::cell::RefCell;
use std::rc::Rc;

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
    /// Operations the current run has taken, shared with the engine's progress hook.
    pub operations: Operations,
    /// The limits of the rule set, of which recording checks the report's.
    pub limits: Limits,
}

/// What one request's evaluation has recorded so far.
#[derive(Debug, Default)]
pub(crate) struct Run {
    pub request: Request,
    pub today: Option<Date>,
    /// For each declared field, in declaration order: whether the form asks it.
    pub asked: Vec<bool>,
    pub points: Vec<i64>,
    pub findings: Vec<Finding>,
    pub conditions: Vec<String>,
    pub fit: Option<(String, String)>,
    pub flags: Vec<String>,
    /// `conditions` and `flags` as sets, so that recording one again is found without a scan.
    pub condition_set: HashSet<String>,
    pub flag_set: HashSet<String>,
    /// Bytes of text recorded so far, against `maxReportBytes`.
    pub report_bytes: usize,
    pub understood: Vec<Understood>,
    /// `understood` as a set of `field\0text` keys, for the same reason.
    pub understood_set: HashSet<String>,
}

impl Session {
    pub fn new(limits: Limits) -> Self {
        Self { phase: Phase::Idle, decl: Declarations::default(), decl_problems: Vec::new(), run: Run::default(), haystacks: Haystacks::default(), lists: KeptLists::default(), operations: Operations::default(), limits }
    }

    /// Starts running the top level of the file, which declares the rule set.
    pub fn begin_declaring(&mut self) {
        self.operations.reset();
        self.phase = Phase::Declare;
    }

    /// Starts scoring `request` as of `today`, on a form that asks the fields marked in `asked`
    /// (one entry per declared field).
    pub fn begin(&mut self, request: Request, today: Date, asked: Vec<bool>) {
        // Sized for a full rubric so that recording findings never reallocates mid-request.
        self.run = Run {
            request,
            today: Some(today),
            asked,
            points: vec![0; self.decl.forces.len()],
            findings: Vec::with_capacity(48),
            conditions: Vec::with_capacity(12),
            fit: None,
            flags: Vec::with_capacity(16),
            condition_set: HashSet::new(),
            flag_set: HashSet::new(),
            report_bytes: 0,
            understood: Vec::new(),
            understood_set: HashSet::new(),
        };
        self.haystacks.clear();
        self.operations.reset();
        self.phase = Phase::Score;
    }

    pub(super) fn scoring(&mut self, ctx: &NativeCallContext) -> Res<&mut Self> {
        match self.phase {
            Phase::Score => Ok(self),
            _ => Err(fail(
                ctx,
                format!("{}() reads or scores a request, so it belongs inside `fn evaluate()` (or a function it calls), not at the top of the file", ctx.fn_name()),
            )),
        }
    }

    pub(super) fn declaring(&mut self, ctx: &NativeCallContext) -> Res<&mut Self> {
        match self.phase {
            Phase::Declare => Ok(self),
            _ => Err(fail(
                ctx,
                format!("{}() declares the rule set, so it belongs at the top of the file, not inside a function", ctx.fn_name()),
            )),
        }
    }

    pub(super) fn answer(&self, ctx: &NativeCallContext, id: &str) -> Res<&Answer> {
        match self.decl.field_index(id) {
            Some(i) => Ok(&self.run.request.answers[i]),
            None => Err(fail(ctx, format!("{}(): there is no field '{id}'; declare it with field(\"{id}\", …) at the top of the file", ctx.fn_name()))),
        }
    }

    pub(super) fn force_index(&self, ctx: &NativeCallContext, id: &str) -> Res<Option<usize>> {
        if id.is_empty() {
            return Ok(None);
        }
        self.decl.force_index(id).map(Some).ok_or_else(|| {
            let known: Vec<_> = self.decl.forces.iter().map(|f| f.id.as_str()).collect();
            fail(ctx, format!("{}(): there is no force '{id}'; the forces are {}", ctx.fn_name(), known.join(", ")))
        })
    }

    pub(super) fn check_field(&self, ctx: &NativeCallContext, id: &str) -> Res<()> {
        if id.is_empty() || self.decl.field_index(id).is_some() {
            Ok(())
        } else {
            Err(fail(ctx, format!("{}(): there is no field '{id}'; use \"\" for a finding about no particular field", ctx.fn_name())))
        }
    }

    /// Counts `bytes` more text recorded for the report, against `maxReportBytes`.
    pub(super) fn count_text(&mut self, ctx: &NativeCallContext, bytes: usize) -> Res<()> {
        self.run.report_bytes = self.run.report_bytes.saturating_add(bytes);
        if self.run.report_bytes > self.limits.max_report_bytes {
            return Err(EvalAltResult::ErrorDataTooLarge(crate::error::REPORT.into(), ctx.call_position()).into());
        }
        Ok(())
    }

    /// Whether the form asks the declared field `id` (true for "" and, defensively, for an id
    /// the caller has not checked).
    pub(super) fn is_asked(&self, id: &str) -> bool {
        self.decl.field_index(id).and_then(|i| self.run.asked.get(i).copied()).unwrap_or(true)
    }

    pub(super) fn today(&self) -> Date {
        self.run.today.unwrap_or(Date::from_unix_days(0))
    }

    // One argument per field of a finding: grouping them would only move the list elsewhere.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn record(&mut self, ctx: &NativeCallContext, kind: FindingKind, force: &str, field: &str, points: INT, message: &str, question: &str) -> Res<()> {
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
        if self.run.findings.len() >= self.limits.max_findings {
            return Err(EvalAltResult::ErrorDataTooLarge(crate::error::FINDINGS.into(), ctx.call_position()).into());
        }
        self.count_text(ctx, message.len() + question.len())?;
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        let asked = self.is_asked(field);
        self.run.findings.push(Finding {
            kind,
            force: opt(force),
            field: opt(field),
            asked,
            points,
            message: message.to_owned(),
            question: opt(question),
        });
        Ok(())
    }
}
