import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LABELS } from './fixtures.js';
import { dueRow, laterLine, levelName, publishedLine, publishedSaid } from '../static/js/stayready-text.js';

test('the publication in words, with and without a level, and none', () => {
  assert.equal(publishedLine({ date: '2026-12-02', level: 'met' }, LABELS.levels), 'You published on 2 December 2026 at Standards Met. The home page shows what to keep up, and when to publish again.');
  assert.equal(publishedLine({ date: '2026-06-30', level: '' }, LABELS.levels), 'You published on 30 June 2026, with no level recorded. The home page shows what to keep up, and when to publish again.');
  assert.equal(publishedLine({ date: '', level: 'met' }, LABELS.levels), 'No publication recorded. The home page shows how to get ready.');
  assert.equal(publishedLine(undefined, LABELS.levels), 'No publication recorded. The home page shows how to get ready.');
  assert.equal(publishedSaid({ date: '2027-01-05', level: 'approaching' }, LABELS.levels), 'Saved. You published on 5 January 2027 at Approaching Standards. The home page shows what to keep up, and when to publish again.');
  assert.equal(publishedSaid({ date: '', level: '' }, LABELS.levels), 'The publication is cleared. The home page shows how to get ready.');
  assert.equal(levelName('approaching', LABELS.levels), 'Approaching Standards');
  assert.equal(levelName('', LABELS.levels), 'Level not recorded');
});

test('a row of what is due: overdue says "was due", no date says nothing, a guessed rule is marked', () => {
  const item = { label: '7.3.4', title: 'Backups that you know will work', review: { months: 12, check: true } };
  assert.deepEqual(dueRow({ due: '2027-04-20', state: 'overdue' }, item), { name: '7.3.4 Backups that you know will work', when: 'was due 20 April 2027', check: true });
  assert.deepEqual(dueRow({ due: '2027-06-10', state: 'soon' }, { ...item, review: { months: 12, check: false } }).when, 'due 10 June 2027');
  assert.deepEqual(dueRow({ due: '', state: 'unknown' }, item).when, '');
  assert.equal(laterLine(0), '');
  assert.equal(laterLine(1), '1 more review is due later than 90 days from now. The calendar has them all.');
  assert.equal(laterLine(4), '4 more reviews are due later than 90 days from now. The calendar has them all.');
});
