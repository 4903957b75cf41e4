// Browser tests of <yesif-check> with the default rules on a form L&D already has: a 9-field,
// SharePoint-style intake form (fixtures/intake-9.html) with its own field names, choice values
// that are display text, a field-map and a value-map. What it lacks is not the requester's to-do.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, newPage, reportWhere, useBrowser } from './lib.mjs';

const env = useBrowser();

const INTAKE = '/tests/browser/fixtures/intake-9.html';
const ASKED = ['requester_name', 'requester_email', 'business_unit', 'business_priority', 'business_outcome', 'audience_roles', 'audience_size', 'barriers', 'needed_by'];

async function openIntake() {
  const page = await newPage(env.browser);
  await page.goto(env.server.url(INTAKE));
  await page.waitForFunction(() => document.querySelector('yesif-check')?.status === 'scored');
  return page;
}

/** Fills the intake form as a requester with a well-argued request would. */
async function fillStrongRequest(page) {
  await page.fill('#RequestorName', 'Dana Weber');
  await page.fill('#RequestorEmail', 'dana.weber@example.com');
  await page.selectOption('#Department', 'Customer Service');
  await page.selectOption('#StrategicGoal', 'Reduce Cost to Serve');
  await page.fill('#DesiredOutcome', 'Reduce average handle time on billing calls from 9 to 7 minutes by March 2027, so we reduce cost to serve. '
    + 'Agents should resolve billing disputes on the first call using the new refund tool.');
  await page.fill('#TargetAudience', 'Customer service agents, billing queue');
  await page.fill('#NumberOfLearners', '120');
  await page.check('input[name="Obstacles"][value="Don\'t know how"]');
  await page.check('input[name="Obstacles"][value="Need practice"]');
  await page.fill('#DueDate', '2026-10-15');
  // The last answers may be scored at the next frame: wait until the report is of all of them.
  await page.waitForFunction(() => {
    const r = document.querySelector('yesif-check').request;
    return r?.needed_by === '2026-10-15' && r.barriers?.length === 2;
  });
}

const visibleTexts = (page, selector) => page.evaluate((selector) => [...document.querySelector('yesif-check').shadowRoot.querySelectorAll(selector)]
  .filter((n) => n.getClientRects().length).map((n) => n.textContent), selector);

describe('<yesif-check> on an existing 9-field intake form', () => {
  test('asked is the nine mapped fields; option values match by value, by label (any case and spacing) or through value-map', async () => {
    const page = await openIntake();
    await fillStrongRequest(page);
    await page.check('input[name="Obstacles"][value="Tools or systems"]');
    await reportWhere(page, (r) => r.findings.length > 0);
    await page.waitForFunction(() => document.querySelector('yesif-check').request?.barriers?.length === 3);
    const seen = await page.evaluate(() => {
      const c = document.querySelector('yesif-check');
      return { asked: c.asked, request: c.request };
    });
    assert.deepEqual(seen.asked, ASKED);
    assert.equal(seen.request.business_unit, 'Customer Operations', 'value-map: Customer Service=Customer Operations');
    assert.equal(seen.request.business_priority, 'Reduce cost to serve', 'matched by value, whatever its case');
    assert.deepEqual(seen.request.barriers, ['knowledge', 'skill', 'tools'], "value-map for Don't know how and Need practice; label for Tools or systems");
    assert.equal(seen.request.audience_size, 120);

    await page.selectOption('#Department', 'FINANCE');
    await page.selectOption('#StrategicGoal', 'Improve customer  retention');
    await page.waitForFunction(() => {
      const r = document.querySelector('yesif-check').request;
      return r.business_unit === 'Finance' && r.business_priority === 'Improve customer retention';
    });
    await page.selectOption('#StrategicGoal', 'None of these');
    await page.waitForFunction(() => document.querySelector('yesif-check').request.business_priority === 'not_linked');
  });

  test('a strong request on the short form is not stuck at "Needs more information", and what was understood is shown', async () => {
    const page = await openIntake();
    await fillStrongRequest(page);
    await reportWhere(page, (r) => r.tier.id !== 'needs-info');
    const report = await page.evaluate(() => document.querySelector('yesif-check').report);
    assert.equal(report.tier.id, 'worthwhile');
    assert.equal(report.questions.length, 0, 'nothing left the requester can add on this form');
    assert.ok(report.conditions.some((c) => c.includes("what this form doesn't ask")), 'says what L&D still has to confirm');
    assert.deepEqual(await visibleTexts(page, '[part~="tier"]'), ['Worthwhile']);
    assert.deepEqual(await visibleTexts(page, '[part~="summary"]'), ['Nothing more to add here.']);
    assert.deepEqual(await visibleTexts(page, '[part~="understood-item"] > span'), report.understood.map((u) => `Understood: ${u.text}`));
    assert.equal(report.understood.length, 1);
    // A vague request on the same form stays where it belongs.
    await page.fill('#DesiredOutcome', 'Excel course');
    await reportWhere(page, (r) => r.tier.id === 'needs-info');
  });

  test('a host value that maps to no option is left out and warned about once, naming the field and the value', async () => {
    const page = await openIntake();
    const warnedOnce = page.waitForEvent('console', (m) => m.type() === 'warning' && m.text().includes('"Other"'));
    await page.check('input[name="Obstacles"][value="Other"]');
    // The warning comes from the score that read the value, in the same task as its request.
    await warnedOnce;
    assert.equal(await page.evaluate(() => 'barriers' in document.querySelector('yesif-check').request), false, 'only an unmapped value: the field is unanswered');
    await page.check('input[name="Obstacles"][value="Time or workload"]');
    await page.uncheck('input[name="Obstacles"][value="Other"]');
    await page.check('input[name="Obstacles"][value="Other"]');
    await page.waitForFunction(() => document.querySelector('yesif-check').request.barriers?.join() === 'workload');
    const warned = page.warnings.filter((w) => w.includes('"Other"'));
    assert.deepEqual(warned, [
      '<yesif-check>: the form\'s "Obstacles" answer "Other" for barriers matches none of its options (knowledge, skill, tools, process, expectations, incentives, leadership, workload, not_sure) and is left out; map it with value-map="barriers: Other=…"',
    ]);
  });

  test('gaps on the fields it lacks are follow-up questions, never to-dos; the form submits them apart', async () => {
    const page = await openIntake();
    await fillStrongRequest(page);
    await reportWhere(page, (r) => r.findings.some((f) => f.field === 'needed_by' || f.kind === 'strength'));
    const report = await page.evaluate(() => document.querySelector('yesif-check').report);
    const gaps = report.findings.filter((f) => f.kind === 'gap');
    const todo = gaps.filter((f) => f.asked);
    assert.ok(report.followups.length > 0, 'the rubric has questions for the fields this form lacks');
    assert.ok(gaps.filter((f) => !f.asked).every((f) => f.field && !ASKED.includes(f.field)));
    // The widget lists only what the form can answer under "What to add"; the rest apart, calmly.
    const shownTodo = await visibleTexts(page, '[part~="gaps"] .message');
    assert.deepEqual(shownTodo, todo.slice(0, 3).map((f) => f.message));
    const shownLater = await visibleTexts(page, '[part~="followup"]');
    assert.deepEqual(shownLater, report.followups.slice(0, 3));
    const [summary] = await visibleTexts(page, '[part~="summary"]');
    assert.equal(summary, todo.length === 0 ? 'Nothing more to add here.' : todo.length === 1 ? '1 thing to add.'
      : todo.length <= 3 ? `${todo.length} things to add.` : 'A few things to add: start with the first three.');

    await page.click('button[type="submit"]');
    await page.waitForURL(/received\.html/);
    const q = Object.fromEntries(new URL(page.url()).searchParams);
    // A form sends line breaks as CRLF.
    const lines = (text) => (text ? text.split('\r\n') : []);
    assert.deepEqual(lines(q.yesif_followups), report.followups);
    assert.deepEqual(lines(q.yesif_questions), report.questions);
    for (const id of q.yesif_gap_fields.split(',').filter(Boolean)) assert.ok(ASKED.includes(id), `${id} is on the form`);
    for (const id of q.yesif_followup_fields.split(',')) assert.ok(!ASKED.includes(id), `${id} is not on the form`);
    assert.equal(q.Department, 'Customer Service', 'the host value is sent as chosen');
  });

  test('a value-map entry for an option the field lacks is named, with the nearest option', async () => {
    const page = await newPage(env.browser);
    const warned = page.waitForEvent('console', (m) => m.type() === 'warning' && m.text().includes('skils'));
    await page.goto(env.server.url(INTAKE));
    await page.evaluate(() => {
      const c = document.querySelector('yesif-check');
      c.valueMap = c.valueMap.replace('Need practice=skill', 'Need practice=skils').replace('business_unit:', 'busines_unit:');
    });
    await warned;
    const mine = page.warnings.filter((w) => w.startsWith('<yesif-check>: value-map'));
    assert.deepEqual(mine, [
      '<yesif-check>: value-map: the rules declare no field "busines_unit"; did you mean "business_unit"?',
      '<yesif-check>: value-map: barriers has no option "skils" (in Need practice=skils); did you mean "skill"?; its options are knowledge, skill, tools, process, expectations, incentives, leadership, workload, not_sure',
    ]);
  });

  test('axe-core finds no serious or critical violations on the intake form with the check', async () => {
    const page = await openIntake();
    await fillStrongRequest(page);
    await reportWhere(page, (r) => r.followups.length > 0);
    assert.deepEqual(await axe(page), []);
  });
});
