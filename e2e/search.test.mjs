// Search, end to end: the search page finds an item by a word of its
// guidance and a glossary term with the browser offline once the page has
// loaded; the query lives in the address; the keyboard is enough; the
// header's box on every page leads there; it works where the browser keeps
// nothing and says what to do without JavaScript; and it passes axe-core
// with results on the page at 1280 and 320 CSS px.
//
// Everything runs in Debian's Chromium under the production CSP. No test
// sleeps: each waits on a condition in the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pageProblems, serveSite, session as openSession, siteDir } from './pages.mjs';

const dir = siteDir();
const INDEX = JSON.parse(readFileSync(join(dir, 'data', 'search.json'), 'utf8'));
const site = serveSite(dir);
const session = (t, options) => openSession(t, site.browser, options);
const at = (path) => site.server.url + path;

// A word that is only in item 1.1.1's guidance (its Markdown body), not in
// any title, question or evidence, nor anywhere else in the index.
const BODY_WORD = 'ZA123456';

/** Opens the search page (with an optional query) and waits until its index has loaded. */
async function openSearch(page, query = '') {
  await page.goto(at('/search/' + query));
  await page.locator('[data-rk-search="ready"]').waitFor();
}

/** What the results list shows: each result's link, title and marked words. */
const results = (page) =>
  page.$$eval('[data-rk-search-results] > li', (lis) =>
    lis.map((li) => {
      const a = li.querySelector('a');
      return { href: a.getAttribute('href'), title: a.textContent, marks: [...li.querySelectorAll('mark')].map((m) => m.textContent) };
    }),
  );

const count = (page) => page.locator('[data-rk-search-count]');

test('the index has the word only in the guidance of 1.1.1, and is small', () => {
  const holders = INDEX.items.filter((it) => it.text.includes(BODY_WORD)).map((it) => it.id);
  assert.deepEqual(holders, ['1.1.1']);
  const elsewhere = [INDEX.items.map((it) => it.title), INDEX.terms.map((g) => g.definition), INDEX.pages.map((p) => p.text)].flat();
  assert.deepEqual(elsewhere.filter((s) => s.includes(BODY_WORD)), []);
  const size = statSync(join(dir, 'data', 'search.json')).size;
  console.log(`data/search.json: ${size} bytes`);
  assert.ok(size < 150_000, `the search index is ${size} bytes`);
});

test('offline after the first load, search finds an item by a word of its guidance and a glossary term', async (t) => {
  const { context, page, trouble } = await session(t);
  await openSearch(page);
  // Once the page is ready, app.js loads offline.js (which registers the
  // offline worker, blocked in these tests): wait for it, since this test
  // is about what searching needs.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/js/offline.js') && e.responseEnd > 0));
  const requests = [];
  await context.setOffline(true);
  page.on('request', (r) => requests.push(r.url()));

  await page.getByLabel('Search for').fill(BODY_WORD);
  await count(page).filter({ hasText: `1 result for ${BODY_WORD}` }).waitFor();
  assert.deepEqual(await results(page), [{ href: '/items/1.1.1/', title: 'Your ICO registration number', marks: [BODY_WORD] }]);

  await page.getByLabel('Search for').fill('Caldicott Guardian');
  await count(page).filter({ hasText: /^\d+ results? for Caldicott Guardian$/ }).waitFor();
  const found = await results(page);
  assert.equal(found[0].href, '/glossary/#caldicott-guardian', JSON.stringify(found));
  assert.equal(found[0].title, 'Caldicott Guardian');
  assert.deepEqual(found[0].marks, ['Caldicott Guardian']);
  // Every result is a link to a page of the site that exists.
  for (const r of found) assert.match(r.href, /^\/(items\/[^/]+\/|glossary\/#[a-z0-9-]+|[a-z0-9/-]*)$/, r.href);

  // The address keeps the search, and nothing was fetched to search (the
  // browser asks for the page's icon again when the address changes).
  assert.equal(new URL(page.url()).searchParams.get('q'), 'Caldicott Guardian');
  assert.deepEqual(requests.filter((u) => !u.endsWith('/favicon.svg')), []);
  // The icon's failed loads are the only errors.
  assert.deepEqual(trouble.filter((m) => !m.endsWith('Failed to load resource: net::ERR_INTERNET_DISCONNECTED')), []);
});

test('a query in the address is searched on load', async (t) => {
  const { page, quiet } = await session(t);
  await openSearch(page, '?q=ICO');
  assert.equal(await page.getByLabel('Search for').inputValue(), 'ICO');
  assert.match(await page.title(), /^ICO – Search – /);
  await count(page).filter({ hasText: /^\d+ results for ICO$/ }).waitFor();
  const found = await results(page);
  assert.equal(found[0].href, '/glossary/#ico', 'the term itself comes first');
  assert.ok(found.some((r) => r.href === '/items/1.1.1/'), JSON.stringify(found));
  quiet();
});

test('keyboard: type and press Enter; the page stays, the address keeps the search', async (t) => {
  const { page, quiet } = await session(t);
  await openSearch(page);
  await page.evaluate(() => (window.__stayed = true));
  await page.keyboard.press('Tab'); // the skip link
  await page.keyboard.press('Tab'); // the site's name
  // Then the menu, and on to the form: Tab until the search field has focus.
  for (let i = 0; i < 30 && !(await page.evaluate(() => document.activeElement?.id === 'rk-search-q')); i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'rk-search-q');
  await page.keyboard.type('backups');
  await page.keyboard.press('Enter');
  await count(page).filter({ hasText: /^\d+ results? for backups$/ }).waitFor();
  assert.equal(await page.evaluate(() => window.__stayed), true, 'Enter reloaded the page');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'backups');
  const found = await results(page);
  assert.equal(found[0].href, '/items/7.3.4/');
  // Tab from the field reaches the button, then the first result.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Search');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '/items/7.3.4/');
  await page.keyboard.press('Enter');
  await page.waitForURL(at('/items/7.3.4/'));
  quiet();
});

test("every other page's header has a search box that goes to the search page", async (t) => {
  const { page, quiet } = await session(t);
  await page.goto(at('/checklist/'));
  const box = page.getByRole('search', { name: 'Search this guide' });
  const field = box.getByLabel('Search this guide');
  const size = await box.getByRole('button', { name: 'Search' }).boundingBox();
  assert.ok(size.width >= 24 && size.height >= 24, `the button is ${size.width}x${size.height}`);
  await field.fill('continuity plan');
  await field.press('Enter');
  await page.waitForURL(/\/search\/\?q=continuity\+plan$/);
  await page.locator('[data-rk-search="ready"]').waitFor();
  await count(page).filter({ hasText: /results? for continuity plan$/ }).waitFor();
  assert.equal((await results(page))[0].href, '/glossary/#business-continuity-plan');
  // The search page has no second box in its header.
  assert.equal(await page.locator('.site-search').count(), 0);
  quiet();
});

test('search works where the browser will not keep anything', async (t) => {
  const { page } = await session(t, {
    init: () => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } }),
  });
  await openSearch(page, `?q=${BODY_WORD}`);
  await count(page).filter({ hasText: `1 result for ${BODY_WORD}` }).waitFor();
  assert.equal((await results(page))[0].href, '/items/1.1.1/');
});

test('when the index cannot load, the page says so, and what to do', async (t) => {
  const { context, page } = await session(t);
  await context.route('**/data/search.json', (route) => route.abort('internetdisconnected'));
  await page.goto(at('/search/?q=backup'));
  await page.locator('[data-rk-search="failed"]').waitFor({ state: 'attached' });
  const alert = page.getByRole('alert');
  assert.match(await alert.textContent(), /^The search could not load its list of pages, so it cannot search for you now\. Reload this page when you are back online\./);
  assert.equal(await page.locator('[data-rk-search]').isVisible(), false);
  // The no-JavaScript words would not be true: JavaScript ran.
  assert.equal(await page.locator('[data-rk-nojs]').isVisible(), false);
});

test('without JavaScript the page says search needs it and points to the checklist and glossary', async (t) => {
  const { page } = await session(t, { javaScriptEnabled: false });
  await page.goto(at('/search/?q=backup'));
  const nojs = page.locator('[data-rk-nojs]');
  assert.ok(await nojs.isVisible());
  assert.match(await nojs.textContent(), /Search needs JavaScript/);
  assert.deepEqual(await nojs.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['/checklist/', '/glossary/']);
  assert.equal(await page.locator('[data-rk-search]').isVisible(), false);
});

test('what is typed stays text: markup in a search is shown, never run', async (t) => {
  const { page, quiet } = await session(t);
  await openSearch(page);
  const evil = '<img src=x onerror="window.__ran=1"> backup';
  await page.getByLabel('Search for').fill(evil);
  await count(page).filter({ hasText: `for ${evil}` }).waitFor();
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  quiet();
});

for (const width of [1280, 320]) {
  test(`axe-core finds nothing on the search page with results, ${width} px wide`, async (t) => {
    const { page, quiet } = await session(t, { viewport: { width, height: 800 } });
    await openSearch(page, '?q=backup');
    await count(page).filter({ hasText: /results for backup/ }).waitFor();
    const problems = await pageProblems(page, `/search/?q=backup at ${width}px`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (wide > 0) problems.push(`the page scrolls sideways by ${wide}px at ${width}px`);
    assert.deepEqual(problems, []);
    quiet();
  });
}
