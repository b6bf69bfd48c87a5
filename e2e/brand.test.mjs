// A client's site branded in readykit.yaml: logo, colours, contact details
// and a footer line (the Makefile's test-browser target makes it with
// `readykit new` and the settings below, into $BRANDED_DIR). Its pages
// pass axe-core with the brand's colours, the header shows the logo and
// the configured colour, the footer the contact, and the colours arrive as
// a stylesheet of their own: nothing inline, nothing from elsewhere.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AXE_OPTIONS, axeReport, listPages, runAxe, serveSite, walk } from './pages.mjs';
import { domProblems, watch } from './browsercheck.mjs';
import { formatProblems, htmlProblems } from './htmlcheck.mjs';

// What the Makefile writes into the branded site's readykit.yaml.
const BRAND = {
  logoAlt: 'Oak House Care',
  client: 'Oak House Care',
  header: 'rgb(0, 86, 63)', // #00563f
  link: 'rgb(122, 46, 14)', // #7a2e0e
  footer: 'Supported by Smith Care Consulting',
  contact: { name: 'Jo Smith', organisation: 'Smith Care Consulting', email: 'jo@smithcare.example', tel: 'tel:01234567890', url: 'https://smithcare.example/contact' },
};

function brandedDir() {
  const dir = process.env.BRANDED_DIR;
  if (!dir) throw new Error('BRANDED_DIR is not set. Run `make test-browser`, which builds the branded site.');
  const abs = resolve(dir);
  if (!statSync(abs, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`BRANDED_DIR ${abs} is not a folder. Build the site first.`);
  return abs;
}

const dir = brandedDir();
const pages = listPages(dir);
const item = pages.find((p) => /^\/items\/[^/]+\/$/.test(p.url));
const checked = ['/', '/checklist/', item?.url, '/progress/'];
const site = serveSite(dir);

describe('a branded client site', () => {
  let context;
  let w;
  before(async () => {
    context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
    w = await watch(context);
  });
  after(() => context?.close());

  test('the pages checked exist', () => {
    for (const url of checked) assert.ok(url && pages.some((p) => p.url === url), `no page ${url}`);
  });

  for (const url of checked) {
    test(`${url}: axe-core finds nothing, at 1280 and 320 CSS px, and nothing is inline or from elsewhere`, async () => {
      const full = site.server.url + url;
      const r = await w.open(full, site.server.url);
      assert.equal(r.response?.status(), 200);
      assert.deepEqual(r.foreign, [], `${url} made requests to other origins`);
      assert.deepEqual(r.violations, [], `${url} broke the Content-Security-Policy`);
      assert.deepEqual(r.consoleErrors, [], `${url} logged errors`);
      const dom = await w.page.evaluate(domProblems);
      if (dom.length) assert.fail(`${url}:\n${formatProblems(dom)}`);
      const raw = htmlProblems(pages.find((p) => p.url === url).html);
      if (raw.length) assert.fail(`${url} (file):\n${formatProblems(raw)}`);
      for (const width of [1280, 320]) {
        await w.page.setViewportSize({ width, height: 800 });
        await w.page.waitForFunction((x) => window.innerWidth === x, width);
        const res = await runAxe(w.page, { ...AXE_OPTIONS, resultTypes: ['violations'] });
        if (res.violations.length) assert.fail(axeReport(`${full} at ${width}px`, res.violations));
      }
      await w.page.setViewportSize({ width: 1280, height: 800 });
    });
  }

  test('the header shows the logo with its text alternative, the client and the configured colour', async () => {
    await w.open(site.server.url + '/', site.server.url);
    const h = await w.page.evaluate(() => {
      const img = document.querySelector('.site-header img.site-header__logo');
      const header = document.querySelector('.site-header');
      const box = img?.getBoundingClientRect();
      return {
        alt: img?.getAttribute('alt'),
        loaded: img ? img.complete && img.naturalWidth > 0 : false,
        width: box?.width,
        height: box?.height,
        background: getComputedStyle(header).backgroundColor,
        client: document.querySelector('.site-header__client')?.textContent,
        link: getComputedStyle(document.querySelector('main a[href]')).color,
        sheets: [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname),
      };
    });
    assert.equal(h.alt, BRAND.logoAlt);
    assert.ok(h.loaded, 'the logo did not load');
    assert.equal(h.height, 48, 'the logo is 48 CSS px high');
    assert.ok(h.width > 0 && h.width <= 320, `the logo is ${h.width}px wide`);
    assert.equal(h.background, BRAND.header);
    assert.equal(h.client, `for ${BRAND.client}`);
    assert.equal(h.link, BRAND.link, 'links take the brand colour');
    // The brand's stylesheet comes after site.css, whose colours it sets.
    assert.equal(h.sheets.length, 2, h.sheets.join(' '));
    assert.match(h.sheets[0], /^\/assets\/site\.[0-9a-f]{8}\.css$/);
    assert.match(h.sheets[1], /^\/assets\/brand\.[0-9a-f]{8}\.css$/);
  });

  test('the footer shows the contact details as links, and the brand line', async () => {
    await w.open(site.server.url + '/checklist/', site.server.url);
    const f = await w.page.evaluate(() => {
      const c = document.querySelector('.site-footer .site-footer__contact');
      return {
        heading: c?.querySelector('h2')?.textContent,
        text: c?.textContent,
        hrefs: [...(c?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href')),
        brand: document.querySelector('.site-footer__brand')?.textContent,
      };
    });
    assert.equal(f.heading, 'Contact');
    for (const v of [BRAND.contact.name, BRAND.contact.organisation, BRAND.contact.email]) assert.ok(f.text.includes(v), `the contact lacks ${v}`);
    assert.deepEqual(f.hrefs, [`mailto:${BRAND.contact.email}`, BRAND.contact.tel, BRAND.contact.url]);
    assert.equal(f.brand, BRAND.footer);
  });

  test('printed, the logo, the client and the contact stay, in black on white', async () => {
    await w.open(site.server.url + '/', site.server.url);
    await w.page.emulateMedia({ media: 'print' });
    try {
      const p = await w.page.evaluate(() => {
        const shown = (el) => el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
        const img = document.querySelector('.site-header__logo');
        const contact = document.querySelector('.site-footer__contact');
        return {
          logo: shown(img),
          logoHeight: img.getBoundingClientRect().height,
          contact: shown(contact),
          client: getComputedStyle(document.querySelector('.site-header__client')).color,
          header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
          contactLink: getComputedStyle(contact.querySelector('a')).color,
        };
      });
      assert.ok(p.logo, 'the logo is not printed');
      assert.ok(p.logoHeight > 20 && p.logoHeight < 60, `the printed logo is ${p.logoHeight}px high`);
      assert.ok(p.contact, 'the contact is not printed');
      assert.equal(p.client, 'rgb(0, 0, 0)');
      assert.equal(p.contactLink, 'rgb(0, 0, 0)');
      assert.equal(p.header, 'rgba(0, 0, 0, 0)', 'the header colour is not printed behind the text');
    } finally {
      await w.page.emulateMedia({ media: 'screen' });
    }
  });

  test('the brand stylesheet sets only custom properties, and loads nothing', () => {
    const css = walk(dir, '.css').find((f) => /brand\.[0-9a-f]{8}\.css$/.test(f));
    assert.ok(css, 'no brand stylesheet published');
    const text = readFileSync(css, 'utf8');
    assert.match(text, /--brand:\s*#00563f/);
    assert.doesNotMatch(text, /url\(|@import/);
  });
});
