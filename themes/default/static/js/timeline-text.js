// What the programme page says about its dates, made from the schedule
// (programme.js plan) and the document alone so that node can test it
// (timeline.js puts it on the page).

import { longSpan } from './programme.js';
import { count, longDate, plural } from './words.js';

/** A [from, to] pair of dates in words: "12 to 18 April 2027". */
export const span = ([from, to]) => longSpan(from, to);

/** The statuses that count as finished. */
export const DONE = new Set(['met', 'not-applicable']);

/** The hint under a date field: the site's date that an empty field means. */
export const dateHint = (field, date) => `Leave it empty to use this site's ${field == 'start' ? 'start date' : 'deadline'}, ${longDate(date)}.`;

/** What the page says about a date that is not one it can keep. */
export const badDate = (field) =>
  `The ${field == 'start' ? 'start date' : 'deadline'} must be a date from the year 2000 to 2099, such as 12 April 2027. It has not been saved.`;

/** "Oak House: your programme runs from ... to ..., to publish by ...". */
export const scheduleLine = (org, sch) =>
  `${org ? org + ': your' : 'Your'} programme runs from ${longDate(sch.start)} to ${longDate(sch.end)}, to publish by ${longDate(sch.deadline)}.`;

/** Where today falls: before the start, in a week, or after the last. */
export function thisWeekLine(sch) {
  const n = sch.thisWeek, last = sch.weeks.length;
  return n == 0 ? `It starts on ${longDate(sch.start)}.`
    : n > last ? `The ${last} weeks are over: publish by ${longDate(sch.deadline)}.`
    : `This is week ${n} of ${last}: ${span(sch.weeks[n - 1])}.`;
}

/** The header printed on the programme's sheet. */
export const programmeFor = (org, sch) => `${org ? org + ' · ' : ''}DSPT programme · ${span([sch.start, sch.end])} · publish by ${longDate(sch.deadline)}`;

/**
 * Why the plan cannot fit, one line per warning of the schedule.
 * @param {object} sch programme.js plan's schedule
 * @param {object} o
 * @param {string} o.editionDeadline the edition's deadline, YYYY-MM-DD
 * @param {number} o.minWeeks the weeks most services need
 * @param {{start: string, deadline: string}} o.mine the reader's own dates
 */
export function warningLines(sch, { editionDeadline, minWeeks, mine }) {
  const dl = longDate(sch.deadline), ed = longDate(editionDeadline), theirs = sch.warnings.includes('other-deadline');
  return sch.warnings.map((w) => ({
    // The edition's own deadline has passed: the site is out of date, and
    // only the reader can check the toolkit for the new one.
    'deadline-passed': theirs
      ? `The deadline, ${dl}, has passed. Set a deadline that is still to come.`
      : `This site's toolkit year ended on ${dl}. The site may be out of date: check the new deadline in the toolkit, and set it as your deadline above.`,
    'other-deadline': `Your programme counts to ${dl}, but this site's toolkit year ends on ${ed}. Check which date is right.${
      mine.deadline ? ` To use ${ed}, clear the deadline above.` : mine.start ? ` To count to ${ed}, set a start before it.` : ''}`,
    'few-weeks': `Only ${sch.weeksLeft} ${plural(sch.weeksLeft, 'week is', 'weeks are')} left before the deadline of ${dl}, and most services need at least ${minWeeks}.`,
    overrun: `This plan ends on ${longDate(sch.end)}, after the deadline of ${dl}. Start earlier, or fit the work into fewer weeks.`,
    'late-start': `This plan ends on ${longDate(sch.end)}, less than a week before the deadline. To keep a week spare, start in the week of ${longDate(sch.startBy)} or earlier.`,
  })[w]);
}

/**
 * When time is short, what to do first: the items still needed for
 * Approaching Standards, or when none is, for Standards Met; null when
 * nothing is needed.
 * @returns {{line: string, items: object[]}|null}
 */
export function doFirst(items, doc) {
  const todo = items.filter((it) => it.level != 'optional' && !DONE.has((doc.items[it.id] || {}).status));
  for (const [level, name] of [['approaching', 'Approaching Standards'], ['met', 'Standards Met']]) {
    const list = todo.filter((it) => it.level == level);
    if (list.length) return { line: `Do these first: ${count(list.length, 'item is', 'items are')} still needed for ${name}.`, items: list };
  }
  return null;
}
