import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeclarationText } from '../declarations/read-declaration-file';
import { endCliRun, freshCliRun, type CliRun } from '../testing/cli-harness';
import { declarationFile, declaredLine } from '../testing/declaration-fixtures';
import { runCli } from './run-cli';

/**
 * `atelier declare template|import`: the template as docs/declarations.md describes it (it imports to nothing), an
 * import's `--json` counts, a second import of the same file adding nothing, and a file whose header does not fit
 * refused (exit 1) without writing.
 */

let run: CliRun;
let db: string;

const cli = async (...args: string[]): Promise<number> => {
  run.out.length = 0;
  run.err.length = 0;
  return runCli(args, run.context);
};

beforeAll(() => {
  run = freshCliRun();
  db = join(run.dir, 'base.sqlite');
});
afterAll(() => endCliRun(run));

describe('atelier declare', () => {
  it('writes the template: `;`, UTF-8 with BOM, the French headers and a commented example, which imports to nothing', async () => {
    const out = join(run.dir, 'modele.csv');
    expect(await cli('declare', 'template', '--out', out, '--json')).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toEqual({ path: out });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFdate;heure de départ;commune de départ (INSEE);commune d’arrivée (INSEE);rôle (conducteur|passager);places;distance km;identifiant du déclarant;identifiant du covoitureur;commentaire',
    );
    expect(text).toContain('# 14/10/2026;07:45;44109;44162;conducteur;2;12,5;agent-0042;;');
    expect(readDeclarationText(text)).toEqual([]);
    expect(await cli('declare', 'template')).toBe(1);
    expect(run.err.join('')).toMatch(/--out FICHIER.csv est obligatoire/);
  });

  it('imports a file (--json counts every row), and adds nothing when it is imported again', async () => {
    const file = join(run.dir, 'trajets.csv');
    writeFileSync(file, declarationFile([declaredLine(), declaredLine({ time: '19:00', role: 'passager' }), declaredLine({ date: '2099-01-01' }), declaredLine()]));
    expect(await cli('declare', 'import', file, '--db', db, '--json')).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toEqual({ rows: 4, accepted: 2, rejected: 1, duplicates: 1, batch: 1, file: 'trajets.csv' });
    expect(await cli('declare', 'import', file, '--db', db)).toBe(0);
    expect(run.out[0]).toBe('trajets.csv : 4 trajet(s) lu(s), 0 accepté(s), 3 déjà déclaré(s), 1 rejeté(s) — lot n° 2');
    expect(run.out).toContain('  ligne 4 (date) : départ le 2099-01-01 à 18:00 : date dans le futur');
    expect(run.out).toContain('  ligne 2 : doublon — trajet déjà déclaré (même déclarant, jour, heure, communes et rôle) : rien n’est ajouté');
  });

  it('refuses a file whose header lacks a required column, writing nothing', async () => {
    const file = join(run.dir, 'incomplet.csv');
    writeFileSync(file, 'date;heure de départ;places\r\n16/04/2024;18:00;1\r\n');
    expect(await cli('declare', 'import', file, '--db', db, '--json')).toBe(1);
    expect(run.err.join('')).toMatch(/Colonnes obligatoires absentes de la ligne d’en-tête : « commune de départ \(INSEE\) », « commune d’arrivée \(INSEE\) », « rôle \(conducteur\|passager\) », « identifiant du déclarant »/);
    expect(await cli('declare', 'nothing')).toBe(1);
    expect(run.err.join('')).toMatch(/Action inconnue : declare nothing \(attendu : template ou import\)/);
  });
});
