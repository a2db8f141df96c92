/**
 * Spreadsheet formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return is run as a
 * formula by Excel and LibreOffice. Text from extracts is prefixed with an apostrophe so it stays text; real
 * numbers are left alone by callers (they are written as numbers, not text).
 */
export function neutralizeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One CSV cell: neutralised, quoted when it holds the delimiter (`;` for French CSV by default, `,` for standard
 * CSV), a quote or a newline.
 */
export function csvCell(value: string | number | null, delimiter: ';' | ',' = ';'): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutralizeCell(value);
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
