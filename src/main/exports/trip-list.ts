import type ExcelJS from 'exceljs';
import type { CsvDialect } from '../../shared/types/exports';
import { csvCell, neutralizeCell } from '../../shared/util/cell-safety';
import { OutputFile } from './output-file';
import { writeThroughPartial } from './partial-file';
import { minutesOf, TRIP_LIST_COLUMNS, type TripExportRow, type TripListKind } from './trip-list-columns';
import { XLSX_MAX_DATA_ROWS, XlsxFileWriter } from './xlsx-file-writer';
import { excelSerial } from './excel-date';

export type { TripExportRow } from './trip-list-columns';

export interface TripListOptions {
  signal?: AbortSignal;
  /** Called every 10,000 rows, and once at the end, with the rows written so far. */
  onProgress?: (written: number) => void;
}

export interface TripListCsvOptions extends TripListOptions {
  /** French Excel (the default) or standard CSV; see `CsvDialect`. */
  dialect?: CsvDialect;
}

export interface TripListXlsxOptions extends TripListOptions {
  /** Data rows per sheet before « Trajets (2) » starts; Excel's limit by default, smaller only in tests. */
  rowsPerSheet?: number;
}

/** What was written: data rows (headers excluded) and the file size in bytes. */
export interface TripListResult {
  rows: number;
  bytes: number;
}

const PROGRESS_EVERY = 10_000;

/** CSV text is gathered into chunks of about this many characters before each write. */
const CSV_CHUNK_CHARS = 1 << 20;

/** How a CSV dialect writes what a reader would otherwise misread: separator, encoding mark, decimals, times. */
interface CsvRules {
  delimiter: ';' | ',';
  /** Written before the header: the UTF-8 byte order mark Excel needs to read accents, or nothing. */
  start: string;
  /** A number written with a decimal point (`12.50`), as the dialect spells it. */
  decimal(text: string): string;
  /** A Paris wall-clock `YYYY-MM-DD HH:MM:SS`, as the dialect spells it. */
  dateTime(local: string): string;
}

/** `YYYY-MM-DD HH:MM[:SS]` → `DD/MM/YYYY HH:MM:SS`, the form French Excel turns into a date and time. */
function frenchDateTime(local: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}:\d{2})(:\d{2})?/.exec(local);
  return match ? `${match[3]}/${match[2]}/${match[1]} ${match[4]}${match[5] ?? ':00'}` : local;
}

const CSV_RULES: Readonly<Record<CsvDialect, CsvRules>> = {
  'excel-fr': { delimiter: ';', start: '\uFEFF', decimal: (text) => text.replace('.', ','), dateTime: frenchDateTime },
  standard: { delimiter: ',', start: '', decimal: (text) => text, dateTime: (local) => local },
};

/** One CSV field. Numbers keep fixed decimals (euros 2, km 3, minutes 1) and no thousands separator. */
function csvField(rules: CsvRules, kind: TripListKind, value: string | number | null): string {
  if (value === null) return '';
  if (kind === 'local-datetime') return csvCell(rules.dateTime(String(value)), rules.delimiter);
  if (typeof value === 'string') return csvCell(value, rules.delimiter);
  switch (kind) {
    case 'cents':
      return rules.decimal((value / 100).toFixed(2));
    case 'metres':
      return rules.decimal((value / 1000).toFixed(3));
    case 'seconds':
      return rules.decimal(minutesOf(value).toFixed(1));
    default:
      return String(value);
  }
}

function csvLine(rules: CsvRules, row: TripExportRow): string {
  return TRIP_LIST_COLUMNS.map((column) => csvField(rules, column.kind, column.value(row))).join(rules.delimiter);
}

/**
 * Writes the trip list as CSV, one journey per line under French headers, CRLF line ends, in one of two dialects
 * (`CsvDialect`). `excel-fr`, the default, is what French Excel reads without a wizard: UTF-8 with BOM, `;`
 * separators, decimal commas (`12,50` €, `23,456` km, `17,5` min: with a point, French Excel takes `13.9` for
 * 13 September), times `DD/MM/YYYY HH:MM:SS`. `standard` is for programs: no BOM, `,` separators, decimal points,
 * times `YYYY-MM-DD HH:MM:SS`. Both: Europe/Paris wall-clock times, no thousands separators, empty fields for
 * unknown values, text through `csvCell` (formula injection neutralised, quoted when needed). Written to
 * `<file>.partial`, renamed when complete, deleted on error or cancellation.
 */
export async function writeTripListCsv(rows: AsyncIterable<TripExportRow>, file: string, options: TripListCsvOptions = {}): Promise<TripListResult> {
  const rules = CSV_RULES[options.dialect ?? 'excel-fr'];
  return writeThroughPartial(file, async (partial) => {
    const output = new OutputFile(partial, options.signal);
    try {
      let chunk = `${rules.start}${TRIP_LIST_COLUMNS.map((column) => csvCell(column.header, rules.delimiter)).join(rules.delimiter)}\r\n`;
      let written = 0;
      for await (const row of rows) {
        output.throwIfStopped();
        chunk += `${csvLine(rules, row)}\r\n`;
        written += 1;
        if (chunk.length >= CSV_CHUNK_CHARS) {
          await output.write(chunk);
          chunk = '';
        }
        if (written % PROGRESS_EVERY === 0) options.onProgress?.(written);
      }
      await output.end(chunk);
      if (written % PROGRESS_EVERY !== 0) options.onProgress?.(written);
      return { rows: written, bytes: output.stream.bytesWritten };
    } catch (error) {
      await output.discard();
      throw error;
    }
  });
}

const NUMBER_FORMATS: Readonly<Record<TripListKind, string | null>> = {
  text: null,
  integer: '0',
  cents: '#,##0.00 "€"',
  metres: '0.000',
  seconds: '0.0',
  'local-datetime': 'dd/mm/yyyy hh:mm',
};

/**
 * One style object per column, shared by all its cells: exceljs caches a style by object identity, so a fresh
 * object per cell would make it serialise and look up the style again for each of millions of cells.
 */
const CELL_STYLES: ReadonlyArray<Partial<ExcelJS.Style>> = TRIP_LIST_COLUMNS.map((column) => {
  const numFmt = NUMBER_FORMATS[column.kind];
  return numFmt === null ? {} : { numFmt };
});
const HEADER_STYLE: Partial<ExcelJS.Style> = { font: { bold: true }, alignment: { wrapText: true, vertical: 'top' } };

function xlsxValue(kind: TripListKind, value: string | number | null): string | number | null {
  if (value === null) return null;
  if (kind === 'local-datetime') return excelSerial(String(value));
  if (typeof value === 'string') return neutralizeCell(value);
  switch (kind) {
    case 'cents':
      return value / 100;
    case 'metres':
      return value / 1000;
    case 'seconds':
      return minutesOf(value);
    default:
      return value;
  }
}

/** Sheet names: « Trajets », then « Trajets (2) », « Trajets (3) »… */
function sheetName(index: number): string {
  return index === 1 ? 'Trajets' : `Trajets (${index})`;
}

function openSheet(writer: XlsxFileWriter, index: number): ExcelJS.Worksheet {
  const sheet = writer.workbook.addWorksheet(sheetName(index), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TRIP_LIST_COLUMNS.map((column, i) => ({ width: column.width, style: CELL_STYLES[i] }));
  const header = sheet.addRow([]);
  TRIP_LIST_COLUMNS.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.style = HEADER_STYLE;
  });
  header.commit();
  return sheet;
}

function closeSheet(sheet: ExcelJS.Worksheet, dataRows: number): void {
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: dataRows + 1, column: TRIP_LIST_COLUMNS.length } };
  sheet.commit();
}

function addTripRow(sheet: ExcelJS.Worksheet, trip: TripExportRow): void {
  const row = sheet.addRow([]);
  for (let i = 0; i < TRIP_LIST_COLUMNS.length; i += 1) {
    const column = TRIP_LIST_COLUMNS[i] as (typeof TRIP_LIST_COLUMNS)[number];
    const value = xlsxValue(column.kind, column.value(trip));
    if (value === null) continue;
    const cell = row.getCell(i + 1);
    cell.value = value;
    cell.style = CELL_STYLES[i] as Partial<ExcelJS.Style>;
  }
  row.commit();
}

/**
 * Writes the trip list as an xlsx workbook with exceljs's streaming writer (flat memory whatever the row count):
 * sheet « Trajets », then « Trajets (2) »… past Excel's 1,048,575 data rows, each with its own header row (bold,
 * frozen) and an autofilter over its rows. Euros (`#,##0.00 "€"`), km (`0.000`) and minutes (`0.0`) are numbers;
 * start and end are Excel dates in Paris time (`dd/mm/yyyy hh:mm`); text is neutralised against formula injection;
 * empty cells are unknown values. Written to `<file>.partial`, renamed when complete, deleted on error or cancel.
 */
export async function writeTripListXlsx(rows: AsyncIterable<TripExportRow>, file: string, options: TripListXlsxOptions = {}): Promise<TripListResult> {
  const rowsPerSheet = options.rowsPerSheet ?? XLSX_MAX_DATA_ROWS;
  if (!Number.isInteger(rowsPerSheet) || rowsPerSheet < 1 || rowsPerSheet > XLSX_MAX_DATA_ROWS) {
    throw new RangeError(`rowsPerSheet doit être un entier entre 1 et ${XLSX_MAX_DATA_ROWS} (reçu ${rowsPerSheet}).`);
  }
  return writeThroughPartial(file, async (partial) => {
    const writer = new XlsxFileWriter(partial, options.signal);
    try {
      let sheetIndex = 1;
      let sheet = openSheet(writer, sheetIndex);
      let inSheet = 0;
      let total = 0;
      for await (const trip of rows) {
        writer.throwIfStopped();
        if (inSheet === rowsPerSheet) {
          closeSheet(sheet, inSheet);
          sheetIndex += 1;
          sheet = openSheet(writer, sheetIndex);
          inSheet = 0;
        }
        addTripRow(sheet, trip);
        inSheet += 1;
        total += 1;
        await writer.paced(sheet);
        if (total % PROGRESS_EVERY === 0) options.onProgress?.(total);
      }
      closeSheet(sheet, inSheet);
      const bytes = await writer.finish();
      if (total % PROGRESS_EVERY !== 0) options.onProgress?.(total);
      return { rows: total, bytes };
    } catch (error) {
      await writer.discard();
      throw error;
    }
  });
}
