// Printouts that stand on their own (issue 13): the gap analysis opens
// with the headline figures for both levels and the date, lists every
// not-applicable decision with its reason, and keeps a standard whose items
// are all not applicable; every printout says "Page N of M" on each page
// (read back from the PDF with poppler); and at 320 and 375 CSS px the
// report tables read as stacked rows, each cell under its column's name,
// with no sideways scrolling and no cell so narrow that words break letter
// by letter.
//
// The progress is seeded as a stored document, so these tests do not
// depend on how the checklist's controls are driven. No test sleeps.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goTo, pageProblems, REPO_ROOT, serveSite, session as openSession, siteDir } from './pages.mjs';
import { emptyDocument } from '../themes/default/static/js/progress.js';
import { longDate } from '../themes/default/static/js/words.js';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const KEY = `readykit:${TK.site}:default:${TK.edition.id}`;
const BY_ID = new Map(TK.items.map((it) => [it.id, it]));
const site = serveSite(dir);

// A day fixed for the clock, so that "Made on" is known.
const TODAY = '2026-12-02';
const ORG = 'Oak House';
const LONG_WORD = 'Pneumonoultramicroscopicsilicovolcanoconiosis-policy-folder';
const LONG_URL = 'https://sharepoint.example/sites/oakhouse/Shared%20Documents/Policies/Data-Security/2026-27/evidence-folder-for-the-toolkit-index.pdf';

// The needed items, and which can be marked not applicable: standard 5's
// only needed item allows it, so marking it leaves that standard with
// nothing counted.
const needed = TK.items.filter((it) => it.level === 'approaching' || it.level === 'met');
const naAllowed = needed.filter((it) => it.notApplicable);
const allNAStandard = [...new Set(naAllowed.map((it) => it.standard))].find((n) => needed.filter((it) => it.standard === n).every((it) => it.notApplicable));
const REASONS = {};
for (const it of needed.filter((it) => it.standard === allNAStandard)) REASONS[it.id] = `We have never had a breach to learn from at ${it.id}; the area manager keeps the log.`;
const NO_REASON_ID = naAllowed.find((it) => it.standard !== allNAStandard).id;

const done = needed.filter((it) => !it.notApplicable).slice(0, 6).map((it) => it.id);
const gapWithText = needed.find((it) => !it.notApplicable && !done.includes(it.id)).id;

function document() {
  const doc = emptyDocument({ site: TK.site, edition: TK.edition.id, profile: { id: 'default' }, now: `${TODAY}T09:00:00.000Z` });
  doc.organisation.name = ORG;
  for (const id of done) doc.items[id] = { status: 'met', done: TODAY, evidence: 'Office cabinet', updated: `${TODAY}T09:00:00.000Z` };
  for (const [id, reason] of Object.entries(REASONS)) doc.items[id] = { status: 'not-applicable', reason, updated: `${TODAY}T09:00:00.000Z` };
  doc.items[NO_REASON_ID] = { status: 'not-applicable', updated: `${TODAY}T09:00:00.000Z` };
  doc.items[gapWithText] = { status: 'in-progress', owner: LONG_WORD, evidence: LONG_URL, notes: `${LONG_WORD} ${LONG_URL}`, due: '2027-03-31', updated: `${TODAY}T09:00:00.000Z` };
  return doc;
}

// The headline figures, counted here from toolkit.json and the document
// alone: an item marked not applicable that may be leaves the count.
function figures(doc) {
  const counted = needed.filter((it) => !(it.notApplicable && doc.items[it.id]?.status === 'not-applicable'));
  const tally = (list) => [list.filter((it) => doc.items[it.id]?.status === 'met').length, list.length];
  const [ad, at] = tally(counted.filter((it) => it.level === 'approaching'));
  const [md, mt] = tally(counted);
  return `Approaching Standards: ${ad} of ${at} done. Standards Met: ${md} of ${mt} done. Made on ${longDate(TODAY)} for ${ORG}.`;
}

let tmp;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'readykit-printouts-'));
});
after(() => {
  if (process.env.RK_KEEP_PDF) console.log(`PDFs kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
});

const session = (t, options = {}) =>
  openSession(t, site.browser, { today: new Date(`${TODAY}T10:00:00Z`), seed: { origin: site.server.url, key: KEY, value: JSON.stringify(document()) }, ...options });

// Prints the page as Chromium's print dialog would (A4, the page's own
// @page size first) and reads each page's text back with poppler.
async function printPDF(page, name) {
  const file = join(tmp, `${name}.pdf`);
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
  const count = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  const pages = [];
  for (let n = 1; n <= count; n++) pages.push(execFileSync('pdftotext', ['-raw', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }));
  return { count, pages, all: pages.join('\n') };
}
const flat = (s) => s.replace(/\s+/g, ' ').trim();
const squeeze = (s) => s.replace(/\s+/g, '');

// Every page of the PDF says which page of how many it is, and says it once.
function assertPageNumbers(pdf, what) {
  assert.ok(pdf.count >= 1, `${what}: no page printed`);
  pdf.pages.forEach((text, i) => {
    const found = [...text.matchAll(/Page (\d+) of (\d+)/g)].map((m) => `${m[1]}/${m[2]}`);
    assert.deepEqual(found, [`${i + 1}/${pdf.count}`], `${what}, page ${i + 1} of ${pdf.count}: page numbers printed ${JSON.stringify(found)}`);
  });
}

test('the gap analysis opens with both levels\' figures, the date and whom it is for, and notes what they leave out', async (t) => {
  const { page, quiet } = await session(t);
  await goTo(page, site.server.url + '/gaps/');
  const doc = document();
  const head = flat(await page.locator('[data-rk-headline]').innerText());
  assert.equal(head, figures(doc));
  // It comes first: before the buttons and the tables.
  const order = await page.evaluate(() => {
    const first = document.querySelector('[data-rk-headline]');
    return ['[data-rk-print]', '[data-rk-standards]', '[data-rk-gap-table="approaching"]'].map((s) => !!(first.compareDocumentPosition(document.querySelector(s)) & Node.DOCUMENT_POSITION_FOLLOWING));
  });
  assert.deepEqual(order, [true, true, true]);
  const notes = flat(await page.locator('[data-rk-headline-notes]').innerText());
  const out = Object.keys(REASONS).length + 1;
  assert.match(notes, new RegExp(`^${out} items you marked not applicable are left out of these figures`));
  const toCheck = needed.filter((it) => it.check && !done.includes(it.id) && !(it.notApplicable && doc.items[it.id]?.status === 'not-applicable')).length;
  assert.match(notes, new RegExp(`${toCheck} items still to do are marked to check in the toolkit`));
  assert.match(flat(await page.locator('[data-rk-report-for]').innerText()), new RegExp(`${TK.edition.title} edition \\(publish by ${TK.edition.deadlineText}\\)`));
  quiet();
});

test('every not-applicable decision is listed with its reason, and a standard with all its items not applicable says so', async (t) => {
  const { page, quiet } = await session(t);
  await goTo(page, site.server.url + '/gaps/');
  const rows = await page.locator('[data-rk-na-rows] tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
  const want = TK.items.filter((it) => REASONS[it.id] || it.id === NO_REASON_ID)
    .map((it) => [it.label, it.title, String(it.standard), REASONS[it.id] || 'No reason recorded']);
  assert.deepEqual(rows, want);
  assert.equal(await page.locator('[data-rk-na-none]').isVisible(), false);
  const std = TK.standards.find((s) => s.number === allNAStandard);
  const row = await page.locator('[data-rk-standards] tr').evaluateAll((trs, name) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())).find((cells) => cells[0] === name), `${std.number}. ${std.name}`);
  assert.deepEqual(row, [`${std.number}. ${std.name}`, 'All items not applicable', ''], `standard ${allNAStandard} stays listed`);
  // Every standard with a needed item is listed.
  assert.equal(await page.locator('[data-rk-standards] tr').count(), new Set(needed.map((it) => it.standard)).size);
  quiet();
});

test('with nothing marked not applicable, the page says so and shows no empty table', async (t) => {
  const doc = document();
  for (const id of Object.keys(doc.items)) if (doc.items[id].status === 'not-applicable') delete doc.items[id];
  const { page, quiet } = await session(t, { seed: { origin: site.server.url, key: KEY, value: JSON.stringify(doc) } });
  await goTo(page, site.server.url + '/gaps/');
  assert.equal(await page.locator('[data-rk-na-none]').innerText(), 'You have marked no item as not applicable.');
  assert.equal(await page.locator('[data-rk-na-table]').isVisible(), false);
  assert.equal(await page.locator('[data-rk-headline-notes]').innerText().then((s) => s.includes('not applicable')), false);
  quiet();
});

test('the printed gap analysis has the figures on page 1, every reason, and "Page N of M" on every page', async (t) => {
  const { page, quiet } = await session(t);
  await goTo(page, site.server.url + '/gaps/');
  const pdf = await printPDF(page, 'gaps');
  t.diagnostic(`gap analysis: ${pdf.count} pages`);
  assert.ok(pdf.count >= 2, `${pdf.count} page(s)`);
  assertPageNumbers(pdf, 'gap analysis');
  assert.ok(squeeze(pdf.pages[0]).includes(squeeze(figures(document()))), `page 1 lacks the headline: ${pdf.pages[0].slice(0, 600)}`);
  const all = squeeze(pdf.all);
  assert.ok(all.includes(squeeze('Not applicable decisions')));
  for (const reason of Object.values(REASONS)) assert.ok(all.includes(squeeze(reason)), `the reason "${reason}" is not printed`);
  assert.ok(all.includes('Noreasonrecorded'));
  assert.ok(all.includes(squeeze('All items not applicable')));
  // The page's introduction is for the screen.
  assert.ok(!all.includes(squeeze('Print it for a meeting')), 'the introduction is printed');
  quiet();
});

test('every printout says "Page N of M" on each page: checklist, plan, worksheets, programme, register, an item', async (t) => {
  const { page, quiet } = await session(t);
  const std = TK.standards.find((s) => needed.some((it) => it.standard === s.number)).number;
  for (const [name, url] of [['checklist', '/checklist/'], ['plan', '/plan/'], ['worksheet', `/standards/${std}/worksheet/`], ['worksheets', '/worksheets/'],
    ['programme', '/programme/'], ['register', '/register/'], ['item', BY_ID.get(gapWithText).url], ['home', '/']]) {
    await goTo(page, site.server.url + url);
    const pdf = await printPDF(page, name);
    t.diagnostic(`${name}: ${pdf.count} pages`);
    assertPageNumbers(pdf, `${name} (${url})`);
    if (name === 'checklist') assert.ok(pdf.count >= 2, `the checklist printed on ${pdf.count} page(s)`);
  }
  quiet();
});

test('readykit report\'s HTML prints with "Page N of M" on each page, the not-applicable reasons and the register', async (t) => {
  const file = join(tmp, 'oak-house.json'), out = join(tmp, 'oak-house.html');
  const doc = document();
  writeFileSync(file, JSON.stringify({ ...doc, exported: `${TODAY}T09:00:00.000Z` }));
  execFileSync('go', ['run', './cmd/readykit', 'report', '--progress', file, '--out', out], { cwd: REPO_ROOT, stdio: 'pipe' });
  const { page, quiet } = await openSession(t, site.browser);
  await page.goto(pathToFileURL(out).href);
  const pdf = await printPDF(page, 'report');
  t.diagnostic(`readykit report: ${pdf.count} pages`);
  assert.ok(pdf.count >= 2, `${pdf.count} page(s)`);
  assertPageNumbers(pdf, 'readykit report');
  const all = squeeze(pdf.all);
  for (const reason of Object.values(REASONS)) assert.ok(all.includes(squeeze(reason)), `the reason "${reason}" is not printed`);
  assert.ok(all.includes(squeeze(TK.labels.noReason)) && all.includes(squeeze('Evidence register')) && all.includes(squeeze('All items not applicable')));
  quiet();
});

// Reflow: what each report table's cells measure at a narrow width.
const measure = (page) => page.evaluate(() => {
  const cells = [...document.querySelectorAll('.rk-table:not(.rk-plan) td')].filter((td) => td.offsetParent && td.textContent.trim());
  return {
    width: innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5).slice(0, 5).map((e) => e.outerHTML.slice(0, 80)),
    cells: cells.map((td) => {
      const r = td.getBoundingClientRect(), font = parseFloat(getComputedStyle(td).fontSize);
      return { text: td.textContent.slice(0, 40), col: td.dataset.col, label: getComputedStyle(td, '::before').content, chars: r.width / font, display: getComputedStyle(td).display };
    }),
    tables: [...document.querySelectorAll('.rk-table:not(.rk-plan)')].filter((t) => t.offsetParent).length,
  };
});

for (const width of [320, 375]) {
  test(`at ${width} CSS px the gap analysis reads as stacked rows, each cell under its column's name, with nothing to scroll sideways`, async (t) => {
    const { page, quiet } = await session(t, { viewport: { width, height: 700 } });
    await goTo(page, site.server.url + '/gaps/');
    const m = await measure(page);
    assert.equal(m.width, width);
    assert.ok(m.scrollWidth <= width, `scrollWidth ${m.scrollWidth} at ${width}px: ${m.wide.join(' | ')}`);
    // Readiness, both gap tables and the not-applicable decisions.
    assert.equal(m.tables, 4);
    assert.ok(m.cells.length > 40, `only ${m.cells.length} cells`);
    const heads = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.rk-table:not(.rk-plan)')].map((t, i) => [i, [...t.tHead.rows[t.tHead.rows.length - 1].cells].map((c) => c.querySelector('abbr')?.title || c.textContent.trim())])));
    const names = new Set(Object.values(heads).flat());
    for (const c of m.cells) {
      assert.equal(c.display, 'block', `cell "${c.text}" is not stacked`);
      assert.ok(c.chars >= 8, `cell "${c.text}" is ${c.chars.toFixed(1)} characters wide`);
      assert.ok(names.has(c.col), `cell "${c.text}" is labelled "${c.col}"`);
      assert.ok(c.label.includes(c.col), `cell "${c.text}" shows ${c.label}, not its column's name ${c.col}`);
    }
    // The long word and address are in their cells, whole.
    const text = await page.locator('[data-rk-gap-rows] td').allInnerTexts();
    assert.ok(text.some((s) => s.replace(/\s/g, '') === LONG_URL));
    // A screen reader still meets a table, with its column headers.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const roles = nodes.filter((n) => !n.ignored).map((n) => n.role?.value);
    assert.ok(roles.filter((r) => r === 'table').length >= 4, `tables exposed: ${roles.filter((r) => r === 'table').length}`);
    assert.ok(roles.includes('columnheader') && roles.includes('cell'), 'no column headers or cells in the accessibility tree');
    const problems = await pageProblems(page, `/gaps/ at ${width}px`);
    assert.deepEqual(problems, []);
    quiet();
  });
}

test('at 320 CSS px the plan, the register and the checklist do not scroll sideways, with long text typed', async (t) => {
  const { page, quiet } = await session(t, { viewport: { width: 320, height: 700 } });
  for (const url of ['/plan/', '/register/', '/checklist/', BY_ID.get(gapWithText).url]) {
    await goTo(page, site.server.url + url);
    const m = await measure(page);
    assert.ok(m.scrollWidth <= 320, `${url}: scrollWidth ${m.scrollWidth}: ${m.wide.join(' | ')}`);
    assert.deepEqual(await pageProblems(page, `${url} at 320px`), []);
  }
  quiet();
});
