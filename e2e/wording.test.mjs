// Wording on the built pages that once read wrongly: the standards' cards
// ("3 items, 3 more for Standards Met"), the progress heading of an item
// with no reference ("Your progress on Reference to check"), and the home
// page's tallies, which count fewer items than the page's own figures once
// some are marked not applicable, and must say why.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goTo, listPages, serveSite, siteDir, waitForEntries } from './pages.mjs';
import { count as n } from '../themes/default/static/js/words.js';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const KEY = `readykit:${TK.site}:default:${TK.edition.id}`;
const count = (pred) => TK.items.filter(pred).length;

const site = serveSite(dir);

// What a standard's card should say, written out case by case.
function cardWords(a, m, o) {
  let s;
  if (a && m) s = `${n(a + m, 'item', 'items')}: ${a} for Approaching Standards and ${m} more for Standards Met.`;
  else if (a) s = `${n(a, 'item', 'items')}, ${a > 1 ? 'all ' : ''}for Approaching Standards.`;
  else if (m) s = `${n(m, 'item', 'items')}, only for Standards Met.`;
  else s = 'No items needed for either level.';
  if (o) s += ` Also ${n(o, 'optional item', 'optional items')}.`;
  return s;
}

test("each standard's card on the home page says how many items it has for each level, in words that read right", async () => {
  const page = await site.browser.newPage();
  try {
    await goTo(page, site.server.url + '/');
    const cards = await page.locator('.card').evaluateAll((cs) =>
      cs.map((c) => ({ title: c.querySelector('.card__title').textContent.trim(), meta: c.querySelector('.card__meta').textContent.trim() })),
    );
    assert.equal(cards.length, TK.standards.length, 'one card per standard');
    const want = TK.standards.map((s) => {
      const of = (level) => count((it) => it.standard == s.number && it.level == level);
      return { title: `${s.number}. ${s.name}`, meta: cardWords(of('approaching'), of('met'), of('optional')) };
    });
    assert.deepEqual(cards, want);
    // The default site has a standard needed only for Standards Met, the
    // case that used to read "3 items, 3 more for Standards Met".
    assert.ok(cards.some((c) => c.meta.includes('only for Standards Met')), cards.map((c) => c.meta).join('\n'));
    for (const c of cards) {
      assert.doesNotMatch(c.meta, /\b1 items\b|^\d+ items?, \d+ more/, c.title);
    }
  } finally {
    await page.close();
  }
});

test('an item with no reference is named by its title in its progress heading', async () => {
  const noRef = TK.items.filter((it) => !it.ref);
  assert.ok(noRef.length > 0, 'the default site has items with no reference');
  for (const p of listPages(dir)) {
    assert.ok(!p.html.includes(`Your progress on ${TK.labels.refToCheck}`), `${p.url} names an item "${TK.labels.refToCheck}"`);
    assert.ok(!p.html.includes(`Status of ${TK.labels.refToCheck}`), `${p.url} names an item's quick control "${TK.labels.refToCheck}"`);
  }
  const page = await site.browser.newPage();
  try {
    for (const it of noRef) {
      await goTo(page, site.server.url + it.url);
      const legend = page.locator(`[data-rk-item="${it.id}"] legend`);
      assert.equal((await legend.textContent()).trim(), `Your progress on ${it.title}`, it.url);
      assert.ok(await legend.isVisible(), `${it.url}: the heading is shown`);
    }
  } finally {
    await page.close();
  }
});

test('the home page says that items marked not applicable leave the count, in the singular and the plural', async () => {
  const approaching = count((it) => it.level == 'approaching');
  const met = approaching + count((it) => it.level == 'met');
  const na = TK.items.filter((it) => it.notApplicable && it.level == 'approaching').slice(0, 2);
  assert.equal(na.length, 2, 'the default site has two Approaching Standards items that allow "not applicable"');

  const context = await site.browser.newContext();
  const page = await context.newPage();
  const tallies = async () => {
    await goTo(page, site.server.url + '/');
    return {
      figures: await page.locator('.key-fact__figure').allTextContents(),
      approaching: (await page.locator('[data-rk-tally="approaching"] [data-rk-count]').textContent()).trim(),
      met: (await page.locator('[data-rk-tally="met"] [data-rk-count]').textContent()).trim(),
    };
  };
  const markNotApplicable = async (it) => {
    await goTo(page, site.server.url + it.url);
    await page.locator(`[data-rk-item="${it.id}"] label.rk-choice`, { hasText: 'Not applicable' }).click();
    // Saved once a reason is given.
    const reason = page.locator(`[data-rk-item="${it.id}"]`).getByLabel('Why does this item not apply to you?');
    await reason.fill('We keep no paper records');
    await reason.blur();
    await waitForEntries(page, { [it.id]: { status: 'not-applicable' } }, KEY);
  };
  try {
    let t = await tallies();
    // The page's own figures are the numbers the tallies are compared with.
    assert.ok(t.figures.includes(String(met)) && t.figures.includes(String(approaching)), t.figures.join(' | '));
    assert.equal(t.approaching, `0 of ${approaching} done`);
    assert.equal(t.met, `0 of ${met} done`);

    await markNotApplicable(na[0]);
    t = await tallies();
    assert.equal(t.approaching, `0 of ${approaching - 1} done. You marked 1 of the ${approaching} items as not applicable, so it is not counted.`);
    assert.equal(t.met, `0 of ${met - 1} done. You marked 1 of the ${met} items as not applicable, so it is not counted.`);

    await markNotApplicable(na[1]);
    t = await tallies();
    assert.equal(t.met, `0 of ${met - 2} done. You marked 2 of the ${met} items as not applicable, so they are not counted.`);
  } finally {
    await context.close();
  }
});
