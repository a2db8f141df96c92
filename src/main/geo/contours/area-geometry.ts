import type { Position } from 'geojson';
import type { AreaGeometry } from './contour-types';

/** Decimals kept on degrees: 1e-5° is about 1 m, far below the ~100 m the contours are simplified to. */
const DECIMALS = 1e5;

const round = (value: number): number => Math.round(value * DECIMALS) / DECIMALS;

/** Polygons of a geometry as rings of positions (a Polygon is one polygon). */
export function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** A Polygon for one polygon, else a MultiPolygon; null for none. */
export function areaGeometry(polygons: Position[][][]): AreaGeometry | null {
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] ?? [] } : { type: 'MultiPolygon', coordinates: polygons };
}

/**
 * Converts a ring to rounded degrees (`project` gives `[lon, lat]`, identity for degrees) and drops repeated
 * consecutive positions; null when fewer than three distinct positions remain. The result is closed. Rounding
 * here, before the topology is built, keeps a border shared by two places identical on both sides.
 */
function convertRing(ring: readonly Position[], project: ((x: number, y: number) => [number, number]) | null): Position[] | null {
  const output: Position[] = [];
  for (const position of ring) {
    const x = position[0] ?? Number.NaN;
    const y = position[1] ?? Number.NaN;
    const [lon, lat] = project ? project(x, y) : [x, y];
    const point = [round(lon), round(lat)];
    const last = output.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) output.push(point);
  }
  const first = output[0];
  const last = output.at(-1);
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) output.push([first[0] ?? 0, first[1] ?? 0]);
  return output.length >= 4 ? output : null;
}

/**
 * A polygonal geometry converted to rounded WGS 84 degrees; rings that collapse are dropped, and a polygon whose
 * exterior collapses goes with its holes. Null when nothing is left. Throws on non-finite coordinates.
 */
export function convertGeometry(geometry: AreaGeometry, project: ((x: number, y: number) => [number, number]) | null): AreaGeometry | null {
  const polygons: Position[][][] = [];
  for (const polygon of polygonsOf(geometry)) {
    const [exterior, ...holes] = polygon;
    const outer = exterior ? convertRing(exterior, project) : null;
    if (!outer) continue;
    const inner = holes.map((hole) => convertRing(hole, project)).filter((hole): hole is Position[] => hole !== null);
    polygons.push([outer, ...inner]);
  }
  for (const polygon of polygons) {
    for (const ring of polygon) for (const [lon, lat] of ring) if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new RangeError('coordonnée non numérique');
  }
  return areaGeometry(polygons);
}

/** Twice the signed planar area of a ring in degrees: positive when counter-clockwise (longitude right, latitude up). */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const a = ring[i] ?? [0, 0];
    const b = ring[i + 1] ?? [0, 0];
    sum += (a[0] ?? 0) * (b[1] ?? 0) - (b[0] ?? 0) * (a[1] ?? 0);
  }
  return sum;
}

function wound(ring: Position[], clockwise: boolean): Position[] {
  return signedArea(ring) < 0 === clockwise ? ring : [...ring].reverse();
}

/**
 * The geometry with exterior rings clockwise and holes counter-clockwise, as d3-geo reads spherical polygons
 * (RFC 7946 recommends the opposite; MapLibre ignores winding). Without this, d3 would take a counter-clockwise
 * commune for the whole globe but that commune. Stored and bundled contours are all wound this way.
 */
export function windForD3(geometry: AreaGeometry): AreaGeometry {
  const polygons = polygonsOf(geometry).map(([exterior, ...holes]) => [wound(exterior ?? [], true), ...holes.map((hole) => wound(hole, false))]);
  return areaGeometry(polygons) ?? geometry;
}

/** Positions of a geometry (closing positions included). */
export function vertexCount(geometry: AreaGeometry): number {
  let count = 0;
  for (const polygon of polygonsOf(geometry)) for (const ring of polygon) count += ring.length;
  return count;
}

/**
 * Where French places can lie, degrees `[west, south, east, north]` with a margin: metropolitan France and Corsica,
 * the Antilles, Guyane, La Réunion, Mayotte, Saint-Pierre-et-Miquelon and the Pacific collectivities. A contour
 * outside all of them was read in the wrong coordinate system.
 */
const FRENCH_EXTENTS: ReadonlyArray<readonly [number, number, number, number]> = [
  [-6, 41, 10, 52],
  [-64, 13.5, -60, 19],
  [-55.5, 1.5, -50.5, 6.5],
  [54.8, -21.8, 56.2, -20.5],
  [44.5, -13.5, 45.8, -12.2],
  [-57, 46.5, -55.8, 47.5],
  [-179.5, -28.5, -133, -7],
  [162, -23.5, 169.5, -19],
];

/** The geometry's first position, when it lies outside every French extent (null when it lies inside one). */
export function outsideFrance(geometry: AreaGeometry): Position | null {
  const position = polygonsOf(geometry)[0]?.[0]?.[0];
  if (!position) return null;
  const [lon = Number.NaN, lat = Number.NaN] = position;
  const inside = FRENCH_EXTENTS.some(([west, south, east, north]) => lon >= west && lon <= east && lat >= south && lat <= north);
  return inside ? null : position;
}
