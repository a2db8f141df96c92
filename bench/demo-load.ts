/**
 * Benchmark of the foundation's data path: the demo load job (generation in a worker thread, batched writes by the
 * main thread into a migrated store) against SQLite's own CSV import of the same rows into an equivalent table,
 * measured in the same run. Prints rows/s, seconds, peak RSS and the main thread's event-loop lag.
 *
 *   npm run bench:demo -- [--rows 200000]
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { demoPeriod } from '../src/main/domain/demo/demo-period';
import { generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';
import { TRIP_COLUMNS } from '../src/main/domain/trips/trip-row';
import { createAppServices } from '../src/main/services/app-services';
import { bundledWorker } from '../src/main/workers/worker-location';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' } } });
const rows = Number(values.rows);
const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-'));
const seed = 42;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function ours(): Promise<{ seconds: number; lagP99Ms: number; lagMaxMs: number }> {
  const services = await createAppServices({
    dbFile: join(dir, 'ours.sqlite'),
    dataDir: dir,
    mode: 'cli',
    worker: bundledWorker(resolve(__dirname, '../out/main')),
    version: 'bench',
  });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = performance.now();
  const jobId = await services.demo.start({ trips: rows, seed });
  const done = await services.runner.wait(jobId);
  const seconds = (performance.now() - started) / 1000;
  lag.disable();
  await services.close();
  if (done?.status !== 'done') throw new Error(`chargement en échec : ${done?.error ?? 'inconnu'}`);
  return { seconds, lagP99Ms: lag.percentile(99) / 1e6, lagMaxMs: lag.max / 1e6 };
}

/** The same rows as CSV, imported by the sqlite3 CLI into a table with the same columns and indexes. */
async function reference(): Promise<{ seconds: number }> {
  const csv = join(dir, 'rows.csv');
  const out = createWriteStream(csv);
  out.write(`${TRIP_COLUMNS.join(',')},batch_id\n`);
  const today = new Date().toISOString().slice(0, 10);
  for (const row of generateDemoTrips({ seed, journeys: rows, ...demoPeriod(today), operatorIds: {} })) {
    if (!out.write(`${TRIP_COLUMNS.map((c) => csvCell(row[c])).join(',')},1\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
  const columns = TRIP_COLUMNS.map((c) => `${c} ${/_cents|_s$|_m$|seats|_id$|line|cee|has_/.test(c) ? 'INTEGER' : /_lat|_lon/.test(c) ? 'REAL' : 'TEXT'}`);
  const script = [
    'PRAGMA journal_mode=WAL;',
    'PRAGMA synchronous=NORMAL;',
    `CREATE TABLE trips (id INTEGER PRIMARY KEY, ${columns.join(', ')}, batch_id INTEGER);`,
    'CREATE UNIQUE INDEX trips_natural_key ON trips(natural_key);',
    'CREATE INDEX trips_start_at ON trips(start_at);',
    'CREATE INDEX trips_batch_id ON trips(batch_id);',
    `CREATE TABLE staging (${columns.join(', ')}, batch_id INTEGER);`,
    '.mode csv',
    'BEGIN;',
    `.import --skip 1 ${csv} staging`,
    `INSERT INTO trips (${TRIP_COLUMNS.join(',')},batch_id) SELECT ${TRIP_COLUMNS.join(',')},batch_id FROM staging;`,
    'COMMIT;',
  ].join('\n');
  const started = performance.now();
  execFileSync('sqlite3', [join(dir, 'reference.sqlite')], { input: script });
  return { seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  console.log(`Chargement de démonstration, ${rows.toLocaleString('fr-FR')} trajets`);
  const mine = await ours();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const ref = await reference();
  const fmt = (n: number, d = 1): string => n.toLocaleString('fr-FR', { maximumFractionDigits: d });
  console.log(`atelier (génération + écriture) : ${fmt(mine.seconds)} s, ${fmt(rows / mine.seconds, 0)} lignes/s, pic RSS ${fmt(peakRssMb, 0)} Mo`);
  console.log(`latence de la boucle d’événements : p99 ${fmt(mine.lagP99Ms)} ms, max ${fmt(mine.lagMaxMs)} ms`);
  console.log(`référence sqlite3 .import (CSV déjà écrit) : ${fmt(ref.seconds)} s, ${fmt(rows / ref.seconds, 0)} lignes/s`);
  console.log(`rapport atelier / .import : ${fmt(mine.seconds / ref.seconds, 2)}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
