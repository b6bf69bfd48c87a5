// CSV files for spreadsheets: the improvement plan and the gap analysis as
// people download them. The text in them is the care home's own, so a cell
// that a spreadsheet would run as a formula is made plain text first.

// First characters that make Excel, LibreOffice or Google Sheets read a cell
// as a formula (OWASP's list for CSV injection).
const FORMULA = /^[=+\-@\t\r]/;
// Characters that need the cell quoted (RFC 4180).
const SPECIAL = /[",\r\n]/;

function cell(v) {
  let s = typeof v == 'string' ? v : v == null ? '' : String(v);
  // A leading ' shows the cell as text; the spreadsheet hides the mark.
  if (FORMULA.test(s)) s = "'" + s;
  return SPECIAL.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
const line = (row) => (Array.isArray(row) ? row : []).map(cell).join(',') + '\r\n';

/**
 * A CSV file's text: a byte order mark (so Excel reads it as UTF-8), then the
 * header and the rows, each line ended by CRLF.
 * @param {string[]} header
 * @param {string[][]} rows
 * @returns {string}
 */
export function toCSV(header, rows) {
  return '\ufeff' + line(header) + (Array.isArray(rows) ? rows : []).map(line).join('');
}
