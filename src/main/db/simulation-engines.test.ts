import { afterAll, describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../shared/types/simulation';
import type { AppServices } from '../services/app-services';
import { engineMissing, STORE_ENGINES } from '../testing/pg-test-database';
import { TempStore } from '../testing/temp-store';
import type { SqlEngine } from './store-address';

/**
 * A store on PostgreSQL simulates as one on SQLite: the same generated journeys, one of them confirmed as fraud, give
 * the same amounts and counts for a catalogue campaign (its per-driver caps and a budget that runs out included),
 * blocks built then read.
 */

/** Demo journeys fall in the three months before: August to October 2025, within the campaign's window. */
const NOW = new Date('2025-11-28T10:00:00Z');
const PERIOD = { from: '2025-08-01', to: '2025-10-31' };
/** Nantes Métropole (2024-2025): distance bands, per-driver caps by day, month and year. */
const CAMPAIGN = 'nantes_metropole_2024';
const BUDGET_CENTS = 20_000;
/** Columns the same seed fills alike in any store (user ids are pseudonymised with each store's own key). */
const COMPARED_COLUMNS = ['natural_key', 'start_at', 'start_local', 'status', 'operator_id', 'operator_class', 'distance_m', 'seats', 'start_insee', 'end_insee', 'start_aom', 'end_aom', 'start_lat', 'start_lon'];

const stores: TempStore[] = [];

afterAll(async () => {
  for (const store of stores) await store.cleanup();
});

/** A store on `engine` holding the demo journeys of one seed, the first of 2025-09-20 confirmed as fraud. */
async function demoStore(engine: SqlEngine): Promise<{ store: TempStore; services: AppServices }> {
  const store = new TempStore(engine);
  stores.push(store);
  const services = await store.open({ now: () => NOW });
  expect((await services.runner.wait(await services.demo.start({ trips: 6_000, seed: 31 })))?.status).toBe('done');
  const [confirmed] = (await store.sql()('trips').where('start_local', 'like', '2025-09-20%').orderBy('natural_key').limit(1).select('natural_key')) as Array<{ natural_key: string }>;
  await services.reviews.decide({ subjects: [{ kind: 'journey', key: confirmed!.natural_key }], decision: 'confirmed', comment: 'essai' });
  return { store, services };
}

/**
 * A simulation's result but its duration, with a budget that runs out within the period: which journeys it pays then
 * depends on their order, day and time, not only on each journey.
 */
async function simulated(services: AppServices, includeFlagged: boolean): Promise<Omit<SimulationResult, 'seconds'>> {
  const { jobId, simulationId } = await services.campaigns.simulate({ campaignId: CAMPAIGN, ...PERIOD, includeFlagged, budgetCents: BUDGET_CENTS });
  expect((await services.runner.wait(jobId))?.status).toBe('done');
  const { seconds: _seconds, ...result } = await services.campaigns.result(simulationId);
  return result;
}

describe.skipIf(engineMissing('postgres'))('a simulation on SQLite and on PostgreSQL', () => {
  it('gives the same amounts and counts on the same journeys, blocks built or read', async () => {
    const [sqlite, postgres] = await Promise.all(STORE_ENGINES.map(demoStore));
    const journeys = (store: TempStore): Promise<unknown[]> => store.sql()('trips').orderBy('natural_key').select(COMPARED_COLUMNS);
    const sqliteJourneys = await journeys(sqlite!.store);
    expect(sqliteJourneys).toHaveLength(6_000);
    expect(await journeys(postgres!.store)).toEqual(sqliteJourneys);
    for (const includeFlagged of [false, true]) {
      const expected = await simulated(sqlite!.services, includeFlagged);
      expect(expected.totals.paid).toBeGreaterThan(0);
      expect(expected.excludedConfirmedFraud).toBe(1);
      expect(expected.totals.exhaustedOn).not.toBeNull();
      // Built from the journeys the first time, read from the stored blocks the second.
      expect(await simulated(postgres!.services, includeFlagged)).toEqual(expected);
      expect(await simulated(postgres!.services, includeFlagged)).toEqual(expected);
    }
    expect(await postgres!.store.count('campaign_trip_blocks')).toBeGreaterThan(90);
  });
});
