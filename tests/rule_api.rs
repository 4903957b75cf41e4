//! The rule API as rule authors see it: how answers read, what the helpers match, and how
//! findings, questions, conditions, verdicts and tiers come out.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::json;
use yesif::{FindingKind, RuleSet};

/// Evaluates `expr` inside `evaluate()` for `request` and returns it as a "Yes, if" condition,
/// which is the simplest way to read a value back out of a rule.
fn eval(expr: &str, request: serde_json::Value) -> String {
    let rules = RuleSet::compile(&mini_with(&format!("yes_if(`${{{expr}}}`); return;"))).unwrap();
    let report = rules.score(&request, today()).unwrap();
    report.conditions[0].trim_start_matches("Yes, if ").trim_end_matches('.').to_owned()
}

#[test]
fn answers_read_predictably_whether_present_or_not() {
    assert_eq!(eval("text(\"goal\")", json!({"goal": "  Cut churn  "})), "Cut churn");
    assert_eq!(eval("`[${text(\"goal\")}]`", json!({})), "[]");
    assert_eq!(eval("number(\"size\")", json!({"size": 120})), "120");
    assert_eq!(eval("number(\"size\")", json!({"size": 2.5})), "2.5");
    assert_eq!(eval("number(\"size\")", json!({})), "0");
    assert_eq!(eval("has(\"size\")", json!({"size": 0})), "true");
    assert_eq!(eval("has(\"goal\")", json!({"goal": " "})), "false");
    assert_eq!(eval("list(\"why\").len()", json!({"why": ["knowledge", "tools"]})), "2");
    assert_eq!(eval("text(\"why\")", json!({"why": ["knowledge", "tools"]})), "knowledge, tools");
}

#[test]
fn ticked_works_for_lists_and_single_choices() {
    let req = json!({"why": ["knowledge"], "driver": "compliance"});
    assert_eq!(eval("ticked(\"why\", \"knowledge\")", req.clone()), "true");
    assert_eq!(eval("ticked(\"driver\", \"compliance\")", req.clone()), "true");
    assert_eq!(eval("ticked_any(\"why\", [\"tools\", \"knowledge\"])", req.clone()), "true");
    assert_eq!(eval("ticked_count(\"why\", [\"tools\", \"knowledge\"])", req.clone()), "1");
    assert_eq!(eval("ticked(\"why\", \"tools\")", json!({})), "false");
}

#[test]
fn ticked_names_lists_the_ticked_values_in_words_in_the_pairs_order() {
    let names = "ticked_names(\"why\", [[\"tools\", \"the tools\"], [\"knowledge\", \"know-how\"], [\"other\", \"something else\"]])";
    assert_eq!(eval(names, json!({"why": ["knowledge", "tools"]})), "the tools and know-how");
    assert_eq!(eval(names, json!({"why": ["knowledge", "tools", "other"]})), "the tools, know-how and something else");
    assert_eq!(eval(names, json!({"why": ["knowledge"]})), "know-how");
    assert_eq!(eval(&format!("`[${{{names}}}]`"), json!({})), "[]");
    assert_eq!(eval("ticked_names(\"driver\", [[\"compliance\", \"a mandate\"]])", json!({"driver": "compliance"})), "a mandate");

    let err = run_with("", "yes_if(ticked_names(\"why\", [\"tools\"]));").unwrap_err();
    assert!(err.contains("each entry must be a [value, name] pair of text"), "{err:?}");
}

#[test]
fn dates_count_from_the_given_today() {
    assert_eq!(eval("days_until(\"due\")", json!({"due": "2026-07-13"})), "42");
    assert_eq!(eval("weeks_until(\"due\")", json!({"due": "2026-07-13"})), "6.0");
    assert_eq!(eval("days_until(\"due\")", json!({"due": "2026-05-25"})), "-7");
    assert_eq!(eval("days_until(\"due\")", json!({})), "0");
    assert_eq!(eval("today()", json!({})), "2026-06-01");
}

#[test]
fn text_helpers_match_whole_words_in_any_case() {
    assert_eq!(eval("contains_any(\"We must REDUCE churn\", [\"reduc*\"])", json!({})), "true");
    assert_eq!(eval("contains_any(\"execute\", [\"cut\"])", json!({})), "false");
    assert_eq!(eval("first_match(\"a quick e-learning course\", [\"workshop\", \"course\", \"e-learning\"])", json!({})), "course");
    assert_eq!(eval("count_matches(\"course and workshop\", [\"workshop\", \"course\", \"module\"])", json!({})), "2");
    assert_eq!(eval("word_count(\"  one two  three \")", json!({})), "3");
    assert_eq!(eval("is_blank(\"  \")", json!({})), "true");
    assert_eq!(eval("has_number(\"from 18% to 24%\")", json!({})), "true");
}

#[test]
fn the_same_text_matched_against_several_lists_gives_each_its_own_answer() {
    // Answers are prepared once per request for matching; each list still gets its own result.
    let req = json!({"goal": "Reduce churn with a course"});
    let expr = "`${contains_any(text(\"goal\"), [\"reduc*\"])} ${contains_any(text(\"goal\"), [\"cut\"])} ${first_match(text(\"goal\"), [\"course\"])}`";
    assert_eq!(eval(expr, req), "true false course");
    assert_eq!(eval("contains_any(text(\"goal\"), [\"reduc*\"])", json!({"goal": "Cut churn"})), "false");
}

#[test]
fn index_of_finds_numbers_as_the_standard_library_does() {
    assert_eq!(eval("index_of([1, 2, 3, 5], 5)", json!({})), "3");
    assert_eq!(eval("[1, 2.0, 3].index_of(2)", json!({})), "1");
    assert_eq!(eval("index_of([\"5\", (), 5], 5)", json!({})), "2");
    assert_eq!(eval("index_of([1, 2], 7)", json!({})), "-1");
    assert_eq!(eval("index_of([], 7)", json!({})), "-1");
    assert_eq!(eval("index_of([\"a\", \"b\"], \"b\")", json!({})), "1");
}

#[test]
fn points_add_up_per_force_and_the_score_is_a_rounded_share() {
    let report = score(&mini(), json!({"goal": "Increase win rate", "size": 50, "why": ["knowledge"]}));
    let forces: Vec<_> = report.forces.iter().map(|f| (f.id.as_str(), f.score, f.max)).collect();
    assert_eq!(forces, [("business_alignment", 10, 10), ("consumer_experience", 10, 10)]);
    assert_eq!(report.score, 100);
    let report = score(&mini(), json!({"size": 50}));
    assert_eq!(report.score, 25, "5 of 20 points");
}

#[test]
fn points_beyond_a_forces_maximum_are_capped() {
    let rules = RuleSet::compile(&mini_with("strength(\"business_alignment\", \"\", 10, \"a\"); strength(\"business_alignment\", \"\", 10, \"b\");")).unwrap();
    let report = rules.score(&json!({}), today()).unwrap();
    assert_eq!(report.forces[0].score, 10);
}

#[test]
fn current_score_is_the_score_the_report_will_give() {
    // Two forces of 10; 20 points awarded to one of them count as its 10: 10 of 20.
    let rules = RuleSet::compile(&mini_with(
        "yes_if(`${current_score()}`); strength(\"business_alignment\", \"\", 10, \"a\"); strength(\"business_alignment\", \"\", 10, \"b\"); yes_if(`${current_score()}`); return;",
    ))
    .unwrap();
    let report = rules.score(&json!({}), today()).unwrap();
    assert_eq!(report.conditions, ["Yes, if 0.", "Yes, if 50."]);
    assert_eq!(report.score, 50);
    let at_top = RuleSet::compile(&mini_with_settings("let s = current_score();", "")).unwrap_err();
    assert!(at_top.diagnostics().iter().any(|d| d.message.contains("current_score() reads or scores a request")), "{at_top:?}");
}

#[test]
fn gaps_carry_their_question_and_questions_are_deduplicated_in_order() {
    let report = score(&mini(), json!({"goal": "more Excel"}));
    let gaps: Vec<_> = report.gaps().map(|f| (f.field.as_deref(), f.force.as_deref())).collect();
    assert_eq!(gaps, [(Some("goal"), Some("business_alignment")), (Some("why"), None), (Some("why"), None)]);
    assert_eq!(report.questions, ["What business outcome are you trying to achieve?", "What's getting in the way?"]);
}

#[test]
fn conditions_start_with_yes_if_and_are_not_repeated() {
    let rules = RuleSet::compile(&mini_with("yes_if(\"we pilot first\"); yes_if(\"Yes, if we pilot first.\"); yes_if(\"yes, if the sponsor agrees\");")).unwrap();
    let report = rules.score(&json!({}), today()).unwrap();
    assert_eq!(report.conditions, ["Yes, if we pilot first.", "Yes, if the sponsor agrees."]);
}

#[test]
fn the_training_fit_defaults_to_unknown() {
    let report = score(&mini(), json!({}));
    assert_eq!((report.training_fit.id.as_str(), report.training_fit.reason.as_str()), ("unknown", ""));
    let report = score(&mini(), json!({"why": ["tools"]}));
    assert_eq!(report.training_fit.id, "unlikely");
}

#[test]
fn tiers_are_tried_in_order_with_score_flags_and_fit() {
    // Full marks, flag raised, fit likely: the first tier.
    let great = json!({"goal": "Reduce errors", "size": 40, "why": ["knowledge"]});
    assert_eq!(score(&mini(), great).tier.id, "great");
    // Same score but fit unlikely: the first tier's fit condition fails.
    let report = score(&mini(), json!({"goal": "Reduce errors", "size": 40, "why": ["tools"]}));
    assert_eq!((report.score, report.tier.id.as_str()), (75, "ok"));
    // The last tier catches the rest.
    assert_eq!(score(&mini(), json!({})).tier.id, "needs-info");
}

#[test]
fn findings_record_points_and_kinds() {
    let report = score(&mini(), json!({"goal": "Cut waste", "size": 20}));
    let strengths: Vec<_> = report.findings.iter().filter(|f| f.kind == FindingKind::Strength).map(|f| (f.field.as_deref(), f.points)).collect();
    assert_eq!(strengths, [(Some("goal"), 10), (Some("size"), 5)]);
}

#[test]
fn fields_and_info_describe_the_rules() {
    let rules = mini();
    let fields = rules.fields();
    assert_eq!(fields.len(), 6);
    assert!(fields[0].required);
    assert_eq!(fields[4].options[0].label, "Compliance");
    assert_eq!(fields[4].options[1].value, "other");
    assert_eq!((rules.info().name.as_str(), rules.info().version.as_str()), ("Mini", "1.2"));
    assert_eq!(rules.info().hash.len(), 64);
}

#[test]
fn every_api_function_is_documented_and_registered() {
    for f in yesif::API {
        assert!(!f.doc.is_empty() && f.signature.starts_with(f.name), "{}", f.name);
        assert!(MINI.contains(f.name) || ["points", "current_score", "warning", "fit", "flagged", "first_match", "count_matches", "word_count", "is_blank", "has_number", "list", "ticked_any", "ticked_count", "ticked_names", "weeks_until", "today", "asked", "understood", "evidence"].contains(&f.name), "{} is covered by a test", f.name);
    }
    let rules = RuleSet::compile(&mini_with("warning(\"\", \"mail\", \"w\"); let p = points(\"business_alignment\"); let f = fit(); let g = flagged(\"x\");")).unwrap();
    let report = rules.score(&json!({}), today()).unwrap();
    assert_eq!(report.findings[0].kind, FindingKind::Warning);
}

#[test]
fn settings_of_every_kind_are_visible_inside_functions() {
    let settings = "const TABLE = #{ small: 1, big: 2 };\nconst LIST = [10, 20, 30];";
    let conditions = run_with(settings, "yes_if(`${TABLE.big} ${TABLE[\"small\"]} ${LIST[1]} ${LIST.len()} ${LIST.index_of(30)} ${BONUS}`);").unwrap();
    assert_eq!(conditions[0], "Yes, if 2 1 20 3 2 5.");
}

#[test]
fn a_function_variable_shadows_a_setting() {
    assert_eq!(run_with("", "let BONUS = 7; yes_if(`${BONUS}`);").unwrap()[0], "Yes, if 7.");
}

/// Scores a request with two barriers ticked and a compliance driver, with `MINI` plus
/// `settings` at the top and `statement` at the start of `evaluate()`, and returns the
/// conditions or the first error.
fn run_with(settings: &str, statement: &str) -> Result<Vec<String>, String> {
    let source = mini_with_settings(settings, statement);
    let rules = RuleSet::compile(&source).map_err(|e| e.to_string())?;
    rules.score(&json!({"why": ["tools", "knowledge"], "driver": "compliance"}), today()).map(|r| r.conditions).map_err(|e| e.diagnostics()[0].message.clone())
}

#[test]
fn settings_lists_give_the_same_answers_as_lists_written_in_place() {
    // A settings list used only by list functions is kept by the rule set and passed by handle;
    // one also used another way stays a list. Both must answer exactly as a list in place does.
    let settings = "const WORDS = [\"workshop\", \" Course* \", \"E-learning\"];\nconst WHY = [\"tools\", \"process\", \"knowledge\"];\nconst NAMES = [[\"tools\", \"the tools\"], [\"knowledge\", \"know-how\"]];";
    let uses = |words: &str, why: &str, names: &str| {
        format!(
            "yes_if(`${{contains_any(\"Two COURSES\", {words})}} ${{first_match(\"an e-learning course\", {words})}} ${{count_matches(\"course, workshop\", {words})}} ${{ticked_any(\"why\", {why})}} ${{ticked_count(\"why\", {why})}} ${{ticked_names(\"why\", {names})}}`);"
        )
    };
    let in_place = uses("[\"workshop\", \" Course* \", \"E-learning\"]", "[\"tools\", \"process\", \"knowledge\"]", "[[\"tools\", \"the tools\"], [\"knowledge\", \"know-how\"]]");
    let expected = run_with("", &in_place).unwrap();
    assert_eq!(expected, ["Yes, if true Course 2 true 2 the tools and know-how."]);
    assert_eq!(run_with(settings, &uses("WORDS", "WHY", "NAMES")).unwrap(), expected, "kept lists");
    let also_read = format!("{} yes_if(`${{WORDS.len()}} ${{WHY[0]}} ${{NAMES}}`);", uses("WORDS", "WHY", "NAMES"));
    let conditions = run_with(settings, &also_read).unwrap();
    assert_eq!(conditions[0], expected[0], "lists also used another way");
    assert_eq!(conditions[1], "Yes, if 3 tools [[\"tools\", \"the tools\"], [\"knowledge\", \"know-how\"]].");
    let hidden = format!("let WORDS = [\"course\"]; {}", uses("WORDS", "WHY", "NAMES"));
    assert_eq!(run_with(settings, &hidden).unwrap(), ["Yes, if false course 1 true 2 the tools and know-how."], "a local list hides the setting");
}

#[test]
fn a_rule_file_may_define_its_own_list_function() {
    // Its function gets the list itself (a handle has no length), here and in MINI's rules.
    let settings = "const WORDS = [\"a\", \"b\"];\nfn contains_any(text, words) { words.len() > 1 }";
    assert_eq!(run_with(settings, "yes_if(`${contains_any(\"x\", WORDS)}`);").unwrap(), ["Yes, if true."]);
}

#[test]
fn a_list_function_given_something_else_says_so() {
    let settings = "const MIXED = [\"cut\", 5];";
    assert_eq!(
        run_with(settings, "contains_any(\"execute\", MIXED);").unwrap_err(),
        "contains_any(): the word list must hold only text, but it holds 5"
    );
    assert_eq!(run_with(settings, "ticked_any(\"why\", MIXED);").unwrap_err(), "ticked_any(): the word list must hold only text, but it holds 5");
    assert_eq!(
        run_with("", "contains_any(\"execute\", 5);").unwrap_err(),
        "contains_any(): the second argument must be a list, like [\"cut\", \"reduc*\"], not the number 5"
    );
}
