// The gap analysis (/gaps/) and the plan (/plan/), end to end: progress
// and plan rows typed in the browser and saved with the progress; the gap
// tables and readiness by standard; both pages printed to PDF and read
// back with poppler (A4, landscape for the plan, a running header on every
// page, no menu or buttons, no row cut between pages, "Check in the
// toolkit" beside every reference not confirmed); a care provider's action
// plan, which shows nothing wrong on a first visit and neutral notes on the
// rows touched; an NHS body's improvement plan and its rules (a site built
// here from `readykit new` with organisationType: nhs-body); CSV downloads
// parsed back and compared with plan.js; accessibility; and the keyboard.
//
// Debian's Chromium under the production CSP (the test server sends
// netlify.toml's headers). No test sleeps: each waits on a condition.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goTo, neutral, pageProblems, parseCSV, reload, REPO_ROOT, serveSite, session as openSession, siteDir, waitForEntries } from './pages.mjs';
import { startServer } from './server.mjs';
import { actionSummary, analyse, GAP_COLUMNS, gapRows, PLAN_COLUMNS, planRows, toCheck } from '../themes/default/static/js/plan.js';
import { longDate } from '../themes/default/static/js/words.js';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const KEY = `readykit:${TK.site}:default:${TK.edition.id}`;
const ORG = 'Willow Lodge Care Home';
const RULES = Object.fromEntries(TK.rules.map((r) => [r.id, r]));
const BY_ID = new Map(TK.items.map((it) => [it.id, it]));
const REF = (id) => BY_ID.get(id).label;
const { checkMark: CHECK_MARK, confirmed: CONFIRMED, statuses: STATUS } = TK.labels;
const EVIL = '=HYPERLINK("http://evil.example","x")';

const site = serveSite(dir);

let tmp;
// An NHS body's site: the starter from `readykit new`, which has the same
// edition, given the default site's progress key (new names it after its
// folder) and organisationType: nhs-body. Built here, as
// the default site and the portal are for care providers.
let nhsServer;
before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'readykit-reports-'));
  mkdirSync(join(REPO_ROOT, '.cache'), { recursive: true });
  const src = join(tmp, 'nhs-src'), out = join(tmp, 'nhs-site');
  const readykit = (...args) => execFileSync('go', ['run', './cmd/readykit', ...args], { cwd: REPO_ROOT, stdio: 'pipe' });
  readykit('new', src);
  const settings = join(src, 'readykit.yaml');
  const keyed = readFileSync(settings, 'utf8').replace(/^progressKey: .*$/m, `progressKey: ${TK.site}`);
  assert.notEqual(keyed, readFileSync(settings, 'utf8'), 'readykit new wrote no progressKey line to replace');
  writeFileSync(settings, keyed + '\norganisationType: nhs-body\n');
  readykit('build', '--source', src, '--dest', out);
  const tk = JSON.parse(readFileSync(join(out, 'data', 'toolkit.json'), 'utf8'));
  assert.deepEqual([tk.organisationType, tk.site, tk.edition.id, tk.defaultRules], ['nhs-body', TK.site, TK.edition.id, '2024-25']);
  nhsServer = await startServer(out);
});
// RK_KEEP_PDF=1 keeps the printed PDFs to look at.
after(async () => {
  await nhsServer?.close();
  if (process.env.RK_KEEP_PDF) console.log(`PDFs kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// What the tests type

// On the checklist: statuses (some Done, one Not applicable where the item
// allows it) and the text fields. 3.2.1, 9.1.1 and 7.1.2 are needed only
// for Standards Met.
const CHECKLIST = {
  '1.1.1': { status: 'Done' },
  '1.1.2': { status: 'Done' },
  '1.1.5': { status: 'Done' },
  '3.2.1': { status: 'Done' },
  '9.1.1': { status: 'Done' },
  '1.3.12': { status: 'Not applicable', reason: 'We keep no paper records off site' },
  '1.1.3': { status: 'In progress', owner: 'Priya Shah', due: '2028-03-31', notes: 'Waiting for the new ICO template.\nAsk the area manager.' },
  '2.1.1': { status: 'In progress', owner: 'Sam Patel', evidence: 'Induction pack, section 4', notes: EVIL },
  '4.1.1': { owner: '@reception', notes: '+44 1632 960000 is the office line' },
  '7.1.2': { status: 'In progress', owner: 'Dee Okafor', due: '2027-11-15', notes: '-2 weeks after the IT audit' },
};
const STATUS_VALUE = Object.fromEntries(Object.entries(STATUS).map(([value, name]) => [name, value]));

// On the plan. 1.1.3 keeps the owner and date set on the checklist (they
// are the same fields); 1.3.1 runs past the 2024-25 limit (the NHS body's
// test marks it exceptional: a care provider's plan has no such box);
// 2.1.1 runs past it and is not; 6.2.1 ends on the limit itself.
const PLAN = {
  '1.1.3': {
    action: 'Write privacy notices for residents, families and staff from the ICO template, and put them up in reception.',
    milestones: 'Draft by 14 April; sign-off at the May staff meeting; no cost.',
    priority: 'high', localRef: 'WL-07', dependencies: 'The new ICO template',
  },
  '1.3.1': {
    action: 'Replace the 2019 data protection policy with the Digital Care Hub template.',
    milestones: 'Template adapted by July; board approval in September.',
    owner: 'Sam Patel', priority: 'medium', localRef: 'WL-12', due: '2028-09-30',
  },
  '2.1.1': { action: 'Add a data security session to staff induction.', priority: 'low', due: '2028-08-15' },
  '6.2.1': {
    action: EVIL, milestones: '+£300 for the antivirus licence', owner: '@it-support', priority: 'high',
    localRef: 'WL-21', due: '2028-06-30', dependencies: '-after the new laptops arrive',
  },
};
const PLAN_LABELS = {
  action: 'Actions', milestones: 'Milestones, funding and resources', owner: 'Owner', priority: 'Priority',
  localRef: 'Local reference', due: 'Completion date', dependencies: 'Dependencies',
};

// The entries the two should leave in the stored document.
const WANT = {};
for (const [id, c] of Object.entries(CHECKLIST)) {
  const { status, ...text } = c;
  WANT[id] = { ...(status && { status: STATUS_VALUE[status] }), ...text };
}
for (const [id, p] of Object.entries(PLAN)) WANT[id] = { ...WANT[id], ...p };

// The gaps, worked out here from toolkit.json and what was set: needed
// items not done (Not applicable counting only where allowed), those for
// Approaching Standards first, each group in site order.
const isGap = (it, want = WANT) => it.level !== 'optional' && want[it.id]?.status !== 'met' && !(it.notApplicable && want[it.id]?.status === 'not-applicable');
const GAPS = {
  approaching: TK.items.filter((it) => it.level === 'approaching' && isGap(it)).map((it) => it.id),
  met: TK.items.filter((it) => it.level === 'met' && isGap(it)).map((it) => it.id),
};
const ALL_GAPS = [...GAPS.approaching, ...GAPS.met];

// ---------------------------------------------------------------------------
// Helpers

// pages.mjs's session, with downloads; seed is a stored document's JSON
// text, there before the first page of server's site runs.
const session = (t, { seed, server = site.server } = {}) =>
  openSession(t, site.browser, { acceptDownloads: true, seed: seed && { origin: server.url, key: KEY, value: seed } });

const visit = (page, path) => goTo(page, site.server.url + path);
const visitNHS = (page, path) => goTo(page, nhsServer.url + path);

const raw = (page) => page.evaluate((k) => localStorage.getItem(k), KEY);
const stored = async (page) => JSON.parse(await raw(page));


// An item's form, on its own page.
const itemForm = (page, id) => page.locator(`[data-rk-item="${id}"]`);
const CHECK_LABELS = { evidence: 'Where the evidence is kept', owner: 'Who will do it', due: 'Target date', notes: 'Notes' };

// Statuses with the checklist's quick controls ("Not applicable" with its
// reason), then the other fields on each item's page.
async function fillChecklist(page, spec) {
  for (const [id, { status, reason }] of Object.entries(spec)) {
    if (!status) continue;
    const row = page.locator(`[data-rk-task="${id}"]`);
    await row.locator('[data-rk-quick]').focus();
    await row.locator('[data-rk-quick]').selectOption(STATUS_VALUE[status]);
    if (STATUS_VALUE[status] === 'not-applicable') {
      await row.getByLabel('Why does this item not apply to you?').fill(reason);
      await row.getByRole('button', { name: 'Save as not applicable' }).click();
    }
  }
  for (const [id, { status, reason, ...text }] of Object.entries(spec)) {
    if (!Object.keys(text).length) continue;
    await goTo(page, new URL(`/items/${id}/`, page.url()).href);
    const box = itemForm(page, id);
    if (!(await box.locator('details.rk-more').evaluate((d) => d.open))) await box.locator('details.rk-more > summary').click();
    for (const [f, v] of Object.entries(text)) {
      const input = box.getByLabel(CHECK_LABELS[f], { exact: true });
      await input.fill(v);
      await input.blur();
    }
  }
}

// A plan row's control, found by its label as a screen reader hears it.
const planField = (page, id, field) =>
  field === 'exceptional' ? page.locator(`[id="rk-plan-exceptional-${id}"]`) : page.getByLabel(`${PLAN_LABELS[field]} for ${REF(id)}`, { exact: true });

async function fillPlan(page, spec) {
  for (const [id, fields] of Object.entries(spec)) {
    for (const [f, v] of Object.entries(fields)) {
      const input = planField(page, id, f);
      if (f === 'exceptional') await input.setChecked(v);
      else if (f === 'priority') await input.selectOption(v);
      else {
        await input.fill(v);
        await input.blur(); // saves at once (change), without the typing pause
      }
    }
  }
}

// readPlan reads a plan row's controls as the page shows them.
const readPlan = (page, id) =>
  page.locator(`[id="plan-${id}"]`).evaluate((row) =>
    Object.fromEntries([...row.querySelectorAll('[data-field]')].map((el) => [el.dataset.field, el.type === 'checkbox' ? el.checked : el.value])),
  );

const problemsOf = (page, id) => page.locator(`[id="plan-${id}"] .rk-problems li`).allTextContents();
const verdictText = (page) => page.locator('[data-rk-verdict] p').allTextContents();

// waitForVerdict waits until the verdict's first paragraph is `text`.
const waitForVerdict = (page, text) =>
  page.waitForFunction((t) => document.querySelector('[data-rk-verdict] p')?.textContent === t, text);

// Progress filled in through the pages, once; later tests start from a
// copy of the stored document.
let filledDoc;
async function fillAll(page) {
  await visit(page, '/progress/');
  await page.getByLabel('Name of your care service').fill(ORG);
  await page.waitForFunction(([key, org]) => JSON.parse(localStorage.getItem(key) || '{}').organisation?.name === org, [KEY, ORG]);
  await visit(page, '/checklist/');
  await fillChecklist(page, CHECKLIST);
  const fromChecklist = {};
  for (const [id, c] of Object.entries(CHECKLIST)) fromChecklist[id] = { ...(c.status && { status: STATUS_VALUE[c.status] }), ...Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'status')) };
  await waitForEntries(page, fromChecklist, KEY);
  await visit(page, '/plan/');
  await fillPlan(page, PLAN);
  await waitForEntries(page, WANT, KEY);
  filledDoc = await raw(page);
  return filledDoc;
}
async function seeded(t, server) {
  if (!filledDoc) {
    const s = await session(t);
    await fillAll(s.page);
  }
  return session(t, { seed: filledDoc, server });
}

// touchAll leaves each plan row's Actions box, as a user tabbing through
// would, so every row is judged.
const touchAll = (page) => page.evaluate(() => document.querySelectorAll('[data-rk-plan-rows] [data-field="action"]').forEach((el) => (el.focus(), el.blur())));

// assertMarks checks that every gap to check in the toolkit has the mark
// beside its reference on the page that holds its row, and that nothing
// else has it: as many marks on paper as such rows.
function assertMarks(pdf, ids, what) {
  const marked = ids.filter((id) => toCheck(BY_ID.get(id)));
  assert.ok(marked.length > 0, `${what}: no item to check, the test would prove nothing`);
  for (const id of marked) {
    const it = BY_ID.get(id);
    const where = it.ref ? pagesWith(pdf, refRE(it.ref)) : pagesWith(pdf, it.title);
    assert.ok(where.some((n) => pdf.pages[n - 1].flat.includes(squeeze(`${REF(id)} ${CHECK_MARK}`))), `${what}: ${REF(id)} ${it.title} lacks "${CHECK_MARK}" beside its reference`);
  }
  const count = pdf.pages.reduce((n, p) => n + p.flat.split(squeeze(CHECK_MARK)).length - 1, 0);
  assert.equal(count, marked.length, `${what}: ${count} marks for ${marked.length} items to check`);
}


async function downloadCSV(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as a spreadsheet (CSV)' }).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

// ---------------------------------------------------------------------------
// PDF

// printPDF prints the page as Chromium's print dialog would (A4, the
// page's own @page size first) and reads it back page by page.
async function printPDF(page, name) {
  const file = join(tmp, `${name}.pdf`);
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  const text = (n, mode) => execFileSync('pdftotext', [mode, '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });
  const pages = [];
  for (let n = 1; n <= count; n++) {
    // -layout keeps lines as printed; -raw keeps each table cell's text
    // together (content stream order). With the white space taken out,
    // a title or action wrapped over lines (or broken at a hyphen) reads
    // as one string again.
    const rawText = text(n, '-raw');
    pages.push({ layout: text(n, '-layout'), raw: rawText, flat: squeeze(rawText) });
  }
  return { file, info, count, width: Number(size?.[1]), height: Number(size?.[2]), pages };
}

// A reference as a whole word: 1.3.1 is not found inside 1.3.12.
const refRE = (ref) => new RegExp(`(?<![\\w.])${ref.replace(/\./g, '\\.')}(?![\\w]|\\.\\d)`);
const squeeze = (s) => s.replace(/\s+/g, '');

// pagesWith lists the (1-based) pages whose text has `needle`: a string,
// compared without white space, or a RegExp, tried on the text as read.
function pagesWith(pdf, needle) {
  return pdf.pages.flatMap((p, i) => ((typeof needle === 'string' ? p.flat.includes(squeeze(needle)) : needle.test(p.raw)) ? [i + 1] : []));
}

// assertRowsWhole checks that no row is cut between pages: each gap's
// reference (or, for the items with none yet, its title) is on exactly one
// page, and that page also holds its whole title and every text typed for
// it.
function assertRowsWhole(pdf, ids, texts, what) {
  for (const id of ids) {
    const it = BY_ID.get(id);
    const where = it.ref ? pagesWith(pdf, refRE(it.ref)) : pagesWith(pdf, it.title);
    assert.equal(where.length, 1, `${what}: ${REF(id)} ${it.title} is on pages [${where}], not on exactly one`);
    const [n] = where;
    for (const s of [it.title, ...texts(id)].filter(Boolean)) {
      assert.ok(pdf.pages[n - 1].flat.includes(squeeze(s)), `${what}: row ${REF(id)} is cut: ${JSON.stringify(s)} is not whole on page ${n} with its reference`);
    }
  }
}

// pdftoppm writes the first page as a PNG for a person to look at.
function savePNG(pdf, name) {
  const out = join(REPO_ROOT, '.cache', name);
  execFileSync('pdftoppm', ['-png', '-r', '96', '-f', '1', '-l', '1', '-singlefile', pdf.file, out]);
  assert.ok(statSync(out + '.png').size > 1000, `${out}.png was written`);
}

const MENU = ['Before you start', 'Skip to main content'];

// ---------------------------------------------------------------------------
// Tests

test('progress and plan rows typed in are saved with the progress and shown again', async (t) => {
  const { page, quiet } = await session(t);
  assert.equal(TK.edition.title, '2026-27');
  // A care provider: the action plan, judged by no rule set.
  assert.deepEqual([TK.organisationType, TK.defaultRules], ['care-provider', '']);
  await fillAll(page);
  // "Not applicable" is offered only where it is allowed.
  assert.equal(BY_ID.get('1.3.12').notApplicable, true);

  // The owner and date typed on the checklist are the plan's.
  await reload(page);
  assert.deepEqual(await readPlan(page, '1.1.3'), { ...PLAN['1.1.3'], owner: 'Priya Shah', due: '2028-03-31' });
  assert.deepEqual(await readPlan(page, '1.3.1'), { dependencies: '', ...PLAN['1.3.1'] });
  assert.deepEqual(await readPlan(page, '2.1.1'), { milestones: '', localRef: '', dependencies: '', ...PLAN['2.1.1'], owner: 'Sam Patel' });
  assert.deepEqual(await readPlan(page, '6.2.1'), { ...PLAN['6.2.1'] }, 'a care provider\'s plan has no exceptional box');
  const doc = await stored(page);
  for (const [id, want] of Object.entries(WANT)) {
    for (const [f, v] of Object.entries(want)) assert.equal(doc.items[id][f], v, `stored ${id}.${f}`);
  }
  assert.equal(doc.organisation.name, ORG);
  // One row per gap, in order, and none for what is done.
  assert.deepEqual(await page.locator('[data-rk-plan-rows] tr[id]').evaluateAll((rows) => rows.map((r) => r.id.slice(5))), ALL_GAPS);

  // The item's page shows what was typed on the plan.
  await visit(page, '/items/1.3.1/');
  assert.equal(await itemForm(page, '1.3.1').getByLabel('Who will do it', { exact: true }).inputValue(), 'Sam Patel');
  assert.equal(await itemForm(page, '1.3.1').getByLabel('Target date', { exact: true }).inputValue(), '2028-09-30');
  quiet();
});

test('the gap analysis lists exactly the needed items not done, Approaching first, with counts and readiness by standard', async (t) => {
  const { page, quiet } = await seeded(t);
  await visit(page, '/gaps/');
  assert.equal(GAPS.approaching.length, TK.edition.counts.approaching - 3 - 1);
  assert.equal(GAPS.met.length, TK.edition.counts.met - TK.edition.counts.approaching - 2);

  // The headline figures say whom and when; the line under them, the edition (e2e/printouts.test.mjs checks the figures).
  assert.match(await page.locator('[data-rk-headline]').textContent(), new RegExp(`^Approaching Standards: \\d+ of \\d+ done\\. Standards Met: \\d+ of \\d+ done\\. Made on \\d{1,2} \\w+ \\d{4} for ${ORG}\\.$`));
  assert.equal(await page.locator('[data-rk-report-for]').textContent(), 'Data Security and Protection Toolkit, 2026-27 edition (publish by 30 June 2027).');
  for (const level of ['approaching', 'met']) {
    const rows = await page.locator(`[data-rk-gap-rows="${level}"] tr`).evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    const want = GAPS[level].map((id) => {
      const it = BY_ID.get(id), e = WANT[id] ?? {};
      // The mark sits beside the reference of every item to check.
      return [toCheck(it) ? `${REF(id)} ${CHECK_MARK}` : REF(id), it.title, String(it.standard), STATUS[e.status ?? 'not-started'], e.owner ?? '', e.due ? longDate(e.due) : '', e.evidence ?? '', e.notes ?? ''];
    });
    assert.deepEqual(rows, want, `the ${level} table`);
    const n = GAPS[level].length;
    assert.equal(await page.locator(`[data-rk-gap-count="${level}"]`).textContent(), `${n} items`);
    assert.equal(await page.locator(`[data-rk-gap-table="${level}"]`).isVisible(), true);
  }
  // Every gap links to its item.
  const hrefs = await page.locator('[data-rk-gap-rows] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ALL_GAPS.map((id) => BY_ID.get(id).url));
  // Approaching Standards comes before Standards Met.
  const order = await page.evaluate(() => {
    const a = document.querySelector('[data-rk-gap-table="approaching"]'), m = document.querySelector('[data-rk-gap-table="met"]');
    return !!(a.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.equal(order, true, 'the Approaching Standards table comes first');
  const headings = await page.locator('main h2').allTextContents();
  assert.deepEqual(headings.filter((h) => h.startsWith('Still needed')), [
    `Still needed for Approaching Standards: ${GAPS.approaching.length} items`,
    `Still needed for Standards Met: ${GAPS.met.length} items`,
  ]);

  // Readiness by standard: needed items, less those not applicable, done.
  const readiness = await page.locator('[data-rk-standards] tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent, tr.querySelector('progress').value, tr.querySelector('progress').max]),
  );
  const want = TK.standards.flatMap((st) => {
    const needed = TK.items.filter((it) => it.standard === st.number && it.level !== 'optional' && !(it.notApplicable && WANT[it.id]?.status === 'not-applicable'));
    const done = needed.filter((it) => WANT[it.id]?.status === 'met').length;
    return needed.length ? [[`${st.number}. ${st.name}`, `${done} of ${needed.length}`, done, needed.length]] : [];
  });
  assert.deepEqual(readiness, want);
  assert.deepEqual(want[0], ['1. Personal confidential data', '3 of 15', 3, 15]);

  // With nothing recorded, every needed item is a gap.
  await page.evaluate((key) => {
    const doc = JSON.parse(localStorage.getItem(key));
    doc.items = {};
    localStorage.setItem(key, JSON.stringify(doc));
  }, KEY);
  await reload(page);
  assert.equal(await page.locator('[data-rk-gap-rows="approaching"] tr').count(), TK.edition.counts.approaching);
  assert.equal(await page.locator('[data-rk-gap-rows="met"] tr').count(), TK.edition.counts.met - TK.edition.counts.approaching);
  quiet();
});

test('the gap analysis prints on A4 with the organisation, edition and date on every page, no menu or buttons, and no row cut', async (t) => {
  const { page, quiet } = await seeded(t);
  await visit(page, '/gaps/');
  const running = await page.locator('[data-rk-running]').first().textContent();
  const today = longDate(new Date().toISOString().slice(0, 10));
  assert.equal(running, `${ORG} · DSPT ${TK.edition.title} · ${today}`);

  // Links are readable on paper: black, like the text round them.
  await page.emulateMedia({ media: 'print' });
  const colours = await page.locator('main a').evaluateAll((as) => [...new Set(as.filter((a) => a.offsetParent).map((a) => getComputedStyle(a).color))]);
  assert.deepEqual(colours, ['rgb(0, 0, 0)'], 'links in print');
  await page.emulateMedia({ media: null }); // back to what page.pdf uses: print

  const pdf = await printPDF(page, 'gaps');
  savePNG(pdf, 'print-gaps-1');
  t.diagnostic(`gap analysis: ${pdf.count} pages, ${pdf.width} x ${pdf.height} pts`);
  assert.ok(Math.abs(pdf.width - 595.3) < 2 && Math.abs(pdf.height - 841.9) < 2, `A4 portrait: ${pdf.info}`);
  assert.ok(pdf.count >= 2, `${pdf.count} page(s)`);
  pdf.pages.forEach((p, i) => {
    const where = `page ${i + 1} of the gap analysis`;
    assert.ok(p.layout.includes(`${ORG} · DSPT ${TK.edition.title} · ${today}`), `${where} lacks the running header (organisation, edition and date)`);
    for (const s of [...MENU, 'Print the gap analysis', 'Download as a spreadsheet', 'Write the action plan']) assert.ok(!p.layout.includes(s), `${where} has "${s}"`);
  });
  assert.ok(pdf.pages[0].layout.includes('Readiness by standard'));
  for (const id of ALL_GAPS) assert.ok(pagesWith(pdf, BY_ID.get(id).ref ? refRE(REF(id)) : BY_ID.get(id).title).length, `${REF(id)} is missing`);
  assertRowsWhole(pdf, ALL_GAPS, (id) => [WANT[id]?.owner, WANT[id]?.evidence, WANT[id]?.notes, WANT[id]?.due && longDate(WANT[id].due)], 'gap analysis');
  assertMarks(pdf, ALL_GAPS, 'gap analysis');
  quiet();
});

test('the action plan prints on A4 landscape with the organisation, every gap, what was typed, no row cut, and the summary', async (t) => {
  const { page, quiet } = await seeded(t);
  await visit(page, '/plan/');
  const [verdict] = await verdictText(page);
  assert.equal(verdict, actionSummary(await stored(page), analyse(TK.items, await stored(page), null, TK.edition.deadline)));

  // The columns get the room the stylesheet gives them on paper: long
  // text (evidence item, actions, problems) more than a priority.
  await page.emulateMedia({ media: 'print' });
  const widths = await page.locator('.rk-plan thead tr:not(.rk-running) th').evaluateAll((ths) => ths.map((th) => Math.round(th.getBoundingClientRect().width)));
  await page.emulateMedia({ media: null });
  t.diagnostic(`printed plan column widths (px): ${widths.join(' ')}`);
  const [item, actions, , , priority, , , , problems] = widths;
  assert.ok(item > 2 * priority && actions > 2 * priority && problems > 2 * priority, `column widths ${widths.join(' ')}`);

  const pdf = await printPDF(page, 'plan');
  savePNG(pdf, 'print-plan-1');
  t.diagnostic(`plan: ${pdf.count} pages, ${pdf.width} x ${pdf.height} pts`);
  assert.ok(Math.abs(pdf.width - 841.9) < 2 && Math.abs(pdf.height - 595.3) < 2, `A4 landscape: ${pdf.info}`);
  assert.ok(pdf.count >= 2, `${pdf.count} page(s)`);
  pdf.pages.forEach((p, i) => {
    const where = `page ${i + 1} of the plan`;
    // The site's footer (with its "check every item" line) may end on a
    // sheet of its own, after the table; every sheet before has the header.
    const footerOnly = i == pdf.count - 1 && i > 0 && !/\S/.test(p.layout.replace(/^.*(Covers the|Progress you record|Published by|Page \d+ of \d+).*$/gm, ''));
    if (!footerOnly) assert.ok(p.layout.includes(`${ORG} · DSPT ${TK.edition.title} · `), `${where} lacks the running header`);
    for (const s of [...MENU, 'Print the plan', 'Download as a spreadsheet', 'Check the plan against']) assert.ok(!p.layout.includes(s), `${where} has "${s}"`);
  });
  assert.equal(pagesWith(pdf, verdict).length, 1, `the verdict is printed: ${verdict}`);
  const PRIORITY = { high: 'High', medium: 'Medium', low: 'Low' };
  assertRowsWhole(pdf, ALL_GAPS, (id) => {
    const e = WANT[id] ?? {};
    return [e.action, e.milestones, e.owner, PRIORITY[e.priority], e.localRef, e.due && longDate(e.due), e.dependencies, e.exceptional && 'Exceptional: a later date is agreed'];
  }, 'plan');
  // An action plan has no exceptional dates.
  assert.equal(pdf.pages.map((p) => p.raw).join('').split('Exceptional').length - 1, 0, 'no row is marked exceptional on paper');
  assertMarks(pdf, ALL_GAPS, 'plan');
  assert.equal(pagesWith(pdf, /agreed|Problems/).length, 0, 'a care provider\'s plan says nothing of approval');
  quiet();
});

test('a care provider\'s action plan shows no problem on a first visit, and a neutral note on a row once touched', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/plan/');
  assert.equal(await page.locator('h1').textContent(), 'Approaching Standards action plan');
  assert.equal(await page.locator('[data-rk-rules]').count(), 0, 'no rule set to choose');
  const first = await page.locator('[data-rk-plan-rows] tr[id]').evaluateAll((rs) => rs.map((r) => r.id.slice(5)));
  assert.ok(first.length > 10);
  assert.equal(await page.locator('.rk-problems li').count(), 0, 'nothing is shown as missing before anything is touched');
  assert.equal(await page.locator('.rk-has-problems').count(), 0);
  const n = first.length;
  assert.deepEqual(await verdictText(page), [`The plan has ${n} items. Still to fill in: what will be done for ${n} items, who will do it for ${n} items and a date for ${n} items.`]);
  assert.equal(await page.locator('[data-rk-verdict]').getAttribute('class'), 'rk-verdict rk-verdict--info');
  assert.doesNotMatch(await page.locator('main').textContent(), /agreed|would not|Problems/);

  // Touched: the owner typed, then left. The row says what it still needs.
  const [a, b] = first;
  await fillPlan(page, { [a]: { owner: 'Priya Shah' } });
  await page.waitForFunction((id) => document.querySelectorAll(`[id="plan-${id}"] .rk-problems li`).length === 1, a);
  assert.deepEqual(await problemsOf(page, a), ['Still to add: what will be done and a date.']);
  assert.deepEqual(await problemsOf(page, b), [], 'a row not touched is not judged');
  assert.equal(await page.locator(`[id="plan-${a}"]`).evaluate((r) => r.classList.contains('rk-has-problems')), false, 'a to-do, not a fault');
  await waitForVerdict(page, `The plan has ${n} items. Still to fill in: what will be done for ${n} items, who will do it for ${n - 1} items and a date for ${n} items.`);
  // Leaving a box without typing counts as touching it too.
  await planField(page, b, 'action').focus();
  await planField(page, b, 'action').blur();
  await page.waitForFunction((id) => document.querySelectorAll(`[id="plan-${id}"] .rk-problems li`).length === 1, b);
  assert.deepEqual(await problemsOf(page, b), ['Still to add: what will be done, who will do it and a date.']);
  await fillPlan(page, { [a]: { action: 'Use the template.', due: '2027-03-31' } });
  await page.waitForFunction((id) => document.querySelectorAll(`[id="plan-${id}"] .rk-problems li`).length === 0, a);
  quiet();
});

test('an NHS body\'s improvement plan is checked against the chosen rules, each row once touched', async (t) => {
  const { page, quiet } = await seeded(t, nhsServer);
  await visitNHS(page, '/plan/');
  assert.equal(await page.locator('h1').textContent(), 'Improvement plan');
  // A first visit: whom the rules are for, what is missing in neutral words, and no problem.
  assert.equal(await page.locator('.rk-problems li').count(), 0);
  assert.match((await verdictText(page)).join(' '), /^The 2024-25 improvement plan guidance applies to NHS bodies and local authorities\. The plan has \d+ items\. Still to fill in: /);
  // The 2024-25 rules let a row marked exceptional run late.
  await planField(page, '1.3.1', 'exceptional').check();
  await waitForEntries(page, { '1.3.1': { exceptional: true } }, KEY);
  await touchAll(page);
  const n = ALL_GAPS.length;
  const missing = (f) => ALL_GAPS.filter((id) => !WANT[id]?.[f]).length;
  const rows = (k, noun) => `${k} ${k === 1 ? 'row has' : 'rows have'} no ${noun}`;

  // 2024-25: action, owner and date needed; no later than 30 June 2025
  // unless exceptional; no limit on the number of items.
  assert.equal(await page.locator('[data-rk-rules]').inputValue(), '2024-25');
  const v2024 = `This plan would not be agreed because ${rows(missing('action'), 'action')}; ${rows(missing('owner'), 'owner')}; ${rows(missing('due'), 'completion date')} and 1 date is after 30 June 2028.`;
  const WHOM = 'The 2024-25 improvement plan guidance applies to NHS bodies and local authorities.';
  await waitForVerdict(page, WHOM);
  await page.waitForFunction((v) => document.querySelectorAll('[data-rk-verdict] p')[1]?.textContent === v, v2024);
  assert.deepEqual(await verdictText(page), [WHOM, v2024]);
  assert.deepEqual(await problemsOf(page, '1.3.7'), ['Item 1.3.7 has no action.', 'Item 1.3.7 has no owner.', 'Item 1.3.7 has no completion date.']);
  assert.deepEqual(await problemsOf(page, '4.1.1'), ['Item 4.1.1 has no action.', 'Item 4.1.1 has no completion date.']);
  assert.deepEqual(await problemsOf(page, '2.1.1'), ['Item 2.1.1 is due on 15 August 2028, after 30 June 2028.']);
  for (const id of ['1.1.3', '1.3.1', '6.2.1']) assert.deepEqual(await problemsOf(page, id), [], `${id} has no problem`);
  assert.equal(await page.locator('[id="plan-1.3.7"]').evaluate((r) => r.classList.contains('rk-has-problems')), true);
  assert.equal(await page.locator('[id="plan-1.1.3"]').evaluate((r) => r.classList.contains('rk-has-problems')), false);

  // Not exceptional any more: 1.3.1's date is too late.
  await planField(page, '1.3.1', 'exceptional').uncheck();
  await page.waitForFunction(() => document.querySelectorAll('[id="plan-1.3.1"] .rk-problems li').length === 1);
  assert.deepEqual(await problemsOf(page, '1.3.1'), ['Item 1.3.1 is due on 30 September 2028, after 30 June 2028.']);
  assert.match((await verdictText(page))[1], /and 2 dates are after 30 June 2028\.$/);
  await waitForEntries(page, { '1.3.1': { exceptional: false } }, KEY);
  await planField(page, '1.3.1', 'exceptional').check();
  await page.waitForFunction((v) => document.querySelectorAll('[data-rk-verdict] p')[1]?.textContent === v, v2024);
  assert.equal(await page.locator('[data-rk-announce]').textContent(), `${WHOM} ${v2024}`, 'the new verdict is announced');

  // 2020-21: no later than 30 December 2027, no exceptions, at most 15.
  await page.getByLabel('Check the plan against').selectOption('2020-21');
  const late = ALL_GAPS.filter((id) => WANT[id]?.due > '2027-12-30');
  assert.deepEqual(late, ['1.1.3', '1.3.1', '2.1.1', '6.2.1']);
  const v2020 = `This plan would not be agreed because ${rows(missing('action'), 'action')}; ${rows(missing('owner'), 'owner')}; ${rows(missing('due'), 'completion date')}; ${late.length} dates are after 30 December 2027 and it covers ${n} outstanding items, more than 15.`;
  const WHOM20 = 'The 2020-21 improvement plan guidance applies to NHS bodies and local authorities.';
  await waitForVerdict(page, WHOM20);
  await page.waitForFunction((v) => document.querySelectorAll('[data-rk-verdict] p')[1]?.textContent === v, v2020);
  assert.deepEqual(await verdictText(page), [WHOM20, v2020, `The plan covers ${n} outstanding items; no more than 15 are allowed.`]);
  assert.deepEqual(await problemsOf(page, '1.3.1'), ['Item 1.3.1 is due on 30 September 2028, after 30 December 2027.']);
  assert.deepEqual(await problemsOf(page, '1.1.3'), ['Item 1.1.3 is due on 31 March 2028, after 30 December 2027.']);
  assert.deepEqual(await problemsOf(page, '7.1.2'), ['Item 7.1.2 has no action.'], '15 November 2027 is within the limit');
  assert.equal(await page.locator('[id="plan-1.3.1"] .rk-exceptional').isHidden(), true, 'no exceptions under 2020-21');

  // Everything else done: two rows, complete and within the limit.
  await visitNHS(page, '/checklist/');
  const keep = new Set(['1.1.3', '1.3.1']);
  const done = TK.items.filter((it) => it.level !== 'optional' && !keep.has(it.id)).map((it) => it.id);
  await page.evaluate((ids) => ids.forEach((id) => {
    const quick = document.querySelector(`[data-rk-task="${CSS.escape(id)}"] [data-rk-quick]`);
    quick.focus(); // which adds its choices
    quick.value = 'met';
    quick.dispatchEvent(new Event('change', { bubbles: true }));
  }), done);
  await waitForEntries(page, Object.fromEntries(done.map((id) => [id, { status: 'met' }])), KEY);
  await visitNHS(page, '/plan/');
  await touchAll(page);
  assert.deepEqual(await page.locator('[data-rk-plan-rows] tr[id]').evaluateAll((rs) => rs.map((r) => r.id)), ['plan-1.1.3', 'plan-1.3.1']);
  await page.getByLabel('Check the plan against').selectOption('2024-25');
  await page.waitForFunction(() => document.querySelectorAll('[data-rk-verdict] p')[1]?.textContent === 'This plan meets every rule of The 2024-25 improvement plan guidance.');
  assert.equal(await page.locator('[data-rk-verdict]').getAttribute('class'), 'rk-verdict rk-verdict--ok');
  assert.equal(await page.locator('.rk-problems li').count(), 0);

  await page.getByLabel('Check the plan against').selectOption('2020-21');
  const second = (v) => page.waitForFunction((v) => document.querySelectorAll('[data-rk-verdict] p')[1]?.textContent === v, v);
  await second('This plan would not be agreed because 2 dates are after 30 December 2027.');
  await fillPlan(page, { '1.1.3': { due: '2027-12-30' }, '1.3.1': { due: '2027-12-01' } });
  await second('This plan meets every rule of The 2020-21 improvement plan guidance.');
  await waitForEntries(page, { '1.1.3': { due: '2027-12-30' }, '1.3.1': { due: '2027-12-01' } }, KEY);
  quiet();
});

test('CSV downloads start with a BOM, parse back to plan.js rows, and neutralise formulas', async (t) => {
  const { page, quiet } = await seeded(t);
  const check = async (path, columns, rowsOf, kind) => {
    await visit(page, path);
    const { name, bytes } = await downloadCSV(page);
    assert.match(name, new RegExp(`^willow-lodge-care-home-${kind}-\\d{4}-\\d\\d-\\d\\d\\.csv$`));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${name} starts with the UTF-8 BOM`);
    const text = bytes.toString('utf8');
    assert.equal(text[0], '\ufeff');
    const table = parseCSV(text.slice(1));
    const doc = await stored(page);
    const want = rowsOf(TK.items, doc, analyse(TK.items, doc, null, TK.edition.deadline), TK.labels);
    assert.equal(want.length, ALL_GAPS.length);
    assert.deepEqual(table[0], columns, `${name}: header`);
    assert.deepEqual(table.slice(1), want.map((r) => r.map(neutral)), `${name}: rows`);
    // Beside each reference, whether to check it in the toolkit.
    assert.deepEqual(table.slice(1).map((r) => r.slice(0, 2)), ALL_GAPS.map((id) => [REF(id), toCheck(BY_ID.get(id)) ? CHECK_MARK : CONFIRMED]), `${name}: reference status`);
    return new Map(table.slice(1).map((r) => [r[0], Object.fromEntries(columns.map((c, i) => [c, r[i]]))]));
  };

  const gaps = await check('/gaps/', GAP_COLUMNS, gapRows, 'gap-analysis');
  assert.equal(gaps.get('2.1.1').Notes, "'" + EVIL);
  assert.equal(gaps.get('4.1.1').Notes, "'+44 1632 960000 is the office line");
  assert.equal(gaps.get('4.1.1').Owner, "'@reception");
  assert.equal(gaps.get('7.1.2').Notes, "'-2 weeks after the IT audit");
  assert.equal(gaps.get('1.1.3').Notes, 'Waiting for the new ICO template.\nAsk the area manager.', 'a line break survives');
  assert.equal(gaps.get('7.1.2')['Needed for'], 'Standards Met');

  const plan = await check('/plan/', PLAN_COLUMNS, planRows, 'action-plan');
  assert.deepEqual(plan.get('6.2.1'), {
    Reference: '6.2.1', 'Reference status': CHECK_MARK, 'Evidence item': BY_ID.get('6.2.1').title, Actions: "'" + EVIL, 'Milestones, funding and resources': "'+£300 for the antivirus licence",
    Owner: "'@it-support", Priority: 'High', 'Local reference': 'WL-21', 'Planned completion date': '2028-06-30', Status: STATUS['not-started'],
    Dependencies: "'-after the new laptops arrive", Exceptional: '',
  });
  assert.equal(plan.get('1.3.1').Exceptional, '');
  assert.equal(plan.get('1.1.3').Status, STATUS['in-progress']);
  quiet();
});

test('axe-core finds nothing on the filled-in gap analysis and plan, with problems shown', async (t) => {
  const { page, quiet } = await seeded(t);
  const problems = [];
  const check = async (what) => problems.push(...(await pageProblems(page, what)));
  await visit(page, '/gaps/');
  await check('/gaps/');
  await visit(page, '/plan/');
  await touchAll(page);
  assert.ok((await page.locator('.rk-problems li').count()) > 20, 'what rows still need is shown');
  await check('/plan/ (action plan)');
  await visitNHS(page, '/plan/');
  await touchAll(page);
  assert.ok((await page.locator('.rk-problems li').count()) > 50, 'problems are shown');
  await check('/plan/ (2024-25 rules)');
  await page.getByLabel('Check the plan against').selectOption('2020-21');
  await page.waitForFunction(() => /more than 15/.test(document.querySelector('[data-rk-verdict]').textContent));
  await check('/plan/ (2020-21 rules)');
  if (problems.length) assert.fail(problems.join('\n\n'));
  quiet();
});

test('keyboard only on the plan: Tab reaches the first row\'s Actions, and what is typed is saved', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/plan/');
  const first = TK.items.find((it) => it.level === 'approaching').id;
  const active = () => page.evaluate(() => ({ field: document.activeElement.dataset?.field ?? '', item: document.activeElement.dataset?.item ?? '' }));
  let tabs = 0;
  for (; tabs < 40; tabs++) {
    const a = await active();
    if (a.field) break;
    await page.keyboard.press('Tab');
  }
  t.diagnostic(`${tabs} presses of Tab to reach the first plan field`);
  assert.deepEqual(await active(), { field: 'action', item: first }, 'the first plan field reached is the first row\'s Actions');
  await page.keyboard.type('Find the ICO certificate and file it.');
  await page.keyboard.press('Tab');
  assert.deepEqual(await active(), { field: 'milestones', item: first });
  await waitForEntries(page, { [first]: { action: 'Find the ICO certificate and file it.' } }, KEY);
  await reload(page);
  assert.equal(await planField(page, first, 'action').inputValue(), 'Find the ICO certificate and file it.');
  quiet();
});
