// The care home's name saved in each profile's progress, read for the
// Your progress page's list of profiles. Apart from storage.js because only
// that page needs it, and every page loads storage.js.

import { isObject } from './progress.js';
import { findEarlier, keyFor } from './storage.js';

/**
 * The care home's name saved in a profile's progress (its
 * organisation.name), so that a list of profiles can show each by its home
 * rather than as "Unnamed profile". Reads this edition's document, or its
 * backup when that is damaged, or else the newest earlier edition's (see
 * findEarlier); '' when none has a name. Only reads: a page listing the
 * profiles must not change another home's progress.
 * @param {{site: string, profile: string, edition: string, history?: object[]}} o
 */
export function homeName(storage, { site, profile, edition, history }) {
  const name = (key) => {
    try {
      const v = JSON.parse(storage.getItem(key));
      const n = isObject(v) && isObject(v.organisation) ? v.organisation.name : '';
      return typeof n == 'string' && n.length <= 200 ? n.trim() : null;
    } catch {
      return null; // damaged (or missing): no name from it
    }
  };
  let key = keyFor(site, profile, edition);
  if (storage.getItem(key) === null) {
    const from = findEarlier(storage, { site, profile, edition, history });
    if (!from) return '';
    key = keyFor(site, profile, from);
  }
  return name(key) ?? name(key + ':backup') ?? '';
}
