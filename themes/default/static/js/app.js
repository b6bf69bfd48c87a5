// The page side of keeping progress: loads the saved document, fills in and
// listens to the controls the pages already hold (they stay hidden without
// JavaScript), saves as the user works and keeps the summaries current.
// The rules live in the modules imported here; this file only touches the
// DOM, and only ever sets text, never markup.

import { normalise, setField, title } from './progress.js';
import { readiness, tallyText } from './scoring.js';
import { findEarlier, keyFor, load, profiles, save } from './storage.js';

/** The first element matching sel, and every element matching it. */
export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** A new element with the given properties (text as textContent) and children. */
export const el = (tag, props = {}, ...kids) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
};
const now = () => new Date().toISOString();
const TYPING_PAUSE = 400; // ms after the last key press before saving

// One state object, shared with account.js on the progress page.
const state = { storage: null, tk: null, profile: null, key: '', doc: null, saveFailed: false, asked: false, agreed: false };

/** Replaces the message box's text with one paragraph per line, or hides it. */
export function tell(...lines) {
  const box = $('[data-rk-alert]');
  if (!box) return;
  box.replaceChildren(...lines.map((t) => el('p', { textContent: t })));
  box.hidden = !lines.length;
}

/** Says something to screen reader users without moving focus. */
export function announce(text) {
  const el = $('[data-rk-announce]');
  if (el) el.textContent = text;
}

// The toolkit's items by id.
let byId = new Map();

// An item without a known reference is named by its title alone: "Reference
// to check" is a marker for a table's reference column, not part of a name.
const name = (it) => (it.ref ? `${it.ref} ${it.title}` : it.title);

// Why a write failed, as the start of a sentence.
const refused = (reason) => (reason == 'quota' ? "This browser's storage for this site is full" : 'This browser would not save');

/**
 * Saves the document, and says so when it cannot. Returns whether it saved.
 * @param {boolean} [agreed] the user asked for what the document leaves out (see storage.js save)
 */
export function persist(agreed) {
  // A change the user agreed to that did not save yet is still agreed to.
  state.agreed = state.agreed || !!agreed;
  const r = save(state.storage, state.key, state.doc, state.agreed);
  if (!r.ok) {
    state.saveFailed = true;
    tell(`${refused(r.reason)}, so your latest change is not saved yet. It is still on this page. Download a backup from the Your progress page${r.reason == 'quota' ? ', then clear space and try again' : ''}.`);
    return false;
  }
  if (state.saveFailed) tell();
  state.saveFailed = state.agreed = false;
  if (!state.asked && navigator.storage && navigator.storage.persist) {
    // Ask once that the browser does not clear this site's data on its own.
    state.asked = true;
    navigator.storage.persist().catch(() => {});
  }
  return true;
}

// What load did with damaged progress, in words: only what really happened
// (see storage.js load).
function recovery(c) {
  const when = savedAt(c.savedAt).replace('Saved on this device ', '').replace(/\.$/, '');
  const stuck = `${refused(c.reason)}, so the damaged copy could not be set aside, and nothing can be saved here until it can.`;
  const then = c.reason == 'quota' ? ' Clear some space, then reload this page.' : '';
  if (c.from == 'backup') {
    return c.restored ? [`Your saved progress was damaged, so we have put back the copy saved ${when}. Check your most recent changes.`]
      : [`Your saved progress was damaged, so this page shows the copy saved ${when}.`,
        (c.damagedKept ? `${refused(c.reason)}, so that copy is not saved yet.` : stuck) + ' Download a backup from the Your progress page.' + then];
  }
  return ['Your saved progress was damaged and there was no good copy to put back.', c.damagedKept ? 'The damaged copy is kept in this browser.' : stuck + then,
    'If you have a backup file, bring it back on the Your progress page.'];
}

/** A name made safe for a file name: oak-house. */
export const slug = (text, fallback) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || fallback;

/** Offers text to the reader as a downloaded file. */
export function saveFile(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the slowest browser to start the download.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** The time a document was last saved, in words. */
export function savedAt(iso) {
  const d = new Date(iso);
  if (!iso || isNaN(d)) return 'Nothing saved yet.';
  const day = d.toDateString() == new Date().toDateString() ? 'today' : 'on ' + d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  return `Saved on this device ${day} at ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}.`;
}

// Fills every item's controls from the document. A field being typed in is
// left alone, so an update from another tab never eats what is being typed.
function fillItems() {
  for (const box of $$('[data-rk-item]')) {
    const e = state.doc.items[box.dataset.rkItem] || {};
    for (const el of $$('[data-field]', box)) {
      const f = el.dataset.field;
      if (el.type == 'radio') el.checked = el.value == (e.status || 'not-started');
      else if (el.type == 'checkbox') el.checked = !!e.reviewed;
      else if (el != document.activeElement) el.value = e[f] || '';
    }
    box.hidden = false;
  }
}

// Fills the summaries, the organisation's name in the header and the
// "saved at" lines.
export function render() {
  const r = readiness(state.tk.items, state.doc);
  // The same tallies with nothing marked not applicable: what the page's
  // own counts of items say.
  const all = readiness(state.tk.items, null);
  const org = state.doc.organisation;
  for (const box of $$('[data-rk-summary]')) {
    for (const tally of $$('[data-rk-tally]', box)) {
      const k = tally.dataset.rkTally;
      const t = r[k] || r.standards[k] || { done: 0, total: 0, blocking: [] };
      $('[data-rk-count]', tally).textContent = tallyText(t, (all[k] || all.standards[k] || t).total);
      const bar = $('[data-rk-bar]', tally);
      bar.max = t.total || 1;
      bar.value = t.done;
      const list = t.blocking.map((id) => el('li', {}, el('a', { href: byId.get(id).url, textContent: name(byId.get(id)) })));
      if (!list.length) list.push(el('li', { textContent: 'Nothing: every item is done.' }));
      $('[data-rk-blocking]', tally).replaceChildren(...list);
    }
    const line = $('[data-rk-org-line]', box);
    if (line) line.textContent = org.name ? `For ${org.name}${org.odsCode ? ', ODS code ' + org.odsCode : ''}.` : 'Add your organisation’s name on the Your progress page.';
    box.hidden = false;
  }
  const who = $('[data-rk-who]');
  if (who) {
    $('[data-rk-org-name]', who).textContent = org.name || state.profile.name;
    who.hidden = !(org.name || state.profile.name);
  }
  const some = Object.keys(state.doc.items).length || org.name;
  for (const el of $$('[data-rk-saved]')) el.textContent = savedAt(some ? state.doc.updated : '');
  // Remind about backups when there is something to lose and no backup
  // from the last week.
  const stale = !state.doc.exported || Date.now() - new Date(state.doc.exported) > 7 * 864e5;
  for (const el of $$('[data-rk-reminder]')) el.hidden = !(some && stale);
}

// Records one change from an item's controls.
function commit(el) {
  const box = el.closest('[data-rk-item]');
  const id = box.dataset.rkItem, f = el.dataset.field;
  const value = el.type == 'checkbox' ? el.checked : el.value;
  const before = state.doc;
  try {
    state.doc = setField(state.doc, id, f, value, now());
  } catch {
    tell(`That could not be saved for item ${id}: check what you typed.`);
    return;
  }
  if (state.doc === before) return;
  persist();
  render();
  if (f == 'status' || f == 'reviewed') {
    const r = readiness(state.tk.items, state.doc);
    const it = byId.get(id);
    const what = f == 'status' ? el.parentElement.textContent.trim().toLowerCase() : el.checked ? 'reviewed' : 'not reviewed';
    announce(`${name(it)}: ${what}. Approaching Standards ${r.approaching.done} of ${r.approaching.total}, Standards Met ${r.met.done} of ${r.met.total}.`);
  }
}

// Saves text a moment after typing stops, and at once when the field is left.
const timers = new WeakMap();
function listen() {
  document.addEventListener('change', (e) => {
    if (e.target.closest && e.target.closest('[data-rk-item]') && e.target.dataset.field) {
      clearTimeout(timers.get(e.target));
      commit(e.target);
    }
  });
  document.addEventListener('input', (e) => {
    const el = e.target;
    if (!el.closest || !el.closest('[data-rk-item]') || !el.dataset.field || el.type == 'radio' || el.type == 'checkbox' || el.type == 'date') return;
    clearTimeout(timers.get(el));
    timers.set(el, setTimeout(() => commit(el), TYPING_PAUSE));
  });
  // Another tab saved: show its version.
  window.addEventListener('storage', (e) => {
    if (e.key == state.key || e.key == `readykit:${state.tk.site}:profiles`) open().then(update);
  });
}

// What pages with more to fill in (the programme) ask to run on update.
const updaters = [];

/** Asks for fn to run whenever the page is filled from the document again. */
export const onUpdate = (fn) => updaters.push(fn);

/** Fills the page from the document. */
export function update() {
  fillItems();
  render();
  for (const fn of updaters) fn();
}

/**
 * Opens the current profile's document for this edition. With none, it
 * brings progress forward from an earlier edition if there is any; a
 * damaged document is recovered from its backup, and the user told.
 */
export async function open() {
  const { storage, tk } = state;
  const ix = profiles(storage, tk.site, now());
  state.agreed = false;
  state.profile = ix.profiles.find((p) => p.id == ix.current);
  state.key = keyFor(tk.site, state.profile.id, tk.edition.id);
  const o = { site: tk.site, profile: state.profile.id, edition: tk.edition.id, items: tk.items, now: now() };
  const r = load(storage, o);
  state.doc = r.doc;
  if (r.recovered) {
    tell(...recovery(r.recovered));
  } else {
    // What no longer fits is now kept aside in the document: save it so, and say so once.
    const moved = Object.keys(r.aside).length + r.problems.filter((p) => p.field).length;
    const lost = r.problems.some((p) => !p.field);
    if ((moved || lost) && persist()) {
      tell(...[moved && 'Some of what you saved does not fit this edition of the guide. It is kept, with what to do, on the Your progress page.',
        lost && 'Some of what was saved could not be read at all, so it cannot be kept.'].filter(Boolean));
    }
  }
  if (storage.getItem(state.key) === null) {
    const from = findEarlier(storage, { ...o, history: tk.history });
    if (from) {
      const { migrate } = await import('./editions.js');
      const old = load(storage, { ...o, edition: from, items: undefined });
      const m = migrate(old.doc, { to: tk.edition.id, history: tk.history, items: tk.items, now: now() });
      const n = normalise(m.doc, o);
      if (n.doc) {
        state.doc = n.doc;
        persist();
        tell(`We have brought your progress forward from the ${title(from)} edition.${m.kept.length ? ` ${m.kept.length} items are not in this edition: what you saved for them is kept on the Your progress page.` : ''}${n.problems.length ? ' Some values do not fit this edition; they are kept there too.' : ''}`);
      }
    }
  }
}

/** Starts everything, then marks the page ready (for tests to wait on). */
async function start() {
  await begin();
  document.documentElement.dataset.rkReady = state.doc ? 'yes' : 'no';
}

async function begin() {
  try {
    state.storage = window.localStorage;
    state.storage.getItem('readykit');
  } catch {
    tell('This browser will not let the guide save your progress, perhaps because of private browsing. You can still read and print every page.');
    return;
  }
  try {
    const res = await fetch(new URL('../data/toolkit.json', import.meta.url));
    state.tk = await res.json();
  } catch {
    tell('The guide could not load its list of items, so your progress cannot be shown. Try reloading the page.');
    return;
  }
  byId = new Map(state.tk.items.map((it) => [it.id, it]));
  await open();
  update();
  listen();
  if ($('[data-rk-progress-page]')) (await import('./account.js')).start(state);
  if ($('[data-rk-gaps]') || $('[data-rk-plan]')) (await import('./reports.js')).start(state);
  if ($('[data-rk-programme-form]')) (await import('./timeline.js')).start(state);
}

start();
