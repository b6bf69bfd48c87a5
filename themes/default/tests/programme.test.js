import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { plan, calendar, longSpan, weekRange, localToday, addDays, overdue, plausible } from '../static/js/programme.js';
import { rng } from './rng.js';
import { inZone } from './fixtures.js';

const load = (name) => {
  const dir = new URL(`../../../testdata/${name}/`, import.meta.url);
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((file) => ({ file, v: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) }));
};
const schedules = load('programme');
const icses = load('ics');
const ZONES = ['Europe/London', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Australia/Lord_Howe'];

// The day of the week of a YYYY-MM-DD date, 0 for Sunday, worked out here
// rather than with the module's own arithmetic.
const dow = (d) => new Date(d + 'T00:00Z').getUTCDay();

// Fails with the first line that differs, which is easier to read than a diff
// of two long strings with CRLFs in them.
function sameICS(got, want, what) {
  if (got === want) return;
  const g = got.split('\r\n'), w = want.split('\r\n');
  const i = g.findIndex((l, i) => l !== w[i]);
  assert.fail(`${what}: line ${i + 1}\n got ${JSON.stringify(g[i])}\nwant ${JSON.stringify(w[i])}` +
    (i < 0 ? `\n${g.length} lines, want ${w.length}` : ''));
}

// The rules of RFC 5545 a calendar program may forgive but should not have to.
function checkRFC5545(ics) {
  assert.ok(ics.endsWith('\r\n'), 'ends with CRLF');
  assert.doesNotMatch(ics.replaceAll('\r\n', ''), /[\r\n]/, 'every line ends with CRLF');
  const lines = ics.slice(0, -2).split('\r\n');
  const open = [];
  for (const [i, l] of lines.entries()) {
    assert.ok(Buffer.byteLength(l) <= 75, `line ${i + 1} is ${Buffer.byteLength(l)} octets: ${l}`);
    // A character split across lines would not survive the trip through UTF-8.
    assert.equal(Buffer.from(l).toString(), l, `line ${i + 1} is not UTF-8 on its own`);
    const [name, value] = [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)];
    if (name == 'BEGIN') open.push(value);
    if (name == 'END') assert.equal(open.pop(), value, `line ${i + 1} ends what was not begun`);
  }
  assert.deepEqual(open, [], 'every BEGIN has its END');
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
}

const calendarOf = (v) => calendar({ schedule: plan(v.input), phases: v.phases, organisation: v.organisation, id: v.id, url: v.url, stamp: v.stamp });

test('there are shared vectors for the schedule and the calendar', () => {
  assert.ok(schedules.length >= 7, `${schedules.length} schedule vector files`);
  assert.ok(icses.length >= 4, `${icses.length} calendar vector files`);
  for (const { file, v } of schedules) assert.ok(v.cases.length > 0, file);
});

test('changing TZ takes effect, so the zone tests mean something', () => {
  const offsets = ZONES.map((tz) => inZone(tz, () => new Date(2026, 2, 29, 12).getTimezoneOffset()));
  assert.ok(new Set(offsets).size > 1, `offsets ${offsets}`);
  assert.equal(inZone('Pacific/Kiritimati', () => new Date(2026, 2, 29, 12).getTimezoneOffset()), -14 * 60);
});

for (const tz of ZONES) {
  for (const { file, v } of schedules) {
    test(`schedule vectors ${file} in ${tz}`, () => inZone(tz, () => {
      for (const c of v.cases) assert.deepEqual(plan(c.input), c.want, `${file}: ${c.name}`);
    }));
  }
  for (const { file, v } of icses) {
    test(`calendar vector ${file} in ${tz}`, () => inZone(tz, () => {
      const got = calendarOf(v);
      sameICS(got, v.want, file);
      checkRFC5545(got);
    }));
  }
}

// Go's TestWeeksAreWhole: a property the vectors only sample. The plans
// made in each zone must be the same, so the property is checked once, on
// the plans of them all.
test('weeks are whole for every start over three years, in every zone', () => {
  const days = [];
  for (let i = 0, day = '2025-01-01'; i < 3 * 366; i++, day = addDays(day, 1)) days.push(day);
  const plans = (tz) => inZone(tz, () => days.map((day) => plan({ start: day, yearlyDeadline: day, weeks: 10, minWeeks: 8 })));
  const all = plans(ZONES[0]);
  for (const tz of ZONES.slice(1)) assert.deepEqual(plans(tz), all, `the plans in ${tz} differ from those in ${ZONES[0]}`);
  for (const [n, s] of all.entries()) {
    const day = days[n];
    assert.equal(s.weeks.length, 10);
    assert.equal(s.weeks[0][0], s.start, day);
    assert.equal(s.end, s.weeks[9][1], day);
    // A weekday start is kept; a weekend one moves to the Monday after.
    assert.equal(s.start, [1, 0, 0, 0, 0, 0, 2].map((n) => addDays(day, n))[dow(day)], `start ${day} begins on ${s.start}`);
    for (const [i, [from, to]] of s.weeks.entries()) {
      assert.equal(dow(to), 0, `start ${day}: week ${i + 1} ends on ${to}`);
      if (i > 0) {
        assert.equal(dow(from), 1, `start ${day}: week ${i + 1} starts on ${from}`);
        assert.equal(from, addDays(s.weeks[i - 1][1], 1), `start ${day}: week ${i + 1} does not follow`);
        assert.equal(Date.parse(to) - Date.parse(from), 6 * 864e5, `start ${day}: week ${i + 1} is not 7 days`);
      }
    }
    assert.ok(s.deadline >= s.start, `start ${day}: deadline ${s.deadline}`);
  }
});

// The programme counts days itself rather than through Date: addDays must
// agree with Date's arithmetic on days spread over years 0000 to 9999.
test('addDays gives the day Date gives, from 0000 to 9999', () => {
  const pick = rng(1970);
  const byDate = (d, n) => new Date(Date.parse(d + 'T00:00Z') + n * 864e5).toISOString().slice(0, 10);
  for (let i = 0; i < 5000; i++) {
    // 0000-01-01 is day -719528 and 9999-12-31 day 2932896.
    const d = byDate('0000-01-01', Math.floor(pick() * 3652059)), n = Math.floor(pick() * 800) - 400;
    assert.equal(addDays(d, 0), d);
    if (/^\d{4}/.test(byDate(d, n))) assert.equal(addDays(d, n), byDate(d, n), `${d} + ${n}`);
  }
  for (const [d, n, want] of [['0000-01-01', 0, '0000-01-01'], ['0000-02-28', 1, '0000-02-29'], ['9999-12-31', 0, '9999-12-31'],
    ['9999-12-31', 1, ''], ['0000-01-01', -1, ''], ['2026-06-30', 1.5, '2026-07-01'], ['2026-06-30', -0.5, '2026-06-29']]) {
    assert.equal(addDays(d, n), want, `${d} + ${n}`);
  }
});

test('addDays crosses clock changes, leap days and years by whole days', () => {
  assert.equal(addDays('2026-03-28', 1), '2026-03-29');
  assert.equal(addDays('2026-03-29', 1), '2026-03-30');
  assert.equal(addDays('2026-10-25', 1), '2026-10-26');
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addDays('2027-02-28', 1), '2027-03-01');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2026-06-30', -7), '2026-06-23');
  assert.equal(addDays('', 1), '');
  assert.equal(addDays('2025-02-29', 1), '');
});

test('plan copes with input the vectors do not cover', () => {
  // Fewer than one week is one week.
  for (const weeks of [0, -3, undefined, 'x', null, NaN]) {
    assert.equal(plan({ start: '2026-04-13', deadline: '2026-06-30', weeks }).weeks.length, 1, String(weeks));
  }
  assert.deepEqual(plan({ start: '2026-04-13', deadline: '2026-06-30', weeks: '3', minWeeks: '2' }),
    plan({ start: '2026-04-13', deadline: '2026-06-30', weeks: 3, minWeeks: 2 }), 'numbers as text');
  // A yearly deadline of 29 February falls on 1 March in other years.
  assert.equal(plan({ today: '2026-01-05', yearlyDeadline: '2024-02-29', weeks: 2 }).deadline, '2026-03-01');
  assert.equal(plan({ today: '2028-01-05', yearlyDeadline: '2024-02-29', weeks: 2 }).deadline, '2028-02-29');
  // Nothing known: no dates, and nothing thrown.
  const none = plan({ weeks: 3, minWeeks: 2 });
  assert.deepEqual([none.start, none.deadline, none.end, none.startBy, none.thisWeek, none.weeksLeft], ['', '', '', '', 0, 0]);
  assert.deepEqual(none.weeks, [['', ''], ['', ''], ['', '']]);
  // A date that is not real is not set.
  assert.deepEqual(plan({ today: '2026-02-30', start: '2026-04-13', yearlyDeadline: '2024-06-30', weeks: 10 }),
    plan({ start: '2026-04-13', yearlyDeadline: '2024-06-30', weeks: 10 }));
});

// Boundaries the shared vectors do not pin down.
test('weeks are counted from the Monday of a midweek start', () => {
  const s = plan({ today: '2026-10-26', start: '2026-10-21', yearlyDeadline: '2024-06-30', weeks: 10 });
  assert.equal(s.thisWeek, 2, 'the Monday after a Wednesday start is week 2');
  assert.equal(plan({ today: '2026-10-25', start: '2026-10-21', yearlyDeadline: '2024-06-30', weeks: 10 }).thisWeek, 1);
  assert.equal(plan({ today: '2026-10-20', start: '2026-10-21', yearlyDeadline: '2024-06-30', weeks: 10 }).thisWeek, 0);
});

test('exactly a week spare is not a late start', () => {
  const at = (deadline) => plan({ start: '2026-04-13', deadline, weeks: 10, minWeeks: 8 }); // ends 21 June
  assert.deepEqual(at('2026-06-28').warnings, []);
  assert.deepEqual(at('2026-06-27').warnings, ['late-start']);
  assert.deepEqual(at('2026-06-21').warnings, ['late-start']);
  assert.deepEqual(at('2026-06-20').warnings, ['overrun']);
  assert.deepEqual(at('2026-06-06').warnings, ['few-weeks', 'overrun']);
});

test('overdue', () => {
  const s = plan({ start: '2026-04-13', deadline: '2026-06-30', weeks: 10 });
  const today = '2026-04-20'; // week 1 ended yesterday; week 2 ends on the 26th
  assert.equal(overdue(1, { status: 'in-progress' }, s, today), true, 'week ended yesterday');
  assert.equal(overdue(1, { status: 'met' }, s, today), false, 'met');
  assert.equal(overdue(1, { status: 'not-applicable', due: '2026-01-01' }, s, today), false, 'not applicable');
  assert.equal(overdue(1, undefined, s, today), true, 'no entry yet');
  assert.equal(overdue(2, undefined, s, today), false, 'week not over');
  assert.equal(overdue(2, { status: 'not-started' }, s, '2026-04-26'), false, 'week ends today');
  assert.equal(overdue(2, { status: 'not-started' }, s, '2026-04-27'), true, 'week ended');
  assert.equal(overdue(5, { status: 'in-progress', due: '2026-04-19' }, s, today), true, 'due yesterday, week in future');
  assert.equal(overdue(5, { status: 'in-progress', due: '2026-04-20' }, s, today), false, 'due today');
  assert.equal(overdue(5, { status: 'in-progress', due: '' }, s, today), false, 'no due date');
  for (const week of [0, 11, -1, 1.5, undefined]) {
    assert.equal(overdue(week, { status: 'in-progress' }, s, '2027-01-01'), false, `week ${week}`);
    assert.equal(overdue(week, { status: 'in-progress', due: '2026-12-31' }, s, '2027-01-01'), true, `week ${week} with due`);
  }
  assert.equal(overdue(1, undefined, s, ''), false, 'no today');
});

test('weekRange', () => {
  assert.equal(weekRange(3, 3), 'Week 3');
  assert.equal(weekRange(3, 6), 'Weeks 3 to 6');
  assert.equal(weekRange(1, 10), 'Weeks 1 to 10');
});

test('localToday is the local date, in every zone', () => {
  for (const tz of ZONES) {
    inZone(tz, () => {
      assert.equal(localToday(new Date(2026, 0, 5, 23, 30)), '2026-01-05', tz);
      assert.equal(localToday(new Date(2026, 2, 29, 0, 30)), '2026-03-29', tz);
      assert.equal(localToday(new Date(987, 11, 31)), '0987-12-31', tz);
      // With no argument, now: one of the days either side of the call.
      const before = localToday(new Date()), got = localToday(), after = localToday(new Date());
      assert.ok(got == before || got == after, tz);
    });
  }
  // The same instant is a different day in different places.
  const instant = new Date('2026-01-05T23:30:00Z');
  assert.equal(inZone('Europe/London', () => localToday(instant)), '2026-01-05');
  assert.equal(inZone('Pacific/Kiritimati', () => localToday(instant)), '2026-01-06');
});

// The vector's shapes, with text of our own.
const base = JSON.parse(JSON.stringify(icses[0].v));
const made = (over) => calendar({ schedule: plan(base.input), phases: base.phases, organisation: base.organisation,
  id: base.id, url: base.url, stamp: base.stamp, ...over });
const prop = (ics, name) => ics.split('\r\n').filter((l) => l.startsWith(name + ':'));
const unfold = (ics) => ics.replaceAll('\r\n ', '');

test('the calendar stamp is UTC, to the second', () => {
  assert.deepEqual(new Set(prop(made({ stamp: '2026-11-21T15:04:05.987Z' }), 'DTSTAMP')), new Set(['DTSTAMP:20261121T150405Z']));
  assert.deepEqual(new Set(prop(made({ stamp: '2026-11-22T00:30:00+01:00' }), 'DTSTAMP')), new Set(['DTSTAMP:20261121T233000Z']));
  assert.deepEqual(new Set(prop(made({ stamp: new Date(Date.UTC(2027, 0, 2, 3, 4, 5)) }), 'DTSTAMP')), new Set(['DTSTAMP:20270102T030405Z']));
});

test('text is escaped as TEXT, and the URL only when there is one', () => {
  // Go's TestEscape cases, through the calendar's name.
  for (const [org, want] of [['a,b;c\\d', 'a\\,b\\;c\\\\d'], ['one\r\ntwo\rthree\nfour', 'one\\ntwo\\nthree\\nfour'],
    ['bell\x07 del\x7f tab\t nul\0 esc\x1b', 'bell del tab\t nul esc'], ['Tŷ 🏠', 'Tŷ 🏠']]) {
    assert.deepEqual(prop(made({ organisation: org }), 'X-WR-CALNAME'), ['X-WR-CALNAME:DSPT programme for ' + want], JSON.stringify(org));
  }
  assert.deepEqual(prop(made({ url: '' }), 'URL'), []);
  assert.equal(prop(made({ url: 'https://example.org/p/' }), 'URL').length, base.phases.length + 2);
});

test('lone surrogates become U+FFFD, and fold as three octets', () => {
  const odd = 'a\uD800b\uDC00c\uDC00\uD800d\uD83C\uDFE0';
  const ics = made({ organisation: odd, url: 'https://example.org/\uD800/' });
  checkRFC5545(ics);
  assert.deepEqual(prop(ics, 'X-WR-CALNAME'), ['X-WR-CALNAME:DSPT programme for a\uFFFDb\uFFFDc\uFFFD\uFFFDd\uD83C\uDFE0']);
  assert.ok(prop(ics, 'URL').every((l) => l == 'URL:https://example.org/\uFFFD/'));
  assert.doesNotMatch(ics, /\p{Cs}/u, 'no lone surrogate left');
  // 'X-WR-CALNAME:DSPT programme for ' is 32 octets; 14 more replacement
  // characters fit (74), a 15th would make 77.
  const long = made({ organisation: '\uDC00'.repeat(40) }).split('\r\n')[5];
  assert.equal(long, 'X-WR-CALNAME:DSPT programme for ' + '\uFFFD'.repeat(14));
});

test('folding never splits a character, whatever the alignment', () => {
  const pick = rng(20260630);
  const chars = ['a', 'é', '€', '🏠', 'ŵ', ',', '\\', '\n', '\uD800', '\t'];
  for (let i = 0; i < 300; i++) {
    const text = Array.from({ length: Math.floor(pick() * 200) }, () => chars[Math.floor(pick() * chars.length)]).join('');
    const ics = made({ organisation: text, phases: [{ name: text, from: 1, to: 10, work: text }] });
    checkRFC5545(ics);
    // Unfolded, the name is whole again.
    const name = unfold(ics).split('\r\n')[5];
    assert.equal(name.startsWith('X-WR-CALNAME:DSPT programme'), true);
    assert.ok(!unfold(ics).includes('\uD800'), 'lone surrogate replaced');
  }
});

test('events cover each phase, a reminder and the deadline', () => {
  const ics = made({});
  const s = plan(base.input);
  assert.equal(prop(ics, 'BEGIN').filter((l) => l == 'BEGIN:VEVENT').length, base.phases.length + 2);
  assert.equal(prop(ics, 'DTSTART;VALUE=DATE').at(-1), 'DTSTART;VALUE=DATE:' + s.deadline.replaceAll('-', ''));
  assert.equal(prop(ics, 'DTEND;VALUE=DATE').at(-1), 'DTEND;VALUE=DATE:' + addDays(s.deadline, 1).replaceAll('-', ''));
  assert.equal(prop(ics, 'DTSTART;VALUE=DATE').at(-2), 'DTSTART;VALUE=DATE:' + addDays(s.deadline, -7).replaceAll('-', ''));
  assert.equal(new Set(prop(ics, 'UID')).size, base.phases.length + 2, 'UIDs are distinct');
});

test('longSpan says a shared month or year once, as the Go side does (testdata/spans)', () => {
  const { cases } = JSON.parse(readFileSync(new URL('../../../testdata/spans/spans.json', import.meta.url), 'utf8'));
  assert.ok(cases.length >= 5);
  for (const c of cases) assert.equal(longSpan(c.from, c.to), c.want, `${c.from} to ${c.to}`);
});

test('plausible: only years 2000 to 2099, so a year part-typed is not saved', () => {
  for (const d of ['2000-01-01', '2027-04-12', '2099-12-31']) assert.equal(plausible(d), true, d);
  for (const d of ['0002-12-04', '0020-12-04', '0202-12-04', '1999-12-31', '2100-01-01', '2027-02-30', '', undefined]) {
    assert.equal(plausible(d), false, String(d));
  }
});
