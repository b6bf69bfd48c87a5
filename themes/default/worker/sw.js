// The offline worker: once any page of the site has loaded, it keeps every
// page, asset and data file of this build, so the whole site works with
// the network gone (a workshop in a hall with poor Wi-Fi).
//
// The build (generator/offline.go) publishes this file as /sw.js, with
// the placeholder that site is set to replaced by this build's settings:
//   scope:    the site's root path, such as "/" or "/dspt/";
//   version:  a hash of every kept file, so any change gives a new worker;
//   keep:     every address of the build to keep, sorted;
//   notFound: the 404 page's address, for a page neither kept nor reachable;
//   off:      true when the site turned the worker off: this worker then
//             deletes its caches and unregisters itself.
// It is a classic script (module workers are not in every browser), and
// its decisions are plain functions apart from the events, which
// themes/default/tests/offline-worker.test.js runs in node.
//
// A new worker waits until a page asks it to take over (offline.js, when
// the reader clicks "Use the newer version"), so an old page never runs
// with new scripts; cache names carry the scope, so two sites under one
// address never delete each other's caches.

const site = __READYKIT_OFFLINE__;

// cachePrefix is the start of every cache name of this site's workers.
function cachePrefix(scope) {
  return 'readykit:' + scope + ':';
}

// cacheName is the cache this build's files are kept in.
function cacheName(scope, version) {
  return cachePrefix(scope) + version;
}

// stale picks, from every cache name at this origin, the ones an older
// worker of this scope made: not this build's, and not another site's.
function stale(names, scope, version) {
  const mine = cacheName(scope, version);
  return names.filter((n) => n.startsWith(cachePrefix(scope)) && n !== mine);
}

// keyFor says which kept address answers a request for path (with its
// query, search), or null when none does and the network should. A page
// is asked for as "/checklist/", "/checklist", "/checklist/index.html" or
// with a query ("/checklist/?status=met", which the page reads itself);
// other files only by their exact address. kept holds the kept paths.
function keyFor(path, search, navigate, scope, kept) {
  if (!path.startsWith(scope) && path + '/' !== scope) return null;
  if (search && !navigate) return null;
  if (kept.has(path)) return path;
  if (!navigate) return null;
  if (path.endsWith('/index.html')) {
    const dir = path.slice(0, -'index.html'.length);
    return kept.has(dir) ? dir : null;
  }
  if (!path.endsWith('/') && kept.has(path + '/')) return path + '/';
  return null;
}

// The rest runs only in a browser's worker, not when tests load the rules.
if (typeof ServiceWorkerGlobalScope !== 'undefined' && self instanceof ServiceWorkerGlobalScope) {
  if (site.off) release();
  else keep();
}

// keep installs this build: fills its cache, then answers from it.
function keep() {
  const name = cacheName(site.scope, site.version);
  // Addresses as the browser writes them, to compare with requests'.
  const kept = new Set(site.keep.map((u) => new URL(u, location.href).pathname));

  // All or nothing: a cache missing one file would leave a page broken
  // offline, so any failure fails the install (and the browser tries
  // again on a later visit). 'reload' skips the HTTP cache, which may
  // hold files of an older build.
  self.addEventListener('install', (e) => {
    e.waitUntil(
      (async () => {
        const got = await Promise.all(
          site.keep.map(async (u) => {
            const r = await fetch(new Request(u, { cache: 'reload', credentials: 'same-origin' }));
            if (!r.ok) throw new Error('could not keep ' + u + ': ' + r.status);
            // A redirected answer cannot be given to a page's navigation.
            return r.redirected ? new Response(await r.blob(), { status: r.status, statusText: r.statusText, headers: r.headers }) : r;
          }),
        );
        const cache = await caches.open(name);
        try {
          await Promise.all(got.map((r, i) => cache.put(site.keep[i], r)));
        } catch (err) {
          await caches.delete(name);
          throw err;
        }
      })(),
    );
  });

  self.addEventListener('activate', (e) => {
    e.waitUntil(
      (async () => {
        await Promise.all(stale(await caches.keys(), site.scope, site.version).map((n) => caches.delete(n)));
        // Pages opened before the first worker was installed come under
        // it at once, so they work offline without a reload.
        await self.clients.claim();
      })(),
    );
  });

  self.addEventListener('message', (e) => {
    if (e.data === 'readykit:use-newer') self.skipWaiting();
  });

  self.addEventListener('fetch', (e) => {
    const req = e.request;
    if (req.method !== 'GET') return;
    const url = new URL(req.url);
    if (url.origin !== location.origin) return;
    const navigate = req.mode === 'navigate';
    const key = keyFor(url.pathname, url.search, navigate, site.scope, kept);
    if (key === null && !(navigate && url.pathname.startsWith(site.scope))) return;
    e.respondWith(answer(req, key, navigate, name));
  });
}

// answer gives the kept file, else the network's answer, else for a page
// the kept 404 page.
async function answer(req, key, navigate, name) {
  const cache = await caches.open(name);
  if (key !== null) {
    const hit = await cache.match(key);
    if (hit) return hit;
  }
  try {
    return await fetch(req);
  } catch (err) {
    const missing = navigate && site.notFound && (await cache.match(site.notFound));
    if (missing) return new Response(missing.body, { status: 404, statusText: 'Not Found', headers: missing.headers });
    throw err;
  }
}

// release undoes an earlier worker at this address: the site turned
// offline use off (or this is the preview), so its caches are deleted and
// the worker unregisters itself. Pages keep working from the network.
function release() {
  self.addEventListener('install', () => self.skipWaiting());
  self.addEventListener('activate', (e) => {
    e.waitUntil(
      (async () => {
        const names = await caches.keys();
        await Promise.all(names.filter((n) => n.startsWith(cachePrefix(site.scope))).map((n) => caches.delete(n)));
        await self.registration.unregister();
      })(),
    );
  });
}
