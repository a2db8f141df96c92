import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Position } from 'geojson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGeoResolver } from '../../domain/geo/geo-resolver';
import {
  ADMIN_EXPRESS_FOLDER,
  layerMembers,
  mayotteCommunes,
  mayotteGeoJson,
  nantesAdminExpress,
  nantesCommunes,
  writeLayerFiles,
  writeZip,
} from '../../testing/contour-fixtures';
import { writeShapefile } from '../../testing/shapefile-writer';
import { makeTempDir } from '../../testing/temp-store';
import { loadDecoupageReference } from '../decoupage-reference';
import { polygonsOf } from './area-geometry';
import { readContourFile, type ReadContourOptions } from './read-contour-file';

const resolver = createGeoResolver(loadDecoupageReference());
const OPTIONS: ReadContourOptions = { level: null, codes: { name: (level, code) => resolver.name(level, code) }, progress: () => undefined, signal: new AbortController().signal };

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The first position of a contour's exterior ring. */
const firstPosition = (geometry: Parameters<typeof polygonsOf>[0]): Position => polygonsOf(geometry)[0]?.[0]?.[0] ?? [];

/** A Nantes ADMIN EXPRESS zip whose layers are the fixture's, some replaced or removed (`null`). */
async function nantesZip(name: string, changes: Record<string, Record<string, Buffer | null>> = {}): Promise<string> {
  const layers = nantesAdminExpress();
  for (const [layer, files] of Object.entries(changes)) {
    for (const [extension, data] of Object.entries(files)) {
      const target = layers[layer] ?? {};
      if (data === null) delete target[extension];
      else target[extension] = data;
      layers[layer] = target;
    }
  }
  const path = join(dir, name);
  await writeZip(path, layerMembers(ADMIN_EXPRESS_FOLDER, layers));
  return path;
}

describe('readContourFile: ADMIN EXPRESS archives and shapefiles', () => {
  it('reads the COMMUNE, EPCI and DEPARTEMENT layers of an ADMIN EXPRESS COG zip in nested folders, in degrees, and ignores the others', async () => {
    const file = await readContourFile(await nantesZip('ADMIN-EXPRESS-COG_3-2__SHP_LAMB93_FXX_2024-02-22.zip'), OPTIONS);

    expect(file.attribution).toBe('IGN ADMIN EXPRESS COG 2024');
    expect(file.format).toBe('zip (Lambert-93 (EPSG:2154))');
    expect(file.ignoredLayers).toEqual(['CANTON']);
    expect(file.levels.map((level) => [level.level, level.contours.map((contour) => `${contour.code} ${contour.name}`)])).toEqual([
      ['com', ['44020 Bouguenais', '44143 Rezé', '44190 Saint-Sébastien-sur-Loire', '44162 Saint-Herblain', '44109 Nantes', '44114 Orvault']],
      ['epci', ['244400404 Nantes Métropole']],
      ['dep', ['44 Loire-Atlantique']],
    ]);
    expect(file.levels[0]?.layers[0]).toMatch(/COMMUNE\.shp \(INSEE_COM\)$/);
    // Every position is in degrees around Nantes (the tiles span 18 × 12 km).
    for (const level of file.levels) {
      for (const contour of level.contours) {
        for (const [lon = 0, lat = 0] of polygonsOf(contour.geometry).flat(2)) {
          expect(lon).toBeGreaterThan(-1.8);
          expect(lon).toBeLessThan(-1.3);
          expect(lat).toBeGreaterThan(47.1);
          expect(lat).toBeLessThan(47.3);
        }
      }
    }
  });

  it('reads a zip of one shapefile whatever its name, and a .shp with its files next to it (also given by its .dbf), in UTM 38S', async () => {
    const single = join(dir, 'communes-44.zip');
    await writeZip(single, layerMembers('export', { communes_44: writeShapefile(nantesCommunes()) }));
    expect((await readContourFile(single, OPTIONS)).levels.map((level) => [level.level, level.contours.length])).toEqual([['com', 6]]);

    const shp = writeLayerFiles(dir, 'COMMUNE', writeShapefile(mayotteCommunes()));
    for (const path of [shp, shp.replace(/\.shp$/, '.dbf')]) {
      const file = await readContourFile(path, OPTIONS);
      expect(file.format).toBe('shapefile (RGM04 / UTM 38S, Mayotte (EPSG:4471))');
      expect(file.attribution).toBe('COMMUNE.shp');
      const [lon = 0, lat = 0] = firstPosition(file.levels[0]?.contours[0]?.geometry ?? { type: 'Polygon', coordinates: [] });
      expect(lon).toBeCloseTo(45.1, 2);
      expect(lat).toBeCloseTo(-12.86, 2);
    }
  });

  it('reads the folder extracting IGN’s .7z gives, and refuses the .7z itself with that advice', async () => {
    const folder = join(dir, 'ADMIN-EXPRESS-COG_3-2__SHP_LAMB93_FXX_2024-02-22');
    for (const [name, data] of Object.entries(layerMembers('ADMIN-EXPRESS-COG/1_DONNEES_LIVRAISON', nantesAdminExpress()))) {
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      writeFileSync(join(folder, name), data);
    }
    const file = await readContourFile(folder, OPTIONS);
    expect(file.format).toBe('dossier (Lambert-93 (EPSG:2154))');
    expect(file.attribution).toBe('IGN ADMIN EXPRESS COG 2024');
    expect(file.levels.map((level) => level.level)).toEqual(['com', 'epci', 'dep']);
    writeFileSync(join(dir, 'livraison.7z'), Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]));
    await expect(readContourFile(join(dir, 'livraison.7z'), OPTIONS)).rejects.toThrow('« livraison.7z » : les archives 7z (format des livraisons IGN) ne sont pas lues ; extrayez-la avec 7-Zip');
  });

  it('reads a .dbf without .cpg as UTF-8 when it is valid UTF-8', async () => {
    const files = writeShapefile({ ...nantesCommunes(), cpg: null });
    expect(files['.cpg']).toBeUndefined();
    const file = await readContourFile(writeLayerFiles(dir, 'COMMUNE', files), OPTIONS);
    expect(file.levels[0]?.contours.map((contour) => contour.name)).toContain('Rezé');
  });
});

describe('readContourFile: GeoJSON', () => {
  it('recognises communes from Etalab-style `code`/`nom` properties (level from the codes)', async () => {
    const path = join(dir, 'communes-976.geojson');
    writeFileSync(path, mayotteGeoJson());
    const file = await readContourFile(path, OPTIONS);
    expect(file.format).toBe('geojson (degrés WGS 84)');
    expect(file.levels.map((level) => [level.level, level.contours.length, level.layers])).toEqual([['com', 17, ['communes-976.geojson (code)']]]);
  });

  it('tells départements from régions by their names when every code could be either, and refuses to guess without names', async () => {
    const square = (lon: number, lat: number): number[][][] => [[[lon, lat], [lon, lat + 0.1], [lon + 0.1, lat + 0.1], [lon + 0.1, lat], [lon, lat]]];
    const collection = (features: Array<[string, string | null]>): string =>
      JSON.stringify({
        type: 'FeatureCollection',
        features: features.map(([code, nom], index) => ({ type: 'Feature', properties: nom === null ? { code } : { code, nom }, geometry: { type: 'Polygon', coordinates: square(-1 + index * 0.2, 47) } })),
      });
    const read = async (name: string, text: string): Promise<string | undefined> => {
      writeFileSync(join(dir, name), text);
      return (await readContourFile(join(dir, name), OPTIONS)).levels[0]?.level;
    };
    expect(await read('regions.geojson', collection([['52', 'Pays de la Loire'], ['53', 'Bretagne']]))).toBe('reg');
    expect(await read('deps.geojson', collection([['53', 'Mayenne'], ['44', 'Loire-Atlantique']]))).toBe('dep');
    expect(await read('deps-2.geojson', collection([['49', null], ['85', null]]))).toBe('dep');
    await expect(read('ambigu.geojson', collection([['52', null], ['53', null]]))).rejects.toThrow(
      '« ambigu.geojson » : les codes du champ code peuvent être des départements comme des régions, et les noms ne permettent pas de trancher',
    );
    writeFileSync(join(dir, 'level.geojson'), collection([['52', null], ['53', null]]));
    expect((await readContourFile(join(dir, 'level.geojson'), { ...OPTIONS, level: 'reg' })).levels[0]?.level).toBe('reg');
  });
});

describe('readContourFile: files it refuses, with a message naming the file and what is wrong', () => {
  const lambert2 =
    'PROJCS["NTF_Paris_Lambert_II_etendu",GEOGCS["GCS_NTF_Paris",DATUM["D_NTF",SPHEROID["Clarke_1880_IGN",6378249.2,293.4660212936269]],PRIMEM["Paris",2.337229166666667],UNIT["Grad",0.01570796326794897]],' +
    'PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",600000.0],PARAMETER["False_Northing",2200000.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",45.898918964419],' +
    'PARAMETER["Standard_Parallel_2",47.69601443321736],PARAMETER["Latitude_Of_Origin",46.8],UNIT["Meter",1.0]]';

  it('a truncated .shp, a missing .prj or .dbf, an unknown or mismatched projection', async () => {
    const commune = nantesAdminExpress().COMMUNE ?? {};
    const shp = commune['.shp'] ?? Buffer.alloc(0);
    await expect(readContourFile(await nantesZip('tronque.zip', { COMMUNE: { '.shp': shp.subarray(0, Math.floor(shp.length / 2)) } }), OPTIONS)).rejects.toThrow(
      /^« tronque\.zip › .*\/COMMUNE\.shp » : fichier \.shp tronqué \(\d+ octets sur les \d+ annoncés par son en-tête\)\.$/,
    );
    await expect(readContourFile(await nantesZip('sans-prj.zip', { EPCI: { '.prj': null } }), OPTIONS)).rejects.toThrow(
      /^« sans-prj\.zip › .*\/EPCI\.shp » : fichier \.prj absent ; sans lui le système de coordonnées est inconnu \(attendu : Lambert-93 \(EPSG:2154\), /,
    );
    await expect(readContourFile(await nantesZip('sans-dbf.zip', { DEPARTEMENT: { '.dbf': null } }), OPTIONS)).rejects.toThrow(/DEPARTEMENT\.shp » : fichier \.dbf absent/);
    await expect(readContourFile(await nantesZip('lambert2.zip', { COMMUNE: { '.prj': Buffer.from(lambert2) } }), OPTIONS)).rejects.toThrow(
      /COMMUNE\.shp » : système de coordonnées non pris en charge \(« NTF_Paris_Lambert_II_etendu »\) ; attendu : Lambert-93/,
    );
    const utmPrj = writeShapefile(mayotteCommunes())['.prj'] ?? Buffer.alloc(0);
    await expect(readContourFile(await nantesZip('mauvais-prj.zip', { COMMUNE: { '.prj': utmPrj } }), OPTIONS)).rejects.toThrow(
      /COMMUNE\.shp », objet n° 1 : une fois converti depuis RGM04 \/ UTM 38S, Mayotte \(EPSG:4471\), il tombe hors de France/,
    );
  });

  it('a layer without a code field, with codes that are not INSEE codes, or of lines instead of polygons', async () => {
    const layer = nantesCommunes();
    const noCode = writeShapefile({ ...layer, fields: layer.fields.filter((field) => field.name === 'ID' || field.name === 'NOM') });
    await expect(readContourFile(writeLayerFiles(dir, 'communes', noCode), OPTIONS)).rejects.toThrow(
      '« communes.shp » : aucun champ de code reconnu (INSEE_COM, CODE_SIREN, INSEE_DEP, INSEE_REG, code…) ; champs présents : ID, NOM.',
    );
    const badCodes = writeShapefile({ ...layer, records: layer.records.map((record, index) => (index === 2 ? { ...record, attributes: { ...record.attributes, INSEE_COM: 'ABCDE' } } : record)) });
    await expect(readContourFile(writeLayerFiles(dir, 'COMMUNE', badCodes), OPTIONS)).rejects.toThrow(
      '« COMMUNE.shp », objet n° 3 (Saint-Sébastien-sur-Loire) : code « ABCDE » dans le champ INSEE_COM, attendu un code des communes (code INSEE à 5 caractères, 44109, 2A004).',
    );
    const lines = writeShapefile({ ...layer, shapeType: 3 });
    await expect(readContourFile(writeLayerFiles(dir, 'routes', lines), OPTIONS)).rejects.toThrow('« routes.shp » : la couche contient des lignes, pas des polygones');
  });

  it('GeoJSON that is empty, holds a point, is in metres without crs, or is not JSON', async () => {
    const write = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const collection = JSON.parse(mayotteGeoJson()) as { features: Array<{ geometry: unknown }> };
    await expect(readContourFile(write('vide.geojson', '{"type":"FeatureCollection","features":[]}'), OPTIONS)).rejects.toThrow('« vide.geojson » : aucun contour (FeatureCollection vide).');
    const withPoint = { ...collection, features: collection.features.map((feature, index) => (index === 1 ? { ...feature, geometry: { type: 'Point', coordinates: [45.1, -12.8] } } : feature)) };
    await expect(readContourFile(write('point.geojson', JSON.stringify(withPoint)), OPTIONS)).rejects.toThrow('« point.geojson », objet n° 2 : géométrie Point, pas un polygone.');
    const metres = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '44109' }, geometry: { type: 'Polygon', coordinates: [[[355000, 6689000], [356000, 6689000], [356000, 6690000], [355000, 6689000]]] } }] };
    await expect(readContourFile(write('metres.geojson', JSON.stringify(metres)), OPTIONS)).rejects.toThrow(/« metres\.geojson », objet n° 1 : coordonnées hors des degrés \(des mètres \?\)/);
    await expect(readContourFile(write('tronque.geojson', mayotteGeoJson().slice(0, 500)), OPTIONS)).rejects.toThrow(/^« tronque\.geojson » : JSON illisible/);
  });

  it('a file that is not a zip, a damaged zip, an empty file, a zip without layers, an unknown format', async () => {
    writeFileSync(join(dir, 'contours.zip'), 'ceci n’est pas une archive');
    await expect(readContourFile(join(dir, 'contours.zip'), OPTIONS)).rejects.toThrow('« contours.zip » : ce n’est pas une archive zip.');
    const zip = await nantesZip('abime.zip');
    const { readFileSync } = await import('node:fs');
    writeFileSync(zip, readFileSync(zip).subarray(0, 2000));
    await expect(readContourFile(zip, OPTIONS)).rejects.toThrow(/^« abime\.zip » : archive zip illisible ou tronquée/);
    writeFileSync(join(dir, 'vide.shp'), '');
    await expect(readContourFile(join(dir, 'vide.shp'), OPTIONS)).rejects.toThrow('« vide.shp » : fichier vide.');
    await writeZip(join(dir, 'notes.zip'), { 'lisez-moi.txt': Buffer.from('rien') });
    await expect(readContourFile(join(dir, 'notes.zip'), OPTIONS)).rejects.toThrow('« notes.zip » : l’archive ne contient aucune couche .shp ni GeoJSON');
    mkdirSync(join(dir, 'sous'));
    writeFileSync(join(dir, 'sous', 'carte.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await expect(readContourFile(join(dir, 'sous', 'carte.png'), OPTIONS)).rejects.toThrow('« carte.png » : format non reconnu');
  });
});
