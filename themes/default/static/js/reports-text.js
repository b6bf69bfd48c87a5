// What the gap analysis and plan pages say, made from the toolkit and the
// document alone so that node can test it (reports.js puts it on the page).
// The rules are plan.js's and scoring.js's; this only puts them in words.

import { actionSummary, toCheck, verdict } from './plan.js';
import { readiness } from './scoring.js';
import { count, plural } from './words.js';

const needed = (it) => it.level == 'approaching' || it.level == 'met';
// The document's entry for an item, own properties only (an id such as
// "constructor" must not reach Object.prototype).
const entryOf = (doc, id) => {
  const items = (doc && doc.items) || {};
  return (Object.hasOwn(items, id) && items[id]) || {};
};
const isNA = (doc, it) => entryOf(doc, it.id).status == 'not-applicable';

/**
 * The line under the report's heading: "For Oak House, ODS code AB123.
 * Data Security and Protection Toolkit, 2026-27 edition (publish by 30 June
 * 2027). Made on 2 December 2026."
 * @param {{name?: string, odsCode?: string}} org the document's organisation
 * @param {{title: string, deadlineText: string}} edition toolkit.json's edition
 * @param {string} today today in words
 */
export const reportFor = (org, edition, today) =>
  `${org.name ? 'For ' + whom(org) + '. ' : ''}${editionLine(edition)} Made on ${today}.`;

const whom = (org) => org.name + (org.odsCode ? ', ODS code ' + org.odsCode : '');

/** "Data Security and Protection Toolkit, 2026-27 edition (publish by 30 June 2027)." */
export const editionLine = (edition) => `Data Security and Protection Toolkit, ${edition.title} edition (publish by ${edition.deadlineText}).`;

/**
 * The sentence the gap analysis opens with, on screen and on paper:
 * "Approaching Standards: 4 of 25 done. Standards Met: 9 of 45 done. Made
 * on 2 December 2026 for Oak House." The figures are scoring.js's, so
 * they are the ones every other page gives.
 * @param {{approaching: {done: number, total: number}, met: {done: number, total: number}}} r scoring.js readiness
 * @param {{name?: string, odsCode?: string}} org the document's organisation
 * @param {string} today today in words
 * @param {object} levels toolkit.json's labels.levels
 */
export const headline = (r, org, today, levels) =>
  `${['approaching', 'met'].map((l) => `${levels[l]}: ${r[l].done} of ${r[l].total} done.`).join(' ')} Made on ${today}${org.name ? ' for ' + whom(org) : ''}.`;

/**
 * What a reader of the figures must also know, as lines: how many items
 * marked not applicable the counts leave out, and how many of the items
 * still to do carry the "Check in the toolkit" mark. Empty when neither.
 * The line names the mark in its own words, not the mark itself, so that
 * a page or printout holds the mark only beside references.
 * @param {{items: object[]}} tk toolkit.json
 * @param {object|null} doc the document
 * @param {string[]} gaps plan.js analyse's gaps: the items still to do
 */
export function headlineNotes(tk, doc, gaps) {
  const lines = [];
  const out = tk.items.filter((it) => needed(it) && it.notApplicable && isNA(doc, it)).length;
  if (out) lines.push(`${count(out, 'item', 'items')} you marked not applicable ${plural(out, 'is', 'are')} left out of these figures; the reasons are under "Not applicable decisions".`);
  const byId = new Map(tk.items.map((it) => [it.id, it]));
  const check = gaps.filter((id) => byId.has(id) && toCheck(byId.get(id))).length;
  if (check) {
    lines.push(`${plural(check, 'One item', `${check} items`)} still to do ${plural(check, 'is', 'are')} marked to check in the toolkit: ${plural(check, 'its', 'their')} reference or wording here is not confirmed, so look ${plural(check, 'it', 'them')} up in the toolkit itself.`);
  }
  return lines;
}

/**
 * Every item marked not applicable, in the toolkit's order, with the
 * reason given for it, or tk.labels.noReason when none was (a document from a file
 * may have none). `counted` is true for an item the toolkit does not let
 * be not applicable: it stays in the figures, and the page says so.
 * @returns {{item: object, reason: string, counted: boolean}[]}
 */
export function notApplicableRows(tk, doc) {
  return tk.items.filter((it) => isNA(doc, it)).map((it) => {
    const reason = entryOf(doc, it.id).reason;
    return { item: it, reason: (typeof reason == 'string' && reason.trim()) || tk.labels.noReason, counted: !it.notApplicable && needed(it) };
  });
}

/** What the page says beside an item marked not applicable that still counts. */
export const STILL_COUNTED = 'The toolkit does not let this item be not applicable, so it is still counted as needed.';

/** What the readiness table says for a standard whose needed items are all not applicable. */
export const ALL_NA = 'All items not applicable';

/** The header printed on every page of the report: "Oak House · DSPT 2026-27 · 2 December 2026". */
export const runningHead = (org, edition, today) => `${org.name ? org.name + ' · ' : ''}DSPT ${edition.title} · ${today}`;

/** How many gaps a level has: "3 items", "1 item" or "nothing". */
export const gapCount = (n) => (n ? count(n, 'item', 'items') : 'nothing');

/**
 * The gap analysis's table by standard: each standard with anything
 * needed, and how much of it is done, counted as for Standards Met
 * (scoring.js readiness, so the page and the summaries agree). scoring.js
 * leaves items marked not applicable out of the count, so a standard
 * whose needed items are all not applicable counts 0 of 0: it stays in
 * the table with allNA set, for the page to say so rather than drop it.
 * A standard with no needed item at all (only optional ones) is left off.
 * @returns {{standard: object, done: number, total: number, allNA: boolean}[]}
 */
export function byStandard(tk, doc) {
  const r = readiness(tk.items, doc).standards;
  const hasNeeded = new Set(tk.items.filter(needed).map((it) => it.standard));
  return tk.standards.filter((st) => hasNeeded.has(st.number)).map((st) => {
    const t = r[st.number] || { done: 0, total: 0 };
    return { standard: st, done: t.done, total: t.total, allNA: t.total == 0 };
  });
}

/**
 * The plan's summary above the table, and whether it is good news.
 * A care provider's action plan (action) and a plan with no rule set say
 * how much is written; an improvement plan says which rule set applies and,
 * once a row was touched, whether the plan meets it.
 * @param {object} o
 * @param {boolean} o.action whether this is a care provider's action plan
 * @param {object|null} o.rules the rule set in use
 * @param {boolean} o.touched whether the user has touched any row
 * @param {object} o.doc the document
 * @param {object} o.result plan.js analyse's result
 * @returns {{lines: string[], ok: boolean}} lines never holds an empty one
 */
export function summary({ action, rules, touched, doc, result }) {
  if (action || !rules) return { lines: [actionSummary(doc, result)], ok: true };
  const intro = `${rules.title} applies to ${rules.whom}.`;
  if (!touched) return { lines: [intro, actionSummary(doc, result)], ok: true };
  const lines = [intro, result.agreed ? (result.gaps.length ? `This plan meets every rule of ${rules.title}.` : '') : verdict(result, rules),
    ...result.findings.filter((f) => f.id == '').map((f) => f.message)];
  return { lines: lines.filter(Boolean), ok: result.agreed };
}
