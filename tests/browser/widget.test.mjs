// Browser tests of <yesif-check> on a host form it does not control (fixtures/host.html), with
// small fixture rules (fixtures/*.rhai), so that these tests do not move when L&D retunes the
// default rubric. The demo form and the shared samples are tested in demo.test.mjs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, injectTraps, newPage, recordViolations, reportWhere, useBrowser } from './lib.mjs';
import { buildWidget } from '../../www/build-widget.mjs';

const env = useBrowser();

const HOST = '/tests/browser/fixtures/host.html';

/** Opens `path`, after running `init` in it if given, and waits until the widget has scored or failed. */
async function openPage(path, { options, init } = {}) {
  const page = await newPage(env.browser, options);
  if (init) await page.addInitScript(init);
  await page.goto(env.server.url(path));
  await settled(page);
  return page;
}

/** Opens the host form with query `q` (see openPage). */
function openHost(q = '', options, init) {
  return openPage(`${HOST}?today=2026-06-01&${q}`, { options, init });
}

/** Opens `path`, recording every yesif-error's detail in `window.__errors`, and waits for the widget. */
function openRecordingErrors(path) {
  return openPage(path, {
    init: () => {
      window.__errors = [];
      document.addEventListener('yesif-error', (e) => window.__errors.push(e.detail));
    },
  });
}

function settled(page) {
  return page.waitForFunction(() => {
    const c = document.querySelector('yesif-check');
    return c && c.status !== 'pending';
  });
}

/** The widget's state as the page sees it. */
function state(page) {
  return page.evaluate(() => {
    const c = document.querySelector('yesif-check');
    const part = (name) => c.shadowRoot.querySelector(`[part~="${name}"]`);
    return {
      status: c.status,
      report: c.report,
      tier: part('tier').textContent,
      notice: part('notice').hidden ? '' : part('notice').textContent,
      text: c.shadowRoot.textContent,
    };
  });
}

function query(page) {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

/** Types `text` into `selector`, submits, and returns what the form sent. */
async function submitTyped(page, selector, text) {
  await page.fill(selector, text);
  await page.click('button[type="submit"]');
  await page.waitForURL(/received\.html/);
  return query(page);
}

describe('<yesif-check> on a host form', () => {
  test('typing into a field changes the report without reloading the page', async () => {
    const page = await openHost();
    const before = await state(page);
    assert.equal(before.report.tier.id, 'needs-info');
    await page.evaluate(() => { window.__samePage = true; });
    await page.locator('#goal').pressSequentially('Increase the win rate from 18% to 24% by Q4');
    await reportWhere(page, (r) => r.score > 0);
    const after = await state(page);
    assert.ok(after.report.score > before.report.score, `score ${before.report.score} → ${after.report.score}`);
    assert.ok(after.report.findings.some((f) => f.kind === 'strength' && f.field === 'outcome'));
    assert.equal(await page.evaluate(() => window.__samePage), true, 'the page did not reload');
    assert.equal(await page.inputValue('#goal'), 'Increase the win rate from 18% to 24% by Q4', 'what was typed is untouched');
    assert.deepEqual(page.errors.filter((e) => !e.includes('404')), []);
  });

  test('reads the host form as typed data through field-map: text, number typed as text, date, radio, checkboxes', async () => {
    const page = await openHost();
    await page.fill('#goal', 'Cut misrouted tickets from 22% to 8% this year');
    await page.fill('#headcount', '1,200');
    await page.fill('#due', '2026-09-01');
    await page.selectOption('#dept', 'Sales');
    await page.check('input[name="obstacles"][value="tools"]');
    await page.check('input[name="could"][value="yes"]');
    await reportWhere(page, (r) => r.trainingFit.id === 'unlikely');
    const { report } = await state(page);
    const strengths = report.findings.filter((f) => f.kind === 'strength').map((f) => f.field);
    assert.deepEqual(strengths.sort(), ['barriers', 'outcome', 'people', 'unit']);
    assert.ok(!report.findings.some((f) => f.field === 'needed_by'), 'the date was read');
    assert.deepEqual(report.conditions, ['Yes, if the tool owner simplifies the tool.']);
  });

  test('an empty form gets an invitation, not a verdict; the first answer brings the report', async () => {
    const page = await openHost();
    const empty = await state(page);
    assert.equal(empty.status, 'scored');
    assert.equal(empty.tier, 'Ready when you are');
    assert.equal(await page.locator('yesif-check [part~="results"]').isVisible(), false);
    await page.fill('#headcount', '12');
    await page.locator('yesif-check [part~="results"]').waitFor();
    assert.equal((await state(page)).tier, 'Needs more information');
  });

  test('resetting the form re-scores it as empty', async () => {
    const page = await openHost();
    await page.fill('#goal', 'Increase the win rate from 18% to 24% by Q4');
    await reportWhere(page, (r) => r.score > 0);
    await page.evaluate(() => document.getElementById('host').reset());
    await reportWhere(page, (r) => r.score === 0);
    assert.equal((await state(page)).tier, 'Ready when you are');
    assert.equal(await page.inputValue('input[name="yesif_score"]'), '0');
  });

  test('a number that is not a number yet is left out, not an error', async () => {
    const page = await openHost();
    await page.fill('#headcount', 'about a hundred');
    await page.fill('#goal', 'Increase the win rate from 18% to 24% by Q4');
    await reportWhere(page, (r) => r.score > 0);
    const s = await state(page);
    assert.equal(s.status, 'scored');
    assert.ok(s.report.findings.some((f) => f.kind === 'gap' && f.field === 'people'));
  });

  test('a value the rules refuse (beyond maxFieldChars) costs only that field, with a note', async () => {
    const page = await openHost();
    await page.fill('#headcount', '120');
    await page.evaluate(() => {
      const goal = document.getElementById('goal');
      goal.value = 'word '.repeat(5000);
      goal.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(() => !document.querySelector('yesif-check').shadowRoot.querySelector('[part~="notice"]').hidden);
    const s = await state(page);
    assert.equal(s.status, 'scored');
    assert.equal(s.notice, "We couldn't read your answer to “What business outcome are you trying to achieve?”, so it isn't counted yet.");
    assert.ok(s.report.findings.some((f) => f.kind === 'strength' && f.field === 'people'));
    assert.ok(s.report.findings.some((f) => f.kind === 'gap' && f.field === 'outcome'));
    assert.equal((await page.inputValue('#goal')).length, 25000, 'the text is kept as typed');
  });

  test('shows each gap with its consulting question, and the link focuses the field', async () => {
    const page = await openHost();
    await page.fill('#goal', 'Excel');
    const gap = page.locator('yesif-check [part~="gap"]', { hasText: 'Past attempts' });
    await assert.doesNotReject(gap.waitFor());
    assert.match(await gap.locator('[part~="question"]').textContent(), /What have you already tried\?/);
    await gap.locator('[part~="focus-link"]').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'history');
    await page.keyboard.type('A cheat sheet in March; nothing changed');
    await reportWhere(page, (r) => !r.findings.some((f) => f.kind === 'gap' && f.field === 'tried'));
    await gap.waitFor({ state: 'detached' });
  });

  test('submitting carries the hidden report fields, is not blocked, and sends what was typed', async () => {
    const page = await openHost();
    const goal = 'Increase the win rate from 18% to 24% by Q4 <b>really</b> & more';
    await page.fill('#goal', goal);
    await page.fill('#headcount', '120');
    await page.check('input[name="obstacles"][value="skill"]');
    // Submit in the same task as the last keystroke: the pending score must still be flushed.
    await page.evaluate(() => {
      document.getElementById('history').value = 'a webinar';
      document.getElementById('history').dispatchEvent(new Event('input', { bubbles: true }));
      document.getElementById('host').requestSubmit();
    });
    await page.waitForURL(/received\.html/);
    const q = query(page);
    assert.equal(q.goal, goal);
    assert.equal(q.headcount, '120');
    assert.equal(q.history, 'a webinar');
    assert.equal(q.yesif_status, 'scored');
    assert.equal(q.yesif_tier, 'ready');
    assert.equal(q.yesif_training_fit, 'likely');
    assert.equal(q.yesif_score, '80');
    assert.equal(q.yesif_rules_name, 'widget test rules');
    assert.equal(q.yesif_rules_version, '1.0');
    assert.match(q.yesif_rules_hash, /^[0-9a-f]{64}$/);
    assert.equal(q.yesif_gaps, '');
    assert.equal(q.yesif_today, '2026-06-01');
    assert.equal(q.yesif_questions, '');
    assert.equal(q.yesif_conditions, '');
    assert.equal(q.yesif_gap_fields, '');
    assert.equal(q.yesif_flags, '');
    assert.equal(q.yesif_tier_label, 'Ready for L&D');
  });

  test('every condition, question and gap is submitted, each exactly, one per line', async () => {
    const page = await openHost();
    await page.fill('#goal', 'Excel');
    await page.fill('#headcount', '1,200');
    await page.check('input[name="obstacles"][value="tools"]');
    await page.check('input[name="obstacles"][value="skill"]');
    await reportWhere(page, (r) => r.conditions.length === 2);
    await page.click('button[type="submit"]');
    await page.waitForURL(/received\.html/);
    const q = query(page);
    const lines = (text) => text.split(/\r?\n/);
    assert.deepEqual(lines(q.yesif_conditions), ['Yes, if the tool owner simplifies the tool.', 'Yes, if a practice session follows the course.']);
    assert.deepEqual(lines(q.yesif_questions), ['What business outcome are you trying to achieve?', 'What have you already tried?']);
    assert.deepEqual(lines(q.yesif_gaps), ['Tell us the result you need, not the solution. [outcome]', 'Past attempts tell us what not to repeat. [tried]']);
    assert.equal(q.yesif_gap_fields, 'outcome,tried');
    assert.equal(q.yesif_score, '30');
    assert.equal(q.yesif_tier, 'promising');
    assert.equal(q.yesif_tier_label, 'Promising');
    assert.equal(q.yesif_training_fit, 'unlikely');
    assert.equal(q.headcount, '1,200');
  });

  test('numbers typed as text: only well-formed ones count, read in the form\'s language', async () => {
    const page = await openHost();
    const read = await page.evaluate(async () => {
      const { parseNumber } = await import('/www/yesif-check/form.js');
      const table = [
        ['1,,,', 'en'], ['1,200', 'en'], ['1 200', 'en'], ['1\u00a0200', 'en'], ['1_000', 'en'], ['1.5', 'en'],
        ['1,234.5', 'en'], ['1,234,567', 'en'], ['  42  ', 'en'], ['-3', 'en'], ['+4', 'en'], ['.5', 'en'], ['5.', 'en'],
        ['12,00', 'en'], ['1,2', 'en'], ['1,2345', 'en'], ['1,234 567', 'en'], ['1.2.3', 'en'], ['1e3', 'en'],
        ['.', 'en'], ['-', 'en'], ['', 'en'], ['1,200 people', 'en'], ['$1,200', 'en'], ['0x10', 'en'], ['Infinity', 'en'],
        ['1.200,5', 'de'], ['1,5', 'de'], ['1.5', 'de'], ['1 234,5', 'fr'], ['1\u202f234,5', 'fr'], ["1'234.5", 'de-CH'],
        ['1,5', 'not a locale!'],
      ];
      return table.map(([text, locale]) => [text, locale, parseNumber(text, locale)]);
    });
    assert.deepEqual(read, [
      ['1,,,', 'en', NaN], ['1,200', 'en', 1200], ['1 200', 'en', 1200], ['1\u00a0200', 'en', 1200], ['1_000', 'en', 1000], ['1.5', 'en', 1.5],
      ['1,234.5', 'en', 1234.5], ['1,234,567', 'en', 1234567], ['  42  ', 'en', 42], ['-3', 'en', -3], ['+4', 'en', 4], ['.5', 'en', 0.5], ['5.', 'en', 5],
      ['12,00', 'en', NaN], ['1,2', 'en', NaN], ['1,2345', 'en', NaN], ['1,234 567', 'en', NaN], ['1.2.3', 'en', NaN], ['1e3', 'en', NaN],
      ['.', 'en', NaN], ['-', 'en', NaN], ['', 'en', NaN], ['1,200 people', 'en', NaN], ['$1,200', 'en', NaN], ['0x10', 'en', NaN], ['Infinity', 'en', NaN],
      ['1.200,5', 'de', 1200.5], ['1,5', 'de', 1.5], ['1.5', 'de', NaN], ['1 234,5', 'fr', 1234.5], ['1\u202f234,5', 'fr', 1234.5], ["1'234.5", 'de-CH', 1234.5],
      ['1,5', 'not a locale!', NaN],
    ]);

    // In the host form: a malformed number is not a number (the field is unanswered, and said so).
    await page.fill('#headcount', '1,,,');
    await page.waitForFunction(() => !document.querySelector('yesif-check').shadowRoot.querySelector('[part~="notice"]').hidden);
    let s = await state(page);
    assert.equal(s.notice, "We couldn't read your answer to “About how many people?”, so it isn't counted yet.");
    assert.ok(s.report.findings.some((f) => f.kind === 'gap' && f.field === 'people'));
    // The form's lang decides: in a German form, 1.200 is twelve hundred.
    await page.evaluate(() => document.getElementById('host').setAttribute('lang', 'de'));
    await page.fill('#headcount', '1.200');
    await reportWhere(page, (r) => r.findings.some((f) => f.kind === 'strength' && f.field === 'people'));
    s = await state(page);
    assert.equal(s.notice, '');
  });

  test('field-map pairs are trimmed: spaces around rule and host names are not part of them', async () => {
    const page = await openHost();
    const parsed = await page.evaluate(async () => {
      const { parseFieldMap } = await import('/www/yesif-check/form.js');
      const { map, problems } = parseFieldMap(' outcome = goal ,\tpeople=\theadcount\n, ,bad, =x ');
      return { map: [...map], problems };
    });
    assert.deepEqual(parsed, {
      map: [['outcome', 'goal'], ['people', 'headcount']],
      problems: ['"bad" is not a rule_field=host_field pair', '"=x" is not a rule_field=host_field pair'],
    });
    await page.evaluate(() => document.querySelector('yesif-check').setAttribute('field-map', ' outcome = goal , people = headcount '));
    await page.fill('#goal', 'Increase the win rate from 18% to 24% by Q4');
    await page.fill('#headcount', '120');
    await reportWhere(page, (r) => ['outcome', 'people'].every((id) => r.findings.some((f) => f.kind === 'strength' && f.field === id)));
  });

  test('the open gaps are submitted, one per line, and submit-fields sets the prefix', async () => {
    const page = await openHost('prefix=lnd_');
    await page.click('button[type="submit"]');
    await page.waitForURL(/received\.html/);
    const q = query(page);
    assert.ok(!('yesif_score' in q));
    assert.equal(q.lnd_score, '0');
    assert.equal(q.lnd_tier, 'needs-info');
    assert.deepEqual(q.lnd_gaps.split(/\r?\n/), [
      'Tell us the result you need, not the solution. [outcome]',
      'Tell us how many people. [people]',
      'Past attempts tell us what not to repeat. [tried]',
    ]);
    assert.equal(q.lnd_gap_fields, 'outcome,people,tried');
  });

  test('a missing rules file: a polite notice, diagnostics in the console and yesif-error, the form still submits', async () => {
    const page = await openRecordingErrors(`${HOST}?rules=missing.rhai`);
    const s = await state(page);
    assert.equal(s.status, 'unavailable');
    assert.match(s.notice, /not available right now.*still .*send/);
    const errors = await page.evaluate(() => window.__errors);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].stage, 'fetch');
    assert.match(errors[0].diagnostics[0].message, /404/);
    assert.ok(page.errors.some((e) => e.includes('<yesif-check>') && e.includes('could not be fetched')), page.errors.join('\n'));
    await page.fill('#goal', 'Still typing');
    assert.equal(await page.inputValue('#goal'), 'Still typing');
    const sent = await submitTyped(page, '#goal', 'Still typing');
    assert.equal(sent.goal, 'Still typing');
    assert.equal(sent.yesif_status, 'unavailable');
  });

  test('a rule file that does not compile: notice, parse diagnostics with a line, the form still submits', async () => {
    const page = await openRecordingErrors(`${HOST}?rules=broken.rhai`);
    assert.equal((await state(page)).status, 'unavailable');
    const detail = await page.evaluate(() => window.__errors.at(-1));
    assert.equal(detail.stage, 'compile');
    assert.ok(detail.diagnostics.some((d) => d.kind === 'parse' && d.line === 4), JSON.stringify(detail.diagnostics));
    assert.ok(page.errors.some((e) => e.includes('do not compile')));
    assert.equal((await submitTyped(page, '#goal', 'Typed after the failure')).goal, 'Typed after the failure');
  });

  test('a rule that fails at run time: notice while it fails, recovery when it stops, submit never blocked', async () => {
    const page = await openHost('rules=throws.rhai');
    assert.equal((await state(page)).status, 'scored');
    await page.fill('#goal', 'anything');
    await page.waitForFunction(() => document.querySelector('yesif-check').status === 'unavailable');
    const s = await state(page);
    assert.match(s.notice, /could not check this request/);
    assert.equal(s.report, null);
    assert.ok(page.errors.some((e) => e.includes('a rule failed')));
    await page.fill('#goal', '');
    await page.waitForFunction(() => document.querySelector('yesif-check').status === 'scored');
    const sent = await submitTyped(page, '#goal', 'again');
    assert.equal(sent.goal, 'again');
    assert.equal(sent.yesif_status, 'unavailable');
  });

  test('a trap of the engine: reported once as an engine error, the widget goes on in a fresh engine, the form still submits', async () => {
    const page = await newPage(env.browser);
    await injectTraps(page);
    await page.addInitScript(() => {
      window.__errors = [];
      document.addEventListener('yesif-error', (e) => window.__errors.push(e.detail));
    });
    await page.goto(env.server.url(`${HOST}?today=2026-06-01`));
    await settled(page);
    const scores = () => page.evaluate(() => document.querySelector('yesif-check').report?.score ?? null);
    const errors = () => page.evaluate(() => window.__errors.map((e) => ({ stage: e.stage, message: e.message, diagnostics: e.diagnostics })));
    const traps = () => page.evaluate(() => globalThis.__yesifTraps ?? 0);

    // One trap: the engine restarts, the rules are compiled again, and this very request scores.
    await page.fill('#headcount', '120');
    await page.fill('#goal', 'TRAP-ONCE: increase the win rate from 18% to 24% by Q4');
    await reportWhere(page, (r) => r.findings.some((f) => f.kind === 'strength' && f.field === 'outcome'));
    assert.equal(await traps(), 1);
    assert.equal((await state(page)).status, 'scored');
    const once = [{ stage: 'engine', message: 'the scoring engine failed and was restarted', diagnostics: [{ kind: 'engine', message: 'memory access out of bounds' }] }];
    assert.deepEqual(await errors(), once);

    // A request that traps every time: no report for it, a polite notice, and no new error
    // however often it is typed; the form still submits.
    await page.fill('#goal', 'TRAP-ALWAYS');
    await page.waitForFunction(() => document.querySelector('yesif-check').status === 'unavailable');
    await page.locator('#goal').pressSequentially(' and more');
    await page.waitForFunction(() => globalThis.__yesifTraps >= 12); // two traps a keystroke at least
    assert.match((await state(page)).notice, /could not check this request/);
    assert.deepEqual(await errors(), once, 'reported once, not once per score');

    // Typing on: the widget is back, never "unavailable" for good.
    await page.fill('#goal', 'Increase the win rate from 18% to 24% by Q4');
    await reportWhere(page, (r) => r.findings.some((f) => f.kind === 'strength' && f.field === 'outcome'));
    assert.equal(await scores(), 60);
    assert.deepEqual(await errors(), once);
    const sent = await submitTyped(page, '#history', 'a webinar');
    assert.equal(sent.yesif_status, 'scored');
    assert.equal(sent.yesif_score, '70');
  });

  test('a host whose CSP forbids WebAssembly gets the polite notice, and the form still submits', async () => {
    const page = await openRecordingErrors('/tests/browser/fixtures/no-wasm.html');
    const s = await state(page);
    assert.equal(s.status, 'unavailable');
    assert.match(s.notice, /not available in this browser/);
    assert.equal(await page.evaluate(() => window.__errors.at(-1).stage), 'engine');
    const sent = await submitTyped(page, '#outcome', 'typed anyway');
    assert.equal(sent.outcome, 'typed anyway');
    assert.equal(sent.yesif_status, 'unavailable');
  });

  test('HTML typed into a field and HTML in rule messages render as text', async () => {
    const page = await openHost('rules=html-message.rhai');
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
    const xss = '<img src=x onerror=alert(1)>';
    // The listener is in place before the keystrokes: the page runs commands in order.
    const scored = page.evaluate(() => new Promise((done) => document.addEventListener('yesif-score', () => done(true), { once: true })));
    await page.fill('#goal', xss);
    assert.equal(await scored, true, 'what was typed has been scored');
    const s = await state(page);
    assert.equal(s.status, 'scored');
    for (const literal of ['<script>window.__xss = 2</script>Needs info', '<img src=x onerror="window.__xss = 4">', '<a href="javascript:window.__xss = 5">What</a> outcome?', 'Yes, if <b>we</b> talk first.', '<u>unclear</u>', '<b>bold</b> rules <i>1</i>']) {
      assert.ok(s.text.includes(literal), `shows ${literal} as text`);
    }
    const elements = await page.evaluate(() => [...document.querySelector('yesif-check').shadowRoot.querySelectorAll('img, script, b, i, u, em')].length);
    assert.equal(elements, 0);
    assert.equal(await page.inputValue('#goal'), xss);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(dialogs, 0);
  });

  test('keyboard only: Tab reaches the focus links, Enter moves to the field, typing updates the report', async () => {
    const page = await openHost();
    await page.focus('#goal');
    await page.keyboard.type('Excel');
    await page.focus('#history');
    await page.keyboard.press('Shift+Tab');
    let guard = 0;
    // Tab forward until a focus link inside the widget has focus.
    for (;;) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => {
        const a = document.querySelector('yesif-check').shadowRoot.activeElement;
        return a?.getAttribute('part') === 'focus-link' ? a.textContent : null;
      });
      if (label?.includes('already tried')) break;
      assert.ok(++guard < 30, 'a focus link is reachable with Tab');
    }
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'history');
    await page.keyboard.type('Coaching in 2025, no change');
    await reportWhere(page, (r) => r.findings.some((f) => f.kind === 'strength' && f.field === 'tried'));
  });

  test('events bubble and are composed; report, fields and rulesInfo are properties', async () => {
    const page = await openHost('', undefined, () => {
      window.__scores = [];
      document.addEventListener('yesif-score', (e) => window.__scores.push({ composed: e.composed, bubbles: e.bubbles, tier: e.detail.tier.id }));
    });
    const info = await page.evaluate(() => {
      const c = document.querySelector('yesif-check');
      return { scores: window.__scores, same: c.report === c.report, fields: c.fields.map((f) => f.id), info: c.rulesInfo, map: [...c.fieldMap].length, prefix: c.submitFields, today: c.today };
    });
    assert.ok(info.scores.length >= 1);
    assert.deepEqual(info.scores[0], { composed: true, bubbles: true, tier: 'needs-info' });
    assert.deepEqual(info.fields, ['outcome', 'email', 'unit', 'people', 'needed_by', 'could_do', 'barriers', 'tried']);
    assert.equal(info.info.name, 'widget test rules');
    assert.equal(info.map, 8);
    assert.equal(info.prefix, 'yesif_');
    assert.equal(info.today, '2026-06-01');
  });

  test('attributes are the API: changing today, field-map and rules re-scores', async () => {
    const page = await openHost();
    await page.evaluate(() => { document.querySelector('yesif-check').today = '2027-01-15'; });
    await reportWhere(page, (r) => r.today === '2027-01-15');
    // Unmapping the outcome makes the widget look for a field named "outcome": there is none.
    await page.fill('#goal', 'Increase the win rate from 18% to 24% by Q4');
    await reportWhere(page, (r) => r.findings.some((f) => f.kind === 'strength' && f.field === 'outcome'));
    await page.evaluate(() => { document.querySelector('yesif-check').fieldMap = { email: 'contact_email' }; });
    await reportWhere(page, (r) => r.findings.some((f) => f.kind === 'gap' && f.field === 'outcome'));
    await page.evaluate(() => { document.querySelector('yesif-check').rules = 'throws.rhai'; });
    await page.waitForFunction(() => document.querySelector('yesif-check').rulesInfo?.name === 'throws');
  });

  test('while new rules load, the form carries only yesif_status=pending, not the old report', async () => {
    const page = await openHost();
    const hidden = () => page.evaluate(() => Object.fromEntries(
      [...document.querySelectorAll('input[type="hidden"][name^="yesif_"]')].map((i) => [i.name, i.value]),
    ));
    assert.equal((await hidden()).yesif_status, 'scored');
    assert.ok('yesif_score' in (await hidden()));
    // Hold the new rule file until the form has been looked at.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/fixtures/throws.rhai', async (route) => { await held; await route.continue(); });
    await page.evaluate(() => { document.querySelector('yesif-check').rules = 'throws.rhai'; });
    await page.waitForFunction(() => document.querySelector('yesif-check').status === 'pending');
    assert.deepEqual(await hidden(), { yesif_status: 'pending' });
    release();
    await page.waitForFunction(() => document.querySelector('yesif-check').rulesInfo?.name === 'throws');
  });

  test('setup mistakes are warned about one by one, each once, with the nearest name; scoring carries on', async () => {
    const page = await openPage(`${HOST}?map=0&today=2026-02-30`);
    await page.fill('#goal', 'typing does not repeat the warning');
    // The setup check runs in a later task than the score: wait for its last warning itself.
    const lastWarned = page.waitForEvent('console', (m) => m.type() === 'warning' && m.text().includes('"head_count"'));
    await page.evaluate(() => document.querySelector('yesif-check').setAttribute('field-map', 'outcome=goal, junk, nedded_by=due, people=head_count'));
    // The new map reads the goal typed above as the outcome.
    await reportWhere(page, (r) => r.findings.some((f) => f.kind === 'strength' && f.field === 'outcome'));
    await lastWarned;
    const warnings = page.warnings.filter((w) => w.includes('<yesif-check>'));
    assert.deepEqual(warnings, [
      // With no field-map: rule fields the form lacks whose names are near a control's.
      '<yesif-check>: the form has no control named "email", but has "contact_email": if that is the same question, add email=contact_email to field-map',
      '<yesif-check>: the form has no control named "could_do", but has "could": if that is the same question, add could_do=could to field-map',
      '<yesif-check>: today="2026-02-30" is not a YYYY-MM-DD date; using the local date',
      // After the new field-map: only what is new.
      '<yesif-check>: "junk" is not a rule_field=host_field pair',
      '<yesif-check>: field-map: the rules declare no field "nedded_by" (in nedded_by=due); did you mean "needed_by"?',
      '<yesif-check>: field-map: the form has no control named "head_count" (in people=head_count); did you mean "headcount"?',
    ]);
    assert.equal((await state(page)).status, 'scored');
  });

  test('gaps on fields the form lacks are L&D\'s follow-up questions: listed apart, without a link, submitted apart', async () => {
    const page = await openHost();
    // This host form has no "tried so far" box: `tried` is not asked.
    await page.evaluate(() => document.getElementById('history').closest('p').remove());
    await page.fill('#goal', 'Excel');
    await page.fill('#headcount', '1,200');
    await reportWhere(page, (r) => r.followups.length === 1);
    const { report } = await state(page);
    assert.deepEqual(report.findings.filter((f) => f.kind === 'gap').map((f) => [f.field, f.asked]), [['outcome', true], ['tried', false]]);
    const shown = await page.evaluate(() => {
      const root = document.querySelector('yesif-check').shadowRoot;
      const texts = (sel) => [...root.querySelectorAll(sel)].filter((n) => n.getClientRects().length).map((n) => n.textContent);
      return {
        summary: root.querySelector('[part~="summary"]').textContent,
        gaps: texts('[part~="gaps"] .message'),
        followups: texts('[part~="followup"]'),
        linksInFollowups: root.querySelectorAll('[part~="followups-block"] a, [part~="followups-block"] .box').length,
        heading: root.querySelector('[part~="followups-block"] h3').textContent,
      };
    });
    assert.deepEqual(shown, {
      summary: '1 thing to add.',
      gaps: ['Tell us the result you need, not the solution.'],
      followups: ['What have you already tried?'],
      linksInFollowups: 0,
      heading: 'L&D will ask you about…',
    });
    await page.click('button[type="submit"]');
    await page.waitForURL(/received\.html/);
    const q = query(page);
    assert.equal(q.yesif_gaps, 'Tell us the result you need, not the solution. [outcome]');
    assert.equal(q.yesif_gap_fields, 'outcome');
    assert.equal(q.yesif_questions, 'What business outcome are you trying to achieve?');
    assert.equal(q.yesif_followups, 'What have you already tried?');
    assert.equal(q.yesif_followup_fields, 'tried');
  });

  test('what the rules understood is shown back, with a link to change it, and submitted', async () => {
    const page = await openHost();
    await page.fill('#goal', 'Increase the win rate from 18% to 24% by Q4');
    await reportWhere(page, (r) => r.understood.length === 1);
    const item = page.locator('yesif-check [part~="understood-item"]');
    assert.equal(await item.locator('span').first().textContent(), 'Understood: win rate 18% → 24% by 2026-12-31');
    await item.locator('[part~="focus-link"]').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'goal');
    await page.click('button[type="submit"]');
    await page.waitForURL(/received\.html/);
    assert.equal(query(page).yesif_understood, 'win rate 18% → 24% by 2026-12-31');
  });

  test('created with document.createElement and moved to another form via `for`; removal cleans up', async () => {
    const page = await openHost('outside=1');
    assert.equal((await state(page)).status, 'scored');
    assert.ok(await page.evaluate(() => document.querySelectorAll('#host input[name^="yesif_"]').length > 5));
    const afterRemoval = await page.evaluate(async () => {
      const c = document.querySelector('yesif-check');
      let scores = 0;
      c.addEventListener('yesif-score', () => { scores += 1; });
      c.remove();
      const goal = document.getElementById('goal');
      goal.value = 'typed after removal';
      goal.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { scores, hidden: document.querySelectorAll('#host input[name^="yesif_"]').length };
    });
    assert.deepEqual(afterRemoval, { scores: 0, hidden: 0 });
  });

  test('constructed with new and connected later, it scores; its light-DOM fallback text is not shown', async () => {
    const page = await openHost('map=0&rules=throws.rhai');
    const result = await page.evaluate(async () => {
      document.querySelector('yesif-check').remove();
      const Check = customElements.get('yesif-check');
      const check = new Check();
      const fallback = document.createElement('p');
      fallback.textContent = 'Instant feedback needs JavaScript.';
      check.append(fallback);
      check.rules = 'mini.rhai';
      check.today = '2026-06-01';
      const scored = new Promise((resolve) => check.addEventListener('yesif-score', (e) => resolve(e.detail.rules.name), { once: true }));
      document.getElementById('host').append(check);
      return { name: await scored, fallbackShown: fallback.getClientRects().length > 0, isCheck: check instanceof Check };
    });
    assert.deepEqual(result, { name: 'widget test rules', fallbackShown: false, isCheck: true });
  });

  test('a burst of input events in one frame is scored at most twice: at once and at the next frame', async () => {
    const page = await openHost();
    const counts = await page.evaluate(async () => {
      const c = document.querySelector('yesif-check');
      await new Promise((r) => requestAnimationFrame(r));
      let scores = 0;
      c.addEventListener('yesif-score', () => { scores += 1; });
      const goal = document.getElementById('goal');
      for (const ch of 'Increase the win rate') {
        goal.value += ch;
        goal.dispatchEvent(new Event('input', { bubbles: true }));
      }
      const sync = scores;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { sync, total: scores, text: c.report && goal.value };
    });
    assert.deepEqual(counts, { sync: 1, total: 2, text: 'Increase the win rate' });
  });

  test('an event that changes no answer is not scored again; one that does is', async () => {
    const page = await openHost();
    await page.evaluate(() => {
      window.scores = 0;
      document.querySelector('yesif-check').addEventListener('yesif-score', () => { window.scores += 1; });
    });
    const nextFrames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // A real click fires `input` and `change`: one score.
    await page.check('input[name="obstacles"][value="tools"]');
    await nextFrames();
    assert.equal(await page.evaluate(() => window.scores), 1);
    // A select chosen from the keyboard: one score.
    await page.selectOption('#dept', 'Finance');
    await nextFrames();
    assert.equal(await page.evaluate(() => window.scores), 2);
    // Leaving a text box fires `change` with the value already scored: no score.
    await page.fill('#goal', 'Increase the win rate');
    await nextFrames();
    const afterTyping = await page.evaluate(() => window.scores);
    await page.locator('#goal').blur();
    await nextFrames();
    assert.equal(await page.evaluate(() => window.scores), afterTyping);
    // A script that sets a value and fires only `change` is scored.
    const report = await page.evaluate(async () => {
      const goal = document.getElementById('goal');
      goal.value = 'Cut onboarding time from 12 to 8 weeks';
      goal.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(r));
      return { scores: window.scores, hidden: new FormData(goal.form).get('yesif_score') === String(document.querySelector('yesif-check').report.score) };
    });
    assert.deepEqual(report, { scores: afterTyping + 1, hidden: true });
  });

  test('moved to another place in the form, the widget writes its hidden fields again', async () => {
    const page = await openHost();
    const hidden = await page.evaluate(async () => {
      const c = document.querySelector('yesif-check');
      const form = c.closest('form');
      const count = () => form.querySelectorAll('input[type="hidden"][name^="yesif_"]').length;
      const before = count();
      c.remove();
      const whileOut = count();
      form.prepend(c);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { before, whileOut, after: count() };
    });
    assert.ok(hidden.before > 0);
    assert.deepEqual(hidden, { before: hidden.before, whileOut: 0, after: hidden.before });
  });

  test('a new prefix set together with a field-map that reads the same answers still writes the hidden fields', async () => {
    const page = await openHost();
    const names = await page.evaluate(async () => {
      const c = document.querySelector('yesif-check');
      c.setAttribute('submit-fields', 'lnd_');
      c.setAttribute('field-map', c.getAttribute('field-map').replaceAll(' ', ''));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const hidden = [...c.closest('form').querySelectorAll('input[type="hidden"]')].map((i) => i.name);
      return { lnd: hidden.filter((n) => n.startsWith('lnd_')).length, yesif: hidden.filter((n) => n.startsWith('yesif_')).length };
    });
    assert.ok(names.lnd > 0, JSON.stringify(names));
    assert.equal(names.yesif, 0);
  });

  test('works under the strict Content-Security-Policy with no violations', async () => {
    const page = await newPage(env.browser);
    await recordViolations(page);
    const response = await page.goto(env.server.url(`${HOST}?today=2026-06-01`));
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
    await settled(page);
    assert.equal((await state(page)).status, 'scored');
    // The shadow styles apply: the tier colour is not the default text colour.
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector('yesif-check').shadowRoot.querySelector('.panel')).borderTopWidth);
    assert.equal(styled, '4px');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(page.errors.filter((e) => /Refused|Content Security Policy/i.test(e)), []);
  });

  test('axe-core finds no serious or critical violations in the widget, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const page = await openHost('', { colorScheme });
      await page.fill('#goal', 'Increase the win rate');
      await page.check('input[name="obstacles"][value="tools"]');
      await reportWhere(page, (r) => r.conditions.length > 0);
      const violations = await axe(page, { include: 'yesif-check' });
      assert.deepEqual(violations, [], `${colorScheme}: ${JSON.stringify(violations, null, 1)}`);
      await page.close();
    }
  });

  test('the single-file build (wasm inlined) scores with no request to www/pkg/', async () => {
    await buildWidget();
    const page = await newPage(env.browser);
    const requested = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(env.server.url('/tests/browser/fixtures/single.html'));
    await settled(page);
    await page.fill('#outcome', 'Increase the win rate from 18% to 24% by Q4');
    await reportWhere(page, (r) => r.score > 0);
    assert.deepEqual(requested.filter((p) => p.includes('/pkg/') || p.endsWith('.wasm')), []);
    assert.deepEqual(page.errors.filter((e) => !e.includes('404')), []);
  });
});
