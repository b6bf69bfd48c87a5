// What "Finish on this laptop" on the Your progress page says, and what
// its take-home summary holds, made from documents alone so that node can
// test it (finish.js puts it on the page). The check of a downloaded file
// reads it as an import does (importer.js); the readiness counts are
// scoring.js's, as on every other page; an item to check in the toolkit
// is the one toolkit.json marks so (check), as the search marks it.

import { serialise } from './progress.js';
import { summarise } from './importer.js';
import { readiness, tallyText } from './scoring.js';
import { and, count, longDate, plural } from './words.js';

/** How many items not done yet the summary lists under "What to do next". */
export const NEXT_ITEMS = 5;

/** The home's name in messages: the one saved in its progress, else the profile's. */
export const homeOf = (doc, profile) => (doc.organisation.name || '').trim() || ((profile && profile.name) || '').trim();

// "Oak House’s", or "This home’s" when it has no name.
const whose = (name) => (name ? `${name}’s` : 'This home’s');

/** What step 1 says once the file is downloading. */
export const downloading = (file) =>
  `Your browser is saving the file ${file}. Unless it asked you where to save it, it is in this laptop’s Downloads folder. Now choose that file in step 2.`;

/** What step 3 says once the home is removed. */
export const removedLine = (name) => `${whose(name)} progress has been removed from this laptop.`;

/**
 * Which profile the laptop is left on after a removal, and what the next
 * person does: storage.js deleteProfile leaves the first profile in use,
 * which may be another home's.
 * @param {string} name the home's name in the profile now in use, '' for none
 */
export const leftOn = (name) =>
  `The profile in use on this laptop is now ${name ? `${name}’s` : 'one with no care home’s name'}. The next person should add a profile for their own care home, under “Several care services on this device” on this page, before ticking anything.`;

/** What step 2 says when the progress changed after a good check. */
export const CHANGED_SINCE = 'The progress saved here changed after the file was checked, so the file may not hold all of it. Download it again in step 1, then check the new file.';

/** What step 3 says once the removal is undone. */
export const undoneLine = (name) => `${whose(name)} progress is back on this laptop, as it was.`;

/** Why Undo could not put the home back. */
export const UNDO_TOO_LATE = 'Progress was saved on this laptop after the removal, so putting the home back now could overwrite it. Nothing was changed. To bring the home back, use the file you downloaded, under “Bring back a backup” on this page.';

/** Why Undo did not put the home back (storage refused it; e is what it threw). */
export const notPutBack = (e) =>
  `This browser did not let the guide change what it keeps${e && e.name ? ` (${e.name})` : ''}, so the home was not put back. To bring it back, use the file you downloaded, under “Bring back a backup” on this page.`;

/** Why the removal did not happen (storage refused it; e is what it threw). */
export const notRemoved = (e) =>
  `This browser did not let the guide change what it keeps${e && e.name ? ` (${e.name})` : ''}, so nothing was removed. Try again, or ask the organiser to delete the profile by hand.`;

// The parts of a document a backup must hold, without the times it was
// saved and exported, and without the profile, which an import replaces
// by the one in use.
const content = (d) => serialise({ ...d, updated: '', exported: undefined, profile: undefined });
const same = (a, b) => serialise(a) === serialise(b);
const list = (ids) => (ids.length > 10 ? `${ids.slice(0, 10).join(', ')} and ${ids.length - 10} more` : and(ids));

/**
 * True when a document read from a file holds all the stored one does.
 * @param {object} stored the document saved on this laptop
 * @param {object} read the document read from the file (importer.js parseImport's doc)
 */
export const holdsAll = (stored, read) => content(stored) === content(read);

/**
 * Whether a downloaded file holds everything saved for this home, and if
 * not, what it lacks or has otherwise, one line each.
 * @param {object} stored the document saved on this laptop
 * @param {{ok: false, message: string}|{ok: true, doc: object, problems: object[], migrated: null|object}} r
 *   importer.js parseImport's result for the file (or filetext.js decodeFile's, when it failed)
 * @param {string} name the home's name (homeOf)
 * @returns {{ok: boolean, headline: string, lines: string[]}}
 */
export function checkFile(stored, r, name) {
  const home = name ? ` for ${name}` : '';
  const no = (lines) => ({
    ok: false,
    headline: `This file does not hold everything saved on this laptop${home}, so nothing has been removed. Download the progress again in step 1, then choose the new file here.`,
    lines,
  });
  if (!r.ok) return no([r.message]);
  const got = r.doc, lines = r.problems.map((p) => p.message);
  if (r.migrated) lines.push('The file is for another edition of the toolkit than the one in use here.');
  const a = stored.organisation, b = got.organisation;
  if (a.name !== b.name) lines.push(b.name ? `The file is for ${b.name}, not ${a.name || 'the home in use here'}.` : 'The file has no care home’s name, but one is saved here.');
  else if (a.odsCode !== b.odsCode || a.completedBy !== b.completedBy) lines.push('The organisation’s ODS code, or who is completing the toolkit, is not the same in the file.');
  const d = summarise(stored, got);
  const missing = Object.keys(stored.items).filter((id) => !Object.hasOwn(got.items, id)).sort();
  const extra = Object.keys(got.items).filter((id) => !Object.hasOwn(stored.items, id)).sort();
  const changed = d.details.map((x) => x.id).filter((id) => !missing.includes(id) && !extra.includes(id));
  if (missing.length) lines.push(`${plural(missing.length, 'One item', `${missing.length} items`)} saved here ${plural(missing.length, 'is', 'are')} not in the file: ${list(missing)}.`);
  if (extra.length) lines.push(`The file has ${count(extra.length, 'item', 'items')} not saved here: ${list(extra)}.`);
  if (changed.length) lines.push(`The file has other statuses, notes or evidence for ${count(changed.length, 'item', 'items')}: ${list(changed)}.`);
  if (!same(stored.kept, got.kept) || !same(stored.leftOut, got.leftOut)) lines.push('What is kept aside because it does not fit this edition is not the same in the file.');
  if (!same(stored.programme, got.programme)) lines.push('The programme’s start date or deadline is not the same in the file.');
  if (!same(stored.published, got.published)) lines.push('When you published, or at which level, is not the same in the file.');
  if (!lines.length && !holdsAll(stored, got)) lines.push('The file is not the same as the progress saved here.');
  if (lines.length) return no(lines);
  const n = Object.keys(stored.items).length;
  return {
    ok: true,
    headline: `The file is complete. It holds everything saved on this laptop${home}: ${n ? `${count(n, 'item', 'items')} with ${plural(n, 'its', 'their')} notes and evidence` : 'no item is marked yet'}, the programme, and the organisation’s details. You can now remove the home from this laptop in step 3.`,
    lines: [],
  };
}

/**
 * The take-home summary's content, in the order it is printed.
 * @param {object} o
 * @param {object} o.tk toolkit.json
 * @param {object} o.doc this home's document
 * @param {string} o.name the home's name (homeOf)
 * @param {string} o.file the backup file's name
 * @param {string} o.address the site's address to open at home; '' when this laptop's is no use there
 * @param {string} o.today today, YYYY-MM-DD
 * @returns {{title: string, made: string, readiness: string[], nextIntro: string, next: {ref: string, title: string, check: boolean}[], checkNote: string, backup: string[], bringBack: string[]}}
 */
export function takeHome({ tk, doc, name, file, address, today }) {
  // The same tallies with nothing marked not applicable, as the checklist
  // counts them (checklist.js).
  const r = readiness(tk.items, doc), all = readiness(tk.items, null);
  const levels = tk.labels.levels;
  const entry = (id) => (Object.hasOwn(doc.items, id) && doc.items[id]) || {};
  // What is not done, in the programme's order: by week, then as the
  // toolkit lists them. Items the home marked not applicable (where they
  // may be) are not to do.
  const todo = tk.items
    .map((it, i) => ({ it, i }))
    .filter(({ it }) => (it.level == 'approaching' || it.level == 'met') && entry(it.id).status != 'met' && !(it.notApplicable && entry(it.id).status == 'not-applicable'))
    .sort((a, b) => (a.it.week || 99) - (b.it.week || 99) || a.i - b.i)
    .map(({ it }) => it);
  const next = todo.slice(0, NEXT_ITEMS).map((it) => ({ ref: it.label || it.id, title: it.title, check: !!it.check }));
  const checks = next.filter((x) => x.check).length;
  const where = address ? `At home, open ${address} in your web browser` : 'At home, open this guide in your web browser (ask the workshop’s organiser for its address)';
  return {
    title: `${name || 'Your care home'}: your toolkit progress to take home`,
    made: `Made on ${longDate(today)} from the progress saved on the shared laptop. Data Security and Protection Toolkit, ${tk.edition.title} edition: publish by ${tk.edition.deadlineText}.`,
    readiness: ['approaching', 'met'].map((l) => `${levels[l]}: ${tallyText(r[l], all[l].total).replace(/done$/, 'done.')}`),
    nextIntro: !todo.length ? `Every item needed for ${levels.met} is done. Check your evidence, then publish your assessment in the toolkit.`
      : todo.length > next.length ? `The first ${next.length} of the ${todo.length} items still to do, in the order of the programme:`
        : `The ${plural(todo.length, 'item', `${todo.length} items`)} still to do, in the order of the programme:`,
    next,
    checkNote: checks ? `${plural(checks, 'One of these items is', `${checks} of these items are`)} marked to check in the toolkit: ${plural(checks, 'its', 'their')} reference or wording here is not confirmed, so look ${plural(checks, 'it', 'them')} up in the toolkit itself.` : '',
    backup: [
      `Your progress is in the file ${file}. It was saved in this laptop’s Downloads folder, unless you chose another place when it downloaded.`,
      'Before you leave, copy it to your own USB stick, or email it to yourself. Then delete it from this laptop.',
    ],
    bringBack: [
      `${where}, and go to Your progress.`,
      'Under “Bring back a backup”, choose the file in “Backup file”. The guide shows what it would change.',
      'Choose “Replace my progress with this file”. Everything saved today is there, and you carry on from where you stopped.',
    ],
  };
}
