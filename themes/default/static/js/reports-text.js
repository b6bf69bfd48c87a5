// What the gap analysis and plan pages say, made from the toolkit and the
// document alone so that node can test it (reports.js puts it on the page).
// The rules are plan.js's and scoring.js's; this only puts them in words.

import { actionSummary, verdict } from './plan.js';
import { readiness } from './scoring.js';
import { count } from './words.js';

/**
 * The line under the report's heading: "For Oak House, ODS code AB123.
 * Data Security and Protection Toolkit, 2026-27 edition (publish by 30 June
 * 2027). Made on 2 December 2026."
 * @param {{name?: string, odsCode?: string}} org the document's organisation
 * @param {{title: string, deadlineText: string}} edition toolkit.json's edition
 * @param {string} today today in words
 */
export const reportFor = (org, edition, today) =>
  `${org.name ? 'For ' + org.name + (org.odsCode ? ', ODS code ' + org.odsCode : '') + '. ' : ''}Data Security and Protection Toolkit, ${edition.title} edition (publish by ${edition.deadlineText}). Made on ${today}.`;

/** The header printed on every page of the report: "Oak House · DSPT 2026-27 · 2 December 2026". */
export const runningHead = (org, edition, today) => `${org.name ? org.name + ' · ' : ''}DSPT ${edition.title} · ${today}`;

/** How many gaps a level has: "3 items", "1 item" or "nothing". */
export const gapCount = (n) => (n ? count(n, 'item', 'items') : 'nothing');

/**
 * The gap analysis's table by standard: each standard with anything
 * needed, and how much of it is done, counted as for Standards Met
 * (scoring.js readiness, so the page and the summaries agree).
 * @returns {{standard: object, done: number, total: number}[]}
 */
export function byStandard(tk, doc) {
  const r = readiness(tk.items, doc).standards;
  return tk.standards.filter((st) => r[st.number] && r[st.number].total)
    .map((st) => ({ standard: st, done: r[st.number].done, total: r[st.number].total }));
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
