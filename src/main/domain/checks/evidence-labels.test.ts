import { describe, expect, it } from 'vitest';
import { EVIDENCE_CODES, evidenceKeyInfo } from '../../../shared/checks/evidence-labels';
import { demoJourneyId, generateDemoTrips } from '../demo/generate-demo-trips';
import type { TripRow } from '../trips/trip-row';
import { CHECKS, runChecks } from './catalogue';
import type { CheckFlag } from './check-types';
import { haversineMetres } from './geometry';
import { injectPatterns } from './inject-patterns';
import type { RouteProvider } from './route-provider';
import { journey, LE_MANS, NANTES, SAINT_NAZAIRE, type JourneySpec } from './testing/trip-fixture';

/**
 * Every evidence key a check emits has a French name and a unit (src/shared/checks/evidence-labels.ts), and every
 * code word it emits (`kind`, `reasons`, `status`…) a French text: the checks run on demo journeys with the injected
 * patterns and on journeys made to raise the rest, and the test first proves that every check and every variant of
 * its evidence was raised, so that a new check or variant without journeys fails here too.
 */

/** The straight line × 1.3 by road at 60 km/h: enough for T07 to find declared values far from the route. */
const router: RouteProvider = {
  route(startLat, startLon, endLat, endLon) {
    const distanceM = haversineMetres(startLat, startLon, endLat, endLon) * 1.3;
    return { distanceM, durationS: distanceM / (60 / 3.6) };
  },
};

const at = (day: number, hhmm: string, month = '01'): string => `2024-${month}-${String(day).padStart(2, '0')}T${hhmm}`;

/** One journey per trip variant the demo journeys do not raise (T02, T04 slow, T05, T08, T09, T10, T11 pending). */
function tripVariants(): TripRow[] {
  const one = (key: string, spec: Partial<JourneySpec>) => journey({ key, start: at(15, '07:00'), driver: `d-${key}`, passenger: `p-${key}`, ...spec });
  return [
    one('short', { distance_m: 800, duration_s: 120 }),
    one('slow', { distance_m: 5_000, duration_s: 3600 }),
    one('too-short', { distance_m: 500, duration_s: 45 }),
    one('too-long', { duration_s: 4 * 3600, minutes: 240 }),
    one('seats', { seats: 5 }),
    one('per-km', { passenger_contribution_cents: 6_000 }),
    one('negative', { passenger_contribution_cents: -5 }),
    one('above-max', { rpc_incentive_0_cents: 500, rpc_incentive_1_cents: 300 }),
    one('night', { start: at(15, '22:10') }),
    one('pending', { start: at(10, '07:00'), status: 'pending' }),
    one('shorter', { distance_m: 30_000 }),
    one('detour', { distance_m: 300_000, duration_s: 3 * 3600, minutes: 180 }),
  ];
}

/** Person checks the demo journeys do not raise: night share (H08), both kinds of multi-accounts (H09), G01. */
function personVariants(): TripRow[][] {
  const nights = Array.from({ length: 10 }, (_, k) => journey({ key: `n${k}`, start: at(k + 2, '22:30'), driver: 'night', passenger: `np${k}` }));
  const userWithKeys = [
    journey({ key: 'u1', start: at(3, '07:00'), driver: 'k1', operator_driver_id: 'acc' }),
    journey({ key: 'u2', start: at(9, '07:00'), driver: 'k2', operator_driver_id: 'acc' }),
  ];
  const keyWithUsers = ['a1', 'a2', 'a3'].map((account, k) => journey({ key: `k${k}`, start: at(3 + k, '07:00'), driver: 'many', operator_driver_id: account }));
  return [nights, userWithKeys, keyWithUsers];
}

/** `count` journeys of month `ym` from Nantes, one a day round its first 28 days, each car and person its own. */
function month(prefix: string, ym: string, count: number, spec: (k: number) => Partial<JourneySpec> = () => ({})): TripRow[] {
  return Array.from({ length: count }, (_, k) => journey({
    key: `${prefix}-${ym}-${k}`, start: `${ym}-${String(1 + (k % 28)).padStart(2, '0')}T07:00`, driver: `${prefix}-d${k}`, passenger: `${prefix}-p${k}`, ...spec(k),
  }));
}

/** The four territory monitors of G08: commune growth, filling rate, night share, operator status share. */
function territoryVariants(): TripRow[][] {
  const growth = [...month('g', '2024-01', 40), ...month('g', '2024-02', 40), ...month('g', '2024-03', 40), ...month('g', '2024-04', 600)];
  const filling = month('f', '2024-02', 360, (k) => ({ operator_trip_id: `car-${Math.floor(k / 3)}`, driver: `f-d${Math.floor(k / 3)}` }));
  const night = month('n', '2024-02', 120, (k) => ({ start: `2024-02-${String(1 + (k % 28)).padStart(2, '0')}T${k < 70 ? '22' : '07'}:00`, from: LE_MANS }));
  const status = [
    ...month('o1', '2024-02', 300, (k) => ({ operator_id: 1, status: k < 6 ? 'fraud_error' : 'ok', to: SAINT_NAZAIRE })),
    ...month('o3', '2024-02', 300, (k) => ({ operator_id: 3, status: k < 6 ? 'anomaly_error' : 'ok', to: NANTES })),
    ...month('o2', '2024-02', 150, (k) => ({ operator_id: 2, status: k < 15 ? 'fraud_error' : 'ok' })),
  ];
  return [growth, filling, night, status];
}

function allFlags(): CheckFlag[] {
  const demo = [...generateDemoTrips({ seed: 11, journeys: 8_000, firstDay: '2024-03-01', days: 31, operatorIds: { 'BlaBlaCar Daily': 1, Karos: 2, Klaxit: 3, Mobicoop: 4 } })];
  const sets = [injectPatterns(demo, { seed: 3, perPattern: 4, firstJourneyId: demoJourneyId(11, demo.length + 1) }).trips, tripVariants(), ...personVariants(), ...territoryVariants()];
  return sets.flatMap((trips) => runChecks(trips, {}, { routeProvider: router }));
}

const codeOf = (flag: CheckFlag): string => flag.checkId.split('@')[0] ?? '';

describe('evidence labels', () => {
  const flags = allFlags();

  it('raises every check of the catalogue and every variant of its evidence', () => {
    expect(new Set(flags.map((flag) => flag.checkId))).toEqual(new Set(CHECKS.map((check) => check.id)));
    const variants = new Set(flags.flatMap((flag) => ['kind', 'monitor', 'status'].filter((key) => key in flag.evidence).map((key) => `${codeOf(flag)}:${String(flag.evidence[key])}`)));
    expect([...variants].sort()).toEqual([
      'G08:commune_growth', 'G08:filling_rate', 'G08:night_share', 'G08:operator_status_share',
      'H05:same_day_swap', 'H09:key_with_many_users', 'H09:user_with_several_keys',
      'T03:detour', 'T03:shorter_than_straight_line', 'T04:slow',
      'T05:short_for_distance', 'T05:too_long', 'T05:too_short',
      'T11:anomaly_error', 'T11:fraud_error', 'T11:pending',
    ]);
  });

  it('names every evidence key a check emits, with a unit', () => {
    const missing = new Set<string>();
    for (const flag of flags) {
      for (const key of Object.keys(flag.evidence)) if (!evidenceKeyInfo(flag.checkId, key)) missing.add(`${codeOf(flag)}.${key}`);
    }
    expect([...missing].sort()).toEqual([]);
  });

  it('translates every code word a check emits', () => {
    const untranslated = new Set<string>();
    for (const flag of flags) {
      for (const [key, value] of Object.entries(flag.evidence)) {
        if (evidenceKeyInfo(flag.checkId, key)?.unit !== 'code') continue;
        for (const word of Array.isArray(value) ? value : [value]) if (typeof word !== 'string' || !(word in EVIDENCE_CODES)) untranslated.add(`${codeOf(flag)}.${key}=${String(word)}`);
      }
    }
    expect([...untranslated].sort()).toEqual([]);
  });
});
