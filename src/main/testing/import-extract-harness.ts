import { readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { TripsRepository } from '../db/repositories/trips-repository';
import type { Location, ResolveLocation } from '../domain/extracts/enrich-journey';
import { TERRITORY_COLUMNS } from '../domain/extracts/formats';
import { ExtractFileError } from '../extracts/extract-file-error';
import { importExtract, type ImportSummary } from '../extracts/import-extract';
import { TEST_PSEUDONYM_KEY, TempStore } from './temp-store';

/**
 * What the tests of the importer run directly (as the job worker runs it) share: a store per test, extract rows and
 * files written by the tests, and imports that check what holds for every import (extracts/import-extract*.test.ts).
 */
export const NOW = new Date('2026-11-28T10:00:00Z');
export const IDFM = 'Île-de-France Mobilités';
export const IDFM_SIREN = '217500016';
export const FRANCE = '99100';

/** A few codes of the real geography (COG 2026); the importer's own resolver is tested elsewhere. */
const LOCATIONS = new Map<string, Location>([
  ['95051', { com: '95051', epci: '200058485', aom: null, dep: '95', reg: '11', country: FRANCE }],
  ['95127', { com: '95127', epci: '249500109', aom: null, dep: '95', reg: '11', country: FRANCE }],
  ['91228', { com: '91228', epci: '200059228', aom: null, dep: '91', reg: '11', country: FRANCE }],
  ['84007', { com: '84007', epci: '248400251', aom: null, dep: '84', reg: '93', country: FRANCE }],
  ['99138', { com: null, epci: null, aom: null, dep: null, reg: null, country: '99138' }],
]);

/** The test resolver: the codes above, with the AOM the store's table gives their commune. */
function createResolver(aomByCommune: ReadonlyMap<string, string>): ResolveLocation {
  return (code) => {
    const location = LOCATIONS.get(code);
    if (!location) return null;
    return { ...location, aom: location.com ? (aomByCommune.get(location.com) ?? null) : null };
  };
}

// ----- Files ---------------------------------------------------------------------------------------------------

/** A cell as the registry's csv-stringify gets it: strings are quoted, numbers bare, null empty. */
type Cell = string | number | null;
export type Row = Record<string, Cell>;

/**
 * The date and time columns a date-time column's override implies (the registry writes all three from one value),
 * unless the overrides set them too: `start_datetime: '2024-01-15 08:10:00'` also sets `start_date` and `start_time`.
 */
function withDateColumns(overrides: Row, columns: ReadonlyArray<readonly [string, string, string]>): Row {
  const implied: Row = {};
  for (const [dateTime, date, time] of columns) {
    const value = overrides[dateTime];
    if (value === undefined) continue;
    const local = typeof value === 'string' ? value.replace('T', ' ').slice(0, 19) : '';
    implied[date] = local.slice(0, 10);
    implied[time] = local.slice(11, 19);
  }
  return { ...implied, ...overrides };
}

/** Territory line n: the realistic row of docs/extract-formats.md §1.3 (BlaBlaCar Daily, Beauchamp → Cergy). */
export function territoryRow(n: number, overrides: Row = {}): Row {
  overrides = withDateColumns(overrides, [['start_datetime', 'start_date', 'start_time'], ['end_datetime', 'end_date', 'end_time']]);
  return {
    journey_id: 48_000_000 + n,
    operator_trip_id: `trip-${n}`,
    operator_journey_id: `c4e6a8b0-1d3f-4b57-8e9a-${String(n).padStart(12, '0')}`,
    operator_class: 'C',
    status: 'ok',
    start_datetime: '2024-04-16 08:10:00',
    start_date: '2024-04-16',
    start_time: '08:10:00',
    end_datetime: '2024-04-16 08:30:00',
    end_date: '2024-04-16',
    end_time: '08:30:00',
    duration: '00:13:56',
    distance: 17.05,
    start_lat: '49.006',
    start_lon: '2.206',
    end_lat: '49.036',
    end_lon: '2.075',
    start_insee: '95051',
    start_commune: 'Beauchamp',
    start_departement: "Val-d'Oise",
    start_epci: 'CA Val Parisis',
    start_aom: IDFM,
    start_region: 'Île-de-France',
    start_pays: 'France',
    end_insee: '95127',
    end_commune: 'Cergy',
    end_departement: "Val-d'Oise",
    end_epci: 'CA de Cergy-Pontoise',
    end_aom: IDFM,
    end_region: 'Île-de-France',
    end_pays: 'France',
    operator: 'BlaBlaCar Daily',
    operator_passenger_id: `p-${n}`,
    passenger_identity_key: 'a3f1c9e0b7d24f6a8e5c1b3d9f7a2e4c6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f5a',
    operator_driver_id: `d-${n}`,
    driver_identity_key: '5d3b1f0e8c6a4d2f9b7e5c3a1d8f6b4e2c0a9e7d5b3f1c8a6e4d2b0f9c7a5e3b',
    driver_revenue: 2.2,
    passenger_contribution: 0,
    passenger_seats: 1,
    cee_application: null,
    incentive_type: 'normal',
    incentive_0_siret: '28750007800020',
    incentive_0_name: 'ILE-DE-FRANCE MOBILITES',
    incentive_0_amount: '1.7',
    incentive_1_siret: '49190454600034',
    incentive_1_name: 'COMUTO',
    incentive_1_amount: '0.5',
    ...overrides,
  };
}

/** Open-data line n (2023+ format), after the 2023-01 sample. */
export function openDataRow(n: number, overrides: Row = {}): Row {
  overrides = withDateColumns(overrides, [['journey_start_datetime', 'journey_start_date', 'journey_start_time']]);
  return {
    journey_id: 11_000_000 + n,
    trip_id: `58d5e186-7ddb-4b57-8b5b-${String(n).padStart(12, '0')}`,
    journey_start_datetime: '2023-01-01T00:00:00+01:00',
    journey_start_date: '2023-01-01',
    journey_start_time: '00:00:00',
    journey_start_lon: 4.841,
    journey_start_lat: 43.942,
    journey_start_insee: '84007',
    journey_start_department: '84',
    journey_start_town: 'Avignon',
    journey_start_towngroup: 'CA du Grand Avignon (COGA)',
    journey_start_country: 'France',
    journey_end_datetime: '2023-01-01T00:30:00+01:00',
    journey_end_date: '2023-01-01',
    journey_end_time: '00:30:00',
    journey_end_lon: 4.841,
    journey_end_lat: 43.942,
    journey_end_insee: '84007',
    journey_end_department: '84',
    journey_end_town: 'Avignon',
    journey_end_towngroup: 'CA du Grand Avignon (COGA)',
    journey_end_country: 'France',
    passenger_seats: 1,
    operator_class: 'C',
    journey_distance: 3_048,
    journey_duration: 12,
    has_incentive: 'OUI',
    ...overrides,
  };
}

interface CsvOptions {
  columns?: readonly string[];
  delimiter?: string;
  eol?: string;
  /** Header cells as written (default: the columns, quoted). */
  header?: string;
}

export function quoted(value: Cell): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : `"${value.replace(/"/g, '""')}"`;
}

/** One data line as the registry writes it. */
export function csvLine(row: Row, { columns = TERRITORY_COLUMNS, delimiter = ';' }: CsvOptions = {}): string {
  return columns.map((column) => quoted(row[column] ?? null)).join(delimiter);
}

/** A whole CSV: quoted header, then the rows, each line ended by `eol`. */
export function csv(rows: readonly Row[], options: CsvOptions = {}): string {
  const { columns = TERRITORY_COLUMNS, delimiter = ';', eol = '\n' } = options;
  const header = options.header ?? columns.map((column) => `"${column}"`).join(delimiter);
  return [header, ...rows.map((row) => csvLine(row, options))].map((line) => line + eol).join('');
}

/** Columns of a person's identity, replaced by `[masqué]` in the quarantine (docs/privacy.md). */
const IDENTITY_COLUMNS = new Set(['operator_passenger_id', 'passenger_identity_key', 'operator_driver_id', 'driver_identity_key']);

/** The `raw` kept for a rejected line: its cells joined again, quoted only where needed, identities masked. */
export function rawLine(row: Row, columns: readonly string[] = TERRITORY_COLUMNS, delimiter = ';'): string {
  return columns
    .map((column) => {
      const value = IDENTITY_COLUMNS.has(column) && row[column] ? '[masqué]' : (row[column] ?? null);
      const cell = value === null ? '' : String(value);
      return /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;
    })
    .join(delimiter);
}


// ----- Store ---------------------------------------------------------------------------------------------------

let store: TempStore;

/** Registers a fresh migrated store per test (call once at the top of a test file); `importStore()` gives it. */
export function useImportStore(): void {
  beforeEach(async () => {
    store = new TempStore();
    // Opening the services creates and migrates the store; the importer then works on the file by itself.
    await (await store.open({ now: () => NOW })).close();
  });

  afterEach(async () => {
    await store.cleanup();
  });
}

/** The store of the running test. */
export function importStore(): TempStore {
  return store;
}

export function write(name: string, content: string | Buffer): string {
  const path = join(store.dir, name);
  writeFileSync(path, content);
  return path;
}

interface RejectedDbRow {
  batch_id: number;
  file_name: string;
  line: number;
  field: string | null;
  reason: string;
  detail: string | null;
  raw: string;
}

async function rejectedOf(batchId: number): Promise<RejectedDbRow[]> {
  return store.sql()('rejected_rows').where({ batch_id: batchId }).orderBy('id').select('batch_id', 'file_name', 'line', 'field', 'reason', 'detail', 'raw');
}

/** Descriptors of this process still open on `path` (Linux; elsewhere 0). */
function openDescriptors(path: string): number {
  if (process.platform !== 'linux') return 0;
  let open = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) open += 1;
    } catch {
      // Closed while listing.
    }
  }
  return open;
}

export async function descriptorsClosed(path: string): Promise<number> {
  for (let attempt = 0; attempt < 50 && openDescriptors(path) > 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return openDescriptors(path);
}

interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (step: string, current: number, total: number) => void;
}

export async function newBatch(path: string): Promise<number> {
  return new TripsRepository(store.sql()).createBatch({ jobId: null, source: path, format: 'à détecter', startedAt: NOW.toISOString() });
}

export function run(path: string, batchId: number, options: RunOptions = {}): Promise<ImportSummary> {
  return importExtract(
    { storeAddress: store.storeAddress, filePath: path, batchId, pseudonymKey: TEST_PSEUDONYM_KEY },
    {
      signal: options.signal ?? new AbortController().signal,
      progress: options.onProgress ?? (() => undefined),
      createResolver,
      now: () => NOW,
    },
  );
}

/**
 * Imports a file that must commit, and checks what holds for every import: each line is counted once, the batch
 * row records the summary, and the quarantine holds exactly the rejected lines, each with file, line, reason, raw.
 */
export async function importFile(path: string, options: RunOptions = {}): Promise<{ summary: ImportSummary; rejected: RejectedDbRow[] }> {
  const batchId = await newBatch(path);
  const summary = await run(path, batchId, options);
  expect(summary.batchId).toBe(batchId);
  expect(summary.rowsRead).toBe(summary.rowsInserted + summary.rowsUpdated + summary.rowsUnchanged + summary.rowsRejected);
  const batch = await store.sql()('import_batches').where({ id: batchId }).first();
  expect(batch).toMatchObject({
    status: 'committed',
    file_name: summary.fileName,
    format: summary.formats.join('+') || 'inconnu',
    rows_read: summary.rowsRead,
    rows_inserted: summary.rowsInserted,
    rows_updated: summary.rowsUpdated,
    rows_unchanged: summary.rowsUnchanged,
    rows_rejected: summary.rowsRejected,
    period_from: summary.periodFrom,
    period_to: summary.periodTo,
    ended_at: NOW.toISOString(),
  });
  expect(JSON.parse(batch.unresolved_codes_json)).toEqual(summary.unresolvedCodes);
  expect(batch.content_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(await store.count('import_staged_updates', { batch_id: batchId })).toBe(0);
  const rejected = await rejectedOf(batchId);
  expect(rejected).toHaveLength(summary.rowsRejected);
  for (const row of rejected) {
    expect(row.file_name).not.toBe('');
    expect(row.line).toBeGreaterThanOrEqual(2);
    expect(row.reason).not.toBe('');
    expect(row.raw).not.toBe('');
  }
  expect(await store.count('trips', { batch_id: batchId })).toBe(summary.rowsInserted + summary.rowsUpdated);
  return { summary, rejected };
}

/** Imports a file that must fail as a whole: one French message, nothing written, and no descriptor left open. */
export async function importFails(path: string): Promise<string> {
  const tripsBefore = await store.count('trips');
  const batchId = await newBatch(path);
  const error = await run(path, batchId).then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ExtractFileError);
  expect(await store.count('trips')).toBe(tripsBefore);
  expect(await store.count('trips', { batch_id: batchId })).toBe(0);
  expect(await store.count('rejected_rows', { batch_id: batchId })).toBe(0);
  expect(await store.sql()('import_batches').where({ id: batchId }).first()).toMatchObject({ status: 'running', rows_read: 0 });
  expect(await descriptorsClosed(path)).toBe(0);
  return (error as ExtractFileError).message;
}

/** Fails a test that would otherwise hang on an import that never settles. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} : toujours en cours après ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function trip(journeyId: number): Promise<Record<string, unknown>> {
  return store.sql()('trips').where({ journey_id: journeyId }).first();
}

