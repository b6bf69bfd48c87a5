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

/**
 * The question before a profile is deleted.
 * @param {string} label how the profile is listed (profileLabels), '' for none
 */
export const deleteQuestion = (label) =>
  `Delete the profile ${label || 'in use'} and all its progress from this browser? This cannot be undone; download a backup first if you may need it.`;

/** How a profile with no name of either kind is listed. */
export const UNNAMED = 'Unnamed profile';

/**
 * How each profile is listed, in the same order: by the care home's name
 * saved in its progress, as the page's header shows it, so that on a shared
 * laptop no home's profile looks like a free one. The profile's own name
 * follows in brackets when it says something else, so that renaming it
 * shows; then "Unnamed profile". Profiles that would still read the same
 * are numbered, so that no two look like one home.
 * @param {{id: string, name: string}[]} list the profiles (storage.js profiles)
 * @param {Record<string, string>} homes the home's name by profile id (storage.js homeName)
 * @returns {string[]}
 */
export function profileLabels(list, homes = {}) {
  const same = (a, b) => a.trim().toLocaleLowerCase() == b.trim().toLocaleLowerCase();
  const labels = list.map((p) => {
    const home = (homes[p.id] || '').trim(), own = (p.name || '').trim();
    if (home && own && !same(home, own)) return `${home} (${own})`;
    return home || own || UNNAMED;
  });
  return labels.map((l, i) => {
    const twins = labels.filter((m) => same(m, l)).length;
    return twins > 1 ? `${l} (${labels.slice(0, i + 1).filter((m) => same(m, l)).length} of ${twins})` : l;
  });
}

/** What the new profile form says when it has no care home's name. */
export const NAME_NEEDED = 'Type the name of the care home first. Each home has its own profile, named after it.';

/**
 * The problem with the name typed for a new profile, or '' when there is
 * none (storage.js createProfile takes 1 to 200 characters, spaces trimmed).
 */
export const newProfileProblem = (name) =>
  (typeof name == 'string' && name.trim() ? (name.length <= 200 ? '' : 'The name is too long: use 200 characters or fewer.') : NAME_NEEDED);

/**
 * The link under a row kept aside (editions.js keptAside) to its item's
 * page, or null when there is none.
 */
export function keptLink(row) {
  const item = row.key.id || row.key.record.id;
  return row.url && item ? { href: row.url, text: `Open item ${item}` } : null;
}
