import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { countLine, fold, highlight, kindLine, LIMIT, parseQuery, phrase, prepare, search, snippet, SNIPPET, stem, tokens } from '../static/js/search.js';

// The shared vectors: small indexes in the shape the build writes
// (generator/searchindex.go checks that shape against the same files),
// and what searching them must find.
const dir = new URL('../../../testdata/search/', import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** Parts as text, the marked words in [brackets]. */
const show = (parts) => parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

test('there are shared search vectors', () => assert.ok(vectors.length >= 1));

for (const f of vectors) {
  const v = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
  test(`${f}: ${v.name}`, () => {
    const records = prepare(v.index);
    for (const q of v.queries) {
      const found = search(records, q.q);
      assert.deepEqual(found.results.map((r) => r.url), q.urls, `urls for ${JSON.stringify(q.q)}`);
      assert.equal(countLine(q.q, found), q.count, `count for ${JSON.stringify(q.q)}`);
      if (q.title) assert.equal(show(found.results[0].titleParts), q.title, `title for ${q.q}`);
      if (q.snippet) assert.equal(show(found.results[0].snippetParts), q.snippet, `snippet for ${q.q}`);
      if (q.kind) assert.equal(kindLine(found.results[0]), q.kind, `kind for ${q.q}`);
    }
  });
}

test('words are folded: lower case, no accents, no apostrophes', () => {
  assert.equal(fold('Café’s RÉSUMÉ don\'t'), 'cafes resume dont');
  assert.equal(phrase('  Cyber   Essentials! '), 'cyber essentials');
});

test('a plain English plural comes off, and words that only look like one stay', () => {
  assert.deepEqual(['backups', 'policies', 'access', 'status', 'this', 'has', 'ices', 'bus'].map(stem),
    ['backup', 'policy', 'access', 'status', 'this', 'has', 'ice', 'bus']);
});

test('tokens keep a reference whole and say where each word is', () => {
  const text = 'See 1.2.4, then ICO’s fee in 2025.';
  const t = tokens(text);
  assert.deepEqual(t.map((k) => k.word), ['see', '1.2.4', 'then', 'ico', 'fee', 'in', '2025']);
  assert.deepEqual(t.map((k) => text.slice(k.start, k.end)), ['See', '1.2.4', 'then', 'ICO’s', 'fee', 'in', '2025']);
});

test('the query: common words go unless there is nothing else, the last word may be a start, repeats count once', () => {
  assert.deepEqual(parseQuery('the backup of ICO'), [{ word: 'backup', prefix: '' }, { word: 'ico', prefix: 'ico' }]);
  assert.deepEqual(parseQuery('the'), [{ word: 'the', prefix: 'the' }]);
  assert.deepEqual(parseQuery('plan plan'), [{ word: 'plan', prefix: 'plan' }]);
  // One letter is never the start of a word: it would match nearly all.
  assert.deepEqual(parseQuery('x y'), [{ word: 'x', prefix: '' }, { word: 'y', prefix: '' }]);
  assert.deepEqual(parseQuery(' ,.! '), []);
});

test('highlight marks the matching words and gives the text back whole', () => {
  const qs = parseQuery('backup rest');
  const text = 'Backups: restore one <b>backup</b> & rest.';
  const parts = highlight(text, qs);
  assert.equal(parts.map((p) => p.text).join(''), text);
  assert.equal(show(parts), '[Backups]: [restore] one <b>[backup]</b> & [rest].');
  assert.deepEqual(highlight('nothing here', qs), [{ text: 'nothing here', mark: false }]);
  assert.deepEqual(highlight('', qs), [{ text: '', mark: false }]);
});

test('a snippet is the line with the first match, cut at spaces around it', () => {
  const qs = parseQuery('needle');
  const long = `${'word '.repeat(60)}needle ${'more '.repeat(60)}`.trim();
  const s = snippet(`first line\n${long}\nlast needle`, qs);
  assert.ok(s.startsWith('…word ') && s.endsWith('more…'), s);
  assert.ok(s.includes('needle'));
  assert.ok(s.length <= SNIPPET + 2, `${s.length}`);
  // No match in the text (the title matched): the first line.
  assert.equal(snippet('first line\nsecond', qs), 'first line');
  assert.equal(snippet('', qs), '');
  // A match near the start is not cut before it.
  const early = snippet(`needle ${'more '.repeat(60)}`, qs);
  assert.ok(early.startsWith('needle') && early.endsWith('…'), early);
});

test('at most LIMIT results are shown, and the count says so', () => {
  const items = Array.from({ length: LIMIT + 5 }, (_, i) => ({ id: `x${i}`, ref: '', title: `Item ${i}`, url: `/items/x${i}/`, level: 'met', standard: 1, text: 'a backup' }));
  const found = search(prepare({ items, refToCheck: 'Reference to check' }), 'backup');
  assert.equal(found.total, LIMIT + 5);
  assert.equal(found.results.length, LIMIT);
  assert.equal(countLine('backup', found), `${LIMIT + 5} results for backup (the first ${LIMIT} shown)`);
  // Equal scores keep the index's order.
  assert.deepEqual(found.results.slice(0, 3).map((r) => r.url), ['/items/x0/', '/items/x1/', '/items/x2/']);
});

test('text that looks like markup stays text in the parts', () => {
  const index = { items: [{ id: 'a', ref: '', title: '<img src=x onerror=alert(1)> backup', url: '/items/a/', level: 'met', standard: 1, text: '' }] };
  const [r] = search(prepare(index), 'backup').results;
  assert.equal(show(r.titleParts), '<img src=x onerror=alert(1)> [backup]');
  assert.equal(kindLine(r), 'Item · Standard 1');
});
