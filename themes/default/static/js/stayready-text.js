// The words of the home page's "stay ready" view and of the publication
// on the Your progress page (stayready.js shows them). Pure, so the tests
// read them in node.

import { count, longDate } from './words.js';

// `levels` below is toolkit.json's labels.levels: the levels' names are Go's.

/** The level's name, or that none is recorded. */
export const levelName = (level, levels) => (level && levels[level]) || 'Level not recorded';

/** What the Your progress page says of the recorded publication. */
export function publishedLine(p, levels) {
  if (!p?.date) return 'No publication recorded. The home page shows how to get ready.';
  const at = p.level && levels[p.level] ? ` at ${levels[p.level]}` : ', with no level recorded';
  return `You published on ${longDate(p.date)}${at}. The home page shows what to keep up, and when to publish again.`;
}

/** The words announced after the publication changed. */
export const publishedSaid = (p, levels) => (p?.date ? `Saved. ${publishedLine(p, levels)}` : 'The publication is cleared. The home page shows how to get ready.');

/** The message for a publication date that is not a date this guide can use. */
export const badPublishedDate = 'Enter the date you published as a full date, such as 2 December 2026. Your saved date has not changed.';

/**
 * One line of a list of what is due: the item (ref and title), then the
 * date. `row` is from upkeep(); `item` the toolkit.json item.
 * @returns {{name: string, when: string, check: boolean}}
 */
export function dueRow(row, item) {
  const name = `${item.label} ${item.title}`;
  const when = row.state == 'unknown' ? '' : `${row.state == 'overdue' ? 'was due' : 'due'} ${longDate(row.due)}`;
  return { name, when, check: !!item.review?.check };
}

/** What an empty list says. */
export const EMPTY = {
  overdue: 'Nothing is overdue.',
  soon: 'Nothing is due in the next 30 days.',
  coming: 'Nothing more is due in the next 90 days.',
  unknown: 'Every item has a date.',
};

/** The line under the lists about reviews due later, or ''. */
export const laterLine = (n) => (n ? `${count(n, 'more review is', 'more reviews are')} due later than 90 days from now. The calendar has them all.` : '');

/**
 * The line under an item's "Date done or last reviewed" field: when its
 * evidence is next due for review. `next` is upkeep.js's nextReviewFrom.
 * Kept to two short lines at 320 px, so that the room kept for it never
 * grows when it is filled in.
 * @param {{due: string, based: string}} next
 * @param {string} status the item's status
 */
export function nextReviewLine(next, status) {
  if (status == 'not-applicable') return 'Not applicable, so no review is due.';
  if (!next.due) return 'Next review: enter the date done to work it out.';
  return `Next review due by ${longDate(next.due)}${next.based == 'published' ? ', counted from your publication' : ''}.`;
}

/** The calendar's file name. */
export const calendarFile = (who, today) => `readykit-upkeep-${who}-${today}.ics`;
