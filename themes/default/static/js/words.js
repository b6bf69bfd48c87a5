// The words and formats every page shares: what a date is, a date in
// words, a plural, when the document was saved. One home for each, so that
// the pages cannot drift apart, and none of them asks the browser's locale:
// a care home reads the same words whatever language its computer is set
// to. It imports nothing, so any module may use it.

const MONTHS = 'January February March April May June July August September October November December'.split(' ');
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const two = (n) => String(n).padStart(2, '0');

/**
 * True for a real calendar date written YYYY-MM-DD (so not 2025-04-31).
 * Counted, not parsed by Date, which is slow enough to matter to the
 * thousands of dates a document or a programme checks.
 */
export function isDate(v) {
  if (typeof v != 'string' || !/^\d{4}-\d\d-\d\d$/.test(v)) return false;
  const y = +v.slice(0, 4), m = +v.slice(5, 7), d = +v.slice(8);
  const leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  return m >= 1 && m <= 12 && d >= 1 && d <= MONTH_DAYS[m - 1] + (m == 2 && leap);
}

/** '2026-06-30' -> '30 June 2026', in every locale; '' for anything not a date. */
export const longDate = (d) => (isDate(d) ? `${+d.slice(8)} ${MONTHS[d.slice(5, 7) - 1]} ${d.slice(0, 4)}` : '');

/** `one` when n is 1, else `many`: plural(3, 'item', 'items') is 'items'. */
export const plural = (n, one, many) => (n == 1 ? one : many);

/** n with its noun: count(1, 'item', 'items') is '1 item'; Go's words.Count. */
export const count = (n, one, many) => `${n} ${plural(n, one, many)}`;

/** A whole number with commas between thousands: 5002 -> '5,002'; Go's report.thousands. */
export const thousands = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/** A list joined as a sentence joins it: 'a, b and c'; Go's words.And. */
export const and = (parts, sep = ', ') => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(sep)} and ${parts[parts.length - 1]}`);

/**
 * When the document was last saved, in the reader's local time:
 * "Saved on this device today at 14:05.", "Saved on this device on 3 May
 * 2027 at 09:30.", or "Nothing saved yet." for no time.
 * @param {string} iso the document's `updated`, '' when never saved
 * @param {Date} now the reader's now, passed by tests
 */
export function savedAt(iso, now = new Date()) {
  const d = new Date(iso);
  if (!iso || isNaN(d)) return 'Nothing saved yet.';
  const day = d.toDateString() == now.toDateString() ? 'today' : `on ${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
  return `Saved on this device ${day} at ${two(d.getHours())}:${two(d.getMinutes())}.`;
}
