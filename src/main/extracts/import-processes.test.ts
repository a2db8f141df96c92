import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateExtractFile } from './generate-extract';
import { PAYS_DE_LA_LOIRE } from '../domain/demo/demo-geography';
import { TempStore } from '../testing/temp-store';
import type { AppServices } from '../services/app-services';

/**
 * Two real processes on one real store (issue 16, items 1–2): a child `atelier import` (process A) writes a large
 * file chunk by chunk while this test process and a second child (process B) work on the same store (file or
 * PostgreSQL database).
 */
const CLI = fileURLToPath(new URL('../testing/cli-process.ts', import.meta.url));
const ROWS_A = 40_000;
const ROWS_B = 4_000;

let store: TempStore;
let services: AppServices;
const children: ChildProcess[] = [];

/**
 * A child `atelier …` process on the sources; `ended` resolves with its exit code (or signal) and output, `stderr`
 * reads what it wrote to stderr so far.
 */
function atelier(args: string[]): {
  child: ChildProcess;
  ended: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
  stderr: () => string;
} {
  // The same key folder as this process's services: a store's audit log is keyed with one key (platform/store-key.ts).
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ATELIER_KEY_DIR: store.keyDir } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, ended, stderr: () => stderr };
}

/** Polls `probe` every 100 ms until it answers true; fails after `seconds`. */
async function until(what: string, probe: () => Promise<boolean>, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`attente dépassée : ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Journeys written by batches still running (seen through a plain connection, as the store holds them). */
async function runningRows(): Promise<number> {
  const db = store.sql();
  const row = (await db('trips').whereIn('batch_id', db('import_batches').where({ status: 'running' }).select('id')).count({ n: '*' }).first()) as { n: number } | undefined;
  return Number(row?.n ?? 0);
}

/**
 * Stops `child` (SIGSTOP) at a moment it holds no write transaction: stopped inside one, it would keep the store's
 * write lock and every other writer (this test's jobs, B's) would time out. Resumes and retries until the lock is free.
 * On PostgreSQL, at once: there is no lock of the whole store, and a transaction left open only locks the rows it
 * wrote, which nothing here touches meanwhile (the import's chunks follow each other so closely that waiting for a
 * moment between two could outlast the whole import).
 */
async function freezeBetweenWrites(child: ChildProcess): Promise<void> {
  if (store.engine === 'postgres') {
    child.kill('SIGSTOP');
    return;
  }
  const db = store.sql();
  await db.raw('PRAGMA busy_timeout = 0');
  try {
    for (;;) {
      child.kill('SIGSTOP');
      try {
        await db.raw('BEGIN IMMEDIATE');
        await db.raw('ROLLBACK');
        return;
      } catch {
        child.kill('SIGCONT');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  } finally {
    await db.raw('PRAGMA busy_timeout = 30000');
  }
}

/** Extract A, and extract B made of A's header and its first `ROWS_B` journeys (lines A writes first). */
async function extracts(): Promise<{ a: string; b: string; base: string }> {
  const a = join(store.dir, 'a.csv');
  const b = join(store.dir, 'b.csv');
  const base = join(store.dir, 'base.csv');
  const common = { format: 'territory', region: PAYS_DE_LA_LOIRE, firstDay: '2026-09-01', days: 60 } as const;
  await generateExtractFile({ ...common, rows: ROWS_A, seed: 5, out: a });
  await generateExtractFile({ ...common, rows: 1_000, seed: 9, out: base });
  const lines = readFileSync(a, 'utf8').split('\n');
  writeFileSync(b, `${lines.slice(0, 1 + ROWS_B).join('\n')}\n`);
  return { a, b, base };
}

/** The files of an `atelier import --json` run. */
function importedFiles(stdout: string): Array<{ status: string; batch: { rowsInserted: number; rowsUnchanged: number; rowsRead: number } }> {
  return (JSON.parse(stdout) as { files: Array<{ status: string; batch: { rowsInserted: number; rowsUnchanged: number; rowsRead: number } }> }).files;
}

beforeEach(async () => {
  store = new TempStore();
  services = await store.open();
});

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await store.cleanup();
});

describe('imports of one store by two processes', () => {
  it('never lets a second import count the first one’s unfinished rows, nor lose them when the first is killed', { timeout: 180_000 }, async () => {
    const { a, b, base } = await extracts();
    const baseJob = (await services.imports.importFiles([base]))[0]!;
    expect(await services.runner.wait(baseJob)).toMatchObject({ status: 'done', error: null });

    const processA = atelier(['import', a, '--db', store.storeAddress, '--json']);
    await until('A a écrit les lignes de B', async () => (await runningRows()) >= ROWS_B);
    // A is frozen half-way (alive, its batch running) so that what follows happens while it runs, whatever the load.
    await freezeBetweenWrites(processA.child);
    // B starts meanwhile: it waits for A's batch (A is alive).
    const processB = atelier(['import', b, '--db', store.storeAddress, '--json']);

    // Another process reading meanwhile (this one) sees committed batches only.
    const exported = join(store.dir, 'pendant.csv');
    const exportJob = await services.exports.exportTrips({ from: '2026-01-01', to: '2026-12-31' }, 'csv', exported);
    expect((await services.runner.wait(exportJob.jobId))?.summary).toMatchObject({ rows: 1_000 });
    expect(readFileSync(exported, 'utf8').trim().split('\n')).toHaveLength(1 + 1_000);
    expect(await store.sql()('committed_trips').count({ n: '*' }).first()).toEqual({ n: 1_000 });
    expect(await runningRows()).toBeGreaterThanOrEqual(ROWS_B);

    processA.child.kill('SIGKILL');
    expect((await processA.ended).signal).toBe('SIGKILL');

    // B then discards A's batch (its process is gone) and stores its own rows itself.
    const endedB = await processB.ended;
    expect(endedB.code, `${endedB.stderr}\n${endedB.stdout}`).toBe(0);
    expect(importedFiles(endedB.stdout)).toMatchObject([{ status: 'done', batch: { rowsRead: ROWS_B, rowsInserted: ROWS_B, rowsUnchanged: 0 } }]);
    const statuses = (await store.sql()('import_batches').orderBy('id').select('status')).map((row: { status: string }) => row.status);
    expect(statuses).toEqual(['committed', 'failed', 'committed']);
    expect(await store.sql()('trips').count({ n: '*' }).first()).toEqual({ n: 1_000 + ROWS_B });

    // Importing A again completes it, around B's journeys.
    const again = (await services.imports.importFiles([a]))[0]!;
    expect((await services.runner.wait(again))?.summary).toMatchObject({ rowsInserted: ROWS_A - ROWS_B, rowsUnchanged: ROWS_B });
    expect(await store.sql()('trips').count({ n: '*' }).first()).toEqual({ n: 1_000 + ROWS_A });
  });

  it('makes the second import wait for the first to commit, then count its rows unchanged', { timeout: 180_000 }, async () => {
    const { a, b } = await extracts();
    const processA = atelier(['import', a, '--db', store.storeAddress, '--json']);
    await until('A a écrit les lignes de B', async () => (await runningRows()) >= ROWS_B);
    // Frozen while B starts, so that B finds A's batch running whatever the load.
    await freezeBetweenWrites(processA.child);
    const processB = atelier(['import', b, '--db', store.storeAddress, '--json']);
    // A stays frozen until B says it waits for A's batch: a fixed delay was sometimes too short for B to start under load.
    await until('B attend le lot de A', async () => processB.stderr().includes('en attente : un autre processus importe dans cette base'));
    processA.child.kill('SIGCONT');

    const [endedA, endedB] = await Promise.all([processA.ended, processB.ended]);
    expect(endedA.code, endedA.stderr).toBe(0);
    expect(endedB.code, endedB.stderr).toBe(0);
    expect(endedB.stderr).toContain('en attente : un autre processus importe dans cette base');
    expect(importedFiles(endedA.stdout)).toMatchObject([{ status: 'done', batch: { rowsInserted: ROWS_A } }]);
    expect(importedFiles(endedB.stdout)).toMatchObject([{ status: 'done', batch: { rowsInserted: 0, rowsUnchanged: ROWS_B } }]);
    expect(await store.sql()('trips').count({ n: '*' }).first()).toEqual({ n: ROWS_A });
  });
});
