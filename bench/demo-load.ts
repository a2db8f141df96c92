/**
 * Benchmark of the foundation's data path: the demo load job (generation in a worker thread, batched writes by the
 * main thread into a migrated store) against SQLite's own CSV import of the same rows into an equivalent table,
 * measured in the same run. Prints rows/s, seconds, peak RSS and the main thread's event-loop lag.
 *
 *   npm run bench:demo -- [--rows 200000]
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { demoPeriod } from '../src/main/domain/demo/demo-period';
import { generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';
import { TRIP_COLUMNS } from '../src/main/domain/trips/trip-row';
import { benchDir, fmt, openServices, peakRssMb, runMain } from './common';

const seed = 42;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function ours(rows: number, dir: string): Promise<{ seconds: number; lagP99Ms: number; lagMaxMs: number }> {
  const services = await openServices(join(dir, 'ours.sqlite'), dir);
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
async function reference(rows: number, dir: string): Promise<number> {
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
  return (performance.now() - started) / 1000;
}

/** What `bench:demo` measures. */
export interface DemoLoadFigures {
  rows: number;
  seconds: number;
  lagP99Ms: number;
  lagMaxMs: number;
  peakRssMb: number;
  /** `.import` of the same rows, CSV already written. */
  referenceSeconds: number;
}

/** Loads `rows` demo journeys into a new store in `dir`, then `.import`s the same rows as the reference. */
export async function measureDemoLoad(rows: number, dir: string): Promise<DemoLoadFigures> {
  const mine = await ours(rows, dir);
  const peak = peakRssMb();
  return { rows, ...mine, peakRssMb: peak, referenceSeconds: await reference(rows, dir) };
}

function print(figures: DemoLoadFigures): void {
  const { rows, seconds, referenceSeconds } = figures;
  console.log(`Chargement de démonstration, ${rows.toLocaleString('fr-FR')} trajets`);
  console.log(`atelier (génération + écriture) : ${fmt(seconds)} s, ${fmt(rows / seconds, 0)} lignes/s, pic RSS ${fmt(figures.peakRssMb, 0)} Mo`);
  console.log(`latence de la boucle d’événements : p99 ${fmt(figures.lagP99Ms)} ms, max ${fmt(figures.lagMaxMs)} ms`);
  console.log(`référence sqlite3 .import (CSV déjà écrit) : ${fmt(referenceSeconds)} s, ${fmt(rows / referenceSeconds, 0)} lignes/s`);
  console.log(`rapport atelier / .import : ${fmt(seconds / referenceSeconds, 2)}`);
}

if (require.main === module) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' } } });
  const { dir, dispose } = benchDir('demo', undefined);
  runMain(async () => print(await measureDemoLoad(Number(values.rows), dir)), dispose);
}
