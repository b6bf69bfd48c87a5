// What several test files share: a deep freeze, and toolkit.json's words
// as the default site's build writes them (e2e/readiness.test.mjs checks
// that the built file still says the same).

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
});

/** An item as toolkit.json gives it, with the label the generator adds to its ref. */
export const labelled = (it) => ({ ...it, label: it.ref || LABELS.refToCheck });
