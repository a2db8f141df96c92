import { geoConicConformal, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import type { LonLat, ShapeFeature } from '../../../shared/types/map';

/** A flow to draw: its ends in degrees `[lon, lat]` and its journeys. */
export interface ReportFlow {
  origin: LonLat;
  destination: LonLat;
  journeys: number;
}

/** A place to draw: where, its name, its journeys (touching it), whether it lies in the territory. */
export interface ReportPlace {
  position: LonLat;
  name: string | null;
  journeys: number;
  inTerritory: boolean;
}

/**
 * The map projected into a box of `width` × `height` points, SVG coordinates (y down, origin top left), clipped to
 * the box: contours as SVG paths, flows as curves with their stroke width, places as circles.
 */
export interface ProjectedMap {
  contours: string[];
  flows: Array<{ path: string; width: number; journeys: number }>;
  places: Array<{ x: number; y: number; radius: number; name: string | null; journeys: number; inTerritory: boolean }>;
}

/** Smallest span drawn, degrees of latitude: a map of one commune's flows still shows its surroundings. */
const MIN_SPAN_DEGREES = 0.25;
/** Widest flow and largest place, points. */
const MAX_FLOW_WIDTH = 4.5;
const MIN_FLOW_WIDTH = 0.6;
const MAX_RADIUS = 6;
const MIN_RADIUS = 1.5;

/** Rounds to hundredths of a point: shorter paths, no visible difference. */
const round = (value: number): number => Math.round(value * 100) / 100;

/**
 * Projects the flows of a report onto a box (pure): a conformal conic projection (Lambert's, as the IGN's
 * Lambert-93, with standard parallels around the flows so that overseas territories are drawn as well) fitted to
 * the flows' and places' positions with a margin; contours clipped to the box; widths and radii proportional to
 * the square root of journeys (areas follow journeys). Null when nothing has a position.
 */
export function projectReportMap(
  input: { flows: readonly ReportFlow[]; places: readonly ReportPlace[]; contours: readonly ShapeFeature[] },
  box: { width: number; height: number; padding: number },
): ProjectedMap | null {
  const points = [...input.flows.flatMap((flow) => [flow.origin, flow.destination]), ...input.places.map((place) => place.position)];
  if (points.length === 0) return null;
  const lons = points.map((point) => point[0]);
  const lats = points.map((point) => point[1]);
  const centre: LonLat = [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
  const halfLat = Math.max((Math.max(...lats) - Math.min(...lats)) / 2, MIN_SPAN_DEGREES / 2);
  const halfLon = Math.max((Math.max(...lons) - Math.min(...lons)) / 2, MIN_SPAN_DEGREES / 2 / Math.cos((centre[1] * Math.PI) / 180));
  const frame = {
    type: 'MultiPoint' as const,
    coordinates: [[centre[0] - halfLon, centre[1] - halfLat], [centre[0] + halfLon, centre[1] + halfLat], [centre[0] - halfLon, centre[1] + halfLat], [centre[0] + halfLon, centre[1] - halfLat]],
  };
  const projection = geoConicConformal()
    .parallels([centre[1] - 1, centre[1] + 1])
    .rotate([-centre[0], 0])
    .fitExtent([[box.padding, box.padding], [box.width - box.padding, box.height - box.padding]], frame)
    .clipExtent([[0, 0], [box.width, box.height]]);
  const path = geoPath(projection).digits(2);
  const at = (position: LonLat): [number, number] | null => projection(position);

  const contours = input.contours.flatMap((shape) => {
    // The contract's geometry leaves coordinates untyped; they are GeoJSON positions (contour-service.ts).
    const drawn = path(shape as unknown as GeoPermissibleObjects);
    return drawn ? [drawn] : [];
  });
  const maxFlow = Math.max(1, ...input.flows.map((flow) => flow.journeys));
  // Thin flows first, so that the main ones are drawn over them.
  const flows = [...input.flows]
    .sort((a, b) => a.journeys - b.journeys)
    .flatMap((flow) => {
      const from = at(flow.origin);
      const to = at(flow.destination);
      if (!from || !to) return [];
      // A slight bend to the right of the direction of travel keeps A → B apart from B → A.
      const [dx, dy] = [to[0] - from[0], to[1] - from[1]];
      const control = [(from[0] + to[0]) / 2 - dy * 0.08, (from[1] + to[1]) / 2 + dx * 0.08];
      const width = Math.max(MIN_FLOW_WIDTH, MAX_FLOW_WIDTH * Math.sqrt(flow.journeys / maxFlow));
      return [{ path: `M${round(from[0])},${round(from[1])}Q${round(control[0] ?? 0)},${round(control[1] ?? 0)} ${round(to[0])},${round(to[1])}`, width: round(width), journeys: flow.journeys }];
    });
  const maxPlace = Math.max(1, ...input.places.map((place) => place.journeys));
  const places = input.places.flatMap((place) => {
    const point = at(place.position);
    if (!point || point[0] < 0 || point[0] > box.width || point[1] < 0 || point[1] > box.height) return [];
    const radius = Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(place.journeys / maxPlace));
    return [{ x: round(point[0]), y: round(point[1]), radius: round(radius), name: place.name, journeys: place.journeys, inTerritory: place.inTerritory }];
  });
  return { contours, flows, places };
}
