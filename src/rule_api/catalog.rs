//! [`API`]: every rule API function with its signature, phase and a one-line description, for the
//! playground's autocompletion and the README's table.

/// One rule API function, for documentation and autocompletion.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct ApiFunction {
    /// The function's name.
    pub name: &'static str,
    /// How it is called, e.g. `text(field)`.
    pub signature: &'static str,
    /// What it does, in one line.
    pub doc: &'static str,
    /// Where it is called: `declare` (top of file), `score` (inside `evaluate`) or `any`.
    pub phase: &'static str,
}

macro_rules! api {
    ($($name:literal, $sig:literal, $phase:literal, $doc:literal;)*) => {
        &[$(ApiFunction { name: $name, signature: $sig, phase: $phase, doc: $doc }),*]
    };
}

/// Every function of the rule API.
pub const API: &[ApiFunction] = api! {
    "ruleset", "ruleset(name, version)", "declare", "Names the rule set and gives its version, shown in every report.";
    "field", "field(id, label, type, #{required, followup, options, help, placeholder})", "declare", "Declares a form field the rules read; type is text, email, textarea, number, date, select, radio or checkboxes.";
    "force", "force(id, label, max)", "declare", "Declares a force that earns points, up to max.";
    "tier", "tier(id, label, message, #{min_score, requires, excludes, fit})", "declare", "Declares a tier; tiers are tried in order and the first whose conditions hold is chosen.";
    "has", "has(field)", "score", "True if the field is answered (not missing, not blank, not an empty list).";
    "asked", "asked(field)", "score", "True if the form offers the field (every declared field, unless the host says which it asks).";
    "text", "text(field)", "score", "The field's answer as trimmed text; \"\" if unanswered.";
    "number", "number(field)", "score", "The field's answer as a number; 0 if unanswered.";
    "list", "list(field)", "score", "The ticked values of a checkbox field; [] if none.";
    "ticked", "ticked(field, value)", "score", "True if value is ticked in a checkbox field (or is the answer of a single-choice field).";
    "ticked_any", "ticked_any(field, values)", "score", "True if any of values is ticked.";
    "ticked_count", "ticked_count(field, values)", "score", "How many of values are ticked.";
    "ticked_names", "ticked_names(field, pairs)", "score", "The names of the ticked values, as a sentence lists them (\"a, b and c\"); pairs is a list of [value, name], in the order to name them.";
    "days_until", "days_until(field)", "score", "Days from today to the date in the field (negative if past); 0 if unanswered.";
    "weeks_until", "weeks_until(field)", "score", "Weeks (with fractions) from today to the date in the field; 0.0 if unanswered.";
    "today", "today()", "score", "The evaluation date as YYYY-MM-DD.";
    "is_blank", "is_blank(text)", "any", "True if the text is empty or only spaces.";
    "word_count", "word_count(text)", "any", "How many words the text has.";
    "contains_any", "contains_any(text, words)", "any", "True if the text contains any of the words (whole words, any case; end a word with * to match its start).";
    "first_match", "first_match(text, words)", "any", "The first of the words found in the text, or \"\".";
    "count_matches", "count_matches(text, words)", "any", "How many of the words occur in the text.";
    "evidence", "evidence(text, measures)", "score", "What the text says about a measure: #{baseline, target, change, unit, date, measure, summary}, () where it says nothing; dates in words count from today; measures is a word list (optional).";
    "has_number", "has_number(text)", "any", "True if the text contains a digit.";
    "strength", "strength(force, field, points, message)", "score", "Awards points to a force and records a strength.";
    "gap", "gap(force, field, message, question)", "score", "Records a gap and the consulting question to ask; gap(force, field, points, message, question) also awards partial points.";
    "warning", "warning(force, field, message)", "score", "Records a warning that costs no points.";
    "points", "points(force)", "score", "Points awarded to the force so far in this request.";
    "current_score", "current_score()", "score", "The score so far, out of 100, as the report will count it (each force capped at its maximum).";
    "yes_if", "yes_if(text)", "score", "Adds a \"Yes, if…\" condition; the text may leave out the words \"Yes, if\".";
    "understood", "understood(field, text)", "score", "Shows the requester what the rules read from an answer (\"handle time 9 → 7 minutes by 2027-03-31\"), so they can correct it; blank text is ignored.";
    "training_fit", "training_fit(verdict, reason)", "score", "Sets whether training is the fix: likely, mixed, unlikely or unknown.";
    "fit", "fit()", "score", "The training-fit verdict set so far (\"unknown\" if none).";
    "flag", "flag(name)", "score", "Raises a flag that tiers can require or exclude.";
    "flagged", "flagged(name)", "score", "True if the flag has been raised in this request.";
};
