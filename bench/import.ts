/**
 * Benchmark of extract sync: generate a territory export with the project's own generator, import it through the
 * job runner exactly as the app does (worker thread, validation, geography, change detection), and in the same run
 * load the same file with the SQLite CLI's `.import` into an equivalent table (same columns, the same unique key
 * and date index) as the reference. Prints rows/s, seconds, peak RSS, the main thread's event-loop lag, and the
 * ratio ours / `.import`.
 *
 *   npm run bench:import -- [--rows 1000000] [--keep DIR]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { TERRITORY_COLUMNS } from '../src/main/domain/extracts/formats';
import { createAppServices } from '../src/main/services/app-services';
import { bundledWorker } from '../src/main/workers/worker-location';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'string' } } });
const rows = Number(values.rows);
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'atelier-bench-import-'));
const root = resolve(__dirname, '..');
const fmt = (n: number, digits = 1): string => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });

function generate(file: string): number {
  const started = performance.now();
  execFileSync(process.execPath, [join(root, 'bin/atelier.js'), 'generate', '--rows', String(rows), '--format', 'territory', '--seed', '1', '--out', file], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return (performance.now() - started) / 1000;
}

async function ours(file: string): Promise<{ seconds: number; lagP99Ms: number; lagMaxMs: number; read: number; inserted: number; rejected: number }> {
  const services = await createAppServices({
    dbFile: join(dir, 'ours.sqlite'),
    dataDir: dir,
    mode: 'cli',
    worker: bundledWorker(join(root, 'out/main')),
    version: 'bench',
  });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = performance.now();
  const [jobId] = await services.imports.importFiles([file]);
  const done = await services.runner.wait(jobId as string);
  const seconds = (performance.now() - started) / 1000;
  lag.disable();
  await services.close();
  if (done?.status !== 'done') throw new Error(`import en échec : ${done?.error ?? 'inconnu'}`);
  const summary = done.summary as { rowsRead: number; rowsInserted: number; rowsRejected: number };
  return { seconds, lagP99Ms: lag.percentile(99) / 1e6, lagMaxMs: lag.max / 1e6, read: summary.rowsRead, inserted: summary.rowsInserted, rejected: summary.rowsRejected };
}

function reference(file: string): number {
  const numeric = new Set(['journey_id', 'distance', 'start_lat', 'start_lon', 'end_lat', 'end_lon', 'passenger_seats', 'driver_revenue', 'passenger_contribution']);
  const columns = TERRITORY_COLUMNS.map((c) => `${c} ${numeric.has(c) ? 'NUMERIC' : 'TEXT'}`).join(', ');
  const script = [
    'PRAGMA journal_mode=WAL;',
    'PRAGMA synchronous=NORMAL;',
    `CREATE TABLE trips (${columns});`,
    'CREATE UNIQUE INDEX trips_journey ON trips(journey_id);',
    'CREATE INDEX trips_start ON trips(start_datetime);',
    '.mode csv',
    '.separator ;',
    'BEGIN;',
    `.import --skip 1 ${file} trips`,
    'COMMIT;',
  ].join('\n');
  const started = performance.now();
  execFileSync('sqlite3', [join(dir, 'reference.sqlite')], { input: script, stdio: ['pipe', 'ignore', 'inherit'] });
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const file = join(dir, 'territory.csv');
  const generation = generate(file);
  console.log(`Fichier généré : ${fmt(rows, 0)} lignes, ${fmt(statSync(file).size / 1024 ** 2)} Mo en ${fmt(generation)} s`);
  const mine = await ours(file);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const ref = reference(file);
  console.log(`atelier import (validation + géographie + détection des changements) : ${fmt(mine.seconds)} s, ${fmt(rows / mine.seconds, 0)} lignes/s`);
  console.log(`  lignes lues ${fmt(mine.read, 0)}, insérées ${fmt(mine.inserted, 0)}, rejetées ${fmt(mine.rejected, 0)}`);
  console.log(`  pic RSS du processus (fil principal + fil de travail) : ${fmt(peakRssMb, 0)} Mo`);
  console.log(`  latence de la boucle d’événements du fil principal : p99 ${fmt(mine.lagP99Ms)} ms, max ${fmt(mine.lagMaxMs)} ms`);
  console.log(`référence sqlite3 .import (même fichier, table équivalente) : ${fmt(ref)} s, ${fmt(rows / ref, 0)} lignes/s`);
  console.log(`rapport atelier / .import : ${fmt(mine.seconds / ref, 2)} (objectif ≤ 1,5)`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  });
