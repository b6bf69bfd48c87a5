// On an item's page: fills in its form from the saved progress and saves as
// the user works. "Not applicable" is saved only with a reason: choosing it
// shows the reason field, and the status is saved with the first reason
// that is not blank. app.js loads this where the page has a form.

import { setField } from './progress.js';
import { readiness } from './scoring.js';
import { changeSaid, notSaved } from './checklist-text.js';
import { askReason, reasonNeeded } from './reason-text.js';
import { nextReviewFrom } from './upkeep.js';
import { nextReviewLine } from './stayready-text.js';
import { $, $$, announce, tell, TYPING_PAUSE } from './dom.js';

const NA = 'not-applicable';

/** Fills every item form on the page, keeps it filled and saves what changes. */
export function start(session) {
  const { tk } = session;
  const byId = new Map(tk.items.map((it) => [it.id, it]));
  const entry = (id) => session.doc.items[id] || {};
  // Items whose form has "Not applicable" chosen but not saved, as no reason is given yet.
  const pending = new Set();
  // Which document (session.token) each control was filled from, and the
  // text fields typed in and not saved yet.
  const shown = new WeakMap(), typing = new Set();

  // A field being typed in is left alone, so an update from another tab
  // never eats what is being typed; unless this tab now shows another
  // home, whose value it must show.
  const fill = () => {
    for (const box of $$('[data-rk-item]')) {
      const id = box.dataset.rkItem, e = entry(id), s = pending.has(id) ? NA : e.status || 'not-started';
      for (const c of $$('[data-field]', box)) {
        if (c.type == 'radio') c.checked = c.value == s;
        else if (c.type == 'checkbox') c.checked = !!e.reviewed;
        else if (c != document.activeElement || shown.get(c) != session.token) c.value = e[c.dataset.field] || '';
        else continue;
        shown.set(c, session.token);
      }
      const why = $('[data-rk-reason-field]', box);
      if (why) why.hidden = s != NA;
      box.dataset.rkJs = 'on';
    }
  };

  // Saves fields of one item together ([field, value] pairs, in order),
  // into the document control c was filled from; false, with the user
  // told, when a value cannot be saved or that document is no longer open
  // (then c shows the open one's value: the message holds what was typed).
  const save = (id, pairs, c) => {
    const now = new Date().toISOString(), before = session.doc, typed = c.type == 'radio' || c.type == 'checkbox' ? '' : c.value;
    try {
      // Not saved but changed: on the page, and the user told (session.js).
      if (session.change((d) => pairs.reduce((d, [f, v]) => setField(d, id, f, v, now), d), { fill: false, for: shown.get(c), typed }) || session.doc != before) return true;
    } catch {
      tell(notSaved(id));
      return false;
    }
    fill();
    return false;
  };
  const said = (id, f, v) => announce(changeSaid(byId.get(id), f, v, readiness(tk.items, session.doc), tk.labels.statuses));

  const commit = (c) => {
    const box = c.closest('[data-rk-item]'), id = box.dataset.rkItem, f = c.dataset.field;
    const value = c.type == 'checkbox' ? c.checked : c.value;
    typing.delete(c);
    clearTimeout(timers.get(c));
    if (f == 'status') {
      const why = $('[data-rk-reason-field]', box);
      if (why) why.hidden = value != NA;
      pending.delete(id);
      if (value == NA && !(entry(id).reason || '').trim()) {
        pending.add(id);
        return announce(askReason(byId.get(id)));
      }
      if (save(id, [['status', value]], c)) said(id, f, value);
      return;
    }
    if (f == 'reason') {
      // A blank reason would leave "not applicable" without one.
      if (!value.trim() && (pending.has(id) || entry(id).status == NA)) return announce(reasonNeeded);
      const pairs = [['reason', value]];
      if (pending.has(id)) pairs.push(['status', NA]);
      if (save(id, pairs, c) && pending.delete(id)) said(id, 'status', NA);
      return;
    }
    // Text as it is saved already: nothing to save (a field refilled for another home).
    if (f != 'reviewed' && value == (entry(id)[f] || '')) return;
    if (save(id, [[f, value]], c) && f == 'reviewed') said(id, f, value);
  };

  // Saves text a moment after typing stops, and at once when the field is
  // left; a reason only when it is complete, on leaving its field.
  const timers = new WeakMap();
  const field = (t) => t.closest && t.closest('[data-rk-item]') && t.dataset.field;
  document.addEventListener('change', (e) => {
    if (field(e.target)) commit(e.target);
  });
  document.addEventListener('input', (e) => {
    const c = e.target;
    if (!field(c) || c.type == 'radio' || c.type == 'checkbox') return;
    typing.add(c);
    if (c.type == 'date' || c.dataset.field == 'reason') return;
    clearTimeout(timers.get(c));
    timers.set(c, setTimeout(() => commit(c), TYPING_PAUSE));
  });
  // Before this tab follows another to a different home, what is typed
  // here is saved to the home it was typed for; "Not applicable" still
  // waiting for its reason is not carried over.
  session.beforeLeaving(() => {
    typing.forEach(commit);
    pending.clear();
  });

  // When the evidence is next due for review, from the date done (or the
  // publication), kept current as either changes here or in another tab.
  const nextReviews = () => {
    for (const box of $$('[data-rk-item]')) {
      const line = $('[data-rk-next-review]', box), e = entry(box.dataset.rkItem);
      if (line) line.textContent = nextReviewLine(nextReviewFrom(byId.get(box.dataset.rkItem), e, session.doc.published), e.status);
    }
  };

  session.subscribe((why) => {
    if (why.fill) fill();
    nextReviews();
  });
  nextReviews();
  fill();
}
