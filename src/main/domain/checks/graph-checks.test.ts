import { describe, expect, it } from 'vitest';
import { runChecks } from './catalogue';
import type { CheckCode } from './check-parameters';
import { reconstituteIdentities } from './identity-clusters';
import type { TripRow } from '../trips/trip-row';
import { journey, NANTES, SAINT_NAZAIRE } from './testing/trip-fixture';

const run = (code: CheckCode, trips: TripRow[]) => runChecks(trips, {}, { only: [code] });
const at = (day: number, hhmm: string): string => `2024-01-${String(day).padStart(2, '0')}T${hhmm}`;

describe('G01 identity reconstitution', () => {
  const renamed = [
    journey({ key: 'a', start: at(3, '07:00'), driver: 'k1', operator_driver_id: 'acc' }),
    journey({ key: 'b', start: at(9, '07:00'), driver: 'k2', operator_driver_id: 'acc' }),
  ];

  it('links two identity keys used by one operator account into one person with aliases', () => {
    const [cluster] = reconstituteIdentities(renamed, 2, 2);
    expect(cluster?.identityKeys.sort()).toEqual(['k1', 'k2']);
    expect(cluster?.operatorUsers).toEqual(['1:acc']);
    expect(cluster?.aliases).toContainEqual({ alias: 'user:1:acc', journeySides: 2 });
    expect(run('G01', renamed)[0]).toMatchObject({ severity: 'warning', journeyKeys: ['a', 'b'], evidence: { identityKeys: 2 } });
  });

  it('does not merge persons with their own accounts, nor the same account number at two operators', () => {
    expect(run('G01', [journey({ key: 'a', start: at(3, '07:00') }), journey({ key: 'b', start: at(9, '07:00'), driver: 'other' })])).toEqual([]);
    expect(run('G01', renamed.map((t, k) => ({ ...t, operator_id: k + 1 })))).toEqual([]);
  });
});

describe('G02 role-swap pair', () => {
  const swap = (ways: number, gapDays = 1) => Array.from({ length: 2 * ways }, (_, k) => journey({
    key: `s${k}`, start: at(1 + (k % 2 === 0 ? k / 2 : (k - 1) / 2 + gapDays), '07:00'),
    driver: k % 2 === 0 ? 'A' : 'B', passenger: k % 2 === 0 ? 'B' : 'A',
  }));

  it('flags a couple who drove each other: warning once each way, high from 3 each way', () => {
    expect(run('G02', swap(1))[0]).toMatchObject({ severity: 'warning', persons: ['A', 'B'], evidence: { firstDroveSecond: 1, secondDroveFirst: 1 } });
    expect(run('G02', swap(3))[0]?.severity).toBe('high');
  });

  it('does not flag a commuter’s daily round trip, nor swaps more than 30 days apart', () => {
    expect(run('G02', [journey({ key: 'a', start: at(15, '07:00') }), journey({ key: 'b', start: at(15, '17:00'), from: SAINT_NAZAIRE, to: NANTES })])).toEqual([]);
    const far = [journey({ key: 'a', start: '2024-01-02T07:00', driver: 'A', passenger: 'B' }), journey({ key: 'b', start: '2024-03-10T07:00', driver: 'B', passenger: 'A' })];
    expect(run('G02', far)).toEqual([]);
  });
});

describe('G03 closed ring', () => {
  /** A, B, C drive each other `perDay` times a day (both directions of each pair every other slot). */
  const ring = (days: number, perDay: number) => {
    const slots: Array<[string, string]> = [['A', 'B'], ['B', 'C'], ['C', 'A'], ['B', 'A'], ['C', 'B'], ['A', 'C']];
    const trips: TripRow[] = [];
    for (let d = 0; d < days; d += 1) {
      for (let k = 0; k < perDay; k += 1) {
        const [driver, passenger] = slots[(d * perDay + k) % slots.length] as [string, string];
        trips.push(journey({ key: `r${d}-${k}`, start: at(2 + d, `${String(7 + 2 * k).padStart(2, '0')}:00`), driver, passenger }));
      }
    }
    return trips;
  };

  it('flags three persons who only drive each other, the busiest 4 trips a day', () => {
    expect(run('G03', ring(4, 6))[0]).toMatchObject({ severity: 'high', evidence: { members: 3 } });
  });

  it('does not flag the same triangle at one journey a day, nor when its members mostly ride with others', () => {
    expect(run('G03', ring(12, 1))).toEqual([]);
    const outsiders = Array.from({ length: 30 }, (_, k) => journey({ key: `o${k}`, start: at(2 + (k % 4), '20:00'), driver: ['A', 'B', 'C'][k % 3] as string, passenger: `x${k}` }));
    expect(run('G03', [...ring(4, 6), ...outsiders])).toEqual([]);
  });
});

describe('G06 cross-operator duplicate', () => {
  it('flags the same couple declared on two operators over the same time', () => {
    const flags = run('G06', [journey({ key: 'a', start: at(15, '07:00') }), journey({ key: 'b', start: at(15, '07:10'), operator_id: 2 })]);
    expect(flags[0]).toMatchObject({ severity: 'high', journeyKeys: ['a', 'b'], evidence: { operators: ['1', '2'] } });
  });

  it('does not flag consecutive journeys on two operators, nor the same couple twice on one operator', () => {
    expect(run('G06', [journey({ key: 'a', start: at(15, '07:00') }), journey({ key: 'b', start: at(15, '07:50'), operator_id: 2, from: SAINT_NAZAIRE, to: NANTES })])).toEqual([]);
    expect(run('G06', [journey({ key: 'a', start: at(15, '07:00') }), journey({ key: 'b', start: at(15, '07:10') })])).toEqual([]);
  });
});

describe('G07 simultaneous group', () => {
  /** Three drivers, each with their own passenger, same slot, same points, distances within 50 m: one car declared thrice. */
  const group = (change: (k: number) => Partial<TripRow> = () => ({})) => ['d1', 'd2', 'd3'].map((d, k) => journey({
    key: d, start: at(15, '07:00'), driver: d, passenger: `p${k}`, distance_m: 60_000 + 20 * k, ...change(k),
  }));

  it('flags three cars with distinct drivers and passengers leaving the same cell for the same cell, distances within 50 m', () => {
    expect(run('G07', group())[0]).toMatchObject({
      checkId: 'G07@2', severity: 'warning', persons: ['d1', 'd2', 'd3', 'p0', 'p1', 'p2'],
      evidence: { drivers: 3, passengers: 3, journeys: 3, startInsee: NANTES.insee, endInsee: SAINT_NAZAIRE.insee, distanceSpreadM: 40 },
    });
    // Truncation may put the same car on either side of a cell border: one cell apart still counts.
    expect(run('G07', group((k) => ({ start_lat: NANTES.lat + 0.001 * (k % 2) })))).toHaveLength(1);
  });

  it('does not flag commuters of the same communes and slot who leave from their own streets', () => {
    // Same communes, same slot, same declared distance (as the demo generator makes them), start points 300 m apart.
    expect(run('G07', group((k) => ({ start_lat: NANTES.lat + 0.003 * k, distance_m: 60_000 })))).toEqual([]);
  });

  it('does not flag one car with three passengers, one passenger in three cars, nor drivers whose distances differ', () => {
    expect(run('G07', ['p1', 'p2', 'p3'].map((p) => journey({ key: p, start: at(15, '07:00'), passenger: p, operator_trip_id: 'car' })))).toEqual([]);
    expect(run('G07', group(() => ({ passenger: 'same', operator_passenger_id: 'u-same' })))).toEqual([]);
    expect(run('G07', group((k) => ({ distance_m: 60_000 + 400 * k })))).toEqual([]);
  });
});

describe('G04 exclusive pair', () => {
  const together = Array.from({ length: 20 }, (_, k) => journey({ key: `t${k}`, start: at(1 + Math.floor(k / 2), k % 2 === 0 ? '07:00' : '17:00') }));

  it('flags two persons making 20 journeys a month almost only together', () => {
    expect(run('G04', together)[0]).toMatchObject({ severity: 'warning', persons: ['d', 'p'], evidence: { journeysTogether: 20, shareFirst: 1 } });
  });

  it('does not flag a driver who carries other passengers as often', () => {
    const others = Array.from({ length: 20 }, (_, k) => journey({ key: `o${k}`, start: at(1 + Math.floor(k / 2), k % 2 === 0 ? '09:00' : '19:00'), passenger: `q${k}` }));
    expect(run('G04', [...together, ...others])).toEqual([]);
  });
});

describe('G05 star driver', () => {
  const riders = (n: number) => Array.from({ length: n }, (_, k) => journey({ key: `s${k}`, start: at(2 + k, '07:00'), passenger: `q${k}` }));

  it('flags a driver whose five passengers never travel otherwise', () => {
    expect(run('G05', riders(5))[0]).toMatchObject({ persons: ['d', 'q0', 'q1', 'q2', 'q3', 'q4'], evidence: { exclusivePassengers: 5 } });
  });

  it('does not flag when the passengers also ride with other drivers', () => {
    const elsewhere = Array.from({ length: 5 }, (_, k) => journey({ key: `e${k}`, start: at(2 + k, '17:00'), driver: `other${k}`, passenger: `q${k}` }));
    expect(run('G05', [...riders(5), ...elsewhere])).toEqual([]);
  });
});
