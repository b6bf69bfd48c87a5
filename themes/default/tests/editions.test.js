import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { normalise, serialise } from '../static/js/progress.js';
import { migrate, path } from '../static/js/editions.js';
import { deepFreeze, LABELS } from './fixtures.js';

const dir = new URL('../../../testdata/editions/', import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const read = (file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
const NOW = '2025-04-01T08:00:00.000Z';
const LATER_ = '2025-04-02T08:00:00.000Z';

test('there are at least 3 edition vectors', () => {
  assert.ok(vectors.length >= 3);
});

for (const file of vectors) {
  test(`migrate vector ${file}`, () => {
    const v = read(file);
    assert.deepEqual(Object.keys(v).sort(), ['from', 'history', 'items', 'name', 'to', 'want']);
    const { doc } = migrate(deepFreeze(v.from), { to: v.to, history: v.history, items: v.items, now: NOW });
    assert.deepEqual(doc, v.want, v.name);
    assert.equal(serialise(doc), serialise(v.want));
    // The result is a good document for the new edition: nothing set aside, no problems.
    const again = normalise(JSON.parse(serialise(doc)), { site: 'readykit', edition: v.to, items: v.items, now: NOW });
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.aside, {});
  });
}

test('migrate reports what moved and what was kept', () => {
  const v = read('two-steps-renamed.json');
  const r = migrate(v.from, { to: v.to, history: v.history, items: v.items, now: NOW });
  assert.deepEqual(r.moved, ['1.1.1', '1.1.5']);
  assert.deepEqual(r.kept, ['9.9.9']);
  assert.equal(r.doc.kept['9.9.9'].from, 'dspt-2023-24-cat3', 'kept from the edition it was last in');
  assert.equal(v.from.items['1.1.4'].owner, 'Sam', 'the input is unchanged');
});

test('migrate never drops an entry: every old entry ends up in items or kept', () => {
  for (const file of vectors) {
    const v = read(file);
    const r = migrate(v.from, { to: v.to, history: v.history, items: v.items, now: NOW });
    const count = (d) => Object.keys(d.items).length + Object.keys(d.kept).length;
    assert.equal(count(r.doc), count(v.from), file);
  }
});

test('migrate to the same edition changes nothing', () => {
  const v = read('one-step.json');
  const r = migrate(v.from, { to: v.from.edition, history: v.history, now: NOW });
  assert.deepEqual(r.doc, v.from);
  assert.deepEqual(r.kept, []);
});

test('migrate drops the export time and keeps the rest', () => {
  const v = read('one-step.json');
  const r = migrate({ ...v.from, exported: NOW }, { to: v.to, history: v.history, now: NOW });
  assert.equal('exported' in r.doc, false);
  assert.deepEqual(r.doc.organisation, v.from.organisation);
  assert.deepEqual(r.doc.profile, v.from.profile);
  assert.equal(r.doc.created, v.from.created);
});

test('path walks history and stops at circles', () => {
  const h = [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'x', to: 'x' }];
  assert.deepEqual(path(h, 'a', 'c'), [h[0], h[1]]);
  assert.deepEqual(path(h, 'c', 'c'), []);
  assert.equal(path(h, 'c', 'a'), null);
  assert.equal(path(h, 'x', 'y'), null);
  assert.equal(path(null, 'a', 'b'), null);
});

// ---------------------------------------------------------------------------
// What does not fit: leftOut through a move, and the Your progress page's list.

import { emptyDocument, emptyEntry, record, setField } from '../static/js/progress.js';
import { keep, keptAside, keptLost, putBack, removeAside, show } from '../static/js/editions.js';

const E22 = 'dspt-2022-23-cat3', E23 = 'dspt-2023-24-cat3';
const HISTORY = [{ from: E22, to: E23, carried: { '1.1.1': '1.1.1', '1.1.4': '1.1.5' } }];
const ITEMS = [
  { id: '1.1.1', ref: '1.1.1', title: 'ICO registration', url: '/items/1.1.1/', notApplicable: false },
  { id: '1.1.5', ref: '1.1.5', title: 'Staff trained', url: '/items/1.1.5/', notApplicable: false },
  { id: 'own-devices', ref: '', title: 'Own devices', url: '/items/own-devices/', notApplicable: true },
];
const blank = (edition = E23) => emptyDocument({ site: 'readykit', edition, now: NOW });

test('migrate carries leftOut: values follow their item to its new id, and stay put otherwise', () => {
  const old = {
    ...blank(E22),
    items: { '1.1.4': { ...emptyEntry(), status: 'met' } },
    leftOut: [record('1.1.4', 'due', '2025-02-30', 'not-valid'), record('1.1.9', 'notes', 'x', 'not-valid'), record('9.9.9', 'kept.due', 'soon', 'not-valid'), record('', 'created', 5, 'not-valid')],
  };
  const { doc } = migrate(deepFreeze(old), { to: E23, history: HISTORY });
  assert.deepEqual(doc.leftOut, [record('1.1.5', 'due', '2025-02-30', 'not-valid'), record('1.1.9', 'notes', 'x', 'not-valid'), record('9.9.9', 'kept.due', 'soon', 'not-valid'), record('', 'created', 5, 'not-valid')]);
  assert.deepEqual(migrate(blank(E22), { to: E23, history: HISTORY }).doc.leftOut, [], 'a document that has leftOut keeps it');
  const { leftOut: _, ...noLeftOut } = blank(E22);
  assert.equal('leftOut' in migrate(noLeftOut, { to: E23, history: HISTORY }).doc, false, 'none is added when there is nothing to add');
});

test('migrate never drops an entry that meets a kept one: the older goes to leftOut whole', () => {
  const older = { from: 'dspt-2021-22-cat3', ...emptyEntry(), notes: 'older', updated: '2024-01-01T00:00:00.000Z' };
  const old = { ...blank(E22), items: { '1.1.9': { ...emptyEntry(), notes: 'newer', updated: NOW } }, kept: { '1.1.9': older } };
  const r = migrate(deepFreeze(old), { to: E23, history: HISTORY });
  assert.deepEqual(r.doc.kept['1.1.9'], { from: E22, ...emptyEntry(), notes: 'newer', updated: NOW });
  assert.deepEqual(r.doc.leftOut, [record('1.1.9', 'kept', older, 'replaced')]);
  // keep: the later work stays in kept, whichever comes first.
  const kept = { x: older }, left = [];
  keep(kept, left, 'x', { from: E22, ...emptyEntry(), updated: '2023-01-01T00:00:00.000Z' });
  assert.equal(kept.x, older);
  assert.equal(left[0].value.updated, '2023-01-01T00:00:00.000Z');
});

// The document the browser test seeds, as normalise leaves it.
function misfits() {
  return {
    ...setField(blank(), '1.1.1', 'owner', 'Sam', NOW),
    kept: {
      '7.7.7': { from: E22, ...emptyEntry(), status: 'met', notes: 'From last year', updated: NOW },
      '1.1.5': { from: E22, ...emptyEntry(), status: 'in-progress', reviewed: true, updated: NOW },
    },
    leftOut: [
      record('1.1.1', 'status', 'not-applicable', 'not-allowed'), record('1.1.1', 'notes', 'n'.repeat(5001), 'too-long'),
      record('1.1.1', 'due', '2025-02-30', 'not-valid'), record('1.1.1', 'reviewed', 'yes', 'not-valid'),
      record('own-devices', 'status', 'not-applicable', 'not-allowed'), record('', 'organisation.odsCode', 'VNX-12', 'not-valid'),
      record('1.1.1', 'updated', 12, 'not-valid'),
    ],
  };
}

test('keptAside says in words what each kept thing is, why it does not fit now, and what to do', () => {
  const rows = keptAside(deepFreeze(misfits()), ITEMS, LABELS);
  const brief = rows.map((r) => ({ title: r.title, lines: r.lines.map((l) => l.slice(0, 30)), why: r.why, todo: r.todo, fits: r.fits, url: r.url }));
  assert.deepEqual(brief, [
    { title: 'What you saved for item 1.1.5 Staff trained in the 2022-23 edition', lines: ['Status: In progress', 'Reviewed mark: yes'],
      why: 'Item 1.1.5 Staff trained is in this edition again.', todo: 'Put it back to carry on with it, or remove it if you no longer need it.', fits: true, url: '/items/1.1.5/' },
    { title: 'What you saved for item 7.7.7 in the 2022-23 edition', lines: ['Status: Done', 'Note: From last year'],
      why: 'Item 7.7.7 is not in the 2023-24 edition, so this has nowhere to go.', todo: 'Nothing, if you no longer need it: it stays here, and in your backups, until you remove it.', fits: false, url: '' },
    { title: 'Your organisation’s ODS code', lines: ['VNX-12'], why: 'The ODS code "VNX-12" is not letters and digits only.',
      todo: 'Set it again under Your organisation above if you need it, then remove this.', fits: false, url: '' },
    { title: 'The target date for item 1.1.1 ICO registration', lines: ['2025-02-30'], why: '2025-02-30 is not a date on the calendar.',
      todo: 'Type the date again on the item’s page, then remove this.', fits: false, url: '/items/1.1.1/' },
    { title: 'The note for item 1.1.1 ICO registration', lines: ['n'.repeat(30)], why: 'It is 5,001 characters long, and a note can hold 5,000.',
      todo: 'Copy what you need on the item’s page, shorter, then remove this.', fits: false, url: '/items/1.1.1/' },
    { title: 'The reviewed mark for item 1.1.1 ICO registration', lines: ['yes'], why: 'The reviewed mark was saved as yes, which the guide cannot read as a tick.',
      todo: 'Tick or untick it on the item’s page, then remove this.', fits: false, url: '/items/1.1.1/' },
    { title: 'The status for item 1.1.1 ICO registration', lines: ['Not applicable'], why: 'This item cannot be marked Not applicable in this edition.',
      todo: 'Choose the status that fits on the item’s page, then remove this.', fits: false, url: '/items/1.1.1/' },
    { title: 'The time last changed for item 1.1.1 ICO registration', lines: ['12'], why: 'The guide records this time by itself, and cannot read 12 as a time.',
      todo: 'You do not need it: remove it.', fits: false, url: '/items/1.1.1/' },
    { title: 'The status for item own-devices Own devices', lines: ['Not applicable'], why: 'This item allows it again.',
      todo: 'Put it back, or remove it if you no longer need it.', fits: true, url: '/items/own-devices/' },
  ]);
  assert.equal(rows[4].lines[0], 'n'.repeat(5001), 'the whole note is shown, never cut');
});

test('keptAside: an entry back in the edition that has progress here already is not offered back; a fitting value says what it replaces', () => {
  let d = setField(misfits(), '1.1.5', 'status', 'met', NOW);
  d = setField(d, 'own-devices', 'status', 'in-progress', NOW);
  const rows = keptAside(d, ITEMS, LABELS);
  const e = rows.find((r) => r.key.id == '1.1.5');
  assert.equal(e.fits, false);
  assert.equal(e.why, 'Item 1.1.5 Staff trained is in this edition, and you have recorded progress for it here already.');
  const v = rows.find((r) => r.key.record && r.key.record.id == 'own-devices');
  assert.equal(v.fits, true);
  assert.equal(v.todo, 'Put it back to use it again: it replaces what is there now (In progress). Or remove it if you no longer need it.');
});

test('putBack puts a kept entry back on its item, keeping aside what does not fit it', () => {
  const d = deepFreeze({ ...misfits(), kept: { '1.1.5': { from: E22, ...emptyEntry(), status: 'not-applicable', notes: 'n', updated: NOW } }, leftOut: [record('1.1.5', 'kept.due', '2025-04-31', 'not-valid')] });
  const out = putBack(d, { id: '1.1.5' }, ITEMS, LATER_);
  assert.deepEqual(out.items['1.1.5'], { ...emptyEntry(), notes: 'n', updated: NOW });
  assert.deepEqual(out.kept, {});
  assert.deepEqual(out.leftOut, [record('1.1.5', 'due', '2025-04-31', 'not-valid'), record('1.1.5', 'status', 'not-applicable', 'not-allowed')],
    'its values kept aside go with it; not applicable, which 1.1.5 does not allow, is kept aside too');
  assert.equal(out.updated, LATER_);
  assert.throws(() => putBack(d, { id: '7.7.7' }, ITEMS, LATER_), TypeError, 'not in the edition');
});

test('putBack puts a value back when it fits, and refuses when it does not', () => {
  const d = deepFreeze(misfits());
  const na = d.leftOut.find((r) => r.id == 'own-devices');
  const out = putBack(d, { record: na }, ITEMS, LATER_);
  assert.deepEqual(out.items['own-devices'], { ...emptyEntry(), status: 'not-applicable', updated: LATER_ });
  assert.equal(out.leftOut.length, d.leftOut.length - 1);
  assert.ok(!out.leftOut.some((r) => r.id == 'own-devices'));
  for (const r of d.leftOut.filter((x) => x.id == '1.1.1')) assert.throws(() => putBack(d, { record: r }, ITEMS, LATER_), TypeError);
  assert.throws(() => putBack(d, { record: record('1.1.1', 'notes', 'never kept', 'not-valid') }, ITEMS, LATER_), TypeError);
  // A note that was too long fits once the limit is not broken (say, a
  // copy that was cut down by hand in the file).
  const fits = { ...d, leftOut: [record('1.1.1', 'notes', 'short now', 'too-long'), record('', 'organisation.name', 'Oak House', 'not-valid'), record('9.9.9', 'kept.notes', 'k', 'not-valid')], kept: { '9.9.9': { from: E22, ...emptyEntry(), status: 'met' } } };
  let o = putBack(fits, { record: fits.leftOut[0] }, ITEMS, LATER_);
  assert.equal(o.items['1.1.1'].notes, 'short now');
  assert.equal(o.items['1.1.1'].owner, 'Sam');
  o = putBack(o, { record: fits.leftOut[1] }, ITEMS, LATER_);
  assert.equal(o.organisation.name, 'Oak House');
  o = putBack(o, { record: fits.leftOut[2] }, ITEMS, LATER_);
  assert.equal(o.kept['9.9.9'].notes, 'k');
  assert.deepEqual(o.leftOut, []);
});

test('putBack swaps a replaced kept entry with the one in its place, so neither is lost', () => {
  const a = { from: E22, ...emptyEntry(), notes: 'later', updated: NOW };
  const b = { from: 'dspt-2021-22-cat3', ...emptyEntry(), notes: 'earlier', updated: '2024-01-01T00:00:00.000Z' };
  const d = deepFreeze({ ...blank(), kept: { '7.7.7': a }, leftOut: [record('7.7.7', 'kept', b, 'replaced')] });
  const row = keptAside(d, ITEMS, LABELS).find((r) => r.key.record);
  assert.equal(row.title, 'An earlier entry kept for item 7.7.7 from the 2021-22 edition');
  assert.deepEqual(row.lines, ['Note: earlier']);
  assert.equal(row.fits, true);
  const out = putBack(d, row.key, ITEMS, LATER_);
  assert.deepEqual(out.kept['7.7.7'], b);
  assert.deepEqual(out.leftOut, [record('7.7.7', 'kept', a, 'replaced')]);
  // An unreadable one is listed, not offered back.
  const junk = keptAside({ ...blank(), leftOut: [record('7.7.7', 'kept', { status: 'met' }, 'replaced')] }, ITEMS, LABELS)[0];
  assert.deepEqual([junk.fits, junk.why], [false, 'This copy cannot be read.']);
});

test('removeAside removes one kept entry or one value, and nothing else', () => {
  const d = deepFreeze(misfits());
  const a = removeAside(d, { id: '7.7.7' }, LATER_);
  assert.deepEqual(Object.keys(a.kept), ['1.1.5']);
  assert.equal(a.leftOut, d.leftOut);
  const twice = { ...d, leftOut: [...d.leftOut, d.leftOut[0]] };
  const b = removeAside(twice, { record: d.leftOut[0] }, LATER_);
  assert.equal(b.leftOut.length, d.leftOut.length, 'one of two equal values');
  assert.equal(b.updated, LATER_);
  assert.throws(() => removeAside(d, { record: record('x', 'notes', 1, 'not-valid') }, LATER_), TypeError);
});

test('show writes values as the page shows them', () => {
  assert.equal(show('status', 'met', LABELS.statuses), 'Done');
  assert.equal(show('kept.status', 'not-applicable', LABELS.statuses), 'Not applicable');
  assert.equal(show('status', 'done', LABELS.statuses), 'done');
  assert.equal(show('status', 'met', { met: 'Finished' }), 'Finished', "toolkit.json's words");
  assert.equal(show('status', 'met'), 'met', 'with no words for it, the value as saved');
  assert.equal(show('reviewed', true), 'Yes');
  assert.equal(show('notes', ''), '(empty)');
  assert.equal(show('notes', { a: [1] }), '{"a":[1]}');
  assert.equal(show('notes', ['x'.repeat(400)]).length, 301);
  assert.equal(show('notes', '<b>x</b>'), '<b>x</b>', 'text stays text (the page sets it with textContent)');
});

test('keptLost counts what replacing a document would take away from what is kept aside', () => {
  const d = misfits();
  assert.equal(keptLost(d, d), 0);
  assert.equal(keptLost(d, blank()), 9);
  assert.equal(keptLost(blank(), d), 0);
  assert.equal(keptLost(d, removeAside(removeAside(d, { id: '7.7.7' }, LATER_), { record: d.leftOut[2] }, LATER_)), 2);
  // The same value in another order of keys is the same value.
  const a = { ...blank(), leftOut: [record('1.1.1', 'notes', { a: 1, b: 2 }, 'not-valid')] };
  assert.equal(keptLost(a, { ...blank(), leftOut: [record('1.1.1', 'notes', { b: 2, a: 1 }, 'not-valid')] }), 0);
});
