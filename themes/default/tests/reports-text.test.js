import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyDocument, setField } from '../static/js/progress.js';
import { readiness } from '../static/js/scoring.js';
import { analyse } from '../static/js/plan.js';
import { LABELS, deepFreeze, labelled } from './fixtures.js';
import { ALL_NA, byStandard, editionLine, headline, headlineNotes, notApplicableRows, reportFor } from '../static/js/reports-text.js';

// The words the gap analysis opens with and its not-applicable decisions,
// from documents alone; e2e/printouts.test.mjs checks them on the page and
// on paper.

const NOW = '2026-12-02T10:00:00.000Z';
const ITEMS = deepFreeze([
  { id: '1.1.1', ref: '1.1.1', title: 'Your ICO registration number', standard: 1, level: 'approaching', notApplicable: false, confidence: 'confirmed', url: '/items/1.1.1/' },
  { id: '1.1.2', ref: '1.1.2', title: 'Data protection officer', standard: 1, level: 'approaching', notApplicable: true, confidence: 'likely', url: '/items/1.1.2/' },
  { id: 'passwords', ref: '', title: 'Passwords', standard: 4, level: 'met', notApplicable: true, confidence: 'likely', url: '/items/passwords/' },
  { id: '2.1.1', ref: '2.1.1', title: 'Staff training', standard: 2, level: 'met', notApplicable: false, confidence: 'unverified', url: '/items/2.1.1/' },
  { id: 'extra', ref: 'x', title: 'Extra', standard: 3, level: 'optional', notApplicable: true, confidence: 'likely', url: '/items/extra/' },
].map(labelled));
const STANDARDS = [1, 2, 3, 4].map((n) => ({ number: n, name: `Standard ${n}`, url: `/standards/${n}/` }));
const EDITION = { id: 'dspt-2026-27-cat3', title: '2026-27', deadline: '2027-06-30', deadlineText: '30 June 2027' };
const TK = deepFreeze({ items: ITEMS, standards: STANDARDS, edition: EDITION, labels: LABELS });
const blank = () => emptyDocument({ site: 'readykit', edition: EDITION.id, profile: { id: 'default' }, now: NOW });
// A document as a file may bring it: statuses and reasons set directly, so
// that these tests do not depend on which fields setField knows.
const withItems = (items) => ({ ...blank(), items });

test('the gap analysis opens with both levels\' figures, the date and whom it is for', () => {
  const doc = setField(blank(), '1.1.1', 'status', 'met', NOW);
  const r = readiness(ITEMS, doc);
  assert.equal(headline(r, { name: 'Oak House' }, '2 December 2026', LABELS.levels),
    'Approaching Standards: 1 of 2 done. Standards Met: 1 of 4 done. Made on 2 December 2026 for Oak House.');
  assert.equal(headline(r, { name: 'Oak House', odsCode: 'AB123' }, '2 December 2026', LABELS.levels),
    'Approaching Standards: 1 of 2 done. Standards Met: 1 of 4 done. Made on 2 December 2026 for Oak House, ODS code AB123.');
  assert.equal(headline(r, {}, '2 December 2026', LABELS.levels), 'Approaching Standards: 1 of 2 done. Standards Met: 1 of 4 done. Made on 2 December 2026.');
  // The same figures scoring.js gives every other page.
  assert.deepEqual([r.approaching.done, r.approaching.total, r.met.done, r.met.total], [1, 2, 1, 4]);
  assert.equal(editionLine(EDITION), 'Data Security and Protection Toolkit, 2026-27 edition (publish by 30 June 2027).');
  assert.ok(reportFor({ name: 'Oak House' }, EDITION, '2 December 2026').includes(editionLine(EDITION)));
});

test('under the figures: how many not-applicable items they leave out, and how many items to do are marked to check', () => {
  const gaps = (doc) => analyse(ITEMS, doc, null, EDITION.deadline).gaps;
  // Nothing done: 1.1.2, passwords and 2.1.1 are to check (1.1.1 is confirmed).
  let doc = blank();
  assert.deepEqual(headlineNotes(TK, doc, gaps(doc)), [
    '3 items still to do are marked to check in the toolkit: their reference or wording here is not confirmed, so look them up in the toolkit itself.',
  ]);
  // Two needed items not applicable (the optional one does not count: it is in no figure).
  doc = withItems({ '1.1.2': { status: 'not-applicable', reason: 'No DPO needed' }, passwords: { status: 'not-applicable' }, extra: { status: 'not-applicable' } });
  assert.deepEqual(headlineNotes(TK, doc, gaps(doc)), [
    '2 items you marked not applicable are left out of these figures; the reasons are under "Not applicable decisions".',
    'One item still to do is marked to check in the toolkit: its reference or wording here is not confirmed, so look it up in the toolkit itself.',
  ]);
  // One left out; an item that may not be not applicable still counts, so is not left out.
  doc = withItems({ '1.1.2': { status: 'not-applicable' }, '2.1.1': { status: 'not-applicable' }, '1.1.1': { status: 'met' }, passwords: { status: 'met' } });
  assert.deepEqual(headlineNotes(TK, doc, gaps(doc)), [
    '1 item you marked not applicable is left out of these figures; the reasons are under "Not applicable decisions".',
    'One item still to do is marked to check in the toolkit: its reference or wording here is not confirmed, so look it up in the toolkit itself.',
  ]);
  doc = withItems({ '1.1.1': { status: 'met' }, '1.1.2': { status: 'met' }, passwords: { status: 'met' }, '2.1.1': { status: 'met' } });
  assert.deepEqual(headlineNotes(TK, doc, gaps(doc)), []);
});

test('every not-applicable decision is listed in the toolkit\'s order with its reason, or "No reason recorded"', () => {
  const doc = withItems({
    passwords: { status: 'not-applicable', reason: '  We use no passwords: smart cards only.  ' },
    extra: { status: 'not-applicable', reason: '   ' },
    '2.1.1': { status: 'not-applicable', reason: 'Agency staff' },
    '1.1.2': { status: 'not-applicable' },
    '1.1.1': { status: 'met', reason: 'left from before' },
    constructor: { status: 'not-applicable' },
  });
  const rows = notApplicableRows(TK, doc).map((r) => [r.item.id, r.reason, r.counted]);
  assert.deepEqual(rows, [
    ['1.1.2', LABELS.noReason, false],
    ['passwords', 'We use no passwords: smart cards only.', false],
    ['2.1.1', 'Agency staff', true],
    ['extra', LABELS.noReason, false],
  ]);
  assert.deepEqual(notApplicableRows(TK, blank()), []);
  assert.deepEqual(notApplicableRows(TK, null), []);
});

test('a standard whose needed items are all not applicable stays in the table and says so', () => {
  const doc = withItems({ passwords: { status: 'not-applicable', reason: 'x' }, '1.1.2': { status: 'not-applicable' } });
  const rows = byStandard(TK, doc).map((r) => [r.standard.number, r.done, r.total, r.allNA]);
  // Standard 3 has only an optional item: it is left off, as before.
  assert.deepEqual(rows, [[1, 0, 1, false], [2, 0, 1, false], [4, 0, 0, true]]);
  // scoring.js counts it 0 of 0; the page's words come from here.
  assert.deepEqual(readiness(ITEMS, doc).standards[4], { done: 0, total: 0, blocking: [] });
  assert.equal(ALL_NA, 'All items not applicable');
  // Not applicable where the toolkit does not allow it counts: the standard is not all not applicable.
  const two = withItems({ '2.1.1': { status: 'not-applicable' } });
  assert.deepEqual(byStandard(TK, two).find((r) => r.standard.number == 2), { standard: STANDARDS[1], done: 0, total: 1, allNA: false });
});
