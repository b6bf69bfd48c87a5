// The entry point every page loads. It makes the session (session.js), which
// alone owns the saved progress, loads the toolkit, and starts the page
// modules this page needs; they get the session and never import this file.
// Once done it marks the page ready (html[data-rk-ready], for tests to wait on).

import { createSession } from './session.js';
import { start as checklist } from './checklist.js';
import { $, tell } from './dom.js';

async function begin() {
  if ($('[data-rk-search]')) await (await import('./searchpage.js')).start();
  // The group page reads other homes' files with its own module, and must
  // not open (or, on a first visit, create) this browser's saved progress.
  if ($('[data-rk-group]')) return true;
  let storage;
  try {
    storage = localStorage;
    storage.getItem('readykit');
  } catch {
    tell('This browser will not let the guide save your progress, perhaps because of private browsing. You can still read and print every page.');
    return;
  }
  let tk;
  try {
    tk = await (await fetch(new URL('../data/toolkit.json', import.meta.url))).json();
  } catch {
    tell('The guide could not load its list of items, so your progress cannot be shown. Try reloading the page.');
    return;
  }
  const session = createSession({
    storage, tk, say: (lines) => tell(...lines),
    // Asks that the browser not clear this site's data on its own.
    keep: () => navigator.storage?.persist?.().catch(() => {}),
  });
  await session.open();
  checklist(session);
  if ($('[data-rk-item]')) (await import('./itemform.js')).start(session);
  // Another tab saved: show its version.
  addEventListener('storage', (e) => session.changedElsewhere(e.key));
  if ($('[data-rk-progress-page]')) (await import('./account.js')).start(session);
  if ($('[data-rk-stay],[data-rk-published-form]')) (await import('./stayready.js')).start(session);
  if ($('[data-rk-gaps],[data-rk-plan]')) (await import('./reports.js')).start(session);
  if ($('[data-rk-programme-form]')) (await import('./timeline.js')).start(session);
  if ($('[data-rk-register]')) (await import('./register.js')).start(session);
  // The checklist's filter is loaded only once it is used, or the address holds a choice.
  const filter = $('[data-rk-filter]'), byFilter = (say) => import('./filter.js').then((m) => m.start(session, say));
  if (filter && location.search) await byFilter(false);
  else if (filter) filter.addEventListener('change', () => byFilter(true), { once: true });
  return true;
}

// A begin() that fails is left unhandled on purpose: early.js sees the
// rejection and tells the reader that part of the page did not load (a
// module import that failed) or stopped with an error, and the browser's
// console keeps the error for whoever looks into it.
begin().then((ok) => {
  const html = document.documentElement;
  html.dataset.rkReady = ok ? 'yes' : 'no';
  // Offline use (offline.js) starts only now, so it never slows the page;
  // if it cannot load, the page works as before, online.
  if (html.dataset.rkWorker) import('./offline.js').then((m) => m.start(), () => {});
});
