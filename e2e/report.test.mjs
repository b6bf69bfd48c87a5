// readykit report's outputs as a steering meeting gets them (issue 14):
// the HTML report printed to A4 PDF by headless Chromium cuts no column
// (every table's column headers on every page it spans, no word past the
// page's right edge, the longest web address found whole or wrapped, the
// client named on every page); the workbook opened by LibreOffice Calc
// (converted to one CSV per sheet and to PDF): the Summary, plan, Gap
// analysis and Evidence register sheets with their headers, dates as
// dates, no formula anywhere, and pages in the PDF.
//
// The CLI runs on the repository's own site (SITE_DIR is its build, for
// toolkit.json). No test sleeps.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, parseCSV, REPO_ROOT, siteDir } from './pages.mjs';
import { emptyDocument } from '../themes/default/static/js/progress.js';
import { GAP_COLUMNS, PLAN_COLUMNS, REGISTER_COLUMNS } from '../themes/default/static/js/plan.js';

const TK = JSON.parse(readFileSync(join(siteDir(), 'data', 'toolkit.json'), 'utf8'));
const CLIENT = 'Oak House Care';
const TODAY = '2026-12-02';
// Tokens with nowhere to break: they must wrap inside their cells.
const LONG_WORD = 'Pneumonoultramicroscopicsilicovolcanoconiosis-policy-folder-with-no-spaces-at-all';
const LONG_URL = 'https://sharepoint.example/sites/oakhouse/Shared%20Documents/Policies/Data-Security-and-Protection/2026-27/evidence-folder-for-the-toolkit-index-with-a-very-long-name.pdf';

const needed = TK.items.filter((it) => it.level === 'approaching' || it.level === 'met');
const done = needed.slice(0, 4).map((it) => it.id);
const gaps = needed.filter((it) => !done.includes(it.id)).slice(0, 6).map((it) => it.id);

function progress() {
  const at = `${TODAY}T09:00:00.000Z`;
  const doc = emptyDocument({ site: TK.site, edition: TK.edition.id, profile: { id: 'default' }, now: at });
  doc.organisation = { name: CLIENT, odsCode: 'VNX12', completedBy: LONG_WORD };
  for (const id of done) doc.items[id] = { status: 'met', done: '2026-11-20', evidence: LONG_URL, owner: LONG_WORD, updated: at };
  gaps.forEach((id, i) => {
    doc.items[id] = {
      status: 'in-progress', owner: LONG_WORD, evidence: LONG_URL, notes: `${LONG_WORD} ${LONG_URL}`, action: `${LONG_URL} ${LONG_WORD}`,
      milestones: LONG_WORD, dependencies: LONG_URL, localRef: LONG_WORD, priority: 'high', due: i % 2 ? '2020-10-01' : '2099-03-31', updated: at,
    };
  });
  // A decision with a long reason, and an entry for an item the edition
  // does not list (kept aside), so those tables print too.
  const na = needed.find((it) => it.notApplicable && !done.includes(it.id) && !gaps.includes(it.id));
  doc.items[na.id] = { status: 'not-applicable', reason: `${LONG_WORD} ${LONG_URL}`, updated: at };
  doc.items['9.9.9'] = { status: 'met', notes: LONG_URL, owner: LONG_WORD, updated: at };
  return { ...doc, exported: at };
}

let tmp, bin, file, browser;
before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'rk-report-'));
  bin = join(tmp, 'readykit');
  execFileSync('go', ['build', '-o', bin, './cmd/readykit'], { cwd: REPO_ROOT, stdio: 'pipe' });
  file = join(tmp, 'oak-house.json');
  writeFileSync(file, JSON.stringify(progress()));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  // KEEP_TMP=1 keeps the files, to look at what failed.
  if (tmp && !process.env.KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
});

const report = (...args) => execFileSync(bin, ['report', '--source', REPO_ROOT, '--progress', file, ...args], { cwd: tmp, encoding: 'utf8' });
const squeeze = (s) => s.replace(/\s+/g, '');

// The words of a PDF, page by page, with where each ends on the page.
function pdfWords(pdf) {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return [...xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map(([, w, , body]) => ({
    width: Number(w),
    words: [...body.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(([, x0, x1, text]) => ({
      x0: Number(x0), x1: Number(x1), text: text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"),
    })),
  }));
}

test('the HTML report prints to A4 with no column cut: every table\'s headers on each page it spans, nothing past the right edge', async (t) => {
  const out = join(tmp, 'oak-house.html');
  const said = report('--out', out);
  assert.match(said, new RegExp(`For ${CLIENT} · ODS code VNX12 · DSPT ${TK.edition.title} · exported 2 December 2026\\.`), said);
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(pathToFileURL(out).href);
  assert.match(await page.locator('h1').textContent(), new RegExp(`for ${CLIENT}$`));
  const count = await page.locator('table').count();
  assert.ok(count >= 5, `${count} tables`);
  let spanned = 0;
  for (let i = 0; i < count; i++) {
    // Print one table at a time, with the headings around it, so each
    // page of the PDF is a page the table spans.
    const headers = await page.evaluate((i) => {
      for (const el of document.querySelectorAll('[data-e2e-hidden]')) el.style.display = '', el.removeAttribute('data-e2e-hidden');
      const table = document.querySelectorAll('table')[i];
      // Only the table, and the headings of its own section, are shown.
      for (let el = table; el !== document.body; el = el.parentElement) {
        for (const sib of el.parentElement.children) {
          const heading = /^H[2-3]$/.test(sib.tagName) && el.parentElement !== document.body;
          if (sib !== el && sib.tagName !== 'STYLE' && !heading) sib.style.display = 'none', sib.setAttribute('data-e2e-hidden', '');
        }
      }
      const rows = table.querySelectorAll('thead tr');
      return { name: table.closest('section')?.className || 'readiness', cols: [...rows[rows.length - 1].querySelectorAll('th')].map((th) => th.textContent), running: rows.length > 1 };
    }, i);
    const pdf = join(tmp, `table-${i}.pdf`);
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
    const pages = pdfWords(pdf);
    if (pages.length > 1) spanned++;
    pages.forEach((p, n) => {
      const words = p.words.map((w) => w.text);
      for (const h of headers.cols) {
        for (const word of h.split(/\s+/).filter(Boolean)) {
          assert.ok(words.some((w) => w.includes(word)), `${headers.name} table, page ${n + 1} of ${pages.length}: the column header "${h}" is missing ("${word}")`);
        }
      }
      if (headers.running) assert.ok(squeeze(words.join(' ')).includes(squeeze(CLIENT)), `${headers.name} table, page ${n + 1}: the client is not named`);
      const past = p.words.filter((w) => w.x1 > p.width + 0.5);
      assert.deepEqual(past.map((w) => w.text), [], `${headers.name} table, page ${n + 1}: text runs past the right edge (${p.width}pt)`);
    });
    const all = squeeze(pages.map((p) => p.words.map((w) => w.text).join('')).join(''));
    if (['gaps', 'plan', 'register'].some((s) => headers.name.includes(s))) {
      assert.ok(all.includes(LONG_URL), `${headers.name} table: the long web address is not found whole or wrapped`);
      assert.ok(all.includes(LONG_WORD), `${headers.name} table: the long word is not found whole or wrapped`);
    }
    t.diagnostic(`${headers.name} table: ${pages.length} page(s)`);
  }
  assert.ok(spanned >= 1, 'no table spans two pages: the test would prove little');
});

test('the workbook opens in LibreOffice Calc: Summary, plan, gaps and register sheets with their headers, dates as dates, no formula, and it prints', (t) => {
  assert.ok(existsSync('/usr/bin/soffice') || execFileSync('sh', ['-c', 'command -v soffice || true'], { encoding: 'utf8' }).trim(),
    'LibreOffice is not installed: run make browser-deps (Debian package libreoffice-calc-nogui)');
  const xlsx = join(tmp, 'oak-house.xlsx');
  report('--format', 'xlsx', '--out', xlsx);

  // No formula: no sheet holds an <f> element.
  const list = execFileSync('unzip', ['-Z1', xlsx], { encoding: 'utf8' }).split('\n').filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  assert.equal(list.length, 4, `sheets ${list}`);
  for (const f of list) {
    const xml = execFileSync('unzip', ['-p', xlsx, f], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.doesNotMatch(xml, /<f[\s>]/, `${f} holds a formula`);
  }

  const lo = (...args) => execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(join(tmp, 'lo-profile')).href}`, '--headless', ...args], { cwd: tmp, encoding: 'utf8', timeout: 240_000, stdio: 'pipe' });
  const csvDir = join(tmp, 'csv');
  // 44 comma, 34 quote, 76 UTF-8, from line 1; -1: every sheet to its own file.
  lo('--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', csvDir, xlsx);
  const sheets = Object.fromEntries(readdirSync(csvDir).map((f) => [f.replace(/^oak-house-|\.csv$/g, ''), parseCSV(readFileSync(join(csvDir, f), 'utf8').replace(/\r?\n/g, '\r\n'))]));
  assert.deepEqual(Object.keys(sheets).sort(), ['Action plan', 'Evidence register', 'Gap analysis', 'Summary'], 'the sheets LibreOffice wrote');
  assert.deepEqual(sheets['Action plan'][0], PLAN_COLUMNS);
  assert.deepEqual(sheets['Gap analysis'][0], GAP_COLUMNS);
  assert.deepEqual(sheets['Evidence register'][0], REGISTER_COLUMNS);

  // Dates come out as dates: shown in the date format LibreOffice uses,
  // never as a serial number or the ISO text the progress file holds.
  const isDate = (s) => /^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(s);
  const due = PLAN_COLUMNS.indexOf('Planned completion date');
  const dues = sheets['Action plan'].slice(1).map((r) => r[due]).filter(Boolean);
  assert.ok(dues.length >= gaps.length, `${dues.length} completion dates`);
  for (const d of dues) assert.ok(isDate(d), `a completion date reads "${d}", not as a date`);
  assert.ok(dues.some((d) => /2099/.test(d) && /31/.test(d)), `31 March 2099 is not among ${dues}`);
  const summary = Object.fromEntries(sheets.Summary.filter((r) => r[0]).map((r) => [r[0], r.slice(1)]));
  assert.equal(summary.Client[0], CLIENT);
  assert.equal(summary['ODS code'][0], 'VNX12');
  assert.equal(summary.Edition[0], `DSPT ${TK.edition.title}`);
  for (const k of ['Progress exported', 'Report made', 'Deadline']) assert.ok(isDate(summary[k][0]), `${k}: "${summary[k][0]}" is not a date`);
  assert.deepEqual(summary.Level.slice(0, 3), ['Done', 'Mandatory items', 'Readiness']);
  assert.match(summary['Approaching Standards'][2], /^\d+%$/);
  assert.equal(summary['Overdue actions (past their target date, not done)'][0], String(gaps.filter((_, i) => i % 2).length));

  lo('--convert-to', 'pdf', '--outdir', tmp, xlsx);
  const pdf = join(tmp, 'oak-house.pdf');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
  assert.ok(pages >= 4, `${pages} page(s)`);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  assert.match(text, /Page 1 of \d+/, 'the page footer');
  assert.ok(text.includes(CLIENT), 'the client in the page header');
  t.diagnostic(`LibreOffice printed the workbook on ${pages} pages`);
});
