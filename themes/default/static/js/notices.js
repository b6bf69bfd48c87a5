// What the session tells the user, in words: a save that failed, damaged
// progress recovered, progress that does not fit this edition, progress
// brought forward, another tab's choice of profile followed. Each says only what really happened (see storage.js).
// session.js loads this only when it has something to say, which is rare,
// so the words cost nothing on an ordinary visit.

import { title } from './progress.js';
import { savedAt } from './words.js';

/** Why a write failed, as the start of a sentence. */
export const refused = (reason) => (reason == 'quota' ? "This browser's storage for this site is full" : 'This browser would not save');

/** When a copy was saved, to end a sentence: "today at 14:05", "on 3 May 2027 at 09:30". */
export const savedWhen = (iso, now = new Date()) => savedAt(iso, now).replace('Saved on this device ', '').replace(/\.$/, '');

/** A change that could not be saved (see storage.js save). */
export const unsaved = (reason) => [`${refused(reason)}, so your latest change is not saved yet. It is still on this page. Download a backup from the Your progress page${reason == 'quota' ? ', then clear space and try again' : ''}.`];

/**
 * What load did with damaged progress.
 * @param {{from: 'backup'|'none', savedAt?: string, damagedKept: boolean, restored?: boolean, reason: string}} c load's `recovered`
 * @param {Date} [now] the reader's now, for "today"
 */
export function recovery(c, now = new Date()) {
  const when = savedWhen(c.savedAt, now);
  const stuck = `${refused(c.reason)}, so the damaged copy could not be set aside, and nothing can be saved here until it can.`;
  const then = c.reason == 'quota' ? ' Clear some space, then reload this page.' : '';
  if (c.from == 'backup') {
    return c.restored ? [`Your saved progress was damaged, so we have put back the copy saved ${when}. Check your most recent changes.`]
      : [`Your saved progress was damaged, so this page shows the copy saved ${when}.`,
        (c.damagedKept ? `${refused(c.reason)}, so that copy is not saved yet.` : stuck) + ' Download a backup from the Your progress page.' + then];
  }
  return ['Your saved progress was damaged and there was no good copy to put back.', c.damagedKept ? 'The damaged copy is kept in this browser.' : stuck + then,
    'If you have a backup file, bring it back on the Your progress page.'];
}

/**
 * What load set aside because it does not fit this edition.
 * @param {boolean} moved something was kept aside in the document
 * @param {boolean} lost something could not be read at all
 */
export const notFitting = (moved, lost) => [
  moved && 'Some of what you saved does not fit this edition of the guide. It is kept, with what to do, on the Your progress page.',
  lost && 'Some of what was saved could not be read at all, so it cannot be kept.',
].filter(Boolean);

/**
 * Progress brought forward from an earlier edition.
 * @param {string} from the earlier edition's id
 * @param {number} kept how many of its items are not in this edition
 * @param {boolean} problems some values did not fit and were kept aside
 */
export const broughtForward = (from, kept, problems) => [`We have brought your progress forward from the ${title(from)} edition.${
  kept ? ` ${kept} items are not in this edition: what you saved for them is kept on the Your progress page.` : ''}${
  problems ? ' Some values do not fit this edition; they are kept there too.' : ''}`];

// A home as the header shows it; a profile with no name of either kind as the list shows it.
const home = (name) => name || 'the unnamed profile';
const here = (typed) => (typed.some(Boolean) ? ['Here is what you typed, so that you can copy it:', ...typed.filter(Boolean)] : []);

/**
 * This tab followed another tab to the profile in use there.
 * @param {string} from the home this tab showed
 * @param {string} to the home it shows now
 * @param {boolean} saved something typed here was saved to `from` first
 */
export const followed = (from, to, saved) => [`This tab now shows ${home(to)}, chosen in another tab.${
  saved ? ` What you typed for ${home(from)} was saved to ${home(from)}.` : ''}`];

/**
 * This tab's profile was removed in another tab (deleted, or finished on
 * this laptop), so what it had not saved was not written back.
 * @param {string[]} lost each change that was not saved: the text typed, '' for a choice
 */
export const removed = (from, to, lost) => [
  `${home(from)}'s record was removed in another tab, so this tab now shows ${home(to)}.`,
  ...(lost.length ? [`What you ${lost.some(Boolean) ? 'typed' : 'had just changed'} for ${home(from)} was not saved.`, ...here(lost)] : []),
];

/** Text typed into a form filled for another home than the one this tab now shows, not saved. */
export const stale = (from, to, typed) => [`What you typed for ${home(from)} was not saved, because this tab now shows ${home(to)}.`, ...here([typed])];
