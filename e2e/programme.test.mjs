// The programme page (/programme/), end to end: the reader's start date
// and deadline saved with their progress and shown again; every week's
// dates, tasks and items, and this week marked, with "today" set by
// Playwright's clock in Europe/London; items shown done or late; the
// warnings when time is short, the plan overruns or the deadline has
// passed; the calendar file made in the browser and the one a consultant's
// portal publishes at build time, both read back by an independent parser
// (e2e/icscheck.py, with Python's icalendar); the portal's page without
// JavaScript; the printed timeline (one landscape A4 sheet, read back with
// poppler); accessibility at 1280 and 320 px; the keyboard; two tabs.
//
// Needs SITE_DIR (the default site), PORTAL_DIR (a site made by
// `readykit new` with programme: {start: 2027-04-12, client: Oak House
// Care}) and PYTHON (a python3 with icalendar), as `make test-browser`
// sets them. Debian's Chromium under the production CSP (the test servers
// send netlify.toml's headers). No test sleeps: each waits on a condition.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, goTo, pageProblems, reload, serveSite, session as openSession, siteDir, waitForEntries } from './pages.mjs';
import { startServer } from './server.mjs';

const dir = siteDir();
const PORTAL_DIR = requiredDir('PORTAL_DIR', 'a site made by `readykit new` with programme: {start: 2027-04-12, client: Oak House Care} in its readykit.yaml');
const PYTHON = process.env.PYTHON;
if (!PYTHON) {
  throw new Error('PYTHON is not set. Run `make test-browser`, or set PYTHON to a python3 with the icalendar package (Debian: PYTHON=/usr/bin/python3 with python3-icalendar).');
}
const ICSCHECK = join(REPO_ROOT, 'e2e', 'icscheck.py');

const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const KEY = `readykit:${TK.site}:default:${TK.edition.id}`;
const PHASES = TK.programme.phases;
const ITEMS_OF_WEEK = (n) => TK.items.filter((it) => it.week === n).map((it) => it.id);
const BY_ID = new Map(TK.items.map((it) => [it.id, it]));

// The tasks of each week, from the YAML itself (toolkit.json has no tasks).
// Every entry is "  - week: N" then "    do: text", unquoted.
const TASKS = {};
{
  const yaml = readFileSync(join(REPO_ROOT, 'content', 'data', 'programme.yaml'), 'utf8');
  for (const m of yaml.matchAll(/^ {2}- week: (\d+)\n {4}do: (.+)$/gm)) (TASKS[m[1]] ??= []).push(m[2].trim());
  const all = Object.values(TASKS).flat();
  assert.ok(all.length >= 10 && all.every((s) => !/^["']/.test(s)), `cannot read the tasks of content/data/programme.yaml: ${JSON.stringify(TASKS)}`);
}

const CARE_HOME = 'Willow Lodge Care Home';
// A name that needs escaping (; and ,) and has a character of two UTF-8
// octets, so the calendar's folding is tested inside the summary lines.
const AWKWARD = 'Tŷ Glas Care Home; Conwy, Wales';

// The programme that starts on Monday 12 April 2027, the portal's date:
// the 30 June 2027 deadline, weeks Monday to Sunday.
const WEEKS_2027 = [
  '12 to 18 April 2027', '19 to 25 April 2027', '26 April to 2 May 2027', '3 to 9 May 2027', '10 to 16 May 2027',
  '17 to 23 May 2027', '24 to 30 May 2027', '31 May to 6 June 2027', '7 to 13 June 2027', '14 to 20 June 2027',
];
const PHASE_DATES_2027 = ['12 to 25 April 2027', '26 April to 23 May 2027', '24 May to 6 June 2027', '31 May to 20 June 2027'];
// Its calendar events as [DTSTART, DTEND]: an all-day event ends the day
// after its last day. The four phases, the reminder, the deadline.
const EVENT_DATES_2027 = [
  ['2027-04-12', '2027-04-26'], ['2027-04-26', '2027-05-24'], ['2027-05-24', '2027-06-07'], ['2027-05-31', '2027-06-21'],
  ['2027-06-23', '2027-06-24'], ['2027-06-30', '2027-07-01'],
];
const LINE_2027 = 'programme runs from 12 April 2027 to 20 June 2027, to publish by 30 June 2027.';

// No test waits long on purpose; this stops a hang (such as a page.evaluate
// that never settles) from holding up the whole suite.
const LIMIT = { timeout: 90_000 };

const site = serveSite(dir);
let portal; // the portal's server, on the same browser
let tmp;
before(async () => {
  portal = await startServer(PORTAL_DIR);
  tmp = mkdtempSync(join(tmpdir(), 'readykit-programme-'));
});
// RK_KEEP_PDF=1 keeps the printed PDF and the calendar files to look at.
after(async () => {
  await portal?.close();
  if (process.env.RK_KEEP_PDF) console.log(`files kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// Helpers

function requiredDir(name, what) {
  const d = process.env[name];
  if (!d || !statSync(resolve(d), { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`${name} is ${d ? `${d}, not a folder` : 'not set'}: it must be ${what}. Run \`make test-browser\`, which builds it.`);
  }
  return resolve(d);
}

// Noon in London is the same day there whatever the season.
const at = (day) => new Date(`${day}T12:00:00Z`);

// pages.mjs's session in Europe/London. With `today` (a YYYY-MM-DD or a
// Date) the page's clock is fixed at that moment before anything loads.
//
// Two ways to be without JavaScript: javaScript: false turns it off, as a
// reader may; blockScripts: true stops only the site's own scripts, which
// gives the same page (the site has no <noscript>) but lets axe-core run:
// with JavaScript off, timers never fire in evaluated code, so axe would
// wait for ever.
const session = (t, { today, javaScript = true, ...options } = {}) =>
  openSession(t, site.browser, {
    timezoneId: 'Europe/London', locale: 'en-GB', javaScriptEnabled: javaScript, today: today && (today instanceof Date ? today : at(today)), ...options,
  });

const visit = (page, path, base = site.server.url) => goTo(page, base + path);

const stored = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);

// waitForProgramme waits until the saved document's programme has the
// given fields ({ start, deadline }).
const waitForProgramme = (page, want) =>
  page.waitForFunction(
    ({ key, want }) => {
      const p = JSON.parse(localStorage.getItem(key) || '{}').programme;
      return !!p && Object.entries(want).every(([f, v]) => p[f] === v);
    },
    { key: KEY, want },
  );

// setDate types a date into Start date or Deadline (fill fires input and
// change, as a date picker does) and waits for it to be saved.
async function setDate(page, field, value) {
  await page.locator(`#rk-${field}`).fill(value);
  await waitForProgramme(page, { [field]: value });
}

// setOrganisation names the care service on the Your progress page.
async function setOrganisation(page, name) {
  await visit(page, '/progress/');
  await page.getByLabel('Name of your care service').fill(name);
  await page.waitForFunction(([key, name]) => JSON.parse(localStorage.getItem(key) || '{}').organisation?.name === name, [KEY, name]);
}

// On the checklist, a status by its quick control ("Not applicable" with a
// reason); on the item's page, a target date (which leaves the checklist).
async function setStatus(page, id, label) {
  const value = Object.keys(TK.labels.statuses).find((k) => TK.labels.statuses[k] === label);
  const row = page.locator(`[data-rk-task="${id}"]`);
  await row.locator('[data-rk-quick]').focus();
  await row.locator('[data-rk-quick]').selectOption(value);
  if (value === 'not-applicable') {
    await row.getByLabel('Why does this item not apply to you?').fill('We keep no paper records');
    await row.getByRole('button', { name: 'Save as not applicable' }).click();
  }
}
async function setTargetDate(page, id, due) {
  await visit(page, `/items/${id}/`);
  const box = page.locator(`[data-rk-item="${id}"]`);
  if (!(await box.locator('details.rk-more').evaluate((d) => d.open))) await box.locator('details.rk-more > summary').click();
  const input = box.getByLabel('Target date', { exact: true });
  await input.fill(due);
  await input.blur();
}

const text = (page, sel) => page.locator(sel).textContent();
const scheduleLine = (page) => text(page, '[data-rk-schedule-line]');
const waitForText = (page, sel, want) =>
  page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent === want, [sel, want]);

// weeks reads every week as the page shows it: its dates (without the
// ": " before them), whether it is marked as this week, and whether its
// "This week" tag can be seen.
const weeks = (page) =>
  page.locator('li[data-rk-week]').evaluateAll((lis) =>
    lis.map((li) => {
      const tag = li.querySelector('[data-rk-now]');
      return {
        n: Number(li.dataset.rkWeek),
        dates: li.querySelector('[data-rk-week-dates]').textContent.replace(/^: /, ''),
        now: li.classList.contains('week--now'),
        tag: tag.checkVisibility() && tag.textContent === 'This week',
      };
    }),
  );
const weekDates = async (page) => (await weeks(page)).map((w) => w.dates);
const thisWeek = async (page) => {
  const ws = await weeks(page);
  const marked = ws.filter((w) => w.now).map((w) => w.n);
  const tagged = ws.filter((w) => w.tag).map((w) => w.n);
  assert.deepEqual(marked, tagged, 'the weeks with the week--now class are those with the "This week" tag showing');
  return marked;
};
const phaseDates = (page) => page.locator('[data-rk-phase-dates]').evaluateAll((els) => els.map((e) => e.textContent.replace(/^: /, '')));

// itemState reads an item of a week: its status text (with any tag), and
// its done and late marks.
const itemState = (page, id) =>
  page.locator(`li[data-rk-week-item="${id}"]`).evaluate((li) => ({
    state: li.querySelector('[data-rk-state]').textContent,
    done: li.classList.contains('week__item--done'),
    late: li.classList.contains('week__item--late'),
    lateTag: !!li.querySelector('.tag--late'),
  }));
const lateItems = (page) => page.locator('li.week__item--late').evaluateAll((lis) => lis.map((li) => li.dataset.rkWeekItem));

// The warnings box: its paragraphs, and the links of its list.
const warnings = (page) =>
  page.locator('[data-rk-warnings]').evaluate((box) => ({
    shown: box.checkVisibility(),
    paragraphs: [...box.querySelectorAll('p')].map((p) => p.textContent),
    links: [...box.querySelectorAll('li a')].map((a) => [a.getAttribute('href'), a.textContent]),
  }));
const waitForWarning = (page, needle) =>
  page.waitForFunction((s) => [...document.querySelectorAll('[data-rk-warnings] p')].some((p) => p.textContent.includes(s)), needle);

// icscheck reads an .ics file with e2e/icscheck.py: RFC 5545's byte rules,
// then Python's icalendar.
function icscheck(file) {
  try {
    return JSON.parse(execFileSync(PYTHON, [ICSCHECK, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e) {
    assert.fail(`${file} is not a good iCalendar file: ${e.stderr || e.message}`);
  }
}

// The shared vectors' calendars (the exact text Go and programme.js must
// write) read back by the independent parser: every event there, all day,
// and the escaped text (commas, semicolons, backslashes, line breaks,
// characters of every UTF-8 length across folds) back as it was meant.
test('the shared calendar vectors read back through Python\'s icalendar as they were meant', () => {
  const dir = join(REPO_ROOT, 'testdata', 'ics');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 4, files.join(' '));
  // Line breaks as \n, control characters dropped, as the writers do.
  // icalendar 4.0.3 (Debian's) also reads an escaped backslash followed by
  // n as a line break, where RFC 5545 means a backslash and an n; the
  // escaping itself is checked on the raw lines by icscheck.py, so here
  // the expected text is read the way that version reads it.
  const clean = (t) => t.replace(/\r\n?/g, '\n').replace(/[\0-\x08\x0b-\x1f\x7f]/g, '').replaceAll('\\n', '\n');
  for (const f of files) {
    const v = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const file = join(tmp, f.replace(/json$/, 'ics'));
    writeFileSync(file, v.want);
    const cal = icscheck(file);
    assert.equal(cal.events.length, v.phases.length + 2, f);
    assert.ok(cal.events.every((e) => e.allDay), `${f}: every event is all day`);
    assert.equal(cal.name, 'DSPT programme' + (v.organisation ? ' for ' + clean(v.organisation) : ''), f);
    v.phases.forEach((ph, i) => {
      const e = cal.events[i];
      assert.ok(e.summary.endsWith(': ' + clean(ph.name)), `${f}: summary ${e.summary}`);
      assert.ok(e.description.endsWith('\n\n' + clean(ph.work)), `${f}: description ${JSON.stringify(e.description)}`);
      if (v.organisation) assert.ok(e.summary.startsWith(clean(v.organisation) + ': '), `${f}: ${e.summary}`);
    });
  }
});

// downloadCalendar clicks "Add to your calendar" and returns the file's
// name and what icscheck.py reads in it.
async function downloadCalendar(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-rk-ics]').click()]);
  const file = join(tmp, name);
  await download.saveAs(file);
  return { name: download.suggestedFilename(), cal: icscheck(file) };
}

// assertCalendar checks a calendar of the 2027 programme: the six events,
// their dates, words and UIDs, for organisation `org` ('' for none).
function assertCalendar(cal, org, where) {
  const who = org ? `${org}: ` : '';
  assert.equal(cal.name, org ? `DSPT programme for ${org}` : 'DSPT programme', `${where}: X-WR-CALNAME`);
  assert.equal(cal.version, '2.0');
  assert.equal(cal.prodid, '-//readykit//DSPT programme//EN');
  assert.equal(cal.events.length, 6, `${where}: 4 phases, the reminder and the deadline`);
  assert.deepEqual(cal.events.map((e) => [e.start, e.end]), EVENT_DATES_2027, `${where}: dates`);
  assert.ok(cal.events.every((e) => e.allDay), `${where}: every event is all day`);
  assert.ok(cal.events.every((e) => e.transp === 'TRANSPARENT'), `${where}: no event shows the reader as busy`);
  assert.deepEqual(cal.events.map((e) => e.summary), [
    ...PHASES.map((p) => `${who}DSPT weeks ${p.from} to ${p.to}: ${p.name}`),
    `${who}DSPT deadline in one week`,
    `${who}DSPT deadline: publish the toolkit today`,
  ], `${where}: summaries`);
  // The description, escaped and folded, reads back as written: the
  // commas of each phase's work included.
  PHASES.forEach((p, i) => {
    assert.equal(cal.events[i].description,
      `Weeks ${p.from} to ${p.to} of your 10-week programme for the Data Security and Protection Toolkit, to publish by 30 June 2027.\n\n${p.work}`,
      `${where}: description of phase ${i + 1}`);
  });
  assert.match(cal.events[4].description, /must be published by 30 June 2027\./);
  const uids = cal.events.map((e) => e.uid);
  assert.equal(new Set(uids).size, 6, `${where}: UIDs are unique: ${uids}`);
  assert.ok(uids.every((u) => /^[\w.-]+-2027-[\w.-]+@readykit$/.test(u)), `${where}: UIDs hold the deadline's year: ${uids}`);
}

// readPDF reads a printed PDF back with poppler: its size and its text.
function readPDF(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  return {
    info,
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]),
    width: Number(size?.[1]),
    height: Number(size?.[2]),
    // -raw keeps each cell's text together (content stream order).
    raw: execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }),
  };
}

// ---------------------------------------------------------------------------
// Tests

test('a start date is saved, and after a reload the page shows the same dates, and this week with its tasks and items', LIMIT, async (t) => {
  const { page, quiet } = await session(t, { today: '2027-04-28' }); // a Wednesday, in week 3
  await visit(page, '/programme/');
  assert.equal(await page.locator('#rk-start').inputValue(), '', 'no start date yet');
  // Counted back from 30 June 2027, the programme starts on 12 April 2027
  // too; a Saturday start, at the end, shows that the saved date counts.
  assert.equal(await scheduleLine(page), `Your ${LINE_2027}`);
  assert.deepEqual((await stored(page))?.programme ?? { start: '', deadline: '' }, { start: '', deadline: '' });
  // The form and schedule replace the text for readers without JavaScript.
  assert.equal(await page.locator('[data-rk-programme-form]').isVisible(), true);
  assert.equal(await page.locator('[data-rk-programme-static]').isVisible(), false);

  await setDate(page, 'start', '2027-04-12');
  assert.deepEqual((await stored(page)).programme, { start: '2027-04-12', deadline: '' });
  await reload(page);

  assert.equal(await page.locator('#rk-start').inputValue(), '2027-04-12');
  assert.equal(await page.locator('#rk-deadline').inputValue(), '');
  assert.equal(await scheduleLine(page), `Your ${LINE_2027}`);
  assert.equal(await text(page, '[data-rk-this-week]'), 'This is week 3 of 10: 26 April to 2 May 2027.');
  assert.equal(await page.locator('[data-rk-warnings]').isVisible(), false, 'ten weeks fit before the deadline with one spare');
  assert.deepEqual(await weekDates(page), WEEKS_2027);
  assert.equal((await weekDates(page))[0], '12 to 18 April 2027');
  assert.deepEqual(await phaseDates(page), PHASE_DATES_2027);
  assert.deepEqual(await thisWeek(page), [3]);

  // Every week's tasks and items, as programme.yaml and toolkit.json say;
  // week 3's can be seen.
  for (let n = 1; n <= TK.programme.weeks; n++) {
    const week = page.locator(`li[data-rk-week="${n}"]`);
    assert.deepEqual(await week.locator('.week__tasks li').allTextContents(), TASKS[n] ?? [], `week ${n}'s tasks`);
    assert.deepEqual(await week.locator('li[data-rk-week-item]').evaluateAll((lis) => lis.map((li) => li.dataset.rkWeekItem)), ITEMS_OF_WEEK(n), `week ${n}'s items`);
  }
  const week3 = page.locator('li[data-rk-week="3"]');
  assert.ok(TASKS[3].length >= 1 && ITEMS_OF_WEEK(3).length >= 5);
  for (const task of TASKS[3]) assert.equal(await week3.locator('.week__tasks li', { hasText: task }).isVisible(), true, `week 3's task "${task}" is shown`);
  for (const id of ITEMS_OF_WEEK(3)) {
    const li = week3.locator(`li[data-rk-week-item="${id}"]`);
    assert.equal(await li.isVisible(), true, `item ${id} is shown in week 3`);
    assert.equal(await li.getByRole('link').getAttribute('href'), BY_ID.get(id).url);
    assert.deepEqual(await itemState(page, id), { state: 'Not started', done: false, late: false, lateTag: false }, `item ${id} is not late in its own week`);
  }

  // A Saturday start moves to the Monday after; today is then before it.
  await setDate(page, 'start', '2027-05-01');
  await waitForText(page, '[data-rk-this-week]', 'It starts on 3 May 2027.');
  assert.equal((await weekDates(page))[0], '3 to 9 May 2027');
  assert.deepEqual(await thisWeek(page), [], 'no week is this week before the start');
  quiet();
});

test('"today" is the reader\'s own day: just after midnight in London on a Monday is in the new week', LIMIT, async (t) => {
  // 23:30 on Sunday 25 April in UTC is 00:30 on Monday 26 April in London
  // (summer time). Counted back from 30 June 2027, week 3 begins on the 26th.
  const { page, quiet } = await session(t, { today: new Date('2027-04-25T23:30:00Z') });
  await visit(page, '/programme/');
  assert.equal(await scheduleLine(page), `Your ${LINE_2027}`, 'with no dates of its own, the programme is counted back from the deadline');
  assert.equal(await text(page, '[data-rk-this-week]'), 'This is week 3 of 10: 26 April to 2 May 2027.');
  assert.deepEqual(await thisWeek(page), [3]);
  quiet();
});

test('items show their status: done items are never late, unfinished ones are late once their week or target date has passed', LIMIT, async (t) => {
  const { page, quiet } = await session(t, { today: '2027-05-12' }); // week 5
  await visit(page, '/programme/');
  await setDate(page, 'start', '2027-04-12');

  // On the checklist, as a reader would.
  await visit(page, '/checklist/');
  await setStatus(page, '1.1.2', 'Done'); // week 3
  await setStatus(page, '1.3.12', 'Not applicable'); // week 4
  await setStatus(page, '1.1.3', 'In progress'); // week 3
  await setTargetDate(page, '7.1.2', '2027-05-01'); // week 6, but due already
  await waitForEntries(page, { '1.1.2': { status: 'met' }, '1.3.12': { status: 'not-applicable' }, '1.1.3': { status: 'in-progress' }, '7.1.2': { due: '2027-05-01' } }, KEY);

  await visit(page, '/programme/');
  assert.deepEqual(await thisWeek(page), [5]);
  assert.deepEqual(await itemState(page, '1.1.2'), { state: 'Done', done: true, late: false, lateTag: false });
  assert.deepEqual(await itemState(page, '1.3.12'), { state: 'Not applicable', done: true, late: false, lateTag: false });
  assert.deepEqual(await itemState(page, '1.1.3'), { state: 'In progress Late', done: false, late: true, lateTag: true });
  assert.deepEqual(await itemState(page, '1.1.5'), { state: 'Not started Late', done: false, late: true, lateTag: true }, 'week 2 is over');
  assert.deepEqual(await itemState(page, '7.1.2'), { state: 'Not started Late', done: false, late: true, lateTag: true }, 'its target date has passed');
  assert.deepEqual(await itemState(page, '4.1.1'), { state: 'Not started', done: false, late: false, lateTag: false }, 'this week\'s');
  assert.deepEqual(await itemState(page, '7.1.5'), { state: 'Not started', done: false, late: false, lateTag: false }, 'next week\'s');
  // Exactly the unfinished items of weeks 1 to 4, and 7.1.2.
  const done = new Set(['1.1.2', '1.3.12']);
  const want = [1, 2, 3, 4].flatMap(ITEMS_OF_WEEK).filter((id) => !done.has(id)).concat('7.1.2');
  assert.deepEqual((await lateItems(page)).sort(), want.sort());
  assert.equal(await page.locator('li[data-rk-week-item="1.1.3"] .tag--late').isVisible(), true);
  quiet();
});

test('warnings: few weeks left (with what to do first), a plan that overruns or ends late, a deadline passed; Clear my dates', LIMIT, async (t) => {
  const { page, quiet } = await session(t, { today: '2027-05-20' });
  await visit(page, '/programme/');
  const FEW = 'Only 6 weeks are left before the deadline of 30 June 2027, and most services need at least 8.';
  const approaching = TK.items.filter((it) => it.level === 'approaching');
  assert.equal(approaching.length, TK.edition.counts.approaching);
  const FIRST = [`Do these first: ${approaching.length} items are still needed for Approaching Standards.`];
  const FIRST_LINKS = approaching.map((it) => [it.url, it.ref ? `${it.ref} ${it.title}` : it.title]);

  // No dates: counted back from the edition's 30 June 2027; six weeks are left.
  assert.equal(await scheduleLine(page), `Your ${LINE_2027}`);
  assert.equal(await text(page, '[data-rk-this-week]'), 'This is week 6 of 10: 17 to 23 May 2027.');
  assert.deepEqual(await warnings(page), { shown: true, paragraphs: [FEW, ...FIRST], links: FIRST_LINKS });

  // What is done drops off the list.
  await visit(page, '/checklist/');
  await setStatus(page, approaching[0].id, 'Done');
  await waitForEntries(page, { [approaching[0].id]: { status: 'met' } }, KEY);
  await visit(page, '/programme/');
  assert.deepEqual((await warnings(page)).paragraphs, [FEW, `Do these first: ${approaching.length - 1} items are still needed for Approaching Standards.`]);
  assert.deepEqual((await warnings(page)).links, FIRST_LINKS.slice(1));

  // Starting on 10 May 2027 runs past the deadline.
  await setDate(page, 'start', '2027-05-10');
  await waitForWarning(page, 'after the deadline');
  assert.deepEqual((await warnings(page)).paragraphs.slice(0, 2), [FEW, 'This plan ends on 18 July 2027, after the deadline of 30 June 2027. Start earlier, or fit the work into fewer weeks.']);
  assert.equal(await scheduleLine(page), 'Your programme runs from 10 May 2027 to 18 July 2027, to publish by 30 June 2027.');

  // Starting on 19 April 2027 ends less than a week before it.
  await setDate(page, 'start', '2027-04-19');
  await waitForWarning(page, 'less than a week before the deadline');
  assert.deepEqual((await warnings(page)).paragraphs.slice(0, 2), [FEW, 'This plan ends on 27 June 2027, less than a week before the deadline. To keep a week spare, start in the week of 12 April 2027 or earlier.']);

  // A deadline of the reader's own in the past: that it has passed, and
  // that it is not the site's.
  await setDate(page, 'deadline', '2027-04-30');
  await waitForWarning(page, 'has passed');
  assert.deepEqual(await warnings(page), { shown: true, paragraphs: [
    'The deadline, 30 April 2027, has passed. Set a deadline that is still to come.',
    'Your programme counts to 30 April 2027, but this site\'s toolkit year ends on 30 June 2027. Check which date is right. To use 30 June 2027, clear the deadline above.',
  ], links: [] });
  assert.deepEqual((await stored(page)).programme, { start: '2027-04-19', deadline: '2027-04-30' });

  // Clear my dates: back to the edition's deadline, and nothing saved.
  await page.getByRole('button', { name: 'Clear my dates' }).click();
  await waitForProgramme(page, { start: '', deadline: '' });
  await waitForText(page, '[data-rk-schedule-line]', `Your ${LINE_2027}`);
  assert.equal(await page.locator('#rk-start').inputValue(), '');
  assert.equal(await page.locator('#rk-deadline').inputValue(), '');
  assert.equal((await warnings(page)).paragraphs[0], FEW);
  assert.equal(await text(page, '[data-rk-announce]'), 'Your dates are cleared.');
  await reload(page);
  assert.equal(await scheduleLine(page), `Your ${LINE_2027}`);
  quiet();
});

// The home page and the programme name one deadline, the edition's,
// whatever the reader's day: not "the next 30 June" worked out from it.
test('one deadline: in December 2026 the home page and the programme both say 30 June 2027, from the edition', LIMIT, async (t) => {
  assert.equal(TK.edition.deadline, '2027-06-30', 'the default edition\'s deadline');
  const { page, quiet } = await session(t, { today: '2026-12-02' });
  await visit(page, '/');
  const home = await page.locator('main').textContent();
  assert.ok(home.includes('30 June 2027'), 'the home page names 30 June 2027');
  assert.doesNotMatch(home, /30 June 20(2[0-6]|2[89])/, 'and no other year\'s deadline');
  await visit(page, '/programme/');
  assert.equal(await scheduleLine(page), `Your ${LINE_2027}`);
  assert.equal(await text(page, '[data-rk-this-week]'), 'It starts on 12 April 2027.');
  assert.equal(await page.locator('[data-rk-warnings]').isVisible(), false);
  assert.equal(await text(page, '#rk-deadline-hint'), 'Leave it empty to use this toolkit year\'s deadline, 30 June 2027.');
  assert.match(await text(page, '[data-rk-programme-for]'), /publish by 30 June 2027$/);
  quiet();
});

// Every 30 June with a year that a first-time reader meets, on screen and
// on paper, is the edition's. (The What changed page lists past editions
// on purpose, and is not among these.)
test('one deadline, and the edition said to be provisional, on the home page, the programme, the gap analysis, the plan, a worksheet and an item, on screen and printed', LIMIT, async (t) => {
  const { page, quiet } = await session(t, { today: '2026-12-02' });
  const years = (s) => [...s.replace(/\s+/g, ' ').matchAll(/30 June (\d{4})/g)].map((m) => m[1]);
  const PROVISIONAL = /Provisional The 2026-27 list on this site is carried over from the year before and not yet checked against the 2026-27 toolkit\. The deadline to publish is 30 June 2027\./;
  for (const path of ['/', '/programme/', '/gaps/', '/plan/', '/standards/1/worksheet/', '/items/1.1.1/']) {
    await visit(page, path);
    const body = await page.locator('body').innerText();
    assert.match(body.replace(/\s+/g, ' '), PROVISIONAL, `${path} says the edition is provisional`);
    const onScreen = years(body);
    assert.ok(onScreen.length > 0 || path == '/gaps/' || path == '/plan/', `${path} names a deadline with its year`);
    assert.deepEqual([...new Set(onScreen)].filter((y) => y != '2027'), [], `${path} names another year's 30 June`);
    const file = join(tmp, `deadline${path.replaceAll('/', '-')}pdf`);
    await page.pdf({ path: file, preferCSSPageSize: true });
    const printed = years(readPDF(file).raw);
    assert.match(readPDF(file).raw.replace(/\s+/g, ' '), PROVISIONAL, `${path} printed says the edition is provisional`);
    assert.ok(printed.includes('2027'), `${path} printed names 30 June 2027`);
    assert.deepEqual([...new Set(printed)].filter((y) => y != '2027'), [], `${path} printed names another year's 30 June`);
  }
  quiet();
});

test('after the edition\'s deadline the page keeps that date and says the toolkit year has ended, rather than moving to the next 30 June', LIMIT, async (t) => {
  const { page, quiet } = await session(t, { today: '2027-07-05' });
  await visit(page, '/programme/');
  assert.equal(await scheduleLine(page), `Your ${LINE_2027}`);
  assert.deepEqual(await warnings(page), { shown: true, paragraphs: [
    'This site\'s toolkit year ended on 30 June 2027. The site may be out of date: check the new deadline in the toolkit, and set it as your deadline above.',
  ], links: [] });
  // The reader sets the new deadline: the plan counts to it, and says it
  // is not the site's.
  await setDate(page, 'deadline', '2028-06-30');
  await waitForText(page, '[data-rk-schedule-line]', 'Your programme runs from 10 April 2028 to 18 June 2028, to publish by 30 June 2028.');
  assert.deepEqual((await warnings(page)).paragraphs, [
    'Your programme counts to 30 June 2028, but this site\'s toolkit year ends on 30 June 2027. Check which date is right. To use 30 June 2027, clear the deadline above.',
  ]);
  quiet();
});

test('the reader\'s own dates that disagree with the edition\'s deadline get a plain warning; the edition\'s own date typed in gets none', LIMIT, async (t) => {
  const { page, quiet } = await session(t, { today: '2026-12-02' });
  await visit(page, '/programme/');
  // A start after the edition's deadline counts to the next year's.
  await setDate(page, 'start', '2027-08-02');
  await waitForWarning(page, 'toolkit year ends on 30 June 2027');
  assert.equal(await scheduleLine(page), 'Your programme runs from 2 August 2027 to 10 October 2027, to publish by 30 June 2028.');
  assert.deepEqual((await warnings(page)).paragraphs, [
    'Your programme counts to 30 June 2028, but this site\'s toolkit year ends on 30 June 2027. Check which date is right. To count to 30 June 2027, set a start before it.',
  ]);
  // An earlier deadline of one's own.
  await setDate(page, 'start', '');
  await setDate(page, 'deadline', '2027-05-28');
  await waitForText(page, '[data-rk-schedule-line]', 'Your programme runs from 8 March 2027 to 16 May 2027, to publish by 28 May 2027.');
  assert.deepEqual((await warnings(page)).paragraphs, [
    'Your programme counts to 28 May 2027, but this site\'s toolkit year ends on 30 June 2027. Check which date is right. To use 30 June 2027, clear the deadline above.',
  ]);
  // The edition's own deadline, typed in: nothing to warn about.
  await setDate(page, 'deadline', '2027-06-30');
  await waitForText(page, '[data-rk-schedule-line]', `Your ${LINE_2027}`);
  assert.equal(await page.locator('[data-rk-warnings]').isVisible(), false);
  quiet();
});

test('the calendar made in the browser: six all-day events on the page\'s dates, read back by Python\'s icalendar', LIMIT, async (t) => {
  const { page, quiet } = await session(t, { today: '2027-04-28' });
  await visit(page, '/programme/');
  await setDate(page, 'start', '2027-04-12');
  assert.deepEqual(await phaseDates(page), PHASE_DATES_2027, 'the page shows the dates the calendar should have');

  // No organisation yet.
  const plain = await downloadCalendar(page, 'plain.ics');
  assert.equal(plain.name, 'dspt-programme.ics');
  assertCalendar(plain.cal, '', 'no organisation');
  assert.equal(await text(page, '[data-rk-announce]'), 'The calendar file is downloading. Open it to add the programme to your calendar.');

  // With a name that needs escaping, and folding inside a character.
  await setOrganisation(page, AWKWARD);
  await visit(page, '/programme/');
  assert.equal(await scheduleLine(page), `${AWKWARD}: your ${LINE_2027}`);
  const named = await downloadCalendar(page, 'named.ics');
  assert.equal(named.name, 't-glas-care-home-conwy-wales-programme.ics');
  assertCalendar(named.cal, AWKWARD, 'named');
  // Stamped with the reader's clock; linked to this page.
  assert.ok(named.cal.events.every((e) => e.dtstamp === '2027-04-28T12:00:00+00:00'), `DTSTAMP: ${named.cal.events.map((e) => e.dtstamp)}`);
  assert.ok(named.cal.events.every((e) => e.url === `${site.server.url}/programme/`), `URL: ${named.cal.events.map((e) => e.url)}`);
  // The UIDs stay the same when the name changes, so the new file
  // replaces the old events.
  assert.deepEqual(named.cal.events.map((e) => e.uid), plain.cal.events.map((e) => e.uid));
  quiet();
});

test('the portal publishes its calendar at build time, and its page shows the fixed dates without JavaScript', LIMIT, async (t) => {
  const res = await fetch(`${portal.url}/dspt-programme.ics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/calendar/);
  const file = join(tmp, 'portal.ics');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const cal = icscheck(file);
  assertCalendar(cal, 'Oak House Care', 'the portal\'s calendar');
  assert.equal(cal.events[0].start, '2027-04-12');
  assert.ok(cal.events.every((e) => e.summary.startsWith('Oak House Care: ')));
  assert.equal(cal.name, 'DSPT programme for Oak House Care');

  const { page } = await session(t, { javaScript: false });
  await page.goto(portal.url + '/programme/');
  const still = page.locator('[data-rk-programme-static]');
  assert.equal(await still.isVisible(), true);
  assert.equal(await still.locator('p').first().textContent(), 'This programme for Oak House Care runs from 12 April 2027 to 20 June 2027, to publish by 30 June 2027.');
  const link = still.getByRole('link', { name: 'Add these dates to your calendar (.ics file)' });
  assert.equal(await link.getAttribute('href'), '/dspt-programme.ics');
  assert.equal(await link.getAttribute('download'), '');
  assert.deepEqual(await weekDates(page), WEEKS_2027);
  assert.deepEqual(await phaseDates(page), PHASE_DATES_2027);
  // What needs the script stays out of the way.
  for (const sel of ['[data-rk-programme-form]', '[data-rk-schedule]']) assert.equal(await page.locator(sel).isVisible(), false, `${sel} is hidden without JavaScript`);
  assert.deepEqual(await thisWeek(page), []);
});

test('on the portal with JavaScript, the site\'s dates and client are used until the reader sets their own', LIMIT, async (t) => {
  const { page, quiet } = await session(t, { today: '2027-04-28' });
  await visit(page, '/programme/', portal.url);
  assert.equal(await page.locator('#rk-start').inputValue(), '');
  assert.equal(await text(page, '#rk-start-hint'), 'Leave it empty to use this site\'s start date, 12 April 2027.');
  assert.equal(await scheduleLine(page), `Oak House Care: your ${LINE_2027}`);
  assert.deepEqual(await weekDates(page), WEEKS_2027);
  const { name, cal } = await downloadCalendar(page, 'portal-browser.ics');
  assert.equal(name, 'oak-house-care-programme.ics');
  assertCalendar(cal, 'Oak House Care', 'the portal\'s page');
  quiet();
});

test('the timeline prints on one landscape A4 sheet with the organisation and dates, and no menu or buttons', LIMIT, async (t) => {
  const { page, quiet } = await session(t, { today: '2027-04-28' });
  await setOrganisation(page, CARE_HOME);
  await visit(page, '/checklist/');
  await setStatus(page, '1.1.1', 'Done');
  await waitForEntries(page, { '1.1.1': { status: 'met' } }, KEY);
  await visit(page, '/programme/');
  await setDate(page, 'start', '2027-04-12');
  assert.equal(await text(page, '[data-rk-programme-for]'), `${CARE_HOME} · DSPT programme · 12 April to 20 June 2027 · publish by 30 June 2027`);

  // The button asks the browser to print.
  await page.evaluate(() => (window.print = () => (window.__e2ePrinted = true)));
  await page.getByRole('button', { name: 'Print the timeline' }).click();
  assert.equal(await page.evaluate(() => window.__e2ePrinted), true, 'Print the timeline calls window.print');

  const file = join(tmp, 'programme.pdf');
  await page.pdf({ path: file, preferCSSPageSize: true });
  const pdf = readPDF(file);
  t.diagnostic(`timeline: ${pdf.pages} page(s), ${pdf.width} x ${pdf.height} pts`);
  if (process.env.RK_KEEP_PDF) execFileSync('pdftoppm', ['-png', '-r', '96', '-singlefile', file, join(REPO_ROOT, '.cache', 'print-programme-1')]);
  assert.equal(pdf.pages, 1, `one sheet: ${pdf.info}`);
  assert.ok(Math.abs(pdf.width - 841.9) < 2 && Math.abs(pdf.height - 595.3) < 2, `A4 landscape: ${pdf.info}`);
  // Compared without white space: a task wraps within its cell.
  const squeeze = (x) => x.replace(/\s+/g, '');
  const flat = squeeze(pdf.raw);
  const tasks = Object.values(TASKS).flat();
  for (const s of [CARE_HOME, 'DSPT programme', '12 April to 20 June 2027', 'publish by 30 June 2027', 'Week 10', ...WEEKS_2027, ...tasks, '1.1.1 ✓', '1.1.5 (late)']) {
    assert.ok(flat.includes(squeeze(s)), `the printed timeline lacks "${s}"`);
  }
  for (const s of ['Skip to main content', 'Your progress', 'Before you start', 'Print the timeline', 'Add to your calendar', 'Clear my dates', 'Your dates']) {
    assert.ok(!flat.includes(squeeze(s)), `the printed timeline has "${s}"`);
  }
  // This week is marked once, on week 3, as the sheet is printed today.
  assert.equal(flat.split('Thisweek').length - 1, 1, 'one week is marked "This week" on paper');
  assert.ok(flat.includes(squeeze('26 April to 2 May 2027 This week')), 'week 3 is marked "This week" on paper');
  quiet();
});

test('axe-core finds nothing with warnings, late items and this week shown, at 1280 and 320 px, nor on the portal without JavaScript', LIMIT, async (t) => {
  const problems = [];
  for (const width of [1280, 320]) {
    const { page, quiet } = await session(t, { today: '2027-05-20', viewport: { width, height: 800 } });
    await visit(page, '/checklist/');
    await setStatus(page, '1.1.1', 'Done');
    await waitForEntries(page, { '1.1.1': { status: 'met' } }, KEY);
    await visit(page, '/programme/');
    // Everything the page can show at once.
    assert.equal((await warnings(page)).shown, true);
    assert.ok((await lateItems(page)).length > 10, 'late items are shown');
    assert.deepEqual(await thisWeek(page), [6]);
    assert.equal((await itemState(page, '1.1.1')).state, 'Done');
    problems.push(...(await pageProblems(page, `/programme/ at ${width} px`)));
    const m = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth }));
    assert.ok(m.scrollWidth <= m.innerWidth, `/programme/ scrolls sideways at ${width} px: scrollWidth ${m.scrollWidth}`);
    quiet();
  }
  const { page } = await session(t, { blockScripts: true });
  await page.goto(portal.url + '/programme/');
  assert.equal(await page.locator('[data-rk-programme-static]').isVisible(), true, 'the page as it is without JavaScript');
  assert.equal(await page.locator('[data-rk-programme-form]').isVisible(), false);
  problems.push(...(await pageProblems(page, 'the portal\'s /programme/ without JavaScript')));
  if (problems.length) assert.fail(problems.join('\n\n'));
});

test('keyboard only: a start date typed in and cleared, with the focus always visible', LIMIT, async (t) => {
  const { context, page, quiet } = await session(t, { today: '2027-04-28' });
  // Every start date the page saves, to show that a year typed key by key
  // (0002, 0020, 0202, 2027) is saved only when whole.
  await context.addInitScript((key) => {
    const set = Storage.prototype.setItem;
    window.__starts = [];
    Storage.prototype.setItem = function (k, v) {
      if (k === key) window.__starts.push(JSON.parse(v).programme?.start);
      return set.call(this, k, v);
    };
  }, KEY);
  await visit(page, '/programme/');
  // The element with focus, and whether it shows an outline or a shadow.
  // A date field's last Tab stop is the browser's own calendar button: the
  // field is the active element but does not match :focus, only
  // :focus-within, and the theme outlines the field for it.
  const focus = () =>
    page.evaluate(() => {
      const el = document.activeElement, cs = getComputedStyle(el);
      return {
        id: el.matches('[data-rk-clear-dates]') ? 'clear' : el.id || el.localName,
        visible: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none',
        picker: el.type === 'date' && !el.matches(':focus'),
      };
    });
  const pickers = new Set();
  const assertShown = (f, how) => {
    if (f.picker) pickers.add(f.id);
    assert.ok(f.visible, `no visible focus on ${f.id}${f.picker ? "'s calendar button" : ''}${how}`);
  };
  // tabTo presses Tab until `id` has focus, each stop on the way showing it.
  const tabTo = async (id) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const f = await focus();
      assertShown(f, '');
      if (f.id === id && !f.picker) return i + 1;
    }
    assert.fail(`Tab never reached ${id}`);
  };
  t.diagnostic(`${await tabTo('rk-start')} presses of Tab to reach the start date`);
  // The parts of a date field come in the browser's order (headless
  // Chromium puts the month first whatever the page's locale), so the day
  // and the month are the same here: 5 May 2027, a Wednesday.
  await page.keyboard.type('05052027');
  await waitForProgramme(page, { start: '2027-05-05' });
  assert.equal(await page.locator('#rk-start').inputValue(), '2027-05-05');
  await waitForText(page, '[data-rk-schedule-line]', 'Your programme runs from 5 May 2027 to 11 July 2027, to publish by 30 June 2027.');
  assert.equal((await weekDates(page))[0], '5 to 9 May 2027');

  // Clear my dates, with Space, then again with Enter.
  await tabTo('clear');
  await page.keyboard.press('Space');
  await waitForProgramme(page, { start: '', deadline: '' });
  await waitForText(page, '[data-rk-schedule-line]', `Your ${LINE_2027}`);
  assert.equal(await page.locator('#rk-start').inputValue(), '');
  // Back out of the form with Shift+Tab (which would come into the date
  // field at its year), then Tab into its first part.
  for (let i = 0; i < 12 && ['clear', 'rk-deadline', 'rk-start'].includes((await focus()).id); i++) {
    await page.keyboard.press('Shift+Tab');
    assertShown(await focus(), ' going back');
  }
  await tabTo('rk-start');
  await page.keyboard.type('05052027');
  await waitForProgramme(page, { start: '2027-05-05' });
  await tabTo('clear');
  await page.keyboard.press('Enter');
  await waitForProgramme(page, { start: '', deadline: '' });
  assert.equal(await page.locator('#rk-start').inputValue(), '');
  const starts = await page.evaluate(() => window.__starts);
  assert.deepEqual([...new Set(starts)].sort(), ['', '2027-05-05'], `start dates saved: ${starts.join(', ')}`);
  t.diagnostic(`the browser's own calendar button took focus in: ${[...pickers].join(', ') || 'none'}`);
  quiet();
});

test('two tabs: a start date set in one re-dates the other without a reload', LIMIT, async (t) => {
  const { context, page: one, quiet } = await session(t, { today: '2027-04-28' });
  const two = await context.newPage();
  await visit(one, '/programme/');
  await visit(two, '/programme/');
  await two.evaluate(() => (window.__e2eSameDocument = true));
  assert.equal((await weekDates(two))[0], '12 to 18 April 2027', 'counted back from 30 June 2027');

  await setDate(one, 'start', '2027-05-03');
  await two.waitForFunction(() => document.querySelector('li[data-rk-week="1"] [data-rk-week-dates]').textContent === ': 3 to 9 May 2027');
  assert.equal(await two.evaluate(() => window.__e2eSameDocument), true, 'the second tab was not reloaded');
  assert.equal(await two.locator('#rk-start').inputValue(), '2027-05-03');
  assert.equal(await text(two, '[data-rk-this-week]'), 'It starts on 3 May 2027.');
  assert.equal(await scheduleLine(two), 'Your programme runs from 3 May 2027 to 11 July 2027, to publish by 30 June 2027.');
  assert.deepEqual(await thisWeek(two), []);
  quiet();
});
