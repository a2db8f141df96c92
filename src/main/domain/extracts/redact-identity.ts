import { detectDelimiter, normaliseHeaderCell } from './detect-format';
import { FORMAT_COLUMNS, FORMAT_DELIMITERS, type ExtractFormat } from './formats';

/**
 * Identities taken out of extract lines kept or shown outside the trip tables (the quarantine of rejected lines, its
 * CSV export): the trip list deliberately leaves them out, and a rejected line must not bring them back
 * (docs/privacy.md). Pure functions: they work on header and line cells, the caller reads and writes the files.
 */

/** What replaces an identity. Contains nothing an identity pattern matches, so redacting twice changes nothing. */
export const REDACTED = '[masqué]';

/**
 * Columns of the registry's formats that identify a person (docs/extract-formats.md §1.3): the operators' user ids
 * and the cross-operator identity keys (sha256 of phone number and name). The open-data formats have none.
 */
export const IDENTITY_COLUMNS: ReadonlySet<string> = new Set([
  'operator_passenger_id',
  'passenger_identity_key',
  'operator_driver_id',
  'driver_identity_key',
]);

/**
 * Other column names that would carry an identity if a file had them (fields of the registry's acquisition payload,
 * §6: `identity_key`, `operator_user_id`, `phone`, `phone_trunc`, `travel_pass_user_id`, `licence_plate`), and
 * persons' names or contacts. `incentive_*_name` columns name the funding organisation, not a person.
 */
const IDENTITY_COLUMN_NAME = /identity|user_?id|phone|travel_?pass|licen[cs]e_?plate|e_?mail|(?:^|_)(?:first|last|family|given|sur|driver|passenger)_?name|^(?:nom|prenom|prénom|name)$/;

/** A 64-hex-digit identity key, wherever it appears. */
const IDENTITY_KEY = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi;
/** A phone number: international (`+33…`, what `phone`/`phone_trunc` hold) or French national (`06 12 34 56 78`). */
const PHONE = /(?<![\w+])(?:\+\d[\d .-]{6,17}\d|0[1-9](?:[ .-]?\d{2}){4})(?!\w)/g;

/** True when a header cell names a column that identifies a person. */
export function isIdentityColumn(headerCell: string): boolean {
  const name = normaliseHeaderCell(headerCell);
  return IDENTITY_COLUMNS.has(name) || IDENTITY_COLUMN_NAME.test(name);
}

/** Masks identity keys and phone numbers within free text (a cell whose column is unknown, a rejection detail). */
export function redactIdentityText(text: string): string {
  return text.replace(IDENTITY_KEY, REDACTED).replace(PHONE, REDACTED);
}

/** Column names of the registry's formats, none of which is an identity: their values are kept as they are. */
const KNOWN_COLUMNS: ReadonlySet<string> = new Set(Object.values(FORMAT_COLUMNS).flat().filter((column) => !isIdentityColumn(column)));

/**
 * The cells of one line with every non-empty identity replaced by `REDACTED` (empty cells stay empty, so a missing
 * value is still visible). `header` is the file's header (as read: quotes, case and BOM do not matter).
 * - A cell under an identity column is replaced whole.
 * - A cell under a column of unknown name has its identity keys and phone numbers masked.
 * - When the line does not have the header's number of cells (the usual reason a line is rejected), nobody knows
 *   which cell is which: a cell that may have shifted from or to an identity column (by up to the difference in
 *   cell count, either way the difference goes, at most `MAX_SHIFT` cells) is replaced too, and every other cell
 *   has its identity keys and phone numbers masked. A line off by more cells was cut or padded rather than shifted
 *   (a truncated last line): its cells stay under their header's columns, so that the quarantine still shows it.
 */
/** Cells a stray or missing delimiter may shift a line by; beyond, the line is taken as cut or padded. */
const MAX_SHIFT = 3;

export function redactIdentityCells(header: readonly string[], cells: readonly string[]): string[] {
  const identityAt = header.map(isIdentityColumn);
  const known = header.map((cell) => KNOWN_COLUMNS.has(normaliseHeaderCell(cell)));
  const shift = cells.length - header.length;
  const shiftedIdentity = new Set<number>();
  if (shift !== 0) {
    identityAt.forEach((identity, position) => {
      if (!identity) return;
      for (let k = 0; k <= Math.min(Math.abs(shift), MAX_SHIFT); k += 1) shiftedIdentity.add(position + Math.sign(shift) * k);
    });
  }
  return cells.map((cell, i) => {
    if (cell.trim() === '' || cell === REDACTED) return cell;
    if (shift === 0 ? identityAt[i] === true : shiftedIdentity.has(i)) return REDACTED;
    return shift === 0 && known[i] === true ? cell : redactIdentityText(cell);
  });
}

/**
 * Splits one CSV line into cells (RFC 4180 quoting: `"a;b"`, `""` for a quote). A line whose quotes do not close
 * keeps the rest in its last cell.
 */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i] as string;
    if (quoted) {
      if (char !== '"') cell += char;
      else if (line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (line.startsWith(delimiter, i)) {
      cells.push(cell);
      cell = '';
      i += delimiter.length - 1;
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

/** Joins cells into a CSV line, quoting those holding the delimiter, a quote or a line break (as the importer does). */
export function joinCsvLine(cells: readonly string[], delimiter: string): string {
  return cells.map((cell) => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter);
}

/** The formats named by a sync log's `format` (`territory`, `territory+operator` for a zip…); unknown names are left out. */
export function formatsOf(format: string): ExtractFormat[] {
  return format.split('+').filter((name): name is ExtractFormat => Object.hasOwn(FORMAT_COLUMNS, name));
}

/**
 * A stored line (its text as the importer kept it) with its identities redacted, for a line of a file in one of
 * `formats` with the published column order (the file's own header is not kept). With several formats (a zip of
 * several files), the one whose column count the line has is used, else every one of them (what any of them
 * would call an identity is redacted). Without any known format, only identity keys and phone numbers are masked.
 */
export function redactRawLine(raw: string, formats: readonly ExtractFormat[]): string {
  const first = formats[0];
  const delimiter = detectDelimiter(raw) ?? (first === undefined ? ';' : FORMAT_DELIMITERS[first]);
  let cells = splitCsvLine(raw, delimiter);
  const exact = formats.filter((format) => FORMAT_COLUMNS[format].length === cells.length);
  const headers = (exact.length > 0 ? exact : formats).map((format) => FORMAT_COLUMNS[format]);
  if (headers.length === 0) return joinCsvLine(cells.map(redactIdentityText), delimiter);
  for (const header of headers) cells = redactIdentityCells(header, cells);
  return joinCsvLine(cells, delimiter);
}
