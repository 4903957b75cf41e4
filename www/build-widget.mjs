// Builds www/dist/yesif-check.single.js: the <yesif-check> widget, its wasm glue and the
// WebAssembly module itself (inlined as base64) in one classic script, for intranet CMSs that
// accept a single uploaded file. It defines the element when loaded, with `<script src>` or
// `<script type="module" src>`, and fetches nothing but the rules. `make build` runs this; the
// browser tests run it too, so a stale bundle is never tested.
//
//   node www/build-widget.mjs
import * as esbuild from 'esbuild';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const WWW = fileURLToPath(new URL('.', import.meta.url));
export const OUTFILE = resolve(WWW, 'dist/yesif-check.single.js');

// The entry exists only for the bundler: browsers cannot import a .wasm file as bytes.
const ENTRY = `
import { setWasmSource } from './engine.js';
import wasm from '../pkg/yesif_bg.wasm';
import { YesifCheckElement } from './element.js';
setWasmSource(wasm);
YesifCheckElement.define();
`;

export const options = {
  stdin: { contents: ENTRY, resolveDir: resolve(WWW, 'yesif-check'), sourcefile: 'yesif-check.single.js', loader: 'js' },
  outfile: OUTFILE,
  bundle: true,
  format: 'iife',
  target: 'es2022',
  loader: { '.wasm': 'binary' },
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // The glue's default wasm URL (import.meta.url) is never used: setWasmSource passes the bytes.
  logOverride: { 'empty-import-meta': 'silent' },
  banner: { js: '/* <yesif-check> single-file build: widget + engine (wasm inlined). See README, "The widget". */' },
};

/** Builds the single file; resolves when it is written. */
export async function buildWidget() {
  return esbuild.build(options);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildWidget();
  console.log(`built ${OUTFILE} (${Math.round(statSync(OUTFILE).size / 1024)} KiB)`);
}
