// The evidence register page: every item with its status, where its
// evidence is kept, who holds it, when it was done and is next due for
// review, and why it is not applicable; printed, or downloaded as CSV.
// The rows are plan.js's registerRows, the same that the CSV holds and
// readykit report writes; the page shows their dates in words. Loaded only
// on that page; the words are in register-text.js. Every value from the
// progress goes in as text.

import { REGISTER_COLUMNS, registerRows } from './plan.js';
import { toCSV } from './csv.js';
import { localToday } from './programme.js';
import { longDate } from './words.js';
import { registerFile, registerFor, registerHead, registerSummary } from './register-text.js';
import { $, $$, announce, el, saveFile, slug } from './dom.js';

// The columns holding dates: done or last reviewed, next review due.
const DATES = new Set([7, 8]);

let s; // the session (session.js)

/** Fills the register from the saved progress, and again when it changes. */
export function start(session) {
  s = session;
  $('[data-rk-nojs]').hidden = true;
  for (const b of $$('[data-rk-print]')) b.addEventListener('click', () => window.print());
  for (const b of $$('[data-rk-csv]')) b.addEventListener('click', download);
  // Another tab saved, or a profile changed: show what is saved now.
  s.subscribe(show);
  show();
  $('[data-rk-register]').hidden = false;
}

function show() {
  const today = longDate(localToday());
  const org = s.doc.organisation;
  const rows = registerRows(s.tk.items, s.doc, s.tk.labels);
  $('[data-rk-report-for]').textContent = registerFor(org, s.tk.edition, today);
  $('[data-rk-register-summary]').textContent = registerSummary(rows, s.tk.labels, s.doc.published);
  for (const th of $$('[data-rk-running]')) th.textContent = registerHead(org, s.tk.edition, today);
  $('[data-rk-register-rows]').replaceChildren(...rows.map((r, i) => el('tr', {}, ...r.map((cell, c) => {
    const td = el('td', {});
    // Its column's name, shown beside the value when the table is
    // stacked on a narrow screen (site.css), as no markup can carry it.
    td.dataset.col = REGISTER_COLUMNS[c];
    if (c == 0) td.append(el('a', { href: s.tk.items[i].url, className: 'rk-ref', textContent: cell }));
    else td.textContent = DATES.has(c) ? longDate(cell) || cell : cell;
    return td;
  }))));
}

// Downloads the register as CSV that Excel opens as it should.
function download() {
  const text = toCSV(REGISTER_COLUMNS, registerRows(s.tk.items, s.doc, s.tk.labels));
  saveFile(registerFile(slug(s.doc.organisation.name, 'readykit'), localToday()), 'text/csv;charset=utf-8', text);
  announce('The spreadsheet is downloading.');
}
