// On every page: the status tags and quick controls of the task lists (the
// checklist, a standard's page), the summaries, the organisation's name in
// the header and the "saved at" lines, kept current and saved as the user
// works. What needs the script has its place kept on the page, unseen
// (data-rk-js), until it is filled in here, so nothing moves. The words are
// in checklist-text.js; an item's own form is itemform.js's.

import { setField, STATUSES } from './progress.js';
import { readiness, tallyText } from './scoring.js';
import { changeSaid, itemName, notSaved, orgLine, remindBackup, savedLine, taskTag } from './checklist-text.js';
import { $, $$, announce, el, tell } from './dom.js';

const NA = 'not-applicable';

/** Fills the page, keeps it filled and saves what the user changes. */
export function start(session) {
  const { tk } = session;
  const byId = new Map(tk.items.map((it) => [it.id, it]));
  // The task rows asking why an item does not apply: id -> what takes the question away.
  const asking = new Map();
  let printing = false;

  // Every task row's tag, reason line and quick control.
  const tags = () => {
    for (const row of $$('[data-rk-task]')) {
      const id = row.dataset.rkTask, t = taskTag(session.doc.items[id], tk.labels.noReason);
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
        if (!t.blocking.length) list.push(el('li', { textContent: 'Nothing: every item is done.' }));
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
    // Shown or hidden now: the room early.js kept is no longer needed.
    delete document.documentElement.dataset.rkNamed;
    delete document.documentElement.dataset.rkRemind;
    tags();
  };

  // Saves a status (with the reason, for "not applicable", into the
  // document it was asked for: session.js change) and says so.
  const save = (id, status, reason, token) => {
    const now = new Date().toISOString();
    try {
      // Refused, as this tab now shows another home: the question stays, with the reason typed.
      if (!session.change((d) => setField(reason == null ? d : setField(d, id, 'reason', reason, now), id, 'status', status, now), { fill: false, for: token, typed: reason }) && token && token != session.token) return false;
    } catch {
      tell(notSaved(id));
      return false;
    }
    announce(changeSaid(byId.get(id), 'status', status, readiness(tk.items, session.doc), tk.labels.statuses));
    return true;
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

  // A new status from a quick control. "Not applicable" is saved only with
  // a reason: the row asks for one (reasonask.js) unless one is saved.
  document.addEventListener('change', async (e) => {
    const c = e.target;
    if (!c.matches('[data-rk-quick]')) return;
    const row = c.closest('[data-rk-task]'), id = row.dataset.rkTask, e0 = session.doc.items[id] || {}, v = c.value, t = session.token;
    if (asking.has(id)) asking.get(id)();
    if (v != NA || (e0.reason || '').trim()) return save(id, v);
    asking.set(id, () => {});
    const { ask } = await import('./reasonask.js');
    asking.set(id, ask(row, {
      it: byId.get(id), reason: e0.reason || '',
      save: (reason) => save(id, NA, reason, t),
      done: () => asking.delete(id) && tags(),
    }));
  });
  // A list of what is still to do is made when opened, or printed.
  document.addEventListener('toggle', (e) => e.target.matches('.rk-blocking') && render(), true);
  window.addEventListener('beforeprint', () => ((printing = true), render()));
  window.addEventListener('afterprint', () => ((printing = false), render()));

  session.subscribe(render);
  render();
  // Filled in: show what kept its place unseen (the item form shows itself).
  for (const e of $$('[data-rk-js]')) if (!e.matches('[data-rk-item]')) e.dataset.rkJs = 'on';
}
