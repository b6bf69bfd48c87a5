// What the evidence register page says, made from the toolkit and the
// document alone so that node can test it (register.js puts it on the
// page). The rows themselves are plan.js's registerRows.

import { count, longDate } from './words.js';


/**
 * The line under the heading: "For Oak House, ODS code AB123, made on 2
 * December 2026. Data Security and Protection Toolkit, 2026-27 edition."
 * @param {{name?: string, odsCode?: string}} org the document's organisation
 * @param {{title: string}} edition toolkit.json's edition
 * @param {string} today today in words
 */
export function registerFor(org, edition, today) {
  const who = org && org.name ? `For ${org.name}${org.odsCode ? ', ODS code ' + org.odsCode : ''}, made on ${today}.` : `Made on ${today}.`;
  return `${who} Data Security and Protection Toolkit, ${edition.title} edition.`;
}

/** The header printed on every page: "Evidence register · Oak House · DSPT 2026-27 · 2 December 2026". */
export const registerHead = (org, edition, today) => `Evidence register · ${org && org.name ? org.name + ' · ' : ''}DSPT ${edition.title} · ${today}`;

/**
 * How the register stands, in one sentence: "55 items: 12 done, 3 not
 * applicable, 40 still to do. You published the toolkit on 2 December
 * 2026, at Approaching Standards." Counted from the rows' status cells, so
 * it says what the table shows.
 * @param {string[][]} rows registerRows
 * @param {{statuses: object, levels: object}} labels toolkit.json's labels
 * @param {{date?: string, level?: string}|undefined} published the document's publication
 */
export function registerSummary(rows, labels, published) {
  const n = (status) => rows.filter((r) => r[4] == labels.statuses[status]).length;
  const done = n('met'), na = n('not-applicable');
  let text = `${count(rows.length, 'item', 'items')}: ${done} done, ${na} not applicable, ${rows.length - done - na} still to do.`;
  const date = published && longDate(published.date);
  const level = published && labels.levels[published.level];
  if (date) text += ` You published the toolkit on ${date}${level ? ', at ' + level : ''}.`;
  return text;
}

/** The CSV file's name: oak-house-evidence-register-2026-12-02.csv. */
export const registerFile = (who, today) => `${who}-evidence-register-${today}.csv`;
