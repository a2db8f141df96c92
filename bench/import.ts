/**
 * Benchmark of extract sync: generate a territory export with the project's own generator, import it through the
 * job runner exactly as the app does (worker thread, validation, geography, change detection), and in the same run
 * load the same file with the SQLite CLI's `.import` into an equivalent table (same columns, the same unique key
 * and date index) as the reference. Prints rows/s, seconds, peak RSS, the main thread's event-loop lag, and the
 * ratio ours / `.import`.
 *
 *   npm run bench:import -- [--rows 1000000] [--keep DIR]
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { benchDir, fmt, generateTerritory, openServices, peakRssMb, runAtelierJson, runMain, sqliteImport, type ChildRun } from './common';

/** An import run in this process, with the lag its main thread (the single writer) saw meanwhile. */
export interface InProcessImport {
  seconds: number;
  lagP99Ms: number;
  lagMaxMs: number;
  read: number;
  inserted: number;
  rejected: number;
}

/** Imports `file` into the store `storeAddress` through the job runner, watching the main thread's event-loop delay. */
export async function importInProcess(file: string, storeAddress: string, dataDir: string): Promise<InProcessImport> {
  const services = await openServices(storeAddress, dataDir);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = performance.now();
  try {
    const [jobId] = await services.imports.importFiles([file]);
    const done = await services.runner.wait(jobId as string);
    if (done?.status !== 'done') throw new Error(`import en échec : ${done?.error ?? 'inconnu'}`);
    const seconds = (performance.now() - started) / 1000;
    const summary = done.summary as { rowsRead: number; rowsInserted: number; rowsRejected: number };
    return { seconds, lagP99Ms: lag.percentile(99) / 1e6, lagMaxMs: lag.max / 1e6, read: summary.rowsRead, inserted: summary.rowsInserted, rejected: summary.rowsRejected };
  } finally {
    lag.disable();
    await services.close();
  }
}

/** What `atelier import --json` answers (docs/sync.md). */
export interface CliImport {
  files: Array<{ file: string; status: string; error: string | null; batch: { rowsRead: number; rowsInserted: number; rowsUpdated: number; rowsUnchanged: number } | null }>;
  /** Wall time of the import jobs. */
  seconds: number;
  /** Wall time of the statistics refresh and the scan of the new journeys that follow. */
  followup_seconds: number;
}

/** `atelier import FILE --db STORE --json` as a child process (exit code 1 when the file was not imported: a throw). */
export function importWithCli(file: string, storeAddress: string): Promise<ChildRun<CliImport>> {
  return runAtelierJson<CliImport>(['import', file, '--db', storeAddress, '--json']);
}

/** What `bench:import` measures. */
export interface ImportFigures {
  rows: number;
  fileMb: number;
  generationSeconds: number;
  ours: InProcessImport;
  /** Peak RSS of this process after the import (main thread and worker), before the reference. */
  peakRssMb: number;
  referenceSeconds: number;
}

/** Generates a territory extract of `rows` journeys in `dir`, imports it, then `.import`s it as the reference. */
export async function measureImport(rows: number, dir: string): Promise<ImportFigures> {
  const file = join(dir, 'territory.csv');
  const generationSeconds = await generateTerritory(file, { rows, seed: 1 });
  const ours = await importInProcess(file, join(dir, 'ours.sqlite'), dir);
  const peak = peakRssMb();
  return { rows, fileMb: statSync(file).size / 1024 ** 2, generationSeconds, ours, peakRssMb: peak, referenceSeconds: sqliteImport(file, join(dir, 'reference.sqlite')) };
}

function print(figures: ImportFigures): void {
  const { rows, ours, referenceSeconds: ref } = figures;
  console.log(`Fichier généré : ${fmt(rows, 0)} lignes, ${fmt(figures.fileMb)} Mo en ${fmt(figures.generationSeconds)} s`);
  console.log(`atelier import (validation + géographie + détection des changements) : ${fmt(ours.seconds)} s, ${fmt(rows / ours.seconds, 0)} lignes/s`);
  console.log(`  lignes lues ${fmt(ours.read, 0)}, insérées ${fmt(ours.inserted, 0)}, rejetées ${fmt(ours.rejected, 0)}`);
  console.log(`  pic RSS du processus (fil principal + fil de travail) : ${fmt(figures.peakRssMb, 0)} Mo`);
  console.log(`  latence de la boucle d’événements du fil principal : p99 ${fmt(ours.lagP99Ms)} ms, max ${fmt(ours.lagMaxMs)} ms`);
  console.log(`référence sqlite3 .import (même fichier, table équivalente) : ${fmt(ref)} s, ${fmt(rows / ref, 0)} lignes/s`);
  console.log(`rapport atelier / .import : ${fmt(ours.seconds / ref, 2)} (objectif ≤ 1,5)`);
}

if (require.main === module) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'string' } } });
  const { dir, dispose } = benchDir('import', values.keep);
  runMain(async () => print(await measureImport(Number(values.rows), dir)), dispose);
}
