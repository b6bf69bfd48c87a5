// The checklist's filter on the page: shows the items that match the choice
// made (by status, standard, level and who usually does it), hides a
// standard with none, keeps the choice in the address so a link or a reload
// shows the same, and says how many items are shown. app.js loads it when
// the address holds a choice or the reader first makes one. The logic is in
// filter-text.js.

import { FILTER_KEYS, filterQuery, matches, readFilter, showing } from './filter-text.js';
import { $, $$, announce } from './dom.js';

/** Applies the form's choice now (saying the count when say) and whenever it changes. */
export function start(session, say = false) {
  const form = $('[data-rk-filter]');
  const rows = $$('[data-rk-task]');
  const control = (k) => form.elements[k];

  // A choice from the address that no control offers is dropped.
  const fromQuery = readFilter(location.search);
  for (const k of FILTER_KEYS) {
    if (fromQuery[k] && [...control(k).options].some((o) => o.value == fromQuery[k])) control(k).value = fromQuery[k];
  }

  // A row whose status changes stays in view until the choice changes, so
  // what the reader is working on does not vanish under her.
  const apply = (say) => {
    const f = Object.fromEntries(FILTER_KEYS.map((k) => [k, control(k).value]));
    let n = 0;
    for (const row of rows) {
      const e = session.doc.items[row.dataset.rkTask];
      const d = row.dataset;
      const show = matches({ status: (e && e.status) || 'not-started', standard: d.standard, level: d.level, who: d.who.split(' ') }, f);
      row.hidden = !show;
      n += show;
    }
    for (const s of $$('[data-rk-section]')) s.hidden = !$('[data-rk-task]:not([hidden])', s);
    const text = showing(n, rows.length);
    $('[data-rk-filter-count]', form).textContent = text;
    history.replaceState(history.state, '', (filterQuery(f) || location.pathname) + location.hash);
    if (say) announce(text);
  };
  form.addEventListener('change', () => apply(true));
  form.addEventListener('submit', (e) => e.preventDefault());
  apply(say);
}
