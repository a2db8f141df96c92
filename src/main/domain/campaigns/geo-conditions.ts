import type { GeoLevel, TerritorySelector, TripEnds } from '../../../shared/campaigns/definition-types';
import type { CampaignTrip, TripPlace } from './campaign-trip';
import { LEVEL_NAMES } from './french-text';
import { compileSelector, describePlace } from './place-matcher';
import { leafCondition, type CompileScope, type TripCondition } from './trip-condition';

const ENDS: Record<TripEnds, string> = {
  start: 'départ',
  end: 'arrivée',
  both: 'départ et arrivée',
  either: 'départ ou arrivée',
};

/** Combines a test on one end into the start / end / both / either test. */
function atEnds<T>(at: TripEnds, test: (end: T) => boolean, start: (trip: CampaignTrip) => T, end: (trip: CampaignTrip) => T) {
  switch (at) {
    case 'start':
      return (trip: CampaignTrip) => test(start(trip));
    case 'end':
      return (trip: CampaignTrip) => test(end(trip));
    case 'both':
      return (trip: CampaignTrip) => test(start(trip)) && test(end(trip));
    case 'either':
      return (trip: CampaignTrip) => test(start(trip)) || test(end(trip));
  }
}

/** Start / end / both / either in a selector (`"campaign"`: the campaign's own territory). */
export function territoryCondition(at: TripEnds, selector: TerritorySelector | 'campaign', scope: CompileScope): TripCondition {
  const matcher = selector === 'campaign' ? scope.campaignTerritory : compileSelector(selector, scope.lists);
  const where = selector === 'campaign' ? `le territoire de la campagne (${matcher.description})` : matcher.description;
  const test = atEnds<TripPlace>(at, (place) => matcher.matches(place), (trip) => trip.start, (trip) => trip.end);
  return leafCondition(
    'territory',
    `${ENDS[at]} dans ${where}`,
    (ctx) => test(ctx.trip),
    (trip) => `départ ${describePlace(trip.start)} ; arrivée ${describePlace(trip.end)}`,
  );
}

/** Start and end have the same known code at `level` (e.g. a trip internal to one AOM). */
export function sameCodeCondition(level: GeoLevel): TripCondition {
  return leafCondition(
    'same_code',
    `départ et arrivée dans la même ${LEVEL_NAMES[level]}`,
    ({ trip }) => trip.start[level] != null && trip.start[level] === trip.end[level],
    (trip) => `${level} ${trip.start[level] ?? 'inconnu'} → ${trip.end[level] ?? 'inconnu'}`,
  );
}

type Point = { lon: number | null; lat: number | null };

/** Trip end coordinates inside a named shape; a missing coordinate is outside. */
export function insideShapeCondition(at: TripEnds, shapeName: string, scope: CompileScope): TripCondition {
  const shape = scope.shapes.get(shapeName);
  const inside = ({ lon, lat }: Point) => lon !== null && lat !== null && shape !== undefined && shape.contains(lon, lat);
  const test = atEnds<Point>(
    at,
    inside,
    (trip) => ({ lon: trip.start_lon, lat: trip.start_lat }),
    (trip) => ({ lon: trip.end_lon, lat: trip.end_lat }),
  );
  const position = (lon: number | null, lat: number | null) => (lon === null || lat === null ? 'position inconnue' : `${lat}, ${lon}`);
  return leafCondition(
    'inside_shape',
    `${ENDS[at]} à l’intérieur de la forme « ${shapeName} »`,
    (ctx) => test(ctx.trip),
    (trip) => `départ ${position(trip.start_lon, trip.start_lat)} ; arrivée ${position(trip.end_lon, trip.end_lat)}`,
  );
}
