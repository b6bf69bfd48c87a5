// On every page: fills in and listens to the item controls the pages already
// hold (they stay hidden without JavaScript), saves as the user works, and
// keeps the summaries, the organisation's name in the header and the
// "saved at" lines current. The words are in checklist-text.js.

import { setField } from './progress.js';
import { readiness, tallyText } from './scoring.js';
import { changeSaid, itemName, notSaved, orgLine, remindBackup, savedLine } from './checklist-text.js';
import { $, $$, announce, el, tell, TYPING_PAUSE } from './dom.js';

/** Fills the page, keeps it filled and saves what the user changes. */
export function start(session) {
  const { tk } = session;
  const byId = new Map(tk.items.map((it) => [it.id, it]));

  // Fills every item's controls from the document. A field being typed in is
  // left alone, so an update from another tab never eats what is being typed.
  const fill = () => {
    for (const box of $$('[data-rk-item]')) {
      const e = session.doc.items[box.dataset.rkItem] || {};
      for (const c of $$('[data-field]', box)) {
        if (c.type == 'radio') c.checked = c.value == (e.status || 'not-started');
        else if (c.type == 'checkbox') c.checked = !!e.reviewed;
        else if (c != document.activeElement) c.value = e[c.dataset.field] || '';
      }
      box.hidden = false;
    }
  };

  const render = () => {
    const doc = session.doc, org = doc.organisation;
    const r = readiness(tk.items, doc);
    // The same tallies with nothing marked not applicable: what the page's
    // own counts of items say.
    const all = readiness(tk.items, null);
    for (const box of $$('[data-rk-summary]')) {
      for (const tally of $$('[data-rk-tally]', box)) {
        const k = tally.dataset.rkTally;
        const t = r[k] || r.standards[k] || { done: 0, total: 0, blocking: [] };
        $('[data-rk-count]', tally).textContent = tallyText(t, (all[k] || all.standards[k] || t).total);
        const bar = $('[data-rk-bar]', tally);
        bar.max = t.total || 1;
        bar.value = t.done;
        const list = t.blocking.map((id) => el('li', {}, el('a', { href: byId.get(id).url, textContent: itemName(byId.get(id)) })));
        if (!list.length) list.push(el('li', { textContent: 'Nothing: every item is done.' }));
        $('[data-rk-blocking]', tally).replaceChildren(...list);
      }
      const line = $('[data-rk-org-line]', box);
      if (line) line.textContent = orgLine(org);
      box.hidden = false;
    }
    const who = $('[data-rk-who]');
    if (who) {
      $('[data-rk-org-name]', who).textContent = org.name || session.profile.name;
      who.hidden = !(org.name || session.profile.name);
    }
    for (const p of $$('[data-rk-saved]')) p.textContent = savedLine(doc);
    for (const p of $$('[data-rk-reminder]')) p.hidden = !remindBackup(doc);
  };

  // Records one change from an item's controls.
  const commit = (c) => {
    const id = c.closest('[data-rk-item]').dataset.rkItem, f = c.dataset.field;
    const value = c.type == 'checkbox' ? c.checked : c.value;
    try {
      session.change((d) => setField(d, id, f, value, new Date().toISOString()), { fill: false });
    } catch {
      tell(notSaved(id));
      return;
    }
    if (f == 'status' || f == 'reviewed') announce(changeSaid(byId.get(id), f, value, readiness(tk.items, session.doc), tk.labels.statuses));
  };

  // Saves text a moment after typing stops, and at once when the field is left.
  const timers = new WeakMap();
  const field = (t) => t.closest && t.closest('[data-rk-item]') && t.dataset.field;
  document.addEventListener('change', (e) => {
    if (!field(e.target)) return;
    clearTimeout(timers.get(e.target));
    commit(e.target);
  });
  document.addEventListener('input', (e) => {
    const c = e.target;
    if (!field(c) || c.type == 'radio' || c.type == 'checkbox' || c.type == 'date') return;
    clearTimeout(timers.get(c));
    timers.set(c, setTimeout(() => commit(c), TYPING_PAUSE));
  });

  session.subscribe((why) => {
    if (why.fill) fill();
    render();
  });
  fill();
  render();
}
