import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { sameFileKey } from '../platform/private-files';
import { endCliRun, freshCliRun, type CliRun } from '../testing/cli-harness';
import type { CliContext } from './cli-services';
import { runCli } from './run-cli';

/**
 * Issue 16, item 7: operators whose names give the same case-file name (case, full-width characters, characters the
 * file name drops) each keep their own dossier, and the CLI lists each file once.
 */

let run: CliRun;
let dir: string;
let out: string[];
let err: string[];
let context: CliContext;

beforeEach(() => {
  run = freshCliRun();
  ({ dir, out, err, context } = run);
});

afterEach(() => endCliRun(run));

describe('atelier export cases', () => {
  it('writes one dossier per operator when their names collide, lists each file once, and creates them private', async () => {
    const db = join(dir, 'base.sqlite');
    expect(await runCli(['demo', '--db', db, '--trips', '1500', '--seed', '8', '--patterns', '1'], context), err.join('\n')).toBe(0);

    // Four operators with flagged journeys take names that collide two by two once made into file names.
    const store = openDatabase(db);
    let flagged: string[];
    try {
      const rows = (await store('check_flag_journeys as fj').join('check_flags as f', 'f.id', 'fj.flag_id').join('trips as t', 't.natural_key', 'fj.natural_key')
        .join('operators as o', 'o.id', 't.operator_id').where('f.current', 1).distinct('o.id').orderBy('o.id')) as Array<{ id: number }>;
      expect(rows.length).toBeGreaterThanOrEqual(4);
      flagged = ['BlaBlaCar Daily', 'Blablacar daily', '=1+1', '＝1+1'];
      for (const [i, name] of flagged.entries()) await store('operators').where({ id: rows[i]?.id }).update({ name });
    } finally {
      await store.destroy();
    }

    const cases = join(dir, 'dossiers');
    out.length = 0;
    expect(await runCli(['export', 'cases', '--db', db, '--out', cases], context)).toBe(0);
    const listed = out.slice(1).map((line) => line.trim());
    const onDisk = readdirSync(cases).filter((name) => !name.startsWith('.'));
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.map((file) => basename(file)).sort()).toEqual(onDisk.sort());
    expect(new Set(onDisk.map(sameFileKey)).size).toBe(onDisk.length);
    const dossiers = onDisk.filter((name) => name.startsWith('dossier-controles-'));
    expect(dossiers.filter((name) => name.startsWith('dossier-controles-blablacar_daily-'))).toHaveLength(2);
    expect(dossiers.filter((name) => name.startsWith('dossier-controles-11-'))).toHaveLength(2);
    expect(out[0]).toMatch(new RegExp(`, ${dossiers.length} opérateur\\(s\\) :$`));
    if (process.platform !== 'win32') {
      expect(statSync(cases).mode & 0o777).toBe(0o700);
      for (const name of onDisk) expect(statSync(join(cases, name)).mode & 0o777, name).toBe(0o600);
      expect(statSync(db).mode & 0o777).toBe(0o600);
    }

    // A second export of the same flags lands on the same files: nothing added, nothing lost.
    out.length = 0;
    expect(await runCli(['export', 'cases', '--db', db, '--out', cases], context)).toBe(0);
    expect(readdirSync(cases).filter((name) => !name.startsWith('.')).sort()).toEqual(onDisk.sort());
  });
});
