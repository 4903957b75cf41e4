// Bundles the playground's editor (www/playground/editor.js and the CodeMirror packages it
// imports) into www/dist/playground-editor.js. The playground's other modules are plain ES
// modules that need no build. `make build` runs this; the browser tests run it too, so a
// stale bundle is never tested.
//
//   node www/build-playground.mjs [--watch]
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const WWW = fileURLToPath(new URL('.', import.meta.url));

export const options = {
  entryPoints: { 'playground-editor': resolve(WWW, 'playground/editor.js') },
  outdir: resolve(WWW, 'dist'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
};

/** Builds the bundle once; resolves when it is written. */
export async function buildPlayground(overrides = {}) {
  return esbuild.build({ ...options, ...overrides });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--watch')) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    console.log('watching www/playground/editor.js …');
  } else {
    await buildPlayground();
  }
}
