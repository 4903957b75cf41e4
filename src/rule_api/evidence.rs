//! `evidence(text, measures)`: what an answer says about a measure, read natively (see
//! [`crate::evidence`]) and handed to the rules as a map.

use super::words::{each_word, register_list_fn, resolve};
use super::SharedSession;
use crate::evidence::{Direction, Evidence, Quantity};
use crate::text::Word;
use rhai::{Dynamic, Engine, Map, FLOAT, INT};

/// A number as the rules see it: an integer when it is whole, else a decimal.
fn number(q: &Quantity) -> Dynamic {
    if q.value.fract() == 0.0 && q.value.abs() < 9e15 {
        Dynamic::from_int(q.value as INT)
    } else {
        Dynamic::from_float(q.value as FLOAT)
    }
}

/// The map `evidence()` returns; `()` for what the text does not say.
fn to_map(e: &Evidence) -> Map {
    let text = |s: Option<String>| s.map_or(Dynamic::UNIT, Dynamic::from);
    let mut m = Map::new();
    m.insert("baseline".into(), e.baseline.as_ref().map_or(Dynamic::UNIT, number));
    m.insert("target".into(), e.target.as_ref().map_or(Dynamic::UNIT, number));
    let change = e.change.as_ref().map(|c| {
        let sign = match c.direction {
            Direction::Down => "-",
            Direction::Up => "+",
            Direction::Unknown => "",
        };
        let unit = match c.amount.unit {
            Some("%") | None => String::new(),
            Some(u) => format!(" {u}"),
        };
        let pct = if c.amount.unit == Some("%") && !c.amount.shown.ends_with('%') { "%" } else { "" };
        format!("{sign}{}{pct}{unit}", c.amount.shown)
    });
    m.insert("change".into(), text(change));
    m.insert("unit".into(), text(e.unit.clone()));
    m.insert("date".into(), text(e.date.map(|d| d.to_string())));
    m.insert("measure".into(), text(e.measure.clone()));
    m.insert("summary".into(), Dynamic::from(e.summary()));
    m
}

pub(super) fn register(engine: &mut Engine, session: &SharedSession) {
    let s = session.clone();
    engine.register_fn("evidence", move |ctx: rhai::NativeCallContext, text: &str| -> super::Res<Map> {
        let mut s = s.borrow_mut();
        let s = s.scoring(&ctx)?;
        Ok(to_map(&Evidence::read_prepared(text, s.today(), &[])))
    });
    register_list_fn(engine, session, "evidence", |s, ctx, text, list| {
        let s = s.scoring(ctx)?;
        let today = s.today();
        // The text prepared for matching is shared with the other word-list functions.
        let hay = s.haystacks.get(text);
        let (items, prepared) = resolve(ctx, &s.lists, &list)?;
        let e = match prepared {
            Some(words) => Evidence::read_in(text, today, words, Some(hay)),
            None => {
                let mut words = Vec::with_capacity(items.len());
                each_word(ctx, items, |_, w| {
                    words.push(Word::new(w).into_owned());
                    true
                })?;
                Evidence::read_in(text, today, &words, Some(hay))
            }
        };
        Ok(to_map(&e))
    });
}
