//! The reading functions `evaluate()` calls to get a request's answers: `has`, `asked`, `text`,
//! `number`, `list`, `ticked…`, and the date functions.

use super::words::{each_word, register_list_fn, resolve};
use super::{fail, Res, SharedSession};
use crate::request::Answer;
use crate::text;
use rhai::{Array, Dynamic, Engine, ImmutableString, NativeCallContext, FLOAT, INT};

pub(super) fn register(engine: &mut Engine, session: &SharedSession) {
    let s = session.clone();
    engine.register_fn("has", move |ctx: NativeCallContext, id: &str| -> Res<bool> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(!matches!(s.answer(&ctx, id)?, Answer::Missing))
    });

    let s = session.clone();
    engine.register_fn("asked", move |ctx: NativeCallContext, id: &str| -> Res<bool> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        s.answer(&ctx, id)?;
        Ok(s.is_asked(id))
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
