// readykit dev server: reload the page when a rebuild changed it, or
// changed something every page uses (a stylesheet, a script, data, or the
// build failed), and put the reader back where they were. The server's
// "reload" event says which pages changed (handler.go, events).
const KEY = 'readykit-scroll';

const saved = sessionStorage.getItem(KEY);
if (saved) {
  sessionStorage.removeItem(KEY);
  const { path, x, y } = JSON.parse(saved);
  if (path === location.pathname) {
    // Now, and again once scripts have filled the page in, since what
    // they add may be above the place.
    scrollTo(x, y);
    addEventListener('load', () => scrollTo(x, y), { once: true });
  }
}

const events = new EventSource('/_readykit/events');
events.addEventListener('reload', (e) => {
  const { all, pages } = JSON.parse(e.data);
  if (!all && !(pages || []).includes(location.pathname)) return;
  sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, x: scrollX, y: scrollY }));
  location.reload();
});
