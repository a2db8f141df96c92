import { geoArea, geoContains } from 'd3-geo';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { BUNDLED_ATTRIBUTION, bundledPositions, bundledShapes } from './bundled-background';
import { loadDecoupageReference } from './decoupage-reference';

describe('bundled background (resources/geo, Natural Earth)', () => {
  it('holds the 101 départements and 18 régions of the COG, with their codes and names', () => {
    const names = loadDecoupageReference().names;
    const departements = bundledShapes('dep');
    expect(departements).toHaveLength(101);
    expect(departements.map((shape) => shape.id)).toEqual([...names.dep.keys()].filter((code) => code.length === 2 || /^97[1-46]$/.test(code)).sort());
    for (const shape of departements) expect(shape.properties).toEqual({ code: shape.id, name: names.dep.get(shape.id), level: 'dep' });
    const regions = bundledShapes('reg');
    expect(regions.map((shape) => `${shape.id} ${shape.properties.name}`)).toEqual([
      '01 Guadeloupe', '02 Martinique', '03 Guyane', '04 La Réunion', '06 Mayotte', '11 Île-de-France', '24 Centre-Val de Loire', '27 Bourgogne-Franche-Comté',
      '28 Normandie', '32 Hauts-de-France', '44 Grand Est', '52 Pays de la Loire', '53 Bretagne', '75 Nouvelle-Aquitaine', '76 Occitanie',
      '84 Auvergne-Rhône-Alpes', '93 Provence-Alpes-Côte d\'Azur', '94 Corse',
    ]);
    expect(BUNDLED_ATTRIBUTION).toBe('Natural Earth (domaine public)');
  });

  it('winds rings for d3 and places each code inside its contour (Loire-Atlantique around Nantes, La Réunion in the Indian Ocean)', () => {
    for (const level of ['dep', 'reg'] as const) {
      const positions = bundledPositions(level);
      for (const shape of bundledShapes(level)) {
        const geometry = shape.geometry as Polygon | MultiPolygon;
        expect(geoArea(geometry)).toBeLessThan(0.1);
        expect(geoContains(geometry, positions.get(shape.id) ?? [0, 0])).toBe(true);
      }
    }
    const [lon = 0, lat = 0] = bundledPositions('dep').get('44') ?? [];
    expect(Math.abs(lon + 1.7)).toBeLessThan(0.5);
    expect(Math.abs(lat - 47.35)).toBeLessThan(0.3);
    const [reunionLon = 0, reunionLat = 0] = bundledPositions('dep').get('974') ?? [];
    expect(reunionLon).toBeCloseTo(55.5, 0);
    expect(reunionLat).toBeCloseTo(-21.1, 0);
  });
});
