// Print: the print stylesheet turns the checklist and the item pages into
// clean sheets (no menu, skip link or breadcrumbs), the checklist prints to
// A4 pages that hold every item, and worksheets print the "Check in the
// toolkit" mark beside every reference not confirmed (read back with
// poppler).

import { before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { listPages, representative, serveSite, siteDir } from './pages.mjs';

const dir = siteDir();
const rep = representative(listPages(dir));

// Hidden when printed. Each must be on the page (and shown on screen), so
// that the check cannot pass because an element was renamed.
const HIDDEN_IN_PRINT = {
  'the site menu': '.site-nav',
  'the skip link': '.skip-link',
  'the breadcrumbs': '.breadcrumbs',
};

const site = serveSite(dir);
let context;

const displays = (page) =>
  page.evaluate((sels) => Object.fromEntries(Object.entries(sels).map(([name, sel]) => [name, [...document.querySelectorAll(sel)].map((el) => getComputedStyle(el).display)])), HIDDEN_IN_PRINT);

describe('print stylesheet', () => {
  // Inside the suite, so the browser from serveSite is up.
  before(async () => {
    context = await site.browser.newContext();
  });
  for (const name of ['checklist', 'item']) {
    const p = rep[name];
    test(`${name} page ${p.url}: no menu, skip link or breadcrumbs on paper`, async () => {
      const page = await context.newPage();
      try {
        await page.emulateMedia({ media: 'screen' });
        await page.goto(site.server.url + p.url, { waitUntil: 'load' });
        const screen = await displays(page);
        for (const [what, list] of Object.entries(screen)) {
          assert.ok(list.length > 0, `${p.url} has no ${what} (${HIDDEN_IN_PRINT[what]}) to hide`);
          assert.ok(list.every((d) => d !== 'none'), `${what} is not displayed on screen either: ${list}`);
        }
        await page.emulateMedia({ media: 'print' });
        assert.ok(await page.evaluate(() => matchMedia('print').matches), 'print media is not emulated');
        const print = await displays(page);
        for (const [what, list] of Object.entries(print)) {
          assert.ok(list.every((d) => d === 'none'), `${what} (${HIDDEN_IN_PRINT[what]}) is displayed in print: ${list}`);
        }
        // And the page itself is still there.
        assert.notEqual(await page.locator('main h1').evaluate((el) => getComputedStyle(el).display), 'none');
      } finally {
        await page.close();
      }
    });
  }

  test('checklist: the "where the evidence is kept" lines appear only on paper', async () => {
    const page = await context.newPage();
    try {
      await page.emulateMedia({ media: 'screen' });
      await page.goto(site.server.url + rep.checklist.url, { waitUntil: 'load' });
      // The lines are the task's ::before and ::after, drawn only on paper.
      const lines = () => page.locator('.task').first().evaluate((t) => ['::before', '::after'].map((p) => getComputedStyle(t, p).content));
      assert.ok((await page.locator('.task').count()) > 0, 'no tasks on the checklist');
      assert.deepEqual(await lines(), ['none', 'none']);
      await page.emulateMedia({ media: 'print' });
      assert.deepEqual(await lines(), ['"Where the evidence is kept:"', '"Who will do it, and by when:"']);
    } finally {
      await page.close();
    }
  });

  test('item page: addresses of links to other sites are written out on paper', async () => {
    const page = await context.newPage();
    try {
      await page.emulateMedia({ media: 'print' });
      await page.goto(site.server.url + rep.item.url, { waitUntil: 'load' });
      const after = await page.evaluate(() =>
        [...document.querySelectorAll('main a[href^="http"]')].map((a) => [a.getAttribute('href'), getComputedStyle(a, '::after').content]),
      );
      assert.ok(after.length > 0, `${rep.item.url} has no link to another site`);
      for (const [href, content] of after) assert.ok(content.includes(href), `the printed link to ${href} does not show its address (::after content ${content})`);
    } finally {
      await page.close();
    }
  });

  test('the checklist prints to A4 pages that hold every item', async () => {
    const page = await context.newPage();
    const tmp = mkdtempSync(join(tmpdir(), 'readykit-print-'));
    try {
      await page.goto(site.server.url + rep.checklist.url, { waitUntil: 'load' });
      const file = join(tmp, 'checklist.pdf');
      await page.pdf({ path: file, format: 'A4' });
      // poppler's pdfinfo and pdftotext read the PDF as a viewer would.
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
      assert.ok(pages >= 2, `the checklist printed on ${pages} page(s)`);
      // A4 is 595.3 x 841.9 points; Chromium rounds to its own units.
      const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
      assert.ok(size && Math.abs(size[1] - 595.3) < 2 && Math.abs(size[2] - 841.9) < 2, `page size ${size?.[0]} is not A4`);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const html = readFileSync(join(dir, 'checklist', 'index.html'), 'utf8');
      const refs = [...html.matchAll(/<span class="?item-ref"?>([^<]+)</g)].map((m) => m[1]);
      assert.ok(refs.length >= 40, `found only ${refs.length} items in the checklist HTML`);
      for (const ref of new Set(refs)) assert.ok(text.includes(ref), `${ref} is missing from the printed checklist`);
      assert.ok(!/Skip to main content/.test(text), 'the skip link was printed');
      assert.ok(text.includes('Where the evidence is kept:') && text.includes('Who will do it, and by when:'), 'the lines to write on were not printed');
    } finally {
      await page.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  // Every item not confirmed says "Check in the toolkit" beside its
  // reference on each standard's printed worksheet; the programme's one
  // sheet lists them once after the mark.
  // pdftotext -raw keeps a heading's text in order; white space is taken
  // out, so a mark wrapped over lines reads as one string.
  test('worksheets print "Check in the toolkit" beside every reference not confirmed, and the programme lists them', async () => {
    const tk = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
    const MARK = tk.labels.checkMark;
    const page = await context.newPage();
    const tmp = mkdtempSync(join(tmpdir(), 'readykit-print-'));
    const flat = (s) => s.replace(/\s+/g, '');
    const printed = async (url, name) => {
      await page.goto(site.server.url + url, { waitUntil: 'load' });
      const file = join(tmp, name + '.pdf');
      await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
      return flat(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
    };
    const marks = (text) => text.split(flat(MARK)).length - 1;
    try {
      let checked = 0;
      for (const st of tk.standards) {
        const items = tk.items.filter((it) => it.standard === st.number && (it.level === 'approaching' || it.level === 'met'));
        if (!items.length) continue;
        const text = await printed(`/standards/${st.number}/worksheet/`, `worksheet-${st.number}`);
        for (const it of items) {
          const ref = it.label;
          assert.ok(text.includes(flat(ref + (it.check ? ' ' + MARK : '') + ' ' + it.title)), `worksheet ${st.number}: ${ref} ${it.title} is not printed${it.check ? ` with "${MARK}" beside its reference` : ''}`);
        }
        assert.equal(marks(text), items.filter((it) => it.check).length, `worksheet ${st.number}: one mark for each item to check`);
        checked += items.filter((it) => it.check).length;
      }
      assert.ok(checked > 0, 'no item to check: the test would prove nothing');
      // The programme's one sheet lists the references to check once, under the weeks.
      const html = readFileSync(join(dir, 'programme', 'index.html'), 'utf8');
      const inWeeks = [...html.matchAll(/data-rk-week-item="?([^" >]+)/g)].map((m) => tk.items.find((it) => it.id === m[1])).filter((it) => it.check);
      assert.ok(inWeeks.length > 0);
      const text = await printed('/programme/', 'programme');
      assert.ok(text.includes(flat(`${MARK}: ${inWeeks.map((it) => it.ref || it.title).join(', ')}`)), 'the printed programme lists every reference to check after the mark');
      assert.equal(marks(text), 1, 'the programme prints the mark once');
    } finally {
      await page.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
