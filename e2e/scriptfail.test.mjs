// A page that never silently half-works (issue 15): when a script does not
// load (flaky Wi-Fi, blocked) or stops with an error as the page starts,
// the page says which in plain words, in a box announced as an alert, and
// still reads and prints; the saved progress is left exactly as it was.
// The failures are made by the test's routes, in real Chromium; a normal
// load shows no message, so each check can fail. No sleeps: each waits on
// a condition in the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goTo, pageProblems, serveSite, session as openSession, siteDir } from './pages.mjs';
import { emptyDocument } from '../themes/default/static/js/progress.js';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const KEY = `readykit:${TK.site}:default:${TK.edition.id}`;
const site = serveSite(dir);

const LOAD = 'Part of this page did not load, so you cannot tick items here right now.';
const STOPPED = 'Part of this page stopped with an error, so you cannot tick items here right now.';
const STILL = 'You can still read and print it. Your saved progress is safe. Try reloading the page.';

// A manager's saved progress: a name and a few items, as the site saves it.
const SAVED = (() => {
  const doc = emptyDocument({ site: TK.site, edition: TK.edition.id, profile: { id: 'default' }, now: '2027-01-04T09:00:00.000Z' });
  doc.organisation.name = 'Hazel Grove Care';
  doc.items['1.1.1'] = { status: 'met', evidence: 'Office cabinet', updated: '2027-01-04T09:00:00.000Z' };
  doc.items['1.1.3'] = { status: 'in-progress', owner: 'Priya', updated: '2027-01-04T09:00:00.000Z' };
  return JSON.stringify(doc);
})();

// A fresh browser with the progress saved in it before the first page runs.
const session = (t) => openSession(t, site.browser, { seed: { origin: site.server.url, key: KEY, value: SAVED } });

// Everything this site keeps in the browser, key by key.
const storage = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));

// The failure box: whether it shows, its role, and the lines a reader sees.
const box = (page) =>
  page.evaluate(() => {
    const b = document.querySelector('[data-rk-fail]');
    return {
      shown: !b.hidden && b.getClientRects().length > 0,
      role: b.getAttribute('role'),
      lines: [...b.querySelectorAll('p')].filter((p) => p.getClientRects().length > 0).map((p) => p.textContent.trim()),
    };
  });
const failed = (page) => page.waitForFunction(() => !!document.documentElement.dataset.rkFailed && !document.querySelector('[data-rk-fail]').hidden);

// What still reads: the page's heading and an item's name, laid out; what
// needs the script takes no room; the box is not printed, the page is.
async function stillReads(page, where) {
  const seen = await page.evaluate(() => ({
    h1: document.querySelector('main h1')?.innerText.trim(),
    item: document.querySelector('main [data-rk-task] a')?.innerText.trim(),
    room: [...document.querySelectorAll('[data-rk-js]:not([data-rk-js=on])')].filter((e) => e.getClientRects().length > 0).length,
  }));
  assert.ok(seen.h1, `${where}: the heading reads`);
  assert.ok(seen.item, `${where}: the items read`);
  assert.equal(seen.room, 0, `${where}: no room is left for what the script would have filled in`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('[data-rk-fail]').isVisible(), false, `${where}: the message is not printed`);
  assert.equal(await page.locator('main h1').isVisible(), true, `${where}: the page prints`);
  await page.emulateMedia({ media: 'screen' });
}

test('a normal load shows no message, and the page starts', async (t) => {
  const { page, quiet } = await session(t);
  await goTo(page, site.server.url + '/checklist/');
  assert.deepEqual(await box(page), { shown: false, role: 'alert', lines: [] });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.rkFailed), undefined);
  quiet();
});

test("the checklist's script blocked: the page says it did not load, still reads and prints, and the saved progress is untouched", async (t) => {
  const { context, page, trouble } = await session(t);
  await context.route('**/js/checklist.js', (route) => route.abort());
  await page.goto(site.server.url + '/checklist/');
  await failed(page);
  assert.deepEqual(await box(page), { shown: true, role: 'alert', lines: [LOAD, STILL] });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.rkFailed), 'load');
  await stillReads(page, '/checklist/');
  assert.deepEqual(await storage(page), { [KEY]: SAVED }, 'the saved progress is exactly as it was');
  // The blocked file is asked for by its preload link and again by
  // app.js's import, so Chromium may report its failure twice.
  assert.ok(trouble.length >= 1 && trouble.length <= 2 && trouble.every((e) => /Failed to load resource/.test(e)), `only the blocked load is an error: ${trouble.join('\n')}`);
  const problems = await pageProblems(page, '/checklist/ (script blocked)');
  if (problems.length) assert.fail(problems.join('\n\n'));
});

test('a script that throws as it starts: the page says it stopped with an error, and the saved progress is untouched', async (t) => {
  const { context, page, trouble } = await session(t);
  await context.route('**/js/app.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: "throw new Error('app.js made to fail by the test');\n" }),
  );
  await page.goto(site.server.url + '/checklist/');
  await failed(page);
  assert.deepEqual(await box(page), { shown: true, role: 'alert', lines: [STOPPED, STILL] });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.rkFailed), 'error');
  await stillReads(page, '/checklist/');
  assert.deepEqual(await storage(page), { [KEY]: SAVED }, 'the saved progress is exactly as it was');
  assert.deepEqual(trouble.map((e) => e.replace(/ on \S+:/, ':')), ['uncaught exception: Error: app.js made to fail by the test']);
});

test("a page's own module blocked after the start (the item form): the page says it did not load", async (t) => {
  const { context, page } = await session(t);
  await context.route('**/js/itemform.js', (route) => route.abort());
  await page.goto(site.server.url + '/items/1.1.1/');
  await failed(page);
  assert.deepEqual(await box(page), { shown: true, role: 'alert', lines: [LOAD, STILL] });
  assert.equal(JSON.parse((await storage(page))[KEY]).items['1.1.1'].evidence, 'Office cabinet', 'the saved progress is kept');
});
