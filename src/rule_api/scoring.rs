//! The scoring functions `evaluate()` calls to record the outcome: `strength`, `gap`, `warning`,
//! `yes_if`, `understood`, `training_fit`, `flag` and the functions that read back what was
//! recorded.

use super::{fail, Res, SharedSession};
use crate::declare::FIT_IDS;
use crate::report::{overall_score, FindingKind, Understood};
use rhai::{Engine, ImmutableString, NativeCallContext, INT};

pub(super) fn register(engine: &mut Engine, session: &SharedSession) {
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
        if !s.run.condition_set.contains(&text) {
            s.count_text(&ctx, text.len())?;
            s.run.condition_set.insert(text.clone());
            s.run.conditions.push(text);
        }
        Ok(())
    });

    let s = session.clone();
    engine.register_fn("understood", move |ctx: NativeCallContext, field: &str, text: &str| -> Res<()> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        s.check_field(&ctx, field)?;
        let text = text.trim();
        if text.is_empty() {
            return Ok(());
        }
        let key = format!("{field}\u{0}{text}");
        if !s.run.understood_set.contains(&key) {
            s.count_text(&ctx, text.len())?;
            s.run.understood_set.insert(key);
            let entry = Understood { field: (!field.is_empty()).then(|| field.to_owned()), text: text.to_owned() };
            s.run.understood.push(entry);
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
        s.count_text(&ctx, reason.trim().len())?;
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
        if !s.run.flag_set.contains(name) {
            s.count_text(&ctx, name.len())?;
            s.run.flag_set.insert(name.to_owned());
            s.run.flags.push(name.to_owned());
        }
        Ok(())
    });

    let s = session.clone();
    engine.register_fn("flagged", move |ctx: NativeCallContext, name: &str| -> Res<bool> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(s.run.flag_set.contains(name))
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
