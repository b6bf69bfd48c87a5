// What the Your progress page says, made from documents alone so that node
// can test it (account.js puts it on the page).

import { title } from './progress.js';
import { plural } from './words.js';
import { refused, savedWhen } from './notices.js';

/** Why a file chosen to import is not a progress file: it is too big. */
export const tooBig = (bytes) =>
  `This file is ${(bytes / 1048576).toFixed(1)} MB. A readykit progress file is never more than 1 MB, so this is not one. Your progress has not changed.`;

/**
 * The sentence above an import's details: whose backup, when it was saved
 * and what it would change.
 * @param {object} incoming the imported document
 * @param {object} d importer.js summarise(current, incoming)
 * @param {Date} [now] the reader's now, for "today"
 */
export function importSummary(incoming, d, now = new Date()) {
  const org = incoming.organisation.name;
  return `This backup${org ? ' for ' + org : ''} was saved ${savedWhen(incoming.updated, now)}. It would add ${d.added}, change ${d.changed} and remove ${d.removed} of your items${d.organisation ? ', and change your organisation’s details' : ''}.`;
}

/**
 * The import's details, one line each: the items it changes (the first 20),
 * the problems found, what would be kept aside, what it would remove from
 * what is kept aside now, and the edition it moves from.
 * @param {object} r importer.js parseImport's result (ok)
 * @param {object} d importer.js summarise(current, r.doc)
 * @param {number} gone editions.js keptLost(current, r.doc)
 */
export function importDetails(r, d, gone) {
  const lines = d.details.slice(0, 20).map((x) => `${x.id}: ${x.fields.join(', ')}`);
  if (d.details.length > 20) lines.push(`and ${d.details.length - 20} more`);
  for (const p of r.problems) lines.push(p.message);
  const aside = Object.keys(r.aside);
  if (aside.length) lines.push(`${aside.length} items in the file are not in this edition; they will be kept on this page: ${aside.join(', ')}.`);
  const values = r.doc.leftOut.length;
  if (values) lines.push(`${values} ${plural(values, 'value', 'values')} in the file do not fit this edition; they will be kept on this page, where you can put them back or remove them.`);
  if (gone) lines.push(`It would also remove ${gone} of the things listed under Saved progress that does not fit. If you may need them, download a backup first.`);
  if (r.migrated) lines.push(`The file is from the ${title(r.migrated.from)} edition; its progress moves to this one.`);
  return lines;
}

/** Whether the browser agreed to keep the data, in words. */
export const persisted = (yes) =>
  yes ? 'This browser has agreed to keep your progress until you clear it yourself.' : 'This browser may clear saved data when space runs low, so keep a backup.';

/** A change to the profiles that storage refused (e is what it threw). */
export const profilesRefused = (e) =>
  `${refused(e && e.name == 'QuotaExceededError' ? 'quota' : '')}, so the profiles were not changed. Download a backup of your progress first, then clear some space.`;

/** The question before a profile is deleted. */
export const deleteQuestion = (profile) =>
  `Delete the profile ${profile.name || 'in use'} and all its progress from this browser? This cannot be undone; download a backup first if you may need it.`;

/**
 * The link under a row kept aside (editions.js keptAside) to its item's
 * page, or null when there is none.
 */
export function keptLink(row) {
  const item = row.key.id || row.key.record.id;
  return row.url && item ? { href: row.url, text: `Open item ${item}` } : null;
}
