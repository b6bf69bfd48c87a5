// Keeping the toolkit's level through the year, worked out in the browser
// because only the reader knows today and the dates she recorded: when each
// item's evidence is next due for review, which reviews are overdue or due
// soon, when to publish again, and all of it as an iCalendar file. Go's
// generator/upkeep passes the same vectors (testdata/upkeep): keep them in
// step. Pure: no DOM, no clock; callers pass today as YYYY-MM-DD.

import { isDate, longDate } from './words.js';
import { addDays, calendarId, ics } from './programme.js';

const two = (n) => String(n).padStart(2, '0');
const SOON = 30, COMING = 90;

/**
 * The same day n months after `date`, or the last day of the month when it
 * is shorter: 2028-02-29 + 12 is 2029-02-28. '' when date is not a date.
 */
export function addMonths(date, n) {
  if (!isDate(date)) return '';
  const y = +date.slice(0, 4), m = +date.slice(5, 7) - 1 + n, d = +date.slice(8);
  const year = y + Math.floor(m / 12), month = ((m % 12) + 12) % 12;
  // Day 0 of the month after is the last day of this one. Date.UTC reads
  // years 0 to 99 as 1900s, which no date of the toolkit's is.
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (year < 0 || year > 9999) return '';
  return `${String(year).padStart(4, '0')}-${two(month + 1)}-${two(Math.min(d, last))}`;
}

const publishedDate = (p) => (typeof p == 'string' ? p : p?.date || '');

// The next review and what it counts from: 'done', 'published' or ''.
function next(item, entry, published) {
  const months = item?.review?.months;
  if (!months || entry?.status == 'not-applicable') return ['', ''];
  const done = addMonths(entry?.done, months);
  if (done) return [done, 'done'];
  const pub = addMonths(publishedDate(published), months);
  return pub ? [pub, 'published'] : ['', ''];
}

/**
 * When the item's evidence is next due for review: its review interval
 * (item.review.months, from toolkit.json) after entry.done, or else after
 * the publication date; '' when it has neither, no rule, or is not
 * applicable.
 * @param {object} item a toolkit.json item
 * @param {object} [entry] its progress entry
 * @param {{date: string}|string} [published] the document's published, or its date
 */
export const nextReview = (item, entry, published) => next(item, entry, published)[0];

/** nextReview and what it counts from: { due, based: 'done' | 'published' | '' }. */
export function nextReviewFrom(item, entry, published) {
  const [due, based] = next(item, entry, published);
  return { due, based };
}

/** When a publication on `date` must be renewed: 12 months on, and the next edition's 30 June. */
export function republish(date) {
  if (!isDate(date)) return { by: '', twelveMonths: '', nextJune: '' };
  const y = +date.slice(0, 4) + (date.slice(5) > '06-30');
  const twelveMonths = addMonths(date, 12), nextJune = `${y + 1}-06-30`;
  return { by: twelveMonths < nextJune ? twelveMonths : nextJune, twelveMonths, nextJune };
}

/**
 * The upkeep plan on the day `today`: when to republish, and the next
 * review of each item that has a review rule and is not "not applicable",
 * with its state: overdue, soon (within 30 days), coming (within 90),
 * later, or unknown (no date to count from). By due date, then id; those
 * with no date last.
 * @param {object[]} items toolkit.json items
 * @param {object} doc the progress document
 * @param {string} today YYYY-MM-DD
 */
export function upkeep(items, doc, today) {
  const published = { date: doc?.published?.date || '', level: doc?.published?.level || '' };
  const soon = addDays(today, SOON), coming = addDays(today, COMING);
  const out = [];
  for (const item of items) {
    const entry = doc?.items?.[item.id];
    if (!item.review || entry?.status == 'not-applicable') continue;
    const [due, based] = next(item, entry, published);
    const state = !due ? 'unknown' : due < today ? 'overdue' : due <= soon ? 'soon' : due <= coming ? 'coming' : 'later';
    out.push({ id: item.id, due, state, based });
  }
  const by = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  out.sort((a, b) => (!a.due != !b.due ? (a.due ? -1 : 1) : by(a.due, b.due) || by(a.id, b.id)));
  return { published, republish: republish(published.date), items: out };
}

/**
 * The upkeep plan as an iCalendar file: an all-day event on each due date
 * and on the republish date, each with a reminder a week before. UIDs
 * hold the site's identity (calendarId: its progress key and host), the
 * profile, the item and the due date, so two sites' or two services'
 * calendars never clash, and importing a newer file replaces nothing but
 * the events that moved.
 * @param {{plan: object, items: object[], organisation: string, site: string, baseURL: string, profile: string, url: string, stamp: string}} input plan from upkeep(); site and baseURL toolkit.json's; url the site's address
 */
export function upkeepCalendar({ plan, items, organisation = '', site, baseURL = '', profile, url = '', stamp }) {
  const who = organisation ? organisation + ': ' : '';
  const byId = new Map(items.map((it) => [it.id, it]));
  const id = calendarId(site, baseURL);
  const uid = (what, date) => `upkeep-${what}-${date}-${id}-${profile}@readykit`;
  const alarm = (text) => ({ days: 7, text });
  const events = plan.items.filter((d) => d.due).map((d) => {
    const it = byId.get(d.id) || { id: d.id, title: d.id, label: d.id };
    const check = it.review?.check ? ' We have not seen this interval confirmed: check it in the toolkit.' : '';
    return {
      uid: uid(d.id, d.due), from: d.due, to: d.due, url: it.url ? new URL(it.url, url).href : '',
      summary: `${who}DSPT review due: ${it.label} ${it.title}`,
      description: `The evidence for ${it.label} ${it.title} is due for review ${longDate(d.due)}, ` +
        `${it.review.months % 12 || it.review.months == 12 ? it.review.months + ' months' : it.review.months / 12 + ' years'} after ` +
        `${d.based == 'done' ? 'it was last done' : 'you published'}. Do it again or check it is still current, then record the date on its page.${check}`,
      alarm: alarm(`Due in one week: ${it.label} ${it.title}`),
    };
  });
  const r = plan.republish;
  if (r.by) {
    events.push({
      uid: uid('republish', r.by), from: r.by, to: r.by, url,
      summary: `${who}Publish the DSPT again by today`,
      description: `You published the Data Security and Protection Toolkit on ${longDate(plan.published.date)}. ` +
        `A publication is out of date 12 months later, on ${longDate(r.twelveMonths)}; the yearly deadline after that is ${longDate(r.nextJune)}. Publish again by ${longDate(r.by)}.`,
      alarm: alarm('The DSPT is due to be published again in one week'),
    });
  }
  events.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return ics({ name: 'DSPT upkeep' + (organisation ? ' for ' + organisation : ''), product: 'DSPT upkeep', stamp, events });
}
