// A classic script, not a module: the home page loads it in <head>, where
// it runs before the page is first drawn. When the reader's progress for
// this edition records a publication, it marks <html> with
// data-rk-published, and site.css draws the page as "stay ready" from the
// start, so nothing moves when stayready.js fills it in. It only reads:
// the keys are storage.js's (readykit:<site>:profiles and
// readykit:<site>:<profile>:<edition>), and stayready.js sets or clears the
// mark again from the session once it has opened the document.
(function () {
  var me = document.currentScript;
  if (!me) return;
  try {
    var site = me.dataset.rkSite, edition = me.dataset.rkEdition, prefix = 'readykit:' + site + ':';
    var ix = JSON.parse(window.localStorage.getItem(prefix + 'profiles') || 'null');
    var list = ix && Array.isArray(ix.profiles) ? ix.profiles : [];
    var current = list.some(function (p) { return p && p.id == ix.current; }) ? ix.current : list[0] ? list[0].id : 'default';
    var doc = JSON.parse(window.localStorage.getItem(prefix + current + ':' + edition) || 'null');
    var date = doc && doc.published && doc.published.date;
    if (typeof date == 'string' && /^\d{4}-\d\d-\d\d$/.test(date)) document.documentElement.dataset.rkPublished = date;
  } catch (e) {
    // No storage, or a damaged copy: the page is drawn as "get ready", and
    // stayready.js decides once the session has opened the document.
  }
})();
