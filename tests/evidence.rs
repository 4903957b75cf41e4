//! Evidence read from free text, phrasing by phrasing: baselines and targets ("from 9 to 7",
//! "12% → 8%"), changes ("by 20%", "halve", "double"), units and percentages, dates in words
//! counted from `today` ("by March 2027", "end of Q4", "within 6 weeks"), the measure named,
//! and what must *not* be read ("before the follow-up exam" is no date, "double down" no
//! change). Then the same through the rule API's `evidence()` map.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::json;
use yesif::evidence::{Direction, Evidence, Quantity};
use yesif::RuleSet;

const MEASURES: &[&str] = &["handle time", "error rate", "errors", "attrition", "csat", "win rate", "cost*", "complaint*", "time to *", "revenue", "churn"];

/// What was read, compactly: b(aseline) t(arget) c(hange: - down, + up, ~ unknown) u(nit)
/// d(ate) m(easure); `-` for nothing.
fn read(text: &str) -> (String, String) {
    let e = Evidence::read(text, today(), MEASURES);
    let q = |q: &Option<Quantity>| q.as_ref().map_or("-".to_string(), |q| format!("{}", q.value));
    let c = e.change.as_ref().map_or("-".to_string(), |c| {
        let sign = match c.direction {
            Direction::Down => "-",
            Direction::Up => "+",
            Direction::Unknown => "~",
        };
        format!("{sign}{}", c.amount.shown)
    });
    let found = format!(
        "b={} t={} c={} u={} d={} m={}",
        q(&e.baseline),
        q(&e.target),
        c,
        e.unit.as_deref().unwrap_or("-"),
        e.date.map_or("-".into(), |d| d.to_string()),
        e.measure.as_deref().unwrap_or("-")
    );
    (found, e.summary())
}

/// (text, what is read as of 2026-06-01, the summary shown to the requester)
const PHRASINGS: &[(&str, &str, &str)] = &[
    ("Reduce handle time from 9 to 7 minutes by March 2027", "b=9 t=7 c=- u=minutes d=2027-03-31 m=handle time", "handle time 9 → 7 minutes by 2027-03-31"),
    ("Cut average handle time from 9 minutes to 7 minutes by the end of Q4", "b=9 t=7 c=- u=minutes d=2026-12-31 m=handle time", "handle time 9 → 7 minutes by 2026-12-31"),
    ("Reduce error rate 12% → 8% within 6 weeks", "b=12 t=8 c=- u=% d=2026-07-13 m=error rate", "error rate 12% → 8% by 2026-07-13"),
    ("Reduce error rate 12% -> 8% by 2027-03-31", "b=12 t=8 c=- u=% d=2027-03-31 m=error rate", "error rate 12% → 8% by 2027-03-31"),
    ("Cut errors by 20% by year end", "b=- t=- c=-20% u=% d=2026-12-31 m=errors", "errors down 20% by 2026-12-31"),
    ("Reduce complaints by 30 percent next quarter", "b=- t=- c=-30 u=% d=2026-09-30 m=complaints", "complaints down 30% by 2026-09-30"),
    ("Halve the rework rate by end of year", "b=- t=- c=-50% u=- d=2026-12-31 m=-", "halved by 2026-12-31"),
    ("Double mid-market win rate in 2027", "b=- t=- c=+100% u=- d=2027-12-31 m=win rate", "win rate doubled by 2027-12-31"),
    ("Increase CSAT by 5 points by 31 March 2027", "b=- t=- c=+5 u=points d=2027-03-31 m=CSAT", "CSAT up 5 points by 2027-03-31"),
    ("Increase win rate from 18% to 25% by Q2 2027", "b=18 t=25 c=- u=% d=2027-06-30 m=win rate", "win rate 18% → 25% by 2027-06-30"),
    ("Improve retention by 10% in three months", "b=- t=- c=~10% u=% d=2026-09-01 m=-", "change of 10% by 2026-09-01"),
    ("Reduce attrition to below 15% by December", "b=- t=15 c=- u=% d=2026-12-31 m=attrition", "attrition below 15% by 2026-12-31"),
    ("Get errors under 2% by next month", "b=- t=2 c=- u=% d=2026-07-31 m=errors", "errors below 2% by 2026-07-31"),
    ("Reduce cost per claim from $40 to $32 by H1 2027", "b=40 t=32 c=- u=- d=2027-06-30 m=cost", "cost $40 → $32 by 2027-06-30"),
    ("Lower spend from €2.5M to €2M by mid-2027", "b=2500000 t=2000000 c=- u=- d=2027-06-30 m=-", "€2.5M → €2M by 2027-06-30"),
    ("Currently 9 minutes; target 7 minutes", "b=9 t=7 c=- u=minutes d=- m=-", "9 → 7 minutes"),
    ("Handle time is 9 minutes today", "b=9 t=- c=- u=minutes d=- m=Handle time", "Handle time now 9 minutes"),
    ("Bring churn down 3 percentage points by September 30, 2026", "b=- t=- c=-3 u=points d=2026-09-30 m=churn", "churn down 3 points by 2026-09-30"),
    ("Cut 90-day attrition from 30% to 20% by 2027", "b=30 t=20 c=- u=% d=2027-12-31 m=attrition", "attrition 30% → 20% by 2027-12-31"),
    ("Reduce time to proficiency from 12 weeks to 8 weeks within 2 months", "b=12 t=8 c=- u=weeks d=2026-08-01 m=time to proficiency", "time to proficiency 12 → 8 weeks by 2026-08-01"),
    ("Pass the follow-up exam before the follow-up exam", "b=- t=- c=- u=- d=- m=-", ""),
    ("Employees need training before the follow-up exam", "b=- t=- c=- u=- d=- m=-", ""),
    ("We may need this soon", "b=- t=- c=- u=- d=- m=-", ""),
    ("Reduce errors by half by May", "b=- t=- c=-50% u=- d=2027-05-31 m=errors", "errors halved by 2027-05-31"),
    ("Make it better", "b=- t=- c=- u=- d=- m=-", ""),
    ("Increase sales by 1,200 units by 1 July", "b=- t=- c=- u=- d=2026-07-01 m=-", "by 2026-07-01"),
    ("Reduce escalations 15% reduction by this quarter", "b=- t=- c=-15% u=% d=2026-06-30 m=-", "down 15% by 2026-06-30"),
    ("Grow revenue 10% by end of the month", "b=- t=- c=+10% u=% d=2026-06-30 m=revenue", "revenue up 10% by 2026-06-30"),
    ("reduce handle time 9 to 7 minutes", "b=9 t=7 c=- u=minutes d=- m=handle time", "handle time 9 → 7 minutes"),
    ("reduce handle time 9 minutes down to 7 by Q1", "b=9 t=7 c=- u=minutes d=2027-03-31 m=handle time", "handle time 9 → 7 minutes by 2027-03-31"),
    ("Triple conversion within a year", "b=- t=- c=+200% u=- d=2027-06-01 m=-", "tripled by 2027-06-01"),
    ("Raise NPS to at least 40 by 2026-12-31", "b=- t=40 c=- u=- d=2026-12-31 m=-", "at least 40 by 2026-12-31"),
    ("Reduce write-offs from 1.5% to 1,2% by 15th January 2027", "b=1.5 t=1.2 c=- u=% d=2027-01-15 m=-", "1.5% → 1,2% by 2027-01-15"),
    ("Deliver by go-live", "b=- t=- c=- u=- d=- m=-", ""),
    ("Schedule 2 to 4 hours a week", "b=- t=- c=- u=- d=- m=-", ""),
    ("In 2025 we had 40 incidents; by 2027 fewer than 20", "b=- t=20 c=- u=- d=2027-12-31 m=-", "below 20 by 2027-12-31"),
    ("Reduce complaints from 40/month to 20/month", "b=40 t=20 c=- u=a month d=- m=complaints", "complaints 40 → 20 a month"),
    ("Grow revenue by $2M by FY end", "b=- t=- c=+$2M u=- d=- m=revenue", "revenue up $2M"),
    ("Decrease onboarding time -> 3 weeks by next year", "b=- t=3 c=- u=weeks d=2027-12-31 m=-", "to 3 weeks by 2027-12-31"),
    ("Reduce misroutes (currently 18%) to 5% by Oct 2026", "b=18 t=5 c=- u=% d=2026-10-31 m=-", "18% → 5% by 2026-10-31"),
    ("Reduce handle time by 2 minutes in the next 6 weeks", "b=- t=- c=-2 u=minutes d=2026-07-13 m=handle time", "handle time down 2 minutes by 2026-07-13"),
    ("double-check every claim before submission", "b=- t=- c=- u=- d=- m=-", ""),
    ("Train new hires on the CRM", "b=- t=- c=- u=- d=- m=-", ""),
    ("Version 2.0 rollout", "b=- t=- c=- u=- d=- m=-", ""),
    ("Teams of 20 people in 3 regions", "b=- t=- c=- u=- d=- m=-", ""),
    ("Reduce errors", "b=- t=- c=- u=- d=- m=errors", ""),
    ("ASAP", "b=- t=- c=- u=- d=- m=-", ""),
    ("Increase pass rate to 95% by the end of 2026", "b=- t=95 c=- u=% d=2026-12-31 m=-", "to 95% by 2026-12-31"),
    ("Cut resolution time from 3 days down to 1 day", "b=3 t=1 c=- u=days d=- m=-", "3 → 1 days"),
    ("Cut ticket backlog by a third", "b=- t=- c=- u=- d=- m=-", ""),
    ("Reduce handle time by March", "b=- t=- c=- u=- d=2027-03-31 m=handle time", "handle time by 2027-03-31"),
    ("Launch in May 2027", "b=- t=- c=- u=- d=2027-05-31 m=-", "by 2027-05-31"),
    // The measure named first, not the first in the rules' list ("cost*" comes later there).
    ("Cut churn from 8% to 5% by June 2027, which saves cost", "b=8 t=5 c=- u=% d=2027-06-30 m=churn", "churn 8% → 5% by 2027-06-30"),
    ("Decrease error rate from 5 % to 2 %", "b=5 t=2 c=- u=% d=- m=error rate", "error rate 5% → 2%"),
    ("Reduce defects by 30/06/2027", "b=- t=- c=- u=- d=- m=-", ""),
    ("Stay within budget", "b=- t=- c=- u=- d=- m=-", ""),
    ("Agree next steps", "b=- t=- c=- u=- d=- m=-", ""),
    ("Reduce rework this year", "b=- t=- c=- u=- d=2026-12-31 m=-", "by 2026-12-31"),
    ("Launch in Q3", "b=- t=- c=- u=- d=2026-09-30 m=-", "by 2026-09-30"),
    ("Reduce errors from 12 to 8 per week by Q1 2027", "b=12 t=8 c=- u=a week d=2027-03-31 m=errors", "errors 12 → 8 a week by 2027-03-31"),
    ("Reduce misrouted tickets from 1 in 5 to 1 in 20", "b=0.2 t=0.05 c=- u=- d=- m=-", "1 in 5 → 1 in 20"),
    ("Improve CSAT from 3.9 to 4.3 by the end of next quarter", "b=3.9 t=4.3 c=- u=- d=2026-09-30 m=CSAT", "CSAT 3.9 → 4.3 by 2026-09-30"),
    ("Increase revenue by 12 percent by 1st October", "b=- t=- c=+12 u=% d=2026-10-01 m=revenue", "revenue up 12% by 2026-10-01"),
    ("Get to 90% accuracy in 8 weeks", "b=- t=90 c=- u=% d=2026-07-27 m=-", "to 90% by 2026-07-27"),
    ("reduce churn by 2pp over the next 6 months", "b=- t=- c=-2 u=points d=2026-12-01 m=churn", "churn down 2 points by 2026-12-01"),
    ("Halving time to competence by Q4 2026", "b=- t=- c=-50% u=- d=2026-12-31 m=time to competence", "time to competence halved by 2026-12-31"),
    ("We will double down on coaching", "b=- t=- c=- u=- d=- m=-", ""),
    ("Need it by 15 June", "b=- t=- c=- u=- d=2026-06-15 m=-", "by 2026-06-15"),
    ("Increase unusual-activity referrals escalated within 24 hours from 62% to 95% before the follow-up exam", "b=62 t=95 c=- u=% d=- m=-", "62% → 95%"),
    ("Keep errors within 2% of plan", "b=- t=- c=- u=- d=- m=errors", ""),
    ("Cut complaints 50% YoY", "b=- t=- c=-50% u=% d=- m=complaints", "complaints down 50%"),
];

#[test]
fn every_phrasing_reads_as_expected() {
    let mut wrong = Vec::new();
    for (text, want, summary) in PHRASINGS {
        let got = read(text);
        if (got.0.as_str(), got.1.as_str()) != (*want, *summary) {
            wrong.push(format!("{text:?}\n  want {want} | {summary}\n  got  {} | {}", got.0, got.1));
        }
    }
    assert!(wrong.is_empty(), "{} of {} phrasings read wrongly:\n{}", wrong.len(), PHRASINGS.len(), wrong.join("\n"));
    let nothing = PHRASINGS.iter().filter(|(_, _, s)| s.is_empty()).count();
    assert!(PHRASINGS.len() >= 60 && nothing >= 15, "keep dozens of phrasings, and many that must not match");
}

#[test]
fn dates_in_words_count_from_today_and_roll_into_next_year_once_passed() {
    let date = |text: &str, today: &str| Evidence::read(text, day(today), &[] as &[&str]).date.map(|d| d.to_string());
    assert_eq!(date("by March", "2026-03-31").as_deref(), Some("2026-03-31"));
    assert_eq!(date("by March", "2026-04-01").as_deref(), Some("2027-03-31"));
    assert_eq!(date("end of Q1", "2026-06-01").as_deref(), Some("2027-03-31"));
    assert_eq!(date("end of Q2", "2026-06-01").as_deref(), Some("2026-06-30"));
    assert_eq!(date("by 15 June", "2026-06-16").as_deref(), Some("2027-06-15"));
    assert_eq!(date("next month", "2026-12-15").as_deref(), Some("2027-01-31"));
    assert_eq!(date("next quarter", "2026-11-02").as_deref(), Some("2027-03-31"));
    assert_eq!(date("within 4 weeks", "2026-12-20").as_deref(), Some("2027-01-17"));
    assert_eq!(date("in one month", "2027-01-31").as_deref(), Some("2027-02-28"));
    assert_eq!(date("by 29 February", "2026-06-01").as_deref(), None, "2027 has no 29 February");
    assert_eq!(date("before the follow-up exam", "2026-06-01"), None);
    assert_eq!(date("by the audit in spring", "2026-06-01"), None);
}

#[test]
fn an_empty_or_blank_text_says_nothing() {
    for text in ["", "   ", "\n"] {
        let e = Evidence::read(text, today(), MEASURES);
        assert!(e.is_empty() && e.measure.is_none() && e.summary().is_empty(), "{text:?}");
    }
}

/// Runs `statement` (which may use `e`, the evidence of the goal) and returns its condition.
fn rule(statement: &str, goal: &str) -> String {
    let source = mini_with_settings(
        "const MEASURES = [\"handle time\", \"errors\"];",
        &format!("let e = evidence(text(\"goal\"), MEASURES); yes_if(`${{{statement}}}`); return;"),
    );
    let rules = RuleSet::compile(&source).unwrap_or_else(|e| panic!("{e}"));
    rules.score(&json!({ "goal": goal }), today()).unwrap().conditions[0].trim_start_matches("Yes, if ").trim_end_matches('.').to_owned()
}

#[test]
fn rules_get_a_map_with_unit_for_what_the_text_does_not_say() {
    let goal = "Reduce handle time from 9 to 7.5 minutes by March 2027";
    assert_eq!(rule("e.baseline", goal), "9");
    assert_eq!(rule("type_of(e.baseline)", goal), "i64");
    assert_eq!(rule("e.target", goal), "7.5");
    assert_eq!(rule("e.unit", goal), "minutes");
    assert_eq!(rule("e.date", goal), "2027-03-31");
    assert_eq!(rule("e.measure", goal), "handle time");
    assert_eq!(rule("e.change == ()", goal), "true");
    assert_eq!(rule("e.summary", goal), "handle time 9 → 7.5 minutes by 2027-03-31");
    assert_eq!(rule("e.change", "Cut errors by 20% by Q4"), "-20%");
    assert_eq!(rule("e.change", "Halve errors"), "-50%");
    assert_eq!(rule("e.change", "Double errors"), "+100%");
    assert_eq!(rule("e.change", "Improve errors by 3 points"), "3 points");
    let nothing = "Train people before the follow-up exam";
    assert_eq!(rule("[e.baseline, e.target, e.change, e.unit, e.date, e.measure, e.summary]", nothing), "[(), (), (), (), (), (), \"\"]");
}

#[test]
fn a_word_list_written_in_place_or_left_out_works_too() {
    let run = |call: &str| {
        let rules = RuleSet::compile(&mini_with(&format!("yes_if(`${{{call}}}`); return;"))).unwrap();
        let report = rules.score(&json!({ "goal": "Cut complaints 50% by next month" }), today()).unwrap();
        report.conditions[0].clone()
    };
    assert_eq!(run("evidence(text(\"goal\"), [\"complaint*\"]).summary"), "Yes, if complaints down 50% by 2026-07-31.");
    assert_eq!(run("evidence(text(\"goal\")).summary"), "Yes, if down 50% by 2026-07-31.");
    let bad = RuleSet::compile(&mini_with("evidence(\"x\", [1, 2]);")).unwrap();
    assert!(bad.score(&json!({}), today()).unwrap_err().to_string().contains("the word list must hold only text"));
    let top = RuleSet::compile(&format!("{}\nlet e = evidence(\"from 1 to 2\");", common::MINI));
    assert!(top.unwrap_err().to_string().contains("belongs inside `fn evaluate()`"));
}
