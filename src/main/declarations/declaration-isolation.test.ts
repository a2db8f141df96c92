import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../services/app-services';
import { declarationFile, declaredLine, importDeclarations, writeIn } from '../testing/declaration-fixtures';
import { TempStore } from '../testing/temp-store';

/**
 * Declared journeys never mix with the registry's proofs (docs/declarations.md, « À part »): on a demo store
 * (Pays de la Loire, August–October 2026), the statistics, a campaign simulation, the trip export and an APDF
 * workbook come out the same before and after importing declared journeys of the same territory, period and persons;
 * only the separate count of declared journeys sees them.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
const PERIOD = { from: '2026-08-01', to: '2026-10-31' } as const;
let store: TempStore;
let services: AppServices;

/** A campaign of the catalogue over the whole demo region and period, without budget. */
function campaign(): Record<string, unknown> {
  const template = JSON.parse(readFileSync(join(__dirname, '../../../resources/campaigns/1.json'), 'utf8')) as Record<string, unknown>;
  return { ...template, id: 'essai_pdl', name: 'Essai', status: 'campaign', territory: { reg: ['52'] }, window: PERIOD, budget_cents: null };
}

/** Waits for a job and answers its summary, failing when it does not end done. */
async function finished(jobId: string | null): Promise<Record<string, unknown>> {
  const done = await services.runner.wait(jobId as string);
  expect(done?.status, done?.error ?? undefined).toBe('done');
  return done?.summary ?? {};
}

/** What the registry's readers give: statistics, a simulation's totals, the trip export's text, an APDF workbook's figures. */
async function registryOutputs(tag: string): Promise<Record<string, unknown>> {
  await finished(await services.stats.refresh());
  // The query's own duration is the only thing allowed to differ.
  const stats = Object.entries(await services.stats.query({ level: 'reg', code: '52', direction: 'both', ...PERIOD, granularity: 'month' })).filter(([key]) => key !== 'elapsedMs');
  const simulation = await services.campaigns.simulate({ definition: campaign(), ...PERIOD, includeFlagged: false });
  await finished(simulation.jobId);
  const { totals } = await services.campaigns.result(simulation.simulationId);
  const exported = join(store.dir, `trajets-${tag}.csv`);
  await finished((await services.exports.exportTrips({ ...PERIOD }, 'csv', exported)).jobId);
  const [month] = await services.exports.campaignMonths();
  const apdf = await finished((await services.exports.exportApdf({ campaignId: month!.campaignId, operatorId: month!.operatorId, month: month!.month }, join(store.dir, `apdf-${tag}`))).jobId);
  const figures = Object.fromEntries(Object.entries(apdf).filter(([key]) => !/file|path/i.test(key)));
  return { stats, totals, trips: readFileSync(exported, 'utf8'), apdf: figures };
}

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  await finished(await services.demo.start({ trips: 2_000, seed: 7 }));
}, 120_000);

afterAll(async () => {
  await store.cleanup();
});

describe('declared journeys and the registry’s readers', () => {
  it('leave the statistics, simulations, trip exports and APDF workbooks unchanged; only their own count sees them', async () => {
    const before = await registryOutputs('avant');
    // Forty journeys between Nantes and Saint-Herblain over the same months, drivers and passengers, by ten declarants.
    const lines = Array.from({ length: 40 }, (_, k) => declaredLine({
      date: `${String(1 + (k % 28)).padStart(2, '0')}/${String(8 + (k % 3)).padStart(2, '0')}/2026`, time: `${String(7 + (k % 10)).padStart(2, '0')}:${k % 2 === 0 ? '05' : '35'}`,
      from: k % 2 === 0 ? '44109' : '44162', to: k % 2 === 0 ? '44162' : '44109', role: k % 3 === 0 ? 'passager' : 'conducteur', distance: '9', declarant: `salarié-${k % 10}`,
    }));
    const summary = await importDeclarations(services, writeIn(store.dir, 'declarations.csv', declarationFile(lines)));
    expect(summary).toMatchObject({ rows: 40, rejected: 0 });
    expect(summary.accepted).toBeGreaterThan(30);

    expect(await registryOutputs('apres')).toEqual(before);
    const count = await services.declarations.count({ level: 'reg', code: '52', direction: 'both', ...PERIOD });
    expect(count).toMatchObject({ journeys: summary.accepted, declarants: 10, estimatedDistances: 0, distanceKm: summary.accepted * 9 });
    expect(count.asDriver + count.asPassenger).toBe(summary.accepted);
    expect(await services.declarations.count({ level: 'com', code: '44109', direction: 'from', ...PERIOD })).toMatchObject({ journeys: lines.filter((_, k) => k % 2 === 0).length });
  }, 240_000);
});
