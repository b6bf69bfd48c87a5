// The shared carry vectors (testdata/progress/carry): a progress file from
// an earlier edition, imported into a site of a later one, is moved forward
// by the browser's import (filetext.js, then importer.js's parseImport,
// which uses editions.js's migrate). readykit report moves the same files
// with generator/progress's ReadForward, against the same vectors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { decodeFile } from '../static/js/filetext.js';
import { parseImport } from '../static/js/importer.js';
import { serialise } from '../static/js/progress.js';

const dir = new URL('../../../testdata/progress/carry/', import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const NOW = '2025-04-01T08:00:00.000Z';
const where = (p) => ({ ...(p.id && { id: p.id }), ...(p.field && { field: p.field }) });
const order = (list) => list.map((p) => JSON.stringify(where(p))).sort();

test('there are carry vectors: moved, merged, kept twice, refused and not moved', () => {
  for (const name of ['renumbered', 'merge-tie', 'kept-meets-kept', 'no-way', 'same-edition']) assert.ok(vectors.includes(name + '.json'), name);
});

for (const file of vectors) {
  test(`carry vector ${file}`, () => {
    const v = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    assert.deepEqual(Object.keys(v), ['name', 'file', 'site', 'edition', 'history', 'items', 'want']);
    const d = decodeFile(readFileSync(new URL(v.file, dir)));
    assert.ok(d.ok);
    const r = parseImport(d.text, { site: v.site, edition: v.edition, items: v.items, history: v.history, now: NOW });
    if (v.want.fatal) {
      assert.equal(r.ok, false, v.name);
      assert.match(r.message, /cannot move forward/, v.name);
      return;
    }
    assert.equal(r.ok, true, `${v.name}: ${r.message}`);
    assert.equal(r.migrated ? r.migrated.from : '', v.want.migrated, `${v.name}: moved from`);
    assert.deepEqual(r.doc.items, v.want.items, `${v.name}: items`);
    assert.deepEqual(r.doc.kept, v.want.kept, `${v.name}: kept`);
    const left = JSON.parse(serialise(r.doc)).leftOut.map(({ id, field, why }) => ({ id, field, why }));
    assert.deepEqual(left, v.want.leftOut, `${v.name}: leftOut`);
    assert.deepEqual(order(r.problems), order(v.want.problems), `${v.name}: problems`);
  });
}
