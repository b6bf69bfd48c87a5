// The evidence register (/register/), end to end: seeded progress with
// items done (their evidence, owner and date), not applicable with a
// reason and without one, and a recorded publication; the table lists
// every item of the edition in order, as plan.js's registerRows has it;
// it prints on A4 landscape with every item, every reason and the header
// on each sheet (read back with poppler); the CSV download parses back to
// the table's rows; without JavaScript the page says why it is empty; and
// axe finds nothing at 1280 and at 320 CSS px, where the rows stack with
// no sideways scrolling.
//
// Debian's Chromium under the production CSP. No test sleeps.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goTo, neutral, pageProblems, parseCSV, serveSite, session as openSession, siteDir } from './pages.mjs';
import { emptyDocument } from '../themes/default/static/js/progress.js';
import { REGISTER_COLUMNS, registerRows } from '../themes/default/static/js/plan.js';
import { longDate } from '../themes/default/static/js/words.js';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const KEY = `readykit:${TK.site}:default:${TK.edition.id}`;
const site = serveSite(dir);

const TODAY = '2026-12-02';
const ORG = 'Willow Lodge Care Home';
const STAMP = `${TODAY}T09:00:00.000Z`;

// Done items with a review rule and without, items not applicable (which
// allow it) with a reason and without, and one in progress with text a
// spreadsheet would run as a formula.
const withReview = TK.items.filter((it) => it.review && !it.notApplicable);
const withoutReview = TK.items.filter((it) => !it.review && !it.notApplicable);
const naAllowed = TK.items.filter((it) => it.notApplicable);
const DONE = {
  [withReview[0]?.id ?? withoutReview[2].id]: { evidence: 'ICO certificate, office file A', owner: 'Registered manager', done: '2026-05-31' },
  [withoutReview[0].id]: { evidence: 'Policy binder, shelf 2\nand the shared drive', owner: 'Deputy manager', done: '2026-10-01' },
  [withoutReview[1].id]: { evidence: '=Backup log, IT folder', owner: '@it-support' },
};
const NA = { [naAllowed[0].id]: 'We have no CCTV, inside or out.', [naAllowed[1].id]: '' };
const IN_PROGRESS = withoutReview[3].id;

function document() {
  const doc = emptyDocument({ site: TK.site, edition: TK.edition.id, profile: { id: 'default' }, now: STAMP });
  doc.organisation.name = ORG;
  doc.published = { date: '2026-06-27', level: 'approaching' };
  for (const [id, e] of Object.entries(DONE)) doc.items[id] = { status: 'met', ...e, updated: STAMP };
  for (const [id, reason] of Object.entries(NA)) doc.items[id] = { status: 'not-applicable', reason, updated: STAMP };
  doc.items[IN_PROGRESS] = { status: 'in-progress', owner: 'Sam Patel', evidence: 'Draft on the shared drive', updated: STAMP };
  return doc;
}
const DOC = document();
// What the page must show: plan.js's rows, their dates in words.
const ROWS = registerRows(TK.items, DOC, TK.labels);
const SHOWN = ROWS.map((r) => r.map((c, i) => (i == 7 || i == 8 ? longDate(c) || c : c)));

let tmp;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'readykit-register-'));
});
after(() => {
  if (process.env.RK_KEEP_PDF) console.log(`PDFs kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
});

const session = (t, options = {}) =>
  openSession(t, site.browser, { today: new Date(`${TODAY}T10:00:00Z`), acceptDownloads: true, seed: { origin: site.server.url, key: KEY, value: JSON.stringify(DOC) }, ...options });
const visit = (page) => goTo(page, site.server.url + '/register/');
const tableRows = (page) => page.locator('[data-rk-register-rows] tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));


test('the seeded progress covers what the register must show', () => {
  assert.ok(TK.items.length >= 40, `${TK.items.length} items`);
  assert.equal(Object.keys(DONE).length, 3);
  assert.equal(Object.keys(NA).length, 2);
  assert.ok(ROWS.some((r) => r[9] === TK.labels.noReason), 'no row says no reason was recorded');
});

test('the gap analysis, Your progress and the checklist link to the register', async (t) => {
  const { page } = await session(t, { javaScriptEnabled: false });
  for (const path of ['/gaps/', '/progress/', '/checklist/']) {
    await page.goto(site.server.url + path);
    const link = page.locator('main a[href="/register/"]');
    assert.equal(await link.count(), 1, `${path} has no link to the register`);
    assert.equal(await link.textContent(), 'evidence register');
  }
});

test('the register lists every item in order, with where done items keep their evidence and why items are not applicable', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page);
  assert.equal(await page.locator('[data-rk-nojs]').isVisible(), false);
  assert.deepEqual(await page.locator('[data-rk-register] thead tr:last-child th').allTextContents(), REGISTER_COLUMNS);
  const rows = await tableRows(page);
  assert.equal(rows.length, TK.items.length);
  assert.deepEqual(rows, SHOWN);
  // Each item in the edition's order, linked to its page.
  assert.deepEqual(await page.locator('[data-rk-register-rows] a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), TK.items.map((it) => it.url));
  const byId = new Map(TK.items.map((it, i) => [it.id, rows[i]]));
  for (const [id, e] of Object.entries(DONE)) {
    assert.equal(byId.get(id)[4], TK.labels.statuses.met, id);
    assert.equal(byId.get(id)[5], e.evidence, `${id} does not show where its evidence is kept`);
    assert.equal(byId.get(id)[6], e.owner);
    assert.equal(byId.get(id)[7], longDate(e.done ?? ''));
  }
  assert.equal(byId.get(naAllowed[0].id)[9], NA[naAllowed[0].id]);
  assert.equal(byId.get(naAllowed[1].id)[9], TK.labels.noReason);
  // A review date from a rule that is not confirmed says to check it.
  const reviewed = withReview[0];
  if (reviewed) {
    assert.match(byId.get(reviewed.id)[8], /^\d{1,2} \w+ \d{4}$/, 'the next review of an item done is a date');
    if (reviewed.review.check) assert.match(byId.get(reviewed.id)[10], /review date/);
  }
  assert.equal(await page.locator('[data-rk-report-for]').textContent(), `For ${ORG}, made on ${longDate(TODAY)}. Data Security and Protection Toolkit, ${TK.edition.title} edition.`);
  assert.match(await page.locator('[data-rk-register-summary]').textContent(),
    new RegExp(`^${TK.items.length} items: 3 done, 2 not applicable, ${TK.items.length - 5} still to do\\. You published the toolkit on 27 June 2026, at Approaching Standards\\.$`));
  quiet();
});

test('the register prints on A4 landscape: every item, every reason and evidence location, the header on every sheet', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page);
  const file = join(tmp, 'register.pdf');
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  assert.ok(size && Math.abs(size[1] - 841.9) < 2 && Math.abs(size[2] - 595.3) < 2, `page size ${size?.[0]} is not A4 landscape`);
  assert.ok(count >= 2, `the register printed on ${count} page(s)`);
  const squeeze = (s) => s.replace(/\s+/g, '');
  const pages = [];
  for (let n = 1; n <= count; n++) pages.push(squeeze(execFileSync('pdftotext', ['-raw', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' })));
  const all = pages.join('');
  for (const it of TK.items) assert.ok(all.includes(squeeze(it.title)), `${it.id} ${it.title} is not in the printed register`);
  for (const s of [...Object.values(DONE).map((e) => e.evidence), NA[naAllowed[0].id], TK.labels.noReason, ORG]) assert.ok(all.includes(squeeze(s)), `${JSON.stringify(s)} is not printed`);
  // The column headers and the running header repeat on every sheet of
  // the table (the site's footer may end on a sheet of its own).
  const sheets = pages.filter((p) => TK.items.some((it) => p.includes(squeeze(it.title))));
  assert.ok(sheets.length >= 2, `the table is on ${sheets.length} sheet(s)`);
  sheets.forEach((p, i) => {
    assert.ok(p.includes(squeeze('Where the evidence is kept')), `sheet ${i + 1} has no column headers`);
    assert.ok(p.includes(squeeze(`Evidence register · ${ORG}`)), `sheet ${i + 1} has no running header`);
  });
  assert.ok(!all.includes(squeeze('Download as a spreadsheet')) && !all.includes(squeeze('Skip to main content')), 'buttons or the skip link were printed');
  // No row is cut between sheets: each item's title is whole on exactly
  // one sheet (a title inside another's is left out of the count), with
  // what was typed for it.
  const titles = TK.items.map((it) => squeeze(it.title));
  TK.items.forEach((it, i) => {
    if (titles.some((t, j) => j != i && t.includes(titles[i]))) return;
    const on = pages.filter((p) => p.includes(titles[i]));
    assert.equal(on.length, 1, `${it.id} ${it.title} is on ${on.length} sheets`);
    for (const s of [DONE[it.id]?.evidence, NA[it.id]].filter(Boolean)) assert.ok(on[0].includes(squeeze(s)), `${it.id}'s row is cut: ${JSON.stringify(s)} is not on its sheet`);
  });
  quiet();
});

test('the CSV download parses back to the rows of the table, formulas made text', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page);
  // From the keyboard: the button takes the focus, visibly, and Enter downloads.
  const button = page.getByRole('button', { name: 'Download as a spreadsheet (CSV)' });
  await button.focus();
  assert.notEqual(await button.evaluate((b) => getComputedStyle(b).outlineStyle), 'none', 'no focus outline on the button');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(download.suggestedFilename(), `willow-lodge-care-home-evidence-register-${TODAY}.csv`);
  const text = readFileSync(await download.path(), 'utf8');
  assert.ok(text.startsWith('\ufeff'), 'no byte order mark for Excel');
  const [header, ...rows] = parseCSV(text.slice(1));
  assert.deepEqual(header, REGISTER_COLUMNS);
  assert.deepEqual(rows, ROWS.map((r) => r.map(neutral)));
  // The same rows as the table, whose dates are in words.
  const table = await tableRows(page);
  assert.deepEqual(rows.map((r) => r.map((c, i) => (i == 7 || i == 8 ? longDate(c) || c : c.replace(/^'(?=[=+\-@])/, '')))), table);
  assert.ok(rows.some((r) => r[5] === "'=Backup log, IT folder"), 'the formula is not made text');
  assert.ok(rows.some((r) => r[9] === NA[naAllowed[0].id]) && rows.some((r) => r[9] === TK.labels.noReason), 'the reasons are not in the CSV');
  quiet();
});

test('without JavaScript the register says why it is empty, and shows no table', async (t) => {
  const { page } = await session(t, { javaScriptEnabled: false });
  await page.goto(site.server.url + '/register/');
  assert.equal(await page.locator('[data-rk-nojs]').isVisible(), true);
  assert.match(await page.locator('[data-rk-nojs]').textContent(), /needs JavaScript/);
  assert.equal(await page.locator('[data-rk-register]').isVisible(), false);
});

for (const width of [1280, 320]) {
  test(`axe finds nothing on the register at ${width} px, and nothing scrolls sideways`, async (t) => {
    const { page, quiet } = await session(t, { viewport: { width, height: 800 } });
    await visit(page);
    assert.deepEqual(await pageProblems(page, `/register/ at ${width} px`), []);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, `the page is ${wide} px wide at ${width} px`);
    if (width == 320) {
      // Stacked: each value beside its column's name, none squeezed so
      // narrow that its words break letter by letter.
      const narrow = await page.locator('[data-rk-register-rows] td').evaluateAll((tds) => tds.filter((td) => td.textContent && td.getBoundingClientRect().width < 8 * parseFloat(getComputedStyle(td).fontSize)).length);
      assert.equal(narrow, 0, `${narrow} cells narrower than 8 characters`);
      const label = await page.locator('[data-rk-register-rows] td').nth(1).evaluate((td) => getComputedStyle(td, '::before').content);
      assert.equal(label, '"Evidence item" / ""');
    }
    quiet();
  });
}
