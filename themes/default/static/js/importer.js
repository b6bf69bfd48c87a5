// Reading an imported progress file. The file may come from anywhere, so it
// is hostile input: every value is checked and nothing in it is ever treated
// as markup (the page shows it with textContent).

import { LIMITS, ENTRY_FIELDS, ORGANISATION_FIELDS, emptyEntry, header, normalise, quote, title } from './progress.js';
import { migrate, path } from './editions.js';

const MB = 1048576;
const no = (message) => ({ ok: false, message });

/**
 * Reads the text of an imported file. Never throws.
 * @param {string} text
 * @param {{site: string, edition: string, items: object[], history: object[], now: string, profile?: object}} o
 * @returns {{ok: false, message: string}|{ok: true, doc: object, problems: object[], aside: object, migrated: null|{from: string}}}
 */
export function parseImport(text, o) {
  const { site, edition, items, history, now, profile } = o;
  if (typeof text != 'string') return no('This file could not be read.');
  // A string has at least as many UTF-8 bytes as characters, so only count
  // the bytes when the length alone does not settle it.
  const bytes = text.length > LIMITS.importBytes ? text.length : new TextEncoder().encode(text).length;
  if (bytes > LIMITS.importBytes) {
    return no(`This file is ${(bytes / MB).toFixed(1)} MB. A readykit progress file is never more than ${LIMITS.importBytes / MB} MB, so this is not one.`);
  }
  let v;
  try {
    v = JSON.parse(text);
  } catch {
    return no('This file is damaged or is not a readykit progress file, so it cannot be read.');
  }
  const bad = header(v);
  if (bad) return no(bad);
  const problems = [];
  if (v.site !== site) {
    problems.push({ field: 'site', message: `This file was made on another website${typeof v.site == 'string' ? ' (' + quote(v.site) + ')' : ''}. Check it is the right file.` });
  }
  let migrated = null;
  if (v.edition !== edition) {
    if (!path(history, v.edition, edition)) {
      return no(`This file is for the ${title(v.edition)} edition, which this site cannot move forward to ${title(edition)}.`);
    }
    // Clean it as a document of its own edition first, then move it.
    const first = normalise(v, { site, edition: v.edition, now });
    problems.push(...first.problems);
    migrated = { from: v.edition };
    v = migrate(first.doc, { to: edition, history, items, now }).doc;
  }
  const r = normalise(v, { site, edition, items, now, profile });
  problems.push(...r.problems);
  return { ok: true, doc: r.doc, problems, aside: r.aside, migrated };
}

const FIELDS = ENTRY_FIELDS.filter((f) => f != 'updated');
const BLANK = emptyEntry();
const value = (e, f) => (e && e[f] !== undefined ? e[f] : BLANK[f]);

/**
 * What an import would change, for the message before the user confirms.
 * @param {object|null} current the document in use
 * @param {object} incoming the imported document
 * @returns {{organisation: null|{from: object, to: object}, added: number, changed: number, removed: number, unchanged: number, details: {id: string, fields: string[]}[]}}
 */
export function summarise(current, incoming) {
  const a = (current && current.items) || {}, b = (incoming && incoming.items) || {};
  const oa = (current && current.organisation) || {}, ob = (incoming && incoming.organisation) || {};
  const r = {
    organisation: Object.keys(ORGANISATION_FIELDS).some((f) => (oa[f] || '') !== (ob[f] || '')) ? { from: oa, to: ob } : null,
    added: 0, changed: 0, removed: 0, unchanged: 0, details: [],
  };
  for (const id of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const x = Object.hasOwn(a, id) && a[id], y = Object.hasOwn(b, id) && b[id];
    const fields = FIELDS.filter((f) => value(x, f) !== value(y, f));
    r[!x ? 'added' : !y ? 'removed' : fields.length ? 'changed' : 'unchanged']++;
    if (fields.length) r.details.push({ id, fields });
  }
  return r;
}
