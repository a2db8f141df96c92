/**
 * What the benchmarks share: French number formatting, the built application's services on a store file, the
 * project's own CLI run as a child process (generator, import, simulation, scan) with its peak RSS, SQLite's `.import`
 * reference, store fills from generated journeys, and repeated timings.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TERRITORY_COLUMNS } from '../src/main/domain/extracts/formats';
import { openMigratedDatabase } from '../src/main/db/connection';
import { TripsRepository } from '../src/main/db/repositories/trips-repository';
import { DEMO_OPERATORS } from '../src/main/domain/demo/demo-geography';
import { TRIP_COLUMNS, type TripRow } from '../src/main/domain/trips/trip-row';
import { encodeTrips } from '../src/main/db/trip-insert';
import { createAppServices, type AppServices } from '../src/main/services/app-services';
import { bundledWorker } from '../src/main/workers/worker-location';

const ROOT = resolve(__dirname, '..');
const ATELIER = join(ROOT, 'bin/atelier.js');
const PEAK_RSS_PROBE = join(__dirname, 'peak-rss-probe.cjs');

/** French number: `1234567.89` → `1 234 567,9`. */
export const fmt = (n: number, digits = 1): string => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });

/** Peak resident set size of this process so far, in MiB (every thread, the job worker's included). */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

/** The directory a benchmark works in: `--keep DIR` (kept afterwards), else a fresh temp dir (removed by `dispose`). */
export function benchDir(prefix: string, keep: string | undefined): { dir: string; dispose: () => void } {
  const dir = keep ?? mkdtempSync(join(tmpdir(), `atelier-bench-${prefix}-`));
  return { dir, dispose: () => (keep ? undefined : rmSync(dir, { recursive: true, force: true })) };
}

/** Runs a benchmark's entry point; a failure is printed and sets exit code 1. */
export function runMain(main: () => Promise<void>, cleanup: () => void = () => undefined): void {
  main()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(cleanup);
}

/** The application's services on a store file, with the bundled worker of `npm run build` (as the CLI runs them). */
export function openServices(storeAddress: string, dataDir: string, actor?: string): Promise<AppServices> {
  return createAppServices({ storeAddress, dataDir, mode: 'cli', worker: bundledWorker(join(ROOT, 'out/main')), version: 'bench', ...(actor ? { actor } : {}) });
}

/** Runs `work` with the application's services on a store file, closed afterwards. */
export async function withServices<T>(storeAddress: string, dataDir: string, work: (services: AppServices) => Promise<T>): Promise<T> {
  const services = await openServices(storeAddress, dataDir);
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}

/** What a child `atelier … --json` answered, its wall time and its own peak RSS. */
export interface ChildRun<T> {
  output: T;
  wallSeconds: number;
  peakRssMb: number;
}

/**
 * Runs the built `atelier` command as a child process and parses its JSON stdout. Its peak RSS is read from inside
 * (`peak-rss-probe.cjs`, preloaded) rather than with `/usr/bin/time -v`, which is not on every machine; both report
 * the kernel's high-water mark of the whole process. Progress (stderr) is kept to name the failure of a command.
 */
export async function runAtelierJson<T>(args: readonly string[]): Promise<ChildRun<T>> {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'atelier-bench-rss-')), 'rss');
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', PEAK_RSS_PROBE, ATELIER, ...args], {
    env: { ...process.env, ATELIER_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  const code = await new Promise<number | null>((done, fail) => child.once('error', fail).once('close', done));
  const wallSeconds = (performance.now() - started) / 1000;
  try {
    if (code !== 0) {
      const reason = stderr.trim().split('\n').at(-1) ?? '';
      throw new Error(`atelier ${args[0] ?? ''} : code de sortie ${String(code)}${reason ? ` — ${reason}` : ''}`);
    }
    return { output: JSON.parse(stdout) as T, wallSeconds, peakRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 ** 2 };
  } finally {
    rmSync(join(rssFile, '..'), { recursive: true, force: true });
  }
}

/** Options of a generated territory extract (`atelier generate --format territory`). */
export interface GeneratedExtract {
  rows: number;
  seed: number;
  /** First local day and number of days; absent: the generator's default (the three months before this one). */
  from?: string;
  days?: number;
}

/** Writes a territory extract with the project's own generator; answers its seconds. */
export async function generateTerritory(file: string, extract: GeneratedExtract): Promise<number> {
  const period = extract.from ? ['--from', extract.from, '--days', String(extract.days ?? 90)] : [];
  const run = await runAtelierJson<{ seconds: number }>(['generate', '--rows', String(extract.rows), '--format', 'territory', '--seed', String(extract.seed), ...period, '--out', file, '--json']);
  return run.output.seconds;
}

/**
 * The reference: the SQLite CLI's `.import` of a territory CSV into an equivalent table (same columns, the same unique
 * key and date index), in one transaction, into a new file. Answers its seconds.
 */
export function sqliteImport(csvFile: string, storeAddress: string): number {
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
    `.import --skip 1 ${csvFile} trips`,
    'COMMIT;',
  ].join('\n');
  rmSync(storeAddress, { force: true });
  const started = performance.now();
  execFileSync('sqlite3', [storeAddress], { input: script, stdio: ['pipe', 'ignore', 'inherit'] });
  return (performance.now() - started) / 1000;
}

/** Demo operators with store ids 1…n, in their order: what the generated journeys of a filled store point to. */
export const DEMO_OPERATOR_IDS: Readonly<Record<string, number>> = Object.fromEntries(DEMO_OPERATORS.map((operator, index) => [operator.name, index + 1]));

/**
 * Fills a migrated store with journeys (the demo operators first, so that their ids are `DEMO_OPERATOR_IDS`), in
 * batches of 5,000 in one committed import batch; `afterInsert` runs before the batch is committed (demo labels…).
 * Calls `onProgress` with the journeys written after each batch. Answers how many were written.
 */
export async function fillStore(
  storeAddress: string,
  fill: {
    source: string;
    journeys: Iterable<TripRow>;
    periodFrom: string;
    periodTo: string | null;
    afterInsert?: (trips: TripsRepository) => Promise<void>;
    onProgress?: (written: number) => void;
  },
): Promise<number> {
  const db = await openMigratedDatabase(storeAddress);
  try {
    const trips = new TripsRepository(db);
    for (const operator of DEMO_OPERATORS) await trips.operatorId(operator.name, operator.uuid);
    const batchId = await trips.createBatch({ jobId: null, source: fill.source, format: 'demo', startedAt: new Date().toISOString() });
    let batch: TripRow[] = [];
    let written = 0;
    for (const trip of fill.journeys) {
      batch.push(trip);
      if (batch.length === 5_000) {
        written += await trips.insertTrips(batchId, encodeTrips(batch, TRIP_COLUMNS));
        batch = [];
        fill.onProgress?.(written);
      }
    }
    written += await trips.insertTrips(batchId, encodeTrips(batch, TRIP_COLUMNS));
    await fill.afterInsert?.(trips);
    const counts = { rowsRead: written, rowsInserted: written, rowsUpdated: 0, rowsUnchanged: 0, rowsRejected: 0, periodFrom: fill.periodFrom, periodTo: fill.periodTo };
    await trips.commitBatch(batchId, counts, new Date().toISOString());
    return written;
  } finally {
    await db.destroy();
  }
}

/** Durations of `times` runs of `action` in milliseconds: best, median and worst, and the last result. */
export async function timeRuns<T>(times: number, action: () => Promise<T>): Promise<{ bestMs: number; medianMs: number; maxMs: number; result: T }> {
  const durations: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    result = await action();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return { bestMs: durations[0] ?? 0, medianMs: durations[Math.floor(times / 2)] ?? 0, maxMs: durations.at(-1) ?? 0, result: result as T };
}
