import type { FeatureCollection } from 'geojson';
import { feature, merge } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import type { ShapeLevel } from '../../../shared/types/map';
import { windForD3 } from './area-geometry';
import type { AreaGeometry, SourceContour } from './contour-types';

/**
 * Simplification tolerance per level, metres: about 100 m for communes (borders stay recognisable at the scale of a
 * département), coarser for the larger places, which are never looked at as closely.
 */
export const TOLERANCE_METRES: Readonly<Record<ShapeLevel, number>> = { com: 100, epci: 200, aom: 200, dep: 400, reg: 800 };

/** Mean Earth radius, metres (IUGG), to turn a tolerance into a spherical area. */
const EARTH_RADIUS_METRES = 6_371_008.8;

type AreaObject = TopoPolygon<{ code: string }> | TopoMultiPolygon<{ code: string }>;

/** Contours of one level as a simplified topology: shared borders are one arc, simplified once for both sides. */
export interface SimplifiedContours {
  topology: Topology<{ contours: GeometryCollection<{ code: string }> }>;
  byCode: ReadonlyMap<string, AreaObject>;
}

/** The rings of the topology's polygons, as arc indexes (a negative index `~i` is arc i reversed). */
function* ringsOf(objects: Iterable<AreaObject>): Generator<number[]> {
  for (const object of objects) {
    if (object.type === 'Polygon') yield* object.arcs;
    else for (const polygon of object.arcs) yield* polygon;
  }
}

/**
 * Keeps the `count` interior points that Visvalingam would remove last on an arc (their weight set to Infinity).
 * A ring made of one arc (an island) keeps two, each arc of a ring of two (an enclave) keeps one: simplifying can
 * then never flatten a small place to nothing, whatever the tolerance.
 */
function protect(arc: number[][], count: number): void {
  const interior = arc.slice(1, -1).sort((a, b) => (b[2] ?? 0) - (a[2] ?? 0));
  for (const point of interior.slice(0, count)) point[2] = Infinity;
}

/**
 * Builds the topology of a level's contours (topojson-server: shared borders become shared arcs), simplifies it
 * with Visvalingam's algorithm on spherical triangle areas (topojson-simplify), removing the points whose effective
 * area is under `toleranceMetres`², and answers it with each code's object. Geometry must already be rounded
 * degrees, so that both sides of a border carry the very same points.
 */
export function simplifyContours(contours: readonly SourceContour[], toleranceMetres: number): SimplifiedContours {
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: contours.map((contour) => ({ type: 'Feature', id: contour.code, properties: { code: contour.code }, geometry: contour.geometry })),
  };
  const built = topology({ contours: collection }) as Topology<{ contours: GeometryCollection<{ code: string }> }>;
  const weighted = presimplify(built, sphericalTriangleArea);
  const objects = weighted.objects.contours.geometries as AreaObject[];
  for (const ring of ringsOf(objects)) {
    if (ring.length > 2) continue;
    for (const index of ring) {
      const arc = weighted.arcs[index < 0 ? ~index : index];
      if (arc) protect(arc, ring.length === 1 ? 2 : 1);
    }
  }
  const minWeight = (toleranceMetres / EARTH_RADIUS_METRES) ** 2;
  const simplified = simplify(weighted, minWeight);
  return { topology: simplified, byCode: new Map(objects.map((object) => [String(object.properties?.code), object])) };
}

/** One code's simplified geometry, wound for d3 (`windForD3`); null for a code the contours do not hold. */
export function simplifiedGeometry(contours: SimplifiedContours, code: string): AreaGeometry | null {
  const object = contours.byCode.get(code);
  if (!object) return null;
  // One call per type: feature's overloads do not take the union.
  const geometry = object.type === 'Polygon' ? feature(contours.topology, object).geometry : feature(contours.topology, object).geometry;
  return windForD3(geometry);
}

/**
 * The union of some codes' simplified contours (topojson-client `merge`: the arcs they share disappear), wound for
 * d3; null when none of the codes is held. Codes must not overlap (a commune and its arrondissements).
 */
export function dissolve(contours: SimplifiedContours, codes: Iterable<string>): AreaGeometry | null {
  const objects: AreaObject[] = [];
  for (const code of codes) {
    const object = contours.byCode.get(code);
    if (object) objects.push(object);
  }
  if (objects.length === 0) return null;
  return windForD3(merge(contours.topology, objects));
}
