// The group view: one row per care home (or client) from the progress
// files their managers downloaded, for head office or a consultant. A file
// is read exactly as the Your progress page reads a backup (filetext.js,
// importer.js), and a row's figures are scoring.js's readiness and
// plan.js's gaps, so they agree with each home's own pages. Go's
// generator/report (NewGroupRow) gives the same rows from the shared
// vectors in testdata/group. Nothing here touches the page, the clock or
// the browser's storage, and nothing throws on odd input.

import { decodeFile } from './filetext.js';
import { parseImport } from './importer.js';
import { isDateTime, isObject, isSlug, quote, title } from './progress.js';
import { analyse } from './plan.js';
import { readiness } from './scoring.js';
import { isDate } from './words.js';

/** The group view's columns; Go's report.GroupColumns is the same list. */
export const GROUP_COLUMNS = ['Care home or client', 'ODS code', 'Site', 'Edition',
  'Approaching Standards: done', 'Approaching Standards: %', 'Standards Met: done', 'Standards Met: %',
  'Items overdue', 'Next deadline', 'Last export', 'File'];

/** The columns holding dates (YYYY-MM-DD in a row), which the page shows in words. */
export const DATE_COLUMNS = [9, 10];

/** The most files one group view reads; readykit report has the same limit. */
export const MAX_FILES = 500;

const own = (o, k) => (isObject(o) && Object.hasOwn(o, k) ? o[k] : undefined);
const text = (v) => (typeof v == 'string' ? v : '');

/**
 * Reads one picked file's bytes as the Your progress page reads a backup,
 * and refuses a file made on another site. Never throws.
 * @param {ArrayBuffer|Uint8Array} bytes the file's content
 * @param {{site: string, edition: {id: string}, items: object[], history?: object[]}} tk toolkit.json
 * @returns {{ok: true, doc: object}|{ok: false, message: string}}
 */
export function readGroupFile(bytes, tk) {
  const d = decodeFile(bytes);
  if (!d.ok) return { ok: false, message: d.message };
  // No time stamp of today's: a file without one shows no export date.
  const r = parseImport(d.text, { site: tk.site, edition: tk.edition.id, items: tk.items, history: tk.history || [], now: '' });
  if (!r.ok) return { ok: false, message: r.message };
  // The site the file names, which the reading above replaced with this
  // one's. A file that names none was saved by an older readykit, and is
  // shown, as readykit report shows it.
  const raw = own(JSON.parse(d.text), 'site'), site = isSlug(raw) ? raw : '';
  if (site && site !== tk.site) {
    return { ok: false, message: `This file was made on another site (${quote(site)}), not this one (${quote(tk.site)}), so it is left out. Check it is the right file.` };
  }
  return { ok: true, doc: { ...r.doc, site } };
}

/**
 * How much of a tally is done, in whole per cent rounded down, so that 100
 * means all of it; a level with nothing needed is 100. As Go's report (percent).
 * @param {{done: number, total: number}} t
 */
export const percent = (t) => (t.total ? Math.floor((t.done * 100) / t.total) : 100);

/**
 * One care home's row, cells in GROUP_COLUMNS order, as plain text.
 * @param {object} doc a document readGroupFile gave
 * @param {string} file the file's name
 * @param {{edition: {deadline: string}, items: object[]}} tk toolkit.json
 * @param {string} today YYYY-MM-DD
 * @returns {string[]}
 */
export function groupRow(doc, file, tk, today) {
  const org = isObject(own(doc, 'organisation')) ? doc.organisation : {};
  const r = readiness(Array.isArray(tk.items) ? tk.items : [], isObject(doc) ? doc : null);
  let overdue = 0, next = '';
  // The plan's rows are the gaps: mandatory items not done yet.
  for (const id of analyse(tk.items, doc, null, tk.edition.deadline).gaps) {
    const due = text(own(own(own(doc, 'items'), id), 'due'));
    // YYYY-MM-DD dates compare as text.
    if (!isDate(due)) continue;
    if (due < today) overdue++;
    else if (!next || due < next) next = due;
  }
  const updated = text(own(doc, 'updated'));
  const of = (t) => `${t.done} of ${t.total}`;
  return [text(org.name) || file, text(org.odsCode), text(own(doc, 'site')), title(text(own(doc, 'edition'))),
    of(r.approaching), percent(r.approaching) + '%', of(r.met), percent(r.met) + '%',
    String(overdue), next || text(tk.edition.deadline), isDateTime(updated) ? updated.slice(0, 10) : '', file];
}
