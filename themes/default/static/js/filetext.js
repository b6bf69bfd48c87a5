// The text of an imported file, from its bytes. Blob.text() would guess: it
// keeps a UTF-16 file's zero bytes, and turns bytes that are not UTF-8 into
// replacement characters without a word. readykit report reads files the
// same way (generator/progress), and both pass testdata/progress.

import { LIMITS } from './progress.js';

const MB = 1048576;
const no = (reason, message) => ({ ok: false, reason, message });
const DAMAGED = 'This file cannot be read as text: it may be damaged, or saved by a program that changed it. Use a backup downloaded from the Your progress page.';

// UTF-16 code units, two bytes each, in the byte order the mark gave. null
// when the bytes cannot be UTF-16: an odd count, or a half of a surrogate
// pair without the other half.
function utf16(b, little) {
  if (b.length % 2) return null;
  const units = new Uint16Array(b.length / 2);
  for (let i = 0; i < units.length; i++) units[i] = little ? b[2 * i] | (b[2 * i + 1] << 8) : (b[2 * i] << 8) | b[2 * i + 1];
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u >= 0xd800 && u <= 0xdbff && units[i + 1] >= 0xdc00 && units[i + 1] <= 0xdfff) i++;
    else if (u >= 0xd800 && u <= 0xdfff) return null;
  }
  let text = '';
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text;
}

function utf8(b) {
  try {
    // ignoreBOM: the caller has taken off one mark; a second is not ours.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return null;
  }
}

/**
 * Reads a file's bytes as text: UTF-8 with or without a byte order mark, or
 * UTF-16 (little- or big-endian) with one, as Windows Notepad saves it.
 * Never throws.
 * @param {ArrayBuffer|Uint8Array} input
 * @returns {{ok: true, text: string, encoding: string}|{ok: false, reason: 'too-large'|'encoding'|'empty', message: string}}
 */
export function decodeFile(input) {
  const b = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (b.length > LIMITS.importBytes) {
    return no('too-large', `This file is ${(b.length / MB).toFixed(1)} MB. A readykit progress file is never more than ${LIMITS.importBytes / MB} MB, so this is not one.`);
  }
  let text, encoding;
  if (b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) [text, encoding] = [utf8(b.subarray(3)), 'utf-8'];
  else if (b[0] == 0xff && b[1] == 0xfe) [text, encoding] = [utf16(b.subarray(2), true), 'utf-16le'];
  else if (b[0] == 0xfe && b[1] == 0xff) [text, encoding] = [utf16(b.subarray(2), false), 'utf-16be'];
  else [text, encoding] = [utf8(b), 'utf-8'];
  if (text === null) return no('encoding', DAMAGED);
  // JSON's own white space only: String.prototype.trim's list is longer.
  if (/^[ \t\r\n]*$/.test(text)) return no('empty', 'This file is empty, so there is nothing to bring back. Choose the backup file again.');
  return { ok: true, text, encoding };
}
