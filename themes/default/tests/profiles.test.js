import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyDocument, serialise, setOrganisation } from '../static/js/progress.js';
import { MemoryStorage } from './fixtures.js';
import { homeName } from '../static/js/homename.js';
import { NAME_NEEDED, UNNAMED, newProfileProblem, profileLabels } from '../static/js/account-text.js';

// On a shared laptop each profile is listed by its care home's name, so
// that the next person never takes a home's profile for a free one
// (issue 15, point 4).

const SITE = 'readykit';
const E = 'dspt-2025-26-cat3';
const OLD = 'dspt-2024-25-cat3';
const HISTORY = [{ from: OLD, to: E, carried: {} }];
const NOW = '2026-05-01T10:00:00.000Z';
const key = (profile, edition = E) => `readykit:${SITE}:${profile}:${edition}`;
const named = (name, edition = E) => serialise(setOrganisation(emptyDocument({ site: SITE, edition, now: NOW }), { name }, NOW));
const home = (s, profile) => homeName(s, { site: SITE, profile, edition: E, history: HISTORY });

test("homeName reads the home's name from a profile's progress for this edition", () => {
  const s = new MemoryStorage({ [key('default')]: named('Tŷ Glas'), [key('oak')]: named('  Oak House  '), [key('elm')]: named('') });
  assert.equal(home(s, 'default'), 'Tŷ Glas');
  assert.equal(home(s, 'oak'), 'Oak House', 'spaces around it are not part of the name');
  assert.equal(home(s, 'elm'), '', 'no name saved');
  assert.equal(home(s, 'ash'), '', 'no progress at all');
});

test('homeName falls back to the backup of a damaged document, then to an earlier edition', () => {
  const s = new MemoryStorage({
    [key('oak')]: '{"format": "readyk', [key('oak') + ':backup']: named('Oak House'),
    [key('elm')]: 'not json', [key('birch', OLD)]: named('Birch Court', OLD),
    [key('ash')]: '{"organisation": {"name": 42}}',
  });
  const before = JSON.stringify(s);
  assert.equal(home(s, 'oak'), 'Oak House');
  assert.equal(home(s, 'elm'), '', 'damaged, with no backup');
  assert.equal(home(s, 'birch'), 'Birch Court', 'progress not yet brought forward to this edition');
  assert.equal(home(s, 'ash'), '', 'a name that is not text is no name');
  assert.equal(JSON.stringify(s), before, 'only reads: nothing in storage changes');
  s.setItem(key('birch'), named('Birch Court Care'));
  assert.equal(home(s, 'birch'), 'Birch Court Care', "this edition's document wins once there is one");
});

test("a profile is listed by its home's name, then by its own name, never as unnamed when either is there", () => {
  const list = [{ id: 'default', name: '' }, { id: 'oak', name: 'Oak House' }, { id: 'elm', name: '' }];
  assert.deepEqual(profileLabels(list, { default: 'Tŷ Glas' }), ['Tŷ Glas', 'Oak House', UNNAMED]);
  assert.equal(UNNAMED, 'Unnamed profile');
  assert.deepEqual(profileLabels(list, { default: '  ', oak: 'oak house', elm: 'Elm Lodge' }), [UNNAMED, 'oak house', 'Elm Lodge'],
    'the same name twice is said once');
  assert.deepEqual(profileLabels(list, { oak: 'Oak House Care Ltd' }), ['Unnamed profile (1 of 2)', 'Oak House Care Ltd (Oak House)', 'Unnamed profile (2 of 2)'],
    'a profile named otherwise shows its own name too; two unnamed ones are told apart');
  assert.deepEqual(profileLabels([]), []);
});

test('profiles that would read the same are numbered, so that no two look like one home', () => {
  const list = [{ id: 'a', name: 'Tŷ Glas' }, { id: 'b', name: 'Oak House' }, { id: 'c', name: 'TŶ GLAS' }];
  assert.deepEqual(profileLabels(list), ['Tŷ Glas (1 of 2)', 'Oak House', 'TŶ GLAS (2 of 2)']);
  const labels = profileLabels(list, { b: 'Tŷ Glas' });
  assert.deepEqual(labels, ['Tŷ Glas (1 of 2)', 'Tŷ Glas (Oak House)', 'TŶ GLAS (2 of 2)']);
  assert.equal(new Set(labels.map((l) => l.toLowerCase())).size, labels.length);
});

test("a new profile needs the care home's name first", () => {
  assert.equal(newProfileProblem(''), NAME_NEEDED);
  assert.equal(newProfileProblem('   '), NAME_NEEDED);
  assert.equal(newProfileProblem(undefined), NAME_NEEDED);
  assert.match(NAME_NEEDED, /name of the care home/);
  assert.equal(newProfileProblem('Tŷ Glas'), '');
  assert.match(newProfileProblem('x'.repeat(201)), /200 characters/);
  assert.equal(newProfileProblem('x'.repeat(200)), '');
});
