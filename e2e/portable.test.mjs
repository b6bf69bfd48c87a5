// The portable copy (issue 15, point 2), end to end in Debian's Chromium:
// the .zip the published site offers is unpacked into a temporary folder
// and every page is opened with a file:// URL, as after double-clicking
// index.html on a USB stick. Each page has its stylesheet, every link
// inside the copy leads to a file of the copy, the script starts with no
// console error, progress is saved and survives a reload, the search works
// without fetching, and axe-core finds nothing. No test sleeps.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser, pageProblems, ready, session as openSession, siteDir, walk } from './pages.mjs';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const KEY = `readykit:${TK.site}:default:${TK.edition.id}`;
const PYTHON = process.env.PYTHON || 'python3';

let tmp, root, browser;
before(async () => {
  const zips = readdirSync(join(dir, 'download')).filter((f) => f.endsWith('.zip'));
  assert.equal(zips.length, 1, `download/ holds ${zips}`);
  tmp = mkdtempSync(join(tmpdir(), 'readykit-portable-'));
  execFileSync(PYTHON, ['-m', 'zipfile', '-e', join(dir, 'download', zips[0]), tmp]);
  const top = readdirSync(tmp);
  assert.equal(top.length, 1, `the .zip unpacks into one folder, not ${top}`);
  root = join(tmp, top[0]);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const session = (t, options) => openSession(t, browser, options);
const fileURL = (rel) => pathToFileURL(join(root, rel)).href;
const pages = () => walk(root, '.html').map((f) => relative(root, f).split(sep).join('/')).sort();

test('the copy has every page of the site, and none of the files only a web server reads', () => {
  const site = walk(dir, '.html').map((f) => relative(dir, f).split(sep).join('/')).sort();
  assert.deepEqual(pages(), site);
  assert.ok(existsSync(join(root, 'index.html')), 'no index.html at the top of the copy');
  for (const f of ['sw.js', '_headers', '_redirects', 'sitemap.xml', 'robots.txt']) assert.ok(!existsSync(join(root, f)), `${f} is in the copy`);
  assert.deepEqual(walk(root, '.zip'), []);
});

test('every page opened from disk has its styles, links only to files of the copy, and starts its script without an error', async (t) => {
  const { page, quiet } = await session(t);
  for (const rel of pages()) {
    await page.goto(fileURL(rel));
    // The redirect pages at old addresses have no script; they send the
    // reader on at once, to a page of the copy.
    const moved = await page.evaluate(() => !!document.querySelector('meta[http-equiv="refresh"]'));
    if (moved) continue;
    await ready(page);
    // site.css sets these; a browser's defaults are an 8px margin, a
    // serif font and a skip link in the flow of the page.
    const styled = await page.evaluate(() => {
      const body = getComputedStyle(document.body);
      return body.margin === '0px' && body.fontFamily.includes('system-ui') && getComputedStyle(document.querySelector('.skip-link')).position === 'absolute';
    });
    assert.ok(styled, `${rel}: the stylesheet did not apply`);
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
    for (const href of hrefs) {
      const u = new URL(href);
      if (u.protocol === 'https:' || u.protocol === 'mailto:' || u.protocol === 'tel:') continue;
      assert.equal(u.protocol, 'file:', `${rel}: a link to ${href}`);
      const target = fileURLToPath(href.split(/[?#]/)[0]);
      assert.ok(target.startsWith(root + sep), `${rel}: ${href} leads out of the copy`);
      assert.ok(existsSync(target) && statSync(target).isFile(), `${rel}: ${href} leads to no file of the copy`);
    }
    // The copy says where it came from instead of offering itself.
    const footer = await page.locator('footer').textContent();
    assert.match(footer, /This is a copy of this guide, saved to use without the internet/, rel);
    assert.doesNotMatch(footer, /Take this site with you/, rel);
  }
  quiet();
});

test('progress is saved from disk and survives a reload', async (t) => {
  const { page, quiet } = await session(t);
  await page.goto(fileURL('checklist/index.html'));
  await ready(page);
  const id = TK.items[0].id;
  const row = page.locator(`[data-rk-task="${id}"]`);
  // The quick control gets its choices when it is first used.
  await row.locator('[data-rk-quick]').focus();
  await row.locator('[data-rk-quick]').selectOption('in-progress');
  await page.waitForFunction(({ key, id }) => JSON.parse(localStorage.getItem(key) || '{}').items?.[id]?.status === 'in-progress', { key: KEY, id });
  await page.reload();
  await ready(page);
  assert.equal(await row.locator('[data-rk-quick]').inputValue(), 'in-progress');
  // Another page of the copy reads the same saved progress.
  await page.goto(fileURL(`items/${id}/index.html`));
  await ready(page);
  assert.equal(await page.locator(`[data-rk-item] input[type=radio]:checked`).first().getAttribute('value'), 'in-progress');
  quiet();
});

test('the search page finds an item without fetching, and its result opens the item\'s page in the copy', async (t) => {
  const { page, quiet } = await session(t);
  const item = TK.items[0];
  await page.goto(fileURL('search/index.html'));
  await page.locator('[data-rk-search="ready"]').waitFor();
  await page.getByLabel('Search for').fill(item.title);
  const link = page.locator('[data-rk-search-results] a').filter({ hasText: item.title }).first();
  await link.waitFor();
  assert.equal(await link.evaluate((a) => a.href), fileURL(`items/${item.id}/index.html`));
  await link.click();
  await page.waitForURL(fileURL(`items/${item.id}/index.html`));
  await ready(page);
  quiet();
});

test('axe-core finds nothing on the home, checklist, an item, progress and gaps pages of the copy', async (t) => {
  const { page, trouble } = await session(t);
  const problems = [];
  for (const rel of ['index.html', 'checklist/index.html', `items/${TK.items[0].id}/index.html`, 'progress/index.html', 'gaps/index.html']) {
    await page.goto(fileURL(rel));
    await ready(page);
    assert.deepEqual(trouble, [], `${rel}: console errors`);
    problems.push(...(await pageProblems(page, rel)));
    // axe-core itself asks for the stylesheet again, which file:// pages
    // refuse with a console error; those are axe's, not the page's.
    trouble.length = 0;
  }
  assert.deepEqual(problems, []);
});
