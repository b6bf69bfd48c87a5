// Calendar UIDs carry the site's identity (progress key and host), by the
// same rule as Go's programme.CalendarID, so two sites' calendars import
// side by side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { calendar, calendarId, plan } from '../static/js/programme.js';
import { upkeepCalendar } from '../static/js/upkeep.js';

const load = (name) => {
  const dir = new URL(`../../../testdata/${name}/`, import.meta.url);
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((file) => ({ file, v: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) }));
};
// Unfolded first: a long UID is folded over two lines.
const uids = (ics) => ics.replaceAll('\r\n ', '').split('\r\n').filter((l) => l.startsWith('UID:')).map((l) => l.slice(4));

test('calendarId follows the shared vectors', () => {
  const files = load('calendar-id');
  assert.ok(files.length >= 2, `${files.length} vector files`);
  for (const { file, v } of files) {
    for (const c of v.cases) assert.equal(calendarId(c.site, c.baseURL), c.want, `${file}: ${c.site} ${c.baseURL}`);
  }
  // The calendar vectors that give a site and address agree with their id.
  const some = load('ics').filter(({ v }) => v.site);
  assert.ok(some.length >= 1, 'a calendar vector gives a site and an address');
  for (const { file, v } of some) assert.equal(calendarId(v.site, v.baseURL), v.id, file);
});

const schedule = plan({ today: '', start: '2027-04-12', deadline: '', yearlyDeadline: '2024-06-30', weeks: 10, minWeeks: 8 });
const phases = [{ name: 'One', from: 1, to: 5, work: 'a' }, { name: 'Two', from: 6, to: 10, work: 'b' }];
const programmeOf = (site, baseURL) => uids(calendar({ schedule, phases, id: site, baseURL, stamp: '2027-04-12T00:00:00Z' }));
const upkeepPlan = { published: { date: '2027-06-01' }, republish: { by: '2028-05-31', twelveMonths: '2028-06-01', nextJune: '2028-06-30' }, items: [] };
const upkeepOf = (site, baseURL) => uids(upkeepCalendar({ plan: upkeepPlan, items: [], site, baseURL, profile: 'default', stamp: '2027-06-01T00:00:00Z' }));

test('two clients\' calendars have no UID in common, even with one progress key', () => {
  const pairs = [
    [['oak-house', ''], ['elm-lodge', '']],
    [['readykit', 'https://oak-house.netlify.app/'], ['readykit', 'https://elm-lodge.netlify.app/']],
    [['oak-house', 'https://smithcare.example/oak-house/'], ['elm-lodge', 'https://smithcare.example/elm-lodge/']],
  ];
  for (const of of [programmeOf, upkeepOf]) {
    for (const [a, b] of pairs) {
      const ua = of(...a), ub = of(...b);
      assert.ok(ua.length >= 1 && ub.length >= 1, 'the calendars have events');
      assert.deepEqual(ua.filter((u) => ub.includes(u)), [], `${a} and ${b}`);
    }
  }
});

test('a site\'s UIDs are the Go build\'s, and the same in every download', () => {
  // Go's build writes phase1-<year>-<CalendarID>@readykit (see ics.go).
  assert.equal(programmeOf('oak-house', 'https://oak-house.netlify.app/')[0], 'phase1-2027-oak-house.oak-house.netlify.app@readykit');
  assert.deepEqual(programmeOf('oak-house', 'https://oak-house.netlify.app/'), programmeOf('oak-house', 'https://oak-house.netlify.app/'));
  assert.deepEqual(upkeepOf('oak-house', 'https://oak-house.netlify.app/'), ['upkeep-republish-2028-05-31-oak-house.oak-house.netlify.app-default@readykit']);
});
