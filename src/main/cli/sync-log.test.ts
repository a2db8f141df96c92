import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncLogEntry } from '../../shared/types/sync';
import { endCliRun, freshCliRun, type CliRun } from '../testing/cli-harness';
import type { CliContext } from './cli-services';
import { syncLine } from './commands/import';
import { runCli } from './run-cli';

const FAILED: SyncLogEntry = {
  id: 3, source: '/data/rpc.csv', fileName: 'rpc.csv', format: 'à détecter', status: 'failed', contentHash: null, fileSize: 12,
  periodFrom: null, periodTo: null, rowsRead: 0, rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 0, rowsRejected: 0, unresolvedCodes: {},
  encoding: null, warnings: [], startedAt: '2026-11-28T10:00:00.000Z', endedAt: '2026-11-28T10:00:01.000Z', durationSeconds: 1,
  error: 'rpc.csv : en-tête non reconnu\n(3 colonnes)',
};

describe('syncLine', () => {
  it('gives the reason a file failed, on one line, as --json does', () => {
    expect(syncLine(FAILED)).toBe('rpc.csv [à détecter, failed] : 0 lues, 0 insérées, 0 mises à jour, 0 inchangées, 0 rejetées — motif : rpc.csv : en-tête non reconnu (3 colonnes)');
    expect(syncLine({ ...FAILED, status: 'committed', error: null })).not.toContain('motif');
  });

  it('says which encoding the file was read in, and what the user should know of it', () => {
    const line = syncLine({ ...FAILED, status: 'committed', error: null, encoding: 'windows-1252', warnings: ['vide.csv : aucune ligne de données, seulement l’en-tête'] });
    expect(line).toBe('rpc.csv [à détecter, committed] : 0 lues, 0 insérées, 0 mises à jour, 0 inchangées, 0 rejetées — encodage windows-1252 — attention : vide.csv : aucune ligne de données, seulement l’en-tête');
  });
});

describe('atelier sync-log', () => {
  let run: CliRun;
  let dir: string;
  let out: string[];
  let context: CliContext;

  beforeEach(() => {
    run = freshCliRun();
    ({ dir, out, context } = run);
  });

  afterEach(() => endCliRun(run));

  it('prints the failure reason of a refused file in its text form too', async () => {
    const db = join(dir, 'base.sqlite');
    const file = join(dir, 'pas-un-extrait.csv');
    writeFileSync(file, 'nom;prenom;ville\nDupont;Camille;Nantes\n');
    expect(await runCli(['import', file, '--db', db], context)).toBe(1);
    out.length = 0;
    expect(await runCli(['sync-log', '--db', db, '--json'], context)).toBe(0);
    const [entry] = JSON.parse(out.join('\n')) as SyncLogEntry[];
    expect(entry?.error).toBeTruthy();
    out.length = 0;
    expect(await runCli(['sync-log', '--db', db], context)).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(`motif : ${(entry?.error ?? '').replace(/\s*[\r\n]+\s*/g, ' ')}`);
  });
});
