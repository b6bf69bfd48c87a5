import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { addMonths, nextReview, republish, upkeep, upkeepCalendar } from '../static/js/upkeep.js';

// The vectors Go's generator/upkeep passes too.
const dir = new URL('../../../testdata/upkeep/', import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .map((file) => ({ file, v: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) }));

test('the shared vectors are there: addMonths cases and at least four plans', () => {
  assert.ok(vectors.some(({ v }) => v.addMonths?.length >= 10));
  assert.ok(vectors.filter(({ v }) => v.want).length >= 4);
});

for (const { file, v } of vectors) {
  test(`testdata/upkeep/${file}: ${v.name}`, () => {
    for (const c of v.addMonths || []) assert.equal(addMonths(c.date, c.months), c.want, `addMonths(${c.date}, ${c.months})`);
    if (!v.want) return;
    const got = upkeep(v.items, v.doc, v.today);
    assert.deepEqual(got, v.want);
    for (const item of v.items) {
      const want = got.items.find((d) => d.id == item.id)?.due || '';
      assert.equal(nextReview(item, v.doc.items[item.id], v.doc.published), want, item.id);
      assert.equal(nextReview(item, v.doc.items[item.id], v.doc.published.date), want, item.id + ' with the date alone');
    }
  });
}

test('addMonths agrees with Date on every day of four years', () => {
  for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2031, 0, 1); t += 864e5) {
    const d = new Date(t).toISOString().slice(0, 10);
    for (const n of [1, 6, 12, 36, 120]) {
      const want = new Date(t);
      want.setUTCDate(1);
      want.setUTCMonth(want.getUTCMonth() + n);
      const last = new Date(Date.UTC(want.getUTCFullYear(), want.getUTCMonth() + 1, 0)).getUTCDate();
      want.setUTCDate(Math.min(new Date(t).getUTCDate(), last));
      assert.equal(addMonths(d, n), want.toISOString().slice(0, 10), `${d} + ${n}`);
    }
  }
});

test('a document with no publication at all, as older files are, has no republish date', () => {
  const items = [{ id: 'a', review: { months: 12 } }];
  assert.deepEqual(upkeep(items, { items: {} }, '2027-01-01'),
    { published: { date: '', level: '' }, republish: { by: '', twelveMonths: '', nextJune: '' }, items: [{ id: 'a', due: '', state: 'unknown', based: '' }] });
  assert.deepEqual(republish('2026-05-01'), { by: '2027-05-01', twelveMonths: '2027-05-01', nextJune: '2027-06-30' });
});

const ITEMS = [
  { id: '3.2.1', label: '3.2.1', title: 'Yearly training', url: '/items/3.2.1/', review: { months: 12, check: false } },
  { id: 'own-devices', label: 'Reference to check', title: 'Own devices; phones, laptops', url: '/items/own-devices/', review: { months: 36, check: true } },
  { id: '1.3.1', label: '1.3.1', title: 'Policies', url: '/items/1.3.1/', review: { months: 36, check: true } },
];
const DOC = { published: { date: '2026-12-02', level: 'met' }, items: { '3.2.1': { status: 'met', done: '2028-02-29' } } };

test('the calendar: an event with a week\'s reminder per due date and the republish date, with UIDs per site, profile, item and date', () => {
  const plan = upkeep(ITEMS, DOC, '2027-01-10');
  const text = upkeepCalendar({ plan, items: ITEMS, organisation: 'Tŷ Glas, Conwy', site: 'readykit', profile: 'default', url: 'https://example.org/dspt/', stamp: '2027-01-10T09:00:00Z' });
  assert.ok(text.endsWith('\r\n') && !text.replaceAll('\r\n', '').match(/[\r\n]/));
  for (const l of text.slice(0, -2).split('\r\n')) assert.ok(Buffer.byteLength(l) <= 75, l);
  const lines = text.replaceAll('\r\n ', '').split('\r\n');
  assert.deepEqual(lines.filter((l) => l.startsWith('DTSTART')), ['DTSTART;VALUE=DATE:20271202', 'DTSTART;VALUE=DATE:20290228', 'DTSTART;VALUE=DATE:20291202', 'DTSTART;VALUE=DATE:20291202']);
  assert.deepEqual(lines.filter((l) => l.startsWith('UID')), [
    'UID:upkeep-republish-2027-12-02-readykit-default@readykit', 'UID:upkeep-3.2.1-2029-02-28-readykit-default@readykit',
    'UID:upkeep-1.3.1-2029-12-02-readykit-default@readykit', 'UID:upkeep-own-devices-2029-12-02-readykit-default@readykit']);
  assert.equal(lines.filter((l) => l == 'TRIGGER:-P7D').length, 4);
  assert.equal(lines.filter((l) => l == 'BEGIN:VALARM').length, 4);
  assert.ok(lines.includes('X-WR-CALNAME:DSPT upkeep for Tŷ Glas\\, Conwy'));
  assert.ok(lines.includes('SUMMARY:Tŷ Glas\\, Conwy: DSPT review due: Reference to check Own devices\\; phones\\, laptops'));
  assert.ok(lines.includes('URL:https://example.org/items/own-devices/'));
  assert.match(text.replaceAll('\r\n ', ''), /due for review 2 December 2029\\, 3 years after you published.*check it in the toolkit/);
  assert.match(text.replaceAll('\r\n ', ''), /DESCRIPTION:You published .* on 2 December 2026\. .*out of date 12 months later\\, on 2 December 2027\\; the yearly deadline after that is 30 June 2028/);
  // Another profile's calendar has other UIDs.
  const other = upkeepCalendar({ plan, items: ITEMS, site: 'readykit', profile: 'p2', url: 'https://example.org/', stamp: '2027-01-10T09:00:00Z' });
  assert.ok(other.includes('UID:upkeep-republish-2027-12-02-readykit-p2@readykit'));
  assert.ok(!other.includes('-default@readykit'));
});

test('no dates, no events: the calendar is still a calendar', () => {
  const plan = upkeep(ITEMS, { items: {} }, '2027-01-10');
  const text = upkeepCalendar({ plan, items: ITEMS, site: 's', profile: 'p', stamp: '2027-01-10T09:00:00Z' });
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n') && text.endsWith('END:VCALENDAR\r\n'));
  assert.doesNotMatch(text, /VEVENT/);
});
