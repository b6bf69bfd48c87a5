import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyDocument, setField, setOrganisation } from '../static/js/progress.js';
import { readiness } from '../static/js/scoring.js';
import { analyse } from '../static/js/plan.js';
import { plan } from '../static/js/programme.js';
import { LABELS, deepFreeze, labelled } from './fixtures.js';
import { changeSaid, itemName, notSaved, orgLine, remindBackup, savedLine } from '../static/js/checklist-text.js';
import { deleteQuestion, importDetails, importSummary, keptLink, persisted, profilesRefused, tooBig } from '../static/js/account-text.js';
import { byStandard, gapCount, reportFor, runningHead, summary } from '../static/js/reports-text.js';
import { badDate, dateHint, doFirst, programmeFor, scheduleLine, thisWeekLine, warningLines } from '../static/js/timeline-text.js';
import { broughtForward, notFitting, recovery, refused, unsaved } from '../static/js/notices.js';
import { nextReviewLine } from '../static/js/stayready-text.js';
import { nextReviewFrom } from '../static/js/upkeep.js';

// The words the pages show, from documents alone. The e2e tests check the
// same words on the page; these check each branch without a browser.

const NOW = '2026-12-02T10:00:00.000Z';
const ITEMS = deepFreeze([
  { id: '1.1.1', ref: '1.1.1', title: 'Your ICO registration number', standard: 1, level: 'approaching', notApplicable: false, url: '/items/1.1.1/' },
  { id: 'passwords', ref: '', title: 'Passwords', standard: 4, level: 'met', notApplicable: true, url: '/items/passwords/' },
  { id: '2.1.1', ref: '2.1.1', title: 'Staff training', standard: 2, level: 'met', notApplicable: false, url: '/items/2.1.1/' },
  { id: 'extra', ref: 'x', title: 'Extra', standard: 2, level: 'optional', notApplicable: false, url: '/items/extra/' },
].map(labelled));
const STANDARDS = [1, 2, 3, 4].map((n) => ({ number: n, name: `Standard ${n}`, url: `/standards/${n}/` }));
const EDITION = { id: 'dspt-2026-27-cat3', title: '2026-27', deadline: '2027-06-30', deadlineText: '30 June 2027' };
const TK = deepFreeze({ items: ITEMS, standards: STANDARDS, edition: EDITION, labels: LABELS });
const blank = () => emptyDocument({ site: 'readykit', edition: EDITION.id, profile: { id: 'default' }, now: NOW });

// ---------------------------------------------------------------------------
// The checklist and summaries

test('an item is named by its reference and title, or its title alone', () => {
  assert.equal(itemName(ITEMS[0]), '1.1.1 Your ICO registration number');
  assert.equal(itemName(ITEMS[1]), 'Passwords');
  assert.equal(notSaved('1.1.1'), 'That could not be saved for item 1.1.1: check what you typed.');
});

test('the summary says whom it is for, with the ODS code when there is one', () => {
  assert.equal(orgLine({}), 'Add your organisation’s name on the Your progress page.');
  assert.equal(orgLine({ name: 'Oak House' }), 'For Oak House.');
  assert.equal(orgLine({ name: 'Oak House', odsCode: 'AB123' }), 'For Oak House, ODS code AB123.');
});

test('nothing is said to be saved, and no backup asked for, until there is something to lose', () => {
  const now = new Date(NOW);
  assert.equal(savedLine(blank(), now), 'Nothing saved yet.');
  assert.equal(remindBackup(blank(), now), false);
  const doc = setField(blank(), '1.1.1', 'status', 'met', NOW);
  assert.match(savedLine(doc, now), /^Saved on this device today at \d\d:\d\d\.$/);
  assert.equal(remindBackup(doc, now), true);
  assert.equal(remindBackup({ ...doc, exported: '2026-11-30T10:00:00.000Z' }, now), false, 'a backup two days old is enough');
  assert.equal(remindBackup({ ...doc, exported: '2026-11-20T10:00:00.000Z' }, now), true, 'one twelve days old is not');
  assert.equal(remindBackup(setOrganisation(blank(), { name: 'Oak House' }, NOW), now), true, 'a name is worth keeping too');
});

test('after a change of status or review, a screen reader hears what changed and the new counts', () => {
  const doc = setField(blank(), '1.1.1', 'status', 'met', NOW);
  const r = readiness(ITEMS, doc);
  assert.equal(changeSaid(ITEMS[0], 'status', 'met', r, LABELS.statuses),
    '1.1.1 Your ICO registration number: done. Approaching Standards 1 of 1, Standards Met 1 of 3.');
  assert.equal(changeSaid(ITEMS[1], 'status', 'not-applicable', r, LABELS.statuses),
    'Passwords: not applicable. Approaching Standards 1 of 1, Standards Met 1 of 3.');
  assert.match(changeSaid(ITEMS[0], 'reviewed', true, r, LABELS.statuses), /^1\.1\.1 Your ICO registration number: reviewed\. /);
  assert.match(changeSaid(ITEMS[0], 'reviewed', false, r, LABELS.statuses), /: not reviewed\. /);
});

// ---------------------------------------------------------------------------
// Your progress

test('an import is summed up: whose, when, and what it would change', () => {
  const incoming = { ...setOrganisation(blank(), { name: 'Hazel Grove' }, NOW), updated: NOW };
  const d = { added: 2, changed: 1, removed: 0, organisation: { from: {}, to: {} }, details: [] };
  assert.match(importSummary(incoming, d, new Date(NOW)),
    /^This backup for Hazel Grove was saved today at \d\d:\d\d\. It would add 2, change 1 and remove 0 of your items, and change your organisation’s details\.$/);
  assert.match(importSummary(blank(), { ...d, organisation: null }, new Date('2027-01-10T10:00:00Z')),
    /^This backup was saved on 2 December 2026 at \d\d:\d\d\. It would add 2, change 1 and remove 0 of your items\.$/);
});

test('an import lists at most 20 changed items, then problems, kept items, left-out values, losses and the edition it moves from', () => {
  const details = Array.from({ length: 22 }, (_, i) => ({ id: `i${i}`, fields: ['status', 'notes'] }));
  const r = { problems: [{ message: 'Item x has a bad date.' }], aside: { a: {}, b: {} }, doc: { leftOut: [{}] }, migrated: { from: 'dspt-2025-26-cat3' } };
  const lines = importDetails(r, { details }, 3);
  assert.equal(lines[0], 'i0: status, notes');
  assert.equal(lines.length, 20 + 6);
  assert.deepEqual(lines.slice(20), [
    'and 2 more',
    'Item x has a bad date.',
    '2 items in the file are not in this edition; they will be kept on this page: a, b.',
    '1 value in the file do not fit this edition; they will be kept on this page, where you can put them back or remove them.',
    'It would also remove 3 of the things listed under Saved progress that does not fit. If you may need them, download a backup first.',
    'The file is from the 2025-26 edition; its progress moves to this one.',
  ]);
  assert.deepEqual(importDetails({ problems: [], aside: {}, doc: { leftOut: [{}, {}] } }, { details: [] }, 0),
    ['2 values in the file do not fit this edition; they will be kept on this page, where you can put them back or remove them.']);
});

test('the Your progress page says what storage did', () => {
  assert.equal(tooBig(3 * 1048576), 'This file is 3.0 MB. A readykit progress file is never more than 1 MB, so this is not one. Your progress has not changed.');
  assert.equal(persisted(true), 'This browser has agreed to keep your progress until you clear it yourself.');
  assert.equal(persisted(false), 'This browser may clear saved data when space runs low, so keep a backup.');
  assert.equal(profilesRefused(new DOMException('full', 'QuotaExceededError')),
    "This browser's storage for this site is full, so the profiles were not changed. Download a backup of your progress first, then clear some space.");
  assert.match(profilesRefused(new Error('no')), /^This browser would not save, so the profiles/);
  assert.match(deleteQuestion('Oak House'), /^Delete the profile Oak House and all its progress/);
  assert.match(deleteQuestion(''), /^Delete the profile in use and/);
});

test('a row kept aside links to its item when it has one', () => {
  assert.deepEqual(keptLink({ key: { id: '1.1.1' }, url: '/items/1.1.1/' }), { href: '/items/1.1.1/', text: 'Open item 1.1.1' });
  assert.deepEqual(keptLink({ key: { record: { id: '2.1.1' } }, url: '/items/2.1.1/' }), { href: '/items/2.1.1/', text: 'Open item 2.1.1' });
  assert.equal(keptLink({ key: { record: { id: '' } }, url: '' }), null);
  assert.equal(keptLink({ key: { id: 'gone' }, url: '' }), null);
});

// ---------------------------------------------------------------------------
// Gap analysis and plan

test('the report says whom it is for, the edition, its deadline in words and when it was made', () => {
  assert.equal(reportFor({ name: 'Oak House', odsCode: 'AB123' }, EDITION, '2 December 2026'),
    'For Oak House, ODS code AB123. Data Security and Protection Toolkit, 2026-27 edition (publish by 30 June 2027). Made on 2 December 2026.');
  assert.equal(reportFor({}, EDITION, '2 December 2026'),
    'Data Security and Protection Toolkit, 2026-27 edition (publish by 30 June 2027). Made on 2 December 2026.');
  assert.equal(runningHead({ name: 'Oak House' }, EDITION, '2 December 2026'), 'Oak House · DSPT 2026-27 · 2 December 2026');
  assert.equal(runningHead({}, EDITION, '2 December 2026'), 'DSPT 2026-27 · 2 December 2026');
  assert.deepEqual([0, 1, 4].map(gapCount), ['nothing', '1 item', '4 items']);
});

test('the gap analysis counts by standard with scoring.js: not-applicable and optional items left out, empty standards left off', () => {
  let doc = setField(blank(), '1.1.1', 'status', 'met', NOW);
  doc = setField(doc, 'passwords', 'status', 'not-applicable', NOW);
  const rows = byStandard(TK, doc).map((r) => [r.standard.number, r.done, r.total]);
  // Standard 4's one needed item is not applicable: it stays, counting 0 of 0.
  assert.deepEqual(rows, [[1, 1, 1], [2, 0, 1], [4, 0, 0]]);
  assert.deepEqual(byStandard(TK, doc).map((r) => r.allNA), [false, false, true]);
  // The same tally as the summaries give, standard by standard.
  const r = readiness(ITEMS, doc).standards;
  for (const [n, done, total] of rows) assert.deepEqual({ done, total }, { done: r[n].done, total: r[n].total });
  assert.deepEqual(byStandard(TK, blank()).map((r) => [r.standard.number, r.done, r.total]), [[1, 0, 1], [2, 0, 1], [4, 0, 1]]);
});

test('the plan summary: how much is written, then, for an improvement plan once touched, whether it meets its rules', () => {
  const doc = blank();
  const rules = { id: 'r', title: 'The 2024-25 guidance', whom: 'NHS bodies', required: ['owner'], monthsAfterDeadline: 0, exceptional: false, maxOutstanding: 0 };
  const result = analyse(ITEMS, doc, rules, EDITION.deadline);
  const action = summary({ action: true, rules: null, touched: true, doc, result });
  assert.equal(action.ok, true);
  assert.equal(action.lines.length, 1);
  assert.match(action.lines[0], /^The plan has 3 items\./);
  const before = summary({ action: false, rules, touched: false, doc, result });
  assert.deepEqual(before, { lines: ['The 2024-25 guidance applies to NHS bodies.', action.lines[0]], ok: true });
  const after = summary({ action: false, rules, touched: true, doc, result });
  assert.equal(after.ok, false);
  assert.equal(after.lines[0], 'The 2024-25 guidance applies to NHS bodies.');
  assert.equal(after.lines.length, 2);
  const met = ['1.1.1', 'passwords', '2.1.1'].reduce((d, id) => setField(d, id, 'status', 'met', NOW), doc);
  const none = summary({ action: false, rules, touched: true, doc: met, result: analyse(ITEMS, met, rules, EDITION.deadline) });
  assert.deepEqual(none, { lines: ['The 2024-25 guidance applies to NHS bodies.'], ok: true }, 'nothing to plan: no claim that it meets the rules');
  const owned = ['1.1.1', 'passwords', '2.1.1'].reduce((d, id) => setField(d, id, 'owner', 'Sam', NOW), doc);
  assert.deepEqual(summary({ action: false, rules, touched: true, doc: owned, result: analyse(ITEMS, owned, rules, EDITION.deadline) }).lines,
    ['The 2024-25 guidance applies to NHS bodies.', 'This plan meets every rule of The 2024-25 guidance.']);
});

// ---------------------------------------------------------------------------
// The programme

const sched = (o) => plan({ weeks: 8, minWeeks: 8, editionDeadline: EDITION.deadline, ...o });

test('the programme says when it runs and where this week falls', () => {
  const before = sched({ today: '2027-03-01', start: '2027-04-12' });
  assert.equal(scheduleLine('Oak House', before), 'Oak House: your programme runs from 12 April 2027 to 6 June 2027, to publish by 30 June 2027.');
  assert.equal(scheduleLine('', before), 'Your programme runs from 12 April 2027 to 6 June 2027, to publish by 30 June 2027.');
  assert.equal(thisWeekLine(before), 'It starts on 12 April 2027.');
  assert.equal(thisWeekLine(sched({ today: '2027-04-20', start: '2027-04-12' })), 'This is week 2 of 8: 19 to 25 April 2027.');
  assert.equal(thisWeekLine(sched({ today: '2027-06-20', start: '2027-04-12' })), 'The 8 weeks are over: publish by 30 June 2027.');
  assert.equal(programmeFor('Oak House', before), 'Oak House · DSPT programme · 12 April to 6 June 2027 · publish by 30 June 2027');
  assert.equal(dateHint('start', '2027-04-12'), "Leave it empty to use this site's start date, 12 April 2027.");
  assert.equal(dateHint('deadline', '2027-06-30'), "Leave it empty to use this site's deadline, 30 June 2027.");
  assert.match(badDate('deadline'), /^The deadline must be a date from the year 2000 to 2099/);
});

test('the programme warns, in words, when the plan cannot fit', () => {
  const o = { editionDeadline: EDITION.deadline, minWeeks: 8, mine: {} };
  assert.deepEqual(warningLines(sched({ today: '2027-03-01', start: '2027-04-12' }), o), []);
  assert.deepEqual(warningLines(sched({ today: '2027-05-20' }), o), [
    'Only 6 weeks are left before the deadline of 30 June 2027, and most services need at least 8.',
  ]);
  const late = warningLines(sched({ today: '2027-03-01', start: '2027-05-31' }), o);
  assert.deepEqual(late, [
    'Only 4 weeks are left before the deadline of 30 June 2027, and most services need at least 8.',
    'This plan ends on 25 July 2027, after the deadline of 30 June 2027. Start earlier, or fit the work into fewer weeks.',
  ]);
  const theirs = sched({ today: '2027-03-01', start: '2027-03-01', deadline: '2027-09-30' });
  assert.deepEqual(warningLines(theirs, { ...o, mine: { deadline: '2027-09-30' } }), [
    "Your programme counts to 30 September 2027, but this site's toolkit year ends on 30 June 2027. Check which date is right. To use 30 June 2027, clear the deadline above.",
  ]);
  assert.deepEqual(warningLines(sched({ today: '2027-07-02' }), o), [
    "This site's toolkit year ended on 30 June 2027. The site may be out of date: check the new deadline in the toolkit, and set it as your deadline above.",
  ]);
});

test('when time is short, what to do first is what Approaching Standards still needs, then Standards Met', () => {
  const first = doFirst(ITEMS, blank());
  assert.equal(first.line, 'Do these first: 1 item is still needed for Approaching Standards.');
  assert.deepEqual(first.items.map((it) => it.id), ['1.1.1']);
  const then = doFirst(ITEMS, setField(blank(), '1.1.1', 'status', 'met', NOW));
  assert.equal(then.line, 'Do these first: 2 items are still needed for Standards Met.');
  const all = ['1.1.1', 'passwords', '2.1.1'].reduce((d, id) => setField(d, id, 'status', 'met', NOW), blank());
  assert.equal(doFirst(ITEMS, all), null);
});

// ---------------------------------------------------------------------------
// What the session says

test('the session says what went wrong with storage, and only what really happened', () => {
  assert.equal(refused('quota'), "This browser's storage for this site is full");
  assert.equal(refused('unavailable'), 'This browser would not save');
  assert.deepEqual(unsaved('unavailable'), ['This browser would not save, so your latest change is not saved yet. It is still on this page. Download a backup from the Your progress page.']);
  const now = new Date(NOW);
  assert.deepEqual(recovery({ from: 'none', damagedKept: true, reason: '' }, now), [
    'Your saved progress was damaged and there was no good copy to put back.', 'The damaged copy is kept in this browser.',
    'If you have a backup file, bring it back on the Your progress page.']);
  assert.deepEqual(recovery({ from: 'none', damagedKept: false, reason: 'quota' }, now)[1],
    "This browser's storage for this site is full, so the damaged copy could not be set aside, and nothing can be saved here until it can. Clear some space, then reload this page.");
  const shown = recovery({ from: 'backup', savedAt: NOW, damagedKept: true, restored: false, reason: 'quota' }, now);
  assert.match(shown[0], /^Your saved progress was damaged, so this page shows the copy saved today at \d\d:\d\d\.$/);
  assert.equal(shown[1], "This browser's storage for this site is full, so that copy is not saved yet. Download a backup from the Your progress page. Clear some space, then reload this page.");
  assert.deepEqual(notFitting(false, true), ['Some of what was saved could not be read at all, so it cannot be kept.']);
  assert.equal(notFitting(true, true).length, 2);
  assert.deepEqual(broughtForward('dspt-2025-26-cat3', 0, true), ['We have brought your progress forward from the 2025-26 edition. Some values do not fit this edition; they are kept there too.']);
});

test('an item page says when its evidence is next due, from the date done or the publication', () => {
  const it = { id: 'x', review: { months: 12 } };
  assert.equal(nextReviewLine(nextReviewFrom(it, { done: '2028-02-29' }, { date: '2027-06-30' }), 'met'), 'Next review due by 28 February 2029.');
  assert.equal(nextReviewLine(nextReviewFrom(it, {}, { date: '2027-06-30' }), 'in-progress'), 'Next review due by 30 June 2028, counted from your publication.');
  assert.equal(nextReviewLine(nextReviewFrom(it, {}, { date: '' }), 'not-started'), 'Next review: enter the date done to work it out.');
  assert.equal(nextReviewLine(nextReviewFrom(it, { status: 'not-applicable', done: '2027-01-01' }, {}), 'not-applicable'), 'Not applicable, so no review is due.');
  assert.deepEqual(nextReviewFrom({ id: 'y' }, { done: '2027-01-01' }, {}), { due: '', based: '' });
});
