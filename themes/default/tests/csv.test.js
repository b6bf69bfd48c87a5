import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { toCSV } from '../static/js/csv.js';
import { analyse, planRows, gapRows, PLAN_COLUMNS, GAP_COLUMNS } from '../static/js/plan.js';
import { LABELS, labelled } from './fixtures.js';

const dir = new URL('../../../testdata/csv/', import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const read = (file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));

// A strict RFC 4180 reader, written separately from toCSV, for checking
// that what it writes reads back.
function parse(text) {
  assert.ok(text.startsWith('\ufeff'));
  const rows = [];
  let row = [], cell = '', i = 1;
  while (i < text.length) {
    if (text[i] == '"') {
      for (i++; !(text[i] == '"' && text[i + 1] != '"'); i++) {
        assert.ok(i < text.length, 'unterminated quote');
        cell += text[i];
        if (text[i] == '"') i++;
      }
      i++;
    } else {
      while (i < text.length && text[i] != ',' && text.slice(i, i + 2) != '\r\n') {
        assert.ok(!'"\r\n'.includes(text[i]), `bare ${JSON.stringify(text[i])} in an unquoted cell`);
        cell += text[i++];
      }
    }
    row.push(cell);
    cell = '';
    if (text[i] == ',') i++;
    else {
      assert.equal(text.slice(i, i + 2), '\r\n');
      rows.push(row);
      row = [];
      i += 2;
    }
  }
  return rows;
}

test('there are CSV vectors for every case the spec names', () => {
  for (const name of ['plain', 'quoting', 'injection', 'unicode']) assert.ok(vectors.includes(name + '.json'), name);
});

for (const file of vectors) {
  test(`csv vector ${file}`, () => {
    const v = read(file);
    assert.deepEqual(Object.keys(v), ['name', 'header', 'rows', 'want']);
    assert.equal(toCSV(v.header, v.rows), v.want, v.name);
  });
}

test('what toCSV writes reads back, with a quote mark only before formula-like cells', () => {
  const guard = (s) => (/^[=+\-@\t\r]/.test(s) ? "'" + s : s);
  for (const file of vectors) {
    const v = read(file);
    assert.deepEqual(parse(toCSV(v.header, v.rows)), [v.header, ...v.rows].map((r) => r.map(guard)), file);
  }
  // Random cells drawn from the characters that matter.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const chars = ['a', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', "'", ' ', 'é', '🙂'];
  for (let n = 0; n < 300; n++) {
    const rows = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
      Array.from({ length: 3 }, () => Array.from({ length: Math.floor(next() * 5) }, () => chars[Math.floor(next() * chars.length)]).join('')));
    assert.deepEqual(parse(toCSV(['A', 'B', 'C'], rows)), [['A', 'B', 'C'], ...rows.map((r) => r.map(guard))], JSON.stringify(rows));
  }
});

test('toCSV writes a value that is not text as text and never throws', () => {
  assert.equal(toCSV(['n'], [[1], [null], [undefined], [-5], [true]]), "\ufeffn\r\n1\r\n\r\n\r\n'-5\r\ntrue\r\n");
  assert.equal(toCSV(null, null), '\ufeff\r\n');
  assert.equal(toCSV(['a'], [null, 'x']), '\ufeffa\r\n\r\n\r\n');
});

test('the plan and gap analysis download as CSV', () => {
  const v = read('../plan/complete-agreed.json'), items = v.items.map(labelled);
  const r = analyse(items, v.progress, v.rules, v.deadline);
  const plan = toCSV(PLAN_COLUMNS, planRows(items, v.progress, r, LABELS));
  assert.ok(plan.startsWith('\ufeffReference,Reference status,Evidence item,Actions,"Milestones, funding and resources",Owner,Priority,'));
  assert.equal(parse(plan).length, 1 + r.gaps.length);
  const gaps = parse(toCSV(GAP_COLUMNS, gapRows(items, v.progress, r, LABELS)));
  assert.deepEqual(gaps, [GAP_COLUMNS, ...v.want.gapRows]);
});
