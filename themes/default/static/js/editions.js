// Moving progress from one edition of the toolkit to a later one. Work is
// never thrown away: an entry whose item does not live on goes to `kept`.

import { isObject } from './progress.js';

/** The history steps leading from edition `from` to `to`, or null when there is no way. */
export function path(history, from, to) {
  const steps = [];
  for (let cur = from; cur !== to; ) {
    const step = Array.isArray(history) && history.find((h) => isObject(h) && h.from === cur);
    // A step seen twice means history goes round in a circle.
    if (!step || steps.includes(step)) return null;
    steps.push(step);
    cur = step.to;
  }
  return steps;
}

const time = (e) => Date.parse(e.updated) || 0;

/**
 * Moves a progress document to edition `to`, one history step at a time.
 * Organisation, profile, programme and dates are carried over unchanged.
 * @param {object} old a normalised progress document
 * @param {{to: string, history: object[], items?: object[], now?: string}} o
 *   `items` and `now` are accepted for the spec's signature but not needed:
 *   dates are carried over, and normalise sets aside ids the edition lacks.
 * @returns {{doc: object, moved: string[], kept: string[]}} moved: ids in
 *   doc.items that came across; kept: ids this move added to doc.kept
 */
export function migrate(old, { to, history }) {
  const steps = path(history, old.edition, to);
  const kept = { ...old.kept }, keptNow = new Set();
  // When two entries meet under one id, the later work wins and the other
  // entry is kept, so nothing is lost.
  const keep = (id, e, from) => {
    if (!kept[id] || time(e) >= time(kept[id])) kept[id] = { from, ...e };
    keptNow.add(id);
  };
  let items = { ...old.items };
  for (const step of steps || [{ from: old.edition, carried: {} }]) {
    const next = {}, src = {};
    for (const [id, e] of Object.entries(items)) {
      const nid = isObject(step.carried) && Object.hasOwn(step.carried, id) ? step.carried[id] : '';
      if (!nid) keep(id, e, step.from);
      else if (!Object.hasOwn(next, nid)) (next[nid] = e), (src[nid] = id);
      else if (time(e) > time(next[nid])) keep(src[nid], next[nid], step.from), (next[nid] = e), (src[nid] = id);
      else keep(id, e, step.from);
    }
    items = next;
  }
  const doc = { ...old, edition: to, items, kept };
  // The export time belonged to the old file, not to this document.
  delete doc.exported;
  return { doc, moved: Object.keys(items).sort(), kept: [...keptNow].sort() };
}
