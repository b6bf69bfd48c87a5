// The browser side of the security tests: load a page in Chromium while
// recording every request, Content-Security-Policy violation, console error
// and uncaught exception, and check the DOM Chromium built.

// Recorded in the page before any of its own content runs. Scripts added
// this way come through the DevTools protocol, which the page's CSP does
// not govern, so the recorder works under the production policy.
function recordViolations() {
  window.__cspViolations = [];
  window.addEventListener(
    'securitypolicyviolation',
    (e) =>
      window.__cspViolations.push({
        directive: e.effectiveDirective || e.violatedDirective,
        blocked: e.blockedURI,
        source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : '',
        sample: e.sample,
      }),
    true,
  );
}

// watch opens a page in context that records, for each page it is sent
// to, what happened while loading it. open(url, origin) loads url and
// returns { response, requests, foreign, failed, badResponses, violations,
// consoleErrors, pageErrors }, where foreign lists the requests to any
// origin but origin. One page is reused for every URL: navigating is much
// faster than opening a page or a context for each.
export async function watch(context) {
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  let log = null;
  // Failures and responses count only for requests made since the current
  // open() began: the icon request of the page before, cut short by this
  // navigation, is not this page's fault.
  let mine = new WeakSet();
  page.on('request', (r) => {
    mine.add(r);
    log?.requests.push(r.url());
  });
  page.on('requestfailed', (r) => {
    if (mine.has(r)) log?.failed.push(`${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (log && mine.has(r.request()) && r.status() >= 400 && r.url() !== log.url) log.badResponses.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') log?.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => log?.pageErrors.push(String(e)));

  const open = async (url, origin) => {
    log = { url, requests: [], failed: [], badResponses: [], consoleErrors: [], pageErrors: [] };
    mine = new WeakSet();
    const current = log;
    const response = await page.goto(url, { waitUntil: 'load' });
    // The page's script loads more after the load event (the toolkit data,
    // and on some pages more modules): wait until it says it is done, so
    // its requests are not cut short by the next navigation.
    await page.waitForFunction(() => document.documentElement.dataset.rkReady || !document.querySelector('script[src$="/js/app.js"]'));
    // Violations are reported in tasks queued while the page loaded: let
    // the page run its queued tasks and one frame before reading them.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    const violations = await page.evaluate(() => window.__cspViolations ?? null);
    const foreign = current.requests.filter((u) => {
      try {
        return new URL(u).origin !== origin;
      } catch {
        return true;
      }
    });
    return { ...current, response, violations, foreign };
  };
  return { page, open };
}

// domProblems runs in the page: the same rules as htmlProblems, over the
// DOM Chromium built, with every URL resolved against the page.
export function domProblems() {
  const problems = [];
  const add = (rule, detail) => problems.push({ rule, detail });
  const describe = (el) => {
    const html = el.outerHTML;
    const open = html.slice(0, html.indexOf('>') + 1) || html;
    return open.length > 160 ? open.slice(0, 157) + '...' : open;
  };
  const nonLoading = new Set(['canonical', 'alternate', 'author', 'license', 'help', 'prev', 'next', 'me', 'bookmark']);
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'data', 'poster', 'xlink:href', 'cite', 'background', 'ping'];
  const foreign = (value) => {
    try {
      const u = new URL(value, document.baseURI);
      return u.origin !== location.origin;
    } catch {
      return true;
    }
  };
  for (const s of document.querySelectorAll('script:not([src])')) add('inline-script', `<script> without src: ${describe(s)}`);
  for (const s of document.querySelectorAll('style')) add('inline-style', `<style> element: ${describe(s)}`);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (/^on[a-z]/.test(name)) add('inline-script', `event handler attribute ${name}= in ${describe(el)}`);
      if (name === 'style') add('inline-style', `style attribute in ${describe(el)}`);
      if (urlAttrs.includes(name) && /^javascript:/i.test(attr.value.replace(/[\u0000-\u0020]/g, ''))) {
        add('inline-script', `javascript: URL in ${name}= of ${describe(el)}`);
      }
    }
    const tag = el.localName;
    const loads = [];
    if (el.hasAttribute('src')) loads.push(['src', el.getAttribute('src')]);
    for (const a of ['srcset', 'imagesrcset']) {
      if (el.hasAttribute(a)) for (const c of el.getAttribute(a).split(',')) loads.push([a, c.trim().split(/\s+/)[0]]);
    }
    if (tag === 'link' && el.hasAttribute('href') && (el.relList.length === 0 || [...el.relList].some((r) => !nonLoading.has(r.toLowerCase())))) {
      loads.push(['href', el.getAttribute('href')]);
    }
    if (tag === 'form' && el.hasAttribute('action')) loads.push(['action', el.getAttribute('action')]);
    if (el.hasAttribute('formaction')) loads.push(['formaction', el.getAttribute('formaction')]);
    if (tag === 'object' && el.hasAttribute('data')) loads.push(['data', el.getAttribute('data')]);
    if (el.hasAttribute('poster')) loads.push(['poster', el.getAttribute('poster')]);
    if (tag === 'base' && el.hasAttribute('href')) loads.push(['href', el.getAttribute('href')]);
    if (['use', 'image', 'feImage'].includes(tag)) {
      const h = el.getAttribute('href') ?? el.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
      if (h) loads.push(['href', h]);
    }
    for (const [key, value] of loads) {
      if (value && foreign(value)) add('foreign-load', `${key}=${JSON.stringify(value)} in ${describe(el)}`);
    }
  }
  // Stylesheets as the browser parsed them: url() values and @import.
  const visit = (rules, sheet) => {
    for (const rule of rules) {
      if (rule.href !== undefined && rule.styleSheet !== undefined && foreign(rule.href)) {
        add('foreign-load', `@import ${rule.href} in ${sheet}`);
      }
      const text = rule.style?.cssText ?? '';
      for (const m of text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/g)) {
        const u = m[1] ?? m[2] ?? m[3];
        if (foreign(u)) add('foreign-load', `url(${u}) in ${sheet}`);
      }
      if (rule.cssRules) visit(rule.cssRules, sheet);
    }
  };
  for (const sheet of document.styleSheets) {
    let rules;
    try {
      rules = sheet.cssRules;
    } catch {
      add('foreign-load', `unreadable (cross-origin) stylesheet ${sheet.href}`);
      continue;
    }
    visit(rules, sheet.href ?? 'an inline stylesheet');
  }
  return problems;
}
