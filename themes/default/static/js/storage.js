// Progress in a Storage-like object (window.localStorage on the page, a fake
// in tests). One document per site, profile and edition, a backup of the last
// good copy, and a damaged copy kept for the user rather than thrown away.
// Every function that writes says what it did: nothing fails silently, so
// the page's messages can say what really happened.

import { emptyDocument, normalise, serialise, isObject, isSlug, isId } from './progress.js';

const INDEX = 'readykit-profiles';

function need(ok, what) {
  if (!ok) throw new TypeError('readykit: bad ' + what);
}
const prefix = (site) => (need(isSlug(site), 'site id'), `readykit:${site}:`);

/** The storage key of one document: readykit:<site>:<profile>:<edition>. */
export function keyFor(site, profile, edition) {
  need(isSlug(profile) && isId(edition), 'profile or edition id');
  return prefix(site) + profile + ':' + edition;
}

// Every key in storage that starts with p.
function keys(storage, p) {
  const out = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k && k.startsWith(p)) out.push(k);
  }
  return out;
}

// The index for a list of profiles; `current` falls back to the first one.
const index = (profiles, current) => ({
  format: INDEX, version: 1, current: profiles.some((p) => p.id == current) ? current : profiles[0].id, profiles,
});
// Stores the index; throws what setItem throws.
function store(storage, site, ix) {
  storage.setItem(prefix(site) + 'profiles', JSON.stringify(ix));
  return ix;
}

/**
 * The profiles index of a site: { format, version, current, profiles: [{ id, name, created }] }.
 * When it is missing or damaged a new one is made and stored: one profile
 * for each profile id that still has documents, else one "default".
 */
export function profiles(storage, site, now = '') {
  const p = prefix(site), list = [];
  let v;
  try {
    v = JSON.parse(storage.getItem(p + 'profiles'));
  } catch {
    // Damaged: made again below.
  }
  if (isObject(v) && v.format === INDEX && v.version === 1 && Array.isArray(v.profiles)) {
    for (const q of v.profiles) {
      if (isObject(q) && isSlug(q.id) && q.id != 'profiles' && !list.some((r) => r.id == q.id) && typeof q.name == 'string' && q.name.length <= 200) {
        list.push({ id: q.id, name: q.name, created: typeof q.created == 'string' ? q.created : '' });
      }
    }
    if (list.length) return index(list, v.current);
  }
  for (const k of keys(storage, p)) {
    const [id, rest] = k.slice(p.length).split(':');
    if (rest && isSlug(id) && id != 'profiles' && !list.some((r) => r.id == id)) list.push({ id, name: '', created: now });
  }
  const ix = index(list.length ? list : [{ id: 'default', name: '', created: now }]);
  try {
    store(storage, site, ix);
  } catch {
    // Storage is full or off: the page still works for this visit.
  }
  return ix;
}

function named(name) {
  need(typeof name == 'string' && name.trim() && name.length <= 200, 'profile name (1 to 200 characters)');
  return name.trim();
}

/**
 * Adds a profile with an id made from its name ("Oak House" -> "oak-house",
 * "oak-house-2" when taken). Does not make it current.
 * @returns {{index: object, profile: {id: string, name: string, created: string}}}
 */
export function createProfile(storage, site, name, now = '') {
  name = named(name);
  const ix = profiles(storage, site, now);
  const base = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 32).replace(/^-|-$/g, '') || 'profile';
  let id = base;
  for (let n = 2; id == 'profiles' || ix.profiles.some((p) => p.id == id); n++) id = base + '-' + n;
  const profile = { id, name, created: now };
  return { index: store(storage, site, index([...ix.profiles, profile], ix.current)), profile };
}

function change(storage, site, id, now, edit) {
  const ix = profiles(storage, site, now);
  need(ix.profiles.some((p) => p.id == id), 'profile ' + id);
  return store(storage, site, edit(ix));
}

/** Renames a profile; returns the index. */
export function renameProfile(storage, site, id, name, now) {
  name = named(name);
  return change(storage, site, id, now, (ix) => index(ix.profiles.map((p) => (p.id == id ? { ...p, name } : p)), ix.current));
}

/** Makes a profile the current one; returns the index. */
export function switchProfile(storage, site, id, now) {
  return change(storage, site, id, now, (ix) => index(ix.profiles, id));
}

/**
 * Deletes a profile and every key it has. Another profile becomes current;
 * deleting the last one leaves a fresh "default". Returns the index.
 */
export function deleteProfile(storage, site, id, now = '') {
  need(isSlug(id), 'profile id');
  const ix = profiles(storage, site, now);
  // Collect first: removing while walking storage.key(i) would skip keys.
  for (const k of keys(storage, prefix(site) + id + ':')) storage.removeItem(k);
  const rest = ix.profiles.filter((p) => p.id != id);
  return store(storage, site, index(rest.length ? rest : [{ id: 'default', name: '', created: now }], ix.current));
}

// A stored string read as a document: { doc, problems, aside }, doc null when damaged.
function parse(raw, opts) {
  try {
    return normalise(JSON.parse(raw), opts);
  } catch {
    return { doc: null, problems: [{ message: 'The saved progress is damaged and cannot be read.', fatal: true }], aside: {} };
  }
}

// Chromium: QuotaExceededError (code 22); Firefox: NS_ERROR_DOM_QUOTA_REACHED
// (code 1014); old Safari: code 22 with other names.
const isQuota = (e) => !!e && (e.name == 'QuotaExceededError' || e.name == 'NS_ERROR_DOM_QUOTA_REACHED' || e.code == 22 || e.code == 1014);
const why = (e) => (isQuota(e) ? 'quota' : 'unavailable');

// Writes one key: '' when it was written, else why not ('quota' or 'unavailable').
function put(storage, key, value) {
  try {
    storage.setItem(key, value);
    return '';
  } catch (e) {
    return why(e);
  }
}

/**
 * Loads the document for a site, profile and edition, recovering from damage.
 * Whenever `recovered` is set the page must tell the user what happened.
 *
 * A damaged main copy is first written to `key:damaged`, and the backup is
 * put back under the main key only once that worked: the damaged text is
 * the only copy of whatever it still holds. (A later damaged copy replaces
 * an earlier one there.)
 * @param {object} storage
 * @param {{site: string, profile: string, edition: string, items: object[], now: string}} o
 * @returns {{doc: object, recovered: null|{from: 'backup'|'none', savedAt?: string, damagedKept: boolean, restored?: boolean, reason: ''|'quota'|'unavailable'}, problems: object[], aside: object}}
 *   savedAt and restored (whether the backup is back under the main key)
 *   come with "backup"; reason says why the first write that failed did.
 */
export function load(storage, o) {
  const key = keyFor(o.site, o.profile, o.edition);
  const opts = { site: o.site, edition: o.edition, items: o.items, now: o.now };
  const fresh = (recovered, problems) => ({
    doc: emptyDocument({ ...opts, profile: { id: o.profile } }), recovered, problems, aside: {},
  });
  const raw = storage.getItem(key);
  if (raw === null) return fresh(null, []);
  const main = parse(raw, opts);
  if (main.doc) return { ...main, recovered: null };
  const aside = put(storage, key + ':damaged', raw);
  const back = parse(storage.getItem(key + ':backup'), opts);
  if (!back.doc) return fresh({ from: 'none', damagedKept: !aside, reason: aside }, main.problems);
  const reason = aside || put(storage, key, serialise(back.doc));
  return {
    ...back, problems: [...main.problems, ...back.problems],
    recovered: { from: 'backup', savedAt: back.doc.updated, damagedKept: !aside, restored: !reason, reason },
  };
}

// What only the user's say takes away from a document: its kept entries (by
// id and edition) and the values kept aside in leftOut. The page cannot
// change them, only put them back or remove them.
const held = (d) => [
  ...Object.entries(d.kept || {}).map(([id, e]) => serialise([id, e.from])),
  ...(d.leftOut || []).map((r) => serialise([r.id, r.field, r.value])),
];

/**
 * Saves a document under `key`. Never throws. There are two copies, the
 * main one and `key:backup`, and saving guarantees this:
 *
 * - The main copy being replaced, when it is a readable document, becomes
 *   the backup, so a main copy damaged later can be recovered from it.
 * - Except when the backup holds kept entries or kept-aside values that
 *   neither that copy nor `doc` holds: then the backup is the only copy of
 *   them, and stays as it is. Only a change the user agreed to (`agreed`:
 *   Remove or Put back on the Your progress page, an import or its undo)
 *   may leave them out; the key `key:agreed` records that the main copy is
 *   such a change, so that the next save may move it into the backup.
 * - A main copy that cannot be read is first written to `key:damaged`
 *   (unless it is there already); when that fails nothing is replaced.
 * - When any write fails, the main copy is as it was.
 * @param {boolean} [agreed] the user asked for what `doc` leaves out
 * @returns {{ok: true, backup: 'none'|'moved'|'kept'}|{ok: false, reason: 'quota'|'unavailable', error: *}}
 *   backup: nothing to back up (no copy, the same one, or a damaged one), the
 *   replaced copy moved into the backup, or the backup kept as it was
 */
export function save(storage, key, doc, agreed = false) {
  try {
    const text = serialise(doc);
    const old = storage.getItem(key);
    let backup = 'none';
    // An unchanged document would overwrite the older backup with itself.
    if (old !== null && old !== text) {
      const o = parse(old).doc;
      if (!o) {
        if (storage.getItem(key + ':damaged') !== old) storage.setItem(key + ':damaged', old);
      } else {
        const b = parse(storage.getItem(key + ':backup')).doc;
        const have = new Set([...held(o), ...held(doc)]);
        if (!b || storage.getItem(key + ':agreed') !== null || held(b).every((h) => have.has(h))) {
          storage.setItem(key + ':backup', old);
          backup = 'moved';
          if (agreed) storage.setItem(key + ':agreed', '1');
          else storage.removeItem(key + ':agreed');
        } else backup = 'kept';
      }
    }
    storage.setItem(key, text);
    return { ok: true, backup };
  } catch (error) {
    return { ok: false, reason: why(error), error };
  }
}

/**
 * The newest edition before `edition` (following history backwards) that
 * has a document for this profile, or null.
 */
export function findEarlier(storage, { site, profile, edition, history }) {
  const seen = new Set();
  for (let cur = edition; !seen.has(cur); ) {
    seen.add(cur);
    const step = (history || []).find((h) => isObject(h) && h.to === cur);
    if (!step || !isId(step.from)) return null;
    cur = step.from;
    if (storage.getItem(keyFor(site, profile, cur)) !== null) return cur;
  }
  return null;
}
