// The few DOM helpers every page module shares. They keep no state: what the
// page shows comes from the session (session.js), and every value goes in
// as text, never as markup.

/** How long after the last key press a field being typed in is saved, in ms. */
export const TYPING_PAUSE = 400;

/** The first element matching sel, and every element matching it. */
export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** A new element with the given properties (text as textContent) and children. */
export const el = (tag, props = {}, ...kids) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
};

/** Replaces the message box's text with one paragraph per line, or hides it. */
export function tell(...lines) {
  const box = $('[data-rk-alert]');
  if (!box) return;
  box.replaceChildren(...lines.map((t) => el('p', { textContent: t })));
  box.hidden = !lines.length;
}

/** Says something to screen reader users without moving focus. */
export function announce(text) {
  const box = $('[data-rk-announce]');
  if (box) box.textContent = text;
}

/**
 * Gives every body cell of a table the name of its column, in data-col,
 * from the last header row (an abbreviation's title where there is one).
 * On a narrow screen site.css shows each row of an .rk-table as a list of
 * its cells, each under that name: an attribute read by CSS, as the
 * strict CSP allows no style attribute. Call it again after rows change.
 */
export function labelColumns(table) {
  const head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
  if (!head) return;
  const names = [...head.cells].flatMap((c) => Array(c.colSpan).fill((c.querySelector('abbr[title]') || {}).title || c.textContent.trim()));
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      let i = 0;
      for (const cell of row.cells) {
        cell.dataset.col = names[i] || '';
        i += cell.colSpan;
      }
    }
  }
}

/** A name made safe for a file name: oak-house. */
export const slug = (text, fallback) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || fallback;

/** Offers text to the reader as a downloaded file. */
export function saveFile(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the slowest browser to start the download.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
