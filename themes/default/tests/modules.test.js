import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

// The module graph of the theme's JavaScript: which file imports which,
// statically (import/export ... from './x.js', import './x.js') or
// dynamically (import('./x.js')). app.js is the entry point: a page module
// that imported it back would make it a library again, with an import
// circle, and no module could be tested without a browser.

const dir = new URL('../static/js/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();

// Comments may quote an import; only code counts.
const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').split('\n').filter((l) => !l.trim().startsWith('//')).join('\n');

const STATIC = /(?:^|[\n;])\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]\.\/([^'"]+)['"]|(?:^|[\n;])\s*import\s*['"]\.\/([^'"]+)['"]/g;
const DYNAMIC = /\bimport\s*\(\s*['"]\.\/([^'"]+)['"]\s*\)/g;

/** file -> [{to, dynamic}] for every relative import in text. */
function edges(text) {
  const c = code(text);
  return [
    ...[...c.matchAll(STATIC)].map((m) => ({ to: m[1] || m[2], dynamic: false })),
    ...[...c.matchAll(DYNAMIC)].map((m) => ({ to: m[1], dynamic: true })),
  ];
}

/** Every circle in graph (name -> names), each as a path that ends where it starts. */
function circles(graph) {
  const found = [], state = new Map(); // 1: on the path, 2: done
  const walk = (n, path) => {
    if (state.get(n) == 2) return;
    if (state.get(n) == 1) {
      found.push([...path.slice(path.indexOf(n)), n]);
      return;
    }
    state.set(n, 1);
    for (const m of graph.get(n) || []) walk(m, [...path, n]);
    state.set(n, 2);
  };
  for (const n of graph.keys()) walk(n, []);
  return found;
}

const graph = new Map(files.map((f) => [f, edges(readFileSync(new URL(f, dir), 'utf8'))]));
const names = new Map([...graph].map(([f, es]) => [f, [...new Set(es.map((e) => e.to))]]));

test('the module graph is read: app.js imports the session statically and the page modules dynamically', () => {
  const app = graph.get('app.js');
  assert.ok(app.some((e) => e.to == 'session.js' && !e.dynamic), JSON.stringify(app));
  for (const page of ['account.js', 'reports.js', 'timeline.js']) {
    assert.ok(app.some((e) => e.to == page && e.dynamic), page);
  }
  assert.deepEqual(edges("import { a } from './a.js';\n// import { b } from './b.js';\nexport { c } from './c.js';\nconst d = await import('./d.js');\nimport './e.js';"),
    [{ to: 'a.js', dynamic: false }, { to: 'c.js', dynamic: false }, { to: 'e.js', dynamic: false }, { to: 'd.js', dynamic: true }]);
});

test('every module imported exists', () => {
  const missing = [...names].flatMap(([f, to]) => to.filter((t) => !graph.has(t)).map((t) => `${f} -> ${t}`));
  assert.deepEqual(missing, []);
});

test('the circle finder finds a circle', () => {
  assert.deepEqual(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), [['a', 'b', 'c', 'a']]);
  assert.deepEqual(circles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), []);
});

test('the module graph has no circle, dynamic imports included', () => {
  assert.deepEqual(circles(names).map((c) => c.join(' -> ')), []);
});

test('nothing imports app.js, the entry point', () => {
  assert.deepEqual([...names].filter(([, to]) => to.includes('app.js')).map(([f]) => f), []);
});

test('the page modules import neither the entry point, nor each other, nor storage.js load and save', () => {
  // Storage is the session's: a page that imported its load or save could
  // change the document behind the session's back.
  const pages = ['account.js', 'checklist.js', 'filter.js', 'itemform.js', 'register.js', 'reports.js', 'searchpage.js', 'stayready.js', 'timeline.js'];
  for (const p of pages) {
    const to = names.get(p);
    assert.ok(to, p);
    assert.deepEqual(to.filter((t) => pages.includes(t) || t == 'app.js'), [], p);
    const text = code(readFileSync(new URL(p, dir), 'utf8'));
    assert.doesNotMatch(text, /\b(load|save)\b[^;]*from '\.\/storage\.js'/, p);
  }
  // Finish on this laptop is part of the Your progress page, started by
  // account.js; it too leaves the document to the session.
  for (const p of ['finish.js', 'homekeys.js']) {
    assert.deepEqual(names.get(p).filter((t) => pages.includes(t) || t == 'app.js'), [], p);
    assert.doesNotMatch(code(readFileSync(new URL(p, dir), 'utf8')), /\b(load|save)\b[^;]*from '\.\/storage\.js'/, p);
  }
});

test('only the entry point, dom.js and the page modules touch the page; every other module runs in node', () => {
  const DOM = ['account.js', 'app.js', 'checklist.js', 'dom.js', 'filter.js', 'finish.js', 'itemform.js', 'offline.js', 'register.js', 'reports.js', 'searchpage.js', 'early.js', 'stayready.js', 'timeline.js'];
  const uses = (f) => /\b(?:document|window|navigator|location)\s*\./.test(code(readFileSync(new URL(f, dir), 'utf8')));
  assert.deepEqual(files.filter((f) => !DOM.includes(f) && uses(f)), []);
  // The check itself sees the page where it is used.
  assert.deepEqual(DOM.filter((f) => !uses(f)), []);
});

test('only session.js assigns the document', () => {
  const bad = files.filter((f) => f != 'session.js' && /\b(?:state|s|session)\.doc\s*=[^=]/.test(code(readFileSync(new URL(f, dir), 'utf8'))));
  assert.deepEqual(bad, []);
});
