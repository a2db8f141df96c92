import { describe, expect, it } from 'vitest';
import { createCheckContext } from './check-context';
import { chronologicalOrder } from './chronological-order';
import { journey } from './testing/trip-fixture';
import { daysFromCivil, secondsParser, utcIsoSeconds } from './time-fields';

describe('check context', () => {
  it('reads UTC instants and civil days by arithmetic exactly as Date.parse and Date.UTC do', () => {
    for (const iso of ['2024-01-15T07:00:00Z', '2024-02-29T23:59:59Z', '1999-12-31T00:00:00.250Z', '2026-02-31T10:00:00Z', '2038-01-19T03:14:08Z']) {
      expect(utcIsoSeconds(iso), iso).toBe(Date.parse(iso) / 1000);
    }
    // Other forms are left to Date.parse.
    expect(utcIsoSeconds('2024-01-15T08:00:00+01:00')).toBeNaN();
    expect(secondsParser()('2024-01-15T08:00:00+01:00')).toBe(Date.parse('2024-01-15T07:00:00Z') / 1000);
    for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2024, 12, 31], [2026, 4, 31], [1969, 7, 20]] as const) {
      expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
    }
  });

  it('sorts journeys by start then index, packed or (fractional seconds) with a comparator', () => {
    const starts = [30, 10, 20, 10, 30, 0];
    expect([...chronologicalOrder(Float64Array.from(starts))]).toEqual([5, 1, 3, 2, 0, 4]);
    expect([...chronologicalOrder(Float64Array.from(starts.map((s) => s + 0.5)))]).toEqual([5, 1, 3, 2, 0, 4]);
    expect([...chronologicalOrder(new Float64Array(0))]).toEqual([]);
  });

  it('numbers car trips by operator and trip id, else by operator, driver and start, and persons by id', () => {
    const trips = [
      journey({ key: 'a', start: '2024-01-15T07:00', operator_trip_id: 'car' }),
      journey({ key: 'b', start: '2024-01-15T07:00', operator_trip_id: 'car', passenger: 'q' }),
      journey({ key: 'c', start: '2024-01-15T07:00', operator_trip_id: 'car', operator_id: 2 }),
      journey({ key: 'd', start: '2024-01-15T07:00', operator_trip_id: null }),
      journey({ key: 'e', start: '2024-01-15T07:00', operator_trip_id: null, passenger: 'q' }),
      journey({ key: 'f', start: '2024-01-15T07:10', operator_trip_id: null }),
      journey({ key: 'g', start: '2024-01-15T07:00', operator_trip_id: null, driver_identity_key: null, operator_driver_id: null }),
    ];
    const context = createCheckContext(trips);
    expect([...context.tripKey]).toEqual([0, 0, 1, 2, 2, 3, 4]);
    expect(context.personNames).toEqual(['d', 'p', 'q']);
    expect([...context.driverNo]).toEqual([0, 0, 0, 0, 0, 0, -1]);
    const keyless = createCheckContext([journey({ key: 'h', start: '2024-01-15T07:00', driver_identity_key: null })]);
    expect(keyless.personNames).toEqual(['u:1:u-d', 'p']);
  });
});
