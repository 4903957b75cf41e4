// Writes the widget's TypeScript declarations from the JSDoc in its modules into
// www/dist/types/, laid out like the files a host copies (yesif-check.d.ts, yesif-check/*.d.ts,
// pkg/yesif.d.ts), type-checking the widget on the way: a type error fails the build.
// `make build` runs this after the wasm build, whose pkg/yesif.d.ts the declarations refer to.
//
//   node www/build-types.mjs
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WWW = fileURLToPath(new URL('.', import.meta.url));
const OUT = `${WWW}dist/types/`;
rmSync(OUT, { recursive: true, force: true });
const tsc = spawnSync(`${WWW}node_modules/.bin/tsc`, ['-p', `${WWW}tsconfig.json`], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('www/build-types.mjs: the widget has type errors (above)');
  process.exit(1);
}
// Declaration files are inputs, not outputs: copy the two the written ones refer to.
mkdirSync(`${OUT}pkg`, { recursive: true });
copyFileSync(`${WWW}pkg/yesif.d.ts`, `${OUT}pkg/yesif.d.ts`);
copyFileSync(`${WWW}yesif-check/globals.d.ts`, `${OUT}yesif-check/globals.d.ts`);
// tsc drops triple-slash references from what it writes: put back the one to the tag and
// event maps (yesif-check/globals.d.ts), so importing the element brings them.
const entry = `${OUT}yesif-check.d.ts`;
const reference = '/// <reference path="./yesif-check/globals.d.ts" />\n';
const text = readFileSync(entry, 'utf8');
if (!text.startsWith(reference)) writeFileSync(entry, reference + text);
console.log('wrote www/dist/types/ (yesif-check.d.ts and what it refers to)');
