// One stored document, one readiness: what the home page, the checklist
// and the gap analysis show is what scoring.js's readiness() counts, and
// what readykit report says (cmd/readykit/readiness_test.go). Both run the
// documents of testdata/readiness/site: the shared readiness vectors'
// statuses on the default site's items, each with its readiness.
//
// Also: toolkit.json carries the words the unit tests take it to carry
// (themes/default/tests/fixtures.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, goTo, serveSite, session, siteDir } from './pages.mjs';
import { readiness } from '../themes/default/static/js/scoring.js';
import { count, longDate } from '../themes/default/static/js/words.js';
import { LABELS } from '../themes/default/tests/fixtures.js';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const KEY = `readykit:${TK.site}:default:${TK.edition.id}`;
const ID_BY_URL = new Map(TK.items.map((it) => [it.url, it.id]));
const VECTORS = join(REPO_ROOT, 'testdata', 'readiness', 'site');
const files = readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort();

const site = serveSite(dir);

test('toolkit.json says the words the unit tests take it to say', () => {
  assert.deepEqual(TK.labels, LABELS);
  for (const it of TK.items) assert.equal(it.label, it.ref || LABELS.refToCheck, it.id);
  assert.ok(TK.items.some((it) => !it.ref), 'an item with no reference, so refToCheck is used');
  assert.equal(TK.edition.deadlineText, longDate(TK.edition.deadline));
  assert.notEqual(TK.edition.deadlineText, '');
});

test('there are readiness vectors for the default site', () => {
  assert.ok(files.length >= 3, files.join(', '));
});

// "7 of 40 done" (and maybe a sentence on what is not applicable) -> [7, 40].
const figures = (text) => {
  const m = /^(\d+) of (\d+) done\b/.exec(text);
  assert.ok(m, `"${text}" does not start with "N of M done"`);
  return [+m[1], +m[2]];
};

// The summary's tallies on the page: level -> figures, bar and blocking ids.
// The lists of what is still to do are made when opened: open them first.
const tallies = async (page) => {
  await page.locator('details.rk-blocking').evaluateAll((ds) => ds.forEach((d) => (d.open = true)));
  await page.waitForFunction(() => [...document.querySelectorAll('[data-rk-blocking]')].every((l) => l.children.length > 0));
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-rk-summary] [data-rk-tally]')].map((t) => ({
      level: t.dataset.rkTally,
      count: t.querySelector('[data-rk-count]').textContent,
      bar: [t.querySelector('[data-rk-bar]').value, t.querySelector('[data-rk-bar]').max],
      blocking: [...t.querySelectorAll('[data-rk-blocking] a')].map((a) => a.getAttribute('href')),
    })),
  );
};

for (const file of files) {
  test(`the pages show the readiness of ${file}`, async (t) => {
    const v = JSON.parse(readFileSync(join(VECTORS, file), 'utf8'));
    assert.equal(v.progress.edition, TK.edition.id, 'a document for the site as built');
    const want = v.want;
    assert.deepEqual(readiness(TK.items, v.progress), want,
      `${v.name}: readiness() over the built site's items differs from the vector's. If the site's items changed on purpose, write what readiness() gives now as its want.`);

    const { page, quiet } = await session(t, site.browser, { seed: { origin: site.server.url, key: KEY, value: JSON.stringify(v.progress) } });
    for (const path of ['/', '/checklist/']) {
      await goTo(page, site.server.url + path);
      const shown = await tallies(page);
      assert.deepEqual(shown.map((s) => s.level), ['approaching', 'met'], path);
      for (const s of shown) {
        const w = want[s.level];
        assert.deepEqual(figures(s.count), [w.done, w.total], `${path} ${s.level}: ${v.name}`);
        assert.deepEqual(s.bar, [w.done, w.total || 1], `${path} ${s.level}: the bar`);
        assert.deepEqual(s.blocking.map((u) => ID_BY_URL.get(u) ?? u), w.blocking, `${path} ${s.level}: still to do`);
      }
    }

    await goTo(page, site.server.url + '/gaps/');
    await page.locator('[data-rk-gaps]').waitFor();
    const rows = await page.locator('[data-rk-standards] tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, 2).map((td) => td.textContent)));
    // A standard with needed items stays listed when all of them are not
    // applicable, and says so; one with only optional items is left out.
    const needed = (n) => TK.items.some((it) => it.standard === n && (it.level === 'approaching' || it.level === 'met'));
    const wantRows = TK.standards.filter((st) => want.standards[st.number]?.total || needed(st.number)).map((st) => {
      const w = want.standards[st.number];
      return [`${st.number}. ${st.name}`, w?.total ? `${w.done} of ${w.total}` : 'All items not applicable'];
    });
    assert.deepEqual(rows, wantRows, `readiness by standard: ${v.name}`);
    // The gaps: what blocks Approaching Standards, then what else blocks Standards Met.
    const gaps = { approaching: want.approaching.blocking, met: want.met.blocking.filter((id) => !want.approaching.blocking.includes(id)) };
    for (const [level, ids] of Object.entries(gaps)) {
      const shown = await page.locator(`[data-rk-gap-count="${level}"]`).textContent();
      assert.equal(shown, ids.length ? count(ids.length, 'item', 'items') : 'nothing', `gaps for ${level}`);
      assert.equal(await page.locator(`[data-rk-gap-rows="${level}"] tr`).count(), ids.length, `gap rows for ${level}`);
    }
    quiet();
  });
}
