// The "Your progress" page: the organisation's details, backups (export
// and import, with undo), profiles for several services, and what is kept
// aside because it does not fit this edition (kept entries and left-out
// values), to put back or remove. Loaded only on that page.

import { LIMITS, serialise, setOrganisation, title } from './progress.js';
import { createProfile, deleteProfile, profiles, renameProfile, switchProfile } from './storage.js';
import { parseImport, summarise } from './importer.js';
import { decodeFile } from './filetext.js';
import { keptAside, keptLost, putBack, removeAside } from './editions.js';
import { $, announce, el, open, persist, render, savedAt, saveFile, slug, tell, update } from './app.js';

const now = () => new Date().toISOString();
const li = (text) => el('li', { textContent: text });

let s; // app.js's state
let undo = null; // the document an import replaced
let incoming = null; // an import waiting for the user's yes

/** Wires up the page. */
export function start(state) {
  s = state;
  $('[data-rk-nojs]').hidden = true;
  $('[data-rk-progress-page]').hidden = false;
  organisation();
  backups();
  profileForms();
  show();
}

// Fills everything on this page from the state.
function show() {
  const org = s.doc.organisation;
  const form = $('[data-rk-org-form]');
  for (const f of ['name', 'odsCode', 'completedBy']) {
    if (form.elements[f] != document.activeElement) form.elements[f].value = org[f] || '';
  }
  $('[data-rk-saved-long]').textContent = savedAt(Object.keys(s.doc.items).length || org.name ? s.doc.updated : '');
  const ix = profiles(s.storage, s.tk.site, now());
  const select = $('[data-rk-profile-select]');
  select.replaceChildren(...ix.profiles.map((p) => el('option', {
    value: p.id, textContent: p.name || 'Unnamed profile', selected: p.id == ix.current,
  })));
  $('#rk-profile-rename').value = s.profile.name;
  keptList();
  const p = $('[data-rk-persist]');
  if (navigator.storage && navigator.storage.persisted) {
    navigator.storage.persisted().then((yes) => {
      p.textContent = yes ? 'This browser has agreed to keep your progress until you clear it yourself.' : 'This browser may clear saved data when space runs low, so keep a backup.';
    }, () => {});
  }
}

function organisation() {
  const form = $('[data-rk-org-form]');
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('input', (e) => {
    const f = e.target.name;
    let v = e.target.value;
    if (f == 'odsCode') v = v.replace(/[^A-Za-z0-9]/g, '');
    try {
      s.doc = setOrganisation(s.doc, { [f]: v }, now());
    } catch {
      return;
    }
    persist();
    render();
    show();
  });
}

// A file name that says whose progress it is and when it was saved.
function fileName() {
  const who = slug(s.doc.organisation.name || s.profile.name || '', 'progress');
  return `readykit-${who}-${s.tk.edition.title}-${now().slice(0, 10)}.json`;
}

function backups() {
  $('[data-rk-export]').addEventListener('click', () => {
    s.doc = { ...s.doc, exported: now() };
    persist();
    saveFile(fileName(), 'application/json', serialise(s.doc, 2) + '\n');
    announce('Your backup is downloading.');
    render();
    show();
  });

  const file = $('[data-rk-import-file]');
  const box = $('[data-rk-import]');
  file.addEventListener('change', async () => {
    box.hidden = true;
    incoming = null;
    const f = file.files[0];
    if (!f) return;
    if (f.size > LIMITS.importBytes) {
      tell(`This file is ${(f.size / 1048576).toFixed(1)} MB. A readykit progress file is never more than 1 MB, so this is not one. Your progress has not changed.`);
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
    const org = r.doc.organisation.name;
    $('[data-rk-import-summary]').textContent = `This backup${org ? ' for ' + org : ''} was saved ${savedAt(r.doc.updated).replace('Saved on this device ', '').replace(/\.$/, '')}. It would add ${d.added}, change ${d.changed} and remove ${d.removed} of your items${d.organisation ? ', and change your organisation’s details' : ''}.`;
    const lines = d.details.slice(0, 20).map((x) => li(`${x.id}: ${x.fields.join(', ')}`));
    if (d.details.length > 20) lines.push(li(`and ${d.details.length - 20} more`));
    for (const p of r.problems) lines.push(li(p.message));
    const aside = Object.keys(r.aside);
    if (aside.length) lines.push(li(`${aside.length} items in the file are not in this edition; they will be kept on this page: ${aside.join(', ')}.`));
    const values = r.doc.leftOut.length;
    if (values) lines.push(li(`${values} ${values == 1 ? 'value' : 'values'} in the file do not fit this edition; they will be kept on this page, where you can put them back or remove them.`));
    const gone = keptLost(s.doc, r.doc);
    if (gone) lines.push(li(`It would also remove ${gone} of the things listed under Saved progress that does not fit. If you may need them, download a backup first.`));
    if (r.migrated) lines.push(li(`The file is from the ${title(r.migrated.from)} edition; its progress moves to this one.`));
    $('[data-rk-import-details]').replaceChildren(...lines);
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
    undo = s.doc;
    s.doc = incoming.doc;
    incoming = null;
    box.hidden = true;
    file.value = '';
    if (!persist(true)) {
      s.doc = undo;
      s.agreed = false;
      undo = null;
      return;
    }
    update();
    show();
    $('[data-rk-undo-box]').hidden = false;
    announce('Your progress was replaced with the backup. You can undo this.');
    $('[data-rk-undo]').focus();
  });

  $('[data-rk-undo]').addEventListener('click', () => {
    if (!undo) return;
    s.doc = undo;
    undo = null;
    persist(true);
    update();
    show();
    $('[data-rk-undo-box]').hidden = true;
    announce('The import was undone.');
  });
}

// Switches to whatever profile is current in storage, and shows it.
async function reopen(message) {
  await open();
  update();
  show();
  announce(message);
}

// Makes a change to the profiles, then shows the profile in use; says so
// when storage refuses the change.
function profileChange(change) {
  let message;
  try {
    message = change();
  } catch (e) {
    if (e instanceof TypeError) throw e;
    tell(`${e && e.name == 'QuotaExceededError' ? "This browser's storage for this site is full" : 'This browser would not save'}, so the profiles were not changed. Download a backup of your progress first, then clear some space.`);
    return;
  }
  reopen(message);
}

// ---------------------------------------------------------------------------
// Kept aside: what does not fit this edition, with what to do about it.

let acted = false; // something was put back or removed on this visit

// Lists what is kept aside (see editions.js keptAside).
function keptList() {
  const rows = keptAside(s.doc, s.tk.items);
  $('[data-rk-kept]').replaceChildren(...rows.map(keptRow));
  $('[data-rk-kept-box]').hidden = !rows.length && !acted;
  $('[data-rk-kept-empty]').hidden = !!rows.length;
}

function keptRow(row, i) {
  const id = `rk-kept-${i}`;
  const item = row.key.id || row.key.record.id;
  const button = (text, className, onclick) => {
    const b = el('button', { type: 'button', className, textContent: text, onclick });
    b.setAttribute('aria-describedby', id);
    return b;
  };
  // Put back and remove are changes the user asked for: persist(true) lets
  // the backup move on without what they took away (see storage.js save).
  const act = (change, done) => {
    s.doc = change(s.doc);
    acted = true;
    persist(true);
    update();
    show();
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
  return el('li', { className: 'rk-kept__row' },
    el('h3', { id, tabIndex: -1, textContent: row.title }),
    el('div', { className: 'rk-kept__value' }, ...row.lines.map((t) => el('p', { textContent: t }))),
    el('p', { textContent: row.why }),
    el('p', { textContent: row.todo }),
    ...(row.url && item ? [el('p', {}, el('a', { href: row.url, textContent: `Open item ${item}` }))] : []),
    el('p', { className: 'rk-buttons' }, ...buttons),
    confirm);
}

function profileForms() {
  const site = s.tk.site;
  $('[data-rk-profile-form]').addEventListener('submit', (e) => {
    e.preventDefault();
    profileChange(() => (switchProfile(s.storage, site, $('[data-rk-profile-select]').value, now()), 'Switched profile.'));
  });
  $('[data-rk-profile-new]').addEventListener('submit', (e) => {
    e.preventDefault();
    profileChange(() => {
      const input = $('#rk-profile-name');
      const { profile } = createProfile(s.storage, site, input.value, now());
      switchProfile(s.storage, site, profile.id, now());
      input.value = '';
      return `Added the profile ${profile.name}, and switched to it.`;
    });
  });
  $('[data-rk-profile-rename]').addEventListener('submit', (e) => {
    e.preventDefault();
    profileChange(() => (renameProfile(s.storage, site, s.profile.id, $('#rk-profile-rename').value, now()), 'Renamed the profile.'));
  });
  const confirm = $('[data-rk-delete-confirm]');
  $('[data-rk-profile-delete]').addEventListener('click', () => {
    $('[data-rk-delete-question]').textContent = `Delete the profile ${s.profile.name || 'in use'} and all its progress from this browser? This cannot be undone; download a backup first if you may need it.`;
    confirm.hidden = false;
    $('[data-rk-delete-no]').focus();
  });
  $('[data-rk-delete-no]').addEventListener('click', () => {
    confirm.hidden = true;
    $('[data-rk-profile-delete]').focus();
  });
  $('[data-rk-delete-yes]').addEventListener('click', () => {
    confirm.hidden = true;
    profileChange(() => (deleteProfile(s.storage, site, s.profile.id, now()), 'The profile was deleted.'));
  });
}
