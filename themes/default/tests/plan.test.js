import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { analyse, verdict, planRows, gapRows, PLAN_COLUMNS, GAP_COLUMNS, actionSummary, missingNote, refStatus } from '../static/js/plan.js';
import { deepFreeze, LABELS, labelled } from './fixtures.js';

const dir = new URL('../../../testdata/plan/', import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
// The vectors' items are Go's; toolkit.json adds each one's label.
const read = (file) => {
  const v = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  return { ...v, items: v.items.map(labelled) };
};

const R2425 = { id: '2024-25', required: ['action', 'owner', 'due'], monthsAfterDeadline: 12, exceptional: true, maxOutstanding: 0 };
const R2021 = { id: '2020-21', required: ['action', 'owner', 'due'], monthsAfterDeadline: 6, exceptional: false, maxOutstanding: 15 };
const item = (id, level, extra) => labelled({ id, ref: id, title: 'Item ' + id, standard: 1, level, notApplicable: false, url: `/items/${id}/`, ...extra });
const docOf = (items) => ({ format: 'readykit-progress', version: 1, edition: 'dspt-2024-25-cat3', items });

test('there are plan vectors for every case the spec names', () => {
  assert.ok(vectors.length >= 7);
  for (const name of ['empty-progress', 'complete-agreed', 'missing-fields', 'late-2024-25-exceptional', 'late-2020-21-same-plan',
    'too-many-2020-21', 'not-applicable', 'optional-and-order', 'ref-less']) {
    assert.ok(vectors.includes(name + '.json'), name);
  }
});

for (const file of vectors) {
  test(`plan vector ${file}`, () => {
    const v = read(file);
    assert.deepEqual(Object.keys(v), ['name', 'rules', 'deadline', 'items', 'progress', 'want']);
    const { items, progress, rules, deadline, want } = deepFreeze(v);
    const r = analyse(items, progress, rules, deadline);
    assert.deepEqual(r.gaps, want.gaps, v.name);
    assert.deepEqual(r.findings.map(({ id, rule }) => ({ id, rule })), want.findings, v.name);
    assert.equal(r.agreed, want.agreed);
    assert.equal(r.latest, want.latest);
    assert.equal(verdict(r, rules), want.verdict);
    assert.deepEqual(planRows(items, progress, r, LABELS), want.planRows);
    assert.deepEqual(gapRows(items, progress, r, LABELS), want.gapRows);
    if ('actionSummary' in want) {
      assert.equal(actionSummary(progress, r), want.actionSummary);
      const notes = Object.fromEntries(r.gaps.map((id) => [id, missingNote(progress, id)]).filter(([, n]) => n));
      assert.deepEqual(notes, want.actionNotes);
    }
  });
}

test('the column headers are the guidance ones', () => {
  assert.deepEqual(PLAN_COLUMNS, ['Reference', 'Reference status', 'Evidence item', 'Actions', 'Milestones, funding and resources', 'Owner', 'Priority',
    'Local reference', 'Planned completion date', 'Status', 'Dependencies', 'Exceptional']);
  assert.deepEqual(GAP_COLUMNS, ['Reference', 'Reference status', 'Evidence item', 'Standard', 'Needed for', 'Status', 'Owner', 'Target date',
    'Where the evidence is kept', 'Notes']);
});

test('findings carry the messages of the spec, naming the reference', () => {
  const v = read('every-reason.json');
  assert.deepEqual(analyse(v.items, v.progress, v.rules, v.deadline).findings.map((f) => f.message), [
    'Item 1.1.2 has no owner.',
    'Item 1.1.2 has no priority.',
    'Item 2.1.1 is due on 4 March 2026, after 3 March 2026.',
    'Item 3.2.1 has no owner.',
    'Item 3.2.1 has a completion date that is not a date.',
    'The plan covers 4 outstanding items; no more than 3 are allowed.',
  ]);
  const items = [item('mobile-phones', 'approaching', { ref: '' })];
  const rules = { required: ['action', 'owner', 'due', 'priority', 'milestones'], monthsAfterDeadline: 0 };
  assert.deepEqual(analyse(items, null, rules, '2025-06-30').findings.map((f) => f.message), [
    'Item Reference to check has no action.',
    'Item Reference to check has no owner.',
    'Item Reference to check has no completion date.',
    'Item Reference to check has no priority.',
    'Item Reference to check has no milestones.',
  ]);
  const late = analyse(items, docOf({ 'mobile-phones': { owner: 'Sam', action: 'a', due: '2026-07-01' } }), R2425, '2025-06-30');
  assert.deepEqual(late.findings, [{ id: 'mobile-phones', rule: 'too-late', message: 'Item Reference to check is due on 1 July 2026, after 30 June 2026.' }]);
});

test('latest adds calendar months the way Go and Date.UTC do, rolling a day past the month end over', () => {
  const latest = (deadline, months) => analyse([], null, { required: [], monthsAfterDeadline: months }, deadline).latest;
  for (const [deadline, months, want] of [
    ['2025-06-30', 12, '2026-06-30'], ['2025-06-30', 6, '2025-12-30'], ['2025-08-31', 6, '2026-03-03'],
    ['2023-08-31', 6, '2024-03-02'], ['2025-01-31', 1, '2025-03-03'], ['2024-01-31', 1, '2024-03-02'],
    ['2025-03-31', 1, '2025-05-01'], ['2025-12-31', 2, '2026-03-03'], ['2025-09-30', 6, '2026-03-30'],
    ['2024-02-29', 12, '2025-03-01'], ['2025-06-30', 0, ''], ['2025-06-31', 12, ''], ['30/06/2025', 12, ''], [undefined, 12, ''],
    ['2025-06-30', -1, ''], ['2025-06-30', 1.5, ''], ['2025-06-30', '12', ''],
  ]) {
    assert.equal(latest(deadline, months), want, `${deadline} + ${months}`);
  }
});

test('with no rule set nothing is judged, but the gaps are still found', () => {
  const items = [item('1.1.1', 'approaching'), item('1.1.2', 'met')];
  assert.deepEqual(analyse(items, null, null, '2025-06-30'), { gaps: ['1.1.1', '1.1.2'], findings: [], agreed: true, latest: '' });
  assert.equal(verdict(analyse(items, null, null, '2025-06-30'), null), '');
});

test('too many is counted over gaps, and only above the limit', () => {
  const items = Array.from({ length: 16 }, (_, i) => item(`1.1.${i + 1}`, 'met'));
  const full = { action: 'a', owner: 'o', due: '2021-07-01' };
  const doc = docOf(Object.fromEntries(items.map((it) => [it.id, full])));
  assert.deepEqual(analyse(items, doc, R2021, '2021-06-30').findings.map((f) => f.rule), ['too-many']);
  assert.equal(analyse(items.slice(1), doc, R2021, '2021-06-30').agreed, true);
  assert.equal(analyse(items, doc, R2425, '2021-06-30').agreed, true, '2024-25 sets no limit');
});

test('the verdict joins its reasons with "; " and a final " and "', () => {
  const rules = { required: ['owner'], maxOutstanding: 2 };
  const say = (rules_, findings, gaps = [], latest = '2026-06-30') => verdict({ gaps, findings: findings.map((rule) => ({ id: 'x', rule })), agreed: !findings.length, latest }, rules_);
  assert.equal(say(rules, []), '');
  assert.equal(say(rules, ['missing-owner']), 'This plan would not be agreed because 1 row has no owner.');
  assert.equal(say(rules, ['bad-date']), 'This plan would not be agreed because a date is not a date.');
  assert.equal(say(rules, ['bad-date', 'bad-date', 'too-late']), 'This plan would not be agreed because 1 date is after 30 June 2026 and 2 dates are not dates.');
  assert.equal(say(rules, ['too-many'], ['a', 'b', 'c']), 'This plan would not be agreed because it covers 3 outstanding items, more than 2.');
  assert.equal(say(R2425, ['missing-due', 'missing-owner', 'missing-owner', 'missing-owner', 'too-late', 'too-late']),
    'This plan would not be agreed because 3 rows have no owner; 1 row has no completion date and 2 dates are after 30 June 2026.');
  // A finding for a field the rule set does not require (a result from other rules) is not a reason.
  assert.equal(say(rules, ['missing-action']), '');
});

test('an id or value named like an Object property is only ever data', () => {
  const items = [item('constructor', 'approaching'), item('__proto__', 'met'), item('tostring', 'optional')];
  const doc = JSON.parse('{"items":{"constructor":{"status":"constructor","priority":"constructor","owner":"Sam"},"__proto__":{"status":"met"}}}');
  const r = analyse(items, doc, R2425, '2025-06-30');
  assert.deepEqual(r.gaps, ['constructor']);
  assert.deepEqual(planRows(items, doc, r, LABELS), [['constructor', 'Check in the toolkit', 'Item constructor', '', '', 'Sam', '', '', '', 'Not started', '', '']]);
  assert.deepEqual(gapRows([{ ...items[0], level: 'toString', standard: undefined }], doc, r, LABELS), [['constructor', 'Check in the toolkit', 'Item constructor', '', '', 'Not started', 'Sam', '', '', '']]);
  // Only the five plan fields can be required.
  const rules = { ...R2425, required: ['constructor', 'toString', 'owner'] };
  assert.deepEqual(analyse(items, docOf({}), rules, '2025-06-30').findings.map((f) => f.id + ' ' + f.rule), ['constructor missing-owner', '__proto__ missing-owner']);
  assert.equal({}.status, undefined);
});

test('rows leave out values that are not text and ids that are not items', () => {
  const items = [item('1.1.1', 'approaching', { title: 5 })];
  const doc = docOf({ '1.1.1': { status: 'in-progress', owner: ['Sam'], due: 20250630, priority: 'urgent', exceptional: 'yes', notes: null } });
  const r = { gaps: ['1.1.1', '9.9.9'] };
  assert.deepEqual(planRows(items, doc, r, LABELS), [['1.1.1', 'Check in the toolkit', '', '', '', '', '', '', '', 'In progress', '', '']]);
  assert.deepEqual(gapRows(items, doc, r, LABELS), [['1.1.1', 'Check in the toolkit', '', '1', 'Approaching Standards', 'In progress', '', '', '', '']]);
});

test('analyse, verdict and the rows never throw on odd input', () => {
  const odd = [undefined, null, 0, 'text', true, [], {}, [null, 1, 'x', {}], { items: 'x' }, { items: [] }, { items: { '1.1.1': 'met' } },
    { required: 'owner', monthsAfterDeadline: '6', maxOutstanding: 'x' }, { required: [null, 5, {}] }, [{ id: '1.1.1', level: 'met' }]];
  // Names the inputs only when a call throws: writing them out for each of
  // the 40,000 calls took most of this test's time.
  const safely = (f, ...args) => {
    try {
      return f(...args);
    } catch (e) {
      assert.fail(`${f.name}(${JSON.stringify(args)}) threw ${e}`);
    }
  };
  for (const result of odd) for (const rules of odd) safely(verdict, result, rules);
  for (const items of odd) for (const doc of odd) for (const rules of odd) {
    const r = safely(analyse, items, doc, rules, '2025-06-30');
    assert.ok(Array.isArray(r.gaps) && Array.isArray(r.findings) && typeof r.agreed == 'boolean' && typeof r.latest == 'string');
    assert.equal(typeof verdict(r, rules), 'string');
    assert.ok(Array.isArray(planRows(items, doc, r, LABELS)) && Array.isArray(gapRows(items, doc, r, LABELS)));
    for (const result of odd) {
      // The odd values stand in for the labels too.
      safely(planRows, items, doc, result, rules);
      safely(gapRows, items, doc, result, rules);
    }
  }
});

test('a normalised document gives the same result as the saved one', async () => {
  const { normalise } = await import('../static/js/progress.js');
  for (const file of ['complete-agreed.json', 'missing-fields.json', 'late-2024-25-exceptional.json']) {
    const v = read(file);
    const { doc, problems } = normalise(v.progress, { items: v.items });
    assert.deepEqual(problems, []);
    const r = analyse(v.items, doc, v.rules, v.deadline);
    assert.deepEqual(r, analyse(v.items, v.progress, v.rules, v.deadline));
    assert.deepEqual(planRows(v.items, doc, r, LABELS), v.want.planRows);
  }
});

test('only a confirmed item goes without the check mark; odd input is marked', () => {
  assert.equal(refStatus({ confidence: 'confirmed' }, LABELS), LABELS.confirmed);
  for (const it of [{ confidence: 'likely' }, { confidence: 'unverified' }, {}, null, { confidence: 'Confirmed' }]) assert.equal(refStatus(it, LABELS), LABELS.checkMark);
  for (const labels of [undefined, null, {}, 'x', { checkMark: 5 }]) assert.equal(refStatus({}, labels), '', JSON.stringify(labels));
});

test('the rows take their words from toolkit.json: the label and the labels', () => {
  const items = [{ ...item('1.1.1', 'approaching'), label: 'Ref one' }, { ...item('1.1.2', 'met', { confidence: 'confirmed' }), label: 'Ref two' }];
  const doc = docOf({ '1.1.2': { status: 'not-applicable' } });
  const labels = { statuses: { 'not-started': 'NS', 'in-progress': 'IP', met: 'D', 'not-applicable': 'NA' }, checkMark: 'CM', confirmed: 'OK' };
  const r = analyse(items, doc, { required: ['owner'] }, '2025-06-30');
  assert.deepEqual(r.findings.map((f) => f.message), ['Item Ref one has no owner.', 'Item Ref two has no owner.']);
  assert.deepEqual(gapRows(items, doc, r, labels).map((row) => [row[0], row[1], row[5]]), [['Ref one', 'CM', 'NS'], ['Ref two', 'OK', 'NA']]);
  assert.deepEqual(planRows(items, doc, r, labels).map((row) => [row[0], row[1], row[9]]), [['Ref one', 'CM', 'NS'], ['Ref two', 'OK', 'NA']]);
  assert.deepEqual(gapRows([{ ...items[0], label: undefined }], doc, r, {}).map((row) => [row[0], row[1], row[5]]), [['', '', '']], 'no label, no words');
});

test('an action plan with every field written says so, and never says "agreed"', () => {
  const items = [item('a', 'approaching')];
  const doc = docOf({ a: { action: 'Do it', owner: 'Sam', due: '2027-01-01' } });
  const r = analyse(items, doc, null, '2027-06-30');
  assert.equal(actionSummary(doc, r), 'The plan has 1 item. Each one says what will be done, who will do it and when.');
  assert.equal(missingNote(doc, 'a'), '');
  assert.doesNotMatch(actionSummary(docOf({}), analyse(items, docOf({}), null, '2027-06-30')), /agree|problem|error/i);
});
