import { describe, expect, it } from 'vitest';
import { runChecks } from './catalogue';
import type { TripRow } from '../trips/trip-row';
import { journey, LE_MANS, type JourneySpec } from './testing/trip-fixture';

const monitors = (trips: TripRow[], monitor: string) => runChecks(trips, {}, { only: ['G08'] }).filter((flag) => flag.evidence.monitor === monitor);

/**
 * `count` journeys from Nantes (the fixture's default) in month `ym` (`YYYY-MM`), one a day from `firstDay` round
 * the month's first 28 days, 07:00 UTC (08:00 in Paris), each with its own driver, passenger and car.
 */
function month(prefix: string, ym: string, count: number, spec: (k: number) => Partial<JourneySpec> = () => ({}), firstDay = 1): TripRow[] {
  return Array.from({ length: count }, (_, k) => journey({
    key: `${prefix}-${ym}-${k}`, start: `${ym}-${String(firstDay + (k % (29 - firstDay))).padStart(2, '0')}T07:00`,
    driver: `${prefix}-d${k}`, passenger: `${prefix}-p${k}`, ...spec(k),
  }));
}

describe('G08 territory monitors', () => {
  it('flags a start commune whose month passes 500 journeys and doubles its previous 3-month mean', () => {
    const trips = [...month('a', '2024-01', 40), ...month('a', '2024-02', 40), ...month('a', '2024-03', 40), ...month('a', '2024-04', 600)];
    const [flag, ...others] = monitors(trips, 'commune_growth');
    expect(others).toEqual([]);
    expect(flag).toMatchObject({
      checkId: 'G08@1', severity: 'info', journeyKeys: [], persons: [],
      evidence: { startInsee: '44109', month: '2024-04', journeys: 600, previousMonthsMean: 40, growthPercent: 1400, growthMinJourneys: 500, growthThresholdPercent: 100 },
    });
  });

  it('does not flag a commune that was already that busy, nor a month whose reference starts mid-month', () => {
    const steady = ['2024-01', '2024-02', '2024-03', '2024-04'].flatMap((ym) => month('s', ym, 600));
    expect(monitors(steady, 'commune_growth')).toEqual([]);
    // The extract starts on 15 January: January may be partial, so April has no complete 3-month reference.
    const partial = [...month('b', '2024-01', 40, () => ({}), 15), ...month('b', '2024-02', 40), ...month('b', '2024-03', 40), ...month('b', '2024-04', 600)];
    expect(monitors(partial, 'commune_growth')).toEqual([]);
    // Under 500 journeys, growth alone is not flagged.
    expect(monitors([...month('c', '2024-01', 40), ...month('c', '2024-02', 40), ...month('c', '2024-03', 40), ...month('c', '2024-04', 400)], 'commune_growth')).toEqual([]);
  });

  it('flags a filling rate over 3 occupants per car (driver included) on over 100 car trips, not 2 or 3 occupants', () => {
    const cars = (passengers: number) => month('f', '2024-02', 120 * passengers, (k) => ({
      operator_trip_id: `car-${Math.floor(k / passengers)}`, driver: `f-d${Math.floor(k / passengers)}`,
    }));
    expect(monitors(cars(3), 'filling_rate')[0]).toMatchObject({
      severity: 'info', evidence: { startInsee: '44109', month: '2024-02', occupancy: 4, passengersPerCarTrip: 3, carTrips: 120, maxOccupancy: 3 },
    });
    expect(monitors(cars(1), 'filling_rate')).toEqual([]);
    expect(monitors(cars(2), 'filling_rate')).toEqual([]);
    // Under 100 car trips: not enough to judge.
    expect(monitors(cars(3).slice(0, 90 * 3), 'filling_rate')).toEqual([]);
  });

  it('flags a commune-month with over half of its (over 100) journeys at night, Paris time', () => {
    // 22:00 UTC in February is 23:00 in Paris.
    const nights = (atNight: number) => month('n', '2024-02', 120, (k) => ({ start: `2024-02-${String(1 + (k % 28)).padStart(2, '0')}T${k < atNight ? '22' : '07'}:00` }));
    expect(monitors(nights(70), 'night_share')[0]).toMatchObject({ evidence: { startInsee: '44109', month: '2024-02', nightJourneys: 70, journeys: 120, nightShare: 0.58 } });
    expect(monitors(nights(50), 'night_share')).toEqual([]);
    // Another commune with few journeys, all at night: under 100 journeys.
    expect(monitors(month('m', '2024-02', 30, (k) => ({ from: LE_MANS, start: `2024-02-${String(1 + k % 28).padStart(2, '0')}T22:00` })), 'night_share')).toEqual([]);
  });

  it('flags an operator whose share of fraud_error/anomaly_error stands 2σ above the rest of the territory', () => {
    const rejected = (ownRejected: number) => [
      ...month('o1', '2024-02', 300, (k) => ({ operator_id: 1, status: k < 6 ? 'fraud_error' : 'ok' })),
      ...month('o3', '2024-02', 300, (k) => ({ operator_id: 3, status: k < 6 ? 'anomaly_error' : 'ok' })),
      ...month('o2', '2024-02', 150, (k) => ({ operator_id: 2, status: k < ownRejected ? 'fraud_error' : 'ok' })),
    ];
    const flags = monitors(rejected(15), 'operator_status_share');
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      severity: 'info', journeyKeys: [], persons: [],
      evidence: { month: '2024-02', operator: '2', journeys: 150, rejectedJourneys: 15, share: 0.1, territoryShare: 0.02, sigma: 0.0114, threshold: 0.0429 },
    });
    // 5 of 150 (3.3 %) stays within 2σ of the territory's 2 %.
    expect(monitors(rejected(5), 'operator_status_share')).toEqual([]);
  });
});
