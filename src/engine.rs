//! The one place a [`rhai::Engine`] is built, fenced in by [`Limits`].
//!
//! Rules come from L&D leads and, in the playground, from shared links: they are untrusted. The
//! engine therefore starts from [`Engine::new_raw`] (nothing registered, no printing), gets only
//! the parts of Rhai's standard library that rules use and the rule API, cannot `eval`, has no module resolver (the crate is
//! built with `no_module`), no clock (`no_time`) and nothing random, and every run is bounded by
//! [`Limits`]. `tests/sandbox.rs` proves that each limit bites.

use crate::callbacks;
use crate::rule_api::{self, SharedSession};
use rhai::packages::{
    BasicArrayPackage, BasicMapPackage, BasicMathPackage, CorePackage, LogicPackage, MoreStringPackage, Package,
};
use rhai::{Dynamic, Engine, OptimizationLevel, Shared};
use crate::Limits;
use std::cell::Cell;
use std::rc::Rc;

rhai::def_package! {
    /// Rhai's standard library less what rules never need (blobs, bit fields, and clocks, which
    /// `no_time` already removes): smaller WebAssembly, and fewer functions to search.
    RulesPackage(lib):
        CorePackage,
        LogicPackage,
        BasicMathPackage,
        BasicArrayPackage,
        BasicMapPackage,
        MoreStringPackage
    {}
}

thread_local! {
    // Building the library takes longer than compiling a small rule file; share one copy.
    static RULES_PACKAGE: Shared<rhai::Module> = RulesPackage::new().as_shared_module();
}

/// The operations one run (a compile's top level, or one request's `evaluate()`) has taken so
/// far, counted across every function a rule hands to `sort`, `map`, `filter` and the like.
///
/// Rhai counts operations per call chain: when a native function such as `dedup` calls back a
/// rule's function, the callback starts from a copy of the count and what it spends is dropped
/// when it returns, so a callback could spend a whole budget per call. The engine's progress
/// hook ticks this shared counter on every operation instead, and stops the run once the total
/// passes `maxOperations`.
///
/// Calling back into a rule from a native function also costs far more than an operation (a
/// copy of the runtime state and fresh caches: about 500 operations' time), so each such switch
/// is charged [`Operations::CALLBACK_COST`] more. The hook sees one as a count that does not
/// follow on from the last one it saw: a callback starts from its caller's count, and its caller
/// resumes from its own.
#[derive(Clone, Debug, Default)]
pub(crate) struct Operations(Rc<Cell<(u64, u64)>>);

impl Operations {
    /// Operations charged for each switch into or out of a callback (about two a callback).
    pub const CALLBACK_COST: u64 = 10;

    /// Starts counting a new run from zero.
    pub fn reset(&self) {
        self.0.set((0, 0));
    }

    /// True if the run has taken more than `max` operations. A run that ends normally can still
    /// have: `try … catch` catches a limit error that a callback of Rhai's wraps in its own.
    pub fn exceeded(&self, max: u64) -> bool {
        self.0.get().0 > max
    }

    /// Counts one operation, which Rhai's count for the current call chain numbers `seen`; false
    /// once the run has taken more than `max`.
    fn tick(&self, seen: u64, max: u64) -> bool {
        let (used, last) = self.0.get();
        let cost = if seen == last.wrapping_add(1) { 1 } else { 1 + Self::CALLBACK_COST };
        let used = used.saturating_add(cost);
        self.0.set((used, seen));
        used <= max
    }
}

/// Builds the sandboxed engine that compiles and runs one rule set.
///
/// The rule API functions (`text`, `award`, `gap`, …) read and write `session`, which belongs to
/// the rule set that owns the engine.
pub(crate) fn sandboxed_engine(limits: &Limits, session: SharedSession) -> Engine {
    let mut engine = Engine::new_raw();
    engine.register_global_module(RULES_PACKAGE.with(Clone::clone));

    engine
        .set_max_operations(limits.max_operations)
        .set_max_call_levels(limits.max_call_depth)
        .set_max_expr_depths(limits.max_expr_depth, limits.max_expr_depth)
        .set_max_string_size(limits.max_string_size)
        .set_max_array_size(limits.max_array_size)
        .set_max_map_size(limits.max_map_size)
        .set_max_variables(1_000)
        .set_max_functions(1_000);

    // Every operation, including those inside callbacks, counts against the run (see
    // `Operations`); Rhai's own count above still stops the run at the same point outside them.
    let operations = session.borrow().operations.clone();
    let max_operations = limits.max_operations;
    engine.on_progress(move |seen| if operations.tick(seen, max_operations) { None } else { Some(Dynamic::UNIT) });

    // `eval` would let a rule compile code the checks never saw.
    engine.disable_symbol("eval");
    // Reading a missing property of a map gives `()` rather than an error, as field reads do.
    engine.set_fail_on_invalid_map_property(false);
    // Constants are propagated into functions by `RuleSet::compile`; the first pass keeps the
    // AST as written so that declarations run exactly as the lead wrote them.
    engine.set_optimization_level(OptimizationLevel::None);

    // Output from `print` and `debug` goes nowhere: there is no console in a host form.
    engine.on_print(|_| {});
    engine.on_debug(|_, _, _| {});

    // The standard `index_of` compares through a full `==` call per element; rules look up
    // numbers in settings lists (`index_of(JOB_SIZES, SIZE_NEW)`) on every request. Same answers,
    // natively: an integer equals an integer or float of the same value, and nothing else.
    engine.register_fn("index_of", |list: &mut rhai::Array, value: rhai::INT| -> rhai::INT {
        let found = list.iter().position(|item| match item.as_int() {
            Ok(n) => n == value,
            Err(_) => item.as_float().is_ok_and(|f| f == value as rhai::FLOAT),
        });
        found.map_or(-1, |i| i as rhai::INT)
    });

    // Rhai's `sort`, `order` and `dedup` drop their callbacks' errors and can panic; these cannot.
    callbacks::register(&mut engine);

    rule_api::register(&mut engine, session);
    engine
}
