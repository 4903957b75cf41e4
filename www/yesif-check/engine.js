// Loading the WebAssembly engine and compiling rule files, shared by every <yesif-check> on a
// page (and by the demo form, which reads the declared fields from the same compiled rules).
//
// The wasm `init` promise is memoised, and so is each rule URL's fetch-and-compile: ten widgets
// pointing at the same rules fetch and compile them once. A failed load is not memoised, so a
// later attempt (a changed `rules` attribute, a retry) starts afresh. The compiled rules are
// `RecoveringRuleSet`s (recover.js): if the module ever traps, they go on in a fresh instance.

import init from '../pkg/yesif.js';
import { RecoveringRuleSet } from './recover.js';

/**
 * @typedef {import('../pkg/yesif.js').Diagnostic} Diagnostic
 * @typedef {import('../pkg/yesif.js').Field} Field
 * @typedef {import('../pkg/yesif.js').RulesInfo} RulesInfo
 * @typedef {'fetch' | 'compile' | 'engine'} LoadStage
 * @typedef {{url: string, rules: InstanceType<typeof RecoveringRuleSet>, info: RulesInfo, fields: Field[]}} LoadedRules
 */
/**
 * What the widget reports when something fails: the engine's diagnostics, or, when the rules
 * could not be fetched or the engine could not start or trapped, a message under that name.
 * @typedef {Diagnostic | {kind: LoadStage | 'runtime', message: string}} WidgetDiagnostic
 */

/** @type {BufferSource | WebAssembly.Module | undefined} */
let wasmSource;
/** @type {Promise<unknown> | undefined} */
let ready;
/** @type {Map<string, Promise<LoadedRules>>} */
const loads = new Map();

/**
 * Sets what `init` instantiates: the single-file build passes the inlined wasm bytes.
 * @param {BufferSource | WebAssembly.Module} source
 */
export function setWasmSource(source) {
  wasmSource = source;
}

/** Initialises the wasm module once; every caller gets the same promise. */
export function initEngine() {
  ready ??= init(wasmSource === undefined ? undefined : { module_or_path: wasmSource }).catch((error) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

/**
 * An error loading rules, with the diagnostics the widget logs and puts in `yesif-error`.
 * `stage` is `fetch` (the file could not be read), `compile` (it is not valid rules) or
 * `engine` (the WebAssembly module could not start).
 */
export class RulesError extends Error {
  /**
   * @param {LoadStage} stage
   * @param {string} message
   * @param {WidgetDiagnostic[]} diagnostics
   */
  constructor(stage, message, diagnostics) {
    super(message);
    this.name = 'RulesError';
    this.stage = stage;
    this.diagnostics = diagnostics;
  }
}

/**
 * Fetches and compiles the rule file at `url` (resolved against the page), memoised per
 * absolute URL. Resolves to `{url, rules, info, fields}`; rejects with a `RulesError`.
 * @param {string} url
 * @returns {Promise<LoadedRules>}
 */
export function loadRules(url) {
  const href = new URL(url, document.baseURI).href;
  let load = loads.get(href);
  if (!load) {
    load = compile(href);
    loads.set(href, load);
    load.catch(() => loads.delete(href));
  }
  return load;
}

/** @param {string} href @returns {Promise<LoadedRules>} */
async function compile(href) {
  const [source] = await Promise.all([fetchSource(href), startEngine()]);
  let rules;
  try {
    rules = new RecoveringRuleSet(source);
  } catch (error) {
    if (error?.trap) {
      throw new RulesError('engine', 'the scoring engine failed while compiling the rules', [{ kind: 'engine', message: String(error.message) }]);
    }
    const diagnostics = Array.isArray(error?.diagnostics)
      ? error.diagnostics
      : [{ kind: 'compile', message: String(error?.message ?? error) }];
    throw new RulesError('compile', `the rules at ${href} do not compile`, diagnostics);
  }
  return { url: href, rules, info: rules.info(), fields: rules.fields() };
}

/** @param {string} href */
async function fetchSource(href) {
  let response;
  try {
    response = await fetch(href, { credentials: 'same-origin' });
  } catch (error) {
    throw new RulesError('fetch', `the rules at ${href} could not be fetched`, [
      { kind: 'fetch', message: String(error?.message ?? error) },
    ]);
  }
  if (!response.ok) {
    throw new RulesError('fetch', `the rules at ${href} could not be fetched`, [
      { kind: 'fetch', message: `HTTP ${response.status} ${response.statusText}`.trim() },
    ]);
  }
  return response.text();
}

async function startEngine() {
  try {
    await initEngine();
  } catch (error) {
    throw new RulesError('engine', 'the scoring engine could not start', [
      { kind: 'engine', message: String(error?.message ?? error) },
    ]);
  }
}
