import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRIP_COLUMNS } from '../domain/trips/trip-row';
import { engineMissing, STORE_ENGINES } from '../testing/pg-test-database';
import { TempStore } from '../testing/temp-store';
import { openMigratedDatabase } from './connection';
import { TripsRepository } from './repositories/trips-repository';
import { encodeTrips } from './trip-insert';

type Journey = Record<(typeof TRIP_COLUMNS)[number], unknown>;

/** A journey with every column empty but the required ones and a few of each type, hostile texts included. */
function journey(n: number, text: string): Journey {
  const empty = Object.fromEntries(TRIP_COLUMNS.map((column) => [column, null])) as Journey;
  return Object.assign(empty, {
    natural_key: `j:${n}`,
    journey_id: 48_000_000 + n,
    operator_journey_id: text,
    start_at: '2024-04-16T06:10:00Z',
    start_local: '2024-04-16 08:10:00',
    distance_m: 17_050 + n,
    start_lat: 49.006 + n / 1000,
    cee_application: n % 2 === 0 ? 1 : 0,
    source_line: null,
  });
}

describe.each(STORE_ENGINES)('the demo load’s journeys (%s)', (engine) => {
  let store: TempStore;
  let db: Knex;

  beforeEach(async () => {
    if (engineMissing(engine)) return;
    store = new TempStore(engine);
    await store.ready();
    db = await openMigratedDatabase(store.storeAddress);
  });

  afterEach(async () => {
    if (engineMissing(engine)) return;
    await db.destroy();
    await store.cleanup();
  });

  it.skipIf(engineMissing(engine))('are stored value for value, and a journey already stored is left as it is', async () => {
    const trips = new TripsRepository(db);
    const batchId = await trips.createBatch({ jobId: null, source: 'test', format: 'demo', startedAt: '2026-11-28T10:00:00Z' });
    const first = [journey(1, 'tab\there'), journey(2, 'line\nfeed\r\n'), journey(3, 'back\\slash \\N')];
    expect(await trips.insertTrips(batchId, encodeTrips(first, TRIP_COLUMNS))).toBe(3);
    const again = [journey(2, 'changed'), journey(3, 'changed'), journey(4, '« € » 🚗')];
    expect(await trips.insertTrips(batchId, encodeTrips(again, TRIP_COLUMNS))).toBe(1);

    const stored = (await db('trips').orderBy('id').select(...TRIP_COLUMNS, 'batch_id')) as Array<Journey & { batch_id: number }>;
    expect(stored).toEqual([...first, again[2]].map((row) => ({ ...row, batch_id: batchId })));
  });
});
