// The offline worker (worker/sw.js), run in node: its rules as plain
// functions, and its events against a fake worker scope with fake caches
// and a fake network. The build replaces __READYKIT_OFFLINE__ with the
// site's settings; here each test gives its own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const SOURCE = readFileSync(new URL('../worker/sw.js', import.meta.url), 'utf8');

// rules loads the worker outside a worker scope: only its functions.
function rules(site = { scope: '/', version: 'v1', keep: [] }) {
  const ctx = { __READYKIT_OFFLINE__: site, URL };
  vm.runInNewContext(SOURCE, ctx);
  return ctx;
}

test('the placeholder is there once, where the settings go', () => {
  assert.equal(SOURCE.split('__READYKIT_OFFLINE__').length, 2);
  assert.match(SOURCE, /^const site = __READYKIT_OFFLINE__;$/m);
});

test('cache names carry the scope and version; only this scope\'s older caches are stale', () => {
  const { cacheName, stale } = rules();
  assert.equal(cacheName('/', 'abc'), 'readykit:/:abc');
  assert.equal(cacheName('/dspt/', 'abc'), 'readykit:/dspt/:abc');
  const names = ['readykit:/:old', 'readykit:/:new', 'readykit:/dspt/:old', 'readykit:/dspt/:new', 'other-app', 'readykit:/other/:x'];
  assert.deepEqual(stale(names, '/', 'new'), ['readykit:/:old']);
  assert.deepEqual(stale(names, '/dspt/', 'new'), ['readykit:/dspt/:old']);
  assert.deepEqual(stale(names, '/other/', 'x'), []);
});

test('a page is found by its folder, without its slash, as index.html or with a query; other files only exactly', () => {
  const { keyFor } = rules();
  const kept = new Set(['/', '/checklist/', '/items/1.1.1/', '/js/app.js', '/data/toolkit.json', '/404.html']);
  const cases = [
    // path, search, navigate, want
    ['/checklist/', '', true, '/checklist/'],
    ['/checklist/', '?status=met', true, '/checklist/'],
    ['/checklist', '', true, '/checklist/'],
    ['/checklist/index.html', '', true, '/checklist/'],
    ['/index.html', '', true, '/'],
    ['/', '?x=1', true, '/'],
    ['/items/1.1.1', '?a', true, '/items/1.1.1/'],
    ['/nothing/', '', true, null],
    ['/nothing/index.html', '', true, null],
    ['/js/app.js', '', false, '/js/app.js'],
    ['/js/app.js', '?v=2', false, null],
    ['/js/app', '', false, null],
    ['/checklist', '', false, null],
    ['/data/toolkit.json', '', false, '/data/toolkit.json'],
  ];
  for (const [path, search, navigate, want] of cases) assert.equal(keyFor(path, search, navigate, '/', kept), want, `${path}${search} navigate=${navigate}`);
});

test('a site under a path answers only for its own addresses', () => {
  const { keyFor } = rules();
  const kept = new Set(['/dspt/', '/dspt/checklist/', '/dspt/js/app.js']);
  assert.equal(keyFor('/dspt/checklist', '', true, '/dspt/', kept), '/dspt/checklist/');
  assert.equal(keyFor('/dspt', '', true, '/dspt/', kept), '/dspt/');
  assert.equal(keyFor('/checklist/', '', true, '/dspt/', kept), null);
  assert.equal(keyFor('/other/js/app.js', '', false, '/dspt/', kept), null);
});

// A fake worker scope: events, caches and a network of files (a Map of
// path to text, or null for a network that is gone).
function worker(site, { files = new Map(), caches: start = {} } = {}) {
  const listeners = {};
  const store = new Map(Object.entries(start).map(([n, m]) => [n, new Map(Object.entries(m))]));
  const log = [];
  const origin = 'https://example.org';
  class Scope {}
  const self = new Scope();
  Object.assign(self, {
    addEventListener: (type, fn) => (listeners[type] = fn),
    skipWaiting: () => log.push('skipWaiting'),
    clients: { claim: async () => log.push('claim') },
    registration: { unregister: async () => log.push('unregister') },
  });
  const net = { files, requests: [] };
  const fetch = async (req) => {
    const url = new URL(typeof req === 'string' ? req : req.url, origin);
    net.requests.push({ path: url.pathname, cache: req.cache });
    if (!net.files) throw new TypeError('Failed to fetch');
    const body = net.files.get(url.pathname);
    return new Response(body ?? 'not found', { status: body == null ? 404 : 200 });
  };
  const keyOf = (k) => new URL(typeof k === 'string' ? k : k.url, origin).pathname;
  const caches = {
    keys: async () => [...store.keys()],
    delete: async (n) => store.delete(n),
    open: async (n) => {
      if (!store.has(n)) store.set(n, new Map());
      const c = store.get(n);
      return {
        put: async (k, r) => c.set(keyOf(k), await r.text()),
        match: async (k) => (c.has(keyOf(k)) ? new Response(c.get(keyOf(k))) : undefined),
      };
    },
  };
  class FakeRequest {
    constructor(url, init = {}) {
      Object.assign(this, { url: new URL(url, origin).href, method: 'GET', mode: 'cors', ...init });
    }
  }
  const ctx = { __READYKIT_OFFLINE__: site, ServiceWorkerGlobalScope: Scope, self, caches, fetch, Request: FakeRequest, Response, URL, location: new URL(origin + site.scope + 'sw.js'), Promise, Error, Set };
  vm.runInNewContext(SOURCE, ctx);
  // fire runs an event's handler and waits for what it asked to wait on.
  const fire = async (type, props = {}) => {
    let waited, answer;
    const e = { ...props, waitUntil: (p) => (waited = p), respondWith: (p) => (answer = p) };
    listeners[type](e);
    if (waited) await waited;
    return answer ? await answer : undefined;
  };
  const get = (path, mode = 'navigate') => fire('fetch', { request: new FakeRequest(path, { mode }) });
  return { fire, get, store, log, net, listeners };
}

const SITE = { scope: '/', version: 'v2', keep: ['/', '/404.html', '/checklist/', '/js/app.js'], notFound: '/404.html' };
const FILES = () => new Map([['/', 'home'], ['/404.html', 'missing'], ['/checklist/', 'checklist'], ['/js/app.js', 'app']]);

test('install keeps every listed file, asking past the browser\'s HTTP cache', async () => {
  const w = worker(SITE, { files: FILES() });
  await w.fire('install');
  assert.deepEqual(Object.fromEntries(w.store.get('readykit:/:v2')), { '/': 'home', '/404.html': 'missing', '/checklist/': 'checklist', '/js/app.js': 'app' });
  assert.ok(w.net.requests.every((r) => r.cache === 'reload'), JSON.stringify(w.net.requests));
  assert.ok(!w.log.includes('skipWaiting'), 'a new worker waits until a page asks');
});

test('install is all or nothing: one missing file keeps nothing and fails', async () => {
  const files = FILES();
  files.delete('/js/app.js');
  const w = worker(SITE, { files });
  await assert.rejects(w.fire('install'), /could not keep \/js\/app\.js: 404/);
  assert.equal(w.store.has('readykit:/:v2'), false);
});

test('activate deletes this scope\'s older caches only, and takes the open pages', async () => {
  const w = worker(SITE, { caches: { 'readykit:/:v1': {}, 'readykit:/:v2': {}, 'readykit:/dspt/:v1': {}, 'someone-else': {} } });
  await w.fire('activate');
  assert.deepEqual([...w.store.keys()].sort(), ['readykit:/:v2', 'readykit:/dspt/:v1', 'someone-else']);
  assert.deepEqual(w.log, ['claim']);
});

test('the page\'s message, and only it, makes a waiting worker take over', async () => {
  const w = worker(SITE);
  w.listeners.message({ data: 'something else' });
  assert.deepEqual(w.log, []);
  w.listeners.message({ data: 'readykit:use-newer' });
  assert.deepEqual(w.log, ['skipWaiting']);
});

test('fetch answers from the kept files first, then the network, then the kept 404 page', async () => {
  const w = worker(SITE, { files: FILES() });
  await w.fire('install');
  w.net.files = new Map([['/checklist/', 'newer checklist'], ['/extra/', 'extra page']]);
  w.net.requests.length = 0;
  assert.equal(await (await w.get('/checklist/?status=met')).text(), 'checklist');
  assert.equal(await (await w.get('/checklist/index.html')).text(), 'checklist');
  assert.equal(await (await w.get('/js/app.js', 'cors')).text(), 'app');
  assert.deepEqual(w.net.requests, [], 'kept files come from the cache');
  assert.equal(await (await w.get('/extra/')).text(), 'extra page', 'a page not kept comes from the network');

  w.net.files = null; // the network is gone
  const missing = await w.get('/no-such-page/');
  assert.equal(missing.status, 404);
  assert.equal(await missing.text(), 'missing');
  assert.equal(await w.get('/js/other.js', 'cors'), undefined, 'a file not kept is left to the browser, never answered with a page');
  assert.equal(await w.get('https://other.example/x.js', 'cors'), undefined, 'another host is left alone');
  assert.equal(await w.fire('fetch', { request: { url: 'https://example.org/checklist/', method: 'POST', mode: 'navigate' } }), undefined);
});

test('a worker for a site with offline use off deletes its caches and unregisters', async () => {
  const w = worker({ off: true, scope: '/' }, { caches: { 'readykit:/:v1': {}, 'readykit:/dspt/:v1': {} } });
  await w.fire('install');
  assert.deepEqual(w.log, ['skipWaiting']);
  await w.fire('activate');
  assert.deepEqual([...w.store.keys()], ['readykit:/dspt/:v1']);
  assert.deepEqual(w.log, ['skipWaiting', 'unregister']);
  assert.equal(w.listeners.fetch, undefined, 'it answers nothing: pages come from the network');
});
