// Browser tests of the demo intake form (www/index.html) with the default rules: every shared
// sample typed in through the form lands in its expected tier, progressive disclosure, the
// submitted page, keyboard-only use, accessibility and the strict CSP.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, newPage, recordViolations, reportWhere, sharedSamples, useBrowser } from './lib.mjs';

// The shared samples (domain research, section 4), as the demo's picker lists them.
const samples = sharedSamples();
assert.ok(samples.length >= 7, 'the shared samples S1–S7 are in rules/ld-intake.cases.json');

const env = useBrowser();

async function openDemo(query = '', options) {
  const page = await newPage(env.browser, options);
  await page.goto(env.server.url(`/www/${query}`));
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  return page;
}

function report(page) {
  return page.evaluate(() => document.querySelector('yesif-check').report);
}

/** Fills one field the way a requester would: typing, picking, ticking. */
async function answer(page, field, value) {
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  switch (field.type) {
    case 'select':
      await page.selectOption(`#f-${field.id}`, values[0]);
      break;
    case 'radio':
    case 'checkboxes':
      for (const v of values) await page.check(`input[name="${field.id}"][value="${v}"]`);
      break;
    default:
      await page.fill(`#f-${field.id}`, values[0]);
  }
}

function visibleFollowups(page) {
  return page.evaluate(() => [...document.querySelectorAll('.field[data-field]')]
    .filter((row) => !row.hidden && row.closest('section')?.getAttribute('aria-label') === 'Questions L&D will ask')
    .map((row) => row.dataset.field));
}

describe('the demo intake form', () => {
  for (const sample of samples) {
    test(`sample "${sample.name}", typed in through the form, shows tier ${sample.expect.tier}`, async () => {
      const page = await openDemo(`?today=${sample.today}`);
      const fields = await page.evaluate(() => document.querySelector('yesif-check').fields);
      await page.click('button.show-all');
      for (const field of fields) {
        if (field.id in sample.request) await answer(page, field, sample.request[field.id]);
      }
      await reportWhere(page, `(r) => r.tier.id === ${JSON.stringify(sample.expect.tier)}`);
      const r = await report(page);
      assert.equal(r.trainingFit.id, sample.expect.training_fit);
      const shown = await page.evaluate(() => {
        const root = document.querySelector('yesif-check').shadowRoot;
        return { label: root.querySelector('[part~="tier"]').textContent, tier: root.querySelector('[part~="panel"]').dataset.tier };
      });
      assert.deepEqual(shown, { label: r.tier.label, tier: sample.expect.tier });
      assert.deepEqual(page.errors, []);
    });
  }

  test('the sample picker fills the form, scores it as of the sample date, and shows every answered field', async () => {
    const page = await openDemo();
    for (const [i, sample] of samples.entries()) {
      await page.selectOption('#sample', { label: sample.name });
      await reportWhere(page, `(r) => r.tier.id === ${JSON.stringify(sample.expect.tier)} && r.today === ${JSON.stringify(sample.today)}`);
      const hiddenWithValue = await page.evaluate((request) => Object.keys(request)
        .filter((id) => document.querySelector(`.field[data-field="${id}"]`)?.hidden), sample.request);
      assert.deepEqual(hiddenWithValue, [], `sample ${i + 1}`);
    }
  });

  test('picking a sample after typing asks first, and keeps what was typed if the answer is no', async () => {
    const page = await openDemo('?today=2026-06-01');
    await page.fill('#f-requester_name', 'Typed by hand');
    const asked = [];
    page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
    await page.selectOption('#sample', { label: samples[0].name });
    assert.equal(asked.length, 1);
    assert.equal(await page.inputValue('#f-requester_name'), 'Typed by hand');
    assert.equal(await page.inputValue('#sample'), '');
    page.once('dialog', (d) => d.accept());
    await page.selectOption('#sample', { label: samples[0].name });
    assert.equal(await page.inputValue('#f-requester_name'), samples[0].request.requester_name);
  });

  test('follow-up questions appear when a gap needs them, a few at a time, and never hide once shown', async () => {
    const page = await openDemo('?today=2026-06-01');
    assert.deepEqual(await visibleFollowups(page), [], 'none before the requester starts');
    await page.fill('#f-business_outcome', 'A quick Excel e-learning for my team');
    await page.waitForFunction(() => document.querySelectorAll('.field.revealed').length > 0);
    const first = await visibleFollowups(page);
    assert.ok(first.length >= 1 && first.length <= 3, first.join());
    const r = await report(page);
    for (const id of first) assert.ok(r.findings.some((f) => f.kind === 'gap' && f.field === id), `${id} has a gap`);
    assert.match(await page.locator('.form-section [aria-live="polite"]').textContent(), /^New question from L&D: /, 'announced');
    // Answering one brings the next; clearing it again does not hide it.
    const fields = await page.evaluate(() => document.querySelector('yesif-check').fields);
    const typeable = fields.find((f) => first.includes(f.id) && ['text', 'textarea', 'date'].includes(f.type));
    assert.ok(typeable, 'a shown question takes typing');
    await page.fill(`#f-${typeable.id}`, typeable.type === 'date' ? '2026-12-31' : 'Sales Ops, monthly');
    await page.waitForFunction((n) => document.querySelectorAll('.field.revealed').length > n, first.length);
    await page.fill(`#f-${typeable.id}`, '');
    const later = await visibleFollowups(page);
    for (const id of first) assert.ok(later.includes(id), `${id} stays visible`);
  });

  test('the gap list shows three gaps first; a button shows the rest', async () => {
    const page = await openDemo('?today=2026-06-01');
    await page.fill('#f-requester_name', 'Sam');
    const gaps = page.locator('yesif-check [part~="gap"]');
    await gaps.first().waitFor();
    const total = (await report(page)).findings.filter((f) => f.kind === 'gap').length;
    assert.ok(total > 3, `${total} gaps`);
    assert.equal(await gaps.count(), 3);
    // The summary does not count them all: a long count after one answer only discourages.
    assert.equal(await page.locator('yesif-check [part~="summary"]').textContent(), 'A few things to add: start with the first three.');
    const more = page.locator('yesif-check [part~="more"]');
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    await more.focus();
    await page.keyboard.press('Enter');
    assert.equal(await gaps.count(), total);
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
  });

  test("a gap's link shows a follow-up question that was not on show yet and focuses it", async () => {
    const page = await openDemo('?today=2026-06-01');
    await page.fill('#f-requester_name', 'Sam');
    await page.locator('yesif-check [part~="more"]').click();
    const hiddenId = await page.evaluate(() => {
      const r = document.querySelector('yesif-check').report;
      return r.findings.find((f) => f.kind === 'gap' && f.field && document.querySelector(`.field[data-field="${f.field}"]`)?.hidden)?.field;
    });
    assert.ok(hiddenId, 'some gap points at a question not yet shown');
    const link = page.locator('yesif-check [part~="gap"]').filter({ has: page.locator(`[data-field="${hiddenId}"]`) }).locator('[part~="focus-link"]');
    await link.click();
    const focused = await page.evaluate(() => document.activeElement.name);
    assert.equal(focused, hiddenId);
    assert.equal(await page.locator(`.field[data-field="${hiddenId}"]`).isVisible(), true);
  });

  test('sending submits the request and the report; the submitted page shows it as text, HTML included', async () => {
    const page = await openDemo('?sample=1');
    const xss = '<img src=x onerror=alert(1)>';
    await page.fill('#f-requester_name', xss);
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
    await page.click('button[type="submit"]');
    await page.waitForURL(/submitted\.html/);
    const payload = await page.locator('#payload').textContent();
    assert.ok(payload.includes(`requester_name: ${xss}`));
    assert.match(payload, /^business_outcome: Increase mid-market win rate/m);
    assert.match(payload, /^yesif_tier: strategic$/m);
    assert.match(payload, /^yesif_training_fit: likely$/m);
    assert.match(payload, /^yesif_rules_hash: [0-9a-f]{64}$/m);
    assert.match(payload, /^yesif_conditions: Yes, if/m);
    assert.equal(await page.locator('main img').count(), 0);
    assert.equal(dialogs, 0);
  });

  test('keyboard only: Tab through the required fields, answer them, and send with Enter', async () => {
    // en-US: the date input takes its digits as mm/dd/yyyy.
    const page = await openDemo('?today=2026-06-01', { locale: 'en-US' });
    const fields = (await page.evaluate(() => document.querySelector('yesif-check').fields)).filter((f) => f.required);
    const typed = { text: 'Sam Patel', email: 'sam@example.com', textarea: 'Reduce quote errors from 9% to 3% by March', number: '40', date: '09152026' };
    for (const field of fields) {
      let guard = 0;
      while (!(await page.evaluate((id) => document.activeElement?.name === id, field.id))) {
        await page.keyboard.press('Tab');
        assert.ok(++guard < 40, `Tab reaches ${field.id}`);
      }
      if (field.type === 'select') await page.keyboard.press('ArrowDown');
      else if (field.type === 'checkboxes' || field.type === 'radio') await page.keyboard.press('Space');
      else await page.keyboard.type(typed[field.type]);
    }
    await reportWhere(page, (r) => r.score > 20);
    let guard = 0;
    while (!(await page.evaluate(() => document.activeElement?.matches('button[type="submit"]')))) {
      await page.keyboard.press('Tab');
      assert.ok(++guard < 60, 'Tab reaches Send');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/submitted\.html/);
    const payload = await page.locator('#payload').textContent();
    assert.match(payload, /^needed_by: 2026-09-15$/m);
    assert.match(payload, /^audience_size: 40$/m);
    assert.match(payload, /^yesif_status: scored$/m);
  });

  test('on a narrow screen a bar keeps the verdict in view and jumps to the check', async () => {
    const page = await openDemo('?today=2026-06-01', { viewport: { width: 400, height: 800 } });
    const peek = page.locator('#peek');
    assert.equal(await peek.isVisible(), false, 'nothing to show before the first answer');
    await page.fill('#f-business_outcome', 'A quick Excel course');
    await peek.waitFor();
    const r = await report(page);
    assert.match(await peek.textContent(), new RegExp(`^${r.tier.label} · \\d+ things? to add · See feedback$`));
    await peek.click();
    await page.waitForFunction(() => document.activeElement?.id === 'feedback');
    await peek.waitFor({ state: 'hidden' });
    assert.equal(await page.locator('yesif-check [part~="tier"]').isVisible(), true);
  });

  test('axe-core finds no serious or critical violations: demo in light and dark, and the submitted page', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const page = await openDemo('?sample=5', { colorScheme });
      await page.click('button.show-all');
      assert.deepEqual(await axe(page), [], colorScheme);
      if (colorScheme === 'light') {
        await page.click('button[type="submit"]');
        await page.waitForURL(/submitted\.html/);
        assert.deepEqual(await axe(page), [], 'submitted page');
      }
    }
  });

  test('the demo and the submitted page run under the strict CSP without a single violation, console error or warning', async () => {
    const page = await newPage(env.browser);
    await recordViolations(page);
    const response = await page.goto(env.server.url('/www/?sample=1'));
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    assert.equal((await report(page)).tier.id, 'strategic');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await page.click('button[type="submit"]');
    await page.waitForURL(/submitted\.html/);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.warnings, []);
  });
});
