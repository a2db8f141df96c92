import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATORS } from '../domain/demo/demo-geography';
import { generateDemoTrips } from '../domain/demo/generate-demo-trips';
import type { TripRow } from '../domain/trips/trip-row';
import { engineMissing, STORE_ENGINES } from '../testing/pg-test-database';
import { TempStore } from '../testing/temp-store';
import { migrateToLatest } from './connection';
import type { SqlEngine } from './store-address';
import { dayRuns, refreshStats } from './stats-refresh';
import { withStoreConnection } from './store-connection';

/**
 * The statistics refresh gives the same figures on both engines: the same generated journeys, inserted into a
 * SQLite store and a PostgreSQL store, give row-for-row identical aggregate tables after a refresh, and again after
 * one month is refreshed on its own (people's first journeys then merge with those already known).
 */

/** Every table the refresh writes. */
const TABLES = [
  'stats_day', 'stats_op_month', 'stats_hour_month', 'stats_com_month', 'stats_flow_month', 'stats_people_month', 'stats_newcomers_day',
  'people_first', 'map_flow_month', 'map_pair_month', 'map_area_month', 'map_place_month', 'map_place', 'map_month',
] as const;

const PERIOD = { from: '2026-08-01', to: '2026-10-31' };
const HOOKS = { progress: () => undefined, cancelled: () => false };

/**
 * The generated journeys, varied where the refresh reads NULLs: open data without status, identity keys (people
 * known by their operator's user id) or operator; journeys without positions; journeys ending abroad.
 */
function journeys(operatorIds: Record<string, number>): TripRow[] {
  const rows = [...generateDemoTrips({ seed: 14, journeys: 4_000, firstDay: PERIOD.from, days: 92, operatorIds })];
  rows.forEach((row, index) => {
    if (index % 7 === 0) Object.assign(row, { status: null, driver_identity_key: null, passenger_identity_key: null });
    if (index % 29 === 0) Object.assign(row, { operator_id: null, operator_trip_id: null });
    if (index % 11 === 0) Object.assign(row, { start_lat: null, start_lon: null });
    if (index % 13 === 0) Object.assign(row, { end_insee: null, end_com: null, end_epci: null, end_aom: null, end_dep: null, end_reg: null, end_country: '99134' });
  });
  return rows;
}

/** A migrated store of `engine` holding the generated journeys in one committed batch. */
async function filledStore(engine: SqlEngine): Promise<TempStore> {
  const store = new TempStore(engine);
  await store.ready();
  const db = store.sql();
  await migrateToLatest(db);
  const operatorIds: Record<string, number> = {};
  for (const operator of DEMO_OPERATORS) {
    const [row] = (await db('operators').insert({ name: operator.name, registry_uuid: operator.uuid }).returning('id')) as Array<{ id: number }>;
    operatorIds[operator.name] = Number(row?.id);
  }
  const [batch] = (await db('import_batches')
    .insert({ source: 'test', format: 'demo', status: 'committed', started_at: '2026-11-01T00:00:00Z' })
    .returning('id')) as Array<{ id: number }>;
  const rows = journeys(operatorIds).map((row) => ({ ...row, batch_id: Number(batch?.id) }));
  // 200 journeys of ~70 columns per statement: under SQLite's limit of bound values.
  for (let offset = 0; offset < rows.length; offset += 200) await db('trips').insert(rows.slice(offset, offset + 200));
  return store;
}

/** Orders rows on all their values, column after column (text byte order, as both stores compare keys). */
function byAllColumns(a: Record<string, unknown>, b: Record<string, unknown>): number {
  for (const key of Object.keys(a)) {
    const left = a[key] as string | number | null;
    const right = b[key] as string | number | null;
    if (left === right) continue;
    if (left === null) return -1;
    if (right === null) return 1;
    return left < right ? -1 : 1;
  }
  return 0;
}

/** Every aggregate table's rows, sorted (three map tables have no primary key: all columns order them). */
async function aggregates(store: TempStore): Promise<Record<string, Array<Record<string, unknown>>>> {
  const out: Record<string, Array<Record<string, unknown>>> = {};
  for (const table of TABLES) out[table] = ((await store.sql()(table).select('*')) as Array<Record<string, unknown>>).sort(byAllColumns);
  return out;
}

describe.skipIf(engineMissing('postgres'))('refreshStats on SQLite and PostgreSQL', () => {
  const stores = new Map<SqlEngine, TempStore>();

  beforeAll(async () => {
    for (const engine of STORE_ENGINES) stores.set(engine, await filledStore(engine));
  }, 120_000);

  afterAll(async () => {
    for (const store of stores.values()) await store.cleanup();
  });

  const refreshBoth = async (range: { from: string; to: string }): Promise<Array<Record<string, Array<Record<string, unknown>>>>> => {
    const results = [];
    for (const store of stores.values()) {
      const summary = await withStoreConnection(store.storeAddress, (db) => refreshStats(db, range, HOOKS));
      expect(summary.months.length).toBeGreaterThan(0);
      results.push(await aggregates(store));
    }
    return results;
  };

  it('writes identical aggregate tables from the same journeys', async () => {
    const [sqlite, postgres] = await refreshBoth(PERIOD);
    for (const table of TABLES) expect(sqlite?.[table]?.length, table).toBeGreaterThan(0);
    for (const table of TABLES) expect(postgres?.[table], table).toEqual(sqlite?.[table]);
  }, 120_000);

  it('stays identical when one month is refreshed again on its own', async () => {
    const [sqlite, postgres] = await refreshBoth({ from: '2026-09-01', to: '2026-09-30' });
    for (const table of TABLES) expect(postgres?.[table], table).toEqual(sqlite?.[table]);
  }, 120_000);
});

describe('dayRuns', () => {
  it('groups days into runs of consecutive days, across month ends, whatever their order and repeats', () => {
    expect(dayRuns(['2026-09-02', '2026-08-31', '2026-09-01', '2026-09-01', '2026-09-04', '2026-12-31', '2027-01-01'])).toEqual([
      ['2026-08-31', '2026-09-02'],
      ['2026-09-04', '2026-09-04'],
      ['2026-12-31', '2027-01-01'],
    ]);
    expect(dayRuns([])).toEqual([]);
  });
});

/**
 * The newcomers are rewritten only for the days a refresh changes: a store whose months are refreshed late, and
 * out of order, ends with the same tables as a store refreshed once over the whole period.
 */
describe.each(STORE_ENGINES)('refreshStats, month by month (%s)', (engine) => {
  const stores: TempStore[] = [];

  afterAll(async () => {
    for (const store of stores) await store.cleanup();
  });

  it.skipIf(engineMissing(engine))('moves newcomers to an earlier month refreshed afterwards, as a whole refresh counts them', async () => {
    const whole = await filledStore(engine);
    const late = await filledStore(engine);
    stores.push(whole, late);
    await withStoreConnection(whole.storeAddress, (db) => refreshStats(db, PERIOD, HOOKS));
    const newcomersIn = async (store: TempStore, month: string): Promise<number> => {
      const [row] = (await store.sql()('stats_newcomers_day').where('level', 'country').where('direction', 'from').where('day', 'like', `${month}-%`).sum({ n: 'new_drivers' })) as Array<{ n: number | string | null }>;
      return Number(row?.n ?? 0);
    };

    // September and October first: their first journeys are everyone's until August is known.
    await withStoreConnection(late.storeAddress, (db) => refreshStats(db, { from: '2026-09-01', to: '2026-10-31' }, HOOKS));
    const septemberBefore = await newcomersIn(late, '2026-09');
    expect(await newcomersIn(late, '2026-08')).toBe(0);
    await withStoreConnection(late.storeAddress, (db) => refreshStats(db, { from: '2026-08-01', to: '2026-08-31' }, HOOKS));

    // The drivers first seen in August leave September's and October's newcomers.
    expect(await newcomersIn(late, '2026-08')).toBeGreaterThan(0);
    expect(await newcomersIn(late, '2026-09')).toBeLessThan(septemberBefore);
    const [expected, actual] = [await aggregates(whole), await aggregates(late)];
    for (const table of TABLES) expect(actual[table], table).toEqual(expected[table]);
  }, 120_000);
});
