// Each page asks for its scripts up front (issue 16): its <head> preloads
// (rel=modulepreload) every module it loads as it starts, so the browser
// fetches them together with the page instead of finding each import only
// once the module naming it has arrived. The lists are written by the
// generator from the scripts' static imports and the modules each layout
// says app.js starts on its pages (generator/scripts.go); this test keeps
// those layouts' words true. For one page of every layout it loads the
// page with its preload links taken out and the offline worker off (as a
// browser without them would), records the scripts the page then loads
// until it is ready, and compares them with what the built page declares:
// a module the page needs but does not preload, or one it preloads but
// never needs, fails. Each load is in a fresh browser, as a first visit.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listPages, ready, serveSite, session, siteDir } from './pages.mjs';

const dir = siteDir();
const site = serveSite(dir);

// One page of each layout: the first by address.
const byLayout = new Map();
for (const p of listPages(dir)) {
  const m = /<body class="?layout-([\w-]+)/.exec(p.html);
  if (m && !byLayout.has(m[1])) byLayout.set(m[1], p);
}

// The attributes of each <tag ...> in html, as objects.
function tags(html, name) {
  const out = [];
  for (const [, attrs] of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))) {
    const a = {};
    for (const [, k, v = ''] of attrs.matchAll(/([\w-]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)) a[k.toLowerCase()] = v.replace(/^["']|["']$/g, '');
    out.push(a);
  }
  return out;
}

// The module scripts a page names and the modules it preloads.
function declared(html) {
  const scripts = tags(html, 'script').filter((a) => a.type === 'module').map((a) => a.src);
  const preloads = tags(html, 'link').filter((a) => a.rel === 'modulepreload').map((a) => a.href);
  return { scripts, preloads };
}

// The scripts the page fetched, by path, in the order they started, with
// early.js, a classic script every page names, left out.
const fetched = (page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.js') && !p.endsWith('/early.js')),
  );

test('the built pages preload modules', () => {
  assert.ok(byLayout.size >= 10, `only ${byLayout.size} layouts found: ${[...byLayout.keys()].join(' ')}`);
  const { preloads } = declared(byLayout.get('checklist').html);
  assert.ok(preloads.length > 0, 'the checklist preloads no modules');
});

for (const [layout, p] of byLayout) {
  test(`a ${layout} page (${p.url}) preloads exactly the modules it loads before it is ready`, async (t) => {
    const { scripts, preloads } = declared(p.html);
    assert.equal(new Set(preloads).size, preloads.length, `${p.url} preloads a module twice: ${preloads.join(' ')}`);

    // As the page would load without its preload links.
    const bare = await session(t, site.browser);
    const url = new URL(p.url, site.server.url).href;
    await bare.page.route(url, async (route) => {
      const res = await route.fetch();
      const body = (await res.text())
        .replace(/<link rel="?modulepreload"? href="?[^"\s>]+"?>/g, '')
        .replace(/ data-rk-worker=("[^"]*"|[^\s>]+)/, ''); // offline.js starts only after ready, and would be counted
      assert.ok(!body.includes('modulepreload'), 'a preload link was left in');
      await route.fulfill({ response: res, body });
    });
    await bare.page.goto(url);
    await ready(bare.page);
    const needed = await fetched(bare.page);
    bare.quiet();
    assert.deepEqual(
      [...new Set(needed)].sort(),
      [...new Set([...scripts, ...preloads])].sort(),
      `${p.url}: the modules it loads (left) are not those it names and preloads (right)`,
    );

    // As built: the same scripts, each fetched once (a preload that did not
    // match the module's own request would be fetched again).
    const built = await session(t, site.browser);
    await built.page.goto(url);
    await ready(built.page);
    const got = (await fetched(built.page)).filter((s) => !s.endsWith('/offline.js'));
    built.quiet();
    // (The group page's own module script, grouppage.js, is named twice:
    // by its script element and, as a module app.js's page starts, by a
    // preload link; the browser fetches it once.)
    assert.deepEqual(got.toSorted(), [...new Set([...scripts, ...preloads])].sort(), `${p.url}: as built it fetched other scripts, or one twice`);
  });
}
