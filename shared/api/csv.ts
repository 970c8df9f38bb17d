/**
 * A small CSV writer (RFC 4180): CRLF line ends, and a field is quoted, with its quotes
 * doubled, when it holds a comma, a quote, CR or LF.
 */

/** A value of one CSV cell; null is an empty cell. */
export type CsvValue = string | number | boolean | null;

const NEEDS_QUOTES = /[",\r\n]/;
// A spreadsheet runs a text cell that starts with one of these as a formula; process and pod
// names come from workloads, so such a cell is prefixed with a quote (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when RFC 4180 requires it; text that would start a formula is defused. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const raw = String(value);
  const text = typeof value === 'string' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: the header row, then one row per record, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
