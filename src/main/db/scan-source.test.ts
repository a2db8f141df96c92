import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckTrip } from '../domain/checks';
import { TempStore } from '../testing/temp-store';
import { countScanTrips, readScanTrips } from './scan-source';
import { withStoreConnection } from './store-connection';

/** What a scan reads, against the same journeys read independently through knex, over several pages. */

const FIELDS: Array<keyof CheckTrip> = [
  'natural_key', 'operator_id', 'operator_trip_id', 'status', 'start_at', 'end_at', 'start_local', 'duration_s', 'distance_m',
  'start_lat', 'start_lon', 'end_lat', 'end_lon', 'start_insee', 'end_insee', 'seats', 'driver_identity_key', 'passenger_identity_key',
  'operator_driver_id', 'operator_passenger_id', 'driver_revenue_cents', 'passenger_contribution_cents',
  'rpc_incentive_0_cents', 'rpc_incentive_1_cents', 'rpc_incentive_2_cents',
];

let store: TempStore;

beforeAll(async () => {
  store = new TempStore();
  const services = await store.open({ now: () => new Date('2026-11-28T10:00:00Z') });
  const loaded = await services.runner.wait(await services.demo.start({ trips: 2_500, seed: 3, patterns: 0 }));
  expect(loaded?.status).toBe('done');
  await services.close();
}, 60_000);

afterAll(async () => {
  await store.cleanup();
});

describe('readScanTrips', () => {
  it('reads the whole store page by page in row id order, every field as stored', async () => {
    const expected = (await store.sql()('trips').orderBy('id').select(FIELDS)) as CheckTrip[];
    expect(expected.length).toBeGreaterThan(2_000);
    for (const pageRows of [700, 1_000_000]) {
      const read = await withStoreConnection(store.storeAddress, (db) => readScanTrips(db, {}, null, pageRows));
      expect(read.trips).toEqual(expected);
      expect(read.inScope.size).toBe(expected.length);
    }
    expect(await withStoreConnection(store.storeAddress, (db) => countScanTrips(db, null))).toBe(expected.length);
  });

  it('reads a window in local start order and marks the journeys of the scope', async () => {
    const window = { from: '2026-09-01', to: '2026-09-30' };
    const expected = (await store.sql()('trips')
      .where('start_local', '>=', window.from)
      .andWhere('start_local', '<', `${window.to} 24:00:00`)
      .orderBy([{ column: 'start_local' }, { column: 'id' }])
      .select(FIELDS)) as CheckTrip[];
    const inScope = expected.filter((trip) => trip.start_local >= '2026-09-10' && trip.start_local < '2026-09-12 24:00:00').map((trip) => trip.natural_key);
    expect(expected.length).toBeGreaterThan(500);
    expect(inScope.length).toBeGreaterThan(0);
    for (const pageRows of [97, 1_000_000]) {
      const read = await withStoreConnection(store.storeAddress, (db) => readScanTrips(db, { from: '2026-09-10', to: '2026-09-12' }, window, pageRows));
      expect(read.trips).toEqual(expected);
      expect([...read.inScope].sort()).toEqual(inScope.sort());
    }
    expect(await withStoreConnection(store.storeAddress, (db) => countScanTrips(db, window))).toBe(expected.length);
  });
});
