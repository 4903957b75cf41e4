//! Text helpers behind the rule API's word-list checks. They run natively because rules call
//! them on every keystroke, over every word list, and a Rhai loop would be many times slower.
//!
//! Matching is case-insensitive and by whole words: `cut` matches "Cut costs" but not
//! "execute". An entry ending in `*` matches any word that starts with it: `reduc*` matches
//! "reduce", "reduced" and "reduction". An entry may hold several words ("be aware").

use rhai::ImmutableString;

/// Joins names as a sentence would list them: "a", "a and b", "a, b and c" ("" for none).
///
/// # Example
/// ```
/// use yesif::text::join_words;
/// assert_eq!(join_words(&["the tools", "workload"]), "the tools and workload");
/// assert_eq!(join_words(&["a", "b", "c"]), "a, b and c");
/// assert_eq!(join_words::<&str>(&[]), "");
/// ```
pub fn join_words<S: AsRef<str>>(names: &[S]) -> String {
    let mut out = String::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == names.len() { " and " } else { ", " });
        }
        out.push_str(name.as_ref());
    }
    out
}

/// Counts the words in `text`: runs of characters between white space that hold at least one
/// letter or digit (so a lone dash is not a word).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// True if `text` is empty or only white space.
pub fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// True if `text` holds a digit: the cheapest sign that an answer is concrete ("38%", "$2M",
/// "by 2027").
pub fn has_number(text: &str) -> bool {
    text.bytes().any(|c| c.is_ascii_digit())
}

/// Text prepared once for matching many entries: lower-cased, with the byte offset of every
/// word start. Rules match word lists on every keystroke, so an entry is checked only at word
/// starts whose first byte agrees, and entries that are already lower case (nearly all) are
/// never copied.
///
/// # Example
/// ```
/// use yesif::text::Haystack;
/// let outcome = Haystack::new("We must REDUCE churn");
/// assert!(outcome.contains("reduc*") && outcome.contains("churn"));
/// assert!(!Haystack::new("execute the plan").contains("cut"));
/// ```
#[derive(Debug)]
pub struct Haystack {
    lower: String,
    starts: Vec<usize>,
}

/// The byte offsets where a run of word characters starts, from (offset, is a word character).
fn word_starts(chars: impl Iterator<Item = (usize, bool)>) -> Vec<usize> {
    let mut starts = Vec::with_capacity(16);
    let mut prev_word = false;
    for (i, word) in chars {
        if word && !prev_word {
            starts.push(i);
        }
        prev_word = word;
    }
    starts
}

/// The texts a request's rules have matched word lists against, each prepared once: a rule
/// typically checks the same answer against several lists ("a result verb? a solution word?").
#[derive(Debug, Default)]
pub(crate) struct Haystacks {
    /// Each text as given (the rule's own string, shared, not copied), and its prepared form.
    recent: Vec<(ImmutableString, Haystack)>,
}

impl Haystacks {
    /// How many prepared texts are kept; the oldest is dropped beyond this.
    const KEEP: usize = 8;

    /// The prepared form of `text`, prepared now if it is not kept already.
    pub fn get(&mut self, text: &ImmutableString) -> &Haystack {
        // The same answer passed again is usually the very same string: compare pointers first.
        match self.recent.iter().position(|(given, _)| given.ptr_eq(text) || given == text) {
            Some(i) => &self.recent[i].1,
            None => {
                if self.recent.len() == Self::KEEP {
                    self.recent.remove(0);
                }
                self.recent.push((text.clone(), Haystack::new(text)));
                &self.recent.last().expect("just pushed").1
            }
        }
    }

    /// Forgets every prepared text (between requests).
    pub fn clear(&mut self) {
        self.recent.clear();
    }
}

impl Haystack {
    /// Prepares `text` for matching.
    pub fn new(text: &str) -> Self {
        let (lower, starts) = if text.is_ascii() {
            // Nearly every answer: one pass over bytes, no Unicode tables.
            let lower = text.to_ascii_lowercase();
            let starts = word_starts(lower.bytes().enumerate().map(|(i, b)| (i, b.is_ascii_alphanumeric())));
            (lower, starts)
        } else {
            let lower = text.to_lowercase();
            let starts = word_starts(lower.char_indices().map(|(i, c)| (i, c.is_alphanumeric())));
            (lower, starts)
        };
        Self { lower, starts }
    }

    /// True if `entry` occurs as whole words (or, ending in `*`, at the start of a word).
    pub fn contains(&self, entry: &str) -> bool {
        self.has(&Word::new(entry))
    }

    /// True if the prepared `word` occurs: [`Haystack::contains`] without preparing the entry.
    pub fn has(&self, word: &Word) -> bool {
        self.find(word).is_some()
    }

    /// Where the prepared `word` first occurs, as a byte range of the lower-cased text
    /// ([`Haystack::lower`]); a `*` entry's match runs to the end of the word it starts, or,
    /// for an entry ending in a whole word and ` *` ("time to *"), over the next word.
    pub fn find(&self, word: &Word) -> Option<std::ops::Range<usize>> {
        let n = word.needle.as_bytes();
        let &first = n.first()?;
        if word.anywhere {
            return self.lower.find(&*word.needle).map(|s| s..s + n.len());
        }
        let hay = self.lower.as_bytes();
        let at = *self.starts.iter().find(|&&s| {
            hay.len() - s >= n.len()
                && hay[s] == first
                && &hay[s..s + n.len()] == n
                && (word.prefix || self.lower[s + n.len()..].chars().next().map_or(true, |c| !c.is_alphanumeric()))
        })?;
        let mut end = at + n.len();
        if word.prefix {
            let word_end = |from: usize| from + self.lower[from..].find(|c: char| !c.is_alphanumeric()).unwrap_or(self.lower.len() - from);
            end = word_end(end);
            if word.next_word && end == at + n.len() && self.lower[end..].starts_with(' ') {
                end = word_end(end + 1);
            }
        }
        Some(at..end)
    }

    /// The text lower-cased, as [`Haystack::find`] counts.
    pub fn lower(&self) -> &str {
        &self.lower
    }
}

/// A word-list entry prepared for matching: trimmed, lower-cased, its `*` noted. Entries that
/// are already lower case (nearly all) are borrowed, not copied; settings lists are prepared
/// once, when the rules compile.
///
/// # Example
/// ```
/// use yesif::text::{Haystack, Word};
/// let reduce = Word::new(" Reduc* ");
/// assert!(Haystack::new("a reduction in errors").has(&reduce));
/// ```
#[derive(Debug)]
pub struct Word<'a> {
    needle: std::borrow::Cow<'a, str>,
    /// The entry ended in `*`: it matches the start of a word.
    prefix: bool,
    /// The entry starts with punctuation ("$", "%"): it matches anywhere.
    anywhere: bool,
    /// The entry ends in " *" ("time to *"): a match, as [`Haystack::find`] gives it, takes
    /// the next word too.
    next_word: bool,
}

impl<'a> Word<'a> {
    /// Prepares one entry of a word list.
    pub fn new(entry: &'a str) -> Self {
        let entry = entry.trim();
        let (needle, prefix, next_word) = match entry.strip_suffix('*') {
            Some(stem) => (stem.trim_end(), true, stem.ends_with(char::is_whitespace)),
            None => (entry, false, false),
        };
        let anywhere = !needle.chars().next().is_some_and(char::is_alphanumeric);
        let needle = if needle.bytes().any(|b| b.is_ascii_uppercase()) || !needle.is_ascii() {
            std::borrow::Cow::Owned(needle.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(needle)
        };
        Self { needle, prefix, anywhere, next_word }
    }

    /// The same word, owning its text, to keep beyond the entry it came from.
    pub fn into_owned(self) -> Word<'static> {
        Word { needle: std::borrow::Cow::Owned(self.needle.into_owned()), ..self }
    }

    /// How a match is shown in a message: the entry as written, without its `*`.
    pub fn shown(entry: &str) -> &str {
        entry.trim().trim_end_matches('*').trim_end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(text: &str, entry: &str) -> bool {
        Haystack::new(text).contains(entry)
    }

    #[test]
    fn matches_whole_words_case_insensitively() {
        assert!(has("Cut 90-day attrition", "cut"));
        assert!(!has("execute", "cut"));
        assert!(has("the e-learning module", "e-learning"));
        assert!(has("Be Aware of the policy", "be aware"));
        assert!(!has("cutting", "cut"));
    }

    #[test]
    fn star_matches_word_starts() {
        assert!(has("reduction of errors", "reduc*"));
        assert!(has("we reduced it", "reduc*"));
        assert!(!has("irreducible", "reduc*"));
    }

    #[test]
    fn empty_entries_never_match() {
        assert!(!has("anything", ""));
        assert!(!has("anything", "*"));
    }

    #[test]
    fn finds_a_later_occurrence_after_a_false_start() {
        assert!(has("executes a cut", "cut"));
        assert!(has("Ünïcode straße cut", "straße"));
    }

    #[test]
    fn entries_in_any_case_and_with_punctuation_match() {
        assert!(has("reduce churn", "REDUCE"));
        assert!(has("a cost of $2M", "$"));
        assert!(has("ÉTÉ long", "été"));
        assert!(!has("short", "shorter"));
    }

    #[test]
    fn prepared_texts_are_kept_per_text() {
        let mut kept = Haystacks::default();
        assert!(kept.get(&"Reduce churn".into()).contains("reduc*"));
        assert!(!kept.get(&"Run a course".into()).contains("reduc*"));
        assert!(kept.get(&"Reduce churn".into()).contains("churn"));
        assert_eq!(kept.recent.len(), 2);
        for i in 0..20 {
            assert!(kept.get(&format!("text {i}").into()).contains(&i.to_string()));
        }
        assert_eq!(kept.recent.len(), Haystacks::KEEP);
    }

    #[test]
    fn ascii_and_unicode_texts_find_the_same_word_starts() {
        assert_eq!(Haystack::new("Cut 90-day churn").starts, [0, 4, 7, 11]);
        assert_eq!(Haystack::new("Çut 90-day churn").starts, [0, 5, 8, 12]);
    }

    #[test]
    fn counts_words_with_letters_or_digits() {
        assert_eq!(word_count("  Raise win rate – from 18% to 24%  "), 7);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("- – — ..."), 0);
        assert_eq!(word_count("e-learning\tx"), 2);
    }

    #[test]
    fn joins_names_as_a_sentence_lists_them() {
        assert_eq!(join_words::<&str>(&[]), "");
        assert_eq!(join_words(&["a"]), "a");
        assert_eq!(join_words(&["a", "b"]), "a and b");
        assert_eq!(join_words(&["a", "b", "c"]), "a, b and c");
        assert_eq!(join_words(&["a", "b", "c", "d"]), "a, b, c and d");
    }

    #[test]
    fn blank_means_only_white_space() {
        assert!(is_blank("") && is_blank(" \t\n "));
        assert!(!is_blank(" x ") && !is_blank("-"));
    }

    #[test]
    fn a_number_is_an_ascii_digit() {
        assert!(has_number("from 18% to 24%") && has_number("Q4") && has_number("0"));
        assert!(!has_number("no digits here") && !has_number("٣ months") && !has_number(""));
    }

    #[test]
    fn a_word_ends_at_the_end_of_the_text_or_at_punctuation() {
        assert!(has("we cut", "cut") && has("cut.", "cut") && has("(cut)", "cut"));
        assert!(!has("cuts", "cut") && !has("cut2", "cut") && !has("cuté", "cut"));
        assert!(has("cutting", "cut*") && has("cut", "cut*") && !has("a cu", "cut*"));
        assert!(!has("a cu", "cut") && !has("c", "cut"));
    }

    #[test]
    fn entries_are_trimmed_lowered_and_star_marked() {
        assert!(has("ÉTÉ long", "ÉTÉ") && has("été long", "Été"));
        assert!(has("reduction", " reduc * ") && !has("irreducible", " reduc * "));
        let kept = Word::new("Reduc*").into_owned();
        assert!(Haystack::new("A REDUCTION").has(&kept) && !Haystack::new("irreducible").has(&kept));
        let whole = Word::new("cut").into_owned();
        assert!(Haystack::new("cut costs").has(&whole) && !Haystack::new("cutting").has(&whole));
        // An entry that starts with punctuation matches anywhere, even inside a word.
        assert!(has("US$2M", "$") && has("up 5%", "%") && !has("five percent", "%"));
        assert_eq!((Word::shown(" reduc* "), Word::shown("be aware *"), Word::shown("cut")), ("reduc", "be aware", "cut"));
    }

    #[test]
    fn a_match_is_found_as_the_byte_range_it_covers() {
        let find = |text: &str, entry: &str| Haystack::new(text).find(&Word::new(entry));
        assert_eq!(find("up 5% now", "%"), Some(4..5));
        assert_eq!(find("we cut costs", "cut"), Some(3..6));
        assert_eq!(find("executes a cut", "cut"), Some(11..14));
        assert_eq!(find("a reduction here", "reduc*"), Some(2..11));
        assert_eq!(find("we reduce", "reduc*"), Some(3..9));
        assert_eq!(find("cut costs", "cut*"), Some(0..3));
        assert_eq!(find("ÉTÉ chaud", "été"), Some(0..5));
        assert_eq!(find("nothing here", "cut"), None);
        // An entry ending in " *" takes the next word too, unless its last word went on.
        assert_eq!(find("we need time to ramp up", "time to *"), Some(8..20));
        assert_eq!(find("time tomorrow", "time to *"), Some(0..13));
        assert_eq!(find("time to", "time to *"), Some(0..7));
        assert_eq!(find("time to.", "time to *"), Some(0..7));
        assert_eq!(Haystack::new("Reduce ÉTÉ").lower(), "reduce été");
    }

    #[test]
    fn the_oldest_prepared_text_is_dropped_first() {
        let mut kept = Haystacks::default();
        for i in 0..Haystacks::KEEP + 1 {
            kept.get(&format!("text {i}").into());
        }
        let texts: Vec<String> = kept.recent.iter().map(|(t, _)| t.to_string()).collect();
        assert_eq!(texts.first().map(String::as_str), Some("text 1"));
        assert_eq!(texts.last().map(String::as_str), Some(format!("text {}", Haystacks::KEEP).as_str()));
        kept.clear();
        assert!(kept.recent.is_empty());
    }
}
