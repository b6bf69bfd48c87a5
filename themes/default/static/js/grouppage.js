// The group page (/group/): head office or a consultant picks the progress
// files their care homes downloaded, and sees a row for each home. The
// files are read here, on this device, and sent nowhere; the page never
// opens the saved progress of this browser (it makes no session). What a
// row holds is group.js's, which node tests with the vectors Go's readykit
// report passes too. Every value from a file goes in as text.

import { DATE_COLUMNS, GROUP_COLUMNS, MAX_FILES, groupRow, readGroupFile } from './group.js';
import { toCSV } from './csv.js';
import { localToday } from './programme.js';
import { LIMITS } from './progress.js';
import { count, longDate } from './words.js';
import { $, announce, el, labelColumns, saveFile, tell } from './dom.js';

// A file larger than this is read only as far as the limit, which is
// enough to refuse it, so a film picked by mistake is not read whole.
const READ_WHOLE = 16 * LIMITS.importBytes;

let tk; // toolkit.json
let rows = []; // the rows shown, for the CSV

async function start() {
  const root = $('[data-rk-group]');
  if (!root) return;
  $('[data-rk-nojs]').hidden = true;
  try {
    tk = await (await fetch(new URL('../data/toolkit.json', import.meta.url))).json();
  } catch {
    tell('The page could not load its list of items, so it cannot read the files. Try reloading the page.');
    return;
  }
  const input = $('[data-rk-group-files]');
  input.addEventListener('change', () => show([...input.files]));
  // The browser's own print dialog; site.css lays the table out for paper.
  $('[data-rk-group-print]').addEventListener('click', () => print());
  $('[data-rk-group-csv]').addEventListener('click', download);
  root.hidden = false;
  root.dataset.rkGroupReady = 'yes';
}

// Reads the picked files, in the order picked, and shows a row for each
// one that can be used and, above the table, each one that cannot and why.
async function show(files) {
  const today = localToday();
  const skipped = files.slice(MAX_FILES).map((f) => ({ name: f.name, message: `Only the first ${MAX_FILES} files are read, so this one was left out.` }));
  rows = [];
  for (const f of files.slice(0, MAX_FILES)) {
    let r;
    try {
      const bytes = await (f.size > READ_WHOLE ? f.slice(0, LIMITS.importBytes + 1) : f).arrayBuffer();
      r = readGroupFile(bytes, tk);
    } catch {
      r = { ok: false, message: 'This file could not be read from this device. Check that it is still there, and choose it again.' };
    }
    if (r.ok) rows.push(groupRow(r.doc, f.name, tk, today));
    else skipped.push({ name: f.name, message: r.message });
  }

  const box = $('[data-rk-group-errors]');
  $('[data-rk-group-errors-title]').textContent = `${count(skipped.length, 'file', 'files')} could not be used`;
  $('[data-rk-group-error-list]').replaceChildren(...skipped.map((s) => el('li', {}, el('strong', { textContent: s.name }), `: ${s.message}`)));
  box.hidden = !skipped.length;

  const table = $('[data-rk-group-rows]');
  table.replaceChildren(...rows.map((r) => el('tr', {}, ...r.map((cell, c) => el('td', { textContent: DATE_COLUMNS.includes(c) ? longDate(cell) || cell : cell })))));
  labelColumns(table.closest('table'));
  $('[data-rk-running]').textContent = `DSPT readiness across care homes · ${tk.edition.title} · made ${longDate(today)}`;
  const summary = rows.length
    ? `${count(rows.length, 'care home', 'care homes')}, one row for each file.${skipped.length ? ` ${count(skipped.length, 'file', 'files')} could not be used: see the list above the table.` : ''}`
    : 'None of the files could be used, so there is nothing to show.';
  $('[data-rk-group-summary]').textContent = summary;
  $('[data-rk-group-result]').hidden = !rows.length;
  // The list of problems is read first, as a form's error summary is.
  if (skipped.length) box.focus();
  else announce(summary);
}

// Downloads the table as CSV that Excel opens as it should.
function download() {
  saveFile(`care-homes-${localToday()}.csv`, 'text/csv;charset=utf-8', toCSV(GROUP_COLUMNS, rows));
  announce('The spreadsheet is downloading.');
}

start();
