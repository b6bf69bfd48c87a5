import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyDocument, serialise, setField } from '../static/js/progress.js';
import { keyFor } from '../static/js/storage.js';
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
