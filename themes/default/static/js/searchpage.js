// The search page: loads the index once, as the page opens, so the search
// goes on working when the connection drops, and shows the results of
// what is typed as it is typed. The searching is in search.js; this file
// only touches the DOM, and sets every word as text: the marks around
// matching words are <mark> elements it makes, never markup. It needs no
// saved progress, so app.js starts it before the session, and it works
// where the browser keeps nothing.

import { countLine, kindLine, prepare, search } from './search.js';
import { $, el, tell, TYPING_PAUSE } from './dom.js';

/** Wires up the search page; resolves once the index has loaded, or failed to. */
export async function start() {
  const root = $('[data-rk-search]');
  const form = $('[data-rk-search-form]');
  const input = $('[data-rk-search-input]');
  const count = $('[data-rk-search-count]');
  const list = $('[data-rk-search-results]');
  $('[data-rk-nojs]').hidden = true;
  root.hidden = false;
  input.value = new URLSearchParams(location.search).get('q') || '';
  count.textContent = 'Loading the search…';
  let records;
  try {
    const res = await fetch(new URL('../data/search.json', import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    records = prepare(await res.json());
  } catch {
    root.hidden = true;
    tell('The search could not load its list of pages, so it cannot search for you now. Reload this page when you are back online. Until then, every item is on the checklist, and the words the toolkit uses are in the glossary.');
    root.dataset.rkSearch = 'failed';
    return;
  }
  const title = document.title;
  const show = () => {
    const q = input.value.trim();
    const found = search(records, q);
    count.textContent = countLine(q, found);
    list.replaceChildren(...found.results.map(result));
    // The address and the title keep the search, to bookmark or share;
    // replacing the address loads nothing, so this works offline.
    const url = new URL(location.href);
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    if (url.href != location.href) history.replaceState(history.state, '', url);
    document.title = q ? `${q} – ${title}` : title;
  };
  // Results follow the typing once it pauses, so a screen reader is not
  // told a count for every letter; Enter shows them at once.
  let pause;
  input.addEventListener('input', () => {
    clearTimeout(pause);
    pause = setTimeout(show, TYPING_PAUSE);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(pause);
    show();
  });
  show();
  root.dataset.rkSearch = 'ready';
}

/** Parts from search.js as nodes: the matching words marked. */
const marked = (parts) => parts.map((p) => (p.mark ? el('mark', { textContent: p.text }) : p.text));

/** One result: its title as a link, what it is, and the words around the match. */
function result(r) {
  const li = el('li', { className: 'rk-search__result' },
    el('a', { className: 'rk-search__link', href: r.url }, ...marked(r.titleParts)),
    el('p', { className: 'rk-search__kind', textContent: kindLine(r) }));
  if (r.snippetParts.some((p) => p.text)) li.append(el('p', { className: 'rk-search__snippet' }, ...marked(r.snippetParts)));
  return li;
}
