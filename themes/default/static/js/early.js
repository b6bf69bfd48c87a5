// A classic script, not a module: every page loads it in <head>, where it
// runs before the page is first drawn. It reads the reader's saved
// progress for this edition and marks <html> with what will appear once the
// modules have opened it, so that site.css keeps room for it from the start
// and nothing moves when it shows:
//   data-rk-published: a publication is recorded (the home page is drawn
//     as "stay ready");
//   data-rk-named: the header will say whose progress this is;
//   data-rk-remind: the summary will remind to download a backup.
// It only reads, and may guess wrong (a damaged copy the session recovers):
// the page modules decide from the session and set what shows. The keys
// are storage.js's (readykit:<site>:profiles and
// readykit:<site>:<profile>:<edition>); the reminder's rule is
// checklist-text.js's remindBackup, written again because a classic
// script cannot import it; e2e/tasklist.test.mjs loads pages as a manager
// with a backup older than a week and checks that nothing moves.
(function () {
  var me = document.currentScript, html = document.documentElement;
  if (!me) return;
  try {
    var site = me.dataset.rkSite, edition = me.dataset.rkEdition, prefix = 'readykit:' + site + ':';
    var ix = JSON.parse(window.localStorage.getItem(prefix + 'profiles') || 'null');
    var list = ix && Array.isArray(ix.profiles) ? ix.profiles : [];
    var profile = list.filter(function (p) { return p && p.id == ix.current; })[0] || list[0] || { id: 'default', name: '' };
    var doc = JSON.parse(window.localStorage.getItem(prefix + profile.id + ':' + edition) || 'null');
    if (!doc || typeof doc != 'object') return;
    var date = doc.published && doc.published.date;
    if (typeof date == 'string' && /^\d{4}-\d\d-\d\d$/.test(date)) html.dataset.rkPublished = date;
    var org = doc.organisation && typeof doc.organisation.name == 'string' ? doc.organisation.name : '';
    if (org || (typeof profile.name == 'string' && profile.name)) html.dataset.rkNamed = '';
    var something = (doc.items && typeof doc.items == 'object' && Object.keys(doc.items).length > 0) || !!org;
    var exported = typeof doc.exported == 'string' ? Date.parse(doc.exported) : NaN;
    if (something && !(Date.now() - exported <= 7 * 864e5)) html.dataset.rkRemind = '';
  } catch (e) {
    // No storage, or a damaged copy: nothing is marked, and the modules
    // decide once the session has opened the document.
  }
})();
