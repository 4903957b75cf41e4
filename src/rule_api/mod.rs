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
//!
//! | module | holds |
//! | --- | --- |
//! | `session` | the [`Session`] shared with the rule set: phase, declarations, the current run |
//! | `catalog` | [`API`], the list of every function |
//! | `declaring` | `ruleset`, `field`, `force`, `tier` |
//! | `reading` | `has`, `text`, `number`, `list`, `ticked…`, the date functions |
//! | `words` | word-list matching, and the helpers of every function that takes a list |
//! | `evidence` | `evidence`: baseline, target, change, date and measure read from free text |
//! | `scoring` | `strength`, `gap`, `warning`, `yes_if`, `training_fit`, `flag`, … |

mod catalog;
mod declaring;
mod evidence;
mod reading;
mod scoring;
mod session;
mod words;

pub use catalog::{ApiFunction, API};
pub(crate) use session::{Phase, Run, Session, SharedSession};

use crate::Diagnostic;
use rhai::{Engine, EvalAltResult, NativeCallContext};

type Res<T> = Result<T, Box<EvalAltResult>>;

fn fail(ctx: &NativeCallContext, message: String) -> Box<EvalAltResult> {
    EvalAltResult::ErrorRuntime(message.into(), ctx.call_position()).into()
}

/// Collects a declaration problem without stopping the run, so that every one is reported.
fn problem(session: &mut Session, ctx: &NativeCallContext, message: String) {
    session.decl_problems.push(Diagnostic::runtime(message, ctx.call_position()));
}

/// Registers the rule API into `engine`, bound to `session`.
pub(crate) fn register(engine: &mut Engine, session: SharedSession) {
    declaring::register(engine, &session);
    reading::register(engine, &session);
    words::register(engine, &session);
    evidence::register(engine, &session);
    scoring::register(engine, &session);
}
