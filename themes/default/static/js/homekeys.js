// Everything one care home keeps on a shared laptop for one site, taken
// away and, until the page is closed, put back exactly. The Your progress
// page's "Finish on this laptop" uses it (finish.js): the removal itself is
// storage.js deleteProfile, so that it and "Delete the profile in use" can
// never remove different things. No DOM: it runs in node with any
// Storage-like object.

import { deleteProfile } from './storage.js';

const prefix = (site) => `readykit:${site}:`;

// Every key in storage that starts with p, collected before anything is
// removed: removing while walking storage.key(i) would skip keys.
function keys(storage, p) {
  const out = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k && k.startsWith(p)) out.push(k);
  }
  return out.sort();
}

/**
 * Every key of one profile on this site: its progress for every edition,
 * and each one's backup, damaged and agreed copies.
 */
export const homeKeys = (storage, site, id) => keys(storage, `${prefix(site)}${id}:`);

/**
 * All that this site keeps in storage, as one string, so that a later
 * look can tell whether anything changed since (see putBack).
 */
export const siteState = (storage, site) => JSON.stringify(keys(storage, prefix(site)).map((k) => [k, storage.getItem(k)]));

/**
 * Removes a profile and every key it has (storage.js deleteProfile), and
 * returns what was there, for putBack: each key with its text, and the
 * list of profiles as it was stored. When storage refuses the change,
 * what was taken is put back and the error is thrown.
 * @returns {{site: string, id: string, taken: [string, string][], index: string|null}}
 */
export function removeHome(storage, site, id, now) {
  const index = storage.getItem(prefix(site) + 'profiles');
  // A storage that takes no writes at all refuses here, before anything
  // is removed, rather than after, when the removed keys could not be
  // written back either.
  if (index !== null) storage.setItem(prefix(site) + 'profiles', index);
  const taken = homeKeys(storage, site, id).map((k) => [k, storage.getItem(k)]);
  try {
    deleteProfile(storage, site, id, now);
  } catch (e) {
    restore(storage, site, taken, index);
    throw e;
  }
  return { site, id, taken, index };
}

function restore(storage, site, taken, index) {
  for (const [k, v] of taken) storage.setItem(k, v);
  if (index === null) storage.removeItem(prefix(site) + 'profiles');
  else storage.setItem(prefix(site) + 'profiles', index);
}

/**
 * Puts back exactly what removeHome took: the same keys with the same
 * text, and the list of profiles as it was, with the removed home in use
 * again. Only while the site's storage is as it was left (`left`, a
 * siteState taken after the removal): once anything was saved since, such
 * as a new home's progress or profile, putting the old list back would
 * lose it. Throws what storage throws.
 * @param {{site: string, taken: [string, string][], index: string|null}} removed removeHome's result
 * @param {string} left siteState after the removal
 * @returns {boolean} whether it was put back
 */
export function putBack(storage, removed, left) {
  if (siteState(storage, removed.site) !== left) return false;
  restore(storage, removed.site, removed.taken, removed.index);
  return true;
}
