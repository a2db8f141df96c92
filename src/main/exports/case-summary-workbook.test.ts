import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CaseSummaryInput, CaseSummaryRow } from './case-file-types';
import { writeCaseSummaryWorkbook } from './case-summary-workbook';
import { tempDir } from './test-fixtures';

/**
 * The flags summary (check × operator × month) written to a temporary folder and read back with exceljs: sheets,
 * detail with totals, pivots whose totals equal the detail's, formula injection, empty input, cancellation.
 */

function row(overrides: Partial<CaseSummaryRow> = {}): CaseSummaryRow {
  return {
    checkId: 'T04@1', label: 'Vitesse', operatorName: 'Klaxit', month: '2026-01',
    flags: 3, journeys: 3, high: 2, warning: 1, info: 0, atRiskCents: 450, confirmed: 1, legitimate: 0, infoRequested: 1,
    ...overrides,
  };
}

const ROWS: CaseSummaryRow[] = [
  row(),
  row({ month: '2026-03', flags: 5, journeys: 4, high: 5, warning: 0, atRiskCents: 1_001, confirmed: 0, infoRequested: 0 }),
  row({ operatorName: 'BlaBlaCar Daily', flags: 2, journeys: 2, high: 0, warning: 2, atRiskCents: 333, confirmed: 0, legitimate: 2, infoRequested: 0 }),
  row({ checkId: 'T10@1', label: 'Trajet de nuit', operatorName: 'BlaBlaCar Daily', month: '2026-03', flags: 7, journeys: 7, high: 0, warning: 0, info: 7, atRiskCents: 10, confirmed: 0, infoRequested: 0 }),
  row({ checkId: 'H02@1', label: 'Trajets simultanés', month: '2026-01', flags: 1, journeys: 2, high: 1, warning: 0, atRiskCents: 0, confirmed: 0, infoRequested: 0 }),
];

const INPUT: CaseSummaryInput = { generatedAt: '2026-11-28T10:00:00Z', period: { from: '2026-01-01', to: '2026-03-31' }, rows: ROWS };

async function written(input: CaseSummaryInput = INPUT): Promise<ExcelJS.Workbook> {
  const file = join(tempDir(), 'signalements.xlsx');
  await writeCaseSummaryWorkbook(file, input);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`feuille absente : ${name}`);
  return found;
}

const valuesOf = (ws: ExcelJS.Worksheet, n: number): unknown[] => (ws.getRow(n).values as unknown[]).slice(1);

/** Cached value of a formula cell (exceljs's `value` drops a cached 0), or the plain value. */
const resultOf = (cell: ExcelJS.Cell): unknown => (cell.type === ExcelJS.ValueType.Formula ? (cell.result ?? 0) : cell.value);

function texts(ws: ExcelJS.Worksheet): string {
  const all: string[] = [];
  ws.eachRow((r) => r.eachCell((cell) => all.push(String(cell.value))));
  return all.join('\n');
}

describe('writeCaseSummaryWorkbook', () => {
  it('writes « Synthèse », « Détail », « Contrôle × mois » and « Opérateur × mois », leaving no partial file', async () => {
    const dir = tempDir();
    await writeCaseSummaryWorkbook(join(dir, 's.xlsx'), INPUT);
    expect(readdirSync(dir)).toEqual(['s.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 's.xlsx'));
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Synthèse', 'Détail', 'Contrôle × mois', 'Opérateur × mois']);
  });

  it('states the scope, the key figures and their definitions in « Synthèse »', async () => {
    const summary = sheet(await written(), 'Synthèse');
    const text = texts(summary);
    expect(text).toContain('du 01/01/2026 au 31/03/2026');
    expect(text).toContain('28/11/2026 11:00 (heure de Paris)');
    expect(text).toContain('un trajet signalé par deux contrôles compte deux fois');
    const figure = (label: string): unknown => {
      let found: unknown;
      summary.eachRow((r) => {
        if (r.getCell(1).value === label) found = r.getCell(2).value;
      });
      return found;
    };
    expect(figure('Contrôles')).toBe(3);
    expect(figure('Opérateurs')).toBe(2);
    expect(figure('Mois')).toBe(3);
    expect(figure('Signalements')).toBe(18);
    expect(figure('dont gravité élevée')).toBe(8);
    expect(figure('dont à vérifier')).toBe(3);
    expect(figure('dont info')).toBe(7);
    expect(figure('Trajets concernés')).toBe(18);
    expect(figure('Incitations en jeu')).toBe(17.94);
    expect(figure('Fraudes confirmées')).toBe(1);
    expect(figure('Légitimes')).toBe(2);
    expect(figure('Informations demandées')).toBe(1);
  });

  it('lists the rows in « Détail » with an autofilter, a frozen header and SUM totals with cached values', async () => {
    const detail = sheet(await written(), 'Détail');
    expect(valuesOf(detail, 1)).toEqual([
      'Contrôle', 'Libellé', 'Opérateur', 'Mois (AAAA-MM)', 'Signalements', 'Trajets concernés', 'dont gravité élevée', 'dont à vérifier', 'dont info',
      'Incitations en jeu (€)', 'Fraudes confirmées', 'Légitimes', 'Informations demandées',
    ]);
    expect(detail.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(detail.autoFilter).toBe('A1:M6');
    // Sorted by check, operator, month.
    expect([2, 3, 4, 5, 6].map((n) => valuesOf(detail, n).slice(0, 4))).toEqual([
      ['H02@1', 'Trajets simultanés', 'Klaxit', '2026-01'],
      ['T04@1', 'Vitesse', 'BlaBlaCar Daily', '2026-01'],
      ['T04@1', 'Vitesse', 'Klaxit', '2026-01'],
      ['T04@1', 'Vitesse', 'Klaxit', '2026-03'],
      ['T10@1', 'Trajet de nuit', 'BlaBlaCar Daily', '2026-03'],
    ]);
    expect(valuesOf(detail, 4).slice(4)).toEqual([3, 3, 2, 1, 0, 4.5, 1, 0, 1]);
    expect(detail.getCell('J4').numFmt).toBe('#,##0.00 "€"');
    expect(detail.getCell('A7').value).toBe('Total');
    const expected = [18, 18, 8, 3, 7, 17.94, 1, 2, 1];
    ['E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M'].forEach((letter, i) => {
      const cell = detail.getCell(`${letter}7`);
      expect(cell.formula).toBe(`SUM(${letter}2:${letter}6)`);
      expect(resultOf(cell)).toBe(expected[i]);
      let sum = 0;
      for (let n = 2; n <= 6; n += 1) sum += Math.round(Number(detail.getCell(`${letter}${n}`).value) * 100);
      expect(sum / 100).toBe(expected[i]);
    });
  });

  it('pivots flags by check and month, every month of the period, with row and column totals equal to the detail', async () => {
    const pivot = sheet(await written(), 'Contrôle × mois');
    expect(pivot.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    // February has no flag but stays on the time axis.
    expect(valuesOf(pivot, 1)).toEqual(['Contrôle', 'Libellé', 'janvier 2026', 'février 2026', 'mars 2026', 'Total']);
    expect(valuesOf(pivot, 2).slice(0, 5)).toEqual(['H02@1', 'Trajets simultanés', 1, 0, 0]);
    expect(valuesOf(pivot, 3).slice(0, 5)).toEqual(['T04@1', 'Vitesse', 5, 0, 5]);
    expect(valuesOf(pivot, 4).slice(0, 5)).toEqual(['T10@1', 'Trajet de nuit', 0, 0, 7]);
    expect(pivot.getCell('F3').formula).toBe('SUM(C3:E3)');
    expect(resultOf(pivot.getCell('F3'))).toBe(10);
    expect(pivot.getCell('A5').value).toBe('Total');
    expect(['C', 'D', 'E', 'F'].map((letter) => [pivot.getCell(`${letter}5`).formula, resultOf(pivot.getCell(`${letter}5`))])).toEqual([
      ['SUM(C2:C4)', 6], ['SUM(D2:D4)', 0], ['SUM(E2:E4)', 12], ['SUM(F2:F4)', 18],
    ]);
    const detail = sheet(await written(), 'Détail');
    expect(resultOf(pivot.getCell('F5'))).toBe(resultOf(detail.getCell('E7')));
  });

  it('pivots flags then incentives at risk by operator and month', async () => {
    const workbook = await written();
    const pivot = sheet(workbook, 'Opérateur × mois');
    expect(valuesOf(pivot, 1)).toEqual(['Opérateur (signalements)', 'janvier 2026', 'février 2026', 'mars 2026', 'Total']);
    expect(valuesOf(pivot, 2).slice(0, 4)).toEqual(['BlaBlaCar Daily', 2, 0, 7]);
    expect(valuesOf(pivot, 3).slice(0, 4)).toEqual(['Klaxit', 4, 0, 5]);
    expect(pivot.getCell('E4').formula).toBe('SUM(E2:E3)');
    expect(resultOf(pivot.getCell('E4'))).toBe(18);

    expect(valuesOf(pivot, 6)).toEqual(['Opérateur (incitations en jeu, €)', 'janvier 2026', 'février 2026', 'mars 2026', 'Total']);
    expect(valuesOf(pivot, 7).slice(0, 4)).toEqual(['BlaBlaCar Daily', 3.33, 0, 0.1]);
    expect(valuesOf(pivot, 8).slice(0, 4)).toEqual(['Klaxit', 4.5, 0, 10.01]);
    expect(pivot.getCell('B8').numFmt).toBe('#,##0.00 "€"');
    expect(pivot.getCell('E8').formula).toBe('SUM(B8:D8)');
    expect(resultOf(pivot.getCell('E8'))).toBe(14.51);
    expect(['B', 'C', 'D', 'E'].map((letter) => [pivot.getCell(`${letter}9`).formula, resultOf(pivot.getCell(`${letter}9`))])).toEqual([
      ['SUM(B7:B8)', 7.83], ['SUM(C7:C8)', 0], ['SUM(D7:D8)', 10.11], ['SUM(E7:E8)', 17.94],
    ]);
    expect(resultOf(pivot.getCell('E9'))).toBe(resultOf(sheet(workbook, 'Détail').getCell('J7')));
  });

  it('neutralises formula injection in check ids, labels and operator names', async () => {
    const hostile = [row({ checkId: '+1', label: '@SUM(1)', operatorName: '=HYPERLINK("http://x";"clic")' })];
    const workbook = await written({ ...INPUT, rows: hostile });
    expect(valuesOf(sheet(workbook, 'Détail'), 2).slice(0, 5)).toEqual(["'+1", "'@SUM(1)", '\'=HYPERLINK("http://x";"clic")', '2026-01', 3]);
    expect(valuesOf(sheet(workbook, 'Contrôle × mois'), 2).slice(0, 3)).toEqual(["'+1", "'@SUM(1)", 3]);
    expect(valuesOf(sheet(workbook, 'Opérateur × mois'), 2).slice(0, 2)).toEqual(['\'=HYPERLINK("http://x";"clic")', 3]);
  });

  it('writes a valid file saying there is nothing when there is no flag', async () => {
    const workbook = await written({ generatedAt: INPUT.generatedAt, period: null, rows: [] });
    expect(texts(sheet(workbook, 'Synthèse'))).toContain('Aucun signalement sur la période');
    expect(texts(sheet(workbook, 'Synthèse'))).toContain('tous les signalements enregistrés');
    expect(sheet(workbook, 'Détail').rowCount).toBe(1);
    expect(valuesOf(sheet(workbook, 'Contrôle × mois'), 1)).toEqual(['Contrôle', 'Libellé', 'Total']);
    expect(valuesOf(sheet(workbook, 'Contrôle × mois'), 2)).toEqual(['Aucun signalement.']);
    expect(valuesOf(sheet(workbook, 'Opérateur × mois'), 2)).toEqual(['Aucun signalement.']);
  });

  it('leaves no file when cancelled, before or while writing', async () => {
    const dir = tempDir();
    await expect(writeCaseSummaryWorkbook(join(dir, 'a.xlsx'), INPUT, AbortSignal.abort(new Error('Export annulé')))).rejects.toThrow('Export annulé');
    const many = Array.from({ length: 5_000 }, (_, i) => row({ operatorName: `Opérateur ${i}` }));
    const controller = new AbortController();
    const writing = writeCaseSummaryWorkbook(join(dir, 'b.xlsx'), { ...INPUT, rows: many }, controller.signal);
    setImmediate(() => controller.abort(new Error('Export annulé')));
    await expect(writing).rejects.toThrow('Export annulé');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an invalid month or count before writing anything', async () => {
    const dir = tempDir();
    await expect(writeCaseSummaryWorkbook(join(dir, 'a.xlsx'), { ...INPUT, rows: [row({ month: '2026-13' })] })).rejects.toThrow(/Mois invalide/);
    await expect(writeCaseSummaryWorkbook(join(dir, 'b.xlsx'), { ...INPUT, rows: [row({ flags: Number.NaN })] })).rejects.toThrow(/flags/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
