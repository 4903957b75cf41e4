// Shared helpers for the browser tests: the static server with the strict CSP, Debian's
// Chromium driven by playwright-core (never a downloaded browser), pages that collect console
// errors, and an axe-core check. Packages resolve from www/node_modules.
//
//   const server = await startServer();            // server.url('/www/') … await server.close()
//   const browser = await launchBrowser();
//   const page = await newPage(browser);           // page.errors: console errors + uncaught exceptions; page.warnings
//   const violations = await axe(page);            // serious and critical axe-core violations
//   const env = useBrowser();                      // in a test file: env.server, env.browser
//   await recordViolations(page);                  // then window.__violations lists CSP violations
//   await reportWhere(page, (r) => r.score > 0);   // waits for the widget's report to match
//   const samples = sharedSamples();               // the shared samples among the default cases
//   await injectTraps(page);                       // RuleSet.score traps for real on TRAP-ONCE / TRAP-ALWAYS
import { after, afterEach, before } from 'node:test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { serve } from '../../www/serve.mjs';

const require = createRequire(new URL('../../www/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Starts the static server on a free port; `url(path)` makes absolute URLs. */
export async function startServer() {
  const server = await serve({ port: 0 });
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: (path = '/') => new URL(path, base).href,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Launches headless Chromium from the system (CHROMIUM overrides the path). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A page in a fresh context. `page.errors` collects console errors and uncaught exceptions
 * (as strings) so a test can assert there were none — or that the expected ones happened.
 * Options go to `browser.newContext` (viewport, colorScheme, …).
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.warnings = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.errors.push(msg.text());
    else if (msg.type() === 'warning') page.warnings.push(msg.text());
  });
  page.on('pageerror', (error) => page.errors.push(`uncaught: ${error.message}`));
  page.on('close', () => context.close().catch(() => {}));
  return page;
}

let axeSource;

/**
 * Runs axe-core on the page (shadow roots included) and returns the violations whose impact is
 * serious or critical. axe is injected through the DevTools protocol, so the page's CSP does
 * not have to allow it.
 */
export async function axe(page, { include } = {}) {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const results = await page.evaluate(async (include) => {
    const r = await window.axe.run(include ?? document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, include);
  return results.filter((v) => ['serious', 'critical'].includes(v.impact));
}

/** Makes the page record its CSP violations, as "directive blockedURI", in window.__violations. */
export function recordViolations(page) {
  return page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** Waits for the widget's report to satisfy `predicate(report)` (a function or its source, built here: the page's CSP forbids eval). */
export function reportWhere(page, predicate) {
  const check = new Function(`return () => { const r = document.querySelector('yesif-check').report; return Boolean(r && (${predicate})(r)); };`)();
  return page.waitForFunction(check);
}

/**
 * Serves the page (and its workers) a wasm glue, www/pkg/yesif.js or www/pkg-studio/yesif.js, that makes the module trap for
 * real on demand: `RuleSet.prototype.score` given a request whose JSON contains "TRAP-ALWAYS"
 * (every time) or "TRAP-ONCE" (the first time in that page or worker) points the rule set at
 * memory outside the module before calling it, so the instance traps with
 * `RuntimeError: memory access out of bounds`, as after a panic. `globalThis.__yesifTraps`
 * counts the traps. Only the test sees this glue; the product's is unchanged.
 */
export async function injectTraps(page) {
  await page.context().route(/\/www\/pkg(-studio)?\/yesif\.js$/, async (route) => {
    const response = await route.fetch();
    const glue = await response.text();
    const patch = `
{
  const score = RuleSet.prototype.score;
  RuleSet.prototype.score = function (request, options) {
    const text = JSON.stringify(request ?? null) ?? '';
    if (text.includes('TRAP-ALWAYS') || (text.includes('TRAP-ONCE') && !globalThis.__yesifTraps)) {
      globalThis.__yesifTraps = (globalThis.__yesifTraps ?? 0) + 1;
      this.__wbg_ptr = 0xfffffff0;
    }
    return score.call(this, request, options);
  };
}
`;
    await route.fulfill({ response, body: glue + patch });
  });
}

/** The shared samples (S1, S2, …) in rules/ld-intake.cases.json, as the demo's picker lists them. */
export function sharedSamples() {
  const cases = JSON.parse(readFileSync(new URL('../../rules/ld-intake.cases.json', import.meta.url), 'utf8'));
  return cases.filter((c) => /^S\d+\b/.test(c.name));
}

/**
 * For a test file: starts the server and Chromium before its tests, closes every page's context
 * after each test, and both at the end. Returns `{server, browser}`, filled in once `before` ran.
 */
export function useBrowser() {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const context of env.browser?.contexts() ?? []) await context.close();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
