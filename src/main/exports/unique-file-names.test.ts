import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sameFileKey } from '../platform/private-files';
import { makeTempDir } from '../testing/temp-store';
import { caseFileNames } from '../workers/tasks/export-cases';
import { shortNameHash, uniqueFileNames, fileNamePart } from './unique-file-names';

let dir: string;

beforeEach(() => {
  dir = makeTempDir();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes one file per name, each holding its own identity, and reads them back: nothing may be lost. */
function writeAll(names: readonly string[], identities: readonly string[]): Map<string, string> {
  names.forEach((name, i) => writeFileSync(join(dir, name), identities[i] as string));
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('sameFileKey', () => {
  it('gives one key to names that are one file on Windows or macOS', () => {
    expect(sameFileKey('BlaBlaCar Daily.xlsx')).toBe(sameFileKey('blablacar DAILY.XLSX'));
    expect(sameFileKey('＝1+1')).toBe(sameFileKey('=1+1'));
    expect(sameFileKey('é')).toBe(sameFileKey('e\u0301'));
    expect(sameFileKey('a.xlsx')).not.toBe(sameFileKey('b.xlsx'));
  });
});

describe('uniqueFileNames', () => {
  it('keeps names that collide with nothing', () => {
    expect(uniqueFileNames([{ identity: 'A', name: (s) => `a${s}.csv` }, { identity: 'B', name: (s) => `b${s}.csv` }])).toEqual(['a.csv', 'b.csv']);
  });

  it('gives each colliding name a hash of its exact identity, the same whatever the order or the other names', () => {
    const request = (identity: string) => ({ identity, name: (suffix: string) => `dossier-${identity.toLowerCase().replace(/\s/g, '_')}${suffix}.xlsx` });
    const names = uniqueFileNames([request('BlaBlaCar Daily'), request('Blablacar daily'), request('Karos')]);
    expect(names).toEqual([`dossier-blablacar_daily-${shortNameHash('BlaBlaCar Daily')}.xlsx`, `dossier-blablacar_daily-${shortNameHash('Blablacar daily')}.xlsx`, 'dossier-karos.xlsx']);
    expect(uniqueFileNames([request('Karos'), request('Blablacar daily'), request('BlaBlaCar Daily')])).toEqual([names[2], names[1], names[0]]);
    expect(new Set(names.map(sameFileKey)).size).toBe(3);
  });

  it('falls back on a counter when a hashed name still meets another one', () => {
    const hash = shortNameHash('x');
    const names = uniqueFileNames([
      { identity: 'x', name: (s) => `f${s}.txt` },
      { identity: 'X', name: (s) => `F${s}.txt` },
      { identity: 'y', name: (s) => `f-${hash}${s}.txt` },
    ]);
    expect(names).toEqual([`f-${hash}.txt`, `F-${shortNameHash('X')}.txt`, `f-${hash} (2).txt`]);
  });
});

describe('caseFileNames', () => {
  it('writes one dossier per operator even when their names give the same file name', () => {
    const operators = ['BlaBlaCar Daily', 'Blablacar daily', '=1+1', '＝1+1', '11', 'Karos', '日本', 'Ünïcode'];
    const names = caseFileNames(operators, 'tout');
    expect(names).toHaveLength(operators.length + 1);
    expect(names.at(-1)).toBe('signalements-controle-operateur-mois-tout.xlsx');
    expect(names).toContain('dossier-controles-karos-tout.xlsx');
    expect(names).toContain('dossier-controles-operateur-tout.xlsx');
    expect(names).toContain('dossier-controles-unicode-tout.xlsx');
    expect(names[0]).toBe(`dossier-controles-blablacar_daily-${shortNameHash('BlaBlaCar Daily')}-tout.xlsx`);
    expect(new Set(names.map(sameFileKey)).size).toBe(names.length);
    // Real files: every dossier is there, with its own content.
    const written = writeAll(names, [...operators, 'synthèse']);
    expect([...written.values()].sort()).toEqual([...operators, 'synthèse'].sort());
    // Same operators, same names: a re-export replaces its own dossiers and nobody else’s.
    expect(caseFileNames([...operators].reverse(), 'tout').slice(0, -1).sort()).toEqual(names.slice(0, -1).sort());
  });

  it('keeps the plain name for an operator alone, and the period in every name', () => {
    expect(caseFileNames(['BlaBlaCar Daily'], '2024-01-01_2024-01-31')).toEqual([
      'dossier-controles-blablacar_daily-2024-01-01_2024-01-31.xlsx',
      'signalements-controle-operateur-mois-2024-01-01_2024-01-31.xlsx',
    ]);
  });
});

describe('fileNamePart', () => {
  it('keeps codes as they are and never lets a typed code leave the folder', () => {
    expect(fileNamePart('244400404')).toBe('244400404');
    expect(fileNamePart('2A004')).toBe('2A004');
    expect(fileNamePart('../../etc')).toBe('______etc');
    expect(fileNamePart('')).toBe('_');
  });
});
