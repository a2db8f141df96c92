import { geoArea, geoCentroid, geoContains } from 'd3-geo';
import type { Position } from 'geojson';
import { polygonsOf } from './area-geometry';
import type { AreaGeometry } from './contour-types';

const round = (value: number): number => Math.round(value * 1e5) / 1e5;

/**
 * A point inside a polygon, for shapes whose centroid falls outside (crescents, rings of communes around another):
 * the middle of the widest stretch of the horizontal line through the middle of the exterior's latitude range that
 * lies inside the polygon (even-odd crossings of every ring, holes included).
 */
function pointOnScanline(polygon: readonly Position[][]): [number, number] | null {
  const exterior = polygon[0] ?? [];
  const latitudes = exterior.map((position) => position[1] ?? 0);
  const y = (Math.min(...latitudes) + Math.max(...latitudes)) / 2;
  const crossings: number[] = [];
  for (const ring of polygon) {
    for (let i = 0; i + 1 < ring.length; i += 1) {
      const [x1 = 0, y1 = 0] = ring[i] ?? [];
      const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
      if (y1 > y !== y2 > y) crossings.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    }
  }
  crossings.sort((a, b) => a - b);
  let best: [number, number] | null = null;
  let widest = 0;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const width = (crossings[i + 1] ?? 0) - (crossings[i] ?? 0);
    if (width > widest) {
      widest = width;
      best = [((crossings[i] ?? 0) + (crossings[i + 1] ?? 0)) / 2, y];
    }
  }
  return best;
}

/**
 * One representative point of a contour, degrees WGS 84 `[lon, lat]` rounded to 5 decimals: the spherical centroid
 * (d3-geo `geoCentroid`) when it lies inside the shape, else a point inside its largest polygon (the centroid of a
 * crescent or of an archipelago can fall in the sea or in a neighbour). Rings must be wound as d3 reads them
 * (exterior clockwise: `windForD3`).
 */
export function labelPoint(geometry: AreaGeometry): [number, number] {
  const centroid = geoCentroid(geometry);
  if (geoContains(geometry, centroid)) return [round(centroid[0]), round(centroid[1])];
  const polygons = polygonsOf(geometry);
  let largest = polygons[0] ?? [];
  let largestArea = -1;
  for (const polygon of polygons) {
    const area = geoArea({ type: 'Polygon', coordinates: polygon });
    if (area > largestArea) {
      largestArea = area;
      largest = polygon;
    }
  }
  const partCentroid = geoCentroid({ type: 'Polygon', coordinates: largest });
  const inside = geoContains({ type: 'Polygon', coordinates: largest }, partCentroid) ? partCentroid : (pointOnScanline(largest) ?? partCentroid);
  return [round(inside[0]), round(inside[1])];
}
