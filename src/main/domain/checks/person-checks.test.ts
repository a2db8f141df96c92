import { describe, expect, it } from 'vitest';
import { runChecks } from './catalogue';
import type { CheckCode } from './check-parameters';
import type { TripRow } from '../trips/trip-row';
import { journey, LE_MANS, NANTES, SAINT_NAZAIRE } from './testing/trip-fixture';

const run = (code: CheckCode, trips: TripRow[]) => runChecks(trips, {}, { only: [code] });
const at = (day: number, hhmm: string): string => `2024-01-${String(day).padStart(2, '0')}T${hhmm}`;

describe('H01 trips per day', () => {
  const day = (n: number, operatorOf: (k: number) => number = () => 1) =>
    Array.from({ length: n }, (_, k) => journey({ key: `t${k}`, start: at(15, `${String(6 + 2 * k).padStart(2, '0')}:00`), operator_id: operatorOf(k) }));

  it('flags 5 distinct trips in a Paris day (high), tells operator from interoperator scope, and 4 as information', () => {
    expect(run('H01', day(5))[0]).toMatchObject({ severity: 'high', evidence: { trips: 5, scope: 'operator' } });
    expect(run('H01', day(5, (k) => (k < 3 ? 1 : 2)))[0]?.evidence).toMatchObject({ scope: 'interoperator', maxTripsOneOperator: 3 });
    expect(run('H01', day(4)).map((f) => f.severity)).toEqual(['info', 'info']);
  });

  it('counts a car with three passengers as one trip for its driver', () => {
    const car = (trip: string, hh: string) => ['p1', 'p2', 'p3'].map((p) => journey({ key: `${trip}-${p}`, start: at(15, hh), passenger: p, operator_trip_id: trip }));
    expect(run('H01', [...car('a', '07:00'), ...car('b', '17:00')])).toEqual([]);
  });
});

describe('H02 self-overlap', () => {
  it('flags a certain overlap (high) and a possible one covering most of the shorter journey (warning)', () => {
    const certain = run('H02', [journey({ key: 'a', start: at(15, '07:00'), driver: 'x' }), journey({ key: 'b', start: at(15, '07:20'), driver: 'z', passenger: 'x' })]);
    expect(certain).toHaveLength(1);
    expect(certain[0]).toMatchObject({ severity: 'high', persons: ['x'], evidence: { overlap: 'certain' } });
    const possible = run('H02', [
      journey({ key: 'a', start: at(15, '07:00'), minutes: 20, driver: 'x' }),
      journey({ key: 'b', start: at(15, '07:10'), minutes: 10, driver: 'z', passenger: 'x' }),
    ]);
    expect(possible[0]).toMatchObject({ severity: 'warning', evidence: { overlap: 'possible', overlapRatio: 1 } });
  });

  it('does not flag a driver carrying three passengers in one car, even declared as three trips', () => {
    const passengers = ['p1', 'p2', 'p3'];
    expect(run('H02', passengers.map((p) => journey({ key: p, start: at(15, '07:00'), passenger: p, operator_trip_id: 'car' })))).toEqual([]);
    expect(run('H02', passengers.map((p, k) => journey({ key: p, start: at(15, `07:${k}0`), passenger: p })))).toEqual([]);
  });

  it('does not flag chained journeys nor a 10-minute overlap that the ceiled times may create', () => {
    const chained = [journey({ key: 'a', start: at(15, '07:00'), driver: 'x' }), journey({ key: 'b', start: at(15, '07:50'), driver: 'z', passenger: 'x' })];
    expect(run('H02', chained)).toEqual([]);
    const touching = [journey({ key: 'a', start: at(15, '07:00'), minutes: 60, driver: 'x' }), journey({ key: 'b', start: at(15, '07:50'), minutes: 40, driver: 'z', passenger: 'x' })];
    expect(run('H02', touching)).toEqual([]);
  });
});

describe('H03 same couple too close', () => {
  it('flags the same couple on two trips 20 minutes apart: high across operators, warning on one', () => {
    const pair = (operator: number) => [journey({ key: 'a', start: at(15, '07:00') }), journey({ key: 'b', start: at(15, '08:10'), driver: 'p', passenger: 'd', operator_id: operator })];
    expect(run('H03', pair(2))[0]).toMatchObject({ severity: 'high', evidence: { gapS: 1200, crossOperator: true } });
    expect(run('H03', pair(1))[0]?.severity).toBe('warning');
  });

  it('does not flag a commuter couple’s morning and evening journeys', () => {
    expect(run('H03', [journey({ key: 'a', start: at(15, '07:00') }), journey({ key: 'b', start: at(15, '17:00'), from: SAINT_NAZAIRE, to: NANTES })])).toEqual([]);
  });
});

describe('H04 teleport', () => {
  it('flags a person leaving Le Mans 10 minutes after arriving in Saint-Nazaire', () => {
    const flags = run('H04', [journey({ key: 'a', start: at(15, '07:00'), driver: 'x' }), journey({ key: 'b', start: at(15, '08:00'), driver: 'x', from: LE_MANS, to: NANTES, distance_m: 190_000, duration_s: 7200, minutes: 120 })]);
    expect(flags[0]).toMatchObject({ severity: 'high', journeyKeys: ['a', 'b'], persons: ['x'] });
  });

  it('does not flag the next journey from where the last one ended, nor a far start hours later', () => {
    const back = journey({ key: 'b', start: at(15, '08:00'), driver: 'x', from: SAINT_NAZAIRE, to: NANTES });
    expect(run('H04', [journey({ key: 'a', start: at(15, '07:00'), driver: 'x' }), back])).toEqual([]);
    const later = journey({ key: 'b', start: at(15, '12:00'), driver: 'x', from: LE_MANS, to: NANTES, distance_m: 190_000, duration_s: 7200, minutes: 120 });
    expect(run('H04', [journey({ key: 'a', start: at(15, '07:00'), driver: 'x' }), later])).toEqual([]);
  });
});

describe('H05 role switching', () => {
  it('flags A driving B in the morning and B driving A in the evening (high), and the role flips (information)', () => {
    const flags = run('H05', [journey({ key: 'a', start: at(15, '07:00'), driver: 'A', passenger: 'B' }), journey({ key: 'b', start: at(15, '17:00'), driver: 'B', passenger: 'A' })]);
    expect(flags.find((f) => f.severity === 'high')).toMatchObject({ persons: ['A', 'B'], evidence: { kind: 'same_day_swap' } });
    expect(flags.filter((f) => f.severity === 'info')).toHaveLength(2);
  });

  it('does not flag a commuter driving the same colleague both ways', () => {
    expect(run('H05', [journey({ key: 'a', start: at(15, '07:00') }), journey({ key: 'b', start: at(15, '17:00'), from: SAINT_NAZAIRE, to: NANTES })])).toEqual([]);
  });
});

describe('H06 robotic regularity', () => {
  it('flags 12 identical journeys at the same minute in a month', () => {
    const robot = Array.from({ length: 12 }, (_, k) => journey({ key: `r${k}`, start: at(k + 2, '06:30'), passenger: `p${k}` }));
    expect(run('H06', robot)[0]).toMatchObject({ severity: 'warning', persons: ['d'], evidence: { trips: 12, distanceStdM: 0 } });
  });

  it('does not flag a commuter’s mornings and evenings', () => {
    const commuter = Array.from({ length: 12 }, (_, k) => (k % 2 === 0
      ? journey({ key: `c${k}`, start: at(k + 2, '06:30') })
      : journey({ key: `c${k}`, start: at(k + 2, '16:40'), from: SAINT_NAZAIRE, to: NANTES })));
    expect(run('H06', commuter)).toEqual([]);
  });
});

describe('H07 volume and earnings', () => {
  const month = (incentive: number, perDay: number) => Array.from({ length: 20 * perDay }, (_, k) => journey({
    key: `m${k}`, start: at(1 + Math.floor(k / perDay), `${String(6 + 3 * (k % perDay)).padStart(2, '0')}:00`), rpc_incentive_0_cents: incentive,
  }));

  it('flags more than 150 € of RPC incentives in a month as driver, or 3 trips per active day', () => {
    expect(run('H07', month(400, 2)).find((f) => f.persons[0] === 'd')?.evidence).toMatchObject({ incentiveCents: 16_000 });
    expect(run('H07', month(0, 3)).map((f) => f.persons[0])).toEqual(['d', 'p']);
  });

  it('does not flag a commuter’s two trips a day at 2 € each', () => {
    expect(run('H07', month(200, 2))).toEqual([]);
  });
});

describe('H08 night share', () => {
  it('flags a person whose journeys mostly start at night (Paris)', () => {
    const nights = Array.from({ length: 10 }, (_, k) => journey({ key: `n${k}`, start: at(k + 2, '22:30'), passenger: `p${k}` }));
    expect(run('H08', nights)[0]).toMatchObject({ persons: ['d'], evidence: { nightJourneys: 10 } });
    const days = Array.from({ length: 10 }, (_, k) => journey({ key: `n${k}`, start: at(k + 2, '07:30'), passenger: `p${k}` }));
    expect(run('H08', days)).toEqual([]);
  });
});

describe('H09 account churn', () => {
  it('flags one operator account under two identity keys in a month', () => {
    const flags = run('H09', [journey({ key: 'a', start: at(3, '07:00'), driver: 'k1', operator_driver_id: 'acc' }), journey({ key: 'b', start: at(9, '07:00'), driver: 'k2', operator_driver_id: 'acc' })]);
    expect(flags[0]).toMatchObject({ persons: ['k1', 'k2'], evidence: { kind: 'user_with_several_keys', account: 'acc' } });
  });

  it('does not flag the same account and key all month, nor a key with two accounts at one operator', () => {
    expect(run('H09', [journey({ key: 'a', start: at(3, '07:00') }), journey({ key: 'b', start: at(9, '07:00') })])).toEqual([]);
    expect(run('H09', [journey({ key: 'a', start: at(3, '07:00'), operator_driver_id: 'old' }), journey({ key: 'b', start: at(9, '07:00'), operator_driver_id: 'new' })])).toEqual([]);
  });
});
