import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { GROUP_COLUMNS, groupRow, percent, readGroupFile } from '../static/js/group.js';
import { toCSV } from '../static/js/csv.js';
import { deepFreeze, labelled } from './fixtures.js';

// The group view's vectors, which Go's report.NewGroupRow passes too
// (generator/report), so the browser's group page, its CSV and readykit
// report's group workbook hold the same rows.
const dir = new URL('../../../testdata/group/', import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const read = (file) => deepFreeze(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
const toolkit = (v) => deepFreeze({ site: v.site, edition: { id: v.edition, deadline: v.deadline }, items: v.items.map(labelled), history: [] });
const bytes = (v) => new TextEncoder().encode(typeof v == 'string' ? v : JSON.stringify(v));

test('there are group vectors, one naming the columns', () => {
  assert.deepEqual(vectors, ['mixed.json', 'nothing-needed.json']);
  assert.deepEqual(read('mixed.json').want.columns, GROUP_COLUMNS);
});

for (const file of vectors) {
  test(`group vector ${file}`, () => {
    const v = read(file), tk = toolkit(v);
    const rows = v.files.map((f) => {
      const r = readGroupFile(bytes(f.progress), tk);
      assert.ok(r.ok, `${f.name}: ${r.message}`);
      return groupRow(r.doc, f.name, tk, v.today);
    });
    assert.deepEqual(rows, v.want.rows, v.name);
    for (const r of rows) assert.equal(r.length, GROUP_COLUMNS.length);
  });
}

test('a damaged, foreign, empty, too large or newer file is refused with why, in words', () => {
  const v = read('mixed.json'), tk = toolkit(v), good = v.files[0].progress;
  const cases = [
    [JSON.stringify(good).slice(0, 200), /damaged or is not a readykit progress file/],
    [{ ...good, site: 'elm-court' }, /another site \("elm-court"\), not this one \("oak-group"\)/],
    ['', /empty/],
    [' '.repeat(1048577), /never more than 1 MB/],
    [{ ...good, version: 2 }, /newer version of readykit/],
    [{ hello: 'world' }, /not a readykit progress file/],
    [{ ...good, edition: 'dspt-2030-31-cat3' }, /edition/],
  ];
  for (const [input, want] of cases) {
    const r = readGroupFile(bytes(input), tk);
    assert.equal(r.ok, false, String(want));
    assert.match(r.message, want);
  }
  // UTF-16 with a byte order mark, as Notepad saves it, is read.
  const text = JSON.stringify(good), u16 = new Uint8Array(2 + text.length * 2);
  u16.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) u16[2 + 2 * i] = text.charCodeAt(i);
  assert.equal(readGroupFile(u16, tk).ok, true);
});

test('odd documents give a row, never an exception', () => {
  const v = read('mixed.json'), tk = toolkit(v);
  for (const doc of [null, {}, { items: null, organisation: 'x' }, { items: { '1.1.2': { status: 'in-progress', due: 42 } }, updated: 'yesterday' }]) {
    const row = groupRow(doc, 'odd.json', tk, v.today);
    assert.equal(row.length, GROUP_COLUMNS.length);
    assert.equal(row[0], 'odd.json');
    assert.equal(row[8], '0');
    assert.equal(row[9], v.deadline);
  }
});

test('percentages round down, and nothing needed is all done', () => {
  assert.deepEqual([[0, 0], [0, 5], [199, 200], [1, 3], [2, 3], [7, 7]].map(([done, total]) => percent({ done, total })), [100, 0, 99, 33, 66, 100]);
});

test('the CSV of the rows makes a formula in a name into text', () => {
  const v = read('mixed.json'), tk = toolkit(v);
  const r = readGroupFile(bytes({ ...v.files[0].progress, organisation: { name: '=HYPERLINK("x")' } }), tk);
  const csv = toCSV(GROUP_COLUMNS, [groupRow(r.doc, 'a.json', tk, v.today)]);
  assert.match(csv, /\r\n"'=HYPERLINK\(""x""\)",/);
});
