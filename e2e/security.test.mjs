// Security: every page of the built site works under the production
// Content-Security-Policy (sent by the test server from netlify.toml):
// no inline script or style, nothing loaded from another host.
//
// Each page is checked three ways: the raw HTML file, the DOM Chromium
// builds from it, and what Chromium actually does while loading it
// (requests, CSP violations, console errors). Self-tests at the end show
// that each check does fail on a page that breaks its rule.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { NETLIFY_TOML, parseNetlifyHeaders, startServer } from './server.mjs';
import { listPages, serveSite, siteDir, walk } from './pages.mjs';
import { cssProblems, formatProblems, htmlProblems } from './htmlcheck.mjs';
import { domProblems, watch } from './browsercheck.mjs';

const dir = siteDir();
const pages = listPages(dir);
const stylesheets = walk(dir, '.css');
const expectedHeaders = Object.fromEntries(parseNetlifyHeaders(readFileSync(NETLIFY_TOML, 'utf8')).find((r) => r.for === '/*').values);

const site = serveSite(dir);

// assertClean fails with everything that went wrong while loading a page.
function assertClean(url, r, dom) {
  const lines = [];
  const section = (title, list) => {
    if (list.length) lines.push(`${title}:\n${list.map((x) => '  ' + (typeof x === 'string' ? x : JSON.stringify(x))).join('\n')}`);
  };
  section(`requests to another origin than ${new URL(url).origin}`, r.foreign);
  section('Content-Security-Policy violations', r.violations ?? ['(the violation recorder did not run)']);
  section('console errors', r.consoleErrors);
  section('uncaught exceptions', r.pageErrors);
  section('failed requests', r.failed);
  section('error responses', r.badResponses);
  if (dom.length) lines.push(`problems in the DOM:\n${formatProblems(dom)}`);
  if (lines.length) assert.fail(`${url}\n${lines.join('\n')}`);
}

describe('raw files', () => {
  for (const p of pages) {
    test(`${p.url} (${p.rel}) has no inline script or style and loads nothing from elsewhere`, () => {
      const problems = htmlProblems(p.html);
      if (problems.length) assert.fail(`${p.rel} (served at ${p.url}):\n${formatProblems(problems)}`);
    });
  }

  test('the site has a stylesheet', () => assert.ok(stylesheets.length > 0, `no .css file in ${dir}`));
  for (const file of stylesheets) {
    test(`stylesheet ${relative(dir, file)} loads nothing from another host`, () => {
      const problems = cssProblems(readFileSync(file, 'utf8'));
      if (problems.length) assert.fail(`${relative(dir, file)}:\n${formatProblems(problems)}`);
    });
  }
});

describe('in Chromium, under the production CSP', () => {
  let context;
  let w;
  before(async () => {
    context = await site.browser.newContext();
    w = await watch(context);
  });
  after(() => context?.close());

  for (const p of pages) {
    test(`${p.url}`, async () => {
      const url = site.server.url + p.url;
      const r = await w.open(url, site.server.url);
      assert.equal(r.response?.status(), 200, `${url} answered ${r.response?.status()}`);
      const headers = r.response.headers();
      for (const [k, v] of Object.entries(expectedHeaders)) {
        assert.equal(headers[k.toLowerCase()], v, `${url}: header ${k}`);
      }
      const dom = await w.page.evaluate(domProblems);
      assertClean(url, r, dom);
      // The stylesheet did load and apply: the page is not unstyled.
      const styled = await w.page.evaluate(() => document.styleSheets.length > 0 && getComputedStyle(document.body).margin === '0px');
      assert.ok(styled, `${url}: the stylesheet did not apply`);
    });
  }
});

// The checks must be able to fail: feed them pages that break each rule.
describe('self-test: the checks catch what they should', () => {
  const bad = {
    '<p style="color:red">x</p>': 'inline-style',
    '<style>p{color:red}</style>': 'inline-style',
    '<script>alert(1)</script>': 'inline-script',
    '<button onclick="go()">Go</button>': 'inline-script',
    '<a href=javascript:alert(1)>x</a>': 'inline-script',
    '<img src="https://other.example/x.png" alt="">': 'foreign-load',
    '<img src=/x.png srcset="/x.png 1x, //other.example/y.png 2x" alt="">': 'foreign-load',
    '<link rel=stylesheet href=https://cdn.example/site.css>': 'foreign-load',
    '<link rel=preload as=font href="https://fonts.example/f.woff2">': 'foreign-load',
    '<form action="https://other.example/submit"></form>': 'foreign-load',
    '<script src="https://cdn.example/x.js"></script>': 'foreign-load',
  };
  for (const [html, rule] of Object.entries(bad)) {
    test(`raw check flags ${html}`, () => {
      const rules = htmlProblems(`<!doctype html><html><body>${html}</body></html>`).map((p) => p.rule);
      assert.ok(rules.includes(rule), `expected ${rule}, got ${JSON.stringify(rules)}`);
    });
  }

  test('raw check allows links to other sites, the canonical address and same-site loads', () => {
    const ok = `<!doctype html><html><head><link rel=canonical href=https://readykit.netlify.app/x/>
      <link rel=stylesheet href=/assets/site.css><link rel=icon href="/favicon.svg"></head>
      <body><a href=https://www.dsptoolkit.nhs.uk/>toolkit</a><img src=/x.png alt="" srcset="/x.png 1x, y.png 2x">
      <p>Text that mentions style="x" and onclick= and javascript: is only text.</p>
      <form action=/search></form><script src=/assets/app.js></script></body></html>`;
    assert.deepEqual(htmlProblems(ok), []);
  });

  test('stylesheet check flags url() and @import of another host', () => {
    assert.equal(cssProblems('a{background:url(https://other.example/x.png)}').length, 1);
    assert.equal(cssProblems('@import "//other.example/x.css";').length, 1);
    assert.equal(cssProblems("@font-face{src:url('data:font/woff2;base64,AA')}").length, 1);
    assert.deepEqual(cssProblems('a{background:url(/img/x.svg)} /* url(https://ignored.example/) */'), []);
  });

  describe('in Chromium', () => {
    let tmp;
    let other; // a second origin to load from
    let plain; // the fixture without security headers
    let strict; // the fixture with the production headers
    before(async () => {
      tmp = mkdtempSync(join(tmpdir(), 'readykit-e2e-'));
      writeFileSync(join(tmp, 'x.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
      other = await startServer(tmp, { headers: false });
      writeFileSync(
        join(tmp, 'bad.html'),
        `<!doctype html><html lang=en><title>bad</title><p style="color:red">styled</p>
         <script>document.title = 'ran'</script><img alt="" src="${other.url}/x.svg">`,
      );
      plain = await startServer(tmp, { headers: false });
      strict = await startServer(tmp);
    });
    after(async () => {
      await Promise.all([other?.close(), plain?.close(), strict?.close()]);
      rmSync(tmp, { recursive: true, force: true });
    });

    test('the production CSP blocks inline script and style, and the test sees it', async () => {
      const context = await site.browser.newContext();
      try {
        const w = await watch(context);
        const r = await w.open(`${strict.url}/bad.html`, strict.url);
        const directives = r.violations.map((v) => v.directive);
        assert.ok(directives.includes('script-src-elem'), `violations: ${JSON.stringify(r.violations)}`);
        assert.ok(directives.includes('style-src-attr'), `violations: ${JSON.stringify(r.violations)}`);
        assert.ok(directives.includes('img-src'), `violations: ${JSON.stringify(r.violations)}`);
        assert.ok(r.consoleErrors.length > 0, 'expected console errors');
        assert.notEqual(await w.page.title(), 'ran', 'the inline script ran despite the CSP');
        assert.throws(() => assertClean(`${strict.url}/bad.html`, r, []), /Content-Security-Policy violations/);
      } finally {
        await context.close();
      }
    });

    test('a load from another origin is caught even without a CSP', async () => {
      const context = await site.browser.newContext();
      try {
        const w = await watch(context);
        const r = await w.open(`${plain.url}/bad.html`, plain.url);
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.foreign, [`${other.url}/x.svg`]);
        const rules = (await w.page.evaluate(domProblems)).map((p) => p.rule).sort();
        assert.deepEqual(rules, ['foreign-load', 'inline-script', 'inline-style']);
        assert.throws(() => assertClean(`${plain.url}/bad.html`, r, []), /requests to another origin/);
      } finally {
        await context.close();
      }
    });
  });
});
