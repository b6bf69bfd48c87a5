import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyDocument, emptyEntry, setField, serialise, record, normalise } from '../static/js/progress.js';
import { keptAside, putBack, removeAside } from '../static/js/editions.js';
import { rng } from './rng.js';
import { LABELS, MemoryStorage } from './fixtures.js';
import {
  keyFor, profiles, createProfile, renameProfile, deleteProfile, switchProfile, load, save, findEarlier,
} from '../static/js/storage.js';

// Storage that refuses writes the way a full browser storage does.
class FullStorage extends MemoryStorage {
  constructor(entries, error) {
    super(entries);
    this.error = error;
  }
  setItem() {
    throw this.error;
  }
}
const QUOTA = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
// Storage that refuses writes to the keys that `refuse` says no to.
class PickyStorage extends MemoryStorage {
  constructor(entries, refuse) {
    super(entries);
    this.refuse = refuse;
  }
  setItem(k, v) {
    if (this.refuse(k)) throw QUOTA();
    super.setItem(k, v);
  }
}

const NOW = '2025-03-01T10:00:00.000Z';
const LATER = '2025-03-02T09:15:00.000Z';
const SITE = 'readykit';
const E = 'dspt-2023-24-cat3';
const ITEMS = [{ id: '1.1.1', standard: 1, level: 'approaching', notApplicable: false }];
const KEY = `readykit:${SITE}:default:${E}`;
const OPTS = { site: SITE, profile: 'default', edition: E, items: ITEMS, now: LATER };
const doc = (status = 'met', now = NOW) => setField(emptyDocument({ site: SITE, edition: E, now: NOW }), '1.1.1', 'status', status, now);

test('keyFor builds keys and refuses parts that would break them', () => {
  assert.equal(keyFor(SITE, 'p-oak', E), 'readykit:readykit:p-oak:dspt-2023-24-cat3');
  assert.throws(() => keyFor('a:b', 'p', E), TypeError);
  assert.throws(() => keyFor(SITE, 'Oak House', E), TypeError);
  assert.throws(() => keyFor(SITE, 'p', 'x:y'), TypeError);
  assert.throws(() => keyFor(SITE, undefined, E), TypeError);
  assert.throws(() => keyFor(SITE, 'x'.repeat(41), E), TypeError);
});

test('profiles creates a default profile when there is none', () => {
  const s = new MemoryStorage();
  const ix = profiles(s, SITE, NOW);
  assert.deepEqual(ix, { format: 'readykit-profiles', version: 1, current: 'default', profiles: [{ id: 'default', name: '', created: NOW }] });
  assert.deepEqual(JSON.parse(s.getItem('readykit:readykit:profiles')), ix);
  assert.deepEqual(profiles(s, SITE, LATER), ix, 'a second call reads the stored index');
});

test('profiles replaces a damaged index, keeping profiles that have documents', () => {
  for (const bad of ['{not json', '[]', '{"format":"readykit-profiles","version":1,"profiles":[]}', '{"format":"x","version":1,"profiles":[{"id":"a","name":""}]}']) {
    const s = new MemoryStorage({ 'readykit:readykit:profiles': bad });
    assert.deepEqual(profiles(s, SITE, NOW).profiles, [{ id: 'default', name: '', created: NOW }], bad);
  }
  const s = new MemoryStorage({ 'readykit:readykit:profiles': 'garbage', [`readykit:readykit:oak:${E}`]: '{}', [`readykit:other:elm:${E}`]: '{}' });
  const ix = profiles(s, SITE, NOW);
  assert.deepEqual(ix.profiles.map((p) => p.id), ['oak']);
  assert.equal(ix.current, 'oak');
});

test('profiles cleans a stored index: bad entries dropped, unknown current replaced', () => {
  const s = new MemoryStorage({
    'readykit:readykit:profiles': JSON.stringify({
      format: 'readykit-profiles', version: 1, current: 'gone',
      profiles: [{ id: 'oak', name: 'Oak', created: NOW }, { id: 'Bad Id', name: '' }, { id: 'oak', name: 'again' }, { id: 'elm', name: 5 }, 'x'],
    }),
  });
  assert.deepEqual(profiles(s, SITE, NOW), { format: 'readykit-profiles', version: 1, current: 'oak', profiles: [{ id: 'oak', name: 'Oak', created: NOW }] });
});

test('profiles still answers when storage refuses writes', () => {
  const s = new FullStorage({}, new DOMException('full', 'QuotaExceededError'));
  assert.equal(profiles(s, SITE, NOW).current, 'default');
});

test('createProfile derives a unique id from the name', () => {
  const s = new MemoryStorage();
  const a = createProfile(s, SITE, 'Oak House', NOW);
  assert.deepEqual(a.profile, { id: 'oak-house', name: 'Oak House', created: NOW });
  assert.equal(a.index.current, 'default', 'creating does not switch');
  assert.equal(createProfile(s, SITE, '  Oak   House! ', NOW).profile.id, 'oak-house-2');
  assert.equal(createProfile(s, SITE, 'Oak House', NOW).profile.id, 'oak-house-3');
  assert.equal(createProfile(s, SITE, 'Café Rosé', NOW).profile.id, 'cafe-rose');
  assert.equal(createProfile(s, SITE, '株式会社', NOW).profile.id, 'profile');
  assert.equal(createProfile(s, SITE, 'Profiles', NOW).profile.id, 'profiles-2');
  const long = createProfile(s, SITE, 'The Very Long Name Of A Care Home In Somewhere', NOW).profile.id;
  assert.ok(long.length <= 40 && /^[a-z0-9-]+$/.test(long), long);
  const ix = profiles(s, SITE, NOW);
  assert.equal(ix.profiles.length, 8);
  assert.equal(new Set(ix.profiles.map((p) => p.id)).size, 8);
  assert.throws(() => createProfile(s, SITE, '   ', NOW), TypeError);
  assert.throws(() => createProfile(s, SITE, 'x'.repeat(201), NOW), TypeError);
});

test('renameProfile and switchProfile change the stored index', () => {
  const s = new MemoryStorage();
  const { profile } = createProfile(s, SITE, 'Oak House', NOW);
  let ix = renameProfile(s, SITE, profile.id, 'Oak House Care Home');
  assert.equal(ix.profiles.find((p) => p.id == 'oak-house').name, 'Oak House Care Home');
  assert.equal(ix.profiles.find((p) => p.id == 'oak-house').id, 'oak-house', 'the id stays');
  ix = switchProfile(s, SITE, 'oak-house');
  assert.equal(ix.current, 'oak-house');
  assert.deepEqual(profiles(s, SITE, LATER), ix);
  assert.throws(() => switchProfile(s, SITE, 'nobody'), TypeError);
  assert.throws(() => renameProfile(s, SITE, 'nobody', 'X'), TypeError);
  assert.throws(() => renameProfile(s, SITE, 'oak-house', ''), TypeError);
});

test('deleteProfile removes every key of the profile and picks another current', () => {
  const s = new MemoryStorage();
  createProfile(s, SITE, 'Oak', NOW);
  createProfile(s, SITE, 'Elm', NOW);
  switchProfile(s, SITE, 'oak');
  for (const k of [`readykit:readykit:oak:${E}`, `readykit:readykit:oak:${E}:backup`, `readykit:readykit:oak:${E}:damaged`, 'readykit:readykit:oak:dspt-2022-23-cat3',
    `readykit:readykit:elm:${E}`, `readykit:readykit:oak-2:${E}`, `readykit:other:oak:${E}`, 'unrelated']) s.setItem(k, 'x');
  const ix = deleteProfile(s, SITE, 'oak');
  assert.deepEqual(ix.profiles.map((p) => p.id), ['default', 'elm']);
  assert.equal(ix.current, 'default');
  assert.deepEqual([...s.map.keys()].sort(), ['readykit:readykit:elm:' + E, 'readykit:readykit:oak-2:' + E, 'readykit:readykit:profiles', 'readykit:other:oak:' + E, 'unrelated'].sort());
});

test('deleting the last profile leaves a fresh default', () => {
  const s = new MemoryStorage();
  s.setItem(KEY, serialise(doc()));
  profiles(s, SITE, NOW);
  const ix = deleteProfile(s, SITE, 'default', LATER);
  assert.deepEqual(ix.profiles, [{ id: 'default', name: '', created: LATER }]);
  assert.equal(ix.current, 'default');
  assert.equal(s.getItem(KEY), null);
});

test('load returns a new empty document when nothing is stored', () => {
  const r = load(new MemoryStorage(), OPTS);
  assert.equal(r.recovered, null);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.doc, emptyDocument({ site: SITE, edition: E, now: LATER }));
});

test('load returns the stored document, normalised', () => {
  const s = new MemoryStorage({ [KEY]: serialise(doc()) });
  const r = load(s, OPTS);
  assert.equal(r.recovered, null);
  assert.equal(serialise(r.doc), serialise(doc()));
  const stray = new MemoryStorage({ [KEY]: JSON.stringify({ ...doc(), items: { ...doc().items, '9.9.9': { status: 'met' } } }) });
  assert.deepEqual(Object.keys(load(stray, OPTS).aside), ['9.9.9']);
});

test('load restores a damaged main key from the backup and keeps the damaged copy', () => {
  for (const damaged of ['{"format":"readykit-progress","items":{', '{"format":"something-else"}', 'null']) {
    const good = doc('in-progress', LATER);
    const s = new MemoryStorage({ [KEY]: damaged, [KEY + ':backup']: serialise(good) });
    const r = load(s, OPTS);
    assert.deepEqual(r.recovered, { from: 'backup', savedAt: LATER, damagedKept: true, restored: true, reason: '' });
    assert.equal(serialise(r.doc), serialise(good));
    assert.equal(s.getItem(KEY + ':damaged'), damaged, 'the damaged value is kept for the user');
    assert.equal(s.getItem(KEY), serialise(good), 'the backup is put back under the main key');
    assert.ok(r.problems[0].fatal);
  }
});

test('load with a damaged main key and no usable backup starts empty but says so', () => {
  for (const backup of [undefined, 'also damaged']) {
    const s = new MemoryStorage({ [KEY]: '{"broken', ...(backup && { [KEY + ':backup']: backup }) });
    const r = load(s, OPTS);
    assert.deepEqual(r.recovered, { from: 'none', damagedKept: true, reason: '' });
    assert.deepEqual(r.doc.items, {});
    assert.equal(s.getItem(KEY + ':damaged'), '{"broken');
    assert.equal(s.getItem(KEY), '{"broken', 'the main key is left for the user to decide');
    assert.equal(r.problems.length, 1);
  }
});

test('save writes the document and keeps the previous one as backup', () => {
  const s = new MemoryStorage();
  const first = doc('in-progress');
  assert.deepEqual(save(s, KEY, first), { ok: true, backup: 'none' });
  assert.equal(s.getItem(KEY), serialise(first));
  assert.equal(s.getItem(KEY + ':backup'), null);
  const second = doc('met', LATER);
  assert.deepEqual(save(s, KEY, second), { ok: true, backup: 'moved' });
  assert.equal(s.getItem(KEY), serialise(second));
  assert.equal(s.getItem(KEY + ':backup'), serialise(first));
  // Saving the same document again keeps the older backup.
  assert.deepEqual(save(s, KEY, second), { ok: true, backup: 'none' });
  assert.equal(s.getItem(KEY + ':backup'), serialise(first));
});

test('save does not back up a damaged main value, but sets it aside before replacing it', () => {
  const s = new MemoryStorage({ [KEY]: 'damaged', [KEY + ':backup']: serialise(doc('in-progress')) });
  assert.deepEqual(save(s, KEY, doc()), { ok: true, backup: 'none' });
  assert.equal(s.getItem(KEY + ':backup'), serialise(doc('in-progress')));
  assert.equal(s.getItem(KEY + ':damaged'), 'damaged');
  assert.equal(s.getItem(KEY), serialise(doc()));
});

test('save refuses to replace a damaged main value it cannot set aside', () => {
  const s = new PickyStorage({ [KEY]: 'damaged', [KEY + ':damaged']: 'an older damaged copy' }, (k) => k == KEY + ':damaged');
  const r = save(s, KEY, doc());
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'quota');
  assert.equal(s.getItem(KEY), 'damaged', 'the only copy of the damaged text is not replaced');
  // Once it is there, the main key may be replaced.
  s.refuse = () => false;
  assert.equal(save(s, KEY, doc()).ok, true);
  assert.equal(s.getItem(KEY + ':damaged'), 'damaged');
});

test('load says truthfully when the damaged copy could not be set aside (storage full)', () => {
  // No room for the damaged copy: the backup is shown, but not put in its
  // place, so the damaged text stays where it was.
  const good = serialise(doc('in-progress', LATER));
  let s = new PickyStorage({ [KEY]: '{"broken', [KEY + ':backup']: good }, () => true);
  let r = load(s, OPTS);
  assert.deepEqual(r.recovered, { from: 'backup', savedAt: LATER, damagedKept: false, restored: false, reason: 'quota' });
  assert.equal(r.doc.items['1.1.1'].status, 'in-progress');
  assert.equal(s.getItem(KEY), '{"broken');
  assert.equal(s.getItem(KEY + ':damaged'), null);
  // Room for the damaged copy but not for the backup under the main key.
  s = new PickyStorage({ [KEY]: '{"broken', [KEY + ':backup']: good }, (k) => k == KEY);
  r = load(s, OPTS);
  assert.deepEqual(r.recovered, { from: 'backup', savedAt: LATER, damagedKept: true, restored: false, reason: 'quota' });
  assert.equal(s.getItem(KEY + ':damaged'), '{"broken');
  // No backup and no room.
  s = new PickyStorage({ [KEY]: '{"broken' }, () => true);
  r = load(s, OPTS);
  assert.deepEqual(r.recovered, { from: 'none', damagedKept: false, reason: 'quota' });
  assert.equal(s.getItem(KEY), '{"broken');
  // Storage refusing for another reason says so.
  s = new FullStorage({ [KEY]: '{"broken' }, new DOMException('denied', 'SecurityError'));
  assert.deepEqual(load(s, OPTS).recovered, { from: 'none', damagedKept: false, reason: 'unavailable' });
});

test('save reports a full storage as quota and leaves the main key untouched', () => {
  const errors = [
    new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    Object.assign(new Error('full'), { name: 'NS_ERROR_DOM_QUOTA_REACHED', code: 1014 }),
    Object.assign(new Error('full'), { name: 'Error', code: 22 }),
  ];
  for (const error of errors) {
    const before = serialise(doc('in-progress'));
    const s = new FullStorage({ [KEY]: before }, error);
    const r = save(s, KEY, doc('met', LATER));
    assert.equal(r.ok, false);
    assert.equal(r.reason, 'quota');
    assert.equal(r.error, error);
    assert.equal(s.getItem(KEY), before);
  }
});

test('save reports other failures as unavailable', () => {
  const error = new DOMException('denied', 'SecurityError');
  const r = save(new FullStorage({}, error), KEY, doc());
  assert.deepEqual(r, { ok: false, reason: 'unavailable', error });
});

test('save reports quota when only the main write fails, after the backup', () => {
  const s = new MemoryStorage({ [KEY]: serialise(doc('in-progress')) });
  s.setItem = (k, v) => {
    if (k == KEY) throw new DOMException('full', 'QuotaExceededError');
    MemoryStorage.prototype.setItem.call(s, k, v);
  };
  const r = save(s, KEY, doc('met', LATER));
  assert.equal(r.reason, 'quota');
  assert.equal(s.getItem(KEY), serialise(doc('in-progress')));
});

test('findEarlier follows history back to the newest edition with a document', () => {
  const history = [
    { from: 'dspt-2022-23-cat3', to: 'dspt-2023-24-cat3', carried: {} },
    { from: 'dspt-2023-24-cat3', to: 'dspt-2024-25-cat3', carried: {} },
    { from: 'dspt-2024-25-cat3', to: 'dspt-2025-26-cat3', carried: {} },
  ];
  const s = new MemoryStorage({ 'readykit:readykit:oak:dspt-2022-23-cat3': '{}', 'readykit:readykit:elm:dspt-2024-25-cat3': '{}' });
  const o = { site: SITE, profile: 'oak', edition: 'dspt-2025-26-cat3', history };
  assert.equal(findEarlier(s, o), 'dspt-2022-23-cat3');
  s.setItem('readykit:readykit:oak:dspt-2023-24-cat3', '{}');
  assert.equal(findEarlier(s, o), 'dspt-2023-24-cat3');
  assert.equal(findEarlier(s, { ...o, profile: 'elm' }), 'dspt-2024-25-cat3');
  assert.equal(findEarlier(s, { ...o, profile: 'ash' }), null);
  assert.equal(findEarlier(s, { ...o, edition: 'dspt-2022-23-cat3' }), null);
  const loop = [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }];
  assert.equal(findEarlier(s, { ...o, edition: 'a', history: loop }), null, 'a circle in history ends');
});

// ---------------------------------------------------------------------------
// The backup rotation never overwrites the only copy of something.

const ITEMS_23 = [
  { id: '1.1.1', standard: 1, level: 'approaching', notApplicable: false },
  { id: '1.1.2', standard: 1, level: 'approaching', notApplicable: false },
  { id: 'own-devices', standard: 1, level: 'approaching', notApplicable: true },
];
const OPTS_23 = { ...OPTS, items: ITEMS_23 };
// Everything a stored text holds that only the user's say may take away:
// kept entries and kept-aside values, read the way save reads them.
const held = (text) => {
  const d = text && normalise(JSON.parse(text)).doc;
  if (!d) return [];
  return [...Object.entries(d.kept).map(([id, e]) => `kept ${id} ${serialise(e)}`), ...d.leftOut.map((r) => `value ${serialise(r)}`)];
};
const everywhere = (s) => new Set([...held(s.getItem(KEY)), ...held(s.getItem(KEY + ':backup'))]);

test('issue 10: a document with entries and values that do not fit, loaded and saved twice, keeps every one of them, where the page shows them', () => {
  // What an older readykit (or another edition's site) saved: an entry for
  // an id this edition does not list, and values that no longer check out.
  const stored = JSON.stringify({
    format: 'readykit-progress', version: 1, site: SITE, edition: E, created: NOW, updated: NOW,
    items: {
      '1.1.1': { status: 'not-applicable', notes: 'n'.repeat(5001), due: '2025-02-30', reviewed: 'yes', owner: 'Sam', updated: NOW },
      '7.7.7': { status: 'met', notes: 'From last year', updated: NOW },
    },
  });
  const s = new MemoryStorage({ [KEY]: stored });
  let d = load(s, OPTS_23).doc;
  d = setField(d, '1.1.2', 'status', 'in-progress', LATER);
  assert.equal(save(s, KEY, d).ok, true);
  d = setField(d, '1.1.2', 'status', 'met', LATER);
  assert.equal(save(s, KEY, d).ok, true);
  assert.equal(s.getItem(KEY + ':backup') === stored, false, 'the stored text has rotated out of the backup');

  // Everything is still in the saved document itself...
  const saved = JSON.parse(s.getItem(KEY));
  assert.deepEqual(saved.kept, { '7.7.7': { from: E, ...emptyEntry(), status: 'met', notes: 'From last year', updated: NOW } });
  assert.deepEqual(saved.leftOut, [
    record('1.1.1', 'due', '2025-02-30', 'not-valid'), record('1.1.1', 'notes', 'n'.repeat(5001), 'too-long'),
    record('1.1.1', 'reviewed', 'yes', 'not-valid'), record('1.1.1', 'status', 'not-applicable', 'not-allowed'),
  ]);
  assert.equal(saved.items['1.1.1'].owner, 'Sam');
  // ...and the Your progress page lists each of them.
  const rows = keptAside(load(s, OPTS_23).doc, ITEMS_23, LABELS);
  assert.deepEqual(rows.map((r) => r.lines[0]), ['Status: Done', '2025-02-30', 'n'.repeat(5001), 'yes', 'Not applicable']);
});

test('save keeps a backup that holds kept entries or values the new copies have lost', () => {
  const kept = { ...doc('in-progress'), kept: { '7.7.7': { from: 'dspt-2022-23-cat3', ...emptyEntry(), status: 'met' } }, leftOut: [record('1.1.1', 'notes', 'x'.repeat(5001), 'too-long')] };
  const s = new MemoryStorage();
  save(s, KEY, kept);
  // A change that loses them, which the user did not ask for (a bug, or an
  // older readykit): the copy holding them moves into the backup...
  const lost = doc('met', LATER);
  assert.deepEqual(save(s, KEY, lost), { ok: true, backup: 'moved' });
  assert.equal(s.getItem(KEY + ':backup'), serialise(kept));
  // ...and stays there, however many saves follow.
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(save(s, KEY, setField(lost, '1.1.2', 'notes', 'edit ' + i, LATER)), { ok: true, backup: 'kept' });
    assert.equal(s.getItem(KEY + ':backup'), serialise(kept));
  }
  // A copy that holds them again lets the backup move on.
  const back = { ...setField(lost, '1.1.2', 'notes', 'found', LATER), kept: kept.kept, leftOut: kept.leftOut };
  assert.deepEqual(save(s, KEY, back), { ok: true, backup: 'moved' });
  assert.deepEqual(save(s, KEY, setField(back, '1.1.2', 'notes', 'on', LATER)), { ok: true, backup: 'moved' });
  assert.deepEqual(JSON.parse(s.getItem(KEY + ':backup')).kept, kept.kept);
});

test('save lets the backup move on without what the user agreed to remove, one save later', () => {
  const start = { ...doc('in-progress'), kept: { '7.7.7': { from: 'dspt-2022-23-cat3', ...emptyEntry(), status: 'met' } }, leftOut: [record('1.1.1', 'due', 'soon', 'not-valid')] };
  const s = new MemoryStorage();
  save(s, KEY, start);
  save(s, KEY, setField(start, '1.1.2', 'notes', 'a', LATER));
  const removed = removeAside(removeAside(normalise(JSON.parse(s.getItem(KEY))).doc, { id: '7.7.7' }, LATER), { record: start.leftOut[0] }, LATER);
  assert.deepEqual(save(s, KEY, removed, true), { ok: true, backup: 'moved' });
  assert.equal(s.getItem(KEY + ':agreed'), '1');
  assert.ok(held(s.getItem(KEY + ':backup')).length, 'the copy before the removal is the backup, for now');
  assert.deepEqual(save(s, KEY, setField(removed, '1.1.2', 'notes', 'b', LATER)), { ok: true, backup: 'moved' });
  assert.equal(s.getItem(KEY + ':agreed'), null);
  assert.deepEqual(everywhere(s), new Set(), 'removed for good, as the user asked');
  // Without the user's say the same change keeps them in the backup.
  const t = new MemoryStorage();
  save(t, KEY, start);
  save(t, KEY, setField(start, '1.1.2', 'notes', 'a', LATER));
  save(t, KEY, removed);
  save(t, KEY, setField(removed, '1.1.2', 'notes', 'b', LATER));
  assert.equal(everywhere(t).size, 2);
});

test('save with the user\'s say does not let the backup drop what the user did not remove', () => {
  const other = { '8.8.8': { from: 'dspt-2022-23-cat3', ...emptyEntry(), status: 'met' } };
  const s = new MemoryStorage();
  save(s, KEY, { ...doc(), kept: other });
  save(s, KEY, doc('in-progress', LATER)); // loses 8.8.8 without the user's say
  const agreed = { ...doc('met', LATER), leftOut: [record('1.1.1', 'due', 'x', 'not-valid')] };
  save(s, KEY, agreed);
  assert.deepEqual(save(s, KEY, removeAside(agreed, { record: agreed.leftOut[0] }, LATER), true), { ok: true, backup: 'kept' });
  assert.equal(s.getItem(KEY + ':agreed'), null, 'no leave to drop the backup next time');
  save(s, KEY, doc('not-started', LATER));
  assert.ok(everywhere(s).has(`kept 8.8.8 ${serialise({ ...other['8.8.8'] })}`));
});

test('random edits, removals, put-backs and losses: only what the user removed ever leaves storage', () => {
  const r = rng(100);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  for (let run = 0; run < 40; run++) {
    const s = new MemoryStorage();
    let d = { ...doc('in-progress'), kept: {}, leftOut: [] };
    for (let i = 0; i < 4; i++) d.kept[`9.9.${i}`] = { from: 'dspt-2022-23-cat3', ...emptyEntry(), notes: `kept ${run}.${i}` };
    for (let i = 0; i < 4; i++) d.leftOut.push(record(pick(['1.1.1', '1.1.2', 'own-devices']), pick(['notes', 'due', 'status']), `v${run}.${i}`, 'not-valid'));
    d.leftOut.push(record('own-devices', 'status', 'not-applicable', 'not-allowed'));
    save(s, KEY, d);
    const must = new Set(held(s.getItem(KEY))); // what only the user may take away
    for (let step = 0; step < 25; step++) {
      const k = r();
      const rows = keptAside(d, ITEMS_23, LABELS);
      let agreed = false, next;
      if (k < 0.4 || !rows.length) next = setField(d, pick(['1.1.1', '1.1.2']), 'notes', `note ${step}`, LATER);
      else if (k < 0.6) {
        const row = pick(rows);
        next = removeAside(d, row.key, LATER);
        agreed = true;
      } else if (k < 0.75 && rows.some((x) => x.fits)) {
        next = putBack(d, pick(rows.filter((x) => x.fits)).key, ITEMS_23, LATER);
        agreed = true;
      } else {
        // Lost without the user's say.
        next = r() < 0.5 && Object.keys(d.kept).length ? { ...d, kept: {} } : { ...d, leftOut: d.leftOut.slice(1) };
      }
      if (agreed) {
        const left = new Set(held(serialise(next)));
        for (const h of held(serialise(d))) if (!left.has(h)) must.delete(h);
      }
      assert.equal(save(s, KEY, next, agreed).ok, true);
      d = next;
      const have = everywhere(s);
      for (const h of must) assert.ok(have.has(h), `run ${run} step ${step}: ${h.slice(0, 80)} is gone`);
    }
  }
});
