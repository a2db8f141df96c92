import { describe, expect, it } from 'vitest';
import { OP, reasonsOf, ruleDefinition, runOf, trip } from './testing/trips';
import type { CampaignTrip } from './campaign-trip';

/** Whether a trip is eligible under a single condition. */
function eligible(predicate: unknown, overrides: Partial<CampaignTrip>, fields: Record<string, unknown> = {}, lists?: Record<string, string[]>): boolean {
  return runOf(ruleDefinition(predicate, undefined, fields), lists ? { lists } : {}).evaluate(trip(overrides)).eligible;
}

describe('distance', () => {
  it.each([
    ['[)', [true, true, false]],
    ['[]', [true, true, true]],
    ['(]', [false, true, true]],
    ['()', [false, true, false]],
  ] as const)('bounds %s at min, inside and max', (bounds, expected) => {
    const predicate = { type: 'distance', min_m: 2000, max_m: 80000, bounds };
    expect([2000, 40000, 80000].map((distance) => eligible(predicate, { distance }))).toEqual(expected);
  });

  it('leaves a missing bound open and explains a failure with the trip’s distance', () => {
    expect(eligible({ type: 'distance', min_m: 4999, bounds: '[)' }, { distance: 4999 })).toBe(true);
    expect(eligible({ type: 'distance', min_m: 4999, bounds: '[)' }, { distance: 4998 })).toBe(false);
    const result = runOf(ruleDefinition({ type: 'distance', max_m: 30000, bounds: '[]' })).evaluate(trip({ distance: 30001 }));
    expect(result.reasons).toEqual([{ code: 'distance', message: 'condition non remplie : distance ≤ 30 km (trajet : 30,001 km)' }]);
  });
});

describe('territory', () => {
  const inNantes = { aom: '244400404', com: '44109' };
  const inAngers = { aom: '244900015', com: '49007' };
  const selector = { aom: ['244400404'] };
  it.each([
    ['start', [true, true, false, false]],
    ['end', [true, false, true, false]],
    ['both', [true, false, false, false]],
    ['either', [true, true, true, false]],
  ] as const)('%s', (at, expected) => {
    const predicate = { type: 'territory', at, in: selector };
    const pairs = [
      [inNantes, inNantes],
      [inNantes, inAngers],
      [inAngers, inNantes],
      [inAngers, inAngers],
    ] as const;
    expect(pairs.map(([start, end]) => eligible(predicate, { start, end }))).toEqual(expected);
  });

  it('matches a place on any level of the selector, and reads named lists', () => {
    const predicate = { type: 'territory', at: 'both', in: { com: { list: 'communes' }, epci: ['200067106'] } };
    const fields = { lists: { communes: { kind: 'codes', values: ['44109'] } } };
    expect(eligible(predicate, { start: { com: '44109' }, end: { epci: '200067106' } }, fields)).toBe(true);
    expect(eligible(predicate, { start: { com: '44109' }, end: { epci: '200067107' } }, fields)).toBe(false);
    expect(eligible(predicate, { start: { com: '44110' }, end: { epci: '200067106' } }, fields, { communes: ['44110'] })).toBe(true);
  });

  it('reads the campaign’s own selector, as overridden at run time', () => {
    const definition = ruleDefinition({ type: 'territory', at: 'both', in: 'campaign' }, undefined, { territory: { aom: ['244400404'] } });
    const nantes = { aom: '244400404' };
    const laval = { epci: '200083392' };
    expect(runOf(definition).evaluate(trip({ start: nantes, end: nantes })).eligible).toBe(true);
    expect(runOf(definition).evaluate(trip({ start: nantes, end: laval })).eligible).toBe(false);
    expect(runOf(definition, { selector: { epci: ['200083392'] } }).evaluate(trip({ start: laval, end: laval })).eligible).toBe(true);
  });
});

describe('same_code', () => {
  it('holds only for the same known code', () => {
    const predicate = { type: 'same_code', level: 'aom' };
    expect(eligible(predicate, { start: { aom: 'A' }, end: { aom: 'A' } })).toBe(true);
    expect(eligible(predicate, { start: { aom: 'A' }, end: { aom: 'B' } })).toBe(false);
    expect(eligible(predicate, { start: { aom: null }, end: { aom: null } })).toBe(false);
  });
});

describe('inside_shape', () => {
  const square = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] };
  const fields = { shapes: { square: { geometry: square } } };
  const at = (lon: number | null, lat: number | null, endLon: number | null, endLat: number | null) => ({
    start_lon: lon,
    start_lat: lat,
    end_lon: endLon,
    end_lat: endLat,
  });
  it('tests both points against the polygon minus its holes; unknown coordinates are outside', () => {
    const predicate = { type: 'inside_shape', at: 'both', shape: 'square' };
    expect(eligible(predicate, at(1, 1, 9, 9), fields)).toBe(true);
    expect(eligible(predicate, at(1, 1, 5, 5), fields)).toBe(false);
    expect(eligible(predicate, at(1, 1, 11, 9), fields)).toBe(false);
    expect(eligible(predicate, at(1, 1, null, null), fields)).toBe(false);
    expect(eligible({ ...predicate, at: 'either' }, at(1, 1, null, null), fields)).toBe(true);
  });
});

describe('passenger, operator and fields', () => {
  it('accepts an adult or an unknown age, not a minor', () => {
    const predicate = { type: 'adult_passenger' };
    expect([true, null, false].map((passenger_is_over_18) => eligible(predicate, { passenger_is_over_18 }))).toEqual([true, true, false]);
  });

  it('takes operator lists by date, and nobody before the first list', () => {
    const predicate = { type: 'operator', versions: [{ from: '2023-05-01', operators: ['KLAXIT'] }, { from: '2024-01-01', operators: ['BLABLACAR_DAILY', OP.KAR] }] };
    expect(eligible(predicate, { operator_uuid: OP.KLX, datetime: '2023-04-30T21:59:59Z' })).toBe(false);
    expect(eligible(predicate, { operator_uuid: OP.KLX, datetime: '2023-04-30T22:00:00Z' })).toBe(true);
    expect(eligible(predicate, { operator_uuid: OP.KLX, datetime: '2024-01-01T10:00:00Z' })).toBe(false);
    expect(eligible(predicate, { operator_uuid: OP.KAR, datetime: '2024-01-01T10:00:00Z' })).toBe(true);
    expect(eligible(predicate, { operator_uuid: null })).toBe(false);
  });

  it('compares numeric fields and fails on unknown values', () => {
    const predicate = { type: 'compare', field: 'passenger_contribution', op: '>', value: 0 };
    expect([1, 0, null].map((passenger_contribution) => eligible(predicate, { passenger_contribution }))).toEqual([true, false, false]);
    expect(eligible({ type: 'compare', field: 'seats', op: '<=', value: 2 }, { seats: 3 })).toBe(false);
  });

  it('filters proof classes', () => {
    expect(['A', 'B', 'C', null].map((c) => eligible({ type: 'operator_class', classes: ['B', 'C'] }, { operator_class: c as 'A' | null }))).toEqual([false, true, true, false]);
  });
});

describe('calendar conditions', () => {
  it('reads weekdays in Paris time', () => {
    const notSunday = { type: 'weekday', days: [1, 2, 3, 4, 5, 6] };
    expect(eligible(notSunday, { datetime: '2024-04-13T21:59:00Z' })).toBe(true);
    expect(eligible(notSunday, { datetime: '2024-04-13T22:30:00Z' })).toBe(false);
  });

  it('reads date lists in Paris time, from the definition or a run-time override', () => {
    const predicate = { type: 'date_in', dates: { list: 'days' } };
    const fields = { lists: { days: { kind: 'dates', values: ['2024-05-01'] } } };
    expect(eligible(predicate, { datetime: '2024-04-30T22:30:00Z' }, fields)).toBe(true);
    expect(eligible(predicate, { datetime: '2024-04-30T21:30:00Z' }, fields)).toBe(false);
    expect(eligible(predicate, { datetime: '2024-04-30T22:30:00Z' }, fields, { days: [] })).toBe(false);
  });

  it('compares instants with from inclusive and before exclusive', () => {
    const predicate = { type: 'datetime', from: '2024-04-01', before: '2023-05-01T00:00:00Z' };
    expect(() => runOf(ruleDefinition(predicate))).not.toThrow();
    const window = { type: 'datetime', from: '2024-04-01', before: '2024-05-01' };
    expect(eligible(window, { datetime: '2024-03-31T22:00:00Z' })).toBe(true);
    expect(eligible(window, { datetime: '2024-03-31T21:59:59Z' })).toBe(false);
    expect(eligible(window, { datetime: '2024-04-30T22:00:00Z' })).toBe(false);
  });

  it('picks the condition in force with by_date and refuses trips before its first version', () => {
    const predicate = {
      type: 'by_date',
      versions: [
        { from: '2022-01-01', predicate: { type: 'operator_class', classes: ['B', 'C'] } },
        { from: '2022-09-01', predicate: { type: 'operator_class', classes: ['C'] } },
      ],
    };
    expect(eligible(predicate, { operator_class: 'B', datetime: '2022-08-31T12:00:00Z' })).toBe(true);
    expect(eligible(predicate, { operator_class: 'B', datetime: '2022-09-01T12:00:00Z' })).toBe(false);
    expect(eligible(predicate, { operator_class: 'C', datetime: '2021-12-31T12:00:00Z' })).toBe(false);
  });
});

describe('all / any / not', () => {
  const short = { type: 'distance', max_m: 5000, bounds: '[)' };
  const classB = { type: 'operator_class', classes: ['B'] };
  it('explains every failing condition of an all, and the excluded condition of a not', () => {
    const definition = ruleDefinition({ type: 'all', of: [short, classB, { type: 'not', of: { type: 'adult_passenger' } }] });
    const result = runOf(definition).evaluate(trip({ distance: 6000, operator_class: 'C' }));
    expect(result.reasons.map((r) => r.code)).toEqual(['distance', 'operator_class', 'not:adult_passenger']);
    expect(result.reasons[2]?.message).toBe('exclu : passager majeur (ou âge inconnu)');
  });

  it('explains an any by all its alternatives', () => {
    const codes = reasonsOf(ruleDefinition({ type: 'any', of: [short, classB] }), { distance: 6000, operator_class: 'C' });
    expect(codes).toEqual(['any']);
    expect(eligible({ type: 'any', of: [short, classB] }, { distance: 6000, operator_class: 'B' })).toBe(true);
  });
});
