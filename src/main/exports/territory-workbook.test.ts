import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsQuery } from '../../shared/types/stats';
import type { AppServices } from '../services/app-services';
import { TempStore } from '../testing/temp-store';

/**
 * The territory statistics workbook written by the export job, read back with exceljs: sheets, filters, key
 * figures equal to the dashboard's, totals formulas with their cached values, formats, frozen headers,
 * autofilters, and text from extracts neutralised against formula injection.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
const QUERY: StatsQuery = { level: 'dep', code: '44', direction: 'both', from: '2026-08-01', to: '2026-10-31', granularity: 'month' };
let store: TempStore;
let services: AppServices;
let workbook: ExcelJS.Workbook;
let file: string;

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  expect((await services.runner.wait(await services.demo.start({ trips: 2_500, seed: 8 })))?.status).toBe('done');
  // An operator name that a spreadsheet would run as a formula.
  await store.sql()('operators').where({ name: 'Karos' }).update({ name: '=HYPERLINK("http://x";"Karos")' });
  expect((await services.runner.wait((await services.stats.refresh()) ?? ''))?.status).toBe('done');
  const started = await services.exports.exportStats(QUERY);
  file = started.file;
  const done = await services.runner.wait(started.jobId);
  expect(done).toMatchObject({ kind: 'export.stats', status: 'done' });
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
});

afterAll(async () => {
  await store.cleanup();
});

function sheet(name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`feuille absente : ${name}`);
  return found;
}

/** Values of a column from row 2 to the row before the totals. */
function column(ws: ExcelJS.Worksheet, letter: string): number[] {
  const values: number[] = [];
  for (let row = 2; row < ws.rowCount; row += 1) values.push(Number(ws.getCell(`${letter}${row}`).value));
  return values;
}

describe('territory statistics workbook', () => {
  it('is named after the query, in the exports folder, with its six sheets', async () => {
    expect(file).toBe(join(store.dir, 'exports', 'statistiques-dep-44-2026-08-01_2026-10-31.xlsx'));
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Synthèse', 'Par mois', 'Par opérateur', 'Par commune', 'Par EPCI', 'Flux']);
    expect((await services.exports.list()).map((entry) => [entry.name, entry.kind])).toEqual([['statistiques-dep-44-2026-08-01_2026-10-31.xlsx', 'stats']]);
  });

  it('writes the filters and the same key figures as the dashboard', async () => {
    const summary = sheet('Synthèse');
    const text = summary.getSheetValues().flat().map(String).join('\n');
    expect(text).toContain('Loire-Atlantique (département 44)');
    expect(text).toContain('du 01/08/2026 au 31/10/2026');
    expect(text).toContain('départ ou arrivée dans le territoire');
    expect(text).toContain('COG 2026');
    const dashboard = await services.stats.query(QUERY);
    const valueOf = (label: string): unknown => {
      let found: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return found;
    };
    expect(valueOf('Trajets')).toBe(dashboard.key.journeys);
    expect(valueOf('Passagers transportés')).toBe(dashboard.key.passengers);
    expect(valueOf('Incitations du registre')).toBeCloseTo(dashboard.key.rpcCents / 100, 6);
    let euroFormat = '';
    summary.eachRow((row) => {
      if (row.getCell(1).value === 'Incitations du registre') euroFormat = row.getCell(2).numFmt;
    });
    expect(euroFormat).toBe('#,##0.00 "€"');
  });

  it('totals each table with SUM formulas whose cached values are right', () => {
    const months = sheet('Par mois');
    expect(months.getRow(1).values).toEqual([undefined, 'Mois', 'Trajets', 'Covoiturages', 'Passagers', 'Distance (km)', 'Incitations du registre (€)', 'Couverture']);
    expect(months.getCell('A2').value).toBe('août 2026');
    const total = months.getCell(`B${months.rowCount}`).value as { formula: string; result: number };
    expect(total.formula).toBe(`SUM(B2:B${months.rowCount - 1})`);
    expect(total.result).toBe(column(months, 'B').reduce((a, b) => a + b, 0));
    expect(months.getCell('F2').numFmt).toBe('#,##0.00 "€"');
    expect(months.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(months.autoFilter).toBeTruthy();

    const communes = sheet('Par commune');
    const communeTotal = communes.getCell(`E${communes.rowCount}`).value as { result: number };
    const epcis = sheet('Par EPCI');
    const epciTotal = epcis.getCell(`D${epcis.rowCount}`).value as { result: number };
    expect(epciTotal.result).toBe(communeTotal.result);
    expect(column(communes, 'E').reduce((a, b) => a + b, 0)).toBe(communeTotal.result);
  });

  it('says which months the period or the data only partly cover, as the Statistiques page does', async () => {
    // From the 15th: August is cut by the period; the months after it are whole.
    const query: StatsQuery = { ...QUERY, from: '2026-08-15', to: '2026-10-31' };
    const started = await services.exports.exportStats(query);
    expect(await services.runner.wait(started.jobId)).toMatchObject({ status: 'done' });
    const cut = new ExcelJS.Workbook();
    await cut.xlsx.readFile(started.file);
    const months = cut.getWorksheet('Par mois') as ExcelJS.Worksheet;
    const rows = Array.from({ length: months.rowCount - 2 }, (_, i) => [months.getCell(`A${i + 2}`).value, months.getCell(`G${i + 2}`).value]);
    expect(rows).toEqual([
      ['août 2026', 'partiel : du 15/08/2026 au 31/08/2026'],
      ['septembre 2026', 'complet'],
      ['octobre 2026', 'complet'],
    ]);
    // The same steps as the page's series: partial exactly where it says so.
    const page = await services.stats.query(query);
    expect(page.series.map((point) => point.partial)).toEqual([true, false, false]);
    // The totals row leaves the column empty.
    expect(months.getCell(`G${months.rowCount}`).value).toBeNull();
  });

  it('neutralises text that a spreadsheet would run as a formula, and keeps numbers as numbers', () => {
    const operators = sheet('Par opérateur');
    const names: unknown[] = [];
    operators.eachRow((row, index) => {
      if (index > 1) names.push(row.getCell(1).value);
    });
    expect(names).toContain('\'=HYPERLINK("http://x";"Karos")');
    expect(typeof operators.getCell('B2').value).toBe('number');
  });
});
