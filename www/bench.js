// The browser benchmark (www/bench.html): module fetch + instantiate, compile of the default
// rules, and per-request score time over the rule cases. The figures go into the page and into
// `window.benchResult`, which .ci/bench-browser.mjs reads.
//
// Outside cross-origin isolation Chromium rounds performance.now() to 100 µs, coarser than one
// score, so each sample times a batch of BATCH scores of the same request and divides.
const BATCH = 20;
const ROUNDS = 30;
const WARMUP_ROUNDS = 5;

const out = document.getElementById('out');
const ms = (t) => `${t.toFixed(1)} ms`;
const us = (t) => `${(t * 1000).toFixed(1)} µs`;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * q))];

async function run() {
  const [source, cases] = await Promise.all([
    fetch('../rules/ld-intake.rhai').then((r) => r.text()),
    fetch('../rules/ld-intake.cases.json').then((r) => r.json()),
  ]);

  // Module: import the glue, fetch and instantiate the .wasm (streaming), then compile.
  const t0 = performance.now();
  // ?pkg=/target/wasm-variants/x/ compares builds; the default is the one make build writes.
  const pkg = new URLSearchParams(location.search).get('pkg') ?? './pkg/';
  const { default: init, RuleSet } = await import(new URL(`${pkg}yesif.js`, location.href).href);
  await init();
  const t1 = performance.now();
  let rules = new RuleSet(source);
  const t2 = performance.now();

  // Compile again, warm, as the playground does on every edit.
  const compiles = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    new RuleSet(source).free();
    compiles.push(performance.now() - t);
  }
  compiles.sort((a, b) => a - b);

  const work = cases.map((c) => [c.request, { today: c.today }]);
  for (let r = 0; r < WARMUP_ROUNDS; r++) for (const [req, opt] of work) for (let i = 0; i < BATCH; i++) rules.score(req, opt);
  const samples = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const [req, opt] of work) {
      const t = performance.now();
      for (let i = 0; i < BATCH; i++) rules.score(req, opt);
      samples.push((performance.now() - t) / BATCH);
    }
  }
  samples.sort((a, b) => a - b);

  // JSON.stringify alone, the conversion the boundary does on the way in.
  const ts = performance.now();
  for (let r = 0; r < ROUNDS; r++) for (const [req] of work) for (let i = 0; i < BATCH; i++) JSON.stringify(req);
  const stringify = (performance.now() - ts) / (ROUNDS * work.length * BATCH);

  const result = {
    userAgent: navigator.userAgent,
    cases: cases.length,
    instantiateMs: t1 - t0,
    firstCompileMs: t2 - t1,
    loadToReadyMs: t2 - t0,
    compileMedianMs: quantile(compiles, 0.5),
    scoreMedianMs: quantile(samples, 0.5),
    scoreP95Ms: quantile(samples, 0.95),
    stringifyMs: stringify,
    samples: samples.length,
  };
  rules.free();
  out.textContent = [
    `module import + fetch + instantiate: ${ms(result.instantiateMs)}`,
    `first compile of the default rules:  ${ms(result.firstCompileMs)}`,
    `load to ready (the two above):       ${ms(result.loadToReadyMs)}`,
    `compile, warm (median of 20):        ${ms(result.compileMedianMs)}`,
    `score one request (${cases.length} cases × ${ROUNDS} rounds, batches of ${BATCH}): median ${us(result.scoreMedianMs)}, p95 ${us(result.scoreP95Ms)}`,
    `  of which JSON.stringify of the request: ${us(result.stringifyMs)}`,
  ].join('\n');
  window.benchResult = result;
}

run().catch((e) => {
  out.textContent = `failed: ${e?.message ?? e}`;
  window.benchResult = { error: String(e?.message ?? e) };
});
