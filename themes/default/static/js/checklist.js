// On every page: fills in the item form on an item's page and the status tags
// and quick controls of the task lists (the checklist, a standard's page),
// saves as the user works, and keeps the summaries, the organisation's name
// in the header and the "saved at" lines current. What needs the script has
// its place kept on the page, unseen (data-rk-js), until it is filled in
// here, so nothing moves. The words are in checklist-text.js.

import { setField, STATUSES } from './progress.js';
import { readiness, tallyText } from './scoring.js';
import { askReason, changeSaid, itemName, notSaved, orgLine, reasonNeeded, remindBackup, savedLine, taskTag } from './checklist-text.js';
import { $, $$, announce, el, tell, TYPING_PAUSE } from './dom.js';

const NA = 'not-applicable';

/** Fills the page, keeps it filled and saves what the user changes. */
export function start(session) {
  const { tk } = session;
  const byId = new Map(tk.items.map((it) => [it.id, it]));
  const entry = (id) => session.doc.items[id] || {};
  const hasReason = (id) => !!(entry(id).reason || '').trim();
  // Items whose form has "Not applicable" chosen but not saved, as no
  // reason is given yet; and the task rows asking for one (id -> the box).
  const pending = new Set(), asking = new Map();
  let printing = false;

  // Fills every item form from the document. A field being typed in is left
  // alone, so an update from another tab never eats what is being typed.
  const fill = () => {
    for (const box of $$('[data-rk-item]')) {
      const id = box.dataset.rkItem, e = entry(id), s = pending.has(id) ? NA : e.status || 'not-started';
      for (const c of $$('[data-field]', box)) {
        if (c.type == 'radio') c.checked = c.value == s;
        else if (c.type == 'checkbox') c.checked = !!e.reviewed;
        else if (c != document.activeElement) c.value = e[c.dataset.field] || '';
      }
      const why = $('[data-rk-reason-field]', box);
      if (why) why.hidden = s != NA;
    }
  };

  // Every task row's tag, reason line and quick control.
  const tags = () => {
    for (const row of $$('[data-rk-task]')) {
      const id = row.dataset.rkTask, t = taskTag(session.doc.items[id]);
      const tag = $('[data-rk-tag]', row);
      tag.textContent = tk.labels.statuses[t.status];
      tag.dataset.status = t.status;
      const why = $('[data-rk-reason]', row);
      if (why) why.textContent = t.reason;
      const quick = $('[data-rk-quick]', row);
      if (quick && !asking.has(id)) {
        if (quick.length == 1) Object.assign(quick.options[0], { value: t.status, text: tk.labels.statuses[t.status] });
        quick.value = t.status;
      }
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
        // The list is made only while it can be seen: a page of shut lists
        // stays light.
        const list = printing || $('details', tally).open ? t.blocking.map((id) => el('li', {}, el('a', { href: byId.get(id).url, textContent: itemName(byId.get(id)) }))) : [];
        if (!list.length && !t.blocking.length) list.push(el('li', { textContent: 'Nothing: every item is done.' }));
        $('[data-rk-blocking]', tally).replaceChildren(...list);
      }
      const line = $('[data-rk-org-line]', box);
      if (line) line.textContent = orgLine(org);
    }
    const who = $('[data-rk-who]');
    if (who) {
      $('[data-rk-org-name]', who).textContent = org.name || session.profile.name;
      who.hidden = !(org.name || session.profile.name);
    }
    for (const p of $$('[data-rk-saved]')) p.textContent = savedLine(doc);
    for (const p of $$('[data-rk-reminder]')) p.hidden = !remindBackup(doc);
    tags();
  };

  // Saves fields of one item together ([field, value] pairs, in order);
  // false, with the user told, when a value cannot be saved.
  const save = (id, pairs, fill = false) => {
    const now = new Date().toISOString();
    try {
      session.change((d) => pairs.reduce((d, [f, v]) => setField(d, id, f, v, now), d), { fill });
    } catch {
      tell(notSaved(id));
      return false;
    }
    return true;
  };
  const said = (id, f, v) => announce(changeSaid(byId.get(id), f, v, readiness(tk.items, session.doc), tk.labels.statuses));

  // A new status from the item form or a quick control. "Not applicable"
  // is saved only with a reason: without one saved, it asks for one first.
  const setStatus = (id, s, ask) => {
    pending.delete(id);
    if (s == NA && !hasReason(id)) {
      ask();
      announce(askReason(byId.get(id)));
      return;
    }
    if (save(id, [['status', s]])) said(id, 'status', s);
  };

  // Records one change from an item form's controls.
  const commit = (c) => {
    const box = c.closest('[data-rk-item]'), id = box.dataset.rkItem, f = c.dataset.field;
    const value = c.type == 'checkbox' ? c.checked : c.value;
    if (f == 'status') {
      const why = $('[data-rk-reason-field]', box);
      if (why) why.hidden = value != NA;
      return setStatus(id, value, () => pending.add(id));
    }
    if (f == 'reason') {
      // A blank reason would leave "not applicable" without one.
      if (!value.trim() && (pending.has(id) || entry(id).status == NA)) return announce(reasonNeeded);
      const pairs = [['reason', value]];
      if (pending.has(id)) pairs.push(['status', NA]);
      if (save(id, pairs) && pending.delete(id)) said(id, 'status', NA);
      return;
    }
    if (save(id, [[f, value]]) && f == 'reviewed') said(id, f, value);
  };

  // The quick control's question, in the row: why the item does not apply.
  const ask = (row, id) => {
    const quick = $('[data-rk-quick]', row);
    const close = (back) => {
      box.remove();
      asking.delete(id);
      quick.value = taskTag(session.doc.items[id]).status;
      if (back) quick.focus();
    };
    const input = el('input', { type: 'text', id: `rk-ask-${id}`, maxLength: 500, autocomplete: 'off', value: entry(id).reason || '' });
    const problem = el('p', { className: 'rk-problems', id: `rk-ask-problem-${id}`, hidden: true, textContent: reasonNeeded });
    const ok = () => {
      if (!input.value.trim()) {
        problem.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', problem.id);
        announce(reasonNeeded);
        input.focus();
        return;
      }
      if (save(id, [['reason', input.value], ['status', NA]])) {
        close(true);
        said(id, 'status', NA);
      }
    };
    const button = (text, className, fn) => {
      const b = el('button', { type: 'button', className, textContent: text });
      b.addEventListener('click', fn);
      return b;
    };
    const box = el('div', { className: 'task__ask' },
      el('p', { className: 'rk-field' }, el('label', { htmlFor: input.id, textContent: 'Why does this item not apply to you?' }), input),
      problem,
      el('p', { className: 'rk-buttons' }, button('Save as not applicable', 'rk-button', ok), button('Cancel', 'rk-button rk-button--secondary', () => close(true))));
    input.addEventListener('keydown', (e) => {
      if (e.key == 'Enter') ok();
      else if (e.key == 'Escape') close(true);
    });
    if (asking.has(id)) asking.get(id).remove();
    asking.set(id, box);
    row.append(box);
    input.focus();
  };

  // A quick control holds only the status it shows until it is used; the
  // choices the item allows are added as it is reached.
  const choices = (e) => {
    const quick = e.target.closest && e.target.closest('[data-rk-quick]');
    if (!quick || quick.length > 1) return;
    const it = byId.get(quick.closest('[data-rk-task]').dataset.rkTask), now = quick.value;
    quick.replaceChildren(...STATUSES.filter((s) => s != NA || it.notApplicable).map((s) => el('option', { value: s, text: tk.labels.statuses[s] })));
    quick.value = now;
  };
  document.addEventListener('focusin', choices);
  document.addEventListener('pointerdown', choices, true);

  // Saves text a moment after typing stops, and at once when the field is left.
  const timers = new WeakMap();
  const field = (t) => t.closest && t.closest('[data-rk-item]') && t.dataset.field;
  document.addEventListener('change', (e) => {
    const c = e.target;
    if (c.matches('[data-rk-quick]')) {
      const row = c.closest('[data-rk-task]'), id = row.dataset.rkTask;
      if (c.value != NA && asking.has(id)) {
        asking.get(id).remove();
        asking.delete(id);
      }
      return setStatus(id, c.value, () => ask(row, id));
    }
    if (!field(c)) return;
    clearTimeout(timers.get(c));
    commit(c);
  });
  document.addEventListener('input', (e) => {
    const c = e.target;
    if (!field(c) || c.type == 'radio' || c.type == 'checkbox' || c.type == 'date') return;
    clearTimeout(timers.get(c));
    // A reason is saved when it is complete: on leaving the field.
    if (c.dataset.field != 'reason') timers.set(c, setTimeout(() => commit(c), TYPING_PAUSE));
  });
  // A list of what is still to do is made when opened, or printed.
  document.addEventListener('toggle', (e) => e.target.matches('.rk-blocking') && render(), true);
  window.addEventListener('beforeprint', () => ((printing = true), render()));
  window.addEventListener('afterprint', () => ((printing = false), render()));

  session.subscribe((why) => {
    if (why.fill) fill();
    render();
  });
  fill();
  render();
  // Filled in: show what kept its place unseen.
  for (const e of $$('[data-rk-js]')) e.dataset.rkJs = 'on';
}
