import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { StatsQuery } from '../../shared/types/stats';
import type { TripRow } from '../domain/trips/trip-row';
import type { AppServices } from './app-services';
import { TempStore } from '../testing/temp-store';

/**
 * The statistics aggregates against the journeys themselves: every figure the dashboard shows is recomputed here
 * in plain JavaScript from the stored rows (the oracle) and must match what the `stats.refresh` job and the
 * aggregate queries give, for each direction.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
const NANTES_METROPOLE = '244400404';
let store: TempStore;
let services: AppServices;
let trips: TripRow[];

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  const loaded = await services.runner.wait(await services.demo.start({ trips: 3_000, seed: 21 }));
  expect(loaded?.status).toBe('done');
  const refreshed = await services.runner.wait((await services.stats.refresh()) ?? '');
  expect(refreshed).toMatchObject({ kind: 'stats.refresh', status: 'done' });
  trips = (await store.sql()('trips').select('*')) as TripRow[];
});

afterAll(async () => {
  await store.cleanup();
});

afterEach(() => undefined);

type Direction = StatsQuery['direction'];

/** Journeys of the oracle for a territory and direction (status ok only, as the registry's statistics). */
function selected(level: 'aom' | 'com' | 'dep', code: string, direction: Direction, from: string, to: string): TripRow[] {
  const at = (trip: TripRow, end: 'start' | 'end'): string | null => (level === 'com' ? trip[`${end}_insee`] : trip[`${end}_${level}`]);
  return trips.filter((trip) => {
    if (trip.status !== 'ok') return false;
    const day = trip.start_local.slice(0, 10);
    if (day < from || day > to) return false;
    const s = at(trip, 'start') === code;
    const e = at(trip, 'end') === code;
    return direction === 'from' ? s : direction === 'to' ? e : direction === 'intra' ? s && e : s || e;
  });
}

function query(overrides: Partial<StatsQuery> = {}) {
  return services.stats.query({ level: 'aom', code: NANTES_METROPOLE, direction: 'both', from: '2026-08-01', to: '2026-10-31', granularity: 'month', ...overrides });
}

describe('StatsService.query — reconciles with the stored journeys', () => {
  it.each(['from', 'to', 'both', 'intra'] as const)('direction %s: key figures, distributions and trend', async (direction) => {
    const result = await query({ direction });
    const rows = selected('aom', NANTES_METROPOLE, direction, '2026-08-01', '2026-10-31');
    expect(rows.length).toBeGreaterThan(100);
    const carTrips = new Set(rows.map((t) => `${t.operator_id}:${t.operator_trip_id ?? t.natural_key}`));
    const seats = rows.reduce((sum, t) => sum + (t.seats ?? 1), 0);
    const distance = rows.reduce((sum, t) => sum + (t.distance_m ?? 0), 0);
    const seatDistance = rows.reduce((sum, t) => sum + (t.distance_m ?? 0) * (t.seats ?? 1), 0);
    const rpc = rows.reduce((sum, t) => sum + (t.rpc_incentive_0_cents ?? 0), 0);

    expect(result.territory).toEqual({ level: 'aom', code: NANTES_METROPOLE, name: 'Nantes Métropole' });
    expect(result.key.journeys).toBe(rows.length);
    expect(result.key.passengers).toBe(seats);
    expect(result.key.rpcCents).toBe(rpc);
    expect(result.key.incented).toBe(rows.filter((t) => (t.rpc_incentive_0_cents ?? 0) > 0).length);
    expect(result.key.meanDistanceKm).toBeCloseTo(distance / 1000 / rows.length, 9);
    expect(result.key.co2Tonnes).toBeCloseTo((seatDistance / 1000) * 0.000195, 9);
    // Car trips are counted per day (a car trip happens on one day), so the sum over days equals the distinct count.
    expect(result.key.trips).toBe(carTrips.size);
    expect(result.key.peoplePerVehicle).toBeCloseTo((carTrips.size + seats) / carTrips.size, 9);

    const hours = Array.from({ length: 24 }, () => 0);
    const weekdays = [0, 0, 0, 0, 0, 0, 0];
    const bands = [0, 0, 0, 0, 0, 0];
    const months = new Map<string, number>();
    for (const t of rows) {
      const hour = Number(t.start_local.slice(11, 13));
      const weekday = (new Date(`${t.start_local.slice(0, 10)}T00:00:00Z`).getUTCDay() + 6) % 7;
      const band = Math.min(5, Math.floor((t.distance_m ?? 0) / 10_000));
      hours[hour] = (hours[hour] ?? 0) + 1;
      weekdays[weekday] = (weekdays[weekday] ?? 0) + 1;
      bands[band] = (bands[band] ?? 0) + 1;
      months.set(t.start_local.slice(0, 7), (months.get(t.start_local.slice(0, 7)) ?? 0) + 1);
    }
    expect(result.byHour).toEqual(hours);
    expect(result.byWeekday).toEqual(weekdays);
    expect(result.distanceBands).toEqual(bands);
    expect(result.series.map((point) => [point.period, point.journeys])).toEqual([...months].sort());
    expect(result.byClass.reduce((sum, row) => sum + row.journeys, 0)).toBe(rows.length);
    expect(result.byOperator.reduce((sum, row) => sum + row.journeys, 0)).toBe(rows.length);
  });

  it('counts distinct carpoolers per month and newcomers from their first journey', async () => {
    const result = await query({ direction: 'from' });
    const rows = selected('aom', NANTES_METROPOLE, 'from', '2026-08-01', '2026-10-31');
    let expected = 0;
    for (const month of ['2026-08', '2026-09', '2026-10']) {
      const inMonth = rows.filter((t) => t.start_local.startsWith(month));
      expected += new Set(inMonth.map((t) => t.driver_identity_key)).size + new Set(inMonth.map((t) => t.passenger_identity_key)).size;
    }
    expect(result.key.carpoolers).toBe(expected);

    // A driver is new in the period when their first journey (any status ok, anywhere) starts in it from the territory.
    const first = new Map<string, TripRow>();
    for (const t of [...trips].filter((x) => x.status === 'ok').sort((a, b) => a.start_at.localeCompare(b.start_at))) {
      if (t.driver_identity_key && !first.has(t.driver_identity_key)) first.set(t.driver_identity_key, t);
    }
    const newDrivers = [...first.values()].filter((t) => t.start_aom === NANTES_METROPOLE).length;
    expect(result.key.newDrivers).toBe(newDrivers);
  });

  it('weeks start on Monday, days are listed one by one, and a period narrows everything', async () => {
    const weeks = await query({ granularity: 'week', from: '2026-09-07', to: '2026-09-20' });
    expect(weeks.series.map((point) => point.period)).toEqual(['2026-09-07', '2026-09-14']);
    const days = await query({ granularity: 'day', from: '2026-09-07', to: '2026-09-08' });
    expect(days.series.map((point) => point.period)).toEqual(['2026-09-07', '2026-09-08']);
    expect(days.key.journeys).toBe(selected('aom', NANTES_METROPOLE, 'both', '2026-09-07', '2026-09-08').length);
  });

  it('marks exactly the steps the period or the store’s data cut as partial, with the days they count', async () => {
    // The demo store covers 2026-08-01 (a Saturday) to 2026-10-31 (a Saturday).
    const weeks = (await query({ granularity: 'week' })).series;
    expect(weeks.filter((point) => point.partial).map(({ period, from, to }) => ({ period, from, to }))).toEqual([
      { period: '2026-07-27', from: '2026-08-01', to: '2026-08-02' },
      { period: '2026-10-26', from: '2026-10-26', to: '2026-10-31' },
    ]);
    expect(weeks.slice(1, -1).every((point) => !point.partial)).toBe(true);
    expect(weeks.find((point) => point.period === '2026-07-27')?.journeys).toBe(selected('aom', NANTES_METROPOLE, 'both', '2026-08-01', '2026-08-02').length);

    // A period past the store's last day cuts nothing more: October is whole, November holds no step.
    const months = (await query({ from: '2026-08-15', to: '2026-11-30' })).series;
    expect(months.map(({ period, from, to, partial }) => ({ period, from, to, partial }))).toEqual([
      { period: '2026-08', from: '2026-08-15', to: '2026-08-31', partial: true },
      { period: '2026-09', from: '2026-09-01', to: '2026-09-30', partial: false },
      { period: '2026-10', from: '2026-10-01', to: '2026-10-31', partial: false },
    ]);
    expect((await query()).series.some((point) => point.partial)).toBe(false);
  });

  it('lists top origin–destination pairs touching the territory and its busiest communes', async () => {
    const result = await query();
    expect(result.topFlows.length).toBeGreaterThan(0);
    const pair = result.topFlows[0];
    const expected = trips.filter(
      (t) => t.status === 'ok' && t.start_insee !== t.end_insee && [t.start_insee, t.end_insee].sort().join('|') === [pair?.code1, pair?.code2].join('|'),
    ).length;
    expect(pair?.journeys).toBe(expected);
    expect(result.topFlows.map((flow) => flow.journeys)).toEqual([...result.topFlows.map((flow) => flow.journeys)].sort((a, b) => b - a));
    expect(result.topTerritories[0]).toMatchObject({ code: '44109', name: 'Nantes' });
    expect(result.topTerritories[0]?.journeys).toBe(selected('com', '44109', 'both', '2026-08-01', '2026-10-31').length);
  });

  it('lists territories of a level with names, and reports the period covered', async () => {
    const deps = await services.stats.territories('dep');
    expect(deps[0]).toMatchObject({ code: '44', name: 'Loire-Atlantique' });
    expect(deps[0]?.journeys).toBe(trips.filter((t) => t.status === 'ok' && t.start_dep === '44').length);
    expect(await services.stats.period()).toEqual({ from: '2026-08-01', to: '2026-10-31' });
  });

  it('refreshes a range from 1900 to 9999 in the months that hold journeys or aggregates only', async () => {
    const before = await query();
    const done = await services.runner.wait((await services.stats.refresh({ from: '1900-01-01', to: '9999-12-31' })) ?? '');
    expect(done?.summary).toMatchObject({ months: ['2026-08', '2026-09', '2026-10'], journeys: trips.filter((t) => t.status === 'ok').length });
    expect({ ...(await query()), elapsedMs: 0 }).toEqual({ ...before, elapsedMs: 0 });
  });
});
