// What several test files share: a deep freeze, toolkit.json's words as
// the default site's build writes them (e2e/readiness.test.mjs checks that
// the built file still says the same), a Storage kept in memory, and a way
// to run code in another time zone.

/** Freezes a value and everything in it, so any mutation throws. */
export function deepFreeze(v) {
  if (v && typeof v == 'object') {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}

/** toolkit.json's labels. */
export const LABELS = deepFreeze({
  statuses: { 'in-progress': 'In progress', met: 'Done', 'not-applicable': 'Not applicable', 'not-started': 'Not started' },
  refToCheck: 'Reference to check',
  checkMark: 'Check in the toolkit',
  confirmed: 'Confirmed',
  noReason: 'No reason recorded',
  notRecorded: 'Not recorded',
  noDateYet: 'No date yet',
  levels: { approaching: 'Approaching Standards', met: 'Standards Met', optional: 'Optional' },
});

/** An item as toolkit.json gives it, with the label the generator adds to its ref. */
export const labelled = (it) => ({ ...it, label: it.ref || LABELS.refToCheck });

/**
 * A Storage (the part of localStorage's interface the scripts use) kept in
 * memory. Set full to make every write fail as a full browser storage does.
 */
export class MemoryStorage {
  constructor(entries = {}) {
    this.map = new Map(Object.entries(entries));
    this.full = false;
  }
  get length() {
    return this.map.size;
  }
  key(i) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k) {
    return this.map.has(k) ? this.map.get(k) : null;
  }
  setItem(k, v) {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.map.set(k, String(v));
  }
  removeItem(k) {
    this.map.delete(k);
  }
}

/** Runs fn with the process in time zone tz; Node applies a change of TZ at once. */
export function inZone(tz, fn) {
  const old = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (old === undefined) delete process.env.TZ;
    else process.env.TZ = old;
  }
}
