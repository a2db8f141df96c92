import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { TripRow } from '../trips/trip-row';
import { utcToParisLocal } from '../time/paris-time';
import { DEMO_AOM_NAMES, DEMO_COMMUNES, DEMO_OPERATORS, PAYS_DE_LA_LOIRE } from './demo-geography';
import { generateDemoTrips, type DemoOptions } from './generate-demo-trips';

const OPERATOR_IDS: Record<string, number> = Object.fromEntries(DEMO_OPERATORS.map((operator, i) => [operator.name, i + 1]));

function generate(overrides: Partial<DemoOptions> = {}): TripRow[] {
  return [...generateDemoTrips({ seed: 42, journeys: 2_000, firstDay: '2026-08-01', days: 92, operatorIds: OPERATOR_IDS, ...overrides })];
}

/** 0 = Sunday, from the local calendar day of `start_local`. */
function weekdayOf(row: TripRow): number {
  const [y, m, d] = row.start_local.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

// 20,000 journeys over three months, shared by the statistical checks.
const LARGE = generate({ journeys: 20_000, seed: 20_241_001 });

describe('generateDemoTrips — reproducibility and size', () => {
  it('gives identical rows for the same seed and different rows for another seed', () => {
    expect(generate({ seed: 42 })).toEqual(generate({ seed: 42 }));
    const other = generate({ seed: 43 });
    const keys = new Set(generate({ seed: 42 }).map((row) => row.natural_key));
    expect(other.filter((row) => keys.has(row.natural_key))).toEqual([]);
    expect(other.map((row) => row.driver_identity_key)).not.toEqual(generate({ seed: 42 }).map((row) => row.driver_identity_key));
  });

  it.each([1, 7, 100, 1_234, 5_000])('produces exactly %i journeys with unique natural keys', (journeys) => {
    const rows = generate({ journeys });
    expect(rows).toHaveLength(journeys);
    expect(new Set(rows.map((row) => row.natural_key)).size).toBe(journeys);
  });

  it('produces exactly the requested count even over a single day', () => {
    expect(generate({ journeys: 500, days: 1 })).toHaveLength(500);
  });
});

describe('generateDemoTrips — realism', () => {
  it('is chronological by start_at and stays inside the period', () => {
    const starts = LARGE.map((row) => row.start_at);
    expect(starts).toEqual([...starts].sort());
    expect(LARGE[0]?.start_local.slice(0, 10)).toMatch(/^2026-08-0/);
    expect(LARGE.at(-1)?.start_local.slice(0, 10)).toMatch(/^2026-10-3/);
    for (const row of LARGE) expect(row.end_at !== null && row.end_at >= row.start_at).toBe(true);
  });

  it('keeps distances between 2 and 80 km', () => {
    const distances = LARGE.map((row) => row.distance_m ?? -1);
    expect(Math.min(...distances)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...distances)).toBeLessThanOrEqual(80_000);
  });

  it('draws proof classes A/B/C at about 1 / 10 / 89 %', () => {
    const share = (cls: string): number => LARGE.filter((row) => row.operator_class === cls).length / LARGE.length;
    expect(share('A')).toBeGreaterThan(0.004);
    expect(share('A')).toBeLessThan(0.018);
    expect(share('B')).toBeGreaterThan(0.085);
    expect(share('B')).toBeLessThan(0.115);
    expect(share('C')).toBeGreaterThan(0.87);
    expect(share('C')).toBeLessThan(0.91);
  });

  it('puts 1 to 3 journeys (passengers) on each car trip, mostly 1', () => {
    const perTrip = new Map<string, number>();
    for (const row of LARGE) if (row.operator_trip_id !== null) perTrip.set(row.operator_trip_id, (perTrip.get(row.operator_trip_id) ?? 0) + 1);
    const sizes = [...perTrip.values()];
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(3);
    expect(sizes.filter((n) => n === 1).length / sizes.length).toBeGreaterThan(0.6);
    // Passengers of one car share its driver, times and route.
    const byTrip = new Map<string, TripRow>();
    for (const row of LARGE) {
      if (row.operator_trip_id === null) continue;
      const first = byTrip.get(row.operator_trip_id);
      if (!first) byTrip.set(row.operator_trip_id, row);
      else expect([row.driver_identity_key, row.start_at, row.start_insee, row.end_insee]).toEqual([first.driver_identity_key, first.start_at, first.start_insee, first.end_insee]);
    }
  });

  it('carries far more journeys on weekdays than on Sundays', () => {
    const days = new Map<string, number>();
    for (const row of LARGE) days.set(row.start_local.slice(0, 10), (days.get(row.start_local.slice(0, 10)) ?? 0) + 1);
    const perDay = (weekdays: number[]): number => {
      const matching = [...days.entries()].filter(([day]) => weekdays.includes(new Date(`${day}T00:00:00Z`).getUTCDay()));
      return matching.reduce((sum, [, n]) => sum + n, 0) / matching.length;
    };
    const weekday = perDay([1, 2, 3, 4]);
    const sunday = perDay([0]);
    expect(weekday).toBeGreaterThan(5 * sunday);
    expect(LARGE.filter((row) => weekdayOf(row) === 0).length).toBeGreaterThan(0);
  });

  it('uses morning and evening commuting hours', () => {
    const hours = LARGE.map((row) => Number(row.start_local.slice(11, 13)));
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...hours)).toBeLessThanOrEqual(20);
    expect(hours.filter((h) => h >= 6 && h < 10).length / hours.length).toBeGreaterThan(0.4);
    expect(hours.filter((h) => h >= 16).length / hours.length).toBeGreaterThan(0.3);
  });

  it('fills every location from the demo geography and the operators from the given ids', () => {
    const communes = new Map(DEMO_COMMUNES.map((commune) => [commune.code, commune]));
    for (const row of LARGE.slice(0, 2_000)) {
      for (const end of ['start', 'end'] as const) {
        const commune = communes.get(row[`${end}_insee`] ?? '');
        expect(commune).toBeDefined();
        expect([row[`${end}_com`], row[`${end}_epci`], row[`${end}_aom`], row[`${end}_dep`], row[`${end}_reg`]]).toEqual([
          commune?.code,
          commune?.epci,
          commune?.aom,
          commune?.dep,
          PAYS_DE_LA_LOIRE,
        ]);
      }
    }
    expect(new Set(LARGE.map((row) => row.operator_id))).toEqual(new Set(Object.values(OPERATOR_IDS)));
  });
});

describe('generateDemoTrips — time zone', () => {
  it.each([
    ['autumn (last Sunday of October)', '2026-10-15', '2026-10-24', '2026-10-26'],
    ['spring (last Sunday of March)', '2026-03-20', '2026-03-28', '2026-03-30'],
  ])('keeps local and UTC times coherent across the %s change', (_label, firstDay, dayBefore, dayAfter) => {
    const rows = generate({ firstDay, days: 20, journeys: 5_000 });
    for (const row of rows) {
      expect(utcToParisLocal(row.start_at)).toBe(row.start_local);
      expect(utcToParisLocal(row.end_at ?? '')).toBe(row.end_local);
    }
    const offsetHours = (row: TripRow): number =>
      (Date.parse(`${row.start_local.replace(' ', 'T')}Z`) - Date.parse(row.start_at)) / 3_600_000;
    const before = rows.filter((row) => row.start_local.startsWith(dayBefore));
    const after = rows.filter((row) => row.start_local.startsWith(dayAfter));
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    const summerFirst = firstDay.startsWith('2026-10');
    expect(new Set(before.map(offsetHours))).toEqual(new Set([summerFirst ? 2 : 1]));
    expect(new Set(after.map(offsetHours))).toEqual(new Set([summerFirst ? 1 : 2]));
  });
});

describe('demo geography', () => {
  interface EtalabCommune {
    code: string;
    nom: string;
    type: string;
    departement: string;
    region: string;
  }
  interface EtalabEpci {
    code: string;
    nom: string;
    membres: Array<{ code: string }>;
  }
  const require = createRequire(import.meta.url);
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[];
  const epcis = require('@etalab/decoupage-administratif/data/epci.json') as EtalabEpci[];
  const REGION_AOM = '234400034';

  it.each(DEMO_COMMUNES.map((commune) => [commune.code, commune] as const))('%s is a current commune with the right name, département and EPCI', (code, commune) => {
    const official = communes.filter((c) => c.code === code && c.type === 'commune-actuelle');
    expect(official).toHaveLength(1);
    expect(official[0]).toMatchObject({ nom: commune.name, departement: commune.dep, region: PAYS_DE_LA_LOIRE });
    const memberOf = epcis.filter((epci) => epci.membres.some((member) => member.code === code)).map((epci) => epci.code);
    expect(memberOf).toEqual([commune.epci]);
  });

  it('has one entry per commune and a named AOM for each (its own EPCI, or the Région)', () => {
    expect(new Set(DEMO_COMMUNES.map((commune) => commune.code)).size).toBe(DEMO_COMMUNES.length);
    for (const commune of DEMO_COMMUNES) {
      expect([commune.epci, REGION_AOM]).toContain(commune.aom);
      expect(DEMO_AOM_NAMES[commune.aom]).toBeTruthy();
    }
  });
});
