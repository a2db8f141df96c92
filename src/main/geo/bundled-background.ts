import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { LonLat, ShapeFeature } from '../../shared/types/map';
import { convertGeometry, windForD3 } from './contours/area-geometry';
import { labelPoint } from './contours/label-point';

/** Attribution printed on maps drawn on the bundled background. */
export const BUNDLED_ATTRIBUTION = 'Natural Earth (domaine public)';

/** The shipped file (resources/geo/README.md says where it comes from and how to rebuild it). */
const FILE_NAME = 'france-departements.topo.json';

/** Levels the bundled background holds. */
export type BundledLevel = 'dep' | 'reg';

type BackgroundTopology = Topology<{
  departements: GeometryCollection<{ name: string; reg: string }>;
  regions: GeometryCollection<{ name: string }>;
}>;

/**
 * Folder of the shipped geography (`resources/geo`): next to the sources in development and tests (two levels above
 * src/main/geo), two levels above `out/main` once built (three from its chunks), or in the packaged app's resources.
 */
export function geoResourceDir(): string {
  const candidates = [
    join(__dirname, '../../../resources/geo'),
    join(__dirname, '../../resources/geo'),
    'resourcesPath' in process ? join(String((process as unknown as { resourcesPath: string }).resourcesPath), 'geo') : undefined,
  ].filter((dir): dir is string => typeof dir === 'string');
  const found = candidates.find((dir) => existsSync(join(dir, FILE_NAME)));
  if (!found) throw new Error(`Fond de carte introuvable (${FILE_NAME} cherché dans : ${candidates.join(', ')})`);
  return found;
}

let memo: Readonly<Record<BundledLevel, { features: ShapeFeature[]; positions: Map<string, LonLat> }>> | null = null;

function load(): NonNullable<typeof memo> {
  if (memo) return memo;
  const topology = JSON.parse(readFileSync(join(geoResourceDir(), FILE_NAME), 'utf8')) as BackgroundTopology;
  const level = (key: keyof BackgroundTopology['objects'], shapeLevel: BundledLevel): { features: ShapeFeature[]; positions: Map<string, LonLat> } => {
    const collection = feature(topology, topology.objects[key]) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
    const features = collection.features.map((entry: Feature<Polygon | MultiPolygon, { name: string }>): ShapeFeature => {
      const code = String(entry.id);
      // The quantised arcs decode to long decimals: rounded like imported contours, and wound for d3.
      const geometry = windForD3(convertGeometry(entry.geometry, null) ?? entry.geometry);
      return { type: 'Feature', id: code, properties: { code, name: entry.properties.name, level: shapeLevel }, geometry };
    });
    const positions = new Map(features.map((entry): [string, LonLat] => [entry.id, labelPoint(entry.geometry as Polygon | MultiPolygon)]));
    return { features, positions };
  };
  memo = { dep: level('departements', 'dep'), reg: level('regions', 'reg') };
  return memo;
}

/**
 * The application's own contours of a level: the 101 départements or the 18 régions (Natural Earth 1:10m, about
 * 1 km precise; GeoJSON, WGS 84, exterior rings clockwise as d3-geo reads them). Loaded once per process.
 */
export function bundledShapes(level: BundledLevel): readonly ShapeFeature[] {
  return load()[level].features;
}

/** A representative point inside each bundled contour of a level, degrees `[lon, lat]`, by INSEE code. */
export function bundledPositions(level: BundledLevel): ReadonlyMap<string, LonLat> {
  return load()[level].positions;
}
