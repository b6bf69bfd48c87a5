// Print: the print stylesheet turns the checklist and the item pages into
// clean sheets (no menu, skip link or breadcrumbs), and the checklist
// prints to an A4 PDF.

import { before, describe, test } from 'node:test';
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
      const lines = page.locator('.task__write');
      assert.ok((await lines.count()) > 0, 'no .task__write lines on the checklist');
      assert.equal(await lines.first().isVisible(), false);
      await page.emulateMedia({ media: 'print' });
      assert.equal(await lines.first().isVisible(), true);
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

  test('the checklist prints to an A4 PDF', async () => {
    const page = await context.newPage();
    try {
      await page.goto(site.server.url + rep.checklist.url, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4' });
      assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF', 'not a PDF');
      const text = pdf.toString('latin1');
      assert.match(text.slice(-64), /%%EOF\s*$/, 'the PDF is cut short');
      // Page objects: "/Type /Page" but not "/Type /Pages".
      const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
      assert.ok(pages >= 1, 'the PDF has no page');
      const count = /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/.exec(text);
      if (count) assert.equal(Number(count[1] ?? count[2]), pages, 'the page tree and the page objects disagree');
      // A4 is 595 x 842 points.
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
      assert.ok(box, 'no /MediaBox in the PDF');
      assert.ok(Math.abs(Number(box[1]) - 595) < 2 && Math.abs(Number(box[2]) - 842) < 2, `page size ${box[1]} x ${box[2]} points is not A4`);
    } finally {
      await page.close();
    }
  });
});
