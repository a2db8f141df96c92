import { entryIndex, entryRole, type CheckContext } from './check-context';
import { defineCheck } from './check-definition';
import type { CheckFlag } from './check-types';
import { keysOf, round2 } from './flag-helpers';
import { cellDiagonalMetres, haversineMetres, sameCell } from './geometry';
import { CEILING_S, overlapKind, overlapSeconds } from './overlap';

/**
 * A driver declaring each passenger of one car as a separate trip: both journeys driven, distinct passengers,
 * same start and end cells (± tolerance). Not a self-overlap.
 */
function sameCarOtherPassenger(context: CheckContext, a: number, b: number, aDriver: boolean, bDriver: boolean, tolerance: number): boolean {
  if (!aDriver || !bDriver || context.passenger[a] === context.passenger[b]) return false;
  const ta = context.trips[a];
  const tb = context.trips[b];
  if (!ta || !tb) return false;
  const cells = [ta.start_lat, ta.start_lon, tb.start_lat, tb.start_lon, ta.end_lat, ta.end_lon, tb.end_lat, tb.end_lon];
  if (cells.some((v) => v === null)) return ta.start_insee === tb.start_insee && ta.end_insee === tb.end_insee;
  const [a1, a2, b1, b2, a3, a4, b3, b4] = cells as number[];
  return sameCell(a1 as number, a2 as number, b1 as number, b2 as number, tolerance) && sameCell(a3 as number, a4 as number, b3 as number, b4 as number, tolerance);
}

/**
 * H02: two journeys of one person, on different car trips, overlapping in time. Certain overlap (despite ceiled
 * times) → high; possible overlap covering ≥ 70 % of the shorter journey → warning.
 */
export const selfOverlap = defineCheck({
  code: 'H02', version: 1, family: 'person', severity: 'high',
  label: 'Trajets simultanés d’une même personne',
  description: 'Deux trajets (voitures différentes) d’une même personne qui se chevauchent : certain malgré l’arrondi à 10 min (élevé) ou possible sur au moins 70 % du plus court (à vérifier).',
  run(context, p, id) {
    const byPair = new Map<string, CheckFlag>();
    const { startS, endS, tripKey } = context;
    for (const { person, entries } of context.persons()) {
      const active: number[] = [];
      for (const entry of entries) {
        const j = entryIndex(entry);
        const sj = startS[j] as number;
        const ej = endS[j] as number;
        for (let k = active.length - 1; k >= 0; k -= 1) if ((endS[entryIndex(active[k] as number)] as number) <= sj) active.splice(k, 1);
        for (const other of active) {
          const i = entryIndex(other);
          if (i === j || tripKey[i] === tripKey[j]) continue;
          const si = startS[i] as number;
          const ei = endS[i] as number;
          const kind = overlapKind(si, ei, sj, ej);
          const shared = overlapSeconds(si, ei, sj, ej);
          const ratio = shared / Math.min(ei - si, ej - sj);
          if (kind === 'none' || (kind === 'possible' && ratio < p.possibleOverlapRatio)) continue;
          if (sameCarOtherPassenger(context, i, j, entryRole(other) === 'driver', entryRole(entry) === 'driver', p.carCellTolerance)) continue;
          const pair = i < j ? `${i}:${j}` : `${j}:${i}`;
          const existing = byPair.get(pair);
          if (existing) {
            if (!existing.persons.includes(person)) existing.persons.push(person);
            continue;
          }
          byPair.set(pair, {
            checkId: id, severity: kind === 'certain' ? 'high' : 'warning', journeyKeys: keysOf(context, [i, j]), persons: [person],
            evidence: { overlap: kind, overlapS: shared, overlapRatio: round2(ratio), minRatio: p.possibleOverlapRatio, roles: [entryRole(other), entryRole(entry)] },
          });
        }
        active.push(entry);
      }
    }
    return [...byPair.values()];
  },
});

/**
 * H04: a person cannot reach the start of a journey from the end of the previous one in time. The gap is widened
 * by 10 min (ceiled times) and the distance narrowed by both truncation cells.
 */
export const teleport = defineCheck({
  code: 'H04', version: 1, family: 'person', severity: 'high',
  label: 'Téléportation',
  description: 'Vitesse nécessaire entre l’arrivée d’un trajet et le départ du suivant d’une même personne supérieure à 130 km/h.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    const { startS, endS, tripKey, trips } = context;
    /** Speed needed from the end of `a` to the start of `b`, or null when surely under the limit or unknown. */
    const jump = (a: number, b: number): { metres: number; seconds: number; kmh: number } | null => {
      const from = trips[a];
      const to = trips[b];
      if (!from || !to || from.end_lat === null || from.end_lon === null || to.start_lat === null || to.start_lon === null) return null;
      const seconds = (startS[b] as number) - (endS[a] as number) + CEILING_S;
      const reach = Math.max(p.minDistanceM, (p.maxSpeedKmh / 3.6) * seconds);
      // Cheap bound first: the great-circle distance never exceeds (|Δlat| + |Δlon|) degrees of meridian.
      if ((Math.abs(from.end_lat - to.start_lat) + Math.abs(from.end_lon - to.start_lon)) * 111_195 <= reach) return null;
      const metres = haversineMetres(from.end_lat, from.end_lon, to.start_lat, to.start_lon)
        - cellDiagonalMetres(from.end_lat, from.end_lon) - cellDiagonalMetres(to.start_lat, to.start_lon);
      return metres > reach ? { metres, seconds, kmh: (metres / seconds) * 3.6 } : null;
    };
    for (const { person, entries } of context.persons()) {
      // The journey that left the person last known position: the latest-ending one so far.
      let prev = -1;
      for (const entry of entries) {
        const j = entryIndex(entry);
        if (prev >= 0 && tripKey[prev] !== tripKey[j] && (startS[j] as number) >= (endS[prev] as number)) {
          const found = jump(prev, j);
          if (found) {
            flags.push({
              checkId: id, severity: 'high', journeyKeys: keysOf(context, [prev, j]), persons: [person],
              evidence: { distanceM: Math.round(found.metres), gapS: found.seconds, speedKmh: round2(found.kmh), maxSpeedKmh: p.maxSpeedKmh },
            });
          }
        }
        if (prev < 0 || (endS[j] as number) >= (endS[prev] as number)) prev = j;
      }
    }
    return flags;
  },
});
