import type { LonLat, MapFlow, MapPlace, MapResult } from '@shared/types/map';
import { circleRadius, classIndex, flowScale, flowStyle, type ClassScale } from './map-classes';
import { arcControlPoint, boundsOf, geometryPositions, METROPOLE, unitProject, type Bounds, type Point } from './map-geometry';

/** How flows are drawn: straight lines, or arcs bent to the right of the way travelled. */
export type LineStyle = 'straight' | 'arcs';
/** What the proportional circles of the places show. */
export const CIRCLE_MEASURES = ['none', 'departures', 'arrivals', 'journeys'] as const;
export type CircleMeasure = (typeof CIRCLE_MEASURES)[number];

/** Display choices that change the drawing only, not the query. */
export interface SceneOptions {
  readonly lines: LineStyle;
  readonly circles: CircleMeasure;
}

/** A flow between two places, in unit coordinates; `index` is its row in `MapResult.flows`. */
export interface SceneFlow {
  readonly index: number;
  readonly journeys: number;
  readonly a: Point;
  readonly b: Point;
  /** Control point of the arc, null for a straight line. */
  readonly control: Point | null;
  readonly classIndex: number;
  readonly colour: string;
  readonly width: number;
  /** Share (0–1) of the flow's journeys in the overlay, null without overlay. */
  readonly overlayShare: number | null;
}

/** A flow internal to a place, drawn as a disc on it; `index` is its row in `MapResult.flows`. */
export interface SceneDisc {
  readonly index: number;
  readonly centre: Point;
  readonly radius: number;
  readonly colour: string;
  readonly overlayShare: number | null;
}

/** A place's proportional circle; `index` is its row in `MapResult.places`. */
export interface SceneCircle {
  readonly index: number;
  readonly centre: Point;
  readonly radius: number;
}

/** A place name printed on the map. */
export interface SceneLabel {
  readonly text: string;
  readonly at: Point;
}

/** Everything drawn over the background, in unit coordinates, in drawing order. */
export interface Scene {
  /** Smallest flows first, so that big flows are drawn on top. */
  readonly flows: readonly SceneFlow[];
  readonly discs: readonly SceneDisc[];
  /** Largest first, so that small circles stay visible and clickable on top of big ones. */
  readonly circles: readonly SceneCircle[];
  readonly labels: readonly SceneLabel[];
  /** Position of each place (row of `MapResult.places`), null when unknown: a place selected in the table is marked there. */
  readonly placePoints: ReadonlyArray<Point | null>;
  readonly flowScale: ClassScale;
  /** Largest value of the circles' measure (the legend's reference circle), 0 without circles. */
  readonly circleMax: number;
  /** Largest internal flow (the reference of the discs), 0 without internal flows. */
  readonly discMax: number;
}

/** Radius in pixels of the largest place circle and of the largest internal flow's disc. */
export const MAX_CIRCLE_RADIUS = 28;
export const MAX_DISC_RADIUS = 16;
/** Discs of small internal flows keep this radius, so that they stay visible and clickable. */
const MIN_DISC_RADIUS = 3;
/** Place names printed: the busiest places only, the others are in the table and the tooltip. */
const LABEL_COUNT = 12;

/** The figure of a place a circle measure shows. */
export function circleValue(place: MapPlace, measure: Exclude<CircleMeasure, 'none'>): number {
  return measure === 'departures' ? place.departures : measure === 'arrivals' ? place.arrivals : place.journeys;
}

function overlayShare(flow: MapFlow): number | null {
  return flow.overlayJourneys === null || flow.journeys <= 0 ? null : Math.min(1, flow.overlayJourneys / flow.journeys);
}

/** Places by code with their unit position (null when the result could not locate them). */
function placePositions(places: readonly MapPlace[]): Map<string, Point | null> {
  return new Map(places.map((place) => [place.code, place.position ? unitProject(place.position) : null]));
}

/**
 * Builds what the canvas draws from a map answer: flows with their class, colour, width and arc, internal flows as
 * discs, proportional circles and labels, in unit coordinates. Flows with an end the answer could not locate are
 * left out (the answer counts them in `unplaced`; the table lists them).
 */
export function buildScene(result: Pick<MapResult, 'flows' | 'places'>, options: SceneOptions): Scene {
  const positions = placePositions(result.places);
  const scale = flowScale(result.flows.map((flow) => flow.journeys));
  const flows: SceneFlow[] = [];
  const discs: SceneDisc[] = [];
  const discMax = Math.max(0, ...result.flows.filter((flow) => flow.internal).map((flow) => flow.journeys));

  result.flows.forEach((flow, index) => {
    const a = positions.get(flow.origin) ?? null;
    const b = positions.get(flow.destination) ?? null;
    if (!a || !b) return;
    const klass = classIndex(scale, flow.journeys);
    const { colour, width } = flowStyle(scale, klass);
    if (flow.internal) {
      const radius = Math.max(MIN_DISC_RADIUS, circleRadius(flow.journeys, discMax, MAX_DISC_RADIUS));
      discs.push({ index, centre: a, radius, colour, overlayShare: overlayShare(flow) });
      return;
    }
    flows.push({ index, journeys: flow.journeys, a, b, control: options.lines === 'arcs' ? arcControlPoint(a, b) : null, classIndex: klass, colour, width, overlayShare: overlayShare(flow) });
  });
  flows.sort((x, y) => x.journeys - y.journeys);
  // Big discs under small ones.
  discs.sort((x, y) => y.radius - x.radius);

  const circles: SceneCircle[] = [];
  let circleMax = 0;
  if (options.circles !== 'none') {
    const measure = options.circles;
    circleMax = Math.max(0, ...result.places.map((place) => circleValue(place, measure)));
    result.places.forEach((place, index) => {
      const centre = positions.get(place.code);
      const radius = circleRadius(circleValue(place, measure), circleMax, MAX_CIRCLE_RADIUS);
      if (centre && radius > 0) circles.push({ index, centre, radius });
    });
    circles.sort((x, y) => y.radius - x.radius);
  }

  const labels = [...result.places]
    .filter((place) => place.position !== null && place.inTerritory)
    .sort((x, y) => y.journeys - x.journeys)
    .slice(0, LABEL_COUNT)
    .map((place) => ({ text: place.name ?? place.code, at: positions.get(place.code) as Point }));

  const placePoints = result.places.map((place) => positions.get(place.code) ?? null);
  return { flows, discs, circles, labels, placePoints, flowScale: scale, circleMax, discMax };
}

/** Metropolitan France as a bounding box (unit projection), for a map with nothing to fit to. */
export function metropoleBounds(): Bounds {
  return boundsOf(METROPOLE.map(unitProject)) as Bounds;
}

function insideMetropole([lon, lat]: LonLat): boolean {
  const [[west, south], [east, north]] = METROPOLE as [LonLat, LonLat];
  return lon >= west && lon <= east && lat >= south && lat <= north;
}

/**
 * What « Ajuster au territoire » shows (unit projection bounds): the territory's contour when the background has it,
 * else its places; without a territory, the places in metropolitan France (overseas places would shrink the
 * mainland to a dot), else all places; else metropolitan France.
 */
export function fitBounds(result: Pick<MapResult, 'places' | 'territory'>, territoryShape: { coordinates: unknown } | null): Bounds {
  if (territoryShape) {
    const bounds = boundsOf([...geometryPositions(territoryShape.coordinates)].map(unitProject));
    if (bounds) return bounds;
  }
  const located = result.places.filter((place) => place.position !== null && place.inTerritory).map((place) => place.position as LonLat);
  const mainland = located.filter(insideMetropole);
  const chosen = result.territory === null && mainland.length > 0 ? mainland : located;
  return boundsOf(chosen.map(unitProject)) ?? metropoleBounds();
}
