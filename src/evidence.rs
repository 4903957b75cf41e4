//! Evidence read from free text: a measure's baseline and target, a change ("by 20%",
//! "halve"), a unit, a date or deadline in words, and the business measure named.
//!
//! Requesters write "reduce handle time from 9 to 7 minutes by March 2027" into the outcome
//! instead of filling in three separate fields; the rules credit what is written there and do
//! not ask for it again. Everything here is deterministic: a date in words counts from the
//! `today` it is given, never from a clock.
//!
//! # Example
//! ```
//! use yesif::{evidence::Evidence, Date};
//! let today = Date::parse("2026-06-01").unwrap();
//! let e = Evidence::read("Reduce handle time from 9 to 7 minutes by March 2027", today, &["handle time"]);
//! assert_eq!((e.baseline.as_ref().unwrap().value, e.target.as_ref().unwrap().value), (9.0, 7.0));
//! assert_eq!(e.unit.as_deref(), Some("minutes"));
//! assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2027-03-31"));
//! assert_eq!(e.summary(), "handle time 9 → 7 minutes by 2027-03-31");
//! assert_eq!(Evidence::read("before the follow-up exam", today, &[] as &[&str]).date, None);
//! ```

use crate::text::{Haystack, Word};
use crate::Date;

/// A number as written in the text, with what was written around it.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The value, with `k`, `M` or `bn` applied ("$2M" is 2,000,000).
    pub value: f64,
    /// How it is shown: as written, with its currency sign, multiplier and `%` ("$2M", "12%").
    pub shown: String,
    /// The unit written after it, normalised ("minutes", "%", "points"), if any.
    pub unit: Option<&'static str>,
}

/// Which way a change goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// "reduce … by 20%", "halve", "down 3 points".
    Down,
    /// "increase … by 20%", "double", "up 3 points".
    Up,
    /// "by 20%" with no verb that says which way ("improve", or none).
    Unknown,
}

/// A change stated relative to today's level.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Down, up or unknown.
    pub direction: Direction,
    /// How much ("20%", "3 points"); for "halve", "double", "triple" the word's percentage.
    pub amount: Quantity,
    /// "halved", "doubled", "tripled" when the text said so in a word.
    pub word: Option<&'static str>,
}

/// What a text says about a measure; `None` where it says nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// Where the measure is today: "from 9", "currently 12%", "9 → 7".
    pub baseline: Option<Quantity>,
    /// Where it should be: "to 7", "below 5%", "9 → 7".
    pub target: Option<Quantity>,
    /// How the target was qualified: "below", "at least"… (`None` for a plain "to").
    pub target_bound: Option<&'static str>,
    /// A change relative to today: "by 20%", "halve", "double".
    pub change: Option<Change>,
    /// The unit of the target, else the baseline's, else the change's.
    pub unit: Option<String>,
    /// The date or deadline, counted from `today`: "by March 2027" is 2027-03-31.
    pub date: Option<Date>,
    /// The first business measure named, as written ("handle time").
    pub measure: Option<String>,
    /// A baseline and target were read as a pair.
    paired: bool,
}

// ---- Tokens --------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// A lower-case word (letters, digits after the first letter, inner hyphens and apostrophes).
    Word(String),
    Num(Quantity),
    /// An ISO date written in the text.
    Iso(Date),
    /// →, ->, =>
    Arrow,
    /// Any other punctuation that separates phrases (, ; . : ( ) !).
    Stop,
}

fn multiplier(suffix: &str, currency: bool) -> Option<f64> {
    match suffix {
        "k" | "K" => Some(1e3),
        "M" | "mn" | "MM" => Some(1e6),
        "m" if currency => Some(1e6),
        "bn" | "B" | "b" if currency || suffix == "bn" => Some(1e9),
        _ => None,
    }
}

fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 4);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // An ISO date: 2027-03-31.
        if c.is_ascii_digit() && i + 10 <= chars.len() {
            let s: String = chars[i..i + 10].iter().collect();
            if let Some(d) = Date::parse(&s) {
                if chars.get(i + 10).map_or(true, |c| !c.is_alphanumeric()) {
                    out.push(Tok::Iso(d));
                    i += 10;
                    continue;
                }
            }
        }
        let currency = matches!(c, '$' | '€' | '£') && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || currency {
            let start = i;
            if currency {
                i += 1;
            }
            let mut digits = String::new();
            while i < chars.len() {
                let d = chars[i];
                if d.is_ascii_digit() {
                    digits.push(d);
                } else if (d == '.' || d == ',') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                    // "1,200" is twelve hundred; "1,5" and "9.5" are decimals.
                    let run = chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                    if d == ',' && run == 3 {
                        i += 1;
                        continue;
                    }
                    digits.push('.');
                } else {
                    break;
                }
                i += 1;
            }
            let Ok(mut value) = digits.parse::<f64>() else {
                i = start + 1;
                continue;
            };
            // A multiplier or % right after the number.
            let rest: String = chars[i..].iter().take_while(|c| c.is_alphanumeric() || **c == '%').take(3).collect();
            let mut unit = None;
            // "5 %" is 5%.
            if chars.get(i) == Some(&' ') && chars.get(i + 1) == Some(&'%') {
                i += 1;
            }
            let rest = if chars.get(i) == Some(&'%') { "%".to_owned() } else { rest };
            let suffix_len = if rest.starts_with('%') {
                unit = Some("%");
                1
            } else {
                let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                match multiplier(&word, currency) {
                    Some(m) if chars.get(i + word.chars().count()).map_or(true, |c| !c.is_alphanumeric()) => {
                        value *= m;
                        word.chars().count()
                    }
                    _ => 0,
                }
            };
            i += suffix_len;
            let shown: String = chars[start..i].iter().filter(|c| **c != ' ').collect();
            out.push(Tok::Num(Quantity { value, shown, unit }));
            continue;
        }
        if c.is_alphabetic() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || (matches!(chars[i], '-' | '\'' | '’') && chars.get(i + 1).is_some_and(|c| c.is_alphabetic())))
            {
                i += 1;
            }
            // Lower-cased in one pass, with one allocation: this runs for every word.
            let mut word = String::with_capacity(i - start);
            for &c in &chars[start..i] {
                match c {
                    '’' => word.push('\''),
                    c if c.is_ascii() => word.push(c.to_ascii_lowercase()),
                    c => word.extend(c.to_lowercase()),
                }
            }
            out.push(Tok::Word(word));
            continue;
        }
        if c == '→' || c == '⟶' || c == '➝' {
            out.push(Tok::Arrow);
        } else if (c == '-' || c == '=' || c == '–') && chars.get(i + 1) == Some(&'>') {
            out.push(Tok::Arrow);
            i += 1;
        } else if c == '/' && chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) {
            out.push(Tok::Word("per".into()));
        } else if matches!(c, ',' | ';' | '.' | ':' | '(' | ')' | '!' | '?') {
            out.push(Tok::Stop);
        }
        i += 1;
    }
    out
}

// ---- Words ---------------------------------------------------------------------------------

const MONTHS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sep", "sept"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

fn month(word: &str) -> Option<i64> {
    MONTHS.iter().position(|names| names.contains(&word)).map(|i| i as i64 + 1)
}

fn small_number(word: &str) -> Option<i64> {
    const WORDS: [&str; 12] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    match word {
        "a" | "an" => Some(1),
        _ => WORDS.iter().position(|w| *w == word).map(|i| i as i64 + 1),
    }
}

/// A unit word after a number, normalised; and how many words it took.
fn unit_at(toks: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    let word = |k: usize| match toks.get(k) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let w = word(i)?;
    let one = match w {
        "percent" | "pct" => "%",
        "minutes" | "minute" | "min" | "mins" => "minutes",
        "seconds" | "second" | "sec" | "secs" | "s" => "seconds",
        "hours" | "hour" | "hrs" | "hr" | "h" => "hours",
        "days" | "day" => "days",
        "weeks" | "week" | "wks" => "weeks",
        "months" | "month" => "months",
        "years" | "year" | "yrs" => "years",
        "points" | "point" | "pts" | "pp" => "points",
        "per" if word(i + 1) == Some("cent") => return Some(("%", 2)),
        "percentage" if matches!(word(i + 1), Some("points" | "point")) => return Some(("points", 2)),
        _ => return None,
    };
    Some((one, 1))
}

/// Word starts that say a change goes down or up, and whole words that do.
const DOWN_STARTS: &[&str] = &["reduc", "lower", "decreas", "shorten", "drop", "eliminat", "halv", "minimi", "shrink", "fewer"];
const DOWN_WORDS: &[&str] = &["cut", "cuts", "cutting", "down", "less", "fall", "falls", "fell"];
const UP_STARTS: &[&str] = &["increas", "rais", "grow", "boost", "higher", "doubl", "tripl", "expand", "maximi"];
const UP_WORDS: &[&str] = &["up", "more", "lift", "lifts", "lifting", "grew"];

fn direction_of(word: &str) -> Option<Direction> {
    if DOWN_WORDS.contains(&word) || DOWN_STARTS.iter().any(|p| word.starts_with(p)) {
        Some(Direction::Down)
    } else if UP_WORDS.contains(&word) || UP_STARTS.iter().any(|p| word.starts_with(p)) {
        Some(Direction::Up)
    } else {
        None
    }
}

/// "halve", "double", "triple" in their forms: the change they say.
fn change_word(word: &str) -> Option<(Direction, f64, &'static str)> {
    match word {
        "halve" | "halves" | "halved" | "halving" => Some((Direction::Down, 50.0, "halved")),
        "double" | "doubles" | "doubled" | "doubling" => Some((Direction::Up, 100.0, "doubled")),
        "triple" | "triples" | "tripled" | "tripling" => Some((Direction::Up, 200.0, "tripled")),
        _ => None,
    }
}

// ---- Reading -------------------------------------------------------------------------------

impl Evidence {
    /// Reads `text` as of `today`; `measures` is a word list as the rules write one
    /// (`"cost*"`, `"handle time"`): the one named first in the text is the measure.
    pub fn read<S: AsRef<str>>(text: &str, today: Date, measures: &[S]) -> Evidence {
        let words: Vec<Word> = measures.iter().map(|m| Word::new(m.as_ref())).collect();
        Self::read_prepared(text, today, &words)
    }

    /// [`Evidence::read`] with the measure words already prepared.
    pub(crate) fn read_prepared(text: &str, today: Date, measures: &[Word]) -> Evidence {
        if measures.is_empty() {
            Self::read_in(text, today, measures, None)
        } else {
            Self::read_in(text, today, measures, Some(&Haystack::new(text)))
        }
    }

    /// [`Evidence::read_prepared`] with `text` already prepared for matching (`hay`), as the
    /// rule API keeps it for the other word-list functions.
    pub(crate) fn read_in(text: &str, today: Date, measures: &[Word], hay: Option<&Haystack>) -> Evidence {
        let mut e = Evidence::default();
        if text.trim().is_empty() {
            return e;
        }
        let mut toks = tokenize(text);
        e.date = read_date(&mut toks, today);
        read_numbers(&toks, &mut e);
        e.unit = [&e.target, &e.baseline]
            .into_iter()
            .flatten()
            .find_map(|q| q.unit)
            .or_else(|| e.change.as_ref().filter(|c| c.word.is_none()).and_then(|c| c.amount.unit))
            .map(str::to_owned);
        if let Some(hay) = hay {
            // The measure named first in the text, whatever its place in the list: in "cut
            // handle time from 9 to 7 minutes, to reduce cost to serve" it is handle time.
            e.measure = measures.iter().filter_map(|w| hay.find(w)).min_by_key(|r| r.start).map(|range| {
                // The words as written where lower-casing kept every offset (ASCII text).
                if text.is_ascii() { text[range].to_owned() } else { hay.lower()[range].to_owned() }
            });
        }
        e
    }

    /// True if the text states a baseline, a target, a change or a date.
    pub fn is_empty(&self) -> bool {
        self.baseline.is_none() && self.target.is_none() && self.change.is_none() && self.date.is_none()
    }

    /// What was read, in words a requester can check: "handle time 9 → 7 minutes by
    /// 2027-03-31", "errors halved by 2026-12-31", "attrition down 20%", "CSAT now 3.9";
    /// "" when nothing but a measure was found.
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        // A quantity as shown, with its own unit, or the text's unit when `fallback`.
        let shown = |q: &Quantity, fallback: bool| {
            let unit = q.unit.or(if fallback { self.unit.as_deref() } else { None });
            match unit {
                Some("%") if q.shown.ends_with('%') => q.shown.clone(),
                Some("%") => format!("{}%", q.shown),
                Some(u) => format!("{} {u}", q.shown),
                None => q.shown.clone(),
            }
        };
        let mut parts: Vec<String> = Vec::new();
        if let Some(m) = &self.measure {
            parts.push(m.clone());
        }
        match (&self.baseline, &self.target) {
            (Some(b), Some(t)) => {
                // "9 → 7 minutes", "12% → 8%", "2 hours → 90 minutes"
                let b = if (b.unit.is_some() && t.unit.is_some() && b.unit != t.unit) || self.unit.as_deref() == Some("%") { shown(b, true) } else { b.shown.clone() };
                parts.push(format!("{b} → {}{}", self.target_bound.map(|w| format!("{w} ")).unwrap_or_default(), shown(t, true)));
            }
            (Some(b), None) => parts.push(format!("now {}", shown(b, true))),
            (None, Some(t)) => parts.push(format!("{} {}", self.target_bound.unwrap_or("to"), shown(t, true))),
            (None, None) => {}
        }
        if let Some(c) = &self.change {
            parts.push(match (c.word, c.direction) {
                (Some(w), _) => w.to_owned(),
                (None, Direction::Down) => format!("down {}", shown(&c.amount, false)),
                (None, Direction::Up) => format!("up {}", shown(&c.amount, false)),
                (None, Direction::Unknown) => format!("change of {}", shown(&c.amount, false)),
            });
        }
        if let Some(d) = self.date {
            parts.push(format!("by {d}"));
        }
        parts.join(" ")
    }
}

/// A word at `i`, if the token there is one.
fn word_at(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    }
}

/// A year written as a number, 2000–2100 (or '27 style two digits after an apostrophe is not
/// read).
fn year_at(toks: &[Tok], i: usize) -> Option<i64> {
    match toks.get(i) {
        Some(Tok::Num(q)) if q.unit.is_none() && q.value.fract() == 0.0 && (2000.0..=2100.0).contains(&q.value) && !q.shown.contains(['$', '€', '£', ',', '.']) => {
            Some(q.value as i64)
        }
        _ => None,
    }
}

/// A day of the month written as a number (1–31, "31st" reads as 31 then a word).
fn day_at(toks: &[Tok], i: usize) -> Option<i64> {
    match toks.get(i) {
        Some(Tok::Num(q)) if q.unit.is_none() && q.value.fract() == 0.0 && (1.0..=31.0).contains(&q.value) && q.shown.bytes().all(|b| b.is_ascii_digit()) => {
            Some(q.value as i64)
        }
        _ => None,
    }
}

/// A count written as a number or a word ("6", "six", "a").
fn int_at(toks: &[Tok], i: usize) -> Option<i64> {
    match toks.get(i) {
        Some(Tok::Num(q)) if q.unit.is_none() && q.value.fract() == 0.0 && q.value >= 1.0 && q.value < 1000.0 && !q.shown.contains(['$', '€', '£']) => {
            Some(q.value as i64)
        }
        Some(Tok::Word(w)) => small_number(w),
        _ => None,
    }
}

/// Words that make what follows a deadline.
fn is_deadline_word(w: &str) -> bool {
    matches!(w, "by" | "before" | "until" | "till" | "til" | "in" | "within" | "during" | "for" | "of" | "around" | "on" | "due" | "deadline")
}

/// The quarter's last month (3, 6, 9, 12) from "q1".."q4".
fn quarter(word: &str) -> Option<i64> {
    match word {
        "q1" => Some(3),
        "q2" => Some(6),
        "q3" => Some(9),
        "q4" => Some(12),
        _ => None,
    }
}

/// The end of month `m` in the year of `today`, or of the next year if it has passed.
fn next_month_end(today: Date, m: i64) -> Date {
    let (y, _, _) = today.ymd();
    let this = Date::month_end(y, m);
    if this < today {
        Date::month_end(y + 1, m)
    } else {
        this
    }
}

/// Finds the date or deadline, marks its tokens as used (replaced by `Stop`) so they are not
/// read as numbers, and returns it. A date after a deadline word ("by", "before", "within",
/// "end of") wins over one without.
fn read_date(toks: &mut [Tok], today: Date) -> Option<Date> {
    let (ty, tm, _) = today.ymd();
    let mut found: Vec<(bool, Date)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let before = i.checked_sub(1).and_then(|k| word_at(toks, k));
        let deadline = before.is_some_and(is_deadline_word) || matches!(before, Some("end" | "mid"));
        let mut hit: Option<(Date, usize)> = None; // the date and how many tokens it took
        match &toks[i] {
            Tok::Iso(d) => hit = Some((*d, 1)),
            Tok::Num(_) => {
                // "31 March 2027", "31 March"
                let ordinal = usize::from(matches!(word_at(toks, i + 1), Some("st" | "nd" | "rd" | "th")));
                if let (Some(day), Some(m)) = (day_at(toks, i), word_at(toks, i + 1 + ordinal).and_then(month)) {
                    let i = i + ordinal;
                    let (y, n) = match year_at(toks, i + 2) {
                        Some(y) => (y, 3),
                        None => (if Date::from_ymd(ty, m, day).is_some_and(|d| d >= today) { ty } else { ty + 1 }, 2),
                    };
                    if word_at(toks, i + 1) != Some("may") || n == 3 || deadline {
                        hit = Date::from_ymd(y, m, day).map(|d| (d, n + ordinal));
                    }
                } else if let Some(y) = year_at(toks, i).filter(|_| deadline) {
                    // "by 2027", "end of 2027"
                    hit = Some((Date::month_end(y, 12), 1));
                }
            }
            Tok::Word(w) => {
                let w = w.as_str();
                if let Some(m) = month(w) {
                    // "March 2027", "March 31, 2027", "March 31", "by March"
                    let mut n = 1;
                    let mut day = None;
                    if let Some(d) = day_at(toks, i + 1) {
                        day = Some(d);
                        n = 2;
                        if toks.get(i + 2) == Some(&Tok::Stop) && year_at(toks, i + 3).is_some() {
                            n = 3;
                        }
                    }
                    let year = year_at(toks, i + n);
                    if year.is_some() {
                        n += 1;
                    }
                    // A month alone is a date only after a deadline word ("by March"), so
                    // "we may need it" is none.
                    if deadline || year.is_some() || day.is_some() {
                        let date = match (day, year) {
                            (Some(d), Some(y)) => Date::from_ymd(y, m, d),
                            (Some(d), None) => Date::from_ymd(ty, m, d).filter(|x| *x >= today).or_else(|| Date::from_ymd(ty + 1, m, d)),
                            (None, Some(y)) => Some(Date::month_end(y, m)),
                            (None, None) => Some(next_month_end(today, m)),
                        };
                        hit = date.map(|d| (d, n));
                    }
                } else if let Some(qm) = quarter(w) {
                    // "Q4", "Q4 2026", "end of Q1"
                    hit = Some(match year_at(toks, i + 1) {
                        Some(y) => (Date::month_end(y, qm), 2),
                        None => (next_month_end(today, qm), 1),
                    });
                } else if matches!(w, "h1" | "h2") {
                    let m = if w == "h1" { 6 } else { 12 };
                    hit = Some(match year_at(toks, i + 1) {
                        Some(y) => (Date::month_end(y, m), 2),
                        None => (next_month_end(today, m), 1),
                    });
                } else if w == "mid" || w.starts_with("mid-") {
                    // "mid-2027", "mid 2027"
                    let year = w.strip_prefix("mid-").and_then(|y| y.parse::<i64>().ok()).filter(|y| (2000..=2100).contains(y));
                    hit = match year {
                        Some(y) => Some((Date::month_end(y, 6), 1)),
                        None => year_at(toks, i + 1).map(|y| (Date::month_end(y, 6), 2)),
                    };
                } else if matches!(w, "within" | "in" | "over") {
                    // "within 6 weeks", "in three months", "in the next 2 weeks", "over the next 6 months"
                    let mut k = i + 1;
                    if word_at(toks, k) == Some("the") && matches!(word_at(toks, k + 1), Some("next" | "coming")) {
                        k += 2;
                    }
                    if let Some(n) = int_at(toks, k).filter(|n| *n <= 120) {
                        let unit = word_at(toks, k + 1).map(|u| u.trim_end_matches('s'));
                        let date = match unit {
                            Some("day") => Some(today.add_days(n)),
                            Some("week" | "wk") => Some(today.add_days(7 * n)),
                            Some("month") => Some(today.add_months(n)),
                            Some("year") => Some(today.add_months(12 * n)),
                            _ => None,
                        };
                        if let Some(d) = date {
                            // "within" is itself the deadline word.
                            found.push((true, d));
                            for t in &mut toks[i..k + 2] {
                                *t = Tok::Stop;
                            }
                            i = k + 2;
                            continue;
                        }
                    }
                } else if matches!(w, "next" | "this" | "end") {
                    // "next month", "this quarter", "end of the year", "end of year", "year end"
                    let (k, which) = if w == "end" && word_at(toks, i + 1) == Some("of") {
                        let k = if matches!(word_at(toks, i + 2), Some("the" | "this")) { i + 3 } else { i + 2 };
                        (k, "this")
                    } else if w == "next" || w == "this" {
                        (i + 1, w)
                    } else {
                        (usize::MAX, "")
                    };
                    let period = if k == usize::MAX { None } else { word_at(toks, k) };
                    let end = |months_ahead: i64| {
                        let d = Date::from_ymd(ty, tm, 1).unwrap_or(today).add_months(months_ahead);
                        let (y, m, _) = d.ymd();
                        Date::month_end(y, m)
                    };
                    let q_end = (tm + 2) / 3 * 3; // this quarter's last month
                    let date = match (which, period) {
                        ("this", Some("month")) => Some(end(0)),
                        ("next", Some("month")) => Some(end(1)),
                        ("this", Some("quarter")) => Some(end(q_end - tm)),
                        ("next", Some("quarter")) => Some(end(q_end - tm + 3)),
                        ("this", Some("year" | "fy")) => Some(Date::month_end(ty, 12)),
                        ("next", Some("year")) => Some(Date::month_end(ty + 1, 12)),
                        ("next", Some("week")) => Some(today.add_days(7)),
                        _ => None,
                    };
                    if let Some(d) = date {
                        found.push((true, d));
                        for t in &mut toks[i..=k] {
                            *t = Tok::Stop;
                        }
                        i = k + 1;
                        continue;
                    }
                } else if matches!(w, "year-end" | "eoy") || (w == "year" && word_at(toks, i + 1) == Some("end")) {
                    let n = if w == "year" { 2 } else { 1 };
                    hit = Some((Date::month_end(ty, 12), n));
                } else if matches!(w, "quarter-end" | "eoq") || (w == "quarter" && word_at(toks, i + 1) == Some("end")) {
                    let n = if w == "quarter" { 2 } else { 1 };
                    hit = Some((Date::month_end(ty, (tm + 2) / 3 * 3), n));
                }
            }
            _ => {}
        }
        match hit {
            Some((d, n)) => {
                found.push((deadline || matches!(toks[i], Tok::Iso(_)), d));
                let end = (i + n).min(toks.len());
                for t in &mut toks[i..end] {
                    *t = Tok::Stop;
                }
                i += n;
            }
            None => i += 1,
        }
    }
    // A deadline still ahead, else any deadline, else the first date.
    found
        .iter()
        .find(|(deadline, d)| *deadline && *d >= today)
        .or_else(|| found.iter().find(|(deadline, _)| *deadline))
        .or(found.first())
        .map(|(_, d)| *d)
}

/// A quantity at `i`, skipping an approximation word ("about 9"); with its unit word, if
/// the number has none of its own. Returns it and the index after it.
fn quantity_at(toks: &[Tok], mut i: usize) -> Option<(Quantity, usize)> {
    if matches!(word_at(toks, i), Some("about" | "around" | "roughly" | "approx" | "approximately" | "c" | "ca" | "circa" | "nearly" | "almost" | "just")) {
        i += 1;
    }
    let Some(Tok::Num(q)) = toks.get(i) else { return None };
    let mut q = q.clone();
    let mut next = i + 1;
    // "1 in 5": a ratio.
    if let (Some("in"), Some(Tok::Num(of))) = (word_at(toks, next), toks.get(next + 1)) {
        if q.unit.is_none() && of.unit.is_none() && of.value > 0.0 {
            q = Quantity { value: q.value / of.value, shown: format!("{} in {}", q.shown, of.shown), unit: None };
            return Some((q, next + 2));
        }
    }
    if q.unit.is_none() {
        if let Some((unit, n)) = unit_at(toks, next) {
            q.unit = Some(unit);
            next += n;
        }
    }
    // "40/month", "40 per month", "3 a week": a rate, not a duration.
    if matches!(word_at(toks, next), Some("per" | "a" | "an" | "each" | "every")) {
        let per = match word_at(toks, next + 1).map(|w| w.trim_end_matches('s')) {
            Some("day") => Some("a day"),
            Some("week" | "wk") => Some("a week"),
            Some("month") => Some("a month"),
            Some("quarter") => Some("a quarter"),
            Some("year") => Some("a year"),
            Some("hour") => Some("an hour"),
            _ => None,
        };
        if per.is_some() && q.unit.is_none() {
            q.unit = per;
            next += 2;
        }
    }
    Some((q, next))
}

/// True if a word before token `i` says something should change ("reduce", "get", "bring").
fn change_verb_before(toks: &[Tok], i: usize) -> bool {
    direction_before(toks, i) != Direction::Unknown
        || toks[..i].iter().any(|t| matches!(t, Tok::Word(w) if matches!(w.as_str(), "get" | "bring" | "move" | "take" | "reach" | "hit" | "target" | "goal" | "aim") || w.starts_with("improv")))
}

/// The direction of the nearest verb before token `i` ("reduce … by 20%").
fn direction_before(toks: &[Tok], i: usize) -> Direction {
    toks[..i].iter().rev().find_map(|t| match t {
        Tok::Word(w) => direction_of(w),
        _ => None,
    })
    .unwrap_or(Direction::Unknown)
}

/// Records a baseline and target written as a pair ("from 9 to 7", "9 → 7"). The first pair
/// wins over a value written alone ("within 24 hours from 62% to 95%" keeps 62% → 95%).
fn pair(e: &mut Evidence, b: Quantity, t: Quantity) {
    if !e.paired {
        e.paired = true;
        e.baseline = Some(b);
        e.target = Some(t);
        e.target_bound = None;
    }
}

fn read_numbers(toks: &[Tok], e: &mut Evidence) {
    let pct = |v: f64, shown: &str| Quantity { value: v, shown: shown.into(), unit: Some("%") };
    let mut i = 0;
    while i < toks.len() {
        let w = word_at(toks, i);
        // "from 9 to 7", "from 9 minutes down to 7"
        if w == Some("from") {
            if let Some((b, mut k)) = quantity_at(toks, i + 1) {
                if matches!(word_at(toks, k), Some("down" | "up")) {
                    k += 1;
                }
                if matches!(word_at(toks, k), Some("to" | "towards")) || toks.get(k) == Some(&Tok::Arrow) {
                    if let Some((t, k2)) = quantity_at(toks, k + 1) {
                        pair(e, b, t);
                        i = k2;
                        continue;
                    }
                }
                e.baseline.get_or_insert(b);
                i = k;
                continue;
            }
        }
        // "9 → 7", "9 -> 7 minutes"
        if let Some((b, k)) = quantity_at(toks, i) {
            if toks.get(k) == Some(&Tok::Arrow) {
                if let Some((t, k2)) = quantity_at(toks, k + 1) {
                    pair(e, b, t);
                    i = k2;
                    continue;
                }
            }
            // "9 minutes down to 7", and "cut handle time 9 to 7 minutes" after a verb of change
            let down_to = matches!(word_at(toks, k), Some("down" | "up")) && word_at(toks, k + 1) == Some("to");
            let plain_to = word_at(toks, k) == Some("to") && direction_before(toks, i) != Direction::Unknown;
            if down_to || plain_to {
                if let Some((t, k2)) = quantity_at(toks, k + 1 + usize::from(down_to)) {
                    if b.unit.is_none() || t.unit.is_none() || b.unit == t.unit {
                        pair(e, b, t);
                        i = k2;
                        continue;
                    }
                }
            }
            // "grow revenue 10%", "cut errors 3 points": a change, after a verb that says which way
            if matches!(b.unit, Some("%" | "points")) && e.change.is_none() && !matches!(word_at(toks, k), Some("today" | "currently" | "now")) {
                let direction = direction_before(toks, i);
                if direction != Direction::Unknown {
                    e.change = Some(Change { direction, amount: b, word: None });
                    i = k;
                    continue;
                }
            }
            // "12% today", "9 minutes currently"
            if matches!(word_at(toks, k), Some("today" | "currently" | "now")) {
                e.baseline.get_or_insert(b);
                i = k + 1;
                continue;
            }
            // "20% fewer", "3 points higher", "15% reduction"
            if let Some(d) = word_at(toks, k).and_then(direction_of) {
                if b.unit.is_some() && !matches!(word_at(toks, k), Some("to" | "bring")) && e.change.is_none() {
                    e.change = Some(Change { direction: d, amount: b, word: None });
                    i = k + 1;
                    continue;
                }
            }
        }
        // "-> 3 weeks" with nothing before the arrow
        if toks[i] == Tok::Arrow && e.target.is_none() {
            if let Some((t, k)) = quantity_at(toks, i + 1) {
                e.target = Some(t);
                i = k;
                continue;
            }
        }
        match w {
            // "currently 12%", "today it is 9 minutes", "now at 40"
            Some("currently" | "today" | "now" | "presently") => {
                let mut k = i + 1;
                while k < i + 4 && matches!(word_at(toks, k), Some("it" | "we" | "is" | "are" | "at" | "sits" | "runs" | "averages" | "about" | "of" | "re" | "'re" | "around" | "stands")) {
                    k += 1;
                }
                if let Some((b, k2)) = quantity_at(toks, k) {
                    e.baseline.get_or_insert(b);
                    i = k2;
                    continue;
                }
            }
            // "by 20%", "by 3 points", "by half"
            Some("by") => {
                if word_at(toks, i + 1) == Some("half") {
                    e.change.get_or_insert(Change { direction: Direction::Down, amount: pct(50.0, "50%"), word: Some("halved") });
                    i += 2;
                    continue;
                }
                if let Some((c, k)) = quantity_at(toks, i + 1) {
                    // A bare number after "by" may be a day or a count of anything: only a
                    // unit, a % or a currency makes it a change.
                    if c.unit.is_some() || c.shown.starts_with(['$', '€', '£']) {
                        let direction = direction_before(toks, i);
                        e.change.get_or_insert(Change { direction, amount: c, word: None });
                        i = k;
                        continue;
                    }
                }
            }
            // "down 20%", "up 3 points"
            Some("down" | "up") => {
                if let Some((c, k)) = quantity_at(toks, i + 1).filter(|(c, _)| c.unit.is_some()) {
                    let direction = if w == Some("down") { Direction::Down } else { Direction::Up };
                    e.change.get_or_insert(Change { direction, amount: c, word: None });
                    i = k;
                    continue;
                }
            }
            // "to 7 minutes" (after a verb of change), "below 5%", "at least 90%"
            Some("to" | "below" | "under" | "above" | "over" | "beneath" | "target" | "goal")
                if w != Some("to") || change_verb_before(toks, i) =>
            {
                let mut k = i + 1;
                if matches!(w, Some("target" | "goal")) && matches!(word_at(toks, k), Some("of" | "is")) {
                    k += 1;
                }
                if let Some((t, k2)) = quantity_at(toks, k) {
                    if e.target.is_none() {
                        e.target = Some(t);
                        e.target_bound = match w {
                            Some("below" | "under" | "beneath") => Some("below"),
                            Some("above" | "over") => Some("above"),
                            _ => None,
                        };
                    }
                    i = k2;
                    continue;
                }
            }
            Some("less" | "fewer" | "more") if word_at(toks, i + 1) == Some("than") => {
                if let Some((t, k2)) = quantity_at(toks, i + 2) {
                    if e.target.is_none() {
                        e.target = Some(t);
                        e.target_bound = Some(if w == Some("more") { "above" } else { "below" });
                    }
                    i = k2;
                    continue;
                }
            }
            Some("at") if matches!(word_at(toks, i + 1), Some("least" | "most")) => {
                if let Some((t, k2)) = quantity_at(toks, i + 2) {
                    if e.target.is_none() {
                        e.target = Some(t);
                        e.target_bound = Some(if word_at(toks, i + 1) == Some("least") { "at least" } else { "at most" });
                    }
                    i = k2;
                    continue;
                }
            }
            Some(word) => {
                let in_half = word == "half" && i > 0 && matches!(word_at(toks, i - 1), Some("in" | "by"));
                let said = if in_half { change_word("halve") } else { change_word(word) };
                // "double down on…" is no change in a measure.
                let said = said.filter(|_| word_at(toks, i + 1) != Some("down"));
                if let Some((direction, v, name)) = said {
                    if e.change.is_none() {
                        e.change = Some(Change { direction, amount: pct(v, &format!("{}%", v as i64)), word: Some(name) });
                    }
                }
            }
            None => {}
        }
        i += 1;
    }
}
