//! [`RuleSet`]: a rule file compiled once and scored many times.

use crate::declare::{Declarations, Field, RulesInfo, Tier};
use crate::engine::sandboxed_engine;
use crate::error::json_error_message;
use crate::lists;
use crate::report::{overall_score, FindingKind, ForceScore, Report, TierResult, TrainingFit};
use crate::request::Request;
use crate::rule_api::{Phase, Run, Session, SharedSession};
use crate::options::asked_fields;
use crate::{Date, Diagnostic, Diagnostics, Limits, ScoreOptions};
use rhai::{Array, Dynamic, Engine, EvalAltResult, OptimizationLevel, Scope, AST};
use std::collections::HashSet;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::rc::Rc;

/// The function every rule file defines; it runs once per request.
pub const ENTRY_POINT: &str = "evaluate";

/// A compiled rule file, ready to score requests.
///
/// Compiling parses the file, runs its top level once to collect its declarations (name,
/// fields, forces, tiers) and settings (`const`s), and folds those settings into the rule
/// functions. Scoring then only runs `fn evaluate()`.
///
/// A `RuleSet` owns its own sandboxed engine. A rule that fails or hits a limit while scoring
/// one request leaves it ready for the next.
///
/// # Example
/// ```
/// use yesif::{Date, RuleSet};
/// let rules = RuleSet::compile(r#"
///     ruleset("Tiny", "1");
///     field("goal", "What outcome do you need?", "text");
///     force("business_alignment", "Business alignment", 10);
///     tier("ready", "Ready", "Thanks!", #{ min_score: 50 });
///     tier("needs-info", "Needs more information", "Tell us more.");
///
///     fn evaluate() {
///         if has("goal") {
///             strength("business_alignment", "goal", 10, "The outcome is stated");
///         } else {
///             gap("business_alignment", "goal", "We need the outcome.", "What business outcome are you trying to achieve?");
///             yes_if("we agree the goal first");
///         }
///     }
/// "#).unwrap();
/// let today = Date::parse("2026-06-01").unwrap();
/// let report = rules.score(&serde_json::json!({}), today).unwrap();
/// assert_eq!(report.tier.id, "needs-info");
/// assert_eq!(report.questions, ["What business outcome are you trying to achieve?"]);
/// assert_eq!(report.conditions, ["Yes, if we agree the goal first."]);
/// let report = rules.score(&serde_json::json!({"goal": "Cut returns by 10%"}), today).unwrap();
/// assert_eq!((report.score, report.tier.id.as_str()), (100, "ready"));
/// ```
pub struct RuleSet {
    engine: Engine,
    /// `evaluate()`'s body, run as a script (see [`entry_script`]).
    ast: AST,
    entry_position: rhai::Position,
    session: SharedSession,
    limits: Limits,
    info: RulesInfo,
}

impl RuleSet {
    /// Compiles `source` with the default [`Limits`].
    pub fn compile(source: &str) -> Result<RuleSet, Diagnostics> {
        Self::compile_with(source, &Limits::default())
    }

    /// Compiles `source`, reporting every declaration problem found, not only the first.
    ///
    /// A leading byte-order mark is skipped (editors on Windows write one). Limits that fail
    /// [`Limits::validate`] are refused with one `input` diagnostic whose `field` names the limit.
    pub fn compile_with(source: &str, limits: &Limits) -> Result<RuleSet, Diagnostics> {
        if let Err(e) = limits.validate() {
            return Err(Diagnostic::input(Some(e.name()), e.to_string()).into());
        }
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let session: SharedSession = Rc::new(RefCell::new(Session::new(limits.clone())));
        let mut engine = sandboxed_engine(limits, session.clone());
        check_size(&engine, source, limits)?;
        let mut ast = engine.compile(source).map_err(|e| Diagnostic::from_parse(&e))?;

        let mut scope = Scope::new();
        session.borrow_mut().begin_declaring();
        let mut ran = engine.run_ast_with_scope(&mut scope, &ast);
        let mut problems = {
            let mut s = session.borrow_mut();
            s.phase = Phase::Idle;
            if ran.is_ok() && s.operations.exceeded(limits.max_operations) {
                let start = ast.statements().first().map_or(rhai::Position::new(1, 1), |s| s.position());
                ran = Err(EvalAltResult::ErrorTooManyOperations(start).into());
            }
            std::mem::take(&mut s.decl_problems)
        };
        if let Err(e) = ran {
            problems.push(Diagnostic::from_eval(&e, limits));
        } else {
            problems.extend(check_declarations(&session.borrow().decl, &ast));
        }
        if !problems.is_empty() {
            problems.sort_by_key(|d| (d.line.is_none(), d.line, d.column));
            return Err(Diagnostics::new(problems));
        }

        // Settings declared with `const` at the top become visible inside functions twice over:
        // folded into the function bodies where Rhai's optimiser can (the fast path), and as
        // variables of a global module for every other use (`MAP.key`, `LIST[i]`, `LIST.len()`).
        // A settings list used only as the list of a list function is folded as the handle of
        // a list the rule set keeps (see `lists`), so that a request does not copy it.
        ast.clear_statements();
        let settings: HashSet<String> =
            scope.iter_raw().filter(|(_, is_constant, value)| *is_constant && value.is_array()).map(|(name, ..)| name.to_owned()).collect();
        let keepable = lists::keepable(&ast, &settings);
        let mut constants = Scope::new();
        let mut module = rhai::Module::new();
        for (name, is_constant, value) in scope.iter_raw() {
            if is_constant {
                let folded = if keepable.contains(name) {
                    Dynamic::from_int(session.borrow_mut().lists.keep(value.clone().cast::<Array>()))
                } else {
                    value.clone()
                };
                constants.push_constant_dynamic(name.to_owned(), folded);
                module.set_var(name.to_owned(), value.clone());
            }
        }
        engine.register_global_module(module.into());
        let ast = engine.optimize_ast(&constants, ast, OptimizationLevel::Simple);
        // Where `evaluate()`'s body starts: the place of a limit whose own place was lost.
        let entry_position = ast.shared_lib().get_script_fn(ENTRY_POINT, 0).map_or(rhai::Position::new(1, 1), |f| f.body.start_position());
        let ast = entry_script(&ast);

        let info = {
            let decl = &session.borrow().decl;
            RulesInfo {
                name: decl.name.clone().unwrap_or_else(|| "Untitled rules".into()),
                version: decl.version.clone().unwrap_or_else(|| "0".into()),
                hash: sha256_hex(source),
            }
        };
        Ok(RuleSet { engine, ast, entry_position, session, limits: limits.clone(), info })
    }

    /// Compiles `source` and, if it compiles, scores an empty request as of `today`, so that a
    /// rule that fails on unanswered fields is caught before anyone types. Returns every
    /// diagnostic found; an empty list means the rules are fine.
    ///
    /// # Example
    /// ```
    /// let found = yesif::RuleSet::check("fn evaluate() {}", yesif::Date::parse("2026-01-01").unwrap());
    /// assert!(found[0].message.contains("force"));
    /// ```
    pub fn check(source: &str, today: Date) -> Vec<Diagnostic> {
        match Self::compile(source) {
            Err(e) => e.into_vec(),
            Ok(rules) => {
                let empty = Request::empty(&rules.session.borrow().decl);
                let asked = vec![true; rules.session.borrow().decl.fields.len()];
                rules.evaluate(empty, today, asked).err().map(Diagnostics::into_vec).unwrap_or_default()
            }
        }
    }

    /// Scores one request (a JSON object of field values) as of `today`, on a form that asks
    /// every declared field: [`RuleSet::score_with`] with [`ScoreOptions::new`].
    ///
    /// Fields the rules do not declare are ignored. A value of the wrong type, an integer
    /// beyond ±2^53 or text over the `maxFieldChars` limit is an `input` diagnostic naming the
    /// field; all such problems are reported together and no rule runs.
    pub fn score(&self, request: &serde_json::Value, today: Date) -> Result<Report, Diagnostics> {
        self.score_with(request, &ScoreOptions::new(today))
    }

    /// Scores one request in the context of `options`: its date, and the fields the form asks.
    /// Gaps on fields the form does not ask go to the report's `followups`, not its
    /// `questions`. An `asked` id the rules do not declare is an `input` diagnostic with
    /// `field: "asked"`, reported with any problems of the request itself.
    pub fn score_with(&self, request: &serde_json::Value, options: &ScoreOptions) -> Result<Report, Diagnostics> {
        let (request, asked) = {
            let session = self.session.borrow();
            let asked = asked_fields(&session.decl, options.asked.as_deref());
            match (asked, Request::from_json(&session.decl, request, &self.limits)) {
                (Ok(asked), Ok(request)) => (request, asked),
                (asked, request) => {
                    let mut problems = asked.err().unwrap_or_default();
                    problems.extend(request.err().map(Diagnostics::into_vec).unwrap_or_default());
                    return Err(Diagnostics::new(problems));
                }
            }
        };
        self.evaluate(request, options.today, asked)
    }

    /// Scores a request given as JSON text. A syntax error is an `input` diagnostic whose line
    /// and column point into that text (after a byte-order mark, which is skipped).
    pub fn score_json(&self, request: &str, today: Date) -> Result<Report, Diagnostics> {
        self.score_json_with(request, &ScoreOptions::new(today))
    }

    /// [`RuleSet::score_json`] in the context of `options` (see [`RuleSet::score_with`]).
    pub fn score_json_with(&self, request: &str, options: &ScoreOptions) -> Result<Report, Diagnostics> {
        // A leading byte-order mark is skipped, as in rule files.
        let request = request.strip_prefix('\u{feff}').unwrap_or(request);
        let value: serde_json::Value = serde_json::from_str(request).map_err(|e| {
            let mut d = Diagnostic::input(None, format!("the request is not valid JSON: {}", json_error_message(&e)));
            d.line = Some(e.line() as u32);
            d.column = Some(e.column() as u32);
            d
        })?;
        self.score_with(&value, options)
    }

    fn evaluate(&self, request: Request, today: Date, asked: Vec<bool>) -> Result<Report, Diagnostics> {
        self.session.borrow_mut().begin(request, today, asked);
        let mut result = self.engine.eval_ast_with_scope::<Dynamic>(&mut Scope::new(), &self.ast);
        let mut session = self.session.borrow_mut();
        session.phase = Phase::Idle;
        if result.is_ok() && session.operations.exceeded(self.limits.max_operations) {
            result = Err(EvalAltResult::ErrorTooManyOperations(self.entry_position).into());
        }
        let run = std::mem::take(&mut session.run);
        match result {
            Ok(_) => Ok(build_report(&session.decl, run, &self.info)),
            Err(e) => Err(Diagnostic::from_eval(&e, &self.limits).into()),
        }
    }

    /// The form fields the rules declare, in declaration order.
    pub fn fields(&self) -> Vec<Field> {
        self.session.borrow().decl.fields.clone()
    }

    /// The tiers the rules declare, in the order they are tried.
    pub fn tiers(&self) -> Vec<Tier> {
        self.session.borrow().decl.tiers.clone()
    }

    /// The rule set's name, version and source hash.
    pub fn info(&self) -> &RulesInfo {
        &self.info
    }

    /// The limits this rule set was compiled with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }
}

/// Refuses a rule file too large to compile quickly, before compiling it: compile time grows
/// with the declarations times the names looked up among them (40,000 `const` lines took
/// seconds), so both the size and the declarations are counted first, the latter by Rhai's own
/// tokenizer, which skips comments and strings. The diagnostic points where the limit is passed.
fn check_size(engine: &Engine, source: &str, limits: &Limits) -> Result<(), Diagnostic> {
    if source.len() > limits.max_source_bytes {
        let cut = source.char_indices().map(|(i, _)| i).take_while(|&i| i <= limits.max_source_bytes).last().unwrap_or(0);
        let before = &source[..cut];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        return Err(Diagnostic::from_eval(&EvalAltResult::ErrorDataTooLarge(crate::error::SOURCE.into(), rhai::Position::new(saturating_u16(line), saturating_u16(column))), limits));
    }
    let (tokens, _) = engine.lex([&source]);
    let mut declarations = tokens
        .take_while(|(t, _)| !matches!(t, rhai::Token::EOF))
        .filter(|(t, _)| matches!(t, rhai::Token::Let | rhai::Token::Const))
        .map(|(_, pos)| pos);
    if let Some(pos) = declarations.nth(limits.max_declarations) {
        return Err(Diagnostic::from_eval(&EvalAltResult::ErrorDataTooLarge(crate::error::DECLARATIONS.into(), pos), limits));
    }
    Ok(())
}

/// A line or column as Rhai holds it (it counts up to 65,535 and stays there).
fn saturating_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX).max(1)
}

/// The body of `fn evaluate()` as the statements of a script with all the rule functions, which
/// scoring runs as it stands.
///
/// Calling `evaluate()` as a function would lose the place of every limit hit while scoring:
/// Rhai moves the position of a limit error to the call of each function it leaves, and
/// `evaluate()` is called from Rust, from no position. Run at the top level, a limit hit in
/// `evaluate()`'s body keeps its line, and one hit in a function it calls points at the call.
fn entry_script(ast: &AST) -> AST {
    // (`clone_functions_only_filtered` would keep every function: Rhai 1.27 does not filter
    // into an empty module.)
    let mut only_entry = ast.clone_functions_only();
    only_entry.retain_functions(|_, _, name, params| name == ENTRY_POINT && params == 0);
    let mut body = Vec::new();
    // The statements at the top of the one function body walked are those one step deep.
    only_entry.walk(&mut |path| {
        if let [rhai::ASTNode::Stmt(stmt)] = path {
            body.push((*stmt).clone());
        }
        true
    });
    AST::new(body, ast.shared_lib().clone())
}

/// Problems that only show once the whole top level has run.
fn check_declarations(decl: &Declarations, ast: &AST) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut say = |m: &str| problems.push(Diagnostic::runtime(m, rhai::Position::NONE));
    if decl.forces.is_empty() {
        say("the rules declare no force; add at least one with force(id, label, max)");
    }
    match decl.tiers.last() {
        None => say("the rules declare no tier; add at least one with tier(id, label, message)"),
        Some(last) if !last.is_fallback() => say(&format!(
            "the last tier, '{}', has conditions, so some requests would get no tier; end with a tier that has none",
            last.id
        )),
        Some(_) => {}
    }
    if !ast.iter_functions().any(|f| f.name == ENTRY_POINT && f.params.is_empty()) {
        say("the rules have no `fn evaluate() { … }`, which runs for every request");
    }
    problems
}

fn build_report(decl: &Declarations, run: Run, info: &RulesInfo) -> Report {
    let forces: Vec<ForceScore> = decl
        .forces
        .iter()
        .zip(&run.points)
        .map(|(f, &p)| ForceScore { id: f.id.clone(), label: f.label.clone(), score: p.clamp(0, f.max), max: f.max })
        .collect();
    let score = overall_score(&decl.forces, &run.points);

    let (fit_id, fit_reason) = run.fit.unwrap_or_else(|| ("unknown".into(), String::new()));
    let raised = |flag: &String| run.flag_set.contains(flag);
    let tier = decl
        .tiers
        .iter()
        .find(|t| {
            score >= t.min_score
                && t.requires.iter().all(raised)
                && !t.excludes.iter().any(raised)
                && (t.fit.is_empty() || t.fit.contains(&fit_id))
        })
        .or(decl.tiers.last())
        .map(|t| TierResult { id: t.id.clone(), label: t.label.clone(), message: t.message.clone() })
        .unwrap_or_else(|| TierResult { id: String::new(), label: String::new(), message: String::new() });

    // A question asked of a field on the form is the requester's to answer now; one asked only
    // of fields the form lacks is L&D's to bring to the follow-up conversation. Sets keep the
    // deduplication linear however many gaps a rule records.
    let mut seen = HashSet::new();
    let gaps = || run.findings.iter().filter(|f| f.kind == FindingKind::Gap);
    let questions: Vec<String> = gaps()
        .filter(|f| f.asked)
        .filter_map(|f| f.question.as_deref())
        .filter(|q| seen.insert(*q))
        .map(str::to_owned)
        .collect();
    let followups: Vec<String> = gaps()
        .filter(|f| !f.asked)
        .filter_map(|f| f.question.as_deref())
        .filter(|q| seen.insert(*q))
        .map(str::to_owned)
        .collect();

    Report {
        score,
        tier,
        training_fit: TrainingFit { id: fit_id, reason: fit_reason },
        forces,
        findings: run.findings,
        questions,
        followups,
        conditions: run.conditions,
        flags: run.flags,
        understood: run.understood,
        today: run.today.map(|d| d.to_string()).unwrap_or_default(),
        rules: info.clone(),
    }
}

fn sha256_hex(source: &str) -> String {
    Sha256::digest(source.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

// `Result<RuleSet, Diagnostics>::unwrap_err` (as in the `Diagnostic` example) needs it; the
// engine and the AST are not worth printing.
impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet").field("info", &self.info).field("limits", &self.limits).finish_non_exhaustive()
    }
}
