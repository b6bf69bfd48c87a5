// The one owner of the stored document. The session opens the current
// profile's document for this edition (recovering a damaged copy, bringing
// progress forward from an earlier edition), is the only code that changes
// and saves it, and tells the page modules that subscribe when it changed,
// here or in another tab. It touches no DOM: what happened reaches the user
// as lines of text through `say`, so it runs in node with any Storage-like
// object.

import { normalise } from './progress.js';
import { findEarlier, keyFor, load, profiles, save } from './storage.js';

/**
 * A session over one Storage.
 * @param {object} o
 * @param {Storage} o.storage window.localStorage, or anything with its methods
 * @param {object} o.tk toolkit.json
 * @param {() => string} [o.now] the time as an ISO string
 * @param {(lines: string[]) => void} [o.say] shows lines to the user; no lines clears what was said
 * @param {() => void} [o.keep] asks once, after the first save, that the browser keep this site's data
 */
export function createSession({ storage, tk, now = () => new Date().toISOString(), say = () => {}, keep = () => {} }) {
  // seen: the stored text of the document as this tab last read or wrote it.
  let profile = null, key = '', doc = null, seen = null;
  // The home this tab last left for another tab's, for a form still filled
  // for it. While following another tab: what could not be saved for the
  // home left (leaving), and whether anything was (wrote).
  let left = '', leaving = null, wrote = false, following = null;
  const leavers = new Set();
  const index = `readykit:${tk.site}:profiles`;
  // A save failed and the user was told; an earlier change the user agreed
  // to is not saved yet; the browser was asked to keep the data.
  let saveFailed = false, agreed = false, asked = false;
  const subscribers = new Set();
  const notify = (fill) => subscribers.forEach((fn) => fn({ fill }));

  // The words are in notices.js, loaded the first time there is something
  // to say. What is said goes through one queue, so it shows in the order
  // it happened. Words that cannot be loaded cannot be shown either; the
  // queue goes on, so a later message and open still get through.
  let said = Promise.resolve();
  const tell = (words) => {
    said = said.then(async () => say(words(await import('./notices.js')))).catch(() => {});
  };

  // Saves the document, and says so when it cannot. Returns whether it saved.
  function persist(agree) {
    // A change the user agreed to that did not save yet is still agreed to.
    agreed = agreed || !!agree;
    const r = save(storage, key, doc, agreed);
    if (!r.ok) {
      saveFailed = true;
      tell((w) => w.unsaved(r.reason));
      return false;
    }
    if (saveFailed) tell(() => []);
    saveFailed = agreed = false;
    seen = storage.getItem(key);
    if (!asked) {
      asked = true;
      keep();
    }
    return true;
  }

  async function open() {
    const ix = profiles(storage, tk.site, now());
    agreed = false;
    profile = ix.profiles.find((p) => p.id == ix.current);
    key = keyFor(tk.site, profile.id, tk.edition.id);
    const o = { site: tk.site, profile: profile.id, edition: tk.edition.id, items: tk.items, now: now() };
    const r = load(storage, o);
    doc = r.doc;
    if (r.recovered) {
      tell((w) => w.recovery(r.recovered, new Date(now())));
    } else {
      // What no longer fits is now kept aside in the document: save it so, and say so once.
      const moved = Object.keys(r.aside).length + r.problems.filter((p) => p.field).length > 0;
      const lost = r.problems.some((p) => !p.field);
      if ((moved || lost) && persist()) tell((w) => w.notFitting(moved, lost));
    }
    if (storage.getItem(key) === null) {
      const from = findEarlier(storage, { ...o, history: tk.history });
      if (from) {
        const { migrate } = await import('./editions.js');
        const old = load(storage, { ...o, edition: from, items: undefined });
        const m = migrate(old.doc, { to: tk.edition.id, history: tk.history, items: tk.items, now: now() });
        const n = normalise(m.doc, o);
        if (n.doc) {
          doc = n.doc;
          persist();
          tell((w) => w.broughtForward(from, m.kept.length, n.problems.length > 0));
        }
      }
    }
    seen = storage.getItem(key);
    await said;
    notify(true);
  }

  // The home as the page's header shows it.
  const name = () => (doc.organisation.name || '').trim() || profile.name;
  // Whether another tab removed this tab's profile (deleted, or finished on this laptop).
  const gone = () => !profiles(storage, tk.site, now()).profiles.some((p) => p.id == profile.id);

  // Follows another tab to the profile now in use there. First what this
  // tab has typed and not saved is saved to the home it was typed for
  // (the subscribers of beforeLeaving commit it, while this tab still
  // holds that home), unless that home is gone; then says what happened.
  const follow = (lost = []) => (following = leave(lost));
  async function leave(lost) {
    const from = (left = name()), was = gone();
    leaving = lost;
    wrote = false;
    try {
      leavers.forEach((fn) => fn());
    } finally {
      leaving = null;
    }
    const saved = wrote;
    await open();
    tell((w) => (was ? w.removed(from, name(), lost) : w.followed(from, name(), saved)));
    await said;
  }

  return {
    // What it was made with. The list of profiles is not the document: the
    // Your progress page changes it in storage (storage.js), then opens again.
    storage,
    tk,
    /** The document as it is now: never change it, use change. */
    get doc() {
      return doc;
    },
    /** The profile in use: { id, name, created }. */
    get profile() {
      return profile;
    },

    /**
     * Opens the current profile's document for this edition, says what
     * happened, then tells the subscribers. With no document, it brings
     * progress forward from an earlier edition if there is any; a damaged
     * document is recovered from its backup.
     */
    open,

    /**
     * Changes the document to fn(doc), saves it and tells the subscribers.
     * What fn throws is thrown, with nothing changed. A document that is
     * the same object as before is neither saved nor announced.
     * @param {(doc: object) => object} fn
     * @param {object} [o]
     * @param {boolean} [o.agreed] the user asked for what the new document leaves out (see storage.js save)
     * @param {boolean} [o.revert] when it cannot be saved, go back to the document before and tell no subscriber
     * @param {boolean} [o.fill] false when the change came from a control that already shows it
     * @param {string} [o.for] the token (see token) of the document the control was filled from;
     *   when it is not the one open, or this tab's profile was removed in another tab, nothing
     *   is saved and the user is told
     * @param {string} [o.typed] the text typed, shown to the user to copy when it cannot be saved
     * @returns {boolean} whether it was saved
     */
    change(fn, { agreed: agree = false, revert = false, fill = true, for: token = key, typed = '' } = {}) {
      // A form filled from a document this tab no longer shows never saves
      // into the one it shows now; a home another tab removed is not
      // written back.
      if (token != key) {
        tell((w) => w.stale(left, name(), typed));
        return false;
      }
      if (gone()) {
        if (leaving) leaving.push(typed);
        else follow([typed]);
        return false;
      }
      // Another tab may have saved since this one read the document, and
      // its storage event may not have arrived yet: change what is stored,
      // so that its changes to other items are kept. (Not while a change
      // of this tab's is still unsaved: that is on the page only.)
      const raw = storage.getItem(key);
      let fresh = false;
      if (raw !== seen && raw !== null && !saveFailed) {
        try {
          const n = normalise(JSON.parse(raw), { site: tk.site, edition: tk.edition.id, items: tk.items, now: now() });
          if (n.doc) [doc, seen, fresh] = [n.doc, raw, true];
        } catch {
          // Damaged: save sets it aside and writes this tab's copy.
        }
      }
      const before = doc, next = fn(doc);
      if (next === before) {
        if (fresh) notify(true);
        return true;
      }
      doc = next;
      const saved = persist(agree);
      if (!saved && revert) {
        doc = before;
        agreed = false;
        if (fresh) notify(true);
        return false;
      }
      wrote ||= saved;
      notify(fill || fresh);
      return saved;
    },

    /**
     * Which document the page shows: a form keeps the token it was filled
     * with and gives it to change as `for`, so that what was typed for one
     * home can never be saved into another.
     */
    get token() {
      return key;
    },

    /**
     * Calls fn before this tab follows another tab to a different profile,
     * or finds its own removed, until the returned function is called. fn
     * commits at once, through change, whatever is typed and not saved yet.
     */
    beforeLeaving(fn) {
      leavers.add(fn);
      return () => leavers.delete(fn);
    },

    /**
     * Calls fn({fill}) after every change and every open, until the
     * returned function is called. fill is false when the page's own
     * controls already show the change.
     */
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },

    /**
     * What the page does with a `storage` event: when another tab wrote
     * this document or the list of profiles, open again; when the profile
     * in use there is now another, follow it (see beforeLeaving) and say
     * so, naming both homes. Returns a promise for that, or null when the
     * key is someone else's.
     * @param {string|null} changed the event's key
     */
    changedElsewhere(changed) {
      if (changed != key && changed != index) return null;
      return profiles(storage, tk.site, now()).current == profile.id ? open() : follow();
    },

    /** Resolves once everything said so far, and by following another tab, has reached `say`. */
    said: () => (following || said).then(() => said),
  };
}
