import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyDocument, serialise, setField } from '../static/js/progress.js';
import { createProfile, deleteProfile, keyFor, renameProfile, switchProfile } from '../static/js/storage.js';
import { createSession } from '../static/js/session.js';
import { MemoryStorage } from './fixtures.js';

const NOW = '2026-12-02T10:00:00.000Z';
const OLD = 'dspt-2025-26-cat3', E = 'dspt-2026-27-cat3';
const TK = {
  site: 'readykit',
  edition: { id: E, title: '2026-27', deadline: '2027-06-30' },
  items: [
    { id: '1.1.1', standard: 1, level: 'approaching', notApplicable: false },
    { id: '1.1.2', standard: 1, level: 'met', notApplicable: true },
  ],
  history: [{ from: OLD, to: E, carried: { '1.1.1': '1.1.1', gone: '' } }],
};
const KEY = keyFor('readykit', 'default', E);
const done = (id) => (d) => setField(d, id, 'status', 'met', NOW);

// A session over storage, with what it says and tells its subscribers recorded.
async function opened(storage = new MemoryStorage()) {
  const said = [], told = [];
  let kept = 0;
  const session = createSession({ storage, tk: TK, now: () => NOW, say: (lines) => said.push(lines), keep: () => kept++ });
  session.subscribe((why) => told.push(why));
  await session.open();
  return { session, storage, said, told, kept: () => kept };
}

test('opening empty storage gives an empty document for this edition, says nothing and tells the subscribers to fill', async () => {
  const { session, said, told } = await opened();
  assert.equal(session.doc.edition, E);
  assert.equal(session.doc.site, 'readykit');
  assert.deepEqual(session.doc.items, {});
  assert.equal(session.profile.id, 'default');
  assert.deepEqual(said, []);
  assert.deepEqual(told, [{ fill: true }]);
});

test('a change is saved, kept as the document and told to the subscribers; the browser is asked once to keep the data', async () => {
  const { session, storage, told, kept } = await opened();
  assert.equal(session.change(done('1.1.1'), { fill: false }), true);
  assert.equal(session.doc.items['1.1.1'].status, 'met');
  assert.equal(storage.getItem(KEY), serialise(session.doc));
  assert.deepEqual(told.slice(1), [{ fill: false }]);
  session.change(done('1.1.2'));
  assert.deepEqual(told.slice(1), [{ fill: false }, { fill: true }]);
  assert.equal(kept(), 1);
});

test('a change that throws changes nothing, and one that gives the same document is not saved', async () => {
  const { session, storage, told } = await opened();
  const before = session.doc;
  assert.throws(() => session.change((d) => setField(d, '1.1.1', 'status', 'nonsense', NOW)), TypeError);
  assert.equal(session.doc, before);
  assert.equal(session.change((d) => d), true);
  assert.equal(storage.getItem(KEY), null);
  assert.equal(told.length, 1);
});

test('a change that cannot be saved stays on the page, says why, and the next save clears that', async () => {
  const { session, storage, said, told } = await opened();
  storage.full = true;
  assert.equal(session.change(done('1.1.1')), false);
  assert.equal(session.doc.items['1.1.1'].status, 'met', 'the change is still there');
  assert.equal(told.length, 2, 'the page shows it');
  assert.equal(storage.getItem(KEY), null);
  await session.said();
  assert.deepEqual(said, [["This browser's storage for this site is full, so your latest change is not saved yet. It is still on this page. Download a backup from the Your progress page, then clear space and try again."]]);
  storage.full = false;
  assert.equal(session.change(done('1.1.2')), true);
  await session.said();
  assert.deepEqual(said.at(-1), [], 'the message is cleared');
  assert.equal(JSON.parse(storage.getItem(KEY)).items['1.1.1'].status, 'met', 'the earlier change is saved with it');
});

test('revert: a change that cannot be saved is undone and told to no one', async () => {
  const { session, storage, told } = await opened();
  const before = session.doc;
  storage.full = true;
  assert.equal(session.change(done('1.1.1'), { agreed: true, revert: true }), false);
  assert.equal(session.doc, before);
  assert.equal(told.length, 1);
});

test('damaged progress is put back from the backup, and the user told', async () => {
  const storage = new MemoryStorage();
  const good = setField(emptyDocument({ site: 'readykit', edition: E, profile: { id: 'default' }, now: NOW }), '1.1.1', 'status', 'met', NOW);
  storage.setItem(KEY + ':backup', serialise(good));
  storage.setItem(KEY, '{"format": "readykit-progress", "ite');
  const { session, said } = await opened(storage);
  assert.equal(session.doc.items['1.1.1'].status, 'met');
  assert.equal(said.length, 1);
  assert.match(said[0].join('\n'), /^Your saved progress was damaged, so we have put back the copy saved today at \d\d:\d\d\. Check your most recent changes\.$/);
  assert.equal(storage.getItem(KEY + ':damaged'), '{"format": "readykit-progress", "ite');
});

test('progress from the edition before is brought forward, and what does not fit is kept', async () => {
  const storage = new MemoryStorage();
  let old = emptyDocument({ site: 'readykit', edition: OLD, profile: { id: 'default' }, now: NOW });
  old = setField(setField(old, '1.1.1', 'status', 'met', NOW), 'gone', 'status', 'in-progress', NOW);
  storage.setItem(keyFor('readykit', 'default', OLD), serialise(old));
  const { session, said } = await opened(storage);
  assert.equal(session.doc.edition, E);
  assert.equal(session.doc.items['1.1.1'].status, 'met');
  assert.ok(session.doc.kept.gone, 'the item not in this edition is kept');
  assert.equal(JSON.parse(storage.getItem(KEY)).edition, E, 'and saved');
  assert.deepEqual(said, [['We have brought your progress forward from the 2025-26 edition. 1 items are not in this edition: what you saved for them is kept on the Your progress page.']]);
});

test('a saved entry for an item this edition does not have is kept aside, saved so, and said once', async () => {
  const storage = new MemoryStorage();
  const doc = setField(emptyDocument({ site: 'readykit', edition: E, profile: { id: 'default' }, now: NOW }), 'no-such-item', 'status', 'met', NOW);
  storage.setItem(KEY, serialise(doc));
  const first = await opened(storage);
  assert.deepEqual(first.said, [['Some of what you saved does not fit this edition of the guide. It is kept, with what to do, on the Your progress page.']]);
  const again = await opened(storage);
  assert.deepEqual(again.said, [], 'the second visit finds it already kept');
});

test('another tab: a write to this document or the profiles opens it again; other keys are ignored', async () => {
  const { session, storage, told } = await opened();
  assert.equal(session.changedElsewhere('readykit:other-site:profiles'), null);
  assert.equal(session.changedElsewhere(null), null);
  const theirs = setField(session.doc, '1.1.2', 'status', 'in-progress', NOW);
  storage.setItem(KEY, serialise(theirs));
  await session.changedElsewhere(KEY);
  assert.equal(session.doc.items['1.1.2'].status, 'in-progress');
  assert.deepEqual(told.at(-1), { fill: true });
  assert.ok(session.changedElsewhere('readykit:readykit:profiles') instanceof Promise);
});

test('an unsubscribed page is told nothing more', async () => {
  const { session } = await opened();
  const seen = [];
  const stop = session.subscribe(() => seen.push(1));
  session.change(done('1.1.1'));
  stop();
  session.change(done('1.1.2'));
  assert.equal(seen.length, 1);
});

// ---------------------------------------------------------------------------
// Two tabs on one laptop: two sessions over one storage, as two tabs share
// localStorage. A storage event is changedElsewhere, called by the test.

const INDEX = 'readykit:readykit:profiles';
const keyOf = (profile) => keyFor('readykit', profile, E);
const note = (id, text) => (d) => setField(d, id, 'notes', text, NOW);

// Oak House (in use) and Elm Lodge, and a tab open on Oak House.
async function twoHomes() {
  const storage = new MemoryStorage();
  createProfile(storage, 'readykit', 'Oak House', NOW);
  createProfile(storage, 'readykit', 'Elm Lodge', NOW);
  switchProfile(storage, 'readykit', 'oak-house', NOW);
  deleteProfile(storage, 'readykit', 'default', NOW);
  return opened(storage);
}

// A form on tab a: text typed in its notes field for item 1.1.1, filled
// from the document open then, and saved (as itemform.js does) when the
// session leaves that document.
function typing(a, text) {
  const token = a.session.token;
  let pending = text;
  a.session.beforeLeaving(() => {
    if (pending != null) a.session.change(note('1.1.1', pending), { for: token, typed: pending });
    pending = null;
  });
  return token;
}

const ownKeys = (storage, profile) => [...storage.map.keys()].filter((k) => k.startsWith(`readykit:readykit:${profile}:`));

test('another tab switches home: what was typed here is saved to the home it was typed for, then this tab follows and says so', async () => {
  const a = await twoHomes();
  assert.equal(a.session.profile.id, 'oak-house');
  a.session.change(done('1.1.2'));
  const oak = typing(a, 'Oak notes');
  switchProfile(a.storage, 'readykit', 'elm-lodge', NOW); // tab b
  await a.session.changedElsewhere(INDEX);
  assert.equal(a.session.profile.id, 'elm-lodge');
  const stored = JSON.parse(a.storage.getItem(keyOf('oak-house')));
  assert.equal(stored.items['1.1.1'].notes, 'Oak notes');
  assert.equal(stored.items['1.1.2'].status, 'met');
  assert.equal(a.storage.getItem(keyOf('elm-lodge')), null, 'nothing of Oak House in Elm Lodge');
  assert.deepEqual(a.said, [['This tab now shows Elm Lodge, chosen in another tab. What you typed for Oak House was saved to Oak House.']]);
  assert.deepEqual(a.told.at(-1), { fill: true });

  // The form still filled from Oak House cannot save into Elm Lodge.
  assert.equal(a.session.change(note('1.1.1', 'more for Oak'), { for: oak, typed: 'more for Oak' }), false);
  assert.equal(a.storage.getItem(keyOf('elm-lodge')), null);
  assert.deepEqual(a.session.doc.items, {});
  await a.session.said();
  assert.deepEqual(a.said.at(-1), ['What you typed for Oak House was not saved, because this tab now shows Elm Lodge.', 'Here is what you typed, so that you can copy it:', 'more for Oak']);
  // One filled from Elm Lodge saves there.
  assert.equal(a.session.change(note('1.1.1', 'Elm notes'), { for: a.session.token }), true);
  assert.equal(JSON.parse(a.storage.getItem(keyOf('elm-lodge'))).items['1.1.1'].notes, 'Elm notes');
  assert.equal(JSON.parse(a.storage.getItem(keyOf('oak-house'))).items['1.1.1'].notes, 'Oak notes');
});

test('another tab switches home with nothing typed here: this tab follows and says only that', async () => {
  const a = await twoHomes();
  switchProfile(a.storage, 'readykit', 'elm-lodge', NOW);
  await a.session.changedElsewhere(INDEX);
  assert.deepEqual(a.said, [['This tab now shows Elm Lodge, chosen in another tab.']]);
  assert.deepEqual(ownKeys(a.storage, 'oak-house'), []);
  assert.deepEqual(ownKeys(a.storage, 'elm-lodge'), []);
});

test('another tab removes this home: what was typed is not written back, and is shown to copy', async () => {
  const a = await twoHomes();
  a.session.change(done('1.1.2'));
  typing(a, 'Oak notes');
  deleteProfile(a.storage, 'readykit', 'oak-house', NOW); // tab b, or "finish on this laptop"
  assert.deepEqual(ownKeys(a.storage, 'oak-house'), []);
  await a.session.changedElsewhere(keyOf('oak-house'));
  assert.deepEqual(ownKeys(a.storage, 'oak-house'), [], 'Oak House is not written back');
  assert.equal(a.session.profile.id, 'elm-lodge');
  assert.deepEqual(a.said, [[
    "Oak House's record was removed in another tab, so this tab now shows Elm Lodge.",
    'What you typed for Oak House was not saved.',
    'Here is what you typed, so that you can copy it:',
    'Oak notes',
  ]]);
  assert.equal(a.storage.getItem(keyOf('elm-lodge')), null);
});

test('a change made after another tab removed this home, before this tab heard of it, is refused and this tab follows', async () => {
  const a = await twoHomes();
  a.session.change(done('1.1.2'));
  deleteProfile(a.storage, 'readykit', 'oak-house', NOW);
  assert.equal(a.session.change(done('1.1.1')), false);
  await a.session.said();
  assert.deepEqual(ownKeys(a.storage, 'oak-house'), []);
  assert.equal(a.session.profile.id, 'elm-lodge');
  assert.deepEqual(a.session.doc.items, {});
  assert.deepEqual(a.said, [["Oak House's record was removed in another tab, so this tab now shows Elm Lodge.", 'What you had just changed for Oak House was not saved.']]);
});

test('a change made after another tab switched home, before this tab heard of it, goes to the home this tab shows', async () => {
  const a = await twoHomes();
  switchProfile(a.storage, 'readykit', 'elm-lodge', NOW);
  assert.equal(a.session.change(done('1.1.1')), true);
  assert.equal(JSON.parse(a.storage.getItem(keyOf('oak-house'))).items['1.1.1'].status, 'met');
  assert.equal(a.storage.getItem(keyOf('elm-lodge')), null);
});

test('a profile renamed in another tab: this tab shows the new name and says nothing', async () => {
  const a = await twoHomes();
  renameProfile(a.storage, 'readykit', 'oak-house', 'Oak House Care', NOW);
  await a.session.changedElsewhere(INDEX);
  assert.equal(a.session.profile.name, 'Oak House Care');
  assert.deepEqual(a.told.at(-1), { fill: true });
  assert.deepEqual(a.said, []);
});

test('two tabs change the same home before either hears of the other: both changes are kept', async () => {
  const a = await twoHomes();
  const b = await opened(a.storage);
  a.session.change(done('1.1.1'), { fill: false });
  a.session.change(note('1.1.1', 'from a'), { fill: false });
  // b has not had a's storage event yet.
  assert.equal(b.session.change(note('1.1.2', 'from b'), { fill: false }), true);
  const stored = JSON.parse(a.storage.getItem(keyOf('oak-house')));
  assert.deepEqual([stored.items['1.1.1'].status, stored.items['1.1.1'].notes, stored.items['1.1.2'].notes], ['met', 'from a', 'from b']);
  assert.equal(b.session.doc.items['1.1.1'].notes, 'from a', 'b now shows a\'s change');
  assert.deepEqual(b.told.at(-1), { fill: true }, 'and fills its page with it');
  // And back: a writes again without hearing of b.
  a.session.change(done('1.1.2'), { fill: false });
  const again = JSON.parse(a.storage.getItem(keyOf('oak-house')));
  assert.deepEqual([again.items['1.1.2'].status, again.items['1.1.2'].notes, again.items['1.1.1'].notes], ['met', 'from b', 'from a']);
});
