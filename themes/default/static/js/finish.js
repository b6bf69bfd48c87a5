// "Finish on this laptop", on the Your progress page: for a laptop shared
// at a workshop. Step 1 downloads this home's progress (the page's own
// backup, account.js), step 2 reads the file chosen back and checks that
// it holds everything saved here, as an import reads it, and only then
// step 3 removes the home from the laptop (homekeys.js), with an undo
// kept in memory until the page is closed. A take-home summary, made from
// the home's document when it is downloaded, stays on the page to print.
// The words are in finish-text.js.

import { LIMITS } from './progress.js';
import { parseImport } from './importer.js';
import { decodeFile } from './filetext.js';
import { putBack, removeHome, siteState } from './homekeys.js';
import { tooBig } from './account-text.js';
import { CHANGED_SINCE, UNDO_TOO_LATE, checkFile, downloading, holdsAll, homeOf, leftOn, notPutBack, notRemoved, removedLine, takeHome, undoneLine } from './finish-text.js';
import { $, announce, el, tell } from './dom.js';

const now = () => new Date().toISOString();
// Today on this laptop's calendar, YYYY-MM-DD.
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const li = (text) => el('li', { textContent: text });

/**
 * Wires up the section, when the page has it.
 * @param {object} s the session (session.js)
 * @param {() => string} download saves this home's backup file, as the
 *   page's "Download a backup" does, and returns the file's name
 */
export function start(s, download) {
  if (!$('[data-rk-finish]')) return;
  // The download the summary was made for: the profile and the file's name.
  let took = null;
  // The document a good check read from the file, and whose it was.
  let checked = null;
  // What the removal took, the site's storage as it left it, and the name.
  let removed = null;

  const input = $('[data-rk-finish-file]'), result = $('[data-rk-finish-result]');
  const removeButton = $('[data-rk-finish-remove]');
  const verdict = (v) => {
    $('[data-rk-finish-verdict]').textContent = v ? v.headline : '';
    $('[data-rk-finish-problems]').replaceChildren(...(v ? v.lines.map(li) : []));
    result.hidden = !v;
  };
  const summary = (show) => {
    $('[data-rk-takehome]').hidden = !show;
    // While the summary is on the page, the page prints as the summary
    // alone (site.css), whichever way printing is asked for.
    if (show) document.documentElement.dataset.rkTakehomeShown = '';
    else delete document.documentElement.dataset.rkTakehomeShown;
  };

  function show() {
    $('[data-rk-finish-steps]').hidden = !!removed;
    $('[data-rk-finish-removed]').hidden = !removed;
    if (removed) return;
    $('[data-rk-finish-home]').textContent = homeOf(s.doc, s.profile) || 'this home';
    if (took && took.profile != s.profile.id) {
      // Another profile is in use now: what was made for the other one goes.
      took = checked = null;
      $('[data-rk-finish-saved]').hidden = true;
      summary(false);
      verdict(null);
      input.value = '';
    }
    if (checked && (checked.profile != s.profile.id || !holdsAll(s.doc, checked.doc))) {
      checked = null;
      verdict({ headline: CHANGED_SINCE, lines: [] });
      input.value = '';
    }
    removeButton.hidden = !checked;
    $('[data-rk-finish-wait]').hidden = !!checked;
  }

  function fillSummary(file) {
    const address = s.tk.baseURL || (/^https?:$/.test(location.protocol) && !/^(localhost|127\.|\[::1\])/.test(location.hostname) ? new URL('../', import.meta.url).href : '');
    const t = takeHome({ tk: s.tk, doc: s.doc, name: homeOf(s.doc, s.profile), file, address, today: today() });
    $('[data-rk-takehome-title]').textContent = t.title;
    $('[data-rk-takehome-made]').textContent = t.made;
    $('[data-rk-takehome-readiness]').replaceChildren(...t.readiness.map(li));
    $('[data-rk-takehome-next-intro]').textContent = t.nextIntro;
    $('[data-rk-takehome-next]').replaceChildren(...t.next.map((x) => el('li', {},
      el('strong', { textContent: x.ref }), ' ',
      ...(x.check ? [el('span', { className: 'tag tag--check', textContent: s.tk.labels.checkMark }), ' '] : []),
      x.title)));
    $('[data-rk-takehome-check]').textContent = t.checkNote;
    $('[data-rk-takehome-check]').hidden = !t.checkNote;
    $('[data-rk-takehome-backup]').replaceChildren(...t.backup.map((x) => el('p', { textContent: x })));
    $('[data-rk-takehome-bring]').replaceChildren(...t.bringBack.map(li));
    summary(true);
  }

  $('[data-rk-finish-download]').addEventListener('click', () => {
    const file = download();
    took = { profile: s.profile.id, file };
    checked = null;
    verdict(null);
    input.value = '';
    const saved = $('[data-rk-finish-saved]');
    saved.textContent = downloading(file);
    saved.hidden = false;
    fillSummary(file);
    show();
    announce(downloading(file));
  });

  input.addEventListener('change', async () => {
    checked = null;
    verdict(null);
    show();
    const f = input.files[0];
    if (!f) return;
    const read = f.size > LIMITS.importBytes ? { ok: false, message: tooBig(f.size) } : decodeFile(await f.arrayBuffer());
    const r = read.ok ? parseImport(read.text, { site: s.tk.site, edition: s.tk.edition.id, items: s.tk.items, history: s.tk.history, now: now(), profile: s.doc.profile }) : read;
    const v = checkFile(s.doc, r, homeOf(s.doc, s.profile));
    if (v.ok) checked = { profile: s.profile.id, doc: r.doc, v };
    verdict(v);
    show();
    announce(v.headline);
  });

  removeButton.addEventListener('click', async () => {
    if (!checked || checked.profile != s.profile.id || !holdsAll(s.doc, checked.doc)) return show();
    const name = homeOf(s.doc, s.profile);
    let taken;
    try {
      taken = removeHome(s.storage, s.tk.site, s.profile.id, now());
    } catch (e) {
      if (e instanceof TypeError) throw e;
      tell(notRemoved(e));
      return;
    }
    removed = { taken, name, checked, left: '' };
    checked = null;
    verdict(null);
    input.value = '';
    await s.open();
    // What Undo compares with: the storage as the removal and the opening
    // of the next profile left it.
    removed.left = siteState(s.storage, s.tk.site);
    $('[data-rk-finish-removed-line]').textContent = removedLine(name);
    $('[data-rk-finish-next]').textContent = leftOn(homeOf(s.doc, s.profile));
    undoShown(true);
    show();
    $('[data-rk-finish-removed-line]').focus();
    announce(removedLine(name));
  });

  const undoShown = (yes) => {
    $('[data-rk-finish-undo]').hidden = $('[data-rk-finish-undo-note]').hidden = !yes;
  };
  $('[data-rk-finish-undo]').addEventListener('click', async () => {
    if (!removed) return;
    let back;
    try {
      back = putBack(s.storage, removed.taken, removed.left);
    } catch (e) {
      if (e instanceof TypeError) throw e;
      tell(notPutBack(e));
      return;
    }
    if (!back) {
      // The laptop has moved on: the steps are for the profile in use now.
      removed = null;
      undoShown(false);
      show();
      tell(UNDO_TOO_LATE);
      $('#rk-finish-title').focus();
      return;
    }
    const { name, taken } = removed, before = removed.checked;
    removed = null;
    await s.open();
    // The home is back as it was, so the file checked before still holds all of it.
    if (before && s.profile.id == taken.id && holdsAll(s.doc, before.doc)) {
      checked = before;
      verdict(before.v);
    }
    show();
    (checked ? removeButton : $('[data-rk-finish-download]')).focus();
    announce(undoneLine(name));
  });

  $('[data-rk-takehome-print]').addEventListener('click', () => window.print());
  $('[data-rk-finish-byhand]').hidden = true;
  s.subscribe(show);
  show();
}
