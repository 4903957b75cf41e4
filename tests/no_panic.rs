//! No rule can make the engine panic: edge cases of Rhai's standard library that rules can
//! reach (extreme integers, out-of-range indices and radices, NaN) each end in a report or a
//! diagnostic. (A panic is a trap in WebAssembly, which would take the page's engine down.)
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use serde_json::json;
use yesif::RuleSet;

const MIN: &str = "(-9223372036854775807 - 1)";

#[test]
fn edge_cases_of_the_standard_library_end_in_a_report_or_a_diagnostic() {
    let cases = [
        format!("abs({MIN})"),
        format!("-{MIN}"),
        format!("{MIN} / -1"),
        format!("{MIN} % -1"),
        format!("sign({MIN})"),
        "2 ** 64".into(),
        "2 ** -1".into(),
        "1 << 64".into(),
        "1 << -1".into(),
        "1 >> -70".into(),
        "9223372036854775807 + 1".into(),
        "9223372036854775807 * 2".into(),
        "(1e300).to_int()".into(),
        "(0.0 / 0.0).to_int()".into(),
        "(-1e300).floor().to_int()".into(),
        "parse_int(\"10\", 99)".into(),
        "parse_int(\"10\", 0)".into(),
        "parse_int(\"99999999999999999999\")".into(),
        "\"abc\".sub_string(-100, 1000)".into(),
        format!("\"abc\".sub_string({MIN}, 9223372036854775807)"),
        "\"abc\".sub_string(9223372036854775807, 9223372036854775807)".into(),
        format!("\"abc\".crop({MIN}, 9223372036854775807)"),
        "\"é€x\".crop(-2)".into(),
        "\"é€x\".split(-1)".into(),
        format!("\"é€x\".split({MIN})"),
        "\"é€x\"[1]".into(),
        "\"abc\"[-10]".into(),
        format!("\"abc\".get({MIN})"),
        format!("\"abc\".index_of(\"b\", {MIN})"),
        "\"x\".pad(-1, \"y\")".into(),
        "\"x\".pad(9223372036854775807, \"y\")".into(),
        "\"é\".to_chars()".into(),
        "\"abc\".truncate(-1)".into(),
        format!("[1, 2].get({MIN})"),
        "[1, 2][-3]".into(),
        format!("[1, 2, 3].extract({MIN}, 9223372036854775807)"),
        format!("[1, 2, 3].extract(9223372036854775807, {MIN})"),
        format!("{{ let a = [1, 2, 3]; a.splice({MIN}, 9223372036854775807, [4]); a }}"),
        format!("{{ let a = [1, 2, 3]; a.drain({MIN}, 9223372036854775807) }}"),
        format!("{{ let a = [1, 2, 3]; a.retain(9223372036854775807, {MIN}) }}"),
        "{ let a = [1, 2, 3]; a.truncate(-5); a }".into(),
        "{ let a = [1, 2, 3]; a.chop(-5); a }".into(),
        "{ let a = [1, 2, 3]; a.split(-9223372036854775807) }".into(),
        "{ let a = []; a.pad(-1, 0); a }".into(),
        "{ let a = []; a.pad(9223372036854775807, 0); a }".into(),
        "[1, 2].index_of(3, -9223372036854775807)".into(),
        "range(0, 10, 0)".into(),
        format!("range({MIN}, 9223372036854775807).len()"),
        format!("{{ let n = 0; for i in range({MIN}, 9223372036854775807, 9223372036854775807) {{ n += 1; }} n }}"),
        format!("({MIN}..9223372036854775807).len()"),
        "[3.0, 0.0 / 0.0, 1.0].sort()".into(),
        "[3.0, 0.0 / 0.0, 1.0].order_desc()".into(),
        "[[1], [0]].sort()".into(),
        "[1, \"a\"].sort()".into(),
        "#{a: 1}.get(\"\")".into(),
        "\"abc\".chars().len()".into(),
        "to_string(1e308 * 10.0)".into(),
        "sqrt(-1.0)".into(),
        "ln(0.0)".into(),
        "(1e308 * 10.0).to_int()".into(),
        "1 / 0".into(),
        "1 % 0".into(),
        "1.0 / 0.0".into(),
        "\"a\" * 5".into(),
        "\"abc\".bytes()".into(),
        format!("\"abc\".sub_string({MIN})"),
        "\"abc\".replace(\"\", \"x\")".into(),
        "\"abc\".split(\"\")".into(),
        "\"abc\".index_of(\"\")".into(),
        "\"\".trim().len()".into(),
        "\"abc\".to_upper().to_lower().len()".into(),
        "parse_float(\"NaN\").to_int()".into(),
        "(9223372036854775807.0).to_int()".into(),
        "(-9223372036854775808.0).to_int()".into(),
        "(2.0 ** 1024.0).round().to_int()".into(),
        format!("{MIN}.to_float().to_int()"),
        "9223372036854775807 ** 2".into(),
        "(-2) ** 63".into(),
    ];
    for expr in &cases {
        let source = mini_with(&format!("let x = {expr};"));
        // Compiling runs the optimiser, which folds constant expressions: it must not panic either.
        if let Ok(rules) = RuleSet::compile(&source) {
            let _ = rules.score(&json!({}), today());
        }
    }
}
