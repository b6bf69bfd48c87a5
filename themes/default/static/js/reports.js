// The gap analysis and plan pages: tables made from the saved progress,
// the plan's rows edited in place, and downloads as CSV. A care provider's
// plan is the Approaching Standards action plan, which nobody approves, so
// it only says what each row still needs; an NHS body's or local
// authority's improvement plan is checked against the chosen rule set.
// Either way a row is judged only once it has been touched, so a first
// visit shows no problems. Loaded only on those two pages; the words are in
// reports-text.js. Every value from the progress goes in as text.

import { analyse, gapRows, GAP_COLUMNS, missingNote, planRows, PLAN_COLUMNS, toCheck } from './plan.js';
import { toCSV } from './csv.js';
import { setField } from './progress.js';
import { longDate } from './words.js';
import { ALL_NA, byStandard, editionLine, gapCount, headline, headlineNotes, notApplicableRows, reportFor, runningHead, STILL_COUNTED, summary } from './reports-text.js';
import { readiness } from './scoring.js';
import { notSaved } from './checklist-text.js';
import { $, $$, announce, el, labelColumns, saveFile, slug, tell, TYPING_PAUSE } from './dom.js';

const now = () => new Date().toISOString();

let s; // the session (session.js)
let items = new Map();
let rules = null;
let result = null;
// Whether this is a care provider's action plan rather than an improvement plan.
let action = true;
// The plan rows the user has left or changed; only these are judged.
const touched = new Set();
// Which document (session.token) the page was filled from, and the plan's
// fields typed in and waiting to be saved, with their timers.
let token = '';
const timers = new Map();

// An item's reference, and beside it the mark when it is not confirmed.
const refCell = (it, link) => [el('a', { href: it.url, className: link, textContent: it.label }),
  ...(toCheck(it) ? [' ', el('span', { className: 'tag tag--check', textContent: s.tk.labels.checkMark })] : [])];
const entry = (id) => s.doc.items[id] || {};
const status = (e) => s.tk.labels.statuses[e.status || 'not-started'];

/** Wires up whichever of the two pages this is. */
export function start(session) {
  s = session;
  items = new Map(s.tk.items.map((it) => [it.id, it]));
  $('[data-rk-nojs]').hidden = true;
  for (const b of $$('[data-rk-print]')) b.addEventListener('click', () => window.print());
  for (const b of $$('[data-rk-csv]')) b.addEventListener('click', () => download(b.dataset.rkCsv));
  action = s.tk.organisationType == 'care-provider';
  const select = $('[data-rk-rules]');
  const pick = () => {
    rules = action ? null : s.tk.rules.find((r) => r.id == (select ? select.value : s.tk.defaultRules)) || null;
  };
  pick();
  if (select) {
    select.addEventListener('change', () => {
      pick();
      check();
    });
  }
  if ($('[data-rk-plan]')) planFields();
  // What is typed in the plan is saved to the home it was typed for
  // before this tab follows another to a different home; then the page
  // shows that home (another tab's changes to this one's show on reload).
  // The field being typed in is left first: Chromium reports its change
  // as the rows are replaced, which would be too late.
  s.beforeLeaving(() => {
    const field = document.activeElement;
    if (field && field.closest('[data-rk-plan-rows]')) field.blur();
    timers.forEach((_, t) => save(t));
  });
  s.subscribe(() => token != s.token && fillIn());
  fillIn();
}

// Fills the page from the document open.
function fillIn() {
  token = s.token;
  touched.clear();
  const org = s.doc.organisation;
  const today = longDate(now().slice(0, 10));
  // The gap analysis opens with its figures, which name whom and when.
  $('[data-rk-report-for]').textContent = $('[data-rk-gaps]') ? editionLine(s.tk.edition) : reportFor(org, s.tk.edition, today);
  const head = $('[data-rk-headline]');
  if (head) head.textContent = headline(readiness(s.tk.items, s.doc), org, today, s.tk.labels.levels);
  // Printed on every page, as a repeating table header.
  for (const th of $$('[data-rk-running]')) th.textContent = runningHead(org, s.tk.edition, today);
  if ($('[data-rk-gaps]')) gaps();
  if ($('[data-rk-plan]')) plan();
}

// The gap analysis: readiness by standard, then the gaps by level.
function gaps() {
  result = analyse(s.tk.items, s.doc, rules, s.tk.edition.deadline);
  const ids = { approaching: [], met: [] };
  for (const id of result.gaps) ids[items.get(id).level].push(id);
  for (const level of ['approaching', 'met']) {
    $(`[data-rk-gap-count="${level}"]`).textContent = gapCount(ids[level].length);
    $(`[data-rk-gap-table="${level}"]`).hidden = !ids[level].length;
    $(`[data-rk-gap-rows="${level}"]`).replaceChildren(...ids[level].map((id) => {
      const it = items.get(id), e = entry(id);
      return el('tr', {},
        el('td', { className: 'rk-ref' }, ...refCell(it)),
        el('td', { textContent: it.title }),
        el('td', { textContent: String(it.standard) }),
        el('td', { textContent: status(e) }),
        el('td', { textContent: e.owner || '' }),
        el('td', { textContent: longDate(e.due) }),
        el('td', { textContent: e.evidence || '' }),
        el('td', { textContent: e.notes || '' }));
    }));
  }
  $('[data-rk-headline-notes]').replaceChildren(...headlineNotes(s.tk, s.doc, result.gaps).map((t) => el('p', { textContent: t })));
  $('[data-rk-standards]').replaceChildren(...byStandard(s.tk, s.doc).map(({ standard: st, done, total, allNA }) => el('tr', {},
    el('td', {}, el('a', { href: st.url, textContent: `${st.number}. ${st.name}` })),
    el('td', { textContent: allNA ? ALL_NA : `${done} of ${total}` }),
    el('td', {}, ...(allNA ? [] : [el('progress', { max: total, value: done, textContent: `${done} of ${total}` })])))));
  const na = notApplicableRows(s.tk, s.doc);
  $('[data-rk-na-none]').hidden = na.length > 0;
  $('[data-rk-na-table]').hidden = !na.length;
  // The reference alone: "Check in the toolkit" marks what is still to do.
  $('[data-rk-na-rows]').replaceChildren(...na.map(({ item: it, reason, counted }) => el('tr', {},
    el('td', { className: 'rk-ref' }, el('a', { href: it.url, textContent: it.label })),
    el('td', { textContent: it.title }),
    el('td', { textContent: String(it.standard) }),
    el('td', {}, el('span', { className: 'rk-reason', textContent: reason }), ...(counted ? [' ', el('strong', { textContent: STILL_COUNTED })] : [])))));
  // On a narrow screen each row reads as a list of its cells, each under
  // its column's name (site.css).
  for (const t of $$('[data-rk-gaps] .rk-table')) labelColumns(t);
  $('[data-rk-gaps]').hidden = false;
}

// The fields of a plan row, in the guidance's order, and how each is edited.
const FIELDS = [
  ['action', 'Actions', 'textarea'],
  ['milestones', 'Milestones, funding and resources', 'textarea'],
  ['owner', 'Owner', 'input'],
  ['priority', 'Priority', 'select'],
  ['localRef', 'Local reference', 'input'],
  ['due', 'Completion date', 'date'],
  ['dependencies', 'Dependencies', 'textarea'],
];

// One control with its label (read by screen readers, hidden on screen)
// and a copy of its value that only shows on paper, where boxes would cut
// text short.
function control(id, [field, label, kind]) {
  const name = `rk-plan-${field}-${id}`;
  const value = entry(id)[field] || '';
  let input;
  if (kind == 'select') {
    input = el('select', {}, ...['', 'high', 'medium', 'low'].map((v) => el('option', { value: v, textContent: v ? v[0].toUpperCase() + v.slice(1) : 'Choose' })));
  } else if (kind == 'textarea') {
    input = el('textarea', { rows: 3, maxLength: field == 'dependencies' ? 1000 : 2000 });
  } else {
    input = el('input', { type: kind == 'date' ? 'date' : 'text', maxLength: 1000, autocomplete: 'off' });
  }
  Object.assign(input, { id: name, value });
  input.dataset.field = field;
  input.dataset.item = id;
  // On paper: a date in words, a priority as its label ("High", not "high").
  const shown = () => kind == 'date' ? longDate(input.value) : kind == 'select' ? (input.value && input.selectedOptions[0].textContent) : input.value;
  const printed = el('span', { className: 'rk-print-value', textContent: shown() });
  input.addEventListener('input', () => {
    printed.textContent = shown();
  });
  return [el('label', { className: 'rk-plan__label', htmlFor: name }, label, el('span', { className: 'visually-hidden', textContent: ` for ${items.get(id).label}` })), input, printed];
}

// The plan: one row per gap, each field editable, problems beside it.
function plan() {
  result = analyse(s.tk.items, s.doc, rules, s.tk.edition.deadline);
  const rows = result.gaps.map((id) => {
    const it = items.get(id), e = entry(id);
    const cells = FIELDS.map((f) => el('td', { className: 'rk-plan__' + f[0] }, ...control(id, f)));
    // Only an improvement plan's rules can agree a later date.
    if (!action) {
      const exceptional = el('input', { type: 'checkbox', id: `rk-plan-exceptional-${id}`, checked: !!e.exceptional });
      exceptional.dataset.field = 'exceptional';
      exceptional.dataset.item = id;
      cells[5].append(el('label', { className: 'rk-choice rk-exceptional', htmlFor: exceptional.id }, exceptional, ' Exceptional: a later date is agreed'));
    }
    // Status sits with dependencies, as in the guidance's list.
    cells[6].prepend(el('p', { className: 'rk-plan__status', textContent: status(e) }));
    return el('tr', { id: 'plan-' + id },
      el('th', { scope: 'row' }, ...refCell(it, 'rk-ref'), ' ', it.title),
      ...cells,
      el('td', { className: 'rk-plan__problems' }, el('ul', { className: 'rk-problems' })));
  });
  $('[data-rk-plan-rows]').replaceChildren(...rows);
  if (!rows.length) {
    $('[data-rk-plan-rows]').append(el('tr', {}, el('td', { colSpan: 9, textContent: 'Every mandatory item is done: there is nothing to plan.' })));
  }
  check();
  $('[data-rk-plan]').hidden = false;
}

// Saves a plan field into the document the page was filled from (never
// into another home's: see session.js change).
function save(input) {
  clearTimeout(timers.get(input));
  timers.delete(input);
  const value = input.type == 'checkbox' ? input.checked : input.value;
  try {
    s.change((d) => setField(d, input.dataset.item, input.dataset.field, value, now()), { for: token, typed: input.type == 'checkbox' ? '' : value });
  } catch {
    tell(notSaved(input.dataset.item));
    return;
  }
  check();
}

// Saves the plan's fields as they are typed in, changed and left.
function planFields() {
  const rowsBox = $('[data-rk-plan-rows]');
  rowsBox.addEventListener('input', (ev) => {
    const t = ev.target;
    if (!t.dataset.field || t.type == 'checkbox' || t.type == 'date' || t.tagName == 'SELECT') return;
    clearTimeout(timers.get(t));
    timers.set(t, setTimeout(() => save(t), TYPING_PAUSE));
  });
  rowsBox.addEventListener('change', (ev) => {
    if (!ev.target.dataset.field) return;
    touched.add(ev.target.dataset.item);
    save(ev.target);
  });
  // Leaving a row's field counts as touching it, typed in or not, so the
  // row is judged from then on.
  rowsBox.addEventListener('focusout', (ev) => {
    const id = ev.target.dataset && ev.target.dataset.item;
    if (!id || touched.has(id)) return;
    touched.add(id);
    check();
  });
}

// Judges the touched rows again and shows beside each what it still needs
// (an action plan) or which rules it breaks (an improvement plan), and
// above the table a summary: in neutral words until a row is touched.
let lastVerdict = null;
function check() {
  if (!$('[data-rk-plan]')) return;
  result = analyse(s.tk.items, s.doc, rules, s.tk.edition.deadline);
  const byRow = new Map();
  for (const f of result.findings) byRow.set(f.id, [...(byRow.get(f.id) || []), f.message]);
  for (const row of $$('[data-rk-plan-rows] tr[id]')) {
    const id = row.id.slice(5), list = $('.rk-problems', row);
    const notes = !touched.has(id) ? [] : action ? [missingNote(s.doc, id)].filter(Boolean) : byRow.get(id) || [];
    list.replaceChildren(...notes.map((m) => el('li', { textContent: m })));
    list.classList.toggle('rk-todo', action);
    row.classList.toggle('rk-has-problems', !action && notes.length > 0);
    const ex = $('.rk-exceptional', row);
    if (ex) ex.hidden = !(rules && rules.exceptional);
  }
  const box = $('[data-rk-verdict]');
  const { lines, ok } = summary({ action, rules, touched: touched.size > 0, doc: s.doc, result });
  const text = lines.join(' ');
  box.replaceChildren(...lines.map((t) => el('p', { textContent: t })));
  box.className = 'rk-verdict ' + (ok ? (action || !touched.size ? 'rk-verdict--info' : 'rk-verdict--ok') : 'rk-verdict--no');
  if (lastVerdict !== null && text != lastVerdict) announce(text || 'Nothing to plan.');
  lastVerdict = text;
}

// Downloads the plan or the gaps as CSV that Excel opens as it should.
function download(which) {
  result = analyse(s.tk.items, s.doc, rules, s.tk.edition.deadline);
  const text = which == 'plan'
    ? toCSV(PLAN_COLUMNS, planRows(s.tk.items, s.doc, result, s.tk.labels))
    : toCSV(GAP_COLUMNS, gapRows(s.tk.items, s.doc, result, s.tk.labels));
  const who = slug(s.doc.organisation.name, 'readykit');
  saveFile(`${who}-${which == 'plan' ? (action ? 'action-plan' : 'improvement-plan') : 'gap-analysis'}-${now().slice(0, 10)}.csv`, 'text/csv;charset=utf-8', text);
  announce('The spreadsheet is downloading.');
}
