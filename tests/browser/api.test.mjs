// The JavaScript API through the real wasm-bindgen glue, in Chromium under the strict CSP:
// misuse throws a TypeError before Rust sees it, and RecoveringRuleSet (www/yesif-check/
// recover.js) survives a real trap of the module. tests/wasm_api.rs tests the Rust side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { injectTraps, newPage, useBrowser } from './lib.mjs';

const env = useBrowser();
const MINI = readFileSync(new URL('fixtures/mini.rhai', import.meta.url), 'utf8');

async function openApi({ traps = false } = {}) {
  const page = await newPage(env.browser);
  if (traps) await injectTraps(page);
  await page.goto(env.server.url('/tests/browser/fixtures/api.html'));
  return page;
}

test('every exported function (of the studio build, which has all the widget build has) given arguments of the wrong type throws a TypeError, and the module goes on', async () => {
  const page = await openApi();
  const outcomes = await page.evaluate(async (source) => {
    const { default: init, RuleSet } = await import('/www/pkg-studio/yesif.js');
    await init();
    const rules = new RuleSet(source);
    const attempt = (fn) => {
      try {
        fn();
        return 'no throw';
      } catch (e) {
        return `${e.constructor.name}: ${e.message}`;
      }
    };
    const out = {
      'new RuleSet(42)': attempt(() => new RuleSet(42)),
      'new RuleSet({})': attempt(() => new RuleSet({})),
      'new RuleSet()': attempt(() => new RuleSet()),
      'new RuleSet(src, 42)': attempt(() => new RuleSet(source, 42)),
      'RuleSet.check(42)': attempt(() => RuleSet.check(42)),
      'RuleSet.check({})': attempt(() => RuleSet.check({})),
      'RuleSet.check(src, 42)': attempt(() => RuleSet.check(source, 42)),
      'score(42)': attempt(() => rules.score(42)),
      'score("{}")': attempt(() => rules.score('{}')),
      'score(null)': attempt(() => rules.score(null)),
      'score([])': attempt(() => rules.score([])),
      'score({}, 42)': attempt(() => rules.score({}, 42)),
      'runCases(42)': attempt(() => rules.runCases(42)),
    };
    // 200 rounds of misuse, then the same rule set and a new one still score.
    for (let i = 0; i < 200; i++) attempt(() => RuleSet.check({ length: 1e9 }));
    out.after = [rules.score({ outcome: 'Cut the time to quote from 5 days to 2' }, { today: '2026-06-01' }).type, new RuleSet(source).score({}, { today: '2026-06-01' }).report.tier.id];
    return out;
  }, MINI);
  assert.deepEqual(outcomes, {
    'new RuleSet(42)': 'TypeError: new RuleSet: the rules source must be a string, not a number',
    'new RuleSet({})': 'TypeError: new RuleSet: the rules source must be a string, not an object',
    'new RuleSet()': 'TypeError: new RuleSet: the rules source must be a string, not undefined',
    'new RuleSet(src, 42)': 'TypeError: invalid options: invalid type: integer `42`, expected struct Limits',
    'RuleSet.check(42)': 'TypeError: RuleSet.check: the rules source must be a string, not a number',
    'RuleSet.check({})': 'TypeError: RuleSet.check: the rules source must be a string, not an object',
    'RuleSet.check(src, 42)': 'TypeError: RuleSet.check: today must be a string, not a number',
    'score(42)': 'TypeError: score: the request must be an object of field values, not a number',
    'score("{}")': 'TypeError: score: the request must be an object of field values, not a string',
    'score(null)': 'TypeError: score: the request must be an object of field values, not null',
    'score([])': 'TypeError: score: the request must be an object of field values, not an array',
    'score({}, 42)': 'TypeError: invalid score options: invalid type: integer `42`, expected struct ScoreOptions',
    'runCases(42)': 'TypeError: the cases are not valid: invalid type: integer `42`, expected a sequence at line 1 column 2',
    after: ['success', 'needs-info'],
  });
  assert.deepEqual(page.errors, []);
});

test('RecoveringRuleSet survives a real trap: a fresh instance, the rules rebuilt, the trap told once', async () => {
  const page = await openApi({ traps: true });
  const out = await page.evaluate(async (source) => {
    const { default: init, RuleSet } = await import('/www/pkg/yesif.js');
    const { RecoveringRuleSet, engineGeneration, isTrap } = await import('/www/yesif-check/recover.js');
    await init();
    const traps = [];
    const rules = new RecoveringRuleSet(source, undefined, { onTrap: (e) => traps.push(`${e.constructor.name}: ${e.message}`) });
    const other = new RecoveringRuleSet(source);
    const plain = new RuleSet(source);
    const today = { today: '2026-06-01' };
    const before = rules.score({ outcome: 'Cut the time to quote from 5 days to 2' }, today);
    // The first score of TRAP-ONCE traps for real; the retry, on a fresh instance, scores.
    const trapped = rules.score({ outcome: 'TRAP-ONCE Cut the time to quote from 5 days to 2' }, today);
    const generation = engineGeneration();
    // Traps on every call: the retry traps too, so the call throws, marked as a trap.
    let always;
    try {
      rules.score({ outcome: 'TRAP-ALWAYS' }, today);
      always = 'no throw';
    } catch (e) {
      always = { trap: e.trap, message: e.message.split(':')[0] };
    }
    // A RuleSet of the trapped instance is refused, not run on the new one.
    let stale;
    try {
      plain.score({}, today);
      stale = 'no throw';
    } catch (e) {
      stale = e.message;
    }
    plain.free; // never freed: its memory belonged to the trapped instance
    const after = rules.score({ outcome: 'Cut the time to quote from 5 days to 2' }, today);
    return {
      sameReport: JSON.stringify(trapped.report.score) === JSON.stringify(before.report.score),
      trappedType: trapped.type,
      traps,
      trapCount: rules.trapCount,
      generation,
      finalGeneration: engineGeneration(),
      injected: globalThis.__yesifTraps,
      always,
      stale,
      after: after.report.score === before.report.score,
      other: other.score({}, today).report.tier.id,
      isTrap: [isTrap(new WebAssembly.RuntimeError('unreachable')), isTrap(new Error('a rule failed')), isTrap(new TypeError('x'))],
    };
  }, MINI);
  assert.deepEqual(out, {
    sameReport: true,
    trappedType: 'success',
    traps: ['RuntimeError: memory access out of bounds'],
    trapCount: 3,
    generation: 1,
    finalGeneration: 3,
    injected: 3,
    always: { trap: true, message: 'the rules engine failed twice in a row on this call and was restarted' },
    stale: 'Invalid stale object from previous Wasm instance',
    after: true,
    other: 'needs-info',
    isTrap: [true, false, false],
  });
});
