import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDefinition } from '../../shared/campaigns/definition-types';
import { compileCampaign, createCampaignRun, type CampaignTrip } from '../domain/campaigns';
import { SimulationSummary } from '../domain/campaigns/simulation-summary';
import type { TripRow } from '../domain/trips/trip-row';
import type { AppServices } from '../services/app-services';
import { TempStore } from '../testing/temp-store';
import type { CampaignJourney } from './campaign-block-codec';
import { storeCampaignPages } from './campaign-trip-blocks';
import { storeCampaignTrips, type CampaignTripRange } from './campaign-trip-source';
import { openOwnConnection, type OwnConnection } from './store-connection';

/**
 * Simulations read the journeys from per-day blocks (db/campaign-trip-blocks.ts): the same journeys, in the same
 * order, with the same fields as read from `trips`, whatever their values, and blocks follow changes to journeys.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
const PERIOD = { from: '2026-08-01', to: '2026-10-31' };
let store: TempStore;
let services: AppServices;
let db: OwnConnection;

/** Template 1 (2 € + 0,10 €/km from 20 to 50 km, per seat) on the Région, with per-driver limits and a budget. */
function campaign(): CampaignDefinition {
  const template = JSON.parse(readFileSync(join(__dirname, '../../../resources/campaigns/1.json'), 'utf8')) as CampaignDefinition;
  return { ...template, id: 'essai_blocs', name: 'Essai blocs', status: 'campaign', territory: { reg: ['52'] }, window: { from: PERIOD.from, to: PERIOD.to }, budget_cents: 150_000 };
}

/**
 * Journeys with odd values: coordinates of eight decimals, no distance or seats, non-hex and non-ASCII ids, a
 * control character in an id, no identity keys, a flagged status, a row id past 2^31 (at 2^31 - 1 on PostgreSQL).
 */
async function insertOddJourneys(): Promise<void> {
  const sql = store.sql();
  const base = (await sql('trips').where('start_local', 'like', '2026-09-10%').orderBy('id').first()) as TripRow & { id: number; batch_id: number };
  const copy = (n: number, changes: Partial<TripRow> & { id?: number }): Record<string, unknown> => {
    const { id: _id, ...row } = base;
    return { ...row, natural_key: `essai:${n}`, journey_id: 900_000 + n, ...changes };
  };
  await sql('trips').insert([
    copy(1, { start_lat: 47.12345678, start_lon: -1.55512345, end_lat: -0, end_lon: 1e-7 }),
    copy(2, { distance_m: null, seats: null, operator_class: null, driver_revenue_cents: null, passenger_contribution_cents: -35 }),
    copy(3, { operator_journey_id: 'trajet-é-ü-№1', operator_trip_id: 'abc\u001fdef' }),
    copy(4, { driver_identity_key: null, passenger_identity_key: null, operator_driver_id: 'conducteur-4', operator_passenger_id: null }),
    copy(5, { status: 'fraud_error', start_at: '2026-09-10T23:30:00Z', start_local: '2026-09-11 01:30:00' }),
    // PostgreSQL's row ids are 32-bit (`serial`): its largest there.
    copy(6, { id: store.engine === 'postgres' ? 2_147_483_647 : 3_000_000_000, operator_id: null }),
  ]);
}

/** The journeys of the period as a campaign sees them, read independently: every row of `trips`, mapped here. */
async function journeysOf(range: CampaignTripRange): Promise<CampaignJourney[]> {
  const sql = store.sql();
  const operators = new Map(((await sql('operators').select('id', 'name', 'registry_uuid')) as Array<{ id: number; name: string; registry_uuid: string | null }>).map((o) => [o.id, o]));
  const excluded = new Set(((await sql('excluded_trips').select('trip_id')) as Array<{ trip_id: number }>).map((row) => row.trip_id));
  const rows = (await sql('trips').orderBy([{ column: 'start_at' }, { column: 'id' }])) as Array<TripRow & { id: number; status: string | null }>;
  return rows
    .filter((row) => row.start_local >= PERIOD.from && row.start_local < `${PERIOD.to} 24:00:00`)
    .filter((row) => range.includeFlagged || row.status === 'ok' || row.status === null)
    .filter((row) => range.includeConfirmedFraud || !excluded.has(row.id))
    .map((row) => {
      const operator = row.operator_id === null ? undefined : operators.get(row.operator_id);
      const place = (end: 'start' | 'end'): CampaignTrip['start'] => ({
        com: row[`${end}_com`], arr: row[`${end}_insee`], epci: row[`${end}_epci`], aom: row[`${end}_aom`], dep: row[`${end}_dep`], reg: row[`${end}_reg`], country: row[`${end}_country`],
      });
      const person = (side: 'driver' | 'passenger'): string => row[`${side}_identity_key`] ?? `op${row.operator_id ?? 0}:${row[`operator_${side}_id`] ?? ''}`;
      const trip: CampaignTrip = {
        datetime: row.start_at, distance: row.distance_m ?? 0, seats: row.seats ?? 1, operator_class: row.operator_class as CampaignTrip['operator_class'],
        operator_uuid: operator?.registry_uuid ?? null, operator_id: row.operator_id, operator_journey_id: row.operator_journey_id, operator_trip_id: row.operator_trip_id,
        driver_identity_key: person('driver'), passenger_identity_key: person('passenger'), passenger_is_over_18: null,
        driver_revenue: row.driver_revenue_cents, passenger_contribution: row.passenger_contribution_cents, start: place('start'), end: place('end'),
        start_lat: row.start_lat, start_lon: row.start_lon, end_lat: row.end_lat, end_lon: row.end_lon,
      };
      return { trip, journey: { day: row.start_local.slice(0, 10), operator: operator?.name ?? 'Opérateur inconnu', operatorClass: row.operator_class ?? '?', distanceM: trip.distance, driver: trip.driver_identity_key } };
    });
}

async function fromBlocks(range: CampaignTripRange): Promise<CampaignJourney[]> {
  const out: CampaignJourney[] = [];
  for await (const page of storeCampaignPages(db, range)) for (const { trip, journey } of page) out.push({ trip, journey });
  return out;
}

/** The simulation job's result, but for what depends on the request or the run. */
async function simulated(includeFlagged: boolean): Promise<Record<string, unknown>> {
  const { jobId, simulationId } = await services.campaigns.simulate({ definition: campaign(), ...PERIOD, includeFlagged });
  expect((await services.runner.wait(jobId))?.status).toBe('done');
  const { campaign: _c, from: _f, to: _t, includeFlagged: _i, includeConfirmedFraud: _ic, excludedConfirmedFraud: _e, seconds: _s, warnings: _w, ...result } = await services.campaigns.result(simulationId);
  return result;
}

/** The engine and the summary run here on the independently read journeys. */
async function engineOn(includeFlagged: boolean): Promise<Record<string, unknown>> {
  const run = createCampaignRun(compileCampaign(campaign(), {}), { options: { explain: false } });
  const summary = new SimulationSummary(campaign().budget_cents);
  for (const { trip, journey } of await journeysOf({ ...PERIOD, includeFlagged })) summary.add(journey, run.evaluate(trip));
  return summary.result();
}

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  expect((await services.runner.wait(await services.demo.start({ trips: 5_000, seed: 8, patterns: 0 })))?.status).toBe('done');
  await insertOddJourneys();
  const [confirmed] = (await store.sql()('trips').where('start_local', 'like', '2026-09-20%').orderBy('id').limit(1).select('natural_key')) as Array<{ natural_key: string }>;
  await services.reviews.decide({ subjects: [{ kind: 'journey', key: confirmed!.natural_key }], decision: 'confirmed', comment: 'essai' });
  db = await openOwnConnection(store.storeAddress);
}, 60_000);

afterAll(async () => {
  await db.close();
  await store.cleanup();
});

describe('campaign blocks', () => {
  it('give the journeys `trips` gives, in order, with the same fields, odd values included, built then read', async () => {
    for (const range of [{ ...PERIOD, includeFlagged: true, includeConfirmedFraud: true }, { ...PERIOD, includeFlagged: false }]) {
      const expected = await journeysOf(range);
      expect(expected.some(({ trip }) => trip.operator_trip_id === 'abc\u001fdef')).toBe(true);
      expect(await fromBlocks(range)).toEqual(expected);
      // Read again: from the stored blocks this time.
      expect(await fromBlocks(range)).toEqual(expected);
      const viaText: CampaignJourney[] = [];
      for await (const { trip, journey } of storeCampaignTrips(db, range)) viaText.push({ trip, journey });
      expect(viaText).toEqual(expected);
    }
    const days = (await store.sql()('campaign_trip_blocks').count({ n: '*' }).first()) as { n: number };
    expect(Number(days.n)).toBeGreaterThan(90);
  });

  it('follow changes to journeys: a change deletes the day’s block, the next read sees it', async () => {
    const range = { ...PERIOD, includeFlagged: true };
    await fromBlocks(range);
    const blocks = async (): Promise<string[]> => ((await store.sql()('campaign_trip_blocks').select('day')) as Array<{ day: string }>).map((row) => row.day);
    const [changed] = (await store.sql()('trips').where('start_at', 'like', '2026-09-15%').limit(1).select('id')) as Array<{ id: number }>;
    await store.sql()('trips').where({ id: changed!.id }).update({ distance_m: 123_456 });
    expect(await blocks()).not.toContain('2026-09-15');
    // The same value written again keeps the block.
    await fromBlocks(range);
    await store.sql()('trips').where({ id: changed!.id }).update({ distance_m: 123_456 });
    expect(await blocks()).toContain('2026-09-15');
    const removed = (await store.sql()('trips').where('natural_key', 'essai:2').first('start_at')) as { start_at: string };
    await store.sql()('trips').where('natural_key', 'essai:2').delete();
    expect(await blocks()).not.toContain(removed.start_at.slice(0, 10));
    expect(await fromBlocks(range)).toEqual(await journeysOf(range));
  });

  it('leave out the journeys of a batch still running, and are rebuilt with them once it commits', async () => {
    const range = { ...PERIOD, includeFlagged: true };
    const sql = store.sql();
    const [{ id: batchId }] = (await sql('import_batches').insert({ source: 'en-cours.csv', format: 'territory', status: 'running', started_at: NOW.toISOString() }).returning('id')) as [{ id: number }];
    const base = (await sql('trips').where('start_local', 'like', '2026-09-12%').orderBy('id').first()) as TripRow & { id: number };
    const { id: _id, ...row } = base;
    await sql('trips').insert({ ...row, natural_key: 'essai:en-cours', journey_id: 990_001, operator_journey_id: 'en-cours-1', batch_id: batchId });
    // A simulation meanwhile builds the day's block without the running batch's journey.
    const during = await fromBlocks(range);
    expect(during.some(({ trip }) => trip.operator_journey_id === 'en-cours-1')).toBe(false);
    expect(during).toEqual(await journeysOf(range).then((all) => all.filter(({ trip }) => trip.operator_journey_id !== 'en-cours-1')));
    expect(await sql('campaign_trip_blocks').where({ day: '2026-09-12' }).first('day')).toBeDefined();
    // The batch commits: its days' blocks go, and the next read has the journey.
    await sql('import_batches').where({ id: batchId }).update({ status: 'committed', period_from: '2026-09-12', period_to: '2026-09-12' });
    expect(await sql('campaign_trip_blocks').where({ day: '2026-09-12' }).first('day')).toBeUndefined();
    const after = await fromBlocks(range);
    expect(after.some(({ trip }) => trip.operator_journey_id === 'en-cours-1')).toBe(true);
    expect(after).toEqual(await journeysOf(range));
  });
});

describe('simulations from the store', () => {
  it('equal the engine run on the same journeys read independently, blocks built or read', async () => {
    for (const includeFlagged of [false, true]) {
      const expected = await engineOn(includeFlagged);
      expect((expected.totals as { paid: number }).paid).toBeGreaterThan(0);
      expect(await simulated(includeFlagged)).toEqual(expected);
      expect(await simulated(includeFlagged)).toEqual(expected);
    }
  });
});
