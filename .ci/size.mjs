// Prints the raw, gzip and brotli sizes of the WebAssembly module and its JS glue in www/pkg/
// (and of the playground's www/pkg-studio/ module and any bundle in www/dist/), and checks the
// widget's module against its budget: 300 KB brotli.
//
//   node .ci/size.mjs
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = new URL('..', import.meta.url);
const BUDGET = 300 * 1000;
const files = ['www/pkg/yesif_bg.wasm', 'www/pkg/yesif.js', 'www/pkg-studio/yesif_bg.wasm'];
if (existsSync(new URL('www/dist/', root))) {
  for (const f of readdirSync(new URL('www/dist/', root)).sort()) if (/\.(m?js|wasm)$/.test(f)) files.push(`www/dist/${f}`);
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const rows = files.map((file) => {
  const bytes = readFileSync(new URL(file, root));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
  return { file, raw: bytes.length, gzip, brotli };
});

console.log('size'.padEnd(34) + 'raw'.padStart(12) + 'gzip -9'.padStart(12) + 'brotli 11'.padStart(12));
for (const r of rows) console.log(r.file.padEnd(34) + kb(r.raw).padStart(12) + kb(r.gzip).padStart(12) + kb(r.brotli).padStart(12));
const wasm = rows[0].brotli;
const verdict = wasm <= BUDGET ? 'within' : 'OVER';
console.log(`wasm module: ${kb(wasm)} brotli, ${verdict} the ${kb(BUDGET)} budget`);
if (wasm > BUDGET) process.exitCode = 1;
