import { defineCheck } from './check-definition';
import type { CheckParameters } from './check-parameters';
import type { CheckFlag, CheckTrip } from './check-types';
import { journeyFlag } from './flag-helpers';
import { HashSlots } from './hash-slots';

/**
 * T07: the registry's routed check (`distance_duration_anomaly`, fraud-checks.md §1 and §7), with its rules and
 * thresholds verbatim: declared distance or routed distance under 300 m, declared or routed duration under 60 s,
 * routed duration over 2.5 × the declared one, declared duration over 7 × the routed one, routed distance over
 * 2.5 × the declared one, declared distance over 4 × the routed one. Needs an offline router
 * (`RunChecksOptions.routeProvider`): without one it is off and yields nothing.
 *
 * Differences with the registry, all forced by extracts: the route joins the published (truncated) points; the
 * declared duration is `duration_s` (raw, never ceiled) rather than end − start; every class is checked (extracts
 * read by the checks carry no proof class). A journey without coordinates, or that the router cannot route, is not
 * checked.
 */
export const routedCheck = defineCheck({
  code: 'T07', version: 1, family: 'trip', severity: 'warning', requires: 'router', enabledByDefault: false,
  label: 'Itinéraire routé (OSRM)',
  description: 'Distance et durée déclarées comparées à l’itinéraire d’un calculateur hors ligne (règles du registre) : moins de 300 m ou de 60 s, durée calculée > 2,5 × la déclarée, durée déclarée > 7 × la calculée, distance calculée > 2,5 × la déclarée, distance déclarée > 4 × la calculée.',
  run(context, p, id) {
    const router = context.router;
    if (!router) return [];
    const { startLat, startLon, endLat, endLon } = context.measures();
    const n = context.trips.length;
    // Truncated coordinates repeat a lot: one routing per distinct pair of points, remembered on its first journey.
    const samePoints = (a: number, b: number): boolean =>
      startLat[a] === startLat[b] && startLon[a] === startLon[b] && endLat[a] === endLat[b] && endLon[a] === endLon[b];
    const pairs = new HashSlots(n, samePoints);
    const routedM = new Float64Array(n);
    const routedS = new Float64Array(n);
    const flags: CheckFlag[] = [];
    for (let i = 0; i < n; i += 1) {
      const aLat = startLat[i] as number;
      const aLon = startLon[i] as number;
      const bLat = endLat[i] as number;
      const bLon = endLon[i] as number;
      if (Number.isNaN(aLat) || Number.isNaN(aLon) || Number.isNaN(bLat) || Number.isNaN(bLon)) continue;
      const first = pairs.find(pointsHash(aLat, aLon, bLat, bLon), i);
      if (first === i) {
        const route = router.route(aLat, aLon, bLat, bLon);
        routedM[i] = route ? route.distanceM : Number.NaN;
        routedS[i] = route ? route.durationS : Number.NaN;
      }
      // No route (off the map, unreachable): not checked.
      const distanceM = routedM[first] as number;
      const durationS = routedS[first] as number;
      if (Number.isNaN(distanceM)) continue;
      const t = context.trips[i] as CheckTrip;
      const broken = brokenRules(t.distance_m, t.duration_s, distanceM, durationS, p);
      if (broken === 0) continue;
      flags.push(journeyFlag(id, 'warning', context, i, {
        reasons: RULES.filter((_, k) => (broken & (1 << k)) !== 0), distanceM: t.distance_m ?? -1, durationS: t.duration_s ?? -1,
        routedDistanceM: Math.round(distanceM), routedDurationS: Math.round(durationS),
        minDistanceM: p.minDistanceM, minDurationS: p.minDurationS,
        routedDurationFactor: p.routedDurationFactor, declaredDurationFactor: p.declaredDurationFactor,
        routedDistanceFactor: p.routedDistanceFactor, declaredDistanceFactor: p.declaredDistanceFactor,
      }));
    }
    return flags;
  },
});

/** The registry's rules, in the order of `brokenRules` bits (the flag's `reasons`). */
const RULES = [
  'distance_below_min', 'routed_distance_below_min', 'duration_below_min', 'routed_duration_below_min',
  'routed_duration_above_declared', 'declared_duration_above_routed', 'routed_distance_above_declared', 'declared_distance_above_routed',
];

/** Bits of the `RULES` a journey breaks against its route (0: none); a missing declared value breaks nothing. */
function brokenRules(distance: number | null, duration: number | null, routedM: number, routedS: number, p: CheckParameters['T07']): number {
  let bits = 0;
  if (distance !== null && distance < p.minDistanceM) bits |= 1;
  if (routedM < p.minDistanceM) bits |= 2;
  if (duration !== null && duration < p.minDurationS) bits |= 4;
  if (routedS < p.minDurationS) bits |= 8;
  if (duration !== null && routedS > p.routedDurationFactor * duration) bits |= 16;
  if (duration !== null && duration > p.declaredDurationFactor * routedS) bits |= 32;
  if (distance !== null && routedM > p.routedDistanceFactor * distance) bits |= 64;
  if (distance !== null && distance > p.declaredDistanceFactor * routedM) bits |= 128;
  return bits;
}

/** Hash of a pair of points (equal coordinates, equal hash), from the coordinates in 1e-5 degrees. */
function pointsHash(aLat: number, aLon: number, bLat: number, bLon: number): number {
  let h = Math.imul(0x9e3779b9 ^ Math.round(aLat * 100_000), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ Math.round(aLon * 100_000), 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ Math.round(bLat * 100_000), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ Math.round(bLon * 100_000), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
