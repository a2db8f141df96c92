import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoArea, geoContains } from 'd3-geo';
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGeoResolver, withAom } from '../../domain/geo/geo-resolver';
import { ADMIN_EXPRESS_FOLDER, layerMembers, mayotteGeoJson, nantesAdminExpress, parisAdminExpress, writeZip } from '../../testing/contour-fixtures';
import { makeTempDir } from '../../testing/temp-store';
import { loadDecoupageReference } from '../decoupage-reference';
import { polygonsOf } from './area-geometry';
import { buildContourRows, type ContourBuild } from './build-contours';
import type { ContourFile } from './contour-types';
import { communeGroups } from './derive-levels';
import { labelPoint } from './label-point';
import { readContourFile } from './read-contour-file';

const reference = loadDecoupageReference();
const RUN = { progress: () => undefined, signal: new AbortController().signal };

let dir: string;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function read(path: string, aom: ReadonlyMap<string, string> = new Map()): Promise<{ file: ContourFile; built: ContourBuild }> {
  const withTable = withAom(reference, aom, new Map([['244400404', 'Nantes Métropole']]));
  const resolver = createGeoResolver(withTable);
  const file = await readContourFile(path, { level: null, codes: { name: (level, code) => resolver.name(level, code) }, progress: () => undefined, signal: RUN.signal });
  return { file, built: buildContourRows(file, withTable, RUN) };
}

const geometryOf = (built: ContourBuild, level: string, code: string): Polygon | MultiPolygon => {
  const row = built.rows.find((candidate) => candidate.level === level && candidate.code === code);
  if (!row) throw new Error(`${level} ${code} absent`);
  return JSON.parse(row.geometryJson) as Polygon | MultiPolygon;
};

describe('buildContourRows', () => {
  it('simplifies each level (~100 m for communes), keeps shared borders identical, winds rings for d3 and places each code inside', async () => {
    const path = join(dir, 'nantes.zip');
    await writeZip(path, layerMembers(ADMIN_EXPRESS_FOLDER, nantesAdminExpress()));
    const { built } = await read(path);

    const com = built.levels.find((level) => level.level === 'com');
    expect(com).toMatchObject({ count: 6, derived: false, source: 'IGN ADMIN EXPRESS COG 2024', toleranceMetres: 100 });
    // Borders wiggle by 15 m every 50 m: the simplification keeps a few points per side out of 121.
    expect(com?.verticesStored).toBeLessThan((com?.verticesRead ?? 0) / 5);
    // Nantes and Orvault share their whole east/west side: the same simplified points on both.
    const points = (code: string): Set<string> => new Set(polygonsOf(geometryOf(built, 'com', code)).flat(2).map((position) => position.join(',')));
    const nantes = points('44109');
    const shared = [...points('44114')].filter((position) => nantes.has(position));
    expect(shared.length).toBeGreaterThanOrEqual(2);
    for (const row of built.rows) {
      const geometry = JSON.parse(row.geometryJson) as Polygon | MultiPolygon;
      // Clockwise exteriors: d3 sees a small area, not the rest of the globe.
      expect(geoArea(geometry)).toBeLessThan(0.001);
      expect(geoContains(geometry, [row.lon, row.lat])).toBe(true);
    }
    const nantesRow = built.rows.find((row) => row.code === '44109');
    expect(nantesRow?.lon).toBeCloseTo(-1.55, 2);
    expect(nantesRow?.lat).toBeCloseTo(47.22, 2);
  });

  it('dissolves communes into the levels the file lacks, complete groups only, AOM from the store’s table', async () => {
    const path = join(dir, 'nantes-aom.zip');
    await writeZip(path, layerMembers(ADMIN_EXPRESS_FOLDER, nantesAdminExpress()));
    const communes = ['44020', '44143', '44190', '44162', '44109', '44114'];
    const { built } = await read(path, new Map(communes.map((code) => [code, '244400404'])));
    expect(built.levels.map((level) => [level.level, level.count, level.derived])).toEqual([
      ['com', 6, false],
      ['epci', 1, false],
      ['dep', 1, false],
      ['aom', 1, true],
    ]);
    expect(built.levels.at(-1)?.source).toBe('IGN ADMIN EXPRESS COG 2024 (communes regroupées)');
    // Pays de la Loire has far more communes than six: a partial région would mislead, it is left out.
    expect(built.notDerived).toEqual([{ level: 'reg', partialGroups: 1 }]);
    const aom = built.rows.find((row) => row.level === 'aom');
    expect(aom).toMatchObject({ code: '244400404', name: 'Nantes Métropole', derived: true });
    // The dissolved outline is one ring around the six tiles (no inner borders left).
    expect(geometryOf(built, 'aom', '244400404').type).toBe('Polygon');
    expect(polygonsOf(geometryOf(built, 'aom', '244400404'))).toHaveLength(1);
    expect(polygonsOf(geometryOf(built, 'aom', '244400404'))[0]).toHaveLength(1);
  });

  it('derives the EPCI, département and région of a whole territory from a GeoJSON of its communes (Mayotte)', async () => {
    const path = join(dir, 'mayotte.geojson');
    writeFileSync(path, mayotteGeoJson());
    const { built } = await read(path);
    expect(built.levels.map((level) => [level.level, level.count, level.derived])).toEqual([
      ['com', 17, false],
      ['epci', 5, true],
      ['dep', 1, true],
      ['reg', 1, true],
    ]);
    expect(built.rows.filter((row) => row.derived).map((row) => `${row.level} ${row.code} ${row.name}`).sort()).toEqual([
      'dep 976 Mayotte',
      'epci 200050532 CC de Petite-Terre',
      'epci 200059871 CC du Centre-Ouest',
      'epci 200060457 CA de Dembeni / Mamoudzou',
      'epci 200060465 CA du Grand Nord de Mayotte',
      'epci 200060473 CC du Sud',
      'reg 06 Mayotte',
    ]);
    for (const row of built.rows) expect(geoContains(JSON.parse(row.geometryJson) as Polygon, [row.lon, row.lat])).toBe(true);
  });

  it('keeps arrondissements municipaux at level com under their own codes, and dissolves Paris from the commune alone', async () => {
    const path = join(dir, 'paris.zip');
    await writeZip(path, layerMembers('ADECOG', parisAdminExpress()));
    const { file, built } = await read(path);
    expect(file.levels[0]?.layers.map((layer) => layer.replace(/^.*› /, ''))).toEqual(['ADECOG/COMMUNE.shp (INSEE_COM)', 'ADECOG/ARRONDISSEMENT_MUNICIPAL.shp (INSEE_ARM)']);
    expect(built.rows.filter((row) => row.level === 'com').map((row) => `${row.code} ${row.name}`)).toEqual(['75056 Paris', '75101 Paris 1er Arrondissement', '75102 Paris 2e Arrondissement']);
    // Département 75 is the commune's outline: one ring (its arrondissements would have cancelled it).
    expect(polygonsOf(geometryOf(built, 'dep', '75'))).toHaveLength(1);
    expect(polygonsOf(geometryOf(built, 'dep', '75'))[0]).toHaveLength(1);
    expect(built.notDerived.map((level) => level.level)).toEqual(['epci', 'aom', 'reg']);
  });
});

describe('communeGroups', () => {
  it('leaves out arrondissements of a commune the file holds whole, and counts codes the geography does not know', () => {
    const { groups, unplaced } = communeGroups(['75056', '75101', '75102', '99999'], reference, ['dep']);
    expect(unplaced).toBe(1);
    expect(groups[0]?.complete.get('75')).toEqual({ name: 'Paris', members: ['75056'] });
    // Arrondissements alone (no 75056) make Paris.
    const arrondissements = Array.from({ length: 20 }, (_, index) => `751${String(index + 1).padStart(2, '0')}`);
    expect(communeGroups(arrondissements, reference, ['dep']).groups[0]?.complete.get('75')?.members).toHaveLength(20);
  });
});

describe('labelPoint', () => {
  it('answers a point inside a crescent whose centroid falls outside it', () => {
    // A U-shaped polygon (clockwise), open to the north: its centroid lies in the opening.
    const crescent: Polygon = {
      type: 'Polygon',
      coordinates: [[[0, 0], [0, 3], [1, 3], [1, 1], [2, 1], [2, 3], [3, 3], [3, 0], [0, 0]]],
    };
    const [lon, lat] = labelPoint(crescent);
    expect(geoContains(crescent, [lon, lat])).toBe(true);
  });
});
