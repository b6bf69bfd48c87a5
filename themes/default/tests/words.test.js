import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, count, isDate, longDate, plural, savedAt, thousands } from '../static/js/words.js';
import { inZone } from './fixtures.js';

test('isDate accepts only real YYYY-MM-DD dates', () => {
  for (const d of ['2025-04-30', '2024-02-29', '2000-02-29', '1999-12-31']) assert.ok(isDate(d), d);
  for (const d of ['2025-04-31', '2023-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '31/04/2025', '2025-4-1', '', 20250430, ['2025-04-30'], null]) {
    assert.equal(isDate(d), false, JSON.stringify(d));
  }
});

// isDate counts days rather than asking Date: it must agree with Date on
// every day, and every near miss, of years that test the leap rules.
test('isDate says what Date says of every day and near miss of years from 0000 to 9999', () => {
  const byDate = (v) => {
    const d = new Date(v + 'T00:00Z');
    return !isNaN(d) && d.toISOString().startsWith(v);
  };
  const p = (n, w) => String(n).padStart(w, '0');
  let real = 0;
  for (const y of [0, 1, 4, 100, 400, 1900, 1970, 2000, 2023, 2024, 2100, 2400, 9999]) {
    for (let m = 0; m <= 13; m++) {
      for (let d = 0; d <= 32; d++) {
        const v = `${p(y, 4)}-${p(m, 2)}-${p(d, 2)}`;
        const want = byDate(v);
        assert.equal(isDate(v), want, v);
        real += want;
      }
    }
  }
  assert.equal(real, 13 * 365 + 6, 'leap years: 0000, 0004, 0400, 2000, 2024, 2400');
});

test('longDate writes a date in words, and nothing for what is not a date', () => {
  assert.equal(longDate('2026-06-30'), '30 June 2026');
  assert.equal(longDate('2028-02-29'), '29 February 2028');
  assert.equal(longDate('2027-01-01'), '1 January 2027');
  assert.equal(longDate('2026-12-09'), '9 December 2026');
  for (const bad of ['', '2026-02-30', '30/06/2026', '2026-06-30T10:00:00Z', undefined, null, 20260630]) assert.equal(longDate(bad), '', String(bad));
});

test('plural takes the first word for one only', () => {
  assert.equal(plural(1, 'item', 'items'), 'item');
  assert.equal(plural('1', 'item', 'items'), 'item', 'a count read from the page');
  for (const n of [0, 2, 11, 1.5, -1]) assert.equal(plural(n, 'item', 'items'), 'items', String(n));
});

test('savedAt says the day and the local time the document was saved', () => {
  inZone('Europe/London', () => {
    const now = new Date('2027-05-03T15:00:00Z');
    assert.equal(savedAt('2027-05-03T13:05:00Z', now), 'Saved on this device today at 14:05.', 'British Summer Time');
    assert.equal(savedAt('2027-05-02T08:30:00.000Z', now), 'Saved on this device on 2 May 2027 at 09:30.');
    assert.equal(savedAt('2027-01-09T00:00:00Z', now), 'Saved on this device on 9 January 2027 at 00:00.', 'winter');
    assert.equal(savedAt('2026-12-31T23:59:59Z', now), 'Saved on this device on 31 December 2026 at 23:59.');
  });
  // The same moment is another day, and another time, elsewhere.
  inZone('America/Los_Angeles', () => {
    assert.equal(savedAt('2027-05-03T05:00:00Z', new Date('2027-05-03T15:00:00Z')), 'Saved on this device on 2 May 2027 at 22:00.');
    assert.equal(savedAt('2027-05-03T15:00:00Z', new Date('2027-05-03T15:00:00Z')), 'Saved on this device today at 08:00.');
  });
  inZone('Pacific/Kiritimati', () => {
    // An hour ago, and yesterday: 23:30 on 3 May, read at 00:30 on 4 May.
    assert.equal(savedAt('2027-05-03T09:30:00+00:00', new Date('2027-05-03T10:30:00Z')), 'Saved on this device on 3 May 2027 at 23:30.');
  });
});

test('savedAt says nothing is saved for no time or a broken one', () => {
  for (const none of ['', undefined, null, 'yesterday', '2027-13-01T00:00:00Z']) assert.equal(savedAt(none), 'Nothing saved yet.', String(none));
});

test('savedAt without a now compares with the clock', () => {
  assert.match(savedAt(new Date().toISOString()), /^Saved on this device today at \d\d:\d\d\.$/);
});

// The words used to come from toLocaleDateString and toLocaleTimeString in
// en-GB; they must not change now that they do not.
test('savedAt says what the en-GB locale said, in every zone', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  for (const tz of ['Europe/London', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
    inZone(tz, () => {
      for (let t = Date.UTC(2026, 0, 1, 0, 7); t < Date.UTC(2028, 0, 1); t += 86400000 * 13 + 3600000 * 5 + 60000 * 11) {
        const d = new Date(t);
        const want = `Saved on this device on ${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })} at ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}.`;
        assert.equal(savedAt(d.toISOString(), now), want, `${tz} ${d.toISOString()}`);
      }
    });
  }
});

test('count says a number with its noun', () => {
  assert.equal(count(1, 'item', 'items'), '1 item');
  assert.equal(count(0, 'row has', 'rows have'), '0 rows have');
  assert.equal(count(12, 'item', 'items'), '12 items');
});

test('and joins a list as a sentence does', () => {
  assert.equal(and([]), '');
  assert.equal(and(['a']), 'a');
  assert.equal(and(['a', 'b']), 'a and b');
  assert.equal(and(['a', 'b', 'c']), 'a, b and c');
  assert.equal(and(['a, x', 'b', 'c'], '; '), 'a, x; b and c');
});

test('thousands puts a comma between each three digits, as Go does', () => {
  for (const [n, want] of [[0, '0'], [999, '999'], [1000, '1,000'], [5002, '5,002'], [100000, '100,000'], [1234567, '1,234,567']]) assert.equal(thousands(n), want);
});
