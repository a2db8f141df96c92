import type { Geometry } from 'geojson';
import { ContourFileError } from './contour-file-error';
import type { RawFeature, RawLayer } from './contour-types';
import { ACCEPTED_SYSTEMS, systemOfGeoJsonCrs } from './coordinate-systems';
import { featureGeometry } from './feature-geometry';

interface GeoJsonFeature {
  type?: unknown;
  properties?: unknown;
  geometry?: unknown;
}

/** Whether the first positions of a geometry are beyond ±180/±90: metres, i.e. a projected system. */
function looksProjected(geometry: Geometry | null): boolean {
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return false;
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  return (ring ?? []).slice(0, 10).some(([x = 0, y = 0]) => Math.abs(x) > 180 || Math.abs(y) > 90);
}

/**
 * Reads a GeoJSON FeatureCollection of polygons (communes, EPCI, départements or régions) into WGS 84 features.
 * Coordinates are degrees WGS 84 (RFC 7946) unless a legacy `crs` member names one of ADMIN EXPRESS's systems.
 * Throws `ContourFileError` naming the file (and feature) when the JSON is unreadable, is not a FeatureCollection,
 * is empty, names another system, or holds a feature that is not a polygon.
 */
export function readGeoJsonLayer(label: string, text: string, onFeature: (done: number, total: number) => void): RawLayer {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ContourFileError(`« ${label} » : JSON illisible (${(error as Error).message}).`);
  }
  const collection = json as { type?: unknown; features?: unknown; crs?: unknown };
  if (typeof json !== 'object' || json === null || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new ContourFileError(`« ${label} » : ce n’est pas une FeatureCollection GeoJSON.`);
  }
  const entries = collection.features as GeoJsonFeature[];
  if (entries.length === 0) throw new ContourFileError(`« ${label} » : aucun contour (FeatureCollection vide).`);
  const system = systemOfGeoJsonCrs(collection.crs);
  if (!system) throw new ContourFileError(`« ${label} » : système de coordonnées « crs » non pris en charge ; attendu : ${ACCEPTED_SYSTEMS}.`);
  const fields = new Set<string>();
  const features: RawFeature[] = [];
  for (const [position, entry] of entries.entries()) {
    const index = position + 1;
    if (typeof entry !== 'object' || entry === null || entry.type !== 'Feature') throw new ContourFileError(`« ${label} », objet n° ${index} : ce n’est pas une Feature GeoJSON.`);
    const geometry = (entry.geometry ?? null) as Geometry | null;
    if (system.toWgs84 === null && looksProjected(geometry)) {
      throw new ContourFileError(
        `« ${label} », objet n° ${index} : coordonnées hors des degrés (des mètres ?) ; un GeoJSON est en degrés WGS 84, sinon son membre « crs » doit nommer le système (${ACCEPTED_SYSTEMS}).`,
      );
    }
    const properties = typeof entry.properties === 'object' && entry.properties !== null ? (entry.properties as Record<string, unknown>) : {};
    for (const name of Object.keys(properties)) fields.add(name);
    features.push({ index, properties, geometry: featureGeometry(label, index, geometry, system) });
    onFeature(index, entries.length);
  }
  return { label, layerName: null, fields: [...fields], system: system.label, features };
}
