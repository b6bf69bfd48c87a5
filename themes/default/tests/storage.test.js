import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyDocument, setField, serialise } from '../static/js/progress.js';
import {
  keyFor, profiles, createProfile, renameProfile, deleteProfile, switchProfile, load, save, findEarlier,
} from '../static/js/storage.js';

// An in-memory stand-in for window.localStorage.
class MemoryStorage {
  constructor(entries = {}) {
    this.map = new Map(Object.entries(entries));
  }
  get length() {
    return this.map.size;
  }
  key(i) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k) {
    return this.map.has(k) ? this.map.get(k) : null;
  }
  setItem(k, v) {
    this.map.set(k, String(v));
  }
  removeItem(k) {
    this.map.delete(k);
  }
}
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
    assert.deepEqual(r.recovered, { from: 'backup', savedAt: LATER });
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
    assert.deepEqual(r.recovered, { from: 'none' });
    assert.deepEqual(r.doc.items, {});
    assert.equal(s.getItem(KEY + ':damaged'), '{"broken');
    assert.equal(s.getItem(KEY), '{"broken', 'the main key is left for the user to decide');
    assert.equal(r.problems.length, 1);
  }
});

test('save writes the document and keeps the previous one as backup', () => {
  const s = new MemoryStorage();
  const first = doc('in-progress');
  assert.deepEqual(save(s, KEY, first), { ok: true });
  assert.equal(s.getItem(KEY), serialise(first));
  assert.equal(s.getItem(KEY + ':backup'), null);
  const second = doc('met', LATER);
  assert.deepEqual(save(s, KEY, second), { ok: true });
  assert.equal(s.getItem(KEY), serialise(second));
  assert.equal(s.getItem(KEY + ':backup'), serialise(first));
  // Saving the same document again keeps the older backup.
  save(s, KEY, second);
  assert.equal(s.getItem(KEY + ':backup'), serialise(first));
});

test('save does not back up a damaged main value', () => {
  const s = new MemoryStorage({ [KEY]: 'damaged', [KEY + ':backup']: serialise(doc('in-progress')) });
  assert.deepEqual(save(s, KEY, doc()), { ok: true });
  assert.equal(s.getItem(KEY + ':backup'), serialise(doc('in-progress')));
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
