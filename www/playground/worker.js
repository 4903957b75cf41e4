// The playground's rules engine, in a Web Worker so that a runaway rule can never freeze the
// editor: the engine's sandbox limits stop it, and if anything still hangs, the page's Stop
// button terminates this worker and starts a new one.
//
// If the WebAssembly module ever traps, the rule sets (RecoveringRuleSet, from the widget's
// recover.js) go on in a fresh instance of it; the first run that restarted it says so, once.
//
// Messages in:  {type: "run", seq, source, request, today, cases, published}
// Messages out: {type: "ready", version, api} once, then {type: "result", seq, …} per run
//               (see `run` below), or {type: "fatal", message} if the engine cannot load.

// The playground's module, www/pkg-studio/: the widget's plus `check`, `api` and `runCases`.
import * as glue from '../pkg-studio/yesif.js';
import { recovering } from '../yesif-check/recovering.js';

const { default: init, RuleSet } = glue;
const { RecoveringRuleSet, engineGeneration } = recovering(glue);

/** The latest trap, and whether one has been reported (only the first is). */
let lastTrap = null;
let trapReported = false;
const noteTrap = (error) => {
  lastTrap = error;
};

const ready = init().then(
  () => postMessage({ type: 'ready', version: RuleSet.version(), api: RuleSet.api() }),
  (e) => {
    postMessage({ type: 'fatal', message: `the rules engine could not load: ${e?.message ?? e}` });
    throw e;
  },
);

/** The published rules, compiled once per text, with their case results. */
let published = { source: null, cases: null, rules: null, results: null };

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg?.type !== 'run') return;
  await ready;
  let result;
  try {
    result = run(msg);
  } catch (e) {
    // Whatever happens, the page gets an answer: a run with no result would wait forever.
    result = { seq: msg.seq, compile: [], scoreDiagnostics: [], crash: `the engine failed unexpectedly: ${e?.message ?? e}`, ms: 0 };
  }
  postMessage({ type: 'result', ...result });
};

/** Compiles `source`, scores the request, runs the cases, and compares with the published rules. */
function run({ seq, source, request, today, cases, published: publishedSource }) {
  const started = performance.now();
  const generation = engineGeneration();
  const out = {
    seq,
    compile: [], // diagnostics that stop the rules compiling
    fields: null,
    info: null,
    report: null,
    scoreDiagnostics: [], // diagnostics from scoring this request
    cases: null, // [{name, passed, mismatches, report}] or null
    casesError: null,
    impact: null, // [{name, before, after}] for every case and the current request
    engineRestart: null, // the first time the module trapped and was restarted: the error's message
  };
  const rules = compile(source, out.compile);
  if (rules) {
    try {
      evaluate(rules, { request, today, cases, publishedSource }, out);
    } catch (e) {
      // Misuse of the API throws (a bug here, not in the rules), and so does a call that traps
      // even on a fresh engine; say so rather than hang.
      out.crash = `the engine failed unexpectedly: ${e?.message ?? e}`;
    } finally {
      rules.free(); // a no-op for rules of an instance that trapped
    }
  }
  if (engineGeneration() !== generation && !trapReported) {
    trapReported = true;
    out.engineRestart = String(lastTrap?.message ?? lastTrap);
  }
  out.ms = performance.now() - started;
  return out;
}

/** Scores the request, runs the cases and compares with the published rules, into `out`. */
function evaluate(rules, { request, today, cases, publishedSource }, out) {
  out.fields = rules.fields();
  out.info = rules.info();
  const scored = rules.score(request, { today });
  if (scored.type === 'success') out.report = scored.report;
  else out.scoreDiagnostics = scored.diagnostics;
  // The cases as JSON, once per run: runCases takes the text as it is (given the array, the
  // engine would turn it into JSON itself, for each rule set), and it keys the published cache.
  const casesJson = JSON.stringify(cases);
  try {
    out.cases = rules.runCases(casesJson);
  } catch (e) {
    // Cases that are not cases (an unknown key, a missing name) throw: show it in the panel.
    out.casesError = e?.message ?? String(e);
  }
  out.impact = impact(publishedSource, casesJson, request, today, out);
}

function compile(source, diagnostics) {
  try {
    return new RecoveringRuleSet(source, undefined, { onTrap: noteTrap });
  } catch (e) {
    if (Array.isArray(e?.diagnostics)) diagnostics.push(...e.diagnostics);
    else diagnostics.push({ kind: 'runtime', message: e?.message ?? String(e) });
    return null;
  }
}

/** Before (published) and after (edited) outcomes of every case and of the current request. */
function impact(publishedSource, casesJson, request, today, out) {
  if (typeof publishedSource !== 'string') return null;
  if (published.source !== publishedSource) {
    published.rules?.free();
    published = { source: publishedSource, cases: null, rules: compile(publishedSource, []), results: null };
  }
  if (!published.rules) return { error: 'the published rules do not compile', rows: [] };
  if (published.cases !== casesJson) {
    try {
      published.results = published.rules.runCases(casesJson);
    } catch {
      published.results = [];
    }
    published.cases = casesJson;
  }
  const outcome = (report) => (report ? { tier: report.tier, score: report.score, trainingFit: report.trainingFit.id } : null);
  const rows = [];
  const before = published.rules.score(request, { today });
  rows.push({ name: 'Current request', current: true, before: outcome(before.report), after: outcome(out.report) });
  // Both ran the same cases in the same order, so they pair up by index.
  const after = out.cases ?? [];
  (published.results ?? []).forEach((b, i) => {
    rows.push({ name: b.name, before: outcome(b.report), after: outcome(after[i]?.report) });
  });
  return { error: null, rows };
}
