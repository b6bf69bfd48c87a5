// Keeping the level after publishing. On the Your progress page: the form
// that records when the toolkit was published, and at which level. On the
// home page: once a publication is recorded, "stay ready" in place of "get
// ready" (site.css swaps them on html[data-rk-published], which
// early.js set before the page was drawn): the dates to publish
// again, what is overdue or due soon, and the upkeep calendar. The dates
// are upkeep.js's and the words stayready-text.js's; this file only
// touches the DOM, and only ever sets text.

import { upkeep, upkeepCalendar } from './upkeep.js';
import { localToday, plausible } from './programme.js';
import { setPublished } from './progress.js';
import { badPublishedDate, calendarFile, dueRow, EMPTY, laterLine, levelName, publishedLine, publishedSaid } from './stayready-text.js';
import { longDate } from './words.js';
import { $, $$, announce, el, saveFile, slug, tell } from './dom.js';

let s; // the session (session.js)
let shown = ''; // the document (session.token) the publication's form shows

/** Wires up the publication form and the home page's stay-ready view, where the page has them. */
export function start(session) {
  s = session;
  if ($('[data-rk-published-form]')) form();
  if ($('[data-rk-stay]')) $('[data-rk-upkeep-ics]').addEventListener('click', download);
  s.subscribe(show);
  show();
}

const published = () => s.doc.published || { date: '', level: '' };

function show() {
  if ($('[data-rk-published-form]')) showForm();
  if ($('[data-rk-stay]')) showStay();
}

// ---------------------------------------------------------------------------
// The publication, on the Your progress page.

function form() {
  const f = $('[data-rk-published-form]'), date = f.elements.date;
  f.addEventListener('submit', (e) => e.preventDefault());
  // A date field reports each key press of a year being typed, so only a
  // plausible year is saved as it changes, and one that still looks wrong
  // on leaving the field is a problem.
  date.addEventListener('change', () => (date.value == '' || plausible(date.value)) && save({ date: date.value }));
  date.addEventListener('blur', () => {
    if (date.value && !plausible(date.value)) tell(badPublishedDate);
  });
  for (const r of $$('input[name=level]', f)) r.addEventListener('change', () => save({ level: r.value }));
  $('[data-rk-published-clear]').addEventListener('click', () => {
    save({ date: '', level: '' });
    date.focus();
  });
}

function save(fields) {
  const before = published();
  if (Object.keys(fields).every((k) => before[k] == fields[k])) return;
  try {
    if (!s.change((d) => setPublished(d, fields, new Date().toISOString()), { fill: false })) return;
  } catch {
    tell(badPublishedDate);
    return;
  }
  tell();
  showForm();
  announce(publishedSaid(published(), s.tk.labels.levels));
}

function showForm() {
  const f = $('[data-rk-published-form]'), p = published();
  // A date being typed is left alone, unless this tab now shows another home.
  if (f.elements.date != document.activeElement || shown != s.token) f.elements.date.value = p.date;
  shown = s.token;
  for (const r of $$('input[name=level]', f)) r.checked = r.value == p.level;
  $('[data-rk-published-line]').textContent = publishedLine(p, s.tk.labels.levels);
}

// ---------------------------------------------------------------------------
// Stay ready, on the home page.

function showStay() {
  const p = published(), root = document.documentElement;
  // The early script's mark, set again from the document as the session
  // opened it (brought forward from an earlier edition, another profile).
  if (p.date) root.dataset.rkPublished = p.date;
  else delete root.dataset.rkPublished;
  if (!p.date) return;
  const plan = upkeep(s.tk.items, s.doc, localToday());
  const r = plan.republish;
  $('[data-rk-stay-published]').textContent = `${longDate(p.date)}, ${levelName(p.level, s.tk.labels.levels)}`;
  $('[data-rk-stay-twelve]').textContent = longDate(r.twelveMonths);
  $('[data-rk-stay-june]').textContent = longDate(r.nextJune);
  $('[data-rk-stay-by]').textContent = longDate(r.by);
  const byId = new Map(s.tk.items.map((it) => [it.id, it]));
  for (const state of ['overdue', 'soon', 'coming']) {
    $(`[data-rk-stay-count="${state}"]`).textContent = String(plan.items.filter((d) => d.state == state).length);
  }
  for (const state of ['overdue', 'soon', 'coming', 'unknown']) {
    const rows = plan.items.filter((d) => d.state == state);
    $(`[data-rk-upkeep-list="${state}"]`).replaceChildren(...(rows.length
      ? rows.map((d) => item(d, byId.get(d.id)))
      : [el('li', { className: 'rk-upkeep__none', textContent: EMPTY[state] })]));
  }
  $('[data-rk-upkeep-later]').textContent = laterLine(plan.items.filter((d) => d.state == 'later').length);
}

function item(d, it) {
  const row = dueRow(d, it);
  return el('li', { className: `rk-upkeep__item rk-upkeep__item--${d.state}` },
    el('a', { href: it.url, textContent: row.name }),
    ...(row.when ? [' ', el('span', { className: 'rk-upkeep__when', textContent: row.when })] : []),
    ...(row.check ? [' ', el('span', { className: 'tag tag--check', textContent: s.tk.labels.checkMark })] : []));
}

function download() {
  const today = localToday(), plan = upkeep(s.tk.items, s.doc, today);
  const org = s.doc.organisation.name || '';
  const text = upkeepCalendar({ plan, items: s.tk.items, organisation: org, site: s.tk.site, baseURL: s.tk.baseURL, profile: s.profile.id,
    url: new URL('./', location.href).href, stamp: new Date().toISOString() });
  saveFile(calendarFile(slug(org || s.profile.name || '', 'dspt'), today), 'text/calendar', text);
  announce('Your upkeep calendar is downloading.');
}
