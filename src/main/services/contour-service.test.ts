import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_EXPRESS_FOLDER, layerMembers, mayotteGeoJson, nantesAdminExpress, nantesCommunes, writeZip } from '../testing/contour-fixtures';
import { writeShapefile } from '../testing/shapefile-writer';
import { TempStore } from '../testing/temp-store';
import type { AppServices } from './app-services';

/**
 * Contour import as the Carte page and `atelier map contours import` run it: a job in the worker, every level of the
 * file (and those dissolved from its communes) replaced in one transaction, the bundled background otherwise, and
 * malformed files refused whole with the store's contours left as they were.
 */

const NOW = new Date('2026-12-07T10:00:00Z');
let store: TempStore;
let services: AppServices;

beforeEach(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
});

afterEach(async () => {
  await store.cleanup();
});

async function nantesZip(name = 'ADMIN-EXPRESS-COG_3-2__SHP_LAMB93_FXX_2024-02-22.zip'): Promise<string> {
  const path = join(store.dir, name);
  await writeZip(path, layerMembers(ADMIN_EXPRESS_FOLDER, nantesAdminExpress()));
  return path;
}

async function importFile(path: string) {
  return services.runner.wait(await services.contours.importFile(path));
}

/** Every stored row, without geometry, in a stable order. */
async function storedRows(): Promise<unknown[]> {
  return store.sql()('map_contours').orderBy(['level', 'code']).select('level', 'code', 'name', 'source', 'derived', 'imported_at');
}

describe('ContourService.importFile', () => {
  it('stores the levels of an ADMIN EXPRESS zip, simplified, in degrees, dissolves AOMs from the store’s table and announces the change', async () => {
    // The six communes of the fixture make one AOM of their own (the demo table puts them in a larger one, which
    // the file covers only in part).
    const aomFile = join(store.dir, 'aom.csv');
    writeFileSync(aomFile, `N° INSEE;N° SIREN AOM;Nom de l’AOM\n${['44020', '44143', '44190', '44162', '44109', '44114'].map((code) => `${code};200000001;Syndicat des six communes`).join('\n')}\n`);
    expect((await services.runner.wait(await services.aoms.importCerema(aomFile)))?.status).toBe('done');
    const changed: unknown[] = [];
    services.bus.subscribe((event, payload) => {
      if (event === 'data:changed') changed.push(payload);
    });

    const done = await importFile(await nantesZip());

    expect(done).toMatchObject({ kind: 'contours.import', status: 'done', error: null });
    expect(done?.summary).toMatchObject({ file: 'ADMIN-EXPRESS-COG_3-2__SHP_LAMB93_FXX_2024-02-22.zip', attribution: 'IGN ADMIN EXPRESS COG 2024', ignoredLayers: ['CANTON'], rows: 9 });
    expect(done?.summary?.notDerived).toEqual([{ level: 'reg', partialGroups: 1 }]);
    expect(changed).toContainEqual({ tables: ['map_contours', 'audit_log'] });
    expect(await services.contours.summary()).toEqual([
      { level: 'aom', count: 1, source: 'IGN ADMIN EXPRESS COG 2024 (communes regroupées)', importedAt: NOW.toISOString() },
      { level: 'com', count: 6, source: 'IGN ADMIN EXPRESS COG 2024', importedAt: NOW.toISOString() },
      { level: 'dep', count: 1, source: 'IGN ADMIN EXPRESS COG 2024', importedAt: NOW.toISOString() },
      { level: 'epci', count: 1, source: 'IGN ADMIN EXPRESS COG 2024', importedAt: NOW.toISOString() },
    ]);
    const communes = await services.contours.shapes('com');
    expect(communes).toMatchObject({ type: 'FeatureCollection', source: 'store', attribution: 'IGN ADMIN EXPRESS COG 2024' });
    expect(communes.features.map((shape) => `${shape.id} ${shape.properties.name}`)).toEqual([
      '44020 Bouguenais', '44109 Nantes', '44114 Orvault', '44143 Rezé', '44162 Saint-Herblain', '44190 Saint-Sébastien-sur-Loire',
    ]);
    const [lon = 0, lat = 0] = (await services.contours.positions('com')).get('44109') ?? [];
    expect(lon).toBeCloseTo(-1.55, 2);
    expect(lat).toBeCloseTo(47.22, 2);
    expect((await services.contours.shapes('aom')).features.map((shape) => shape.properties)).toEqual([{ code: '200000001', name: 'Syndicat des six communes', level: 'aom' }]);
    const audit = await store.sql()('audit_log').where({ action: 'contours.import' }).first();
    expect(JSON.parse(String(audit.after_json))).toMatchObject({ attribution: 'IGN ADMIN EXPRESS COG 2024', levels: expect.arrayContaining([{ level: 'aom', count: 1, derived: true }]) });
  });

  it('imports a GeoJSON of communes and replaces only the levels it brings, in one go', async () => {
    expect((await importFile(await nantesZip()))?.status).toBe('done');
    const geojson = join(store.dir, 'communes-976.geojson');
    writeFileSync(geojson, mayotteGeoJson());

    const done = await importFile(geojson);

    expect(done?.status).toBe('done');
    const summary = await services.contours.summary();
    // Communes, EPCI and départements are Mayotte's now; the région is new; nothing of Nantes is left at those levels.
    expect(summary.map((level) => [level.level, level.count, level.source])).toEqual([
      ['com', 17, 'communes-976.geojson'],
      ['dep', 1, 'communes-976.geojson (communes regroupées)'],
      ['epci', 5, 'communes-976.geojson (communes regroupées)'],
      ['reg', 1, 'communes-976.geojson (communes regroupées)'],
    ]);
  });

  it('fails with a French message naming the file and leaves the stored contours as they were, for each malformed file', async () => {
    expect((await importFile(await nantesZip()))?.status).toBe('done');
    const before = await storedRows();
    const layers = nantesAdminExpress();
    const commune = layers.COMMUNE ?? {};
    const shp = commune['.shp'] ?? Buffer.alloc(0);
    const withCommune = async (name: string, files: Record<string, Buffer>): Promise<string> => {
      const path = join(store.dir, name);
      await writeZip(path, layerMembers(ADMIN_EXPRESS_FOLDER, { ...layers, COMMUNE: files }));
      return path;
    };
    const { '.prj': _prj, ...withoutPrj } = commune;
    const notZip = join(store.dir, 'contours.zip');
    writeFileSync(notZip, 'pas une archive');
    const points = join(store.dir, 'points.geojson');
    writeFileSync(points, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '44109' }, geometry: { type: 'Point', coordinates: [-1.55, 47.22] } }] }));
    const cases: Array<[string, RegExp]> = [
      [await withCommune('tronque.zip', { ...commune, '.shp': shp.subarray(0, shp.length - 200) }), /« tronque\.zip › .*COMMUNE\.shp » : fichier \.shp tronqué/],
      [await withCommune('sans-prj.zip', withoutPrj), /« sans-prj\.zip › .*COMMUNE\.shp » : fichier \.prj absent/],
      [await withCommune('lambert2.zip', { ...commune, '.prj': Buffer.from('PROJCS["NTF_Paris_Lambert_II_etendu",UNIT["Meter",1.0]]') }), /COMMUNE\.shp » : système de coordonnées non pris en charge/],
      [
        await withCommune('sans-code.zip', writeShapefile({ ...nantesCommunes(), fields: nantesCommunes().fields.filter((field) => field.name === 'NOM') })),
        /COMMUNE\.shp » : aucun champ de code reconnu \(INSEE_ARM, INSEE_COM, .*\) ; champs présents : NOM\.$/,
      ],
      [notZip, /^« contours\.zip » : ce n’est pas une archive zip\.$/],
      [points, /^« points\.geojson », objet n° 1 : géométrie Point, pas un polygone\.$/],
    ];
    for (const [path, message] of cases) {
      const done = await importFile(path);
      expect(done?.status, path).toBe('failed');
      expect(done?.error, path).toMatch(message);
      expect(await storedRows(), path).toEqual(before);
    }
  });
});

describe('ContourService.importFile, cancelled', () => {
  it('stores nothing when the job is cancelled', async () => {
    const jobId = await services.contours.importFile(await nantesZip());
    // Resolves once the job has ended and its writes, if any, are undone.
    await services.runner.cancel(jobId);
    expect((await services.jobs.list()).find((job) => job.id === jobId)).toMatchObject({ kind: 'contours.import', status: 'cancelled' });
    expect(await storedRows()).toEqual([]);
  });
});

describe('ContourService.shapes and positions', () => {
  it('answer the bundled départements and régions of an empty store, and nothing for the other levels', async () => {
    const departements = await services.contours.shapes('dep');
    expect(departements).toMatchObject({ source: 'bundled', attribution: 'Natural Earth (domaine public)' });
    expect(departements.features).toHaveLength(101);
    expect((await services.contours.shapes('reg', ['52', '53'])).features.map((shape) => shape.properties.name)).toEqual(['Pays de la Loire', 'Bretagne']);
    expect(await services.contours.shapes('epci')).toEqual({ type: 'FeatureCollection', source: 'store', attribution: '', features: [] });
    expect((await services.contours.positions('reg')).size).toBe(18);
    expect((await services.contours.positions('com')).size).toBe(0);
    expect(await services.contours.summary()).toEqual([]);
  });

  it('complete an imported département level with the bundled départements it lacks, naming both sources', async () => {
    expect((await importFile(await nantesZip()))?.status).toBe('done');
    const departements = await services.contours.shapes('dep');
    expect(departements.source).toBe('store');
    expect(departements.attribution).toBe('IGN ADMIN EXPRESS COG 2024 ; Natural Earth (domaine public)');
    expect(departements.features).toHaveLength(101);
    // Loire-Atlantique is the imported one (the fixture's outline around Nantes, not Natural Earth's).
    const [lon = 0] = (await services.contours.positions('dep')).get('44') ?? [];
    expect(lon).toBeCloseTo(-1.55, 1);
    expect((await services.contours.shapes('dep', ['44'])).attribution).toBe('IGN ADMIN EXPRESS COG 2024');
  });
});
