// Surviving a trap of the WebAssembly module: `RecoveringRuleSet` is a `RuleSet` that, when the
// module traps (`WebAssembly.RuntimeError`, or a stack overflow inside it), starts a fresh
// instance of the module, compiles its rules again from their source, and carries on.
//
// A trap leaves an instance unusable: Rust's stack pointer and allocator are wherever the trap
// left them, so later calls fail with "memory access out of bounds" or "attempted to take
// ownership of Rust value while it was borrowed". The engine is written so that no rule can
// make it trap; this is the defence in depth behind that. The glue is built with wasm-bindgen's
// `--experimental-reset-state-function`, whose `__wbg_reset_state()` swaps in a new instance of
// the same compiled module (nothing is fetched again) and makes objects of the old instance
// throw "stale object" instead of reaching the new one. Objects of a trapped instance are
// dropped, never `free()`d: freeing them would run code in the broken instance.
//
// Every `RecoveringRuleSet` on the page (or in the worker) shares the one module instance:
// after one of them restarts it, the others rebuild their `RuleSet` on their next call.
//
// `recovering(glue)` binds all this to one build of the module: the widget's (recover.js, over
// www/pkg/) or the playground's larger one (www/pkg-studio/, which adds `check`, `api` and
// `runCases`), so that a page loads only the module it uses.

/**
 * True for an error that means the module instance trapped and must not be used again: a
 * `WebAssembly.RuntimeError` (unreachable, memory access out of bounds…), a stack overflow, or
 * the errors the glue throws about Rust values after one.
 * @param {unknown} error
 */
export function isTrap(error) {
  if (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) return true;
  const message = String(/** @type {any} */ (error)?.message ?? '');
  if (error instanceof RangeError) return /call stack/i.test(message);
  return /memory access out of bounds|attempted to take ownership of Rust value|recursive use of an object detected/.test(message);
}

/**
 * @typedef {import('../pkg/yesif.js').Limits} Limits
 * @typedef {{onTrap?: (error: unknown) => void}} RecoverOptions
 */

/**
 * `RecoveringRuleSet`, `restartEngine` and `engineGeneration` over one build of the module's glue
 * (its `RuleSet` class and its `__wbg_reset_state`).
 * @param {{RuleSet: any, __wbg_reset_state: () => void}} glue the glue's exports (`import * as glue`)
 */
export function recovering({ RuleSet, __wbg_reset_state: resetState }) {
  /** Counts the module instances: bumped by every restart. */
  let generation = 0;

  /**
   * Replaces the module instance with a fresh one, once for the instance `seen` (a generation
   * number read before the call that trapped): two rule sets that hit the same trap restart it once.
   * @param {number} seen
   */
  function restartEngine(seen) {
    if (seen !== generation) return;
    resetState();
    generation += 1;
  }

  /** The current instance's generation (for tests and diagnostics). */
  function engineGeneration() {
    return generation;
  }

  /**
   * A `RuleSet` that survives traps. Same methods and results as `RuleSet`; a call that traps is
   * run once more on a fresh instance, and `onTrap(error)` is told about the first trap only, not
   * about every call (a request that traps keeps trapping while it is typed). If the retry traps
   * too, the call throws an `Error` whose `trap` property is true; the next call starts afresh.
   */
  class RecoveringRuleSet {
    /** @type {any} the glue's `RuleSet`, or null */
    #rules = null;
    #generation = -1;
    #source;
    #limits;
    #onTrap;
    #reported = false;
    #traps = 0;
    /** @type {unknown} */
    #lastTrap = null;

    /**
     * Compiles `source` as `new RuleSet(source, limits)` does (and throws as it does).
     * @param {string} source
     * @param {Limits} [limits]
     * @param {RecoverOptions} [options]
     */
    constructor(source, limits, { onTrap } = {}) {
      this.#source = source;
      this.#limits = limits;
      this.#onTrap = onTrap;
      this.#call(() => undefined);
    }

    /**
     * @param {Record<string, unknown>} request
     * @param {import('../pkg/yesif.js').ScoreOptions} [options]
     * @returns {import('../pkg/yesif.js').ScoreResult}
     */
    score(request, options) {
      return this.#call((rules) => rules.score(request, options));
    }

    /**
     * (The playground's module only.)
     * @param {import('../pkg/yesif.js').Case[] | string} cases
     * @returns {import('../pkg/yesif.js').CaseResult[]}
     */
    runCases(cases) {
      return this.#call((rules) => rules.runCases(cases));
    }

    /** @returns {import('../pkg/yesif.js').Field[]} */
    fields() {
      return this.#call((rules) => rules.fields());
    }

    /** @returns {import('../pkg/yesif.js').RulesInfo} */
    info() {
      return this.#call((rules) => rules.info());
    }

    /** How many calls on this rule set have trapped (and restarted the engine) so far. */
    get trapCount() {
      return this.#traps;
    }

    /** The error of the latest trap, or null. */
    get lastTrap() {
      return this.#lastTrap;
    }

    /** Frees the compiled rules, unless they belong to an instance that has been replaced. */
    free() {
      if (this.#rules && this.#generation === generation) this.#rules.free();
      this.#rules = null;
    }

    /**
     * @template T
     * @param {(rules: any) => T} use
     * @returns {T}
     */
    #call(use) {
      for (let attempt = 0; ; attempt++) {
        const seen = generation;
        try {
          if (this.#generation !== seen || !this.#rules) {
            // Built on the current instance; the old object (if any) is dropped, not freed.
            this.#rules = null;
            this.#rules = new RuleSet(this.#source, this.#limits);
            this.#generation = seen;
          }
          return use(this.#rules);
        } catch (error) {
          if (!isTrap(error)) throw error;
          this.#rules = null;
          this.#traps += 1;
          this.#lastTrap = error;
          restartEngine(seen);
          if (!this.#reported) {
            this.#reported = true;
            this.#onTrap?.(error);
          }
          if (attempt > 0) {
            const e = new Error(`the rules engine failed twice in a row on this call and was restarted: ${/** @type {any} */ (error)?.message ?? error}`, { cause: error });
            /** @type {any} */ (e).trap = true;
            throw e;
          }
        }
      }
    }
  }

  return { RecoveringRuleSet, restartEngine, engineGeneration };
}
