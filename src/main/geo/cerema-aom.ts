import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { AomCommune } from '../domain/geo/aom';
import { findAomColumns, readAomRow, type AomColumns } from '../domain/geo/cerema-columns';

/** A line of the file that gave no AOM row: 1-based line (CSV) or row number (XLSX) and the reason, in French. */
export interface RejectedAomLine {
  line: number;
  reason: string;
}

/** What a Cerema AOM file gives: one row per commune (first occurrence kept) and the lines refused. */
export interface CeremaAomResult {
  rows: AomCommune[];
  rejected: RejectedAomLine[];
  /** `csv` (with the encoding detected) or `xlsx` (with the sheet read). */
  format: string;
}

/** A file that cannot be read as an AOM composition table; the message, in French, names the file. */
export class AomFileError extends Error {
  override name = 'AomFileError';
}

/** Rows looked at to find the header: the Cerema sheets put a title and notes above the table. */
const HEADER_SEARCH_ROWS = 30;

const WHAT_IS_NEEDED =
  'il faut une colonne de code INSEE de commune (« Code INSEE commune », « N° INSEE »…) et une colonne de SIREN de ' +
  'l’AOM (« N° SIREN AOM », « Siren AOM »…)';

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** OpenDocument files are zips whose first entry, stored uncompressed, is `mimetype`. */
function isOpenDocument(bytes: Uint8Array): boolean {
  return isZip(bytes) && Buffer.from(bytes.subarray(0, 120)).toString('latin1').includes('application/vnd.oasis.opendocument');
}

/** Excel 97-2003 (.xls) and other OLE2 compound files. */
function isOle2(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** UTF-8 when the whole file is valid UTF-8 (BOM dropped), else Windows-1252 (Excel's « CSV » on French Windows). */
function decodeCsv(name: string, bytes: Uint8Array): { text: string; encoding: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new AomFileError(`« ${name} » : encodage UTF-16 non pris en charge ; enregistrez le fichier en CSV UTF-8.`);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Index of the first row that holds an AOM header, with its columns; null when none of the first rows does. */
function findHeader(rows: ReadonlyArray<readonly string[]>): { index: number; columns: AomColumns } | null {
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index += 1) {
    const columns = findAomColumns(rows[index] ?? []);
    if (columns) return { index, columns };
  }
  return null;
}

function firstHeaderCells(rows: ReadonlyArray<readonly string[]>): string[] {
  const first = rows.find((cells) => cells.some((cell) => cell.trim() !== '')) ?? [];
  return first.map((cell) => cell.trim()).filter((cell) => cell !== '');
}

function describeCells(cells: readonly string[]): string {
  return cells.length === 0 ? 'aucune' : cells.map((cell) => `« ${cell} »`).join(', ');
}

/** Turns data rows into AOM rows; `lineOf(i)` gives the line number shown to the user for row i. */
function collect(rows: ReadonlyArray<readonly string[]>, start: number, columns: AomColumns, lineOf: (index: number) => number): Omit<CeremaAomResult, 'format'> {
  const result: Omit<CeremaAomResult, 'format'> = { rows: [], rejected: [] };
  const seen = new Map<string, { aom: string; line: number }>();
  for (let index = start; index < rows.length; index += 1) {
    const outcome = readAomRow(rows[index] ?? [], columns);
    if (outcome === null) continue;
    const line = lineOf(index);
    if ('reason' in outcome) {
      result.rejected.push({ line, reason: outcome.reason });
      continue;
    }
    const previous = seen.get(outcome.row.commune);
    if (previous) {
      // The same pair twice is harmless; two AOMs for one commune is a contradiction the user must see.
      if (previous.aom !== outcome.row.aom) {
        result.rejected.push({
          line,
          reason: `commune ${outcome.row.commune} déjà rattachée à l’AOM ${previous.aom} (ligne ${previous.line}) : SIREN ${outcome.row.aom} ignoré`,
        });
      }
      continue;
    }
    seen.set(outcome.row.commune, { aom: outcome.row.aom, line });
    result.rows.push(outcome.row);
  }
  return result;
}

function parseCsv(name: string, bytes: Uint8Array): CeremaAomResult {
  const { text, encoding } = decodeCsv(name, bytes);
  const firstLines = text.replace(/^\uFEFF/, '').split(/\r?\n/, HEADER_SEARCH_ROWS).join('\n');
  const count = (delimiter: string): number => firstLines.split(delimiter).length - 1;
  // Most frequent separator first; the header decides (a title line may contain commas).
  const delimiters = [';', ',', '\t'].filter((delimiter) => count(delimiter) > 0).sort((a, b) => count(b) - count(a));
  let fallback: string[][] = [];
  for (const delimiter of delimiters) {
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: false });
    const rows = parsed.data;
    if (fallback.length === 0) fallback = rows;
    const header = findHeader(rows);
    if (!header) continue;
    // papaparse gives one array per physical line here (no multi-line cells in this file type): line = index + 1.
    return { ...collect(rows, header.index + 1, header.columns, (index) => index + 1), format: `csv (${encoding}, « ${delimiter === '\t' ? 'tabulation' : delimiter} »)` };
  }
  throw new AomFileError(`« ${name} » : colonnes non reconnues ; ${WHAT_IS_NEEDED}. Colonnes trouvées : ${describeCells(firstHeaderCells(fallback.length > 0 ? fallback : [text.split(/\r?\n/, 1)]))}.`);
}

/** Text of an exceljs cell value, whatever its kind (rich text, formula result, hyperlink, number, date). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return '';
}

function sheetRows(sheet: ExcelJS.Worksheet): { rows: string[][]; numbers: number[] } {
  const rows: string[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    // row.values is 1-based and sparse.
    const values = row.values as ExcelJS.CellValue[];
    for (let column = 1; column < values.length; column += 1) cells.push(cellText(values[column]).trim());
    rows.push(cells);
    numbers.push(rowNumber);
  });
  return { rows, numbers };
}

async function parseXlsx(name: string, bytes: Uint8Array): Promise<CeremaAomResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` (an ArrayBuffer) that Node's Buffer type no longer matches; at run time it
    // takes a Node Buffer, the form it is tested with.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new AomFileError(`« ${name} » : classeur Excel illisible (${(error as Error).message}).`);
  }
  const found: string[] = [];
  for (const sheet of workbook.worksheets) {
    const { rows, numbers } = sheetRows(sheet);
    const header = findHeader(rows);
    if (header) {
      return { ...collect(rows, header.index + 1, header.columns, (index) => numbers[index] ?? index + 1), format: `xlsx (feuille « ${sheet.name} »)` };
    }
    found.push(`feuille « ${sheet.name} » : ${describeCells(firstHeaderCells(rows))}`);
  }
  throw new AomFileError(`« ${name} » : colonnes non reconnues ; ${WHAT_IS_NEEDED}. Colonnes trouvées : ${found.length === 0 ? 'aucune feuille' : found.join(' ; ')}.`);
}

/**
 * Parses the Cerema « composition communale des AOM » (one row per commune: INSEE code, AOM SIREN, optionally the
 * AOM name) from the bytes of a CSV (`;`, `,` or tab; UTF-8 or Windows-1252, detected) or XLSX file (the first sheet
 * whose header is recognised, searched in its first 30 rows). `fileName` only names the file in messages and
 * picks the format with the content's signature. Throws `AomFileError` (French message naming the file) for
 * ODS/XLS files, which exceljs cannot read, and when no header is recognised (listing the columns found).
 */
export async function parseCeremaAom(fileName: string, bytes: Uint8Array): Promise<CeremaAomResult> {
  const name = basename(fileName);
  const extension = extname(name).toLowerCase();
  if (extension === '.ods' || isOpenDocument(bytes)) {
    throw new AomFileError(
      `« ${name} » : le format ODS (LibreOffice) n’est pas pris en charge. Ouvrez le fichier dans LibreOffice Calc ` +
        'ou Excel et enregistrez-le au format .xlsx (Classeur Excel) ou .csv, puis importez ce nouveau fichier.',
    );
  }
  if (extension === '.xls' || isOle2(bytes)) {
    throw new AomFileError(
      `« ${name} » : le format Excel 97-2003 (.xls) n’est pas pris en charge. Enregistrez le fichier au format .xlsx ` +
        'ou .csv depuis Excel ou LibreOffice, puis importez ce nouveau fichier.',
    );
  }
  if (bytes.length === 0) throw new AomFileError(`« ${name} » : fichier vide.`);
  if (isZip(bytes)) return parseXlsx(name, bytes);
  return parseCsv(name, bytes);
}

/** Reads a Cerema AOM file from disk (whole file: a few MB at most) and parses it with `parseCeremaAom`. */
export async function readCeremaAomFile(path: string): Promise<CeremaAomResult> {
  return parseCeremaAom(path, await readFile(path));
}
