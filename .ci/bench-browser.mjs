// Runs www/bench.html in headless Chromium (Debian's, through playwright-core) under the strict
// CSP of www/serve.mjs, and prints its figures. Given the native median (from `cargo bench`)
// it also prints the wasm/native ratio, and it checks the figures against the targets.
//
//   node .ci/bench-browser.mjs [--native-us 21.5] [--native-json-us 25.0] [--pkg /target/x/]
import { launchBrowser, newPage, startServer } from '../tests/browser/lib.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const nativeUs = Number(arg('--native-us')) || undefined;
const nativeJsonUs = Number(arg('--native-json-us')) || undefined;
const pkg = arg('--pkg');
const query = pkg ? `?pkg=${encodeURIComponent(pkg)}` : '';

const server = await startServer();
const browser = await launchBrowser();
let failed = false;
try {
  const page = await newPage(browser);
  await page.goto(server.url(`/www/bench.html${query}`));
  await page.waitForFunction(() => window.benchResult, null, { timeout: 300_000 });
  const r = await page.evaluate(() => window.benchResult);
  if (r.error || page.errors.length) throw new Error(r.error ?? page.errors.join('\n'));
  console.log(await page.locator('#out').textContent());
  console.log(`  (${r.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? r.userAgent})`);

  const scoreUs = r.scoreMedianMs * 1000;
  const checks = [
    [`score median ${scoreUs.toFixed(1)} µs ≤ 50 µs`, scoreUs <= 50],
    [`fetch + instantiate + first compile ${r.loadToReadyMs.toFixed(1)} ms ≤ 60 ms`, r.loadToReadyMs <= 60],
  ];
  if (nativeUs) {
    const ratio = scoreUs / nativeUs;
    checks.push([`wasm/native ${ratio.toFixed(2)}× ≤ 2× (native median ${nativeUs.toFixed(1)} µs, from a parsed request)`, ratio <= 2]);
  }
  if (nativeJsonUs) {
    console.log(`  wasm/native from JSON text: ${(scoreUs / nativeJsonUs).toFixed(2)}× (native ${nativeJsonUs.toFixed(1)} µs, JSON text → report JSON)`);
  }
  for (const [what, ok] of checks) console.log(`  ${ok ? 'meets' : 'MISSES'} target: ${what}`);
} catch (e) {
  console.error(`browser benchmark failed: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
  await server.close();
}
process.exitCode = failed ? 1 : 0;
