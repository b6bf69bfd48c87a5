// The test server itself: it must serve like Netlify and send the headers
// of netlify.toml, or the browser tests prove nothing about production.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NETLIFY_TOML, headersFor, parseNetlifyHeaders, startServer } from './server.mjs';

// get sends the path exactly as given (no URL normalisation), so that
// attempts to climb out of the site folder reach the server intact.
function get(base, path, method = 'GET') {
  const { hostname, port } = new URL(base);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('netlify.toml headers', () => {
  const rules = parseNetlifyHeaders(readFileSync(NETLIFY_TOML, 'utf8'));

  test('the real netlify.toml has a CSP for every path and long caching for /assets/', () => {
    const page = headersFor(rules, '/checklist/');
    assert.match(page['Content-Security-Policy'] ?? '', /default-src 'self'/);
    assert.equal(page['X-Content-Type-Options'], 'nosniff');
    assert.equal(page['Cache-Control'], undefined);
    const asset = headersFor(rules, '/assets/site.0123abcd.css');
    assert.equal(asset['Content-Security-Policy'], page['Content-Security-Policy']);
    assert.match(asset['Cache-Control'] ?? '', /immutable/);
  });

  test('the parser reads exactly the [[headers]] shape and skips other tables', () => {
    const toml = `
[build]
  command = "x # not a comment"
# a comment
[[headers]]
  for = "/*"   # trailing comment
  [headers.values]
    A = "1"
    "B-Quoted" = "say \\"hi\\" # still the value"
[context.production]
  command = "y"
[[headers]]
  for = "/assets/*"
  [headers.values]
    C = "3"
`;
    assert.deepEqual(parseNetlifyHeaders(toml), [
      { for: '/*', values: [['A', '1'], ['B-Quoted', 'say "hi" # still the value']] },
      { for: '/assets/*', values: [['C', '3']] },
    ]);
  });

  test('the parser refuses what it cannot read rather than drop a header', () => {
    assert.throws(() => parseNetlifyHeaders('[[headers]]\n for = "/*"\n [headers.values]\n A = """multi"""\n'), /cannot read/);
    assert.throws(() => parseNetlifyHeaders('[[headers]]\n [headers.values]\n A = "1"\n'), /no "for"/);
  });
});

describe('static server', () => {
  let site;
  let outside;
  let server;
  before(async () => {
    const base = mkdtempSync(join(tmpdir(), 'readykit-server-'));
    site = join(base, 'site');
    outside = join(base, 'secret.txt');
    writeFileSync(outside, 'SECRET');
    mkdirSync(join(site, 'assets'), { recursive: true });
    mkdirSync(join(site, 'x'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>home</title>');
    writeFileSync(join(site, 'x', 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(site, '404.html'), '<!doctype html><title>not found</title>');
    writeFileSync(join(site, 'assets', 'site.abc.css'), 'body{}');
    for (const f of ['a.js', 'a.svg', 'a.xml', 'a.json', 'a.txt']) writeFileSync(join(site, f), 'x');
    symlinkSync(outside, join(site, 'link.txt'));
    server = await startServer(site);
  });
  after(async () => {
    await server?.close();
    rmSync(join(site, '..'), { recursive: true, force: true });
  });

  test('serves /x/ from /x/index.html, and / from /index.html, with the headers', async () => {
    for (const [path, title] of [['/', 'home'], ['/x/', 'x'], ['/x/index.html', 'x']]) {
      const r = await get(server.url, path);
      assert.equal(r.status, 200, path);
      assert.match(r.body, new RegExp(`<title>${title}</title>`));
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(r.headers['content-security-policy'] ?? '', /default-src 'self'/, path);
      assert.equal(r.headers['cache-control'], undefined);
    }
  });

  test('redirects /x to /x/', async () => {
    const r = await get(server.url, '/x?q=1');
    assert.equal(r.status, 301);
    assert.equal(r.headers.location, '/x/?q=1');
  });

  test('answers an unknown path with /404.html and status 404', async () => {
    const r = await get(server.url, '/nope/');
    assert.equal(r.status, 404);
    assert.match(r.body, /not found/);
    assert.match(r.headers['content-security-policy'] ?? '', /default-src 'self'/);
  });

  test('sends the right Content-Type, and long caching under /assets/', async () => {
    const want = {
      '/assets/site.abc.css': 'text/css; charset=utf-8',
      '/a.js': 'text/javascript; charset=utf-8',
      '/a.svg': 'image/svg+xml',
      '/a.xml': 'application/xml; charset=utf-8',
      '/a.json': 'application/json; charset=utf-8',
      '/a.txt': 'text/plain; charset=utf-8',
    };
    for (const [path, type] of Object.entries(want)) {
      const r = await get(server.url, path);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers['content-type'], type, path);
    }
    assert.match((await get(server.url, '/assets/site.abc.css')).headers['cache-control'], /max-age=31536000, immutable/);
  });

  test('refuses every path that leads out of the site folder', async () => {
    for (const path of ['/../secret.txt', '/x/../../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/x/%2E%2E%2F%2E%2E%2Fsecret.txt', '/link.txt', '/..%5csecret.txt', '/%00', '/%E0%A4%A']) {
      const r = await get(server.url, path);
      assert.ok([400, 403].includes(r.status), `${path} answered ${r.status}`);
      assert.doesNotMatch(r.body, /SECRET/, path);
    }
  });

  test('answers only GET and HEAD', async () => {
    assert.equal((await get(server.url, '/', 'POST')).status, 405);
    const head = await get(server.url, '/', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });
});
