// Readiness: how far a care home is towards each publication level. The Go
// side computes the same figures from testdata/readiness, so keep the rules
// in step with it.

import { plural } from './words.js';

const tally = () => ({ done: 0, total: 0, blocking: [] });

/**
 * Readiness per level and per standard.
 * @param {{id: string, standard: number, level: string, notApplicable?: boolean}[]} items toolkit.json's items
 * @param {object|null} doc a progress document
 * @returns {{approaching: object, met: object, standards: object, optional: {done: number, total: number}}}
 */
export function readiness(items, doc) {
  const entries = (doc && doc.items) || {};
  const r = { approaching: tally(), met: tally(), standards: {}, optional: { done: 0, total: 0 } };
  for (const it of items) {
    const needed = it.level == 'approaching' || it.level == 'met';
    // Every standard named by an item appears, even one with nothing needed.
    const std = (r.standards[it.standard] ||= tally());
    const status = Object.hasOwn(entries, it.id) && entries[it.id] ? entries[it.id].status : '';
    // An item the care home says does not apply to it is not needed at all.
    if (status == 'not-applicable' && it.notApplicable) continue;
    const done = status == 'met';
    const add = (t) => {
      t.total++;
      if (done) t.done++;
      else if (t.blocking) t.blocking.push(it.id);
    };
    if (it.level == 'optional') add(r.optional);
    if (it.level == 'approaching') add(r.approaching);
    if (needed) add(r.met), add(std);
  }
  return r;
}

/**
 * A tally in words: "7 of 40 done". The home page also says how many items
 * there are (42), so when items marked not applicable have left the count,
 * it says how many did and why, or 40 would look like a mistake.
 * @param {{done: number, total: number}} t the tally, not-applicable items left out
 * @param {number} all how many items the tally has when none is left out
 * @returns {string}
 */
export function tallyText(t, all) {
  const text = `${t.done} of ${t.total} done`;
  const out = all - t.total;
  if (out <= 0) return text;
  if (out == all) return `${text}. You marked ${plural(all, 'the only item as not applicable, so it is not', `all ${all} items as not applicable, so none is`)} counted.`;
  return `${text}. You marked ${out} of the ${all} items as not applicable, so ${plural(out, 'it is', 'they are')} not counted.`;
}
