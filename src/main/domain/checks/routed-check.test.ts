import { describe, expect, it } from 'vitest';
import { CHECK_CATALOGUE, runChecks } from './catalogue';
import { haversineMetres } from './geometry';
import type { RouteProvider } from './route-provider';
import { journey } from './testing/trip-fixture';

/** A fake offline router: the straight line × 1.3 by road, driven at 60 km/h; counts its calls. */
function straightLineRouter(factor = 1.3): RouteProvider & { calls: number } {
  return {
    calls: 0,
    route(startLat, startLon, endLat, endLon) {
      this.calls += 1;
      const distanceM = haversineMetres(startLat, startLon, endLat, endLon) * factor;
      return { distanceM, durationS: distanceM / (60 / 3.6) };
    },
  };
}

// Nantes → Saint-Nazaire: about 50 km straight, 65 km and 65 min by this router; the fixture declares 60 km in 45 min.
const base = { key: 'j1', start: '2024-01-15T07:00' };
const routed = (trips: ReturnType<typeof journey>[], routeProvider?: RouteProvider) => runChecks(trips, {}, { only: ['T07'], ...(routeProvider ? { routeProvider } : {}) });

describe('T07 routed check (offline router)', () => {
  it('is off without a router: listed as needing one, disabled by default, no flag', () => {
    const meta = CHECK_CATALOGUE.find((check) => check.code === 'T07');
    expect(meta).toMatchObject({ id: 'T07@1', requires: 'router', enabledByDefault: false });
    expect(CHECK_CATALOGUE.filter((check) => check.code !== 'T07').every((check) => check.enabledByDefault && !check.requires)).toBe(true);
    expect(routed([journey({ ...base, duration_s: 300 })])).toEqual([]);
    expect(runChecks([journey({ ...base, duration_s: 300 })]).some((flag) => flag.checkId === 'T07@1')).toBe(false);
  });

  it('flags a declared duration far below the routed one, with both in evidence; not its plausible twin', () => {
    const router = straightLineRouter();
    // 10 min declared for a 65-min route: routed duration > 2.5 × declared.
    const [flag] = routed([journey({ ...base, duration_s: 600 })], router);
    expect(flag).toMatchObject({
      checkId: 'T07@1', severity: 'warning', journeyKeys: ['j1'], persons: ['d', 'p'],
      evidence: { reasons: ['routed_duration_above_declared'], durationS: 600, routedDistanceM: 65_253, routedDurationS: 3915, routedDurationFactor: 2.5 },
    });
    // Same journey declared as 60 km in 45 min: within every ratio of the registry.
    expect(routed([journey(base)], router)).toEqual([]);
  });

  it('applies the registry ratios on distances and durations, both ways, and the 300 m / 60 s minimums', () => {
    const reasons = (spec: Partial<ReturnType<typeof journey>>, router = straightLineRouter()) => routed([journey({ ...base, ...spec })], router)[0]?.evidence.reasons;
    expect(reasons({ distance_m: 20_000 })).toEqual(['routed_distance_above_declared']);
    expect(reasons({ distance_m: 300_000, duration_s: 3 * 3600 })).toEqual(['declared_distance_above_routed']);
    expect(reasons({ duration_s: 8 * 3600 })).toEqual(['declared_duration_above_routed']);
    expect(reasons({ distance_m: 250, duration_s: 50 })).toEqual(expect.arrayContaining(['distance_below_min', 'duration_below_min', 'routed_distance_above_declared']));
    // A router that puts both points 100 m apart: routed distance and duration under the minimums.
    expect(reasons({}, straightLineRouter(0.002))).toEqual(expect.arrayContaining(['routed_distance_below_min', 'routed_duration_below_min']));
  });

  it('routes each distinct pair of points once, and skips journeys the router cannot route or that lack coordinates', () => {
    const router = straightLineRouter();
    const trips = [journey({ ...base, duration_s: 600 }), journey({ key: 'j2', start: '2024-01-16T07:00', duration_s: 600 }), journey({ key: 'j3', start: '2024-01-17T07:00', start_lat: null, duration_s: 600 })];
    expect(routed(trips, router).map((flag) => flag.journeyKeys[0])).toEqual(['j1', 'j2']);
    expect(router.calls).toBe(1);
    expect(routed(trips, { route: () => null })).toEqual([]);
  });
});
