import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { normalise, serialise } from '../static/js/progress.js';
import { migrate, path } from '../static/js/editions.js';

const dir = new URL('../../../testdata/editions/', import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const read = (file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
const NOW = '2025-04-01T08:00:00.000Z';

// Freezes a value and everything in it, so any mutation throws.
function deepFreeze(v) {
  if (v && typeof v == 'object') {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}

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
