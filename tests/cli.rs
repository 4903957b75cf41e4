//! The `yesif` command line: each command's output and exit status.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::io::Write;

fn yesif(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yesif")).args(args).output().expect("the CLI runs")
}

fn yesif_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yesif")).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A scratch folder with the mini rules and their cases.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("yesif-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("mini.rhai"), common::MINI).unwrap();
        Scratch(dir)
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
    fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.0.join(name), text).unwrap();
        self.path(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn score_prints_a_readable_report() {
    let s = Scratch::new("score");
    let req = s.write("req.json", r#"{"goal": "Cut waste", "due": "2026-06-05"}"#);
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", "2026-06-01", &req]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(text.starts_with("Fine — score 50/100"), "{text}");
    assert!(text.contains("Questions L&D will ask\n  1. What's getting in the way?"), "{text}");
    assert!(text.contains("Yes, if…\n  - Yes, if we can move the date."), "{text}");
}

#[test]
fn score_json_prints_the_report_json_and_reads_stdin() {
    let s = Scratch::new("json");
    let o = yesif_stdin(&["score", "--rules", &s.path("mini.rhai"), "--today", "2026-06-01", "--json", "-"], r#"{"goal": "Cut waste"}"#);
    assert!(o.status.success(), "{}", err(&o));
    let report: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!((report["score"].as_i64(), report["today"].as_str()), (Some(50), Some("2026-06-01")));
}

#[test]
fn score_accepts_a_test_case_file_and_uses_its_date() {
    let s = Scratch::new("case");
    let case = s.write("case.json", r#"{"name": "x", "today": "2026-06-03", "request": {"goal": "Cut waste", "due": "2026-06-05"}, "expect": {}}"#);
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--json", &case]);
    let report: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(report["today"], "2026-06-03");
}

#[test]
fn score_reports_bad_requests_with_position_and_exit_1() {
    let s = Scratch::new("bad");
    let req = s.write("req.json", "{\n  \"goal\": 5,\n  \"size\": \"many\"\n}");
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", "2026-06-01", &req]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("error[input]: Goal (goal): expects text") && err(&o).contains("field: size"), "{}", err(&o));
    let broken = s.write("broken.json", "{\n  \"goal\": \"x\",\n}");
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), &broken]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("broken.json:3:1"), "{}", err(&o));
}

#[test]
fn score_batch_writes_a_line_per_request_and_goes_on_after_bad_lines() {
    let s = Scratch::new("batch");
    let batch = s.write("in.jsonl", "{\"goal\": \"Cut waste\"}\n\nnot json\n{\"goal\": 3}\n{\"goal\": \"Reduce errors\", \"size\": 40, \"why\": [\"knowledge\"]}\n");
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", "2026-06-01", "--batch", &batch]);
    assert_eq!(o.status.code(), Some(1), "a bad line makes the batch exit 1");
    let lines: Vec<serde_json::Value> = out(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4, "blank lines are skipped");
    assert_eq!(lines[0]["tier"]["id"], "ok");
    assert_eq!((lines[1]["line"].as_i64(), lines[1]["error"][0]["kind"].as_str()), (Some(3), Some("input")));
    assert_eq!(lines[2]["line"], 4);
    assert_eq!(lines[3]["tier"]["id"], "great");
    let summary = err(&o);
    assert!(summary.contains("scored 4 requests") && summary.contains("2 reports, 2 errors"), "{summary}");
    assert!(summary.contains("great: 1, ok: 1, needs-info: 0"), "{summary}");
}

#[test]
fn check_shows_a_snippet_with_a_caret() {
    let s = Scratch::new("check");
    let bad = s.write("bad.rhai", "fn evaluate() {\n    let x = (;\n}\n");
    let o = yesif(&["check", &bad]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(e.contains("error[parse]: unexpected ';'"), "{e}");
    assert!(e.contains("bad.rhai:2:14\n  |\n2 |     let x = (;\n  |              ^"), "{e}");
    let o = yesif(&["check", &s.path("mini.rhai")]);
    assert!(o.status.success() && out(&o).contains("no problems found"), "{}", err(&o));
}

#[test]
fn fields_prints_the_declared_fields_as_json() {
    let s = Scratch::new("fields");
    let o = yesif(&["fields", &s.path("mini.rhai")]);
    assert!(o.status.success());
    let fields: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(fields[3]["id"], "why");
    assert_eq!(fields[3]["type"], "checkboxes");
}

#[test]
fn test_runs_the_cases_and_fails_on_a_mismatch() {
    let s = Scratch::new("test");
    s.write("mini.cases.json", r#"[
        {"name": "empty", "today": "2026-06-01", "request": {}, "expect": {"tier": "needs-info", "score_max": 0, "questions": ["business outcome"]}},
        {"name": "wrong on purpose", "today": "2026-06-01", "request": {"goal": "Cut waste"}, "expect": {"tier": "great", "conditions": ["pilot"]}}
    ]"#);
    let o = yesif(&["test", &s.path("mini.rhai")]);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    assert!(text.contains("FAIL") && text.contains("wrong on purpose"), "{text}");
    assert!(text.contains("tier: expected great") && text.contains("actual   ok"), "{text}");
    assert!(text.contains("a condition with \"pilot\""), "{text}");
    assert!(text.trim_end().ends_with("1 passed, 1 failed"), "{text}");
}

#[test]
fn test_passes_the_default_rules() {
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/ld-intake.rhai");
    let o = yesif(&["test", rules]);
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    assert!(out(&o).trim_end().ends_with(" 0 failed"));
}

#[test]
fn unreadable_files_and_bad_dates_exit_2() {
    let o = yesif(&["score", "--rules", "/no/such/rules.rhai", "--today", "2026-06-01", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("cannot read /no/such/rules.rhai"), "{}", err(&o));
    let s = Scratch::new("date");
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", "June 1st", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--today must be a date as YYYY-MM-DD"), "{}", err(&o));
}

#[test]
fn every_command_has_help() {
    for cmd in ["score", "test", "check", "fields"] {
        let o = yesif(&[cmd, "--help"]);
        assert!(o.status.success() && out(&o).contains("Usage: yesif"), "{cmd}");
    }
}

#[test]
fn score_batch_keeps_input_order_across_threads() {
    let s = Scratch::new("order");
    let mut input = String::new();
    for i in 0..7000 {
        // Every third line is bad; the others alternate between two tiers.
        match i % 3 {
            0 => input.push_str("{\"goal\": 1}\n"),
            1 => input.push_str("{\"goal\": \"Cut waste\"}\n"),
            _ => input.push_str("{\"goal\": \"Reduce errors\", \"size\": 40, \"why\": [\"knowledge\"]}\n"),
        }
    }
    let batch = s.write("many.jsonl", &input);
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", "2026-06-01", "--batch", &batch]);
    let lines: Vec<serde_json::Value> = out(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 7000);
    for (i, v) in lines.iter().enumerate() {
        match i % 3 {
            0 => assert_eq!(v["line"], i + 1, "line {}", i + 1),
            1 => assert_eq!(v["tier"]["id"], "ok", "line {}", i + 1),
            _ => assert_eq!(v["tier"]["id"], "great", "line {}", i + 1),
        }
    }
    assert!(err(&o).contains("4666 reports, 2334 errors"), "{}", err(&o));
}

#[test]
fn score_batch_goes_on_after_a_line_that_is_not_utf8() {
    let s = Scratch::new("latin1");
    let good = "{\"goal\": \"Cut waste\"}\n";
    let mut input: Vec<u8> = good.repeat(5000).into_bytes();
    // "Réduire" in Latin-1: é is the single byte 0xE9, which UTF-8 never has on its own.
    input.extend_from_slice(b"{\"goal\": \"R\xe9duire les erreurs\"}\n");
    input.extend_from_slice(good.repeat(5000).as_bytes());
    std::fs::write(s.path("mixed.jsonl"), &input).unwrap();
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", "2026-06-01", "--batch", &s.path("mixed.jsonl")]);
    assert_eq!(o.status.code(), Some(1), "a bad line makes the batch exit 1: {}", err(&o));
    let lines: Vec<serde_json::Value> = out(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 10_001);
    assert_eq!(
        lines[5000],
        serde_json::json!({"line": 5001, "error": [{"kind": "input", "column": 12,
            "message": "the line is not UTF-8 text: byte 0xE9 at column 12 (save the file as UTF-8)"}]})
    );
    for (i, v) in lines.iter().enumerate().filter(|(i, _)| *i != 5000) {
        assert_eq!(v["tier"]["id"], "ok", "line {}", i + 1);
    }
    assert!(err(&o).contains("scored 10001 requests") && err(&o).contains("10000 reports, 1 errors"), "{}", err(&o));
}

#[test]
fn score_batch_turns_every_kind_of_bad_line_into_an_error_record() {
    let s = Scratch::new("badlines");
    let mut input: Vec<u8> = Vec::new();
    input.extend_from_slice(b"[1, 2]\n"); // JSON, but not an object
    input.extend_from_slice(b"42\r\n"); // a number, with a Windows line ending
    input.extend_from_slice(b"{\"goal\": \"Cut waste\"}\r\n"); // good, with a Windows line ending
    input.extend_from_slice(b"\xff\xfe{}\n"); // not UTF-8 at its first byte
    input.extend_from_slice(b"{\"goal\": \"caf\xc3\"}\n"); // UTF-8 cut short in the middle of a character
    input.extend_from_slice(b"{\"goal\": \"Cut waste\"}"); // good, with no line ending at the end of the file
    std::fs::write(s.path("bad.jsonl"), &input).unwrap();
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", "2026-06-01", "--batch", &s.path("bad.jsonl")]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = out(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 6);
    let lines_and_kinds: Vec<_> = lines.iter().map(|v| (v["line"].as_u64(), v["error"][0]["kind"].as_str(), v["tier"]["id"].as_str())).collect();
    assert_eq!(
        lines_and_kinds,
        [
            (Some(1), Some("input"), None),
            (Some(2), Some("input"), None),
            (None, None, Some("ok")),
            (Some(4), Some("input"), None),
            (Some(5), Some("input"), None),
            (None, None, Some("ok")),
        ]
    );
    assert_eq!(lines[3]["error"][0]["message"], "the line is not UTF-8 text: byte 0xFF at column 1 (save the file as UTF-8)");
    assert_eq!(lines[4]["error"][0]["column"], 14);
    assert!(err(&o).contains("2 reports, 4 errors"), "{}", err(&o));
}

#[test]
fn score_text_output_shows_control_characters_as_escapes() {
    let s = Scratch::new("ansi");
    // Clears the screen, sets the terminal's title, rings the bell and reverses the line.
    let hostile = "Dana\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}evil\nline";
    let req = s.write("req.json", &serde_json::json!({"sponsor": hostile}).to_string());
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/ld-intake.rhai");
    let o = yesif(&["score", "--rules", rules, "--today", "2026-06-01", &req]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains("  - A sponsor owns the result: Dana\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{202e}evil\\nline. [sponsor] (+8)\n"),
        "{text}"
    );
    let raw: Vec<char> = text.chars().filter(|c| c.is_control() && *c != '\n' || *c == '\u{202e}').collect();
    assert_eq!(raw, [], "no control character reaches the terminal");
    // --json keeps the exact text.
    let o = yesif(&["score", "--rules", rules, "--today", "2026-06-01", "--json", &req]);
    let report: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert!(report["findings"].as_array().unwrap().iter().any(|f| f["message"] == format!("A sponsor owns the result: {hostile}.")));
}

#[test]
fn score_shows_a_failing_rule_at_its_line_in_the_rule_file() {
    let s = Scratch::new("rule-error");
    let rules = s.write(
        "r.rhai",
        "ruleset(\"R\", \"1\");\nfield(\"goal\", \"Goal\", \"text\");\nforce(\"f\", \"F\", 10);\ntier(\"t\", \"T\", \"m\");\n\
         fn spin() { loop {} }\nfn evaluate() {\n    if text(\"goal\") == \"spin\" { spin(); }\n    if text(\"goal\") != \"\" {\n        strength(\"f\", \"nope\", 1, \"x\");\n    }\n}\n",
    );
    let req = s.write("req3.json", "{\n  \"goal\": \"Cut waste by half\"\n}\n");
    let o = yesif(&["score", "--rules", &rules, "--today", "2026-06-01", &req]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        err(&o),
        format!(
            "error[runtime]: strength(): there is no field 'nope'; use \"\" for a finding about no particular field\n --> {rules}:9:9\n  |\n9 |         strength(\"f\", \"nope\", 1, \"x\");\n  |         ^\n\n"
        )
    );
    // A limit reached inside a rule-file function names the rule file (and the line, where the
    // engine knows it), not the request.
    let spin = s.write("spin.json", "{\"goal\": \"spin\"}");
    let o = yesif(&["score", "--rules", &rules, "--today", "2026-06-01", &spin]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(e.starts_with("error[limit]: ") && e.contains(&format!(" --> {rules}")) && !e.contains("spin.json"), "{e}");
    // A problem with the request itself still points into the request.
    let bad = s.write("bad.json", "{\n  \"goal\": 5\n}\n");
    let o = yesif(&["score", "--rules", &rules, "--today", "2026-06-01", &bad]);
    assert_eq!(err(&o), format!("error[input]: Goal (goal): expects text, not a number (5)\n --> {bad}\n  = field: goal\n\n"));
    let broken = s.write("broken.json", "{\n  \"goal\": \"x\",\n}");
    let o = yesif(&["score", "--rules", &rules, "--today", "2026-06-01", &broken]);
    assert!(err(&o).contains(&format!(" --> {broken}:3:1\n  |\n3 | }}\n  | ^\n")), "{}", err(&o));
}

#[test]
fn today_rejects_impossible_dates_for_every_month_length() {
    let s = Scratch::new("today");
    let req = s.write("req.json", r#"{"goal": "Cut waste"}"#);
    for bad in ["2026-02-29", "2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31", "2026-01-32", "2100-02-29", "2026-13-01"] {
        let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", bad, "--json", &req]);
        assert_eq!(o.status.code(), Some(2), "--today {bad}");
        assert_eq!(err(&o), format!("yesif: --today must be a date as YYYY-MM-DD, not '{bad}'\n"));
    }
    for good in ["2028-02-29", "2000-02-29", "2026-04-30", "2026-09-30", "2026-08-31", "2026-12-31"] {
        let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", good, "--json", &req]);
        assert!(o.status.success(), "--today {good}: {}", err(&o));
        let report: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
        assert_eq!(report["today"], good);
    }
}

#[test]
fn score_asked_splits_gaps_into_questions_and_followups_for_one_request_a_case_and_a_batch() {
    let s = Scratch::new("asked");
    let request = s.write("r.json", r#"{"goal": "Cut waste"}"#);
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", "2026-06-01", "--asked", "goal,size", "--json", &request]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let report: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(report["questions"], serde_json::json!([]));
    assert_eq!(report["followups"], serde_json::json!(["What's getting in the way?"]));
    let text = out(&yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", "2026-06-01", "--asked", "goal", &request]));
    assert!(text.contains("[why] (not on the form)") && text.contains("L&D will ask you about (not on the form)\n  - What's getting in the way?"), "{text}");

    // A case carries its own form; --asked wins over it.
    let case = s.write("case.json", r#"{"name": "x", "today": "2026-06-01", "asked": ["goal", "why"], "request": {}, "expect": {}}"#);
    let report: serde_json::Value = serde_json::from_str(&out(&yesif(&["score", "--rules", &s.path("mini.rhai"), "--json", &case]))).unwrap();
    assert_eq!(report["followups"], serde_json::json!([]));
    let report: serde_json::Value = serde_json::from_str(&out(&yesif(&["score", "--rules", &s.path("mini.rhai"), "--asked", "goal", "--json", &case]))).unwrap();
    assert_eq!(report["followups"], serde_json::json!(["What's getting in the way?"]));

    // A batch line may be a plain request or case-shaped; an unknown id is an error record.
    let batch = s.write(
        "in.jsonl",
        "{\"goal\": \"Cut waste\"}\n{\"today\": \"2026-06-02\", \"asked\": [\"goal\"], \"request\": {\"goal\": \"Cut waste\"}}\n{\"asked\": [\"gaol\"], \"request\": {}}\n",
    );
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--today", "2026-06-01", "--batch", &batch]);
    let lines: Vec<serde_json::Value> = out(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["followups"], serde_json::json!([]));
    assert_eq!((&lines[1]["followups"], &lines[1]["today"]), (&serde_json::json!(["What's getting in the way?"]), &serde_json::json!("2026-06-01")));
    assert_eq!(lines[2]["line"], 3);
    assert_eq!(lines[2]["error"][0]["field"], "asked");
    assert_eq!(lines[2]["error"][0]["message"], "asked: the rules declare no field 'gaol'; did you mean 'goal'?");
    let o = yesif(&["score", "--rules", &s.path("mini.rhai"), "--asked", "gaol", &request]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("error[input]: asked: the rules declare no field 'gaol'; did you mean 'goal'?"), "{}", err(&o));
}
