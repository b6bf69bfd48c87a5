// Lighthouse's performance score for a page of a built site, mobile preset,
// several runs in a row: a benchmark to read, not a CI gate (make
// lighthouse). The site is served as the browser tests serve it
// (e2e/server.mjs: Netlify's pretty URLs and headers, the production CSP),
// and each run has a fresh Chromium, so nothing is cached or stored between
// runs.
//
//   node tools/lighthouse/run.mjs SITE_DIR [PATH] [RUNS]
//
// PATH is /checklist/ unless given, RUNS 3. Debian's Chromium is used
// (CHROME_PATH, /usr/bin/chromium unless set), headless, with the flags the
// e2e launcher gives it so that it sends nothing to Google.

import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { resolve } from 'node:path';
import { startServer } from '../../e2e/server.mjs';

const [dir, path = '/checklist/', runs = '3'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node tools/lighthouse/run.mjs SITE_DIR [PATH] [RUNS]');
  process.exit(2);
}

// As e2e/pages.mjs's CHROMIUM_ARGS, headless.
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

const server = await startServer(resolve(dir));
const url = new URL(path, server.url).href;
const rows = [];
try {
  for (let i = 1; i <= Number(runs); i++) {
    const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH || '/usr/bin/chromium', chromeFlags: FLAGS });
    try {
      // No config: Lighthouse's default, the mobile preset (a mid-range
      // phone, simulated slow 4G and a 4x slower CPU).
      const r = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
      const a = r.lhr.audits;
      const ms = (id) => `${Math.round(a[id].numericValue)} ms`;
      rows.push({
        run: i,
        score: Math.round(r.lhr.categories.performance.score * 100),
        FCP: ms('first-contentful-paint'), LCP: ms('largest-contentful-paint'),
        TBT: ms('total-blocking-time'), CLS: a['cumulative-layout-shift'].numericValue.toFixed(3),
        SI: ms('speed-index'), elements: a['dom-size']?.numericValue ?? '',
      });
      const warn = r.lhr.runWarnings;
      if (warn.length) console.error(`run ${i}: ${warn.join('; ')}`);
    } finally {
      await chrome.kill();
    }
  }
} finally {
  await server.close();
}
console.log(`Lighthouse ${rows.length ? 'performance, mobile preset' : ''} on ${path} (${dir})`);
console.table(rows);
console.log(`scores: ${rows.map((r) => r.score).join(', ')}`);
