import { naturalKey, type TripRow } from '../trips/trip-row';

/** A location as the geography reference resolves an INSEE code (see domain/geo). */
export interface Location {
  com: string | null;
  epci: string | null;
  aom: string | null;
  dep: string | null;
  reg: string | null;
  country: string;
}

/** Resolves an INSEE code (commune, arrondissement, former or delegated commune, 99xxx); null when unknown. */
export type ResolveLocation = (code: string) => Location | null;

/**
 * Completes a parsed journey: derived geography of both ends (codes that resolve nowhere are kept as published and
 * returned so the sync log can report them), the operator id and the natural key.
 */
export function enrichJourney(trip: TripRow, resolve: ResolveLocation, operatorId: number | null, sourceLine: number): string[] {
  const unresolved: string[] = [];
  for (const end of ['start', 'end'] as const) {
    const insee = trip[`${end}_insee`];
    if (insee === null) continue;
    const location = resolve(insee);
    if (!location) {
      unresolved.push(insee);
      continue;
    }
    trip[`${end}_com`] = location.com;
    trip[`${end}_epci`] = location.epci;
    trip[`${end}_aom`] = location.aom;
    trip[`${end}_dep`] = location.dep;
    trip[`${end}_reg`] = location.reg;
    trip[`${end}_country`] = location.country;
  }
  trip.operator_id = operatorId;
  trip.natural_key = naturalKey(trip.journey_id, operatorId, trip.operator_journey_id);
  trip.source_line = sourceLine;
  return unresolved;
}
