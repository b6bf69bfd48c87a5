// Searching the site in the browser, over the index the build writes to
// /data/search.json (generator/searchindex.go): every item, glossary term
// and page. Pure functions, no DOM and no network, so they run in node;
// searchpage.js puts the results on the page.
//
// Words are compared lower case and without accents, with a plain
// English plural taken off (backups finds backup). Every word searched
// for must be somewhere in a result; the last may be the start of a word,
// since results follow what she types. A match in a title counts most,
// then one in a reference or a glossary term's names, then one in the
// text; a result whose reference or term is exactly what was searched
// for comes first.

/** How many results are shown at most. */
export const LIMIT = 50;

/** How long a snippet of text around a match is, in characters, at most. */
export const SNIPPET = 160;

// Words so common that searching for them would find everything; they are
// left out of a search with other words in it.
const COMMON = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'do', 'for', 'from', 'how', 'i', 'in', 'is', 'of', 'on', 'or', 'the', 'to', 'what', 'with', 'you', 'your']);

// A word: a reference such as 1.2.4 whole, or letters and digits joined
// by apostrophes (organisation's, don't).
const WORD = /\p{N}+(?:\.\p{N}+)+|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Text lower case, without accents or apostrophes: "Café’s" gives "cafes". */
export const fold = (text) => text.normalize('NFD').replace(/\p{M}|['’]/gu, '').toLowerCase();

/** A folded word without a plain English plural: policies gives policy, backups backup; access and status stay. */
export function stem(w) {
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** The words of text, each { word, start, end }: word folded and stemmed, start and end where it is in text. */
export function tokens(text) {
  return [...String(text).matchAll(WORD)].map((m) => ({ word: stem(fold(m[0])), start: m.index, end: m.index + m[0].length }));
}

/**
 * What a search for query looks for: [{ word, prefix }], one per word
 * searched for, common words left out unless there is nothing else. prefix
 * is set on the last word when it may be the start of a longer one: its
 * folded form, two characters or more.
 */
export function parseQuery(query) {
  const raw = phrase(query).split(' ').filter(Boolean);
  const kept = raw.filter((w) => !COMMON.has(w));
  const words = kept.length ? kept : raw;
  const out = [];
  words.forEach((w, i) => {
    const q = { word: stem(w), prefix: i == words.length - 1 && w.length >= 2 ? w : '' };
    // A word said twice counts once.
    const same = out.findIndex((o) => o.word == q.word);
    if (same < 0) out.push(q);
    else if (q.prefix) out[same] = q;
  });
  return out;
}

/** The folded words of text, one space between them: "Cyber  Essentials!" gives "cyber essentials". */
export const phrase = (text) => [...String(text).matchAll(WORD)].map((m) => fold(m[0])).join(' ');

/** Whether a word of the text matches a word searched for: 2 whole, 1 as its start, 0 not. */
export const matches = (word, q) => (word == q.word ? 2 : q.prefix && word.startsWith(q.prefix) ? 1 : 0);

const WEIGHTS = { title: [0, 6, 10], names: [0, 5, 8], text: [0, 1, 2] };
const KINDS = ['item', 'term', 'page'];

const wordSet = (...texts) => new Set(texts.flatMap((t) => tokens(t).map((k) => k.word)));

/**
 * The index made ready to search: one record per item, term and page, in
 * that order, each with the words of its title, names and text. Call it
 * once, when the index has loaded.
 */
export function prepare(index) {
  const levels = index.levels || {};
  const rec = (kind, r, names, text) => ({
    kind, url: r.url, title: r.title, names: names.map(phrase), text,
    words: { title: wordSet(r.title), names: wordSet(...names), text: wordSet(text) },
  });
  return [
    ...(index.items || []).map((it) => ({
      ...rec('item', it, [it.ref, it.id].filter(Boolean), it.text),
      label: it.ref || index.refToCheck || '', standard: it.standard, level: levels[it.level] || '',
      check: it.check ? index.checkMark || '' : '',
    })),
    ...(index.terms || []).map((t) => rec('term', { ...t, title: t.term }, [t.term, ...(t.words || [])], t.definition)),
    ...(index.pages || []).map((p) => rec('page', p, [], p.text)),
  ].map((r, order) => ({ ...r, order }));
}

/** How well one set of words matches q: 2, 1 or 0 as for matches. */
function best(set, q) {
  if (set.has(q.word)) return 2;
  if (!q.prefix) return 0;
  for (const w of set) if (w.startsWith(q.prefix)) return 1;
  return 0;
}

/** A record's score for the words searched for, 0 when one of them is missing. */
function score(r, qs, whole) {
  let total = 0;
  for (const q of qs) {
    const s = Math.max(...Object.keys(WEIGHTS).map((f) => WEIGHTS[f][best(r.words[f], q)]));
    if (!s) return 0;
    total += s;
  }
  // The reference or the term itself, written out.
  if (r.names.includes(whole)) total += 50;
  return total;
}

/**
 * Splits text into parts, [{ text, mark }], marking each word that matches
 * a word searched for; the parts joined give text back.
 */
export function highlight(text, qs) {
  const parts = [];
  let at = 0;
  for (const t of tokens(text)) {
    if (!qs.some((q) => matches(t.word, q))) continue;
    const gap = text.slice(at, t.start), last = parts[parts.length - 1];
    // Marked words with only spaces between them make one mark.
    if (last && last.mark && !gap.trim()) {
      last.text += text.slice(at, t.end);
    } else {
      if (gap) parts.push({ text: gap, mark: false });
      parts.push({ text: text.slice(t.start, t.end), mark: true });
    }
    at = t.end;
  }
  if (at < text.length || !parts.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/**
 * A line of text to show under a result: the first line with a word
 * searched for in it (or the first line, when only the title matched), cut
 * to about SNIPPET characters around the first match at spaces, with … where
 * it was cut.
 */
export function snippet(text, qs) {
  const lines = String(text || '').split('\n');
  let line = lines[0], first = -1;
  for (const l of lines) {
    const hit = tokens(l).find((t) => qs.some((q) => matches(t.word, q)));
    if (hit) {
      line = l;
      first = hit.start;
      break;
    }
  }
  if (line.length <= SNIPPET) return line;
  let from = Math.max(0, Math.min(first - SNIPPET / 3, line.length - SNIPPET));
  if (from > 0) from = line.indexOf(' ', from) + 1 || from;
  let to = Math.min(line.length, from + SNIPPET);
  if (to < line.length) to = line.lastIndexOf(' ', to) > from ? line.lastIndexOf(' ', to) : to;
  return (from > 0 ? '…' : '') + line.slice(from, to).trim() + (to < line.length ? '…' : '');
}

/**
 * Searches the prepared records for query. Returns { words, total, results }:
 * words what was looked for (none for a query with no words), total how
 * many records matched, and results the best LIMIT of them, best first,
 * each { kind, url, title, label, standard, level, titleParts,
 * snippetParts }, the parts to show as highlight gives them.
 */
export function search(records, query) {
  const qs = parseQuery(query);
  if (!qs.length) return { words: [], total: 0, results: [] };
  const whole = phrase(query);
  const found = [];
  for (const r of records) {
    const s = score(r, qs, whole);
    if (s) found.push({ r, s });
  }
  found.sort((a, b) => b.s - a.s || KINDS.indexOf(a.r.kind) - KINDS.indexOf(b.r.kind) || a.r.order - b.r.order);
  return {
    words: qs.map((q) => q.word),
    total: found.length,
    results: found.slice(0, LIMIT).map(({ r }) => ({
      kind: r.kind, url: r.url, title: r.title, label: r.label || '', standard: r.standard || 0, level: r.level || '', check: r.check || '',
      titleParts: highlight(r.title, qs),
      snippetParts: highlight(snippet(r.text, qs), qs),
    })),
  };
}

/** The words under a result's title: what it is. */
export function kindLine(r) {
  if (r.kind == 'term') return 'Glossary';
  if (r.kind == 'page') return 'Page';
  return [r.label ? `Item ${r.label}` : 'Item', r.standard ? `Standard ${r.standard}` : '', r.level, r.check].filter(Boolean).join(' · ');
}

/** The line that says how many results there are: "3 results for backup". */
export function countLine(query, found) {
  const q = String(query).trim();
  if (!found.words.length) return 'Type a word to search for, such as backup or ICO.';
  if (!found.total) return `No results for ${q}. Try another word, or look through the checklist or the glossary.`;
  const shown = found.total > found.results.length ? ` (the first ${found.results.length} shown)` : '';
  return `${found.total} ${found.total == 1 ? 'result' : 'results'} for ${q}${shown}`;
}
