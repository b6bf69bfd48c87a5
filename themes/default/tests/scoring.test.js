import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { readiness, tallyText } from '../static/js/scoring.js';

// Shared with the Go tests: same files, same meaning.
const dir = new URL('../../../testdata/readiness/', import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('there are at least 6 readiness vectors', () => {
  assert.ok(vectors.length >= 6, vectors.join(', '));
});

for (const file of vectors) {
  test(`readiness vector ${file}`, () => {
    const v = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    assert.deepEqual(Object.keys(v).sort(), ['items', 'name', 'progress', 'want']);
    assert.deepEqual(readiness(v.items, v.progress), v.want, v.name);
  });
}

const ITEMS = [
  { id: 'a', standard: 1, level: 'approaching', notApplicable: false },
  { id: 'b', standard: 2, level: 'met', notApplicable: true },
  { id: 'c', standard: 2, level: 'optional', notApplicable: false },
];

test('readiness of no document counts everything as not done', () => {
  assert.deepEqual(readiness(ITEMS, null), {
    approaching: { done: 0, total: 1, blocking: ['a'] },
    met: { done: 0, total: 2, blocking: ['a', 'b'] },
    standards: { 1: { done: 0, total: 1, blocking: ['a'] }, 2: { done: 0, total: 1, blocking: ['b'] } },
    optional: { done: 0, total: 1 },
  });
});

test('readiness ignores entries inherited from Object.prototype and unknown levels', () => {
  const items = [...ITEMS, { id: 'constructor', standard: 3, level: 'approaching' }, { id: 'd', standard: 3, level: 'exceeded' }];
  const r = readiness(items, { items: { a: { status: 'met' }, d: { status: 'met' } } });
  assert.deepEqual(r.approaching, { done: 1, total: 2, blocking: ['constructor'] });
  assert.deepEqual(r.standards[3], { done: 0, total: 1, blocking: ['constructor'] });
  assert.deepEqual(r.optional, { done: 0, total: 1 });
});

test('a tally says how many items are left out as not applicable, in the singular and the plural', () => {
  assert.equal(tallyText({ done: 7, total: 42 }, 42), '7 of 42 done');
  assert.equal(tallyText({ done: 7, total: 41 }, 42), '7 of 41 done. You marked 1 of the 42 items as not applicable, so it is not counted.');
  assert.equal(tallyText({ done: 0, total: 40 }, 42), '0 of 40 done. You marked 2 of the 42 items as not applicable, so they are not counted.');
  // A standard whose every item is marked not applicable.
  assert.equal(tallyText({ done: 0, total: 0 }, 3), '0 of 0 done. You marked all 3 items as not applicable, so none is counted.');
  assert.equal(tallyText({ done: 0, total: 0 }, 1), '0 of 0 done. You marked the only item as not applicable, so it is not counted.');
});

test('the tallies checklist.js shows match readiness: with no document nothing is left out', () => {
  const all = readiness(ITEMS, null);
  const r = readiness(ITEMS, { items: { b: { status: 'not-applicable' } } });
  assert.equal(tallyText(r.met, all.met.total), '0 of 1 done. You marked 1 of the 2 items as not applicable, so it is not counted.');
  assert.equal(tallyText(r.approaching, all.approaching.total), '0 of 1 done');
});
