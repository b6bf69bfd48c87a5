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
  let profile = null, key = '', doc = null;
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
    await said;
    notify(true);
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
     * @returns {boolean} whether it was saved
     */
    change(fn, { agreed: agree = false, revert = false, fill = true } = {}) {
      const before = doc, next = fn(doc);
      if (next === before) return true;
      doc = next;
      const saved = persist(agree);
      if (!saved && revert) {
        doc = before;
        agreed = false;
        return false;
      }
      notify(fill);
      return saved;
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
     * this document or the list of profiles, open again. Returns a promise
     * for that, or null when the key is someone else's.
     * @param {string|null} changed the event's key
     */
    changedElsewhere(changed) {
      return changed == key || changed == `readykit:${tk.site}:profiles` ? open() : null;
    },

    /** Resolves once everything said so far has reached `say`. */
    said: () => said,
  };
}
