//! Word-list functions (`contains_any`, `first_match`, `count_matches`, …) and the helpers every
//! function that takes a list shares: a list written in the rule or a kept list's handle.

use super::session::Session;
use super::{fail, Res, SharedSession};
use crate::lists::{KeptLists, ListArg};
use crate::text::{self, Haystack, Word};
use rhai::{Array, Dynamic, Engine, ImmutableString, NativeCallContext, INT};

/// Calls `f` with the position and text of each entry of a word list, until `f` returns false,
/// or says which entry is not text.
pub(super) fn each_word(ctx: &NativeCallContext, list: &[Dynamic], mut f: impl FnMut(usize, &str) -> bool) -> Res<()> {
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
pub(super) type Resolved<'a> = (&'a [Dynamic], Option<&'a [Word<'static>]>);

/// Resolves a list argument. A number that stands for no kept list is a mistake in the rule.
pub(super) fn resolve<'a>(ctx: &NativeCallContext, lists: &'a KeptLists, list: &'a ListArg) -> Res<Resolved<'a>> {
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
pub(super) fn register_list_fn<R: rhai::Variant + Clone>(
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

pub(super) fn register(engine: &mut Engine, session: &SharedSession) {
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
