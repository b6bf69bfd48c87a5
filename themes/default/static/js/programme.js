// The programme on the calendar, and as an iCalendar file, worked out in the
// browser because only the reader knows today and the dates they chose. Go's
// generator/programme passes the same vectors (testdata/programme, /ics): keep
// them in step. Dates are UTC day numbers, as a local day is not always 24
// hours and the answers must not depend on the reader's time zone.

import { isDate, longDate } from './words.js';

const DAY = 864e5;

// YYYY-MM-DD <-> days since 1970; NaN and '' mean not set. Worked out by
// the proleptic Gregorian calendar, as Date does, but without making a
// Date: that costs microseconds, and a programme's dates are worked out by
// the thousand in the tests (H. Hinnant's days_from_civil and
// civil_from_days). A day outside the years 0000 to 9999 has no
// YYYY-MM-DD, so it is not set.
const div = Math.floor;
function num(d) {
  if (!isDate(d)) return NaN;
  const m = +d.slice(5, 7), y = +d.slice(0, 4) - (m <= 2), era = div(y / 400), yoe = y - era * 400;
  const doy = div((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + +d.slice(8) - 1;
  return era * 146097 + yoe * 365 + div(yoe / 4) - div(yoe / 100) + doy - 719468;
}
function iso(n) {
  if (!Number.isFinite(n)) return '';
  const z = div(n) + 719468, era = div(z / 146097), doe = z - era * 146097;
  const yoe = div((doe - div(doe / 1460) + div(doe / 36524) - div(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + div(yoe / 4) - div(yoe / 100)), mp = div((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  if (y < 0 || y > 9999) return '';
  const p = (v, w) => String(v).padStart(w, '0');
  return `${p(y, 4)}-${p(m, 2)}-${p(doy - div((153 * mp + 2) / 5) + 1, 2)}`;
}
// 0 for Monday to 6 for Sunday: day 0 was a Thursday.
const weekday = (n) => (((n + 3) % 7) + 7) % 7;
const monday = (n) => n - weekday(n);

/** `d` plus n days; '' when d is not a date, or the day is after 9999. */
export const addDays = (d, n) => iso(num(d) + n);

/** Days from and to in words, a shared month or year said once: '13 to 19 April 2026'. */
export function longSpan(from, to) {
  if (from == to) return longDate(to);
  const f = longDate(from).split(' ');
  return `${from.slice(0, 4) != to.slice(0, 4) ? f.join(' ') : from.slice(0, 7) != to.slice(0, 7) ? f[0] + ' ' + f[1] : f[0]} to ${longDate(to)}`;
}

/**
 * Whether a date could be meant for a programme: a year from 2000 to 2099.
 * A date field reports each key press of a year being typed (0002, 0020,
 * 0202, then 2027), and only the last should be saved.
 */
export const plausible = (d) => isDate(d) && d >= '2000' && d < '2100';

/** 'Week 3', or 'Weeks 3 to 6'. */
export const weekRange = (from, to) => (from == to ? `Week ${from}` : `Weeks ${from} to ${to}`);

/** The reader's local date, YYYY-MM-DD: "today" is the reader's day. */
export function localToday(date = new Date()) {
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${p(date.getFullYear(), 4)}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/**
 * The programme in Monday-to-Sunday weeks, by the rules of Go's Plan.
 * With no deadline it counts to editionDeadline (a start after that counts
 * to the same day a year later), so the page names the site's date, not
 * one worked out from today; with no edition date, the next yearlyDeadline.
 * @param {{today, start, deadline, editionDeadline, yearlyDeadline: string, weeks, minWeeks: number}} input dates '' when not set
 * @returns {{start, deadline, end, startBy: string, weeks: string[][], thisWeek, weeksLeft: number, warnings: string[]}}
 */
export function plan({ today = '', start = '', deadline = '', editionDeadline = '', yearlyDeadline = '', weeks = 1, minWeeks = 0 } = {}) {
  // Fewer than one week is one, as in Go; a page may pass '10' from an attribute.
  const n = Math.max(1, Math.trunc(weeks) || 1);
  // A weekend start moves to the Monday after.
  const t = num(today), s0 = num(start), begun = s0 + ({ 5: 2, 6: 1 }[weekday(s0)] ?? 0);
  let dl = num(deadline);
  const ed = num(editionDeadline), from = isNaN(begun) ? t : begun;
  const yearly = isNaN(ed) ? yearlyDeadline : editionDeadline;
  if (isNaN(dl) && !isNaN(ed) && (isNaN(begun) || begun <= ed)) dl = ed;
  else if (isNaN(dl) && !isNaN(from)) {
    // With no yearly date, Go's zero date's 1 January. 29 February is 1 March
    // in other years, as in Go.
    const [m, d] = isDate(yearly) ? [yearly.slice(5, 7) - 1, +yearly.slice(8)] : [0, 1];
    const y = new Date(from * DAY).getUTCFullYear(), at = (y) => Date.UTC(y, m, d) / DAY;
    dl = at(y) < from ? at(y + 1) : at(y);
  }
  // The last Monday that still ends a week before the deadline.
  const startBy = monday(dl - 7 * (n + 1) + 1);
  const s = isNaN(begun) ? startBy : begun, first = monday(s);
  // Week 1 may begin midweek.
  const spans = Array.from({ length: n }, (_, w) => [w ? first + 7 * w : s, first + 7 * w + 6]);
  const end = spans[n - 1][1];
  let thisWeek = 0, left = s;
  if (!isNaN(t)) {
    thisWeek = t < s ? 0 : t > end ? n + 1 : Math.floor((t - first) / 7) + 1;
    left = Math.max(s, t);
  }
  const weeksLeft = Math.max(0, Math.floor((dl - left + 1) / 7)) || 0;
  const warnings = [];
  if (t > dl) warnings.push('deadline-passed');
  else {
    if (weeksLeft < minWeeks) warnings.push('few-weeks');
    if (end > dl) warnings.push('overrun');
    else if (end + 7 > dl) warnings.push('late-start');
  }
  if (!isNaN(ed) && dl != ed) warnings.push('other-deadline');
  return { start: iso(s), deadline: iso(dl), end: iso(end), startBy: iso(startBy),
    weeks: spans.map((w) => w.map(iso)), thisWeek, weeksLeft, warnings };
}

/** True when an item is not finished and its programme week (from 1) or its target date has passed. */
export function overdue(week, entry, schedule, today) {
  if (!isDate(today) || entry?.status == 'met' || entry?.status == 'not-applicable') return false;
  const end = schedule?.weeks?.[week - 1]?.[1];
  return (isDate(end) && end < today) || (isDate(entry?.due) && entry.due < today);
}

// A TEXT value: \ ; , escaped, line breaks as \n, other controls dropped.
const escape = (s) => String(s).replace(/\r\n?/g, '\n')
  .replace(/[\\;,\0-\x08\n-\x1f\x7f]/g, (c) => (c == '\n' ? '\\n' : c < ' ' || c == '\x7f' ? '' : '\\' + c));

// A content line folded at 75 octets, never inside a character. A lone
// surrogate has no UTF-8: U+FFFD, as Go makes of bytes that are not UTF-8.
function fold(line) {
  let out = '', octets = 0, limit = 75;
  for (const ch of line.replace(/\p{Cs}/gu, '\uFFFD')) {
    const c = ch.codePointAt(0), size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (octets + size > limit) [out, octets, limit] = [out + '\r\n ', 0, 74];
    out += ch;
    octets += size;
  }
  return out + '\r\n';
}

/**
 * A site's identity in its calendar events' UIDs, by the rule of Go's
 * programme.CalendarID (shared vectors in testdata/calendar-id): its
 * progress key and, when it has an address, the address's host, so that
 * two sites' calendars never share a UID even when their keys are the
 * same. The host is read with plain string rules, not URL, which would
 * turn a name that is not ASCII into punycode where Go does not.
 * @param {string} site the progress key (toolkit.json's site)
 * @param {string} baseURL the site's address (toolkit.json's baseURL), or ''
 */
export function calendarId(site, baseURL = '') {
  let host = String(baseURL).replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/)[0];
  host = host.slice(host.lastIndexOf('@') + 1).replace(/:[0-9]*$/, '');
  host = host.replace(/[A-Z]+/g, (s) => s.toLowerCase()).replace(/[^a-z0-9.-]+/gu, '-').replace(/^[.-]+|[.-]+$/g, '');
  return host ? `${site}.${host}` : site;
}

/**
 * iCalendar text (RFC 5545): an all-day event per phase, a reminder a week
 * before the deadline, and the deadline. UIDs hold calendarId(id, baseURL)
 * (id the site's key, with a profile's id after it for a profile's;
 * baseURL toolkit.json's) and the deadline's
 * year, not the dates, so a calendar that honours them replaces the old
 * events when a changed plan is imported. `stamp` is an ISO date-time.
 * @param {{schedule, phases: {name, from, to, work}[], organisation, id, baseURL, url, stamp}} input schedule from plan()
 */
export function calendar({ schedule: s, phases = [], organisation = '', id = '', baseURL = '', url = '', stamp }) {
  const who = organisation ? organisation + ': ' : '', dl = s.deadline, by = longDate(dl), remind = addDays(dl, -7);
  const site = calendarId(id, baseURL);
  const uid = (kind) => `${kind}-${dl.slice(0, 4)}-${site}@readykit`;
  const events = phases.map(({ name, from, to, work }, i) => {
    const r = weekRange(from, to);
    return [uid('phase' + (i + 1)), `${who}DSPT ${r[0].toLowerCase()}${r.slice(1)}: ${name}`,
      `${r} of your ${s.weeks.length}-week programme for the Data Security and Protection Toolkit, to publish by ${by}.\n\n${work}`,
      s.weeks[from - 1][0], s.weeks[to - 1][1]];
  });
  events.push([uid('reminder'), who + 'DSPT deadline in one week',
    `Your Data Security and Protection Toolkit must be published by ${by}. Check that every item is done or has a plan.`, remind, remind],
  [uid('deadline'), who + 'DSPT deadline: publish the toolkit today',
    'Today is the last day to publish your Data Security and Protection Toolkit assessment.', dl, dl]);

  return ics({ name: 'DSPT programme' + (organisation ? ' for ' + organisation : ''), product: 'DSPT programme', stamp,
    events: events.map(([uid, summary, description, from, to]) => ({ uid, summary, description, from, to, url })) });
}

/**
 * iCalendar text (RFC 5545) of all-day events: the one writer of .ics
 * files in the browser, so that escaping, folding and CRLFs have one home.
 * An event ends on the day `to` (DTEND, the day after, is worked out). An
 * event with `alarm` reminds `alarm.days` days before it starts, saying
 * `alarm.text`. `stamp` is an ISO date-time.
 * @param {{name, product, stamp: string, events: {uid, summary, description, from, to, url?: string, alarm?: {days: number, text: string}}[]}} input
 */
export function ics({ name, product, stamp, events }) {
  const date = (d) => d.replaceAll('-', '');
  const dtstamp = new Date(stamp).toISOString().replace(/[-:]|\.\d+/g, '');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:-//readykit//${product}//EN`, 'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH', 'X-WR-CALNAME:' + escape(name)];
  for (const { uid, summary, description, from, to, url, alarm } of events) {
    lines.push('BEGIN:VEVENT', 'UID:' + escape(uid), 'DTSTAMP:' + dtstamp, 'DTSTART;VALUE=DATE:' + date(from),
      // An all-day event ends on the day after its last.
      'DTEND;VALUE=DATE:' + date(addDays(to, 1)), 'SUMMARY:' + escape(summary), 'DESCRIPTION:' + escape(description),
      ...(url ? ['URL:' + url] : []),
      // All-day reminders should not show the reader as busy.
      'TRANSP:TRANSPARENT',
      ...(alarm ? ['BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:' + escape(alarm.text), `TRIGGER:-P${alarm.days}D`, 'END:VALARM'] : []),
      'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('');
}
