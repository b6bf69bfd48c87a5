// The gap analysis and plan pages: tables made from the saved progress,
// the plan's rows edited in place, and downloads as CSV. A care provider's
// plan is the Approaching Standards action plan, which nobody approves, so
// it only says what each row still needs; an NHS body's or local
// authority's improvement plan is checked against the chosen rule set.
// Either way a row is judged only once it has been touched, so a first
// visit shows no problems. Loaded only on those two pages. Every value
// from the progress goes in as text.

import { actionSummary, analyse, CHECK_MARK, gapRows, GAP_COLUMNS, missingNote, planRows, PLAN_COLUMNS, toCheck, verdict } from './plan.js';
import { toCSV } from './csv.js';
import { setField, STATUS_NAMES as STATUS } from './progress.js';
import { $, $$, announce, el, persist, render, saveFile, slug, tell } from './app.js';

const now = () => new Date().toISOString();
const TYPING_PAUSE = 400;

let s; // app.js's state
let items = new Map();
let rules = null;
let result = null;
// Whether this is a care provider's action plan rather than an improvement plan.
let action = true;
// The plan rows the user has left or changed; only these are judged.
const touched = new Set();

/** A YYYY-MM-DD date in words, such as 30 June 2026. */
function longDate(iso) {
  const d = new Date(iso + 'T00:00:00Z');
  return iso && !isNaN(d) ? d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : '';
}

const ref = (it) => it.ref || 'Reference to check';
// An item's reference, and beside it the mark when it is not confirmed.
const refCell = (it, link) => [el('a', { href: it.url, className: link, textContent: ref(it) }),
  ...(toCheck(it) ? [' ', el('span', { className: 'tag tag--check', textContent: CHECK_MARK })] : [])];
const entry = (id) => s.doc.items[id] || {};

/** Wires up whichever of the two pages this is. */
export function start(state) {
  s = state;
  items = new Map(s.tk.items.map((it) => [it.id, it]));
  $('[data-rk-nojs]').hidden = true;
  const org = s.doc.organisation;
  const today = longDate(now().slice(0, 10));
  $('[data-rk-report-for]').textContent = `${org.name ? 'For ' + org.name + (org.odsCode ? ', ODS code ' + org.odsCode : '') + '. ' : ''}Data Security and Protection Toolkit, ${s.tk.edition.title} edition (publish by ${longDate(s.tk.edition.deadline)}). Made on ${today}.`;
  // Printed on every page, as a repeating table header.
  for (const th of $$('[data-rk-running]')) th.textContent = `${org.name ? org.name + ' · ' : ''}DSPT ${s.tk.edition.title} · ${today}`;
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
  if ($('[data-rk-gaps]')) gaps();
  if ($('[data-rk-plan]')) plan();
}

// The gap analysis: readiness by standard, then the gaps by level.
function gaps() {
  result = analyse(s.tk.items, s.doc, rules, s.tk.edition.deadline);
  const ids = { approaching: [], met: [] };
  for (const id of result.gaps) ids[items.get(id).level].push(id);
  for (const level of ['approaching', 'met']) {
    $(`[data-rk-gap-count="${level}"]`).textContent = ids[level].length ? `${ids[level].length} ${ids[level].length == 1 ? 'item' : 'items'}` : 'nothing';
    $(`[data-rk-gap-table="${level}"]`).hidden = !ids[level].length;
    $(`[data-rk-gap-rows="${level}"]`).replaceChildren(...ids[level].map((id) => {
      const it = items.get(id), e = entry(id);
      return el('tr', {},
        el('td', { className: 'rk-ref' }, ...refCell(it)),
        el('td', { textContent: it.title }),
        el('td', { textContent: String(it.standard) }),
        el('td', { textContent: STATUS[e.status || 'not-started'] }),
        el('td', { textContent: e.owner || '' }),
        el('td', { textContent: longDate(e.due) }),
        el('td', { textContent: e.evidence || '' }),
        el('td', { textContent: e.notes || '' }));
    }));
  }
  // Needed items by standard, counted as for Standards Met.
  const tally = new Map(s.tk.standards.map((st) => [st.number, { done: 0, total: 0 }]));
  const gapSet = new Set(result.gaps);
  for (const it of s.tk.items) {
    const e = entry(it.id), t = tally.get(it.standard);
    if (!t || it.level == 'optional' || (it.notApplicable && e.status == 'not-applicable')) continue;
    t.total++;
    if (!gapSet.has(it.id)) t.done++;
  }
  $('[data-rk-standards]').replaceChildren(...s.tk.standards.filter((st) => tally.get(st.number).total).map((st) => {
    const t = tally.get(st.number);
    return el('tr', {},
      el('td', {}, el('a', { href: st.url, textContent: `${st.number}. ${st.name}` })),
      el('td', { textContent: `${t.done} of ${t.total}` }),
      el('td', {}, el('progress', { max: t.total, value: t.done, textContent: `${t.done} of ${t.total}` })));
  }));
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
  return [el('label', { className: 'rk-plan__label', htmlFor: name }, label, el('span', { className: 'visually-hidden', textContent: ` for ${ref(items.get(id))}` })), input, printed];
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
    cells[6].prepend(el('p', { className: 'rk-plan__status', textContent: STATUS[e.status || 'not-started'] }));
    return el('tr', { id: 'plan-' + id },
      el('th', { scope: 'row' }, ...refCell(it, 'rk-ref'), ' ', it.title),
      ...cells,
      el('td', { className: 'rk-plan__problems' }, el('ul', { className: 'rk-problems' })));
  });
  $('[data-rk-plan-rows]').replaceChildren(...rows);
  if (!rows.length) {
    $('[data-rk-plan-rows]').append(el('tr', {}, el('td', { colSpan: 9, textContent: 'Every mandatory item is done: there is nothing to plan.' })));
  }
  const timers = new WeakMap();
  const save = (input) => {
    const value = input.type == 'checkbox' ? input.checked : input.value;
    try {
      s.doc = setField(s.doc, input.dataset.item, input.dataset.field, value, now());
    } catch {
      tell(`That could not be saved for item ${input.dataset.item}: check what you typed.`);
      return;
    }
    persist();
    render();
    check();
  };
  const rowsBox = $('[data-rk-plan-rows]');
  rowsBox.addEventListener('input', (ev) => {
    const t = ev.target;
    if (!t.dataset.field || t.type == 'checkbox' || t.type == 'date' || t.tagName == 'SELECT') return;
    clearTimeout(timers.get(t));
    timers.set(t, setTimeout(() => save(t), TYPING_PAUSE));
  });
  rowsBox.addEventListener('change', (ev) => {
    if (!ev.target.dataset.field) return;
    clearTimeout(timers.get(ev.target));
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
  check();
  $('[data-rk-plan]').hidden = false;
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
  let lines, ok = true;
  if (action) {
    lines = [actionSummary(s.doc, result)];
  } else if (!rules) {
    lines = [actionSummary(s.doc, result)];
  } else {
    const intro = `${rules.title} applies to ${rules.whom}.`;
    if (!touched.size) {
      lines = [intro, actionSummary(s.doc, result)];
    } else {
      ok = result.agreed;
      lines = [intro, result.agreed ? (result.gaps.length ? `This plan meets every rule of ${rules.title}.` : '') : verdict(result, rules), ...(byRow.get('') || [])];
    }
  }
  const text = lines.filter(Boolean).join(' ');
  box.replaceChildren(...lines.filter(Boolean).map((t) => el('p', { textContent: t })));
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
