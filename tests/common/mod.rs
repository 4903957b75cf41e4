//! Shared fixtures for the native tests: a small rule set that exercises the rule API without
//! depending on the default rubric's wording.
#![allow(dead_code)]

use yesif::{Date, Report, RuleSet};

/// A compact rule set: two forces, three tiers, one field of each type.
pub const MINI: &str = r#"
//! A small rule set for the tests.
ruleset("Mini", "1.2");

const RESULT_VERBS = ["increase", "reduc*", "cut"];
const BONUS = 5;

field("goal", "Goal", "textarea", #{ required: true });
field("size", "How many people", "number");
field("due", "Needed by", "date");
field("why", "What gets in the way", "checkboxes", #{ options: ["knowledge", "tools"] });
field("driver", "Driver", "select", #{ options: [#{ value: "compliance", label: "Compliance" }, "other"] });
field("mail", "Email", "email");

force("business_alignment", "Business alignment", 10);
force("consumer_experience", "Learner experience", 10);

tier("great", "Great", "Off you go.", #{ min_score: 80, requires: ["has_goal"], fit: ["likely"] });
tier("ok", "Fine", "Good enough.", #{ min_score: 40 });
tier("needs-info", "Needs more information", "Tell us more.");

fn evaluate() {
    let goal = text("goal");
    if contains_any(goal, RESULT_VERBS) {
        strength("business_alignment", "goal", 10, "The goal is a result");
        flag("has_goal");
    } else {
        gap("business_alignment", "goal", "Say what should change.", "What business outcome are you trying to achieve?");
    }
    if number("size") >= 20 {
        strength("consumer_experience", "size", BONUS, "Enough people");
    }
    if has("due") && days_until("due") < 14 {
        yes_if("we can move the date");
    }
    if ticked("why", "knowledge") && !ticked("why", "tools") {
        training_fit("likely", "only knowledge is in the way");
        strength("consumer_experience", "why", 5, "The barrier is knowledge");
    } else if has("why") {
        training_fit("unlikely", "tools are in the way");
    } else {
        gap("", "why", "We can't tell what is in the way.", "What's getting in the way?");
        gap("", "why", "Still can't tell.", "What's getting in the way?");
    }
}
"#;

pub fn mini() -> RuleSet {
    RuleSet::compile(MINI).expect("the mini rules compile")
}

pub fn day(s: &str) -> Date {
    Date::parse(s).expect("a valid date")
}

pub fn today() -> Date {
    day("2026-06-01")
}

pub fn score(rules: &RuleSet, request: serde_json::Value) -> Report {
    rules.score(&request, today()).expect("the request scores")
}

/// The default rubric, as shipped.
pub fn default_rules() -> RuleSet {
    RuleSet::compile(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/ld-intake.rhai")).unwrap())
        .expect("the default rules compile")
}

/// The default rubric's cases (rules/ld-intake.cases.json), parsed.
pub fn default_cases() -> Vec<yesif::cases::Case> {
    yesif::cases::parse(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/ld-intake.cases.json")).unwrap()).unwrap()
}

/// The same rule set with one extra statement at the start of `evaluate()`.
pub fn mini_with(statement: &str) -> String {
    MINI.replace("fn evaluate() {", &format!("fn evaluate() {{\n    {statement}"))
}

/// The same rule set with `settings` added to its own and `statement` at the start of
/// `evaluate()`.
pub fn mini_with_settings(settings: &str, statement: &str) -> String {
    mini_with(statement).replace("const BONUS = 5;", &format!("const BONUS = 5;\n{settings}"))
}
