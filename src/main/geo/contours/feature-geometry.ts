import type { Geometry } from 'geojson';
import { convertGeometry, outsideFrance } from './area-geometry';
import { ContourFileError } from './contour-file-error';
import type { RawFeature } from './contour-types';
import type { CoordinateSystem } from './coordinate-systems';

/**
 * One feature's polygon in rounded WGS 84 degrees. Throws `ContourFileError` naming the layer and feature when it
 * has no polygon, or lands outside France (a .prj that does not match the coordinates).
 */
export function featureGeometry(label: string, index: number, geometry: Geometry | null, system: CoordinateSystem): RawFeature['geometry'] {
  if (!geometry) throw new ContourFileError(`« ${label} », objet n° ${index} : sans géométrie.`);
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    throw new ContourFileError(`« ${label} », objet n° ${index} : géométrie ${geometry.type}, pas un polygone.`);
  }
  let converted: RawFeature['geometry'] | null;
  try {
    converted = convertGeometry(geometry, system.toWgs84);
  } catch (error) {
    throw new ContourFileError(`« ${label} », objet n° ${index} : coordonnées illisibles (${(error as Error).message}).`);
  }
  if (!converted) throw new ContourFileError(`« ${label} », objet n° ${index} : polygone vide ou dégénéré.`);
  const outside = outsideFrance(converted);
  if (outside) {
    throw new ContourFileError(
      `« ${label} », objet n° ${index} : une fois converti depuis ${system.label}, il tombe hors de France (${outside[0]}, ${outside[1]}) : le système de coordonnées déclaré ne correspond pas aux coordonnées.`,
    );
  }
  return converted;
}
