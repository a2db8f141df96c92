import type { DeclarationProblem } from '../../../shared/types/declarations';
import { formatDecimal } from '../../../shared/util/format';
import { haversineMetres } from '../checks/geometry';
import { CEILING_S } from '../checks/overlap';

/**
 * The rules a declared journey is accepted by (docs/declarations.md, « Règles »): its distance against the communes'
 * positions, and whether the same person was elsewhere at the time. They reject only what cannot be true; what is
 * merely doubtful is left to the D01 check, in the review queue.
 */

/** Road distance over the straight line, as the catalogue's detour check (T03) takes it. */
export const ROAD_FACTOR = 1.3;
/** A declared distance above this many times the longest road estimate is implausible. */
export const MAX_ROAD_RATIO = 3;
/**
 * How far a commune's places may lie from the point standing for it, metres: 10 km around a commune's own point (the
 * median of its journeys' ends, or the centre of its contour), 150 km around its département's (a département is
 * up to ~300 km across). The bounds below widen by these radii, so that they reject only what no pair of places of
 * the two communes allows.
 */
export const COMMUNE_RADIUS_M = 10_000;
export const DEPARTEMENT_RADIUS_M = 150_000;
/** An estimated distance is at least this, metres (two communes whose points are close still take a trip). */
const MIN_ESTIMATE_M = 1_000;
/** Fastest a car goes door to door, km/h (H04's bound): a journey lasts at least its distance at this speed. */
export const MAX_SPEED_KMH = 130;
/** A declared journey lasts at least this, seconds: two departures in the same minute are two places at once. */
export const MIN_DURATION_S = 60;
/** Departures this close (seconds, either way) on the same day and communes are one journey. */
export const DUPLICATE_WINDOW_S = 30 * 60;

/** The point standing for a commune, degrees WGS 84, with how it was found. */
export interface PlacePosition {
  lat: number;
  lon: number;
  /** `commune`: the commune's own point; `departement`: its département's. */
  precision: 'commune' | 'departement';
  radiusM: number;
}

/** A commune of a declaration, with its département and its point (null when none is known). */
export interface DeclaredPlace {
  code: string;
  dep: string | null;
  position: PlacePosition | null;
}

/** The distance kept for a journey, or why none can be. */
export type DistanceVerdict =
  | { distanceM: number; estimated: boolean }
  | { problem: DeclarationProblem };

const km = (metres: number): string => `${formatDecimal(metres / 1000)} km`;

/**
 * The distance of a declared journey (metres): the declared one when it is plausible for its communes, else a
 * problem; without one, `ROAD_FACTOR` × the straight line between the communes' points (at least 1 km). A declared
 * distance is too short under the straight line between the communes' points less both radii (no road is shorter
 * than the straight line), and too long above `MAX_ROAD_RATIO` × the longest road estimate (`ROAD_FACTOR` × the
 * straight line plus both radii). An estimate is refused when the journey stays in one commune, or when an end is
 * known only by its département and both ends lie in the same one (its point says nothing of the distance).
 */
export function judgeDistance(declaredM: number | null, from: DeclaredPlace, to: DeclaredPlace): DistanceVerdict {
  const a = from.position;
  const b = to.position;
  if (a === null || b === null) {
    if (declaredM !== null) return { distanceM: declaredM, estimated: false };
    return { problem: { field: 'distance', reasonCode: 'distance_unknown', reason: 'distance absente et impossible à estimer (position d’une commune inconnue) : indiquez-la' } };
  }
  const straight = haversineMetres(a.lat, a.lon, b.lat, b.lon);
  const slack = a.radiusM + b.radiusM;
  if (declaredM === null) {
    const coarse = a.precision === 'departement' || b.precision === 'departement';
    if (from.code === to.code) return { problem: { field: 'distance', reasonCode: 'distance_unknown', reason: 'distance absente pour un trajet dans une même commune : indiquez-la' } };
    if (coarse && from.dep === to.dep) {
      return { problem: { field: 'distance', reasonCode: 'distance_unknown', reason: 'distance absente et impossible à estimer (communes connues seulement par leur département) : indiquez-la' } };
    }
    return { distanceM: Math.max(MIN_ESTIMATE_M, Math.round(straight * ROAD_FACTOR)), estimated: true };
  }
  if (declaredM < straight - slack) {
    return { problem: { field: 'distance', reasonCode: 'distance_too_short', reason: `distance de ${km(declaredM)} trop courte : ces communes sont à au moins ${km(straight - slack)} à vol d’oiseau` } };
  }
  const longest = MAX_ROAD_RATIO * ROAD_FACTOR * (straight + slack);
  if (declaredM > longest) {
    return { problem: { field: 'distance', reasonCode: 'distance_too_long', reason: `distance de ${km(declaredM)} invraisemblable entre ces communes (plus de ${MAX_ROAD_RATIO} fois la distance routière estimée, ${km(longest)} au plus)` } };
  }
  return { distanceM: declaredM, estimated: false };
}

/** Seconds a journey of `distanceM` lasts at least (`MAX_SPEED_KMH`, never under `MIN_DURATION_S`). */
export function shortestDurationS(distanceM: number): number {
  return Math.max(MIN_DURATION_S, Math.round(distanceM / (MAX_SPEED_KMH / 3.6)));
}

/** A declared journey in time: departure (epoch seconds) and distance (metres). */
export interface DeclaredSpan {
  startS: number;
  distanceM: number;
}

/** A registry journey in time, published times (ceiled to 10 minutes in territory extracts), epoch seconds. */
export interface RegistrySpan {
  startS: number;
  endS: number;
}

/** Whether two declared journeys of one person overlap even at the fastest: each leaves before the other can arrive. */
export function declaredSpansConflict(a: DeclaredSpan, b: DeclaredSpan): boolean {
  return a.startS < b.startS + shortestDurationS(b.distanceM) && b.startS < a.startS + shortestDurationS(a.distanceM);
}

/**
 * Whether a declared journey certainly overlaps a registry journey of the same person: it leaves before the registry
 * journey's true end (its published end less the 10-minute ceiling), and the registry journey leaves before the
 * declared one can arrive at the fastest.
 */
export function registrySpanConflict(declared: DeclaredSpan, registry: RegistrySpan): boolean {
  return declared.startS < registry.endS - CEILING_S && registry.startS < declared.startS + shortestDurationS(declared.distanceM);
}

/** A journey as the duplicate rule compares them: local day, departure (epoch seconds), communes (current codes). */
export interface JourneyPlaces {
  day: string;
  startS: number;
  fromCom: string | null;
  toCom: string | null;
}

/** Whether a declared journey is a registry journey of the same person: same day, same communes, departures ±30 min. */
export function sameJourney(declared: JourneyPlaces, registry: JourneyPlaces, windowS = DUPLICATE_WINDOW_S): boolean {
  return (
    declared.day === registry.day && declared.fromCom !== null && declared.fromCom === registry.fromCom && declared.toCom === registry.toCom
    && Math.abs(declared.startS - registry.startS) <= windowS
  );
}
