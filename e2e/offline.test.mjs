// Offline after one visit (issue 15, point 1), end to end in Debian's
// Chromium with the production headers (netlify.toml's, as Netlify sends
// them). Once the home page has loaded and the worker says it is ready,
// the server is stopped and the browser set offline: every page of the
// site still opens with its title and its stylesheet, a status changed on
// the checklist survives a reload and shows in the gap analysis. Then a
// second build with one page changed is served at the same address: the
// page says a newer version is ready, and after the button the new text
// shows. No test sleeps: each waits on a condition.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser, listPages, ready, session, siteDir, waitForEntries } from './pages.mjs';
import { startServer } from './server.mjs';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const KEY = `readykit:${TK.site}:default:${TK.edition.id}`;

// nextDir is the next deploy: the same site with the about page's first
// paragraph changed (the Makefile's test-browser target builds it).
function nextDir() {
  const d = process.env.NEXT_SITE_DIR;
  if (!d || !statSync(resolve(d), { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error('NEXT_SITE_DIR is not a built site. Run `make test-browser`, which builds it into .cache/e2e-site-next.');
  }
  return resolve(d);
}
const OLD_TEXT = 'This guide is made with readykit.';
const NEW_TEXT = 'This guide, now updated, is made with readykit.';

// offlineReady waits until this page is in the hands of its worker, which
// has kept every file.
const offlineReady = (page) => page.waitForFunction(() => document.documentElement.dataset.rkOffline === 'ready');

// firstParagraph is the about page's first paragraph of text, the one the
// next deploy changes.
const firstParagraph = async (page) => (await page.locator('main p', { hasText: 'made with readykit' }).first().textContent()).replace(/\s+/g, ' ');

// Opens a browser and a context that allows service workers, closed after t.
async function open(t) {
  const browser = await launchBrowser();
  t.after(() => browser.close());
  return session(t, browser, { serviceWorkers: 'allow' });
}

test('after one visit every page works with the network gone, and a change is kept', async (t) => {
  const pages = listPages(dir);
  let server = await startServer(dir);
  t.after(() => server?.close());
  const base = server.url;
  const { context, page, trouble, quiet } = await open(t);
  await page.goto(base + '/');
  await ready(page);
  await offlineReady(page);

  // The worker's response headers are the ones the test server sends from
  // netlify.toml: browsers must ask for it again on every visit.
  const sw = await fetch(base + '/sw.js');
  assert.equal(sw.headers.get('cache-control'), 'no-cache');

  await server.close();
  server = null;
  await context.setOffline(true);
  // The server is gone: a request that reached the network would fail.
  await assert.rejects(fetch(base + '/'));

  const problems = [];
  for (const p of pages) {
    const title = /<title>([^<]*)<\/title>/.exec(p.html)?.[1].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    const moved = /http-equiv=("?)refresh\1/.test(p.html);
    try {
      const res = await page.goto(base + p.url);
      if (!res || !res.ok()) {
        problems.push(`${p.url}: answered ${res?.status()}`);
        continue;
      }
      // An old address sends the reader on: its page is checked in turn.
      if (moved) continue;
      if ((await page.title()) !== title) problems.push(`${p.url}: title "${await page.title()}", want "${title}"`);
      const styled = await page.evaluate(() =>
        [...document.styleSheets].some((s) => /\/assets\/site\.[0-9a-f]+\.css$/.test(s.href ?? '') && s.cssRules.length > 0),
      );
      if (!styled) problems.push(`${p.url}: site.css did not apply`);
    } catch (err) {
      problems.push(`${p.url}: ${err.message.split('\n')[0]}`);
    }
  }
  assert.deepEqual(problems, [], 'pages offline');
  assert.ok(pages.length > 50, `only ${pages.length} pages`);

  // A page of the site asked for with a query, without its slash, or as
  // its index.html is the kept page; an address of no page is the 404 page.
  for (const [url, want] of [['/checklist/?status=met', '/checklist/'], ['/checklist', '/checklist/'], ['/checklist/index.html', '/checklist/']]) {
    const res = await page.goto(base + url);
    assert.ok(res.ok(), `${url} answered ${res.status()}`);
    assert.equal(await page.title(), pages.find((p) => p.url === want).html.match(/<title>([^<]*)</)[1], url);
  }
  const missing = await page.goto(base + '/no-such-page/');
  assert.equal(missing.status(), 404);
  assert.equal(await page.title(), pages.find((p) => p.url === '/404.html').html.match(/<title>([^<]*)</)[1]);
  // Chromium logs every 404 answer as an error: this one is the point.
  const expected = trouble.findIndex((m) => /\/no-such-page\/: Failed to load resource: .* 404 \(Not Found\)$/.test(m));
  assert.ok(expected >= 0, trouble.join('\n'));
  trouble.splice(expected, 1);

  // A status changed offline is kept through a reload, and the gap
  // analysis (opened offline too) counts it.
  const item = TK.items.find((i) => i.level === 'approaching');
  await page.goto(base + '/checklist/');
  await ready(page);
  const quick = page.locator(`[data-rk-task="${item.id}"] [data-rk-quick]`);
  await quick.focus();
  await quick.selectOption('met');
  await waitForEntries(page, { [item.id]: { status: 'met' } }, KEY);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator(`[data-rk-task="${item.id}"] [data-rk-quick]`).inputValue(), 'met');
  await page.goto(base + '/gaps/');
  await ready(page);
  const gaps = await page.locator('[data-rk-gap-rows="approaching"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(gaps.length, TK.edition.counts.approaching - 1, 'one item fewer still needed');
  assert.ok(!gaps.includes(item.url), `${item.id} is done, yet listed as a gap`);
  quiet();
});

test('a new deploy is offered as a newer version, and after the button the new page shows', async (t) => {
  const next = nextDir();
  let server = await startServer(dir);
  t.after(() => server?.close());
  const { port } = new URL(server.url);
  const { page, quiet } = await open(t);
  await page.goto(server.url + '/about/');
  await ready(page);
  await offlineReady(page);
  assert.match(await firstParagraph(page), new RegExp('^' + OLD_TEXT.replace(/\./g, '\\.')));
  assert.equal(await page.locator('[data-rk-update]').isVisible(), false, 'no newer version yet');

  // The next deploy, at the same address.
  await server.close();
  server = await startServer(next, { port: Number(port) });

  // Typing left in a field when the reader accepts the newer version is
  // saved, not lost: the click moves focus off the field first.
  const item = TK.items[0];
  await page.goto(server.url + item.url);
  await ready(page);
  const box = page.locator('[data-rk-update]');
  await box.waitFor({ state: 'visible' });
  assert.equal(await box.locator('p').textContent(), 'A newer version of this guide is ready.');
  const live = await box.evaluate((b) => b.parentElement.getAttribute('role'));
  assert.equal(live, 'status');
  // The old page is still the kept one until the reader says.
  const more = page.locator(`[data-rk-item="${item.id}"] details.rk-more`);
  if (!(await more.evaluate((d) => d.open))) await more.locator('summary').click();
  const evidence = page.getByLabel('Where the evidence is kept', { exact: true });
  await evidence.fill('Blue folder in the office');
  const button = box.getByRole('button', { name: 'Use the newer version' });
  const size = await button.boundingBox();
  assert.ok(size.height >= 24 && size.width >= 24, `the button is ${size.width}x${size.height}`);
  await Promise.all([page.waitForEvent('load'), button.click()]);
  await ready(page);
  await waitForEntries(page, { [item.id]: { evidence: 'Blue folder in the office' } }, KEY);
  assert.equal(await evidence.inputValue(), 'Blue folder in the office');

  await page.goto(server.url + '/about/');
  await ready(page);
  assert.match(await firstParagraph(page), new RegExp('^' + NEW_TEXT.replace(/\./g, '\\.')));
  await offlineReady(page);
  assert.equal(await page.locator('[data-rk-update]').isVisible(), false, 'the newer version is in use');
  quiet();
});
