import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyDocument, emptyEntry, setField, setOrganisation, serialise, record, LIMITS } from '../static/js/progress.js';
import { parseImport, summarise } from '../static/js/importer.js';
import { rng } from './rng.js';

const NOW = '2025-03-02T09:20:00.000Z';
const E22 = 'dspt-2022-23-cat3', E23 = 'dspt-2023-24-cat3';
const ITEMS = [
  { id: '1.1.1', standard: 1, level: 'approaching', notApplicable: false },
  { id: '1.1.5', standard: 1, level: 'approaching', notApplicable: false },
  { id: 'own-devices', standard: 1, level: 'approaching', notApplicable: true },
];
const HISTORY = [{ from: E22, to: E23, carried: { '1.1.1': '1.1.1', '1.1.4': '1.1.5' } }];
const OPTS = { site: 'readykit', edition: E23, items: ITEMS, history: HISTORY, now: NOW };
const file = (extra = {}, edition = E23) => ({ ...emptyDocument({ site: 'readykit', edition, profile: { id: 'p-oak', name: 'Oak House' }, now: NOW }), ...extra });
const text = (v) => JSON.stringify(v, null, 2);

test('a good file is accepted as it is', () => {
  const d = setField(file(), '1.1.1', 'status', 'met', NOW);
  const r = parseImport(serialise(d, 2), OPTS);
  assert.equal(r.ok, true);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.aside, {});
  assert.equal(r.migrated, null);
  assert.equal(serialise(r.doc), serialise(d));
});

test('a file over the size limit is refused with its size', () => {
  const big = ' '.repeat(10 * 1048576);
  assert.deepEqual(parseImport(big, OPTS), {
    ok: false, message: 'This file is 10.0 MB. A readykit progress file is never more than 1 MB, so this is not one.',
  });
  // Bytes count, not characters: 400,000 three-byte characters are 1.1 MB.
  const r = parseImport('"' + '€'.repeat(400000) + '"', OPTS);
  assert.equal(r.ok, false);
  assert.match(r.message, /^This file is 1\.1 MB\./);
  // Just under the limit is read (and then refused for what it is, not its size).
  assert.doesNotMatch(parseImport(' '.repeat(LIMITS.importBytes - 2) + '{}', OPTS).message, /MB/);
});

test('text that is not JSON is refused with a plain message', () => {
  for (const t of ['', '{', '{"format": "readykit-progress",}', 'PK\u0003\u0004binary', '<html></html>']) {
    const r = parseImport(t, OPTS);
    assert.equal(r.ok, false);
    assert.equal(r.message, 'This file is damaged or is not a readykit progress file, so it cannot be read.');
  }
  assert.equal(parseImport(undefined, OPTS).ok, false);
});

test('JSON of the wrong format is refused', () => {
  for (const v of [null, 1, 'x', [], {}, { format: 'readykit-toolkit', version: 1 }, { ...file(), format: 'Readykit-Progress' }]) {
    assert.deepEqual(parseImport(JSON.stringify(v), OPTS), { ok: false, message: 'This file is not a readykit progress file.' }, JSON.stringify(v));
  }
});

test('a file from a newer version is refused', () => {
  const r = parseImport(text(file({ version: 2 })), OPTS);
  assert.equal(r.ok, false);
  assert.match(r.message, /made by a newer version of readykit/);
});

test('a file from another site is accepted with a problem', () => {
  const r = parseImport(text(setField(file({ site: 'other-guide' }), '1.1.1', 'status', 'met', NOW)), OPTS);
  assert.equal(r.ok, true);
  assert.equal(r.doc.site, 'readykit');
  assert.equal(r.doc.items['1.1.1'].status, 'met');
  assert.deepEqual(r.problems, [{ field: 'site', message: 'This file was made on another website ("other-guide"). Check it is the right file.' }]);
});

test('a file for an earlier edition is moved forward and says so', () => {
  let old = file({}, E22);
  old = setField(old, '1.1.1', 'status', 'met', NOW);
  old = setField(old, '1.1.4', 'notes', 'Renamed item', NOW);
  old = setField(old, '1.1.9', 'status', 'in-progress', NOW);
  const r = parseImport(text(old), OPTS);
  assert.equal(r.ok, true);
  assert.deepEqual(r.migrated, { from: E22 });
  assert.equal(r.doc.edition, E23);
  assert.equal(r.doc.items['1.1.5'].notes, 'Renamed item');
  assert.equal(r.doc.items['1.1.1'].status, 'met');
  assert.deepEqual(r.doc.kept['1.1.9'], { from: E22, ...emptyEntry(), status: 'in-progress', updated: NOW });
  assert.deepEqual(r.problems, []);
});

test('a file for an edition this site cannot reach is refused', () => {
  const r = parseImport(text(file({}, 'dspt-2019-20-cat3')), OPTS);
  assert.deepEqual(r, { ok: false, message: 'This file is for the 2019-20 edition, which this site cannot move forward to 2023-24.' });
  // A later edition cannot be moved back either.
  assert.equal(parseImport(text(file({}, 'dspt-2024-25-cat3')), OPTS).ok, false);
});

test('markup in a note is kept as plain text, unchanged', () => {
  const note = '<img src=x onerror=alert(1)>';
  const d = setOrganisation(setField(file(), '1.1.1', 'notes', note, NOW), { name: '<script>alert(1)</script>' }, NOW);
  const r = parseImport(text(d), OPTS);
  assert.equal(r.ok, true);
  assert.equal(r.doc.items['1.1.1'].notes, note);
  assert.equal(r.doc.organisation.name, '<script>alert(1)</script>');
  assert.deepEqual(r.problems, []);
});

test('bad values in a file are listed and kept aside, ids from elsewhere kept', () => {
  const v = file({ items: { '1.1.1': { status: 'not-applicable', due: '31/04/2025' }, '7.7.7': { status: 'met' }, 'own-devices': { status: 'not-applicable' } } });
  const r = parseImport(text(v), OPTS);
  assert.equal(r.ok, true);
  assert.deepEqual(r.problems.map((p) => p.field), ['status', 'due']);
  assert.deepEqual(Object.keys(r.aside), ['7.7.7']);
  assert.deepEqual(Object.keys(r.doc.items), ['own-devices']);
  assert.deepEqual(r.doc.kept, { '7.7.7': { from: E23, ...emptyEntry(), status: 'met' } });
  assert.deepEqual(r.doc.leftOut, [record('1.1.1', 'status', 'not-applicable', 'not-allowed'), record('1.1.1', 'due', '31/04/2025', 'not-valid')]);
});

test('what is kept aside travels in an export and comes back on import, byte for byte', () => {
  const v = file({
    items: { '1.1.1': { status: 'met', notes: 'x'.repeat(5001), reviewed: 'yes' }, '7.7.7': { status: 'met' } },
    kept: { '9.9.9': { from: E22, status: 'in-progress' } },
    leftOut: [record('', 'programme.start', '2025-02-30', 'not-valid')],
  });
  const first = parseImport(text(v), OPTS);
  const exported = serialise(first.doc, 2);
  const again = parseImport(exported, OPTS);
  assert.deepEqual(again.problems, [], 'nothing is reported twice');
  assert.equal(serialise(again.doc, 2), exported);
  assert.deepEqual(Object.keys(again.doc.kept), ['7.7.7', '9.9.9']);
  assert.deepEqual(again.doc.leftOut.map((r) => [r.id, r.field]), [['', 'programme.start'], ['1.1.1', 'notes'], ['1.1.1', 'reviewed']]);
  assert.equal(again.doc.leftOut[1].value, 'x'.repeat(5001));
});

test('values kept aside in an earlier edition\'s file follow their item to this edition', () => {
  const old = file({ items: { '1.1.4': { status: 'met', due: 'soon' } }, leftOut: [record('1.1.4', 'notes', 'y'.repeat(5001), 'too-long')] }, E22);
  const r = parseImport(text(old), OPTS);
  assert.equal(r.ok, true);
  assert.deepEqual(r.doc.items['1.1.5'], { ...emptyEntry(), status: 'met' });
  assert.deepEqual(JSON.parse(serialise(r.doc)).leftOut, [record('1.1.5', 'due', 'soon', 'not-valid'), record('1.1.5', 'notes', 'y'.repeat(5001), 'too-long')]);
});

test('the importing profile replaces the one in the file when given', () => {
  const r = parseImport(text(file()), { ...OPTS, profile: { id: 'elm', name: 'Elm Lodge' } });
  assert.deepEqual(r.doc.profile, { id: 'elm', name: 'Elm Lodge' });
});


test('parseImport never throws on random or mangled text', () => {
  const r = rng(7);
  const good = text(setField(file({ kept: { '9.9.9': { from: E22, status: 'met' } } }, E22), '1.1.4', 'notes', 'n', NOW));
  let accepted = 0;
  for (let i = 0; i < 2000; i++) {
    // Cut, splice and repeat pieces of a good file, so many results are nearly valid.
    const a = Math.floor(r() * good.length), b = Math.floor(r() * good.length);
    const t = r() < 0.5 ? good.slice(0, a) + good.slice(b) : good.slice(0, a) + good.slice(a, b).repeat(2) + good.slice(b);
    let out;
    assert.doesNotThrow(() => (out = parseImport(t, OPTS)), t);
    assert.equal(typeof out.ok, 'boolean');
    if (out.ok) accepted++, assert.equal(out.doc.edition, E23);
    else assert.equal(typeof out.message, 'string');
  }
  assert.ok(accepted > 50, `only ${accepted} mangled files were accepted`);
});

test('summarise counts added, changed, removed and unchanged items', () => {
  let cur = file();
  cur = setField(cur, '1.1.1', 'status', 'met', NOW);
  cur = setField(cur, '1.1.5', 'status', 'in-progress', NOW);
  cur = setField(cur, 'own-devices', 'notes', 'n', NOW);
  let inc = setField(cur, '1.1.5', 'status', 'met', '2025-03-05T10:00:00.000Z');
  inc = setField(inc, '1.1.5', 'notes', 'done', NOW);
  inc = setField(inc, 'own-devices', 'notes', '', NOW);
  inc = setField(inc, '2.1.1', 'reviewed', true, NOW);
  assert.deepEqual(summarise(cur, inc), {
    organisation: null, added: 1, changed: 1, removed: 1, unchanged: 1,
    details: [{ id: '1.1.5', fields: ['status', 'notes'] }, { id: '2.1.1', fields: ['reviewed'] }, { id: 'own-devices', fields: ['notes'] }],
  });
});

test('summarise ignores a different updated time alone', () => {
  const a = setField(file(), '1.1.1', 'status', 'met', NOW);
  const b = setField(file(), '1.1.1', 'status', 'met', '2025-05-01T00:00:00.000Z');
  const s = summarise(a, b);
  assert.equal(s.unchanged, 1);
  assert.deepEqual(s.details, []);
});

test('summarise reports an organisation change', () => {
  const a = setOrganisation(file(), { name: 'Oak House' }, NOW);
  const b = setOrganisation(file(), { name: 'Oak House', odsCode: 'VNX12' }, NOW);
  assert.deepEqual(summarise(a, b).organisation, { from: a.organisation, to: b.organisation });
  assert.equal(summarise(a, a).organisation, null);
});

test('summarise with no current document counts everything as added', () => {
  const inc = setField(setField(file(), '1.1.1', 'status', 'met', NOW), '1.1.5', 'owner', 'Sam', NOW);
  const s = summarise(null, inc);
  assert.equal(s.added, 2);
  assert.equal(s.changed + s.removed + s.unchanged, 0);
  assert.deepEqual(s.details, [{ id: '1.1.1', fields: ['status'] }, { id: '1.1.5', fields: ['owner'] }]);
});
