// Keeping the level through the year (issue 13): the publication recorded
// on the Your progress page (date and level, cleared by a button); the home
// page drawn as "stay ready" once one is recorded, with when to publish
// again and what is overdue or due within 30 and 90 days for a fixed
// "today" (Playwright's clock, Europe/London), and as "get ready" before,
// and without JavaScript; nothing moving as it loads (layout shift 0,
// desktop and phone); the upkeep calendar made in the browser, read back
// by the independent parser (e2e/icscheck.py, Python's icalendar); axe at
// 1280 and 320 px. Needs SITE_DIR and PYTHON, as `make test-browser` sets
// them. No test sleeps: each waits on a condition in the page.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarId } from '../themes/default/static/js/programme.js';
import { REPO_ROOT, goTo, pageProblems, reload, serveSite, session as openSession, siteDir } from './pages.mjs';

const dir = siteDir();
const PYTHON = process.env.PYTHON;
if (!PYTHON) throw new Error('PYTHON is not set. Run `make test-browser`, or set PYTHON to a python3 with the icalendar package.');
const ICSCHECK = join(REPO_ROOT, 'e2e', 'icscheck.py');
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const KEY = `readykit:${TK.site}:default:${TK.edition.id}`;
const BY_ID = new Map(TK.items.map((it) => [it.id, it]));
const site = serveSite(dir);

let tmp;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'readykit-upkeep-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

// Noon in London is the same day there whatever the season.
const at = (day) => new Date(`${day}T12:00:00Z`);
const TODAY = '2027-05-15';
const session = (t, { today = TODAY, ...o } = {}) =>
  openSession(t, site.browser, { timezoneId: 'Europe/London', locale: 'en-GB', today: at(today), ...o });
const visit = (page, path) => goTo(page, site.server.url + path);
const stored = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || 'null'), KEY);
const announced = (page, text) => page.waitForFunction((t) => document.querySelector('[data-rk-announce]').textContent === t, text);
const text = (page, sel) => page.locator(sel).first().textContent();

// Published on 30 June 2026 at Standards Met. On 15 May 2027: the backup
// test done on 20 April 2026 is overdue (20 April 2027), the training done
// on 10 June 2026 is due within 30 days (10 June 2027), every other yearly
// item counts from the publication (30 June 2027: within 90 days), the
// 3-yearly ones are due in 2029, and 10.1.2 is not applicable.
const DAY = '2026-11-02T10:00:00.000Z';
const entry = (fields) => ({ updated: DAY, ...fields });
const SEEDED = {
  format: 'readykit-progress', version: 1, site: TK.site, edition: TK.edition.id, profile: { id: 'default', name: '' },
  organisation: { name: 'Tŷ Glas Care Home; Conwy, Wales', odsCode: '', completedBy: '' },
  created: DAY, updated: DAY, exported: new Date().toISOString(),
  items: {
    '7.3.4': entry({ status: 'met', done: '2026-04-20' }),
    '3.2.1': entry({ status: 'met', done: '2026-06-10' }),
    '10.1.2': entry({ status: 'not-applicable', reason: 'We have no suppliers that handle personal data' }),
  },
  kept: {}, programme: { start: '', deadline: '' }, published: { date: '2026-06-30', level: 'met' },
};
const seed = (doc = SEEDED) => ({ seed: { origin: site.server.url, value: JSON.stringify(doc) } });

// What the seeded document should give, worked out here from toolkit.json.
const REVIEWED = TK.items.filter((it) => it.review && it.id != '10.1.2');
const YEARLY_FROM_PUBLICATION = REVIEWED.filter((it) => it.review.months == 12 && !['7.3.4', '3.2.1'].includes(it.id)).map((it) => it.id);
const LATER = REVIEWED.filter((it) => it.review.months > 12).map((it) => it.id);

test('the data has the review rules this test counts on', () => {
  assert.ok(BY_ID.get('7.3.4').review?.months == 12 && BY_ID.get('3.2.1').review?.months == 12 && BY_ID.get('10.1.2').review);
  assert.ok(YEARLY_FROM_PUBLICATION.length >= 5, YEARLY_FROM_PUBLICATION.join(' '));
  assert.ok(LATER.length >= 3 && LATER.includes('1.3.1'), LATER.join(' '));
  assert.equal(BY_ID.get('3.2.1').review.check, false);
  assert.equal(BY_ID.get('7.3.4').review.check, true);
});

// Which of the home page's two views are drawn, and what stay ready says.
const view = (page) => page.evaluate(() => {
  const shown = (sel) => [...document.querySelectorAll(sel)].map((e) => e.checkVisibility());
  const list = (state) => [...document.querySelectorAll(`[data-rk-upkeep-list="${state}"] li`)].map((li) => ({
    href: li.querySelector('a')?.getAttribute('href') ?? null, text: li.textContent.replace(/\s+/g, ' ').trim(),
  }));
  return {
    getReady: shown('.rk-get-ready'), stayReady: shown('.rk-stay-ready'),
    dates: ['published', 'twelve', 'june', 'by'].map((k) => document.querySelector(`[data-rk-stay-${k}]`).textContent),
    counts: ['overdue', 'soon', 'coming'].map((k) => document.querySelector(`[data-rk-stay-count="${k}"]`).textContent),
    overdue: list('overdue'), soon: list('soon'), coming: list('coming'), unknown: list('unknown'),
    later: document.querySelector('[data-rk-upkeep-later]').textContent,
  };
});

test('before a publication the home page shows how to get ready, with JavaScript and without', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/');
  let v = await view(page);
  assert.deepEqual(v.getReady, [true, true]);
  assert.deepEqual(v.stayReady, [false, false]);
  assert.equal(await page.evaluate(() => 'rkPublished' in document.documentElement.dataset), false);
  quiet();

  const off = await session(t, { ...seed(), blockScripts: true });
  await off.page.goto(site.server.url + '/');
  v = await off.page.evaluate(() => [...document.querySelectorAll('.rk-get-ready, .rk-stay-ready')].map((e) => `${e.className}: ${e.checkVisibility()}`));
  assert.deepEqual(v, ['key-facts rk-get-ready: true', 'rk-stay-ready: false', 'rk-get-ready: true', 'rk-stay-ready: false']);
});

test('recording the publication on Your progress: saved, announced, shown again, cleared; the home page switches to stay ready and back', async (t) => {
  const { page, quiet } = await session(t);
  await visit(page, '/progress/');
  const date = page.locator('#rk-published-date');
  assert.equal(await text(page, '[data-rk-published-line]'), 'No publication recorded. The home page shows how to get ready.');
  await date.fill('2026-12-02');
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) || '{}').published?.date === '2026-12-02', KEY);
  await page.getByLabel('Standards Met', { exact: true }).check();
  const line = 'You published on 2 December 2026 at Standards Met. The home page shows what to keep up, and when to publish again.';
  await announced(page, `Saved. ${line}`);
  assert.deepEqual((await stored(page)).published, { date: '2026-12-02', level: 'met' });
  await reload(page);
  assert.equal(await date.inputValue(), '2026-12-02');
  assert.equal(await page.getByLabel('Standards Met', { exact: true }).isChecked(), true);
  assert.equal(await text(page, '[data-rk-published-line]'), line);

  await visit(page, '/');
  let v = await view(page);
  assert.deepEqual([v.getReady, v.stayReady], [[false, false], [true, true]]);
  assert.deepEqual(v.dates, ['2 December 2026, Standards Met', '2 December 2027', '30 June 2028', '2 December 2027']);

  await visit(page, '/progress/');
  await page.locator('[data-rk-published-clear]').click();
  await announced(page, 'The publication is cleared. The home page shows how to get ready.');
  assert.deepEqual((await stored(page)).published, { date: '', level: '' });
  assert.equal(await date.inputValue(), '');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'rk-published-date');
  await visit(page, '/');
  v = await view(page);
  assert.deepEqual([v.getReady, v.stayReady], [[true, true], [false, false]]);
  quiet();
});

test('stay ready on a fixed day: when to publish again, and what is overdue, due in 30 days and in 90 days, with links and the check mark', async (t) => {
  const { page, quiet } = await session(t, seed());
  await visit(page, '/');
  const v = await view(page);
  assert.deepEqual([v.getReady, v.stayReady], [[false, false], [true, true]]);
  // Published on 30 June: 12 months later and the next 30 June are one day.
  assert.deepEqual(v.dates, ['30 June 2026, Standards Met', '30 June 2027', '30 June 2027', '30 June 2027']);
  assert.deepEqual(v.counts, ['1', '1', String(YEARLY_FROM_PUBLICATION.length)]);
  const mark = TK.labels.checkMark;
  const name = (id) => `${BY_ID.get(id).label} ${BY_ID.get(id).title}`;
  assert.deepEqual(v.overdue, [{ href: BY_ID.get('7.3.4').url, text: `${name('7.3.4')} was due 20 April 2027 ${mark}` }]);
  assert.deepEqual(v.soon, [{ href: BY_ID.get('3.2.1').url, text: `${name('3.2.1')} due 10 June 2027` }]);
  // All due on the same day: in order of id.
  assert.deepEqual(v.coming.map((r) => r.href), [...YEARLY_FROM_PUBLICATION].sort().map((id) => BY_ID.get(id).url));
  for (const r of v.coming) {
    const it = TK.items.find((i) => i.url === r.href);
    assert.equal(r.text, `${name(it.id)} due 30 June 2027${it.review.check ? ' ' + mark : ''}`);
  }
  assert.deepEqual(v.unknown, [{ href: null, text: 'Every item has a date.' }]);
  assert.equal(v.later, `${LATER.length} more reviews are due later than 90 days from now. The calendar has them all.`);
  // The links lead to the items' pages.
  await page.locator('[data-rk-upkeep-list="soon"] a').click();
  await page.waitForURL(/\/items\/3\.2\.1\/$/);
  quiet();
});

test('an item\'s page says when its evidence is next due, from the date done or the publication, and follows the date typed', async (t) => {
  const { page, quiet } = await session(t, seed());
  await visit(page, '/items/7.3.4/');
  const line = page.locator('[data-rk-item] [data-rk-next-review]');
  assert.equal(await line.textContent(), 'Next review due by 20 April 2027.');
  await visit(page, '/items/1.1.2/');
  assert.equal(await line.textContent(), 'Next review due by 30 June 2027, counted from your publication.');
  const done = page.getByLabel('Date done or last reviewed');
  await done.fill('2027-05-01');
  await done.blur();
  await page.waitForFunction(() => document.querySelector('[data-rk-next-review]').textContent === 'Next review due by 1 May 2028.');
  assert.equal((await stored(page)).items['1.1.2'].done, '2027-05-01');
  await visit(page, '/items/10.1.2/');
  assert.equal(await line.textContent(), 'Not applicable, so no review is due.');
  // An item whose evidence does not go stale has no such line.
  await visit(page, TK.items.find((it) => !it.review).url);
  assert.equal(await line.count(), 0);
  quiet();
});

test('a level with no date is not a publication: the home page still shows how to get ready', async (t) => {
  // A document whose publication has only a level: not published, for the home page.
  const { page, quiet } = await session(t, seed({ ...SEEDED, published: { date: '', level: 'met' } }));
  await visit(page, '/');
  assert.deepEqual((await view(page)).stayReady, [false, false]);
  quiet();
});

// Records every layout shift from the start of the page.
function recordShifts() {
  window.__shifts = [];
  new PerformanceObserver((l) => window.__shifts.push(...l.getEntries().map((e) => ({ value: e.value, nodes: e.sources.map((s) => s.node?.outerHTML?.slice(0, 80) ?? '') })))).observe({ type: 'layout-shift', buffered: true });
}
// Two frames after the page is ready, so every shift so far has been reported.
const settled = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(window.__shifts)))));

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 320, height: 640 }]]) {
  for (const published of [false, true]) {
    test(`nothing moves as the home page loads (${name}, ${published ? 'stay ready' : 'get ready'}): layout shift 0`, async (t) => {
      // With no organisation name: the header's "Progress for" line is
      // another part's, measured by its own tests.
      const doc = { ...SEEDED, organisation: { name: '', odsCode: '', completedBy: '' } };
      const { page, quiet } = await session(t, { viewport, init: recordShifts, ...(published && seed(doc)) });
      // The toolkit's data is held back until the page is first drawn, so
      // that the scripts change the page after it is seen, as on a slow
      // line; what is drawn then is already the right view.
      let drawn;
      await page.route(/\/data\/toolkit\.json$/, async (route) => {
        // Two animation frames: a frame has been drawn. (Paint timings are
        // not there under Playwright's clock.)
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        drawn = await page.evaluate(() => [...document.querySelectorAll('.rk-get-ready, .rk-stay-ready')].map((e) => e.checkVisibility()));
        await route.continue();
      });
      await visit(page, '/');
      assert.deepEqual(drawn, published ? [false, true, false, true] : [true, false, true, false], 'the view first drawn');
      if (published) await page.waitForFunction(() => document.querySelector('[data-rk-stay-count=overdue]').textContent === '1');
      const shifts = await settled(page);
      assert.equal(shifts.reduce((n, s) => n + s.value, 0), 0, `layout shifts: ${JSON.stringify(shifts)}`);
      // The measure itself: a shift made now is seen.
      await page.evaluate(() => document.body.prepend(Object.assign(document.createElement('div'), { className: 'rk-summary' })));
      assert.ok((await settled(page)).reduce((n, s) => n + s.value, 0) > 0, 'a shift made on purpose was not measured');
      quiet();
    });
  }
}

// icscheck reads an .ics file with e2e/icscheck.py: RFC 5545's byte rules,
// then Python's icalendar.
function icscheck(file) {
  try {
    return JSON.parse(execFileSync(PYTHON, [ICSCHECK, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e) {
    assert.fail(`${file} is not a good iCalendar file: ${e.stderr || e.message}`);
  }
}

test('the upkeep calendar: an all-day event per due date and one to publish again, each with a reminder a week before, read by the independent parser', async (t) => {
  const { page, quiet } = await session(t, { ...seed(), acceptDownloads: true });
  await visit(page, '/');
  await page.waitForFunction(() => document.querySelector('[data-rk-stay-count=overdue]').textContent === '1');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-rk-upkeep-ics]').click()]);
  const file = join(tmp, 'upkeep.ics');
  await download.saveAs(file);
  assert.equal(download.suggestedFilename(), `readykit-upkeep-t-glas-care-home-conwy-wales-${TODAY}.ics`);
  await announced(page, 'Your upkeep calendar is downloading.');
  const cal = icscheck(file);
  assert.equal(cal.name, 'DSPT upkeep for Tŷ Glas Care Home; Conwy, Wales');
  assert.ok(cal.events.every((e) => e.allDay && e.transp === 'TRANSPARENT'));
  const want = [
    ['upkeep-7.3.4-2027-04-20', '2027-04-20'], ['upkeep-3.2.1-2027-06-10', '2027-06-10'], ['upkeep-republish-2027-06-30', '2027-06-30'],
    ...[...YEARLY_FROM_PUBLICATION].sort().map((id) => [`upkeep-${id}-2027-06-30`, '2027-06-30']),
    ...[...LATER].sort().map((id) => [`upkeep-${id}-2029-06-30`, '2029-06-30']),
  ];
  const next = (d) => new Date(Date.parse(d + 'T00:00Z') + 864e5).toISOString().slice(0, 10);
  assert.deepEqual(cal.events.map((e) => [e.uid, e.start, e.end]).sort(),
    want.map(([uid, d]) => [`${uid}-${calendarId(TK.site, TK.baseURL)}-default@readykit`, d, next(d)]).sort());
  const training = cal.events.find((e) => e.uid.startsWith('upkeep-3.2.1-'));
  assert.equal(training.summary, `Tŷ Glas Care Home; Conwy, Wales: DSPT review due: 3.2.1 ${BY_ID.get('3.2.1').title}`);
  assert.equal(training.url, new URL(BY_ID.get('3.2.1').url, site.server.url).href);
  assert.match(cal.events.find((e) => e.uid.startsWith('upkeep-7.3.4-')).description, /check it in the toolkit/);
  assert.match(cal.events.find((e) => e.uid.startsWith('upkeep-republish-')).description, /Publish again by 30 June 2027/);
  // Each event has its reminder, a week before.
  const raw = readFileSync(file, 'utf8');
  assert.equal(raw.split('\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n').length - 1, want.length);
  assert.equal(raw.split('\r\nTRIGGER:-P7D\r\n').length - 1, want.length);
  quiet();
});

for (const width of [1280, 320]) {
  test(`axe finds nothing on the home page (stay ready) and the Your progress page at ${width} px`, async (t) => {
    const { page, quiet } = await session(t, { viewport: { width, height: 800 }, ...seed() });
    const problems = [];
    for (const path of ['/', '/progress/']) {
      await visit(page, path);
      problems.push(...(await pageProblems(page, `${path} at ${width} px`)));
    }
    // Nothing wider than the screen.
    await visit(page, '/');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the home page scrolls sideways');
    assert.deepEqual(problems, []);
    quiet();
  });
}
