import Papa from 'papaparse';
import type { DeclarationField } from '../../shared/types/declarations';
import { decodeListText } from '../attestations/person-list';
import { mapHeader, type DeclarationColumn } from '../domain/declarations/declaration-format';
import type { DeclarationCells } from '../domain/declarations/declaration-row';

/** Journeys a file may hold at most (a form campaign of a large employer over a year). */
export const MAX_DECLARATION_ROWS = 100_000;

/** A journey line of a file: its line number (1 = the header), its cells by field, and its raw cells. */
export interface DeclarationLine {
  line: number;
  cells: DeclarationCells;
  raw: string[];
}

/** A problem with the file as a whole (unreadable header, too many lines): nothing of it is imported. */
export class DeclarationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeclarationFileError';
  }
}

/**
 * Reads a declared-trip file (docs/declarations.md, « Format »): UTF-8 (byte-order mark or not), or Windows-1252 when
 * the bytes are not UTF-8 (a file saved by an older Excel); `;`-separated (`,` and tabulations accepted too); a header
 * line naming the columns, then one journey per line. Empty lines and lines whose first cell starts with `#` are
 * skipped; every other line is answered with its number in the file (quoted cells may span lines). Throws a
 * `DeclarationFileError` (French) when the header does not fit or the file is too long.
 */
export function readDeclarationFile(bytes: Uint8Array): DeclarationLine[] {
  return readDeclarationText(decodeListText(bytes));
}

/** `readDeclarationFile` on text already decoded. */
export function readDeclarationText(text: string): DeclarationLine[] {
  const body = text.replace(/^\uFEFF/, '');
  const rows: Array<{ line: number; cells: string[] }> = [];
  let line = 1;
  let offset = 0;
  Papa.parse<string[]>(body, {
    delimiter: headerDelimiter(body),
    step: (result) => {
      const cursor = result.meta.cursor;
      rows.push({ line, cells: result.data });
      // The next row starts on the line after the line breaks this row's text holds (quoted cells included).
      line += countLineBreaks(body, offset, cursor);
      offset = cursor;
    },
  });
  const [header, ...journeys] = rows.filter((row) => !isBlankOrComment(row.cells));
  if (!header) throw new DeclarationFileError('Fichier vide : la première ligne doit nommer les colonnes (modèle : atelier declare template).');
  const mapped = mapHeader(header.cells);
  if ('problem' in mapped) throw new DeclarationFileError(mapped.problem);
  if (journeys.length > MAX_DECLARATION_ROWS) throw new DeclarationFileError(`${journeys.length} trajets : un fichier en compte au plus ${MAX_DECLARATION_ROWS}.`);
  return journeys.map((row) => ({ line: row.line, cells: cellsOf(row.cells, mapped.columns), raw: row.cells }));
}

/**
 * The separator of the header line: `;`, or `,` or a tabulation when the header holds more of them. Read from the
 * header alone: comment lines (the template's explanation) may hold more commas than the journeys.
 */
function headerDelimiter(text: string): string {
  const header = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '' && !line.trim().startsWith('#')) ?? '';
  const count = (separator: string): number => header.split(separator).length - 1;
  return [';', ',', '\t'].reduce((best, separator) => (count(separator) > count(best) ? separator : best));
}

/** A line with no text, or a comment (first cell starting with `#`). */
function isBlankOrComment(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '') || (cells[0] ?? '').trim().startsWith('#');
}

/** Line breaks (`\r\n`, `\n` or `\r`) in `text` between two offsets. */
function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i += 1) {
    const char = text.charCodeAt(i);
    if (char === 10 || (char === 13 && text.charCodeAt(i + 1) !== 10)) breaks += 1;
  }
  return breaks;
}

/** A row's cells by field, through the header's mapping. */
function cellsOf(cells: readonly string[], columns: Partial<Record<DeclarationField, number>>): DeclarationCells {
  const out: DeclarationCells = {};
  for (const [field, index] of Object.entries(columns) as Array<[DeclarationColumn['key'], number]>) out[field] = cells[index] ?? '';
  return out;
}
