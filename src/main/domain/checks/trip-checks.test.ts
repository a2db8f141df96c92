import { describe, expect, it } from 'vitest';
import { runChecks } from './catalogue';
import type { CheckCode } from './check-parameters';
import type { TripRow } from '../trips/trip-row';
import { journey, NANTES } from './testing/trip-fixture';

/** Flags of one check on one crafted journey. */
const flagsOf = (code: CheckCode, trip: TripRow) => runChecks([trip], {}, { only: [code] });
const base = { key: 'j1', start: '2024-01-15T07:00' };

describe('per-trip checks', () => {
  it('T01 flags a driver who is the passenger, by identity key or by operator user id', () => {
    expect(flagsOf('T01', journey({ ...base, driver: 'x', passenger: 'x' }))[0]).toMatchObject({ checkId: 'T01@1', severity: 'high', journeyKeys: ['j1'], persons: ['x'] });
    const sameAccount = flagsOf('T01', journey({ ...base, operator_driver_id: 'acc', operator_passenger_id: 'acc' }));
    expect(sameAccount[0]?.evidence).toEqual({ sameIdentityKey: false, sameOperatorUserId: true });
    expect(flagsOf('T01', journey(base))).toEqual([]);
  });

  it('T02 flags journeys under the campaign minimum and says whether the terms minimum is broken', () => {
    expect(flagsOf('T02', journey({ ...base, distance_m: 800, duration_s: 120 }))[0]?.evidence).toMatchObject({ belowTermsMinimum: true });
    expect(flagsOf('T02', journey({ ...base, distance_m: 1500, duration_s: 200 }))[0]?.evidence).toMatchObject({ belowTermsMinimum: false });
    expect(flagsOf('T02', journey({ ...base, distance_m: 2000 }))).toEqual([]);
  });

  it('T03 flags a distance shorter than the straight line (high) or a huge detour (warning), with truncation slack', () => {
    expect(flagsOf('T03', journey({ ...base, distance_m: 30_000 }))[0]).toMatchObject({ severity: 'high', evidence: { kind: 'shorter_than_straight_line' } });
    expect(flagsOf('T03', journey({ ...base, distance_m: 300_000 }))[0]).toMatchObject({ severity: 'warning', evidence: { kind: 'detour' } });
    expect(flagsOf('T03', journey(base))).toEqual([]);
    // 1.2 km declared between points 1.0 km apart after truncation at 2 decimals: within the cells, not impossible.
    const coarse = journey({ ...base, distance_m: 900, from: { ...NANTES, lat: 47.21, lon: -1.55 }, to: { ...NANTES, lat: 47.22, lon: -1.55 } });
    expect(flagsOf('T03', coarse)).toEqual([]);
  });

  it('T04 flags impossible and very high speeds, and walking pace over 3 km', () => {
    expect(flagsOf('T04', journey({ ...base, duration_s: 1200 }))[0]).toMatchObject({ severity: 'high', evidence: { speedKmh: 180 } });
    expect(flagsOf('T04', journey({ ...base, duration_s: 1800 }))[0]?.severity).toBe('warning');
    expect(flagsOf('T04', journey({ ...base, distance_m: 5_000, duration_s: 3600 }))[0]?.evidence).toMatchObject({ kind: 'slow' });
    expect(flagsOf('T04', journey(base))).toEqual([]);
    expect(flagsOf('T04', journey({ ...base, distance_m: 2_500, duration_s: 1500 }))).toEqual([]);
  });

  it('T05 flags under a minute (high), a short duration for the distance and over 3 hours', () => {
    expect(flagsOf('T05', journey({ ...base, duration_s: 45, distance_m: 500 }))[0]?.severity).toBe('high');
    expect(flagsOf('T05', journey({ ...base, duration_s: 240, distance_m: 4_000 }))[0]?.evidence).toMatchObject({ kind: 'short_for_distance' });
    expect(flagsOf('T05', journey({ ...base, duration_s: 4 * 3600, minutes: 240 }))[0]?.evidence).toMatchObject({ kind: 'too_long' });
    expect(flagsOf('T05', journey(base))).toEqual([]);
    expect(flagsOf('T05', journey({ ...base, duration_s: 240, distance_m: 1_800 }))).toEqual([]);
  });

  it('T06 flags a declared 10 km ending in its start cell, not a short hop inside the cell', () => {
    expect(flagsOf('T06', journey({ ...base, distance_m: 10_000, duration_s: 900, to: NANTES }))).toHaveLength(1);
    expect(flagsOf('T06', journey({ ...base, distance_m: 1_500, duration_s: 300, to: NANTES }))).toEqual([]);
    expect(flagsOf('T06', journey(base))).toEqual([]);
  });

  it('T08 flags 4 seats or more', () => {
    expect(flagsOf('T08', journey({ ...base, seats: 5 }))[0]?.evidence).toEqual({ seats: 5, threshold: 4 });
    expect(flagsOf('T08', journey({ ...base, seats: 3 }))).toEqual([]);
  });

  it('T09 flags money outside cost sharing and incentives on rejected journeys', () => {
    expect(flagsOf('T09', journey({ ...base, passenger_contribution_cents: 6_000 }))[0]?.evidence.reasons).toEqual(['contribution_per_km']);
    expect(flagsOf('T09', journey({ ...base, passenger_contribution_cents: -5 }))[0]?.evidence.reasons).toEqual(['negative_amount']);
    expect(flagsOf('T09', journey({ ...base, rpc_incentive_0_cents: 200, status: 'fraud_error' }))[0]?.evidence.reasons).toEqual(['incentive_on_rejected_status']);
    expect(flagsOf('T09', journey({ ...base, rpc_incentive_0_cents: 500, rpc_incentive_1_cents: 300 }))[0]?.evidence.reasons).toEqual(['incentive_above_max']);
    expect(flagsOf('T09', journey({ ...base, rpc_incentive_0_cents: 200 }))).toEqual([]);
  });

  it('T10 flags a Paris-night start: 23:10 Paris is 22:10 UTC in winter; 06:00 Paris is not night', () => {
    expect(flagsOf('T10', journey({ ...base, start: '2024-01-15T22:10' }))[0]?.evidence).toEqual({ localHour: 23 });
    expect(flagsOf('T10', journey({ ...base, start: '2024-01-15T05:00' }))).toEqual([]);
  });

  it('T11 shows registry statuses, and pending only once 48 h old', () => {
    const trips = [
      journey({ key: 'f', start: '2024-01-10T07:00', status: 'fraud_error' }),
      journey({ key: 'a', start: '2024-01-10T07:00', status: 'anomaly_error' }),
      journey({ key: 'old', start: '2024-01-10T07:00', status: 'pending' }),
      journey({ key: 'new', start: '2024-01-15T07:00', status: 'pending' }),
      journey({ key: 'ok', start: '2024-01-15T07:00' }),
    ];
    const flags = runChecks(trips, {}, { only: ['T11'] });
    expect(flags.map((f) => [f.journeyKeys[0], f.severity])).toEqual([['f', 'high'], ['a', 'warning'], ['old', 'info']]);
    expect(runChecks(trips, { T11: { asOf: '2024-01-11T00:00:00Z' } }, { only: ['T11'] })).toHaveLength(2);
  });
});
