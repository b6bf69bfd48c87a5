// What the checklist and the summaries say, made from the document alone so
// that node can test it (checklist.js puts it on the page).

import { savedAt } from './words.js';

/**
 * An item's name: "1.1.1 Your ICO registration number". An item without a
 * known reference is named by its title alone: "Reference to check" marks a
 * table's reference column, it is not part of a name.
 */
export const itemName = (it) => (it.ref ? `${it.ref} ${it.title}` : it.title);

/** What the page says when a value typed for an item cannot be saved. */
export const notSaved = (id) => `That could not be saved for item ${id}: check what you typed.`;

/** Who the summary is for, or what to do when no one is named yet. */
export const orgLine = (org) =>
  org.name ? `For ${org.name}${org.odsCode ? ', ODS code ' + org.odsCode : ''}.` : 'Add your organisation’s name on the Your progress page.';

// Whether the user has saved anything worth keeping.
const something = (doc) => !!(Object.keys(doc.items).length || doc.organisation.name);

/** The "saved at" line: nothing is saved until there is something to save. */
export const savedLine = (doc, now = new Date()) => savedAt(something(doc) ? doc.updated : '', now);

/** Whether to remind about backups: something to lose, and no backup from the last week. */
export const remindBackup = (doc, now = new Date()) =>
  something(doc) && (!doc.exported || now - new Date(doc.exported) > 7 * 864e5);

/**
 * What a screen reader hears after an item's status or review changed:
 * "1.1.1 Your ICO registration number: done. Approaching Standards 1 of
 * 26, Standards Met 1 of 45."
 * @param {object} it the item
 * @param {'status'|'reviewed'} field what changed
 * @param {string|boolean} value its new value
 * @param {object} r readiness (scoring.js) after the change
 * @param {object} statuses toolkit.json's labels.statuses
 */
export const changeSaid = (it, field, value, r, statuses) =>
  `${itemName(it)}: ${field == 'status' ? statuses[value].toLowerCase() : value ? 'reviewed' : 'not reviewed'}. Approaching Standards ${r.approaching.done} of ${r.approaching.total}, Standards Met ${r.met.done} of ${r.met.total}.`;

/**
 * What an item's tag shows: its status key (a key of toolkit.json's
 * labels.statuses, which give the words) and, when it does not apply, the
 * line under the tag with the reason. A document read from a file may hold
 * "not applicable" without a reason: the line says so rather than nothing.
 * @param {object|undefined} e the item's entry; none means not started
 * @param {string} noReason toolkit.json's labels.noReason
 */
export function taskTag(e, noReason) {
  const status = (e && e.status) || 'not-started';
  const reason = status == 'not-applicable' ? ((e.reason || '').trim() ? `Reason: ${e.reason.trim()}` : noReason) : '';
  return { status, reason };
}
