import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { NO_REASON, REGISTER_COLUMNS, registerRows } from '../static/js/plan.js';
import { toCSV } from '../static/js/csv.js';
import { deepFreeze, LABELS, labelled } from './fixtures.js';

// The evidence register's vectors, which Go's plan.RegisterRows passes too
// (generator/plan), so the register page, its CSV and readykit report
// hold the same rows.
const dir = new URL('../../../testdata/register/', import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const read = (file) => {
  const v = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  return deepFreeze({ ...v, items: v.items.map(labelled) });
};

test('there are register vectors for a publication, none, and no progress at all', () => {
  assert.deepEqual(vectors, ['empty-progress.json', 'not-published.json', 'published.json']);
});

for (const file of vectors) {
  test(`register vector ${file}`, () => {
    const v = read(file);
    assert.deepEqual(Object.keys(v), ['name', 'items', 'progress', 'want']);
    const rows = registerRows(v.items, v.progress, LABELS);
    assert.deepEqual(rows, v.want.rows, v.name);
    for (const r of rows) assert.equal(r.length, REGISTER_COLUMNS.length);
  });
}

test('the register has the columns the issue lists, one home for them', () => {
  assert.deepEqual(REGISTER_COLUMNS, ['Ref', 'Evidence item', 'Standard', 'Level', 'Status', 'Where the evidence is kept', 'Who holds it',
    'Done or last reviewed', 'Next review due', 'Not applicable: reason', 'Reference status']);
});

test('every item is listed with no progress, odd progress, or odd items left out', () => {
  const v = read('published.json');
  for (const doc of [null, undefined, {}, { items: null }, { items: [] }, { items: { '1.1.1': 'met', '1.1.2': null } }, { published: 'yesterday', items: {} }]) {
    const rows = registerRows(v.items, doc, LABELS);
    assert.deepEqual(rows.map((r) => r[1]), v.items.map((it) => it.title));
    assert.ok(rows.every((r) => r[4] == 'Not started'), JSON.stringify(doc));
  }
  assert.deepEqual(registerRows(null, v.progress, LABELS), []);
  assert.deepEqual(registerRows([null, 7, ...v.items.slice(0, 1)], v.progress, LABELS).length, 1);
  // An unknown status, or one of Object.prototype's names, shows as not started.
  const odd = registerRows(v.items.slice(0, 1), { items: { '1.1.1': { status: 'constructor', reason: 'x' } } }, LABELS);
  assert.equal(odd[0][4], 'Not started');
  assert.equal(odd[0][9], '');
});

test('a not-applicable reason of spaces is no reason; text is never changed', () => {
  const v = read('published.json');
  const na = (reason) => registerRows(v.items.slice(3, 4), { items: { '1.3.12': { status: 'not-applicable', reason } } }, LABELS)[0][9];
  assert.equal(na(' \n\t'), NO_REASON);
  assert.equal(na(undefined), NO_REASON);
  assert.equal(na(42), NO_REASON);
  assert.equal(na('<b>No CCTV</b>'), '<b>No CCTV</b>');
});

test('the register CSV neutralises formulas in what the care home typed', () => {
  const v = read('published.json');
  const text = toCSV(REGISTER_COLUMNS, registerRows(v.items, v.progress, LABELS));
  assert.ok(text.includes(',"\'=Backup log, IT folder",'), text);
  assert.ok(text.includes(",'@it-support,"));
});
