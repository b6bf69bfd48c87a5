import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { REGISTER_COLUMNS, registerRows } from '../static/js/plan.js';
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
    // One vector names the columns, for Go's plan.RegisterColumns too.
    if ('columns' in v.want) assert.deepEqual(REGISTER_COLUMNS, v.want.columns);
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
  assert.equal(na(' \n\t'), LABELS.noReason);
  assert.equal(na(undefined), LABELS.noReason);
  assert.equal(na(42), LABELS.noReason);
  assert.equal(na('<b>No CCTV</b>'), '<b>No CCTV</b>');
});

test('the register CSV neutralises formulas in what the care home typed', () => {
  const v = read('published.json');
  const text = toCSV(REGISTER_COLUMNS, registerRows(v.items, v.progress, LABELS));
  assert.ok(text.includes(',"\'=Backup log, IT folder",'), text);
  assert.ok(text.includes(",'@it-support,"));
});

test('the register page says for whom and when it was made, and how it stands', async () => {
  const { registerFor, registerHead, registerSummary, registerFile } = await import('../static/js/register-text.js');
  const edition = { title: '2026-27' };
  assert.equal(registerFor({ name: 'Oak House', odsCode: 'AB123' }, edition, '2 December 2026'),
    'For Oak House, ODS code AB123, made on 2 December 2026. Data Security and Protection Toolkit, 2026-27 edition.');
  assert.equal(registerFor({ name: '' }, edition, '2 December 2026'), 'Made on 2 December 2026. Data Security and Protection Toolkit, 2026-27 edition.');
  assert.equal(registerHead({ name: 'Oak House' }, edition, '2 December 2026'), 'Evidence register · Oak House · DSPT 2026-27 · 2 December 2026');
  assert.equal(registerHead({}, edition, '2 December 2026'), 'Evidence register · DSPT 2026-27 · 2 December 2026');
  const v = read('published.json');
  const rows = registerRows(v.items, v.progress, LABELS);
  assert.equal(registerSummary(rows, LABELS, v.progress.published),
    '7 items: 3 done, 2 not applicable, 2 still to do. You published the toolkit on 2 December 2026, at Approaching Standards.');
  assert.equal(registerSummary(rows.slice(0, 1), LABELS, { date: '', level: '' }), '1 item: 1 done, 0 not applicable, 0 still to do.');
  assert.equal(registerSummary([], LABELS, undefined), '0 items: 0 done, 0 not applicable, 0 still to do.');
  assert.equal(registerSummary(rows, LABELS, { date: '2027-06-30', level: 'met' }).split('. ')[1], 'You published the toolkit on 30 June 2027, at Standards Met.');
  assert.equal(registerFile('oak-house', '2026-12-02'), 'oak-house-evidence-register-2026-12-02.csv');
});
