// The checklist as a task list (issue 13): each item's status as a tag on the
// checklist and on its standard's page, changed with the quick control or on
// the item's page; "Not applicable" saved only with a reason; nothing moves
// as the scripts start (layout shift 0, desktop and phone); the filter by
// status, standard, level and who does it; and the checklist's weight in
// elements. No test sleeps: each waits on a condition in the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goTo, pageProblems, reload, serveSite, session as openSession, siteDir, waitForEntries } from './pages.mjs';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const KEY = `readykit:${TK.site}:default:${TK.edition.id}`;
const S = TK.labels.statuses;
const site = serveSite(dir);

// The checklist's rows as the built HTML has them: what the filter chooses by.
const HTML = readFileSync(join(dir, 'checklist', 'index.html'), 'utf8');
const ROWS = [...HTML.matchAll(/<li class="?task"? id="?item-[^"> ]+"? data-rk-task="?([^"> ]+)"? data-standard="?(\d+)"? data-level="?([a-z]+)"? data-who="?([a-z -]+?)"?>/g)].map((m) => ({
  id: m[1], standard: +m[2], level: m[3], who: m[4].split(' '),
}));

const session = (t, o) => openSession(t, site.browser, o);
const visit = (page, path) => goTo(page, site.server.url + path);
const row = (page, id) => page.locator(`[data-rk-task="${id}"]`);
const tag = (page, id) => row(page, id).locator('[data-rk-tag]');
const stored = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || 'null'), KEY);
const announced = (page, text) => page.waitForFunction((t) => document.querySelector('[data-rk-announce]').textContent === t, text);

// The quick control: reached (which adds its choices), then set.
async function quick(page, id, status) {
  const c = row(page, id).locator('[data-rk-quick]');
  await c.focus();
  await c.selectOption(status);
}

// The tag and reason line of every task row on the page: id -> text.
const tags = (page) =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-rk-task]')].map((r) => [r.dataset.rkTask, [r.querySelector('[data-rk-tag]').textContent, r.querySelector('[data-rk-reason]')?.textContent ?? null].join(' | ')])));

test('the built checklist has a row per item, with what the filter needs', () => {
  assert.equal(ROWS.length, TK.items.length);
  assert.deepEqual(ROWS.map((r) => r.id).sort(), TK.items.map((i) => i.id).sort());
  for (const r of ROWS) {
    const it = TK.items.find((i) => i.id === r.id);
    assert.equal(r.standard, it.standard, r.id);
    assert.equal(r.level, it.level, r.id);
    assert.ok(r.who.length > 0 && r.who.every((w) => /^[a-z-]+$/.test(w)), r.id);
  }
  assert.deepEqual(ROWS.find((r) => r.id === '1.1.1').who, ['manager', 'office']);
  assert.ok(!HTML.includes('task__box'), 'the inert box has gone');
});

test('marking items on the checklist and on an item page shows the right tag on the checklist and the standard page', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/checklist/');
  const before = await tags(page);
  for (const it of TK.items) assert.equal(before[it.id], `${S['not-started']} | `, it.id);

  await quick(page, '1.1.1', 'met');
  await announced(page, `1.1.1 Your ICO registration number: done. Approaching Standards 1 of ${TK.edition.counts.approaching}, Standards Met 1 of ${TK.edition.counts.met}.`);
  await quick(page, '1.1.2', 'in-progress');
  await waitForEntries(page, { '1.1.1': { status: 'met' }, '1.1.2': { status: 'in-progress' } });
  assert.equal(await tag(page, '1.1.1').textContent(), S.met);
  assert.equal(await tag(page, '1.1.2').textContent(), S['in-progress']);
  assert.match(await page.locator('[data-rk-announce]').textContent(), /^1\.1\.2 A record of the personal data you hold: in progress\. Approaching Standards 1 of \d+, Standards Met 1 of \d+\.$/);

  // On the item page: its form.
  await visit(page, '/items/1.1.3/');
  await page.locator('[data-rk-item="1.1.3"]').getByRole('radio', { name: S.met, exact: true }).check();
  await waitForEntries(page, { '1.1.3': { status: 'met' } });

  for (const path of ['/checklist/', '/standards/1/']) {
    await visit(page, path);
    const now = await tags(page);
    assert.equal(now['1.1.1'], `${S.met} | `, path);
    assert.equal(now['1.1.2'], `${S['in-progress']} | `, path);
    assert.equal(now['1.1.3'], `${S.met} | `, path);
    const other = TK.items.find((i) => i.standard === 1 && !['1.1.1', '1.1.2', '1.1.3'].includes(i.id)).id;
    assert.equal(now[other], `${S['not-started']} | `, `${path} ${other}`);
    if (path === '/checklist/') assert.equal(await row(page, '1.1.1').locator('[data-rk-quick]').inputValue(), 'met');
  }
  // Every item of standard 1 is listed on its page with a tag.
  assert.equal(await page.locator('[data-rk-task]').count(), TK.items.filter((i) => i.standard === 1).length);
  quiet();
});

test('"Not applicable" from the quick control is saved only with a reason, which the tag then shows', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/checklist/');
  const id = TK.items.find((i) => i.notApplicable).id;
  await quick(page, id, 'not-applicable');
  const reason = page.getByLabel('Why does this item not apply to you?');
  await reason.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), `rk-ask-${id}`, 'focus moves to the question');
  assert.equal(await stored(page), null, 'nothing saved yet');

  // A blank reason is refused.
  await reason.fill('   ');
  await page.getByRole('button', { name: 'Save as not applicable' }).click();
  await row(page, id).getByText('Give a short reason why this item does not apply').waitFor();
  await announced(page, 'Give a short reason why this item does not apply, or choose another status. Nothing has been saved.');
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  assert.equal(await stored(page), null, 'a blank reason saves nothing');
  assert.equal(await tag(page, id).textContent(), S['not-started']);

  // Cancel puts the control back as it was.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await reason.waitFor({ state: 'detached' });
  assert.equal(await row(page, id).locator('[data-rk-quick]').inputValue(), 'not-started');
  assert.equal(await page.evaluate(() => document.activeElement.matches('[data-rk-quick]')), true, 'focus goes back to the control');

  // Left with the question open and no reason: a reload finds nothing saved.
  await quick(page, id, 'not-applicable');
  await reason.waitFor();
  await reload(page);
  assert.equal(await stored(page), null);
  assert.equal(await tag(page, id).textContent(), S['not-started']);

  // With a reason, Enter saves both.
  await quick(page, id, 'not-applicable');
  await reason.fill('We keep no paper records at all');
  await reason.press('Enter');
  await waitForEntries(page, { [id]: { status: 'not-applicable', reason: 'We keep no paper records at all' } });
  await reason.waitFor({ state: 'detached' });
  for (const path of ['/checklist/', `/standards/${TK.items.find((i) => i.id === id).standard}/`]) {
    if (path !== '/checklist/') await visit(page, path);
    assert.equal((await tags(page))[id], `${S['not-applicable']} | Reason: We keep no paper records at all`, path);
  }
  quiet();
});

test('"Not applicable" on the item page asks for a reason first; without one nothing is saved', async (t) => {
  const { page, quiet } = await session(t);
  const id = TK.items.find((i) => i.notApplicable).id;
  await visit(page, `/items/${id}/`);
  const form = page.locator(`[data-rk-item="${id}"]`);
  const reason = form.getByLabel('Why does this item not apply to you?');
  assert.equal(await reason.isVisible(), false, 'no reason asked for until "Not applicable" is chosen');
  await form.getByRole('radio', { name: S['not-applicable'], exact: true }).check();
  await reason.waitFor();
  await page.waitForFunction(() => /once you give a reason/.test(document.querySelector('[data-rk-announce]').textContent));
  // A done date is saved, the status is not.
  await form.getByLabel('Date done or last reviewed').fill('2026-11-30');
  await form.getByLabel('Date done or last reviewed').blur();
  await waitForEntries(page, { [id]: { done: '2026-11-30', status: 'not-started' } });
  await reload(page);
  assert.equal((await stored(page)).items[id].status, 'not-started', 'not applicable without a reason was not saved');
  assert.equal(await form.locator('input[type=radio]:checked').getAttribute('value'), 'not-started');
  assert.equal(await form.getByLabel('Date done or last reviewed').inputValue(), '2026-11-30');

  await form.getByRole('radio', { name: S['not-applicable'], exact: true }).check();
  await reason.fill('Everything is on the care system');
  await reason.blur();
  await waitForEntries(page, { [id]: { status: 'not-applicable', reason: 'Everything is on the care system', done: '2026-11-30' } });
  // Blanking the reason is refused while the item does not apply.
  await reason.fill('');
  await reason.blur();
  await page.waitForFunction(() => /Nothing has been saved\.$/.test(document.querySelector('[data-rk-announce]').textContent));
  assert.equal((await stored(page)).items[id].reason, 'Everything is on the care system');
  await reload(page);
  assert.equal(await reason.inputValue(), 'Everything is on the care system');
  await visit(page, '/checklist/');
  assert.equal((await tags(page))[id], `${S['not-applicable']} | Reason: Everything is on the care system`);
  quiet();
});

// Records every layout shift from the start of the page.
function recordShifts() {
  window.__shifts = [];
  new PerformanceObserver((l) => window.__shifts.push(...l.getEntries().map((e) => ({ value: e.value, input: e.hadRecentInput, nodes: e.sources.map((s) => s.node?.outerHTML?.slice(0, 80) ?? '') })))).observe({ type: 'layout-shift', buffered: true });
}
// Two frames after the page is ready, so every shift so far has been reported.
const settled = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(window.__shifts)))));

const SEEDED = JSON.stringify({
  format: 'readykit-progress', version: 1, site: TK.site, edition: TK.edition.id, profile: { id: 'default', name: '' },
  organisation: { name: '', odsCode: '', completedBy: '' },
  created: '2026-11-01T10:00:00.000Z', updated: '2026-11-02T10:00:00.000Z', exported: new Date().toISOString(),
  items: {
    '1.1.1': { status: 'met', updated: '2026-11-02T10:00:00.000Z' },
    '1.1.2': { status: 'in-progress', updated: '2026-11-02T10:00:00.000Z' },
    [TK.items.find((i) => i.notApplicable).id]: { status: 'not-applicable', reason: 'A long reason that goes on and on, well past the width of one line of the checklist, to show that it is cut to one line there and moves nothing when it is filled in', updated: '2026-11-02T10:00:00.000Z' },
  },
  kept: {}, programme: { start: '', deadline: '' }, published: { date: '', level: '' },
});

// A manager's real return: her home's name saved, and her last backup more
// than a week old, so the header names the home and the summary reminds
// her to download a backup (early.js keeps their room).
const NAMED = JSON.stringify({ ...JSON.parse(SEEDED), organisation: { name: 'Oak House', odsCode: '', completedBy: '' }, exported: '2026-01-05T10:00:00.000Z' });

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
  for (const [seeded, what] of [[null, 'first visit'], [SEEDED, 'with saved progress'], [NAMED, "with the home's name and an old backup"]]) {
    test(`nothing moves as the checklist loads (${name}, ${what}): layout shift 0`, async (t) => {
      const { page, quiet } = await session(t, { viewport, init: recordShifts, ...(seeded && { seed: { origin: site.server.url, value: seeded } }) });
      await visit(page, '/checklist/');
      if (seeded) assert.equal(await tag(page, '1.1.1').textContent(), S.met, 'the saved progress was read');
      if (seeded == NAMED) {
        assert.equal(await page.locator('[data-rk-org-name]').textContent(), 'Oak House');
        assert.ok(await page.locator('[data-rk-who]').isVisible(), 'the header names the home');
        assert.ok(await page.locator('[data-rk-reminder]').first().isVisible(), 'the backup reminder shows');
      }
      const shifts = await settled(page);
      const total = shifts.reduce((n, s) => n + s.value, 0);
      assert.equal(total, 0, `layout shifts: ${JSON.stringify(shifts)}`);
      // The measure itself: a shift made now is seen.
      await page.evaluate(() => document.querySelector('main').prepend(Object.assign(document.createElement('div'), { className: 'rk-summary' })));
      const after = await settled(page);
      assert.ok(after.reduce((n, s) => n + s.value, 0) > 0, 'a shift made on purpose was not measured');
      quiet();
    });
  }
}

test("nothing moves as a standard's page and an item's page load with saved progress (layout shift 0)", async (t) => {
  const na = TK.items.find((i) => i.notApplicable);
  const { page, quiet } = await session(t, { init: recordShifts, seed: { origin: site.server.url, value: NAMED } });
  for (const path of [`/standards/${na.standard}/`, '/items/1.1.1/', `/items/${na.id}/`, '/']) {
    await visit(page, path);
    const shifts = await settled(page);
    assert.equal(shifts.reduce((n, s) => n + s.value, 0), 0, `${path}: layout shifts: ${JSON.stringify(shifts)}`);
  }
  quiet();
});

// What the page shows under a choice: the ids of the rows in view and the count.
const inView = (page) => page.evaluate(() => ({
  ids: [...document.querySelectorAll('[data-rk-task]')].filter((r) => r.checkVisibility()).map((r) => r.dataset.rkTask),
  count: document.querySelector('[data-rk-filter-count]').textContent,
  sections: [...document.querySelectorAll('[data-rk-section]')].filter((s) => s.checkVisibility()).length,
}));

test('the filter shows items by status, standard, level and who does it, says how many, and keeps the choice in the address', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/checklist/');
  await quick(page, '1.1.1', 'met');
  await quick(page, '2.1.1', 'in-progress');
  await waitForEntries(page, { '1.1.1': { status: 'met' }, '2.1.1': { status: 'in-progress' } });
  const all = ROWS.map((r) => r.id);
  assert.deepEqual((await inView(page)).ids, all);
  const filter = page.locator('[data-rk-filter]');
  const choose = async (label, value) => {
    await filter.getByLabel(label, { exact: true }).selectOption(value);
    await page.waitForFunction((v) => new URL(location.href).search.includes(encodeURIComponent(v)) || v === '', value);
  };
  const expect = async (want, what) => {
    const v = await inView(page);
    assert.deepEqual(v.ids, want, what);
    assert.equal(v.count, want.length === all.length ? `Showing all ${all.length} items` : `Showing ${want.length} of ${all.length} items${want.length ? '' : ': change a choice to see more'}`, what);
    await page.waitForFunction((c) => document.querySelector('[data-rk-announce]').textContent === c, v.count);
  };

  await choose('Status', 'met');
  await expect(['1.1.1'], 'status done');
  await choose('Status', 'not-started');
  await expect(all.filter((id) => id !== '1.1.1' && id !== '2.1.1'), 'status not started');
  await choose('Status', '');
  await choose('Standard', '2');
  await expect(ROWS.filter((r) => r.standard === 2).map((r) => r.id), 'standard 2');
  assert.equal((await inView(page)).sections, 1, 'only standard 2 is listed');
  await choose('Standard', '');
  await choose('Level', 'optional');
  await expect(ROWS.filter((r) => r.level === 'optional').map((r) => r.id), 'optional');
  await choose('Level', 'approaching');
  await choose('Who does it', 'it-provider');
  const itApproaching = ROWS.filter((r) => r.level === 'approaching' && r.who.includes('it-provider')).map((r) => r.id);
  assert.ok(itApproaching.length > 0 && itApproaching.length < all.length);
  await expect(itApproaching, 'approaching, by the IT provider');
  assert.equal(new URL(page.url()).search, '?level=approaching&who=it-provider');

  // The address keeps the choice: a reload shows the same.
  await reload(page);
  assert.equal(await filter.getByLabel('Level', { exact: true }).inputValue(), 'approaching');
  assert.deepEqual((await inView(page)).ids, itApproaching);
  // A choice no control offers is dropped.
  await visit(page, '/checklist/?standard=99&status=met');
  assert.deepEqual((await inView(page)).ids, ['1.1.1']);
  assert.equal(await filter.getByLabel('Standard', { exact: true }).inputValue(), '');
  quiet();
});

test('the checklist stays light: fewer than 800 elements once filled in', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/checklist/');
  const n = await page.evaluate(() => document.getElementsByTagName('*').length);
  t.diagnostic(`checklist: ${n} elements`);
  assert.ok(n < 800, `${n} elements`);
  assert.ok(n > TK.items.length * 5, `${n} elements: the count is not of the page`);
  quiet();
});

test('without JavaScript the checklist reads as a plain list: no controls, tags or filter', async (t) => {
  const { page } = await session(t, { javaScriptEnabled: false });
  await page.goto(site.server.url + '/checklist/');
  const seen = await page.evaluate(() => [...document.querySelectorAll('[data-rk-js]')].filter((e) => e.checkVisibility({ visibilityProperty: true })).length);
  assert.equal(seen, 0);
  const text = await page.locator('main').innerText();
  assert.ok(!text.includes(TK.labels.statuses['not-started']), 'no status is shown');
  assert.ok(!text.includes('Show only some items'), 'no filter');
  for (const it of TK.items) assert.ok(text.includes(it.title), it.id);
  assert.equal(await page.locator('[data-rk-js]').first().evaluate((e) => getComputedStyle(e).display), 'none', 'not just unseen: not laid out');
});

test('axe-core finds nothing on the task lists at 1280 and 320 px, with tags, a reason, the question for one and the filter in use', async (t) => {
  const problems = [];
  const na = TK.items.filter((i) => i.notApplicable);
  for (const width of [1280, 320]) {
    const { page, quiet } = await session(t, { viewport: { width, height: 800 } });
    await visit(page, '/checklist/');
    await quick(page, '1.1.1', 'met');
    await quick(page, '1.1.2', 'in-progress');
    await quick(page, na[0].id, 'not-applicable');
    await page.getByLabel('Why does this item not apply to you?').fill('We keep no paper records');
    await page.getByRole('button', { name: 'Save as not applicable' }).click();
    await waitForEntries(page, { [na[0].id]: { status: 'not-applicable' } });
    await quick(page, na[1].id, 'not-applicable');
    await page.getByRole('button', { name: 'Save as not applicable' }).click();
    await row(page, na[1].id).locator('.rk-problems').waitFor();
    problems.push(...(await pageProblems(page, `/checklist/ at ${width} px`)));
    await page.locator('[data-rk-filter]').getByLabel('Level', { exact: true }).selectOption('approaching');
    await page.waitForFunction(() => location.search === '?level=approaching');
    problems.push(...(await pageProblems(page, `/checklist/?level=approaching at ${width} px`)));
    await visit(page, `/standards/${na[0].standard}/`);
    problems.push(...(await pageProblems(page, `/standards/${na[0].standard}/ at ${width} px`)));
    await visit(page, `/items/${na[0].id}/`);
    problems.push(...(await pageProblems(page, `/items/${na[0].id}/ at ${width} px`)));
    quiet();
  }
  if (problems.length) assert.fail(problems.join('\n\n'));
});

test('keyboard only: Tab reaches a quick control, the arrow keys choose, and the question for a reason answers to Enter and Escape', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/checklist/');
  const focused = () => page.evaluate(() => ({ quick: document.activeElement.matches('[data-rk-quick]'), id: document.activeElement.closest('[data-rk-task]')?.dataset.rkTask ?? '' }));
  // From the first item's link, one Tab reaches its control.
  await page.locator('[data-rk-task="1.1.1"] .task__title').focus();
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(), { quick: true, id: '1.1.1' });
  const box = await page.locator('[data-rk-task="1.1.1"] [data-rk-quick]').boundingBox();
  assert.ok(box.width >= 24 && box.height >= 24, `the control is ${box.width} x ${box.height}`);
  await page.keyboard.press('ArrowDown');
  await waitForEntries(page, { '1.1.1': { status: 'in-progress' } });
  await announced(page, `1.1.1 Your ICO registration number: in progress. Approaching Standards 0 of ${TK.edition.counts.approaching}, Standards Met 0 of ${TK.edition.counts.met}.`);

  // Not applicable, by keyboard: Escape takes the question away, Enter saves.
  const id = TK.items.find((i) => i.notApplicable).id;
  const quickNA = row(page, id).locator('[data-rk-quick]');
  await quickNA.focus();
  await quickNA.selectOption('not-applicable');
  const reason = row(page, id).getByLabel('Why does this item not apply to you?');
  await reason.waitFor();
  await page.keyboard.press('Escape');
  await reason.waitFor({ state: 'detached' });
  assert.deepEqual(await focused(), { quick: true, id });
  assert.equal(await quickNA.inputValue(), 'not-started');
  await quickNA.selectOption('not-applicable');
  await reason.waitFor();
  await page.keyboard.type('No paper records here');
  await page.keyboard.press('Enter');
  await waitForEntries(page, { [id]: { status: 'not-applicable', reason: 'No paper records here' } });
  assert.deepEqual(await focused(), { quick: true, id }, 'the focus goes back to the control');
  quiet();
});
