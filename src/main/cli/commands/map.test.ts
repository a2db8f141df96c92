import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endCliRun, freshCliRun, type CliRun } from '../../testing/cli-harness';
import { ADMIN_EXPRESS_FOLDER, layerMembers, nantesAdminExpress, writeZip } from '../../testing/contour-fixtures';
import { runCli } from '../run-cli';

let run: CliRun;

function cli(...argv: string[]): Promise<number> {
  return runCli(argv, run.context);
}

beforeEach(() => {
  run = freshCliRun();
  vi.stubEnv('ATELIER_KEY_DIR', join(run.dir, 'clés'));
});

afterEach(() => endCliRun(run));

describe('atelier map contours import', () => {
  it('imports an ADMIN EXPRESS zip and prints each level stored, then the same as JSON', async () => {
    const db = join(run.dir, 'base.sqlite');
    const file = join(run.dir, 'ADMIN-EXPRESS-COG_3-2__SHP_LAMB93_FXX_2024-02-22.zip');
    await writeZip(file, layerMembers(ADMIN_EXPRESS_FOLDER, nantesAdminExpress()));

    expect(await cli('map', 'contours', 'import', file, '--db', db)).toBe(0);

    expect(run.out[0]).toBe(`${file} [zip (Lambert-93 (EPSG:2154))] — IGN ADMIN EXPRESS COG 2024 :`);
    expect(run.out[1]).toMatch(/^ {2}communes : 6 contours \(COMMUNE\.shp \(INSEE_COM\)\) ; [\d\s\u202f]+ points lus, \d+ gardés \(tolérance 100 m\)$/);
    expect(run.out[2]).toMatch(/^ {2}EPCI : 1 contour \(EPCI\.shp \(CODE_SIREN\)\) ; /);
    expect(run.out[3]).toMatch(/^ {2}départements : 1 contour \(DEPARTEMENT\.shp \(INSEE_DEP\)\) ; /);
    expect(run.out.slice(4)).toEqual([
      // The demo AOM table puts these communes in a larger AOM, and Pays de la Loire has far more than six.
      '  AOM : aucun regroupement, 1 en partie seulement dans le fichier',
      '  régions : aucun regroupement, 1 en partie seulement dans le fichier',
      '  couches ignorées : CANTON',
    ]);
    run.out.length = 0;
    expect(await cli('map', 'contours', 'import', file, '--level', 'com', '--db', db)).toBe(1);
    expect(run.err.at(-1)).toBe(`Erreur : « ${'ADMIN-EXPRESS-COG_3-2__SHP_LAMB93_FXX_2024-02-22.zip'} » : le niveau ne peut être imposé qu’à un fichier d’une seule couche (celui-ci en a 3).`);
    expect(await cli('map', 'contours', 'import', file, '--db', db, '--json')).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ attribution: 'IGN ADMIN EXPRESS COG 2024', rows: 8, levels: [{ level: 'com', count: 6 }, { level: 'epci' }, { level: 'dep' }] });
  });

  it('exits 1 with the reason for a file it cannot import, a bad level or action, and a missing file argument', async () => {
    const db = join(run.dir, 'base.sqlite');
    const file = join(run.dir, 'contours.geojson');
    writeFileSync(file, '{"type":"FeatureCollection","features":[]}');
    expect(await cli('map', 'contours', 'import', file, '--db', db)).toBe(1);
    expect(await cli('map', 'contours', 'import', file, '--level', 'canton', '--db', db)).toBe(1);
    expect(await cli('map', 'contours', 'import', '--db', db)).toBe(1);
    expect(await cli('map', 'contours', 'list', '--db', db)).toBe(1);
    expect(await cli('map', 'routes')).toBe(1);
    // Progress lines go to stderr too; the errors are the lines that say so.
    expect(run.err.filter((line) => line.startsWith('Erreur'))).toEqual([
      'Erreur : « contours.geojson » : aucun contour (FeatureCollection vide).',
      'Erreur : --level canton : attendu com, epci, aom, dep, reg',
      'Erreur : indiquez le fichier de contours à importer (archive zip ADMIN EXPRESS, .shp ou GeoJSON)',
      'Erreur : Action inconnue : map contours list (attendu : import)',
      'Erreur : Action inconnue : map routes (attendu : flows ou contours)',
    ]);
    expect(await cli('map', 'contours', 'import', '--help')).toBe(0);
    expect(run.out.join('\n')).toContain('atelier map contours import FICHIER [--level com|epci|aom|dep|reg] [--db BASE] [--json]');
  });
});
