import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { syntheticExportRows } from './synthetic-export-rows';
import { INJECTIONS, interrupted, rowsOf, tempDir, tripExportRow } from './test-fixtures';
import { writeTripListCsv, writeTripListXlsx } from './trip-list';
import { TRIP_LIST_COLUMNS } from './trip-list-columns';
import { zipBacklogBytes, XlsxFileWriter } from './xlsx-file-writer';

const HEADERS = TRIP_LIST_COLUMNS.map((column) => column.header);
const col = (header: string): number => HEADERS.indexOf(header) + 1;

/** A journey with every kind of value: amounts, distance, times, codes, nulls and a negative number. */
const full = tripExportRow({
  journey_id: 123_456_789,
  operator_name: 'Klaxit',
  operator_journey_id: 'op-1',
  operator_trip_id: 'trip-1',
  operator_class: 'C',
  status: 'ok',
  start_at: '2024-03-01T07:12:44Z',
  start_local: '2024-03-01 08:12:44',
  end_at: '2024-03-01T07:30:14Z',
  end_local: '2024-03-01 08:30:14',
  duration_s: 1050,
  distance_m: 23_456,
  start_insee: '75101',
  start_com: '75056',
  start_epci: '200054781',
  start_aom: '287500078',
  start_dep: '75',
  start_reg: '11',
  end_insee: '44109',
  seats: 2,
  driver_revenue_cents: -150,
  passenger_contribution_cents: 1250,
  rpc_incentive_0_cents: 100,
  rpc_incentive_1_cents: 50,
  op_incentive_2_cents: 7,
  driver_identity_key: 'SECRET-DRIVER-KEY',
  passenger_identity_key: 'SECRET-PASSENGER-KEY',
  operator_driver_id: 'SECRET-DRIVER-ID',
  operator_passenger_id: 'SECRET-PASSENGER-ID',
});

/** One journey per injection string, in a text column; its numbers stay numbers. */
const hostile = INJECTIONS.map((text, i) => tripExportRow({ journey_id: i + 1, operator_journey_id: text, operator_name: text, distance_m: -2 }));

/** Reads a written CSV back as a spreadsheet would: the raw text, and its fields split on `delimiter`. */
function readCsv(file: string, delimiter: ';' | ',' = ';'): { raw: string; rows: string[][] } {
  const raw = readFileSync(file, 'utf8');
  const parsed = Papa.parse<string[]>(raw.replace(/^\uFEFF/, ''), { delimiter, newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { raw, rows: parsed.data };
}

/** The field of a CSV line under a header. */
const field = (line: string[] | undefined, header: string): string | undefined => line?.[col(header) - 1];

async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

describe('writeTripListCsv', () => {
  it('for French Excel by default: UTF-8 BOM, CRLF lines, `;` separators, decimal commas, French dates and times', async () => {
    const dir = tempDir();
    const file = join(dir, 'trajets.csv');
    const result = await writeTripListCsv(rowsOf([full, tripExportRow()]), file, {});
    expect(result.rows).toBe(2);
    const bytes = readFileSync(file);
    expect(result.bytes).toBe(bytes.length);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { raw, rows } = readCsv(file);
    expect(raw.split('\r\n')).toHaveLength(4); // header, 2 rows, empty string after the last CRLF
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(rows[0]).toEqual(HEADERS);
    const value = (header: string): string | undefined => field(rows[1], header);
    expect(value('Identifiant registre')).toBe('123456789');
    expect(value('Opérateur')).toBe('Klaxit');
    // What French Excel turns into a date and time, and into numbers (a decimal point would make `13.9` a date).
    expect(value('Début (heure de Paris)')).toBe('01/03/2024 08:12:44');
    expect(value('Fin (heure de Paris)')).toBe('01/03/2024 08:30:14');
    expect(value('Durée (min)')).toBe('17,5');
    expect(value('Distance (km)')).toBe('23,456');
    expect(value('Départ : commune (code)')).toBe('75056');
    expect(value('Places passager')).toBe('2');
    expect(value('Revenu conducteur (€)')).toBe('-1,50');
    expect(value('Contribution passager (€)')).toBe('12,50');
    expect(value('Incitations du registre (€)')).toBe('1,50');
    expect(value('Incitations des opérateurs (€)')).toBe('0,07');
    expect(raw).not.toMatch(/\d\.\d/);
    // Unknown values are empty fields, not zeros.
    expect((rows[2] as string[]).filter((cell) => cell !== '')).toEqual(['01/03/2024 08:12:44']);
  });

  it('standard: no BOM, `,` separators, decimal points and ISO dates, text holding a comma quoted', async () => {
    const file = join(tempDir(), 'trajets.csv');
    const named = tripExportRow({ journey_id: 7, operator_name: 'Covoit, Nantes', distance_m: 13_900 });
    await writeTripListCsv(rowsOf([full, named]), file, { dialect: 'standard' });
    expect([...readFileSync(file).subarray(0, 1)]).toEqual([...Buffer.from('I')]);
    const { rows } = readCsv(file, ',');
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.slice(1).every((line) => line.length === HEADERS.length)).toBe(true);
    expect(field(rows[1], 'Début (heure de Paris)')).toBe('2024-03-01 08:12:44');
    expect(field(rows[1], 'Durée (min)')).toBe('17.5');
    expect(field(rows[1], 'Revenu conducteur (€)')).toBe('-1.50');
    expect(field(rows[2], 'Opérateur')).toBe('Covoit, Nantes');
    expect(field(rows[2], 'Distance (km)')).toBe('13.900');
  });

  it('leaves out identity keys and operators’ user ids', async () => {
    const file = join(tempDir(), 'trajets.csv');
    await writeTripListCsv(rowsOf([full]), file);
    expect(readFileSync(file, 'utf8')).not.toMatch(/SECRET|identity|identit/i);
  });

  it.each([
    ['excel-fr', ';', '-0,002'],
    ['standard', ',', '-0.002'],
  ] as const)('%s: neutralises formula injection in text and keeps numbers as numbers', async (dialect, delimiter, distance) => {
    const file = join(tempDir(), 'trajets.csv');
    await writeTripListCsv(rowsOf(hostile), file, { dialect });
    const { rows } = readCsv(file, delimiter);
    const journeys = rows.slice(1).map((row) => field(row, 'Identifiant trajet opérateur'));
    expect(journeys).toEqual(INJECTIONS.map((text) => `'${text}`));
    expect(rows.slice(1).map((row) => field(row, 'Distance (km)'))).toEqual(INJECTIONS.map(() => distance));
  });

  it('reports progress every 10,000 rows and at the end', async () => {
    const progress: number[] = [];
    const result = await writeTripListCsv(syntheticExportRows(25_000), join(tempDir(), 'trajets.csv'), { onProgress: (n) => progress.push(n) });
    expect(result.rows).toBe(25_000);
    expect(progress).toEqual([10_000, 20_000, 25_000]);
  });

  it('leaves no file when cancelled or when the rows fail', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const cancelled = writeTripListCsv(interrupted(syntheticExportRows(50_000), 20_000, controller), join(dir, 'a.csv'), { signal: controller.signal });
    await expect(cancelled).rejects.toThrow('Export annulé');
    const failing = writeTripListCsv(interrupted(syntheticExportRows(50_000), 20_000, new Error('curseur perdu')), join(dir, 'b.csv'));
    await expect(failing).rejects.toThrow('curseur perdu');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeTripListXlsx', () => {
  it('writes one « Trajets » sheet: bold frozen header, autofilter, widths, typed and formatted cells', async () => {
    const file = join(tempDir(), 'trajets.xlsx');
    const result = await writeTripListXlsx(rowsOf([full, tripExportRow()]), file);
    expect(result.rows).toBe(2);
    const workbook = await readXlsx(file);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Trajets']);
    const sheet = workbook.getWorksheet('Trajets') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:AA3');
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(sheet.getCell(1, 1).font?.bold).toBe(true);
    TRIP_LIST_COLUMNS.forEach((column, i) => expect(sheet.getColumn(i + 1).width).toBe(column.width));

    const cell = (header: string): ExcelJS.Cell => sheet.getCell(2, col(header));
    expect(cell('Identifiant registre').value).toBe(123_456_789);
    expect(cell('Opérateur').value).toBe('Klaxit');
    // Paris wall-clock time, whatever the reader's time zone: exceljs reads Excel dates as UTC fields.
    expect(cell('Début (heure de Paris)').value).toEqual(new Date('2024-03-01T08:12:44Z'));
    expect(cell('Début (heure de Paris)').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(cell('Fin (heure de Paris)').value).toEqual(new Date('2024-03-01T08:30:14Z'));
    expect(cell('Durée (min)').value).toBe(17.5);
    expect(cell('Durée (min)').numFmt).toBe('0.0');
    expect(cell('Distance (km)').value).toBe(23.456);
    expect(cell('Distance (km)').numFmt).toBe('0.000');
    expect(cell('Départ : code INSEE').value).toBe('75101');
    expect(cell('Places passager').value).toBe(2);
    expect(cell('Revenu conducteur (€)').value).toBe(-1.5);
    expect(cell('Revenu conducteur (€)').numFmt).toBe('#,##0.00 "€"');
    expect(cell('Contribution passager (€)').value).toBe(12.5);
    expect(cell('Incitations du registre (€)').value).toBe(1.5);
    expect(cell('Incitations des opérateurs (€)').value).toBe(0.07);
    // Unknown values stay empty.
    expect(sheet.getCell(3, col('Distance (km)')).value).toBeNull();
    expect(sheet.getCell(3, col('Incitations du registre (€)')).value).toBeNull();
  });

  it('leaves out identity keys and operators’ user ids', async () => {
    const file = join(tempDir(), 'trajets.xlsx');
    await writeTripListXlsx(rowsOf([full]), file);
    const sheet = (await readXlsx(file)).getWorksheet('Trajets') as ExcelJS.Worksheet;
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.join('|')).not.toMatch(/SECRET|identit/i);
  });

  it('neutralises formula injection in text and keeps numbers as numbers', async () => {
    const file = join(tempDir(), 'trajets.xlsx');
    await writeTripListXlsx(rowsOf(hostile), file);
    const sheet = (await readXlsx(file)).getWorksheet('Trajets') as ExcelJS.Worksheet;
    INJECTIONS.forEach((text, i) => {
      const row = sheet.getRow(i + 2);
      // XML parsers read a bare carriage return back as a line feed; the apostrophe is what matters.
      const stored = `'${text.replace('\r', '\n')}`;
      expect(row.getCell(col('Identifiant trajet opérateur')).value).toBe(stored);
      expect(row.getCell(col('Opérateur')).value).toBe(stored);
      expect(row.getCell(col('Identifiant registre')).value).toBe(i + 1);
      expect(row.getCell(col('Distance (km)')).value).toBe(-0.002);
    });
  });

  it('starts « Trajets (2) », « Trajets (3) »… past the rows per sheet, each with its header and filter', async () => {
    const file = join(tempDir(), 'trajets.xlsx');
    const result = await writeTripListXlsx(syntheticExportRows(2_500), file, { rowsPerSheet: 1_000 });
    expect(result.rows).toBe(2_500);
    const workbook = await readXlsx(file);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.rowCount, sheet.autoFilter])).toEqual([
      ['Trajets', 1_001, 'A1:AA1001'],
      ['Trajets (2)', 1_001, 'A1:AA1001'],
      ['Trajets (3)', 501, 'A1:AA501'],
    ]);
    const ids: unknown[] = [];
    for (const sheet of workbook.worksheets) {
      expect(sheet.getRow(1).values).toEqual([undefined, ...HEADERS]);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      sheet.eachRow((row, n) => n > 1 && ids.push(row.getCell(1).value));
    }
    expect(ids).toEqual(Array.from({ length: 2_500 }, (_, i) => 900_000_000 + i));
  });

  it('writes a header-only sheet when there are no rows', async () => {
    const file = join(tempDir(), 'trajets.xlsx');
    expect((await writeTripListXlsx(rowsOf([]), file)).rows).toBe(0);
    const sheet = (await readXlsx(file)).getWorksheet('Trajets') as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(1);
  });

  it('leaves no file when cancelled or when the rows fail', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const cancelled = writeTripListXlsx(interrupted(syntheticExportRows(5_000), 1_500, controller), join(dir, 'a.xlsx'), { signal: controller.signal });
    await expect(cancelled).rejects.toThrow('Export annulé');
    const failing = writeTripListXlsx(interrupted(syntheticExportRows(5_000), 1_500, new Error('curseur perdu')), join(dir, 'b.xlsx'));
    await expect(failing).rejects.toThrow('curseur perdu');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails, rather than hangs, when the file cannot be written', async () => {
    const missing = join(tempDir(), 'absent', 'trajets');
    await expect(writeTripListXlsx(syntheticExportRows(1_000), `${missing}.xlsx`)).rejects.toThrow(/ENOENT/);
    await expect(writeTripListCsv(syntheticExportRows(1_000), `${missing}.csv`)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a per-sheet limit beyond Excel’s', async () => {
    await expect(writeTripListXlsx(rowsOf([]), join(tempDir(), 'x.xlsx'), { rowsPerSheet: 2_000_000 })).rejects.toThrow(RangeError);
  });
});

describe('XlsxFileWriter', () => {
  it('sees the zip backlog of a sheet (the exceljs internals its flat memory relies on)', async () => {
    const dir = tempDir();
    const writer = new XlsxFileWriter(join(dir, 'x.xlsx'));
    const sheet = writer.workbook.addWorksheet('Feuille');
    sheet.addRow(['a']).commit();
    expect(zipBacklogBytes(sheet)).toEqual(expect.any(Number));
    sheet.commit();
    await writer.finish();
  });
});
