// The "Your progress" page: the organisation's details, backups (export
// and import, with undo), profiles for several services, what is kept
// aside because it does not fit this edition (kept entries and left-out
// values), to put back or remove, and finishing on a shared laptop
// (finish.js). Loaded only on that page; the words are in account-text.js.

import { LIMITS, serialise, setOrganisation } from './progress.js';
import { createProfile, deleteProfile, profiles, renameProfile, switchProfile } from './storage.js';
import { homeName } from './homename.js';
import { parseImport, summarise } from './importer.js';
import { decodeFile } from './filetext.js';
import { keptAside, keptLost, putBack, removeAside } from './editions.js';
import { savedLine } from './checklist-text.js';
import { deleteQuestion, importDetails, importSummary, keptLink, newProfileProblem, persisted, profileLabels, profilesRefused, tooBig } from './account-text.js';
import { $, announce, el, saveFile, slug, tell } from './dom.js';
import { start as finish } from './finish.js';

const now = () => new Date().toISOString();
const li = (text) => el('li', { textContent: text });

let s; // the session (session.js)
let undo = null; // the document an import replaced
let incoming = null; // an import waiting for the user's yes
let acted = false; // something kept aside was put back or removed on this visit
let shown = ''; // the document (session.token) the organisation's form shows

/** Wires up the page. */
export function start(session) {
  s = session;
  $('[data-rk-nojs]').hidden = true;
  $('[data-rk-progress-page]').hidden = false;
  organisation();
  backups();
  profileForms();
  s.subscribe(show);
  show();
  finish(s, download);
}

// Fills everything on this page from the document.
function show() {
  const org = s.doc.organisation;
  const form = $('[data-rk-org-form]');
  // A field being typed in is left alone, unless this tab now shows another home.
  for (const f of ['name', 'odsCode', 'completedBy']) {
    if (form.elements[f] != document.activeElement || shown != s.token) form.elements[f].value = org[f] || '';
  }
  shown = s.token;
  $('[data-rk-saved-long]').textContent = savedLine(s.doc);
  const ix = profiles(s.storage, s.tk.site, now());
  const labels = listed(ix.profiles);
  const select = $('[data-rk-profile-select]');
  select.replaceChildren(...ix.profiles.map((p, i) => el('option', {
    value: p.id, textContent: labels[i], selected: p.id == ix.current,
  })));
  $('#rk-profile-rename').value = s.profile.name;
  keptList();
  const p = $('[data-rk-persist]');
  if (navigator.storage && navigator.storage.persisted) {
    navigator.storage.persisted().then((yes) => {
      p.textContent = persisted(yes);
    }, () => {});
  }
}

// How each profile is listed (account-text.js profileLabels): the profile
// in use by the name as typed on this page, even before it is saved.
function listed(list) {
  const { site, edition: { id: edition }, history } = s.tk;
  const homes = Object.fromEntries(list.map((p) => [p.id, p.id == s.profile.id ? s.doc.organisation.name
    : homeName(s.storage, { site, profile: p.id, edition, history })]));
  return profileLabels(list, homes);
}

// How the profile in use is listed.
function inUse() {
  const list = profiles(s.storage, s.tk.site, now()).profiles;
  return listed(list)[list.findIndex((p) => p.id == s.profile.id)] || s.profile.name;
}

function organisation() {
  const form = $('[data-rk-org-form]');
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('input', (e) => {
    const f = e.target.name;
    let v = e.target.value;
    if (f == 'odsCode') v = v.replace(/[^A-Za-z0-9]/g, '');
    try {
      s.change((d) => setOrganisation(d, { [f]: v }, now()));
    } catch {
      // A value the document cannot hold is not saved; the field keeps it.
    }
  });
}

// A file name that says whose progress it is and when it was saved.
function fileName() {
  const who = slug(s.doc.organisation.name || s.profile.name || '', 'progress');
  return `readykit-${who}-${s.tk.edition.title}-${now().slice(0, 10)}.json`;
}

// Downloads the backup, the same document as stored, and returns the
// file's name. Finish on this laptop (finish.js) downloads with it too.
function download() {
  s.change((d) => ({ ...d, exported: now() }));
  const name = fileName();
  saveFile(name, 'application/json', serialise(s.doc, 2) + '\n');
  return name;
}

function backups() {
  $('[data-rk-export]').addEventListener('click', () => {
    download();
    announce('Your backup is downloading.');
  });

  const file = $('[data-rk-import-file]');
  const box = $('[data-rk-import]');
  file.addEventListener('change', async () => {
    box.hidden = true;
    incoming = null;
    const f = file.files[0];
    if (!f) return;
    if (f.size > LIMITS.importBytes) {
      tell(tooBig(f.size));
      return;
    }
    const read = decodeFile(await f.arrayBuffer());
    const r = read.ok ? parseImport(read.text, { site: s.tk.site, edition: s.tk.edition.id, items: s.tk.items, history: s.tk.history, now: now(), profile: s.doc.profile }) : read;
    if (!r.ok) {
      tell(r.message, 'Your progress has not changed.');
      return;
    }
    tell();
    incoming = r;
    const d = summarise(s.doc, r.doc);
    $('[data-rk-import-summary]').textContent = importSummary(r.doc, d);
    $('[data-rk-import-details]').replaceChildren(...importDetails(r, d, keptLost(s.doc, r.doc)).map(li));
    box.hidden = false;
    $('[data-rk-import-apply]').focus();
  });

  $('[data-rk-import-cancel]').addEventListener('click', () => {
    box.hidden = true;
    incoming = null;
    file.value = '';
    announce('Nothing was changed.');
  });

  $('[data-rk-import-apply]').addEventListener('click', () => {
    if (!incoming) return;
    const next = incoming.doc, before = s.doc;
    incoming = null;
    box.hidden = true;
    file.value = '';
    // An import is a change the user asked for (see storage.js save); one
    // that cannot be saved leaves the progress as it was.
    if (!s.change(() => next, { agreed: true, revert: true })) return;
    undo = before;
    $('[data-rk-undo-box]').hidden = false;
    announce('Your progress was replaced with the backup. You can undo this.');
    $('[data-rk-undo]').focus();
  });

  $('[data-rk-undo]').addEventListener('click', () => {
    if (!undo) return;
    const back = undo;
    undo = null;
    s.change(() => back, { agreed: true });
    $('[data-rk-undo-box]').hidden = true;
    announce('The import was undone.');
  });
}

// Makes a change to the profiles, then shows the profile in use; says so
// when storage refuses the change.
async function profileChange(change) {
  let message;
  try {
    message = change(s.storage, s.tk.site, now());
  } catch (e) {
    if (e instanceof TypeError) throw e;
    tell(profilesRefused(e));
    return;
  }
  await s.open();
  announce(message);
}

// ---------------------------------------------------------------------------
// Kept aside: what does not fit this edition, with what to do about it.

// Lists what is kept aside (see editions.js keptAside).
function keptList() {
  const rows = keptAside(s.doc, s.tk.items, s.tk.labels);
  $('[data-rk-kept]').replaceChildren(...rows.map(keptRow));
  $('[data-rk-kept-box]').hidden = !rows.length && !acted;
  $('[data-rk-kept-empty]').hidden = !!rows.length;
}

function keptRow(row, i) {
  const id = `rk-kept-${i}`;
  const button = (text, className, onclick) => {
    const b = el('button', { type: 'button', className, textContent: text, onclick });
    b.setAttribute('aria-describedby', id);
    return b;
  };
  // Put back and remove are changes the user asked for: agreed lets the
  // backup move on without what they took away (see storage.js save).
  const act = (change, done) => {
    acted = true;
    s.change(change, { agreed: true });
    // Focus goes to the row that took this one's place, or to the line
    // saying nothing is left.
    const rows = $('[data-rk-kept]').children.length;
    (rows ? $(`#rk-kept-${Math.min(i, rows - 1)}`) : $('[data-rk-kept-empty]')).focus();
    announce(done);
  };
  const confirm = el('div', { className: 'rk-confirm', hidden: true },
    el('p', { textContent: 'Remove this for good? It cannot be undone. If you may need it later, download a backup first.' }),
    el('p', { className: 'rk-buttons' },
      button('Yes, remove it', 'rk-button rk-button--warning', () => act((d) => removeAside(d, row.key, now()), 'Removed.')),
      button('No, keep it', 'rk-button rk-button--secondary', () => {
        confirm.hidden = true;
        remove.focus();
      })));
  const remove = button('Remove', 'rk-button rk-button--secondary', () => {
    confirm.hidden = false;
    confirm.querySelector('.rk-button--secondary').focus();
  });
  const buttons = [remove];
  if (row.fits) buttons.unshift(button('Put it back', 'rk-button', () => act((d) => putBack(d, row.key, s.tk.items, now()), 'Put back.')));
  const link = keptLink(row);
  return el('li', { className: 'rk-kept__row' },
    el('h3', { id, tabIndex: -1, textContent: row.title }),
    el('div', { className: 'rk-kept__value' }, ...row.lines.map((t) => el('p', { textContent: t }))),
    el('p', { textContent: row.why }),
    el('p', { textContent: row.todo }),
    ...(link ? [el('p', {}, el('a', { href: link.href, textContent: link.text }))] : []),
    el('p', { className: 'rk-buttons' }, ...buttons),
    confirm);
}

function profileForms() {
  $('[data-rk-profile-form]').addEventListener('submit', (e) => {
    e.preventDefault();
    profileChange((storage, site, at) => (switchProfile(storage, site, $('[data-rk-profile-select]').value, at), 'Switched profile.'));
  });
  const input = $('#rk-profile-name'), problem = $('#rk-profile-name-problem');
  // The name is the home's: without it the new profile would be listed as
  // a free one. Said in words next to the field, and read out.
  const mark = (text) => {
    problem.textContent = text;
    problem.hidden = !text;
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  input.addEventListener('input', () => {
    if (!problem.hidden && !newProfileProblem(input.value)) mark('');
  });
  $('[data-rk-profile-new]').addEventListener('submit', (e) => {
    e.preventDefault();
    const wrong = newProfileProblem(input.value);
    mark(wrong);
    if (wrong) {
      announce(wrong);
      input.focus();
      return;
    }
    profileChange((storage, site, at) => {
      const { profile } = createProfile(storage, site, input.value, at);
      switchProfile(storage, site, profile.id, at);
      input.value = '';
      return `Added the profile ${profile.name}, and switched to it.`;
    });
  });
  $('[data-rk-profile-rename]').addEventListener('submit', (e) => {
    e.preventDefault();
    profileChange((storage, site, at) => (renameProfile(storage, site, s.profile.id, $('#rk-profile-rename').value, at), 'Renamed the profile.'));
  });
  const confirm = $('[data-rk-delete-confirm]');
  $('[data-rk-profile-delete]').addEventListener('click', () => {
    $('[data-rk-delete-question]').textContent = deleteQuestion(inUse());
    confirm.hidden = false;
    $('[data-rk-delete-no]').focus();
  });
  $('[data-rk-delete-no]').addEventListener('click', () => {
    confirm.hidden = true;
    $('[data-rk-profile-delete]').focus();
  });
  $('[data-rk-delete-yes]').addEventListener('click', () => {
    confirm.hidden = true;
    profileChange((storage, site, at) => (deleteProfile(storage, site, s.profile.id, at), 'The profile was deleted.'));
  });
}
