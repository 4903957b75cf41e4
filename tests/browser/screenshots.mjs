// Takes the README's screenshots of the demo form: one sample request per tier (light), one in
// dark mode, the submitted page, and the widget on its own. Not a test (node --test does not
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
} finally {
  await browser.close();
  await server.close();
}
