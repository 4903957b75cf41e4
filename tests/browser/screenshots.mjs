// Takes the README's screenshots of the demo form: one sample request per tier (light), one in
// dark mode, the submitted page, and the widget on its own; then the widget on an existing
// 9-field intake form (follow-up questions apart) and the embed page. Not a test (node --test does not
// pick it up); run it after changing how the demo or the widget looks, look at every image,
// and commit them.
//
//   node tests/browser/screenshots.mjs        → tests/screenshots/*.png
import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser, newPage, sharedSamples, startServer } from './lib.mjs';

const OUT = new URL('../screenshots/', import.meta.url);
mkdirSync(OUT, { recursive: true });
// ?sample=N counts the shared samples (S1, S2, …), as the demo's picker does.
const samples = sharedSamples();
const sampleFor = (tier) => samples.findIndex((c) => c.expect?.tier === tier) + 1;

const shots = [
  { file: 'demo-strategic.png', sample: sampleFor('strategic') },
  { file: 'demo-required.png', sample: sampleFor('required') },
  { file: 'demo-worthwhile.png', sample: sampleFor('worthwhile') },
  { file: 'demo-needs-info.png', sample: sampleFor('needs-info') },
  { file: 'demo-not-training.png', sample: sampleFor('not-training') },
  { file: 'demo-dark-not-training.png', sample: sampleFor('not-training'), colorScheme: 'dark' },
];

const server = await startServer();
const browser = await launchBrowser();
try {
  for (const shot of shots) {
    const page = await newPage(browser, { viewport: { width: 1200, height: 1000 }, colorScheme: shot.colorScheme ?? 'light' });
    await page.goto(server.url(`/www/?sample=${shot.sample}`));
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const tier = await page.evaluate(() => document.querySelector('yesif-check').report?.tier.id);
    // Scroll the form to its first section so the widget sits beside it.
    await page.locator('.samples').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: fileURLToPath(new URL(shot.file, OUT)), animations: 'disabled' });
    console.log(`${shot.file}: ${tier} (${Math.round(statSync(fileURLToPath(new URL(shot.file, OUT))).size / 1024)} KiB)`);
    if (shot.file === 'demo-strategic.png') {
      await page.locator('.check').evaluate((aside) => { aside.style.position = 'static'; aside.style.maxHeight = 'none'; });
      await page.locator('yesif-check').screenshot({ path: fileURLToPath(new URL('widget.png', OUT)), animations: 'disabled' });
      await page.click('button[type="submit"]');
      await page.waitForURL(/submitted\.html/);
      await page.screenshot({ path: fileURLToPath(new URL('submitted.png', OUT)), animations: 'disabled' });
    }
    await page.close();
  }
  await shootIntakeAndEmbed();
} finally {
  await browser.close();
  await server.close();
}

/** The check on the 9-field intake fixture with a strong request, and the embed page reading it. */
async function shootIntakeAndEmbed() {
  const intake = await newPage(browser, { viewport: { width: 1200, height: 1300 } });
  await intake.goto(server.url('/tests/browser/fixtures/intake-9.html'));
  await intake.waitForFunction(() => document.querySelector('yesif-check')?.status === 'scored');
  await intake.fill('#RequestorName', 'Dana Weber');
  await intake.fill('#RequestorEmail', 'dana.weber@example.com');
  await intake.selectOption('#Department', 'Customer Service');
  await intake.selectOption('#StrategicGoal', 'Reduce Cost to Serve');
  await intake.fill('#DesiredOutcome', 'Reduce average handle time on billing calls from 9 to 7 minutes by March 2027, so we reduce cost to serve. '
    + 'Agents should resolve billing disputes on the first call using the new refund tool.');
  await intake.fill('#TargetAudience', 'Customer service agents, billing queue');
  await intake.fill('#NumberOfLearners', '120');
  await intake.check('input[name="Obstacles"][value="Don\'t know how"]');
  await intake.fill('#DueDate', '2026-10-15');
  await intake.locator('#DueDate').blur();
  await intake.waitForFunction(() => document.querySelector('yesif-check').request?.needed_by === '2026-10-15');
  await intake.locator('main').screenshot({ path: fileURLToPath(new URL('intake-form.png', OUT)), animations: 'disabled' });
  console.log(`intake-form.png: ${await intake.evaluate(() => document.querySelector('yesif-check').report.tier.id)}`);
  await intake.close();

  const embed = await newPage(browser, { viewport: { width: 1200, height: 900 } });
  await embed.goto(server.url('/www/embed.html'));
  await embed.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await embed.click('#url-open');
  await embed.locator('#map-step').waitFor();
  await embed.locator('#map-step').screenshot({ path: fileURLToPath(new URL('embed-matches.png', OUT)), animations: 'disabled' });
  await embed.locator('#snippet-step').screenshot({ path: fileURLToPath(new URL('embed-lines.png', OUT)), animations: 'disabled' });
  console.log('embed-matches.png, embed-lines.png');
  await embed.close();
}
