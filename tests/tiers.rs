//! Tier choice: the first declared tier whose conditions all hold wins — its minimum score (at
//! it, not only above), every flag it requires, none it excludes, and one of its training-fit
//! verdicts — and a rule file must end with a tier that has no conditions.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::today;
use serde_json::json;
use yesif::RuleSet;

/// Rules whose request says what to award, which flags to raise and which verdict to set.
const TIERS: &str = r#"
ruleset("Tiers", "1");
field("points", "Points", "number");
field("flags", "Flags", "checkboxes", #{ options: ["a", "b", "x"] });
field("fit", "Fit", "select", #{ options: ["likely", "mixed", "unlikely", "unknown"] });
force("f", "F", 100);
tier("first", "First", "m", #{ min_score: 80, requires: ["a", "b"], excludes: ["x"], fit: ["likely", "mixed"] });
tier("second", "Second", "m", #{ min_score: 50 });
tier("third", "Third", "m", #{ requires: ["a"] });
tier("fourth", "Fourth", "m", #{ excludes: ["x"], fit: ["unknown"] });
tier("rest", "Rest", "m");
fn evaluate() {
    if number("points") > 0 { strength("f", "points", number("points"), "points"); }
    for f in list("flags") { flag(f); }
    if has("fit") { training_fit(text("fit"), "as asked"); }
}
"#;

fn tier(points: i64, flags: &[&str], fit: Option<&str>) -> String {
    let rules = RuleSet::compile(TIERS).unwrap();
    let mut request = json!({"points": points, "flags": flags});
    if let Some(fit) = fit {
        request["fit"] = json!(fit);
    }
    let report = rules.score(&request, today()).unwrap();
    assert_eq!(report.score, points);
    report.tier.id
}

#[test]
fn the_first_tier_whose_conditions_all_hold_wins() {
    let table: [(i64, &[&str], Option<&str>, &str); 14] = [
        (80, &["a", "b"], Some("likely"), "first"),
        (100, &["a", "b"], Some("mixed"), "first"),
        (79, &["a", "b"], Some("likely"), "second"),      // just under the minimum score
        (80, &["a"], Some("likely"), "second"),           // one required flag missing
        (80, &["b"], Some("likely"), "second"),
        (80, &["a", "b", "x"], Some("likely"), "second"), // an excluded flag raised
        (80, &["a", "b"], Some("unlikely"), "second"),    // a verdict not allowed
        (80, &["a", "b"], None, "second"),                // no verdict set is "unknown"
        (50, &[], None, "second"),                        // exactly the minimum score
        (49, &["a"], Some("likely"), "third"),
        (49, &["b"], None, "fourth"),                     // "unknown" when no verdict was set
        (0, &[], Some("unknown"), "fourth"),
        (49, &["x"], None, "rest"),
        (0, &[], Some("likely"), "rest"),
    ];
    for (points, flags, fit, expected) in table {
        assert_eq!(tier(points, flags, fit), expected, "{points} points, flags {flags:?}, fit {fit:?}");
    }
}

#[test]
fn the_last_tier_must_have_no_conditions() {
    let last = |conditions: &str| TIERS.replace(r#"tier("rest", "Rest", "m");"#, &format!(r#"tier("rest", "Rest", "m"{conditions});"#));
    for conditions in [r#", #{ min_score: 1 }"#, r#", #{ requires: ["a"] }"#, r#", #{ excludes: ["x"] }"#, r#", #{ fit: ["likely"] }"#] {
        let err = RuleSet::compile(&last(conditions)).expect_err(conditions);
        assert_eq!(
            err.diagnostics()[0].message,
            "the last tier, 'rest', has conditions, so some requests would get no tier; end with a tier that has none",
            "{conditions}"
        );
    }
    for conditions in ["", r#", #{ min_score: 0 }"#, r#", #{ requires: [], excludes: [], fit: [] }"#] {
        assert!(RuleSet::compile(&last(conditions)).is_ok(), "{conditions}");
    }
}
