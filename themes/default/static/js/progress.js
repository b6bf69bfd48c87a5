// The progress document: one definition of its fields, shared by storage,
// import, editions and the page, so all of them accept and refuse the same
// things. Nothing here touches the DOM, storage or the clock: callers pass
// `now` (an ISO string) so tests can run it in Node.

import { count, isDate, plural } from './words.js';

export const FORMAT = 'readykit-progress';
export const VERSION = 1;
export const STATUSES = ['not-started', 'in-progress', 'met', 'not-applicable'];
/** Allowed priorities besides "". */
export const PRIORITIES = ['high', 'medium', 'low'];
/** Free-text fields of an item entry -> maximum length in characters. */
export const TEXT_FIELDS = { notes: 5000, evidence: 1000, owner: 1000, action: 2000, localRef: 1000, dependencies: 1000, milestones: 2000, reason: 500 };
/** Organisation fields -> maximum length in characters. */
export const ORGANISATION_FIELDS = { name: 200, odsCode: 20, completedBy: 200 };
/**
 * Limits on what a document may hold. `items` also bounds the kept entries
 * and the values kept aside in `leftOut`, so a hostile file cannot make a
 * document grow without bound.
 */
export const LIMITS = { importBytes: 1048576, items: 500 };
/**
 * Why a value is in `leftOut`: "not-allowed" (not applicable, which the item
 * does not allow), "too-long", "not-valid" (any other failed check), or
 * "replaced" (a whole kept entry, moved out by a later one for the same id).
 * Codes, not words, so that the Go reader can agree with them and the page
 * can say it in words for the edition in use.
 */
export const WHY = ['not-allowed', 'too-long', 'not-valid', 'replaced'];

/**
 * A blank item entry; its keys, in this order, are the fields of an entry.
 * `exceptional` marks an improvement plan row the care home says needs longer
 * than the rules' date limit (see plan.js). `reason` is why the item is not
 * applicable: the page asks for one before it saves that status, but a file
 * without one is kept as it is (printouts then say none was recorded).
 * `done` is the day the item was done or its evidence last reviewed, which
 * the upkeep dates count from (upkeep.js).
 */
export const emptyEntry = () => ({
  status: 'not-started', reviewed: false, notes: '', evidence: '', owner: '', due: '',
  action: '', priority: '', localRef: '', dependencies: '', exceptional: false, milestones: '', reason: '', done: '', updated: '',
});
/** The levels a publication can be at; "" when none is recorded. */
export const PUBLISHED_LEVELS = ['approaching', 'met'];
/** Fields of an item entry, in the order serialise writes them. */
export const ENTRY_FIELDS = Object.keys(emptyEntry());

const has = Object.hasOwn;
const str = (v) => typeof v == 'string';
/** True for an item or edition id (the generator's pattern, at most 60 long). */
export const isId = (v) => str(v) && /^[a-z0-9][a-z0-9.-]{0,59}$/.test(v);
/** True for a site or profile id. */
export const isSlug = (v) => str(v) && /^[a-z0-9-]{1,40}$/.test(v);
/** True for a plain object (not null, not an array). */
export const isObject = (v) => v !== null && typeof v == 'object' && !Array.isArray(v);
/** Shows an untrusted string in a message: quoted and cut to 40 characters. */
export const quote = (v) => `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
/** "dspt-2023-24-cat3" -> "2023-24", the way people name editions. */
export const title = (id) => (/\d{4}-\d\d/.exec(id) || [id])[0];

/**
 * True for an ISO 8601 date-time such as 2025-03-02T09:15:00.000Z. The ranges
 * are in the pattern, not left to Date.parse, because engines differ (V8 takes
 * 24:00) and readykit report (generator/progress) must agree with every one.
 */
export const isDateTime = (v) =>
  str(v) && /^\d{4}-\d\d-\d\dT([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/.test(v) && isDate(v.slice(0, 10));

// field -> [label, check]. A check returns "" for a good value, else the end
// of a sentence "the <label> ...": messages are for care home managers.
const bad = (v, ok, what) => (ok ? '' : (str(v) ? quote(v) + ' ' : '') + 'is not ' + what);
const text = (max) => (v) => (!str(v) ? 'is not text' : v.length > max ? `is longer than ${max} characters` : '');
const day = (v) => bad(v, v === '' || isDate(v), 'a date');
const time = (v) => bad(v, v === '' || isDateTime(v), 'a date and time');
const yesNo = (v) => bad(v, typeof v == 'boolean', 'yes or no');
const FIELDS = {
  status: ['status', (v, na) => (v === 'not-applicable' && !na ? 'is "not applicable", which this item does not allow' : bad(v, STATUSES.includes(v), 'a known status'))],
  reviewed: ['reviewed mark', yesNo], exceptional: ['exceptional mark', yesNo],
  notes: ['note'], evidence: ['evidence location'], owner: ['owner'], action: ['action'],
  localRef: ['local reference'], dependencies: ['dependencies list'], milestones: ['milestones list'], reason: ['not-applicable reason'],
  due: ['target date', day], start: ['start date', day], deadline: ['deadline', day], done: ['date done or last reviewed', day],
  date: ['publication date', day], level: ['publication level', (v) => bad(v, v === '' || PUBLISHED_LEVELS.includes(v), 'Approaching Standards or Standards Met')],
  priority: ['priority', (v) => bad(v, v === '' || PRIORITIES.includes(v), 'high, medium or low')],
  updated: ['time last changed', time], created: ['start time', time], exported: ['export time', time],
  name: ['name', text(200)], completedBy: ['completed-by name', text(200)],
  odsCode: ['ODS code', (v) => text(20)(v) || bad(v, /^[A-Za-z0-9]*$/.test(v), 'letters and digits only')],
};
for (const f in TEXT_FIELDS) FIELDS[f][1] = text(TEXT_FIELDS[f]);
/** "" when value v fits field f (na: whether "not applicable" is allowed), else why not, as the end of a sentence. */
export const check = (f, v, na) => FIELDS[f][1](v, na);
/** What a field is called in messages: "note", "target date". */
export const fieldName = (f) => FIELDS[f][0];

const problem = (message, id, field) => ({ message, ...(id && { id }), ...(field && { field }) });

/** One value kept aside in a document's `leftOut`; id is "" for the document's own fields. */
export const record = (id, field, value, why) => ({ id: id || '', field, value, why });

// Copies the fields of `out` from raw when their values pass, reporting the
// rest and keeping each of them whole in `left`, under the same id and field
// as its problem. Over-long text is never cut: a cut note could mislead.
function copy(out, raw, where, problems, left, id, path = '', na) {
  for (const f in out) {
    if (!has(raw, f)) continue;
    const v = raw[f], why = check(f, v, na);
    if (!why) out[f] = v;
    else {
      problems.push(problem(`${where}: the ${FIELDS[f][0]} ${why}, so it was left out.`, id, path + f));
      left.push(record(id, path + f, v, f == 'status' && v === 'not-applicable' ? 'not-allowed' : /^is longer/.test(why) ? 'too-long' : 'not-valid'));
    }
  }
  return out;
}

// Where a value kept aside belongs: with an id, an item's field ("notes"),
// a kept entry's ("kept.notes") or a whole kept entry ("kept"); without,
// one of the document's own fields.
const isPlace = (id, f) => str(f) && (id === '' ? /^(created|updated|exported|organisation\.(name|odsCode|completedBy)|programme\.(start|deadline)|published\.(date|level))$/.test(f)
  : isId(id) && (f == 'kept' || ENTRY_FIELDS.includes(f.replace(/^kept\./, ''))));
// True for a value nested deeper than any real one, which could not be
// written back.
const deep = (v, n) => n > 20 || (!!v && typeof v == 'object' && Object.values(v).some((x) => deep(x, n + 1)));

const NOT_OURS = 'This file is not a readykit progress file.';
/** "" when a value has the right format, version and edition id to be read, else why not. */
export function header(v) {
  if (!isObject(v) || v.format !== FORMAT || !Number.isInteger(v.version) || v.version < 1) return NOT_OURS;
  if (v.version > VERSION) return 'This file was made by a newer version of readykit, so this page cannot read it.';
  return isId(v.edition) ? '' : NOT_OURS;
}

/**
 * A new, empty progress document. `profile` is { id, name }. `published`
 * is when the organisation last published its toolkit, and at which level
 * (PUBLISHED_LEVELS): the home page turns from getting ready to staying
 * ready once it is set.
 */
export function emptyDocument({ site, edition, profile, now = '' }) {
  return {
    format: FORMAT, version: VERSION, site, edition,
    profile: { id: (profile && profile.id) || 'default', name: (profile && profile.name) || '' },
    organisation: { name: '', odsCode: '', completedBy: '' },
    created: now, updated: now, items: {}, kept: {}, leftOut: [], programme: { start: '', deadline: '' },
    published: { date: '', level: '' },
  };
}

/** True when an entry holds nothing worth keeping (its `updated` aside). */
export function isEmptyEntry(e) {
  return !e || ENTRY_FIELDS.every((f) => f == 'updated' || !e[f] || (f == 'status' && e[f] == 'not-started'));
}

// Reads a map of id -> entry (the document's items or kept), at most
// LIMITS.items of them, so a hostile file cannot keep the page busy.
function entries(src, problems, kept, add) {
  const ids = isObject(src) ? Object.keys(src) : [];
  if ((src !== undefined && !isObject(src)) || ids.length > LIMITS.items) {
    problems.push(problem(`Progress file: some ${kept ? 'kept ' : ''}items could not be read, so they were left out.`));
  }
  for (const id of ids.slice(0, LIMITS.items)) {
    const raw = src[id];
    if (isId(id) && isObject(raw) && (!kept || isId(raw.from))) add(id, raw, `Item ${id}${kept ? ' (kept from ' + title(raw.from) + ')' : ''}`);
    else problems.push(problem(`Progress file: the entry ${quote(id)} could not be read, so it was left out.`, isId(id) && id));
  }
}

/**
 * Reads an untrusted value as a progress document. Never throws, and never
 * drops a value it can read: an entry for an id the edition does not list
 * goes to `kept` (from the edition it was saved under), and a value that
 * fails its check goes whole to `leftOut` as
 * { id, field, value, why } with the id and field of its problem (see WHY).
 * Values already in `leftOut` are read back (checked: they are untrusted
 * too) and stay there until the user puts them back or removes them.
 *
 * The document stays version 1: readykit before `leftOut` reads such a
 * document as it always did, ignoring the field, whereas version 2 would
 * make it refuse the whole file.
 * @param {*} value parsed JSON from storage or a file
 * @param {{site?: string, edition?: string, items?: object[], now?: string, profile?: {id: string, name: string}}} [opts]
 *   `items` is toolkit.json's item list: entries for other ids are kept;
 *   `edition`, when given, must match; `profile` replaces the document's.
 * @returns {{doc: object|null, problems: {id?: string, field?: string, message: string, fatal?: true}[], aside: object}}
 *   aside: the entries this call moved into `kept`, by id, without `from`
 */
export function normalise(value, opts) {
  const o = opts || {}, problems = [], aside = {};
  let fatal = header(value);
  if (!fatal && o.edition && value.edition !== o.edition) {
    fatal = `This progress is for the ${title(value.edition)} edition, not ${title(o.edition)}.`;
  }
  if (fatal) return { doc: null, problems: [{ message: fatal, fatal: true }], aside };

  // id -> whether the item allows "not applicable"; null: any id, any status.
  const known = Array.isArray(o.items) ? new Map(o.items.filter(isObject).map((i) => [i.id, !!i.notApplicable])) : null;
  const p = value.profile;
  const doc = emptyDocument({
    site: o.site || (isSlug(value.site) ? value.site : ''),
    edition: value.edition,
    profile: o.profile || (isObject(p) && isSlug(p.id) && !text(200)(p.name) ? p : 0),
    now: isDateTime(o.now) ? o.now : '',
  });
  // Values kept aside before come first, so the limit keeps the oldest.
  const left = [], old = value.leftOut;
  let lost = 0;
  if (old !== undefined && !Array.isArray(old)) lost++;
  for (const r of Array.isArray(old) ? old : []) {
    const id = isObject(r) && r.id === undefined ? '' : r && r.id;
    if (isObject(r) && r.value !== undefined && isPlace(id, r.field)) left.push(record(id, r.field, r.value, WHY.includes(r.why) ? r.why : 'not-valid'));
    else lost++;
  }
  const t = copy({ created: doc.created, updated: doc.updated, exported: '' }, value, 'Progress file', problems, left);
  Object.assign(doc, t);
  if (!t.exported) delete doc.exported;
  if (isObject(value.organisation)) copy(doc.organisation, value.organisation, 'Organisation', problems, left, '', 'organisation.');
  if (isObject(value.programme)) copy(doc.programme, value.programme, 'Programme', problems, left, '', 'programme.');
  if (isObject(value.published)) copy(doc.published, value.published, 'Publication', problems, left, '', 'published.');

  entries(value.items, problems, false, (id, raw, where) => {
    const out = known && !known.has(id) ? aside : doc.items;
    // Entries for other ids belong to another edition: keep their status as is.
    const e = copy(emptyEntry(), raw, where, problems, left, id, '', out == aside || !known || known.get(id));
    if (!isEmptyEntry(e)) out[id] = e;
  });
  entries(value.kept, problems, true, (id, raw, where) => {
    const e = copy(emptyEntry(), raw, where, problems, left, id, 'kept.', true);
    if (!isEmptyEntry(e)) doc.kept[id] = { from: raw.from, ...e };
  });
  // An entry for an id that is kept already goes whole to leftOut.
  for (const id in aside) {
    const e = { from: value.edition, ...aside[id] };
    if (has(doc.kept, id)) left.push(record(id, 'kept', e, 'replaced'));
    else if (Object.keys(doc.kept).length < LIMITS.items) doc.kept[id] = e;
    else lost++;
  }
  for (const r of left) {
    if (doc.leftOut.length < LIMITS.items && !deep(r.value, 0)) doc.leftOut.push(r);
    else lost++;
  }
  if (lost) problems.push(problem(`Progress file: ${count(lost, 'value', 'values')} could not be kept (unreadable or too many), so ${plural(lost, 'it was', 'they were')} left out.`));
  return { doc, problems, aside };
}

// Throws for a programming error: the page must never offer such values.
function need(ok, message) {
  if (!ok) throw new TypeError('readykit: ' + message);
}
function valid(where, f, v) {
  const why = check(f, v, true);
  need(!why, `${where}: the ${FIELDS[f][0]} ${why}.`);
}

/**
 * Returns a new document (the input is not changed) with one field of one
 * item set and `updated` stamped on the item and the document; an entry left
 * empty is removed. Throws TypeError for an unknown field or a bad value.
 * "not-applicable" is not checked against the item (there is no item list
 * here): the page offers it only where allowed, and normalise drops it.
 */
export function setField(doc, id, field, value, now) {
  need(isId(id) && field != 'updated' && ENTRY_FIELDS.includes(field), `unknown item ${id} or field ${field}`);
  valid('Item ' + id, field, value);
  const items = { ...doc.items };
  const e = { ...emptyEntry(), ...(has(items, id) && items[id]), [field]: value, updated: now };
  if (isEmptyEntry(e)) delete items[id];
  else items[id] = e;
  return { ...doc, items, updated: now };
}

/** Returns a new document with some organisation fields set; throws TypeError like setField. */
export function setOrganisation(doc, fields, now) {
  for (const f in fields) {
    need(has(ORGANISATION_FIELDS, f), 'unknown organisation field ' + f);
    valid('Organisation', f, fields[f]);
  }
  return { ...doc, organisation: { ...doc.organisation, ...fields }, updated: now };
}

/**
 * Returns a new document with the publication's date and/or level set ('' clears one);
 * throws TypeError like setField.
 */
export function setPublished(doc, fields, now) {
  for (const f in fields) {
    need(f == 'date' || f == 'level', 'unknown publication field ' + f);
    valid('Publication', f, fields[f]);
  }
  return { ...doc, published: { ...doc.published, ...fields }, updated: now };
}

/** Returns a new document with the programme's start and/or deadline set ('' clears one). */
export function setProgramme(doc, fields, now) {
  for (const f in fields) {
    need(f == 'start' || f == 'deadline', 'unknown programme field ' + f);
    valid('Programme', f, fields[f]);
  }
  return { ...doc, programme: { ...doc.programme, ...fields }, updated: now };
}

// Key order for serialise: one list for entries, one for everything else;
// keys not listed (item ids) come after, by name.
const ORDER = ['format', 'version', 'site', 'edition', 'profile', 'organisation', 'created', 'updated', 'items', 'kept', 'leftOut',
  'programme', 'published', 'exported', 'id', 'name', 'odsCode', 'completedBy', 'start', 'deadline', 'date', 'level', 'field', 'value', 'why'];
// leftOut is a list: sorted by id, field and value, so its order is stable too.
const place = (r) => `${r.id}\u0000${r.field}\u0000${JSON.stringify(r.value)}`;
const ENTRY_ORDER = ['from', ...ENTRY_FIELDS];
// key -> place, looked up for every key of every object serialised.
const ranks = (order) => new Map(order.map((k, i) => [k, i]));
const RANK = ranks(ORDER), ENTRY_RANK = ranks(ENTRY_ORDER);

/**
 * A stable JSON string: every object's keys in a fixed order (the document's
 * fields first, item ids sorted), so equal documents give equal strings.
 * @param {object} doc a normalised document
 * @param {number} [space] indentation; export files use 2
 */
export function serialise(doc, space) {
  if (doc && Array.isArray(doc.leftOut)) doc = { ...doc, leftOut: doc.leftOut.map((r) => [place(r), r]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r) };
  return JSON.stringify(doc, (k, v) =>
  {
    if (!isObject(v)) return v;
    const order = has(v, 'status') ? ENTRY_RANK : RANK;
    const rank = (k) => order.get(k) ?? 99;
    const before = (a, b) => rank(a) - rank(b) || (a < b ? -1 : 1);
    // Most objects are in order already, and need no copy.
    const keys = Object.keys(v);
    if (keys.every((k, i) => !i || before(keys[i - 1], k) < 0)) return v;
    return Object.fromEntries(keys.sort(before).map((k) => [k, v[k]]));
  }, space);
}
