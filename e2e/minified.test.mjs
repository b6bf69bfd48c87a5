// The minified site must look like the unminified one. A minifier that
// drops a default attribute (type="text") silently turns off any CSS rule
// that selects on it, and the text boxes shrink: nothing fails but the
// page. So every form control on every page with a form is measured in
// both builds of the same site, and its size and font size must agree.
//
// SITE_DIR is the minified build (`readykit build`) and RAW_SITE_DIR the
// unminified one (`readykit build --no-minify`); `make test-browser`
// builds both.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { goTo, launchBrowser, listPages, siteDir } from './pages.mjs';
import { startServer } from './server.mjs';

function rawSiteDir() {
  const dir = process.env.RAW_SITE_DIR;
  if (!dir) {
    throw new Error(
      'RAW_SITE_DIR is not set. Run `make test-browser`, or build the site twice and run\n' +
        '  SITE_DIR=/minified RAW_SITE_DIR=/unminified node --test e2e/minified.test.mjs\n' +
        '(the second with `readykit build --no-minify`).',
    );
  }
  const abs = resolve(dir);
  if (!statSync(abs, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`RAW_SITE_DIR ${abs} is not a folder. Build the site with --no-minify first.`);
  }
  return abs;
}

const minDir = siteDir();
const rawDir = rawSiteDir();

const CONTROL = /<(input|select|textarea|button)\b/;
const rawPages = listPages(rawDir);
const minPages = listPages(minDir);
// Pages whose HTML has a form control; the script adds more to some of
// them (the plan's rows), which are measured too once the page is ready.
const formPages = rawPages.filter((p) => CONTROL.test(p.html)).map((p) => p.url);

// A fixed window, so that widths in percent come out the same in both.
const VIEWPORT = { width: 1280, height: 900 };

let browser, rawServer, minServer;
before(async () => {
  [rawServer, minServer, browser] = await Promise.all([startServer(rawDir), startServer(minDir), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await Promise.all([rawServer?.close(), minServer?.close()]);
});

// measure lists every form control of the page at url, in document order,
// with its size and font size. Closed <details> hide the item fields, and
// a hidden control measures 0x0 in both builds whatever its style, so
// every <details> is opened first.
async function measure(page, origin, url) {
  await goTo(page, origin + url);
  return page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    return [...document.querySelectorAll('input, select, textarea, button')].map((el) => {
      const r = el.getBoundingClientRect();
      return {
        // el.type is the type the browser uses, written or not.
        what: `${el.localName}[type=${el.type}]${el.id ? '#' + el.id : ''}${el.name ? ` name=${el.name}` : ''}`,
        width: Math.round(r.width * 100) / 100,
        height: Math.round(r.height * 100) / 100,
        fontSize: getComputedStyle(el).fontSize,
      };
    });
  });
}

test('the two builds are the same site, one minified and one not', () => {
  assert.deepEqual(
    minPages.map((p) => p.url),
    rawPages.map((p) => p.url),
    'SITE_DIR and RAW_SITE_DIR must hold the same pages',
  );
  const size = (pages) => pages.reduce((n, p) => n + p.html.length, 0);
  assert.ok(size(minPages) < size(rawPages), `SITE_DIR (${size(minPages)} bytes of HTML) should be the minified build, smaller than RAW_SITE_DIR (${size(rawPages)})`);
  // A change of URLs must not quietly leave a form page out.
  for (const url of ['/checklist/', '/progress/', '/plan/', '/programme/', '/gaps/']) {
    assert.ok(formPages.includes(url), `${url} has no form control: ${formPages.join(' ')}`);
  }
  assert.ok(formPages.some((u) => /^\/items\/[^/]+\/$/.test(u)), 'no item page has a form control');
});

test('every form control has the same size and font size, minified or not', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const rawPage = await context.newPage();
    const minPage = await context.newPage();
    const problems = [];
    let shown = 0;
    for (const url of formPages) {
      const [raw, min] = await Promise.all([measure(rawPage, rawServer.url, url), measure(minPage, minServer.url, url)]);
      if (raw.length !== min.length) {
        problems.push(`${url}: ${raw.length} form controls unminified, ${min.length} minified`);
        continue;
      }
      raw.forEach((r, i) => {
        const m = min[i];
        if (r.width > 0 && r.height > 0) shown++;
        if (r.what !== m.what || r.width !== m.width || r.height !== m.height || r.fontSize !== m.fontSize) {
          problems.push(`${url} ${r.what}: ${r.width}x${r.height} px, ${r.fontSize} unminified; ${m.what}: ${m.width}x${m.height} px, ${m.fontSize} minified`);
        }
      });
    }
    // Controls that are not shown measure 0x0 in both builds, so the
    // comparison means something only if most are on screen.
    assert.ok(shown > formPages.length, `only ${shown} form controls were shown on ${formPages.length} pages`);
    assert.deepEqual(problems, [], `${problems.length} form control(s) differ:\n${problems.slice(0, 40).join('\n')}`);
  } finally {
    await context.close();
  }
});
