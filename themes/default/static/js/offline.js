// Offline use: registers the site's worker (sw.js, which keeps every page
// of this build), says when a newer version is ready, and marks
// html[data-rk-offline="ready"] once this page is in the worker's hands
// (for tests, and the workshop page). app.js starts it once the page is
// ready, and only where base.html set html[data-rk-worker] to the
// worker's address: the site has offline use on.
//
// A newer worker waits until the reader clicks "Use the newer version":
// only then is it asked to take over, and the page reloads once, so an old
// page never runs with new scripts. The click moves focus off the field
// being typed in, which saves it, before anything reloads.

import { $ } from './dom.js';

export async function start() {
  const html = document.documentElement, sw = navigator.serviceWorker;
  if (!sw || !/^https?:$/.test(location.protocol)) return;
  let reg;
  try {
    reg = await sw.register(html.dataset.rkWorker);
  } catch {
    // A browser that keeps no workers here (private browsing, settings):
    // the site works as before, online.
    return;
  }
  if (!reg) return;
  const ready = () => {
    if (sw.controller && reg.active) html.dataset.rkOffline = 'ready';
  };
  let had = !!sw.controller;
  sw.addEventListener('controllerchange', () => {
    // The first worker taking this page: nothing to reload. A newer one
    // (asked for here or in another tab): this page's scripts are old.
    if (!had) {
      had = true;
      return ready();
    }
    if (html.dataset.rkOffline === 'reloading') return;
    html.dataset.rkOffline = 'reloading';
    document.activeElement?.blur?.();
    location.reload();
  });
  const box = $('[data-rk-update]');
  const offer = (w) => {
    if (!box || !sw.controller) return;
    box.hidden = false;
    $('button', box).onclick = () => w.postMessage('readykit:use-newer');
  };
  const watch = (w) => {
    if (!w) return;
    if (w.state === 'installed') return offer(w);
    w.addEventListener('statechange', () => w.state === 'installed' && offer(w));
  };
  watch(reg.waiting || reg.installing);
  reg.addEventListener('updatefound', () => watch(reg.installing));
  await sw.ready;
  ready();
}
