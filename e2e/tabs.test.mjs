// Two tabs on a shared laptop (issue 15): a profile switched, deleted or
// renamed in one tab is followed by the other, and a tab never writes one
// care home's changes into another's record. Two pages in one context share
// localStorage, as two tabs do; each test reads both homes' stored progress.
//
// Storage events are asynchronous: every test waits on a condition in the
// page, never for a time.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goTo, serveSite, session, siteDir, waitForEntries } from './pages.mjs';

const dir = siteDir();
const TK = JSON.parse(readFileSync(join(dir, 'data', 'toolkit.json'), 'utf8'));
const SITE = TK.site, EDITION = TK.edition.id;
const keyOf = (profile) => `readykit:${SITE}:${profile}:${EDITION}`;
const site = serveSite(dir);

// An item that may not apply: its reason is saved only when its field is
// left, so what is typed there stays unsaved for as long as a test needs.
const ITEM = '1.3.12';
if (!TK.items.some((it) => it.id == ITEM && it.notApplicable)) throw new Error(`item ${ITEM} cannot be "not applicable" any more: choose another`);
const REASON = 'We keep no paper records at Oak House';

const visit = (page, path) => goTo(page, site.server.url + path);
const stored = (page, profile) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), keyOf(profile));
// Every key a profile has in storage.
const keysOf = (page, profile) => page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)), `readykit:${SITE}:${profile}:`);
const header = (page) => page.locator('[data-rk-who]').textContent().then((t) => t.trim());
const waitForHeader = (page, text) => page.waitForFunction((t) => document.querySelector('[data-rk-who]')?.textContent.trim() === t, text);
const waitForAlert = (page, text) => page.waitForFunction((t) => {
  const box = document.querySelector('[data-rk-alert]');
  return box && !box.hidden && box.innerText.trim() === t;
}, text);

// A laptop with two homes' profiles, Oak House in use, and two tabs: a on
// an item's page, b on the Your progress page.
async function laptop(t, aPath = `/items/${ITEM}/`, bPath = '/progress/') {
  const s = await session(t, site.browser);
  await s.page.goto(site.server.url + '/about/');
  await s.page.evaluate((key) => localStorage.setItem(key, JSON.stringify({
    format: 'readykit-profiles', version: 1, current: 'oak-house',
    profiles: [{ id: 'oak-house', name: 'Oak House', created: '' }, { id: 'elm-lodge', name: 'Elm Lodge', created: '' }],
  })), `readykit:${SITE}:profiles`);
  const b = await s.context.newPage();
  await visit(s.page, aPath);
  await visit(b, bPath);
  assert.equal(await header(s.page), 'Progress for Oak House');
  return { ...s, a: s.page, b };
}

// Switches profile on the Your progress page as its form does, in one go:
// the page fills its list of profiles again whenever another tab saves,
// and a save heard between choosing and pressing Switch would undo the choice.
const switchTo = (page, id) => page.evaluate((id) => {
  const select = document.querySelector('[data-rk-profile-select]');
  select.value = id;
  select.form.requestSubmit();
}, id);

// On tab a, for Oak House: the item done with a note saved, then "Not
// applicable" chosen and its reason typed, the cursor left in that field.
async function typeForOak(a) {
  const box = a.locator(`[data-rk-item="${ITEM}"]`);
  await box.locator('input[type=radio][value=met]').check();
  await box.getByLabel('Notes', { exact: true }).fill('Oak notes');
  await box.getByLabel('Notes', { exact: true }).blur();
  await waitForEntries(a, { [ITEM]: { status: 'met', notes: 'Oak notes' } }, keyOf('oak-house'));
  await box.locator('input[type=radio][value=not-applicable]').check();
  await box.getByLabel('Why does this item not apply to you?').fill(REASON);
  assert.equal((await stored(a, 'oak-house')).items[ITEM].reason, '', 'the reason is not saved yet');
  return box;
}

test('a profile switched in one tab while the other has unsaved typing: the typing goes to its own home, and nothing to the other', async (t) => {
  const { a, b, quiet } = await laptop(t);
  const box = await typeForOak(a);

  await switchTo(b, 'elm-lodge');
  await waitForHeader(a, 'Progress for Elm Lodge');
  await waitForAlert(a, 'This tab now shows Elm Lodge, chosen in another tab. What you typed for Oak House was saved to Oak House.');

  const oak = (await stored(a, 'oak-house')).items[ITEM];
  assert.deepEqual([oak.status, oak.reason, oak.notes], ['not-applicable', REASON, 'Oak notes'], "Oak House has everything tab a typed for it");
  assert.equal(await stored(a, 'elm-lodge'), null, 'Elm Lodge has nothing from tab a');
  // Tab a's form shows Elm Lodge now, the field being typed in too (which
  // Elm Lodge does not need: its item is not "not applicable").
  const reason = box.getByLabel('Why does this item not apply to you?');
  assert.equal(await reason.inputValue(), '');
  assert.equal(await reason.isHidden(), true);
  assert.equal(await box.getByLabel('Notes', { exact: true }).inputValue(), '');
  assert.equal(await box.locator('input[type=radio][value=not-started]').isChecked(), true);

  // A tick made now, in a tab that says it shows Elm Lodge, is Elm
  // Lodge's and carries nothing of Oak House.
  await box.locator('input[type=radio][value=in-progress]').check();
  await waitForEntries(a, { [ITEM]: { status: 'in-progress', notes: '', reason: '' } }, keyOf('elm-lodge'));
  assert.deepEqual((await stored(a, 'oak-house')).items[ITEM], oak, 'Oak House is as tab a left it');
  assert.equal(await header(b), 'Progress for Elm Lodge');
  quiet();
});

test('a field still being typed in when another tab switches home: what it held goes to Oak House, and leaving it saves nothing to Elm Lodge', async (t) => {
  const { a, b, quiet } = await laptop(t);
  const notes = a.locator(`[data-rk-item="${ITEM}"]`).getByLabel('Notes', { exact: true });
  // Typed, and not left: saved a moment after typing stops.
  await notes.fill('Oak notes');
  await waitForEntries(a, { [ITEM]: { notes: 'Oak notes' } }, keyOf('oak-house'));
  await switchTo(b, 'elm-lodge');
  await waitForHeader(a, 'Progress for Elm Lodge');
  await waitForAlert(a, 'This tab now shows Elm Lodge, chosen in another tab.');
  assert.equal((await stored(a, 'oak-house')).items[ITEM].notes, 'Oak notes');
  assert.equal(await notes.evaluate((n) => n === document.activeElement), true, 'the cursor is still in the field');
  assert.equal(await notes.inputValue(), '', "which shows Elm Lodge's notes");
  await notes.blur();
  await a.locator(`[data-rk-item="${ITEM}"] input[type=radio][value=met]`).check();
  await waitForEntries(a, { [ITEM]: { status: 'met', notes: '' } }, keyOf('elm-lodge'));
  assert.equal((await stored(a, 'oak-house')).items[ITEM].notes, 'Oak notes');
  quiet();
});

test('the plan page: what is typed there goes to its own home when another tab switches, and the page then shows the other home', async (t) => {
  const { a, b, quiet } = await laptop(t, '/plan/');
  const action = a.locator('[id="rk-plan-action-1.1.1"]');
  await action.fill('Register with the ICO');
  await switchTo(b, 'elm-lodge');
  await waitForHeader(a, 'Progress for Elm Lodge');
  await a.waitForFunction(() => /^This tab now shows Elm Lodge, chosen in another tab\.( What you typed for Oak House was saved to Oak House\.)?$/.test(document.querySelector('[data-rk-alert]').innerText.trim()));
  assert.equal((await stored(a, 'oak-house')).items['1.1.1'].action, 'Register with the ICO');
  assert.equal(await stored(a, 'elm-lodge'), null, 'Elm Lodge has nothing from tab a');
  assert.equal(await a.locator('[id="rk-plan-action-1.1.1"]').inputValue(), '', "the plan shows Elm Lodge's");
  await a.locator('[id="rk-plan-owner-1.1.1"]').fill('Sam at Elm');
  await a.locator('[id="rk-plan-owner-1.1.1"]').blur();
  await waitForEntries(a, { '1.1.1': { owner: 'Sam at Elm', action: '' } }, keyOf('elm-lodge'));
  assert.equal((await stored(a, 'oak-house')).items['1.1.1'].owner, '');
  quiet();
});

test("the checklist's question why an item does not apply, answered after another tab switched home: refused, with the answer kept to copy", async (t) => {
  const { a, b, quiet } = await laptop(t, '/checklist/');
  const row = a.locator(`[data-rk-task="${ITEM}"]`);
  await row.locator('[data-rk-quick]').focus();
  await row.locator('[data-rk-quick]').selectOption('not-applicable');
  await row.getByLabel('Why does this item not apply to you?').fill(REASON);
  await switchTo(b, 'elm-lodge');
  await waitForHeader(a, 'Progress for Elm Lodge');
  await waitForAlert(a, 'This tab now shows Elm Lodge, chosen in another tab.');
  await row.getByRole('button', { name: 'Save as not applicable' }).click();
  await waitForAlert(a, [
    'What you typed for Oak House was not saved, because this tab now shows Elm Lodge.',
    'Here is what you typed, so that you can copy it:',
    REASON,
  ].join('\n\n'));
  assert.equal(await stored(a, 'elm-lodge'), null, 'Elm Lodge has nothing from tab a');
  assert.equal(await stored(a, 'oak-house'), null, 'nor has Oak House: the answer was never given for it');
  assert.equal(await row.getByLabel('Why does this item not apply to you?').inputValue(), REASON, 'the question is still there, with the answer');
  quiet();
});

test('a home deleted in another tab is not written back, and what was typed for it is shown to copy', async (t) => {
  const { a, b, quiet } = await laptop(t);
  await typeForOak(a);

  await b.locator('[data-rk-profile-delete]').click();
  await b.locator('[data-rk-delete-yes]').click();
  await waitForHeader(a, 'Progress for Elm Lodge');
  await waitForAlert(a, [
    "Oak House's record was removed in another tab, so this tab now shows Elm Lodge.",
    'What you typed for Oak House was not saved.',
    'Here is what you typed, so that you can copy it:',
    REASON,
  ].join('\n\n'));
  assert.deepEqual(await keysOf(a, 'oak-house'), [], 'nothing of Oak House is left in storage');
  assert.equal(await stored(a, 'elm-lodge'), null, 'Elm Lodge has nothing from tab a');
  // Leaving the field and ticking now write Oak House nowhere.
  await a.getByLabel('Why does this item not apply to you?').blur();
  await a.locator(`[data-rk-item="${ITEM}"] input[type=radio][value=met]`).check();
  await waitForEntries(a, { [ITEM]: { status: 'met', reason: '', notes: '' } }, keyOf('elm-lodge'));
  assert.deepEqual(await keysOf(a, 'oak-house'), []);
  quiet();
});

test('a profile renamed in one tab is renamed in the other', async (t) => {
  const { a, b, quiet } = await laptop(t);
  await b.getByLabel('Rename the profile in use').fill('Oak House Care');
  await b.getByRole('button', { name: 'Rename' }).click();
  await waitForHeader(a, 'Progress for Oak House Care');
  assert.equal(await a.locator('[data-rk-alert]').isHidden(), true, 'nothing to say: this tab shows the same home');
  quiet();
});

test('ticks in two tabs for the same home both survive', async (t) => {
  const { a, b, quiet } = await laptop(t, '/checklist/', '/checklist/');
  // A quick control offers every status once it has had the focus.
  const set = async (page, id, status) => {
    const quick = page.locator(`[data-rk-task="${id}"] [data-rk-quick]`);
    await quick.focus();
    await quick.selectOption(status);
  };
  // The tabs take turns, each once the other's tick is in its own view of
  // storage. Chromium hands one tab's write to another tab's renderer a
  // moment later, so two ticks in the same instant can still race there;
  // session.test.js checks the merge itself with one shared Storage.
  const steps = [[a, '1.1.1', 'met'], [b, '1.1.2', 'in-progress'], [a, '1.1.3', 'met'], [b, '1.1.5', 'met']];
  const all = {};
  for (const [page, id, status] of steps) {
    await set(page, id, status);
    all[id] = { status };
    for (const p of [a, b]) await waitForEntries(p, all, keyOf('oak-house'));
  }
  for (const page of [a, b]) {
    await page.waitForFunction(() => ['1.1.1', '1.1.2', '1.1.3', '1.1.5'].every((id) => document.querySelector(`[data-rk-task="${id}"] [data-rk-quick]`).value != 'not-started'));
  }
  assert.equal(await stored(a, 'elm-lodge'), null);
  quiet();
});
