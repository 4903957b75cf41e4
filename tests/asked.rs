//! The form's shape as part of the request: `asked` in the scoring options, the `asked(field)`
//! rule function, each finding's `asked`, the split of gaps into `questions` and `followups`,
//! and what the rules say they `understood`.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::json;
use yesif::{DiagnosticKind, RuleSet, ScoreOptions};

fn asked(ids: &[&str]) -> ScoreOptions {
    ScoreOptions { today: today(), asked: Some(ids.iter().map(|s| s.to_string()).collect()) }
}

#[test]
fn without_asked_every_field_is_asked_and_the_report_is_what_score_gives() {
    let request = json!({"goal": "Cut waste", "size": 3});
    let all = ["goal", "size", "due", "why", "driver", "mail"];
    let plain = score(&mini(), request.clone());
    assert_eq!(mini().score_with(&request, &ScoreOptions::new(today())).unwrap(), plain);
    assert_eq!(mini().score_with(&request, &asked(&all)).unwrap(), plain);
    assert!(plain.findings.iter().all(|f| f.asked));
    assert_eq!(plain.followups, Vec::<String>::new());
    assert_eq!(plain.questions, ["What's getting in the way?"]);
}

#[test]
fn gaps_on_fields_the_form_lacks_become_followups_not_questions() {
    let report = mini().score_with(&json!({}), &asked(&["goal", "size"])).unwrap();
    let gaps: Vec<(Option<&str>, bool)> = report.gaps().map(|f| (f.field.as_deref(), f.asked)).collect();
    assert_eq!(gaps, [(Some("goal"), true), (Some("why"), false), (Some("why"), false)]);
    assert_eq!(report.questions, ["What business outcome are you trying to achieve?"]);
    assert_eq!(report.followups, ["What's getting in the way?"]);
    assert_eq!(report.followup_gaps().count(), 2);
    // What the form lacks costs the same points: the score and tier do not change.
    let full = score(&mini(), json!({}));
    assert_eq!((report.score, &report.tier), (full.score, &full.tier));
}

#[test]
fn a_question_asked_of_a_field_on_the_form_is_never_repeated_as_a_followup() {
    let rules = RuleSet::compile(&mini_with(
        "gap(\"\", \"mail\", \"m\", \"What's getting in the way?\"); gap(\"\", \"mail\", \"m\", \"Who else?\"); gap(\"\", \"due\", \"d\", \"Who else?\");",
    ))
    .unwrap();
    let report = rules.score_with(&json!({}), &asked(&["why", "due"])).unwrap();
    // "What's getting in the way?" is asked of `why` (on the form) and of `mail` (not on it).
    assert_eq!(report.questions, ["Who else?", "What's getting in the way?"]);
    assert_eq!(report.followups, ["What business outcome are you trying to achieve?"]);
    let report = rules.score_with(&json!({}), &asked(&["goal"])).unwrap();
    assert_eq!(report.questions, ["What business outcome are you trying to achieve?"]);
    assert_eq!(report.followups, ["What's getting in the way?", "Who else?"]);
}

#[test]
fn a_finding_about_no_field_counts_as_asked() {
    let rules = RuleSet::compile(&mini_with("gap(\"\", \"\", \"General\", \"Anything else?\"); warning(\"\", \"\", \"w\");")).unwrap();
    let report = rules.score_with(&json!({}), &asked(&[])).unwrap();
    assert!(report.findings.iter().filter(|f| f.field.is_none()).all(|f| f.asked));
    assert_eq!(report.questions, ["Anything else?"]);
    assert_eq!(report.followups, ["What business outcome are you trying to achieve?", "What's getting in the way?"]);
}

#[test]
fn rules_read_whether_a_field_is_asked() {
    let rules = RuleSet::compile(&mini_with("yes_if(`${asked(\"goal\")} ${asked(\"mail\")}`); return;")).unwrap();
    let conditions = |o: &ScoreOptions| rules.score_with(&json!({}), o).unwrap().conditions;
    assert_eq!(conditions(&asked(&["goal", " size "])), ["Yes, if true false."]);
    assert_eq!(conditions(&ScoreOptions::new(today())), ["Yes, if true true."]);
    let bad = RuleSet::compile(&mini_with("asked(\"budget\");")).unwrap();
    let err = bad.score(&json!({}), today()).unwrap_err();
    assert_eq!(err.diagnostics()[0].kind, DiagnosticKind::Runtime);
    assert!(err.diagnostics()[0].message.contains("there is no field 'budget'"), "{err}");
}

#[test]
fn an_unknown_asked_id_is_an_input_problem_reported_with_the_requests_own() {
    let err = mini().score_with(&json!({"size": "many"}), &asked(&["goal", "gaol", "budget"])).unwrap_err();
    let found: Vec<(DiagnosticKind, Option<&str>, &str)> =
        err.diagnostics().iter().map(|d| (d.kind, d.field.as_deref(), d.message.as_str())).collect();
    assert_eq!(
        found,
        [
            (DiagnosticKind::Input, Some("asked"), "asked: the rules declare no field 'gaol'; did you mean 'goal'?"),
            (DiagnosticKind::Input, Some("asked"), "asked: the rules declare no field 'budget'; `yesif fields` lists the declared ids"),
            (DiagnosticKind::Input, Some("size"), "How many people (size): expects a number, not the text \"many\""),
        ]
    );
    // The same through JSON text.
    let err = mini().score_json_with("{}", &asked(&["Goal"])).unwrap_err();
    assert_eq!(err.diagnostics()[0].message, "asked: the rules declare no field 'Goal'; did you mean 'goal'?");
}

#[test]
fn understood_lists_what_the_rules_read_once_each_in_order() {
    let rules = RuleSet::compile(&mini_with(
        "understood(\"goal\", \" waste 9 → 7 tonnes \"); understood(\"\", \"in general\"); understood(\"goal\", \"waste 9 → 7 tonnes\"); understood(\"goal\", \"  \");",
    ))
    .unwrap();
    let report = score(&rules, json!({}));
    let got: Vec<(Option<&str>, &str)> = report.understood.iter().map(|u| (u.field.as_deref(), u.text.as_str())).collect();
    assert_eq!(got, [(Some("goal"), "waste 9 → 7 tonnes"), (None, "in general")]);
    assert!(report.to_json().contains(r#""understood":[{"field":"goal","text":"waste 9 → 7 tonnes"},{"field":null,"text":"in general"}],"today""#));
    let bad = RuleSet::compile(&mini_with("understood(\"nope\", \"x\");")).unwrap();
    assert!(bad.score(&json!({}), today()).unwrap_err().to_string().contains("there is no field 'nope'"));
}
