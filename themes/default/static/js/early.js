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
//
// It also makes sure a page never silently half-works: if a module script
// does not load (flaky Wi-Fi, blocked) or stops with an error (thrown at
// start, or a promise app.js leaves unhandled on purpose when begin()
// fails), it marks html[data-rk-failed] with "load" or "error" and shows
// base.html's data-rk-fail box, whose words site.css picks by that mark.
// It touches no saved progress. Module scripts run once the page is
// parsed, so the box is there when they fail. e2e/scriptfail.test.mjs.
(function () {
  var me = document.currentScript, html = document.documentElement;
  if (!me) return;
  function failed(e) {
    var t = e.target, box = document.querySelector('[data-rk-fail]');
    // Scripts alone: a picture that fails to load is not the page failing.
    var kind = t.tagName == 'SCRIPT' || /imported module|module script/.test(e.reason) ? 'load' : t == window && 'error';
    if (kind && box) {
      html.dataset.rkFailed = kind;
      box.hidden = false;
    }
  }
  // Capture: a script's failed load does not bubble, but window sees it here.
  addEventListener('error', failed, true);
  addEventListener('unhandledrejection', failed);
  try {
    var prefix = 'readykit:' + me.dataset.rkSite + ':';
    var ix = JSON.parse(localStorage.getItem(prefix + 'profiles'));
    var list = ix && Array.isArray(ix.profiles) ? ix.profiles : [];
    var profile = list.filter(function (p) { return p && p.id == ix.current; })[0] || list[0] || { id: 'default' };
    var doc = JSON.parse(localStorage.getItem(prefix + profile.id + ':' + me.dataset.rkEdition));
    if (!doc || typeof doc != 'object') return;
    var date = doc.published && doc.published.date;
    if (typeof date == 'string' && /^\d{4}-\d\d-\d\d$/.test(date)) html.dataset.rkPublished = date;
    var org = doc.organisation && typeof doc.organisation.name == 'string' ? doc.organisation.name : '';
    if (org || (typeof profile.name == 'string' && profile.name)) html.dataset.rkNamed = '';
    var something = Object.keys(doc.items || {}).length || !!org;
    var exported = Date.parse(doc.exported);
    if (something && !(Date.now() - exported <= 7 * 864e5)) html.dataset.rkRemind = '';
  } catch (e) {
    // No storage, or a damaged copy: nothing is marked, and the modules
    // decide once the session has opened the document.
  }
})();
