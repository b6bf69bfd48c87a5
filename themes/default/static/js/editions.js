// Moving progress from one edition of the toolkit to a later one, and what
// the Your progress page does with what does not fit. Work is never thrown
// away: an entry whose item does not live on goes to `kept`, a value that
// no longer checks out goes to `leftOut` (see progress.js), and only the
// user takes either away, or puts it back.

import {
  ENTRY_FIELDS, FORMAT, ORGANISATION_FIELDS, TEXT_FIELDS, VERSION, check, emptyEntry, fieldName, isEmptyEntry, isObject, normalise, record, serialise, title,
} from './progress.js';
import { thousands } from './words.js';

const has = Object.hasOwn;

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
 * Puts entry e (with its `from`) under id in the map kept. Two entries never
 * share the place: the later work stays in kept and the other goes whole to
 * left as a "replaced" record, so neither is lost.
 */
export function keep(kept, left, id, e) {
  const old = has(kept, id) && kept[id];
  const later = !old || time(e) >= time(old);
  if (old) left.push(record(id, 'kept', later ? old : e, 'replaced'));
  if (later) kept[id] = e;
}

/**
 * Moves a progress document to edition `to`, one history step at a time.
 * Organisation, profile, programme and dates are carried over unchanged.
 * @param {object} old a normalised progress document
 * @param {{to: string, history: object[], items?: object[], now?: string}} o
 *   `items` and `now` are accepted for the spec's signature but not needed:
 *   dates are carried over, and normalise keeps ids the edition lacks.
 * @returns {{doc: object, moved: string[], kept: string[]}} moved: ids in
 *   doc.items that came across; kept: ids this move added to doc.kept
 */
export function migrate(old, { to, history }) {
  const steps = path(history, old.edition, to);
  const kept = { ...old.kept }, keptNow = new Set();
  let left = [...(old.leftOut || [])];
  // When two entries meet under one id, the later work wins and the other
  // entry is kept (or, meeting another in kept, kept aside), so nothing is lost.
  const keepOne = (id, e, from) => {
    keep(kept, left, id, { from, ...e });
    keptNow.add(id);
  };
  let items = { ...old.items };
  for (const step of steps || [{ from: old.edition, carried: {} }]) {
    const carried = isObject(step.carried) ? step.carried : {};
    const next = {}, src = {};
    for (const [id, e] of Object.entries(items)) {
      const nid = has(carried, id) ? carried[id] : '';
      if (!nid) keepOne(id, e, step.from);
      else if (!has(next, nid)) (next[nid] = e), (src[nid] = id);
      else if (time(e) > time(next[nid])) keepOne(src[nid], next[nid], step.from), (next[nid] = e), (src[nid] = id);
      else keepOne(id, e, step.from);
    }
    items = next;
    // A value kept aside for an item goes with the item to its new id.
    left = left.map((r) => (r.id && !r.field.startsWith('kept') && has(carried, r.id) && carried[r.id] ? { ...r, id: carried[r.id] } : r));
  }
  const doc = { ...old, edition: to, items, kept };
  if (old.leftOut || left.length) doc.leftOut = left;
  // The export time belonged to the old file, not to this document.
  delete doc.exported;
  return { doc, moved: Object.keys(items).sort(), kept: [...keptNow].sort() };
}

// ---------------------------------------------------------------------------
// Kept aside: what the Your progress page lists, puts back and removes.

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const same = (a, b) => a.id === b.id && a.field === b.field && JSON.stringify(a.value) === JSON.stringify(b.value);
const base = (field) => field.replace(/^.*\./, '');
const YES_NO = ['reviewed', 'exceptional'];
const DATES = ['due', 'start', 'deadline'];
const TIMES = ['updated', 'created', 'exported'];

/**
 * A saved value as the page shows it: statuses and marks in words, text whole.
 * @param {object} statuses toolkit.json's labels.statuses
 */
export function show(field, v, statuses) {
  const f = base(field);
  if (f == 'status' && isObject(statuses) && has(statuses, v)) return statuses[v];
  if (typeof v == 'boolean') return v ? 'Yes' : 'No';
  if (typeof v == 'string') return v === '' ? '(empty)' : v;
  const t = JSON.stringify(v);
  return t.length > 300 ? t.slice(0, 300) + '…' : t;
}

// An entry as lines of "What: value", leaving out what is blank.
function describe(e, statuses) {
  const lines = [];
  for (const f of ENTRY_FIELDS) {
    const v = e[f];
    if (f == 'updated' || v === undefined || v === '' || v === false || (f == 'status' && v == 'not-started')) continue;
    lines.push(YES_NO.includes(f) && v === true ? cap(fieldName(f)) + ': yes' : `${cap(fieldName(f))}: ${show(f, v, statuses)}`);
  }
  return lines.length ? lines : ['Nothing but its status: not started.'];
}

// Why value v does not fit field f, and what to do, in words. `where` says
// where the user sets it again.
function misfit(f, v, why, where, statuses) {
  const label = fieldName(f), say = (f, v) => show(f, v, statuses);
  if (f == 'status' && v === 'not-applicable') return [`This item cannot be marked ${say(f, v)} in this edition.`, `Choose the status that fits ${where}, then remove this.`];
  if (TIMES.includes(f)) return [`The guide records this time by itself, and cannot read ${say(f, v)} as a time.`, 'You do not need it: remove it.'];
  if (YES_NO.includes(f)) return [`The ${label} was saved as ${say(f, v)}, which the guide cannot read as a tick.`, `Tick or untick it ${where}, then remove this.`];
  if (DATES.includes(f)) return [`${say(f, v)} is not a date on the calendar.`, `Type the date again ${where}, then remove this.`];
  if (/^is longer/.test(why)) return [`It is ${thousands(v.length)} characters long, and a ${label} can hold ${thousands(TEXT_FIELDS[f] || ORGANISATION_FIELDS[f])}.`, `Copy what you need ${where}, shorter, then remove this.`];
  return [`The ${label} ${why}.`, `Set it again ${where} if you need it, then remove this.`];
}

// A kept entry read from the untrusted value of a "replaced" record, with
// the values of it that do not check out; null when it cannot be read.
function readKept(doc, id, value) {
  const n = normalise({ format: FORMAT, version: VERSION, edition: doc.edition, kept: { [id]: value } });
  return n.doc && has(n.doc.kept, id) ? n.doc : null;
}

// One row of the list: what it is, why it does not fit now, what to do.
function look(doc, key, byId, statuses) {
  const name = (id) => (byId.has(id) ? `${byId.get(id).ref || id} ${byId.get(id).title}` : id);
  const url = (id) => (byId.has(id) && byId.get(id).url) || '';
  const nowhere = (id) => [`Item ${id} is not in the ${title(doc.edition)} edition, so this has nowhere to go.`, 'Nothing, if you no longer need it: it stays here, and in your backups, until you remove it.'];
  if (has(key, 'id')) {
    const id = key.id, e = doc.kept[id], it = byId.get(id);
    const row = { key, url: url(id), fits: false, lines: describe(e, statuses) };
    row.title = `What you saved for item ${name(id)} in the ${e.from == doc.edition ? 'current' : title(e.from)} edition`;
    if (!it) {
      [row.why, row.todo] = nowhere(id);
      if (e.from == doc.edition) row.why = `This edition of the guide no longer lists item ${id}.`;
    } else if (has(doc.items, id)) {
      row.why = `Item ${name(id)} is in this edition, and you have recorded progress for it here already.`;
      row.todo = 'Copy anything you still need into the item, then remove this.';
    } else {
      row.fits = true;
      row.why = `Item ${name(id)} is in this edition again.`;
      row.todo = 'Put it back to carry on with it, or remove it if you no longer need it.';
    }
    return row;
  }
  const { id, field, value } = key.record, f = base(field);
  const row = { key, url: url(id), fits: false, lines: [show(field, value, statuses)] };
  if (field == 'kept') {
    const k = isObject(value) && readKept(doc, id, value);
    row.title = `An earlier entry kept for item ${name(id)}${k ? ' from the ' + title(k.kept[id].from) + ' edition' : ''}`;
    row.lines = k ? describe(k.kept[id], statuses) : row.lines;
    row.fits = !!k;
    row.why = k ? `Another entry for the same item, changed more recently, is kept instead.` : 'This copy cannot be read.';
    row.todo = k ? 'Put it back to keep this one instead (the other one then waits here), or remove it.' : 'Remove it.';
    return row;
  }
  const label = fieldName(f);
  let current, why, where;
  if (!id) {
    const [group] = field.split('.');
    row.title = group == 'organisation' ? `Your organisation’s ${label}` : group == 'programme' ? `The programme’s ${label}` : `The ${label} of this progress`;
    current = group == field ? doc[f] : doc[group][f];
    why = check(f, value, true);
    where = group == 'programme' ? 'on the Programme page' : 'under Your organisation above';
  } else if (field.startsWith('kept.')) {
    row.title = `The ${label} kept for item ${name(id)}`;
    if (!has(doc.kept, id)) {
      row.why = `What was kept for item ${id} has been removed, so this has nowhere to go.`;
      row.todo = 'Remove it when you no longer need it.';
      return row;
    }
    current = doc.kept[id][f];
    why = check(f, value, true);
    where = 'on the item’s page, if this edition has it';
  } else {
    row.title = `The ${label} for item ${name(id)}`;
    if (!byId.has(id)) {
      [row.why, row.todo] = nowhere(id);
      return row;
    }
    current = has(doc.items, id) ? doc.items[id][f] : emptyEntry()[f];
    why = check(f, value, !!byId.get(id).notApplicable);
    where = 'on the item’s page';
  }
  if (why) {
    [row.why, row.todo] = misfit(f, value, why, where, statuses);
    if (field.startsWith('kept.')) row.todo = 'Remove it when you no longer need it: what is kept from an earlier edition cannot be changed here.';
    return row;
  }
  row.fits = true;
  row.why = id && f == 'status' ? 'This item allows it again.' : 'It fits again.';
  const blank = current === undefined || current === '' || current === false || (f == 'status' && current == 'not-started');
  row.todo = blank || current === value ? 'Put it back, or remove it if you no longer need it.' : `Put it back to use it again: it replaces what is there now (${show(field, current, statuses)}). Or remove it if you no longer need it.`;
  return row;
}

const index = (items) => new Map((Array.isArray(items) ? items : []).filter(isObject).map((it) => [it.id, it]));
const order = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.field < b.field ? -1 : a.field > b.field ? 1 : 0);

/**
 * What the Your progress page lists as kept aside: every kept entry, then
 * every value in leftOut, each in words for a care home manager.
 * @param {object} doc a normalised document
 * @param {object[]} items toolkit.json's items for the edition in use
 * @param {{statuses: object}} labels toolkit.json's labels, for the statuses in words
 * @returns {{key: {id: string}|{record: object}, title: string, lines: string[], why: string, todo: string, fits: boolean, url: string}[]}
 *   key is what putBack and removeAside take; fits: whether putBack may
 *   put it back now; url: the item's page, or ""
 */
export function keptAside(doc, items, labels) {
  const byId = index(items), statuses = isObject(labels) ? labels.statuses : undefined;
  return [
    ...Object.keys(doc.kept).sort().map((id) => look(doc, { id }, byId, statuses)),
    ...[...(doc.leftOut || [])].sort(order).map((record) => look(doc, { record }, byId, statuses)),
  ];
}

// The document without one record of leftOut (the first equal one).
function without(doc, record) {
  const i = (doc.leftOut || []).findIndex((r) => same(r, record));
  if (i < 0) throw new TypeError('readykit: no such value kept aside');
  return doc.leftOut.filter((_, j) => j != i);
}

/**
 * Puts a kept entry or value back where it belongs, when it fits (see
 * keptAside); returns a new document. A kept entry's values that do not
 * fit the item go to leftOut; a kept entry that a "replaced" one takes the
 * place of goes there too, so nothing is lost. Throws TypeError when the
 * row does not fit.
 */
export function putBack(doc, key, items, now) {
  const byId = index(items);
  if (!look(doc, key, byId).fits) throw new TypeError('readykit: that does not fit now');
  if (has(key, 'id')) {
    const id = key.id, { from, ...e } = doc.kept[id];
    const n = normalise({ format: FORMAT, version: VERSION, edition: doc.edition, items: { [id]: e } }, { items: [...byId.values()] }).doc;
    const kept = { ...doc.kept };
    delete kept[id];
    const leftOut = (doc.leftOut || []).map((r) => (r.id == id && r.field.startsWith('kept.') ? { ...r, field: base(r.field) } : r));
    return { ...doc, items: { ...doc.items, ...n.items }, kept, leftOut: [...leftOut, ...n.leftOut], updated: now };
  }
  const { id, field, value } = key.record, f = base(field);
  const out = { ...doc, leftOut: without(doc, key.record), updated: now };
  if (field == 'kept') {
    // The two entries change places.
    const k = readKept(doc, id, value);
    if (has(doc.kept, id)) out.leftOut.push(record(id, 'kept', doc.kept[id], 'replaced'));
    out.kept = { ...doc.kept, [id]: k.kept[id] };
    out.leftOut.push(...k.leftOut);
  } else if (field.startsWith('kept.')) out.kept = { ...doc.kept, [id]: { ...doc.kept[id], [f]: value } };
  else if (id) {
    const e = { ...emptyEntry(), ...doc.items[id], [f]: value };
    if (f != 'updated') e.updated = now;
    out.items = { ...doc.items };
    if (isEmptyEntry(e)) delete out.items[id];
    else out.items[id] = e;
  } else if (field.includes('.')) {
    const group = field.split('.')[0];
    out[group] = { ...doc[group], [f]: value };
  } else out[f] = value;
  return out;
}

/** Removes a kept entry or value for good; returns a new document. */
export function removeAside(doc, key, now) {
  if (!has(key, 'id')) return { ...doc, leftOut: without(doc, key.record), updated: now };
  const kept = { ...doc.kept };
  delete kept[key.id];
  return { ...doc, kept, updated: now };
}

// Each kept entry (by id and edition) and kept-aside value of a document.
const held = (d) => [
  ...Object.entries(d.kept || {}).map(([id, e]) => serialise([id, e.from])),
  ...(d.leftOut || []).map((r) => serialise([r.id, r.field, r.value])),
];

/** How many kept entries and kept-aside values `current` has that `incoming` lacks: what replacing it would take away. */
export function keptLost(current, incoming) {
  const have = new Set(held(incoming));
  return held(current).filter((h) => !have.has(h)).length;
}
