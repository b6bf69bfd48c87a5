// The checklist's filter, without the page: which rows a choice shows, the
// choice in the address's query and back, and the count the page reads
// out. filter.js puts it on the page.

import { count } from './words.js';

/** What the filter can choose by, in the order of its controls and of the query. */
export const FILTER_KEYS = ['status', 'standard', 'level', 'who'];

/**
 * The choice a query holds: { status, standard, level, who }, each "" for
 * any. Unknown names are ignored; a value is kept as text, and a value no
 * control offers is the page's to drop.
 * @param {string} search location.search, with or without its "?"
 */
export function readFilter(search) {
  const q = new URLSearchParams(search);
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, (q.get(k) || '').trim()]));
}

/** The query for a choice: "?status=met&level=approaching", or "" for no choice. */
export function filterQuery(f) {
  const q = new URLSearchParams(FILTER_KEYS.filter((k) => f[k]).map((k) => [k, f[k]]));
  const s = q.toString();
  return s ? '?' + s : '';
}

/**
 * Whether a row is shown under a choice.
 * @param {{status: string, standard: string|number, level: string, who: string[]}} row
 * @param {object} f the choice, as readFilter gives it
 */
export const matches = (row, f) =>
  (!f.status || row.status == f.status) &&
  (!f.standard || String(row.standard) == f.standard) &&
  (!f.level || row.level == f.level) &&
  (!f.who || row.who.includes(f.who));

/** The live count: "Showing 12 of 55 items", "Showing all 55 items". */
export const showing = (n, total) =>
  n == total ? `Showing all ${count(total, 'item', 'items')}` : `Showing ${n} of ${count(total, 'item', 'items')}${n ? '' : ': change a choice to see more'}`;
