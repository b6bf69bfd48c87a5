import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyDocument, serialise, setField, setOrganisation, setProgramme } from '../static/js/progress.js';
import { parseImport } from '../static/js/importer.js';
import { createProfile, keyFor, profiles, switchProfile } from '../static/js/storage.js';
import { LABELS, MemoryStorage, deepFreeze, labelled } from './fixtures.js';
import { homeKeys, putBack, removeHome, siteState } from '../static/js/homekeys.js';
import { NEXT_ITEMS, checkFile, holdsAll, homeOf, leftOn, removedLine, takeHome } from '../static/js/finish-text.js';

// "Finish on this laptop" (issue 15, point 4): the check that a downloaded
// file holds everything saved, the removal of every key of one home and
// its exact undo, and the take-home summary's content. e2e/finish.test.mjs
// does the same on the page.

const SITE = 'readykit';
const E = 'dspt-2026-27-cat3';
const OLD = 'dspt-2025-26-cat3';
const NOW = '2026-12-02T10:00:00.000Z';
const LATER = '2026-12-02T11:00:00.000Z';
const ITEMS = deepFreeze([
  { id: '1.1.1', ref: '1.1.1', title: 'Your ICO registration number', standard: 1, level: 'approaching', notApplicable: false, confidence: 'confirmed', week: 1 },
  { id: '1.1.2', ref: '1.1.2', title: 'Data protection officer', standard: 1, level: 'approaching', notApplicable: true, confidence: 'likely', week: 3 },
  { id: 'passwords', ref: '', title: 'Passwords', standard: 4, level: 'met', notApplicable: true, confidence: 'unverified', week: 2 },
  { id: '2.1.1', ref: '2.1.1', title: 'Staff training', standard: 2, level: 'met', notApplicable: false, confidence: 'confirmed', week: 2 },
  { id: '3.1.1', ref: '3.1.1', title: 'Training records', standard: 3, level: 'met', notApplicable: false, confidence: 'confirmed', week: 5 },
  { id: 'extra', ref: 'x', title: 'Extra', standard: 3, level: 'optional', notApplicable: true, confidence: 'likely', week: 1 },
].map((it) => ({ ...labelled(it), check: it.confidence != 'confirmed' })));
const EDITION = { id: E, title: '2026-27', deadline: '2027-06-30', deadlineText: '30 June 2027' };
const TK = deepFreeze({ site: SITE, items: ITEMS, edition: EDITION, labels: LABELS, history: [{ from: OLD, to: E, carried: {} }] });

const blank = (profile = 'default') => emptyDocument({ site: SITE, edition: E, profile: { id: profile }, now: NOW });
function oakHouse() {
  let d = setOrganisation(blank('oak-house'), { name: 'Oak House', odsCode: 'VNX12' }, NOW);
  d = setField(d, '1.1.1', 'status', 'met', NOW);
  d = setField(d, '1.1.1', 'evidence', 'Office cabinet, top drawer', NOW);
  d = setField(d, '2.1.1', 'notes', 'Ask Sam for the training list', NOW);
  return setProgramme(d, { start: '2027-01-11' }, NOW);
}
// The file step 1 downloads (account.js: serialise(doc, 2)), read back as
// step 2 reads it.
const readBack = (text, doc) => parseImport(text, { site: SITE, edition: E, items: ITEMS, history: TK.history, now: LATER, profile: doc.profile });
const file = (doc) => serialise(doc, 2) + '\n';

test('the file step 1 downloads passes the check in step 2', () => {
  const doc = oakHouse();
  const v = checkFile(doc, readBack(file(doc), doc), 'Oak House');
  assert.equal(v.ok, true, v.lines.join('\n'));
  assert.deepEqual(v.lines, []);
  assert.match(v.headline, /^The file is complete\. It holds everything saved on this laptop for Oak House: 2 items with their notes and evidence/);
  // Times of saving and export are not part of what must match.
  assert.equal(holdsAll(doc, { ...doc, updated: LATER, exported: LATER }), true);
});

test('a file that lacks something, or holds another home, fails the check and says what', () => {
  const doc = oakHouse();
  const check = (text) => checkFile(doc, readBack(text, doc), 'Oak House');
  const edit = (fn) => {
    const v = JSON.parse(file(doc));
    fn(v);
    return JSON.stringify(v);
  };

  const cut = check(edit((v) => delete v.items['1.1.1']));
  assert.equal(cut.ok, false);
  assert.match(cut.headline, /does not hold everything saved on this laptop for Oak House, so nothing has been removed/);
  assert.deepEqual(cut.lines, ['One item saved here is not in the file: 1.1.1.']);

  assert.deepEqual(check(edit((v) => (v.items['2.1.1'].notes = 'Other words'))).lines, ['The file has other statuses, notes or evidence for 1 item: 2.1.1.']);
  assert.deepEqual(check(edit((v) => (v.items['3.1.1'] = { status: 'met' }))).lines, ['The file has 1 item not saved here: 3.1.1.']);
  assert.deepEqual(check(edit((v) => (v.programme.start = ''))).lines, ['The programme’s start date or deadline is not the same in the file.']);
  assert.deepEqual(check(edit((v) => (v.organisation.name = 'Tŷ Glas'))).lines, ['The file is for Tŷ Glas, not Oak House.']);
  assert.deepEqual(check(edit((v) => (v.organisation.odsCode = 'AB1'))).lines, ['The organisation’s ODS code, or who is completing the toolkit, is not the same in the file.']);
  assert.deepEqual(check(edit((v) => (v.kept = { old: { from: OLD, status: 'met' } }))).lines, ['What is kept aside because it does not fit this edition is not the same in the file.']);
  assert.deepEqual(check(edit((v) => (v.published = { date: '2026-06-01', level: 'met' }))).lines, ['When you published, or at which level, is not the same in the file.']);
  // A value the import leaves out is said in the import's own words.
  const bad = check(edit((v) => (v.items['1.1.1'].status = 'finished')));
  assert.equal(bad.ok, false);
  assert.ok(bad.lines.some((l) => /Item 1\.1\.1: the status "finished" is not a known status/.test(l)), bad.lines.join('\n'));
  // Another site's file.
  assert.ok(check(edit((v) => (v.site = 'elsewhere'))).lines.some((l) => /another website/.test(l)));

  // A file cut short, or not a progress file at all: the import's message.
  const half = check(file(doc).slice(0, 200));
  assert.deepEqual([half.ok, half.lines], [false, ['This file is damaged or is not a readykit progress file, so it cannot be read.']]);
  assert.deepEqual(check('{"a": 1}').lines, ['This file is not a readykit progress file.']);
  // Many items listed are cut to ten.
  const many = checkFile({ ...doc, items: Object.fromEntries([...Array(12)].map((_, i) => [`9.${i + 10}.1`, { ...doc.items['1.1.1'] }])) }, readBack(file({ ...doc, items: {} }), doc), '');
  assert.ok(many.lines[0].startsWith('12 items saved here are not in the file: 9.10.1, 9.11.1,'), many.lines[0]);
  assert.ok(many.lines[0].endsWith(' and 2 more.'), many.lines[0]);
  assert.match(many.headline, /saved on this laptop, so nothing/);
});

test('removeHome takes every key of one home and its profile, and leaves the other home as it was', () => {
  const s = new MemoryStorage();
  createProfile(s, SITE, 'Tŷ Glas', NOW);
  const { profile } = createProfile(s, SITE, 'Oak House', NOW);
  switchProfile(s, SITE, profile.id, NOW);
  const oak = keyFor(SITE, 'oak-house', E), ty = keyFor(SITE, 'ty-glas', E);
  s.setItem(oak, serialise(oakHouse()));
  s.setItem(oak + ':backup', serialise(oakHouse()));
  s.setItem(oak + ':agreed', '1');
  s.setItem(keyFor(SITE, 'oak-house', OLD), serialise({ ...oakHouse(), edition: OLD }));
  s.setItem(ty, serialise(setOrganisation(blank('ty-glas'), { name: 'Tŷ Glas' }, NOW)));
  s.setItem('readykit:other-site:oak-house:' + E, 'another site’s, not ours');
  s.setItem('unrelated', 'left alone');
  assert.deepEqual(homeKeys(s, SITE, 'oak-house'), [keyFor(SITE, 'oak-house', OLD), oak, oak + ':agreed', oak + ':backup']);

  const before = new Map(s.map);
  const removed = removeHome(s, SITE, 'oak-house', LATER);
  const ours = [...s.map].filter(([k]) => k.startsWith(`readykit:${SITE}:`));
  for (const [k, v] of ours) {
    assert.doesNotMatch(k + v, /oak-house|Oak House/, `${k} still mentions the home`);
  }
  assert.equal(s.getItem(ty), before.get(ty), 'the other home is untouched');
  assert.equal(s.getItem('readykit:other-site:oak-house:' + E), 'another site’s, not ours');
  assert.equal(s.getItem('unrelated'), 'left alone');
  const ix = profiles(s, SITE);
  // The first profile, which a first visit made, is in use: it has nothing
  // of anyone's, and the list of profiles names Tŷ Glas apart.
  assert.deepEqual([ix.current, ix.profiles.map((p) => p.id)], ['default', ['default', 'ty-glas']], 'the laptop is left on the first profile');

  // Undo puts back exactly what was there, and only while nothing changed since.
  const left = siteState(s, SITE);
  assert.equal(putBack(s, removed, left), true);
  assert.deepEqual(new Map(s.map), before, 'every key and value as before');

  const again = removeHome(s, SITE, 'oak-house', LATER);
  const left2 = siteState(s, SITE);
  createProfile(s, SITE, 'Elm Court', LATER);
  assert.equal(putBack(s, again, left2), false, 'a profile added since would be lost');
  assert.equal(s.getItem(oak), null, 'nothing was put back');
});

test('removing the last home leaves a fresh unnamed profile, with no trace of the home', () => {
  const s = new MemoryStorage();
  createProfile(s, SITE, 'Oak House', NOW);
  s.setItem(keyFor(SITE, 'default', E), serialise(oakHouse()));
  const before = new Map(s.map);
  const removed = removeHome(s, SITE, 'default', LATER);
  removeHome(s, SITE, 'oak-house', LATER);
  for (const [k, v] of s.map) assert.doesNotMatch(k + v, /oak-house|Oak House/);
  const ix = profiles(s, SITE);
  assert.deepEqual(ix.profiles, [{ id: 'default', name: '', created: LATER }]);
  // A storage that refuses the change keeps everything.
  const full = new MemoryStorage(Object.fromEntries(before));
  full.full = true;
  assert.throws(() => removeHome(full, SITE, 'default', LATER), { name: 'QuotaExceededError' });
  assert.deepEqual(new Map(full.map), before);
  assert.deepEqual(removed.taken.map(([k]) => k), [keyFor(SITE, 'default', E)]);
});

test('the take-home summary: readiness as scoring.js counts it, the next items in programme order, the file and how to bring it back', () => {
  let doc = oakHouse();
  doc = setField(doc, '1.1.2', 'status', 'not-applicable', NOW);
  const t = takeHome({ tk: TK, doc, name: homeOf(doc), file: 'readykit-oak-house-2026-27-2026-12-02.json', address: 'https://readykit.netlify.app/', today: '2026-12-02' });
  assert.equal(t.title, 'Oak House: your toolkit progress to take home');
  assert.match(t.made, /^Made on 2 December 2026 /);
  assert.match(t.made, /2026-27 edition: publish by 30 June 2027\.$/);
  assert.deepEqual(t.readiness, [
    'Approaching Standards: 1 of 1 done. You marked 1 of the 2 items as not applicable, so it is not counted.',
    'Standards Met: 1 of 4 done. You marked 1 of the 5 items as not applicable, so it is not counted.',
  ]);
  // Week 2 before week 5; the not-applicable item and the optional one are not listed.
  assert.deepEqual(t.next.map((x) => [x.ref, x.title, x.check]), [['Reference to check', 'Passwords', true], ['2.1.1', 'Staff training', false], ['3.1.1', 'Training records', false]]);
  assert.equal(t.nextIntro, 'The 3 items still to do, in the order of the programme:');
  assert.match(t.checkNote, /^One of these items is marked to check in the toolkit/);
  assert.ok(t.backup[0].includes('readykit-oak-house-2026-27-2026-12-02.json'));
  assert.ok(t.backup[0].includes('Downloads folder'));
  assert.match(t.backup[1], /USB stick, or email it to yourself/);
  assert.match(t.bringBack[0], /^At home, open https:\/\/readykit\.netlify\.app\/ in your web browser, and go to Your progress\.$/);
  assert.match(t.bringBack[1], /“Bring back a backup”.*“Backup file”/);
  assert.match(t.bringBack[2], /“Replace my progress with this file”/);

  // No address worth taking home; everything done; more to do than listed.
  const none = takeHome({ tk: TK, doc: blank(), name: '', file: 'f.json', address: '', today: '2026-12-02' });
  assert.match(none.bringBack[0], /ask the workshop’s organiser for its address/);
  assert.equal(none.title, 'Your care home: your toolkit progress to take home');
  assert.equal(none.checkNote.length > 0, true);
  const lots = { ...TK, items: [...Array(NEXT_ITEMS + 3)].map((_, i) => ({ id: `9.${i}.1`, label: `9.${i}.1`, title: `Item ${i}`, level: 'met', confidence: 'confirmed', check: false, week: 10 - i })) };
  const l = takeHome({ tk: lots, doc: blank(), name: 'Oak House', file: 'f.json', address: '', today: '2026-12-02' });
  assert.equal(l.next.length, NEXT_ITEMS);
  assert.equal(l.next[0].ref, '9.7.1', 'the earliest week first');
  assert.equal(l.nextIntro, `The first ${NEXT_ITEMS} of the ${NEXT_ITEMS + 3} items still to do, in the order of the programme:`);
  assert.equal(l.checkNote, '');
  let done = blank();
  for (const it of ITEMS) done = setField(done, it.id, 'status', 'met', NOW);
  assert.match(takeHome({ tk: TK, doc: done, name: 'Oak House', file: 'f.json', address: '', today: '2026-12-02' }).nextIntro, /^Every item needed for Standards Met is done/);
});

test('the words after removal name the home, and the profile the laptop is left on', () => {
  assert.equal(removedLine('Oak House'), 'Oak House’s progress has been removed from this laptop.');
  assert.equal(removedLine(''), 'This home’s progress has been removed from this laptop.');
  assert.match(leftOn('Tŷ Glas'), /^The profile in use on this laptop is now Tŷ Glas’s\. The next person should add a profile for their own care home/);
  assert.match(leftOn(''), /^The profile in use on this laptop is now one with no care home’s name\./);
  assert.equal(homeOf(blank(), { name: ' Elm ' }), 'Elm');
});
