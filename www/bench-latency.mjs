// Latency benchmark of the widget on the demo form: a scripted typing session in headless
// Chromium, timing each input event to the widget's updated rendering. Prints figures; it is
// not a test and fails only if the page does not work.
//
//   node www/bench-latency.mjs [--keys-delay 30] [--runs 1]
//
// Figures, all in milliseconds over every keystroke after a warm-up:
//   input → report rendered   from the `input` event's dispatch to the end of the widget's DOM
//                             update (the `yesif-score` event, which follows rendering). This is
//                             the target: p95 ≤ 8 ms. A keystroke that arrives while a score
//                             already ran in the same frame is answered at the next frame, and
//                             counted from its own input event.
//   input → next frame        the same, up to the start of the next animation frame after the
//                             update: what the eye can see. It includes waiting for the
//                             display's frame (up to ~16.7 ms at 60 Hz), which no code can avoid.
//   score() alone             RuleSet.score for the session's requests, without the DOM.
import { launchBrowser, newPage, startServer } from '../tests/browser/lib.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DELAY = arg('--keys-delay', 30);
const WARMUP = 20;

// What a requester types, field by field (follow-up questions are shown first).
const SESSION = [
  ['business_outcome', 'Reduce quote errors from 9% to 3% by March by checking discounts before sending'],
  ['audience_roles', 'Inside sales representatives'],
  ['audience_size', '85'],
  ['desired_behaviour', 'Run the discount check and attach the approval before a quote goes out'],
  ['outcome_metric', 'quote error rate'],
  ['metric_baseline', '9%'],
  ['metric_target', '3%'],
  ['cost_of_inaction', 'About 40 re-issued quotes a month and two lost deals last quarter'],
  ['previous_attempts', 'A reminder email in January; errors dipped for two weeks'],
  ['done_definition', 'Error rate under 3% for two months, checked by Sales Ops'],
];

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};
const fmt = (label, { n, median, p95, max }) =>
  `${label.padEnd(26)} n=${String(n).padEnd(4)} median ${median.toFixed(2).padStart(6)}   p95 ${p95.toFixed(2).padStart(6)}   max ${max.toFixed(2).padStart(6)}`;

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await newPage(browser);
  await page.goto(server.url('/www/?today=2026-06-01'));
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await page.click('button.show-all');
  await page.evaluate(() => {
    const check = document.querySelector('yesif-check');
    const b = (window.__bench = { rendered: [], frame: [], pending: [] });
    window.addEventListener('input', () => b.pending.push(performance.now()), { capture: true });
    check.addEventListener('yesif-score', () => {
      const done = performance.now();
      const inputs = b.pending.splice(0);
      for (const t of inputs) b.rendered.push(done - t);
      requestAnimationFrame(() => {
        const frame = performance.now();
        for (const t of inputs) b.frame.push(frame - t);
      });
    });
  });
  for (const [id, text] of SESSION) {
    await page.focus(`#f-${id}`);
    await page.keyboard.type(text, { delay: DELAY });
  }
  await page.waitForTimeout(100);
  const { rendered, frame, requests } = await page.evaluate(() => ({
    ...window.__bench,
    requests: window.__bench.rendered.length,
  }));

  // score() alone, on the final request, repeated.
  const scoreOnly = await page.evaluate(async () => {
    const { loadRules } = await import('./yesif-check/engine.js');
    const check = document.querySelector('yesif-check');
    const { rules } = await loadRules(check.rules);
    const { readRequest } = await import('./yesif-check/form.js');
    const { request } = readRequest(check.form, check.fields, check.fieldMap);
    const times = [];
    for (let i = 0; i < 300; i += 1) {
      const t = performance.now();
      rules.score(request, { today: '2026-06-01' });
      times.push(performance.now() - t);
    }
    return times;
  });

  const keys = SESSION.reduce((n, [, text]) => n + text.length, 0);
  console.log(`yesif widget latency: headless Chromium, demo form, ${keys} keystrokes ${DELAY} ms apart (first ${WARMUP} are warm-up)`);
  console.log(fmt('input → report rendered', stats(rendered.slice(WARMUP))));
  console.log(fmt('input → next frame', stats(frame.slice(WARMUP))));
  console.log(fmt('score() alone', stats(scoreOnly.slice(WARMUP))));
  const r = stats(rendered.slice(WARMUP));
  console.log(r.p95 <= 8 ? `target met: p95 ${r.p95.toFixed(2)} ms ≤ 8 ms` : `target MISSED: p95 ${r.p95.toFixed(2)} ms > 8 ms`);
  if (requests < keys * 0.9) console.log(`note: ${requests} of ${keys} keystrokes were timed`);
  if (page.errors.length) console.log('page errors:', page.errors);
} finally {
  await browser.close();
  await server.close();
}
