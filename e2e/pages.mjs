// Helpers shared by the browser tests: where the built site is, its HTML
// pages and their URLs, and how to start Chromium.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { REPO_ROOT, startServer } from './server.mjs';

export { REPO_ROOT };

export const AXE_PATH = join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js');

// siteDir is the built site the tests check: $SITE_DIR, as set by
// `make test-browser`.
export function siteDir() {
  const dir = process.env.SITE_DIR;
  if (!dir) {
    throw new Error(
      'SITE_DIR is not set. Run `make test-browser`, or build a site and run\n' +
        '  SITE_DIR=/path/to/site node --test --test-concurrency=1 e2e/',
    );
  }
  const abs = resolve(dir);
  if (!statSync(abs, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`SITE_DIR ${abs} is not a folder. Build the site first.`);
  }
  return abs;
}

// urlForFile maps a file of the built site to the path it is served at:
// index.html -> /, a/b/index.html -> /a/b/, 404.html -> /404.html.
export function urlForFile(rel) {
  const p = '/' + rel.split(sep).join('/');
  if (p === '/index.html') return '/';
  if (p.endsWith('/index.html')) return p.slice(0, -'index.html'.length);
  return p;
}

// walk lists every file under dir whose name ends with ext, sorted.
export function walk(dir, ext) {
  const out = [];
  const visit = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile() && e.name.endsWith(ext)) out.push(p);
    }
  };
  visit(dir);
  return out.sort();
}

// listPages returns every HTML page of the site as
// { file, rel, url, html } with url the path it is served at.
export function listPages(dir = siteDir()) {
  const pages = walk(dir, '.html').map((file) => {
    const rel = relative(dir, file);
    return { file, rel, url: urlForFile(rel), html: readFileSync(file, 'utf8') };
  });
  if (pages.length === 0) throw new Error(`no HTML pages in ${dir}`);
  return pages;
}

// representative picks the pages the slower checks run on: the home page,
// the checklist, one standard and one item. It fails if one is missing, so
// a change of URLs cannot quietly skip a check.
export function representative(pages) {
  const find = (name, pred) => {
    const p = pages.find(pred);
    if (!p) throw new Error(`no ${name} page among ${pages.map((x) => x.url).join(' ')}`);
    return p;
  };
  return {
    home: find('home', (p) => p.url === '/'),
    checklist: find('checklist', (p) => p.url === '/checklist/'),
    standard: find('standard', (p) => /^\/standards\/[^/]+\/$/.test(p.url)),
    item: find('item', (p) => /^\/items\/[^/]+\/$/.test(p.url)),
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// launchBrowser starts Debian's Chromium (never a downloaded one). Its
// contexts block service workers unless given serviceWorkers: 'allow', so
// a test sees the network's files, not a worker's kept copies (only
// e2e/offline.test.mjs allows them).
export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ serviceWorkers: 'block', ...options });
  return browser;
}

// serveSite serves dir and starts Chromium before a test file's tests, and
// stops both after them. The returned object's server and browser are set
// once the before hook has run.
export function serveSite(dir) {
  const site = {};
  before(async () => {
    site.server = await startServer(dir);
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

// Running axe-core in a page. page.addScriptTag would add an inline
// <script>, which the production CSP (default-src 'self') rightly blocks,
// so the source is run with page.evaluate, which comes in through the
// DevTools protocol and is not subject to the page's CSP.
export const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
};
let axeSource;
export async function runAxe(page, options = AXE_OPTIONS) {
  if (await page.evaluate(() => typeof window.axe === 'undefined')) {
    axeSource ??= readFileSync(AXE_PATH, 'utf8');
    await page.evaluate(axeSource);
  }
  return page.evaluate((o) => window.axe.run(document, o), options);
}

// axeReport turns axe's violations into a message a developer can act on.
export function axeReport(url, violations) {
  const lines = [`${violations.length} accessibility problem(s) on ${url}:`];
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact}): ${v.help}`, `  ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 10)) {
      lines.push(`    at ${n.target.join(' >> ')}`);
      const summary = (n.failureSummary ?? '').split('\n').slice(1, 3).map((s) => s.trim()).filter(Boolean);
      if (summary.length) lines.push(`       ${summary.join(' / ')}`);
    }
    if (v.nodes.length > 10) lines.push(`    ...and ${v.nodes.length - 10} more`);
  }
  return lines.join('\n');
}

// pageProblems runs axe-core on the page, and also finds any element marked
// hidden that a stylesheet shows anyway; it returns the problems as
// messages, none when the page is clean.
export async function pageProblems(page, where) {
  const problems = [];
  const shown = await page.evaluate(() => [...document.querySelectorAll('[hidden]')].filter((el) => getComputedStyle(el).display !== 'none').map((el) => el.outerHTML.slice(0, 100)));
  if (shown.length) problems.push(`${where}: marked hidden but shown: ${shown.join(', ')}`);
  const r = await runAxe(page);
  if (!r.passes.length) problems.push(`${where}: axe ran no checks`);
  if (r.violations.length) problems.push(axeReport(where, r.violations));
  return problems;
}

// The storage key of the default site's default profile's progress.
export const DEFAULT_KEY = 'readykit:readykit:default:dspt-2026-27-cat3';

// waitForEntries waits until the stored document holds the given item
// fields ({ id: { field: value } }; null for "no entry").
export async function waitForEntries(page, want, key = DEFAULT_KEY) {
  await page.waitForFunction(
    ({ key, want }) => {
      let doc;
      try {
        doc = JSON.parse(localStorage.getItem(key));
      } catch {
        return false;
      }
      if (!doc || !doc.items) return false;
      return Object.entries(want).every(([id, fields]) =>
        fields === null ? !doc.items[id] : doc.items[id] && Object.entries(fields).every(([f, v]) => doc.items[id][f] === v),
      );
    },
    { key, want },
  );
}

// ready waits until the page's script has started: loaded the saved
// progress and filled the page (app.js then sets html[data-rk-ready]).
export const ready = (page) => page.waitForFunction(() => document.documentElement.dataset.rkReady === 'yes');

// goTo opens url and waits until the page is ready; reload reloads it.
export async function goTo(page, url) {
  await page.goto(url);
  await ready(page);
}
export async function reload(page) {
  await page.reload();
  await ready(page);
}

// Runs in every page before its own content: reports CSP violations to the
// test through the function session exposes.
function reportViolations() {
  window.addEventListener('securitypolicyviolation', (e) =>
    window.__e2eViolation?.(`${e.effectiveDirective || e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`),
  );
}

// session opens a fresh browser context (a new profile with empty storage)
// and a page in it, closed after test t. trouble collects console errors,
// uncaught exceptions and CSP violations from every page of it; quiet()
// asserts there were none. Options:
//   seed: { origin, value, key = DEFAULT_KEY }: a stored document (its
//     JSON text) put under key for origin before the site's first page runs
//   init: a function, or a list of them, run in every page first
//   today: a Date, fixing the clock at that moment
//   blockScripts: stop the site's scripts (and only them) loading
// and any option of browser.newContext (viewport, timezoneId, locale,
// javaScriptEnabled, acceptDownloads...). Service workers are blocked
// unless serviceWorkers: 'allow' is given, so a test sees the network's
// files, not a worker's kept copies (e2e/offline.test.mjs allows them).
export async function session(t, browser, { seed, init = [], today, blockScripts = false, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', ...options });
  t.after(() => context.close());
  if (blockScripts) await context.route(/\.m?js(\?|$)/, (route) => route.abort());
  const trouble = [];
  if (options.javaScriptEnabled !== false) {
    if (today) await context.clock.setFixedTime(today);
    await context.exposeFunction('__e2eViolation', (v) => trouble.push(`CSP violation: ${v}`));
    await context.addInitScript(reportViolations);
    if (seed) {
      await context.addInitScript(
        ([origin, k, v]) => location.origin === origin && localStorage.getItem(k) === null && localStorage.setItem(k, v),
        [seed.origin, seed.key ?? DEFAULT_KEY, seed.value],
      );
    }
    for (const script of [init].flat(Infinity)) await context.addInitScript(script);
  }
  context.on('page', (p) => {
    p.on('console', (m) => m.type() === 'error' && trouble.push(`console error on ${p.url()}: ${m.text()}`));
    p.on('pageerror', (e) => trouble.push(`uncaught exception on ${p.url()}: ${e}`));
  });
  const page = await context.newPage();
  return { context, page, trouble, quiet: () => assert.deepEqual(trouble, [], 'console errors, exceptions or CSP violations') };
}

// A tiny RFC 4180 reader: quoted fields, "" for a quote, CRLF line ends.
export function parseCSV(text) {
  const rows = [];
  let row = [], cell = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (cell += c), i++;
    } else if (c === '"' && cell === '') (quoted = true), i++;
    else if (c === ',') row.push(cell), (cell = ''), i++;
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), (i += 2);
    else if (c === '"' || c === '\r' || c === '\n') throw new Error(`bad CSV at ${i}: ${JSON.stringify(text.slice(i - 20, i + 20))}`);
    else (cell += c), i++;
  }
  if (quoted) throw new Error('bad CSV: unterminated quote');
  if (cell !== '' || row.length) throw new Error('bad CSV: the last line has no CRLF');
  return rows;
}

// What a spreadsheet would run as a formula gets a leading apostrophe.
export const neutral = (cell) => (/^[=+\-@\t\r]/.test(cell) ? "'" + cell : cell);
