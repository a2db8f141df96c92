import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TripRow } from '../domain/trips/trip-row';
import { TempStore } from '../testing/temp-store';
import { apdfOperators, apdfSourceTrips } from './apdf-source';
import { countTripExportRows, tripExportRows } from './trip-export-source';
import { openOwnConnection, type OwnConnection } from './store-connection';

/** The export sources read a real store page by page, in order, with exactly the journeys of their filter. */

let store: TempStore;
let db: OwnConnection;
let trips: Array<TripRow & { operator_name: string }>;

beforeAll(async () => {
  store = new TempStore();
  const services = await store.open({ now: () => new Date('2026-11-28T10:00:00Z') });
  expect((await services.runner.wait(await services.demo.start({ trips: 12_000, seed: 6, patterns: 0 })))?.status).toBe('done');
  await services.close();
  trips = (await store.sql()('trips').join('operators', 'operators.id', 'trips.operator_id').select('trips.*', 'operators.name as operator_name')) as typeof trips;
  db = await openOwnConnection(store.storeAddress);
});

afterAll(async () => {
  await db.close();
  await store.cleanup();
});

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('tripExportRows', () => {
  it('reads every journey of the period in chronological order, across pages, with the operator name', async () => {
    const rows = await collect(tripExportRows(db, { from: '2026-08-01', to: '2026-10-31' }));
    expect(rows).toHaveLength(12_000);
    expect(await countTripExportRows(db, { from: '2026-08-01', to: '2026-10-31' })).toBe(12_000);
    const keys = rows.map((row) => `${row.start_local}|${row.natural_key}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(rows.map((row) => row.natural_key)).size).toBe(12_000);
    const byKey = new Map(trips.map((trip) => [trip.natural_key, trip]));
    for (const row of rows.slice(0, 50)) expect(byKey.get(row.natural_key)).toMatchObject(row);
  });

  it('keeps the last day whole and applies territory, operator and status filters', async () => {
    const day = await collect(tripExportRows(db, { from: '2026-09-15', to: '2026-09-15' }));
    expect(day.length).toBe(trips.filter((t) => t.start_local.startsWith('2026-09-15')).length);
    const filtered = await collect(tripExportRows(db, { from: '2026-08-01', to: '2026-10-31', territory: { level: 'com', code: '44109' }, status: 'ok', operatorId: 1 }));
    expect(filtered.length).toBe(trips.filter((t) => (t.start_insee === '44109' || t.end_insee === '44109') && t.status === 'ok' && t.operator_id === 1).length);
    expect(filtered.length).toBeGreaterThan(0);
  });
});

describe('APDF sources', () => {
  it('lists the operators paid by a campaign in a month and their journeys with the campaign amount', async () => {
    const inMonth = trips.filter((t) => t.start_local.startsWith('2026-09') && t.rpc_incentive_0_campaign_id === '9001');
    const operators = await apdfOperators(db, '9001', '2026-09');
    expect(operators.reduce((sum, o) => sum + o.journeys, 0)).toBe(inMonth.filter((t) => (t.rpc_incentive_0_cents ?? 0) > 0).length);
    const first = operators[0];
    if (!first) throw new Error('aucun opérateur');
    const rows = await collect(apdfSourceTrips(db, { campaignId: '9001', operatorId: first.operatorId, month: '2026-09' }));
    const expected = inMonth.filter((t) => t.operator_id === first.operatorId);
    expect(rows).toHaveLength(expected.length);
    expect(rows.reduce((sum, row) => sum + row.incentiveCents, 0)).toBe(expected.reduce((sum, t) => sum + (t.rpc_incentive_0_cents ?? 0), 0));
    expect(rows[0]?.operatorJourneyId).toBe(rows[0]?.operatorJourneyId.toUpperCase());
    expect(rows.every((row) => row.operatorName === first.name)).toBe(true);
  });
});
