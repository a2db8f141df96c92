import type { Geometry } from '../../../shared/campaigns/definition-types';

type Ring = ReadonlyArray<ReadonlyArray<number>>;

/** A compiled shape: `contains(lon, lat)` in WGS84 degrees. */
export interface Shape {
  contains(lon: number, lat: number): boolean;
}

/** Even-odd ray casting on one ring of [lon, lat] positions (closed or not). */
function insideRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Point-in-polygon test for a GeoJSON Polygon or MultiPolygon: inside an outer ring and outside its holes. A
 * bounding box rejects far points cheaply. Points exactly on an edge may fall either way (metre-scale
 * differences that the registry's own library resolves by convention).
 */
export function compileShape(geometry: Geometry): Shape {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const [lon = 0, lat = 0] of polygon[0] ?? []) {
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  return {
    contains(lon, lat) {
      if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) return false;
      return polygons.some(
        ([outer, ...holes]) => outer !== undefined && insideRing(outer, lon, lat) && !holes.some((hole) => insideRing(hole, lon, lat)),
      );
    },
  };
}
