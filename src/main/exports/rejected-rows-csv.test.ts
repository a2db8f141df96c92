import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RejectedRow } from '../../shared/types/sync';
import { TERRITORY_COLUMNS } from '../domain/extracts/formats';
import { REDACTED } from '../domain/extracts/redact-identity';
import { makeTempDir, TempStore } from '../testing/temp-store';
import { writeRejectedRowsCsv } from './rejected-rows-csv';

const PASSENGER_KEY = 'a3f1c9e0b7d24f6a8e5c1b3d9f7a2e4c6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f5a';
const DRIVER_KEY = '5d3b1f0e8c6a4d2f9b7e5c3a1d8f6b4e2c0a9e7d5b3f1c8a6e4d2b0f9c7a5e3b';
const IDENTITIES = /passager-8812|conducteur-1204|[0-9a-f]{64}/i;
const POSIX = process.platform !== 'win32';

/** A territory line as the registry writes it (strings quoted), class D so that the importer rejects it. */
function territoryLine(n: number, overrides: Record<string, string | number> = {}): string {
  const values: Record<string, string | number> = {
    journey_id: 48_000_000 + n, operator_trip_id: `trip-${n}`, operator_journey_id: `opj-${n}`, operator_class: 'C', status: 'ok',
    start_datetime: '2024-04-16 08:10:00', start_date: '2024-04-16', start_time: '08:10:00', end_datetime: '2024-04-16 08:30:00',
    end_date: '2024-04-16', end_time: '08:30:00', duration: '00:13:56', distance: 17.05, start_lat: '49.006', start_lon: '2.206',
    end_lat: '49.036', end_lon: '2.075', start_insee: '95051', start_commune: 'Beauchamp', start_pays: 'France', end_insee: '95127',
    end_commune: 'Cergy', end_pays: 'France', operator: 'BlaBlaCar Daily', operator_passenger_id: 'passager-8812',
    passenger_identity_key: PASSENGER_KEY, operator_driver_id: 'conducteur-1204', driver_identity_key: DRIVER_KEY,
    driver_revenue: 2.2, passenger_contribution: 0, passenger_seats: 1, incentive_type: 'normal',
    ...overrides,
  };
  return TERRITORY_COLUMNS.map((column) => {
    const value = values[column];
    return value === undefined ? '' : typeof value === 'number' ? String(value) : `"${value}"`;
  }).join(';');
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('writeRejectedRowsCsv', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** A line stored by a version that kept identities, as `rawLine` rebuilt it (quotes only where needed). */
  const stored: RejectedRow = {
    id: 1, batchId: 7, fileName: 'rpc.csv', line: 4, field: 'operator_class', reason: 'classe de preuve inconnue', detail: '« D » (attendu A, B ou C)',
    raw: territoryLine(3, { operator_class: 'D' }).replace(/"/g, ''),
  };

  it('redacts the identities of lines stored before redaction existed, by their batch’s format', async () => {
    const out = join(dir, 'exports');
    const { path, rows } = await writeRejectedRowsCsv(out, '2026-11-28T10-00-00', each([stored]), async (batchId) => (batchId === 7 ? 'territory' : null));
    expect(rows).toBe(1);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(IDENTITIES);
    expect(text).toContain(REDACTED);
    expect(text).toContain('BlaBlaCar Daily');
    expect(text.split('\r\n')[1]).toMatch(/^7;rpc\.csv;4;operator_class;classe de preuve inconnue;« D » \(attendu A, B ou C\);/);
    if (POSIX) {
      expect(modeOf(out)).toBe(0o700);
      expect(modeOf(path)).toBe(0o600);
    }
  });

  it('never replaces another file: two exports in the same second get two files', async () => {
    const first = await writeRejectedRowsCsv(dir, '2026-11-28T10-00-00', each([stored]), async () => 'territory');
    // Another case of the same name is the same file on Windows and macOS.
    writeFileSync(join(dir, 'LIGNES-REJETEES-2026-11-28T10-00-00 (2).CSV'), 'autre');
    const second = await writeRejectedRowsCsv(dir, '2026-11-28T10-00-00', each([] as RejectedRow[]), async () => 'territory');
    expect(first.path).toBe(join(dir, 'lignes-rejetees-2026-11-28T10-00-00.csv'));
    expect(second.path).toBe(join(dir, 'lignes-rejetees-2026-11-28T10-00-00 (3).csv'));
    expect(readFileSync(first.path, 'utf8')).toContain('rpc.csv');
    expect(readFileSync(join(dir, 'LIGNES-REJETEES-2026-11-28T10-00-00 (2).CSV'), 'utf8')).toBe('autre');
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('deletes its file when reading the lines fails', async () => {
    async function* failing(): AsyncGenerator<RejectedRow> {
      yield stored;
      throw new Error('base fermée');
    }
    await expect(writeRejectedRowsCsv(dir, 'x', failing(), async () => 'territory')).rejects.toThrow('base fermée');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the quarantine of a real import', () => {
  let store: TempStore;
  afterEach(async () => {
    await store.cleanup();
  });

  it('shows and exports rejected lines without their identities, in private files', async () => {
    store = new TempStore();
    const services = await store.open({ now: () => new Date('2026-11-28T10:00:00Z') });
    const header = TERRITORY_COLUMNS.map((column) => `"${column}"`).join(';');
    // A line of class D, and one cut short after the driver's user id (its cells are not where the header says).
    const cut = territoryLine(3).split(';').slice(0, TERRITORY_COLUMNS.indexOf('operator_driver_id') + 1).join(';');
    const file = join(store.dir, 'rpc-territory.csv');
    writeFileSync(file, `${header}\n${territoryLine(1)}\n${territoryLine(2, { operator_class: 'D' })}\n${cut}\n`);
    const [jobId] = await services.imports.importFiles([file]);
    expect((await services.runner.wait(jobId!))?.status).toBe('done');

    const page = await services.imports.rejected({}, 0, 10);
    expect(page.rows.map((row) => row.reason)).toEqual(['classe de preuve inconnue', 'ligne incomplète']);
    for (const row of page.rows) expect(row.raw).not.toMatch(IDENTITIES);
    expect(page.rows[0]?.raw).toContain('opj-2');

    const { path, rows } = await services.imports.exportRejected({});
    expect(rows).toBe(2);
    expect(readFileSync(path, 'utf8')).not.toMatch(IDENTITIES);
    if (POSIX) {
      // The store's own file (SQLite); a PostgreSQL store's files are the server's.
      if (store.engine === 'sqlite') expect(modeOf(store.storeAddress)).toBe(0o600);
      expect(modeOf(join(store.dir, 'exports'))).toBe(0o700);
      expect(modeOf(path)).toBe(0o600);
    }
    await expect(services.imports.exportRejected({ batchId: 999 })).rejects.toThrow('Lot d’import introuvable : 999');
    expect(readdirSync(join(store.dir, 'exports'))).toHaveLength(1);
  });
});
