import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rng } from './rng.js';
import { deepFreeze } from './fixtures.js';
import {
  FORMAT, VERSION, STATUSES, TEXT_FIELDS, PRIORITIES, LIMITS, ENTRY_FIELDS, ORGANISATION_FIELDS, WHY,
  emptyDocument, emptyEntry, normalise, setField, setOrganisation, setProgramme, setPublished, isEmptyEntry, serialise, isDateTime, header, record,
} from '../static/js/progress.js';

const NOW = '2025-03-02T09:15:00.000Z';
const LATER = '2025-03-03T08:00:00.000Z';
const E = 'dspt-2023-24-cat3';
const ITEMS = [
  { id: '1.1.1', standard: 1, level: 'approaching', notApplicable: false },
  { id: '1.3.2', standard: 1, level: 'met', notApplicable: false },
  { id: 'own-devices', standard: 1, level: 'approaching', notApplicable: true },
];
const OPTS = { site: 'readykit', edition: E, items: ITEMS, now: NOW };
const base = (extra) => ({ format: FORMAT, version: 1, site: 'readykit', edition: E, ...extra });
const messages = (r) => r.problems.map((p) => p.message);

test('constants describe the document', () => {
  assert.equal(FORMAT, 'readykit-progress');
  assert.equal(VERSION, 1);
  assert.deepEqual(STATUSES, ['not-started', 'in-progress', 'met', 'not-applicable']);
  assert.deepEqual(PRIORITIES, ['high', 'medium', 'low']);
  assert.deepEqual(TEXT_FIELDS, { notes: 5000, evidence: 1000, owner: 1000, action: 2000, localRef: 1000, dependencies: 1000, milestones: 2000, reason: 500 });
  assert.deepEqual(ORGANISATION_FIELDS, { name: 200, odsCode: 20, completedBy: 200 });
  assert.deepEqual(LIMITS, { importBytes: 1048576, items: 500 });
  assert.deepEqual(ENTRY_FIELDS, ['status', 'reviewed', 'notes', 'evidence', 'owner', 'due', 'action', 'priority', 'localRef', 'dependencies', 'exceptional', 'milestones', 'reason', 'done', 'updated']);
  assert.equal(emptyEntry().exceptional, false);
});

test('emptyDocument has every field and no items', () => {
  const d = emptyDocument({ site: 'readykit', edition: E, profile: { id: 'p-oak', name: 'Oak House' }, now: NOW });
  assert.deepEqual(d, {
    format: FORMAT, version: 1, site: 'readykit', edition: E, profile: { id: 'p-oak', name: 'Oak House' },
    organisation: { name: '', odsCode: '', completedBy: '' }, created: NOW, updated: NOW,
    items: {}, kept: {}, leftOut: [], programme: { start: '', deadline: '' }, published: { date: '', level: '' },
  });
  assert.deepEqual(emptyDocument({ site: 's', edition: E, now: NOW }).profile, { id: 'default', name: '' });
});

test('isDateTime accepts ISO date-times only', () => {
  for (const d of [NOW, '2025-03-02T09:15Z', '2025-03-02T09:15:00+01:00', '2025-03-02T09:15:00.123456Z']) assert.ok(isDateTime(d), d);
  for (const d of ['2025-03-02', '2025-02-30T09:15:00Z', '2025-03-02T25:00:00Z', '2025-03-02 09:15:00Z', '2025-03-02T09:15:00', 1740906900000, [NOW]]) {
    assert.equal(isDateTime(d), false, JSON.stringify(d));
  }
});

test('normalise keeps a valid document exactly', () => {
  const good = {
    ...emptyDocument({ site: 'readykit', edition: E, profile: { id: 'p-oak', name: 'Oak House' }, now: NOW }),
    organisation: { name: 'Oak House', odsCode: 'VNX12', completedBy: 'Sam Patel' },
    items: {
      '1.1.1': { ...emptyEntry(), status: 'met', reviewed: true, notes: 'n', evidence: 'Office cabinet, blue folder', owner: 'Sam', due: '2025-04-30', priority: 'high', exceptional: true, updated: NOW },
      'own-devices': { ...emptyEntry(), status: 'not-applicable', updated: NOW },
    },
    kept: { '9.9.9': { from: 'dspt-2022-23-cat3', ...emptyEntry(), status: 'met', updated: NOW } },
    leftOut: [record('1.1.1', 'notes', 'x'.repeat(5001), 'too-long'), record('', 'programme.start', '2025-02-30', 'not-valid')],
    programme: { start: '2025-03-03', deadline: '2025-06-30' },
    exported: NOW,
  };
  const r = normalise(JSON.parse(JSON.stringify(good)), OPTS);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.aside, {});
  assert.deepEqual(r.doc, good);
});

test('normalise fills missing entry fields with defaults', () => {
  const r = normalise(base({ items: { '1.1.1': { status: 'met' } } }), OPTS);
  assert.deepEqual(r.doc.items['1.1.1'], { ...emptyEntry(), status: 'met' });
  assert.deepEqual(r.problems, []);
});

test('normalise refuses values that are not progress documents', () => {
  for (const v of [null, undefined, 0, 'text', true, [], [base()], { format: 'other', version: 1, edition: E },
    { version: 1, edition: E }, base({ version: 0 }), base({ version: '1' }), base({ version: 1.5 }), base({ edition: 'Bad Edition!' }), base({ edition: undefined })]) {
    const r = normalise(v, OPTS);
    assert.equal(r.doc, null, JSON.stringify(v));
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].fatal, true);
    assert.equal(r.problems[0].message, 'This file is not a readykit progress file.');
  }
});

test('normalise refuses a newer version', () => {
  const r = normalise(base({ version: 2 }), OPTS);
  assert.equal(r.doc, null);
  assert.equal(r.problems[0].fatal, true);
  assert.match(r.problems[0].message, /made by a newer version of readykit/);
  assert.match(header(base({ version: 99 })), /newer version/);
});

test('normalise refuses a document for another edition when one is asked for', () => {
  const r = normalise(base({ edition: 'dspt-2019-20-cat3' }), OPTS);
  assert.equal(r.doc, null);
  assert.equal(r.problems[0].message, 'This progress is for the 2019-20 edition, not 2023-24.');
  // Without an edition to check against, any edition is read.
  assert.equal(normalise(base({ edition: 'dspt-2019-20-cat3' })).doc.edition, 'dspt-2019-20-cat3');
});

test('normalise drops wrongly typed values with a plain message', () => {
  const r = normalise(base({
    items: { '1.1.1': { status: 5, reviewed: 'yes', notes: ['x'], owner: null, priority: 'urgent', exceptional: 1, evidence: 'kept', updated: 12 } },
  }), OPTS);
  assert.deepEqual(r.doc.items['1.1.1'], { ...emptyEntry(), evidence: 'kept' });
  assert.deepEqual(r.doc.leftOut, [
    record('1.1.1', 'status', 5, 'not-valid'), record('1.1.1', 'reviewed', 'yes', 'not-valid'), record('1.1.1', 'notes', ['x'], 'not-valid'),
    record('1.1.1', 'owner', null, 'not-valid'), record('1.1.1', 'priority', 'urgent', 'not-valid'), record('1.1.1', 'exceptional', 1, 'not-valid'),
    record('1.1.1', 'updated', 12, 'not-valid'),
  ], 'every value left out is kept whole, under the id and field of its problem');
  assert.deepEqual(r.problems.map((p) => [p.id, p.field]), [
    ['1.1.1', 'status'], ['1.1.1', 'reviewed'], ['1.1.1', 'notes'], ['1.1.1', 'owner'], ['1.1.1', 'priority'], ['1.1.1', 'exceptional'], ['1.1.1', 'updated'],
  ]);
  assert.deepEqual(messages(r), [
    'Item 1.1.1: the status is not a known status, so it was left out.',
    'Item 1.1.1: the reviewed mark "yes" is not yes or no, so it was left out.',
    'Item 1.1.1: the note is not text, so it was left out.',
    'Item 1.1.1: the owner is not text, so it was left out.',
    'Item 1.1.1: the priority "urgent" is not high, medium or low, so it was left out.',
    'Item 1.1.1: the exceptional mark is not yes or no, so it was left out.',
    'Item 1.1.1: the time last changed is not a date and time, so it was left out.',
  ]);
});

test('normalise reports a date that is not a date in the words of the spec', () => {
  const r = normalise(base({ items: { '1.3.2': { status: 'in-progress', due: '31/04/2025' } } }), OPTS);
  assert.equal(r.doc.items['1.3.2'].due, '');
  assert.equal(r.doc.items['1.3.2'].status, 'in-progress');
  assert.deepEqual(r.problems, [{ id: '1.3.2', field: 'due', message: 'Item 1.3.2: the target date "31/04/2025" is not a date, so it was left out.' }]);
});

test('normalise drops over-long text instead of cutting it', () => {
  for (const [field, max] of Object.entries(TEXT_FIELDS)) {
    const ok = normalise(base({ items: { '1.1.1': { [field]: 'x'.repeat(max) } } }), OPTS);
    assert.equal(ok.doc.items['1.1.1'][field].length, max, field);
    assert.deepEqual(ok.problems, []);
    const long = normalise(base({ items: { '1.1.1': { status: 'met', [field]: 'x'.repeat(max + 1) } } }), OPTS);
    assert.equal(long.doc.items['1.1.1'][field], '', field);
    assert.deepEqual(long.doc.leftOut, [record('1.1.1', field, 'x'.repeat(max + 1), 'too-long')], 'kept whole, never cut');
    assert.equal(long.problems.length, 1);
    assert.match(long.problems[0].message, new RegExp(`longer than ${max} characters, so it was left out\\.$`));
  }
});

test('normalise checks the organisation and programme', () => {
  const r = normalise(base({
    organisation: { name: 'x'.repeat(201), odsCode: 'VNX-12', completedBy: 'Sam Patel', extra: 'ignored' },
    programme: { start: '2025-02-30', deadline: '2025-06-30' },
  }), OPTS);
  assert.deepEqual(r.doc.organisation, { name: '', odsCode: '', completedBy: 'Sam Patel' });
  assert.deepEqual(r.doc.programme, { start: '', deadline: '2025-06-30' });
  assert.deepEqual(r.problems.map((p) => p.field), ['organisation.name', 'organisation.odsCode', 'programme.start']);
  assert.deepEqual(r.doc.leftOut, [
    record('', 'organisation.name', 'x'.repeat(201), 'too-long'), record('', 'organisation.odsCode', 'VNX-12', 'not-valid'), record('', 'programme.start', '2025-02-30', 'not-valid'),
  ]);
  assert.equal(r.problems[1].message, 'Organisation: the ODS code "VNX-12" is not letters and digits only, so it was left out.');
  const long = normalise(base({ organisation: { odsCode: 'A'.repeat(21) } }), OPTS);
  assert.equal(long.doc.organisation.odsCode, '');
  assert.equal(long.problems.length, 1);
});

test('normalise drops unknown fields silently', () => {
  const r = normalise(base({ script: '<script>', items: { '1.1.1': { status: 'met', colour: 'red', __proto__x: 1 } }, organisation: { name: 'A', html: '<b>' } }), OPTS);
  assert.deepEqual(r.problems, []);
  assert.equal('script' in r.doc, false);
  assert.deepEqual(Object.keys(r.doc.items['1.1.1']), ENTRY_FIELDS);
  assert.deepEqual(Object.keys(r.doc.organisation), ['name', 'odsCode', 'completedBy']);
});

test('normalise keeps entries for ids not in the edition, from the edition they were saved under', () => {
  const r = normalise(base({ items: { '1.1.1': { status: 'met' }, '9.9.9': { status: 'not-applicable', notes: 'old' } } }), OPTS);
  assert.deepEqual(Object.keys(r.doc.items), ['1.1.1']);
  assert.deepEqual(r.aside, { '9.9.9': { ...emptyEntry(), status: 'not-applicable', notes: 'old' } });
  assert.deepEqual(r.doc.kept, { '9.9.9': { from: E, ...emptyEntry(), status: 'not-applicable', notes: 'old' } });
  assert.deepEqual(r.problems, []);
  // Read again, it stays kept and is not reported again.
  const again = normalise(JSON.parse(serialise(r.doc)), OPTS);
  assert.deepEqual(again.doc, r.doc);
  assert.deepEqual(again.aside, {});
});

test('normalise keeps an entry that meets a kept one under its id whole in leftOut', () => {
  const old = { from: 'dspt-2022-23-cat3', status: 'met', notes: 'older', updated: NOW };
  const r = normalise(base({ items: { '9.9.9': { status: 'in-progress', notes: 'newer', updated: LATER } }, kept: { '9.9.9': old } }), OPTS);
  assert.deepEqual(r.doc.kept['9.9.9'], { ...emptyEntry(), ...old });
  assert.deepEqual(r.doc.leftOut, [record('9.9.9', 'kept', { from: E, ...emptyEntry(), status: 'in-progress', notes: 'newer', updated: LATER }, 'replaced')]);
  assert.deepEqual(r.problems, []);
});

test('the values issue 10 found dropped are all kept: unknown id, long note, not applicable, impossible date, reviewed "yes"', () => {
  const raw = base({
    items: {
      '1.1.1': { status: 'not-applicable', notes: 'n'.repeat(5001), due: '2025-02-30', reviewed: 'yes', owner: 'Sam' },
      '7.7.7': { status: 'met', notes: 'From last year' },
    },
  });
  const r = normalise(raw, OPTS);
  assert.deepEqual(r.doc.items['1.1.1'], { ...emptyEntry(), owner: 'Sam' });
  assert.deepEqual(r.doc.kept, { '7.7.7': { from: E, ...emptyEntry(), status: 'met', notes: 'From last year' } });
  assert.deepEqual(r.doc.leftOut, [
    record('1.1.1', 'status', 'not-applicable', 'not-allowed'), record('1.1.1', 'reviewed', 'yes', 'not-valid'),
    record('1.1.1', 'notes', 'n'.repeat(5001), 'too-long'), record('1.1.1', 'due', '2025-02-30', 'not-valid'),
  ]);
  // The problems are as before: one per value, with its id and field.
  assert.deepEqual(r.problems.map((p) => [p.id, p.field]), [['1.1.1', 'status'], ['1.1.1', 'reviewed'], ['1.1.1', 'notes'], ['1.1.1', 'due']]);
  // Written and read back, every value is still there and nothing is reported twice.
  const again = normalise(JSON.parse(serialise(r.doc)), OPTS);
  assert.deepEqual(again.problems, []);
  assert.equal(serialise(again.doc), serialise(r.doc));
  assert.equal(again.doc.leftOut.length, 4);
});

test('normalise reads leftOut back, checking every record', () => {
  const good = [record('1.1.1', 'notes', 'x'.repeat(6000), 'too-long'), record('9.9.9', 'kept.due', 'soon', 'not-valid'), record('', 'exported', 5, 'not-valid'),
    record('1.1.1', 'kept', { from: 'dspt-2022-23-cat3', status: 'met' }, 'replaced'), record('1.3.2', 'reviewed', { deep: [1, [2, { x: null }]] }, 'not-valid')];
  const r = normalise(base({ leftOut: good }), OPTS);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.doc.leftOut, good);
  // A record that fits again is not put back by itself: only the user does that.
  assert.deepEqual(normalise(base({ leftOut: [record('own-devices', 'status', 'not-applicable', 'not-allowed')] }), OPTS).doc.items, {});
  // An unknown reason is read as "not-valid"; a record without id is a document field.
  assert.deepEqual(normalise(base({ leftOut: [{ id: '1.1.1', field: 'due', value: 'x', why: 'whatever' }, { field: 'created', value: 'y' }] }), OPTS).doc.leftOut,
    [record('1.1.1', 'due', 'x', 'not-valid'), record('', 'created', 'y', 'not-valid')]);
  const bad = [null, 'x', [], { id: '1.1.1', field: 'notes' }, { id: '1.1.1', field: 'colour', value: 1 }, { id: 'Bad Id', field: 'notes', value: 1 },
    { id: '', field: 'notes', value: 1 }, { id: '1.1.1', field: 'organisation.name', value: 1 }, { id: 5, field: 'notes', value: 1 }, { id: '1.1.1', field: 'kept.colour', value: 1 },
    { field: 'programme.end', value: 1 }, { id: '1.1.1', field: null, value: 1 }];
  const b = normalise(base({ leftOut: [...bad, good[0]] }), OPTS);
  assert.deepEqual(b.doc.leftOut, [good[0]]);
  assert.deepEqual(b.problems, [{ message: `Progress file: ${bad.length} values could not be kept (unreadable or too many), so they were left out.` }]);
  assert.equal(normalise(base({ leftOut: { id: '1.1.1' } }), OPTS).problems.length, 1, 'leftOut that is not a list');
});

test('leftOut is bounded: at most LIMITS.items records, none nested too deep to write back', () => {
  const many = Array.from({ length: LIMITS.items + 7 }, (_, i) => record('1.1.1', 'notes', 'n' + i, 'not-valid'));
  const r = normalise(base({ leftOut: many }), OPTS);
  assert.equal(r.doc.leftOut.length, LIMITS.items);
  assert.deepEqual(r.doc.leftOut, many.slice(0, LIMITS.items), 'the oldest are kept');
  assert.match(r.problems[0].message, /^Progress file: 7 values could not be kept/);
  // New values left out count towards the limit after the ones kept before.
  const full = normalise(base({ leftOut: many.slice(0, LIMITS.items), items: { '1.1.1': { due: 'soon' } } }), OPTS);
  assert.equal(full.doc.leftOut.length, LIMITS.items);
  assert.deepEqual(full.problems.map((p) => p.field), ['due', undefined]);
  let deep = 'x';
  for (let i = 0; i < 5000; i++) deep = [deep];
  const d = normalise(base({ items: { '1.1.1': { notes: deep } } }), OPTS);
  assert.deepEqual(d.doc.leftOut, []);
  assert.equal(d.problems.length, 2);
  assert.doesNotThrow(() => serialise(d.doc));
});

test('serialise writes leftOut in a stable order', () => {
  const d = { ...emptyDocument({ site: 'readykit', edition: E, now: NOW }), leftOut: [record('2.1.1', 'due', 'b', 'not-valid'), record('', 'created', 1, 'not-valid'), record('1.1.1', 'notes', 'z', 'too-long'), record('1.1.1', 'due', 'a', 'not-valid')] };
  const text = serialise(d);
  assert.deepEqual(JSON.parse(text).leftOut.map((r) => `${r.id}/${r.field}`), ['/created', '1.1.1/due', '1.1.1/notes', '2.1.1/due']);
  assert.equal(serialise({ ...d, leftOut: [...d.leftOut].reverse() }), text);
  assert.deepEqual(Object.keys(JSON.parse(text).leftOut[0]), ['id', 'field', 'value', 'why']);
  assert.equal(d.leftOut[0].id, '2.1.1', 'the document itself is not reordered');
  assert.deepEqual(WHY, ['not-allowed', 'too-long', 'not-valid', 'replaced']);
});

test('normalise drops not-applicable where the item does not allow it', () => {
  const r = normalise(base({ items: { '1.1.1': { status: 'not-applicable', notes: 'n' }, 'own-devices': { status: 'not-applicable' } } }), OPTS);
  assert.equal(r.doc.items['1.1.1'].status, 'not-started');
  assert.equal(r.doc.items['1.1.1'].notes, 'n');
  assert.equal(r.doc.items['own-devices'].status, 'not-applicable');
  assert.deepEqual(r.problems, [{ id: '1.1.1', field: 'status', message: 'Item 1.1.1: the status is "not applicable", which this item does not allow, so it was left out.' }]);
  assert.deepEqual(r.doc.leftOut, [record('1.1.1', 'status', 'not-applicable', 'not-allowed')]);
});

test('normalise drops bad ids, non-object entries and entries that end up empty', () => {
  const raw = JSON.parse(`{"format":"${FORMAT}","version":1,"edition":"${E}","items":{"__proto__":{"status":"met"},"1.1.1":"met","Bad Id":{"status":"met"},"1.3.2":{"status":"not-started","reviewed":false}}}`);
  const r = normalise(raw, OPTS);
  assert.deepEqual(r.doc.items, {});
  assert.equal(Object.getPrototypeOf(r.doc.items), Object.prototype);
  assert.equal(r.problems.length, 3);
  assert.ok(messages(r).every((m) => /could not be read, so it was left out\.$/.test(m)));
  assert.equal({}.status, undefined);
});

test('normalise refuses items that are not a map and caps the number of entries', () => {
  assert.equal(normalise(base({ items: ['met'] }), OPTS).problems.length, 1);
  const many = {};
  for (let i = 0; i < LIMITS.items + 20; i++) many[`x.${i}`] = { status: 'met' };
  const r = normalise(base({ items: many }), OPTS);
  assert.equal(Object.keys(r.aside).length, LIMITS.items);
  assert.equal(Object.keys(r.doc.kept).length, LIMITS.items);
  assert.match(r.problems[0].message, /some items could not be read/);
  // Kept entries and entries for other ids together stay within the limit too.
  const kept = Object.fromEntries(Object.keys(many).slice(0, LIMITS.items).map((id) => [id, { from: 'dspt-2022-23-cat3', status: 'met' }]));
  const both = normalise(base({ kept, items: { 'y.1': { status: 'met' } } }), OPTS);
  assert.equal(Object.keys(both.doc.kept).length, LIMITS.items);
  assert.match(both.problems[0].message, /^Progress file: 1 value could not be kept \(unreadable or too many\), so it was left out\.$/);
});

test('normalise reads kept entries and refuses ones without an edition', () => {
  const r = normalise(base({ kept: { '9.9.9': { from: 'dspt-2022-23-cat3', status: 'met', notes: 'x' }, '9.9.8': { status: 'met' }, '9.9.7': { from: 'dspt-2022-23-cat3', due: 'soon' } } }), OPTS);
  assert.deepEqual(r.doc.kept, { '9.9.9': { from: 'dspt-2022-23-cat3', ...emptyEntry(), status: 'met', notes: 'x' } });
  assert.deepEqual(r.doc.leftOut, [record('9.9.7', 'kept.due', 'soon', 'not-valid')]);
  assert.equal(r.problems.length, 2);
  assert.match(r.problems[1].message, /^Item 9\.9\.7 \(kept from 2022-23\): the target date "soon" is not a date/);
});

test('normalise checks document dates, site and profile', () => {
  const r = normalise(base({ site: 'Other Site', created: 'yesterday', updated: NOW, exported: 5, profile: { id: 'Oak House', name: 'x' } }), { edition: E, now: LATER });
  assert.equal(r.doc.site, '');
  assert.equal(r.doc.created, LATER);
  assert.equal(r.doc.updated, NOW);
  assert.equal('exported' in r.doc, false);
  assert.deepEqual(r.doc.profile, { id: 'default', name: '' });
  assert.deepEqual(r.problems.map((p) => p.field), ['created', 'exported']);
  const p = normalise(base({ profile: { id: 'oak', name: 'Oak' } }), { profile: { id: 'p-elm', name: 'Elm' } });
  assert.deepEqual(p.doc.profile, { id: 'p-elm', name: 'Elm' });
});

test('normalise result reads back with no problems and the same text', () => {
  const r = normalise(base({ items: { '1.1.1': { status: 'met', due: 'bad' } }, organisation: { odsCode: '!' } }), OPTS);
  const again = normalise(JSON.parse(serialise(r.doc)), OPTS);
  assert.deepEqual(again.problems, []);
  assert.equal(serialise(again.doc), serialise(r.doc));
});

const KEYS = ['format', 'version', 'site', 'edition', 'items', 'kept', 'organisation', 'programme', 'profile', 'created', 'updated', 'exported',
  '1.1.1', 'own-devices', '9.9.9', '__proto__', 'constructor', 'toString', 'status', 'reviewed', 'exceptional', 'notes', 'due', 'priority', 'from', 'name', 'odsCode', 'start', 'id', ''];
const STRINGS = [FORMAT, E, 'met', 'not-applicable', 'in-progress', 'high', '2025-04-30', '2025-02-30', NOW, '', 'x'.repeat(5001), '<img src=x onerror=alert(1)>', 'dspt-2022-23-cat3', 'readykit'];
function value(r, depth) {
  const k = Math.floor(r() * (depth > 3 ? 6 : 9));
  if (k == 0) return null;
  if (k == 1) return r() < 0.5;
  if (k == 2) return [0, 1, 2, -1, 1.5, 1e308, NaN][Math.floor(r() * 7)];
  if (k < 5) return STRINGS[Math.floor(r() * STRINGS.length)];
  if (k == 5) return String.fromCharCode(...Array.from({ length: Math.floor(r() * 8) }, () => Math.floor(r() * 0xffff)));
  if (k == 6) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
  const o = {};
  for (let i = Math.floor(r() * 6); i > 0; i--) {
    // defineProperty so "__proto__" becomes an own key, as JSON.parse makes it.
    Object.defineProperty(o, KEYS[Math.floor(r() * KEYS.length)], { value: value(r, depth + 1), enumerable: true, configurable: true, writable: true });
  }
  return o;
}
function documentish(r) {
  const v = value(r, 0);
  if (r() < 0.6) return { ...(typeof v == 'object' && v) || {}, format: FORMAT, version: r() < 0.8 ? 1 : value(r, 3), edition: E };
  return v;
}

test('normalise never throws on random values, and what it accepts reads back cleanly', () => {
  const r = rng(20250302);
  let accepted = 0;
  for (let i = 0; i < 3000; i++) {
    const v = documentish(r);
    let out;
    assert.doesNotThrow(() => (out = normalise(v, OPTS)), () => JSON.stringify(v));
    assert.ok(Array.isArray(out.problems));
    if (!out.doc) {
      assert.equal(out.problems[0].fatal, true);
      continue;
    }
    accepted++;
    const again = normalise(JSON.parse(serialise(out.doc)), OPTS);
    // The document is written out only for a failure: for each of 3000 it was most of the time.
    if (again.problems.length) assert.deepEqual(again.problems, [], JSON.stringify(v));
    assert.equal(serialise(again.doc), serialise(out.doc));
    assert.ok(Object.keys(out.doc.items).every((id) => ITEMS.some((it) => it.id == id)));
  }
  assert.ok(accepted > 500, `only ${accepted} random documents were accepted`);
  assert.equal({}.status, undefined, 'Object.prototype was not changed');
});

test('setField returns a new document and leaves the input untouched', () => {
  const d0 = deepFreeze(emptyDocument({ site: 'readykit', edition: E, now: NOW }));
  const d1 = setField(d0, '1.1.1', 'status', 'met', LATER);
  assert.notEqual(d1, d0);
  assert.deepEqual(d0.items, {});
  assert.equal(d0.updated, NOW);
  assert.deepEqual(d1.items['1.1.1'], { ...emptyEntry(), status: 'met', updated: LATER });
  assert.equal(d1.updated, LATER);
  deepFreeze(d1);
  const d2 = setField(d1, '1.1.1', 'notes', 'Registered with the ICO', '2025-03-04T08:00:00.000Z');
  assert.equal(d1.items['1.1.1'].notes, '');
  assert.equal(d2.items['1.1.1'].notes, 'Registered with the ICO');
  assert.equal(d2.items['1.1.1'].status, 'met');
  assert.equal(d2.items['1.1.1'].updated, '2025-03-04T08:00:00.000Z');
});

test('setField removes an entry that becomes empty', () => {
  let d = emptyDocument({ site: 'readykit', edition: E, now: NOW });
  d = setField(d, '1.1.1', 'status', 'in-progress', NOW);
  d = setField(d, '1.1.1', 'reviewed', true, NOW);
  d = setField(d, '1.1.1', 'status', 'not-started', NOW);
  assert.ok('1.1.1' in d.items);
  d = setField(d, '1.1.1', 'exceptional', true, NOW);
  d = setField(d, '1.1.1', 'reviewed', false, LATER);
  assert.deepEqual(d.items['1.1.1'], { ...emptyEntry(), exceptional: true, updated: LATER });
  d = setField(d, '1.1.1', 'exceptional', false, LATER);
  assert.deepEqual(d.items, {});
  assert.equal(d.updated, LATER);
  assert.equal(serialise(d), serialise({ ...emptyDocument({ site: 'readykit', edition: E, now: NOW }), updated: LATER }));
  // Setting a field to its default on an item with no entry adds nothing.
  assert.deepEqual(setField(d, '1.3.2', 'notes', '', LATER).items, {});
});

test('setField throws TypeError for programming errors and bad values', () => {
  const d = deepFreeze(emptyDocument({ site: 'readykit', edition: E, now: NOW }));
  assert.throws(() => setField(d, '1.1.1', 'colour', 'red', NOW), TypeError);
  assert.throws(() => setField(d, '1.1.1', 'updated', NOW, NOW), TypeError);
  assert.throws(() => setField(d, 'Not An Id', 'status', 'met', NOW), TypeError);
  assert.throws(() => setField(d, '1.1.1', 'status', 'done', NOW), TypeError);
  assert.throws(() => setField(d, '1.1.1', 'due', '31/04/2025', NOW), /target date "31\/04\/2025" is not a date/);
  assert.throws(() => setField(d, '1.1.1', 'notes', 'x'.repeat(5001), NOW), TypeError);
  assert.throws(() => setField(d, '1.1.1', 'reviewed', 'yes', NOW), TypeError);
  assert.throws(() => setField(d, '1.1.1', 'exceptional', 'yes', NOW), /exceptional mark "yes" is not yes or no/);
  assert.equal(setField(d, '1.1.1', 'priority', 'low', NOW).items['1.1.1'].priority, 'low');
});

test('setOrganisation validates and returns a new document', () => {
  const d = deepFreeze(emptyDocument({ site: 'readykit', edition: E, now: NOW }));
  const d2 = setOrganisation(d, { name: 'Oak House', odsCode: 'VNX12' }, LATER);
  assert.deepEqual(d2.organisation, { name: 'Oak House', odsCode: 'VNX12', completedBy: '' });
  assert.equal(d2.updated, LATER);
  assert.equal(d.organisation.name, '');
  assert.throws(() => setOrganisation(d, { odsCode: 'VN X12' }, NOW), TypeError);
  assert.throws(() => setOrganisation(d, { name: 'x'.repeat(201) }, NOW), TypeError);
  assert.throws(() => setOrganisation(d, { address: '1 High St' }, NOW), TypeError);
});

test('setPublished records the publication, and refuses a bad date or level', () => {
  const d = deepFreeze(emptyDocument({ site: 'readykit', edition: E, now: NOW }));
  const d2 = setPublished(d, { date: '2026-06-30', level: 'met' }, LATER);
  assert.deepEqual(d2.published, { date: '2026-06-30', level: 'met' });
  assert.equal(d2.updated, LATER);
  assert.deepEqual(d.published, { date: '', level: '' }, 'the input is not changed');
  assert.deepEqual(setPublished(d2, { date: '', level: '' }, LATER).published, { date: '', level: '' });
  assert.throws(() => setPublished(d, { date: '2026-02-30' }, NOW), /publication date "2026-02-30" is not a date/);
  assert.throws(() => setPublished(d, { level: 'optional' }, NOW), /publication level "optional" is not Approaching Standards or Standards Met/);
  assert.throws(() => setPublished(d, { when: '2026-06-30' }, NOW), /unknown publication field/);
});

test('a publication, a reason and a done date are read from a file, and bad ones kept aside', () => {
  const raw = {
    format: FORMAT, version: 1, edition: E, published: { date: '2026-06-30', level: 'approaching' },
    items: { '1.1.1': { status: 'met', done: '2026-05-01' }, '1.3.2': { status: 'in-progress', done: '2026-13-01', reason: 'r'.repeat(501) } },
  };
  const r = normalise(raw, {});
  assert.deepEqual(r.doc.published, { date: '2026-06-30', level: 'approaching' });
  assert.equal(r.doc.items['1.1.1'].done, '2026-05-01');
  assert.deepEqual(r.doc.leftOut.map((x) => [x.id, x.field, x.why]), [['1.3.2', 'reason', 'too-long'], ['1.3.2', 'done', 'not-valid']]);
  const bad = normalise({ ...raw, published: { date: 'June', level: 'gold' } }, {});
  assert.deepEqual(bad.doc.published, { date: '', level: '' });
  assert.deepEqual(bad.doc.leftOut.filter((x) => !x.id).map((x) => x.field), ['published.date', 'published.level']);
  // Read back from leftOut on the next load, not lost.
  assert.equal(normalise(JSON.parse(serialise(bad.doc)), {}).doc.leftOut.length, bad.doc.leftOut.length);
});

test('setProgramme validates the dates and returns a new document', () => {
  const d = deepFreeze(emptyDocument({ site: 'readykit', edition: E, now: NOW }));
  const d2 = setProgramme(d, { start: '2027-04-12' }, LATER);
  assert.deepEqual(d2.programme, { start: '2027-04-12', deadline: '' });
  assert.equal(d2.updated, LATER);
  assert.equal(d.programme.start, '');
  assert.deepEqual(setProgramme(d2, { start: '', deadline: '2027-06-30' }, LATER).programme, { start: '', deadline: '2027-06-30' });
  assert.throws(() => setProgramme(d, { start: '2027-02-30' }, NOW), /start date "2027-02-30" is not a date/);
  assert.throws(() => setProgramme(d, { deadline: '30/06/2027' }, NOW), TypeError);
  assert.throws(() => setProgramme(d, { end: '2027-06-30' }, NOW), /unknown programme field end/);
});

test('isEmptyEntry ignores updated and looks at every other field', () => {
  assert.ok(isEmptyEntry(emptyEntry()));
  assert.ok(isEmptyEntry({ ...emptyEntry(), updated: NOW }));
  assert.ok(isEmptyEntry(undefined));
  assert.ok(isEmptyEntry({}));
  assert.ok(isEmptyEntry({ ...emptyEntry(), exceptional: false }));
  for (const [f, v] of [['status', 'met'], ['status', 'in-progress'], ['reviewed', true], ['exceptional', true], ['notes', 'n'], ['due', '2025-04-30'], ['priority', 'low'], ['milestones', 'm']]) {
    assert.equal(isEmptyEntry({ ...emptyEntry(), [f]: v }), false, f);
  }
});

test('serialise is stable: key order and item order do not matter', () => {
  const a = setField(setField(emptyDocument({ site: 'readykit', edition: E, now: NOW }), '1.3.2', 'status', 'met', NOW), '1.1.1', 'notes', 'n', NOW);
  const b = setField(setField(emptyDocument({ site: 'readykit', edition: E, now: NOW }), '1.1.1', 'notes', 'n', NOW), '1.3.2', 'status', 'met', NOW);
  const shuffled = JSON.parse(JSON.stringify(b, Object.keys(b).reverse().concat(...Object.keys(b.items), ...ENTRY_FIELDS.slice().reverse(), 'id', 'name', 'odsCode', 'completedBy', 'start', 'deadline', 'date', 'level')));
  assert.notEqual(JSON.stringify(a), JSON.stringify(b));
  assert.equal(serialise(a), serialise(b));
  assert.equal(serialise(a), serialise(shuffled));
  const parsed = JSON.parse(serialise(a));
  assert.deepEqual(Object.keys(parsed), ['format', 'version', 'site', 'edition', 'profile', 'organisation', 'created', 'updated', 'items', 'kept', 'leftOut', 'programme', 'published']);
  assert.deepEqual(Object.keys(parsed.items), ['1.1.1', '1.3.2']);
  assert.deepEqual(Object.keys(parsed.items['1.1.1']), ENTRY_FIELDS);
  assert.deepEqual(Object.keys(JSON.parse(serialise({ items: { x: { updated: NOW, milestones: 'm', exceptional: true, dependencies: 'd', status: 'met' } } })).items.x),
    ['status', 'dependencies', 'exceptional', 'milestones', 'updated']);
  assert.deepEqual(Object.keys(parsed.organisation), ['name', 'odsCode', 'completedBy']);
  assert.deepEqual(JSON.parse(serialise(a)), a);
});

test('serialise indents export files with 2 spaces', () => {
  const d = emptyDocument({ site: 'readykit', edition: E, now: NOW });
  assert.ok(serialise(d, 2).startsWith('{\n  "format": "readykit-progress",\n  "version": 1,'));
  assert.ok(!serialise(d).includes('\n'));
});
