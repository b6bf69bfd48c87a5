// The gap analysis and the improvement plan: which mandatory items are not
// done yet, and whether the plan for them would be agreed under a rule set
// from toolkit.json. The Go side (generator/plan) gives the same results on
// the vectors in testdata/plan, so keep the rules in step with it. Nothing
// here touches the DOM or the clock, and nothing throws on odd input.

import { isObject } from './progress.js';
import { readiness } from './scoring.js';
import { and, count, isDate, longDate, plural } from './words.js';
import { nextReview } from './upkeep.js';

/** Whether an item's number, level or wording must be checked in the toolkit. */
export const toCheck = (it) => !isObject(it) || it.confidence !== 'confirmed';
/**
 * An item's "Reference status" cell.
 * @param {object} it an item of toolkit.json
 * @param {{checkMark: string, confirmed: string}} labels toolkit.json's labels
 */
export const refStatus = (it, labels) => text(own(labels, toCheck(it) ? 'checkMark' : 'confirmed'));

/** Headers of the improvement plan, in the order the plan guidance lists them. */
export const PLAN_COLUMNS = ['Reference', 'Reference status', 'Evidence item', 'Actions', 'Milestones, funding and resources',
  'Owner', 'Priority', 'Local reference', 'Planned completion date', 'Status', 'Dependencies', 'Exceptional'];
/** Headers of the gap analysis. */
export const GAP_COLUMNS = ['Reference', 'Reference status', 'Evidence item', 'Standard', 'Needed for', 'Status',
  'Owner', 'Target date', 'Where the evidence is kept', 'Notes'];

// Fields a rule set may require -> what a message calls them.
const NOUNS = { action: 'action', owner: 'owner', due: 'completion date', priority: 'priority', milestones: 'milestones' };
const PRIORITIES = { high: 'High', medium: 'Medium', low: 'Low' };

// Own properties only: an id or value such as "constructor" must not reach
// Object.prototype.
const own = (o, k) => (isObject(o) && Object.hasOwn(o, k) ? o[k] : undefined);
const text = (v) => (typeof v == 'string' ? v : '');
const list = (v) => (Array.isArray(v) ? v.filter(isObject) : []);
function entry(doc, id) {
  const e = own(own(doc, 'items'), id);
  return isObject(e) ? e : {};
}
// The reference to show, or the words for one not known, as toolkit.json has it.
const ref = (it) => text(it.label);

// date + months, a day past the month's end rolling into the next month as
// Go's time.AddDate does (31 August + 6 = 3 March); "" for no limit.
function addMonths(date, months) {
  if (!isDate(date) || !Number.isInteger(months) || months <= 0) return '';
  return new Date(Date.UTC(+date.slice(0, 4), date.slice(5, 7) - 1 + months, +date.slice(8))).toISOString().slice(0, 10);
}

// The items that are gaps: what blocks Approaching Standards first, then
// what else blocks Standards Met, each group in site order. scoring.js
// says what blocks each level, so that the gaps and the readiness the
// pages show are one count.
function gapItems(items, doc) {
  const byId = new Map(list(items).map((it) => [it.id, it]));
  const r = readiness([...byId.values()], isObject(doc) ? doc : null);
  return [...r.approaching.blocking, ...r.met.blocking.filter((id) => byId.get(id).level == 'met')].map((id) => byId.get(id));
}

/**
 * The gap analysis, and the findings that stop its plan being agreed.
 * @param {{id: string, label: string, level: string, notApplicable?: boolean}[]} items toolkit.json's items, in site order
 * @param {object|null} doc a progress document
 * @param {{required: string[], monthsAfterDeadline: number, exceptional: boolean, maxOutstanding: number}|null} rules
 *   a rule set from toolkit.json; null judges nothing
 * @param {string} deadline the edition's deadline, YYYY-MM-DD
 * @returns {{gaps: string[], findings: {id: string, rule: string, message: string}[], agreed: boolean, latest: string}}
 */
export function analyse(items, doc, rules, deadline) {
  const gaps = gapItems(items, doc), ids = gaps.map((it) => it.id), findings = [];
  const add = (id, rule, message) => findings.push({ id, rule, message });
  // With no rule set there is nothing to judge the plan by.
  const judge = isObject(rules), latest = judge ? addMonths(deadline, rules.monthsAfterDeadline) : '';
  const required = judge && Array.isArray(rules.required) ? rules.required.filter((f) => own(NOUNS, f)) : [];
  for (const it of judge ? gaps : []) {
    const e = entry(doc, it.id), r = ref(it), due = text(e.due);
    for (const f of required) if (!text(e[f])) add(it.id, 'missing-' + f, `Item ${r} has no ${NOUNS[f]}.`);
    if (!due) continue;
    if (!isDate(due)) add(it.id, 'bad-date', `Item ${r} has a completion date that is not a date.`);
    // ISO dates compare as strings. The rules may let a row marked exceptional run later.
    else if (latest && due > latest && !(rules.exceptional && e.exceptional === true)) {
      add(it.id, 'too-late', `Item ${r} is due on ${longDate(due)}, after ${longDate(latest)}.`);
    }
  }
  const max = judge && rules.maxOutstanding;
  if (max > 0 && ids.length > max) add('', 'too-many', `The plan covers ${ids.length} outstanding items; no more than ${max} are allowed.`);
  return { gaps: ids, findings, agreed: !findings.length, latest };
}

/**
 * One sentence saying why a plan would not be agreed; "" when it would be.
 * Reasons come in a fixed order: missing fields (in the rule set's order),
 * late dates, dates that are not dates, too many items.
 * @param {{gaps: string[], findings: {rule: string}[], agreed: boolean, latest: string}} result from analyse
 * @param {object|null} rules the rule set analyse was given
 */
export function verdict(result, rules) {
  if (!isObject(result) || result.agreed) return '';
  const found = (rule) => list(result.findings).filter((f) => f.rule == rule).length;
  const reasons = [];
  const say = (n, words) => n && reasons.push(words(n));
  const required = own(rules, 'required');
  for (const f of new Set(Array.isArray(required) ? required : [])) {
    if (own(NOUNS, f)) say(found('missing-' + f), (n) => `${count(n, 'row has', 'rows have')} no ${NOUNS[f]}`);
  }
  say(found('too-late'), (n) => `${count(n, 'date is', 'dates are')} after ${longDate(text(result.latest))}`);
  say(found('bad-date'), (n) => plural(n, 'a date is not a date', `${n} dates are not dates`));
  say(found('too-many'), () => `it covers ${(result.gaps || []).length} outstanding items, more than ${(rules || {}).maxOutstanding}`);
  if (!reasons.length) return '';
  const last = reasons.pop();
  return `This plan would not be agreed because ${reasons.length ? reasons.join('; ') + ' and ' : ''}${last}.`;
}

// One row per gap, in result.gaps order; an id not among items is skipped.
function rows(items, doc, result, row) {
  const byId = new Map(list(items).map((it) => [it.id, it]));
  const gaps = own(result, 'gaps');
  return Array.isArray(gaps) ? gaps.filter((id) => byId.has(id)).map((id) => row(byId.get(id), entry(doc, id))) : [];
}
// A gap is never met, so anything but these two shows as not started.
const status = (e, labels) => text(own(own(labels, 'statuses'), ['in-progress', 'not-applicable'].includes(e.status) ? e.status : 'not-started'));

/**
 * The improvement plan's rows, cells in PLAN_COLUMNS order, as plain text
 * (toCSV does the escaping): one per gap, in result.gaps order.
 * @param {object[]} items toolkit.json's items
 * @param {object|null} doc the progress document given to analyse
 * @param {{gaps: string[]}} result from analyse
 * @param {{statuses: object, checkMark: string, confirmed: string}} labels toolkit.json's labels
 * @returns {string[][]}
 */
export const planRows = (items, doc, result, labels) => rows(items, doc, result, (it, e) => [
  ref(it), refStatus(it, labels), text(it.title), text(e.action), text(e.milestones), text(e.owner), own(PRIORITIES, e.priority) || '',
  text(e.localRef), text(e.due), status(e, labels), text(e.dependencies), e.exceptional === true ? 'Yes' : '',
]);

/**
 * The gap analysis's rows, cells in GAP_COLUMNS order, as plain text; the
 * same arguments as planRows.
 * @returns {string[][]}
 */
export const gapRows = (items, doc, result, labels) => rows(items, doc, result, (it, e) => [
  ref(it), refStatus(it, labels), text(it.title), it.standard == null ? '' : String(it.standard), own(own(labels, 'levels'), it.level) || '',
  status(e, labels), text(e.owner), text(e.due), text(e.evidence), text(e.notes),
]);

/** What a care provider's action plan says about each item: what, who and when; Go's plan.actionFields. */
export const ACTION_FIELDS = ['action', 'owner', 'due'];
// Neutral words: what is still to write, not what is wrong.
const ACTION_NOUNS = { action: 'what will be done', owner: 'who will do it', due: 'a date' };
const missing = (e) => ACTION_FIELDS.filter((f) => !text(own(e, f)));

/**
 * What one action plan row still needs, such as "Still to add: who will do
 * it and a date."; "" when it has everything.
 * @param {object|null} doc a progress document
 * @param {string} id the item's id
 */
export function missingNote(doc, id) {
  const m = missing(entry(doc, id));
  return m.length ? `Still to add: ${and(m.map((f) => ACTION_NOUNS[f]))}.` : '';
}

/**
 * How much of the action plan is written, in neutral words; the same as
 * Go's Result.ActionSummary.
 * @param {object|null} doc the progress document given to analyse
 * @param {{gaps: string[]}} result from analyse
 */
export function actionSummary(doc, result) {
  const gaps = Array.isArray(own(result, 'gaps')) ? result.gaps : [];
  if (!gaps.length) return 'Every mandatory item is done: there is nothing to plan.';
  const short = Object.fromEntries(ACTION_FIELDS.map((f) => [f, 0]));
  for (const id of gaps) for (const f of missing(entry(doc, id))) short[f]++;
  const parts = ACTION_FIELDS.filter((f) => short[f]).map((f) => `${ACTION_NOUNS[f]} for ${count(short[f], 'item', 'items')}`);
  const head = `The plan has ${count(gaps.length, 'item', 'items')}.`;
  return parts.length ? `${head} Still to fill in: ${and(parts)}.` : `${head} Each one says what will be done, who will do it and when.`;
}

/**
 * Headers of the evidence register: every item, what is done and where
 * its evidence is kept, for the toolkit's questions and an inspector.
 * Go's plan.RegisterColumns.
 */
export const REGISTER_COLUMNS = ['Ref', 'Evidence item', 'Standard', 'Level', 'Status', 'Where the evidence is kept', 'Who holds it',
  'Done or last reviewed', 'Next review due', 'Not applicable: reason', 'Reference status'];

/**
 * The evidence register's rows, cells in REGISTER_COLUMNS order, as plain
 * text: every item, in the order given (the edition's). Done items say
 * where their evidence is kept, or that nobody wrote it down; items not
 * applicable give the reason. The next review counts from the date done,
 * else from the publication (upkeep.js); when the interval is not
 * confirmed the reference status says to check that date too.
 * @param {object[]} items toolkit.json's items
 * @param {object|null} doc a progress document
 * @param {{statuses: object, checkMark: string, confirmed: string, noReason: string, notRecorded: string, noDateYet: string}} labels
 *   toolkit.json's labels: the words for a missing reason, evidence place or date are Go's
 * @returns {string[][]}
 */
export function registerRows(items, doc, labels) {
  const published = own(doc, 'published');
  return list(items).map((it) => {
    const e = entry(doc, it.id), st = own(own(labels, 'statuses'), e.status) ? e.status : 'not-started';
    const na = st == 'not-applicable', reason = text(e.reason), review = own(it, 'review');
    const due = na || !isObject(review) ? '' : nextReview(it, e, published) || text(own(labels, 'noDateYet'));
    let refText = refStatus(it, labels);
    if (isDate(due) && review.check !== false) refText += toCheck(it) ? ' (and the review date)' : ' (check the review date in the toolkit)';
    return [ref(it), text(it.title), it.standard == null ? '' : String(it.standard), own(own(labels, 'levels'), it.level) || '',
      text(own(own(labels, 'statuses'), st)), st == 'met' && !text(e.evidence) ? text(own(labels, 'notRecorded')) : text(e.evidence), text(e.owner),
      text(e.done), due, na ? (reason.trim() ? reason : text(own(labels, 'noReason'))) : '', refText];
  });
}
