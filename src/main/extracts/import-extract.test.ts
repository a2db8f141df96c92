import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TripsRepository } from '../db/repositories/trips-repository';
import type { Location, ResolveLocation } from '../domain/extracts/enrich-journey';
import { DUMP_COLUMNS, OPENDATA_COLUMNS, TERRITORY_COLUMNS } from '../domain/extracts/formats';
import { operatorUuid } from '../domain/trips/operators';
import { TEST_PSEUDONYM_KEY, TempStore } from '../testing/temp-store';
import { zipArchive } from '../testing/zip-archive';
import { ExtractFileError } from './extract-file-error';
import { ImportCancelled, importExtract, type ImportSummary } from './import-extract';

/**
 * The importer run directly (as the job worker runs it) on extract files written by the tests: every line must end
 * up inserted, updated, unchanged or rejected with its line, field and reason, and a file that cannot be read must
 * fail with one French message and leave the store unchanged.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
const IDFM = 'Île-de-France Mobilités';
const IDFM_SIREN = '217500016';
const FRANCE = '99100';

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
type Row = Record<string, Cell>;

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
function territoryRow(n: number, overrides: Row = {}): Row {
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
function openDataRow(n: number, overrides: Row = {}): Row {
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

function quoted(value: Cell): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : `"${value.replace(/"/g, '""')}"`;
}

/** One data line as the registry writes it. */
function csvLine(row: Row, { columns = TERRITORY_COLUMNS, delimiter = ';' }: CsvOptions = {}): string {
  return columns.map((column) => quoted(row[column] ?? null)).join(delimiter);
}

/** A whole CSV: quoted header, then the rows, each line ended by `eol`. */
function csv(rows: readonly Row[], options: CsvOptions = {}): string {
  const { columns = TERRITORY_COLUMNS, delimiter = ';', eol = '\n' } = options;
  const header = options.header ?? columns.map((column) => `"${column}"`).join(delimiter);
  return [header, ...rows.map((row) => csvLine(row, options))].map((line) => line + eol).join('');
}

/** Columns of a person's identity, replaced by `[masqué]` in the quarantine (docs/privacy.md). */
const IDENTITY_COLUMNS = new Set(['operator_passenger_id', 'passenger_identity_key', 'operator_driver_id', 'driver_identity_key']);

/** The `raw` kept for a rejected line: its cells joined again, quoted only where needed, identities masked. */
function rawLine(row: Row, columns: readonly string[] = TERRITORY_COLUMNS, delimiter = ';'): string {
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

beforeEach(async () => {
  store = new TempStore();
  // Opening the services creates and migrates the store; the importer then works on the file by itself.
  await (await store.open({ now: () => NOW })).close();
});

afterEach(async () => {
  await store.cleanup();
});

function write(name: string, content: string | Buffer): string {
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

async function descriptorsClosed(path: string): Promise<number> {
  for (let attempt = 0; attempt < 50 && openDescriptors(path) > 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return openDescriptors(path);
}

interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (step: string, current: number, total: number) => void;
}

async function newBatch(path: string): Promise<number> {
  return new TripsRepository(store.sql()).createBatch({ jobId: null, source: path, format: 'à détecter', startedAt: NOW.toISOString() });
}

function run(path: string, batchId: number, options: RunOptions = {}): Promise<ImportSummary> {
  return importExtract(
    { dbFile: store.dbFile, filePath: path, batchId, pseudonymKey: TEST_PSEUDONYM_KEY },
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
async function importFile(path: string, options: RunOptions = {}): Promise<{ summary: ImportSummary; rejected: RejectedDbRow[] }> {
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
async function importFails(path: string): Promise<string> {
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
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} : toujours en cours après ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function trip(journeyId: number): Promise<Record<string, unknown>> {
  return store.sql()('trips').where({ journey_id: journeyId }).first();
}

// ----- Tests ---------------------------------------------------------------------------------------------------

describe('importExtract — a clean territory export', () => {
  it('stores every line in the canonical units with its geography, operator and batch', async () => {
    const path = write('rpc-2025-03-14-territory.csv', csv([
      territoryRow(1),
      territoryRow(2, { start_datetime: '2024-01-15 07:50:00', end_datetime: '2024-01-15 08:10:00', status: 'fraud_error', cee_application: 1 }),
      territoryRow(3, { start_datetime: '2024-04-30 23:50:00', end_datetime: '2024-05-01 00:10:00', start_insee: '99138', start_commune: '', start_pays: 'Monaco' }),
    ]));
    const progress: string[] = [];
    const { summary, rejected } = await importFile(path, { onProgress: (step) => progress.push(step) });

    expect(summary).toMatchObject({
      fileName: 'rpc-2025-03-14-territory.csv',
      formats: ['territory'],
      rowsRead: 3,
      rowsInserted: 3,
      rowsUpdated: 0,
      rowsUnchanged: 0,
      rowsRejected: 0,
      periodFrom: '2024-01-15',
      periodTo: '2024-04-30',
      unresolvedCodes: {},
      ignoredColumns: [],
      duplicateOf: null,
    });
    expect(rejected).toEqual([]);
    expect(progress[0]).toBe('hash');
    expect(progress).toContain('import');

    const operator = await store.sql()('operators').where({ name: 'BlaBlaCar Daily' }).first();
    expect(operator.registry_uuid).toBe(operatorUuid('BlaBlaCar Daily'));
    expect(await trip(48_000_001)).toMatchObject({
      natural_key: 'j:48000001',
      batch_id: summary.batchId,
      source_line: 2,
      operator_id: operator.id,
      operator_class: 'C',
      status: 'ok',
      start_at: '2024-04-16T06:10:00Z',
      start_local: '2024-04-16 08:10:00',
      end_at: '2024-04-16T06:30:00Z',
      duration_s: 836,
      distance_m: 17_050,
      start_lat: 49.006,
      start_insee: '95051',
      start_com: '95051',
      start_epci: '200058485',
      // Île-de-France communes carry IDFM in the AOM table shipped with the store.
      start_aom: IDFM_SIREN,
      start_dep: '95',
      start_reg: '11',
      start_country: FRANCE,
      end_com: '95127',
      driver_revenue_cents: 220,
      passenger_contribution_cents: 0,
      seats: 1,
      cee_application: 0,
      op_incentive_0_cents: 170,
      op_incentive_1_cents: 50,
      op_incentive_2_cents: null,
    });
    expect(await trip(48_000_002)).toMatchObject({ status: 'fraud_error', start_at: '2024-01-15T06:50:00Z', cee_application: 1, source_line: 3 });
    expect(await trip(48_000_003)).toMatchObject({ start_insee: '99138', start_com: null, start_country: '99138', end_at: '2024-04-30T22:10:00Z' });

    // AOM names read in territory extracts are learned per commune.
    expect(await store.sql()('aom_names_learned').orderBy('commune')).toEqual([
      { commune: '95051', aom_name: IDFM, seen: 2 },
      { commune: '95127', aom_name: IDFM, seen: 3 },
      { commune: '99138', aom_name: IDFM, seen: 1 },
    ]);
    expect(await descriptorsClosed(path)).toBe(0);
  });
});

describe('importExtract — header and delimiter', () => {
  it('refuses a header no delimiter splits', async () => {
    const path = write('barres.csv', `${TERRITORY_COLUMNS.join('|')}\n1|2|3\n`);
    expect(await importFails(path)).toBe('barres.csv : en-tête illisible, aucun séparateur « ; », « , » ni tabulation');
  });

  it('rejects every line of a file whose header uses commas but whose lines use semicolons', async () => {
    const path = write('melange.csv', csv([territoryRow(1), territoryRow(2)], { header: TERRITORY_COLUMNS.join(',') }));
    const { summary, rejected } = await importFile(path);
    expect(summary).toMatchObject({ formats: ['territory'], rowsRead: 2, rowsInserted: 0, rowsRejected: 2 });
    expect(rejected.map((r) => [r.line, r.field, r.reason, r.detail])).toEqual([
      [2, null, 'ligne incomplète', '1 champs au lieu de 65'],
      [3, null, 'ligne incomplète', '1 champs au lieu de 65'],
    ]);
    expect(await store.count('trips')).toBe(0);
  });

  it('reads a territory export re-saved with commas (the delimiter comes from the header)', async () => {
    const path = write('virgules.csv', csv([territoryRow(1), territoryRow(2, { start_commune: 'Paris, 16e' })], { delimiter: ',' }));
    const { summary } = await importFile(path);
    expect(summary).toMatchObject({ formats: ['territory'], rowsRead: 2, rowsInserted: 2, rowsRejected: 0 });
    expect(await trip(48_000_002)).toMatchObject({ distance_m: 17_050, driver_revenue_cents: 220 });
  });

  it('refuses a file missing columns, naming them', async () => {
    const columns = TERRITORY_COLUMNS.filter((column) => column !== 'distance' && column !== 'operator_class');
    const path = write('incomplet.csv', csv([territoryRow(1)], { columns }));
    expect(await importFails(path)).toBe(
      'incomplet.csv : en-tête incomplet pour un export territoire (65 colonnes) : colonnes manquantes operator_class, distance',
    );
  });

  it('releases a large file refused at its header', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => territoryRow(i + 1));
    const path = write('gros-incomplet.csv', csv(rows, { columns: TERRITORY_COLUMNS.filter((column) => column !== 'status') }));
    expect(await importFails(path)).toBe('gros-incomplet.csv : en-tête incomplet pour un export territoire (65 colonnes) : colonnes manquantes status');
  });

  it('refuses a CSV that is not a registry extract', async () => {
    const path = write('contacts.csv', 'nom;prénom;ville\nDupont;Jean;Cergy\n');
    expect(await importFails(path)).toBe('contacts.csv : en-tête non reconnu : ce n’est pas un extrait du registre (3 colonnes, dont « nom », « prénom », « ville »)');
  });

  it('accepts extra columns anywhere, reports them and still reads each column by name', async () => {
    const columns = ['commentaire', ...TERRITORY_COLUMNS.slice(0, 13), 'zone', ...TERRITORY_COLUMNS.slice(13)];
    const path = write('colonnes-en-plus.csv', csv([territoryRow(1, { commentaire: 'vu', zone: 'Nord' }), territoryRow(2)], { columns }));
    const { summary } = await importFile(path);
    expect(summary).toMatchObject({ formats: ['territory'], rowsRead: 2, rowsInserted: 2, rowsRejected: 0, ignoredColumns: ['commentaire', 'zone'] });
    expect(await trip(48_000_001)).toMatchObject({ distance_m: 17_050, start_lat: 49.006, start_insee: '95051', driver_revenue_cents: 220 });
  });

  it('reads an operator export (no operator column) without creating an operator', async () => {
    const columns = TERRITORY_COLUMNS.filter((column) => column !== 'operator');
    const { summary } = await importFile(write('operateur.csv', csv([territoryRow(1)], { columns })));
    expect(summary).toMatchObject({ formats: ['operator'], rowsInserted: 1 });
    expect(await trip(48_000_001)).toMatchObject({ operator_id: null, natural_key: 'j:48000001' });
    expect(await store.count('operators')).toBe(0);
  });

  it('accepts lines ended by a delimiter when the header is too', async () => {
    const text = csv([territoryRow(1), territoryRow(2)]).replace(/\n/g, ';\n');
    const { summary } = await importFile(write('point-virgule-final.csv', text));
    expect(summary).toMatchObject({ rowsRead: 2, rowsInserted: 2, rowsRejected: 0, ignoredColumns: [] });
  });

  it('accepts a header with two empty cells (columns left over by a spreadsheet)', async () => {
    const text = csv([territoryRow(1), territoryRow(2)]).replace(/\n/g, ';;\n');
    const { summary } = await importFile(write('deux-vides.csv', text));
    expect(summary).toMatchObject({ rowsRead: 2, rowsInserted: 2, rowsRejected: 0, ignoredColumns: [] });
  });
});

describe('importExtract — rejected lines', () => {
  it('quarantines each bad line with its line, field, stable reason and raw text, and keeps the others', async () => {
    const rows = [
      territoryRow(1),
      territoryRow(2, { start_datetime: '2024-02-30 08:10:00' }),
      territoryRow(3, { end_datetime: '2024-04-16 25:00:00' }),
      territoryRow(4, { distance: -1.5 }),
      territoryRow(5, { distance: 1000.001 }),
      territoryRow(6, { operator_class: 'D' }),
      territoryRow(7, { start_insee: '97999', end_insee: '2A004' }),
      territoryRow(8, { driver_revenue: 'abc' }),
      territoryRow(9),
    ];
    const path = write('anomalies.csv', csv(rows));
    const { summary, rejected } = await importFile(path);

    expect(summary).toMatchObject({
      rowsRead: 9,
      rowsInserted: 3,
      rowsUpdated: 0,
      rowsUnchanged: 0,
      rowsRejected: 6,
      unresolvedCodes: { '97999': 1, '2A004': 1 },
    });
    expect(rejected).toEqual([
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 3, field: 'start_datetime', reason: 'date invalide', detail: '« 2024-02-30 08:10:00 »', raw: rawLine(rows[1] as Row) },
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 4, field: 'end_datetime', reason: 'heure invalide', detail: '« 2024-04-16 25:00:00 »', raw: rawLine(rows[2] as Row) },
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 5, field: 'distance', reason: 'distance négative', detail: '(-1500 m)', raw: rawLine(rows[3] as Row) },
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 6, field: 'distance', reason: 'distance hors bornes', detail: '(1000001 m, maximum 1 000 km)', raw: rawLine(rows[4] as Row) },
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 7, field: 'operator_class', reason: 'classe de preuve inconnue', detail: '« D » (attendu A, B ou C)', raw: rawLine(rows[5] as Row) },
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 9, field: 'driver_revenue', reason: 'nombre invalide', detail: '« abc »', raw: rawLine(rows[7] as Row) },
    ]);
    // A code that resolves nowhere is kept on the journey as published, not rejected.
    expect(await trip(48_000_007)).toMatchObject({ start_insee: '97999', start_com: null, end_insee: '2A004', end_com: null, source_line: 8 });
    expect((await store.sql()('trips').orderBy('journey_id').pluck('journey_id')).map(Number)).toEqual([48_000_001, 48_000_007, 48_000_009]);
  });

  it('rejects the second copy of a journey in the same file, naming the line of the first', async () => {
    const rows = [territoryRow(1), territoryRow(2), territoryRow(1, { status: 'fraud_error' }), territoryRow(3), territoryRow(2)];
    const { summary, rejected } = await importFile(write('doublons.csv', csv(rows)));
    expect(summary).toMatchObject({ rowsRead: 5, rowsInserted: 3, rowsRejected: 2 });
    expect(rejected.map((r) => [r.line, r.field, r.reason, r.detail, r.raw])).toEqual([
      [4, 'journey_id', 'trajet en double dans le fichier', 'déjà lu ligne 2', rawLine(rows[2] as Row)],
      [6, 'journey_id', 'trajet en double dans le fichier', 'déjà lu ligne 3', rawLine(rows[4] as Row)],
    ]);
    // The first copy is the one kept.
    expect(await trip(48_000_001)).toMatchObject({ status: 'ok', source_line: 2 });
  });

  it('does not count the codes of a rejected duplicate as unresolved', async () => {
    const rows = [territoryRow(1, { end_insee: '97999' }), territoryRow(1, { end_insee: '97999' })];
    const { summary } = await importFile(write('doublon-code.csv', csv(rows)));
    expect(summary).toMatchObject({ rowsInserted: 1, rowsRejected: 1, unresolvedCodes: { '97999': 1 } });
  });

  it('rejects a truncated last line as incomplete', async () => {
    const full = csv([territoryRow(1), territoryRow(2)]);
    const third = csvLine(territoryRow(3));
    const cut = third.split(';').slice(0, 30).join(';');
    const { summary, rejected } = await importFile(write('tronque.csv', `${full}${cut}`));
    expect(summary).toMatchObject({ rowsRead: 3, rowsInserted: 2, rowsRejected: 1 });
    // A line short of cells may have lost a delimiter: a cell up to three places before an identity column is masked.
    const kept = [...cut.replace(/"/g, '').split(';').slice(0, 29), '[masqué]'].join(';');
    expect(rejected).toMatchObject([{ line: 4, field: null, reason: 'ligne incomplète', detail: '30 champs au lieu de 65', raw: kept }]);
  });

  it('rejects a last line cut inside a quoted cell as an unclosed quote', async () => {
    const third = csvLine(territoryRow(3));
    const cut = third.slice(0, third.indexOf('"Beauchamp"') + 5);
    const { summary, rejected } = await importFile(write('guillemet.csv', `${csv([territoryRow(1)])}${cut}`));
    expect(summary).toMatchObject({ rowsRead: 2, rowsInserted: 1, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ line: 3, field: null, reason: 'guillemet non fermé' }]);
  });

  it('reports a malformed quote on its own line, deep in a file read in several chunks', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => territoryRow(i + 1));
    const lines = csv(rows).split('\n');
    lines[2_500] = (lines[2_500] ?? '').replace('"Beauchamp"', '"Beauchamp"x');
    const { summary, rejected } = await importFile(write('guillemet-mal-place.csv', lines.join('\n')));
    expect(summary).toMatchObject({ rowsRead: 3_000, rowsInserted: 2_999, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ line: 2_501, field: null, reason: expect.stringMatching(/^CSV invalide \(.+\)$/) }]);
    expect(rejected[0]?.raw).toContain(String(48_002_500));
    expect(await trip(48_003_000)).toMatchObject({ source_line: 3_001 });
  });

  it('rejects a line with more cells than the header', async () => {
    const rows = [territoryRow(1), territoryRow(2)];
    const text = csv(rows).replace(`${csvLine(rows[1] as Row)}\n`, `${csvLine(rows[1] as Row)};"de trop"\n`);
    const { summary, rejected } = await importFile(write('trop-long.csv', text));
    expect(summary).toMatchObject({ rowsRead: 2, rowsInserted: 1, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ line: 3, field: null, reason: 'ligne trop longue', detail: '66 champs au lieu de 65' }]);
  });
});

describe('importExtract — the regional dump', () => {
  it('reads the psql dump: commas, quotes only where needed, t/f booleans and raw statuses', async () => {
    const header = DUMP_COLUMNS.join(',');
    const line = (n: number, values: Record<string, string>): string => {
      const row: Record<string, string> = {
        journey_id: String(60_000_000 + n), operator_journey_id: `opj-${n}`, operator_class: 'B', acquisition_status: 'processed',
        fraud_status: 'passed', anomaly_status: 'passed', start_datetime: '2025-01-10 07:40:00', end_datetime: '2025-01-10 08:10:00',
        duration: '00:27:12', distance: '21.4', start_insee: '95051', end_insee: '95127', operator: 'Karos', driver_revenue: '1.5',
        passenger_contribution: '0.5', passenger_seats: '1', cee_application: 'f', start_commune: 'Beauchamp', ...values,
      };
      return DUMP_COLUMNS.map((column) => {
        const cell = row[column] ?? '';
        return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
      }).join(',');
    };
    const text = [header, line(1, {}), line(2, { fraud_status: 'failed', cee_application: 't', start_commune: 'Paris, 16e "Auteuil"' }), line(3, { anomaly_status: 'failed', operator_class: 'E' })].join('\n');
    const { summary, rejected } = await importFile(write('pdll2025.csv', `${text}\n`));
    expect(summary).toMatchObject({ formats: ['dump'], rowsRead: 3, rowsInserted: 2, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ line: 4, field: 'operator_class', reason: 'classe de preuve inconnue' }]);
    expect(rejected[0]?.raw.split(',')).toHaveLength(66);
    expect(await trip(60_000_001)).toMatchObject({ status: 'ok', fraud_status: 'passed', cee_application: 0, distance_m: 21_400, start_at: '2025-01-10T06:40:00Z' });
    expect(await trip(60_000_002)).toMatchObject({ status: 'fraud_error', cee_application: 1 });
    expect(await store.sql()('operators').where({ name: 'Karos' }).first()).toMatchObject({ registry_uuid: operatorUuid('Karos') });
  });
});

describe('importExtract — files read before', () => {
  it('counts identical journeys of a newer extract as unchanged and changed ones as updated', async () => {
    const first = await importFile(write('semaine-1.csv', csv([territoryRow(1), territoryRow(2), territoryRow(3)])));
    expect(first.summary).toMatchObject({ rowsInserted: 3 });

    const second = await importFile(write('semaine-2.csv', csv([
      territoryRow(1),
      territoryRow(2, { status: 'fraud_error' }),
      territoryRow(3),
      territoryRow(4),
    ])));
    expect(second.summary).toMatchObject({ rowsRead: 4, rowsInserted: 1, rowsUpdated: 1, rowsUnchanged: 2, rowsRejected: 0, periodFrom: '2024-04-16', periodTo: '2024-04-16' });
    expect(await store.sql()('import_batches').where({ id: second.summary.batchId }).first()).toMatchObject({ rows_updated: 1, rows_unchanged: 2 });
    expect(await trip(48_000_002)).toMatchObject({ status: 'fraud_error', batch_id: second.summary.batchId });
    expect(await trip(48_000_001)).toMatchObject({ status: 'ok', batch_id: first.summary.batchId });

    const third = await importFile(write('semaine-3.csv', csv([territoryRow(3, { incentive_0_amount: '2.1', incentive_rpc_0_amount: '0.5' })])));
    expect(third.summary).toMatchObject({ rowsRead: 1, rowsInserted: 0, rowsUpdated: 1, rowsUnchanged: 0 });
    expect(await trip(48_000_003)).toMatchObject({ op_incentive_0_cents: 210, rpc_incentive_0_cents: 50, batch_id: third.summary.batchId });
    expect(await store.count('trips')).toBe(4);

    // The same journeys in another order, with other line endings: nothing changes, whatever their lines.
    const again = await importFile(write('semaine-2-et-3.csv', csv([
      territoryRow(4),
      territoryRow(3, { incentive_0_amount: '2.1', incentive_rpc_0_amount: '0.5' }),
      territoryRow(2, { status: 'fraud_error' }),
      territoryRow(1),
    ], { eol: '\r\n' })));
    expect(again.summary).toMatchObject({ rowsRead: 4, rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 4 });
    expect(await trip(48_000_002)).toMatchObject({ status: 'fraud_error', batch_id: second.summary.batchId, source_line: 3 });
  });

  it('changes stored journeys only when the batch commits: a cancelled import leaves them as they were', async () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => territoryRow(i + 1));
    await importFile(write('mois-1.csv', csv(rows)));

    // The same month again, the first journey flagged as fraud: two write transactions (5,000 lines each at most).
    const path = write('mois-1-bis.csv', csv([territoryRow(1, { status: 'fraud_error' }), ...rows.slice(1), territoryRow(7_000)]));
    const batchId = await newBatch(path);
    const controller = new AbortController();
    const error = await run(path, batchId, {
      signal: controller.signal,
      onProgress: (step, current) => {
        if (step === 'import' && current > 0) controller.abort();
      },
    }).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(ImportCancelled);
    expect(await store.count('import_staged_updates', { batch_id: batchId })).toBe(1);
    expect(await trip(48_000_001)).toMatchObject({ status: 'ok' });

    await new TripsRepository(store.sql()).discardBatch(batchId, 'cancelled', NOW.toISOString());
    expect(await store.count('import_staged_updates')).toBe(0);
    expect(await trip(48_000_001)).toMatchObject({ status: 'ok' });
    expect(await store.count('trips')).toBe(6_000);
    expect(await descriptorsClosed(path)).toBe(0);
  });

  it('does nothing when the very same file is imported again', async () => {
    const path = write('rpc-territory.csv', csv([territoryRow(1), territoryRow(2), territoryRow(3, { operator_class: 'D' })]));
    const first = await importFile(path);
    expect(first.summary).toMatchObject({ rowsRead: 3, rowsInserted: 2, rowsRejected: 1, duplicateOf: null });

    const again = await importFile(path);
    expect(again.summary).toMatchObject({
      duplicateOf: first.summary.batchId,
      formats: ['territory'],
      rowsRead: 3,
      rowsInserted: 0,
      rowsUpdated: 0,
      rowsUnchanged: 3,
      rowsRejected: 0,
    });
    expect(again.rejected).toEqual([]);
    expect(await store.count('trips')).toBe(2);
    const batches = await store.sql()('import_batches').orderBy('id').select('content_hash', 'status', 'format');
    expect(batches).toHaveLength(2);
    expect(batches[1]).toEqual({ ...batches[0] });
  });
});

describe('importExtract — line endings, quotes and encodings', () => {
  it('reads CRLF line endings', async () => {
    const rows = [territoryRow(1), territoryRow(2, { operator_class: 'D' }), territoryRow(3)];
    const { summary, rejected } = await importFile(write('crlf.csv', csv(rows, { eol: '\r\n' })));
    expect(summary).toMatchObject({ rowsRead: 3, rowsInserted: 2, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ line: 3, reason: 'classe de preuve inconnue', raw: rawLine(rows[1] as Row) }]);
    expect(await trip(48_000_003)).toMatchObject({ source_line: 4, operator_class: 'C' });
  });

  it('keeps line numbers right after cells holding line breaks', async () => {
    const rows = [
      territoryRow(1, { start_commune: 'Beauchamp\nVal-d’Oise' }),
      territoryRow(2, { incentive_0_name: 'ILE-DE-FRANCE\r\nMOBILITES\r\n(IDFM)' }),
      territoryRow(3, { operator_class: 'D' }),
      territoryRow(4),
    ];
    const { summary, rejected } = await importFile(write('sauts.csv', csv(rows, { eol: '\r\n' })));
    expect(summary).toMatchObject({ rowsRead: 4, rowsInserted: 3, rowsRejected: 1 });
    // Line 2 spans 2 lines, line 4 spans 3: the third journey starts on line 7.
    expect(rejected).toMatchObject([{ line: 7, field: 'operator_class', raw: rawLine(rows[2] as Row) }]);
    expect(await trip(48_000_002)).toMatchObject({ source_line: 4, op_incentive_0_name: 'ILE-DE-FRANCE\r\nMOBILITES\r\n(IDFM)' });
    expect(await trip(48_000_004)).toMatchObject({ source_line: 8 });
  });

  it('reads a UTF-8 file with a BOM', async () => {
    const { summary } = await importFile(write('bom.csv', `\uFEFF${csv([territoryRow(1)])}`));
    expect(summary).toMatchObject({ formats: ['territory'], rowsInserted: 1, ignoredColumns: [] });
    expect(await trip(48_000_001)).toMatchObject({ natural_key: 'j:48000001' });
  });

  it('converts Windows-1252 accents to UTF-8', async () => {
    const rows = [
      territoryRow(1, { start_insee: '91228', start_commune: 'Évry-Courcouronnes', start_aom: IDFM }),
      territoryRow(2, { start_insee: '91228', start_commune: 'Évry-Courcouronnes', start_departement: 'Val-d’Oise', operator_class: 'D' }),
    ];
    // Windows-1252 is Latin-1 plus typographic characters in 0x80–0x9F: the apostrophe ’ is 0x92.
    const bytes = Buffer.from(csv(rows).replace(/’/g, '\u0092'), 'latin1');
    expect(bytes.includes(Buffer.from([0xc9]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x92]))).toBe(true);
    const { summary, rejected } = await importFile(write('windows-1252.csv', bytes));
    expect(summary).toMatchObject({ rowsRead: 2, rowsInserted: 1, rowsRejected: 1, encoding: 'windows-1252' });
    // The sync log says which encoding was decided.
    expect(await store.sql()('import_batches').where({ id: summary.batchId }).first('encoding')).toEqual({ encoding: 'windows-1252' });
    expect(rejected[0]?.raw).toBe(rawLine(rows[1] as Row));
    expect(rejected[0]?.raw).toContain(';Évry-Courcouronnes;Val-d’Oise;');
    expect(await store.sql()('aom_names_learned').where({ commune: '91228' }).first()).toMatchObject({ aom_name: IDFM });
  });

  it('refuses a UTF-8 file that turns into Windows-1252 far from where the encoding was chosen, naming both places', async () => {
    // The encoding is chosen on the first non-ASCII character (line 2); a Windows-1252 É comes more than 1 MiB later.
    const rows = Array.from({ length: 2_000 }, (_, i) => territoryRow(i + 1));
    const head = Buffer.from(csv(rows), 'utf8');
    expect(head.length).toBeGreaterThan(1024 * 1024);
    const tail = Buffer.from(`${csvLine(territoryRow(2_001, { start_commune: 'Évry' }))}\n`, 'latin1');
    const path = write('melange.csv', Buffer.concat([head, tail]));
    const batchId = await newBatch(path);
    const error = await run(path, batchId).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ExtractFileError);
    expect((error as Error).message).toMatch(
      /^melange\.csv : encodage mélangé, fichier refusé : lu en UTF-8 d’après « Î » écrit en UTF-8 ligne 2 \(octet n° 1\u202f459\), mais la ligne 2\u202f002 \(octet n° [\d\u202f]+\) contient l’octet 0xC9 \(« É » en Windows-1252\), qui n’est pas de l’UTF-8 — réenregistrez tout le fichier en UTF-8$/,
    );
    // The runner discards what the batch wrote before the failure (see import-job.test.ts).
    expect(await store.count('rejected_rows')).toBe(0);
    expect(await descriptorsClosed(path)).toBe(0);
  });

  it('refuses UTF-16, saying what to do', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv([territoryRow(1)]), 'utf16le')]);
    expect(await importFails(write('utf16.csv', bytes))).toBe('utf16.csv : encodage UTF-16 non pris en charge — enregistrez le fichier en UTF-8');
  });
});

describe('importExtract — empty files', () => {
  it('refuses an empty file', async () => {
    expect(await importFails(write('vide.csv', ''))).toBe('vide.csv : fichier vide');
  });

  it('refuses a file holding only a BOM and blank lines', async () => {
    expect(await importFails(write('blanc.csv', '\uFEFF\n\n'))).toBe('blanc.csv : fichier vide');
  });

  it('refuses a header alone, saying there is no data line', async () => {
    expect(await importFails(write('en-tete.csv', csv([])))).toBe('en-tete.csv : aucune ligne de données, seulement l’en-tête : rien à importer');
  });

  it('refuses a header without final line break, and ignores blank lines', async () => {
    const header = csv([]).trimEnd();
    expect(await importFails(write('en-tete-seul.csv', `${header}\n\n`))).toBe('en-tete-seul.csv : aucune ligne de données, seulement l’en-tête : rien à importer');
    expect(await importFails(write('en-tete-sans-fin.csv', header))).toBe('en-tete-sans-fin.csv : aucune ligne de données, seulement l’en-tête : rien à importer');
    const { summary } = await importFile(write('lignes-vides.csv', `${header}\n\n${csvLine(territoryRow(1))}\n\n`));
    expect(summary).toMatchObject({ rowsRead: 1, rowsInserted: 1 });
    expect(await trip(48_000_001)).toMatchObject({ source_line: 3 });
  });
});

describe('importExtract — archives', () => {
  it('reads a gzip-compressed CSV, whatever its name', async () => {
    const data = gzipSync(Buffer.from(csv([territoryRow(1), territoryRow(2, { operator_class: 'D' })])));
    const { summary, rejected } = await importFile(write('extrait.csv.gz', data));
    expect(summary).toMatchObject({ fileName: 'extrait.csv.gz', formats: ['territory'], rowsRead: 2, rowsInserted: 1, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ file_name: 'extrait.csv.gz', line: 3 }]);

    const renamed = await importFile(write('sans-extension.csv', gzipSync(Buffer.from(csv([territoryRow(3)])))));
    expect(renamed.summary).toMatchObject({ rowsInserted: 1 });
  });

  it('imports every CSV of a zip, naming the member in the quarantine', async () => {
    const territory = csv([territoryRow(1), territoryRow(2, { operator_class: 'D' })]);
    const openData = csv([openDataRow(1), openDataRow(2, { journey_distance: -5 })], { columns: OPENDATA_COLUMNS });
    const path = write('rpc-2025-03-14-territory.zip', zipArchive([
      { name: 'rpc-2025-03-14-territory.csv', data: Buffer.from(territory) },
      { name: 'LISEZMOI.txt', data: Buffer.from('rien') },
      { name: 'donnees/2023-01.csv', data: Buffer.from(openData), deflate: false },
    ]));
    const { summary, rejected } = await importFile(path);
    expect(summary).toMatchObject({ formats: ['territory', 'opendata'], rowsRead: 4, rowsInserted: 2, rowsRejected: 2, periodFrom: '2023-01-01', periodTo: '2024-04-16' });
    expect(rejected.map((r) => [r.file_name, r.line, r.reason])).toEqual([
      ['rpc-2025-03-14-territory.zip › rpc-2025-03-14-territory.csv', 3, 'classe de preuve inconnue'],
      ['rpc-2025-03-14-territory.zip › donnees/2023-01.csv', 3, 'distance négative'],
    ]);
    expect(await store.sql()('import_batches').where({ id: summary.batchId }).first()).toMatchObject({ format: 'territory+opendata' });
    expect(await trip(11_000_001)).toMatchObject({ start_com: '84007', start_at: '2022-12-31T23:00:00Z', has_incentive: 1, operator_id: null });
    expect(await descriptorsClosed(path)).toBe(0);
  });

  it('refuses a zip without CSV', async () => {
    const path = write('notes.zip', zipArchive([{ name: 'notes.txt', data: Buffer.from('bonjour') }]));
    expect(await importFails(path)).toBe('notes.zip : l’archive ne contient aucun fichier .csv');
  });

  it('refuses a truncated zip', async () => {
    const whole = zipArchive([
      { name: 'a.csv', data: Buffer.from(csv([territoryRow(1)])) },
      { name: 'b.csv', data: Buffer.from(csv([territoryRow(2)])) },
    ]);
    const message = await importFails(write('tronque.zip', whole.subarray(0, Math.floor(whole.length * 0.6))));
    expect(message).toMatch(/^tronque\.zip : archive zip illisible ou tronquée \(.+\)$/);
  });

  it('refuses a zip whose member is corrupted, without hanging', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => territoryRow(i + 1, { operator_passenger_id: `p-${(i * 7919) % 1009}` }));
    const path = write('abime.zip', zipArchive([{ name: 'abime.csv', data: Buffer.from(csv(rows)), corrupt: true }]));
    const message = await within(importFails(path), 20_000, 'import du zip abîmé');
    expect(message).toMatch(/^abime\.zip › abime\.csv : archive zip illisible ou tronquée \(.+\)$/);
  });

  it('refuses a zip bomb before inflating it, leaving the store unchanged', async () => {
    await importFile(write('avant.csv', csv([territoryRow(1)])));
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    const path = write('bombe.zip', zipArchive([{ name: 'bombe.csv', data: zeros }]));
    const message = await importFails(path);
    expect(message).toMatch(/^bombe\.zip : archive refusée, bombe\.csv se décompresse \d+ fois sa taille \(bombe de décompression \?\)$/);
    expect(Number(/(\d+) fois/.exec(message)?.[1])).toBeGreaterThan(200);
    expect(await store.count('trips')).toBe(1);
  });

  it('refuses a zip bomb that lies about its size, while inflating it', async () => {
    const bomb = Buffer.concat([Buffer.from(csv([])), Buffer.alloc(50 * 1024 * 1024, 0x0a)]);
    const compressed = deflateRawSync(bomb).length;
    const path = write('menteuse.zip', zipArchive([{ name: 'menteuse.csv', data: bomb, declaredSize: compressed * 10 }]));
    const message = await within(importFails(path), 20_000, 'import de la bombe menteuse');
    expect(message).toMatch(/^menteuse\.zip › menteuse\.csv : /);
  });

  it('refuses a gzip bomb while inflating it', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(csv([])), Buffer.alloc(50 * 1024 * 1024, 0x0a)]));
    const message = await within(importFails(write('bombe.csv.gz', bomb)), 20_000, 'import de la bombe gzip');
    expect(message).toBe('bombe.csv.gz : archive refusée, elle se décompresse au-delà de 200 fois sa taille (bombe de décompression ?)');
  });

  it('refuses a truncated gzip file', async () => {
    const whole = gzipSync(Buffer.from(csv(Array.from({ length: 200 }, (_, i) => territoryRow(i + 1)))));
    const message = await within(importFails(write('tronque.csv.gz', whole.subarray(0, Math.floor(whole.length / 2)))), 20_000, 'import du gzip tronqué');
    expect(message).toMatch(/^tronque\.csv\.gz : fichier gzip illisible ou tronqué \(.+\)$/);
  });
});

describe('importExtract — cancel', () => {
  it('stops while hashing when cancelled before it starts', async () => {
    const path = write('annule.csv', csv([territoryRow(1)]));
    const controller = new AbortController();
    controller.abort();
    const batchId = await newBatch(path);
    await expect(run(path, batchId, { signal: controller.signal })).rejects.toBeInstanceOf(ImportCancelled);
    expect(await store.count('trips')).toBe(0);
  });

  it('refuses a file that does not exist', async () => {
    const path = join(store.dir, 'absent.csv');
    const batchId = await newBatch(path);
    const error = await run(path, batchId).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ExtractFileError);
    expect((error as Error).message).toBe('absent.csv : fichier introuvable ou illisible');
  });
});

describe('importExtract — the real open-data samples', () => {
  const dir = resolvePath(__dirname, '../../../../shared/data/opendata');
  const head2022 = join(dir, '2022-01-head-5000.csv');
  const head2023 = join(dir, '2023-01-head-5.csv');
  const present = existsSync(head2022) && existsSync(head2023);
  if (!present) console.warn(`Échantillons réels absents (${dir}) : tests des données ouvertes réelles ignorés.`);

  it.skipIf(!present)('imports the 5,000 rows of January 2022 (29 columns) and the 5 rows of January 2023 (27 columns)', async () => {
    const lines2022 = readFileSync(head2022, 'utf8').split('\n').filter((line) => line !== '').length - 1;
    expect(lines2022).toBe(5_000);

    const first = await importFile(head2022);
    expect(first.summary).toMatchObject({
      fileName: '2022-01-head-5000.csv',
      formats: ['opendata2022'],
      rowsRead: 5_000,
      rowsInserted: 5_000,
      rowsRejected: 0,
      ignoredColumns: [],
      periodFrom: '2022-01-01',
      periodTo: '2022-01-02',
    });
    expect(first.rejected).toEqual([]);
    expect(await trip(5_492_402)).toMatchObject({
      source_line: 2,
      start_at: '2021-12-31T23:00:00Z',
      start_local: '2022-01-01 00:00:00',
      end_at: '2022-01-01T00:00:00Z',
      start_insee: '78361',
      end_insee: '95572',
      distance_m: 43_572,
      duration_s: 64 * 60,
      seats: 1,
      operator_class: 'C',
      has_incentive: 1,
      status: null,
      operator_id: null,
    });

    const second = await importFile(head2023);
    expect(second.summary).toMatchObject({ formats: ['opendata'], rowsRead: 5, rowsInserted: 5, rowsRejected: 0, periodFrom: '2023-01-01', periodTo: '2023-01-01' });
    expect(await trip(11_462_665)).toMatchObject({ start_com: '84007', start_epci: '248400251', end_insee: '84087', distance_m: 30_484, duration_s: 1_800 });
    expect(await store.count('trips')).toBe(5_005);
    // Codes outside the test resolver's few communes are kept and reported, never rejected.
    const unresolved = Object.values(first.summary.unresolvedCodes).reduce((sum, n) => sum + n, 0);
    expect(unresolved).toBeGreaterThan(0);
  });
});
