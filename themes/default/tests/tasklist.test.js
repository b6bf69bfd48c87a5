import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyDocument, setField } from '../static/js/progress.js';
import { taskTag } from '../static/js/checklist-text.js';
import { askReason, reasonNeeded } from '../static/js/reason-text.js';
import { FILTER_KEYS, filterQuery, matches, readFilter, showing } from '../static/js/filter-text.js';
import { LABELS } from './fixtures.js';

// The task list without a browser: what each item's tag says, and the
// checklist's filter. e2e/tasklist.test.mjs checks the same on the page.

const NOW = '2026-12-02T10:00:00.000Z';
const blank = () => emptyDocument({ site: 'readykit', edition: 'dspt-2026-27-cat3', profile: { id: 'default' }, now: NOW });

test('a tag shows the status, and a not-applicable item its reason or that none was recorded', () => {
  assert.deepEqual(taskTag(undefined, LABELS.noReason), { status: 'not-started', reason: '' });
  let doc = setField(blank(), '1.1.1', 'status', 'in-progress', NOW);
  assert.deepEqual(taskTag(doc.items['1.1.1'], LABELS.noReason), { status: 'in-progress', reason: '' });
  doc = setField(doc, '1.1.1', 'reason', 'We keep no paper records', NOW);
  assert.deepEqual(taskTag(doc.items['1.1.1'], LABELS.noReason), { status: 'in-progress', reason: '' }, 'a reason shows only while the item does not apply');
  doc = setField(doc, '1.1.1', 'status', 'not-applicable', NOW);
  assert.deepEqual(taskTag(doc.items['1.1.1'], LABELS.noReason), { status: 'not-applicable', reason: 'Reason: We keep no paper records' });
  // From a file: not applicable with a blank reason.
  assert.deepEqual(taskTag({ status: 'not-applicable', reason: '  ' }, LABELS.noReason), { status: 'not-applicable', reason: 'No reason recorded' });
  assert.deepEqual(taskTag({ status: 'not-applicable' }, LABELS.noReason), { status: 'not-applicable', reason: 'No reason recorded' });
  // Every status the tag can show has words in toolkit.json's labels.
  for (const s of ['not-started', 'in-progress', 'met', 'not-applicable']) assert.ok(LABELS.statuses[taskTag({ status: s }, LABELS.noReason).status], s);
});

test('asking for a reason names the item and says nothing is saved without one', () => {
  assert.equal(askReason({ ref: '1.3.12', title: 'Paper records' }), 'Say why 1.3.12 Paper records does not apply to you. It is saved as not applicable once you give a reason.');
  assert.equal(askReason({ ref: '', title: 'Passwords' }), 'Say why Passwords does not apply to you. It is saved as not applicable once you give a reason.');
  assert.match(reasonNeeded, /Nothing has been saved\.$/);
});

const ROWS = [
  { id: '1.1.1', status: 'met', standard: 1, level: 'approaching', who: ['manager', 'office'] },
  { id: '1.3.12', status: 'not-applicable', standard: 1, level: 'approaching', who: ['manager'] },
  { id: '2.1.1', status: 'not-started', standard: 2, level: 'met', who: ['all-staff'] },
  { id: '10.1.1', status: 'in-progress', standard: 10, level: 'optional', who: ['it-provider', 'manager'] },
];
const shown = (f) => ROWS.filter((r) => matches(r, { ...readFilter(''), ...f })).map((r) => r.id);

test('the filter shows the rows that match every choice made, and all rows for none', () => {
  assert.deepEqual(shown({}), ['1.1.1', '1.3.12', '2.1.1', '10.1.1']);
  assert.deepEqual(shown({ status: 'met' }), ['1.1.1']);
  assert.deepEqual(shown({ status: 'not-started' }), ['2.1.1']);
  assert.deepEqual(shown({ standard: '1' }), ['1.1.1', '1.3.12']);
  assert.deepEqual(shown({ standard: '10' }), ['10.1.1'], 'standard 10 is not standard 1');
  assert.deepEqual(shown({ level: 'optional' }), ['10.1.1']);
  assert.deepEqual(shown({ who: 'manager' }), ['1.1.1', '1.3.12', '10.1.1']);
  assert.deepEqual(shown({ who: 'manager', standard: '1', status: 'met' }), ['1.1.1']);
  assert.deepEqual(shown({ who: 'office', level: 'met' }), []);
  assert.deepEqual(shown({ who: 'man' }), [], 'a role matches whole, not in part');
});

test('the choice goes into the query and comes back the same', () => {
  assert.deepEqual(FILTER_KEYS, ['status', 'standard', 'level', 'who']);
  assert.deepEqual(readFilter(''), { status: '', standard: '', level: '', who: '' });
  assert.equal(filterQuery(readFilter('')), '');
  const f = { status: 'in-progress', standard: '3', level: '', who: 'data-lead' };
  assert.equal(filterQuery(f), '?status=in-progress&standard=3&who=data-lead');
  assert.deepEqual(readFilter(filterQuery(f)), f);
  assert.deepEqual(readFilter('?who=it-provider&utm=x&level=met'), { status: '', standard: '', level: 'met', who: 'it-provider' }, 'unknown names are ignored');
  assert.deepEqual(readFilter('status=%3Cb%3E'), { status: '<b>', standard: '', level: '', who: '' }, 'kept as text; the page drops what no control offers');
});

test('the count says how many of the items are shown', () => {
  assert.equal(showing(55, 55), 'Showing all 55 items');
  assert.equal(showing(12, 55), 'Showing 12 of 55 items');
  assert.equal(showing(1, 55), 'Showing 1 of 55 items');
  assert.equal(showing(0, 55), 'Showing 0 of 55 items: change a choice to see more');
});
