// The programme page: lays the weeks out on the reader's dates (saved with
// their progress), marks this week and the items that are late, says when
// the plan cannot fit, and makes the calendar file. The date rules are in
// programme.js; this file only touches the DOM, and only ever sets text.

import { calendar, localToday, longDate, longSpan, overdue, plan, plausible } from './programme.js';
import { setProgramme, STATUS_NAMES } from './progress.js';
import { $, $$, announce, el, onUpdate, persist, saveFile, slug, tell } from './app.js';

const span = ([from, to]) => longSpan(from, to);
const DONE = new Set(['met', 'not-applicable']);

let s; // app.js's state
let sch; // the schedule on the page

/** Wires up the programme page. */
export function start(state) {
  s = state;
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
  onUpdate(update);
  update();
}

function setDate(input) {
  const field = input.dataset.rkDate, value = input.value;
  if (value == s.doc.programme[field]) return;
  if (!plausible(value) && value != '' || !save({ [field]: value })) {
    tell(`The ${field == 'start' ? 'start date' : 'deadline'} must be a date from the year 2000 to 2099, such as 12 April 2027. It has not been saved.`);
  }
}

// Saves the dates and lays the page out again. Returns false when a date
// is not one, leaving the saved progress as it was.
function save(fields, said) {
  try {
    s.doc = setProgramme(s.doc, fields, new Date().toISOString());
  } catch {
    return false;
  }
  tell();
  persist();
  update();
  announce(said || `${$('[data-rk-schedule-line]').textContent} ${$('[data-rk-this-week]').textContent}`);
  return true;
}

/** The dates in effect: the reader's own, else the site's, else the rules'. */
function dates() {
  const p = s.tk.programme, mine = s.doc.programme;
  return { start: mine.start || p.start, deadline: mine.deadline || p.deadline };
}

/** Lays the page out from the saved progress. */
export function update() {
  const p = s.tk.programme, today = localToday();
  sch = plan({ today, ...dates(), editionDeadline: s.tk.edition.deadline, weeks: p.weeks, minWeeks: p.minWeeks });
  const org = s.doc.organisation.name || p.client;

  for (const input of $$('[data-rk-date]')) {
    const f = input.dataset.rkDate;
    if (input != document.activeElement) input.value = s.doc.programme[f] || '';
    if (p[f]) $(`#${input.getAttribute('aria-describedby')}`).textContent = `Leave it empty to use this site's ${f == 'start' ? 'start date' : 'deadline'}, ${longDate(p[f])}.`;
  }
  $('[data-rk-schedule-line]').textContent = `${org ? org + ': your' : 'Your'} programme runs from ${longDate(sch.start)} to ${longDate(sch.end)}, to publish by ${longDate(sch.deadline)}.`;
  const n = sch.thisWeek, last = sch.weeks.length;
  $('[data-rk-this-week]').textContent = n == 0 ? `It starts on ${longDate(sch.start)}.`
    : n > last ? `The ${last} weeks are over: publish by ${longDate(sch.deadline)}.`
    : `This is week ${n} of ${last}: ${span(sch.weeks[n - 1])}.`;
  $('[data-rk-programme-for]').textContent = `${org ? org + ' · ' : ''}DSPT programme · ${span([sch.start, sch.end])} · publish by ${longDate(sch.deadline)}`;
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
  for (const li of $$('[data-rk-week-item]')) {
    const id = li.dataset.rkWeekItem, e = s.doc.items[id];
    const status = (e && e.status) || 'not-started', done = DONE.has(status);
    const late = overdue(weekOf.get(id), e, sch, today);
    $('[data-rk-state]', li).replaceChildren(
      done ? el('span', { className: 'tag tag--done', textContent: STATUS_NAMES[status] }) : STATUS_NAMES[status],
      ...late ? [' ', el('span', { className: 'tag tag--late', textContent: 'Late' })] : []);
    li.classList.toggle('week__item--done', done);
    li.classList.toggle('week__item--late', late);
  }
}

// Says why the plan cannot fit, and what to do first when time is short.
function warnings() {
  const box = $('[data-rk-warnings]'), dl = longDate(sch.deadline), min = s.tk.programme.minWeeks;
  const ed = longDate(s.tk.edition.deadline), theirs = sch.warnings.includes('other-deadline'), mine = s.doc.programme;
  const lines = sch.warnings.map((w) => ({
    // The edition's own deadline has passed: the site is out of date, and
    // only the reader can check the toolkit for the new one.
    'deadline-passed': theirs
      ? `The deadline, ${dl}, has passed. Set a deadline that is still to come.`
      : `This site's toolkit year ended on ${dl}. The site may be out of date: check the new deadline in the toolkit, and set it as your deadline above.`,
    'other-deadline': `Your programme counts to ${dl}, but this site's toolkit year ends on ${ed}. Check which date is right.${
      mine.deadline ? ` To use ${ed}, clear the deadline above.` : mine.start ? ` To count to ${ed}, set a start before it.` : ''}`,
    'few-weeks': `Only ${sch.weeksLeft} ${sch.weeksLeft == 1 ? 'week is' : 'weeks are'} left before the deadline of ${dl}, and most services need at least ${min}.`,
    overrun: `This plan ends on ${longDate(sch.end)}, after the deadline of ${dl}. Start earlier, or fit the work into fewer weeks.`,
    'late-start': `This plan ends on ${longDate(sch.end)}, less than a week before the deadline. To keep a week spare, start in the week of ${longDate(sch.startBy)} or earlier.`,
  })[w]);
  const kids = lines.map((t) => el('p', { className: 'rk-warning', textContent: t }));
  if (sch.warnings.includes('few-weeks')) {
    // What still blocks Approaching Standards comes first, then Standards Met.
    const todo = s.tk.items.filter((it) => it.level != 'optional' && !DONE.has((s.doc.items[it.id] || {}).status));
    for (const [level, name] of [['approaching', 'Approaching Standards'], ['met', 'Standards Met']]) {
      const list = todo.filter((it) => it.level == level);
      if (!list.length) continue;
      kids.push(el('p', { textContent: `Do these first: ${list.length} ${list.length == 1 ? 'item is' : 'items are'} still needed for ${name}.` }),
        el('ul', {}, ...list.map((it) => el('li', {}, el('a', { href: it.url, textContent: it.ref ? `${it.ref} ${it.title}` : it.title })))));
      break;
    }
  }
  box.replaceChildren(...kids);
  box.hidden = !kids.length;
}

// The calendar file for the dates on the page.
function download() {
  const org = s.doc.organisation.name || s.tk.programme.client;
  const text = calendar({
    schedule: sch, phases: s.tk.programme.phases, organisation: org,
    // The build's calendar uses the site's key alone: the default profile
    // matches it, so importing either replaces the other's events.
    id: s.profile.id == 'default' ? s.tk.site : `${s.tk.site}-${s.profile.id}`,
    url: location.href.split('#')[0], stamp: new Date().toISOString(),
  });
  saveFile(`${slug(org || '', 'dspt')}-programme.ics`, 'text/calendar;charset=utf-8', text);
  announce('The calendar file is downloading. Open it to add the programme to your calendar.');
}
