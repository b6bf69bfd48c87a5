// Workshops on shared laptops (issue 15, points 4 and 5), end to end in
// Debian's Chromium under the production CSP. The organiser's page
// (/workshop/) is in the build, linked from every page's footer, reads
// without JavaScript, prints on A4 and axe finds nothing on it. On the Your
// progress page each profile is listed by its care home's name, the one
// saved in its progress, not as "Unnamed profile"; a new profile asks for
// the home's name first, and an empty one is refused in words, with
// nothing created. No test sleeps.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goTo, pageProblems, serveSite, session as openSession, siteDir } from './pages.mjs';
import { NAME_NEEDED } from '../themes/default/static/js/account-text.js';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const INDEX = `readykit:${TK.site}:profiles`;
const keyOf = (profile) => `readykit:${TK.site}:${profile}:${TK.edition.id}`;
const site = serveSite(dir);
const session = (t, options = {}) => openSession(t, site.browser, options);
const visit = (page, path) => goTo(page, site.server.url + path);

let tmp;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'readykit-workshop-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const stored = (page, key) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
const options = (page) => page.locator('[data-rk-profile-select] option').allTextContents();

test('the organiser\'s page is built, linked from the footer, and reads without JavaScript', async (t) => {
  assert.ok(existsSync(join(dir, 'workshop', 'index.html')), 'workshop/index.html is not in the build');
  const { page } = await session(t, { javaScriptEnabled: false });
  await page.goto(site.server.url + '/');
  await page.getByRole('navigation', { name: 'Footer' }).getByRole('link', { name: 'Running a workshop' }).click();
  await page.waitForURL((u) => u.pathname === '/workshop/');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Running a workshop');
  assert.deepEqual(await page.getByRole('heading', { level: 2 }).allTextContents(), ['Before the day', 'On the day', 'At the end', 'Back at the home']);
  const links = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const want of ['/worksheets/', '/progress/', '/checklist/', '/group/']) assert.ok(links.includes(want), `no link to ${want}: ${links}`);
});

test('the organiser\'s page prints on A4 with every step, and axe finds nothing on it', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/workshop/');
  assert.deepEqual(await pageProblems(page, '/workshop/'), []);
  const file = join(tmp, 'workshop.pdf');
  await page.pdf({ path: file, format: 'A4' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  assert.ok(size && Math.abs(size[1] - 595) < 2 && Math.abs(size[2] - 842) < 2, `page size ${size?.[0]} is not A4`);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  assert.ok(pages >= 1 && pages <= 3, `${pages} pages`);
  const squeeze = (s) => s.replace(/\s+/g, '');
  const text = squeeze(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
  for (const s of ['Running a workshop', 'Before the day', 'Print the worksheets', 'One profile for each care home', 'Download the backup', 'Remove the home from the laptop', 'Back at the home']) {
    assert.ok(text.includes(squeeze(s)), `"${s}" is not printed`);
  }
  quiet();
});

test("each profile is listed by its care home's name, saved in its progress, not as unnamed", async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/progress/');
  assert.deepEqual(await options(page), ['Unnamed profile'], 'a first visit has one unnamed profile');

  // The home's name typed on this page names the profile in use at once.
  await page.getByLabel('Name of your care service').fill('Tŷ Glas');
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) || 'null')?.organisation?.name === 'Tŷ Glas', keyOf('default'));
  await page.waitForFunction(() => document.querySelector('[data-rk-profile-select]').options[0]?.textContent === 'Tŷ Glas');

  await page.getByLabel('Name of the care home for a new profile').fill('Oak House');
  await page.getByRole('button', { name: 'Add a profile' }).click();
  await page.waitForFunction(() => document.querySelector('[data-rk-profile-select]').value === 'oak-house');
  // The other home's name now comes from its stored progress.
  assert.deepEqual(await options(page), ['Tŷ Glas', 'Oak House']);
  assert.equal((await stored(page, INDEX)).profiles.find((p) => p.id == 'default').name, '', "the first profile's own name is still empty");

  // And after a reload, from storage alone, in a page that opens later.
  await visit(page, '/progress/');
  assert.deepEqual(await options(page), ['Tŷ Glas', 'Oak House']);
  assert.equal(await page.locator('[data-rk-profile-select]').inputValue(), 'oak-house');
  assert.doesNotMatch(await page.locator('[data-rk-profile-select]').textContent(), /Unnamed profile/);
  quiet();
});

test('a new profile with no name shows why, in words a screen reader hears, and creates nothing', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/progress/');
  const before = await stored(page, INDEX);
  const input = page.getByLabel('Name of the care home for a new profile');
  const problem = page.locator('#rk-profile-name-problem');
  assert.ok(await problem.isHidden(), 'no error before anything is tried');

  for (const typed of ['', '   ']) {
    await input.fill(typed);
    await page.getByRole('button', { name: 'Add a profile' }).click();
    await problem.waitFor({ state: 'visible' });
    assert.equal(await problem.textContent(), NAME_NEEDED);
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'rk-profile-name', 'the focus goes to the field');
    assert.equal(await page.locator('[data-rk-announce]').textContent(), NAME_NEEDED, 'read out');
    const described = await page.evaluate(() => {
      const i = document.getElementById('rk-profile-name');
      return i.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join(' ');
    });
    assert.equal(described, NAME_NEEDED, 'the field is described by the error');
    assert.deepEqual(await stored(page, INDEX), before, 'no profile was created');
    assert.deepEqual(await options(page), ['Unnamed profile']);
  }
  assert.deepEqual(await pageProblems(page, '/progress/ with the error shown'), []);

  // Typing a name takes the error away; adding then works.
  await input.fill('Tŷ Glas');
  await problem.waitFor({ state: 'hidden' });
  assert.equal(await input.getAttribute('aria-invalid'), null);
  await page.getByRole('button', { name: 'Add a profile' }).click();
  await page.waitForFunction(() => document.querySelector('[data-rk-profile-select]').options.length === 2);
  assert.deepEqual((await stored(page, INDEX)).profiles.map((p) => p.name), ['', 'Tŷ Glas']);
  assert.deepEqual(await options(page), ['Unnamed profile', 'Tŷ Glas']);
  quiet();
});
