// How a built site's pages load their scripts in headless Chromium: the
// number of script requests before the page is ready, how deep their chain
// of requests is, and the time to html[data-rk-ready] (app.js sets it once
// the page is filled), as medians with ranges over many loads. A benchmark
// to read (make bench calls it), not a test.
//
//   node tools/browserbench/run.mjs SITE_DIR [--runs N] [--paths /checklist/,/items/x/] [--json FILE]
//
// Every load has a new browser context, so the cache and the storage are
// cold, as on a first visit. Each page is loaded on the plain loopback
// network and again throttled to WebPageTest's "3G Slow" profile (400 ms
// round trip, 400 kbit/s each way) through the DevTools protocol, where
// round trips show. The two profiles and the pages take turns, so a busy
// machine slows them alike. The site is served as the browser tests serve
// it (e2e/server.mjs: Netlify's pretty URLs and headers, the production
// CSP), and service workers are blocked, so each load reaches the network.
//
// Depth is the longest chain of requests before ready in which each was
// sent only after the one before it had finished: the round trips the page
// waited for one after another (the page itself is the first). On the
// throttled network every request takes a round trip of 400 ms, so the
// chain is the one the scripts' imports and fetches make; on loopback it is
// noisier.
//
// It prints a table, then the same figures as one line of JSON (to FILE
// too with --json).

import { chromium } from 'playwright-core';
import { readdirSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { startServer } from '../../e2e/server.mjs';
import { CHROMIUM_ARGS } from '../../e2e/pages.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  if (i < 0) return def;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const runs = Number(opt('--runs', '15'));
const pathsArg = opt('--paths', '');
const jsonFile = opt('--json', '');
const [dirArg] = args;
if (!dirArg || !(runs > 0)) {
  console.error('usage: node tools/browserbench/run.mjs SITE_DIR [--runs N] [--paths /checklist/,/items/x/] [--json FILE]');
  process.exit(2);
}
const dir = resolve(dirArg);

// The checklist and the first item page unless told.
function firstItem() {
  const items = readdirSync(join(dir, 'items'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (!items.length) throw new Error(`no item pages in ${dir}/items`);
  return `/items/${items[0]}/`;
}
const paths = pathsArg ? pathsArg.split(',') : ['/checklist/', firstItem()];

// WebPageTest's 3G Slow; throughput in bytes per second.
const PROFILES = {
  loopback: null,
  'slow-3g': { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 },
};

// The moment app.js marks the page ready, from the start of navigation,
// taken as it sets html.dataset.rkReady (a MutationObserver would hear
// of it only after app.js has gone on to ask for offline.js). An init
// script comes in through the DevTools protocol, so the CSP allows it.
const READY_PROBE = `(() => {
  const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'dataset');
  Object.defineProperty(HTMLElement.prototype, 'dataset', {
    configurable: true,
    get() {
      const real = own.get.call(this);
      if (this !== document.documentElement) return real;
      return new Proxy(real, {
        set(t, k, v) {
          if (k === 'rkReady' && window.__rkReadyAt === undefined) window.__rkReadyAt = performance.now();
          t[k] = v;
          return true;
        },
      });
    },
  });
})();`;

async function load(browser, url, profile) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (profile) await cdp.send('Network.emulateNetworkConditions', profile);
    await page.addInitScript(READY_PROBE);
    const reqs = new Map(); // requestId -> { url, type, start, end }
    let ready = false;
    cdp.on('Network.requestWillBeSent', (e) => {
      if (ready || reqs.has(e.requestId) || e.request.url.startsWith('data:')) return;
      reqs.set(e.requestId, { url: e.request.url, type: e.type, start: e.timestamp, end: Infinity });
    });
    const done = (e) => {
      const r = reqs.get(e.requestId);
      if (r) r.end = e.timestamp;
    };
    cdp.on('Network.loadingFinished', done);
    cdp.on('Network.loadingFailed', done);
    await page.goto(url);
    await page.waitForFunction(() => window.__rkReadyAt !== undefined, null, { timeout: 120_000 });
    ready = true;
    const ms = await page.evaluate(() => window.__rkReadyAt);
    // The page's own request stands for the navigation's fetchStart, from
    // which the ready time is counted in the network's clock.
    const fetchStart = await page.evaluate(() => performance.getEntriesByType('navigation')[0].fetchStart);
    const state = await page.evaluate(() => document.documentElement.dataset.rkReady);
    if (state !== 'yes') throw new Error(`${url}: data-rk-ready is ${state}`);
    // The longest chain of requests each sent after the one before it had
    // finished: the round trips the page waited for one after another.
    // Requests sent once the page was ready (offline.js) are left out.
    const sent = [...reqs.values()].sort((x, y) => x.start - y.start);
    const all = sent.filter((r) => r.start < sent[0].start + (ms - fetchStart) / 1000);
    for (const [i, r] of all.entries()) {
      r.chain = 1 + Math.max(0, ...all.slice(0, i).filter((q) => q.end <= r.start).map((q) => q.chain));
    }
    const scripts = all.filter((r) => r.type === 'Script');
    // BROWSERBENCH_TRACE=1 prints each load's requests with their place in the chain.
    if (process.env.BROWSERBENCH_TRACE) for (const r of sent) console.error(r.chain, r.type, r.url, Math.round((r.start - sent[0].start) * 1000), 'ms; ready at', Math.round(ms - fetchStart));
    return { ms, scripts: scripts.length, requests: all.length, depth: Math.max(...all.map((r) => r.chain)) };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const summary = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

const server = await startServer(dir);
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
const samples = {}; // `${path} ${profile}` -> [results]
try {
  // One load of each before measuring, so the server's and Chromium's
  // first-time costs fall on no sample.
  for (const p of paths) await load(browser, new URL(p, server.url).href, null);
  for (let i = 0; i < runs; i++) {
    for (const p of paths) {
      for (const [name, profile] of Object.entries(PROFILES)) {
        (samples[`${p} ${name}`] ??= []).push(await load(browser, new URL(p, server.url).href, profile));
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const results = Object.entries(samples).map(([key, xs]) => {
  const [path, profile] = key.split(' ');
  return {
    path, profile, runs: xs.length,
    readyMs: summary(xs.map((x) => x.ms)),
    scriptRequests: summary(xs.map((x) => x.scripts)),
    requests: summary(xs.map((x) => x.requests)),
    depth: summary(xs.map((x) => x.depth)),
  };
});

const range = (s, f = (v) => String(v)) => (s.min === s.max ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`);
const ms = (v) => `${Math.round(v)} ms`;
const rows = [['page', 'network', 'scripts', 'requests', 'depth', 'to ready, median (range)']];
for (const r of results) rows.push([r.path, r.profile, range(r.scriptRequests), range(r.requests), range(r.depth), range(r.readyMs, ms)]);
const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
console.log(`Scripts before html[data-rk-ready], ${runs} cold loads each (${dir})`);
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
const json = JSON.stringify({ site: dir, runs, results });
console.log(json);
if (jsonFile) writeFileSync(jsonFile, json + '\n');
