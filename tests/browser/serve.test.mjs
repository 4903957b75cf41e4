// The static server (www/serve.mjs) serves the site and nothing else: the pages, modules and
// rules with their types and the CSP, and a 404 for the repository's other files, dot-paths
// (`/.git/config`) and any way of climbing out of the site's folders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { serve } from '../../www/serve.mjs';

let server;
before(async () => {
  server = await serve({ port: 0 });
});
after(() => new Promise((done) => server.close(done)));

/** GETs `path` exactly as written (no URL normalisation on the client side). */
function get(path) {
  return new Promise((done, fail) => {
    const req = request({ hostname: '127.0.0.1', port: server.address().port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode, type: res.headers['content-type'], csp: res.headers['content-security-policy'] }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('the pages, their modules, the rules and the test fixtures are served with their types', async () => {
  for (const [path, type] of [
    ['/www/', 'text/html; charset=utf-8'],
    ['/www/playground.html', 'text/html; charset=utf-8'],
    ['/www/playground/main.js', 'text/javascript; charset=utf-8'],
    ['/www/yesif-check/form.js', 'text/javascript; charset=utf-8'],
    ['/rules/ld-intake.rhai', 'text/plain; charset=utf-8'],
    ['/rules/ld-intake.cases.json', 'application/json; charset=utf-8'],
    ['/tests/browser/fixtures/host.html', 'text/html; charset=utf-8'],
  ]) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.type, type, path);
    assert.match(res.csp, /script-src 'self' 'wasm-unsafe-eval'/, path);
  }
  assert.equal((await get('/')).status, 302);
});

test('dot-paths, files outside the site and path traversal are a 404', async () => {
  for (const path of [
    '/.git/config',
    '/.git/HEAD',
    '/.git',
    '/.gitignore',
    '/.ci/test.sh',
    '/.cargo/config.toml',
    '/www/.hidden',
    '/Cargo.toml',
    '/Cargo.lock',
    '/README.md',
    '/src/lib.rs',
    '/tests/browser/lib.mjs',
    '/www/node_modules/axe-core/package.json',
    '/www/../.git/config',
    '/www/%2e%2e/.git/config',
    '/www/%2e%2e/%2e%2e/etc/passwd',
    '/www/..%2f..%2fetc/passwd',
    '/www/%2e%2e%5c.git%5cconfig',
    '/rules/%2e%2e/Cargo.toml',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/www/%00',
    '/www/playground',
  ]) {
    assert.equal((await get(path)).status, 404, path);
  }
  assert.equal((await get('/www/%E0%A4%A')).status, 400, 'a malformed escape');
});
