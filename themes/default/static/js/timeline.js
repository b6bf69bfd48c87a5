// The programme page: lays the weeks out on the reader's dates (saved with
// their progress), marks this week and the items that are late, says when
// the plan cannot fit, and makes the calendar file. The date rules are in
// programme.js and the words in timeline-text.js; this file only touches
// the DOM, and only ever sets text.

import { calendar, localToday, overdue, plan, plausible } from './programme.js';
import { setProgramme } from './progress.js';
import { badDate, dateHint, DONE, doFirst, programmeFor, scheduleLine, span, thisWeekLine, warningLines } from './timeline-text.js';
import { itemName } from './checklist-text.js';
import { $, $$, announce, el, saveFile, slug, tell } from './dom.js';

let s; // the session (session.js)
let sch; // the schedule on the page
let shown = ''; // the document (session.token) the date fields show

/** Wires up the programme page. */
export function start(session) {
  s = session;
  $('[data-rk-programme-static]').hidden = true;
  $('[data-rk-programme-form]').hidden = false;
  $('[data-rk-schedule]').hidden = false;
  for (const input of $$('[data-rk-date]')) {
    // Typing a year reports every key press, so a year still being typed
    // waits, and only a year that still looks wrong on leaving is a problem.
    input.addEventListener('change', () => (input.value == '' || plausible(input.value)) && setDate(input));
    input.addEventListener('blur', () => input.value && !plausible(input.value) && setDate(input));
  }
  $('[data-rk-clear-dates]').addEventListener('click', () => save({ start: '', deadline: '' }, 'Your dates are cleared.'));
  $('[data-rk-ics]').addEventListener('click', download);
  $('[data-rk-print]').addEventListener('click', () => window.print());
  // Another tab changed the progress, or the profile changed.
  s.subscribe(update);
  update();
}

function setDate(input) {
  const field = input.dataset.rkDate, value = input.value;
  if (value == s.doc.programme[field]) return;
  if (!plausible(value) && value != '' || !save({ [field]: value })) tell(badDate(field));
}

// Saves the dates and lays the page out again. Returns false when a date
// is not one, leaving the saved progress as it was.
function save(fields, said) {
  tell();
  try {
    s.change((d) => setProgramme(d, fields, new Date().toISOString()));
  } catch {
    return false;
  }
  announce(said || `${$('[data-rk-schedule-line]').textContent} ${$('[data-rk-this-week]').textContent}`);
  return true;
}

/** The dates in effect: the reader's own, else the site's, else the rules'. */
function dates() {
  const p = s.tk.programme, mine = s.doc.programme;
  return { start: mine.start || p.start, deadline: mine.deadline || p.deadline };
}

// Lays the page out from the saved progress.
function update() {
  const p = s.tk.programme, today = localToday();
  sch = plan({ today, ...dates(), editionDeadline: s.tk.edition.deadline, weeks: p.weeks, minWeeks: p.minWeeks });
  const org = s.doc.organisation.name || p.client;

  for (const input of $$('[data-rk-date]')) {
    const f = input.dataset.rkDate;
    // A date being typed is left alone, unless this tab now shows another home.
    if (input != document.activeElement || shown != s.token) input.value = s.doc.programme[f] || '';
    if (p[f]) $(`#${input.getAttribute('aria-describedby')}`).textContent = dateHint(f, p[f]);
  }
  shown = s.token;
  $('[data-rk-schedule-line]').textContent = scheduleLine(org, sch);
  const n = sch.thisWeek;
  $('[data-rk-this-week]').textContent = thisWeekLine(sch);
  $('[data-rk-programme-for]').textContent = programmeFor(org, sch);
  warnings();

  p.phases.forEach((ph, i) => {
    const box = $(`[data-rk-phase-dates="${i}"]`);
    if (box) box.textContent = `: ${span([sch.weeks[ph.from - 1][0], sch.weeks[ph.to - 1][1]])}`;
  });
  for (const li of $$('[data-rk-week]')) {
    const w = Number(li.dataset.rkWeek);
    if (!sch.weeks[w - 1]) continue;
    $('[data-rk-week-dates]', li).replaceChildren(el('span', { className: 'week__sep', textContent: ': ' }), span(sch.weeks[w - 1]));
    $('[data-rk-now]', li).hidden = w != n;
    li.classList.toggle('week--now', w == n);
  }
  const weekOf = new Map(s.tk.items.map((it) => [it.id, it.week]));
  const names = s.tk.labels.statuses;
  for (const li of $$('[data-rk-week-item]')) {
    const id = li.dataset.rkWeekItem, e = s.doc.items[id];
    const status = (e && e.status) || 'not-started', done = DONE.has(status);
    const late = overdue(weekOf.get(id), e, sch, today);
    $('[data-rk-state]', li).replaceChildren(
      done ? el('span', { className: 'tag tag--done', textContent: names[status] }) : names[status],
      ...late ? [' ', el('span', { className: 'tag tag--late', textContent: 'Late' })] : []);
    li.classList.toggle('week__item--done', done);
    li.classList.toggle('week__item--late', late);
  }
}

// Says why the plan cannot fit, and what to do first when time is short.
function warnings() {
  const box = $('[data-rk-warnings]');
  const lines = warningLines(sch, { editionDeadline: s.tk.edition.deadline, minWeeks: s.tk.programme.minWeeks, mine: s.doc.programme });
  const kids = lines.map((t) => el('p', { className: 'rk-warning', textContent: t }));
  const first = sch.warnings.includes('few-weeks') && doFirst(s.tk.items, s.doc);
  if (first) {
    kids.push(el('p', { textContent: first.line }),
      el('ul', {}, ...first.items.map((it) => el('li', {}, el('a', { href: it.url, textContent: itemName(it) })))));
  }
  box.replaceChildren(...kids);
  box.hidden = !kids.length;
}

// The calendar file for the dates on the page.
function download() {
  const org = s.doc.organisation.name || s.tk.programme.client;
  const text = calendar({
    schedule: sch, phases: s.tk.programme.phases, organisation: org,
    // The build's calendar uses calendarId(site, baseURL); the default
    // profile's matches it, so importing either replaces the other's events.
    id: s.profile.id == 'default' ? s.tk.site : `${s.tk.site}-${s.profile.id}`, baseURL: s.tk.baseURL,
    url: location.href.split('#')[0], stamp: new Date().toISOString(),
  });
  saveFile(`${slug(org || '', 'dspt')}-programme.ics`, 'text/calendar;charset=utf-8', text);
  announce('The calendar file is downloading. Open it to add the programme to your calendar.');
}
