// Checks of the raw text of built HTML and CSS files, for the security
// tests: no inline script, no inline style, nothing loaded from another
// host. They read the files as written (readykit minifies HTML, so
// attributes are often unquoted), not the DOM a browser builds from them;
// the browser side is in browsercheck.mjs.
//
// Each function returns a list of problems, { rule, detail }, empty when
// the text is clean. Rules: inline-script, inline-style, foreign-load.

// Attributes whose value is a URL (a javascript: URL in any of them runs
// script).
const URL_ATTRS = new Set([
  'href', 'src', 'action', 'formaction', 'data', 'poster', 'xlink:href', 'cite',
  'background', 'ping', 'longdesc', 'manifest', 'icon', 'codebase', 'archive', 'srcset',
]);

// Link types that do not make the browser load anything: a <link> with
// only these may point at another host (the canonical address does).
const NON_LOADING_RELS = new Set(['canonical', 'alternate', 'author', 'license', 'help', 'prev', 'next', 'me', 'bookmark']);

// Elements whose contents are text, not markup.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

// tags lists the start tags of an HTML document: { name, attrs: Map, raw,
// text }. It follows the HTML tokenizer's rules for tags and attributes
// (quoted, unquoted and bare attributes; first one wins), skips comments
// and doctypes, and takes the contents of <script>, <style> and the other
// raw-text elements as text, as a browser does.
export function tags(html) {
  const out = [];
  const n = html.length;
  const lower = html.toLowerCase();
  const isSpace = (c) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (next === '!' || next === '?' || next === '/') {
      const end = html.indexOf('>', lt + 1);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (!/[a-zA-Z]/.test(next)) {
      i = lt + 1;
      continue;
    }
    let j = lt + 1;
    while (j < n && !isSpace(html[j]) && html[j] !== '/' && html[j] !== '>') j++;
    const name = lower.slice(lt + 1, j);
    const attrs = new Map();
    for (;;) {
      while (j < n && (isSpace(html[j]) || html[j] === '/')) j++;
      if (j >= n) break;
      if (html[j] === '>') {
        j++;
        break;
      }
      let k = j + (html[j] === '=' ? 1 : 0);
      while (k < n && !isSpace(html[k]) && html[k] !== '/' && html[k] !== '>' && html[k] !== '=') k++;
      const key = lower.slice(j, k);
      j = k;
      while (j < n && isSpace(html[j])) j++;
      let value = '';
      if (html[j] === '=') {
        j++;
        while (j < n && isSpace(html[j])) j++;
        const q = html[j];
        if (q === '"' || q === "'") {
          const end = html.indexOf(q, j + 1);
          value = html.slice(j + 1, end === -1 ? n : end);
          j = end === -1 ? n : end + 1;
        } else {
          k = j;
          while (k < n && !isSpace(html[k]) && html[k] !== '>') k++;
          value = html.slice(j, k);
          j = k;
        }
      }
      if (!attrs.has(key)) attrs.set(key, decodeEntities(value));
    }
    const tag = { name, attrs, raw: html.slice(lt, j), index: lt };
    if (RAW_TEXT.has(name)) {
      const close = lower.indexOf(`</${name}`, j);
      tag.text = html.slice(j, close === -1 ? n : close);
      j = close === -1 ? n : close;
    }
    out.push(tag);
    i = j;
  }
  return out;
}

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|quot|apos|lt|gt|colon|tab|newline);?/gi, (all, e) => {
    const l = e.toLowerCase();
    if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
    if (l.startsWith('#')) return String.fromCodePoint(parseInt(l.slice(1), 10));
    return { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', colon: ':', tab: '\t', newline: '\n' }[l];
  });
}

// isForeign says whether a URL as written in the page could load from
// somewhere other than the site's own origin: anything with a scheme
// (https:, data:, blob:...) or protocol-relative (//host, /\host).
export function isForeign(url) {
  const u = url.replace(/[\u0000-\u0020]/g, '');
  return /^[a-z][a-z0-9+.-]*:/i.test(u) || /^[/\\]{2}/.test(u);
}

function isJavascriptURL(url) {
  // Browsers ignore tabs, newlines and leading spaces and controls in URLs.
  return /^javascript:/i.test(url.replace(/[\u0000-\u0020]/g, ''));
}

// srcsetURLs splits a srcset ("a.png 1x, b.png 2x") into its URLs.
export function srcsetURLs(srcset) {
  return srcset
    .split(',')
    .map((c) => c.trim().split(/\s+/)[0])
    .filter(Boolean);
}

function where(tag) {
  return tag.raw.length > 160 ? tag.raw.slice(0, 157) + '...' : tag.raw;
}

// htmlProblems checks the raw text of one HTML file.
export function htmlProblems(html) {
  const problems = [];
  const add = (rule, detail) => problems.push({ rule, detail });
  for (const tag of tags(html)) {
    const { name, attrs } = tag;
    // Inline script.
    if (name === 'script' && !attrs.has('src')) add('inline-script', `<script> without src: ${where(tag)}${tag.text?.trim() ? ' ' + tag.text.trim().slice(0, 80) : ''}`);
    for (const [key, value] of attrs) {
      if (/^on[a-z]/.test(key)) add('inline-script', `event handler attribute ${key}= in ${where(tag)}`);
      if (URL_ATTRS.has(key) && isJavascriptURL(value)) add('inline-script', `javascript: URL in ${key}= of ${where(tag)}`);
    }
    // Inline style.
    if (name === 'style') add('inline-style', `<style> element: ${where(tag)}`);
    if (attrs.has('style')) add('inline-style', `style attribute in ${where(tag)}`);
    // Loads from another host.
    const loads = [];
    if (attrs.has('src')) loads.push(['src', attrs.get('src')]);
    if (attrs.has('srcset')) for (const u of srcsetURLs(attrs.get('srcset'))) loads.push(['srcset', u]);
    if (attrs.has('imagesrcset')) for (const u of srcsetURLs(attrs.get('imagesrcset'))) loads.push(['imagesrcset', u]);
    if (name === 'link' && attrs.has('href')) {
      const rels = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      if (rels.length === 0 || rels.some((r) => !NON_LOADING_RELS.has(r))) loads.push(['href', attrs.get('href')]);
    }
    if (name === 'form' && attrs.has('action')) loads.push(['action', attrs.get('action')]);
    if (attrs.has('formaction')) loads.push(['formaction', attrs.get('formaction')]);
    if (name === 'object' && attrs.has('data')) loads.push(['data', attrs.get('data')]);
    if (attrs.has('poster')) loads.push(['poster', attrs.get('poster')]);
    if (name === 'base' && attrs.has('href')) loads.push(['href', attrs.get('href')]);
    if (['use', 'image', 'feimage', 'script'].includes(name)) {
      for (const k of ['href', 'xlink:href']) if (attrs.has(k)) loads.push([k, attrs.get(k)]);
    }
    if (name === 'meta' && (attrs.get('http-equiv') ?? '').toLowerCase() === 'refresh') {
      const u = /url\s*=\s*['"]?([^'"]+)/i.exec(attrs.get('content') ?? '');
      if (u) loads.push(['refresh', u[1]]);
    }
    for (const [key, url] of loads) {
      if (isForeign(url)) add('foreign-load', `${key}=${JSON.stringify(url)} in ${where(tag)}`);
    }
  }
  return problems;
}

// cssProblems checks the text of a stylesheet for url(...) and @import of
// anything but the site itself.
export function cssProblems(css) {
  const problems = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const re = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi;
  let m;
  while ((m = re.exec(text))) {
    const url = decodeCSSEscapes(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '');
    if (isForeign(url)) problems.push({ rule: 'foreign-load', detail: `${m[0].slice(0, 120)} in a stylesheet` });
  }
  return problems;
}

function decodeCSSEscapes(s) {
  return s.replace(/\\([0-9a-f]{1,6})\s?|\\(.)/gi, (all, hex, ch) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : ch));
}

export function formatProblems(problems) {
  return problems.map((p) => `  [${p.rule}] ${p.detail}`).join('\n');
}
