// The shared progress vectors (testdata/progress): the browser reads each
// file the way readykit report does (generator/progress runs the same
// ones). A file goes through what the Your progress page does with it:
// filetext.js's decodeFile, then importer.js's parseImport.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { decodeFile } from '../static/js/filetext.js';
import { parseImport } from '../static/js/importer.js';
import { ENTRY_FIELDS, LIMITS, ORGANISATION_FIELDS, PRIORITIES, PUBLISHED_LEVELS, STATUSES, TEXT_FIELDS, WHY, isDateTime, serialise } from '../static/js/progress.js';

const dir = new URL('../../../testdata/progress/', import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const NOW = '2025-03-03T12:00:00.000Z';

// The input's bytes, padded with spaces (JSON white space) to padTo, so a
// vector can sit exactly on the size limit without a 1 MB file.
function input(v) {
  const bytes = readFileSync(new URL(v.file, dir));
  if (!v.padTo) return bytes;
  const out = Buffer.alloc(v.padTo, 0x20);
  bytes.copy(out);
  return out;
}

// parseImport says why in words only; these are the words for each reason
// the vectors name (generator/progress has them as Error.Reason).
const REASONS = [
  ['too-large', /never more than 1 MB/],
  ['damaged', /damaged or is not a readykit progress file/],
  ['not-ours', /^This file is not a readykit progress file\.$/],
  ['newer', /newer version of readykit/],
  ['edition', /edition, which this site cannot move forward/],
];
const reason = (r) => r.reason || (REASONS.find(([, re]) => re.test(r.message)) || ['unknown: ' + r.message])[0];

const where = (p) => ({ ...(p.id && { id: p.id }), ...(p.field && { field: p.field }) });
const order = (list) => list.map((p) => JSON.stringify(where(p))).sort();
// What a vector says of a document's kept entries (id -> the edition each
// is from) and of its values kept aside (where and why, without the value,
// in the order serialise writes them, which generator/progress keeps too).
const kept = (doc) => Object.fromEntries(Object.entries(doc.kept).map(([id, e]) => [id, e.from]));
const leftOut = (doc) => JSON.parse(serialise(doc)).leftOut.map(({ id, field, why }) => ({ id, field, why }));

function read(v) {
  const d = decodeFile(input(v));
  return d.ok ? parseImport(d.text, { site: v.site, edition: v.edition, items: v.items, history: [], now: NOW }) : d;
}

test('there are vectors for every case issue 10 names', () => {
  for (const name of ['good', 'reviewed-yes', 'long-note', 'impossible-date', 'not-applicable-not-allowed', 'unknown-status', 'unknown-id',
    'non-object-entry', 'too-many-entries', 'bom', 'utf16le', 'utf16be', 'not-ours', 'newer', 'truncated', 'empty',
    'left-out-read-back', 'left-out-values', 'left-out-not-a-list', 'kept-unknown-id', 'kept-replaced', 'left-out-limit', 'kept-limit', 'left-out-too-deep']) {
    assert.ok(vectors.includes(name + '.json'), name);
  }
});

for (const file of vectors) {
  test(`progress vector ${file}`, () => {
    const v = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    assert.deepEqual(Object.keys(v).filter((k) => k != 'padTo'), ['name', 'file', 'site', 'edition', 'items', 'want']);
    const r = read(v);
    if (v.want.fatal) {
      assert.equal(r.ok, false, `${v.name}: read, want ${v.want.fatal}`);
      assert.equal(reason(r), v.want.fatal, `${v.name}: ${r.message}`);
      assert.ok(r.message.length > 20, 'a message that says what to do');
      return;
    }
    assert.equal(r.ok, true, `${v.name}: ${r.message}`);
    assert.deepEqual(r.doc.items, v.want.items, v.name);
    assert.deepEqual(order(r.problems), order(v.want.problems), v.name);
    assert.deepEqual(Object.keys(r.aside).sort(), v.want.aside, v.name);
    assert.ok(v.want.kept && v.want.leftOut, `${v.name}: the vector's want has no kept or no leftOut`);
    assert.deepEqual(kept(r.doc), v.want.kept, `${v.name}: kept`);
    assert.deepEqual(leftOut(r.doc), v.want.leftOut, `${v.name}: leftOut`);
    if (v.want.published) assert.deepEqual(r.doc.published, v.want.published, `${v.name}: published`);
    for (const p of r.problems) assert.match(p.message, /\.$/, 'a sentence');
  });
}

test('the rules the vectors rely on are the ones generator/progress holds too', () => {
  const spec = JSON.parse(readFileSync(new URL('spec/fields.json', dir), 'utf8'));
  assert.deepEqual(STATUSES, spec.statuses);
  assert.deepEqual(PRIORITIES, spec.priorities);
  assert.deepEqual(ENTRY_FIELDS, spec.entryFields);
  assert.deepEqual(TEXT_FIELDS, spec.textFields);
  assert.deepEqual(ORGANISATION_FIELDS, spec.organisationFields);
  assert.deepEqual(PUBLISHED_LEVELS, spec.publishedLevels);
  assert.deepEqual({ bytes: LIMITS.importBytes, items: LIMITS.items }, spec.limits);
  assert.deepEqual(WHY, spec.why);
});

test('decodeFile reads UTF-8 with and without a mark, and UTF-16 with one, and nothing else', () => {
  const text = '{"a":"Café 📋"}';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le.subarray(2)).swap16();
  for (const [bytes, encoding] of [[Buffer.from(text), 'utf-8'], [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
    [le, 'utf-16le'], [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'utf-16be']]) {
    assert.deepEqual(decodeFile(bytes), { ok: true, text, encoding });
    assert.deepEqual(decodeFile(new Uint8Array(bytes).buffer), { ok: true, text, encoding }, 'an ArrayBuffer, as Blob.arrayBuffer gives');
  }
  // One mark is taken off; a second is text, which JSON then refuses.
  assert.equal(decodeFile(Buffer.from('\ufeff\ufeff{}')).text, '\ufeff{}');
  for (const bad of [[0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xff, 0xfe, 0x00], [0xff, 0xfe, 0x00, 0xdc], [0xfe, 0xff, 0xd8, 0x3d, 0x00, 0x20]]) {
    assert.equal(decodeFile(Buffer.from(bad)).reason, 'encoding', JSON.stringify(bad));
  }
  assert.equal(decodeFile(Buffer.from([0xff, 0xfe])).reason, 'empty');
  assert.equal(decodeFile(Buffer.from(' \u00a0 ')).ok, true, 'a no-break space is not JSON white space, so JSON.parse judges it');
  assert.equal(decodeFile(Buffer.alloc(LIMITS.importBytes + 1, 0x20)).reason, 'too-large');
});

test('a UTF-16 file under the limit that grows past it as text is too large, as generator/progress says', () => {
  const body = Buffer.from('{"x":"' + '€'.repeat(400000) + '"}', 'utf16le');
  const d = decodeFile(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
  assert.ok(d.ok, 'the bytes are under 1 MB');
  const r = parseImport(d.text, { site: 'readykit', edition: 'dspt-2024-25-cat3', items: [], history: [], now: NOW });
  assert.equal(reason(r), 'too-large');
});

test('isDateTime takes each part only in its range, whatever the engine', () => {
  for (const d of ['2025-03-02T00:00Z', '2025-03-02T23:59:59.999999999+14:00', '0000-01-01T00:00:00-23:59']) assert.ok(isDateTime(d), d);
  for (const d of ['2025-03-02T24:00Z', '2025-03-02T24:00:00Z', '2025-03-02T23:60Z', '2025-03-02T23:59:60Z', '2025-03-02T10:00+24:00',
    '2025-03-02T10:00+23:60', '2025-03-02T10:00:00.1234567890Z']) {
    assert.equal(isDateTime(d), false, d);
  }
});
