import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from './app-services';
import { TempStore } from '../testing/temp-store';

/**
 * APDF workbooks from the services, as the Exports and Campaigns pages start them, read back with exceljs:
 * « Synthèse par tranche » is written when the campaign's definition pays by distance slices (the catalogue's
 * definition of a registry campaign of the extracts, or the saved simulation's definition), its figures per slice
 * reconciling with the « Trajets » sheet, and left out otherwise.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
const SUMMARY = 'Synthèse par tranche';
let store: TempStore;
let services: AppServices;

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  expect((await services.runner.wait(await services.demo.start({ trips: 3_000, seed: 21 })))?.status).toBe('done');
});

afterAll(async () => {
  await store.cleanup();
});

/** One row of the « période normale » table: its label and the cached values of B (€), C and D. */
interface SummaryRow {
  label: unknown;
  euros: number;
  trips: number;
  subsidized: number;
}

/** Formula results as the workbook caches them (`cell.result`: `cell.value` would hide a cached 0). */
function resultOf(cell: ExcelJS.Cell): number {
  return Number(cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value);
}

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** The slice rows of the first table, then its totals row. */
function normalTable(sheet: ExcelJS.Worksheet): { rows: SummaryRow[]; total: SummaryRow } {
  const read = (row: number): SummaryRow => ({
    label: sheet.getCell(`A${row}`).value,
    euros: resultOf(sheet.getCell(`B${row}`)),
    trips: resultOf(sheet.getCell(`C${row}`)),
    subsidized: resultOf(sheet.getCell(`D${row}`)),
  });
  expect(sheet.getCell('A1').value).toBe('Tranche "période normale"');
  const rows: SummaryRow[] = [];
  let row = 2;
  for (; sheet.getCell(`A${row}`).value !== 'Total'; row += 1) rows.push(read(row));
  return { rows, total: read(row) };
}

/** The journeys of « Trajets » (distance M in metres, incentive R in €). */
function trips(workbook: ExcelJS.Workbook): Array<{ distanceM: number; euros: number }> {
  const sheet = workbook.getWorksheet('Trajets') as ExcelJS.Worksheet;
  const rows: Array<{ distanceM: number; euros: number }> = [];
  sheet.eachRow((row, index) => {
    if (index > 1) rows.push({ distanceM: Number(row.getCell('M').value), euros: Number(row.getCell('R').value) });
  });
  return rows;
}

/** What a slice row must say, recomputed from « Trajets ». */
function expected(journeys: ReadonlyArray<{ distanceM: number; euros: number }>, label: string, start: number, end?: number): SummaryRow {
  const inside = journeys.filter((trip) => trip.distanceM >= start && (end === undefined || trip.distanceM < end));
  return {
    label,
    euros: inside.reduce((sum, trip) => sum + trip.euros, 0),
    trips: inside.length,
    subsidized: inside.filter((trip) => trip.euros > 0).length,
  };
}

/** Rounds the euros of summary rows to the cent (sums of floats read from the sheet). */
function cents(rows: SummaryRow[]): SummaryRow[] {
  return rows.map((row) => ({ ...row, euros: Math.round(row.euros * 100) / 100 }));
}

async function summaryOf(jobId: string): Promise<{ file: string; trips: number; subsidized: number; amountCents: number }> {
  const done = await services.runner.wait(jobId);
  expect(done).toMatchObject({ kind: 'export.apdf', status: 'done' });
  return done?.summary as { file: string; trips: number; subsidized: number; amountCents: number };
}

describe('APDF from the registry incentives of the extracts', () => {
  it('has no summary for a campaign the catalogue does not hold (the demo’s)', async () => {
    const [month] = await services.exports.campaignMonths();
    expect(month?.campaignId).toBe('9001');
    const { file } = await summaryOf((await services.exports.exportApdf(month!, join(store.dir, 'demo'))).jobId);
    expect((await readWorkbook(file)).worksheets.map((sheet) => sheet.name)).toEqual(['Trajets']);
  });

  it('adds « Synthèse par tranche » with the catalogue definition’s slices, reconciling with « Trajets »', async () => {
    // The demo's incentives, as if the registry had paid them for Nantes Métropole's campaign 656 (slices 2–20 km, ≥ 20 km).
    for (const slot of [0, 1, 2]) {
      await store.sql()('trips').where(`rpc_incentive_${slot}_campaign_id`, '9001').update({ [`rpc_incentive_${slot}_campaign_id`]: '656' });
    }
    const month = (await services.exports.campaignMonths()).find((row) => row.campaignId === '656' && row.subsidized > 0);
    const summary = await summaryOf((await services.exports.exportApdf(month!, join(store.dir, '656'))).jobId);
    const workbook = await readWorkbook(summary.file);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([SUMMARY, 'Trajets']);
    const journeys = trips(workbook);
    const { rows, total } = normalTable(workbook.getWorksheet(SUMMARY) as ExcelJS.Worksheet);
    expect(cents(rows)).toEqual(
      cents([
        expected(journeys, 'Jusqu\'à 2 km', 0, 2_000),
        expected(journeys, 'De 2 km à 20 km', 2_000, 20_000),
        expected(journeys, 'Supérieure à 20 km', 20_000),
      ]),
    );
    // The slices cover every journey: their totals are the sheet's and the file name's.
    expect(rows.some((row) => row.trips > 0 && row.label !== 'Jusqu\'à 2 km')).toBe(true);
    expect(total.trips).toBe(journeys.length);
    expect(total.trips).toBe(summary.trips);
    expect(total.subsidized).toBe(summary.subsidized);
    expect(Math.round(total.euros * 100)).toBe(summary.amountCents);
  });
});

describe('APDF from a saved simulation', () => {
  /** Template 1 on the Région over the demo period; `amount` replaces its formula when given. */
  function definition(amount?: unknown): Record<string, unknown> {
    const template = JSON.parse(readFileSync(join(__dirname, '../../../resources/campaigns/1.json'), 'utf8')) as { rules: Array<Record<string, unknown>> };
    const rules = amount === undefined ? template.rules : template.rules.map((rule) => ({ ...rule, amount }));
    return { ...template, rules, id: 'essai_tranches', name: 'Essai tranches', status: 'campaign', territory: { reg: ['52'] }, window: { from: '2026-08-01', to: '2026-10-31' }, budget_cents: null };
  }

  async function simulatedWorkbook(amount?: unknown): Promise<{ workbook: ExcelJS.Workbook; summary: { trips: number; subsidized: number; amountCents: number } }> {
    const { simulationId, jobId } = await services.campaigns.simulate({ definition: definition(amount), from: '2026-08-01', to: '2026-10-31', includeFlagged: false });
    expect(await services.runner.wait(jobId)).toMatchObject({ status: 'done' });
    const operator = (await store.sql()('operators').where({ name: 'BlaBlaCar Daily' }).first('id')) as { id: number };
    const summary = await summaryOf((await services.exports.exportApdfFromSimulation({ simulationId, operatorId: operator.id, month: '2026-09' }, join(store.dir, `simulation-${simulationId}`))).jobId);
    return { workbook: await readWorkbook(summary.file), summary };
  }

  it('adds « Synthèse par tranche » when the simulated definition pays by distance slices', async () => {
    const slices = {
      type: 'slices',
      mode: 'exclusive',
      slices: [
        { from_m: 2_000, to_m: 15_000, amount: { type: 'fixed', cents: 100 } },
        { from_m: 15_000, amount: { type: 'fixed', cents: 250 } },
      ],
    };
    const { workbook, summary } = await simulatedWorkbook(slices);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([SUMMARY, 'Trajets']);
    const journeys = trips(workbook);
    const { rows, total } = normalTable(workbook.getWorksheet(SUMMARY) as ExcelJS.Worksheet);
    const byBand = cents([
      expected(journeys, 'Jusqu\'à 2 km', 0, 2_000),
      expected(journeys, 'De 2 km à 15 km', 2_000, 15_000),
      expected(journeys, 'Supérieure à 15 km', 15_000),
    ]);
    expect(cents(rows)).toEqual(byBand);
    // The simulated amounts are those of the slices: 1 € then 2,50 € a journey.
    expect(byBand[1]!.euros).toBeCloseTo(byBand[1]!.subsidized * 1, 6);
    expect(byBand[2]!.euros).toBeCloseTo(byBand[2]!.subsidized * 2.5, 6);
    expect(byBand[1]!.trips + byBand[2]!.trips).toBeGreaterThan(0);
    expect(total.trips).toBe(summary.trips);
    expect(Math.round(total.euros * 100)).toBe(summary.amountCents);
  });

  it('has no summary when the definition pays no distance slices', async () => {
    const { workbook, summary } = await simulatedWorkbook();
    expect(summary.trips).toBeGreaterThan(0);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Trajets']);
  });
});
