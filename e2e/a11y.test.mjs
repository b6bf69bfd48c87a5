// Accessibility: axe-core finds no WCAG 2.2 AA or best-practice problem on
// any page of the built site, at 1280 and at 320 CSS px wide, and every
// page reflows at 320 CSS px (WCAG 1.4.10) without scrolling sideways.
// e2e/printouts.test.mjs checks the report tables at 320 px with progress
// in them.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AXE_OPTIONS, axeReport, listPages, representative, runAxe, serveSite, siteDir } from './pages.mjs';

const dir = siteDir();
const pages = listPages(dir);
const rep = representative(pages);

const site = serveSite(dir);

// Only the violations in full: axe then keeps one node per passing rule,
// which is most of its time on a long page, run twice over every page.
const OPTIONS = { ...AXE_OPTIONS, resultTypes: ['violations'] };

async function assertNoViolations(page, url) {
  const results = await runAxe(page, OPTIONS);
  assert.ok(results.passes.length > 0, `axe ran no checks on ${url}`);
  if (results.violations.length) assert.fail(axeReport(url, results.violations));
}

// Each page is checked at 1280x800, then, in the same tab (no second load),
// at 320 CSS px wide: it must not scroll sideways there, and axe runs
// again, as contrast, target sizes and what is shown change with the width.
async function assertReflows(page, url) {
  const m = await page.evaluate(() => {
    const vw = window.innerWidth;
    // Name the elements that stick out, to make a failure easy to fix.
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > vw + 0.5)
      .slice(0, 8)
      .map((el) => `${el.localName}${el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide };
  });
  assert.equal(m.innerWidth, 320);
  assert.ok(m.scrollWidth <= m.innerWidth, `${url} scrolls sideways at 320px: scrollWidth ${m.scrollWidth}. Too wide: ${m.wide.join(', ')}`);
}

describe('axe-core, every page, at 1280x800 and 320 CSS px wide (WCAG 1.4.10 reflow)', () => {
  let context;
  let page;
  before(async () => {
    context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  after(() => context?.close());

  for (const p of pages) {
    test(p.url, async () => {
      const url = site.server.url + p.url;
      await page.setViewportSize({ width: 1280, height: 800 });
      const res = await page.goto(url, { waitUntil: 'load' });
      assert.equal(res?.status(), 200, `${url} answered ${res?.status()}`);
      await assertNoViolations(page, url);
      await page.setViewportSize({ width: 320, height: 640 });
      await page.waitForFunction(() => window.innerWidth === 320);
      await assertReflows(page, url);
      await assertNoViolations(page, `${url} at 320px`);
    });
  }

  test('an unknown address gets the 404 page, which passes too', async () => {
    const url = `${site.server.url}/no-such-page/`;
    await page.setViewportSize({ width: 1280, height: 800 });
    const res = await page.goto(url, { waitUntil: 'load' });
    assert.equal(res?.status(), 404);
    await assertNoViolations(page, url);
  });

  // The representative pages are among those above; this names them, so
  // that a change of URLs cannot quietly leave one out.
  test('the checklist, a standard, an item and the home page are among the pages checked', () => {
    for (const p of Object.values(rep)) assert.ok(pages.includes(p), p.url);
  });
});

describe('self-test', () => {
  test('axe reports a missing alt text and a low-contrast paragraph', async () => {
    const context = await site.browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent(
        '<!doctype html><html lang="en"><title>t</title><main><h1>t</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#ccc;background:#fff">faint</p></main></html>',
      );
      const ids = (await runAxe(page)).violations.map((v) => v.id);
      assert.ok(ids.includes('image-alt'), `got ${ids}`);
      assert.ok(ids.includes('color-contrast'), `got ${ids}`);
      assert.match(axeReport('about:blank', (await runAxe(page)).violations), /image-alt .*\n.*\n\s+at img/);
    } finally {
      await context.close();
    }
  });
});
