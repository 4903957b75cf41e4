//! Text helpers behind the rule API's word-list checks. They run natively because rules call
//! them on every keystroke, over every word list, and a Rhai loop would be many times slower.
//!
//! Matching is case-insensitive and by whole words: `cut` matches "Cut costs" but not
//! "execute". An entry ending in `*` matches any word that starts with it: `reduc*` matches
//! "reduce", "reduced" and "reduction". An entry may hold several words ("be aware").

/// Finds the first entry of `words` that occurs in `text`, in list order.
///
/// # Example
/// ```
/// use yesif::text::first_match;
/// let verbs = ["increase", "reduc*", "cut"];
/// assert_eq!(first_match("We must REDUCE churn", verbs.iter().copied()), Some("reduc*"));
/// assert_eq!(first_match("execute the plan", verbs.iter().copied()), None);
/// ```
pub fn first_match<'w>(text: &str, words: impl IntoIterator<Item = &'w str>) -> Option<&'w str> {
    let hay = Normalized::new(text);
    words.into_iter().find(|w| hay.contains_word(w))
}

/// Counts the entries of `words` that occur in `text` (each entry at most once).
pub fn count_matches<'w>(text: &str, words: impl IntoIterator<Item = &'w str>) -> usize {
    let hay = Normalized::new(text);
    words.into_iter().filter(|w| hay.contains_word(w)).count()
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
    text.chars().any(|c| c.is_ascii_digit())
}

/// Text lower-cased once so that many entries can be matched against it.
struct Normalized(String);

impl Normalized {
    fn new(text: &str) -> Self {
        Self(text.to_lowercase())
    }

    fn contains_word(&self, entry: &str) -> bool {
        let entry = entry.trim();
        let (needle, prefix) = match entry.strip_suffix('*') {
            Some(stem) => (stem.trim_end(), true),
            None => (entry, false),
        };
        if needle.is_empty() {
            return false;
        }
        let needle = needle.to_lowercase();
        let hay = self.0.as_str();
        let mut from = 0;
        while let Some(i) = hay[from..].find(&needle) {
            let start = from + i;
            let end = start + needle.len();
            let starts_word = hay[..start].chars().next_back().map_or(true, |c| !c.is_alphanumeric());
            let ends_word = prefix || hay[end..].chars().next().map_or(true, |c| !c.is_alphanumeric());
            if starts_word && ends_word {
                return true;
            }
            // Step past the first character of this occurrence (UTF-8 safe).
            from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(text: &str, entry: &str) -> bool {
        first_match(text, [entry]).is_some()
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
    fn counts_words_with_letters_or_digits() {
        assert_eq!(word_count("  Raise win rate – from 18% to 24%  "), 7);
        assert_eq!(word_count(""), 0);
    }
}
