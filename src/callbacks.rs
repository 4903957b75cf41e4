//! yesif's own `sort`, `order` and `dedup` for arrays, registered over Rhai's.
//!
//! Rhai's versions of these three discard what a comparer returns when it fails (a limit hit
//! inside it, a runtime error), so a run could go on after its operations were spent; and its
//! `sort` relies on Rust's `slice::sort_by`, which panics when a comparer contradicts itself,
//! a panic that in WebAssembly (built with `panic = "abort"`) traps the whole module. These
//! versions pass every error on, sort with a merge sort that cannot panic whatever the comparer
//! answers, and report a comparer that contradicts itself as a runtime error at the call.
//!
//! Every other function that takes a function pointer (`map`, `filter`, `reduce`, `some`, `all`,
//! `find`, `index_of`, `for_each`, `retain`, `drain`, …) already passes errors on; the
//! operations their callbacks take are counted against the run by the engine's progress
//! counter (see [`crate::engine`]). [`CALLBACK_FUNCTIONS`] lists them all for the docs.

use rhai::{Array, Dynamic, Engine, EvalAltResult, FnPtr, ImmutableString, NativeCallContext, FLOAT, INT};
use std::any::TypeId;
use std::cmp::Ordering;

type Res<T> = Result<T, Box<EvalAltResult>>;

/// Every function available to rules that calls back a function the rule passes, as
/// `name(arguments)` on the value it is called on (an array or an object map).
pub const CALLBACK_FUNCTIONS: &[&str] = &[
    "array.all(f)",
    "array.dedup(f)",
    "array.drain(f)",
    "array.filter(f)",
    "array.find(f)",
    "array.find(f, start)",
    "array.find_map(f)",
    "array.find_map(f, start)",
    "array.for_each(f)",
    "array.index_of(f)",
    "array.index_of(f, start)",
    "array.map(f)",
    "array.order(f)",
    "array.order_by(f)",
    "array.reduce(f)",
    "array.reduce(f, initial)",
    "array.reduce_rev(f)",
    "array.reduce_rev(f, initial)",
    "array.retain(f)",
    "array.some(f)",
    "array.sort(f)",
    "array.sort_by(f)",
    "map.drain(f)",
    "map.filter(f)",
    "map.map(f)",
    "map.retain(f)",
];

fn fail(ctx: &NativeCallContext, message: String) -> Box<EvalAltResult> {
    EvalAltResult::ErrorRuntime(message.into(), ctx.call_position()).into()
}

/// Calls the rule's function `f`. A limit hit inside it comes back without a position (Rhai
/// sets the position of the call, and a call from here has none): it is placed at this call.
fn call(ctx: &NativeCallContext, f: &FnPtr, args: [Dynamic; 2]) -> Res<Dynamic> {
    f.call_raw(ctx, None, args).map_err(|mut e| {
        if e.position().is_none() {
            e.set_position(ctx.call_position());
        }
        e
    })
}

/// Registers the replacements into `engine`'s own namespace, which Rhai searches before the
/// packages, so that these win over Rhai's functions of the same name and arguments.
pub(crate) fn register(engine: &mut Engine) {
    engine.register_fn("sort", |ctx: NativeCallContext, list: &mut Array, f: FnPtr| sort_with(&ctx, list, &f));
    engine.register_fn("sort_by", |ctx: NativeCallContext, list: &mut Array, f: FnPtr| sort_with(&ctx, list, &f));
    engine.register_fn("order", |ctx: NativeCallContext, list: &mut Array, f: FnPtr| ordered(list, |l| sort_with(&ctx, l, &f)));
    engine.register_fn("order_by", |ctx: NativeCallContext, list: &mut Array, f: FnPtr| ordered(list, |l| sort_with(&ctx, l, &f)));
    engine.register_fn("sort", |ctx: NativeCallContext, list: &mut Array| sort_natural(&ctx, list, false));
    engine.register_fn("sort_desc", |ctx: NativeCallContext, list: &mut Array| sort_natural(&ctx, list, true));
    engine.register_fn("order", |ctx: NativeCallContext, list: &mut Array| ordered(list, |l| sort_natural(&ctx, l, false)));
    engine.register_fn("order_desc", |ctx: NativeCallContext, list: &mut Array| ordered(list, |l| sort_natural(&ctx, l, true)));
    engine.register_fn("dedup", |ctx: NativeCallContext, list: &mut Array, f: FnPtr| {
        dedup_by(&ctx, list, |a, b| {
            let same = call(&ctx, &f, [a.clone(), b.clone()])?;
            same.as_bool().map_err(|_| fail(&ctx, format!("dedup(): the function must return true or false, not {}", short(&same))))
        })
    });
    engine.register_fn("dedup", |ctx: NativeCallContext, list: &mut Array| {
        dedup_by(&ctx, list, |a, b| {
            if let Some(same) = plain_equal(a, b) {
                return Ok(same);
            }
            match ctx.call_native_fn_raw("==", false, &mut [&mut a.clone(), &mut b.clone()]) {
                Ok(same) => Ok(same.as_bool().unwrap_or(false)),
                // Values that `==` cannot compare are not duplicates, as in Rhai's own `dedup`.
                Err(e) if matches!(*e, EvalAltResult::ErrorFunctionNotFound(..)) => Ok(false),
                Err(e) => Err(e),
            }
        })
    });
}

/// `a == b` for numbers, text, characters, booleans and `()`, as Rhai's `==` answers it, without
/// the cost of calling it (which the engine charges as a callback); `None` for other values.
fn plain_equal(a: &Dynamic, b: &Dynamic) -> Option<bool> {
    if let (Ok(x), Ok(y)) = (a.as_int(), b.as_int()) {
        Some(x == y)
    } else if let (Ok(x), Ok(y)) = (a.as_float(), b.as_float()) {
        Some(x == y)
    } else if let (Ok(x), Ok(y)) = (a.as_immutable_string_ref(), b.as_immutable_string_ref()) {
        Some(x.as_str() == y.as_str())
    } else if let (Ok(x), Ok(y)) = (a.as_char(), b.as_char()) {
        Some(x == y)
    } else if let (Ok(x), Ok(y)) = (a.as_bool(), b.as_bool()) {
        Some(x == y)
    } else if a.is_unit() && b.is_unit() {
        Some(true)
    } else {
        None
    }
}

/// `order` is `sort` on a copy.
fn ordered(list: &mut Array, sort: impl FnOnce(&mut Array) -> Res<()>) -> Res<Array> {
    let mut copy = list.clone();
    sort(&mut copy)?;
    Ok(copy)
}

/// What a comparer said about `(a, b)`: a number gives an order; `true` means a comes first and
/// `false` only that it does not (the two forms Rhai's `sort` accepts).
#[derive(Clone, Copy)]
enum Said {
    Order(Ordering),
    First(bool),
}

impl Said {
    fn a_first(self) -> bool {
        matches!(self, Said::Order(Ordering::Less) | Said::First(true))
    }
}

fn ask(ctx: &NativeCallContext, f: &FnPtr, a: &Dynamic, b: &Dynamic) -> Res<Said> {
    let answer = call(ctx, f, [a.clone(), b.clone()])?;
    if let Ok(n) = answer.as_int() {
        Ok(Said::Order(n.cmp(&0)))
    } else if let Ok(first) = answer.as_bool() {
        Ok(Said::First(first))
    } else {
        Err(fail(ctx, format!("sort(): the function must return a number (negative if the first comes first, positive if the second does, 0 if either may) or true/false, not {}", short(&answer))))
    }
}

/// Sorts with a rule's comparer, then checks each neighbouring pair of the result both ways
/// round: a comparer that contradicts itself there is a mistake in the rule, reported rather
/// than left to give an arbitrary order. (Contradictions elsewhere cannot always be seen; they
/// give some order of the same items, never a crash.)
fn sort_with(ctx: &NativeCallContext, list: &mut Array, f: &FnPtr) -> Res<()> {
    merge_sort(list, |a, b| Ok(ask(ctx, f, a, b)?.a_first()))?;
    for pair in list.windows(2) {
        let [a, b] = pair else { continue };
        let (ab, ba) = (ask(ctx, f, a, b)?, ask(ctx, f, b, a)?);
        let consistent = match (ab, ba) {
            (Said::Order(x), Said::Order(y)) => x != Ordering::Greater && y == x.reverse(),
            // `true`/`false` cannot say "either may", so only an outright contradiction counts.
            _ => ab.a_first() || !ba.a_first(),
        };
        if !consistent {
            return Err(fail(
                ctx,
                format!(
                    "sort(): the function contradicts itself about {} and {}: asked both ways round, it must put the same one first (negative: the first comes first, positive: the second does, 0: either may)",
                    short(a),
                    short(b)
                ),
            ));
        }
    }
    Ok(())
}

/// `sort()` without a comparer: numbers, text, characters or booleans, all of one type.
fn sort_natural(ctx: &NativeCallContext, list: &mut Array, descending: bool) -> Res<()> {
    let Some(first) = list.first() else { return Ok(()) };
    let kind = first.type_id();
    if list.iter().any(|d| d.type_id() != kind) {
        return Err(fail(ctx, format!("{}(): the list mixes types of values; to sort it, pass a function that compares two of them", ctx.fn_name())));
    }
    let cmp: fn(&Dynamic, &Dynamic) -> Ordering = if kind == TypeId::of::<INT>() {
        |a, b| a.as_int().unwrap_or_default().cmp(&b.as_int().unwrap_or_default())
    } else if kind == TypeId::of::<FLOAT>() {
        // NaN (of either sign, which differs between machines) goes after every number.
        |a, b| {
            let (a, b) = (a.as_float().unwrap_or_default(), b.as_float().unwrap_or_default());
            match (a.is_nan(), b.is_nan()) {
                (false, false) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
                (a_nan, b_nan) => a_nan.cmp(&b_nan),
            }
        }
    } else if kind == TypeId::of::<ImmutableString>() {
        |a, b| match (a.as_immutable_string_ref(), b.as_immutable_string_ref()) {
            (Ok(a), Ok(b)) => a.as_str().cmp(b.as_str()),
            _ => Ordering::Equal,
        }
    } else if kind == TypeId::of::<char>() {
        |a, b| a.as_char().unwrap_or_default().cmp(&b.as_char().unwrap_or_default())
    } else if kind == TypeId::of::<bool>() {
        |a, b| a.as_bool().unwrap_or_default().cmp(&b.as_bool().unwrap_or_default())
    } else if kind == TypeId::of::<()>() {
        return Ok(());
    } else {
        return Err(fail(ctx, format!("{}(): a list of {} has no natural order; pass a function that compares two of them", ctx.fn_name(), first.type_name())));
    };
    merge_sort(list, |a, b| Ok(cmp(a, b) == if descending { Ordering::Greater } else { Ordering::Less }))
}

/// A stable bottom-up merge sort. `before(a, b)` says whether `a` must come before `b`; it is
/// asked at most about n·⌈log₂ n⌉ times, and whatever it answers the result is the same items in
/// some order: it cannot panic, unlike `slice::sort_by` on an inconsistent order. If `before`
/// fails, `list` is left as it was.
pub(crate) fn merge_sort<T: Default>(list: &mut Vec<T>, mut before: impl FnMut(&T, &T) -> Res<bool>) -> Res<()> {
    let n = list.len();
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged: Vec<usize> = Vec::with_capacity(n);
    let mut width = 1usize;
    while width < n {
        merged.clear();
        for run in order.chunks(width.saturating_mul(2)) {
            let (left, right) = run.split_at(width.min(run.len()));
            let (mut i, mut j) = (0, 0);
            while let (Some(&l), Some(&r)) = (left.get(i), right.get(j)) {
                // The right one goes first only if it must: equal items keep their order.
                if before(&list[r], &list[l])? {
                    merged.push(r);
                    j += 1;
                } else {
                    merged.push(l);
                    i += 1;
                }
            }
            merged.extend_from_slice(&left[i..]);
            merged.extend_from_slice(&right[j..]);
        }
        std::mem::swap(&mut order, &mut merged);
        width = width.saturating_mul(2);
    }
    let mut old = std::mem::take(list);
    list.extend(order.into_iter().map(|i| std::mem::take(&mut old[i])));
    Ok(())
}

/// Removes each item that `same(kept, item)` says repeats the item kept before it. If `same`
/// fails, `list` is left as it was.
fn dedup_by(_ctx: &NativeCallContext, list: &mut Array, mut same: impl FnMut(&Dynamic, &Dynamic) -> Res<bool>) -> Res<()> {
    let mut keep = vec![true; list.len()];
    let mut last = 0;
    for i in 1..list.len() {
        if same(&list[last], &list[i])? {
            keep[i] = false;
        } else {
            last = i;
        }
    }
    let mut keep = keep.into_iter();
    list.retain(|_| keep.next().unwrap_or(true));
    Ok(())
}

/// A value as a message shows it: at most 40 characters.
fn short(value: &Dynamic) -> String {
    let shown = if value.is_string() { format!("{value:?}") } else { value.to_string() };
    match shown.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &shown[..cut]),
        None => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::merge_sort;

    #[test]
    fn merge_sort_is_stable_and_sorts() {
        let mut v: Vec<(i32, i32)> = vec![(3, 0), (1, 0), (3, 1), (2, 0), (1, 1), (0, 0), (3, 2)];
        merge_sort(&mut v, |a, b| Ok(a.0 < b.0)).unwrap();
        assert_eq!(v, [(0, 0), (1, 0), (1, 1), (2, 0), (3, 0), (3, 1), (3, 2)]);
    }

    #[test]
    fn merge_sort_survives_any_answers_and_keeps_every_item() {
        for n in 0..40 {
            let mut v: Vec<usize> = (0..n).collect();
            let mut k = 7u32;
            merge_sort(&mut v, |_, _| {
                k = k.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                Ok(k & 4 == 0)
            })
            .unwrap();
            v.sort_unstable();
            assert_eq!(v, (0..n).collect::<Vec<_>>());
        }
    }
}
