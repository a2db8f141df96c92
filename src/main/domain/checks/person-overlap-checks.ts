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
  if (!aDriver || !bDriver || context.passengerNo[a] === context.passengerNo[b]) return false;
  const { startLat, startLon, endLat, endLon } = context.measures();
  const cells = [startLat[a], startLon[a], startLat[b], startLon[b], endLat[a], endLon[a], endLat[b], endLon[b]] as number[];
  if (cells.some((v) => Number.isNaN(v))) return context.trips[a]?.start_insee === context.trips[b]?.start_insee && context.trips[a]?.end_insee === context.trips[b]?.end_insee;
  const [a1, a2, b1, b2, a3, a4, b3, b4] = cells as [number, number, number, number, number, number, number, number];
  return sameCell(a1, a2, b1, b2, tolerance) && sameCell(a3, a4, b3, b4, tolerance);
}

/**
 * Upper bound of the distance between any two points of the extract, metres: the same bound as H04's cheap test,
 * (|Δlat| + |Δlon|) degrees of meridian, over the extent of all coordinates (missing ones ignored).
 */
function extentBoundMetres(...columns: Float64Array[]): number {
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  columns.forEach((column, c) => {
    const latitude = c % 2 === 0;
    for (const value of column) {
      if (Number.isNaN(value)) continue;
      if (latitude) {
        if (value < minLat) minLat = value;
        if (value > maxLat) maxLat = value;
      } else {
        if (value < minLon) minLon = value;
        if (value > maxLon) maxLon = value;
      }
    }
  });
  return maxLat < minLat ? 0 : ((maxLat - minLat) + (maxLon - minLon)) * 111_195;
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
    // One flag per pair of journeys, keyed by the pair's indexes as one exact number.
    const byPair = new Map<number, CheckFlag>();
    const { startS, endS, tripKey } = context;
    const n = context.trips.length;
    const { offsets, entries } = context.persons();
    const active: number[] = [];
    for (let no = 0; no < context.personNames.length; no += 1) {
      const person = context.personNames[no] as string;
      active.length = 0;
      for (let k = offsets[no] as number; k < (offsets[no + 1] as number); k += 1) {
        const entry = entries[k] as number;
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
          const pair = i < j ? i * n + j : j * n + i;
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
    const { startS, endS, tripKey } = context;
    const { startLat, startLon, endLat, endLon } = context.measures();
    /** Speed needed from the end of `a` to the start of `b`, or null when surely under the limit or unknown. */
    const jump = (a: number, b: number): { metres: number; seconds: number; kmh: number } | null => {
      const fromLat = endLat[a] as number;
      const fromLon = endLon[a] as number;
      const toLat = startLat[b] as number;
      const toLon = startLon[b] as number;
      // A missing coordinate (NaN) fails every comparison below: no flag.
      const seconds = (startS[b] as number) - (endS[a] as number) + CEILING_S;
      const reach = Math.max(p.minDistanceM, (p.maxSpeedKmh / 3.6) * seconds);
      // Cheap bound first: the great-circle distance never exceeds (|Δlat| + |Δlon|) degrees of meridian.
      if (!((Math.abs(fromLat - toLat) + Math.abs(fromLon - toLon)) * 111_195 > reach)) return null;
      const metres = haversineMetres(fromLat, fromLon, toLat, toLon) - cellDiagonalMetres(fromLat, fromLon) - cellDiagonalMetres(toLat, toLon);
      return metres > reach ? { metres, seconds, kmh: (metres / seconds) * 3.6 } : null;
    };
    // No two points of the extract are farther apart than its extent: when that reach is covered in the time
    // available, the coordinates need not be read (most consecutive journeys are hours apart).
    const extentM = extentBoundMetres(startLat, startLon, endLat, endLon);
    const { offsets, entries } = context.persons();
    for (let no = 0; no < context.personNames.length; no += 1) {
      const person = context.personNames[no] as string;
      // The journey that left the person last known position: the latest-ending one so far.
      let prev = -1;
      for (let k = offsets[no] as number; k < (offsets[no + 1] as number); k += 1) {
        const j = entryIndex(entries[k] as number);
        if (prev >= 0 && tripKey[prev] !== tripKey[j] && (startS[j] as number) >= (endS[prev] as number)
          && (p.maxSpeedKmh / 3.6) * ((startS[j] as number) - (endS[prev] as number) + CEILING_S) < extentM) {
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
