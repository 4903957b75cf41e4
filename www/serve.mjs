// A static file server for the demo and the browser tests: serves what the site needs from the
// repository (the allow-list `SERVED` below; everything else, dot-paths such as `/.git/config`
// included, is a 404), sends `.wasm` as application/wasm, and sets the strict
// Content-Security-Policy the product must work under. No dependencies, so a fresh machine
// needs nothing but Node.js.
//
//   node www/serve.mjs [--port 8080] [--host 127.0.0.1] [--no-csp]
//
// Exported `serve({port, host, root, csp})` returns a started http.Server (port 0 = any free
// port) for tests.
import { createServer } from 'node:http';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * What the site is made of, as repository-relative folders: the pages and their modules, the
 * rules they load, and the browser tests' host pages. Only files with a type in `TYPES` are
 * served from them, never a dot-file or dot-folder, nor the build tools' packages.
 */
export const SERVED = ['www/', 'rules/', 'tests/browser/fixtures/'];
const NOT_SERVED = ['www/node_modules/'];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.rhai': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function serve({ port = 8080, host = '127.0.0.1', root = ROOT, csp = true } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let path;
    try {
      path = normalize(join(root, decodeURIComponent(url.pathname)));
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(302, { Location: '/www/' }).end();
      return;
    }
    const notFound = () => res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    let stat;
    try {
      stat = statSync(path);
      if (stat.isDirectory()) {
        path = join(path, 'index.html');
        stat = statSync(path);
      }
    } catch {
      notFound();
      return;
    }
    // A symlink is judged by where it leads.
    if (!stat.isFile() || !isServed(realpathSync(root), realpathSync(path))) {
      notFound();
      return;
    }
    const headers = {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (csp) headers['Content-Security-Policy'] = CSP;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

/** True for a file (an absolute, normalised path) the site is made of; see `SERVED`. */
export function isServed(root, path) {
  if (!path.startsWith(root + sep)) return false; // outside the repository
  const rel = relative(root, path).split(sep).join('/');
  if (rel.split('/').some((part) => part.startsWith('.') || part === '')) return false;
  if (!Object.hasOwn(TYPES, extname(rel))) return false;
  return SERVED.some((dir) => rel.startsWith(dir)) && !NOT_SERVED.some((dir) => rel.startsWith(dir));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const port = Number(arg('--port', process.env.PORT ?? 8080));
  const host = arg('--host', '127.0.0.1');
  const server = await serve({ port, host, csp: !process.argv.includes('--no-csp') });
  const base = `http://${host}:${server.address().port}`;
  console.log(`yesif is served from ${ROOT}`);
  console.log(`  demo form:   ${base}/www/`);
  console.log(`  playground:  ${base}/www/playground.html`);
  console.log('Press Ctrl+C to stop.');
}
