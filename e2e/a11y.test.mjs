// Accessibility: axe-core finds no WCAG 2.2 AA or best-practice problem on
// any page of the built site, and the representative pages reflow at
// 320 CSS px (WCAG 1.4.10) without scrolling sideways.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeReport, listPages, representative, runAxe, serveSite, siteDir } from './pages.mjs';

const dir = siteDir();
const pages = listPages(dir);
const rep = representative(pages);

const site = serveSite(dir);

async function assertNoViolations(page, url) {
  const results = await runAxe(page);
  assert.ok(results.passes.length > 0, `axe ran no checks on ${url}`);
  if (results.violations.length) assert.fail(axeReport(url, results.violations));
}

describe('axe-core, every page, 1280x800', () => {
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
      const res = await page.goto(url, { waitUntil: 'load' });
      assert.equal(res?.status(), 200, `${url} answered ${res?.status()}`);
      await assertNoViolations(page, url);
    });
  }

  test('an unknown address gets the 404 page, which passes too', async () => {
    const url = `${site.server.url}/no-such-page/`;
    const res = await page.goto(url, { waitUntil: 'load' });
    assert.equal(res?.status(), 404);
    await assertNoViolations(page, url);
  });
});

describe('320 CSS px wide (WCAG 1.4.10 reflow)', () => {
  let context;
  let page;
  before(async () => {
    context = await site.browser.newContext({ viewport: { width: 320, height: 640 } });
    page = await context.newPage();
  });
  after(() => context?.close());

  for (const [name, p] of Object.entries(rep)) {
    test(`${name}: ${p.url}`, async () => {
      const url = site.server.url + p.url;
      await page.goto(url, { waitUntil: 'load' });
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
      await assertNoViolations(page, url);
    });
  }
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
