// The group page (/group/), end to end: a manager's real export from the
// Your progress page is made into twelve homes' files, one of them cut
// short; picked from the keyboard, they give eleven rows (group.js's, the
// rows Go's readykit report gives too) and an error summary naming the
// damaged file; the CSV download holds the same rows; axe finds nothing at
// 1280 and at 320 CSS px; no request leaves the site, and the browser's
// own saved progress is neither written nor changed. Without JavaScript
// the page says what it needs and points to the command line.
//
// Debian's Chromium under the production CSP. No test sleeps.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goTo, neutral, pageProblems, parseCSV, serveSite, session as openSession, siteDir } from './pages.mjs';
import { DATE_COLUMNS, GROUP_COLUMNS, groupRow, readGroupFile } from '../themes/default/static/js/group.js';
import { longDate } from '../themes/default/static/js/words.js';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const site = serveSite(dir);
const TODAY = '2027-03-01';
const DAMAGED = 'home-07.json';

let tmp;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'readykit-group-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

// Counts every write to the browser's storage made on the group page.
function watchStorage() {
  if (location.pathname !== '/group/') return;
  window.__writes = [];
  for (const m of ['setItem', 'removeItem', 'clear']) {
    const f = Storage.prototype[m];
    Storage.prototype[m] = function (...args) {
      window.__writes.push([m, ...args.map(String)]);
      return f.apply(this, args);
    };
  }
}

const session = (t, options = {}) => openSession(t, site.browser, { today: new Date(`${TODAY}T10:00:00Z`), acceptDownloads: true, init: watchStorage, ...options });
const storage = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));

// Twelve homes' files from one real export: each its own name and some
// items done or planned; the seventh cut short, as a failed copy leaves it.
function homes(exported) {
  const mandatory = TK.items.filter((it) => it.level != 'optional');
  return Array.from({ length: 12 }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const doc = structuredClone(exported);
    doc.organisation = { ...doc.organisation, name: `Home ${n}`, odsCode: `VN${n}` };
    for (const it of mandatory.slice(0, i)) doc.items[it.id] = { ...doc.items[it.id], status: 'met' };
    // Late, and still to come, in the plan of each home.
    doc.items[mandatory[i].id] = { status: 'in-progress', due: '2027-01-31' };
    doc.items[mandatory[i + 1].id] = { status: 'not-started', due: `2027-04-${n}` };
    let text = JSON.stringify(doc, null, 2);
    if (i == 6) text = text.slice(0, text.length / 2);
    const path = join(tmp, `home-${n}.json`);
    writeFileSync(path, text);
    return { name: `home-${n}.json`, path, text };
  });
}

test('twelve exports, one damaged: eleven rows and the damaged file named, from the keyboard, nothing sent and nothing saved', async (t) => {
  const { page, quiet } = await session(t);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));

  // A real export, made on the site's Your progress page.
  await goTo(page, site.server.url + '/progress/');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download a backup of your progress' }).click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.site, TK.site);
  const files = homes(exported);
  const saved = await storage(page);
  assert.ok(Object.keys(saved).length > 0, 'the export left no saved progress to protect');

  // The rows group.js gives, as the page shows them (dates in words).
  const want = files.flatMap((f) => {
    const r = readGroupFile(new TextEncoder().encode(f.text), TK);
    return r.ok ? [groupRow(r.doc, f.name, TK, TODAY)] : [];
  });
  assert.equal(want.length, 11);
  const shown = want.map((r) => r.map((c, i) => (DATE_COLUMNS.includes(i) ? longDate(c) || c : c)));

  await goTo(page, site.server.url + '/group/');
  await page.locator('[data-rk-group-ready=yes]').waitFor();
  assert.equal(await page.locator('[data-rk-nojs]').isVisible(), false);
  // From the top of the page, Tab reaches the file picker. (What Space or
  // Enter then opens is the browser's own dialog, which a test cannot
  // drive: the files are set on the focused picker, as the dialog would.)
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'rk-group-files');
  }
  assert.ok(reached, 'Tab never reached the file picker');
  assert.equal(await page.getByLabel('Progress files from your care homes').count(), 1, 'the picker has no label');
  const picker = page.locator(':focus');
  assert.equal(await picker.getAttribute('multiple'), '', 'the picker takes one file only');
  await picker.setInputFiles(files.map((f) => f.path));

  const rows = page.locator('[data-rk-group-rows] tr');
  await page.waitForFunction(() => document.querySelectorAll('[data-rk-group-rows] tr').length > 0);
  assert.equal(await rows.count(), 11);
  assert.deepEqual(await page.locator('[data-rk-group-result] thead tr:last-child th').allTextContents(), GROUP_COLUMNS);
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent))), shown);
  assert.ok(!shown.some((r) => r[0] == 'Home 07'));

  // The error summary names the damaged file and why, and has the focus.
  const box = page.locator('[data-rk-group-errors]');
  assert.ok(await box.isVisible());
  assert.equal(await box.evaluate((b) => b === document.activeElement), true, 'the error summary does not have the focus');
  assert.equal(await page.locator('[data-rk-group-errors-title]').textContent(), '1 file could not be used');
  assert.match(await page.locator('[data-rk-group-error-list] li').textContent(), new RegExp(`^${DAMAGED}: This file is damaged or is not a readykit progress file`));
  assert.match(await page.locator('[data-rk-group-summary]').textContent(), /^11 care homes, one row for each file\. 1 file could not be used/);

  // Tab on to the download, and Enter: the CSV holds the same rows.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Download as a spreadsheet (CSV)');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(csv.suggestedFilename(), `care-homes-${TODAY}.csv`);
  const [header, ...lines] = parseCSV(readFileSync(await csv.path(), 'utf8').slice(1));
  assert.deepEqual(header, GROUP_COLUMNS);
  assert.deepEqual(lines, want.map((r) => r.map(neutral)));

  assert.deepEqual(await pageProblems(page, '/group/ with eleven rows and an error'), []);
  await page.setViewportSize({ width: 320, height: 800 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true, 'the page scrolls sideways at 320 px');
  assert.deepEqual(await pageProblems(page, '/group/ at 320 px'), []);

  // Nothing left the site (a download is a blob of this page), and the
  // browser's own saved progress was neither written nor changed.
  const origin = new URL(site.server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith(`blob:${origin}/`)), []);
  assert.deepEqual(await page.evaluate(() => window.__writes), [], 'the group page wrote to the browser storage');
  assert.deepEqual(await storage(page), saved);
  quiet();
});

test('a second pick replaces the table; a file from another site is named and left out', async (t) => {
  const { page, quiet } = await session(t);
  await goTo(page, site.server.url + '/group/');
  await page.locator('[data-rk-group-ready=yes]').waitFor();
  const doc = (name, s) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'readykit-progress', version: 1, site: s, edition: TK.edition.id, organisation: { name }, items: {} })) });
  const input = page.getByLabel('Progress files from your care homes');
  await input.setInputFiles([doc('Oak House', TK.site), doc('Elm Court', 'elm-court')]);
  await page.locator('[data-rk-group-errors]').waitFor({ state: 'visible' });
  assert.deepEqual(await page.locator('[data-rk-group-rows] tr td:first-child').allTextContents(), ['Oak House']);
  assert.match(await page.locator('[data-rk-group-error-list]').textContent(), /^Elm Court: This file was made on another site \("elm-court"\), not this one/);
  await input.setInputFiles([doc('Ash Lodge', TK.site)]);
  await page.locator('[data-rk-group-errors]').waitFor({ state: 'hidden' });
  assert.deepEqual(await page.locator('[data-rk-group-rows] tr td:first-child').allTextContents(), ['Ash Lodge']);
  quiet();
});

test('the table prints on A4 with every home and every column, no control printed', async (t) => {
  const { page, quiet } = await session(t);
  await goTo(page, site.server.url + '/progress/');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download a backup of your progress' }).click()]);
  const files = homes(JSON.parse(readFileSync(await download.path(), 'utf8')));
  await goTo(page, site.server.url + '/group/');
  await page.locator('[data-rk-group-ready=yes]').waitFor();
  await page.getByLabel('Progress files from your care homes').setInputFiles(files.map((f) => f.path));
  await page.locator('[data-rk-group-result]').waitFor({ state: 'visible' });
  const file = join(tmp, 'group.pdf');
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  assert.ok(size && Math.min(size[1], size[2]) > 590 && Math.min(size[1], size[2]) < 600 && Math.max(size[1], size[2]) > 837, `page size ${size?.[0]} is not A4`);
  const squeeze = (s) => s.replace(/\s+/g, '');
  const text = squeeze(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
  // Each header whole (a word cut off at the column's edge would be lost).
  for (const c of GROUP_COLUMNS) assert.ok(text.includes(squeeze(c)), `the column ${c} is not printed whole`);
  for (const f of files) if (f.name != DAMAGED) assert.ok(text.includes(squeeze(`Home ${f.name.slice(5, 7)}`)) && text.includes(squeeze(f.name)), `${f.name} is not printed`);
  assert.ok(text.includes(squeeze(DAMAGED)), 'the damaged file is not named on paper');
  for (const s of ['Download as a spreadsheet', 'Print the table', 'Progress files from your care homes']) assert.ok(!text.includes(squeeze(s)), `${s} was printed`);
  quiet();
});

// app.js, loaded by every page, leaves a page with [data-rk-group] to
// grouppage.js, so the session (which on a first visit writes the list of
// profiles) is never opened here.
test('in a browser with nothing saved, the group page writes nothing to its storage', async (t) => {
  const { page } = await session(t);
  await goTo(page, site.server.url + '/group/');
  await page.locator('[data-rk-group-ready=yes]').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__writes), []);
  assert.deepEqual(await storage(page), {});
});

test('without JavaScript the page says what it needs and points to the command line', async (t) => {
  const { page } = await session(t, { javaScriptEnabled: false });
  await page.goto(site.server.url + '/group/');
  const nojs = page.locator('[data-rk-nojs]');
  assert.ok(await nojs.isVisible());
  assert.match(await nojs.textContent(), /needs JavaScript.*readykit report --progress FOLDER --format xlsx/s);
  assert.equal(await page.locator('[data-rk-group]').isVisible(), false);
  // The site's footer lists the page.
  assert.equal(await page.locator('footer a[href="/group/"]').count(), 1);
});
