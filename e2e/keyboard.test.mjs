// Keyboard: the skip link comes first and works, and every control reached
// with Tab shows where the focus is and is big enough to hit (WCAG 2.4.7,
// 2.4.11, 2.5.8).

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { listPages, representative, serveSite, siteDir } from './pages.mjs';

const dir = siteDir();
const rep = representative(listPages(dir));
const TABS = 15;

const site = serveSite(dir);

// Each test gets a fresh context: focus, history and scroll are state.
async function freshPage(t) {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  return context.newPage();
}

// focused describes document.activeElement, and keeps a reference to it so
// that its unfocused style can be read after focus moves on.
function focused() {
  const el = document.activeElement;
  const repeat = (window.__e2eFocused ??= []).includes(el);
  window.__e2eFocused.push(el);
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
  return {
    desc: `<${el.localName}${el.className ? ` class="${el.className}"` : ''}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}> "${text}"`,
    isBody: el === document.body || el === document.documentElement,
    repeat,
    focusVisible: el.matches(':focus-visible'),
    outlineStyle: cs.outlineStyle,
    outlineWidth: parseFloat(cs.outlineWidth) || 0,
    outlineColor: cs.outlineColor,
    boxShadow: cs.boxShadow,
    background: cs.backgroundColor,
    display: cs.display,
    parent: el.parentElement?.localName,
    tag: el.localName,
    box: { x: r.x, y: r.y, width: r.width, height: r.height },
    viewport: { width: innerWidth, height: innerHeight },
  };
}

const transparent = (color) => color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color);

// tabStops presses Tab n times and returns each stop seen, with a
// problem for each that has no visible focus indicator or a target under
// 24x24 CSS px (other than a link in a line of text).
async function tabStops(page, n) {
  const stops = [];
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(focused));
  }
  // One more Tab, so the last stop is unfocused too; then read how each
  // looks without focus.
  await page.keyboard.press('Tab');
  const unfocused = await page.evaluate(() =>
    window.__e2eFocused.map((el) => {
      const cs = getComputedStyle(el);
      return { boxShadow: cs.boxShadow, background: cs.backgroundColor, focused: el === document.activeElement };
    }),
  );
  const problems = [];
  stops.forEach((s, i) => {
    const name = `Tab ${i + 1}: ${s.desc}`;
    if (s.isBody) return problems.push(`${name}: focus left the page content`);
    if (s.repeat) problems.push(`${name}: focus came back to an element it had already been on`);
    if (!s.focusVisible) problems.push(`${name}: does not match :focus-visible`);
    const u = unfocused[i];
    // A visible indicator: a real outline, or a box-shadow or background
    // that the element does not have without focus.
    const outline = s.outlineStyle !== 'none' && s.outlineWidth > 0 && !transparent(s.outlineColor);
    const shadow = s.boxShadow !== 'none' && s.boxShadow !== u.boxShadow;
    const background = s.background !== u.background && !u.focused;
    if (!outline && !shadow && !background) {
      problems.push(`${name}: no visible focus indicator (outline ${s.outlineStyle} ${s.outlineWidth}px ${s.outlineColor}, box-shadow ${s.boxShadow}, background ${s.background}, unfocused ${u.background})`);
    }
    // WCAG 2.5.8: at least 24x24, unless it is a link inside a line of text.
    const big = s.box.width >= 24 && s.box.height >= 24;
    const inline = s.tag === 'a' && (s.parent === 'p' || s.parent === 'li') && s.display === 'inline';
    if (!big && !inline) {
      problems.push(`${name}: target ${s.box.width.toFixed(1)}x${s.box.height.toFixed(1)} CSS px is under 24x24 and not a link in a line of text (display ${s.display}, parent <${s.parent}>)`);
    }
  });
  return { stops, problems };
}

describe('keyboard', () => {
  test(`home page: the first Tab reaches the skip link, and Enter skips to the content`, async (t) => {
    const page = await freshPage(t);
    await page.goto(site.server.url + rep.home.url, { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    const first = await page.evaluate(focused);
    const isSkip = await page.evaluate(() => document.activeElement.matches('.skip-link') && document.activeElement.getAttribute('href') === '#main-content');
    assert.ok(isSkip, `the first Tab reached ${first.desc}, not the skip link`);
    const { box, viewport } = first;
    assert.ok(box.width > 0 && box.height > 0, `the focused skip link has no size: ${JSON.stringify(box)}`);
    assert.ok(
      box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height,
      `the focused skip link is not inside the viewport: ${JSON.stringify(box)}`,
    );
    assert.ok(first.focusVisible, 'the skip link does not match :focus-visible');

    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main-content');
    const after = await page.evaluate(() => {
      const r = document.getElementById('main-content').getBoundingClientRect();
      return { hash: location.hash, top: r.top, height: innerHeight };
    });
    assert.equal(after.hash, '#main-content');
    assert.ok(after.top >= -1 && after.top < after.height, `#main-content is not in view after the skip link (top ${after.top})`);

    // The next Tab continues from the main content, not from the menu.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => ({
      inMain: document.getElementById('main-content').contains(document.activeElement) && document.activeElement.id !== 'main-content',
      desc: document.activeElement.outerHTML.slice(0, 120),
    }));
    assert.ok(next.inMain, `after skipping, Tab went to ${next.desc}, outside the main content`);
  });

  test(`item page ${rep.item.url}: the first ${TABS} Tab stops show focus and are big enough`, async (t) => {
    const page = await freshPage(t);
    await page.goto(site.server.url + rep.item.url, { waitUntil: 'load' });
    const { stops, problems } = await tabStops(page, TABS);
    assert.equal(stops.length, TABS);
    if (problems.length) assert.fail(`${rep.item.url}:\n  ${problems.join('\n  ')}`);
  });

  test('self-test: the Tab stop check flags a hidden focus and a small target', async (t) => {
    const page = await freshPage(t);
    // No CSP here: setContent on about:blank.
    await page.setContent(`<!doctype html><html lang=en><style>
      .bare:focus, .bare:focus-visible { outline: none }
      .tiny { width: 12px; height: 12px; padding: 0; border: 0 }
      </style><main><p>Text with <a href="#a">an inline link</a> in it.</p>
      <a class=bare href="#b">no focus style</a> <button class=tiny></button></main></html>`);
    const { problems } = await tabStops(page, 3);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0], /Tab 2: .*no focus style.*no visible focus indicator/);
    assert.match(problems[1], /Tab 2: .*under 24x24/);
    assert.match(problems[2], /Tab 3: <button.*under 24x24/);
  });
});
