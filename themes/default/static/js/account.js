// The "Your progress" page: the organisation's details, backups (export
// and import, with undo), profiles for several services, and progress kept
// from earlier editions. Loaded only on that page.

import { LIMITS, serialise, setOrganisation, title } from './progress.js';
import { createProfile, deleteProfile, profiles, renameProfile, switchProfile } from './storage.js';
import { parseImport, summarise } from './importer.js';
import { decodeFile } from './filetext.js';
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
  const kept = Object.entries(s.doc.kept || {});
  $('[data-rk-kept]').replaceChildren(...kept.map(([id, e]) => li(`${id} (from ${title(e.from)}): ${e.status}${e.notes ? '. Notes: ' + e.notes : ''}${e.evidence ? '. Evidence: ' + e.evidence : ''}`)));
  $('[data-rk-kept-box]').hidden = !kept.length;
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
    const kept = { ...incoming.doc.kept };
    for (const [id, e] of Object.entries(incoming.aside)) kept[id] = { from: s.tk.edition.id, ...e };
    s.doc = { ...incoming.doc, kept };
    incoming = null;
    box.hidden = true;
    file.value = '';
    if (!persist()) {
      s.doc = undo;
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
    persist();
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

function profileForms() {
  const site = s.tk.site;
  $('[data-rk-profile-form]').addEventListener('submit', (e) => {
    e.preventDefault();
    switchProfile(s.storage, site, $('[data-rk-profile-select]').value, now());
    reopen('Switched profile.');
  });
  $('[data-rk-profile-new]').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('#rk-profile-name');
    const { profile } = createProfile(s.storage, site, input.value, now());
    switchProfile(s.storage, site, profile.id, now());
    input.value = '';
    reopen(`Added the profile ${profile.name}, and switched to it.`);
  });
  $('[data-rk-profile-rename]').addEventListener('submit', (e) => {
    e.preventDefault();
    renameProfile(s.storage, site, s.profile.id, $('#rk-profile-rename').value, now());
    reopen('Renamed the profile.');
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
    deleteProfile(s.storage, site, s.profile.id, now());
    confirm.hidden = true;
    reopen('The profile was deleted.');
  });
}
